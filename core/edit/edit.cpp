// Edit planning (checks, encoding, the object that carries a write) and the single write.
#include "core/edit/edit.h"

#include <span>

#include "core/edit/edit_spec.h"
#include "core/elements_in_range.h"
#include "core/layout.h"

namespace bufferlab {

namespace {

using Plan = std::variant<PlannedWrite, EditRefusal>;

const SnapshotObject* object_at(const Snapshot& snapshot, int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= snapshot.objects.size()) return nullptr;
  return &snapshot.objects[static_cast<std::size_t>(index)];
}

// Python object pointers are never written: a changed pointer crashes the interpreter later,
// far from the edit. Python refuses too ("memoryview: format O not supported").
std::string object_memory_refusal(const std::string& name) {
  return name + ": its memory holds Python object pointers (format 'O'); memoryview: format O not supported, "
                "and Buffer Lab never writes it";
}

// Whatever the route (an element, a byte, a carrier object, "view as"), the bytes a write
// lands on must not be an element of any object whose elements hold pointers.
std::optional<EditRefusal> refuse_object_memory(const Snapshot& snapshot, const PlannedWrite& write) {
  const SnapshotObject* target = object_at(snapshot, write.object_index);
  if (!target || write.bytes.empty()) return std::nullopt;
  const std::uintptr_t begin = write.address, end = write.address + write.bytes.size();
  std::vector<int> candidates;
  if (target->region >= 0 && static_cast<std::size_t>(target->region) < snapshot.regions.size())
    candidates = snapshot.regions[static_cast<std::size_t>(target->region)].objects;
  candidates.push_back(write.object_index);  // also when the snapshot has no regions
  for (int o : candidates) {
    const SnapshotObject* object = object_at(snapshot, o);
    if (!object || !format_holds_objects(object->facts.format)) continue;
    bool covered = false;
    const bool complete = for_elements_in_range(object->facts, begin, end, [&](std::int64_t, std::int64_t) {
      covered = true;
      return false;  // one is enough
    });
    // A walk that gave up cannot say the bytes are free of pointers: refused too.
    if (covered || !complete) return EditRefusal{object_memory_refusal(object->name)};
  }
  return std::nullopt;
}

Plan plan(const Snapshot& snapshot, const ElementWrite& write) {
  const SnapshotObject* object = object_at(snapshot, write.object_index);
  if (!object) return EditRefusal{"no such object in the snapshot"};
  const BufferFacts& facts = object->facts;
  if (facts.readonly) return EditRefusal{object->name + ": cannot modify read-only memory"};
  if (!facts.suboffsets.empty())
    return EditRefusal{object->name + ": indirect buffers (suboffsets) cannot be edited"};
  if (format_holds_objects(facts.format)) return EditRefusal{object_memory_refusal(object->name)};
  // A number past 64 bits arrives saturated (edit_spec.h): out of range, without the number.
  for (std::int64_t i : write.index)
    if (saturated_integer(i)) return EditRefusal{object->name + ": index out of range (beyond what 64 bits can index)"};
  std::vector<std::int64_t> index = write.index;
  if (auto error = normalize_index(facts, index)) return EditRefusal{object->name + ": " + *error};

  auto parsed = parse_format_of_export(facts.format, facts.itemsize);
  if (auto* error = std::get_if<FormatError>(&parsed)) return EditRefusal{object->name + ": " + error->describe()};
  const auto& format = std::get<ElementFormat>(parsed);
  auto encoded = encode_literal(format, write.literal);
  if (auto* error = std::get_if<FormatError>(&encoded)) return EditRefusal{object->name + ": " + error->describe()};

  const std::int64_t offset = element_byte_offset(facts, index);
  return PlannedWrite{write.object_index, offset, facts.address + static_cast<std::uintptr_t>(offset),
                      std::move(std::get<std::vector<std::uint8_t>>(encoded))};
}

Plan plan(const Snapshot& snapshot, const ObjectByteWrite& write) {
  const SnapshotObject* object = object_at(snapshot, write.object_index);
  if (!object) return EditRefusal{"no such object in the snapshot"};
  if (write.value < 0 || write.value > 255)
    return EditRefusal{object->name + ": " + (saturated_integer(write.value) ? std::string("the value") : std::to_string(write.value)) +
                       " does not fit in a byte (0..255)"};
  const BufferFacts& facts = object->facts;
  if (facts.readonly) return EditRefusal{object->name + ": cannot modify read-only memory"};
  if (saturated_integer(write.offset))
    return EditRefusal{object->name + ": byte offset out of range (beyond 64 bits; its buffer has " +
                       std::to_string(facts.len) + " bytes)"};
  if (write.offset < 0 || write.offset >= facts.len)
    return EditRefusal{object->name + ": byte offset " + std::to_string(write.offset) +
                       " is out of range (its buffer has " + std::to_string(facts.len) + " bytes)"};
  // buf + offset must also lie inside the memory the view spans: for a reversed view buf is
  // its last element, and bytes past it belong to nobody.
  const std::uintptr_t address = facts.address + static_cast<std::uintptr_t>(write.offset);
  if (address < object->footprint.begin || address >= object->footprint.end)
    return EditRefusal{object->name + ": byte offset " + std::to_string(write.offset) +
                       " lies outside the memory this view spans"};
  return PlannedWrite{write.object_index, write.offset, address, {static_cast<std::uint8_t>(write.value)}};
}

Plan plan(const Snapshot& snapshot, const RegionBytesWrite& write) {
  if (write.region < 0 || static_cast<std::size_t>(write.region) >= snapshot.regions.size())
    return EditRefusal{"no such region in the snapshot"};
  const std::uintptr_t begin = write.address, end = write.address + write.bytes.size();
  // The carrier: a C-contiguous object of the region whose bytes [buf, buf + len) hold the
  // range, a writable one first; a read-only one only to say so.
  const SnapshotObject* carrier = nullptr;
  int carrier_index = -1;
  for (int o : snapshot.regions[static_cast<std::size_t>(write.region)].objects) {
    const SnapshotObject& object = snapshot.objects[static_cast<std::size_t>(o)];
    const BufferFacts& f = object.facts;
    if (!f.c_contiguous) continue;
    if (begin < f.address || end > f.address + static_cast<std::uintptr_t>(f.len)) continue;
    if (!carrier || (carrier->facts.readonly && !f.readonly)) {
      carrier = &object;
      carrier_index = o;
    }
  }
  if (!carrier)
    return EditRefusal{write.bytes.size() == 1 ? "no single object holds this byte as contiguous memory"
                                               : "no single object holds these bytes as contiguous memory"};
  if (carrier->facts.readonly) return EditRefusal{carrier->name + ": cannot modify read-only memory"};
  return PlannedWrite{carrier_index, static_cast<std::int64_t>(begin - carrier->facts.address), begin, write.bytes};
}

Plan plan(const Snapshot& snapshot, const RegionElementWrite& write) {
  auto encoded = encode_literal(write.format, write.literal);
  if (auto* error = std::get_if<FormatError>(&encoded)) return EditRefusal{error->message};
  return plan(snapshot, RegionBytesWrite{write.region, write.address,
                                         std::move(std::get<std::vector<std::uint8_t>>(encoded))});
}

std::optional<EditRefusal> write_planned(MemoryProvider& memory, const PlannedWrite& write) {
  if (auto error = memory.write_object(write.object_index, write.offset, std::span(write.bytes)))
    return EditRefusal{*error};
  return std::nullopt;
}

}  // namespace

std::variant<PlannedWrite, EditRefusal> plan_edit(const Snapshot& snapshot, const EditRequest& request) {
  Plan planned = std::visit([&](const auto& write) { return plan(snapshot, write); }, request);
  if (const auto* write = std::get_if<PlannedWrite>(&planned))
    if (auto refusal = refuse_object_memory(snapshot, *write)) return *refusal;
  return planned;
}

std::variant<PlannedWrite, EditRefusal> apply_edit(MemoryProvider& memory, const Snapshot& snapshot,
                                                   const EditRequest& request) {
  auto planned = plan_edit(snapshot, request);
  if (const auto* write = std::get_if<PlannedWrite>(&planned))
    if (auto refusal = write_planned(memory, *write)) return *refusal;
  return planned;
}

std::optional<BatchRefusal> apply_edits(MemoryProvider& memory, const Snapshot& snapshot,
                                        const std::vector<EditRequest>& requests) {
  std::vector<PlannedWrite> writes;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    auto planned = plan_edit(snapshot, requests[i]);
    if (auto* refusal = std::get_if<EditRefusal>(&planned)) return BatchRefusal{i, std::move(*refusal)};
    writes.push_back(std::move(std::get<PlannedWrite>(planned)));
  }
  for (std::size_t i = 0; i < writes.size(); ++i)
    if (auto refusal = write_planned(memory, writes[i])) return BatchRefusal{i, std::move(*refusal)};
  return std::nullopt;
}

}  // namespace bufferlab

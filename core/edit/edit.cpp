// Edit planning (checks, encoding, the object that carries a write) and the single write.
#include "core/edit/edit.h"

#include <span>

#include "core/layout.h"

namespace bufferlab {

namespace {

using Plan = std::variant<PlannedWrite, EditRefusal>;

const SnapshotObject* object_at(const Snapshot& snapshot, int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= snapshot.objects.size()) return nullptr;
  return &snapshot.objects[static_cast<std::size_t>(index)];
}

Plan plan(const Snapshot& snapshot, const ElementWrite& write) {
  const SnapshotObject* object = object_at(snapshot, write.object_index);
  if (!object) return EditRefusal{"no such object in the snapshot"};
  const BufferFacts& facts = object->facts;
  if (facts.readonly) return EditRefusal{object->name + ": cannot modify read-only memory"};
  if (!facts.suboffsets.empty())
    return EditRefusal{object->name + ": indirect buffers (suboffsets) cannot be edited"};
  std::vector<std::int64_t> index = write.index;
  if (auto error = normalize_index(facts, index)) return EditRefusal{object->name + ": " + *error};

  auto parsed = parse_export_format(facts.format, static_cast<std::size_t>(facts.itemsize));
  if (auto* error = std::get_if<FormatError>(&parsed)) return EditRefusal{object->name + ": " + error->describe()};
  const auto& format = std::get<ElementFormat>(parsed);
  if (static_cast<std::int64_t>(format.itemsize) != facts.itemsize)
    return EditRefusal{object->name + ": format '" + facts.format + "' describes " +
                       std::to_string(format.itemsize) + " bytes but the export's itemsize is " +
                       std::to_string(facts.itemsize)};
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
    return EditRefusal{object->name + ": " + std::to_string(write.value) + " does not fit in a byte (0..255)"};
  const BufferFacts& facts = object->facts;
  if (facts.readonly) return EditRefusal{object->name + ": cannot modify read-only memory"};
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
  return std::visit([&](const auto& write) { return plan(snapshot, write); }, request);
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

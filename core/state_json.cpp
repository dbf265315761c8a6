// State dump: every value is decoded by the C++ codec from memory read in place.
#include "core/state_json.h"

#include <cmath>
#include <functional>

namespace bufferlab {

using Json = nlohmann::ordered_json;

namespace {

// A JSON number that round-trips, or "nan", "inf", "-inf", which JSON numbers cannot be.
Json float_to_json(double number) {
  if (std::isnan(number)) return "nan";
  if (std::isinf(number)) return number > 0 ? "inf" : "-inf";
  return number;
}

}  // namespace

Json value_to_json(const Value& value) {
  switch (value.kind) {
    case Value::Kind::Int: return value.int_value;
    case Value::Kind::UInt: return value.uint_value;
    case Value::Kind::Bool: return value.bool_value;
    case Value::Kind::Float: return float_to_json(value.real);
    case Value::Kind::Complex: return Json::array({float_to_json(value.real), float_to_json(value.imag)});
    case Value::Kind::Bytes: return python_repr(value);
    case Value::Kind::Text: return value.bytes;
    case Value::Kind::Tuple: {
      Json fields = Json::array();
      for (const Value& item : value.items) fields.push_back(value_to_json(item));
      return fields;
    }
  }
  return nullptr;
}

namespace {

// Nested lists like memoryview.tolist(): one level per dimension.
Json values_of(const BufferFacts& facts, const ElementFormat& format, const std::uint8_t* buf) {
  const auto element_json = [&](std::int64_t offset) {
    const Value value = decode_element(format, buf + offset);
    return value_to_json(value);
  };
  if (facts.ndim == 0) return element_json(0);
  std::function<Json(int, std::int64_t)> level = [&](int dim, std::int64_t offset) {
    Json list = Json::array();
    for (std::int64_t i = 0; i < facts.shape[dim]; ++i) {
      const std::int64_t at = offset + i * facts.strides[dim];
      list.push_back(dim + 1 == facts.ndim ? element_json(at) : level(dim + 1, at));
    }
    return list;
  };
  return level(0, 0);
}

std::string hex_of(const std::uint8_t* bytes, std::int64_t count) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex(static_cast<std::size_t>(count) * 2, '0');
  for (std::int64_t i = 0; i < count; ++i) {
    hex[2 * i] = kDigits[bytes[i] >> 4];
    hex[2 * i + 1] = kDigits[bytes[i] & 15];
  }
  return hex;
}

void add_values(Json& entry, int index, const SnapshotObject& object, MemoryProvider& memory) {
  const BufferFacts& facts = object.facts;
  entry["values"] = nullptr;
  if (!facts.suboffsets.empty()) {
    entry["values_error"] = "indirect buffers (suboffsets) are not decoded";
    return;
  }
  if (facts.element_count() > kMaxDumpedValues) {
    entry["values_omitted"] = std::to_string(facts.element_count()) +
                              " elements: more than the dump's limit of " +
                              std::to_string(kMaxDumpedValues);
    return;
  }
  auto parsed = parse_export_format(facts.format, static_cast<std::size_t>(facts.itemsize));
  if (auto* error = std::get_if<FormatError>(&parsed)) {
    entry["values_error"] = error->describe();
    return;
  }
  const auto& format = std::get<ElementFormat>(parsed);
  if (static_cast<std::int64_t>(format.itemsize) != facts.itemsize) {
    entry["values_error"] = "format '" + facts.format + "' describes " +
                            std::to_string(format.itemsize) + " bytes, the export's itemsize is " +
                            std::to_string(facts.itemsize);
    return;
  }
  Json values;
  auto error = memory.read_object(index, [&](const std::uint8_t* buf) {
    values = values_of(facts, format, buf);
  });
  if (error)
    entry["values_error"] = *error;
  else
    entry["values"] = std::move(values);
}

}  // namespace

Json state_to_json(const Snapshot& snapshot, MemoryProvider& memory) {
  Json objects = Json::array();
  for (std::size_t i = 0; i < snapshot.objects.size(); ++i) {
    const SnapshotObject& object = snapshot.objects[i];
    const BufferFacts& facts = object.facts;
    Json entry;
    entry["name"] = object.name;
    entry["type"] = object.type_name;
    entry["readonly"] = facts.readonly;
    entry["format"] = facts.format;
    entry["itemsize"] = facts.itemsize;
    entry["ndim"] = facts.ndim;
    entry["shape"] = facts.shape;
    entry["strides"] = facts.strides;
    entry["nbytes"] = facts.len;
    entry["address"] = static_cast<std::uint64_t>(facts.address);
    entry["region"] = object.region;
    entry["offset"] = object.offset;
    add_values(entry, static_cast<int>(i), object, memory);
    entry["suboffsets"] = facts.suboffsets.empty() ? Json(nullptr) : Json(facts.suboffsets);
    entry["c_contiguous"] = facts.c_contiguous;
    entry["f_contiguous"] = facts.f_contiguous;
    Json exporters = Json::array();
    for (const ExporterLink& link : object.exporters)
      exporters.push_back({{"type", link.type_name},
                           {"name", link.name.empty() ? Json(nullptr) : Json(link.name)}});
    entry["exporters"] = std::move(exporters);
    objects.push_back(std::move(entry));
  }

  Json regions = Json::array();
  for (std::size_t r = 0; r < snapshot.regions.size(); ++r) {
    const Region& region = snapshot.regions[r];
    Json entry;
    entry["id"] = region.id;
    entry["address"] = static_cast<std::uint64_t>(region.address);
    entry["size"] = region.size;
    std::string hex;
    const std::int64_t shown = std::min(region.size, kMaxDumpedHexBytes);
    if (shown > 0) {
      if (auto error = memory.read_region(static_cast<int>(r), [&](const std::uint8_t* base) {
            hex = hex_of(base, shown);
          }))
        entry["hex_error"] = *error;
    }
    entry["hex"] = hex;
    regions.push_back(std::move(entry));
  }

  Json shared = Json::array();
  for (const auto& [a, b] : snapshot.shared) shared.push_back({a, b});

  Json state;
  state["objects"] = std::move(objects);
  state["regions"] = std::move(regions);
  state["shared"] = std::move(shared);
  return state;
}

}  // namespace bufferlab

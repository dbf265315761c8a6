// State dump: every value is decoded by the C++ codec from memory read in place.
#include "core/state_json.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "core/file_output.h"

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

// Writes JSON text laid out exactly as nlohmann's dump(1): one member or element per line, each
// level indented by one more space. Containers are opened and closed as the dump goes; small
// parts are given as Json values and laid out at the current depth.
// Text is gathered in a buffer and written in large blocks: a dump may hold millions of small
// items (sharing pairs), each a few appends.
class JsonStreamWriter {
 public:
  explicit JsonStreamWriter(std::ostream& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  void key(const std::string& name) {
    next_item();
    buffer_ += Json(name).dump();
    buffer_ += ": ";
    after_key_ = true;
  }

  // A value already written as JSON text on one line (a string made by Json(s).dump()).
  void raw_value(const std::string& text) {
    next_item();
    buffer_ += text;
    flush_if_full();
  }

  // Call at the end: what is still buffered is written only then.
  void flush() {
    if (buffer_.empty()) return;
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }

  void value(const Json& small) {
    next_item();
    const std::string text = small.dump(1);
    // Lines after the first belong to deeper levels: shift them by the current depth.
    std::size_t start = 0;
    for (std::size_t newline = text.find('\n'); newline != std::string::npos;
         newline = text.find('\n', start)) {
      buffer_.append(text, start, newline + 1 - start);
      indent(levels_.size());
      start = newline + 1;
    }
    buffer_.append(text, start, text.size() - start);
    flush_if_full();
  }

 private:
  static constexpr std::size_t kFlushSize = std::size_t{1} << 16;

  void flush_if_full() {
    if (buffer_.size() >= kFlushSize) flush();
  }

  void open(char bracket) {
    next_item();
    buffer_ += bracket;
    levels_.push_back(true);
  }

  void close(char bracket) {
    const bool empty = levels_.back();
    levels_.pop_back();
    if (!empty) {
      buffer_ += '\n';
      indent(levels_.size());
    }
    buffer_ += bracket;
    flush_if_full();
  }

  // Separator and indentation before a member or element (none after a key).
  void next_item() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (levels_.empty()) return;
    if (!levels_.back()) buffer_ += ',';
    levels_.back() = false;
    buffer_ += '\n';
    indent(levels_.size());
  }

  void indent(std::size_t depth) { buffer_.append(depth, ' '); }

  std::ostream& out_;
  std::string buffer_;
  std::vector<bool> levels_;  // per open container: still empty
  bool after_key_ = false;
};

// Nested lists like memoryview.tolist(), one level per dimension (ndim deep, which CPython
// caps at 64), written element by element.
void write_values(JsonStreamWriter& writer, const BufferFacts& facts, const ElementFormat& format,
                  const std::uint8_t* buf, int dim, std::int64_t offset) {
  if (dim == facts.ndim) {
    writer.value(value_to_json(decode_element(format, buf + offset)));
    return;
  }
  writer.begin_array();
  for (std::int64_t i = 0; i < facts.shape[dim]; ++i)
    write_values(writer, facts, format, buf, dim + 1, offset + i * facts.strides[dim]);
  writer.end_array();
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

// Decides whether an object's values are dumped: the parsed format when they are; otherwise
// sets "values" to null and adds "values_error" or "values_omitted" to the entry.
std::optional<ElementFormat> plan_values(Json& entry, const SnapshotObject& object) {
  const BufferFacts& facts = object.facts;
  entry["values"] = nullptr;
  if (!facts.suboffsets.empty()) {
    entry["values_error"] = "indirect buffers (suboffsets) are not decoded";
    return std::nullopt;
  }
  const auto omitted = [&](const std::string& count) {
    entry["values_omitted"] = count + ": more than the dump's limit of " + std::to_string(kMaxDumpedValues) + " values";
  };
  if (!facts.element_count_fits() || facts.element_count() > kMaxDumpedValues) {
    omitted(facts.element_count_fits() ? std::to_string(facts.element_count()) + " elements" : "more than 2**63 elements");
    return std::nullopt;
  }
  auto parsed = parse_format_of_export(facts.format, facts.itemsize);
  if (auto* error = std::get_if<FormatError>(&parsed)) {
    entry["values_error"] = error->describe();
    return std::nullopt;
  }
  auto& format = std::get<ElementFormat>(parsed);
  // The limit counts scalar values: a record with a (256, 256) field holds 65,536 per element.
  const std::int64_t per_element = std::max<std::int64_t>(1, static_cast<std::int64_t>(format.fields.size()));
  std::int64_t scalars = 0;
  if (__builtin_mul_overflow(facts.element_count(), per_element, &scalars) || scalars > kMaxDumpedValues) {
    omitted(std::to_string(facts.element_count()) + " elements of " + std::to_string(per_element) + " values");
    return std::nullopt;
  }
  return std::move(format);
}

// The object's entry without its values (small), in the dump's key order.
Json object_entry(const SnapshotObject& object) {
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
  return entry;
}

void write_object(JsonStreamWriter& writer, int index, const SnapshotObject& object, MemoryProvider& memory) {
  const BufferFacts& facts = object.facts;
  Json entry = object_entry(object);
  const std::optional<ElementFormat> format = plan_values(entry, object);
  entry["suboffsets"] = facts.suboffsets.empty() ? Json(nullptr) : Json(facts.suboffsets);
  entry["c_contiguous"] = facts.c_contiguous;
  entry["f_contiguous"] = facts.f_contiguous;
  Json exporters = Json::array();
  for (const ExporterLink& link : object.exporters)
    exporters.push_back({{"type", link.type_name},
                         {"name", link.name.empty() ? Json(nullptr) : Json(link.name)}});
  entry["exporters"] = std::move(exporters);

  writer.begin_object();
  for (const auto& [key, value] : entry.items()) {
    writer.key(key);
    if (key != "values" || !format) {
      writer.value(value);
      continue;
    }
    // Streamed while the export is held; a refused read writes nothing, then null and why.
    auto error = memory.read_object(index, [&](const std::uint8_t* buf) {
      write_values(writer, facts, *format, buf, 0, 0);
    });
    if (error) {
      writer.value(nullptr);
      writer.key("values_error");
      writer.value(*error);
    }
  }
  writer.end_object();
}

// One region at a time: up to 64 KB of hex each, never all of them at once.
void write_regions(JsonStreamWriter& writer, const Snapshot& snapshot, MemoryProvider& memory) {
  writer.begin_array();
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
    writer.value(entry);
  }
  writer.end_array();
}

}  // namespace

void write_state_json(std::ostream& out, const Snapshot& snapshot, MemoryProvider& memory) {
  JsonStreamWriter writer(out);
  writer.begin_object();
  writer.key("objects");
  writer.begin_array();
  for (std::size_t i = 0; i < snapshot.objects.size(); ++i)
    write_object(writer, static_cast<int>(i), snapshot.objects[i], memory);
  writer.end_array();

  writer.key("regions");
  write_regions(writer, snapshot, memory);

  // Pairs are made as they are written (N views of one buffer have N^2/2 of them); each name's
  // JSON text is made once.
  std::vector<std::string> quoted(snapshot.objects.size());
  const auto quoted_name = [&](int index) -> const std::string& {
    std::string& text = quoted[static_cast<std::size_t>(index)];
    if (text.empty()) text = Json(snapshot.objects[static_cast<std::size_t>(index)].name).dump();
    return text;
  };
  writer.key("shared");
  writer.begin_array();
  snapshot.for_each_shared_pair([&](int first, int second) {
    writer.begin_array();
    writer.raw_value(quoted_name(first));
    writer.raw_value(quoted_name(second));
    writer.end_array();
  });
  writer.end_array();

  // Names whose value offers the buffer protocol but gave no export, with the reason.
  Json not_shown = Json::array();
  for (const NotShownName& entry : snapshot.not_shown)
    not_shown.push_back({{"name", entry.name}, {"type", entry.type_name}, {"reason", entry.reason}});
  writer.key("not_shown");
  writer.value(not_shown);
  writer.end_object();
  writer.flush();
  out << '\n';
}

Json state_to_json(const Snapshot& snapshot, MemoryProvider& memory) {
  std::ostringstream text;
  write_state_json(text, snapshot, memory);
  return Json::parse(text.str());
}

std::optional<std::string> write_state_file(const std::string& path, const Snapshot& snapshot,
                                            MemoryProvider& memory) {
  return write_file_whole(path, [&](std::ostream& out) { write_state_json(out, snapshot, memory); });
}

}  // namespace bufferlab

// Data inspector: each code is parsed as a one-code struct format and decoded by the codec, so
// the inspector cannot disagree with the element tables (or with struct).
#include "core/inspect/data_inspector.h"

#include <algorithm>
#include <bit>

namespace bufferlab {
namespace {

constexpr bool kHostLittle = std::endian::native == std::endian::little;

struct CodeInfo {
  char code;
  const char* c_type;  // the C type of struct's table
};

constexpr CodeInfo kCodes[] = {
    {'b', "signed char"},   {'B', "unsigned char"},      {'h', "short"},
    {'H', "unsigned short"}, {'i', "int"},               {'I', "unsigned int"},
    {'l', "long"},          {'L', "unsigned long"},      {'q', "long long"},
    {'Q', "unsigned long long"}, {'n', "ssize_t"},       {'N', "size_t"},
    {'e', "half float"},    {'f', "float"},              {'d', "double"},
    {'?', "bool"},          {'c', "char"},               {'s', "char[]"},
    {'P', "void *"},
};

bool is_native_only(char code) { return code == 'n' || code == 'N' || code == 'P'; }
bool reads_same_in_both_orders(char code) {
  return code == 'b' || code == 'B' || code == '?' || code == 'c' || code == 's';
}

// Decodes `bytes` with `format` when it parses and fits; otherwise an unavailable reading.
InspectorReading read_with(const std::string& format, std::span<const std::uint8_t> bytes) {
  InspectorReading reading;
  reading.format = format;
  auto parsed = parse_format(format);
  if (auto* error = std::get_if<FormatError>(&parsed)) {
    reading.note = error->describe();
    return reading;
  }
  const ElementFormat& element = std::get<ElementFormat>(parsed);
  if (element.itemsize > bytes.size()) {
    reading.note = "needs " + std::to_string(element.itemsize) + " bytes";
    return reading;
  }
  reading.available = true;
  reading.value_text = python_repr(decode_element(element, bytes.data()));
  return reading;
}

// Bytes of the UTF-8 character starting at bytes[0], or 0 when none starts there. Strict, as
// Python's decoder: no overlong forms, no surrogates, nothing above U+10FFFF.
std::size_t utf8_char_size(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return 0;
  const std::uint8_t lead = bytes[0];
  std::size_t size = 0;
  std::uint8_t low = 0x80, high = 0xBF;  // range of the second byte
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) {
    size = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    size = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    size = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  if (bytes.size() < size) return 0;
  if (bytes[1] < low || bytes[1] > high) return 0;
  for (std::size_t k = 2; k < size; ++k)
    if (bytes[k] < 0x80 || bytes[k] > 0xBF) return 0;
  return size;
}

// Whether all of `bytes` is valid UTF-8 (whole characters only).
bool is_utf8(std::span<const std::uint8_t> bytes) {
  std::size_t at = 0;
  while (at < bytes.size()) {
    std::size_t size = utf8_char_size(bytes.subspan(at));
    if (size == 0) return false;
    at += size;
  }
  return true;
}

std::string text_repr(std::span<const std::uint8_t> bytes) {
  return python_repr(Value::make_text(std::string(bytes.begin(), bytes.end())));
}

InspectorTextRow text_row(std::string encoding, std::span<const std::uint8_t> bytes, bool whole) {
  InspectorTextRow row;
  row.encoding = std::move(encoding);
  row.valid = true;
  row.size = bytes.size();
  row.whole_selection = whole;
  row.value_text = text_repr(bytes);
  row.format = std::to_string(bytes.size()) + "s";
  return row;
}

InspectorTextRow invalid_row(std::string encoding) {
  InspectorTextRow row;
  row.value_text = "not " + encoding;
  row.encoding = std::move(encoding);
  return row;
}

}  // namespace

std::string_view inspector_codes() { return "bBhHiIlLqQnNefd?csP"; }

InspectorReport inspect_bytes(std::span<const std::uint8_t> bytes, std::size_t selected) {
  InspectorReport report;
  const std::size_t selection = std::max<std::size_t>(selected, 1);
  for (const CodeInfo& info : kCodes) {
    InspectorRow row;
    row.code = info.code;
    row.c_type = info.c_type;
    row.native_only = is_native_only(info.code);
    row.same_in_both_orders = reads_same_in_both_orders(info.code);
    std::string count;  // 's' takes the selection's length
    if (info.code == 's' && selection > 1) count = std::to_string(selection);
    if (row.native_only) {
      // struct refuses '<n' and '>n': the one honest reading is native ('@', no prefix).
      InspectorReading native = read_with(std::string(1, info.code), bytes);
      InspectorReading refused;
      refused.format = std::string(kHostLittle ? ">" : "<") + info.code;
      refused.note = "native size only: struct refuses '" + refused.format + "'";
      if (!native.available) continue;
      (kHostLittle ? row.little : row.big) = std::move(native);
      (kHostLittle ? row.big : row.little) = std::move(refused);
    } else {
      row.little = read_with("<" + count + info.code, bytes);
      row.big = read_with(">" + count + info.code, bytes);
      if (!row.little.available) continue;
    }
    auto parsed = parse_format(row.native_only ? std::string(1, info.code) : "<" + count + info.code);
    row.size = std::get<ElementFormat>(parsed).itemsize;
    row.matches_selection = row.size == selection;
    report.rows.push_back(std::move(row));
  }
  std::stable_partition(report.rows.begin(), report.rows.end(),
                        [](const InspectorRow& row) { return row.matches_selection; });

  // Text: the character at the offset, then the whole selection when it is longer and reads.
  const std::size_t char_size = utf8_char_size(bytes);
  if (char_size == 0) {
    report.text_rows.push_back(invalid_row("UTF-8"));
  } else {
    report.text_rows.push_back(text_row("UTF-8", bytes.first(char_size), false));
  }
  if (selection > std::max<std::size_t>(char_size, 1) && selection <= bytes.size() &&
      is_utf8(bytes.first(selection)))
    report.text_rows.push_back(text_row("UTF-8", bytes.first(selection), true));
  if (bytes.empty() || bytes[0] >= 0x80) {
    report.text_rows.push_back(invalid_row("ASCII"));
  } else {
    report.text_rows.push_back(text_row("ASCII", bytes.first(1), false));
  }
  if (selection > 1 && selection <= bytes.size() &&
      std::all_of(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(selection),
                  [](std::uint8_t b) { return b < 0x80; }))
    report.text_rows.push_back(text_row("ASCII", bytes.first(selection), true));
  return report;
}

std::variant<std::vector<std::uint8_t>, FormatError> encode_inspector_value(std::string_view format,
                                                                            std::string_view literal) {
  auto parsed = parse_format(format);
  if (auto* error = std::get_if<FormatError>(&parsed)) return *error;
  return encode_literal(std::get<ElementFormat>(parsed), literal);
}

}  // namespace bufferlab

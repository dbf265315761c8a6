// Data inspector: every struct code that fits at a byte offset, read little-endian and
// big-endian side by side, plus UTF-8 and ASCII readings. Pure: decodes through the format codec
// (core/format), so its values are the codec's, which agree with CPython's struct module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/format/format_codec.h"

namespace bufferlab {

// One reading of the bytes in one byte order.
struct InspectorReading {
  bool available = false;  // false: struct has no such format (e.g. '>n'); see `note`
  std::string format;      // what to view the bytes as / encode with: "<i", ">i", "n"
  std::string value_text;  // Python's repr of struct.unpack_from(format, data, offset)[0]
  std::string note;        // why it is not available, in words
};

// One struct code at the offset.
struct InspectorRow {
  char code = 0;
  std::string c_type;          // "int", "unsigned short", "double", ... (struct's table)
  std::size_t size = 0;        // bytes read (standard size for '<'/'>'; native for n N P)
  bool matches_selection = false;  // size == selected byte count: listed first
  // n N P exist only in native mode ('@': struct refuses '<n'). Their reading is in the host's
  // byte order at the host's size, shown in that order's column and marked; the other column is
  // not available.
  bool native_only = false;
  // b B ? c s read the same in both orders (one byte, or bytes in memory order): the GUI may
  // show one value across both columns.
  bool same_in_both_orders = false;
  InspectorReading little;
  InspectorReading big;
};

// A text reading of the bytes at the offset.
struct InspectorTextRow {
  std::string encoding;    // "UTF-8" or "ASCII"
  bool valid = false;      // false: the bytes at the offset do not start a character
  std::size_t size = 0;    // bytes the character (or the selection's text) takes; 0 if invalid
  bool whole_selection = false;  // the reading of every selected byte, not one character
  std::string value_text;  // repr of the str, as Python prints it: 'é'; or "not UTF-8" / "not ASCII"
  std::string format;      // a "view as" for these bytes: "2s" (bytes of that length); empty if invalid
};

struct InspectorReport {
  std::vector<InspectorRow> rows;        // rows whose size matches the selection first, then code order
  std::vector<InspectorTextRow> text_rows;
};

// The codes listed, in order: b B h H i I l L q Q n N e f d ? c s P.
std::string_view inspector_codes();

// `bytes` are the bytes at the offset and after it (as many as the memory has, or as the caller
// chooses to pass: 8 is enough for every code, more lets 's' and the text rows take a longer
// selection); `selected` is how many bytes are selected (at least 1 counts as one byte). A code
// is listed when its size fits in `bytes`. 's' reads `selected` bytes (one when selected is 0).
InspectorReport inspect_bytes(std::span<const std::uint8_t> bytes, std::size_t selected);

// Encodes a value typed into a row with that reading's format (InspectorReading::format), with
// struct.pack's checks and messages: the bytes to write at the offset, or why not.
std::variant<std::vector<std::uint8_t>, FormatError> encode_inspector_value(std::string_view format,
                                                                            std::string_view literal);

}  // namespace bufferlab

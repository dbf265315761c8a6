// Parses the edit specs of the command line: 'NAME[i]=V', 'NAME[i,j]=V' and 'NAME@K=BYTE'.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace bufferlab {

// Indices, offsets and byte values are read as Python reads integers ("- 1", "0x_ff", "True",
// "0," is a one-index tuple). One too large for 64 bits saturates to INT64_MIN or INT64_MAX: no
// buffer is that large, so the edit path refuses it as out of range, an edit refused like any
// other rather than a malformed command line.
struct ElementEdit {
  std::string name;
  std::vector<std::int64_t> index;  // as typed: negative counts from the end
  std::string literal;              // the value, a Python literal
};

struct ByteEdit {
  std::string name;
  std::int64_t offset = 0;
  std::int64_t value = 0;  // as typed; 0..255 is checked when the edit is applied
};

struct EditSpecError {
  std::string message;
};

std::variant<ElementEdit, EditSpecError> parse_element_edit(std::string_view spec);
std::variant<ByteEdit, EditSpecError> parse_byte_edit(std::string_view spec);

// Whether a parsed number stands for one that did not fit in 64 bits (see above).
constexpr bool saturated_integer(std::int64_t value) {
  return value == INT64_MAX || value == INT64_MIN;
}

}  // namespace bufferlab

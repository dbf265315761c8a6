// Parses the edit specs of the command line: 'NAME[i]=V', 'NAME[i,j]=V' and 'NAME@K=BYTE'.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace bufferlab {

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

}  // namespace bufferlab

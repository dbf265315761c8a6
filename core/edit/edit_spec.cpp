// Edit spec parsing for --set and --set-byte: the numbers go through the Python literal parser,
// so they read exactly as Python reads them.
#include "core/edit/edit_spec.h"

#include <cctype>
#include <optional>

#include "core/format/python_literal.h"

namespace bufferlab {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool is_identifier(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name.front()))) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80))) return false;
  return true;
}

// An int (or bool, which Python accepts as an index) as int64, saturated past 64 bits.
std::optional<std::int64_t> integer_of(const PyLiteral& value) {
  if (value.kind == PyLiteral::Kind::Bool) return value.bool_value ? 1 : 0;
  if (value.kind != PyLiteral::Kind::Int) return std::nullopt;
  if (value.int_value.fits_int64()) return value.int_value.to_int64();
  return value.int_value.negative() ? INT64_MIN : INT64_MAX;
}

// One integer, as Python would read the text.
std::optional<std::int64_t> parse_integer(std::string_view text) {
  auto parsed = parse_python_literal(text);
  if (const auto* value = std::get_if<PyLiteral>(&parsed)) return integer_of(*value);
  return std::nullopt;
}

// The text inside [...]: an int, or a tuple of ints ("1, 2", "0,", "()"), as Python reads a
// subscript. Empty means no index (a 0-dimensional view).
std::optional<std::vector<std::int64_t>> parse_indices(std::string_view text) {
  if (trim(text).empty()) return std::vector<std::int64_t>{};
  auto parsed = parse_python_literal(text);
  const auto* value = std::get_if<PyLiteral>(&parsed);
  if (!value) return std::nullopt;
  if (value->kind != PyLiteral::Kind::Tuple) {
    auto single = integer_of(*value);
    if (!single) return std::nullopt;
    return std::vector<std::int64_t>{*single};
  }
  std::vector<std::int64_t> indices;
  for (const PyLiteral& item : value->items) {
    auto index = integer_of(item);
    if (!index) return std::nullopt;
    indices.push_back(*index);
  }
  return indices;
}

}  // namespace

std::variant<ElementEdit, EditSpecError> parse_element_edit(std::string_view spec) {
  const std::string shown = "'" + std::string(spec) + "'";
  const auto open = spec.find('[');
  const auto close = spec.find(']');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open)
    return EditSpecError{"--set " + shown + ": expected NAME[INDEX]=VALUE"};
  const auto equals = spec.find('=', close);
  if (equals == std::string_view::npos || !trim(spec.substr(close + 1, equals - close - 1)).empty())
    return EditSpecError{"--set " + shown + ": expected '=' after ']'"};
  ElementEdit edit;
  edit.name = std::string(trim(spec.substr(0, open)));
  if (!is_identifier(edit.name))
    return EditSpecError{"--set " + shown + ": '" + edit.name + "' is not a Python name"};
  auto indices = parse_indices(spec.substr(open + 1, close - open - 1));
  if (!indices) return EditSpecError{"--set " + shown + ": indices must be integers"};
  edit.index = std::move(*indices);
  edit.literal = std::string(trim(spec.substr(equals + 1)));
  if (edit.literal.empty()) return EditSpecError{"--set " + shown + ": the value is missing"};
  return edit;
}

std::variant<ByteEdit, EditSpecError> parse_byte_edit(std::string_view spec) {
  const std::string shown = "'" + std::string(spec) + "'";
  const auto at = spec.find('@');
  const auto equals = spec.find('=', at == std::string_view::npos ? 0 : at);
  if (at == std::string_view::npos || equals == std::string_view::npos)
    return EditSpecError{"--set-byte " + shown + ": expected NAME@OFFSET=BYTE"};
  ByteEdit edit;
  edit.name = std::string(trim(spec.substr(0, at)));
  if (!is_identifier(edit.name))
    return EditSpecError{"--set-byte " + shown + ": '" + edit.name + "' is not a Python name"};
  auto offset = parse_integer(spec.substr(at + 1, equals - at - 1));
  if (!offset) return EditSpecError{"--set-byte " + shown + ": the offset must be an integer"};
  auto value = parse_integer(spec.substr(equals + 1));
  if (!value) return EditSpecError{"--set-byte " + shown + ": the byte must be an integer (decimal, 0x hex, 0o, 0b)"};
  edit.offset = *offset;
  edit.value = *value;
  return edit;
}

}  // namespace bufferlab

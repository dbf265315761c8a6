// Edit spec parsing for --set and --set-byte.
#include "core/edit/edit_spec.h"

#include <cctype>
#include <charconv>

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

// A whole decimal (optionally signed) or 0x-prefixed hex integer.
bool parse_integer(std::string_view text, std::int64_t* value) {
  text = trim(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  int base = 10;
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
    base = 16;
    text.remove_prefix(2);
  }
  if (text.empty()) return false;
  std::uint64_t magnitude = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), magnitude, base);
  if (error != std::errc() || end != text.data() + text.size()) return false;
  if (magnitude > static_cast<std::uint64_t>(INT64_MAX)) return false;
  *value = negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
  return true;
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
  std::string_view indices = spec.substr(open + 1, close - open - 1);
  if (!trim(indices).empty()) {
    while (true) {
      const auto comma = indices.find(',');
      std::int64_t index = 0;
      if (!parse_integer(indices.substr(0, comma), &index))
        return EditSpecError{"--set " + shown + ": indices must be integers"};
      edit.index.push_back(index);
      if (comma == std::string_view::npos) break;
      indices.remove_prefix(comma + 1);
    }
  }
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
  if (!parse_integer(spec.substr(at + 1, equals - at - 1), &edit.offset))
    return EditSpecError{"--set-byte " + shown + ": the offset must be an integer"};
  if (!parse_integer(spec.substr(equals + 1), &edit.value))
    return EditSpecError{"--set-byte " + shown + ": the byte must be a decimal or 0x hex integer"};
  return edit;
}

}  // namespace bufferlab

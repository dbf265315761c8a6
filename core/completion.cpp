// Tab completion's word, and the listing of several matches, as GNU readline does them for
// python3's REPL.
#include "core/completion.h"

#include <algorithm>

namespace bufferlab {

std::string_view completion_word(std::string_view text_before_cursor) {
  const std::size_t last = text_before_cursor.find_last_of(kCompleterDelimiters);
  return last == std::string_view::npos ? text_before_cursor : text_before_cursor.substr(last + 1);
}

namespace {

// Characters on screen, not bytes: a UTF-8 name takes one column a character.
std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::string format_completion_columns(const std::vector<std::string>& matches, std::size_t width) {
  if (matches.empty()) return {};
  std::size_t longest = 0;
  for (const std::string& match : matches) longest = std::max(longest, display_width(match));
  // readline's rl_display_match_list: a column is the longest match and two spaces; a row that
  // would fill the line exactly gives up a column (the terminal would wrap).
  const std::size_t column_width = longest + 2;
  std::size_t columns = width / column_width;
  if (columns != 1 && columns * column_width == width) --columns;
  columns = std::max<std::size_t>(columns, 1);
  const std::size_t rows = (matches.size() + columns - 1) / columns;
  std::string text;
  for (std::size_t row = 0; row < rows; ++row) {
    for (std::size_t column = 0; column < columns; ++column) {
      const std::size_t index = row + column * rows;
      if (index >= matches.size()) break;
      text += matches[index];
      if (column + 1 < columns && index + rows < matches.size())
        text.append(column_width - display_width(matches[index]), ' ');
    }
    text += '\n';
  }
  return text;
}

}  // namespace bufferlab

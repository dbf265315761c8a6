// Text helpers the lesson loaders and the bars directive share.
#include "core/lesson/lesson_text.h"

namespace bufferlab {

std::string_view trim_blanks(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::vector<std::string> split_lines(std::string_view text) {
  // Lines end as CommonMark and Python end them: "\n", "\r\n" or a lone "\r".
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(start, end - start));
    start = end + (text.compare(end, 2, "\r\n") == 0 ? 2 : 1);
  }
  if (lines.empty()) lines.emplace_back();  // "" is one empty line
  return lines;
}

}  // namespace bufferlab

// Text helpers the lesson loaders and the bars directive share: trimming and splitting lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bufferlab {

// Without spaces, tabs, carriage returns and newlines at both ends.
std::string_view trim_blanks(std::string_view text);

// Splits into lines at "\n", "\r\n" and a lone "\r" (a file saved with old Mac line ends);
// the line end ending the last line does not start another.
std::vector<std::string> split_lines(std::string_view text);

}  // namespace bufferlab

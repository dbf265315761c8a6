// A linear look at a notebook's JSON text before the JSON library parses it: nesting that only
// a hostile file has, and numbers too large for a double, found with their line and column so
// the message is the project's own and no step of it recurses over the file.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace bufferlab {

struct JsonTextProblem {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in bytes
  std::string reason;
};

// Jupyter writes notebooks a handful of levels deep; anything near this is not a notebook.
constexpr std::size_t kNotebookDepthLimit = 256;

// The first problem in reading order, or nothing. Syntax errors are left to the parser.
std::optional<JsonTextProblem> check_json_text(std::string_view text, std::size_t depth_limit = kNotebookDepthLimit);

}  // namespace bufferlab

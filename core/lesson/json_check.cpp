// The notebook pre-check: one pass, no recursion, a counter for the nesting.
#include "core/lesson/json_check.h"

#include <cmath>
#include <cstdlib>

namespace bufferlab {

namespace {

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// A token as shown in a message: at most 40 bytes of it.
std::string shown_token(std::string_view token) {
  if (token.size() <= 40) return std::string(token);
  return std::string(token.substr(0, 37)) + "...";
}

}  // namespace

std::optional<JsonTextProblem> check_json_text(std::string_view text, std::size_t depth_limit) {
  std::size_t line = 1, line_start = 0, depth = 0;
  bool in_string = false;
  const auto problem = [&](std::size_t at, std::string reason) {
    return JsonTextProblem{line, at - line_start + 1, std::move(reason)};
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = i + 1;
      continue;
    }
    if (in_string) {
      if (c == '\\') {
        if (i + 1 < text.size() && text[i + 1] != '\n') ++i;  // an escaped character, never a quote
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > depth_limit)
        return problem(i, "nested more than " + std::to_string(depth_limit) +
                              " levels deep (no notebook is; is this file a notebook?)");
    } else if (c == ']' || c == '}') {
      if (depth > 0) --depth;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      while (end < text.size() && is_number_char(text[end])) ++end;
      const std::string token(text.substr(i, end - i));
      // Integers past 64 bits are read as doubles too: what does not fit one is refused.
      if (std::isinf(std::strtod(token.c_str(), nullptr)))
        return problem(i, "number " + shown_token(token) + " is too large (it does not fit in a double)");
      i = end - 1;
    }
  }
  return std::nullopt;
}

}  // namespace bufferlab

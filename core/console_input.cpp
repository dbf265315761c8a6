// Console input assembly: the prompt's rules for blocks, strings, brackets, comments and pastes.
#include "core/console_input.h"

#include <algorithm>
#include <utility>

namespace bufferlab {

namespace {

bool is_blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

}  // namespace

bool is_comment_only(const std::string& source) {
  std::size_t start = 0;
  while (start <= source.size()) {
    const std::size_t end = std::min(source.find('\n', start), source.size());
    const std::size_t first = source.find_first_not_of(" \t\r\f", start);
    if (first < end && source[first] != '#') return false;
    start = end + 1;
  }
  return true;
}

// Quotes, escapes, comments and bracket depth, in one pass.
bool ends_inside_string_or_brackets(const std::string& source) {
  int depth = 0;
  for (std::size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    if (c == '#') {
      i = std::min(source.find('\n', i), source.size());
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      depth = std::max(0, depth - 1);
    } else if (c == '\'' || c == '"') {
      const bool triple = source.compare(i, 3, std::string(3, c)) == 0;
      const std::string close = triple ? std::string(3, c) : std::string(1, c);
      std::size_t j = i + close.size();
      for (; j < source.size(); ++j) {
        if (source[j] == '\\') {
          ++j;  // an escaped character, a quote or a line end included (raw strings too)
        } else if (source.compare(j, close.size(), close) == 0) {
          break;
        } else if (source[j] == '\n' && !triple) {
          break;  // an unterminated one-line string: a syntax error, not an open string
        }
      }
      if (j >= source.size()) return true;
      i = source[j] == '\n' ? j : j + close.size() - 1;
    }
  }
  return depth > 0;
}

std::string echo_with_prompts(const std::string& text, bool continuing) {
  std::string echo;
  std::size_t start = 0;
  bool first = true;
  while (start <= text.size()) {
    const std::size_t newline = text.find('\n', start);
    const std::string line = text.substr(start, newline == std::string::npos ? std::string::npos : newline - start);
    echo += ((first && !continuing) ? ">>> " : "... ") + line + "\n";
    first = false;
    if (newline == std::string::npos) break;
    start = newline + 1;
  }
  return echo;
}

void ConsoleInput::remember(const std::string& entry) {
  if (!is_blank(entry) && (history_.empty() || history_.back() != entry)) history_.push_back(entry);
}

std::string ConsoleInput::discard(const std::string& line) {
  std::string echo = echo_with_prompts(line, continuation());
  pending_block_.clear();
  return echo;
}

// Each line joins the open input and the whole is compiled, as code.InteractiveConsole does; it
// runs once complete. Pasted multi-line text runs as one cell, as in Jupyter, even when it ends
// inside a block.
ConsoleSubmission ConsoleInput::submit(const std::string& submitted, const Compile& compile) {
  const bool continuing = continuation();
  // A paste that ends with a newline: the line after it is empty, not part of the code.
  std::string text = submitted;
  if (const std::size_t last = text.find_last_not_of(" \t\r\n"); !continuing && last != std::string::npos)
    if (const std::size_t newline = text.find('\n', last); newline != std::string::npos) text.erase(newline);
  ConsoleSubmission result;
  result.echo = echo_with_prompts(text, continuing);
  remember(text);

  if (continuing) {
    pending_block_ += "\n" + text;
    // python3's prompt ends a statement at an empty line outside strings and brackets even
    // when a block has no body yet (IndentationError); InteractiveConsole would wait.
    if (is_blank(text) && !ends_inside_string_or_brackets(pending_block_)) {
      result.cell = std::exchange(pending_block_, {});
      return result;
    }
  } else {
    if (is_blank(text)) return result;
    pending_block_ = text;
  }
  const InputState input = compile(pending_block_);
  const bool pasted = !continuing && text.find('\n') != std::string::npos;
  if (input == InputState::Incomplete && !(pasted && compile(pending_block_ + "\n\n") != InputState::Incomplete))
    return result;
  std::string source = std::exchange(pending_block_, {});
  // python3 compiles comment-only input to 'pass': no cell to wait for.
  if (input == InputState::Complete && is_comment_only(source)) return result;
  result.cell = std::move(source);
  return result;
}

}  // namespace bufferlab

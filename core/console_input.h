// Console input assembly, as python3's prompt does it: lines join an open block until it is a
// whole statement (the compiler decides, through a callback), an empty line ends a block unless
// a string or bracket is still open, comment-only input runs nothing, and a pasted cell runs
// whole. Pure: no Python, no ImGui; the caller runs the cells it returns.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bufferlab {

// Whether console input is a whole statement yet, decided as code.InteractiveConsole does.
enum class InputState { Complete, Incomplete, Invalid };

// What one Enter did: the echo for the transcript, and the cell to run now, if any.
struct ConsoleSubmission {
  std::string echo;                 // the typed text with ">>> " / "... " prompts
  std::optional<std::string> cell;  // complete source to run
};

class ConsoleInput {
 public:
  using Compile = std::function<InputState(std::string_view source)>;

  // Enter with `text` (a line, or a pasted block). `compile` says whether source is complete.
  ConsoleSubmission submit(const std::string& text, const Compile& compile);
  // Ctrl+C at the prompt: the open block and the line being typed are dropped; returns the
  // echo of the dropped line.
  std::string discard(const std::string& line);
  // A lesson step runs as a cell of its own: an open block would swallow it, so it goes first.
  void drop_open_block() { pending_block_.clear(); }
  void remember(const std::string& entry);

  bool continuation() const { return !pending_block_.empty(); }
  const std::vector<std::string>& history() const { return history_; }

 private:
  std::string pending_block_;  // lines of an open block, waiting for more
  std::vector<std::string> history_;
};

// The echo of input as the interactive interpreter shows it.
std::string echo_with_prompts(const std::string& text, bool continuing);
// Every line empty or a comment (what codeop compiles to 'pass').
bool is_comment_only(const std::string& source);
// Whether source ends inside a string literal or between brackets: where python3's prompt
// takes an empty line as part of the input rather than its end. A lexer's view only.
bool ends_inside_string_or_brackets(const std::string& source);

}  // namespace bufferlab

// Lessons: an ordered list of steps (narration, Python code, a question, an expected error),
// loaded from Markdown or Jupyter notebooks. No Python, no GUI: the app runs the steps.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/lesson/lesson_bars.h"

namespace bufferlab {

// Predict, then reveal: the prompt is shown before Run; the answer after it.
struct LessonQuestion {
  std::string prompt;
  // Written by the lesson; when absent, the step's own output on Run is the answer.
  std::optional<std::string> answer;
};

// A byte window of a buffer-exporting name to highlight after the step runs, written
// `name[start:stop]`: `start` and `stop` are Python expressions evaluated in the session
// (`offset`, `offset+4`), giving byte offsets into the name's buffer.
struct LessonHighlight {
  std::string name;
  std::string start;
  std::string stop;
  bool operator==(const LessonHighlight&) const = default;
};

// Parses `name[start:stop]`; nullopt when the text does not have that shape.
std::optional<LessonHighlight> parse_lesson_highlight(std::string_view text);

struct LessonStep {
  std::string narration;  // Markdown, without the lesson's title line and without directives
  std::string code;       // Python source of the step's cell; empty for a narration-only step
  std::optional<LessonQuestion> question;
  // The exception type the step's code is meant to raise ("BufferError", or "struct.error"
  // which also matches CPython's bare type name "error"); empty when it must run cleanly.
  std::string expected_error;
  std::optional<LessonHighlight> highlight;
  std::optional<LessonBars> bars;  // measured times to draw as bars after the step runs
  // Where the step's code comes from, for people: "lesson.md:42" or "demo.ipynb cell 3".
  std::string location;

  bool has_code() const { return !code.empty(); }
};

struct Lesson {
  std::string title;
  std::string source_path;
  std::vector<LessonStep> steps;

  std::size_t code_step_count() const;
};

// Why a lesson could not be loaded, naming the file and the position (line, column, cell).
struct LessonError {
  std::string message;
};

using LessonLoad = std::variant<Lesson, LessonError>;

// Loads a lesson file: ".ipynb" as a notebook, anything else as Markdown. Never throws.
LessonLoad load_lesson(const std::filesystem::path& path);

// Parses lesson text already in memory; `source_path` names it in messages and locations.
// The Markdown conventions are described in docs/lessons.md.
LessonLoad parse_markdown_lesson(std::string_view text, const std::filesystem::path& source_path);
LessonLoad parse_notebook_lesson(std::string_view text, const std::filesystem::path& source_path);

// The lesson files (*.md) of a directory, sorted by file name; empty when the directory is
// missing or unreadable.
std::vector<std::filesystem::path> list_lesson_files(const std::filesystem::path& directory);

// Judges a step's run: nullopt when it went as the lesson intends (no error, or exactly the
// expected one), otherwise why not, in words for the user.
std::optional<std::string> step_outcome_problem(const LessonStep& step, bool raised,
                                                std::string_view error_type);

// The names a piece of Python code uses, by a conservative scan of its tokens rather than a
// parse (it runs on the GUI thread while the interpreter may be busy): strings and comments are
// skipped, f-string fields are read, attributes and keyword arguments are not names. A name
// counts as read only where the code reads it before assigning it itself.
struct CodeNames {
  std::vector<std::string> reads;    // first-read order, no repeats
  std::vector<std::string> assigns;  // bound by assignment, for, import, def, class, `as`
  std::vector<std::string> deletes;  // unbound by `del` (bare names), in order
};
CodeNames scan_code_names(std::string_view code);

}  // namespace bufferlab

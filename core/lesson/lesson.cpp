// Lesson loaders: Markdown lessons (split along md4c's outline: fenced python blocks are cells,
// comment directives add the step extras) and nbformat 4 notebooks, both turned into the same
// list of steps.
#include "core/lesson/lesson.h"
#include "core/lesson/json_check.h"
#include "core/lesson/lesson_text.h"
#include "core/lesson/markdown.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>

namespace bufferlab {
namespace {

using Json = nlohmann::json;

constexpr std::uintmax_t kLessonSizeLimit = 64u << 20;

// ---------------------------------------------------------------------------------------------
// Text helpers

bool is_blank(std::string_view text) { return trim_blanks(text).empty(); }

// Joins lines with '\n', leaving out blank lines at both ends.
std::string join_trimmed(const std::vector<std::string>& lines) {
  std::size_t first = 0, last = lines.size();
  while (first < last && is_blank(lines[first])) ++first;
  while (last > first && is_blank(lines[last - 1])) --last;
  std::string text;
  for (std::size_t i = first; i < last; ++i) {
    if (i > first) text += '\n';
    text += lines[i];
  }
  return text;
}

std::string display_name(const std::filesystem::path& path) { return path.generic_string(); }

// ---------------------------------------------------------------------------------------------
// Markdown structure, as md4c finds it (core/lesson/markdown.h)

bool is_python(std::string_view language) {
  return language == "python" || language == "py" || language == "python3";
}

// Where the title comes from: the first level-1 heading, else the first heading of any level,
// outside lists and quotes. `unit` is a cell index for notebooks (0 for Markdown files).
struct TitlePlace {
  std::size_t unit = 0;
  std::size_t first_line = 0;
  std::size_t last_line = 0;  // a setext heading's underline
  std::string text;
};

class TitleFinder {
 public:
  void scan(std::size_t unit, const std::vector<MarkdownHeading>& headings) {
    for (const MarkdownHeading& heading : headings) {
      if (!heading.top_level) continue;
      const TitlePlace place{unit, heading.first_line, heading.last_line, heading.text};
      if (heading.level == 1 && !first_level_one_) first_level_one_ = place;
      if (!first_any_) first_any_ = place;
    }
  }
  std::optional<TitlePlace> title() const { return first_level_one_ ? first_level_one_ : first_any_; }

 private:
  std::optional<TitlePlace> first_level_one_, first_any_;
};

// A whole-line HTML comment: its trimmed content.
std::optional<std::string_view> comment_of(std::string_view line) {
  const std::string_view text = trim_blanks(line);
  if (text.size() < 7 || text.substr(0, 4) != "<!--" || text.substr(text.size() - 3) != "-->")
    return std::nullopt;
  const std::string_view inner = text.substr(4, text.size() - 7);
  if (inner.find("-->") != std::string_view::npos) return std::nullopt;
  return trim_blanks(inner);
}

// ---------------------------------------------------------------------------------------------
// Step assembly shared by both loaders: narration accumulates, directives wait for the code
// that ends the step.

class StepBuilder {
 public:
  void add_narration(const std::vector<std::string>& lines) {
    if (!narration_.empty() && !lines.empty()) narration_.emplace_back();
    narration_.insert(narration_.end(), lines.begin(), lines.end());
  }
  void add_narration_line(std::string line) { narration_.push_back(std::move(line)); }

  // Each returns an error message (without the location) when the extra is given twice.
  std::optional<std::string> set_expect(std::string value) {
    return set(expect_, std::move(value), "expect");
  }
  std::optional<std::string> set_predict(std::string value) {
    return set(predict_, std::move(value), "predict");
  }
  std::optional<std::string> set_answer(std::string value) {
    return set(answer_, std::move(value), "answer");
  }
  std::optional<std::string> set_highlight(std::string value) {
    if (highlight_) return std::string("highlight: is given twice for one step");
    highlight_ = parse_lesson_highlight(value);
    if (!highlight_)
      return "highlight: expects NAME[START:STOP], e.g. buffer_bytes[offset:offset+4], not '" +
             std::string(trim_blanks(value)) + "'";
    return std::nullopt;
  }
  std::optional<std::string> set_bars(std::string value) {
    if (bars_) return std::string("bars: is given twice for one step");
    std::string why;
    bars_ = parse_lesson_bars(value, &why);
    if (!bars_)
      return "bars: " + why + "; write LABEL | LABEL [as NAME], e.g. Time (normal slice) | Time (memoryview slice)";
    return std::nullopt;
  }

  // Ends the step with a code cell.
  std::optional<std::string> finish_with_code(std::string code, std::string location) {
    if (answer_ && !predict_) return std::string("answer: needs a predict: before it");
    LessonStep step;
    step.narration = join_trimmed(narration_);
    step.code = std::move(code);
    step.location = std::move(location);
    if (predict_) step.question = LessonQuestion{*predict_, answer_};
    if (expect_) step.expected_error = *expect_;
    step.highlight = highlight_;
    step.bars = bars_;
    steps_.push_back(std::move(step));
    clear();
    return std::nullopt;
  }

  // Ends a step that has no code (a `<!-- step -->` break, or the end of the lesson). Nothing
  // is added when there is neither narration nor a question.
  std::optional<std::string> finish_without_code(std::string location) {
    if (expect_) return std::string("expect: needs a python code block after it in the same step");
    if (highlight_) return std::string("highlight: needs a python code block after it in the same step");
    if (bars_) return std::string("bars: needs a python code block after it in the same step");
    if (answer_ && !predict_) return std::string("answer: needs a predict: before it");
    if (predict_ && !answer_)
      return std::string("predict: in a step without code needs an answer: (there is no output to reveal)");
    if (is_blank(join_trimmed(narration_)) && !predict_) {
      clear();
      return std::nullopt;
    }
    LessonStep step;
    step.narration = join_trimmed(narration_);
    step.location = std::move(location);
    if (predict_) step.question = LessonQuestion{*predict_, answer_};
    steps_.push_back(std::move(step));
    clear();
    return std::nullopt;
  }

  std::vector<LessonStep> take_steps() { return std::move(steps_); }

 private:
  static std::optional<std::string> set(std::optional<std::string>& slot, std::string value,
                                        const char* name) {
    if (slot) return std::string(name) + ": is given twice for one step";
    if (is_blank(value)) return std::string(name) + ": needs a value";
    slot = std::string(trim_blanks(value));
    return std::nullopt;
  }
  void clear() {
    narration_.clear();
    expect_.reset();
    predict_.reset();
    answer_.reset();
    highlight_.reset();
    bars_.reset();
  }

  std::vector<std::string> narration_;
  std::optional<std::string> expect_, predict_, answer_;
  std::optional<LessonHighlight> highlight_;
  std::optional<LessonBars> bars_;
  std::vector<LessonStep> steps_;
};

std::string title_or_stem(const std::optional<TitlePlace>& place, const std::filesystem::path& path) {
  if (place && !place->text.empty()) return place->text;
  return path.stem().string();
}

// ---------------------------------------------------------------------------------------------
// Markdown lessons

// A whole-line comment's effect on the step being built: a step break, a directive, or nothing
// (an ordinary comment). Returns a problem, if any (without the location).
std::optional<std::string> apply_comment(std::string_view content, StepBuilder& builder,
                                         const std::string& location) {
  if (content == "step") return builder.finish_without_code(location);
  const auto colon = content.find(':');
  const std::string_view key = colon == std::string_view::npos ? content : content.substr(0, colon);
  const bool looks_like_directive =
      colon != std::string_view::npos && !key.empty() &&
      std::all_of(key.begin(), key.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
  if (!looks_like_directive) return std::nullopt;  // an ordinary comment: not shown
  std::string value(trim_blanks(content.substr(colon + 1)));
  if (key == "expect") return builder.set_expect(std::move(value));
  if (key == "predict") return builder.set_predict(std::move(value));
  if (key == "answer") return builder.set_answer(std::move(value));
  if (key == "highlight") return builder.set_highlight(std::move(value));
  if (key == "bars") return builder.set_bars(std::move(value));
  return "unknown lesson directive '" + std::string(key) +
         "' (known: step, expect, predict, answer, highlight, bars)";
}

LessonLoad parse_markdown(std::string_view text, const std::filesystem::path& path) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark
  const MarkdownOutline outline = outline_markdown(text);
  const std::vector<std::string_view>& lines = outline.lines;
  const std::string name = display_name(path);
  const std::string short_name = path.filename().string();
  const auto at = [&](std::size_t index) { return name + ":" + std::to_string(index + 1) + ": "; };

  TitleFinder finder;
  finder.scan(0, outline.headings);
  const std::optional<TitlePlace> title_place = finder.title();

  // Lines that are markup for the loader rather than narration: the title's, and whole-line
  // comments where md4c reads raw HTML (in a code block the same line is code).
  enum class LineUse : unsigned char { Narration, Title, Comment };
  std::vector<LineUse> uses(lines.size(), LineUse::Narration);
  if (title_place)
    for (std::size_t i = title_place->first_line; i <= title_place->last_line && i < lines.size(); ++i)
      uses[i] = LineUse::Title;
  for (std::size_t i : outline.html_lines)
    if (comment_of(lines[i])) uses[i] = LineUse::Comment;

  StepBuilder builder;
  std::size_t next_fence = 0;  // md4c's fences are in text order
  for (std::size_t i = 0; i < lines.size(); ++i) {
    while (next_fence < outline.fences.size() && outline.fences[next_fence].open_line < i) ++next_fence;
    if (next_fence < outline.fences.size() && outline.fences[next_fence].open_line == i) {
      const MarkdownFence& fence = outline.fences[next_fence++];
      // Unclosed at the top level, a fence swallows the rest of the file: surely a mistake. (In
      // a list or a quote, it ends with them, as CommonMark says.)
      if (!fence.closed && fence.top_level)
        return LessonError{at(i) + "unclosed code fence '" + std::string(fence.length, fence.marker) +
                           fence.language + "' (opened here, never closed)"};
      if (is_python(fence.language)) {
        const std::string location = short_name + ":" + std::to_string(i + 2);
        const std::string code = join_trimmed(split_lines(fence.code));
        auto problem = is_blank(code) ? builder.finish_without_code(location)
                                      : builder.finish_with_code(code, location);
        if (problem) return LessonError{at(i) + *problem};
        i = fence.closed ? fence.close_line : fence.close_line - 1;  // past the cell's lines
        continue;
      }
      // Any other fence stays in the narration as written, fences included: line by line below.
    }
    if (uses[i] == LineUse::Title) continue;  // shown as the lesson's title
    if (uses[i] == LineUse::Comment) {
      if (auto problem = apply_comment(*comment_of(lines[i]), builder, short_name + ":" + std::to_string(i + 1)))
        return LessonError{at(i) + *problem};
      continue;
    }
    builder.add_narration_line(std::string(lines[i]));
  }

  if (auto problem = builder.finish_without_code(short_name + ":" + std::to_string(lines.size())))
    return LessonError{name + ": at the end: " + *problem};

  Lesson lesson;
  lesson.title = title_or_stem(title_place, path);
  lesson.source_path = path.string();
  lesson.steps = builder.take_steps();
  if (lesson.steps.empty()) return LessonError{name + ": the lesson has no steps (no text and no code)"};
  return lesson;
}

// ---------------------------------------------------------------------------------------------
// Jupyter notebooks (nbformat 4)

std::string json_type_name(const Json& value) { return value.type_name(); }

// A value from the file, for a message: a scalar as written (a long string cut short), a
// container by its kind only, so nothing walks into what the file nests.
std::string describe_json_value(const Json& value) {
  if (value.is_array()) return "a list";
  if (value.is_object()) return "an object";
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    const Json shown = text.size() <= 40 ? text : text.substr(0, 37) + "...";
    return shown.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  return value.dump();  // a number, a bool or null
}

// The line and column of a 1-based byte position, counted as nlohmann counts them.
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t byte) {
  std::size_t line = 1, column = byte;
  const std::size_t end = std::min(byte > 0 ? byte - 1 : 0, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = byte - (i + 1);
    }
  }
  return {line, std::max<std::size_t>(column, 1)};
}

// nlohmann's explanation without its "[json.exception...] parse error at line L, column C: ".
std::string parse_error_reason(const std::string& what) {
  const auto column = what.find("column ");
  if (column != std::string::npos) {
    const auto colon = what.find(": ", column);
    if (colon != std::string::npos) return what.substr(colon + 2);
  }
  const auto bracket = what.find("] ");
  return bracket == std::string::npos ? what : what.substr(bracket + 2);
}

// A cell's source: a string or a list of strings (joined as they are, each keeps its '\n'),
// or why the cell has none.
struct CellSource {
  std::string text;
  std::optional<std::string> problem;
};

CellSource cell_source(const Json& cell, const std::string& where) {
  const auto found = cell.find("source");
  if (found == cell.end()) return {{}, where + " has no \"source\""};
  if (found->is_string()) return {found->get<std::string>(), std::nullopt};
  if (!found->is_array())
    return {{}, where + ": \"source\" must be a string or a list of strings, not a " + json_type_name(*found)};
  std::string text;
  for (const auto& part : *found) {
    if (!part.is_string())
      return {{}, where + ": \"source\" must be a string or a list of strings; it holds a " + json_type_name(part)};
    text += part.get<std::string>();
  }
  return {std::move(text), std::nullopt};
}

// Applies a cell's metadata.bufferlab {expect, predict, answer, highlight, bars}; returns a problem, if any.
std::optional<std::string> apply_cell_extras(const Json& cell, StepBuilder& builder, const std::string& where) {
  const auto metadata = cell.find("metadata");
  if (metadata == cell.end() || !metadata->is_object()) return std::nullopt;
  const auto extras = metadata->find("bufferlab");
  if (extras == metadata->end()) return std::nullopt;
  if (!extras->is_object()) return where + ": metadata \"bufferlab\" must be an object";
  for (const auto& [key, value] : extras->items()) {
    if (!value.is_string())
      return where + ": metadata bufferlab." + key + " must be a string, not a " + json_type_name(value);
    std::optional<std::string> problem;
    if (key == "expect")
      problem = builder.set_expect(value.get<std::string>());
    else if (key == "predict")
      problem = builder.set_predict(value.get<std::string>());
    else if (key == "answer")
      problem = builder.set_answer(value.get<std::string>());
    else if (key == "highlight")
      problem = builder.set_highlight(value.get<std::string>());
    else if (key == "bars")
      problem = builder.set_bars(value.get<std::string>());
    else
      problem = "unknown key bufferlab." + key + " (known: expect, predict, answer, highlight, bars)";
    if (problem) return where + ": " + *problem;
  }
  return std::nullopt;
}

LessonLoad parse_notebook(std::string_view text, const std::filesystem::path& path) {
  const std::string name = display_name(path);
  const std::string short_name = path.filename().string();
  // Checked first, so the JSON library never meets what it handles badly (its message for a
  // number that overflows has no position; deep nesting costs memory).
  if (auto problem = check_json_text(text))
    return LessonError{name + ":" + std::to_string(problem->line) + ":" + std::to_string(problem->column) +
                       ": not a usable notebook: " + problem->reason};
  Json notebook;
  try {
    notebook = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& error) {
    const auto [line, column] = line_and_column(text, error.byte);
    return LessonError{name + ":" + std::to_string(line) + ":" + std::to_string(column) +
                       ": not valid JSON (byte " + std::to_string(error.byte) + "): " +
                       parse_error_reason(error.what())};
  }
  if (!notebook.is_object())
    return LessonError{name + ": not a Jupyter notebook: the top level is a JSON " + json_type_name(notebook) + ", not an object"};
  const auto format = notebook.find("nbformat");
  if (format == notebook.end())
    return LessonError{name + ": not a Jupyter notebook: it has no \"nbformat\" field"};
  if (!format->is_number_integer() || format->get<long long>() != 4)
    return LessonError{name + ": not an nbformat 4 notebook (nbformat is " + describe_json_value(*format) +
                       "); save it with a current Jupyter to open it as a lesson"};
  const auto cells = notebook.find("cells");
  if (cells == notebook.end() || !cells->is_array())
    return LessonError{name + ": not a Jupyter notebook: \"cells\" is missing or not a list"};

  // First pass: every cell's kind and source, checked, and the title's place.
  struct Cell {
    std::string kind;
    std::vector<std::string> lines;
    std::string source;
  };
  std::vector<Cell> parsed;
  TitleFinder finder;
  for (std::size_t i = 0; i < cells->size(); ++i) {
    const Json& cell = (*cells)[i];
    std::string where = name + ": cell " + std::to_string(i + 1);
    if (!cell.is_object()) return LessonError{where + " is a " + json_type_name(cell) + ", not an object"};
    const auto kind = cell.find("cell_type");
    if (kind == cell.end() || !kind->is_string()) return LessonError{where + " has no \"cell_type\""};
    Cell entry;
    entry.kind = kind->get<std::string>();
    where += " (" + entry.kind + ")";
    CellSource source = cell_source(cell, where);
    if (source.problem) return LessonError{*source.problem};
    entry.source = std::move(source.text);
    if (entry.kind == "markdown") {
      const MarkdownOutline outline = outline_markdown(entry.source);
      finder.scan(i, outline.headings);
      entry.lines.assign(outline.lines.begin(), outline.lines.end());
    } else {
      entry.lines = split_lines(entry.source);
    }
    parsed.push_back(std::move(entry));
  }
  const std::optional<TitlePlace> title_place = finder.title();

  // Second pass: markdown cells are narration, a code cell ends the step.
  StepBuilder builder;
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    const Cell& cell = parsed[i];
    const std::string where = name + ": cell " + std::to_string(i + 1) + " (" + cell.kind + ")";
    const std::string location = short_name + " cell " + std::to_string(i + 1);
    if (cell.kind == "markdown") {
      std::vector<std::string> lines = cell.lines;
      if (title_place && title_place->unit == i && title_place->first_line < lines.size())
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(title_place->first_line),
                    lines.begin() + static_cast<std::ptrdiff_t>(std::min(title_place->last_line + 1, lines.size())));
      builder.add_narration({join_trimmed(lines)});
      if (auto problem = apply_cell_extras((*cells)[i], builder, where)) return LessonError{*problem};
    } else if (cell.kind == "code") {
      if (auto problem = apply_cell_extras((*cells)[i], builder, where)) return LessonError{*problem};
      const std::string code = join_trimmed(cell.lines);
      // An empty code cell (a notebook's trailing one, say) adds nothing to run.
      auto problem = code.empty() ? builder.finish_without_code(location)
                                  : builder.finish_with_code(code, location);
      if (problem) return LessonError{where + ": " + *problem};
    }
    // raw cells and unknown kinds carry nothing a lesson shows
  }
  if (auto problem = builder.finish_without_code(short_name))
    return LessonError{name + ": at the end: " + *problem};

  Lesson lesson;
  lesson.title = title_or_stem(title_place, path);
  lesson.source_path = path.string();
  lesson.steps = builder.take_steps();
  if (lesson.steps.empty()) return LessonError{name + ": the notebook has no cells to teach from"};
  return lesson;
}

bool last_component_equal(std::string_view qualified, std::string_view bare) {
  const auto dot = qualified.rfind('.');
  return dot != std::string_view::npos && qualified.substr(dot + 1) == bare;
}

bool is_identifier(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

}  // namespace

std::optional<LessonHighlight> parse_lesson_highlight(std::string_view text) {
  text = trim_blanks(text);
  const auto open = text.find('[');
  if (open == std::string_view::npos || text.back() != ']') return std::nullopt;
  const std::string_view name = trim_blanks(text.substr(0, open));
  const std::string_view inside = text.substr(open + 1, text.size() - open - 2);
  // The slice's colon is the one outside brackets and string literals.
  std::size_t colon = std::string_view::npos;
  int depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < inside.size(); ++i) {
    const char c = inside[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      if (--depth < 0) return std::nullopt;
    } else if (c == ':' && depth == 0) {
      if (colon != std::string_view::npos) return std::nullopt;  // no step: name[a:b:c]
      colon = i;
    }
  }
  if (quote || depth != 0 || colon == std::string_view::npos || !is_identifier(name)) return std::nullopt;
  LessonHighlight highlight{std::string(name), std::string(trim_blanks(inside.substr(0, colon))),
                            std::string(trim_blanks(inside.substr(colon + 1)))};
  if (highlight.start.empty() || highlight.stop.empty()) return std::nullopt;
  return highlight;
}

std::size_t Lesson::code_step_count() const {
  return static_cast<std::size_t>(
      std::count_if(steps.begin(), steps.end(), [](const LessonStep& step) { return step.has_code(); }));
}

LessonLoad parse_markdown_lesson(std::string_view text, const std::filesystem::path& source_path) {
  try {
    return parse_markdown(text, source_path);
  } catch (const std::exception& error) {  // bad_alloc and the like: still a value
    return LessonError{display_name(source_path) + ": " + error.what()};
  }
}

LessonLoad parse_notebook_lesson(std::string_view text, const std::filesystem::path& source_path) {
  try {
    return parse_notebook(text, source_path);
  } catch (const std::exception& error) {
    return LessonError{display_name(source_path) + ": " + error.what()};
  }
}

LessonLoad load_lesson(const std::filesystem::path& path) {
  const std::string name = display_name(path);
  std::error_code status_error;
  if (std::filesystem::is_directory(path, status_error))
    return LessonError{name + ": cannot open lesson: it is a directory"};
  // A device or a pipe could block or never end: only regular files of a sane size are read.
  const auto status = std::filesystem::status(path, status_error);
  if (!status_error && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    return LessonError{name + ": cannot open lesson: not a regular file"};
  if (std::filesystem::is_regular_file(status) &&
      std::filesystem::file_size(path, status_error) > kLessonSizeLimit && !status_error)
    return LessonError{name + ": cannot open lesson: larger than " +
                       std::to_string(kLessonSizeLimit >> 20) + " MiB"};
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return LessonError{name + ": cannot open lesson: " + std::strerror(errno)};
  std::string text;
  char chunk[65536];
  std::size_t got = 0;
  while ((got = std::fread(chunk, 1, sizeof chunk, file)) > 0) text.append(chunk, got);
  const bool failed = std::ferror(file);
  std::fclose(file);
  if (failed) return LessonError{name + ": cannot read lesson"};

  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".ipynb" ? parse_notebook_lesson(text, path) : parse_markdown_lesson(text, path);
}

std::vector<std::filesystem::path> list_lesson_files(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> files;
  std::error_code error;
  std::filesystem::directory_iterator entries(directory, error);
  if (error) return files;
  for (const auto& entry : entries) {
    std::error_code kind_error;
    if (entry.path().extension() == ".md" && entry.is_regular_file(kind_error))
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end(),
            [](const auto& a, const auto& b) { return a.filename() < b.filename(); });
  return files;
}

std::optional<std::string> step_outcome_problem(const LessonStep& step, bool raised,
                                                std::string_view error_type) {
  const std::string raised_name = error_type.empty() ? std::string("an error") : std::string(error_type);
  if (step.expected_error.empty()) {
    if (!raised) return std::nullopt;
    return "raised " + raised_name + ", which the lesson does not expect";
  }
  if (!raised)
    return "was expected to raise " + step.expected_error + ", but it ran without an error";
  const std::string_view expected = step.expected_error;
  if (error_type == expected || last_component_equal(expected, error_type) ||
      last_component_equal(error_type, expected))
    return std::nullopt;
  return "raised " + raised_name + ", but the lesson expects " + step.expected_error;
}

namespace {

// A token of Python source as the name scan sees it: a name, an operator or bracket, or the end
// of a logical line.
struct CodeToken {
  enum class Kind { Name, Op, LineEnd };
  Kind kind = Kind::Op;
  std::string text;
};

bool is_python_keyword(std::string_view word) {
  static const std::set<std::string_view> keywords = {
      "False", "None",   "True",    "and",      "as",   "assert", "async", "await",  "break",
      "class", "continue", "def",   "del",      "elif", "else",   "except", "finally", "for",
      "from",  "global", "if",      "import",   "in",   "is",     "lambda", "nonlocal", "not",
      "or",    "pass",   "raise",   "return",   "try",  "while",  "with",  "yield"};
  return keywords.contains(word);
}

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }
bool is_name_char(char c) { return is_name_start(c) || std::isdigit(static_cast<unsigned char>(c)); }

void tokenize_python(std::string_view code, std::vector<CodeToken>& out);

// A string literal starting at code[i] (at its quote); returns the index after it. The fields of
// an f-string are tokenized in parentheses, so they read names but never assign one.
std::size_t skip_string(std::string_view code, std::size_t i, bool raw, bool formatted, std::vector<CodeToken>& out) {
  const char quote = code[i];
  const bool triple = code.substr(i, 3) == std::string(3, quote);
  i += triple ? 3 : 1;
  std::string field;
  int field_depth = 0;  // brackets open inside the current f-string field; -1: outside a field
  bool in_field = false, in_spec = false;
  while (i < code.size()) {
    const char c = code[i];
    if (c == '\\' && i + 1 < code.size()) {
      i += 2;
      continue;
    }
    if (!triple && c == '\n') break;  // unterminated: the line ends it
    if (c == quote && (!triple || code.substr(i, 3) == std::string(3, quote))) {
      i += triple ? 3 : 1;
      break;
    }
    if (formatted && !raw) {
      if (!in_field && c == '{') {
        if (i + 1 < code.size() && code[i + 1] == '{') {
          i += 2;
          continue;
        }
        in_field = true, in_spec = false, field_depth = 0, field.clear();
      } else if (in_field) {
        if (field_depth == 0 && c == '}') {
          out.push_back({CodeToken::Kind::Op, "("});
          tokenize_python(field, out);
          out.push_back({CodeToken::Kind::Op, ")"});
          in_field = false;
        } else if (!in_spec) {
          if (c == '(' || c == '[' || c == '{') ++field_depth;
          if ((c == ')' || c == ']' || c == '}') && field_depth > 0) --field_depth;
          if (field_depth == 0 && (c == ':' || (c == '!' && (i + 1 >= code.size() || code[i + 1] != '='))))
            in_spec = true;  // a conversion or a format spec, not code
          else
            field += c;
        }
      }
    }
    ++i;
  }
  return i;
}

void tokenize_python(std::string_view code, std::vector<CodeToken>& out) {
  static const std::string_view ops3[] = {"**=", "//=", ">>=", "<<=", "..."};
  static const std::string_view ops2[] = {"==", "!=", "<=", ">=", "->", ":=", "+=", "-=", "*=", "/=", "%=",
                                          "&=", "|=", "^=", "@=", "**", "//", "<<", ">>"};
  int depth = 0;
  std::size_t i = 0;
  while (i < code.size()) {
    const char c = code[i];
    if (c == '#') {
      while (i < code.size() && code[i] != '\n') ++i;
    } else if (c == '\\' && i + 1 < code.size() && code[i + 1] == '\n') {
      i += 2;
    } else if (c == '\n' || c == ';') {
      if (depth == 0) out.push_back({CodeToken::Kind::LineEnd, {}});
      ++i;
    } else if (c == '\'' || c == '"') {
      i = skip_string(code, i, false, false, out);
    } else if (std::isdigit(static_cast<unsigned char>(c)) ||
               (c == '.' && i + 1 < code.size() && std::isdigit(static_cast<unsigned char>(code[i + 1])))) {
      while (i < code.size() && (is_name_char(code[i]) || code[i] == '.')) ++i;
    } else if (is_name_start(c)) {
      std::size_t end = i;
      while (end < code.size() && is_name_char(code[end])) ++end;
      std::string word(code.substr(i, end - i));
      std::string prefix = word;
      std::transform(prefix.begin(), prefix.end(), prefix.begin(), [](unsigned char ch) { return std::tolower(ch); });
      const bool string_prefix = prefix.size() <= 2 && prefix.find_first_not_of("rbuf") == std::string::npos;
      if (string_prefix && end < code.size() && (code[end] == '\'' || code[end] == '"')) {
        i = skip_string(code, end, prefix.find('r') != std::string::npos, prefix.find('f') != std::string::npos, out);
      } else {
        out.push_back({CodeToken::Kind::Name, std::move(word)});
        i = end;
      }
    } else if (c == ' ' || c == '\t' || c == '\r') {
      ++i;
    } else {
      std::string_view op = code.substr(i, 1);
      for (std::string_view candidate : ops2)
        if (code.substr(i, 2) == candidate) op = candidate;
      for (std::string_view candidate : ops3)
        if (code.substr(i, 3) == candidate) op = candidate;
      if (op == "(" || op == "[" || op == "{") ++depth;
      if ((op == ")" || op == "]" || op == "}") && depth > 0) --depth;
      out.push_back({CodeToken::Kind::Op, std::string(op)});
      i += op.size();
    }
  }
  out.push_back({CodeToken::Kind::LineEnd, {}});
}

bool is_op(const CodeToken& token, std::string_view text) {
  return token.kind == CodeToken::Kind::Op && token.text == text;
}
bool is_augmented_assignment(const CodeToken& token) {
  return token.kind == CodeToken::Kind::Op && token.text.size() >= 2 && token.text.back() == '=' &&
         token.text != "==" && token.text != "!=" && token.text != "<=" && token.text != ">=" && token.text != ":=";
}

// Collects one logical line's reads and binds (binds apply after its reads, as `x = x + 1`).
class LineNames {
 public:
  explicit LineNames(const std::vector<CodeToken>& line) : line_(line) {}

  void scan() {
    if (line_.empty()) return;
    const std::string& first = line_[0].kind == CodeToken::Kind::Name ? line_[0].text : std::string();
    if (first == "import") return scan_import(1);
    if (first == "from") {
      for (std::size_t i = 1; i < line_.size(); ++i)
        if (line_[i].kind == CodeToken::Kind::Name && line_[i].text == "import") return scan_import(i + 1);
      return;
    }
    if (first == "def" || first == "class") {
      if (line_.size() > 1 && line_[1].kind == CodeToken::Kind::Name) binds.push_back(line_[1].text);
      return;  // parameters and bases: not the names this scan is after
    }
    if (first == "global" || first == "nonlocal") return;
    if (first == "del") return scan_del();
    std::size_t begin = 0;
    if (first == "for") {
      std::size_t in = 1;
      while (in < line_.size() && !(line_[in].kind == CodeToken::Kind::Name && line_[in].text == "in")) ++in;
      scan_targets(1, in, false);
      begin = in;
    }
    // A compound statement's header up to its colon is an expression; a body on the same line
    // after it is a statement of its own.
    static const std::set<std::string> headers = {"for", "if", "elif", "else", "while", "with", "try", "except", "finally"};
    if (headers.contains(first)) {
      const std::size_t colon = depth_zero_op(begin, ":");
      scan_expression(begin, colon);
      begin = std::min(colon + 1, line_.size());
      header_binds_.insert(binds.begin(), binds.end());  // bound before the body reads them
    }
    // Segments split by `=` at depth 0: all but the last are targets.
    std::vector<std::size_t> splits;
    int depth = 0;
    for (std::size_t i = begin; i < line_.size(); ++i) {
      if (is_op(line_[i], "(") || is_op(line_[i], "[") || is_op(line_[i], "{")) ++depth;
      if (is_op(line_[i], ")") || is_op(line_[i], "]") || is_op(line_[i], "}")) depth = std::max(0, depth - 1);
      if (depth == 0 && (is_op(line_[i], "=") || is_augmented_assignment(line_[i]))) splits.push_back(i);
    }
    std::size_t from = begin;
    for (std::size_t split : splits) {
      scan_targets(from, split, is_augmented_assignment(line_[split]));
      from = split + 1;
    }
    scan_expression(from, line_.size());
  }

  std::vector<std::string> reads, binds, deletes;

 private:
  // `del a, (b, c[0]), d.x`: a target list as an assignment's, whose bare names are unbound.
  void scan_del() {
    const std::size_t bound = binds.size();
    scan_targets(1, line_.size(), false);
    deletes.assign(binds.begin() + static_cast<std::ptrdiff_t>(bound), binds.end());
    binds.resize(bound);
  }

  void scan_import(std::size_t i) {
    // `import a.b as c, d` binds c and a; `from m import (x as y, z)` binds y and z.
    const bool from_import = line_[0].text == "from";
    while (i < line_.size()) {
      while (i < line_.size() && line_[i].kind != CodeToken::Kind::Name) ++i;
      if (i >= line_.size()) return;
      std::string bound = line_[i].text;
      ++i;
      while (i < line_.size() && !is_op(line_[i], ",")) {
        if (line_[i].kind == CodeToken::Kind::Name && line_[i].text == "as" && i + 1 < line_.size())
          bound = line_[i + 1].text;
        ++i;
      }
      if (bound != "*" && (from_import || !bound.empty())) binds.push_back(bound);
    }
  }

  // Names bound by a target list: bare names (also inside grouping brackets); names under a
  // subscript or a call, or before `.`, `[`, `(`, are read.
  void scan_targets(std::size_t begin, std::size_t end, bool augmented) {
    std::vector<bool> postfix;  // per open bracket: a subscript or call (true) or a grouping
    for (std::size_t i = begin; i < end; ++i) {
      const CodeToken& token = line_[i];
      if (is_op(token, "(") || is_op(token, "[") || is_op(token, "{")) {
        const bool after_value = i > begin && (line_[i - 1].kind == CodeToken::Kind::Name ||
                                               is_op(line_[i - 1], ")") || is_op(line_[i - 1], "]"));
        postfix.push_back(after_value || (!postfix.empty() && postfix.back()));
        continue;
      }
      if (is_op(token, ")") || is_op(token, "]") || is_op(token, "}")) {
        if (!postfix.empty()) postfix.pop_back();
        continue;
      }
      if (token.kind != CodeToken::Kind::Name || is_python_keyword(token.text)) continue;
      if (i > begin && is_op(line_[i - 1], ".")) continue;
      const bool followed = i + 1 < end && (is_op(line_[i + 1], ".") || is_op(line_[i + 1], "[") || is_op(line_[i + 1], "("));
      if (followed || (!postfix.empty() && postfix.back()) || augmented) read(token.text);
      if (!followed && (postfix.empty() || !postfix.back())) binds.push_back(token.text);
    }
  }

  // An expression (or a statement that is not an assignment): every name is read, except
  // attributes, keyword arguments, lambda parameters and comprehension variables; names after
  // `as` and before `:=` are bound.
  void scan_expression(std::size_t begin, std::size_t end) {
    std::set<std::string> local;  // comprehension variables and lambda parameters
    int depth = 0;
    for (std::size_t i = begin; i < end; ++i) {
      const CodeToken& token = line_[i];
      if (token.kind != CodeToken::Kind::Name) continue;
      if (token.text == "lambda") {
        for (std::size_t j = i + 1; j < end && !is_op(line_[j], ":"); ++j)
          if (line_[j].kind == CodeToken::Kind::Name) local.insert(line_[j].text);
      } else if (token.text == "for" && i > begin) {
        for (std::size_t j = i + 1; j < end && !(line_[j].kind == CodeToken::Kind::Name && line_[j].text == "in"); ++j)
          if (line_[j].kind == CodeToken::Kind::Name) local.insert(line_[j].text);
      }
    }
    for (std::size_t i = begin; i < end; ++i) {
      const CodeToken& token = line_[i];
      if (is_op(token, "(") || is_op(token, "[") || is_op(token, "{")) ++depth;
      if (is_op(token, ")") || is_op(token, "]") || is_op(token, "}")) depth = std::max(0, depth - 1);
      if (token.kind != CodeToken::Kind::Name || is_python_keyword(token.text)) continue;
      if (i > begin && is_op(line_[i - 1], ".")) continue;
      if (i > begin && line_[i - 1].kind == CodeToken::Kind::Name && line_[i - 1].text == "as") {
        binds.push_back(token.text);
        continue;
      }
      if (i + 1 < end && is_op(line_[i + 1], ":=")) {
        binds.push_back(token.text);
        continue;
      }
      if (depth > 0 && i + 1 < end && is_op(line_[i + 1], "=")) continue;  // a keyword argument
      if (local.contains(token.text)) continue;
      read(token.text);
    }
  }

  // The first `op` at bracket depth 0 from `begin`, or the line's end.
  std::size_t depth_zero_op(std::size_t begin, std::string_view op) const {
    int depth = 0;
    for (std::size_t i = begin; i < line_.size(); ++i) {
      if (is_op(line_[i], "(") || is_op(line_[i], "[") || is_op(line_[i], "{")) ++depth;
      if (is_op(line_[i], ")") || is_op(line_[i], "]") || is_op(line_[i], "}")) depth = std::max(0, depth - 1);
      if (depth == 0 && is_op(line_[i], op)) return i;
    }
    return line_.size();
  }

  void read(const std::string& name) {
    if (!header_binds_.contains(name)) reads.push_back(name);
  }

  const std::vector<CodeToken>& line_;
  std::set<std::string> header_binds_;
};

}  // namespace

CodeNames scan_code_names(std::string_view code) {
  std::vector<CodeToken> tokens;
  tokenize_python(code, tokens);
  CodeNames names;
  std::set<std::string> read, assigned;
  std::vector<CodeToken> line;
  for (CodeToken& token : tokens) {
    if (token.kind != CodeToken::Kind::LineEnd) {
      line.push_back(std::move(token));
      continue;
    }
    LineNames found(line);
    found.scan();
    for (const std::string& name : found.reads)
      if (!assigned.contains(name) && read.insert(name).second) names.reads.push_back(name);
    for (const std::string& name : found.binds)
      if (assigned.insert(name).second) names.assigns.push_back(name);
    names.deletes.insert(names.deletes.end(), found.deletes.begin(), found.deletes.end());
    line.clear();
  }
  return names;
}

}  // namespace bufferlab

// The take-home notebook: nbformat 4.5 JSON from the cells a session ran.
#include "core/lesson/notebook_export.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/file_output.h"

namespace bufferlab {
namespace {

using Json = nlohmann::ordered_json;

// nbformat's convention for multi-line text: a list of lines, each but the last ending in "\n".
Json text_lines(std::string_view text) {
  Json lines = Json::array();
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::size_t stop = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(std::string(text.substr(start, stop - start)));
    start = stop;
  }
  return lines;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      if (start < text.size()) lines.emplace_back(text.substr(start));
      break;
    }
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// The output of a cell split for the notebook: what stays a stream, and the traceback.
struct SplitOutput {
  std::vector<NotebookOutput> streams;  // same-stream pieces merged
  std::string traceback;                // empty when the cell did not raise or none was found
};

// Python's printer writes the traceback last, on stderr: it starts at the first "Traceback"
// header of the trailing stderr text (chained exceptions print more than one), or, for an error
// raised while compiling (SyntaxError), at its first `  File "` line.
std::size_t traceback_start(std::string_view err) {
  const std::size_t header = err.find("Traceback (most recent call last):");
  if (header != std::string_view::npos) return header;
  const std::size_t file = err.starts_with("  File \"") ? 0 : err.find("\n  File \"");
  if (file != std::string_view::npos) return file == 0 ? 0 : file + 1;
  // Only the error's own line ("SystemExit: ..."), when that is how stderr ends.
  std::string_view trimmed = err;
  while (!trimmed.empty() && trimmed.back() == '\n') trimmed.remove_suffix(1);
  const std::size_t last_line = trimmed.rfind('\n');
  return last_line == std::string_view::npos ? 0 : last_line + 1;
}

SplitOutput split_output(const NotebookCell& cell) {
  SplitOutput split;
  if (cell.dropped_bytes > 0)
    split.streams.push_back({NotebookOutput::Stream::Err,
                             "[" + std::to_string(cell.dropped_bytes) + " bytes of earlier output dropped]\n"});
  for (const NotebookOutput& piece : cell.output) {
    if (piece.text.empty()) continue;
    if (!split.streams.empty() && split.streams.back().stream == piece.stream)
      split.streams.back().text += piece.text;
    else
      split.streams.push_back(piece);
  }
  if (!cell.raised || split.streams.empty() || split.streams.back().stream != NotebookOutput::Stream::Err)
    return split;
  std::string& err = split.streams.back().text;
  const std::size_t start = traceback_start(err);
  split.traceback = err.substr(start);
  err.erase(start);
  if (err.empty()) split.streams.pop_back();
  return split;
}

// The error's name and message from the traceback's last lines ("struct.error: bad char" gives
// "error" and "bad char"); lines after it (notes) belong to the message.
std::string error_value(const std::vector<std::string>& lines, const std::string& error_type) {
  for (std::size_t i = lines.size(); i-- > 0;) {
    const std::string& line = lines[i];
    const std::size_t colon = line.find(": ");
    const std::string_view name = std::string_view(line).substr(0, colon);
    const bool named = name == error_type ||
                       (name.size() > error_type.size() && name.ends_with(error_type) &&
                        name[name.size() - error_type.size() - 1] == '.');
    if (!named || line.starts_with(" ")) continue;
    std::string value = colon == std::string::npos ? std::string() : line.substr(colon + 2);
    for (std::size_t j = i + 1; j < lines.size(); ++j) value += "\n" + lines[j];
    return value;
  }
  return lines.empty() ? std::string() : lines.back();
}

// A fence longer than any backtick run in `code`, so the code cannot close it.
std::string fence_for(std::string_view code) {
  std::size_t longest = 0, run = 0;
  for (char c : code) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

bool same_narration(const std::optional<NotebookNarration>& a, const std::optional<NotebookNarration>& b) {
  if (!a || !b) return !a && !b;
  return a->lesson_title == b->lesson_title && a->step == b->step && a->text == b->text;
}

class NotebookBuilder {
 public:
  void markdown(const std::string& text) {
    if (text.empty()) return;
    Json cell;
    cell["id"] = next_id();
    cell["cell_type"] = "markdown";
    cell["metadata"] = Json::object();
    cell["source"] = text_lines(text);
    cells_.push_back(std::move(cell));
  }

  // The narration before a cell, where it changed since the previous cell's.
  void narration(const NotebookCell& cell) {
    if (same_narration(cell.narration, last_narration_)) return;
    last_narration_ = cell.narration;
    if (!cell.narration) return;
    std::string text;
    const std::string& title = cell.narration->lesson_title;
    if (!title.empty() && title != last_title_) text = "# " + title + "\n";
    if (!title.empty()) last_title_ = title;
    if (!cell.narration->text.empty()) text += (text.empty() ? "" : "\n") + cell.narration->text;
    while (!text.empty() && text.back() == '\n') text.pop_back();
    markdown(text);
  }

  void code(const NotebookCell& cell) {
    Json json;
    json["id"] = next_id();
    json["cell_type"] = "code";
    Json extras = Json::object();
    // What happened is what the notebook expects: a re-run that raises the same error passes.
    if (cell.raised) {
      const bool lesson_names_it = !cell.expected_error.empty() &&
                                   (cell.expected_error == cell.error_type ||
                                    cell.expected_error.ends_with("." + cell.error_type));
      extras["expect"] = lesson_names_it ? cell.expected_error : cell.error_type;
    }
    if (cell.predict) extras["predict"] = *cell.predict;
    if (cell.answer) extras["answer"] = *cell.answer;
    if (!cell.highlight.empty()) extras["highlight"] = cell.highlight;
    if (!cell.bars.empty()) extras["bars"] = cell.bars;
    json["metadata"] = Json::object();
    if (!extras.empty()) json["metadata"]["bufferlab"] = std::move(extras);
    std::string source = cell.code;
    while (!source.empty() && source.back() == '\n') source.pop_back();
    json["source"] = text_lines(source);
    json["execution_count"] = cell.execution_count > 0 ? Json(cell.execution_count) : Json(nullptr);

    Json outputs = Json::array();
    const SplitOutput split = split_output(cell);
    for (const NotebookOutput& piece : split.streams)
      outputs.push_back({{"output_type", "stream"},
                         {"name", piece.stream == NotebookOutput::Stream::Err ? "stderr" : "stdout"},
                         {"text", text_lines(piece.text)}});
    if (cell.raised) {
      const std::vector<std::string> lines = split_lines(split.traceback);
      outputs.push_back({{"output_type", "error"},
                         {"ename", cell.error_type.empty() ? std::string("Exception") : cell.error_type},
                         {"evalue", error_value(lines, cell.error_type)},
                         {"traceback", lines}});
    }
    json["outputs"] = std::move(outputs);
    cells_.push_back(std::move(json));
  }

  Json take_cells() { return std::move(cells_); }

 private:
  std::string next_id() { return "cell-" + std::to_string(++count_); }

  Json cells_ = Json::array();
  int count_ = 0;
  std::optional<NotebookNarration> last_narration_;
  std::string last_title_;
};

}  // namespace

NotebookNarration notebook_narration(const Lesson& lesson, int step) {
  NotebookNarration narration{lesson.title, step, {}};
  if (step < 0 || step >= static_cast<int>(lesson.steps.size())) return narration;
  int first = step;
  while (first > 0 && !lesson.steps[static_cast<std::size_t>(first - 1)].has_code()) --first;
  for (int i = first; i <= step; ++i) {
    const std::string& text = lesson.steps[static_cast<std::size_t>(i)].narration;
    if (text.empty()) continue;
    narration.text += (narration.text.empty() ? "" : "\n\n") + text;
  }
  return narration;
}

void add_step_extras(NotebookCell& cell, const LessonStep& step) {
  if (step.question) {
    cell.predict = step.question->prompt;
    cell.answer = step.question->answer;
  }
  if (step.highlight)
    cell.highlight = step.highlight->name + "[" + step.highlight->start + ":" + step.highlight->stop + "]";
  if (step.bars) {
    std::string bars;
    for (const LessonBar& bar : step.bars->bars) {
      if (!bars.empty()) bars += " | ";
      bars += bar.label == bar.name ? bar.label : bar.label + " as " + bar.name;
    }
    cell.bars = bars;
  }
  cell.expected_error = step.expected_error;
}

bool notebook_leaves_out(const NotebookCell& cell) {
  return cell.raised && cell.error_type == "KeyboardInterrupt";
}

std::string notebook_json(const std::vector<NotebookCell>& cells, std::size_t dropped_cells) {
  NotebookBuilder builder;
  if (dropped_cells > 0)
    builder.markdown("*Buffer Lab kept only the latest cells of this session: the " + std::to_string(dropped_cells) +
                     " before them are left out, so the names they made may be missing.*");
  for (const NotebookCell& cell : cells) {
    builder.narration(cell);
    if (cell.code.empty()) continue;
    if (notebook_leaves_out(cell)) {
      const std::string fence = fence_for(cell.code);
      std::string code = cell.code;
      while (!code.empty() && code.back() == '\n') code.pop_back();
      builder.markdown("*This cell was interrupted (KeyboardInterrupt) in Buffer Lab. It is left out of the "
                       "notebook, which would otherwise stop here when run again:*\n\n" +
                       fence + "python\n" + code + "\n" + fence);
      continue;
    }
    builder.code(cell);
  }

  Json notebook;
  notebook["cells"] = builder.take_cells();
  notebook["metadata"] = {
      {"kernelspec", {{"display_name", "Python 3"}, {"language", "python"}, {"name", "python3"}}},
      {"language_info", {{"file_extension", ".py"}, {"mimetype", "text/x-python"}, {"name", "python"}}}};
  notebook["nbformat"] = 4;
  notebook["nbformat_minor"] = 5;
  // Output is whatever the cells printed: bytes that are not UTF-8 become U+FFFD.
  return notebook.dump(1, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::optional<std::string> write_notebook_file(const std::string& path, const std::vector<NotebookCell>& cells,
                                               std::size_t dropped_cells) {
  auto failure = write_file_whole(path, [&](std::ostream& out) { out << notebook_json(cells, dropped_cells); });
  if (!failure) return std::nullopt;
  return "cannot write '" + path + "': " + *failure;
}

}  // namespace bufferlab

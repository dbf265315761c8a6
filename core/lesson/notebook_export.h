// The take-home notebook: cells that ran (console input, lesson steps, a script), their output
// and the lesson narration they ran under, written as an nbformat 4.5 notebook that Jupyter opens
// and Buffer Lab re-imports as a lesson. Plain data and JSON: no Python, no GUI.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/lesson/lesson.h"

namespace bufferlab {

// A piece of a cell's output, in the order it was written.
struct NotebookOutput {
  enum class Stream { Out, Err };
  Stream stream = Stream::Out;
  std::string text;
};

// The lesson step a cell ran under: its narration and, for the step's own code, its extras.
struct NotebookNarration {
  std::string lesson_title;  // empty: no lesson
  int step = -1;             // index in the lesson, so two steps with the same text stay apart
  std::string text;          // Markdown; the narration-only steps just before it included
};

struct NotebookCell {
  // Empty code: narration only (a lesson's closing text), written as a markdown cell.
  std::string code;
  std::vector<NotebookOutput> output;  // stdout and stderr in order; a raised cell's traceback last
  std::size_t dropped_bytes = 0;       // output left out before `output`
  bool raised = false;
  std::string error_type;              // "BufferError"; empty when it did not raise
  int execution_count = 0;             // 0: none (written as null)
  std::optional<NotebookNarration> narration;  // none for console input outside a lesson
  // The step's extras, for the step's own code (not console input typed under it).
  std::optional<std::string> predict;
  std::optional<std::string> answer;
  std::string highlight;       // "name[start:stop]" as the lesson wrote it
  std::string bars;            // "Label as name | Label" as the lesson wrote it
  std::string expected_error;  // what the lesson expects ("struct.error"); written when it matches
};

// The narration a lesson step's cell runs under: the step's own, after that of the
// narration-only steps just before it (they have no cell of their own to carry it).
NotebookNarration notebook_narration(const Lesson& lesson, int step);
// The step's extras (predict, answer, highlight, bars, expected error), for its own code's cell.
void add_step_extras(NotebookCell& cell, const LessonStep& step);

// Interrupted cells would stop a re-run (an endless loop hangs it), so they are written as a
// markdown note holding their code, not as code cells.
bool notebook_leaves_out(const NotebookCell& cell);

// The notebook as JSON text (nbformat 4, minor 5: every cell has an id). Markdown cells carry the
// narration where it changes from the previous cell's (the lesson title as a heading, once per
// lesson); code cells carry `stream` outputs (same-stream pieces merged) and, for a cell that
// raised, an `error` output built from the traceback at the end of its stderr, with
// metadata.bufferlab.expect naming the error so a re-run as a lesson judges it as intended.
// Invalid UTF-8 anywhere becomes U+FFFD. `dropped_cells` (older cells left out of a bounded
// record) is said in a note at the top.
std::string notebook_json(const std::vector<NotebookCell>& cells, std::size_t dropped_cells = 0);

// Writes notebook_json() to `path` through a temporary file renamed into place, so a failure
// leaves no half-written file (and an earlier file of that name untouched). Returns why it
// failed, naming the path.
std::optional<std::string> write_notebook_file(const std::string& path, const std::vector<NotebookCell>& cells,
                                               std::size_t dropped_cells = 0);

}  // namespace bufferlab

// The session's record for File > Export notebook and --export-notebook: each cell that ran
// (console input, lesson steps, a script), its output and the lesson narration it ran under,
// since the namespace was last reset, so the notebook re-runs top to bottom. No ImGui.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "core/lesson/notebook_export.h"
#include "core/py/session.h"

namespace bufferlab {

// A finished cell's output, error and kept-output count, copied into its notebook record.
void record_cell_result(NotebookCell& cell, const CellResult& result);

// A script run as a file, as the notebook records it: one code cell of its text (empty when it
// cannot be read: the run itself says why).
NotebookCell script_cell(const std::string& path);

class SessionNotebook {
 public:
  // Bounds: the oldest cells go past kMaxCells (a note in the notebook counts them), and past
  // kOutputBudget bytes of output the oldest cells keep their code but not their output.
  static constexpr std::size_t kMaxCells = 2000;
  static constexpr std::size_t kOutputBudget = 32 << 20;

  // A cell starts on the worker: its code and narration (cells finish in the order they start).
  void cell_started(NotebookCell cell);
  // The oldest started cell finished.
  void cell_finished(const CellResult& result);
  // A fresh namespace: what ran before it (and cells still queued before the reset) would not
  // re-run the same way from the top, so it is forgotten.
  void namespace_reset();

  // Writes the notebook; the reason it could not, naming the path.
  std::optional<std::string> write(const std::string& path) const;
  const std::vector<NotebookCell>& cells() const { return cells_; }
  std::size_t dropped_cells() const { return dropped_cells_; }

 private:
  void keep_within_bounds();

  struct Started {
    NotebookCell cell;
    bool before_reset = false;
  };
  std::deque<Started> started_;
  std::vector<NotebookCell> cells_;
  std::size_t dropped_cells_ = 0;  // since the last reset
  std::size_t output_bytes_ = 0;   // in cells_
};

}  // namespace bufferlab

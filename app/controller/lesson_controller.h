// Runs the lesson on show: opening and restarting, stepping, running a step's code as a cell,
// queues of steps (--step K runs the steps before K), the outcome of each run and the byte range
// a step's highlight directive marks. Cells run through a CellRunner (the workbench), so a step
// takes the console's path.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "app/controller/app_state.h"
#include "app/controller/python_worker.h"

namespace bufferlab {

// What the lesson controller asks of whoever runs cells.
class CellRunner {
 public:
  virtual ~CellRunner() = default;
  virtual void start_cell(const std::string& source, CellExtras extras) = 0;
  // Stops whatever runs, then forgets every name.
  virtual void restart_namespace() = 0;
};

class LessonController {
 public:
  LessonController(AppState& state, CellRunner& runner) : state_(state), runner_(runner) {}

  // Shows a lesson at its first step; with `fresh_namespace` every name is forgotten first.
  // On failure the message goes to the lesson state and stderr, the lesson on show stays, and it
  // returns false.
  bool open(const std::string& path, bool fresh_namespace);
  // Back to the first step, runs forgotten; with a note, also a fresh namespace.
  void restart(const std::string& note);
  void go_to_step(int step);
  // Runs a step's code (as edited) as if typed into the console; drops any queued steps.
  void run_step(int step, const std::string& code);
  // Runs the code steps up to and including `step` one after another, then shows `step`.
  void run_through(int step);

  // A cell with a lesson tag finished: record what it did.
  void finish_step(const PythonWorker::Finished& finished);
  // Whether the cell that just ended was a lesson step (its changes are held until the next).
  bool take_step_finished() { return std::exchange(step_finished_, false); }
  // The snapshot after the last cell is in place: mark the step's byte range, run the next
  // queued step.
  void after_snapshot();
  bool has_queued_steps() const { return !queue_.empty(); }

 private:
  void start_step(int step, const std::string& code);
  void run_next_queued();
  void show_range(int step, const std::vector<std::variant<std::int64_t, std::string>>& evaluated);

  AppState& state_;
  CellRunner& runner_;
  std::deque<int> queue_;  // steps waiting to run (run_through)
  int queue_target_ = -1;  // the step to show once they have
  // The finished step whose highlight is marked once the new snapshot is adopted.
  struct PendingRange {
    int step = -1;
    std::vector<std::variant<std::int64_t, std::string>> evaluated;
  };
  std::optional<PendingRange> pending_range_;
  bool step_finished_ = false;  // the cell that just ended was a lesson step
};

}  // namespace bufferlab

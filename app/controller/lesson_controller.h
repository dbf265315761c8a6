// Runs the lesson on show: opening and restarting, stepping, running a step's code as a cell,
// queues of steps (--step K runs the steps before K), the outcome of each run and the byte range
// a step's highlight directive marks. Cells run through a CellRunner (the workbench), so a step
// takes the console's path. Also the flow between steps and lessons: Next past the last step,
// the offer to run skipped steps, and the question before typed names are forgotten.
#pragma once

#include <deque>
#include <optional>
#include <set>
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
  // Stops whatever runs, then forgets every name but those in `keep`.
  virtual void restart_namespace(const std::vector<std::string>& keep) = 0;
};

// Names from earlier steps that have not run, which a step about to run reads: the offer to run
// those steps first.
struct EarlierStepsOffer {
  int step = -1;                   // the step asked to run
  std::string code;                // its code, as edited
  std::vector<int> steps;          // the earlier steps to run first, in order
  std::vector<std::string> names;  // the names they assign that the step reads
};

// A lesson switch or restart that would forget names typed in the console, waiting for a yes.
struct WipeQuestion {
  std::string action;               // "Restart" or "Open <title>"
  std::string path;                 // the lesson to open; empty for a restart
  std::string announce;             // a line said once it is done ("next lesson: ...")
  std::vector<std::string> names;   // the typed names that would be forgotten
  // No step of the lesson reads or binds any of them, so they can be kept without changing
  // what the lesson does.
  bool can_keep = false;
};

// How a WipeQuestion was answered.
enum class WipeAnswer { Cancel, Forget, Keep };

// What the lesson pane shows about moving between steps and lessons, beside LessonState.
struct LessonFlow {
  std::string note;             // "next lesson: ...", "the course is done ...": until the step changes
  std::vector<int> run_counts;  // per step: runs since the lesson was opened or restarted
  std::optional<EarlierStepsOffer> offer;
  std::optional<WipeQuestion> question;

  int runs_of(int step) const {
    return step >= 0 && step < static_cast<int>(run_counts.size()) ? run_counts[static_cast<std::size_t>(step)] : 0;
  }
};

class LessonController {
 public:
  LessonController(AppState& state, CellRunner& runner) : state_(state), runner_(runner) {}

  // Shows a lesson at its first step; with `fresh_namespace` every name is forgotten first
  // (but those in `keep`). On failure the message goes to the lesson state and stderr, the
  // lesson on show stays, and it returns false.
  bool open(const std::string& path, bool fresh_namespace, const std::vector<std::string>& keep = {});
  // Back to the first step, runs forgotten; with a note, also a fresh namespace that holds only
  // the names in `keep`.
  void restart(const std::string& note, const std::vector<std::string>& keep = {});
  void go_to_step(int step);
  // Runs a step's code (as edited) as if typed into the console; drops any queued steps. When
  // the code reads names that earlier steps, not run, assign, it offers to run those first.
  void run_step(int step, const std::string& code);
  // The offer was taken: the earlier steps run, then the step. Or it was declined.
  void run_earlier_steps();
  void decline_earlier_steps() { flow_.offer.reset(); }

  // Restart and lesson switches (picker, menus, Next past the last step): they ask first when
  // names typed in the console would be forgotten. request_open() returns false when the file
  // does not load (the message is in the lesson state) and true once opened or asked.
  void request_restart();
  bool request_open(const std::string& path, const std::string& announce = {});
  void answer_question(WipeAnswer answer);
  // Next at the last step: the catalog's next lesson, or a note that there is none.
  void go_past_last_step();
  // A cell typed in the console starts: the names it assigns are the teacher's.
  void note_console_cell(const std::string& source);
  const LessonFlow& flow() const { return flow_; }
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
  void forget_names(const std::vector<std::string>& keep);
  WipeQuestion wipe_question(std::string action, const Lesson& lesson) const;
  void say(const std::string& text);  // a flow note in the pane and the transcript
  std::optional<EarlierStepsOffer> earlier_steps_needed(int step, const std::string& code) const;
  void run_next_queued();
  void show_range(int step, const std::vector<std::variant<std::int64_t, std::string>>& evaluated);

  AppState& state_;
  CellRunner& runner_;
  struct QueuedStep {
    int step = -1;
    std::string code;
  };
  std::deque<QueuedStep> queue_;  // steps waiting to run (run_through, run_earlier_steps)
  int queue_target_ = -1;  // the step to show once they have
  // The finished step whose highlight is marked once the new snapshot is adopted.
  struct PendingRange {
    int step = -1;
    std::vector<std::variant<std::int64_t, std::string>> evaluated;
  };
  std::optional<PendingRange> pending_range_;
  bool step_finished_ = false;  // the cell that just ended was a lesson step
  LessonFlow flow_;
  // Names assigned by code run since the namespace was fresh (a scan, see scan_code_names), and
  // those of them typed in the console.
  std::set<std::string> ran_names_, typed_names_;
};

}  // namespace bufferlab

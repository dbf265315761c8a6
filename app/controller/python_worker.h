// Runs cells on a thread of its own so the window keeps drawing while Python works; output
// streams back through a queue the GUI thread drains each frame.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "core/py/session.h"

namespace bufferlab {

// What a lesson step asks of its cell besides running it.
struct CellExtras {
  int tag = -1;  // handed back in PythonWorker::Finished (the lesson step); -1 for console input
  std::vector<std::string> evaluate_after;  // expressions evaluated once the cell has run
};

class PythonWorker {
 public:
  enum class JobKind { Cell, File, ResetNamespace };
  struct Finished {
    CellResult result;
    JobKind kind = JobKind::Cell;
    int tag = -1;
    // One per CellExtras::evaluate_after: the integer, or why there is none. Empty when the
    // cell was interrupted.
    std::vector<std::variant<std::int64_t, std::string>> evaluated;
  };

  explicit PythonWorker(Session& session);
  ~PythonWorker();  // interrupts a running cell and joins
  PythonWorker(const PythonWorker&) = delete;
  PythonWorker& operator=(const PythonWorker&) = delete;

  // Queue work; returns at once. The GUI must not touch the session until take_finished()
  // reports the job done.
  void run_cell(std::string source, CellExtras extras = {});
  void run_file(std::string path);
  // Forgets every name (Session::reset_namespace) in turn with the cells.
  void reset_namespace();
  void interrupt();
  // GUI thread, once per frame: delivers an interrupt asked for before the cell started.
  void poll();

  // Interrupts whatever runs and joins the thread; false when the cell would not stop within
  // `seconds` (the thread is then still running).
  bool stop(double seconds);

  // True from a run_* call until its Finished has been taken.
  bool working() const { return outstanding_ > 0; }

  // GUI thread, once per frame.
  std::vector<OutputChunk> take_output();
  std::optional<Finished> take_finished();

  // Waits (for tests, start-up) until the queue is empty or `seconds` pass; true when idle.
  bool wait_idle(double seconds);

  // Output beyond this many bytes per cell is dropped (a runaway print loop must not exhaust
  // memory); the transcript says so.
  static constexpr std::size_t kOutputLimit = 4 << 20;

 private:
  struct Job {
    std::string text;
    JobKind kind = JobKind::Cell;
    CellExtras extras;
  };
  void push(Job job);
  void loop();

  Session& session_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::deque<Job> jobs_;
  std::deque<Finished> finished_;
  std::vector<OutputChunk> output_;
  std::size_t output_bytes_ = 0;
  bool output_truncated_ = false;
  bool stopping_ = false;
  bool exited_ = false;
  bool interrupt_pending_ = false;  // GUI thread only
  int outstanding_ = 0;  // GUI-thread count of jobs not yet taken as finished
  int in_flight_ = 0;    // jobs queued or running (guarded by mutex_)
  std::thread thread_;
};

}  // namespace bufferlab

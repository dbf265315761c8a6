// Runs cells on a thread of its own so the window keeps drawing while Python works; output
// streams back through a queue the GUI thread drains each frame.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
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

// Python as the worker starts it: the interpreter (none when the process has one already, as
// tests do) and the session in it. The session goes first.
struct PythonRuntime {
  std::unique_ptr<Interpreter> interpreter;
  std::unique_ptr<Session> session;
};
// Runs on the worker's thread; throws (std::exception) when Python cannot start.
using PythonStarter = std::function<PythonRuntime()>;
// The window's starter: this process's interpreter and a session in it.
PythonRuntime start_python();

class PythonWorker {
 public:
  // Start: the first job of a worker that starts Python itself (its result says why it failed).
  enum class JobKind { Cell, File, ResetNamespace, Complete, Start };
  struct Finished {
    CellResult result;
    JobKind kind = JobKind::Cell;
    int tag = -1;
    // One per CellExtras::evaluate_after: the integer, or why there is none. Empty when the
    // cell was interrupted.
    std::vector<std::variant<std::int64_t, std::string>> evaluated;
    Completion completion;  // JobKind::Complete: the matches (Session::complete)
  };

  explicit PythonWorker(Session& session);
  // Starts Python on the worker's thread with `starter` once begin() is called, before any
  // job: jobs queued meanwhile wait for it, and a Finished of kind Start says when it is ready
  // (session() is then set) or why it failed (the result raised; its output says why; every
  // later job is refused).
  explicit PythonWorker(PythonStarter starter);
  // Starts the thread of a worker that starts Python (the window calls it once its first frame
  // is on screen, so Python does not compete with it); a no-op after the first call.
  void begin();
  ~PythonWorker();  // interrupts a running cell and joins; then tears down Python it started
  PythonWorker(const PythonWorker&) = delete;
  PythonWorker& operator=(const PythonWorker&) = delete;

  // Queue work; returns at once. The GUI must not touch the session until take_finished()
  // reports the job done.
  void run_cell(std::string source, CellExtras extras = {});
  void run_file(std::string path);
  // Forgets every name but those in `keep` (Session::reset_namespace) in turn with the cells.
  void reset_namespace(std::vector<std::string> keep = {});
  // Tab completion of the text before the console's cursor (Session::complete), in turn with
  // the cells: its Finished has kind Complete and changes no name.
  void complete(std::string text_before_cursor);
  // Interrupts the running cell (again, when asked again), as Ctrl+C does in python3.
  void interrupt();
  // True once per cell when an interrupt has been asked for `seconds` ago and the cell still
  // runs (C code that never checks for signals, or a cell that catches KeyboardInterrupt).
  bool take_stuck_notice(double seconds);
  // GUI thread, once per frame: delivers an interrupt asked for before the cell started.
  void poll();

  // The session: null until the Start job has finished well (GUI thread: once taken).
  Session* session() const { return session_.load(); }
  // Called (from any thread) when output or a finished job arrives while the GUI may be
  // asleep waiting for events; called again only after take_output() or take_finished().
  void set_wake(std::function<void()> wake);

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

  // Output waiting for take_output() is kept to its last kOutputLimit bytes or so, from a line
  // start (a runaway print loop must not exhaust memory); take_output() then starts with a note
  // of how many bytes were dropped.
  static constexpr std::size_t kOutputLimit = 4 << 20;

 private:
  struct Job {
    std::string text;
    JobKind kind = JobKind::Cell;
    CellExtras extras;
    std::vector<std::string> keep;  // ResetNamespace: the names carried over
  };
  void push(Job job);
  void loop();
  void start(const PythonStarter& starter);
  void attach_output(Session& session);
  void wake_gui();  // mutex_ held

  std::atomic<Session*> session_{nullptr};
  PythonStarter starter_;  // until begin()
  PythonRuntime runtime_;  // what start() started; torn down after the thread has ended
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::deque<Job> jobs_;
  std::deque<Finished> finished_;
  std::vector<OutputChunk> output_;
  std::size_t output_bytes_ = 0;    // in output_
  std::size_t output_dropped_ = 0;  // dropped from output_ since the last take_output()
  std::function<void()> gui_wake_;
  bool wake_posted_ = false;  // gui_wake_ called since the GUI last took output or results
  bool stopping_ = false;
  bool exited_ = false;
  bool interrupt_pending_ = false;  // GUI thread only
  // GUI thread only: when the running cell was first asked to stop, and whether the notice
  // that it did not has been given.
  std::optional<std::chrono::steady_clock::time_point> interrupted_at_;
  bool stuck_noticed_ = false;
  int outstanding_ = 0;  // GUI-thread count of jobs not yet taken as finished
  int in_flight_ = 0;    // jobs queued or running (guarded by mutex_)
  std::thread thread_;
};

}  // namespace bufferlab

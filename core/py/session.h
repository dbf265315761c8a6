// The Python session: one persistent namespace in Debian's embedded CPython, cells run the way
// Jupyter and the interactive interpreter run them, output captured per cell, a snapshot of the
// buffer-exporting names after every cell, and the memory provider that reads and writes the
// live memory of those names. Python.h stays behind this header.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/completion.h"
#include "core/console_input.h"
#include "core/edit/memory_provider.h"
#include "core/snapshot.h"

namespace bufferlab {

// Starts Debian's CPython once per process (program name /usr/bin/python3.11 so sys.executable
// and sys.path are Debian's) on a thread of its own, which runs every cell: CPython handles
// signals in the thread that initialised it, so Ctrl+C breaks blocking calls as in python3.
// SIGINT is blocked in the creating thread (and the threads it starts later). Destroying it
// interrupts non-daemon threads still running, abandons those that do not end within a second
// (with a message on stderr), and finalises Python.
class Interpreter {
 public:
  Interpreter();
  ~Interpreter();
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;
};

struct OutputChunk {
  enum class Stream { Out, Err };
  Stream stream = Stream::Out;
  std::string text;
};

struct CellResult {
  // stdout and stderr in the order they were written: the last kOutputKept bytes or so, cut
  // at a line start; `dropped_bytes` counts what was left out before them.
  std::vector<OutputChunk> output;
  std::size_t dropped_bytes = 0;
  static constexpr std::size_t kOutputKept = 4 << 20;
  bool raised = false;              // an exception escaped the cell (its traceback is in output)
  std::string error_type;           // e.g. "BufferError", "KeyboardInterrupt"; empty if none
  std::string stdout_text() const;
  std::string stderr_text() const;
};

class Session : public MemoryProvider {
 public:
  Session();  // an Interpreter must be alive
  ~Session() override;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Runs a cell in the persistent namespace; echoes the repr of a final expression statement
  // (not None) through sys.displayhook; an exception prints python3's traceback to the cell's
  // stderr and the session goes on. Takes a new snapshot afterwards. Blocking; may be called
  // from a worker thread.
  CellResult run_cell(std::string_view source);

  // Runs a whole file as `python3 FILE` does (no echo, __file__ set, sys.argv = [FILE]) in the
  // session's namespace. Takes a new snapshot afterwards.
  CellResult run_file(const std::string& path);

  // Evaluates a Python expression in the session's namespace as an index (operator.index),
  // for lesson highlights: the integer, or the error in words ("NameError: name 'offset' is
  // not defined"). Nothing is echoed and its output is dropped; interrupt() stops it as it
  // stops a cell. Blocking; may be called from a worker thread.
  std::variant<std::int64_t, std::string> evaluate_index(std::string_view expression);

  // Tab completion as python3's REPL does it: rlcompleter's matches, over this namespace, for
  // the word readline would complete before the cursor (completion_word). Attributes evaluate
  // the expression before the last dot, as in python3; whatever that raises gives no matches and
  // whatever it prints is dropped; interrupt() stops it. Blocking; may be called from a worker
  // thread.
  Completion complete(std::string_view text_before_cursor);

  InputState input_state(std::string_view source);

  // Streams output as it is written (also collected into CellResult), and output written while
  // no cell runs (a background thread, a __del__), in the order it was written. Called on the
  // thread that writes, with the GIL held: it must not wait for the GIL or for a cell.
  void set_output_sink(std::function<void(const OutputChunk&)> sink);

  // Asks the running cell to stop with KeyboardInterrupt, as Ctrl+C does in python3: a SIGINT
  // for Python's handler, which also ends a blocking call (sleep, wait, select, recv). Safe from
  // any thread and never blocks. A C loop that never checks for signals ends first, as in
  // python3. A no-op when nothing runs.
  void interrupt();
  bool busy() const { return busy_.load(); }

  // Forgets every name: a fresh __main__ namespace (modules already imported stay loaded).
  // The names in `keep` that exist are carried into it, bound to the same objects.
  void reset_namespace(const std::vector<std::string>& keep = {});

  // The snapshot taken after the last cell (or edit that changed it).
  const Snapshot& snapshot() const { return snapshot_; }
  const Snapshot& refresh_snapshot();

  // Called at the end of every refresh_snapshot (after a cell, a file, a namespace reset) on the
  // thread that refreshed it, with the GIL held and the session as the memory to read: no Python
  // runs meanwhile, so the memory holds still, and what it computes (the minimaps) is off the
  // window's frames. Setting it (null: none) waits for a call in progress.
  using SnapshotObserver = std::function<void(const Snapshot&, MemoryProvider&)>;
  void set_snapshot_observer(SnapshotObserver observer);

  // MemoryProvider over the current snapshot (core/edit/edit.h plans what write_object writes).
  std::optional<std::string> read_object(
      int object_index, const std::function<void(const std::uint8_t* buf)>& read) override;
  std::optional<std::string> read_region(
      int region_index, const std::function<void(const std::uint8_t* base)>& read) override;
  std::optional<std::string> write_object(int object_index, std::int64_t offset,
                                          std::span<const std::uint8_t> bytes) override;

 struct State;  // Python objects, behind the wall (defined in session.cpp)

 private:
  void reset_namespace_here(const std::vector<std::string>& keep = {});  // on the Python thread

  std::unique_ptr<State> state_;
  Snapshot snapshot_;
  std::mutex observer_mutex_;  // held while the observer runs
  SnapshotObserver observer_;
  std::atomic<bool> busy_{false};
};

}  // namespace bufferlab

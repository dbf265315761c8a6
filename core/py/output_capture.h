// Where text written to sys.stdout/sys.stderr goes, and the thread that runs Python code: cells
// run on the thread that initialised CPython, the one that handles signals.
#pragma once

#include <functional>
#include <string_view>

#include "core/py/session.h"

namespace bufferlab::py {

using OutputWriter = std::function<void(OutputChunk::Stream, std::string_view)>;

// Routes Python's output to `writer` for its lifetime. Create and destroy with the GIL held.
class WriterScope {
 public:
  explicit WriterScope(const OutputWriter* writer);
  ~WriterScope();
  WriterScope(const WriterScope&) = delete;
  WriterScope& operator=(const WriterScope&) = delete;

 private:
  const OutputWriter* previous_;
};

// Where output goes while no WriterScope is open (a background thread after its cell ended, a
// __del__ between cells); null: the process's own stdout/stderr. Call with the GIL held.
void set_background_writer(const OutputWriter* writer);

// Runs `task` on the Python thread and waits for it (directly when called there). Exceptions
// thrown by the task are rethrown here. An Interpreter must be alive.
void run_on_python_thread(const std::function<void()>& task);

// Raises KeyboardInterrupt in the Python thread as Ctrl+C does in python3: Python's SIGINT
// handler runs at the next check, and a blocking system call there ends with EINTR (a signal of
// Buffer Lab's own carries it; see interpreter.cpp). Never blocks; safe from any thread.
void send_interrupt_signal();

}  // namespace bufferlab::py

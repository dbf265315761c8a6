// Starts and stops Debian's embedded CPython on a thread of its own (the "main thread" in
// CPython's sense, where signals are handled), runs cells there, and holds the tiny built-in
// module through which sys.stdout and sys.stderr hand text to the session.
#include "core/py/output_capture.h"
#include "core/py/py_ref.h"
#include "core/py/session.h"

#include <pthread.h>
#include <signal.h>

#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace bufferlab {
namespace py {
namespace {

// Guarded by the GIL: only touched while it is held.
const OutputWriter* active_writer = nullptr;
const OutputWriter* background_writer = nullptr;

PyObject* io_write(PyObject*, PyObject* args) {
  int stream = 0;
  const char* text = nullptr;
  Py_ssize_t size = 0;
  // "s#" takes str (as UTF-8) and bytes alike: sys.stdout.buffer hands bytes through as they are.
  if (!PyArg_ParseTuple(args, "is#:write", &stream, &text, &size)) return nullptr;
  const auto kind = stream == 2 ? OutputChunk::Stream::Err : OutputChunk::Stream::Out;
  const std::string_view piece(text, static_cast<std::size_t>(size));
  if (active_writer) {
    (*active_writer)(kind, piece);
  } else if (background_writer) {
    // No cell runs (a background thread after its cell ended, a __del__): the session's sink.
    (*background_writer)(kind, piece);
  } else {
    std::fwrite(text, 1, piece.size(), stream == 2 ? stderr : stdout);
    std::fflush(stream == 2 ? stderr : stdout);
  }
  Py_RETURN_NONE;
}

PyMethodDef io_methods[] = {
    {"write", io_write, METH_VARARGS, "Hand text written to sys.stdout/sys.stderr to Buffer Lab."},
    {nullptr, nullptr, 0, nullptr}};

PyModuleDef io_module = {PyModuleDef_HEAD_INIT, "_bufferlab_io", nullptr, -1, io_methods,
                         nullptr, nullptr, nullptr, nullptr};

PyObject* init_io_module() { return PyModule_Create(&io_module); }

// Quitting: non-daemon threads still running get KeyboardInterrupt and a moment to end; those
// that do not are marked daemon (taken out of threading's shutdown list) so finalisation does
// not wait for them, as a closed window must not linger. Returns their names.
constexpr const char* kLingeringThreadsSource = R"PY(
def _lingering():
    import threading
    return [t for t in threading.enumerate()
            if t is not threading.main_thread() and not t.daemon and t.is_alive()]

def abandon(grace):
    import threading, time
    deadline = time.monotonic() + grace
    for t in _lingering():
        t.join(max(0.0, deadline - time.monotonic()))
    left = _lingering()
    with threading._shutdown_locks_lock:
        for t in left:
            t._daemonic = True
            threading._shutdown_locks.discard(t._tstate_lock)
    return ', '.join(t.name for t in left)
)PY";

std::string abandon_lingering_threads(double grace_seconds) {
  py::PyRef globals = py::PyRef::steal(PyDict_New());
  PyDict_SetItemString(globals.get(), "__builtins__", PyEval_GetBuiltins());
  py::PyRef done = py::PyRef::steal(
      PyRun_String(kLingeringThreadsSource, Py_file_input, globals.get(), globals.get()));
  py::PyRef threads = done ? py::PyRef::steal(PyObject_CallNoArgs(
                                 PyDict_GetItemString(globals.get(), "_lingering")))
                           : py::PyRef();
  if (!threads) {
    PyErr_Clear();
    return {};
  }
  if (PyList_GET_SIZE(threads.get()) == 0) return {};
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(threads.get()); ++i) {
    py::PyRef ident = py::PyRef::steal(PyObject_GetAttrString(PyList_GET_ITEM(threads.get(), i), "ident"));
    if (ident && PyLong_Check(ident.get()))
      PyThreadState_SetAsyncExc(PyLong_AsUnsignedLong(ident.get()), PyExc_KeyboardInterrupt);
    PyErr_Clear();
  }
  py::PyRef left = py::PyRef::steal(PyObject_CallFunction(
      PyDict_GetItemString(globals.get(), "abandon"), "d", grace_seconds));
  if (!left) {
    PyErr_Clear();
    return "?";
  }
  return py::to_utf8(left.get());
}

// Stop is delivered with a signal of Buffer Lab's own, sent to the Python thread: its handler
// marks SIGINT as received for Python (so Python's SIGINT handler runs, KeyboardInterrupt
// unless the user set another) and, arriving on that thread, ends a blocking system call there
// with EINTR. A real SIGINT would end the process under SIG_DFL, or reach a handler of
// someone else's (a test runner's). SIGURG, as Go's runtime uses it: ignored by default,
// rarely used, and a standard signal, so repeated requests coalesce instead of queueing.
int interrupt_signal() { return SIGURG; }

void on_interrupt_signal(int) { PyErr_SetInterruptEx(SIGINT); }  // async-signal-safe

void install_interrupt_signal() {
  struct sigaction action {};
  action.sa_handler = on_interrupt_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_ONSTACK;  // no SA_RESTART: the blocking call must return EINTR
  sigaction(interrupt_signal(), &action, nullptr);
}

// The Python thread: initialises CPython, runs tasks handed to it, finalises on request.
struct PythonThread {
  std::mutex mutex;
  std::condition_variable wake;
  std::deque<std::function<void()>> tasks;
  bool quitting = false;
  bool started = false;
  std::string start_error;
  pthread_t handle{};
  std::thread thread;

  void main() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);  // this thread takes the process's SIGINT
    sigaddset(&signals, interrupt_signal());
    pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
    install_interrupt_signal();
    handle = pthread_self();
    PyThreadState* saved = nullptr;
    try {
      start();
      // threading.main_thread() must be this thread, which runs the cells.
      PyRef threading = PyRef::steal(PyImport_ImportModule("threading"));
      if (!threading) PyErr_Clear();
      // Python's own SIGINT handler even when the process started with SIGINT ignored (as
      // `cmd &` does): Stop must work however the app was started.
      if (PyRun_SimpleString("import signal\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n") != 0)
        PyErr_Clear();
      saved = PyEval_SaveThread();  // any thread may take the GIL (the GUI reads memory)
    } catch (const std::exception& error) {
      start_error = error.what();
    }
    {
      std::lock_guard lock(mutex);
      started = true;
    }
    wake.notify_all();
    if (!saved) return;
    while (true) {
      std::function<void()> task;
      {
        std::unique_lock lock(mutex);
        wake.wait(lock, [&] { return quitting || !tasks.empty(); });
        if (tasks.empty()) break;
        task = std::move(tasks.front());
        tasks.pop_front();
      }
      task();
    }
    PyEval_RestoreThread(saved);
    const std::string abandoned = abandon_lingering_threads(1.0);
    if (!abandoned.empty()) {
      std::fprintf(stderr, "bufferlab: quitting without waiting for threads still running: %s\n",
                   abandoned.c_str());
      std::fflush(stderr);
    }
    background_writer = nullptr;
    Py_FinalizeEx();
  }

  static void start() {
    PyImport_AppendInittab("_bufferlab_io", &init_io_module);
    // Isolated: the user's PYTHON* variables and user site-packages must not change what the
    // lesson shows. site still runs, which adds Debian's dist-packages (numpy).
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    config.install_signal_handlers = 1;  // SIGINT raises KeyboardInterrupt, as in python3
    config.site_import = 1;
    config.buffered_stdio = 0;
    PyStatus status = PyConfig_SetBytesString(&config, &config.program_name,
                                              BUFFERLAB_PYTHON_PROGRAM);
    if (!PyStatus_Exception(status)) status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status))
      throw std::runtime_error(std::string("cannot start Python: ") +
                               (status.err_msg ? status.err_msg : "unknown error"));
  }
};

PythonThread* python_thread = nullptr;  // the one per process, while an Interpreter lives

}  // namespace

void run_on_python_thread(const std::function<void()>& task) {
  if (!python_thread) throw std::logic_error("the Python interpreter is not running");
  if (pthread_equal(pthread_self(), python_thread->handle)) return task();
  std::mutex done_mutex;
  std::condition_variable done_wake;
  bool done = false;
  std::exception_ptr failure;
  {
    std::lock_guard lock(python_thread->mutex);
    python_thread->tasks.push_back([&] {
      try {
        task();
      } catch (...) {
        failure = std::current_exception();
      }
      std::lock_guard done_lock(done_mutex);
      done = true;
      done_wake.notify_all();
    });
  }
  python_thread->wake.notify_all();
  std::unique_lock lock(done_mutex);
  done_wake.wait(lock, [&] { return done; });
  if (failure) std::rethrow_exception(failure);
}

void send_interrupt_signal() {
  if (python_thread) pthread_kill(python_thread->handle, interrupt_signal());
}

WriterScope::WriterScope(const OutputWriter* writer) : previous_(active_writer) {
  active_writer = writer;
}
WriterScope::~WriterScope() { active_writer = previous_; }

void set_background_writer(const OutputWriter* writer) { background_writer = writer; }

}  // namespace py

Interpreter::Interpreter() {
  if (py::python_thread || Py_IsInitialized())
    throw std::logic_error("the Python interpreter is already running");
  // SIGINT goes to the Python thread only: the other threads (this one, and those it starts
  // later) block it, so a signal sent to the process breaks the cell's blocking call.
  sigset_t sigint;
  sigemptyset(&sigint);
  sigaddset(&sigint, SIGINT);
  pthread_sigmask(SIG_BLOCK, &sigint, nullptr);
  auto runner = std::make_unique<py::PythonThread>();
  runner->thread = std::thread([r = runner.get()] { r->main(); });
  std::unique_lock lock(runner->mutex);
  runner->wake.wait(lock, [&] { return runner->started; });
  lock.unlock();
  if (!runner->start_error.empty()) {
    runner->thread.join();
    throw std::runtime_error(runner->start_error);
  }
  py::python_thread = runner.release();
}

Interpreter::~Interpreter() {
  {
    std::lock_guard lock(py::python_thread->mutex);
    py::python_thread->quitting = true;
  }
  py::python_thread->wake.notify_all();
  py::python_thread->thread.join();
  delete std::exchange(py::python_thread, nullptr);
}

}  // namespace bufferlab

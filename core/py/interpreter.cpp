// Starts and stops Debian's embedded CPython, and the tiny built-in module through which
// sys.stdout and sys.stderr hand text to the session that runs the current cell.
#include "core/py/output_capture.h"
#include "core/py/py_ref.h"
#include "core/py/session.h"

#include <stdexcept>

namespace bufferlab {
namespace py {
namespace {

// Guarded by the GIL: only touched while it is held.
const OutputWriter* active_writer = nullptr;

PyObject* io_write(PyObject*, PyObject* args) {
  int stream = 0;
  const char* text = nullptr;
  Py_ssize_t size = 0;
  if (!PyArg_ParseTuple(args, "is#:write", &stream, &text, &size)) return nullptr;
  if (active_writer) {
    (*active_writer)(stream == 2 ? OutputChunk::Stream::Err : OutputChunk::Stream::Out,
                     std::string_view(text, static_cast<std::size_t>(size)));
  } else {
    // Output from no cell (a background thread after its cell ended): the process's own streams.
    std::fwrite(text, 1, static_cast<std::size_t>(size), stream == 2 ? stderr : stdout);
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

PyThreadState* main_thread_state = nullptr;

}  // namespace

WriterScope::WriterScope(const OutputWriter* writer) : previous_(active_writer) {
  active_writer = writer;
}
WriterScope::~WriterScope() { active_writer = previous_; }

}  // namespace py

Interpreter::Interpreter() {
  if (Py_IsInitialized()) throw std::logic_error("the Python interpreter is already running");
  PyImport_AppendInittab("_bufferlab_io", &py::init_io_module);

  // Isolated: the user's PYTHON* variables and user site-packages must not change what the
  // lesson shows. site still runs, which adds Debian's dist-packages (numpy).
  PyConfig config;
  PyConfig_InitIsolatedConfig(&config);
  config.install_signal_handlers = 0;  // SIGINT stays the app's; cells are stopped by interrupt()
  config.site_import = 1;
  config.buffered_stdio = 0;
  PyStatus status = PyConfig_SetBytesString(&config, &config.program_name,
                                            BUFFERLAB_PYTHON_PROGRAM);
  if (!PyStatus_Exception(status)) status = Py_InitializeFromConfig(&config);
  PyConfig_Clear(&config);
  if (PyStatus_Exception(status))
    throw std::runtime_error(std::string("cannot start Python: ") +
                             (status.err_msg ? status.err_msg : "unknown error"));
  // Let any thread take the GIL (cells run on a worker thread).
  py::main_thread_state = PyEval_SaveThread();
}

Interpreter::~Interpreter() {
  PyEval_RestoreThread(py::main_thread_state);
  Py_FinalizeEx();
}

}  // namespace bufferlab

// The Python session: runs cells and files in one namespace, captures their output, keeps the
// snapshot of buffer-exporting names, and writes edits into live memory.
//
// Ownership: State holds strong references to the namespace, the support module and one per
// snapshot object. No buffer export is held between calls; every read or write takes a fresh
// export, checks it still matches the snapshot, and releases it before returning.
#include "core/py/session.h"

#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>

#include "core/format/format_codec.h"
#include "core/py/output_capture.h"
#include "core/py/py_ref.h"
#include "core/py/snapshot_builder.h"

namespace bufferlab {
namespace {

// Python half of the session: the stream objects, and cells compiled and run as the
// interactive interpreter and Jupyter run them. Errors are printed by sys.excepthook, the
// very printer python3 uses, with this module's own frames left out of the traceback.
constexpr const char* kSupportSource = R"PY(
import ast, codeop, io, linecache, sys
import _bufferlab_io

class CellStream(io.TextIOBase):
    """sys.stdout / sys.stderr of the session: text goes to the cell that is running."""
    def __init__(self, stream_id, name):
        self._stream_id = stream_id
        self._name = name
    @property
    def name(self):
        return self._name
    @property
    def encoding(self):
        return 'utf-8'
    @property
    def errors(self):
        return 'strict' if self._stream_id == 1 else 'backslashreplace'
    def writable(self):
        return True
    def isatty(self):
        return False
    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        _bufferlab_io.write(self._stream_id, text)
        return len(text)
    def flush(self):
        pass

def install_streams():
    sys.stdout = CellStream(1, '<stdout>')
    sys.stderr = CellStream(2, '<stderr>')
    sys.stdin = io.StringIO('')  # input() gets EOFError instead of hanging the app

def _report(exc, from_cell):
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    exc.__traceback__ = tb  # the printers show the exception's own traceback
    sys.last_type, sys.last_value, sys.last_traceback = type(exc), exc, tb
    if from_cell and sys.excepthook is sys.__excepthook__:
        # The traceback module reads cells' source from linecache; python3's own printer
        # only reads files, and would leave cell lines out.
        import traceback
        traceback.print_exception(exc)
    else:
        sys.excepthook(type(exc), exc, tb)

def _system_exit_failed(exc):
    code = exc.code
    if code is None or code == 0:
        return False
    if not isinstance(code, int):
        print(code, file=sys.stderr)
    return True

def run(source, filename, namespace, echo):
    """Runs source; returns '' or the name of the exception that ended it."""
    try:
        tree = compile(source, filename, 'exec', ast.PyCF_ONLY_AST, dont_inherit=True)
        last = None
        if echo and tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        code = compile(tree, filename, 'exec', dont_inherit=True)
        last_code = compile(last, filename, 'eval', dont_inherit=True) if last else None
    except (SyntaxError, ValueError, OverflowError) as exc:
        exc.__traceback__ = None
        _report(exc, echo)
        return type(exc).__name__
    try:
        exec(code, namespace)
        if last_code is not None:
            sys.displayhook(eval(last_code, namespace))
    except SystemExit as exc:
        return 'SystemExit' if _system_exit_failed(exc) else ''
    except BaseException as exc:
        _report(exc, echo)
        return type(exc).__name__
    return ''

def run_cell(source, filename, namespace):
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    return run(source, filename, namespace, True)

def run_file(path, namespace):
    import os
    try:
        with open(path, 'rb') as f:
            source = f.read()
    except OSError as exc:
        print(f"{sys.executable}: can't open file {path!r}: [Errno {exc.errno}] {exc.strerror}",
              file=sys.stderr)
        return 'OSError'
    namespace['__file__'] = path
    namespace['__cached__'] = None
    sys.argv[:] = [path]
    sys.path[0] = os.path.dirname(os.path.realpath(path))
    return run(source, path, namespace, False)

def evaluate_index(source, namespace):
    """The integer an expression gives in the namespace, or why not (a str)."""
    import operator
    try:
        code = compile(source, '<lesson highlight>', 'eval', dont_inherit=True)
        return operator.index(eval(code, namespace))
    except BaseException as exc:
        return f"{type(exc).__name__}: {exc}"

def input_state(source):
    """0 complete, 1 incomplete (an open block or bracket), 2 invalid."""
    try:
        code = codeop.compile_command(source, '<input>', 'single')
    except (SyntaxError, ValueError, OverflowError) as exc:
        if 'multiple statements' not in str(exc):
            return 2
        try:
            code = codeop.compile_command(source, '<input>', 'exec')
        except (SyntaxError, ValueError, OverflowError):
            return 2
    return 1 if code is None else 0
)PY";

}  // namespace

std::string CellResult::stdout_text() const {
  std::string text;
  for (const auto& chunk : output)
    if (chunk.stream == OutputChunk::Stream::Out) text += chunk.text;
  return text;
}

std::string CellResult::stderr_text() const {
  std::string text;
  for (const auto& chunk : output)
    if (chunk.stream == OutputChunk::Stream::Err) text += chunk.text;
  return text;
}

struct Session::State {
  py::PyRef support;        // the support module's namespace (a dict)
  py::PyRef main_module;    // this session's __main__
  py::PyRef namespace_dict; // its __dict__: the cells' globals
  std::vector<py::PyRef> snapshot_objects;  // one per Snapshot::objects entry
  std::function<void(const OutputChunk&)> sink;
  int cell_counter = 0;

  // Interrupt bookkeeping, guarded by interrupt_mutex: which thread runs which cell, and the
  // cell an interrupt was asked for. Setting the exception needs the GIL, which a cell may hold
  // for a while inside C code, so a thread of its own waits for it; interrupt() never blocks.
  std::mutex interrupt_mutex;
  std::condition_variable interrupt_wake;
  unsigned long running_thread = 0;
  std::uint64_t running_cell = 0;      // increases with every cell; 0 before the first
  bool running = false;
  std::uint64_t interrupt_cell = 0;    // the cell to interrupt; 0: none asked for
  bool stopping = false;
  std::thread interrupter;

  void interrupter_loop() {
    std::unique_lock lock(interrupt_mutex);
    while (true) {
      interrupt_wake.wait(lock, [&] { return stopping || interrupt_cell != 0; });
      if (stopping) return;
      lock.unlock();
      {
        py::GilHold gil;  // lock order everywhere: the GIL, then interrupt_mutex
        std::lock_guard again(interrupt_mutex);
        // Only the cell it was asked for: one that already ended is left alone.
        if (running && running_cell == interrupt_cell)
          PyThreadState_SetAsyncExc(running_thread, PyExc_KeyboardInterrupt);
        interrupt_cell = 0;
      }
      lock.lock();
    }
  }
};

namespace {

py::PyRef support_function(const py::PyRef& support, const char* name) {
  return py::PyRef::borrow(PyDict_GetItemString(support.get(), name));
}

// Runs a support function with output routed into `result` (and, when `to_sink`, the sink),
// the running thread recorded for interrupt(). Call with the GIL held.
template <typename Call>
void run_captured(Session::State& state, std::atomic<bool>& busy, CellResult& result, Call call,
                  bool to_sink = true) {
  py::OutputWriter writer = [&](OutputChunk::Stream stream, std::string_view text) {
    if (!result.output.empty() && result.output.back().stream == stream)
      result.output.back().text.append(text);
    else
      result.output.push_back({stream, std::string(text)});
    if (to_sink && state.sink) state.sink(OutputChunk{stream, std::string(text)});
  };
  py::WriterScope scope(&writer);
  {
    std::lock_guard lock(state.interrupt_mutex);
    state.running_thread = PyThread_get_thread_ident();
    ++state.running_cell;
    state.running = true;
    busy = true;
  }
  py::PyRef outcome = call();
  {
    std::lock_guard lock(state.interrupt_mutex);
    state.running = false;
    // An interrupt that arrived as the cell ended must not hit the next one.
    PyThreadState_SetAsyncExc(state.running_thread, nullptr);
  }
  if (!outcome) {
    // Only an interrupt landing inside the support code itself gets here.
    py::PythonError error = py::fetch_error();
    writer(OutputChunk::Stream::Err, error.text() + "\n");
    result.raised = true;
    result.error_type = error.type_name;
  } else if (PyUnicode_Check(outcome.get())) {
    result.error_type = py::to_utf8(outcome.get());
    result.raised = !result.error_type.empty();
  }
  if (PyErr_Occurred()) PyErr_Clear();
}

}  // namespace

Session::Session() : state_(std::make_unique<State>()) {
  py::GilHold gil;
  py::PyRef module = py::PyRef::steal(PyModule_New("_bufferlab_support"));
  py::PyRef globals = py::PyRef::borrow(PyModule_GetDict(module.get()));
  PyDict_SetItemString(globals.get(), "__file__", py::PyRef::steal(PyUnicode_FromString("<bufferlab-support>")).get());
  PyDict_SetItemString(globals.get(), "__builtins__", PyEval_GetBuiltins());
  py::PyRef code = py::PyRef::steal(
      Py_CompileString(kSupportSource, "<bufferlab-support>", Py_file_input));
  py::PyRef done = code ? py::PyRef::steal(PyEval_EvalCode(code.get(), globals.get(), globals.get()))
                        : py::PyRef();
  if (!done) throw std::runtime_error("cannot start the session: " + py::fetch_error().text());
  state_->support = globals;
  py::PyRef installed = py::PyRef::steal(
      PyObject_CallNoArgs(support_function(globals, "install_streams").get()));
  if (!installed) throw std::runtime_error("cannot capture output: " + py::fetch_error().text());
  reset_namespace();
  state_->interrupter = std::thread([state = state_.get()] { state->interrupter_loop(); });
}

Session::~Session() {
  {
    std::lock_guard lock(state_->interrupt_mutex);
    state_->stopping = true;
  }
  state_->interrupt_wake.notify_one();
  state_->interrupter.join();  // before taking the GIL: the interrupter may be waiting for it
  py::GilHold gil;
  state_->snapshot_objects.clear();
  state_.reset();
}

void Session::reset_namespace() {
  py::GilHold gil;
  state_->snapshot_objects.clear();
  state_->main_module = py::PyRef::steal(PyModule_New("__main__"));
  state_->namespace_dict = py::PyRef::borrow(PyModule_GetDict(state_->main_module.get()));
  PyDict_SetItemString(state_->namespace_dict.get(), "__builtins__", PyEval_GetBuiltins());
  PyDict_SetItemString(PyImport_GetModuleDict(), "__main__", state_->main_module.get());
  snapshot_ = {};
  refresh_snapshot();
}

void Session::set_output_sink(std::function<void(const OutputChunk&)> sink) {
  py::GilHold gil;  // the writer reads it under the GIL
  state_->sink = std::move(sink);
}

CellResult Session::run_cell(std::string_view source) {
  CellResult result;
  {
    py::GilHold gil;
    const std::string filename = "<cell " + std::to_string(++state_->cell_counter) + ">";
    run_captured(*state_, busy_, result, [&] {
      py::PyRef text = py::PyRef::steal(
          PyUnicode_DecodeUTF8(source.data(), static_cast<Py_ssize_t>(source.size()), "replace"));
      py::PyRef name = py::PyRef::steal(PyUnicode_FromString(filename.c_str()));
      return py::PyRef::steal(PyObject_CallFunctionObjArgs(
          support_function(state_->support, "run_cell").get(), text.get(), name.get(),
          state_->namespace_dict.get(), nullptr));
    });
    refresh_snapshot();
  }
  busy_ = false;
  return result;
}

CellResult Session::run_file(const std::string& path) {
  CellResult result;
  {
    py::GilHold gil;
    run_captured(*state_, busy_, result, [&] {
      py::PyRef name = py::PyRef::steal(
          PyUnicode_DecodeFSDefaultAndSize(path.data(), static_cast<Py_ssize_t>(path.size())));
      return py::PyRef::steal(PyObject_CallFunctionObjArgs(
          support_function(state_->support, "run_file").get(), name.get(),
          state_->namespace_dict.get(), nullptr));
    });
    refresh_snapshot();
  }
  busy_ = false;
  return result;
}

std::variant<std::int64_t, std::string> Session::evaluate_index(std::string_view expression) {
  std::variant<std::int64_t, std::string> answer = std::string("not evaluated");
  {
    py::GilHold gil;
    CellResult ignored;  // whatever the expression prints is not shown
    run_captured(
        *state_, busy_, ignored,
        [&] {
          py::PyRef text = py::PyRef::steal(PyUnicode_DecodeUTF8(
              expression.data(), static_cast<Py_ssize_t>(expression.size()), "replace"));
          py::PyRef value = py::PyRef::steal(PyObject_CallFunctionObjArgs(
              support_function(state_->support, "evaluate_index").get(), text.get(),
              state_->namespace_dict.get(), nullptr));
          if (value && PyLong_Check(value.get())) {
            int overflow = 0;
            const long long number = PyLong_AsLongLongAndOverflow(value.get(), &overflow);
            if (overflow)
              answer = std::string("OverflowError: the value does not fit in 64 bits");
            else
              answer = static_cast<std::int64_t>(number);
            return py::PyRef::borrow(Py_None);
          }
          if (!value) return value;  // only an interrupt inside the support code itself
          answer = PyUnicode_Check(value.get()) ? py::to_utf8(value.get())
                                                : std::string("TypeError: not an integer");
          return py::PyRef::borrow(Py_None);
        },
        false);
    if (ignored.raised) answer = ignored.error_type;
  }
  busy_ = false;
  return answer;
}

InputState Session::input_state(std::string_view source) {
  py::GilHold gil;
  py::PyRef text = py::PyRef::steal(
      PyUnicode_DecodeUTF8(source.data(), static_cast<Py_ssize_t>(source.size()), "replace"));
  py::PyRef state = py::PyRef::steal(PyObject_CallOneArg(
      support_function(state_->support, "input_state").get(), text.get()));
  if (!state) {
    PyErr_Clear();
    return InputState::Invalid;
  }
  switch (PyLong_AsLong(state.get())) {
    case 0: return InputState::Complete;
    case 1: return InputState::Incomplete;
    default: return InputState::Invalid;
  }
}

void Session::interrupt() {
  std::lock_guard lock(state_->interrupt_mutex);
  if (!state_->running) return;
  state_->interrupt_cell = state_->running_cell;
  state_->interrupt_wake.notify_one();
}

const Snapshot& Session::refresh_snapshot() {
  py::GilHold gil;
  const std::uint64_t generation = snapshot_.generation + 1;
  snapshot_ = py::build_snapshot(state_->namespace_dict.get(), state_->snapshot_objects);
  snapshot_.generation = generation;
  return snapshot_;
}

namespace {

// Takes a fresh export of a snapshot object and checks it still describes the same memory.
std::optional<std::string> acquire_matching(const Snapshot& snapshot,
                                            const std::vector<py::PyRef>& refs, int index,
                                            int flags, py::BufferExport& export_) {
  if (index < 0 || static_cast<std::size_t>(index) >= snapshot.objects.size())
    return "no such object in the snapshot";
  const SnapshotObject& object = snapshot.objects[static_cast<std::size_t>(index)];
  py::PythonError refused;
  if (!export_.acquire(refs[static_cast<std::size_t>(index)].get(), flags, &refused))
    return object.name + ": " + refused.text();
  if (!(py::facts_of(export_.view()) == object.facts)) {
    export_.release();
    return object.name + " changed since the last snapshot";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Session::read_object(
    int object_index, const std::function<void(const std::uint8_t* buf)>& read) {
  py::GilHold gil;
  py::BufferExport export_;
  if (auto error = acquire_matching(snapshot_, state_->snapshot_objects, object_index,
                                    py::kReadFlags, export_))
    return error;
  read(static_cast<const std::uint8_t*>(export_.view().buf));
  return std::nullopt;
}

std::optional<std::string> Session::read_region(
    int region_index, const std::function<void(const std::uint8_t* base)>& read) {
  if (region_index < 0 || static_cast<std::size_t>(region_index) >= snapshot_.regions.size())
    return "no such region in the snapshot";
  const Region& region = snapshot_.regions[static_cast<std::size_t>(region_index)];
  py::GilHold gil;
  std::vector<py::BufferExport> exports(region.objects.size());
  for (std::size_t i = 0; i < region.objects.size(); ++i)
    if (auto error = acquire_matching(snapshot_, state_->snapshot_objects, region.objects[i],
                                      py::kReadFlags, exports[i]))
      return error;
  const SnapshotObject& first = snapshot_.objects[static_cast<std::size_t>(region.objects.front())];
  read(static_cast<const std::uint8_t*>(exports.front().view().buf) - first.offset);
  return std::nullopt;
}

std::optional<std::string> Session::write_object(int object_index, std::int64_t offset,
                                                 std::span<const std::uint8_t> bytes) {
  py::GilHold gil;
  py::BufferExport export_;
  if (auto error = acquire_matching(snapshot_, state_->snapshot_objects, object_index,
                                    py::kWriteFlags, export_))
    return error;
  if (offset < 0 || offset + static_cast<std::int64_t>(bytes.size()) > export_.view().len)
    return "a write outside the buffer";  // plan_edit checks this first; kept as a last guard
  std::memcpy(static_cast<std::uint8_t*>(export_.view().buf) + offset, bytes.data(), bytes.size());
  return std::nullopt;
}

}  // namespace bufferlab

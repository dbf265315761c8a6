// The Python session: runs cells and files in one namespace, captures their output, keeps the
// snapshot of buffer-exporting names, and writes edits into live memory.
//
// Ownership: State holds strong references to the namespace and the support module, never to a
// user object: between cells only the snapshot's names and facts are kept. No buffer export is
// held between calls; every read or write looks the name up again, takes a fresh export, checks
// it still matches the snapshot, and releases it before returning.
#include "core/py/session.h"

#include <signal.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <mutex>

#include "core/format/format_codec.h"
#include "core/py/output_capture.h"
#include "core/py/py_ref.h"
#include "core/py/readable_memory.h"
#include "core/py/snapshot_builder.h"

namespace bufferlab {
namespace {

// Python half of the session: the stream objects, and cells compiled and run as the
// interactive interpreter and Jupyter run them. Errors are printed by sys.excepthook, the
// very printer python3 uses, with this module's own frames left out of the traceback.
constexpr const char* kSupportSource = R"PY(
import ast, codeop, io, linecache, sys
import _bufferlab_io

class CellBuffer(io.BufferedIOBase):
    """sys.stdout.buffer: bytes go through as they are, in order with the text."""
    def __init__(self, stream_id):
        self._stream_id = stream_id
    def writable(self):
        return True
    def write(self, data):
        data = bytes(memoryview(data))
        _bufferlab_io.write(self._stream_id, data)
        return len(data)
    def flush(self):
        pass

class CellStream(io.TextIOBase):
    """sys.stdout / sys.stderr of the session: text goes to the cell that is running."""
    def __init__(self, stream_id, name):
        self._stream_id = stream_id
        self._name = name
        self.buffer = CellBuffer(stream_id)
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
    import traceback
    if from_cell and sys.excepthook is sys.__excepthook__:
        # The traceback module reads cells' source from linecache; python3's own printer
        # only reads files, and would leave cell lines out.
        traceback.print_exception(exc)
        return
    try:
        sys.excepthook(type(exc), exc, tb)
    except BaseException as hook_exc:
        # What python3 prints when its excepthook raises.
        hook_tb = hook_exc.__traceback__
        while hook_tb is not None and hook_tb.tb_frame.f_code.co_filename == __file__:
            hook_tb = hook_tb.tb_next
        print("Error in sys.excepthook:", file=sys.stderr)
        traceback.print_exception(type(hook_exc), hook_exc, hook_tb, file=sys.stderr)
        print("\nOriginal exception was:", file=sys.stderr)
        traceback.print_exception(type(exc), exc, tb, file=sys.stderr)

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
    # python3 runs FILE under its absolute path (cwd joined, not resolved): tracebacks, __file__
    # and its messages show that path; sys.argv[0] stays as typed.
    argv0 = path
    path = os.path.join(os.getcwd(), path)
    try:
        with open(path, 'rb') as f:
            source = f.read()
    except OSError as exc:
        print(f"{sys.executable}: can't open file {path!r}: [Errno {exc.errno}] {exc.strerror}",
              file=sys.stderr)
        return 'OSError'
    namespace['__file__'] = path
    namespace['__cached__'] = None
    sys.argv[:] = [argv0]
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

_rlcompleter = None

def complete(word, namespace, limit):
    """python3's REPL completion of word: rlcompleter over the namespace, asked for states
    0, 1, 2... until None, as readline asks it. Returns (the first `limit` matches sorted and
    without duplicates, how many there are, the prefix they all share)."""
    global _rlcompleter
    if _rlcompleter is None:
        # rlcompleter imports readline, which would set up a terminal this window does not
        # have: keep it out unless a cell imported it already.
        keep_readline_out = 'readline' not in sys.modules
        if keep_readline_out:
            sys.modules['readline'] = None
        try:
            import rlcompleter
        finally:
            if keep_readline_out:
                del sys.modules['readline']
        _rlcompleter = rlcompleter
    completer = _rlcompleter.Completer(namespace)
    found = []
    try:
        state = 0
        while (match := completer.complete(word, state)) is not None:
            found.append(match)
            state += 1
    except BaseException:
        found = []  # readline in python3 shows nothing when the completer raises
    import os.path
    found = sorted(set(found))
    return found[:limit], len(found), os.path.commonprefix(found)

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
  std::function<void(const OutputChunk&)> sink;
  int cell_counter = 0;

  // Output while no cell runs goes to the sink too (set_background_writer).
  py::OutputWriter background_writer;

  // Whether a cell runs, guarded by interrupt_mutex: interrupt() signals only then, so a late
  // request never reaches the next cell.
  std::mutex interrupt_mutex;
  bool running = false;

  // The mappings the memory reads check against, kept while no Python runs (readable_memory.h
  // says why that is safe); used and forgotten only with the GIL held.
  py::CachedAddressSpace address_space;
};

namespace {

void write_to_process(OutputChunk::Stream stream, std::string_view text) {
  std::FILE* file = stream == OutputChunk::Stream::Err ? stderr : stdout;
  std::fwrite(text.data(), 1, text.size(), file);
  std::fflush(file);
}

py::PyRef support_function(const py::PyRef& support, const char* name) {
  return py::PyRef::borrow(PyDict_GetItemString(support.get(), name));
}

// Keeps the last CellResult::kOutputKept bytes or so of a cell's output, from a line start, and
// counts the rest as dropped; returns the bytes kept.
std::size_t keep_output_tail(CellResult& result) {
  std::size_t total = 0;
  for (const OutputChunk& chunk : result.output) total += chunk.text.size();
  std::size_t drop = total - std::min(total, CellResult::kOutputKept);
  std::size_t chunks_gone = 0;
  while (drop > 0 && chunks_gone < result.output.size()) {
    std::string& text = result.output[chunks_gone].text;
    if (drop >= text.size()) {
      drop -= text.size();
      result.dropped_bytes += text.size();
      total -= text.size();
      ++chunks_gone;
      continue;
    }
    // Cut after the next newline so that no line is kept without its beginning.
    const std::size_t newline = text.find('\n', drop - 1);
    const std::size_t cut = newline == std::string::npos ? text.size() : newline + 1;
    text.erase(0, cut);
    result.dropped_bytes += cut;
    total -= cut;
    drop = 0;
    if (text.empty()) ++chunks_gone;
  }
  result.output.erase(result.output.begin(), result.output.begin() + static_cast<std::ptrdiff_t>(chunks_gone));
  return total;
}

// Handles a SIGINT sent for a cell that has already ended, so it does not reach the next one.
// On the Python thread, with the GIL held and no exception set.
void discard_pending_interrupt() {
  sigset_t pending;
  sigpending(&pending);  // a system call: a signal already sent to this thread lands on return
  if (PyErr_CheckSignals() != 0) PyErr_Clear();
}

// Runs a support function with output routed into `result` (and, when `to_sink`, the sink),
// the running thread recorded for interrupt(). Call with the GIL held.
template <typename Call>
void run_captured(Session::State& state, std::atomic<bool>& busy, CellResult& result, Call call,
                  bool to_sink = true) {
  std::size_t kept_bytes = 0;
  py::OutputWriter writer = [&](OutputChunk::Stream stream, std::string_view text) {
    if (!result.output.empty() && result.output.back().stream == stream)
      result.output.back().text.append(text);
    else
      result.output.push_back({stream, std::string(text)});
    kept_bytes += text.size();
    if (kept_bytes > 2 * CellResult::kOutputKept) kept_bytes = keep_output_tail(result);
    if (to_sink && state.sink) state.sink(OutputChunk{stream, std::string(text)});
  };
  py::WriterScope scope(&writer);
  discard_pending_interrupt();  // a Ctrl+C from before the cell is not for it
  {
    std::lock_guard lock(state.interrupt_mutex);
    state.running = true;
    busy = true;
  }
  state.address_space.forget();  // the code run may map, unmap or protect memory
  py::PyRef outcome = call();
  {
    std::lock_guard lock(state.interrupt_mutex);
    state.running = false;
  }
  state.address_space.forget();
  // Only an interrupt landing inside the support code itself leaves an exception here.
  std::optional<py::PythonError> escaped;
  if (!outcome) escaped = py::fetch_error();
  // An interrupt that arrived as the cell ended must not hit the next one.
  discard_pending_interrupt();
  if (escaped) {
    writer(OutputChunk::Stream::Err, escaped->text() + "\n");
    result.raised = true;
    result.error_type = escaped->type_name;
  } else if (PyUnicode_Check(outcome.get())) {
    result.error_type = py::to_utf8(outcome.get());
    result.raised = !result.error_type.empty();
  }
  if (PyErr_Occurred()) PyErr_Clear();
}

}  // namespace

Session::Session() : state_(std::make_unique<State>()) {
  {
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
  state_->background_writer = [state = state_.get()](OutputChunk::Stream stream, std::string_view text) {
    if (state->sink) state->sink(OutputChunk{stream, std::string(text)});
    else write_to_process(stream, text);
  };
  py::set_background_writer(&state_->background_writer);
  }
  reset_namespace();  // on the Python thread: without the GIL held here
}

Session::~Session() {
  // On the Python thread: a __del__ of a name runs where cells run.
  py::run_on_python_thread([&] {
    py::GilHold gil;
    py::set_background_writer(nullptr);
    state_.reset();
  });
}

void Session::reset_namespace(const std::vector<std::string>& keep) {
  py::run_on_python_thread([&] { reset_namespace_here(keep); });
}

void Session::reset_namespace_here(const std::vector<std::string>& keep) {
  py::GilHold gil;
  // The kept objects, held while the old namespace goes (its other names may be their only
  // other owners).
  std::vector<std::pair<std::string, py::PyRef>> kept;
  if (state_->namespace_dict)
    for (const std::string& name : keep)
      if (PyObject* value = PyDict_GetItemString(state_->namespace_dict.get(), name.c_str()))
        kept.emplace_back(name, py::PyRef::borrow(value));
  state_->main_module = py::PyRef::steal(PyModule_New("__main__"));
  state_->namespace_dict = py::PyRef::borrow(PyModule_GetDict(state_->main_module.get()));
  PyDict_SetItemString(state_->namespace_dict.get(), "__builtins__", PyEval_GetBuiltins());
  PyDict_SetItemString(PyImport_GetModuleDict(), "__main__", state_->main_module.get());
  for (const auto& [name, value] : kept) PyDict_SetItemString(state_->namespace_dict.get(), name.c_str(), value.get());
  snapshot_ = {};
  refresh_snapshot();
}

void Session::set_output_sink(std::function<void(const OutputChunk&)> sink) {
  py::GilHold gil;  // the writer reads it under the GIL
  state_->sink = std::move(sink);
}

CellResult Session::run_cell(std::string_view source) {
  CellResult result;
  py::run_on_python_thread([&] {
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
  });
  busy_ = false;
  return result;
}

CellResult Session::run_file(const std::string& path) {
  CellResult result;
  py::run_on_python_thread([&] {
    py::GilHold gil;
    run_captured(*state_, busy_, result, [&] {
      py::PyRef name = py::PyRef::steal(
          PyUnicode_DecodeFSDefaultAndSize(path.data(), static_cast<Py_ssize_t>(path.size())));
      return py::PyRef::steal(PyObject_CallFunctionObjArgs(
          support_function(state_->support, "run_file").get(), name.get(),
          state_->namespace_dict.get(), nullptr));
    });
    refresh_snapshot();
  });
  busy_ = false;
  return result;
}

std::variant<std::int64_t, std::string> Session::evaluate_index(std::string_view expression) {
  std::variant<std::int64_t, std::string> answer = std::string("not evaluated");
  py::run_on_python_thread([&] {
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
  });
  busy_ = false;
  return answer;
}

Completion Session::complete(std::string_view text_before_cursor) {
  Completion completion;
  completion.text_before_cursor = std::string(text_before_cursor);
  completion.word = std::string(completion_word(text_before_cursor));
  // An empty word is indentation, which the console inserts itself.
  if (completion.word.empty()) return completion;
  py::run_on_python_thread([&] {
    py::GilHold gil;
    CellResult ignored;  // what evaluating `mv` in `mv.` prints is not shown
    run_captured(
        *state_, busy_, ignored,
        [&] {
          py::PyRef word = py::PyRef::steal(PyUnicode_DecodeUTF8(
              completion.word.data(), static_cast<Py_ssize_t>(completion.word.size()), "replace"));
          py::PyRef limit = py::PyRef::steal(PyLong_FromSize_t(Completion::kMaxListed));
          py::PyRef answer = py::PyRef::steal(PyObject_CallFunctionObjArgs(
              support_function(state_->support, "complete").get(), word.get(), state_->namespace_dict.get(),
              limit.get(), nullptr));
          if (!answer) return answer;  // only an interrupt inside the support code itself
          PyObject* matches = nullptr;
          Py_ssize_t total = 0;
          PyObject* common = nullptr;
          if (!PyArg_ParseTuple(answer.get(), "O!nU", &PyList_Type, &matches, &total, &common)) return py::PyRef();
          for (Py_ssize_t i = 0; i < PyList_GET_SIZE(matches); ++i)
            completion.matches.push_back(py::to_utf8(PyList_GET_ITEM(matches, i)));
          completion.total = static_cast<std::size_t>(total);
          completion.common_prefix = py::to_utf8(common);
          return py::PyRef::borrow(Py_None);
        },
        false);
  });
  busy_ = false;
  return completion;
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
  if (state_->running) py::send_interrupt_signal();
}

const Snapshot& Session::refresh_snapshot() {
  py::GilHold gil;
  state_->address_space.forget();
  const std::uint64_t generation = snapshot_.generation + 1;
  snapshot_ = py::build_snapshot(state_->namespace_dict.get());
  snapshot_.generation = generation;
  std::lock_guard lock(observer_mutex_);
  if (observer_) observer_(snapshot_, *this);
  return snapshot_;
}

void Session::set_snapshot_observer(SnapshotObserver observer) {
  std::lock_guard lock(observer_mutex_);
  observer_ = std::move(observer);
}

namespace {

constexpr const char* kNotReadable = "memory not readable";

// Whether Python code of the user's may run between two of our GIL holds, a thread of its own
// alive (threading, _thread): then the kept mappings could change without a cell, so every
// question goes to the kernel. Thread states besides it: the interpreter thread's and ours.
bool user_threads_alive() {
  int states = 0;
  for (PyThreadState* t = PyInterpreterState_ThreadHead(PyInterpreterState_Get()); t; t = PyThreadState_Next(t))
    ++states;
  return states > 2;
}

// [begin, end) is mapped readable (the GIL held).
bool readable(Session::State& state, std::uintptr_t begin, std::uintptr_t end) {
  if (user_threads_alive()) state.address_space.forget();
  return state.address_space.accessible(begin, end, false);
}

// Looks the object's name up again in the namespace (the session keeps no reference between
// cells), takes a fresh export and checks it still describes the snapshot's memory: a name
// rebound, deleted or resized since is reported, never dereferenced.
std::optional<std::string> acquire_matching(const Snapshot& snapshot, PyObject* namespace_dict,
                                            int index, int flags, py::BufferExport& export_) {
  if (index < 0 || static_cast<std::size_t>(index) >= snapshot.objects.size())
    return "no such object in the snapshot";
  const SnapshotObject& object = snapshot.objects[static_cast<std::size_t>(index)];
  const py::PyRef current = py::lookup_name(namespace_dict, object.name);
  if (!current) return object.display_name + " is no longer defined";
  if (py::short_type_name(current.get()) != object.type_name)
    return object.display_name + " changed since the last snapshot";
  py::PythonError refused;
  if (!export_.acquire(current.get(), flags, &refused))
    return object.display_name + ": " + refused.text();
  if (!(py::facts_of(export_.view()) == object.facts)) {
    export_.release();
    return object.display_name + " changed since the last snapshot";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Session::read_object(
    int object_index, const std::function<void(const std::uint8_t* buf)>& read) {
  py::GilHold gil;
  py::BufferExport export_;
  if (auto error = acquire_matching(snapshot_, state_->namespace_dict.get(), object_index,
                                    py::kReadFlags, export_))
    return error;
  const Extent& extent = snapshot_.objects[static_cast<std::size_t>(object_index)].footprint;
  if (!readable(*state_, extent.begin, extent.end)) return kNotReadable;
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
    if (auto error = acquire_matching(snapshot_, state_->namespace_dict.get(), region.objects[i],
                                      py::kReadFlags, exports[i]))
      return error;
  if (!readable(*state_, region.address, region.address + static_cast<std::uintptr_t>(region.size)))
    return kNotReadable;
  const SnapshotObject& first = snapshot_.objects[static_cast<std::size_t>(region.objects.front())];
  read(static_cast<const std::uint8_t*>(exports.front().view().buf) - first.offset);
  return std::nullopt;
}

std::optional<std::string> Session::write_object(int object_index, std::int64_t offset,
                                                 std::span<const std::uint8_t> bytes) {
  py::GilHold gil;
  py::BufferExport export_;
  if (auto error = acquire_matching(snapshot_, state_->namespace_dict.get(), object_index,
                                    py::kWriteFlags, export_))
    return error;
  // Within the bytes the view spans: plan_edit checks this first; kept as a last guard. The
  // offset is from buf, so it is negative for an element of a view with a negative stride
  // (img[::-1]), whose bytes lie before buf.
  const Extent& extent = snapshot_.objects[static_cast<std::size_t>(object_index)].footprint;
  const auto target = reinterpret_cast<std::uintptr_t>(export_.view().buf) + static_cast<std::uintptr_t>(offset);
  if (target < extent.begin || target + bytes.size() > extent.end) return "a write outside the buffer";
  // Only into an object whose memory reads (as the panes show it) and where the kernel says the
  // target is writable: a dangling view is never written, even where its address was reused.
  const py::AddressSpace space = py::AddressSpace::current();
  if (!space.accessible(extent.begin, extent.end, false) ||
      !space.accessible(target, target + bytes.size(), true))
    return kNotReadable;
  std::memcpy(reinterpret_cast<std::uint8_t*>(target), bytes.data(), bytes.size());
  return std::nullopt;
}

}  // namespace bufferlab

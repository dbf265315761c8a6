// The coordinator: worker results and queued commands become session calls and state changes at
// the start of a frame, so every pane draws the same state in the same frame.
#include "app/controller/workbench.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "app/controller/transcript_file.h"
#include "core/elements_in_range.h"
#include "core/layout.h"
#include "core/py/session.h"

namespace bufferlab {
namespace {

constexpr double kStuckSeconds = 3.0;  // after an interrupt, then the console offers a way out
// Tab completion evaluates the name before the last dot: one that takes this long (a property
// that sleeps) is interrupted, as Ctrl+C would, and completes nothing.
constexpr double kCompletionSeconds = 2.0;
constexpr std::size_t kTranscriptBytes = 8 << 20;
constexpr std::string_view kDroppedNote = " bytes of earlier output dropped]\n";

// Keeps the transcript to its last kTranscriptBytes or so (whole lines; a single huge line keeps
// its end), with a first line that counts everything dropped so far.
void keep_transcript_tail(std::vector<TranscriptLine>& transcript) {
  std::size_t total = 0;
  for (const TranscriptLine& line : transcript) total += line.text.size();
  if (total <= kTranscriptBytes) return;
  std::size_t dropped = 0;
  std::size_t first = 0;
  const TranscriptLine& front = transcript.front();
  if (front.kind == TranscriptLine::Kind::Info && front.text.starts_with("[") &&
      front.text.ends_with(kDroppedNote)) {
    dropped = std::strtoull(front.text.c_str() + 1, nullptr, 10);
    total -= front.text.size();
    first = 1;
  }
  std::size_t gone = first;
  while (total > kTranscriptBytes / 2 && gone + 1 < transcript.size()) {
    total -= transcript[gone].text.size();
    dropped += transcript[gone].text.size();
    ++gone;
  }
  std::string& last = transcript[gone].text;
  if (total > kTranscriptBytes / 2 && last.size() > kTranscriptBytes / 2) {
    std::size_t cut = last.size() - kTranscriptBytes / 2;
    while (cut < last.size() && (static_cast<unsigned char>(last[cut]) & 0xC0) == 0x80) ++cut;
    last.erase(0, cut);  // from a UTF-8 character start
    dropped += cut;
  }
  transcript.erase(transcript.begin(), transcript.begin() + static_cast<std::ptrdiff_t>(gone));
  transcript.insert(transcript.begin(),
                    {TranscriptLine::Kind::Info, "[" + std::to_string(dropped) + std::string(kDroppedNote)});
}

// A byte typed into the grid, as the write history and the undo list name it.
std::string grid_edit_text(const AppState& state, const WriteByte& write) {
  if (write.region < 0 || write.region >= static_cast<int>(state.snapshot.regions.size())) return "edit in the Memory grid";
  const Region& region = state.snapshot.regions[static_cast<std::size_t>(write.region)];
  char value[8];
  std::snprintf(value, sizeof value, "0x%02x", write.value);
  return "edit in the Memory grid: region " + std::to_string(write.region) + " byte " +
         std::to_string(write.address - region.address) + " = " + value;
}

}  // namespace

Workbench::Workbench(Session& session, MinimapBackend* minimap)
    : session_(&session),
      minimap_(minimap),
      worker_(session),
      lessons_(state_, *this),
      chrome_(layout_, [this](const std::string& path) { return request_open_lesson(path); }) {
  greet();
  state_.memory = session_;
  adopt_snapshot(false);
}

Workbench::Workbench(PythonStarter starter, MinimapBackend* minimap)
    : session_(nullptr),
      minimap_(minimap),
      worker_(std::move(starter)),
      lessons_(state_, *this),
      chrome_(layout_, [this](const std::string& path) { return request_open_lesson(path); }) {
  greet();
  state_.append_transcript(TranscriptLine::Kind::Info, "Python is starting...\n");
  // As while a cell runs: no memory to read or write and lesson steps wait; console input is
  // kept (apply_submit) and runs once Python is ready.
  state_.python_starting = true;
  state_.cell_running = true;
}

void Workbench::greet() {
  lesson_pane_.set_flow(&lessons_.flow());
  state_.append_transcript(TranscriptLine::Kind::Info,
                           "Buffer Lab. Type Python below (Enter runs it);\n"
                           "names that export a buffer appear in every pane.\n");
}

// The Start job's result: the session from now on, or why there is none.
void Workbench::python_started(const PythonWorker::Finished& start) {
  state_.python_starting = false;
  session_ = worker_.session();
  if (session_) {
    state_.append_transcript(TranscriptLine::Kind::Info, "Python is ready.\n");
    return;
  }
  const std::string why = start.result.stderr_text();
  std::fprintf(stderr, "bufferlab: Python could not start: %s\n", why.c_str());
  state_.append_transcript(TranscriptLine::Kind::Error,
                           "Python could not start: " + why +
                               "\nNothing typed or run in this window can run; check the Python 3.11 "
                               "installation and start Buffer Lab again.\n");
}

// Console input typed while Python was starting, in order, once nothing else runs (the script
// and lesson steps asked for on the command line went first); a cell it starts runs alone.
void Workbench::run_typed_while_starting() {
  while (!typed_while_starting_.empty() && !state_.cell_running && !lessons_.has_queued_steps()) {
    const std::string text = std::move(typed_while_starting_.front());
    typed_while_starting_.pop_front();
    apply_submit(text);
  }
}

Workbench::~Workbench() {
  // The worker outlives this body: it must not call into the change tracker any more.
  if (observed_session_) observed_session_->set_snapshot_observer(nullptr);
}

void Workbench::run_file(const std::string& path) {
  state_.append_transcript(TranscriptLine::Kind::Info, "# running " + path + "\n");
  cell_writer_ = std::make_shared<const std::string>("the script " + path);
  if (session_)
    changes_.remember_before_cell(state_, *session_, [&](int region) { return memory_pane_.first_visible_offset(state_, region); });
  cell_source_.clear();
  state_.resize_refused_on.clear();
  notebook_.cell_started(script_cell(path));
  worker_.run_file(path);
  state_.cell_running = true;
  state_.cell_started = state_.time;
  state_.memory = nullptr;
}

void Workbench::submit(const std::string& text) { commands_.push(SubmitConsoleInput{text}); }

bool Workbench::open_lesson(const std::string& path, bool fresh_namespace) {
  return lessons_.open(path, fresh_namespace);
}

// A switch the teacher asked for: it asks first when typed names would be forgotten.
bool Workbench::request_open_lesson(const std::string& path) {
  return lessons_.request_open(path);
}

// A text field holds the keyboard with text of its own in it. The console's empty input does
// not count: it has the keyboard from the start so typing goes somewhere, and the window's and
// the lesson's keys (a clicker's Page Down, Ctrl+Z) still work over it.
bool Workbench::typing() const {
  return ImGui::GetIO().WantTextInput && !console_pane_.empty_input_has_keyboard();
}

bool Workbench::animating() const {
  // Python starting needs no frames: the worker wakes the window when it is ready.
  if (state_.python_starting) return chrome_.file_chooser_open();
  return state_.cell_running || worker_.working() || !state_.flashes.empty() || state_.refusal.has_value() ||
         chrome_.file_chooser_open();
}

void Workbench::frame(double now) {
  state_.expire(now);
  if (probe_) probe_->clear();
  // The hover reported during the last frame arrives with the commands; none means none.
  state_.hover = {};
  take_worker_results();
  for (const Command& command : commands_.take()) {
    // A failure in the session or the codec becomes a line in the transcript, never a crash.
    try {
      apply(command);
    } catch (const std::exception& error) {
      state_.append_transcript(TranscriptLine::Kind::Error, std::string("internal error: ") + error.what() + "\n");
    }
  }
  state_.memory = state_.cell_running ? nullptr : session_;
  walk_settle_frame_ = state_.stride_walk.advance(now);
  state_.update_highlight();
  state_.set_name_colours(theme_colours().names);  // the theme may have changed since the last frame
  chrome_.handle_shortcuts(state_, commands_, typing(), console_pane_.transcript_has_selection());
  set_ui_record(probe_ ? &probe_->ui : nullptr);
  draw_panes();
  set_ui_record(nullptr);
  // The transcript's context menu asks for the same file as File > Save transcript.
  if (console_pane_.take_save_request()) chrome_.request_file(FileAction::SaveTranscript);
}

void Workbench::start_cell(const std::string& source, CellExtras extras) {
  if (session_)
    changes_.remember_before_cell(state_, *session_, [&](int region) { return memory_pane_.first_visible_offset(state_, region); });
  cell_source_ = source;
  cell_writer_ = std::make_shared<const std::string>(describe_cell(++cells_started_, extras.tag, source));
  if (extras.tag < 0) lessons_.note_console_cell(source);  // the teacher's names, asked about before a wipe
  notebook_.cell_started(notebook_cell(source, extras.tag, cells_started_));
  state_.resize_refused_on.clear();
  worker_.run_cell(source, std::move(extras));
  state_.cell_running = true;
  state_.cell_started = state_.time;
  state_.memory = nullptr;
  state_.refusal.reset();
}

void Workbench::restart_namespace(const std::vector<std::string>& keep) {
  if (state_.cell_running) worker_.interrupt();
  changes_.forget();
  state_.undo.clear();  // the namespace goes, and every object the edits wrote with it
  state_.write_log.clear();
  state_.resize_refused_on.clear();
  worker_.reset_namespace(keep);
  // Names carried over came from the cells before: then those stay in the notebook.
  if (keep.empty()) notebook_.namespace_reset();
  state_.palette.start_again();  // a fresh namespace: its names take the palette from the start
  state_.cell_running = true;
  state_.cell_started = state_.time;
  state_.memory = nullptr;
}

void Workbench::apply_submit(const std::string& text) {
  if (state_.python_starting) {
    // Whether it is a whole statement is Python's to say: it waits, and the console says so.
    typed_while_starting_.push_back(text);
    state_.append_transcript(TranscriptLine::Kind::Info, "(runs once Python is ready) " + text + "\n");
    return;
  }
  if (state_.cell_running) return;
  if (!session_) {
    state_.append_transcript(TranscriptLine::Kind::Error, "(Python is not running: nothing was run)\n");
    return;
  }
  ConsoleSubmission submission =
      state_.console_input.submit(text, [&](std::string_view source) { return session_->input_state(source); });
  state_.append_transcript(TranscriptLine::Kind::Input, submission.echo);
  if (submission.cell) start_cell(*submission.cell, {});
}

// Tab in the console: the session is asked on the worker, never while a cell runs (the matches
// come from the namespace the cell is changing).
void Workbench::ask_completion(const std::string& text_before_cursor) {
  if (state_.python_starting) {
    state_.append_transcript(TranscriptLine::Kind::Info, "(Python is starting: Tab completes once it is ready)\n");
    return;
  }
  if (state_.cell_running) {
    state_.append_transcript(TranscriptLine::Kind::Info, "(a cell is running: Tab completes once it ends)\n");
    return;
  }
  if (worker_.working()) return;  // a completion is on its way already
  worker_.complete(text_before_cursor);
  completion_asked_at_ = state_.time;
}

void Workbench::take_worker_results() {
  worker_.poll();
  if (completion_asked_at_ && !state_.cell_running && state_.time - *completion_asked_at_ > kCompletionSeconds) {
    worker_.interrupt();
    completion_asked_at_.reset();
  }
  for (const OutputChunk& chunk : worker_.take_output())
    state_.append_transcript(chunk.stream == OutputChunk::Stream::Err ? TranscriptLine::Kind::Error
                                                                      : TranscriptLine::Kind::Output,
                             chunk.text);
  keep_transcript_tail(state_.transcript);
  if (worker_.take_stuck_notice(kStuckSeconds))
    state_.append_transcript(
        TranscriptLine::Kind::Info,
        "(the cell has not stopped 3 s after the interrupt: it runs C code that never checks for\n"
        " Ctrl+C, or it catches KeyboardInterrupt. Restarting the namespace has to wait for the\n"
        " cell, which holds the interpreter. Your choices: Stop again to repeat the interrupt,\n"
        " or quit Buffer Lab (close the window), which leaves the cell behind.)\n");
  while (auto finished = worker_.take_finished()) {
    if (finished->kind == PythonWorker::JobKind::Start) python_started(*finished);
    if (finished->kind == PythonWorker::JobKind::Complete) {
      completion_asked_at_.reset();
      console_pane_.receive_completion(std::move(finished->completion));
      continue;  // not a cell: no name changed, nothing to adopt
    }
    if (finished->kind == PythonWorker::JobKind::Cell || finished->kind == PythonWorker::JobKind::File)
      notebook_.cell_finished(finished->result);
    if (finished->result.error_type == "KeyboardInterrupt")
      state_.append_transcript(TranscriptLine::Kind::Info, "(interrupted; every name is still there)\n");
    if (finished->tag >= 0) lessons_.finish_step(*finished);
    if (finished->result.error_type == "BufferError") refused_resize_ = true;
    if (worker_.working()) continue;
    state_.cell_running = false;
    adopt_snapshot(lessons_.take_step_finished());
    // The holders of exports on what the cell tried to resize are pointed out until the next cell.
    if (std::exchange(refused_resize_, false)) state_.note_refused_resize(cell_source_);
    lessons_.after_snapshot();
  }
  run_typed_while_starting();
}

void Workbench::adopt_snapshot(bool hold_changes) {
  if (!session_) return;  // Python did not start: nothing to show
  if (observed_session_ != session_) {
    // From now on the worker computes each new snapshot's minimaps while it still holds the GIL
    // after the cell, so the frame that adopts the snapshot only merges them.
    session_->set_snapshot_observer(
        [this](const Snapshot& snapshot, MemoryProvider& memory) { changes_.prepare_minimaps(snapshot, memory); });
    observed_session_ = session_;
  }
  state_.snapshot = session_->snapshot();
  state_.rebuild_views();
  changes_.adopt(state_, *session_, hold_changes,
                 [&](std::uintptr_t address, std::span<const std::uint8_t> before, std::span<const std::uint8_t> after) {
                   state_.write_log.record(address, before, after, cell_writer_);
                 });
  state_.write_log.keep_within(state_.snapshot.regions);  // freed memory forgets its writers
}

// Every write goes through the one edit path; a refusal is shown where it was typed. The bytes
// it replaces are read first, for the write history and the undo list.
bool Workbench::apply_edit_request(const EditRequest& request, const HighlightSource& where, int region,
                                   const std::string& what, bool undoable) {
  if (state_.cell_running || !session_) {
    // Memory is Python's while a cell runs; the edit was not applied, and says so.
    state_.refusal = ShownRefusal{"a cell is running: nothing was written (Stop it first)", where, state_.time};
    return false;
  }
  std::vector<std::uint8_t> before;
  const auto plan_to_read = plan_edit(state_.snapshot, request);  // apply_edit plans it again
  if (const auto* plan = std::get_if<PlannedWrite>(&plan_to_read)) {
    before.resize(plan->bytes.size());
    const auto unread = session_->read_object(plan->object_index, [&](const std::uint8_t* buf) {
      std::memcpy(before.data(), buf + plan->offset, before.size());
    });
    if (unread) before.clear();
  }
  auto result = apply_edit(*session_, state_.snapshot, request);
  if (auto* refusal = std::get_if<EditRefusal>(&result)) {
    state_.refusal = ShownRefusal{std::move(refusal->message), where, state_.time};
    return false;
  }
  const PlannedWrite& written = std::get<PlannedWrite>(result);
  changes_.after_write(state_, *session_, region, written.address, written.address + written.bytes.size());
  state_.refusal.reset();
  if (before.size() != written.bytes.size()) return true;  // its memory could not be read before: no record
  state_.write_log.record(written.address, before, written.bytes, std::make_shared<const std::string>(what));
  if (undoable)
    state_.undo.record({what, written.address, std::move(before), written.bytes,
                        witnesses_of(state_.snapshot, written.object_index, written.address, written.bytes.size()),
                        edit_group_});
  return true;
}

// Writes an edit's bytes back (undo) or again (redo), only where memory still holds what the
// last write of them left; otherwise says why in the transcript and under the bytes.
// A gesture's edits (a paint stroke's pixels) go back or again together, newest first, and
// stop at the first that cannot.
void Workbench::undo_or_redo(bool redo) {
  const UndoableEdit* next = redo ? state_.undo.next_redo() : state_.undo.next_undo();
  const std::uint64_t group = next ? next->group : 0;
  int done = 0;
  std::string first_what;
  do {
    next = redo ? state_.undo.next_redo() : state_.undo.next_undo();
    if (done > 0 && !(next && next->group == group)) break;
    if (next && done == 0) first_what = next->what;
    if (!undo_or_redo_one(redo, group != 0)) break;
    ++done;
  } while (group != 0);
  if (group != 0 && done > 0)
    state_.append_transcript(TranscriptLine::Kind::Info, std::string("(") + (redo ? "redo" : "undo") + " of the " +
                                                             first_what + (done > 1 ? " and " + std::to_string(done - 1) + " more of its stroke" : "") +
                                                             ")\n");
}

bool Workbench::undo_or_redo_one(bool redo, bool quiet) {
  const char* verb = redo ? "redo" : "undo";
  if (state_.cell_running || !session_) {
    state_.append_transcript(TranscriptLine::Kind::Info, std::string("(") + verb + ": a cell is running; nothing was written)\n");
    return false;
  }
  std::optional<UndoableEdit> edit = redo ? state_.undo.take_redo() : state_.undo.take_undo();
  if (!edit) {
    state_.append_transcript(TranscriptLine::Kind::Info, std::string("(nothing to ") + verb + ")\n");
    return false;
  }
  const std::vector<std::uint8_t>& expected = redo ? edit->before : edit->after;
  const std::vector<std::uint8_t>& restore = redo ? edit->after : edit->before;
  const auto checked = check_edit_memory(*edit, expected, state_.snapshot, *session_, state_.write_log);
  const int region = std::holds_alternative<int>(checked) ? std::get<int>(checked) : -1;
  // The refusal note goes under the first byte, where a region still shows it.
  HighlightSource where;
  for (const Region& r : state_.snapshot.regions)
    if (edit->address >= r.address && edit->address < r.address + static_cast<std::uintptr_t>(r.size))
      where = HighlightSource::of_byte(r.id, edit->address);
  if (const auto* why = std::get_if<std::string>(&checked)) {
    // Memory that no longer matches never matches again by itself: the edit leaves the list.
    const std::string message = std::string("cannot ") + verb + " the " + edit->what + ", because " + *why +
                                "; nothing was written, and it is dropped from the " + verb + " list";
    state_.append_transcript(TranscriptLine::Kind::Error, "(" + message + ")\n");
    state_.refusal = ShownRefusal{message, where, state_.time};
    return false;
  }
  const std::string what = std::string(redo ? "redo" : "undo") + " of the " + edit->what;
  if (!apply_edit_request(RegionBytesWrite{region, edit->address, restore}, where, region, what, false)) {
    state_.append_transcript(TranscriptLine::Kind::Error,
                             "(cannot " + std::string(verb) + " the " + edit->what + ", because " +
                                 (state_.refusal ? state_.refusal->message : std::string("not written")) + ")\n");
    return false;
  }
  if (!quiet) state_.append_transcript(TranscriptLine::Kind::Info, "(" + what + ")\n");
  if (redo)
    state_.undo.push_redone(std::move(*edit));
  else
    state_.undo.push_undone(std::move(*edit));
  return true;
}

void Workbench::write_element(const WriteElement& command) {
  if (command.view < 0 || command.view >= static_cast<int>(state_.views.size())) return;
  const DisplayView& view = state_.views[static_cast<std::size_t>(command.view)];
  const HighlightSource where = HighlightSource::of_element(command.view, flatten_index(view.facts, command.index));
  std::string index_text;
  for (std::int64_t i : command.index) index_text += (index_text.empty() ? "" : ", ") + std::to_string(i);
  if (!view.is_reinterpretation()) {
    apply_edit_request(ElementWrite{view.object_index, command.index, command.literal}, where, view.region,
                       "edit in the card of " + view.name + ": " + view.name + "[" + index_text + "] = " + command.literal);
    return;
  }

  // A reinterpretation is not a Python object: its element is encoded in its format and written
  // through an object of the region that holds the bytes.
  auto refuse = [&](std::string message) { state_.refusal = ShownRefusal{std::move(message), where, state_.time}; };
  if (!view.format) return refuse(view.format_error);
  std::vector<std::int64_t> index = command.index;
  if (auto error = normalize_index(view.facts, index)) return refuse(*error);
  const std::uintptr_t address = element_address(view, flatten_index(view.facts, index));
  apply_edit_request(RegionElementWrite{view.region, address, *view.format, command.literal}, where, view.region,
                     "edit in \"view as\" (" + view.name + "): [" + index_text + "] = " + command.literal);
}

// A value typed into a data inspector row: encoded with the row's format (byte order included)
// and written at the selection's first byte, as a "view as" element edit is.
void Workbench::write_inspector_value(const WriteInspectorValue& command) {
  const HighlightSource where = HighlightSource::of_byte(command.region, command.address);
  auto parsed = parse_format(command.format);
  if (const auto* error = std::get_if<FormatError>(&parsed)) {
    state_.refusal = ShownRefusal{error->describe(), where, state_.time};
    return;
  }
  std::string offset_text = format_address(command.address);
  if (command.region >= 0 && command.region < static_cast<int>(state_.snapshot.regions.size()))
    offset_text = "region " + std::to_string(command.region) + " byte " +
                  std::to_string(command.address - state_.snapshot.regions[static_cast<std::size_t>(command.region)].address);
  apply_edit_request(RegionElementWrite{command.region, command.address, std::get<ElementFormat>(parsed), command.literal},
                     where, command.region,
                     "edit in the Data inspector: '" + command.format + "' at " + offset_text + " = " + command.literal);
}

// A pixel painted on a picture: each channel is checked and encoded as an element edit of the
// view would be (the same refusals: read-only memory, a value out of range), then the channels'
// bytes go as one write, one undo step, when they lie within a few bytes of each other (the
// bytes between keep what they hold). Otherwise, or when no object holds them as contiguous
// memory, each channel is its own element edit.
void Workbench::write_pixel(const WritePixel& command) {
  edit_group_ = command.stroke;
  write_pixel_channels(command);
  edit_group_ = 0;
}

void Workbench::write_pixel_channels(const WritePixel& command) {
  if (command.view < 0 || command.view >= static_cast<int>(state_.views.size())) return;
  const DisplayView& view = state_.views[static_cast<std::size_t>(command.view)];
  if (!view.format || command.literals.empty()) return;
  const bool colour = view.facts.ndim == 3;
  auto index_of = [&](std::size_t channel) {
    return colour ? std::vector<std::int64_t>{command.y, command.x, static_cast<std::int64_t>(channel)}
                  : std::vector<std::int64_t>{command.y, command.x};
  };
  const HighlightSource where = HighlightSource::of_element(command.view, flatten_index(view.facts, index_of(0)));
  std::string pixel_text = command.literals.size() == 1 ? command.literals[0] : "(";
  if (command.literals.size() > 1) {
    for (std::size_t c = 0; c < command.literals.size(); ++c) pixel_text += (c ? ", " : "") + command.literals[c];
    pixel_text += ")";
  }
  const std::string what = "paint in the picture of " + view.name + ": " + view.name + "[" +
                           std::to_string(command.y) + ", " + std::to_string(command.x) + "] = " + pixel_text;
  if (state_.cell_running || !session_) {
    state_.refusal = ShownRefusal{"a cell is running: nothing was written (Stop it first)", where, state_.time};
    return;
  }
  std::vector<EditRequest> channels;
  std::vector<PlannedWrite> planned;
  for (std::size_t c = 0; c < command.literals.size(); ++c) {
    const std::vector<std::int64_t> index = index_of(c);
    if (view.is_reinterpretation()) {
      std::vector<std::int64_t> checked = index;
      if (auto error = normalize_index(view.facts, checked)) {
        state_.refusal = ShownRefusal{*error, where, state_.time};
        return;
      }
      channels.push_back(RegionElementWrite{view.region, element_address(view, flatten_index(view.facts, checked)),
                                            *view.format, command.literals[c]});
    } else {
      channels.push_back(ElementWrite{view.object_index, index, command.literals[c]});
    }
    auto plan = plan_edit(state_.snapshot, channels.back());
    if (auto* refusal = std::get_if<EditRefusal>(&plan)) {
      state_.refusal = ShownRefusal{std::move(refusal->message), where, state_.time};
      return;
    }
    planned.push_back(std::move(std::get<PlannedWrite>(plan)));
  }
  constexpr std::uintptr_t kOneWriteSpan = 256;
  std::uintptr_t begin = planned[0].address, end = begin;
  for (const PlannedWrite& write : planned) {
    begin = std::min(begin, write.address);
    end = std::max(end, write.address + write.bytes.size());
  }
  if (end - begin <= kOneWriteSpan && view.region >= 0) {
    const Region& region = state_.snapshot.regions[static_cast<std::size_t>(view.region)];
    std::vector<std::uint8_t> bytes(end - begin);
    const auto unread = session_->read_region(view.region, [&](const std::uint8_t* base) {
      std::memcpy(bytes.data(), base + (begin - region.address), bytes.size());
    });
    for (const PlannedWrite& write : planned)
      std::memcpy(bytes.data() + (write.address - begin), write.bytes.data(), write.bytes.size());
    RegionBytesWrite whole{view.region, begin, std::move(bytes)};
    if (!unread && std::holds_alternative<PlannedWrite>(plan_edit(state_.snapshot, whole))) {
      apply_edit_request(whole, where, view.region, what);
      return;
    }
  }
  for (std::size_t c = 0; c < channels.size(); ++c)
    if (!apply_edit_request(channels[c], where, view.region, what + " (channel " + std::to_string(c) + ")")) return;
}

// A cell's record for the notebook: a lesson step's code carries the step's narration and
// extras; console input typed while a step is on show carries that step's narration.
NotebookCell Workbench::notebook_cell(const std::string& source, int step_tag, int number) const {
  NotebookCell cell;
  cell.code = source;
  cell.execution_count = number;
  if (!state_.lesson.lesson) return cell;
  const Lesson& lesson = *state_.lesson.lesson;
  const int step = step_tag >= 0 ? step_tag : state_.lesson.step;
  if (step < 0 || step >= static_cast<int>(lesson.steps.size())) return cell;
  cell.narration = notebook_narration(lesson, step);
  if (step_tag >= 0) add_step_extras(cell, lesson.steps[static_cast<std::size_t>(step)]);
  return cell;
}

// File > Export notebook: the cells finished since the namespace was last reset. A failure
// changes nothing in the session; the transcript says why.
void Workbench::export_notebook(const std::string& path) {
  if (auto error = notebook_.write(path)) {
    state_.append_transcript(TranscriptLine::Kind::Error, "(notebook not exported: " + *error + ")\n");
    return;
  }
  const std::size_t count = notebook_.cells().size();
  std::string note = "(notebook exported to " + path + ": " + std::to_string(count) +
                     (count == 1 ? " cell" : " cells") + " since the namespace was last reset";
  if (state_.cell_running) note += "; the running cell is not in it";
  state_.append_transcript(TranscriptLine::Kind::Info, note + ")\n");
}

void Workbench::apply(const Command& command) {
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, SubmitConsoleInput>) {
          apply_submit(c.text);
        } else if constexpr (std::is_same_v<T, InterruptCell>) {
          if (state_.python_starting) {
            state_.append_transcript(TranscriptLine::Kind::Info, "(Python is starting: nothing runs yet)\n");
            return;
          }
          if (!worker_.working()) return;
          worker_.interrupt();
          state_.append_transcript(TranscriptLine::Kind::Info,
                                   "(KeyboardInterrupt pending: the cell stops at its next check)\n");
        } else if constexpr (std::is_same_v<T, DiscardConsoleInput>) {
          if (state_.cell_running) return;
          state_.append_transcript(TranscriptLine::Kind::Input, state_.console_input.discard(c.text));
          state_.append_transcript(TranscriptLine::Kind::Error, "KeyboardInterrupt\n");
        } else if constexpr (std::is_same_v<T, ClearTranscript>) {
          state_.transcript.clear();
        } else if constexpr (std::is_same_v<T, CompleteConsoleInput>) {
          ask_completion(c.text_before_cursor);
        } else if constexpr (std::is_same_v<T, AddTranscriptNote>) {
          state_.append_transcript(TranscriptLine::Kind::Info, c.text);
        } else if constexpr (std::is_same_v<T, WriteElement>) {
          write_element(c);
        } else if constexpr (std::is_same_v<T, WritePixel>) {
          write_pixel(c);
        } else if constexpr (std::is_same_v<T, SelectBytes>) {
          state_.select_bytes(c.region, c.anchor, c.focus);
        } else if constexpr (std::is_same_v<T, ClearByteSelection>) {
          state_.byte_selection.reset();
        } else if constexpr (std::is_same_v<T, WriteInspectorValue>) {
          write_inspector_value(c);
        } else if constexpr (std::is_same_v<T, WriteByte>) {
          apply_edit_request(RegionBytesWrite{c.region, c.address, {c.value}},
                             HighlightSource::of_byte(c.region, c.address), c.region, grid_edit_text(state_, c));
        } else if constexpr (std::is_same_v<T, AddReinterpretation>) {
          if (c.region < 0 || c.region >= static_cast<int>(state_.snapshot.regions.size())) return;
          state_.reinterpretations.push_back({state_.snapshot.regions[c.region].address, c.offset, c.format});
          state_.rebuild_views();
          state_.select_view(static_cast<int>(state_.views.size()) - 1);
        } else if constexpr (std::is_same_v<T, RemoveReinterpretation>) {
          if (c.view < 0 || c.view >= static_cast<int>(state_.views.size())) return;
          const int index = state_.views[c.view].reinterpretation;
          if (index < 0) return;
          state_.reinterpretations.erase(state_.reinterpretations.begin() + index);
          state_.rebuild_views();
        } else if constexpr (std::is_same_v<T, ExportNotebook>) {
          export_notebook(c.path);
        } else if constexpr (std::is_same_v<T, SaveTranscript>) {
          if (auto error = write_transcript_file(c.path, state_.transcript))
            state_.append_transcript(TranscriptLine::Kind::Error, "(transcript not saved: " + *error + ")\n");
          else
            state_.append_transcript(TranscriptLine::Kind::Info, "(transcript saved to " + c.path + ")\n");
        } else if constexpr (std::is_same_v<T, UndoEdit>) {
          undo_or_redo(false);
        } else if constexpr (std::is_same_v<T, RedoEdit>) {
          undo_or_redo(true);
        } else if constexpr (std::is_same_v<T, ReportHover>) {
          state_.hover = c.source;
        } else if constexpr (std::is_same_v<T, SelectView>) {
          state_.select_view(c.view, c.element);
          walk_to_selection(c);
        } else if constexpr (std::is_same_v<T, StartStrideWalk> || std::is_same_v<T, PlayStrideWalk> ||
                             std::is_same_v<T, StepStrideWalk> || std::is_same_v<T, SeekStrideWalk> ||
                             std::is_same_v<T, ChooseWalkDimension> || std::is_same_v<T, SetStrideWalkSpeed> ||
                             std::is_same_v<T, StopStrideWalk>) {
          apply_stride_walk(command);
        } else if constexpr (std::is_same_v<T, PinHighlight>) {
          if (c.toggle) {
            state_.toggle_pin(c.source);
          } else {
            state_.pinned = c.source;
          }
        } else if constexpr (std::is_same_v<T, OpenLesson>) {
          request_open_lesson(c.path);
        } else if constexpr (std::is_same_v<T, GoToLessonStep>) {
          lessons_.go_to_step(c.step);
        } else if constexpr (std::is_same_v<T, RunLessonStep>) {
          lessons_.run_step(c.step, c.code);
        } else if constexpr (std::is_same_v<T, RestartLesson>) {
          lessons_.request_restart();
        } else if constexpr (std::is_same_v<T, NextLesson>) {
          lessons_.go_past_last_step();
        } else if constexpr (std::is_same_v<T, AnswerLessonQuestion>) {
          lessons_.answer_question(!c.confirmed ? WipeAnswer::Cancel
                                   : c.keep_names ? WipeAnswer::Keep
                                                  : WipeAnswer::Forget);
        } else if constexpr (std::is_same_v<T, AnswerEarlierStepsOffer>) {
          if (c.run_them) {
            lessons_.run_earlier_steps();
          } else {
            lessons_.decline_earlier_steps();
          }
        }
      },
      command);
}

void Workbench::apply_stride_walk(const Command& command) {
  StrideWalkPlayer& walk = state_.stride_walk;
  const double now = state_.time;
  if (const auto* start = std::get_if<StartStrideWalk>(&command)) {
    if (start->view < 0 || start->view >= static_cast<int>(state_.views.size())) return;
    const DisplayView& view = state_.views[static_cast<std::size_t>(start->view)];
    // Along a dimension the other indices are the selected element's, when it is in this view.
    std::vector<std::int64_t> fixed;
    if (state_.selected_view == start->view && state_.selected_element >= 0 &&
        state_.selected_element < view.facts.element_count())
      fixed = index_of_flat(view.facts, state_.selected_element);
    walk.start(view, start->view, start->dimension, std::move(fixed), now);
    state_.select_view(start->view, state_.selected_view == start->view ? state_.selected_element : -1);
  } else if (const auto* play = std::get_if<PlayStrideWalk>(&command)) {
    if (play->play)
      walk.play(now);
    else
      walk.pause();
  } else if (const auto* step = std::get_if<StepStrideWalk>(&command)) {
    walk.step_by(step->delta);
  } else if (const auto* seek = std::get_if<SeekStrideWalk>(&command)) {
    walk.seek(seek->position, now);
  } else if (const auto* choose = std::get_if<ChooseWalkDimension>(&command)) {
    walk.choose_dimension(choose->dimension, now);
  } else if (const auto* speed = std::get_if<SetStrideWalkSpeed>(&command)) {
    walk.set_speed(speed->steps_per_second, now);
  } else if (std::holds_alternative<StopStrideWalk>(command)) {
    walk.stop();
  }
}

void Workbench::walk_to_selection(const SelectView& select) {
  StrideWalkPlayer& walk = state_.stride_walk;
  if (!walk.active() || select.view != walk.view() || select.element < 0) return;
  const BufferFacts& facts = state_.views[static_cast<std::size_t>(select.view)].facts;
  if (select.element >= facts.element_count()) return;
  walk.go_to(index_of_flat(facts, select.element), state_.time);
}

Pane& Workbench::pane(PaneId id) {
  switch (id) {
    case PaneId::Lesson: return lesson_pane_;
    case PaneId::Console: return console_pane_;
    case PaneId::Memory: return memory_pane_;
    case PaneId::Views: return views_pane_;
    case PaneId::Sharing: return sharing_pane_;
    case PaneId::DataInspector: return data_inspector_pane_;
    case PaneId::Inspector: break;
  }
  return inspector_pane_;
}

// A window covering the display: menu bar, the panes of the layout preset (or the focused one)
// where the chrome places them, the splitters between them and the Open dialog.
void Workbench::draw_panes() {
  const ImGuiIO& io = ImGui::GetIO();
  float ui_scale = 1.0f;
  ImFont* font = have_fonts_ ? font_for_height(fonts_, io.DisplaySize.y, &ui_scale, layout_.zoom) : nullptr;
  lesson_pane_.set_heading_font(font ? larger_font(fonts_, font) : nullptr);
  if (font) ImGui::PushFont(font);

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4, 4));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::Begin("##bufferlab", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_MenuBar);
  ImGui::PopStyleVar(3);
  chrome_.draw_menu_bar(state_, commands_);

  PaneContext context{state_, commands_, minimap_, ui_scale, probe_, typing()};
  placement_ = chrome_.place_panes();
  // A question to the teacher (wipe the names? run the earlier steps?) is asked in the Lesson
  // pane: when the layout hides it, the pane is shown alone until it is answered.
  const LessonFlow& flow = lessons_.flow();
  const auto shows = [&](PaneId id) {
    return std::any_of(placement_.panes.begin(), placement_.panes.end(),
                       [&](const PanePlacement::Placed& placed) { return placed.id == id; });
  };
  if ((flow.question || flow.offer) && !shows(PaneId::Lesson)) {
    chrome_.toggle_focus(PaneId::Lesson);
    placement_ = chrome_.place_panes();
  }
  for (const PanePlacement::Placed& placed : placement_.panes) {
    const PaneFrameInput input = pane(placed.id).draw(context, placed.pos, placed.size);
    chrome_.note_pane(placed.id, input.hovered, input.keyboard, input.title_double_clicked);
  }
  chrome_.draw_splitters(placement_);
  chrome_.draw_file_dialogs(state_, commands_, ui_scale);
  chrome_.draw_key_help();
  ImGui::End();
  if (font) ImGui::PopFont();
}

}  // namespace bufferlab

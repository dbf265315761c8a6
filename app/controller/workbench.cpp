// The window's controller: worker results and queued commands become session calls and state
// changes at the start of a frame, so every pane draws the same state in the same frame.
#include "app/controller/workbench.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include <imgui_stdlib.h>

#include "core/elements_in_range.h"
#include "core/layout.h"
#include "core/py/session.h"

namespace bufferlab {

namespace {

constexpr std::int64_t kWholeRegionCopyLimit = 1 << 20;    // exact before/after diff up to 1 MiB
constexpr std::int64_t kVisibleCopyBytes = 64 * 1024;      // bigger regions: what is on screen
constexpr std::int64_t kBeforeCellTotalLimit = 16 << 20;

bool is_blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

// Every line empty or a comment (what codeop compiles to 'pass').
bool is_comment_only(const std::string& source) {
  std::size_t start = 0;
  while (start <= source.size()) {
    const std::size_t end = std::min(source.find('\n', start), source.size());
    const std::size_t first = source.find_first_not_of(" \t\r\f", start);
    if (first < end && source[first] != '#') return false;
    start = end + 1;
  }
  return true;
}

// Whether Python source ends inside a string literal or between brackets: where python3's
// prompt takes an empty line as part of the input rather than its end. A lexer's view only:
// quotes, escapes, comments and bracket depth.
bool ends_inside_string_or_brackets(const std::string& source) {
  int depth = 0;
  for (std::size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    if (c == '#') {
      i = std::min(source.find('\n', i), source.size());
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      depth = std::max(0, depth - 1);
    } else if (c == '\'' || c == '"') {
      const bool triple = source.compare(i, 3, std::string(3, c)) == 0;
      const std::string close = triple ? std::string(3, c) : std::string(1, c);
      std::size_t j = i + close.size();
      for (; j < source.size(); ++j) {
        if (source[j] == '\\') {
          ++j;  // an escaped character, a quote or a line end included (raw strings too)
        } else if (source.compare(j, close.size(), close) == 0) {
          break;
        } else if (source[j] == '\n' && !triple) {
          break;  // an unterminated one-line string: a syntax error, not an open string
        }
      }
      if (j >= source.size()) return true;
      i = source[j] == '\n' ? j : j + close.size() - 1;
    }
  }
  return depth > 0;
}

}  // namespace

Workbench::Workbench(Session& session, MinimapBackend* minimap)
    : session_(session), minimap_(minimap), worker_(session) {
  state_.memory = &session_;
  state_.append_transcript(TranscriptLine::Kind::Info,
                           "Buffer Lab. Type Python below (Enter runs it);\n"
                           "names that export a buffer appear in every pane.\n");
  adopt_snapshot();
}

Workbench::~Workbench() = default;

void Workbench::run_file(const std::string& path) {
  state_.append_transcript(TranscriptLine::Kind::Info, "# running " + path + "\n");
  remember_bytes_before_cell();
  cell_source_.clear();
  state_.resize_refused_on.clear();
  worker_.run_file(path);
  state_.cell_running = true;
  state_.cell_started = state_.time;
  state_.memory = nullptr;
}

void Workbench::submit(const std::string& text) { commands_.push(SubmitConsoleInput{text}); }

bool Workbench::animating() const {
  return state_.cell_running || !state_.flashes.empty() || state_.refusal.has_value();
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
  state_.memory = state_.cell_running ? nullptr : &session_;
  state_.update_highlight();

  handle_shortcuts();

  const ImGuiIO& io = ImGui::GetIO();
  ui_scale_ = 1.0f;
  ImFont* font = have_fonts_ ? font_for_height(fonts_, io.DisplaySize.y, &ui_scale_, layout_.zoom) : nullptr;
  heading_font_ = font ? larger_font(fonts_, font) : nullptr;
  if (font) ImGui::PushFont(font);
  draw_layout(io.DisplaySize);
  if (font) ImGui::PopFont();
}

void Workbench::handle_shortcuts() {
  // Ctrl+C interrupts a running cell wherever the keyboard focus is.
  const ImGuiIO& io = ImGui::GetIO();
  if (state_.cell_running && io.KeyCtrl && ImGui::IsKeyPressed('C')) worker_.interrupt();
  if (!io.WantTextInput && io.KeyCtrl && ImGui::IsKeyPressed('L')) state_.transcript.clear();
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) && !io.WantTextInput) state_.pinned = {};
  if (io.KeyCtrl && ImGui::IsKeyPressed('O', false)) open_dialog_requested_ = true;

  // Font zoom: Ctrl+= (also Ctrl++ and the keypad's +), Ctrl+-, Ctrl+0. Key codes are GLFW's.
  constexpr int kKeyMinus = 45, kKeyZero = 48, kKeyEqual = 61, kKeypadZero = 320, kKeypadMinus = 333,
                kKeypadPlus = 334;
  if (io.KeyCtrl) {
    int zoom = 2;  // none
    if (ImGui::IsKeyPressed(kKeyEqual) || ImGui::IsKeyPressed(kKeypadPlus)) zoom = 1;
    if (ImGui::IsKeyPressed(kKeyMinus) || ImGui::IsKeyPressed(kKeypadMinus)) zoom = -1;
    if (ImGui::IsKeyPressed(kKeyZero, false) || ImGui::IsKeyPressed(kKeypadZero, false)) zoom = 0;
    if (zoom != 2) {
      layout_.step_zoom(zoom);
      layout_dirty_ = true;
    }
  }
}

void Workbench::set_theme(Theme theme) {
  apply_theme(theme);
  layout_.light = theme == Theme::Light;
}

// ---------------------------------------------------------------------------------------------
// Lessons

void Workbench::set_lesson_catalog(std::vector<LessonEntry> catalog) {
  state_.lesson.catalog = std::move(catalog);
}

bool Workbench::open_lesson(const std::string& path, bool fresh_namespace) {
  LessonLoad loaded = load_lesson(path);
  if (auto* error = std::get_if<LessonError>(&loaded)) {
    // The lesson on show stays; the message goes where the teacher looks, and to stderr.
    state_.lesson.load_error = error->message;
    std::fprintf(stderr, "bufferlab: %s\n", error->message.c_str());
    return false;
  }
  LessonState& lesson = state_.lesson;
  if (!lesson.lesson) console_.set_focus_on_start(false);
  lesson.lesson = std::move(std::get<Lesson>(loaded));
  lesson.load_error.clear();
  lesson_queue_.clear();
  pending_range_.reset();
  restart_lesson(fresh_namespace ? "# lesson: " + lesson.lesson->title + " (a fresh namespace)\n"
                                 : std::string());
  return true;
}

void Workbench::restart_lesson(const std::string& note) {
  LessonState& lesson = state_.lesson;
  ++lesson.generation;
  lesson.step = 0;
  lesson.running_step = -1;
  lesson.runs.assign(static_cast<std::size_t>(lesson.step_count()), std::nullopt);
  lesson_queue_.clear();
  pending_range_.reset();
  state_.clear_lesson_marks();
  if (note.empty()) return;
  // A fresh namespace, after whatever runs now has been stopped.
  state_.append_transcript(TranscriptLine::Kind::Info, note);
  state_.pending_block.clear();
  state_.reinterpretations.clear();
  if (state_.cell_running) worker_.interrupt();
  before_cell_.clear();
  state_.resize_refused_on.clear();
  worker_.reset_namespace();
  state_.cell_running = true;
  state_.cell_started = state_.time;
  state_.memory = nullptr;
}

void Workbench::go_to_step(int step) {
  LessonState& lesson = state_.lesson;
  if (!lesson.lesson || step < 0 || step >= lesson.step_count() || step == lesson.step) return;
  lesson.step = step;
  state_.clear_lesson_marks();  // marks belong to the step that made them
}

void Workbench::run_lesson_step(int step, const std::string& code) {
  LessonState& lesson = state_.lesson;
  if (state_.cell_running || !lesson.lesson || step < 0 || step >= lesson.step_count()) return;
  go_to_step(step);
  state_.clear_lesson_marks();
  if (code.find_first_not_of(" \t\r\n") == std::string::npos) return;
  // The console's path: an open block there would swallow the step, so it is dropped first.
  state_.pending_block.clear();
  state_.append_transcript(TranscriptLine::Kind::Info,
                           "# step " + std::to_string(step + 1) + " of " + std::to_string(lesson.step_count()) + "\n");
  echo_input(code, false);
  if (state_.history.empty() || state_.history.back() != code) state_.history.push_back(code);
  CellExtras extras;
  extras.tag = step;
  if (const auto& highlight = lesson.lesson->steps[static_cast<std::size_t>(step)].highlight)
    extras.evaluate_after = {highlight->start, highlight->stop};
  lesson.running_step = step;
  start_cell(code, std::move(extras));
}

void Workbench::run_lesson_through(int step) {
  const LessonState& lesson = state_.lesson;
  if (!lesson.lesson) return;
  step = std::clamp(step, 0, lesson.step_count() - 1);
  for (int i = 0; i <= step; ++i)
    if (lesson.lesson->steps[static_cast<std::size_t>(i)].has_code()) lesson_queue_.push_back(i);
  lesson_queue_target_ = step;
  run_next_queued_step();
}

void Workbench::run_next_queued_step() {
  if (state_.cell_running) return;
  if (lesson_queue_.empty()) {
    if (lesson_queue_target_ >= 0) go_to_step(std::exchange(lesson_queue_target_, -1));
    return;
  }
  const int step = lesson_queue_.front();
  lesson_queue_.pop_front();
  run_lesson_step(step, state_.lesson.lesson->steps[static_cast<std::size_t>(step)].code);
}

void Workbench::finish_lesson_step(const PythonWorker::Finished& finished) {
  LessonState& lesson = state_.lesson;
  const int step = finished.tag;
  lesson.running_step = -1;
  // A step of a lesson since closed or restarted has nothing to report.
  if (!lesson.lesson || step < 0 || step >= lesson.step_count() ||
      static_cast<int>(lesson.runs.size()) != lesson.step_count())
    return;
  const LessonStep& lesson_step = lesson.lesson->steps[static_cast<std::size_t>(step)];
  LessonStepRun run;
  run.raised = finished.result.raised;
  run.error_type = finished.result.error_type;
  run.problem = step_outcome_problem(lesson_step, run.raised, run.error_type);
  run.output = finished.result.stdout_text() + finished.result.stderr_text();
  if (lesson_step.bars) run.bars = read_lesson_bars(*lesson_step.bars, finished.result.stdout_text());
  lesson.runs[static_cast<std::size_t>(step)] = std::move(run);
  hold_changes_ = true;
  if (lesson_step.highlight) pending_range_ = PendingRange{step, finished.evaluated};
}

// The highlight directive's window: bytes [start, stop) of the name's buffer, once the
// snapshot after the step is in place.
void Workbench::show_lesson_range(int step, const std::vector<std::variant<std::int64_t, std::string>>& evaluated) {
  LessonState& lesson = state_.lesson;
  if (!lesson.lesson || step < 0 || step >= lesson.step_count() || !lesson.runs[static_cast<std::size_t>(step)]) return;
  const LessonHighlight& highlight = *lesson.lesson->steps[static_cast<std::size_t>(step)].highlight;
  std::string& note = lesson.runs[static_cast<std::size_t>(step)]->highlight_note;
  if (evaluated.size() != 2) return;
  for (const auto& value : evaluated)
    if (const auto* why = std::get_if<std::string>(&value)) {
      note = "nothing marked: " + *why;
      return;
    }
  const std::int64_t start = std::get<std::int64_t>(evaluated[0]), stop = std::get<std::int64_t>(evaluated[1]);
  int view = -1;
  for (std::size_t v = 0; v < state_.views.size(); ++v)
    if (state_.views[v].name == highlight.name && !state_.views[v].is_reinterpretation()) view = static_cast<int>(v);
  if (view < 0) {
    note = "nothing marked: '" + highlight.name + "' is not a name that exports a buffer";
    return;
  }
  const DisplayView& shown = state_.views[static_cast<std::size_t>(view)];
  const std::int64_t begin = std::max<std::int64_t>(start, 0), end = std::min(stop, shown.facts.len);
  if (begin >= end) {
    note = "nothing marked: [" + std::to_string(start) + ", " + std::to_string(stop) + ") is outside " +
           highlight.name + "'s " + std::to_string(shown.facts.len) + " bytes";
    return;
  }
  state_.lesson_range = LessonByteRange{shown.region, shown.facts.address + static_cast<std::uintptr_t>(begin),
                                      shown.facts.address + static_cast<std::uintptr_t>(end),
                                      highlight.name + "[" + std::to_string(start) + ":" + std::to_string(stop) + "]"};
}

void Workbench::take_worker_results() {
  worker_.poll();
  for (const OutputChunk& chunk : worker_.take_output())
    state_.append_transcript(chunk.stream == OutputChunk::Stream::Err ? TranscriptLine::Kind::Error
                                                                      : TranscriptLine::Kind::Output,
                             chunk.text);
  while (auto finished = worker_.take_finished()) {
    if (finished->result.error_type == "KeyboardInterrupt")
      state_.append_transcript(TranscriptLine::Kind::Info, "(interrupted; every name is still there)\n");
    if (finished->tag >= 0) finish_lesson_step(*finished);
    if (finished->result.error_type == "BufferError") refused_resize_ = true;
    if (!worker_.working()) {
      state_.cell_running = false;
      adopt_snapshot(std::exchange(hold_changes_, false));
      // The holders of exports on what the cell tried to resize are pointed out until the next cell.
      if (std::exchange(refused_resize_, false)) state_.note_refused_resize(cell_source_);
      if (pending_range_) {
        show_lesson_range(pending_range_->step, pending_range_->evaluated);
        pending_range_.reset();
      }
      run_next_queued_step();
    }
  }
}

void Workbench::apply(const Command& command) {
  std::visit(
      [&](const auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, SubmitConsoleInput>) {
          apply_submit(c.text);
        } else if constexpr (std::is_same_v<T, InterruptCell>) {
          worker_.interrupt();
        } else if constexpr (std::is_same_v<T, DiscardConsoleInput>) {
          if (state_.cell_running) return;
          echo_input(c.text, state_.continuation());
          state_.append_transcript(TranscriptLine::Kind::Error, "KeyboardInterrupt\n");
          state_.pending_block.clear();
        } else if constexpr (std::is_same_v<T, ClearTranscript>) {
          state_.transcript.clear();
        } else if constexpr (std::is_same_v<T, WriteElement>) {
          write_element(c);
        } else if constexpr (std::is_same_v<T, WriteByte>) {
          write_byte(c);
        } else if constexpr (std::is_same_v<T, AddReinterpretation>) {
          if (c.region < 0 || c.region >= static_cast<int>(state_.snapshot.regions.size())) return;
          state_.reinterpretations.push_back({state_.snapshot.regions[c.region].address, c.offset, c.format});
          state_.rebuild_views();
          state_.select_view(static_cast<int>(state_.views.size()) - 1);
        } else if constexpr (std::is_same_v<T, OpenLesson>) {
          open_lesson(c.path, true);
        } else if constexpr (std::is_same_v<T, GoToLessonStep>) {
          go_to_step(c.step);
        } else if constexpr (std::is_same_v<T, RunLessonStep>) {
          lesson_queue_.clear();
          lesson_queue_target_ = -1;
          run_lesson_step(c.step, c.code);
        } else if constexpr (std::is_same_v<T, RestartLesson>) {
          if (state_.lesson.lesson) restart_lesson("# restarted: a fresh namespace, back to step 1\n");
        } else if constexpr (std::is_same_v<T, AddTranscriptNote>) {
          state_.append_transcript(TranscriptLine::Kind::Info, c.text);
        } else if constexpr (std::is_same_v<T, ReportHover>) {
          state_.hover = c.source;
        } else if constexpr (std::is_same_v<T, SelectView>) {
          state_.select_view(c.view, c.element);
        } else if constexpr (std::is_same_v<T, PinHighlight>) {
          if (c.toggle) {
            state_.toggle_pin(c.source);
          } else {
            state_.pinned = c.source;
          }
        } else if constexpr (std::is_same_v<T, RemoveReinterpretation>) {
          if (c.view < 0 || c.view >= static_cast<int>(state_.views.size())) return;
          const int index = state_.views[c.view].reinterpretation;
          if (index < 0) return;
          state_.reinterpretations.erase(state_.reinterpretations.begin() + index);
          state_.rebuild_views();
        }
      },
      command);
}

// python3's prompt: each line joins the open input and the whole is compiled, as
// code.InteractiveConsole does; it runs once complete. A block ends at an empty line, while an
// empty line inside an open string or bracket only continues it. Comment-only input runs
// nothing. Pasted multi-line text runs as one cell, as in Jupyter, even when it
// ends inside a block.
void Workbench::apply_submit(const std::string& submitted) {
  if (state_.cell_running) return;
  const bool continuing = state_.continuation();
  // A paste that ends with a newline: the line after it is empty, not part of the code.
  std::string text = submitted;
  if (const std::size_t last = text.find_last_not_of(" \t\r\n"); !continuing && last != std::string::npos)
    if (const std::size_t newline = text.find('\n', last); newline != std::string::npos) text.erase(newline);
  echo_input(text, continuing);
  if (!is_blank(text) && (state_.history.empty() || state_.history.back() != text))
    state_.history.push_back(text);

  if (continuing) {
    state_.pending_block += "\n" + text;
    // python3's prompt ends a statement at an empty line outside strings and brackets even
    // when a block has no body yet (IndentationError); InteractiveConsole would wait.
    if (is_blank(text) && !ends_inside_string_or_brackets(state_.pending_block)) {
      start_cell(std::exchange(state_.pending_block, {}));
      return;
    }
  } else {
    if (is_blank(text)) return;
    state_.pending_block = text;
  }
  const InputState input = session_.input_state(state_.pending_block);
  const bool pasted = !continuing && text.find('\n') != std::string::npos;
  if (input == InputState::Incomplete &&
      !(pasted && session_.input_state(state_.pending_block + "\n\n") != InputState::Incomplete))
    return;
  std::string source = std::exchange(state_.pending_block, {});
  // python3 compiles comment-only input to 'pass': no cell to wait for.
  if (input == InputState::Complete && is_comment_only(source)) return;
  start_cell(source);
}

// Echo with prompts, as the interactive interpreter shows it.
void Workbench::echo_input(const std::string& text, bool continuing) {
  std::string echo;
  std::size_t start = 0;
  bool first = true;
  while (start <= text.size()) {
    const std::size_t newline = text.find('\n', start);
    const std::string line = text.substr(start, newline == std::string::npos ? std::string::npos : newline - start);
    echo += ((first && !continuing) ? ">>> " : "... ") + line + "\n";
    first = false;
    if (newline == std::string::npos) break;
    start = newline + 1;
  }
  state_.append_transcript(TranscriptLine::Kind::Input, echo);
}

void Workbench::start_cell(const std::string& source, CellExtras extras) {
  remember_bytes_before_cell();
  cell_source_ = source;
  state_.resize_refused_on.clear();
  worker_.run_cell(source, std::move(extras));
  state_.cell_running = true;
  state_.cell_started = state_.time;
  state_.memory = nullptr;
  state_.refusal.reset();
}

void Workbench::remember_bytes_before_cell() {
  before_cell_.clear();
  if (state_.cell_running) return;
  std::int64_t total = 0;
  for (const Region& region : state_.snapshot.regions) {
    std::int64_t first = 0, count = region.size;
    if (region.size > kWholeRegionCopyLimit) {
      first = memory_.first_visible_offset(state_, region.id);
      count = std::min<std::int64_t>(kVisibleCopyBytes, region.size - first);
    }
    if (count <= 0 || total + count > kBeforeCellTotalLimit) continue;
    BytesBefore before;
    before.address = region.address + static_cast<std::uintptr_t>(first);
    before.bytes.resize(static_cast<std::size_t>(count));
    const auto error = session_.read_region(region.id, [&](const std::uint8_t* base) {
      std::memcpy(before.bytes.data(), base + first, static_cast<std::size_t>(count));
    });
    if (error) continue;
    total += count;
    before_cell_.push_back(std::move(before));
  }
}

void Workbench::adopt_snapshot(bool hold_changes) {
  state_.snapshot = session_.snapshot();
  state_.rebuild_views();

  // Flash the bytes the cell changed, where it kept the same memory.
  for (const BytesBefore& before : before_cell_) {
    for (const Region& region : state_.snapshot.regions) {
      const std::uintptr_t lo = std::max(before.address, region.address);
      const std::uintptr_t hi = std::min(before.address + before.bytes.size(),
                                         region.address + static_cast<std::uintptr_t>(region.size));
      if (lo >= hi) continue;
      session_.read_region(region.id, [&](const std::uint8_t* base) {
        std::uintptr_t run = 0;
        bool in_run = false;
        for (std::uintptr_t a = lo; a < hi; ++a) {
          const bool changed = base[a - region.address] != before.bytes[a - before.address];
          if (changed && !in_run) {
            run = a;
            in_run = true;
          } else if (!changed && in_run) {
            state_.add_flash(run, a, hold_changes);
            in_run = false;
          }
        }
        if (in_run) state_.add_flash(run, hi, hold_changes);
      });
    }
  }
  before_cell_.clear();

  // Minimaps: keep those whose region is still there (refreshing their texels), drop the rest.
  std::map<std::uintptr_t, MinimapData> minimaps;
  for (const Region& region : state_.snapshot.regions) {
    MinimapData data;
    auto old = state_.minimaps.find(region.address);
    if (old != state_.minimaps.end() && old->second.size == region.size) {
      data = std::move(old->second);
    } else {
      data.reset(region.address, region.size);
    }
    const std::vector<std::uint8_t> previous = data.texels;
    const std::int64_t dirty_begin = data.dirty_begin, dirty_end = data.dirty_end;
    session_.read_region(region.id, [&](const std::uint8_t* base) { data.update(base, 0, region.size); });
    // Upload only the texels that really changed (plus whatever was pending).
    std::int64_t lo = static_cast<std::int64_t>(data.texels.size()), hi = 0;
    for (std::size_t i = 0; i < data.texels.size(); ++i) {
      if (data.texels[i] != previous[i]) {
        lo = std::min<std::int64_t>(lo, static_cast<std::int64_t>(i));
        hi = static_cast<std::int64_t>(i) + 1;
      }
    }
    data.dirty_begin = 0;
    data.dirty_end = 0;
    data.mark_dirty(dirty_begin, dirty_end);
    data.mark_dirty(lo, hi);
    minimaps.emplace(region.address, std::move(data));
  }
  state_.minimaps = std::move(minimaps);
}

void Workbench::refresh_minimap_bytes(int region, std::uintptr_t begin, std::uintptr_t end) {
  const Region& r = state_.snapshot.regions[region];
  auto it = state_.minimaps.find(r.address);
  if (it == state_.minimaps.end()) return;
  session_.read_region(region, [&](const std::uint8_t* base) {
    it->second.update(base, static_cast<std::int64_t>(begin - r.address), static_cast<std::int64_t>(end - r.address));
  });
}

void Workbench::after_write(int region, std::uintptr_t begin, std::uintptr_t end) {
  state_.add_flash(begin, end);
  refresh_minimap_bytes(region, begin, end);
  state_.refusal.reset();
}

// The object that can carry a write of [begin, end): a C-contiguous snapshot object of the
// region whose bytes [buf, buf + len) hold the range, writable ones first.
int Workbench::writable_carrier(int region, std::uintptr_t begin, std::uintptr_t end, bool* readonly_only) const {
  int fallback = -1;
  for (int o : state_.snapshot.regions[region].objects) {
    const BufferFacts& f = state_.snapshot.objects[o].facts;
    if (!f.c_contiguous) continue;
    if (begin < f.address || end > f.address + static_cast<std::uintptr_t>(f.len)) continue;
    if (!f.readonly) return o;
    if (fallback < 0) fallback = o;
  }
  if (readonly_only) *readonly_only = fallback >= 0;
  return fallback;
}

void Workbench::write_element(const WriteElement& command) {
  if (state_.cell_running || command.view < 0 || command.view >= static_cast<int>(state_.views.size())) return;
  const DisplayView& view = state_.views[command.view];
  std::vector<std::int64_t> index = command.index;
  const std::int64_t flat = flatten_index(view.facts, index);
  const HighlightSource where = HighlightSource::of_element(command.view, flat);
  auto refuse = [&](std::string message) { state_.refusal = ShownRefusal{std::move(message), where, state_.time}; };

  if (!view.is_reinterpretation()) {
    if (auto refusal = session_.write_element(view.object_index, index, command.literal))
      return refuse(refusal->message);
    const std::uintptr_t address = element_address(view, flat);
    after_write(view.region, address, address + static_cast<std::uintptr_t>(view.facts.itemsize));
    return;
  }

  // A reinterpretation is not a Python object: encode here, write through an object that
  // holds the bytes, all checks done before the first byte is written.
  if (!view.format) return refuse(view.format_error);
  if (auto error = normalize_index(view.facts, index)) return refuse(*error);
  auto encoded = encode_literal(*view.format, command.literal);
  if (auto* error = std::get_if<FormatError>(&encoded)) return refuse(error->message);
  const auto& bytes = std::get<std::vector<std::uint8_t>>(encoded);
  const std::uintptr_t address = element_address(view, flatten_index(view.facts, index));
  bool readonly_only = false;
  const int carrier = writable_carrier(view.region, address, address + bytes.size(), &readonly_only);
  if (carrier < 0) return refuse("no single object holds these bytes as contiguous memory");
  if (readonly_only) return refuse("cannot modify read-only memory");
  const std::uintptr_t buf = state_.snapshot.objects[carrier].facts.address;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (auto refusal = session_.write_byte(carrier, static_cast<std::int64_t>(address + i - buf), bytes[i]))
      return refuse(refusal->message);
  }
  after_write(view.region, address, address + bytes.size());
}

void Workbench::write_byte(const WriteByte& command) {
  if (state_.cell_running || command.region < 0 ||
      command.region >= static_cast<int>(state_.snapshot.regions.size()))
    return;
  const HighlightSource where = HighlightSource::of_byte(command.region, command.address);
  bool readonly_only = false;
  const int carrier = writable_carrier(command.region, command.address, command.address + 1, &readonly_only);
  if (carrier < 0) {
    state_.refusal = ShownRefusal{"no single object holds this byte as contiguous memory", where, state_.time};
    return;
  }
  // A read-only carrier goes to the session too: its refusal is the message shown.
  const std::uintptr_t buf = state_.snapshot.objects[carrier].facts.address;
  if (auto refusal = session_.write_byte(carrier, static_cast<std::int64_t>(command.address - buf), command.value)) {
    state_.refusal = ShownRefusal{refusal->message, where, state_.time};
    return;
  }
  after_write(command.region, command.address, command.address + 1);
}

bool Workbench::splitter(const char* id, bool vertical, const ImVec2& min, const ImVec2& max, float* fraction,
                         float per_pixel, float lower, float upper) {
  ImGui::SetCursorScreenPos(min);
  ImGui::InvisibleButton(id, ImVec2(std::max(1.0f, max.x - min.x), std::max(1.0f, max.y - min.y)));
  const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
  if (hovered || active) ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
  ImGui::GetWindowDrawList()->AddRectFilled(
      min, max, ImGui::GetColorU32(active ? ImGuiCol_SeparatorActive : hovered ? ImGuiCol_SeparatorHovered : ImGuiCol_Separator,
                                   active || hovered ? 1.0f : 0.35f));
  if (active) {
    const float delta = vertical ? ImGui::GetIO().MouseDelta.x : ImGui::GetIO().MouseDelta.y;
    *fraction = std::clamp(*fraction + delta * per_pixel, lower, upper);
  }
  return ImGui::IsItemDeactivated();
}

void Workbench::draw_menu_bar() {
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open lesson...", "Ctrl+O")) open_dialog_requested_ = true;
    if (ImGui::BeginMenu("Built-in lessons", !state_.lesson.catalog.empty())) {
      for (const LessonEntry& entry : state_.lesson.catalog)
        if (ImGui::MenuItem(entry.title.c_str())) commands_.push(OpenLesson{entry.path});
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Restart lesson", nullptr, false, state_.lesson.lesson.has_value())) commands_.push(RestartLesson{});
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    auto zoom = [&](int direction) {
      layout_.step_zoom(direction);
      layout_dirty_ = true;
    };
    if (ImGui::MenuItem("Larger text", "Ctrl+=")) zoom(1);
    if (ImGui::MenuItem("Smaller text", "Ctrl+-")) zoom(-1);
    if (ImGui::MenuItem("Default text size", "Ctrl+0")) zoom(0);
    ImGui::Separator();
    if (ImGui::MenuItem("Light theme (for projectors)", nullptr, layout_.light)) {
      set_theme(layout_.light ? Theme::Dark : Theme::Light);
      layout_dirty_ = true;
    }
    ImGui::EndMenu();
  }
  ImGui::TextDisabled("text %d%%", static_cast<int>(layout_.zoom * 100.0f + 0.5f));
  ImGui::EndMenuBar();
}

// File > Open...: a path typed in (lessons are files the teacher brought: .md or .ipynb).
void Workbench::draw_open_dialog() {
  if (std::exchange(open_dialog_requested_, false)) ImGui::OpenPopup("Open lesson");
  const ImVec2 centre(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.4f);
  ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Open lesson", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted("A lesson file: Markdown (.md) or a Jupyter notebook (.ipynb).");
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(std::min(ImGui::GetIO().DisplaySize.x * 0.6f, 640.0f * ui_scale_));
  const bool entered = ImGui::InputTextWithHint("##path", "path/to/lesson.md", &open_path_,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  if (!state_.lesson.load_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme_colours().failure);
    ImGui::PushTextWrapPos(std::min(ImGui::GetIO().DisplaySize.x * 0.6f, 640.0f * ui_scale_));
    ImGui::TextUnformatted(state_.lesson.load_error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  const bool open = ImGui::Button("Open") || entered;
  if (open && !open_path_.empty()) {
    // Loading a file is quick and needs no Python: done now, so the dialog can stay open with
    // the message when it fails.
    if (open_lesson(open_path_, true)) ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void Workbench::draw_layout(const ImVec2& size) {
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(size);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4, 4));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
  ImGui::Begin("##bufferlab", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_MenuBar);
  ImGui::PopStyleVar(3);
  draw_menu_bar();

  const float ui_scale = ui_scale_;
  PaneContext context{state_, commands_, minimap_, ui_scale, probe_};
  lesson_.set_heading_font(heading_font_);

  // The lesson over the console on the left; on the right memory | views over a bottom row of
  // sharing | Py_buffer. Five splitters, positions kept as fractions.
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = 6.0f;
  const float width = std::max(avail.x, 200.0f), height = std::max(avail.y, 200.0f);
  const float min_left = std::min(300.0f * ui_scale, width * 0.4f);
  const float left_w = std::clamp(layout_.left * width, min_left, std::max(min_left, width - 520.0f * ui_scale));
  const float right_w = width - left_w - gap;
  const float mid_w = std::clamp(layout_.middle * right_w, std::min(260.0f * ui_scale, right_w * 0.5f),
                                 std::max(right_w * 0.5f, right_w - 240.0f * ui_scale));
  const float bottom_h = std::clamp(layout_.bottom * height, std::min(140.0f * ui_scale, height * 0.3f),
                                    std::max(height * 0.3f, height - 300.0f * ui_scale));
  const float top_h = height - bottom_h - gap;
  const float lesson_h = std::clamp(layout_.lesson * height, std::min(200.0f * ui_scale, height * 0.4f),
                                    std::max(height * 0.4f, height - 150.0f * ui_scale));
  const float sharing_w = std::clamp(layout_.lower * right_w, std::min(240.0f * ui_scale, right_w * 0.4f),
                                     std::max(right_w * 0.4f, right_w - 260.0f * ui_scale));

  const float x0 = origin.x, y0 = origin.y;
  const float x1 = x0 + left_w + gap;       // right area
  const float x2 = x1 + mid_w + gap;        // views
  const float x3 = x1 + sharing_w + gap;    // Py_buffer
  const float y1 = y0 + top_h + gap;        // bottom row
  const float yc = y0 + lesson_h + gap;     // console
  const float right_edge = x0 + width, bottom_edge = y0 + height;

  lesson_.draw(context, ImVec2(x0, y0), ImVec2(left_w, lesson_h));
  console_.draw(context, ImVec2(x0, yc), ImVec2(left_w, bottom_edge - yc));
  memory_.draw(context, ImVec2(x1, y0), ImVec2(mid_w, top_h));
  elements_.draw(context, ImVec2(x2, y0), ImVec2(right_edge - x2, top_h));
  sharing_.draw(context, ImVec2(x1, y1), ImVec2(sharing_w, bottom_edge - y1));
  inspector_.draw(context, ImVec2(x3, y1), ImVec2(right_edge - x3, bottom_edge - y1));

  bool released = false;
  released |= splitter("##split_left", true, ImVec2(x0 + left_w, y0), ImVec2(x1, bottom_edge), &layout_.left, 1.0f / width, 0.12f, 0.6f);
  released |= splitter("##split_lesson", false, ImVec2(x0, y0 + lesson_h), ImVec2(x0 + left_w, yc), &layout_.lesson, 1.0f / height, 0.2f, 0.85f);
  released |= splitter("##split_middle", true, ImVec2(x1 + mid_w, y0), ImVec2(x2, y0 + top_h), &layout_.middle, 1.0f / right_w, 0.2f, 0.8f);
  released |= splitter("##split_bottom", false, ImVec2(x1, y0 + top_h), ImVec2(right_edge, y1), &layout_.bottom, -1.0f / height, 0.12f, 0.6f);
  released |= splitter("##split_lower", true, ImVec2(x1 + sharing_w, y1), ImVec2(x3, bottom_edge), &layout_.lower, 1.0f / right_w, 0.2f, 0.8f);
  if (released) layout_dirty_ = true;
  draw_open_dialog();
  ImGui::End();
}

}  // namespace bufferlab

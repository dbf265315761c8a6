// The window's coordinator: owns the app state, the panes and the classes that each do one job
// (Python worker, lesson controller, change tracker, window chrome). Each frame it takes
// finished cells and the commands the panes queued, hands each to the class that carries it out,
// then lets the chrome place the panes and draws them. Works the same with or without a real
// window.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/controller/app_state.h"
#include "app/controller/change_tracker.h"
#include "app/controller/commands.h"
#include "app/controller/lesson_controller.h"
#include "app/controller/python_worker.h"
#include "app/controller/session_notebook.h"
#include "app/panes/console_pane.h"
#include "app/panes/data_inspector_pane.h"
#include "app/panes/inspector_pane.h"
#include "app/panes/lesson_pane.h"
#include "app/panes/memory_pane.h"
#include "app/panes/sharing_pane.h"
#include "app/panes/views_pane.h"
#include "app/window/fonts.h"
#include "app/window/layout_settings.h"
#include "app/window/theme.h"
#include "app/window/window_chrome.h"
#include "core/edit/edit.h"

namespace bufferlab {

class Session;

class Workbench : private CellRunner {
 public:
  // `minimap` may be null (no GL). The session must outlive the workbench.
  Workbench(Session& session, MinimapBackend* minimap);
  // The window's start: Python is started by the worker (`starter` on its thread) while the
  // window draws. Until then the console says so, panes are empty and console input, scripts
  // and lesson steps wait in order; a failure to start is reported in the console and stderr.
  Workbench(PythonStarter starter, MinimapBackend* minimap);
  // Starts Python for the constructor above (after the window's first frame); a no-op after the
  // first call and for a workbench given a session.
  void begin_python() { worker_.begin(); }
  ~Workbench() override;
  Workbench(const Workbench&) = delete;
  Workbench& operator=(const Workbench&) = delete;

  void set_fonts(const UiFonts& fonts) {
    fonts_ = fonts;
    have_fonts_ = true;
    memory_pane_.set_cell_fonts(fonts_.cell_ladder);  // once: the sizes a small memory may take
  }
  // Tests and benchmarks: record what the panes draw each frame (null: nothing recorded).
  void set_probe(FrameProbe* probe) { probe_ = probe; }

  // Runs a file as `python3 FILE` would, on the worker, echoing a note in the transcript.
  void run_file(const std::string& path);
  // Same as typing `text` into the console and pressing Enter.
  void submit(const std::string& text);

  // Lessons. The picker lists `catalog`. open_lesson() shows a lesson at its first step; with
  // `fresh_namespace` it also forgets every name first (as the picker and File > Open do). On
  // failure the message goes to the lesson pane and stderr, the lesson on show stays, and it
  // returns false.
  void set_lesson_catalog(std::vector<LessonEntry> catalog) { state_.lesson.catalog = std::move(catalog); }
  bool open_lesson(const std::string& path, bool fresh_namespace);
  // Runs the code steps up to and including `step` (0-based), then shows it (--step K).
  void run_lesson_through(int step) { lessons_.run_through(step); }

  // Projector settings (saved with the layout).
  void set_theme(Theme theme) { chrome_.set_theme(theme); }

  // One frame, between ImGui::NewFrame() and ImGui::Render(): take results, apply commands,
  // draw every pane into a window covering the display.
  void frame(double now);

  // A cell is queued or running, or lesson steps or console input wait to run.
  bool busy() const { return worker_.working() || lessons_.has_queued_steps() || !typed_while_starting_.empty(); }
  // Something on screen is animating (flashes, a running clock) or will change by itself soon
  // (a job on the worker, the file chooser): keep drawing frames.
  bool animating() const;
  // When a running animation needs its next frame (the stride walk's next step), if one runs:
  // the window sleeps until then, and never wakes for a paused or stopped walk.
  std::optional<double> next_frame_at() const {
    if (walk_settle_frame_) return 0.0;  // one more frame after a step, for layouts that settle
    return state_.stride_walk.next_step_at();
  }
  // Called from the worker's thread when output or a result arrives (the window wakes its loop).
  void set_wake(std::function<void()> wake) { worker_.set_wake(std::move(wake)); }
  // Blocks until the worker is idle (tests and start-up); false on timeout.
  bool wait_idle(double seconds) { return worker_.wait_idle(seconds); }
  // Stops the worker; false when a cell would not stop (see PythonWorker::stop).
  bool stop_worker(double seconds) { return worker_.stop(seconds); }

  AppState& state() { return state_; }
  CommandQueue& commands() { return commands_; }
  LayoutSettings& layout() { return layout_; }
  // True once after the layout changed (the window saves the layout then).
  bool take_layout_changed() { return chrome_.take_layout_changed(); }
  // True once after the user asked to quit (File > Quit, Ctrl+Q).
  bool take_quit_request() { return chrome_.take_quit_request(); }
  // True once after F12 or File > Save screenshot.
  bool take_screenshot_request() { return chrome_.take_screenshot_request(); }
  // Presets, focus and splitters; where the last frame put the panes.
  WindowChrome& chrome() { return chrome_; }
  const PanePlacement& placement() const { return placement_; }
  MemoryPane& memory_pane() { return memory_pane_; }
  ViewsPane& views_pane() { return views_pane_; }
  ConsolePane& console() { return console_pane_; }
  LessonPane& lesson_pane() { return lesson_pane_; }
  DataInspectorPane& data_inspector_pane() { return data_inspector_pane_; }
  // The cells since the namespace was last reset, as File > Export notebook writes them.
  const SessionNotebook& notebook() const { return notebook_; }

 private:
  // CellRunner, for console input and lesson steps alike.
  void start_cell(const std::string& source, CellExtras extras) override;
  void restart_namespace(const std::vector<std::string>& keep) override;

  bool request_open_lesson(const std::string& path);
  bool typing() const;
  void take_worker_results();
  void python_started(const PythonWorker::Finished& start);
  void run_typed_while_starting();
  void apply(const Command& command);
  // The stride walk's commands (Start/Play/Step/Seek/ChooseWalkDimension/SetSpeed/Stop).
  void apply_stride_walk(const Command& command);
  // A click on an element of the walked view moves the walk to it.
  void walk_to_selection(const SelectView& select);
  void apply_submit(const std::string& text);
  NotebookCell notebook_cell(const std::string& source, int step_tag, int number) const;
  void export_notebook(const std::string& path);
  void ask_completion(const std::string& text_before_cursor);
  // `what` names the edit for the write history and the undo list; undo and redo pass
  // `undoable` false. Returns true when the bytes were written.
  bool apply_edit_request(const EditRequest& request, const HighlightSource& where, int region,
                          const std::string& what, bool undoable = true);
  void write_element(const WriteElement& command);
  void write_pixel(const WritePixel& command);
  void write_pixel_channels(const WritePixel& command);
  bool undo_or_redo_one(bool redo, bool quiet);  // false when nothing was written
  void write_inspector_value(const WriteInspectorValue& command);
  void undo_or_redo(bool redo);
  void adopt_snapshot(bool hold_changes);
  void draw_panes();
  Pane& pane(PaneId id);

  void greet();

  Session* session_;  // null until Python has started (and for good when it could not)
  Session* observed_session_ = nullptr;  // the session whose snapshots call changes_.prepare_minimaps
  MinimapBackend* minimap_;
  FrameProbe* probe_ = nullptr;
  PythonWorker worker_;
  AppState state_;
  CommandQueue commands_;
  LayoutSettings layout_;
  ChangeTracker changes_;
  SessionNotebook notebook_;
  LessonController lessons_;
  WindowChrome chrome_;
  PanePlacement placement_;
  UiFonts fonts_;
  bool have_fonts_ = false;

  ConsolePane console_pane_;
  MemoryPane memory_pane_;
  ViewsPane views_pane_;
  InspectorPane inspector_pane_;
  DataInspectorPane data_inspector_pane_;
  SharingPane sharing_pane_;
  LessonPane lesson_pane_;

  std::deque<std::string> typed_while_starting_;  // console input waiting for Python, in order
  std::optional<double> completion_asked_at_;  // state time of the completion on its way
  std::string cell_source_;      // the running cell's code (console input or a lesson step)
  bool refused_resize_ = false;  // the cell that just ended raised BufferError
  bool walk_settle_frame_ = false;
  std::uint64_t edit_group_ = 0;  // the group the edits recorded now belong to (a paint stroke)  // the walk stepped by itself in the last frame
  int cells_started_ = 0;        // numbers cells as the session's tracebacks do ("<cell 3>")
  std::shared_ptr<const std::string> cell_writer_;  // the running cell, as the write history names it
};

}  // namespace bufferlab

// The window's controller: owns the app state, the panes and the Python worker; each frame it
// takes finished cells and queued commands, carries them out through the session, then lays
// the panes out between splitters under a menu bar. Lessons run their steps through the same
// path as console input. Works the same with or without a real window.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/controller/app_state.h"
#include "app/controller/commands.h"
#include "app/window/fonts.h"
#include "app/window/layout_settings.h"
#include "app/controller/python_worker.h"
#include "app/window/theme.h"
#include "app/panes/console_pane.h"
#include "app/panes/views_pane.h"
#include "app/panes/inspector_pane.h"
#include "app/panes/lesson_pane.h"
#include "app/panes/memory_pane.h"
#include "app/panes/sharing_pane.h"

namespace bufferlab {

class Session;

class Workbench {
 public:
  // `minimap` may be null (no GL). The session must outlive the workbench.
  Workbench(Session& session, MinimapBackend* minimap);
  ~Workbench();
  Workbench(const Workbench&) = delete;
  Workbench& operator=(const Workbench&) = delete;

  void set_fonts(const UiFonts& fonts) { fonts_ = fonts; have_fonts_ = true; }
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
  void set_lesson_catalog(std::vector<LessonEntry> catalog);
  bool open_lesson(const std::string& path, bool fresh_namespace);
  // Runs the code steps up to and including `step` (0-based) one after another, as Run would,
  // and then shows `step` (--lesson FILE --step K).
  void run_lesson_through(int step);

  // Projector settings (saved with the layout).
  void set_theme(Theme theme);

  // One frame, between ImGui::NewFrame() and ImGui::Render(): take results, apply commands,
  // draw every pane into a window covering the display.
  void frame(double now);

  // A cell is queued or running, or lesson steps wait to run.
  bool busy() const { return worker_.working() || !lesson_queue_.empty(); }
  // Something on screen is animating (flashes, a running clock): keep drawing frames.
  bool animating() const;
  // Blocks until the worker is idle (tests and start-up); false on timeout.
  bool wait_idle(double seconds) { return worker_.wait_idle(seconds); }
  // Stops the worker; false when a cell would not stop (see PythonWorker::stop).
  bool stop_worker(double seconds) { return worker_.stop(seconds); }

  AppState& state() { return state_; }
  CommandQueue& commands() { return commands_; }
  LayoutSettings& layout() { return layout_; }
  // True once after a splitter drag ended (the window saves the layout then).
  bool take_layout_changed() { return std::exchange(layout_dirty_, false); }
  MemoryPane& memory_pane() { return memory_; }
  ViewsPane& views_pane() { return elements_; }
  ConsolePane& console() { return console_; }
  LessonPane& lesson_pane() { return lesson_; }

 private:
  void take_worker_results();
  void apply(const Command& command);
  void apply_submit(const std::string& text);
  void echo_input(const std::string& text, bool continuing);
  void write_element(const WriteElement& command);
  void write_byte(const WriteByte& command);
  void start_cell(const std::string& source, CellExtras extras = {});
  // After a cell: copy, rebuild views, flash changes (held for a lesson step), refresh minimaps.
  void adopt_snapshot(bool hold_changes = false);
  void go_to_step(int step);
  void run_lesson_step(int step, const std::string& code);
  void restart_lesson(const std::string& note);
  void finish_lesson_step(const PythonWorker::Finished& finished);
  void show_lesson_range(int step, const std::vector<std::variant<std::int64_t, std::string>>& evaluated);
  void run_next_queued_step();
  void handle_shortcuts();
  void draw_menu_bar();
  void draw_open_dialog();
  void remember_bytes_before_cell();
  void refresh_minimap_bytes(int region, std::uintptr_t begin, std::uintptr_t end);
  void after_write(int region, std::uintptr_t begin, std::uintptr_t end);
  int writable_carrier(int region, std::uintptr_t begin, std::uintptr_t end, bool* readonly_only) const;
  void draw_layout(const ImVec2& size);
  bool splitter(const char* id, bool vertical, const ImVec2& min, const ImVec2& max, float* fraction,
                float per_pixel, float lower, float upper);

  Session& session_;
  MinimapBackend* minimap_;
  FrameProbe* probe_ = nullptr;
  PythonWorker worker_;
  AppState state_;
  CommandQueue commands_;
  LayoutSettings layout_;
  UiFonts fonts_;
  bool have_fonts_ = false;
  bool layout_dirty_ = false;
  float ui_scale_ = 1.0f;
  ImFont* heading_font_ = nullptr;

  ConsolePane console_;
  MemoryPane memory_;
  ViewsPane elements_;
  InspectorPane inspector_;
  SharingPane sharing_;
  LessonPane lesson_;

  // Lesson steps waiting to run (run_lesson_through), and the step to show afterwards.
  std::deque<int> lesson_queue_;
  int lesson_queue_target_ = -1;
  // The finished lesson step whose highlight is shown once the new snapshot is adopted.
  struct PendingRange {
    int step = -1;
    std::vector<std::variant<std::int64_t, std::string>> evaluated;
  };
  std::optional<PendingRange> pending_range_;
  bool hold_changes_ = false;  // the cell that just ended was a lesson step
  std::string cell_source_;     // the running cell's code (console input or a lesson step)
  bool refused_resize_ = false;  // the cell that just ended raised BufferError

  // File > Open...: the dialog's path field.
  bool open_dialog_requested_ = false;
  std::string open_path_;

  // Bytes of each region before the running cell, to flash what it changed.
  struct BytesBefore {
    std::uintptr_t address = 0;  // absolute address of bytes[0]
    std::vector<std::uint8_t> bytes;
  };
  std::vector<BytesBefore> before_cell_;
};

}  // namespace bufferlab

// The window's controller: owns the app state, the panes and the Python worker; each frame it
// takes finished cells and queued commands, carries them out through the session, then lays
// the panes out between splitters. Works the same with or without a real window.
#pragma once

#include <memory>
#include <utility>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/app_state.h"
#include "app/commands.h"
#include "app/fonts.h"
#include "app/layout_settings.h"
#include "app/python_worker.h"
#include "app/views/console_view.h"
#include "app/views/element_views.h"
#include "app/views/inspector_view.h"
#include "app/views/memory_view.h"
#include "app/views/sharing_view.h"

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

  // Runs a file as `python3 FILE` would, on the worker, echoing a note in the transcript.
  void run_file(const std::string& path);
  // Same as typing `text` into the console and pressing Enter.
  void submit(const std::string& text);

  // One frame, between ImGui::NewFrame() and ImGui::Render(): take results, apply commands,
  // draw every pane into a window covering the display.
  void frame(double now);

  // A cell is queued or running.
  bool busy() const { return worker_.working(); }
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
  MemoryView& memory_view() { return memory_; }
  ElementViewsPane& element_views() { return elements_; }
  ConsoleView& console() { return console_; }

 private:
  void take_worker_results();
  void apply(const Command& command);
  void apply_submit(const std::string& text);
  void write_element(const WriteElement& command);
  void write_byte(const WriteByte& command);
  void start_cell(const std::string& source);
  void adopt_snapshot();  // after a cell: copy, rebuild views, flash changes, refresh minimaps
  void remember_bytes_before_cell();
  void refresh_minimap_bytes(int region, std::uintptr_t begin, std::uintptr_t end);
  void after_write(int region, std::uintptr_t begin, std::uintptr_t end);
  int writable_carrier(int region, std::uintptr_t begin, std::uintptr_t end, bool* readonly_only) const;
  void draw_layout(const ImVec2& size);
  bool splitter(const char* id, bool vertical, const ImVec2& min, const ImVec2& max, float* fraction,
                float per_pixel, float lower, float upper);

  Session& session_;
  MinimapBackend* minimap_;
  PythonWorker worker_;
  AppState state_;
  CommandQueue commands_;
  LayoutSettings layout_;
  UiFonts fonts_;
  bool have_fonts_ = false;
  bool layout_dirty_ = false;

  ConsoleView console_;
  MemoryView memory_;
  ElementViewsPane elements_;
  InspectorView inspector_;
  SharingView sharing_;

  // Bytes of each region before the running cell, to flash what it changed.
  struct BytesBefore {
    std::uintptr_t address = 0;  // absolute address of bytes[0]
    std::vector<std::uint8_t> bytes;
  };
  std::vector<BytesBefore> before_cell_;
};

}  // namespace bufferlab

// The window around the panes: the menu bar, the Open lesson dialog, the window-wide shortcuts
// and the five splitters that place the six panes (positions kept as fractions in the layout
// settings). It asks for changes to the app state with commands, as the panes do.
#pragma once

#include <imgui.h>

#include <functional>
#include <string>

#include "app/controller/app_state.h"
#include "app/controller/commands.h"
#include "app/window/layout_settings.h"
#include "app/window/theme.h"

namespace bufferlab {

// Where each pane goes this frame: position and size.
struct PaneRects {
  struct Rect {
    ImVec2 pos, size;
  };
  Rect lesson, console, memory, views, sharing, inspector;
  // The splitters' geometry, kept for drawing them after the panes.
  float x0 = 0, y0 = 0, x1 = 0, x2 = 0, x3 = 0, y1 = 0, yc = 0, right_edge = 0, bottom_edge = 0;
  float width = 0, height = 0, left_w = 0, right_w = 0, mid_w = 0, top_h = 0, lesson_h = 0, sharing_w = 0;
};

class WindowChrome {
 public:
  // `open_lesson` opens a file at once (the dialog stays open with the message on failure).
  WindowChrome(LayoutSettings& layout, std::function<bool(const std::string&)> open_lesson)
      : layout_(layout), open_lesson_(std::move(open_lesson)) {}

  // Window-wide keys: Ctrl+C interrupts a running cell, Ctrl+L clears the transcript, Escape
  // unpins, Ctrl+O opens a lesson, Ctrl+= / Ctrl+- / Ctrl+0 zoom.
  void handle_shortcuts(const AppState& state, CommandQueue& commands);
  void draw_menu_bar(const AppState& state, CommandQueue& commands);
  void draw_open_dialog(const AppState& state, float ui_scale);
  // Splits the area left under the menu bar between the panes.
  PaneRects place_panes(float ui_scale) const;
  // The splitters, drawn after the panes; a drag moves the layout's fractions.
  void draw_splitters(const PaneRects& rects);

  void set_theme(Theme theme);
  // True once after the layout changed (the window saves it then).
  bool take_layout_changed() { return std::exchange(layout_changed_, false); }

 private:
  LayoutSettings& layout_;
  std::function<bool(const std::string&)> open_lesson_;
  bool layout_changed_ = false;
  bool open_dialog_requested_ = false;
  std::string open_path_;
};

}  // namespace bufferlab

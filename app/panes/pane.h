// Base of every pane: the base draws the frame (a child window with a title bar line) and
// guards it, the subclass draws the content from the app state and queues commands.
#pragma once

#include <imgui.h>

#include "app/controller/app_state.h"
#include "app/controller/commands.h"
#include "app/panes/frame_probe.h"
#include "app/widgets/colours.h"
#include "app/widgets/tooltip.h"

namespace bufferlab {

class MinimapBackend;

// What a pane may use while drawing: the model to read, the queue to ask for changes.
struct PaneContext {
  const AppState& state;
  CommandQueue& commands;
  MinimapBackend* minimap = nullptr;  // null without GL (headless tests, benchmarks)
  float ui_scale = 1.0f;              // 1 at 1280x800; larger on big screens
  FrameProbe* probe = nullptr;        // set only by tests and benchmarks
  // A text field has the keyboard with text of its own (the console's empty input does not
  // count): keys that act on a pane are its, not the pane's.
  bool typing = false;

  void note(const char* pane, const std::string& name, const std::string& text) const {
    if (probe) probe->notes.push_back({pane, name, text});
  }
  // A virtualised pane built this item (tests check which, and that they are few).
  void built_item(const char* pane, int index, const std::string& name) const {
    if (probe) probe->list_items.push_back({pane, index, name});
  }
};

// What the user did to a pane's frame this frame, for the window's focus keys.
struct PaneFrameInput {
  bool hovered = false;               // the pointer is over the pane (no pop-up in between)
  bool keyboard = false;              // the pane, or a child of it, has the keyboard
  bool title_double_clicked = false;  // on the title line, off its buttons
};

class Pane {
 public:
  virtual ~Pane() = default;
  virtual const char* title() const = 0;

  // Draws the pane into the rectangle [pos, pos + size) of the current window. No exception
  // escapes: a failure is shown inside the pane and the Begin/End pairs stay balanced.
  PaneFrameInput draw(PaneContext& context, const ImVec2& pos, const ImVec2& size);

 protected:
  virtual void draw_toolbar(PaneContext&) {}
  virtual void draw_content(PaneContext& context) = 0;
};

// Small helpers the panes share.
void help_marker(const char* text);
// Call instead of SameLine() before an item `width` wide: it stays on this line when it fits in
// the window and starts the next line otherwise, so toolbars wrap instead of overlapping.
void same_line_or_wrap(float width);
// The width of a button (or small button) with this label.
float button_width(const char* label);
// After a refused resize, on the cards and diagram boxes of the names holding the exports.
inline constexpr const char* kBlocksResizingBadge = "holds an export: blocks resizing";
// A coloured label in a rounded box: drawn at `at` (returns its size), or as the next item.
ImVec2 badge_size(const char* text);
ImVec2 draw_badge(ImDrawList* draw, ImVec2 at, const char* text);
void badge(const char* text);
// A refused edit's message in a red box just under the cell at `at`, kept inside the current
// window (wrapped to its width), over the rows below it but under tooltips.
void draw_refusal_note(const std::string& message, ImVec2 at);
// The same message as an item in the layout (it pushes what follows down, so it covers nothing
// and tooltips stay above it), wrapped to the window, its box starting at `x` where it fits and
// a notch pointing up at `point_x` (the cell it is about).
void refusal_note(const std::string& message, float x, float point_x);

}  // namespace bufferlab

// Base of every pane: the base draws the frame (a child window with a title bar line) and
// guards it, the subclass draws the content from the app state and queues commands.
#pragma once

#include <imgui.h>

#include "app/controller/app_state.h"
#include "app/controller/commands.h"
#include "app/panes/frame_probe.h"
#include "app/widgets/colours.h"

namespace bufferlab {

class MinimapBackend;

// What a pane may use while drawing: the model to read, the queue to ask for changes.
struct PaneContext {
  const AppState& state;
  CommandQueue& commands;
  MinimapBackend* minimap = nullptr;  // null without GL (headless tests, benchmarks)
  float ui_scale = 1.0f;              // 1 at 1280x800; larger on big screens
  FrameProbe* probe = nullptr;        // set only by tests and benchmarks

  void note(const char* pane, const std::string& name, const std::string& text) const {
    if (probe) probe->notes.push_back({pane, name, text});
  }
};

class Pane {
 public:
  virtual ~Pane() = default;
  virtual const char* title() const = 0;

  // Draws the pane into the rectangle [pos, pos + size) of the current window. No exception
  // escapes: a failure is shown inside the pane and the Begin/End pairs stay balanced.
  void draw(PaneContext& context, const ImVec2& pos, const ImVec2& size);

 protected:
  virtual void draw_toolbar(PaneContext&) {}
  virtual void draw_content(PaneContext& context) = 0;
};

// Small helpers the panes share.
void help_marker(const char* text);
// After a refused resize, on the cards and diagram boxes of the names holding the exports.
inline constexpr const char* kBlocksResizingBadge = "holds an export: blocks resizing";
// A coloured label in a rounded box: drawn at `at` (returns its size), or as the next item.
ImVec2 badge_size(const char* text);
ImVec2 draw_badge(ImDrawList* draw, ImVec2 at, const char* text);
void badge(const char* text);
// A refused edit's message in a red box just under the cell at `at`, kept inside the current
// window (wrapped to its width) and drawn above everything else.
void draw_refusal_note(const std::string& message, ImVec2 at);

}  // namespace bufferlab

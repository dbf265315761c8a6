// What the panes drew in one frame, recorded only when a test (or a benchmark) installs a probe:
// cells with their text and marks, pane rectangles, buttons and notes. Panes never read it.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

#include "app/widgets/ui_record.h"

namespace bufferlab {

// A note a pane drew about a name (export holds, the blocking badge).
struct DrawnNote {
  std::string pane;
  std::string name;
  std::string text;
};

struct DrawnByteCell {
  int region = -1;
  std::uintptr_t address = 0;
  std::string text;
  bool source_highlight = false;
  bool element_highlight = false;
  bool lesson_range = false;  // inside the lesson step's highlighted byte range
  ImVec2 min, max;
};

struct DrawnElementCell {
  int view = -1;
  std::int64_t flat = -1;
  std::string text;
  bool highlighted = false;
  ImVec2 min, max;
};

struct DrawnPane {
  std::string title;
  ImVec2 min, max;
};

// A button as drawn (the lesson pane's Run, Next, Previous, Restart).
struct DrawnButton {
  std::string label;
  ImVec2 min, max;
};

// An item a virtualised pane built this frame (a card, a region, a diagram row, a list entry),
// on screen or just past its edge: tests check which ones and how many.
struct DrawnListItem {
  std::string pane;
  int index = -1;  // the view (Views, Sharing rows, Py_buffer list) or region (Memory, Sharing)
  std::string name;
};

struct FrameProbe {
  std::vector<DrawnByteCell> bytes;
  std::vector<DrawnListItem> list_items;
  std::vector<DrawnElementCell> elements;
  std::vector<DrawnPane> panes;
  std::vector<DrawnButton> buttons;
  std::vector<DrawnNote> notes;
  UiRecord ui;  // interactive items and grids, as --dump-ui writes them

  void clear() {
    bytes.clear();
    list_items.clear();
    elements.clear();
    panes.clear();
    buttons.clear();
    notes.clear();
    ui.clear();
  }
};

}  // namespace bufferlab

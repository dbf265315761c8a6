// What a frame showed, for --dump-ui and the tests: every interactive item with its rectangle
// and whether its label was cut, and which bytes of each grid were on screen. Recording is off
// (a null record) unless whoever draws the frame installs one; widgets and panes report to it
// right after drawing an item, and read nothing back.
#pragma once

#include <imgui.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bufferlab {

struct RecordedItem {
  std::string label;   // as shown: the text before any "##", with its "..." when elided
  ImVec2 min, max;     // the item's rectangle, cut to what is visible of it
  bool clipped = false;  // the label did not fit: elided with "...", or cut by an edge it cannot scroll past
};

struct RecordedGrid {
  int region = -1;
  std::int64_t size = 0;
  std::int64_t bytes_per_row = 0;
  // Half-open ranges of offsets whose cells are wholly on screen, in order and merged.
  std::vector<std::array<std::int64_t, 2>> visible;
};

struct UiRecord {
  std::vector<RecordedItem> items;
  std::vector<RecordedGrid> grids;
  void clear() {
    items.clear();
    grids.clear();
  }
};

// The record this frame writes to, or null. Installed around a frame by its owner.
UiRecord* ui_record();
void set_ui_record(UiRecord* record);

// Call right after an interactive ImGui item (button, radio button, field, tab, menu entry,
// selectable). Items not visible at all are skipped; `label_elided` says the caller shortened
// the label to fit.
void record_item(std::string_view label, bool label_elided = false);
void record_grid(RecordedGrid grid);

// `text` shortened with "..." so that it is at most `width` wide in the current font (whole
// when it fits).
std::string elide_to_width(std::string_view text, float width);
// Draws `text` as one line at most `width` wide, elided with "..." when it does not fit, with
// the whole text in a tooltip on hover. Returns true when it was elided.
bool text_elided(std::string_view text, float width);

}  // namespace bufferlab

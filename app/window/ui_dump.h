// --dump-ui: what one frame showed, as JSON, for tests and for checking a layout on a projector
// without looking: the panes' rectangles, every interactive item with whether its label was
// cut, the pairs of items that overlap, and which bytes of each grid were wholly on screen.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "app/panes/frame_probe.h"
#include "core/snapshot.h"

namespace bufferlab {

struct UiDumpFrame {
  int width = 0, height = 0;  // the window, in pixels
  int zoom_percent = 100;
  bool light = false;
  const FrameProbe* probe = nullptr;
  const Snapshot* snapshot = nullptr;  // its regions are listed, drawn or not
};

// Indices of the pairs of items whose rectangles share some area (touching edges do not count).
std::vector<std::pair<std::size_t, std::size_t>> overlapping_items(const std::vector<RecordedItem>& items);

// The frame as JSON text.
std::string ui_dump_json(const UiDumpFrame& frame);
// Writes it to `path`; the error message, or empty.
std::string write_ui_dump(const std::string& path, const UiDumpFrame& frame);

}  // namespace bufferlab

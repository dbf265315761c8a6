// Splitter positions, kept as fractions so the layout follows window resizes, and the
// projector settings (font zoom, light or dark theme), saved in a small ini file in the user's
// config directory between runs.
#pragma once

#include <string>

namespace bufferlab {

struct LayoutSettings {
  float left = 0.36f;    // lesson/console column, fraction of the width
  float lesson = 0.6f;   // lesson pane, fraction of the left column's height
  float middle = 0.52f;  // memory, fraction of the width right of the left column
  float bottom = 0.30f;  // bottom row (sharing, Py_buffer), fraction of the height
  float lower = 0.45f;   // sharing, fraction of the bottom row's width
  float zoom = 1.0f;     // font size relative to the default for the window's height
  bool light = false;    // the light theme, for projecting on white walls

  static constexpr float kMinZoom = 0.7f;
  static constexpr float kMaxZoom = 2.2f;

  // $XDG_CONFIG_HOME/bufferlab/layout.ini, else ~/.config/bufferlab/layout.ini; empty when
  // neither can be found.
  static std::string default_path();

  // Missing or malformed files leave the defaults; values are clamped to sane ranges.
  bool load(const std::string& path);
  bool save(const std::string& path) const;
  void clamp();
  // One zoom step up (+1) or down (-1), or back to 1 (0).
  void step_zoom(int direction);
  bool operator==(const LayoutSettings&) const = default;
};

}  // namespace bufferlab

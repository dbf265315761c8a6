// Splitter positions, kept as fractions so the layout follows window resizes, and saved in a
// small ini file in the user's config directory between runs.
#pragma once

#include <string>

namespace bufferlab {

struct LayoutSettings {
  float left = 0.27f;    // console/sharing column, fraction of the width
  float middle = 0.52f;  // memory, fraction of the width right of the left column
  float bottom = 0.30f;  // bottom row (sharing, Py_buffer), fraction of the height

  // $XDG_CONFIG_HOME/bufferlab/layout.ini, else ~/.config/bufferlab/layout.ini; empty when
  // neither can be found.
  static std::string default_path();

  // Missing or malformed files leave the defaults; values are clamped to sane ranges.
  bool load(const std::string& path);
  bool save(const std::string& path) const;
  void clamp();
  bool operator==(const LayoutSettings&) const = default;
};

}  // namespace bufferlab

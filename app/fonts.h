// The monospace fonts the window uses: DejaVu Sans Mono from the system, in a regular size for
// laptops and a larger one for projectors, with ImGui's built-in font as the fallback.
#pragma once

#include <imgui.h>

namespace bufferlab {

struct UiFonts {
  ImFont* regular = nullptr;  // ~15 px
  ImFont* large = nullptr;    // ~19 px, for 1080 lines and up
  float regular_size = 13.0f;
  float large_size = 13.0f;
};

// Adds the fonts to the current context's atlas (call before the atlas is built).
UiFonts load_fonts();

// The font for a window of this height, and the scale of fixed sizes that goes with it.
ImFont* font_for_height(const UiFonts& fonts, float height, float* ui_scale);

}  // namespace bufferlab

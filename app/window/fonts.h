// The monospace fonts the window uses: DejaVu Sans Mono from the system, baked at a ladder of
// sizes so the window picks a crisp one for its height and the user's zoom, with ImGui's
// built-in font as the fallback.
#pragma once

#include <imgui.h>

#include <vector>

namespace bufferlab {

struct UiFonts {
  ImFont* regular = nullptr;  // ~15 px
  ImFont* large = nullptr;    // ~19 px, for 1080 lines and up
  float regular_size = 13.0f;
  float large_size = 13.0f;
  // Every baked size, ascending (regular and large among them).
  std::vector<ImFont*> ladder;
  std::vector<float> ladder_sizes;
  // The ladder and larger sizes baked with ASCII only, for the byte cells of a small memory.
  std::vector<ImFont*> cell_ladder;
};

// Adds the fonts to the current context's atlas (call before the atlas is built).
UiFonts load_fonts();

// The font for a window of this height at a zoom factor (1 = the default for the height),
// and the scale of fixed sizes that goes with it.
ImFont* font_for_height(const UiFonts& fonts, float height, float* ui_scale, float zoom = 1.0f);

// The next larger baked font than `font` (for headings), or `font` itself.
ImFont* larger_font(const UiFonts& fonts, ImFont* font);

}  // namespace bufferlab

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

// Adds the fonts to the current context's atlas (call before the atlas is built): every size
// of the ladder (tests and benchmarks; the window bakes only what it uses, WindowFonts).
UiFonts load_fonts();

// The ladder size for the text of a window of this height at a zoom factor (as
// font_for_height picks it from a full ladder).
float text_size_for(float height, float zoom);

// Adds what a window whose text is `text_size` draws with: that size and the heading size
// above it with every glyph lessons use, and ASCII-only sizes for the byte cells of a small
// memory (ByteGrid grows or shrinks them within 0.6 to 3 times the text size). The font file is
// read once into `file` and shared by every size: keep it until the atlas is built.
UiFonts load_fonts_for(float text_size, std::vector<unsigned char>& file);

// The window's fonts, baked for its current text size and baked again (between frames) when
// the zoom or the window's height changes it.
class WindowFonts {
 public:
  // Rebuilds the current context's atlas when the text size for `height` and `zoom` is not the
  // one baked; true when it did (the caller uploads the texture again and hands the fonts over).
  bool update(float height, float zoom);
  const UiFonts& fonts() const { return fonts_; }
  float text_size() const { return text_size_; }
  // Once the atlas is built and its texture uploaded: the font file and the atlas's inputs go
  // (a few MB an idle window would hold for nothing); the next update() reads the file again.
  void release_input();

 private:
  UiFonts fonts_;
  std::vector<unsigned char> font_file_;
  float text_size_ = 0.0f;  // 0: nothing baked yet
};

// The font for a window of this height at a zoom factor (1 = the default for the height),
// and the scale of fixed sizes that goes with it.
ImFont* font_for_height(const UiFonts& fonts, float height, float* ui_scale, float zoom = 1.0f);

// The next larger baked font than `font` (for headings), or `font` itself.
ImFont* larger_font(const UiFonts& fonts, ImFont* font);

}  // namespace bufferlab

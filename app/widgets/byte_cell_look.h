// How one byte cell looks: the style a source gives it (tints, flash, highlights), the grid's
// colours, and the background bands and text composed from them so that the text reads at
// WCAG AA on every band. Pure functions of colours: the tests measure them directly.
#pragma once

#include <imgui.h>

#include <array>
#include <cstdint>

namespace bufferlab {

// How one byte is drawn besides its value. Zero means plain.
struct ByteCellStyle {
  std::uint32_t tints = 0;         // bit k: tint colour k covers this byte (first 4 drawn as bands)
  float flash = 0.0f;              // 0..1: how strongly it flashes as just changed
  bool element_highlight = false;  // inside a highlighted element
  bool source_highlight = false;   // the hovered or pinned byte itself (outlined)
  bool marked = false;             // inside the marked range (framed per row)
  bool selected = false;           // inside the selected byte range (filled, framed per row)
  ImU32 boundary = 0;              // an element starts here: a line in this colour
  // Shown in significance order, not memory order (the grid moves cells, not bytes): the
  // cell is in such an element, and whether it is that element's first or last cell on screen.
  bool reordered = false;
  bool reordered_first = false, reordered_last = false;
};

// The grid's colours (the caller's theme). Zero for background, text or dim_text means the
// current ImGui style's (WindowBg, Text, TextDisabled).
struct ByteGridColours {
  ImU32 greyed_text = IM_COL32(128, 128, 128, 255);  // bytes not readable just now
  ImU32 flash = IM_COL32(255, 200, 0, 160);
  ImU32 marked = IM_COL32(255, 200, 0, 255);
  ImU32 highlight_fill = IM_COL32(255, 255, 255, 40);
  ImU32 source_fill = IM_COL32(255, 255, 255, 80);
  ImU32 source_outline = IM_COL32(255, 255, 0, 255);
  ImU32 selection_fill = IM_COL32(66, 150, 250, 90);  // selected bytes; framed in it opaque
  ImVec4 edit_field = ImVec4(0.2f, 0.2f, 0.3f, 1.0f);
  float tint_alpha = 0.3f;
  ImU32 background = 0;  // what the grid is drawn on (it fills its rectangle with it)
  ImU32 text = 0;
  ImU32 dim_text = 0;    // zero bytes, offsets and ASCII, where it still reads
};

// How strongly the marked range fills its cells.
inline constexpr float kMarkedFillAlpha = 0.28f;

// The colour with full alpha.
inline ImU32 opaque(ImU32 colour) { return colour | IM_COL32_A_MASK; }

// Why a cell's text is drawn as it is.
enum class ByteTextKind { Normal, Zero, Greyed };

// One cell's colours as drawn: its background bands top to bottom (one when it has no tints,
// up to four for the views covering it) and its text, which reads on every band.
struct ByteCellLook {
  std::array<ImU32, 4> bands{};
  int band_count = 1;
  ImU32 text = 0;
};

// Composes a cell from the resolved colours (background, text and dim_text set): tints over the
// background, then flash, element highlight, pinned byte and marked range. The text is the
// normal one, or its opposite where that reads better (readable_text); a band still under
// kMinimumTextContrast is moved towards the far end from the text until it reads; zero and
// greyed bytes are dimmed only as far as they still read. `tints` holds `tint_count` (<= 4)
// colours, one per band.
ByteCellLook compose_byte_cell(const ByteGridColours& colours, const ByteCellStyle& style, const ImU32* tints,
                               int tint_count, ByteTextKind kind);
// The dimmest mix of `text` towards `dim` that still reads on `background`.
ImU32 readable_dim(ImU32 background, ImU32 text, ImU32 dim);

}  // namespace bufferlab

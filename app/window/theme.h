// The window's two looks: dark for screens, light for classrooms that project on white walls.
// ImGui's style plus the colours the panes draw themselves, chosen to keep their contrast in both.
#pragma once

#include <imgui.h>

#include "app/controller/colour.h"
#include "app/widgets/minimap_backend.h"

namespace bufferlab {

enum class Theme { Dark, Light };

struct ThemeColours {
  // Console transcript.
  ImVec4 input, output, error, info;
  // Pane titles, states and notes.
  ImVec4 title, running, readonly, writable, arithmetic, failure, good, question;
  ImVec4 legend_text, legend_selected;
  ImVec4 edit_field, invalid_field, stop_button;
  // Drawn with the draw list (byte grid, element tables, sharing bars) and the minimap shader.
  ImU32 flash;            // bytes a cell or edit changed, fading (alpha scaled by strength)
  ImU32 lesson_range;    // the byte window a lesson step marks (highlight directive)
  ImU32 highlight_fill;   // bytes of highlighted elements
  ImU32 source_fill;      // the hovered or pinned byte itself
  ImU32 source_outline;
  ImU32 greyed_text;      // memory not readable while a cell runs
  ImU32 bar_background, bar_frame;
  MinimapPalette minimap;  // the shader's colours (and the fallback's background)
  ImU32 refusal_background, refusal_text;
  ImU32 export_link;                        // who holds an export on whom
  ImU32 badge_background, badge_text;       // "holds an export: blocks resizing"
  // Lesson narration, and the bars of measured times (the fastest in its own colour).
  ImU32 code_text, code_background, rule, table_header;
  ImU32 chart_bar, chart_bar_fastest;
  float tint_alpha;       // how strongly a view's colour tints its bytes
  // The names' colours (the model picks a slot per name, the theme its colour): text in them
  // keeps 4.5:1 on the panes, the cards and a selected row.
  NameColours names;
};

// Sets ImGui's style colours and the panes' colours.
void apply_theme(Theme theme);
Theme current_theme();
const ThemeColours& theme_colours();

}  // namespace bufferlab

// The dark and light looks: ImGui's built-in styles adjusted, and the panes' own colours.
#include "app/window/theme.h"

namespace bufferlab {

namespace {

ThemeColours dark_colours() {
  ThemeColours c;
  c.input = ImVec4(0.55f, 0.78f, 1.0f, 1.0f);
  c.output = ImVec4(0.92f, 0.92f, 0.92f, 1.0f);
  c.error = ImVec4(1.0f, 0.48f, 0.42f, 1.0f);
  c.info = ImVec4(0.6f, 0.6f, 0.6f, 1.0f);
  c.title = ImVec4(0.75f, 0.8f, 0.95f, 1.0f);
  c.running = ImVec4(1.0f, 0.8f, 0.3f, 1.0f);
  c.readonly = ImVec4(1.0f, 0.6f, 0.4f, 1.0f);
  c.writable = ImVec4(0.5f, 0.85f, 0.5f, 1.0f);
  c.arithmetic = ImVec4(0.95f, 0.85f, 0.45f, 1.0f);
  c.failure = ImVec4(1.0f, 0.4f, 0.4f, 1.0f);
  c.good = ImVec4(0.5f, 0.88f, 0.5f, 1.0f);
  c.question = ImVec4(1.0f, 0.85f, 0.45f, 1.0f);
  c.legend_text = ImVec4(0.8f, 0.8f, 0.8f, 1.0f);
  c.legend_selected = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
  c.edit_field = ImVec4(0.15f, 0.3f, 0.6f, 1.0f);
  c.invalid_field = ImVec4(0.5f, 0.15f, 0.15f, 1.0f);
  c.stop_button = ImVec4(0.6f, 0.15f, 0.15f, 1.0f);
  c.flash = IM_COL32(255, 220, 60, 200);
  c.lesson_range = IM_COL32(255, 235, 90, 255);
  c.highlight_fill = IM_COL32(255, 255, 255, 50);
  c.source_fill = IM_COL32(255, 255, 255, 90);
  c.source_outline = IM_COL32(255, 255, 255, 230);
  c.greyed_text = IM_COL32(150, 150, 150, 255);
  c.bar_background = IM_COL32(38, 40, 48, 255);
  c.bar_frame = IM_COL32(200, 200, 210, 255);
  c.minimap = {IM_COL32(31, 31, 38, 255),   IM_COL32(26, 26, 33, 255),   IM_COL32(38, 56, 115, 255),
               IM_COL32(64, 89, 191, 255),  IM_COL32(51, 115, 64, 255),  IM_COL32(115, 230, 128, 255),
               IM_COL32(191, 128, 38, 255), IM_COL32(242, 77, 51, 255)};
  c.refusal_background = IM_COL32(120, 20, 20, 240);
  c.refusal_text = IM_COL32(255, 230, 230, 255);
  c.export_link = IM_COL32(240, 190, 90, 255);
  c.badge_background = IM_COL32(205, 60, 45, 255);
  c.badge_text = IM_COL32(255, 255, 255, 255);
  c.code_text = IM_COL32(230, 215, 170, 255);
  c.code_background = IM_COL32(45, 48, 58, 255);
  c.rule = IM_COL32(90, 95, 110, 255);
  c.table_header = IM_COL32(45, 50, 64, 255);
  c.chart_bar = IM_COL32(236, 140, 70, 255);
  c.chart_bar_fastest = IM_COL32(90, 200, 110, 255);
  c.tint_alpha = 0.30f;
  // Okabe-Ito's hues (Okabe and Ito, "Color Universal Design"), those too dark for 4.5:1 here
  // lightened; the blue, lightened that far, met the sky blue, so it leans to violet. Ordered so
  // the first names differ most for protan, deutan and tritan vision too.
  c.names.base = {rgba(0x56, 0xB4, 0xE9), rgba(0xE6, 0x9F, 0x00), rgba(0x2E, 0xC5, 0x92), rgba(0xE0, 0xA0, 0xC8),
                  rgba(0xF0, 0xE4, 0x42), rgba(0xFF, 0x8F, 0x52), rgba(0xA0, 0xA0, 0xFF)};
  c.names.toward = rgba(255, 255, 255);
  return c;
}

ThemeColours light_colours() {
  ThemeColours c;
  c.input = ImVec4(0.05f, 0.3f, 0.7f, 1.0f);
  c.output = ImVec4(0.08f, 0.08f, 0.1f, 1.0f);
  c.error = ImVec4(0.75f, 0.1f, 0.08f, 1.0f);
  c.info = ImVec4(0.38f, 0.38f, 0.42f, 1.0f);
  c.title = ImVec4(0.1f, 0.2f, 0.5f, 1.0f);
  c.running = ImVec4(0.6f, 0.37f, 0.0f, 1.0f);
  c.readonly = ImVec4(0.75f, 0.3f, 0.05f, 1.0f);
  c.writable = ImVec4(0.1f, 0.5f, 0.1f, 1.0f);
  c.arithmetic = ImVec4(0.5f, 0.35f, 0.0f, 1.0f);
  c.failure = ImVec4(0.75f, 0.1f, 0.1f, 1.0f);
  c.good = ImVec4(0.05f, 0.5f, 0.1f, 1.0f);
  c.question = ImVec4(0.6f, 0.3f, 0.0f, 1.0f);
  c.legend_text = ImVec4(0.2f, 0.2f, 0.25f, 1.0f);
  c.legend_selected = ImVec4(0.0f, 0.0f, 0.0f, 1.0f);
  c.edit_field = ImVec4(0.7f, 0.82f, 1.0f, 1.0f);
  c.invalid_field = ImVec4(1.0f, 0.75f, 0.75f, 1.0f);
  c.stop_button = ImVec4(0.85f, 0.3f, 0.3f, 1.0f);
  c.flash = IM_COL32(255, 190, 0, 170);
  c.lesson_range = IM_COL32(200, 60, 0, 255);
  c.highlight_fill = IM_COL32(0, 0, 0, 28);
  c.source_fill = IM_COL32(0, 0, 0, 55);
  c.source_outline = IM_COL32(0, 0, 0, 220);
  c.greyed_text = IM_COL32(105, 105, 110, 255);
  c.bar_background = IM_COL32(228, 230, 236, 255);
  c.bar_frame = IM_COL32(70, 70, 80, 255);
  // On white: zero bytes are paper, the byte classes darken as they grow.
  c.minimap = {IM_COL32(232, 233, 238, 255), IM_COL32(246, 246, 249, 255), IM_COL32(160, 180, 235, 255),
               IM_COL32(60, 95, 200, 255),   IM_COL32(130, 200, 140, 255), IM_COL32(25, 125, 55, 255),
               IM_COL32(245, 175, 90, 255),  IM_COL32(200, 55, 40, 255)};
  c.refusal_background = IM_COL32(200, 40, 40, 245);
  c.refusal_text = IM_COL32(255, 255, 255, 255);
  c.export_link = IM_COL32(160, 85, 0, 255);
  c.badge_background = IM_COL32(195, 35, 30, 255);
  c.badge_text = IM_COL32(255, 255, 255, 255);
  c.code_text = IM_COL32(90, 40, 0, 255);
  c.code_background = IM_COL32(236, 232, 222, 255);
  c.rule = IM_COL32(170, 170, 180, 255);
  c.table_header = IM_COL32(225, 230, 240, 255);
  c.chart_bar = IM_COL32(215, 105, 30, 255);
  c.chart_bar_fastest = IM_COL32(40, 150, 70, 255);
  c.tint_alpha = 0.45f;
  // Okabe-Ito's blue, vermillion, bluish green and reddish purple darkened to 4.5:1 on white,
  // then Paul Tol's indigo (muted scheme) and Okabe-Ito's orange darkened to brown: on white,
  // text needs dark colours, and only these six stay apart for protan, deutan and tritan vision.
  c.names.base = {rgba(0x00, 0x6A, 0xA6), rgba(0xA8, 0x4A, 0x00), rgba(0x00, 0x75, 0x5A),
                  rgba(0x9A, 0x3E, 0x80), rgba(0x3B, 0x2A, 0x96), rgba(0x5C, 0x30, 0x00)};
  c.names.toward = rgba(0, 0, 0);
  return c;
}

Theme g_theme = Theme::Dark;
ThemeColours g_colours = dark_colours();

}  // namespace

void apply_theme(Theme theme) {
  g_theme = theme;
  ImGuiStyle& style = ImGui::GetStyle();
  if (theme == Theme::Dark) {
    ImGui::StyleColorsDark(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.095f, 0.11f, 1.0f);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(0.11f, 0.115f, 0.13f, 1.0f);
    style.Colors[ImGuiCol_Border] = ImVec4(0.3f, 0.32f, 0.38f, 1.0f);
    // Text stays 4.5:1 on whatever it sits on: ImGui's grey and its opaque hover blues are
    // fainter than that, so the grey is lighter and the hovers are tints.
    style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.63f, 0.63f, 0.63f, 1.0f);
    style.Colors[ImGuiCol_FrameBgHovered] = ImVec4(0.26f, 0.59f, 0.98f, 0.25f);
    style.Colors[ImGuiCol_Header] = ImVec4(0.26f, 0.59f, 0.98f, 0.16f);
    style.Colors[ImGuiCol_HeaderHovered] = ImVec4(0.26f, 0.59f, 0.98f, 0.22f);
    style.Colors[ImGuiCol_HeaderActive] = ImVec4(0.26f, 0.59f, 0.98f, 0.28f);
    style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.26f, 0.59f, 0.98f, 0.6f);
    style.Colors[ImGuiCol_ButtonActive] = ImVec4(0.06f, 0.53f, 0.98f, 0.75f);
    style.Colors[ImGuiCol_TabHovered] = ImVec4(0.26f, 0.59f, 0.98f, 0.6f);
    g_colours = dark_colours();
  } else {
    ImGui::StyleColorsLight(&style);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.98f, 0.98f, 0.97f, 1.0f);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    style.Colors[ImGuiCol_Border] = ImVec4(0.62f, 0.64f, 0.7f, 1.0f);
    style.Colors[ImGuiCol_Text] = ImVec4(0.0f, 0.0f, 0.0f, 1.0f);
    style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.33f, 0.33f, 0.37f, 1.0f);
    style.Colors[ImGuiCol_FrameBg] = ImVec4(0.9f, 0.91f, 0.94f, 1.0f);
    // Selected and hovered rows as light tints, so names in their colours stay 4.5:1 on them.
    style.Colors[ImGuiCol_Header] = ImVec4(0.26f, 0.59f, 0.98f, 0.12f);
    style.Colors[ImGuiCol_HeaderHovered] = ImVec4(0.26f, 0.59f, 0.98f, 0.16f);
    style.Colors[ImGuiCol_HeaderActive] = ImVec4(0.26f, 0.59f, 0.98f, 0.22f);
    g_colours = light_colours();
  }
  style.FrameRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.ScrollbarRounding = 3.0f;
  style.ItemSpacing = ImVec2(6.0f, 4.0f);
}

Theme current_theme() { return g_theme; }

const ThemeColours& theme_colours() { return g_colours; }

}  // namespace bufferlab

// WCAG AA, measured on the themes' own colours: every text colour against every background the
// panes draw it on (the grid's cells are tested with the grid), 4.5:1 at least, in both themes;
// lines and bars that carry meaning 3:1. A colour changed below that fails here by name.
#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "app/widgets/colours.h"
#include "app/widgets/contrast.h"
#include "app/window/theme.h"
#include "tests/gui/headless_imgui.h"

namespace bufferlab {

namespace {

struct Pair {
  std::string what;
  ImU32 text;
  ImU32 background;  // opaque
};

ImU32 u32(const ImVec4& colour) { return ImGui::ColorConvertFloat4ToU32(colour); }
ImU32 style(ImGuiCol colour) { return u32(ImGui::GetStyle().Colors[colour]); }

// Every text the panes draw on a theme colour, with the background it is drawn on.
std::vector<Pair> text_pairs() {
  const ThemeColours& t = theme_colours();
  const ImU32 window = blend_over(IM_COL32(0, 0, 0, 255), style(ImGuiCol_WindowBg));
  const ImU32 child = blend_over(window, style(ImGuiCol_ChildBg));
  // Greyed text (ImGui's TextDisabled) sits on panes, cards, pop-ups, the menu bar and in
  // fields (a field's hint); buttons, rows and tabs carry the normal text colour.
  const struct {
    const char* name;
    ImU32 colour;
    bool greyed_text_too;
  } backgrounds[] = {
      {"pane", window, true},
      {"card", child, true},
      {"popup", blend_over(window, style(ImGuiCol_PopupBg)), true},
      {"menu bar", blend_over(window, style(ImGuiCol_MenuBarBg)), true},
      {"field", blend_over(window, style(ImGuiCol_FrameBg)), true},
      {"hovered field", blend_over(window, style(ImGuiCol_FrameBgHovered)), true},
      {"selected row", blend_over(child, style(ImGuiCol_Header)), false},
      {"hovered row", blend_over(child, style(ImGuiCol_HeaderHovered)), false},
      {"pressed row", blend_over(child, style(ImGuiCol_HeaderActive)), false},
      {"button", blend_over(window, style(ImGuiCol_Button)), false},
      {"hovered button", blend_over(window, style(ImGuiCol_ButtonHovered)), false},
      {"pressed button", blend_over(window, style(ImGuiCol_ButtonActive)), false},
      {"tab", blend_over(window, style(ImGuiCol_Tab)), false},
      {"hovered tab", blend_over(window, style(ImGuiCol_TabHovered)), false},
      {"selected tab", blend_over(window, style(ImGuiCol_TabActive)), false},
      {"table header", blend_over(window, style(ImGuiCol_TableHeaderBg)), false},
      {"striped table row", blend_over(child, style(ImGuiCol_TableRowBgAlt)), true},
  };
  std::vector<Pair> pairs;
  for (const auto& background : backgrounds) {
    pairs.push_back({std::string("text on ") + background.name, style(ImGuiCol_Text), background.colour});
    if (background.greyed_text_too)
      pairs.push_back({std::string("greyed text on ") + background.name, style(ImGuiCol_TextDisabled),
                       background.colour});
  }
  auto on_panes = [&](const std::string& what, ImU32 text) {
    pairs.push_back({what + " on the pane", text, window});
    pairs.push_back({what + " on a card", text, child});
  };
  on_panes("console input", u32(t.input));
  on_panes("console output", u32(t.output));
  on_panes("console error", u32(t.error));
  on_panes("console info", u32(t.info));
  on_panes("title", u32(t.title));
  on_panes("running", u32(t.running));
  on_panes("read-only", u32(t.readonly));
  on_panes("writable", u32(t.writable));
  on_panes("address arithmetic", u32(t.arithmetic));
  on_panes("failure", u32(t.failure));
  on_panes("answer", u32(t.good));
  on_panes("question", u32(t.question));
  on_panes("legend", u32(t.legend_text));
  on_panes("export note", t.export_link);
  on_panes("lesson range label", t.lesson_range);
  on_panes("not-readable memory", t.greyed_text);
  pairs.push_back(
      {"selected legend on a selected row", u32(t.legend_selected), blend_over(window, style(ImGuiCol_Header))});
  pairs.push_back({"text in an element editor", style(ImGuiCol_Text), blend_over(window, u32(t.edit_field))});
  pairs.push_back({"text in an invalid field", style(ImGuiCol_Text), blend_over(window, u32(t.invalid_field))});
  pairs.push_back({"Stop", style(ImGuiCol_Text), blend_over(window, u32(t.stop_button))});
  pairs.push_back({"code", t.code_text, blend_over(window, t.code_background)});
  pairs.push_back({"answer text", style(ImGuiCol_Text), blend_over(window, t.code_background)});
  pairs.push_back({"lesson table header", style(ImGuiCol_Text), blend_over(window, t.table_header)});
  pairs.push_back({"badge", t.badge_text, blend_over(window, t.badge_background)});
  pairs.push_back({"refusal note", t.refusal_text, blend_over(window, t.refusal_background)});
  pairs.push_back({"Sharing bar title", style(ImGuiCol_Text), blend_over(child, t.bar_background)});
  pairs.push_back({"Sharing bar content", style(ImGuiCol_TextDisabled), blend_over(child, t.bar_background)});

  // Names in their colours: the views' cards, the Py_buffer title, selected and hovered rows;
  // the first base colours and their first two lighter or darker rounds.
  const NameColours& names = t.names;
  for (int slot = 0; slot < static_cast<int>(names.base.size()) * 3; ++slot) {
    const ImU32 name = name_colour(names, slot);
    const std::string what = "name colour " + std::to_string(slot);
    on_panes(what, name);
    pairs.push_back({what + " on a selected row", name, blend_over(child, style(ImGuiCol_Header))});
    pairs.push_back({what + " on a hovered row", name, blend_over(child, style(ImGuiCol_HeaderHovered))});
    pairs.push_back({what + " on a pressed row", name, blend_over(child, style(ImGuiCol_HeaderActive))});
    // The Sharing diagram's boxes: the name's tint, plain or highlighted, with readable_text on it.
    for (float alpha : {0.25f, 0.55f}) {
      const ImU32 box = blend_over(child, with_alpha(name, alpha));
      pairs.push_back({what + " box label (tint " + std::to_string(alpha) + ")",
                       readable_text(box, style(ImGuiCol_Text)), box});
    }
  }
  return pairs;
}

// Lines and bars that carry meaning (WCAG 1.4.11, non-text contrast).
std::vector<Pair> graphic_pairs() {
  const ThemeColours& t = theme_colours();
  const ImU32 window = blend_over(IM_COL32(0, 0, 0, 255), style(ImGuiCol_WindowBg));
  const ImU32 child = blend_over(window, style(ImGuiCol_ChildBg));
  return {{"export link", t.export_link, child},
          {"blocking link", t.badge_background, child},
          {"chart bar", t.chart_bar, window},
          {"fastest chart bar", t.chart_bar_fastest, window},
          {"Sharing bar frame", t.bar_frame, child}};
}

void check_pairs(const char* theme_name, const std::vector<Pair>& pairs, float minimum) {
  float lowest = 100.0f;
  std::string lowest_what;
  for (const Pair& pair : pairs) {
    const float ratio = contrast_ratio(blend_over(pair.background, pair.text), pair.background);
    INFO(theme_name, ": ", pair.what, " is ", ratio, ":1");
    CHECK(ratio >= minimum);
    if (ratio < lowest) {
      lowest = ratio;
      lowest_what = pair.what;
    }
  }
  std::printf("%s theme: %zu pairs, lowest %.2f:1 (%s)\n", theme_name, pairs.size(), lowest, lowest_what.c_str());
}

}  // namespace

TEST_CASE("contrast: every text colour meets WCAG AA on its backgrounds, dark and light") {
  testing::HeadlessImGui imgui;
  for (Theme theme : {Theme::Dark, Theme::Light}) {
    apply_theme(theme);
    check_pairs(theme == Theme::Dark ? "dark" : "light", text_pairs(), kMinimumTextContrast);
  }
  apply_theme(Theme::Dark);
}

TEST_CASE("contrast: lines and bars that carry meaning are 3:1 on their background") {
  testing::HeadlessImGui imgui;
  for (Theme theme : {Theme::Dark, Theme::Light}) {
    apply_theme(theme);
    check_pairs(theme == Theme::Dark ? "dark (graphics)" : "light (graphics)", graphic_pairs(), 3.0f);
  }
  apply_theme(Theme::Dark);
}

}  // namespace bufferlab

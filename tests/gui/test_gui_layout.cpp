// Headless GUI tests of the window layout: each preset at the classroom sizes and zooms gives
// every pane at least the legible minimum with no overlaps, focus shows one pane and comes back,
// presets follow their keys, and no splitter or saved share squeezes a pane.
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/window/key_help.h"
#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {

namespace {

constexpr int kKeyF1 = 290;
constexpr int kKeyF11 = 300;
constexpr int kKeyDigitOne = 49;

struct Screen {
  ImVec2 size;
  float zoom;
};
// The classroom's projector, and a large screen at default and largest text.
const Screen kScreens[] = {{{1280, 720}, 2.0f}, {{1920, 1080}, 1.0f}, {{1920, 1080}, 2.2f}};
constexpr LayoutPreset kPresets[] = {LayoutPreset::Lesson, LayoutPreset::Memory, LayoutPreset::All};

void show(GuiHarness& h, LayoutPreset preset, const Screen& screen) {
  h.workbench().layout().zoom = screen.zoom;
  h.workbench().chrome().choose_preset(preset);
  h.resize(screen.size);
}

std::size_t panes_in(const Arrangement& arrangement) {
  std::size_t count = 0;
  for (const auto& column : arrangement.columns) count += column.size();
  return count;
}

const DrawnPane* drawn(const GuiHarness& h, const char* title) {
  for (const DrawnPane& pane : h.probe().panes)
    if (pane.title == title) return &pane;
  return nullptr;
}

// Every drawn pane inside the window, at least `minimum`, apart from every other.
void check_legible(const GuiHarness& h, ImVec2 display, ImVec2 minimum) {
  const auto& panes = h.probe().panes;
  for (std::size_t i = 0; i < panes.size(); ++i) {
    const ImVec2 size(panes[i].max.x - panes[i].min.x, panes[i].max.y - panes[i].min.y);
    CHECK_MESSAGE(size.x >= minimum.x - 0.5f, panes[i].title, " is ", size.x, " px wide");
    CHECK_MESSAGE(size.y >= minimum.y - 0.5f, panes[i].title, " is ", size.y, " px tall");
    CHECK(panes[i].min.x >= 0.0f);
    CHECK(panes[i].min.y >= 0.0f);
    CHECK(panes[i].max.x <= display.x + 0.5f);
    CHECK(panes[i].max.y <= display.y + 0.5f);
    for (std::size_t j = i + 1; j < panes.size(); ++j) {
      const bool apart = panes[i].max.x <= panes[j].min.x + 0.5f || panes[j].max.x <= panes[i].min.x + 0.5f ||
                         panes[i].max.y <= panes[j].min.y + 0.5f || panes[j].max.y <= panes[i].min.y + 0.5f;
      CHECK_MESSAGE(apart, panes[i].title, " overlaps ", panes[j].title);
    }
  }
}

// The legible minimum follows the font: 22 characters (a DejaVu Sans Mono character is 0.6 of
// its size) and 6 lines at the font the window picks for this height and zoom.
void check_minimum_follows_font(GuiHarness& h, const Screen& screen) {
  const float base = screen.size.y >= 1000.0f ? 19.0f : 15.0f;
  const float font = std::min(base * screen.zoom, 38.0f);
  const ImVec2 minimum = h.workbench().placement().minimum;
  CHECK(minimum.x >= kMinPaneChars * 0.6f * font * 0.9f);
  CHECK(minimum.y >= kMinPaneLines * font * 0.9f);
}

}  // namespace

TEST_CASE("every preset at 1280x720 zoom 200 and 1920x1080 zoom 100 and 220: legible panes, no overlaps") {
  GuiHarness h;
  h.submit("import array\narr = array.array('I', range(5))\nmv = memoryview(arr)\n");
  for (const Screen& screen : kScreens) {
    for (LayoutPreset preset : kPresets) {
      CAPTURE(screen.size.x);
      CAPTURE(screen.zoom);
      const std::string name = preset_name(preset);
      CAPTURE(name);
      show(h, preset, screen);
      const PanePlacement& placement = h.workbench().placement();
      const Arrangement& arrangement = preset_arrangements(preset)[placement.arrangement];
      CHECK(h.probe().panes.size() == panes_in(arrangement));
      check_legible(h, screen.size, placement.minimum);
      check_minimum_follows_font(h, screen);
    }
  }
}

TEST_CASE("on the projector the panes stack into fewer columns instead of shrinking") {
  GuiHarness h;
  show(h, LayoutPreset::All, {{1280, 720}, 2.0f});
  CHECK(h.workbench().placement().column_widths.size() == 2);
  CHECK(h.probe().panes.size() == 6);
  show(h, LayoutPreset::All, {{1920, 1080}, 1.0f});
  CHECK(h.workbench().placement().column_widths.size() == 3);

  // The lesson preset at 200%: the lesson reads more than a few lines, the grid gets half the
  // window or more.
  show(h, LayoutPreset::Lesson, {{1280, 720}, 2.0f});
  const DrawnPane* lesson = drawn(h, "Lesson");
  const DrawnPane* memory = drawn(h, "Memory");
  REQUIRE(lesson);
  REQUIRE(memory);
  CHECK(lesson->max.y - lesson->min.y >= 10.0f * 30.0f);
  CHECK(memory->max.x - memory->min.x >= 600.0f);
  CHECK(drawn(h, "Console"));
  CHECK(drawn(h, "Views"));
  CHECK_FALSE(drawn(h, "Sharing"));

  show(h, LayoutPreset::Memory, {{1280, 720}, 2.0f});
  memory = drawn(h, "Memory");
  REQUIRE(memory);
  CHECK(memory->max.x - memory->min.x >= 0.5f * 1280.0f);
  CHECK(drawn(h, "Py_buffer"));
  CHECK_FALSE(drawn(h, "Lesson"));
}

TEST_CASE("focus: a double-click on a title shows that pane alone and back, as F11 and Escape do") {
  GuiHarness h;
  h.resize(ImVec2(1280, 720));
  REQUIRE(h.probe().panes.size() == 6);
  const PanePlacement before = h.workbench().placement();
  const DrawnPane memory = *drawn(h, "Memory");
  const ImVec2 title(memory.min.x + 14.0f, memory.min.y + 9.0f + ImGui::GetFontSize() * 0.5f);

  h.double_click(title);
  REQUIRE(h.probe().panes.size() == 1);
  const DrawnPane& alone = h.probe().panes.front();
  CHECK(alone.title == "Memory");
  CHECK(alone.min.x == doctest::Approx(before.origin.x));
  CHECK(alone.min.y == doctest::Approx(before.origin.y));
  CHECK(alone.max.x == doctest::Approx(before.origin.x + before.area.x));
  CHECK(alone.max.y == doctest::Approx(before.origin.y + before.area.y));

  h.double_click(ImVec2(alone.min.x + 14.0f, title.y));
  CHECK(h.probe().panes.size() == 6);
  CHECK(drawn(h, "Memory")->min.x == doctest::Approx(memory.min.x));

  // F11 over a pane shows it alone; Escape (no field has the keyboard) comes back.
  const DrawnPane views = *drawn(h, "Views");
  h.move_to(GuiHarness::centre(views.min, views.max));
  h.press(kKeyF11);
  REQUIRE(h.probe().panes.size() == 1);
  CHECK(h.probe().panes.front().title == "Views");
  h.press(kKeyEscape);
  CHECK(h.probe().panes.size() == 6);
  h.move_to(GuiHarness::centre(views.min, views.max));
  h.press(kKeyF11);
  CHECK(h.probe().panes.size() == 1);
  h.press(kKeyF11);
  CHECK(h.probe().panes.size() == 6);
}

TEST_CASE("Ctrl+1, Ctrl+2, Ctrl+3 choose the presets, saved with the layout, and Reset layout restores them") {
  GuiHarness h;
  h.resize(ImVec2(1920, 1080));
  h.workbench().take_layout_changed();
  h.press(kKeyDigitOne, true);
  CHECK(h.workbench().layout().preset == LayoutPreset::Lesson);
  CHECK(h.probe().panes.size() == 4);
  CHECK(h.workbench().take_layout_changed());
  h.press(kKeyDigitOne + 1, true);
  CHECK(h.workbench().layout().preset == LayoutPreset::Memory);
  CHECK(h.probe().panes.size() == 3);
  h.press(kKeyDigitOne + 2, true);
  CHECK(h.workbench().layout().preset == LayoutPreset::All);
  CHECK(h.probe().panes.size() == 6);

  h.workbench().layout().shares_of(LayoutPreset::All, 0).columns = {0.2f, 0.6f, 0.2f};
  h.workbench().chrome().reset_layout();
  CHECK(h.workbench().layout().shares == LayoutSettings{}.shares);
}

TEST_CASE("a splitter dragged to the edge stops at the legible minimum, at every zoom later too") {
  GuiHarness h;
  show(h, LayoutPreset::All, {{1920, 1080}, 1.0f});
  const PanePlacement before = h.workbench().placement();
  REQUIRE(before.splitters.size() >= 1);
  const PanePlacement::Splitter* left_bar = nullptr;
  for (const auto& bar : before.splitters)
    if (bar.column == 0 && bar.row < 0) left_bar = &bar;
  REQUIRE(left_bar);
  h.move_to(GuiHarness::centre(left_bar->min, left_bar->max));
  h.io().MouseDown[0] = true;
  h.frame();
  for (float x = left_bar->min.x; x > 0.0f; x -= 100.0f) h.move_to(ImVec2(x, h.io().MousePos.y));
  h.move_to(ImVec2(0.0f, h.io().MousePos.y));
  h.io().MouseDown[0] = false;
  h.frame();
  h.frame();
  CHECK(h.workbench().take_layout_changed());
  const DrawnPane* lesson = drawn(h, "Lesson");
  REQUIRE(lesson);
  const float minimum_width = h.workbench().placement().minimum.x;
  CHECK(lesson->max.x - lesson->min.x == doctest::Approx(minimum_width).epsilon(0.02));
  check_legible(h, ImVec2(1920, 1080), h.workbench().placement().minimum);

  // The share saved at 100% leaves the lesson column narrow; at 220% it is still legible.
  for (const Screen& screen : kScreens) {
    show(h, LayoutPreset::All, screen);
    check_legible(h, screen.size, h.workbench().placement().minimum);
  }

  // Shares that would squeeze panes (as from a session at another zoom) are clamped when placing.
  for (LayoutPreset preset : kPresets) {
    for (PaneShares& shares : h.workbench().layout().shares[static_cast<std::size_t>(preset)]) {
      for (float& share : shares.columns) share = 0.01f;
      shares.columns.back() = 0.98f;
      for (auto& rows : shares.rows) {
        for (float& share : rows) share = 0.01f;
        rows.front() = 0.98f;
      }
    }
    for (const Screen& screen : kScreens) {
      const std::string name = preset_name(preset);
      CAPTURE(name);
      CAPTURE(screen.zoom);
      show(h, preset, screen);
      check_legible(h, screen.size, h.workbench().placement().minimum);
    }
  }
}

TEST_CASE("the View menu lists the presets, focus and Reset layout, every entry recorded and unclipped") {
  GuiHarness h;
  show(h, LayoutPreset::All, {{1280, 720}, 2.0f});
  auto item = [&](const std::string& label) -> const RecordedItem* {
    for (const RecordedItem& recorded : h.probe().ui.items)
      if (recorded.label == label) return &recorded;
    return nullptr;
  };
  for (const char* header : {"File", "View"}) {
    const RecordedItem* recorded = item(header);
    REQUIRE_MESSAGE(recorded, header);
    CHECK_FALSE(recorded->clipped);
    CHECK(recorded->max.x <= 1280.0f);
  }
  h.click(GuiHarness::centre(item("View")->min, item("View")->max));
  for (const char* entry : {"Lesson layout: lesson, memory, views", "Memory layout: memory, views, Py_buffer",
                            "All six panes", "Reset layout", "Show one pane alone"}) {
    const RecordedItem* recorded = item(entry);
    REQUIRE_MESSAGE(recorded, entry);
    CHECK_FALSE(recorded->clipped);
  }
  h.click(GuiHarness::centre(item("Memory layout: memory, views, Py_buffer")->min,
                             item("Memory layout: memory, views, Py_buffer")->max));
  CHECK(h.workbench().layout().preset == LayoutPreset::Memory);
  CHECK(h.probe().panes.size() == 3);
}

}  // namespace bufferlab::testing

namespace bufferlab::testing {

TEST_CASE("until a preset is chosen, the room decides: all six panes side by side, else the lesson's") {
  GuiHarness h;
  h.workbench().layout() = LayoutSettings{};
  h.workbench().layout().zoom = 2.0f;
  h.resize(ImVec2(1280, 720));
  CHECK(h.workbench().placement().preset == LayoutPreset::Lesson);
  CHECK(drawn(h, "Lesson") != nullptr);
  CHECK(drawn(h, "Sharing") == nullptr);
  h.workbench().layout().zoom = 1.0f;
  h.resize(ImVec2(1920, 1080));
  CHECK(h.workbench().placement().preset == LayoutPreset::All);
  CHECK(h.probe().panes.size() == 6);
  // A chosen preset stays whatever the room.
  h.workbench().chrome().choose_preset(LayoutPreset::All);
  h.workbench().layout().zoom = 2.0f;
  h.resize(ImVec2(1280, 720));
  CHECK(h.workbench().placement().preset == LayoutPreset::All);
  CHECK(h.workbench().layout().preset_chosen);
}

}  // namespace bufferlab::testing

namespace bufferlab::testing {

// File > Quit and Ctrl+Q.
TEST_CASE("Ctrl+Q asks the window to close, wherever the keyboard is") {
  GuiHarness h;
  h.frame();
  CHECK_FALSE(h.workbench().take_quit_request());
  h.type("x = 1");  // the console has the keyboard
  h.press('Q', true);
  h.frame();
  CHECK(h.workbench().take_quit_request());
  CHECK_FALSE(h.workbench().take_quit_request());  // once
  CHECK(h.workbench().console().input() == "x = 1");
}

}  // namespace bufferlab::testing

namespace bufferlab::testing {

// "F1 (and Help > Keys) shows every shortcut in one overlay, with the pane each works in".
TEST_CASE("F1 shows every shortcut with its pane over the panes, and F1 or Escape closes it") {
  GuiHarness h;
  h.frame();
  CHECK_FALSE(h.workbench().chrome().key_help_open());
  h.press(kKeyF1);
  h.frame();
  REQUIRE(h.workbench().chrome().key_help_open());
  // The overlay is a window over the panes, covering most of the display.
  const ImGuiWindow* overlay = ImGui::FindWindowByName("Keys (F1 or Escape closes)");
  REQUIRE(overlay);
  CHECK(overlay->WasActive);
  CHECK(overlay->Size.x >= 0.8f * ImGui::GetIO().DisplaySize.x);
  // Every key has the pane it works in.
  for (const KeyHelp& key : kKeyHelp) {
    CAPTURE(key.keys);
    CHECK(std::string(key.where).size() > 0);
  }
  h.press(kKeyEscape);
  h.frame();
  CHECK_FALSE(h.workbench().chrome().key_help_open());
  h.press(kKeyF1);
  h.frame();
  CHECK(h.workbench().chrome().key_help_open());
  h.press(kKeyF1);
  h.frame();
  CHECK_FALSE(h.workbench().chrome().key_help_open());
}

}  // namespace bufferlab::testing

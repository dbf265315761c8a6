// Headless GUI tests of the Lesson, Console, Views and Py_buffer panes on classroom screens:
// no two interactive items overlap and no button label is cut, at 1280x720 and 1920x1080,
// small text and zoomed; Restart stays away from Next; the wheel over a short card table
// scrolls the Views pane, a long table scrolls itself until its end; tooltips sit beside
// what they describe.
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "tests/gui/gui_lesson_steps.h"
#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {

namespace {

const std::filesystem::path kLessons = std::filesystem::path(BUFFERLAB_SOURCE_DIR) / "assets/lessons";

struct Screen {
  ImVec2 size;
  float zoom;
};
// The reference classroom screen, a big one at default text and zoomed, and a laptop's.
const Screen kScreens[] = {{{1280, 720}, 2.0f}, {{1920, 1080}, 1.0f}, {{1920, 1080}, 2.2f}, {{1280, 720}, 1.0f}};
// Panes about 22 characters wide and a few lines high.
const Screen kSmallScreen = {{800, 600}, 2.0f};

const std::set<std::string> kPanes = {"Lesson", "Console", "Views", "Py_buffer"};
const std::set<std::string> kButtons = {"< Previous", "Next >", "Restart", "Run", "Clear", "Stop",
                                        "x",          "revert", "Reveal the answer", "remove"};

bool intersect(ImVec2 a_min, ImVec2 a_max, ImVec2 b_min, ImVec2 b_max) {
  // More than a pixel each way: touching edges are not an overlap.
  return std::min(a_max.x, b_max.x) - std::max(a_min.x, b_min.x) > 1.0f &&
         std::min(a_max.y, b_max.y) - std::max(a_min.y, b_min.y) > 1.0f;
}

// The pane whose rectangle holds the item's centre.
std::string pane_of(const FrameProbe& probe, const RecordedItem& item) {
  const ImVec2 c((item.min.x + item.max.x) * 0.5f, (item.min.y + item.max.y) * 0.5f);
  for (const DrawnPane& pane : probe.panes)
    if (c.x >= pane.min.x && c.x < pane.max.x && c.y >= pane.min.y && c.y < pane.max.y) return pane.title;
  return {};
}

std::vector<RecordedItem> items_in_panes(const FrameProbe& probe) {
  std::vector<RecordedItem> items;
  for (const RecordedItem& item : probe.ui.items)
    if (kPanes.count(pane_of(probe, item))) items.push_back(item);
  return items;
}

void show(GuiHarness& h, const Screen& screen) {
  h.workbench().layout().zoom = screen.zoom;
  h.resize(screen.size);
  h.frame();  // a step shown scrolls its pane one frame later
}

// No two items of these panes overlap; buttons are whole; any other cut label was elided
// with "..." (and is shown whole on hover).
void check_items(const FrameProbe& probe) {
  const std::vector<RecordedItem> items = items_in_panes(probe);
  CHECK(items.size() >= 4);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const RecordedItem& a = items[i];
    INFO("item '", a.label, "' in ", pane_of(probe, a), " at ", a.min.x, ",", a.min.y);
    if (kButtons.count(a.label)) CHECK_FALSE(a.clipped);
    if (a.clipped) CHECK(a.label.size() >= 3);
    if (a.clipped) CHECK(a.label.substr(a.label.size() - 3) == "...");
    for (std::size_t j = i + 1; j < items.size(); ++j) {
      const RecordedItem& b = items[j];
      INFO("overlaps '", b.label, "' at ", b.min.x, ",", b.min.y);
      CHECK_FALSE(intersect(a.min, a.max, b.min, b.max));
    }
  }
}

std::optional<RecordedItem> item(const FrameProbe& probe, const std::string& label) {
  for (const RecordedItem& drawn : probe.ui.items)
    if (drawn.label == label) return drawn;
  return std::nullopt;
}

// The tooltip window of this frame, if one is shown.
ImGuiWindow* tooltip_window() {
  ImGuiWindow* window = ImGui::FindWindowByName("##Tooltip_00");
  return window && window->Active ? window : nullptr;
}

}  // namespace

TEST_CASE("the lesson, console, views and Py_buffer panes draw no overlapping items and no cut buttons") {
  for (const char* file : {"09-when-not-to-use-memoryview.md", "02-numpy-cast-one-byte.md",
                           "06-memoryview-over-array.md"}) {
    GuiHarness h;
    open_lesson_file(h, (kLessons / file).string());
    run_through(h, 1);
    for (const Screen& screen : kScreens) {
      INFO(file, " step 2 at ", screen.size.x, "x", screen.size.y, " zoom ", screen.zoom);
      show(h, screen);
      check_items(h.probe());
      CHECK(item(h.probe(), "Next >"));
      CHECK(item(h.probe(), "Restart"));
      CHECK(item(h.probe(), "console input"));
    }
    INFO(file, " step 2 on a small screen");
    show(h, kSmallScreen);
    check_items(h.probe());
    CHECK(item(h.probe(), "Next >"));
    CHECK(item(h.probe(), "console input"));
  }
}

TEST_CASE("Restart keeps away from Next, and neither moves from step to step") {
  GuiHarness h;
  open_lesson_file(h, (kLessons / "09-when-not-to-use-memoryview.md").string());
  run_through(h, 1);
  for (const Screen& screen : kScreens) {
    INFO(screen.size.x, "x", screen.size.y, " zoom ", screen.zoom);
    show(h, screen);
    const auto next = item(h.probe(), "Next >");
    const auto restart = item(h.probe(), "Restart");
    REQUIRE(next);
    REQUIRE(restart);
    CHECK_FALSE(intersect(next->min, next->max, restart->min, restart->max));
    // A line apart or a wide gap apart: a click meant for Next never lands on Restart.
    const bool other_line = restart->min.y >= next->max.y;
    const bool far_right = restart->min.x - next->max.x >= ImGui::GetFontSize();
    CHECK((other_line || far_right));

    h.workbench().commands().push(GoToLessonStep{2});
    h.frame();
    h.frame();
    const auto next_after = item(h.probe(), "Next >");
    const auto restart_after = item(h.probe(), "Restart");
    REQUIRE(next_after);
    REQUIRE(restart_after);
    CHECK(next_after->min.x == doctest::Approx(next->min.x));
    CHECK(next_after->min.y == doctest::Approx(next->min.y));
    CHECK_FALSE(intersect(next->min, next->max, restart_after->min, restart_after->max));
    h.workbench().commands().push(GoToLessonStep{1});
    h.frame();
  }
}

TEST_CASE("the wheel over a short card table scrolls the Views pane") {
  GuiHarness h;
  show(h, kScreens[1]);  // tall enough for tables under the card headers
  h.submit("b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11 = (bytearray(48) for i in range(12))\n");
  h.frame();
  // Element 0 of a table well inside the pane: a short table shows all its rows (once it
  // showed three and took the wheel), so the wheel over it moves the pane and the cell with it.
  const auto pane = std::find_if(h.probe().panes.begin(), h.probe().panes.end(),
                                 [](const DrawnPane& p) { return p.title == "Views"; });
  REQUIRE(pane != h.probe().panes.end());
  std::optional<DrawnElementCell> target;
  for (const DrawnElementCell& cell : h.probe().elements)
    if (cell.flat == 0 && cell.min.y > pane->min.y + (pane->max.y - pane->min.y) * 0.3f &&
        (!target || cell.min.y < target->min.y))
      target = cell;
  REQUIRE(target);
  h.move_to(GuiHarness::centre(target->min, target->max));
  h.io().MouseWheel = -1.0f;
  h.frame();
  h.frame();
  bool moved_up = false;
  for (const DrawnElementCell& cell : h.probe().elements)
    if (cell.view == target->view && cell.flat == 0) moved_up = cell.min.y < target->min.y - 1.0f;
  CHECK(moved_up);
}

TEST_CASE("a long card table takes the wheel until its end, then the pane scrolls") {
  GuiHarness h;
  show(h, kScreens[1]);
  h.submit("a_big = bytearray(4096)\nb0, b1, b2, b3, b4, b5, b6, b7, b8, b9 = (bytearray(8) for i in range(10))\n");
  h.frame();
  auto first = h.element_cell("a_big", 0);
  REQUIRE(first);
  const ImVec2 at = GuiHarness::centre(first->min, first->max);
  h.move_to(at);
  h.io().MouseWheel = -1.0f;
  h.frame();
  h.frame();
  // The table moved on (its first element is gone) and the pane did not (a cell of a_big is
  // still where element 0 was).
  CHECK_FALSE(h.element_cell("a_big", 0));
  bool same_place = false;
  for (const DrawnElementCell& cell : h.probe().elements)
    if (cell.view == h.view("a_big") && std::abs(cell.min.y - first->min.y) < 1.0f) same_place = true;
  CHECK(same_place);

  // At its last row the wheel passes on to the pane, which scrolls the table up with it.
  h.io().MouseWheel = -1000.0f;
  h.frame();
  h.frame();
  float before = 1e9f;
  for (const DrawnElementCell& cell : h.probe().elements)
    if (cell.view == h.view("a_big")) before = std::min(before, cell.min.y);
  REQUIRE(before < 1e9f);
  h.io().MouseWheel = -1.0f;
  h.frame();
  h.frame();
  float after = 1e9f;
  for (const DrawnElementCell& cell : h.probe().elements)
    if (cell.view == h.view("a_big")) after = std::min(after, cell.min.y);
  CHECK(after < before - 1.0f);
}

TEST_CASE("tooltips sit beside the button or the table row they describe") {
  GuiHarness h;
  open_lesson_file(h, (kLessons / "09-when-not-to-use-memoryview.md").string());
  run_through(h, 1);
  int element_tips = 0;
  for (const Screen& screen : kScreens) {
    INFO(screen.size.x, "x", screen.size.y, " zoom ", screen.zoom);
    show(h, screen);
    const auto restart = item(h.probe(), "Restart");
    REQUIRE(restart);
    h.move_to(GuiHarness::centre(restart->min, restart->max));
    h.frame();
    ImGuiWindow* tip = tooltip_window();
    REQUIRE(tip);
    const ImVec2 tip_max(tip->Pos.x + tip->Size.x, tip->Pos.y + tip->Size.y);
    CHECK_FALSE(intersect(tip->Pos, tip_max, restart->min, restart->max));

    // An element (where its table is in sight): the tooltip covers neither its row nor the cell.
    auto cell = h.element_cell("buf", 0);
    if (!cell) continue;
    ++element_tips;
    h.move_to(GuiHarness::centre(cell->min, cell->max));
    h.frame();
    tip = tooltip_window();
    REQUIRE(tip);
    const ImVec2 cell_tip_max(tip->Pos.x + tip->Size.x, tip->Pos.y + tip->Size.y);
    const bool beside_row = tip->Pos.x >= cell->max.x || cell_tip_max.x <= cell->min.x ||
                            cell_tip_max.y <= cell->min.y || tip->Pos.y >= cell->max.y;
    CHECK(beside_row);
    CHECK_FALSE(intersect(tip->Pos, cell_tip_max, cell->min, cell->max));
    h.move_to(ImVec2(1.0f, 1.0f));
  }
  CHECK(element_tips >= 2);
}

TEST_CASE("while a cell runs, Stop, Clear and the console input stay apart and whole") {
  GuiHarness h;
  h.workbench().submit("import time\nfor i in range(100): time.sleep(0.05)\n\n");
  for (const Screen& screen : {kScreens[0], kScreens[2], kSmallScreen}) {
    INFO(screen.size.x, "x", screen.size.y, " zoom ", screen.zoom);
    show(h, screen);
    REQUIRE(h.state().cell_running);
    REQUIRE(item(h.probe(), "Stop"));
    REQUIRE(item(h.probe(), "Clear"));
    const auto input = item(h.probe(), "console input");
    REQUIRE(input);
    // The input keeps a line of text's height however short the pane.
    CHECK(input->max.y - input->min.y >= ImGui::GetTextLineHeight());
    check_items(h.probe());
  }
  h.workbench().commands().push(InterruptCell{});
  h.settle();
}

TEST_CASE("a refused edit's note sits under its table and pushes the next card down") {
  GuiHarness h;
  show(h, kScreens[1]);
  h.submit("ro = bytes(range(8))\nrw = bytearray(8)\n");
  auto cell = h.element_cell("ro", 3);
  REQUIRE(cell);
  const auto next_name = [&]() -> std::optional<RecordedItem> {
    std::optional<RecordedItem> below;
    for (const RecordedItem& drawn : h.probe().ui.items)
      if ((drawn.label == "ro" || drawn.label == "rw") && drawn.min.y > cell->max.y &&
          (!below || drawn.min.y < below->min.y))
        below = drawn;
    return below;
  };
  const auto header_before = next_name();
  REQUIRE(header_before);

  h.double_click(GuiHarness::centre(cell->min, cell->max));
  h.type("7");
  h.press(kKeyEnter);
  REQUIRE(h.state().refusal);
  cell = h.element_cell("ro", 3);
  REQUIRE(cell);
  const auto header_after = next_name();
  REQUIRE(header_after);
  // The note takes at least a line between the table and the next card's header.
  CHECK(header_after->min.y >= header_before->min.y + ImGui::GetTextLineHeight());
  check_items(h.probe());
}

}  // namespace bufferlab::testing

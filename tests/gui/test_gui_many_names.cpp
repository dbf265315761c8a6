// 10,000 buffer-exporting names: each virtualised pane (Views cards, Memory regions, Sharing
// rows, the Py_buffer list) builds only the items in sight, the right ones in order at the top,
// in the middle and at the end; selecting a far view brings it into sight; the wheel scrolls.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "tests/gui/test_gui_harness.h"

namespace bufferlab {

namespace {

constexpr int kNames = 10000;

std::vector<DrawnListItem> built(const FrameProbe& probe, const std::string& pane) {
  std::vector<DrawnListItem> items;
  for (const DrawnListItem& item : probe.list_items)
    if (item.pane == pane) items.push_back(item);
  return items;
}

// The pane built a run of consecutive items, in order, each named as the model names it.
void check_run(const std::vector<DrawnListItem>& items, const std::vector<std::string>& names) {
  REQUIRE_FALSE(items.empty());
  for (std::size_t i = 0; i < items.size(); ++i) {
    CHECK(items[i].index == items.front().index + static_cast<int>(i));
    REQUIRE(items[i].index >= 0);
    REQUIRE(items[i].index < static_cast<int>(names.size()));
    CHECK(items[i].name == names[static_cast<std::size_t>(items[i].index)]);
  }
}

// The same for items that follow `order` (the diagram's rows: region by region).
void check_run_in(const std::vector<DrawnListItem>& items, const std::vector<int>& order,
                  const std::vector<std::string>& names) {
  REQUIRE_FALSE(items.empty());
  const auto start = std::find(order.begin(), order.end(), items.front().index);
  REQUIRE(start != order.end());
  for (std::size_t i = 0; i < items.size(); ++i) {
    REQUIRE(start + static_cast<std::ptrdiff_t>(i) < order.end());
    CHECK(items[i].index == *(start + static_cast<std::ptrdiff_t>(i)));
    CHECK(items[i].name == names[static_cast<std::size_t>(items[i].index)]);
  }
}

// Entries in increasing order (a list may add the entry the keyboard is on), named as the model does.
void check_sorted(const std::vector<DrawnListItem>& items, const std::vector<std::string>& names) {
  REQUIRE_FALSE(items.empty());
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) CHECK(items[i].index > items[i - 1].index);
    CHECK(items[i].name == names[static_cast<std::size_t>(items[i].index)]);
  }
}

bool contains_index(const std::vector<DrawnListItem>& items, int index) {
  for (const DrawnListItem& item : items)
    if (item.index == index) return true;
  return false;
}

ImVec2 pane_centre(const FrameProbe& probe, const std::string& title) {
  for (const DrawnPane& pane : probe.panes)
    if (pane.title == title) return testing::GuiHarness::centre(pane.min, pane.max);
  FAIL("pane not shown: " << title);
  return {};
}

}  // namespace

TEST_CASE("10,000 names: the panes build only what is in sight, the right items at the top, middle and end") {
  testing::GuiHarness h(ImVec2(1280, 800));
  h.workbench().chrome().choose_preset(LayoutPreset::All);
  h.submit("for i in range(10000):\n    globals()[f'b{i:05d}'] = bytearray(16)\n\n");
  REQUIRE(h.state().views.size() == static_cast<std::size_t>(kNames));
  REQUIRE(h.state().snapshot.regions.size() == static_cast<std::size_t>(kNames));

  std::vector<std::string> view_names, region_names, region_first_view;
  for (const DisplayView& view : h.state().views) view_names.push_back(view.name);
  for (int r = 0; r < kNames; ++r) region_names.push_back("region " + std::to_string(r));
  std::vector<int> row_order;  // the Sharing diagram's rows: each region's views, region by region
  for (int r = 0; r < kNames; ++r)
    for (const int v : h.state().views_of_region(r)) row_order.push_back(v);
  REQUIRE(row_order.size() == static_cast<std::size_t>(kNames));

  // Select a view (as the Py_buffer list or a legend chip does) and let the panes follow.
  auto select = [&](int view) {
    h.workbench().commands().push(SelectView{view});
    h.frame();
    h.frame();
    h.frame();
  };
  for (const int target : {0, kNames / 2, kNames - 1}) {
    CAPTURE(target);
    select(target);
    const FrameProbe& probe = h.probe();
    CHECK(probe.list_items.size() < 200);  // whatever the number of names

    const auto cards = built(probe, "Views");
    check_run(cards, view_names);
    CHECK(contains_index(cards, target));
    CHECK(cards.size() < 40);
    // The selected card is on screen: its elements are drawn.
    CHECK(h.element_cell(view_names[static_cast<std::size_t>(target)], 0).has_value());

    const int region = h.state().views[static_cast<std::size_t>(target)].region;
    const auto regions = built(probe, "Memory");
    check_run(regions, region_names);
    CHECK(contains_index(regions, region));
    CHECK(regions.size() < 40);
    const auto& region_of_target = h.state().snapshot.regions[static_cast<std::size_t>(region)];
    CHECK(h.byte_cell(region_of_target.address).has_value());

    const auto rows = built(probe, "Sharing");
    check_run_in(rows, row_order, view_names);
    CHECK(contains_index(rows, target));
    CHECK(rows.size() < 40);
  }

  SUBCASE("the wheel scrolls the cards onward, still in order") {
    select(kNames / 2);
    const int before = built(h.probe(), "Views").front().index;
    h.move_to(pane_centre(h.probe(), "Views"));
    for (int i = 0; i < 10; ++i) {
      h.io().MouseWheel = -5.0f;
      h.frame();
    }
    h.frame();
    const auto after = built(h.probe(), "Views");
    check_run(after, view_names);
    CHECK(after.front().index > before);
    CHECK(after.size() < 40);
  }

  SUBCASE("the Py_buffer list opens at the selected view and builds only the names in sight") {
    select(kNames - 1);
    // The list's field, on the Py_buffer pane's title line (cards and boxes bear the name too).
    DrawnPane inspector;
    for (const DrawnPane& pane : h.probe().panes)
      if (pane.title == "Py_buffer") inspector = pane;
    const RecordedItem* combo = nullptr;
    for (const RecordedItem& item : h.probe().ui.items)
      if (item.label == view_names.back() && item.min.x >= inspector.min.x && item.max.x <= inspector.max.x &&
          item.min.y >= inspector.min.y && (!combo || item.min.y < combo->min.y))
        combo = &item;
    REQUIRE(combo != nullptr);
    const ImVec2 combo_min = combo->min;
    ImVec2 combo_at = testing::GuiHarness::centre(combo->min, combo->max);
    h.click(combo_at);
    h.frame();
    const auto names = built(h.probe(), "Py_buffer");
    check_sorted(names, view_names);
    CHECK(contains_index(names, kNames - 1));
    CHECK(names.size() < 100);
    // Choosing a name from the list selects its view, and the Views pane shows it.
    const DrawnListItem pick = names[names.size() / 2];
    const RecordedItem* entry = nullptr;  // in the list, under the field
    for (const RecordedItem& item : h.probe().ui.items)
      if (item.label == pick.name && item.min.y > combo_min.y && std::abs(item.min.x - combo_min.x) < 20.0f) entry = &item;
    REQUIRE(entry != nullptr);
    h.click(testing::GuiHarness::centre(entry->min, entry->max));
    h.frame();
    h.frame();
    CHECK(h.state().selected_view == pick.index);
    CHECK(contains_index(built(h.probe(), "Views"), pick.index));
  }
}

}  // namespace bufferlab

// The Sharing pane at classroom widths: a name too long for its box is elided and recorded as
// such, and each box is a recorded button inside the pane.
#include <doctest/doctest.h>

#include <string>

#include "app/panes/sharing_pane.h"
#include "app/widgets/ui_record.h"
#include "app/window/theme.h"
#include "tests/gui/headless_imgui.h"
#include "tests/support/facts_builder.h"

namespace bufferlab {

namespace {

// Two names on one 5-byte region, the second one long; views rebuilt in the light theme.
AppState two_names(const std::string& long_name) {
  AppState state;
  apply_theme(Theme::Light);
  state.set_name_colours(theme_colours().names);
  state.snapshot.regions.push_back({0, 0x1000, 5, {0, 1}});
  for (const std::string& name : {std::string("buf"), long_name}) {
    SnapshotObject object;
    object.name = name;
    object.type_name = "bytearray";
    object.facts = testing::make_facts(0x1000, 1, {5}, {1});
    object.region = 0;
    state.snapshot.objects.push_back(object);
  }
  state.rebuild_views();
  return state;
}

// Draws the pane `width` wide in a window covering the display; returns what it recorded.
UiRecord draw_sharing(const AppState& state, float width) {
  UiRecord record;
  CommandQueue commands;
  SharingPane pane;
  for (int frame = 0; frame < 2; ++frame) {
    record.clear();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("window", nullptr, ImGuiWindowFlags_NoDecoration);
    set_ui_record(&record);
    PaneContext context{state, commands};
    pane.draw(context, ImVec2(10, 10), ImVec2(width, 300));
    set_ui_record(nullptr);
    ImGui::End();
    ImGui::Render();
  }
  return record;
}

}  // namespace

TEST_CASE("sharing: a name too long for its box is elided, recorded as clipped, and stays in the pane") {
  testing::HeadlessImGui imgui;
  const std::string long_name = "a_name_far_too_long_for_any_box_in_the_diagram";
  const AppState state = two_names(long_name);
  const float width = 420.0f;
  const UiRecord record = draw_sharing(state, width);
  REQUIRE(record.items.size() == 2);
  CHECK(record.items[0].label == "buf");
  CHECK_FALSE(record.items[0].clipped);
  // Recorded as shown: a prefix of the name and "...".
  const std::string& shown = record.items[1].label;
  REQUIRE(shown.size() > 3);
  CHECK(shown.ends_with("..."));
  CHECK(long_name.starts_with(shown.substr(0, shown.size() - 3)));
  CHECK(record.items[1].clipped);
  for (const RecordedItem& item : record.items) {
    CHECK(item.min.x >= 10.0f);
    CHECK(item.max.x <= 10.0f + width);
  }
  CHECK(record.items[0].max.y <= record.items[1].min.y);  // boxes stacked, not overlapping
}

}  // namespace bufferlab

// The --dump-ui record: which items overlap, how labels are recorded and cut, and the JSON's
// shape, on frames drawn in a headless ImGui context.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "app/widgets/ui_record.h"
#include "app/window/ui_dump.h"
#include "tests/gui/headless_imgui.h"

namespace bufferlab {

namespace {

template <class Draw>
void draw_frame(Draw draw) {
  ImGui::NewFrame();
  draw();
  ImGui::Render();
}

RecordedItem item(const char* label, float x, float y, float w, float h) {
  return {label, ImVec2(x, y), ImVec2(x + w, y + h), false};
}

}  // namespace

TEST_CASE("overlapping items: pairs that share area, touching edges and far items do not count") {
  const std::vector<RecordedItem> items = {
      item("Next >", 100, 10, 60, 20),   // 0
      item("Restart", 150, 10, 60, 20),  // 1: covers Next's last 10 px
      item("Run", 40, 10, 60, 20),       // 2: ends where Next starts
      item("hex", 100, 30, 40, 20),      // 3: under Next, touching
      item("far", 900, 500, 10, 10),     // 4
      item("inside", 160, 15, 5, 5),     // 5: within Restart (and past Next's end)
  };
  const auto pairs = overlapping_items(items);
  CHECK(pairs == std::vector<std::pair<std::size_t, std::size_t>>{{0, 1}, {1, 5}});
  CHECK(overlapping_items({}).empty());
}

TEST_CASE("record_item keeps the shown label, the visible rectangle and whether it was cut") {
  testing::HeadlessImGui imgui;
  UiRecord record;
  set_ui_record(&record);
  draw_frame([&] {
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(200, 200));
    ImGui::Begin("record", nullptr, ImGuiWindowFlags_NoDecoration);
    ImGui::Button("Next >##lesson");
    record_item("Next >##lesson");
    ImGui::SameLine(150.0f);
    ImGui::Button("a button too wide for the rest of the window");
    record_item("a button too wide for the rest of the window");
    ImGui::SetCursorPosY(1000.0f);
    ImGui::Button("below the window");
    record_item("below the window");
    ImGui::End();
  });
  set_ui_record(nullptr);
  REQUIRE(record.items.size() == 2);  // the item below the window is not on screen
  // Cut at the bottom of a window without a scrollbar: clipped; with one, it is scrolling.
  for (const bool scrolls : {false, true}) {
    CAPTURE(scrolls);
    UiRecord bottom;
    set_ui_record(&bottom);
    draw_frame([&] {
      ImGui::SetNextWindowPos(ImVec2(0, 0));
      ImGui::SetNextWindowSize(ImVec2(200, 100));
      ImGui::Begin(scrolls ? "scrolls" : "fixed", nullptr,
                   ImGuiWindowFlags_NoTitleBar | (scrolls ? ImGuiWindowFlags_AlwaysVerticalScrollbar : 0));
      ImGui::SetCursorPosY(100.0f - ImGui::GetFrameHeight() * 0.5f);
      ImGui::Button("Restart");
      record_item("Restart");
      ImGui::End();
    });
    set_ui_record(nullptr);
    REQUIRE(bottom.items.size() == 1);
    CHECK(bottom.items[0].clipped == !scrolls);
    CHECK(bottom.items[0].max.y <= 100.0f);
  }
  CHECK(record.items[0].label == "Next >");
  CHECK_FALSE(record.items[0].clipped);
  CHECK(record.items[1].clipped);
  CHECK(record.items[1].max.x <= 200.0f);
  // Nothing is recorded without a record installed.
  draw_frame([&] {
    ImGui::Begin("record");
    ImGui::Button("x");
    record_item("x");
    ImGui::End();
  });
  CHECK(record.items.size() == 2);
}

TEST_CASE("elide_to_width: whole when it fits, else a prefix with ... that fits, cut on a character") {
  testing::HeadlessImGui imgui;
  draw_frame([&] {
    CHECK(elide_to_width("short", 1000.0f) == "short");
    const std::string long_text = "a name far too long for the card it sits on";
    const float width = ImGui::CalcTextSize("a name far").x + 1.0f;
    const std::string shown = elide_to_width(long_text, width);
    CHECK(shown.ends_with("..."));
    CHECK(ImGui::CalcTextSize(shown.c_str()).x <= width);
    CHECK(long_text.starts_with(shown.substr(0, shown.size() - 3)));
    // Two-byte characters are never cut in half.
    const std::string accented = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";
    const std::string cut = elide_to_width(accented, ImGui::CalcTextSize("\xc3\xa9\xc3\xa9...").x + 0.5f);
    CHECK((cut.size() - 3) % 2 == 0);
    CHECK(elide_to_width(long_text, 0.0f) == "...");
  });
}

TEST_CASE("the UI dump: window, zoom, theme, panes, items, overlaps, grids and regions") {
  FrameProbe probe;
  probe.panes.push_back({"Memory", ImVec2(10, 20), ImVec2(310, 420)});
  probe.ui.items = {item("Next >", 100, 10, 60, 20), item("Restart", 150, 10, 60, 20)};
  probe.ui.items[1].clipped = true;
  probe.ui.grids.push_back({0, 16, 4, {{0, 16}}});
  Snapshot snapshot;
  snapshot.regions.push_back({0, 0x1000, 16, {}});
  snapshot.regions.push_back({1, 0x2000, 4096, {}});
  const nlohmann::json dump = nlohmann::json::parse(ui_dump_json({1280, 720, 200, true, &probe, &snapshot}));
  CHECK(dump["window"] == nlohmann::json({1280, 720}));
  CHECK(dump["zoom"] == 200);
  CHECK(dump["theme"] == "light");
  CHECK(dump["panes"] == nlohmann::json::parse(R"([{"name": "Memory", "rect": [10, 20, 300, 400]}])"));
  CHECK(dump["items"][1] == nlohmann::json::parse(R"({"label": "Restart", "rect": [150, 10, 60, 20], "clipped": true})"));
  CHECK(dump["overlaps"] == nlohmann::json::parse(R"([["Next >", "Restart"]])"));
  CHECK(dump["grids"] == nlohmann::json::parse(R"([{"region": 0, "size": 16, "bytes_per_row": 4, "visible": [[0, 16]]}])"));
  CHECK(dump["regions"] == nlohmann::json::parse(R"([{"region": 0, "size": 16}, {"region": 1, "size": 4096}])"));
  // Labels are user text: bytes that are not UTF-8 do not stop the dump.
  probe.ui.items[0].label = "bad \xff name";
  CHECK_NOTHROW(nlohmann::json::parse(ui_dump_json({1280, 720, 100, false, &probe, nullptr})));
}

}  // namespace bufferlab

// The classroom screen, end to end: each built-in lesson at a step with its picture on screen,
// opened in the real window at projector sizes and zooms, dark and light, judged from the
// window's own --dump-ui record of the frame it screenshots: every byte of every small region
// wholly visible, no interactive items on top of each other, no label cut (elided with "..."
// and whole on hover is allowed, except for the buttons).
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "tests/support/process_helpers.h"
#include "tests/support/virtual_display.h"

namespace bufferlab::testing {

namespace {

// Regions smaller than this must be shown whole, at any of the sizes below.
constexpr std::int64_t kWholeRegionBytes = 64;

struct Screen {
  const char* size;
  int width, height, zoom;
};
constexpr Screen kScreens[] = {{"1280x720", 1280, 720, 200}, {"1920x1080", 1920, 1080, 100},
                               {"1920x1080", 1920, 1080, 220}};

// Buttons of the lesson and the console, whole at every size.
constexpr const char* kButtons[] = {"Run", "Next >", "< Previous", "Restart", "Clear", "Stop"};

std::string describe(const nlohmann::json& items) {
  std::string text;
  for (const auto& item : items) text += "\n  " + item.dump();
  return text;
}

// Whether the sorted, merged half-open ranges cover [0, size).
bool covers_all(const nlohmann::json& visible, std::int64_t size) {
  std::int64_t reached = 0;
  for (const auto& range : visible) {
    if (range[0].get<std::int64_t>() > reached) return false;
    reached = std::max(reached, range[1].get<std::int64_t>());
  }
  return reached >= size;
}

void check_lesson_on_classroom_screens(const std::string& lesson_file, int step) {
  VirtualDisplay display;
  REQUIRE_MESSAGE(!display.display().empty(), "Xvfb did not start");
  ScratchDir scratch;
  const std::string lesson = std::string(BUFFERLAB_SOURCE_DIR) + "/assets/lessons/" + lesson_file;
  for (const Screen& screen : kScreens) {
    for (const char* theme : {"dark", "light"}) {
      const std::string png = (scratch / "frame.png").string(), dump = (scratch / "frame.json").string();
      const std::string command = "DISPLAY=" + display.display() + " XDG_CONFIG_HOME=" +
                                  shell_quote(scratch.path().string()) + " " + BUFFERLAB_BINARY + " --lesson " +
                                  shell_quote(lesson) + " --step " + std::to_string(step) + " --screenshot " +
                                  shell_quote(png) + " --dump-ui " + shell_quote(dump) + " --size " + screen.size +
                                  " --zoom " + std::to_string(screen.zoom) + " --theme " + theme;
      CAPTURE(lesson_file);
      CAPTURE(step);
      CAPTURE(screen.size);
      CAPTURE(screen.zoom);
      CAPTURE(theme);
      const ProcessResult result = run_command(command, scratch);
      INFO("stderr: ", result.err);
      REQUIRE(result.exit_code == 0);
      const nlohmann::json ui = nlohmann::json::parse(read_file(dump));

      CHECK(ui["window"] == nlohmann::json({screen.width, screen.height}));
      CHECK(ui["zoom"] == screen.zoom);
      CHECK(ui["theme"] == theme);
      CHECK(ui["panes"].size() >= 1);
      CHECK(ui["items"].size() >= 1);

      INFO("overlapping items:", describe(ui["overlaps"]));
      CHECK(ui["overlaps"].empty());

      // A label may be elided with "..." (the whole text shows on hover), never cut; and the
      // buttons a teacher presses are always whole.
      nlohmann::json cut = nlohmann::json::array();
      for (const auto& item : ui["items"]) {
        const std::string label = item["label"];
        const bool is_button = std::find(std::begin(kButtons), std::end(kButtons), label) != std::end(kButtons);
        if (item["clipped"].get<bool>() && (is_button || !label.ends_with("..."))) cut.push_back(item);
      }
      INFO("cut labels:", describe(cut));
      CHECK(cut.empty());

      for (const auto& region : ui["regions"]) {
        const std::int64_t size = region["size"];
        if (size >= kWholeRegionBytes) continue;
        nlohmann::json drawn;
        for (const auto& grid : ui["grids"])
          if (grid["region"] == region["region"]) drawn = grid;
        INFO("region ", region.dump(), " grid ", drawn.dump());
        REQUIRE_FALSE(drawn.is_null());
        CHECK(covers_all(drawn["visible"], size));
      }
    }
  }
}

}  // namespace

// A step of each lesson where its names are on screen (the last step shows them all; lessons 2
// and 9 also at step 2, the pictures the lessons are about; lesson 10 where one edit shows in
// every view of the image, lesson 11 where the file's bytes are read both ways).
TEST_CASE("classroom screens: lesson 1") { check_lesson_on_classroom_screens("01-why-buffer-protocol.md", 5); }
TEST_CASE("classroom screens: lesson 2 step 2") { check_lesson_on_classroom_screens("02-numpy-cast-one-byte.md", 2); }
TEST_CASE("classroom screens: lesson 2") { check_lesson_on_classroom_screens("02-numpy-cast-one-byte.md", 4); }
TEST_CASE("classroom screens: lesson 3") { check_lesson_on_classroom_screens("03-bytes-and-slices.md", 5); }
TEST_CASE("classroom screens: lesson 4") { check_lesson_on_classroom_screens("04-copy-versus-view.md", 3); }
TEST_CASE("classroom screens: lesson 5") { check_lesson_on_classroom_screens("05-array-array.md", 3); }
TEST_CASE("classroom screens: lesson 6") { check_lesson_on_classroom_screens("06-memoryview-over-array.md", 3); }
TEST_CASE("classroom screens: lesson 7") { check_lesson_on_classroom_screens("07-sharing-diagram.md", 4); }
TEST_CASE("classroom screens: lesson 8") { check_lesson_on_classroom_screens("08-struct-unpack-from.md", 10); }
TEST_CASE("classroom screens: lesson 9 step 2") {
  check_lesson_on_classroom_screens("09-when-not-to-use-memoryview.md", 2);
}
TEST_CASE("classroom screens: lesson 9") { check_lesson_on_classroom_screens("09-when-not-to-use-memoryview.md", 6); }
TEST_CASE("classroom screens: lesson 10") { check_lesson_on_classroom_screens("10-images-are-buffers.md", 4); }
TEST_CASE("classroom screens: lesson 11") { check_lesson_on_classroom_screens("11-byte-order.md", 8); }

}  // namespace bufferlab::testing

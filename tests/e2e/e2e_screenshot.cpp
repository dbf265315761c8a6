// End to end: starts its own Xvfb on a free display, runs the real `bufferlab --script ...
// --screenshot` and checks the PNG is a real rendering of the panes at the asked size.
#include <doctest/doctest.h>
#include <stb/stb_image.h>

#include <cstdlib>
#include <set>
#include <tuple>
#include <string>

#include "tests/support/process_helpers.h"
#include "tests/support/virtual_display.h"

namespace bufferlab::testing {

namespace {

struct Image {
  int width = 0, height = 0;
  std::set<unsigned> colours;  // distinct RGB values
};

Image load_png(const std::string& path) {
  Image image;
  int channels = 0;
  unsigned char* pixels = stbi_load(path.c_str(), &image.width, &image.height, &channels, 3);
  if (!pixels) return image;
  for (int i = 0; i < image.width * image.height; ++i) {
    const unsigned char* p = pixels + static_cast<std::size_t>(i) * 3;
    image.colours.insert((unsigned(p[0]) << 16) | (unsigned(p[1]) << 8) | p[2]);
  }
  stbi_image_free(pixels);
  return image;
}

}  // namespace

TEST_CASE("bufferlab --screenshot renders the panes under Xvfb") {
  VirtualDisplay display;
  REQUIRE_MESSAGE(!display.display().empty(), "Xvfb did not start");
  ScratchDir scratch;
  write_file(scratch / "seed.py",
             "import array\n"
             "arr = array.array('I', range(5))\n"
             "mv = memoryview(arr)\n"
             "slice_mv = mv[1:4]\n"
             "slice_mv[0] = 99\n"
             "print('ran')\n");
  for (const auto& [size, width, height] : {std::tuple{"1280x800", 1280, 800}, std::tuple{"1920x1080", 1920, 1080}}) {
    const std::string png = (scratch / (std::string(size) + ".png")).string();
    const std::string command = "DISPLAY=" + display.display() + " XDG_CONFIG_HOME=" +
                                shell_quote(scratch.path().string()) + " " + BUFFERLAB_BINARY +
                                " --script " + shell_quote((scratch / "seed.py").string()) +
                                " --screenshot " + shell_quote(png) + " --frames 3 --size " + size;
    const ProcessResult result = run_command(command, scratch);
    INFO("stderr: ", result.err);
    REQUIRE(result.exit_code == 0);
    const Image image = load_png(png);
    CHECK(image.width == width);
    CHECK(image.height == height);
    // A real rendering: text, tints and pane frames give many distinct colours.
    CHECK(image.colours.size() > 50);
  }
  // Screenshots leave the user's layout file alone.
  CHECK_FALSE(std::filesystem::exists(scratch / "bufferlab" / "layout.ini"));
}

TEST_CASE("bufferlab --lesson FILE --step K --screenshot opens the window on step K after running 1..K") {
  VirtualDisplay display;
  REQUIRE_MESSAGE(!display.display().empty(), "Xvfb did not start");
  ScratchDir scratch;
  const std::string lesson = std::string(BUFFERLAB_SOURCE_DIR) + "/assets/lessons/02-numpy-cast-one-byte.md";
  const std::string png = (scratch / "lesson.png").string();
  const std::string command = "DISPLAY=" + display.display() + " XDG_CONFIG_HOME=" +
                              shell_quote(scratch.path().string()) + " " + BUFFERLAB_BINARY + " --lesson " +
                              shell_quote(lesson) + " --step 2 --screenshot " + shell_quote(png) +
                              " --size 1920x1080";
  const ProcessResult result = run_command(command, scratch);
  INFO("stderr: ", result.err);
  REQUIRE(result.exit_code == 0);
  // The steps' output went to the transcript, not to stdout.
  CHECK(result.out.empty());
  const Image image = load_png(png);
  CHECK(image.width == 1920);
  CHECK(image.height == 1080);
  CHECK(image.colours.size() > 50);
}

}  // namespace bufferlab::testing

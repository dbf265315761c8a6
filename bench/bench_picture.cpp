// Prints the CPU time to build one frame with a 4096x4096x4 uint8 image (64 MB) on screen as a
// picture next to a 20-byte buffer, idle and on frames that apply a one-pixel edit, and the same
// with a 64x64x4 picture and with only the 20-byte buffer: the frame's cost must not grow with
// the image. Headless ImGui,
// pictures kept by the in-memory texture store (the same uploads the GL backend would get).
#include <imgui.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "app/controller/workbench.h"
#include "app/widgets/picture_texture_store.h"
#include "bench/headless_window.h"
#include "core/py/session.h"

using namespace bufferlab;
using namespace bufferlab::bench;

namespace {

struct Result {
  double first_ms = 0;  // the frame that adopts the snapshot and renders the pictures whole
  Spread idle, edit;
  std::int64_t pixels_per_edit = 0;  // uploaded on an edit frame
  bool picture_shown = false;
};

// `edited` is the name written on the edit frames: element `index` gets values that change
// every frame.
Result measure(const char* code, const std::string& edited, std::vector<std::int64_t> index, int frames) {
  Result result;
  PictureTextureStore store;
  HeadlessWindow window(ImVec2(1280, 800));
  Workbench& workbench = window.workbench();
  workbench.views_pane().set_picture_backend(&store);
  result.first_ms = window.run_cell(code).second;
  for (int i = 0; i < 30; ++i) window.frame();  // warm up
  for (const auto& [id, texture] : store.textures())
    if (texture.width >= 4096) result.picture_shown = true;
  std::vector<double> idle, edit;
  for (int i = 0; i < frames; ++i) idle.push_back(window.frame());
  const int view = workbench.state().view_index(edited);
  for (int i = 0; i < frames; ++i) {
    workbench.commands().push(WriteElement{view, index, std::to_string(i % 200 + 1)});
    store.clear_uploads();
    edit.push_back(window.frame());
    result.pixels_per_edit = std::max(result.pixels_per_edit, store.uploaded_pixels());
    index.back() = (index.back() + 1) % 4;
  }
  result.idle = spread(idle);
  result.edit = spread(edit);
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  const int frames = argc > 1 ? std::max(10, std::atoi(argv[1])) : 200;
  Interpreter interpreter;
  const char* with_image =
      "import numpy as np\n"
      "big = np.zeros((4096, 4096, 4), np.uint8)\n"
      "big[..., 0] = np.arange(4096, dtype=np.uint32)[None, :] % 256\n"
      "big[..., 1] = np.arange(4096, dtype=np.uint32)[:, None] % 256\n"
      "big[..., 3] = 255\n"
      "small = bytearray(20)\n";
  const char* with_small_image =
      "import numpy as np\n"
      "big = np.zeros((64, 64, 4), np.uint8)\n"
      "big[..., 3] = 255\n"
      "small = bytearray(20)\n";
  const char* small_only = "small = bytearray(20)\n";
  std::printf("CPU ms to build one frame at 1280x800, all panes open, headless ImGui, pictures in the in-memory\n"
              "texture store (median / max of %d frames)\n",
              frames);
  const Result image = measure(with_image, "big", {100, 200, 0}, frames);
  const Result little = measure(with_small_image, "big", {10, 20, 0}, frames);
  const Result small = measure(small_only, "small", {0}, frames);
  std::printf("64 MB 4096x4096x4 uint8 picture + 20-byte buffer (picture %s)\n", image.picture_shown ? "on screen" : "NOT SHOWN");
  std::printf("    first frame (snapshot adopted, picture rendered whole): %.1f ms\n", image.first_ms);
  std::printf("    idle               %8.3f / %8.3f ms\n", image.idle.median, image.idle.max);
  std::printf("    one-pixel edit     %8.3f / %8.3f ms  (%lld pixels uploaded per edit frame at most)\n",
              image.edit.median, image.edit.max, static_cast<long long>(image.pixels_per_edit));
  std::printf("16 KB 64x64x4 uint8 picture + 20-byte buffer\n");
  std::printf("    idle               %8.3f / %8.3f ms\n", little.idle.median, little.idle.max);
  std::printf("    one-pixel edit     %8.3f / %8.3f ms\n", little.edit.median, little.edit.max);
  std::printf("20-byte buffer only\n");
  std::printf("    idle               %8.3f / %8.3f ms\n", small.idle.median, small.idle.max);
  std::printf("    one-element edit   %8.3f / %8.3f ms\n", small.edit.median, small.edit.max);
  std::printf("ratio 64 MB picture / 16 KB picture: idle %.2f, edit %.2f\n", image.idle.median / little.idle.median,
              image.edit.median / little.edit.median);
  std::printf("ratio 64 MB picture / 20 B alone:   idle %.2f, edit %.2f\n", image.idle.median / small.idle.median,
              image.edit.median / small.edit.median);
  return 0;
}

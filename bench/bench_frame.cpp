// Prints the CPU time to build one frame of the window with every pane open (headless ImGui,
// no GL), on the seed's 100 MB buffer and on a 20-byte one: the median over many frames.
#include <imgui.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/window/fonts.h"
#include "app/controller/workbench.h"
#include "core/py/session.h"

using namespace bufferlab;

namespace {

double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Result {
  double median_ms = 0, p90_ms = 0;
  std::size_t byte_cells = 0, element_cells = 0;
  int vertices = 0;
  double wall_median_ms = 0;
  double adopt_ms = 0;  // the frame that takes the finished cell's snapshot (minimaps, flashes)
};

Result measure(const char* code, ImVec2 display, int frames) {
  Session session;
  ImGuiContext* context = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = display;
  io.DeltaTime = 1.0f / 60.0f;
  const UiFonts fonts = load_fonts();
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  Result result;
  {
    auto workbench = std::make_unique<Workbench>(session, nullptr);
    workbench->set_fonts(fonts);
    double now = 0;
    auto frame = [&] {
      now += 1.0 / 60.0;
      ImGui::NewFrame();
      workbench->frame(now);
      ImGui::Render();
    };
    workbench->submit(code);
    frame();
    while (workbench->busy()) {
      workbench->wait_idle(0.1);
      const double start = thread_cpu_ms();
      frame();
      result.adopt_ms = std::max(result.adopt_ms, thread_cpu_ms() - start);
    }
    // Hover a byte of the first grid so highlighting is part of the frame.
    FrameProbe probe;
    workbench->set_probe(&probe);
    frame();
    frame();
    if (!probe.bytes.empty()) {
      const auto& cell = probe.bytes.front();
      io.MousePos = ImVec2((cell.min.x + cell.max.x) / 2, (cell.min.y + cell.max.y) / 2);
    }
    result.byte_cells = probe.bytes.size();
    result.element_cells = probe.elements.size();
    workbench->set_probe(nullptr);
    for (int i = 0; i < 30; ++i) frame();  // warm up (and let flashes expire)
    std::vector<double> times, walls;
    for (int i = 0; i < frames; ++i) {
      const double start = thread_cpu_ms();
      const auto wall = std::chrono::steady_clock::now();
      frame();
      times.push_back(thread_cpu_ms() - start);
      walls.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall).count());
    }
    result.vertices = ImGui::GetDrawData()->TotalVtxCount;
    std::sort(walls.begin(), walls.end());
    result.wall_median_ms = walls[walls.size() / 2];
    std::sort(times.begin(), times.end());
    result.median_ms = times[times.size() / 2];
    result.p90_ms = times[times.size() * 9 / 10];
    if (std::getenv("BENCH_FRAME_RAW")) std::printf("min %.4f max %.4f\n", times.front(), times.back());
  }
  ImGui::DestroyContext(context);
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  const int frames = argc > 1 ? std::max(10, std::atoi(argv[1])) : 400;
  Interpreter interpreter;
  const char* big =
      "data = b'A' * 100_000_000\n"
      "s1 = data[1_000_000 : 50_000_000]\n"
      "mv = memoryview(data)\n"
      "s2 = mv[1_000_000 : 50_000_000]\n";
  const char* small =
      "import array\n"
      "arr = array.array('I', range(5))\n"
      "mv = memoryview(arr)\n"
      "slice_mv = mv[1:4]\n";
  // Same names over 4 KiB: as much on screen as the 100 MB case, so the two compare the cost of
  // buffer size alone.
  const char* screenful =
      "data = b'A' * 4096\n"
      "s1 = data[100 : 2100]\n"
      "mv = memoryview(data)\n"
      "s2 = mv[100 : 2100]\n";
  std::printf("CPU time to build one frame, all panes open, headless ImGui (median of %d frames)\n", frames);
  for (ImVec2 display : {ImVec2(1280, 800), ImVec2(1920, 1080)}) {
    const Result large = measure(big, display, frames);
    const Result tiny = measure(small, display, frames);
    const Result same = measure(screenful, display, frames);
    for (const auto& [label, r] : {std::pair{"100 MB buffer", large}, std::pair{"20-byte buffer", tiny}, std::pair{"4 KiB buffer", same}})
      std::printf("%4.0fx%-4.0f  %-15s %.3f ms CPU (p90 %.3f, wall %.3f; %zu byte cells, %zu element cells, %d vertices)\n",
                  display.x, display.y, label, r.median_ms, r.p90_ms, r.wall_median_ms, r.byte_cells,
                  r.element_cells, r.vertices);
    std::printf("%4.0fx%-4.0f  once per cell, the frame adopting the new snapshot: %.1f ms (100 MB), %.3f ms (20 B)\n",
                display.x, display.y, large.adopt_ms, tiny.adopt_ms);
    std::printf("%4.0fx%-4.0f  ratio 100 MB / 20 B: %.2f   100 MB / 4 KiB (same cells on screen): %.2f\n",
                display.x, display.y, large.median_ms / tiny.median_ms, large.median_ms / same.median_ms);
  }
  return 0;
}

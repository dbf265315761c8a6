// Prints the CPU time to build one frame of the window with every pane open (headless ImGui,
// no GL), on the seed's 100 MB buffer and on a 20-byte one: the median over many frames. Then
// the same with 10,000 buffer-exporting names: idle, hovering and scrolling, and the frame that
// adopts their snapshot. `bench_frame --many [FRAMES]` prints only the 10,000-name figures.
#include <imgui.h>
#include <time.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "app/window/fonts.h"
#include "app/controller/workbench.h"
#include "bench/headless_window.h"
#include "core/py/session.h"

using namespace bufferlab;
using bufferlab::bench::thread_cpu_ms;

namespace {

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

struct Spread {
  double median_ms = 0, max_ms = 0;
};

Spread spread(std::vector<double> times) {
  std::sort(times.begin(), times.end());
  return {times[times.size() / 2], times.back()};
}

struct ManyResult {
  double adopt_cpu_ms = 0, adopt_wall_ms = 0;  // the frame that takes the new snapshot
  Spread idle, hover, scroll;
  std::size_t elements_drawn = 0, bytes_drawn = 0;
};

// Many names: the frame that adopts their snapshot, then frames idle, with the pointer moving
// over cells (hover highlights) and with the wheel scrolling the Views and Memory panes.
ManyResult measure_many(const char* code, ImVec2 display, int frames) {
  Session session;
  ImGuiContext* context = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = display;
  io.DeltaTime = 1.0f / 60.0f;
  // As the window's OpenGL 3 renderer: draw lists past 64k vertices are split, not refused.
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
  const UiFonts fonts = load_fonts();
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  ManyResult result;
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
    frame();
    workbench->submit(code);
    frame();
    while (workbench->busy()) {
      if (!workbench->wait_idle(0.1)) {  // still running: the window keeps drawing meanwhile
        frame();
        continue;
      }
      const double start = thread_cpu_ms();
      const auto wall = std::chrono::steady_clock::now();
      frame();
      result.adopt_cpu_ms = thread_cpu_ms() - start;
      result.adopt_wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall).count();
    }
    FrameProbe probe;
    workbench->set_probe(&probe);
    frame();
    frame();
    std::vector<ImVec2> targets;  // cells to hover: the first elements and bytes drawn
    for (std::size_t i = 0; i < probe.elements.size() && i < 8; ++i)
      targets.push_back(ImVec2((probe.elements[i].min.x + probe.elements[i].max.x) / 2,
                               (probe.elements[i].min.y + probe.elements[i].max.y) / 2));
    for (std::size_t i = 0; i < probe.bytes.size() && i < 8; ++i)
      targets.push_back(ImVec2((probe.bytes[i].min.x + probe.bytes[i].max.x) / 2,
                               (probe.bytes[i].min.y + probe.bytes[i].max.y) / 2));
    std::vector<ImVec2> panes;  // the middle of the Views and Memory panes, to scroll
    for (const DrawnPane& pane : probe.panes)
      if (pane.title == "Views" || pane.title == "Memory")
        panes.push_back(ImVec2((pane.min.x + pane.max.x) / 2, (pane.min.y + pane.max.y) / 2));
    if (std::getenv("BENCH_FRAME_PANES"))
      for (const DrawnPane& pane : probe.panes) std::printf("pane %s\n", pane.title.c_str());
    result.elements_drawn = probe.elements.size();
    result.bytes_drawn = probe.bytes.size();
    workbench->set_probe(nullptr);
    auto timed = [&](auto&& before_frame) {
      std::vector<double> times;
      for (int i = 0; i < frames; ++i) {
        before_frame(i);
        const double start = thread_cpu_ms();
        frame();
        times.push_back(thread_cpu_ms() - start);
      }
      return spread(std::move(times));
    };
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    for (int i = 0; i < 5; ++i) frame();
    result.idle = timed([](int) {});
    result.hover = timed([&](int i) {
      if (!targets.empty()) io.MousePos = targets[static_cast<std::size_t>(i) % targets.size()];
    });
    result.scroll = timed([&](int i) {
      if (panes.empty()) return;
      io.MousePos = panes[static_cast<std::size_t>(i / 4) % panes.size()];
      io.MouseWheel = -3.0f;  // reset by ImGui after each frame
    });
  }
  ImGui::DestroyContext(context);
  return result;
}

void print_many(int frames) {
  const char* bytearrays =
      "for i in range(10000):\n"
      "    globals()[f'b{i}'] = bytearray(16)\n";
  const char* mixed =
      "import numpy as np\n"
      "for i in range(5000):\n"
      "    globals()[f'b{i}'] = bytearray(16)\n"
      "for i in range(2500):\n"
      "    globals()[f'm{i}'] = memoryview(globals()[f'b{i}'])[2:10]\n"
      "    globals()[f'a{i}'] = np.arange(4, dtype=np.int32)\n";
  std::printf("10,000 buffer-exporting names, all panes open, headless ImGui: CPU ms per frame (median / max of %d)\n",
              frames);
  const ImVec2 display(1280, 800);
  for (const auto& [label, code] : {std::pair{"10,000 bytearray(16)", bytearrays},
                                    std::pair{"5,000 bytearray + 2,500 memoryview + 2,500 ndarray", mixed}}) {
    const ManyResult r = measure_many(code, display, frames);
    std::printf("%4.0fx%-4.0f  %s\n", display.x, display.y, label);
    std::printf("    snapshot adopted (the frame after the cell): %.1f ms CPU, %.1f ms wall\n", r.adopt_cpu_ms,
                r.adopt_wall_ms);
    std::printf("    idle      %8.3f / %8.3f ms\n", r.idle.median_ms, r.idle.max_ms);
    std::printf("    hovering  %8.3f / %8.3f ms\n", r.hover.median_ms, r.hover.max_ms);
    std::printf("    scrolling %8.3f / %8.3f ms\n", r.scroll.median_ms, r.scroll.max_ms);
    std::printf("    drawn in a frame: %zu element cells, %zu byte cells\n", r.elements_drawn, r.bytes_drawn);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--many") {
    Interpreter interpreter;
    print_many(argc > 2 ? std::max(3, std::atoi(argv[2])) : 60);
    return 0;
  }
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
  print_many(60);
  return 0;
}

// What the window benchmarks share: CPU time of this thread, a median and maximum, and a
// headless window (an ImGui context with the fonts baked, a workbench over a session) that
// draws frames as the window would and runs cells between them.
#pragma once

#include <imgui.h>
#include <time.h>

#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "app/controller/workbench.h"
#include "app/window/fonts.h"
#include "core/py/session.h"

namespace bufferlab::bench {

inline double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Spread {
  double median = 0, max = 0;
};

inline Spread spread(std::vector<double> values) {
  if (values.empty()) return {};
  std::sort(values.begin(), values.end());
  return {values[values.size() / 2], values.back()};
}

class HeadlessWindow {
 public:
  explicit HeadlessWindow(ImVec2 size = ImVec2(1280, 720)) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = size;
    io.DeltaTime = 1.0f / 60.0f;
    fonts_ = load_fonts();
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    workbench_ = std::make_unique<Workbench>(session_, nullptr);
    workbench_->set_fonts(fonts_);
    frame();
  }
  ~HeadlessWindow() {
    workbench_.reset();
    ImGui::DestroyContext(context_);
  }
  HeadlessWindow(const HeadlessWindow&) = delete;
  HeadlessWindow& operator=(const HeadlessWindow&) = delete;

  Workbench& workbench() { return *workbench_; }

  // One frame; returns its CPU time (this thread).
  double frame() {
    const double start = thread_cpu_ms();
    now_ += 1.0 / 60.0;
    ImGui::NewFrame();
    workbench_->frame(now_);
    ImGui::Render();
    return thread_cpu_ms() - start;
  }

  // Submits `code` (one frame starts it), then frames as a window would draw them, 60 a second
  // while the cell runs, until the frame that adopts the snapshot. Returns the CPU ms of the
  // frame that started the cell and of the one that adopted its snapshot.
  std::pair<double, double> run_cell(const char* code) {
    workbench_->submit(code);
    const double start_frame = frame();
    double adopt_frame = 0;
    while (workbench_->busy()) {
      const bool finished = workbench_->wait_idle(1.0 / 60.0);
      const double cpu = frame();
      if (finished) adopt_frame = cpu;
    }
    return {start_frame, adopt_frame};
  }

 private:
  Session session_;
  ImGuiContext* context_ = nullptr;
  UiFonts fonts_;
  std::unique_ptr<Workbench> workbench_;
  double now_ = 0;
};

}  // namespace bufferlab::bench

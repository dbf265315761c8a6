// Drives the real workbench in a headless ImGui context (no window, no GL): runs cells, moves
// the mouse, clicks, types and presses keys frame by frame, and finds drawn cells by what
// the panes recorded in the last frame.
#pragma once

#include <imgui.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>

#include "app/window/fonts.h"
#include "app/controller/workbench.h"
#include "core/py/session.h"
#include "tests/support/python_fixture.h"

namespace bufferlab::testing {

// Key indices as the GLFW backend numbers them (letters are their ASCII codes).
enum TestKey {
  kKeyEscape = 256, kKeyEnter = 257, kKeyTab = 258, kKeyBackspace = 259, kKeyDelete = 261,
  kKeyRight = 262, kKeyLeft = 263, kKeyDown = 264, kKeyUp = 265, kKeyPageUp = 266,
  kKeyPageDown = 267, kKeyHome = 268, kKeyEnd = 269, kKeyLeftCtrl = 341,
};

class GuiHarness {
 public:
  explicit GuiHarness(ImVec2 display = ImVec2(1280, 800)) {
    ensure_interpreter();
    session_ = std::make_unique<Session>();
    set_up(display, [&] { return std::make_unique<Workbench>(*session_, nullptr); });
  }
  // A workbench that starts Python with `starter` on its worker, as the window does; the test
  // calls workbench().begin_python() when it wants the start to begin.
  GuiHarness(PythonStarter starter, ImVec2 display) {
    set_up(display, [&] { return std::make_unique<Workbench>(std::move(starter), nullptr); });
  }
  ~GuiHarness() {
    workbench_.reset();
    ImGui::DestroyContext(context_);
    session_.reset();
  }

 private:
  template <typename MakeWorkbench>
  void set_up(ImVec2 display, MakeWorkbench make_workbench) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = display;
    io.DeltaTime = 1.0f / 60.0f;
    const int keys[][2] = {{ImGuiKey_Tab, kKeyTab},         {ImGuiKey_LeftArrow, kKeyLeft},
                           {ImGuiKey_RightArrow, kKeyRight}, {ImGuiKey_UpArrow, kKeyUp},
                           {ImGuiKey_DownArrow, kKeyDown},   {ImGuiKey_PageUp, kKeyPageUp},
                           {ImGuiKey_PageDown, kKeyPageDown}, {ImGuiKey_Home, kKeyHome},
                           {ImGuiKey_End, kKeyEnd},          {ImGuiKey_Delete, kKeyDelete},
                           {ImGuiKey_Backspace, kKeyBackspace}, {ImGuiKey_Enter, kKeyEnter},
                           {ImGuiKey_Escape, kKeyEscape},    {ImGuiKey_A, 'A'},
                           {ImGuiKey_C, 'C'},                {ImGuiKey_V, 'V'},
                           {ImGuiKey_X, 'X'},                {ImGuiKey_Y, 'Y'},
                           {ImGuiKey_Z, 'Z'}};
    for (const auto& key : keys) io.KeyMap[key[0]] = key[1];
    fonts_ = load_fonts();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    workbench_ = make_workbench();
    workbench_->set_fonts(fonts_);
    workbench_->set_probe(&probe_);
    frame();
    frame();
  }

 public:
  GuiHarness(const GuiHarness&) = delete;
  GuiHarness& operator=(const GuiHarness&) = delete;

  Workbench& workbench() { return *workbench_; }
  AppState& state() { return workbench_->state(); }
  // What the panes drew in the last frame.
  const FrameProbe& probe() const { return probe_; }
  Session& session() { return *session_; }
  ImGuiIO& io() { return ImGui::GetIO(); }

  void resize(ImVec2 display) {
    io().DisplaySize = display;
    frame();
    frame();
  }

  void frame() {
    time_ += 1.0 / 60.0;
    ImGui::NewFrame();
    workbench_->frame(time_);
    ImGui::Render();
  }

  // Submits console text (as Enter would) and draws frames until the cell has finished.
  void submit(const std::string& text) {
    workbench_->submit(text);
    frame();
    settle();
  }
  void settle() {
    for (int i = 0; i < 2000 && workbench_->busy(); ++i) {
      workbench_->wait_idle(0.05);
      frame();
    }
    REQUIRE_FALSE(workbench_->busy());
    frame();
  }

  void move_to(ImVec2 at) {
    io().MousePos = at;
    frame();
  }
  void click(ImVec2 at) {
    move_to(at);
    io().MouseDown[0] = true;
    frame();
    io().MouseDown[0] = false;
    frame();
  }
  void double_click(ImVec2 at) {
    move_to(at);
    io().MouseDown[0] = true;
    frame();
    io().MouseDown[0] = false;
    frame();
    io().MouseDown[0] = true;
    frame();
    io().MouseDown[0] = false;
    frame();
  }
  void type(const std::string& text) {
    for (char c : text) io().AddInputCharacter(static_cast<unsigned>(static_cast<unsigned char>(c)));
    frame();
  }
  void press(int key, bool ctrl = false) {
    io().KeyCtrl = ctrl;
    io().KeysDown[key] = true;
    frame();
    io().KeysDown[key] = false;
    io().KeyCtrl = false;
    frame();
  }

  // Lookups in what the last frame drew.
  int view(const std::string& name) const { return workbench_->state().view_index(name); }
  const DisplayView& view_of(const std::string& name) {
    const int index = view(name);
    REQUIRE(index >= 0);
    return state().views[static_cast<std::size_t>(index)];
  }
  // The byte at `offset` from buf of the name's view, read from live memory.
  std::uint8_t byte_of(const std::string& name, std::int64_t offset) {
    const DisplayView& shown = view_of(name);
    std::uint8_t value = 0;
    const auto error = session().read_region(shown.region, [&](const std::uint8_t* base) {
      const Region& region = state().snapshot.regions[static_cast<std::size_t>(shown.region)];
      value = base[shown.facts.address - region.address + static_cast<std::uintptr_t>(offset)];
    });
    REQUIRE_FALSE(error.has_value());
    return value;
  }
  std::optional<DrawnByteCell> byte_cell(std::uintptr_t address) {
    for (const DrawnByteCell& cell : probe().bytes)
      if (cell.address == address) return cell;
    return std::nullopt;
  }
  std::optional<DrawnElementCell> element_cell(const std::string& name, std::int64_t flat) {
    const int v = view(name);
    for (const DrawnElementCell& cell : probe().elements)
      if (cell.view == v && cell.flat == flat) return cell;
    return std::nullopt;
  }
  // Whether an element / a byte is highlighted: as drawn when it is on screen, else as the
  // model the panes draw from says.
  bool highlighted(const std::string& name, std::int64_t flat) {
    if (auto cell = element_cell(name, flat)) return cell->highlighted;
    return state().highlight.has_element(view(name), flat);
  }
  bool byte_highlighted(std::uintptr_t address) {
    if (auto cell = byte_cell(address)) return cell->source_highlight;
    return state().highlight.is_source_byte(state().highlight.region, address);
  }
  static ImVec2 centre(ImVec2 min, ImVec2 max) { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
  // The most vertices one draw list of the last rendered frame holds. Here (no renderer, so no
  // vertex offsets) a list must stay under 65,536: its indices are 16-bit.
  static int largest_draw_list() {
    const ImDrawData* data = ImGui::GetDrawData();
    int largest = 0;
    for (int i = 0; data && i < data->CmdListsCount; ++i) largest = std::max(largest, data->CmdLists[i]->VtxBuffer.Size);
    return largest;
  }
  std::string transcript() const {
    std::string text;
    for (const TranscriptLine& line : workbench_->state().transcript) text += line.text;
    return text;
  }

 private:
  std::unique_ptr<Session> session_;
  ImGuiContext* context_ = nullptr;
  UiFonts fonts_;
  FrameProbe probe_;
  std::unique_ptr<Workbench> workbench_;
  double time_ = 0.0;
};

// Draws frames until `done` or the generous bounded wait runs out.
template <typename Done>
bool frames_until(GuiHarness& h, Done done, double seconds = 30.0) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    h.workbench().wait_idle(0.05);
    h.frame();
  }
  return true;
}

}  // namespace bufferlab::testing

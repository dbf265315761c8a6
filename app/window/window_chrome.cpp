// Menu bar, Open lesson dialog, window-wide shortcuts and the splitters between the panes.
#include "app/window/window_chrome.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <utility>

#include "app/window/keys.h"

namespace bufferlab {

namespace {

// A bar between two panes; dragging it moves `fraction` within [lower, upper]. True when a drag
// ended.
bool splitter(const char* id, bool vertical, const ImVec2& min, const ImVec2& max, float* fraction, float per_pixel,
              float lower, float upper) {
  ImGui::SetCursorScreenPos(min);
  ImGui::InvisibleButton(id, ImVec2(std::max(1.0f, max.x - min.x), std::max(1.0f, max.y - min.y)));
  const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
  if (hovered || active) ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
  ImGui::GetWindowDrawList()->AddRectFilled(
      min, max,
      ImGui::GetColorU32(active ? ImGuiCol_SeparatorActive : hovered ? ImGuiCol_SeparatorHovered : ImGuiCol_Separator,
                         active || hovered ? 1.0f : 0.35f));
  if (active) {
    const float delta = vertical ? ImGui::GetIO().MouseDelta.x : ImGui::GetIO().MouseDelta.y;
    *fraction = std::clamp(*fraction + delta * per_pixel, lower, upper);
  }
  return ImGui::IsItemDeactivated();
}

}  // namespace

void WindowChrome::handle_shortcuts(const AppState& state, CommandQueue& commands) {
  // Ctrl+C interrupts a running cell wherever the keyboard focus is.
  const ImGuiIO& io = ImGui::GetIO();
  if (state.cell_running && io.KeyCtrl && ImGui::IsKeyPressed(keys::C)) commands.push(InterruptCell{});
  if (!io.WantTextInput && io.KeyCtrl && ImGui::IsKeyPressed(keys::L)) commands.push(ClearTranscript{});
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) && !io.WantTextInput) commands.push(PinHighlight{});
  if (io.KeyCtrl && ImGui::IsKeyPressed(keys::O, false)) open_dialog_requested_ = true;

  // Font zoom: Ctrl+= (also Ctrl++ and the keypad's +), Ctrl+-, Ctrl+0.
  if (!io.KeyCtrl) return;
  int zoom = 2;  // none
  if (ImGui::IsKeyPressed(keys::Equal) || ImGui::IsKeyPressed(keys::KeypadPlus)) zoom = 1;
  if (ImGui::IsKeyPressed(keys::Minus) || ImGui::IsKeyPressed(keys::KeypadMinus)) zoom = -1;
  if (ImGui::IsKeyPressed(keys::Zero, false) || ImGui::IsKeyPressed(keys::KeypadZero, false)) zoom = 0;
  if (zoom != 2) {
    layout_.step_zoom(zoom);
    layout_changed_ = true;
  }
}

void WindowChrome::set_theme(Theme theme) {
  apply_theme(theme);
  layout_.light = theme == Theme::Light;
}

void WindowChrome::draw_menu_bar(const AppState& state, CommandQueue& commands) {
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open lesson...", "Ctrl+O")) open_dialog_requested_ = true;
    if (ImGui::BeginMenu("Built-in lessons", !state.lesson.catalog.empty())) {
      for (const LessonEntry& entry : state.lesson.catalog)
        if (ImGui::MenuItem(entry.title.c_str())) commands.push(OpenLesson{entry.path});
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem("Restart lesson", nullptr, false, state.lesson.lesson.has_value()))
      commands.push(RestartLesson{});
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    auto zoom = [&](int direction) {
      layout_.step_zoom(direction);
      layout_changed_ = true;
    };
    if (ImGui::MenuItem("Larger text", "Ctrl+=")) zoom(1);
    if (ImGui::MenuItem("Smaller text", "Ctrl+-")) zoom(-1);
    if (ImGui::MenuItem("Default text size", "Ctrl+0")) zoom(0);
    ImGui::Separator();
    if (ImGui::MenuItem("Light theme (for projectors)", nullptr, layout_.light)) {
      set_theme(layout_.light ? Theme::Dark : Theme::Light);
      layout_changed_ = true;
    }
    ImGui::EndMenu();
  }
  ImGui::TextDisabled("text %d%%", static_cast<int>(layout_.zoom * 100.0f + 0.5f));
  ImGui::EndMenuBar();
}

// File > Open...: a path typed in (lessons are files the teacher brought: .md or .ipynb).
void WindowChrome::draw_open_dialog(const AppState& state, float ui_scale) {
  if (std::exchange(open_dialog_requested_, false)) ImGui::OpenPopup("Open lesson");
  const ImVec2 centre(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.4f);
  ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Open lesson", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted("A lesson file: Markdown (.md) or a Jupyter notebook (.ipynb).");
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const float field_width = std::min(ImGui::GetIO().DisplaySize.x * 0.6f, 640.0f * ui_scale);
  ImGui::SetNextItemWidth(field_width);
  const bool entered =
      ImGui::InputTextWithHint("##path", "path/to/lesson.md", &open_path_, ImGuiInputTextFlags_EnterReturnsTrue);
  if (!state.lesson.load_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme_colours().failure);
    ImGui::PushTextWrapPos(field_width);
    ImGui::TextUnformatted(state.lesson.load_error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  const bool open = ImGui::Button("Open") || entered;
  // Loading a file is quick and needs no Python: done now, so the dialog can stay open with the
  // message when it fails.
  if (open && !open_path_.empty() && open_lesson_(open_path_)) ImGui::CloseCurrentPopup();
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

// The lesson over the console on the left; on the right memory | views over a bottom row of
// sharing | Py_buffer.
PaneRects WindowChrome::place_panes(float ui_scale) const {
  PaneRects r;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = 6.0f;
  r.width = std::max(avail.x, 200.0f);
  r.height = std::max(avail.y, 200.0f);
  const float width = r.width, height = r.height;
  const float min_left = std::min(300.0f * ui_scale, width * 0.4f);
  r.left_w = std::clamp(layout_.left * width, min_left, std::max(min_left, width - 520.0f * ui_scale));
  r.right_w = width - r.left_w - gap;
  r.mid_w = std::clamp(layout_.middle * r.right_w, std::min(260.0f * ui_scale, r.right_w * 0.5f),
                       std::max(r.right_w * 0.5f, r.right_w - 240.0f * ui_scale));
  const float bottom_h = std::clamp(layout_.bottom * height, std::min(140.0f * ui_scale, height * 0.3f),
                                    std::max(height * 0.3f, height - 300.0f * ui_scale));
  r.top_h = height - bottom_h - gap;
  r.lesson_h = std::clamp(layout_.lesson * height, std::min(200.0f * ui_scale, height * 0.4f),
                          std::max(height * 0.4f, height - 150.0f * ui_scale));
  r.sharing_w = std::clamp(layout_.lower * r.right_w, std::min(240.0f * ui_scale, r.right_w * 0.4f),
                           std::max(r.right_w * 0.4f, r.right_w - 260.0f * ui_scale));

  r.x0 = origin.x;
  r.y0 = origin.y;
  r.x1 = r.x0 + r.left_w + gap;     // right area
  r.x2 = r.x1 + r.mid_w + gap;      // views
  r.x3 = r.x1 + r.sharing_w + gap;  // Py_buffer
  r.y1 = r.y0 + r.top_h + gap;      // bottom row
  r.yc = r.y0 + r.lesson_h + gap;   // console
  r.right_edge = r.x0 + width;
  r.bottom_edge = r.y0 + height;

  r.lesson = {ImVec2(r.x0, r.y0), ImVec2(r.left_w, r.lesson_h)};
  r.console = {ImVec2(r.x0, r.yc), ImVec2(r.left_w, r.bottom_edge - r.yc)};
  r.memory = {ImVec2(r.x1, r.y0), ImVec2(r.mid_w, r.top_h)};
  r.views = {ImVec2(r.x2, r.y0), ImVec2(r.right_edge - r.x2, r.top_h)};
  r.sharing = {ImVec2(r.x1, r.y1), ImVec2(r.sharing_w, r.bottom_edge - r.y1)};
  r.inspector = {ImVec2(r.x3, r.y1), ImVec2(r.right_edge - r.x3, r.bottom_edge - r.y1)};
  return r;
}

void WindowChrome::draw_splitters(const PaneRects& r) {
  bool released = false;
  released |= splitter("##split_left", true, ImVec2(r.x0 + r.left_w, r.y0), ImVec2(r.x1, r.bottom_edge), &layout_.left,
                       1.0f / r.width, 0.12f, 0.6f);
  released |= splitter("##split_lesson", false, ImVec2(r.x0, r.y0 + r.lesson_h), ImVec2(r.x0 + r.left_w, r.yc),
                       &layout_.lesson, 1.0f / r.height, 0.2f, 0.85f);
  released |= splitter("##split_middle", true, ImVec2(r.x1 + r.mid_w, r.y0), ImVec2(r.x2, r.y0 + r.top_h),
                       &layout_.middle, 1.0f / r.right_w, 0.2f, 0.8f);
  released |= splitter("##split_bottom", false, ImVec2(r.x1, r.y0 + r.top_h), ImVec2(r.right_edge, r.y1),
                       &layout_.bottom, -1.0f / r.height, 0.12f, 0.6f);
  released |= splitter("##split_lower", true, ImVec2(r.x1 + r.sharing_w, r.y1), ImVec2(r.x3, r.bottom_edge),
                       &layout_.lower, 1.0f / r.right_w, 0.2f, 0.8f);
  if (released) layout_changed_ = true;
}

}  // namespace bufferlab

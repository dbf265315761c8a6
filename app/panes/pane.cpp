// The pane frame: title line, toolbar, content child, and the guard that keeps ImGui balanced.
#include "app/panes/pane.h"

#include <imgui_internal.h>

#include <algorithm>
#include <exception>
#include <string>

#include "app/widgets/ui_record.h"
#include "app/window/theme.h"

namespace bufferlab {

namespace {
void ignore_recovery_log(void*, const char*, ...) {}
}  // namespace

PaneFrameInput Pane::draw(PaneContext& context, const ImVec2& pos, const ImVec2& size) {
  PaneFrameInput input;
  if (context.probe)
    context.probe->panes.push_back({title(), pos, ImVec2(pos.x + size.x, pos.y + size.y)});
  ImGui::SetCursorScreenPos(pos);
  ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, 3.0f);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetColorU32(ImGuiCol_WindowBg));
  const bool open = ImGui::BeginChild(title(), size, true,
                                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  if (open) {
    ImGuiWindow* const pane_window = ImGui::GetCurrentWindow();
    const char* failure = nullptr;
    std::string message;
    float title_bottom = pos.y;
    try {
      ImGui::TextColored(theme_colours().title, "%s", title());
      title_bottom = ImGui::GetItemRectMax().y;
      ImGui::SameLine();
      draw_toolbar(context);
      // Under the toolbar, however many lines it took.
      title_bottom = std::max(title_bottom, ImGui::GetCursorScreenPos().y);
      ImGui::Separator();
      draw_content(context);
    } catch (const std::exception& error) {
      message = error.what();
      failure = message.c_str();
    } catch (...) {
      failure = "unknown error";
    }
    if (failure) {
      // Unwind whatever the content left open (child windows, tables, ID and style stacks) so
      // the Begin/End pairs stay balanced, then say what happened inside the pane.
      ImGuiContext& g = *ImGui::GetCurrentContext();
      while (g.CurrentWindow != pane_window && g.CurrentWindowStack.Size > 1) {
        ImGui::ErrorCheckEndWindowRecover(ignore_recovery_log);
        if (g.CurrentWindow->Flags & ImGuiWindowFlags_ChildWindow)
          ImGui::EndChild();
        else
          ImGui::End();
      }
      ImGui::ErrorCheckEndWindowRecover(ignore_recovery_log);
      ImGui::TextColored(theme_colours().failure, "this pane failed: %s", failure);
    }
    input.hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows);
    input.keyboard = ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows);
    input.title_double_clicked = input.hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) &&
                                 ImGui::GetIO().MousePos.y < title_bottom && !ImGui::IsAnyItemHovered();
  }
  ImGui::EndChild();
  return input;
}

ImVec2 badge_size(const char* text) {
  const ImVec2 size = ImGui::CalcTextSize(text);
  return ImVec2(size.x + 10.0f, size.y + 4.0f);
}

ImVec2 draw_badge(ImDrawList* draw, ImVec2 at, const char* text) {
  const ImVec2 size = badge_size(text);
  draw->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y), theme_colours().badge_background, size.y * 0.5f);
  draw->AddText(ImVec2(at.x + 5.0f, at.y + 2.0f), theme_colours().badge_text, text);
  return size;
}

void badge(const char* text) {
  // Too wide for the window: elided, whole on hover.
  const std::string shown = elide_to_width(text, ImGui::GetContentRegionAvail().x - badge_size("").x);
  const ImVec2 size = draw_badge(ImGui::GetWindowDrawList(), ImGui::GetCursorScreenPos(), shown.c_str());
  ImGui::Dummy(size);
  if (shown != text) tooltip_beside_item(text);
}

void refusal_note(const std::string& message, float x, float point_x) {
  const float window_left = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMin().x;
  const float window_right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const float notch = std::max(4.0f, ImGui::GetFontSize() * 0.3f);
  const float wrap = std::max(1.0f, window_right - window_left - 8.0f);
  const ImVec2 text_size = ImGui::CalcTextSize(message.c_str(), nullptr, false, wrap);
  const ImVec2 box(text_size.x + 8.0f, text_size.y + 4.0f);
  const ImVec2 cursor = ImGui::GetCursorScreenPos();
  const ImVec2 at(std::clamp(x, window_left, std::max(window_left, window_right - box.x)), cursor.y + notch);
  point_x = std::clamp(point_x, at.x + notch, std::max(at.x + notch, at.x + box.x - notch));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 background = theme_colours().refusal_background;
  draw->AddTriangleFilled(ImVec2(point_x, cursor.y), ImVec2(point_x - notch, at.y), ImVec2(point_x + notch, at.y),
                          background);
  draw->AddRectFilled(at, ImVec2(at.x + box.x, at.y + box.y), background, 3.0f);
  draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(at.x + 4.0f, at.y + 2.0f), theme_colours().refusal_text,
                message.c_str(), nullptr, wrap);
  ImGui::Dummy(ImVec2(box.x, box.y + notch));
}

void draw_refusal_note(const std::string& message, ImVec2 at) {
  const ImVec2 window_min = ImGui::GetWindowPos();
  const float window_right = window_min.x + ImGui::GetWindowWidth();
  const float wrap = std::max(80.0f, window_right - window_min.x - 16.0f);
  const ImVec2 size = ImGui::CalcTextSize(message.c_str(), nullptr, false, wrap);
  at.x = std::max(window_min.x + 4.0f, std::min(at.x, window_right - size.x - 12.0f));
  // In the window's own draw list, over the rows below the cell but under tooltips (windows of
  // their own), clipped to the window rather than to the grid.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(window_min, ImVec2(window_right, window_min.y + ImGui::GetWindowHeight()));
  draw->AddRectFilled(at, ImVec2(at.x + size.x + 8.0f, at.y + size.y + 4.0f), theme_colours().refusal_background, 3.0f);
  draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(at.x + 4.0f, at.y + 2.0f), theme_colours().refusal_text,
                message.c_str(), nullptr, wrap);
  draw->PopClipRect();
}

void help_marker(const char* text) {
  // Called after SameLine(): in a narrow pane the marker moves to the next line, not off the edge.
  if (ImGui::GetCursorPosX() + ImGui::CalcTextSize("(?)").x > ImGui::GetWindowContentRegionMax().x)
    ImGui::NewLine();
  ImGui::TextDisabled("(?)");
  tooltip_beside_item(text);
}

void same_line_or_wrap(float width) {
  ImGui::SameLine();
  if (ImGui::GetCursorPosX() + width > ImGui::GetWindowContentRegionMax().x) ImGui::NewLine();
}

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

}  // namespace bufferlab

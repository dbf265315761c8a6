// The pane frame: title line, toolbar, content child, and the guard that keeps ImGui balanced.
#include "app/panes/pane.h"

#include <imgui_internal.h>

#include <algorithm>
#include <exception>
#include <string>

#include "app/window/theme.h"

namespace bufferlab {

namespace {
void ignore_recovery_log(void*, const char*, ...) {}
}  // namespace

void Pane::draw(PaneContext& context, const ImVec2& pos, const ImVec2& size) {
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
    try {
      ImGui::TextColored(theme_colours().title, "%s", title());
      ImGui::SameLine();
      draw_toolbar(context);
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
  }
  ImGui::EndChild();
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
  const ImVec2 size = draw_badge(ImGui::GetWindowDrawList(), ImGui::GetCursorScreenPos(), text);
  ImGui::Dummy(size);
}

void draw_refusal_note(const std::string& message, ImVec2 at) {
  const ImVec2 window_min = ImGui::GetWindowPos();
  const float window_right = window_min.x + ImGui::GetWindowWidth();
  const float wrap = std::max(80.0f, window_right - window_min.x - 16.0f);
  const ImVec2 size = ImGui::CalcTextSize(message.c_str(), nullptr, false, wrap);
  at.x = std::max(window_min.x + 4.0f, std::min(at.x, window_right - size.x - 12.0f));
  ImDrawList* top = ImGui::GetForegroundDrawList();
  top->AddRectFilled(at, ImVec2(at.x + size.x + 8.0f, at.y + size.y + 4.0f), theme_colours().refusal_background, 3.0f);
  top->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(at.x + 4.0f, at.y + 2.0f), theme_colours().refusal_text,
               message.c_str(), nullptr, wrap);
}

void help_marker(const char* text) {
  // Called after SameLine(): in a narrow pane the marker moves to the next line, not off the edge.
  if (ImGui::GetCursorPosX() + ImGui::CalcTextSize("(?)").x > ImGui::GetWindowContentRegionMax().x)
    ImGui::NewLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

}  // namespace bufferlab

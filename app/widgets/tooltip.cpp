// Tooltip placement.
#include "app/widgets/tooltip.h"

#include <algorithm>

namespace bufferlab {

void tooltip_beside(ImVec2 min, ImVec2 max, const char* text) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float wrap = ImGui::GetFontSize() * 30.0f;
  const ImVec2 text_size = ImGui::CalcTextSize(text, nullptr, false, wrap);
  const ImVec2 size(text_size.x + style.WindowPadding.x * 2.0f, text_size.y + style.WindowPadding.y * 2.0f);
  const float gap = style.ItemSpacing.x;
  const float top = std::clamp(min.y, 0.0f, std::max(0.0f, display.y - size.y));
  const float left = std::clamp(min.x, 0.0f, std::max(0.0f, display.x - size.x));
  // Beside on the same line first: above or below would cover the neighbouring rows.
  ImVec2 at;
  if (max.x + gap + size.x <= display.x)
    at = ImVec2(max.x + gap, top);
  else if (min.x - gap - size.x >= 0.0f)
    at = ImVec2(min.x - gap - size.x, top);
  else if (min.y - gap - size.y >= 0.0f)
    at = ImVec2(left, min.y - gap - size.y);
  else
    at = ImVec2(left, std::min(max.y + gap, std::max(0.0f, display.y - size.y)));
  ImGui::SetNextWindowPos(at);
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  ImGui::TextUnformatted(text);
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void tooltip_beside_item(const char* text) {
  if (ImGui::IsItemHovered()) tooltip_beside(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), text);
}

}  // namespace bufferlab

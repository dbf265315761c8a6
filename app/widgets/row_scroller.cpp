// Row-indexed scrolling with a hand-drawn scrollbar (positions computed in doubles from 64-bit
// row numbers, never from ImGui's float scroll offsets), and sideways scrolling in pixels.
#include "app/widgets/row_scroller.h"

#include <algorithm>
#include <cmath>

namespace bufferlab {

void RowScroller::clamp() { top_row_ = std::clamp<std::int64_t>(top_row_, 0, max_top()); }

void RowScroller::reveal(std::int64_t row) {
  if (row < top_row_)
    top_row_ = row;
  else if (row >= top_row_ + visible_rows_)
    top_row_ = row - visible_rows_ + 1;
  clamp();
}

void RowScroller::jump_to(std::int64_t row) {
  top_row_ = row - std::min<std::int64_t>(2, visible_rows_ / 4);
  clamp();
}

void RowScroller::update(const char* id, std::int64_t total_rows, std::int64_t visible_rows,
                         const ImVec2& content_min, const ImVec2& content_max,
                         const ImVec2& bar_min, const ImVec2& bar_max) {
  total_rows_ = std::max<std::int64_t>(total_rows, 0);
  visible_rows_ = std::max<std::int64_t>(visible_rows, 1);
  clamp();

  ImGuiIO& io = ImGui::GetIO();
  const bool content_hovered =
      ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) &&
      ImGui::IsMouseHoveringRect(content_min, ImVec2(bar_max.x, content_max.y));
  if (content_hovered && io.MouseWheel != 0.0f) {
    const std::int64_t step = std::max<std::int64_t>(1, std::min<std::int64_t>(3, visible_rows_ / 2));
    // Touchpads send fractions of a notch: any movement scrolls at least one step.
    const long notches = io.MouseWheel > 0 ? std::max(1L, std::lround(io.MouseWheel))
                                           : std::min(-1L, std::lround(io.MouseWheel));
    top_row_ -= notches * step;
    clamp();
  }
  if (content_hovered && !io.WantTextInput) {
    if (paging_keys && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown))) top_row_ += visible_rows_;
    if (paging_keys && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp))) top_row_ -= visible_rows_;
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home))) top_row_ = 0;
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End))) top_row_ = max_top();
    clamp();
  }

  // The scrollbar: a track and a thumb whose size is the visible fraction (at least 16 px).
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImGuiStyle& style = ImGui::GetStyle();
  draw->AddRectFilled(bar_min, bar_max, ImGui::GetColorU32(ImGuiCol_ScrollbarBg));
  const double track = std::max(1.0, static_cast<double>(bar_max.y - bar_min.y));
  if (max_top() == 0) return;
  const double visible_fraction =
      static_cast<double>(visible_rows_) / static_cast<double>(total_rows_);
  const double thumb = std::clamp(track * visible_fraction, 16.0, track);
  const double travel = track - thumb;
  const double position = static_cast<double>(top_row_) / static_cast<double>(max_top());
  const float thumb_top = bar_min.y + static_cast<float>(travel * position);

  ImGui::PushID(id);
  const ImVec2 saved = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(bar_min);
  ImGui::InvisibleButton("##scrollbar", ImVec2(bar_max.x - bar_min.x, bar_max.y - bar_min.y));
  const bool active = ImGui::IsItemActive();
  const bool hovered = ImGui::IsItemHovered();
  if (ImGui::IsItemActivated()) {
    const double y = io.MousePos.y - thumb_top;
    drag_grab_ = (y >= 0 && y <= thumb) ? y : thumb * 0.5;  // a click on the track centres it
  }
  if (active && travel > 0) {
    const double y = io.MousePos.y - bar_min.y - drag_grab_;
    const double fraction = std::clamp(y / travel, 0.0, 1.0);
    top_row_ = static_cast<std::int64_t>(std::llround(fraction * static_cast<double>(max_top())));
    clamp();
  }
  ImGui::SetCursorScreenPos(saved);
  ImGui::PopID();

  const double new_position = static_cast<double>(top_row_) / static_cast<double>(max_top());
  const float top = bar_min.y + static_cast<float>(travel * new_position);
  const ImU32 colour = ImGui::GetColorU32(active    ? ImGuiCol_ScrollbarGrabActive
                                          : hovered ? ImGuiCol_ScrollbarGrabHovered
                                                    : ImGuiCol_ScrollbarGrab);
  draw->AddRectFilled(ImVec2(bar_min.x + 2, top), ImVec2(bar_max.x - 2, top + static_cast<float>(thumb)),
                      colour, style.ScrollbarRounding);
}

void SidewaysScroller::clamp() {
  offset_ = std::clamp(offset_, 0.0f, std::max(0.0f, content_width_ - view_width_));
}

void SidewaysScroller::reveal(float left, float right) {
  if (left < offset_)
    offset_ = left;
  else if (right > offset_ + view_width_)
    offset_ = right - view_width_;
  clamp();
}

void SidewaysScroller::update(const char* id, float content_width, float view_width,
                              const ImVec2& content_min, const ImVec2& content_max,
                              const ImVec2& bar_min, const ImVec2& bar_max) {
  content_width_ = std::max(content_width, 0.0f);
  view_width_ = std::max(view_width, 1.0f);
  clamp();
  if (content_width_ <= view_width_) return;

  ImGuiIO& io = ImGui::GetIO();
  const bool hovered_content = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) &&
                               ImGui::IsMouseHoveringRect(content_min, ImVec2(content_max.x, bar_max.y));
  const float step = view_width_ * 0.25f;
  if (hovered_content && io.MouseWheelH != 0.0f) offset_ -= io.MouseWheelH * step;
  if (hovered_content && io.KeyShift && io.MouseWheel != 0.0f) offset_ -= io.MouseWheel * step;
  clamp();

  // The bar: a track and a thumb whose length is the visible fraction (at least 16 px).
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(bar_min, bar_max, ImGui::GetColorU32(ImGuiCol_ScrollbarBg));
  const float track = std::max(1.0f, bar_max.x - bar_min.x);
  const float thumb = std::clamp(track * view_width_ / content_width_, 16.0f, track);
  const float travel = track - thumb;
  const float max_offset = content_width_ - view_width_;

  ImGui::PushID(id);
  const ImVec2 saved = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(bar_min);
  ImGui::InvisibleButton("##sideways", ImVec2(bar_max.x - bar_min.x, bar_max.y - bar_min.y));
  const bool active = ImGui::IsItemActive();
  const bool hovered = ImGui::IsItemHovered();
  if (ImGui::IsItemActivated()) {
    const float thumb_left = bar_min.x + travel * offset_ / max_offset;
    const float x = io.MousePos.x - thumb_left;
    drag_grab_ = (x >= 0 && x <= thumb) ? x : thumb * 0.5f;  // a click on the track centres it
  }
  if (active && travel > 0) {
    const float fraction = std::clamp((io.MousePos.x - bar_min.x - drag_grab_) / travel, 0.0f, 1.0f);
    offset_ = fraction * max_offset;
    clamp();
  }
  ImGui::SetCursorScreenPos(saved);
  ImGui::PopID();

  const float left = bar_min.x + travel * offset_ / max_offset;
  const ImU32 colour = ImGui::GetColorU32(active    ? ImGuiCol_ScrollbarGrabActive
                                          : hovered ? ImGuiCol_ScrollbarGrabHovered
                                                    : ImGuiCol_ScrollbarGrab);
  draw->AddRectFilled(ImVec2(left, bar_min.y + 2), ImVec2(left + thumb, bar_max.y - 2), colour,
                      ImGui::GetStyle().ScrollbarRounding);
}

}  // namespace bufferlab

// Row-indexed scrolling with a hand-drawn scrollbar (positions computed in doubles from 64-bit
// row numbers, never from ImGui's float scroll offsets), and sideways scrolling in pixels.
#include "app/widgets/row_scroller.h"

#include <algorithm>
#include <cmath>

namespace bufferlab {

namespace {

// A scrollbar in [bar_min, bar_max), vertical or sideways: a track and a thumb whose length is
// the visible fraction (at least 16 px) at `position` (0 to 1). A drag moves the thumb, a click
// on the track centres it there. Returns the position it was moved to, else `position`.
double scrollbar(const char* id, bool vertical, const ImVec2& bar_min, const ImVec2& bar_max, double visible_fraction,
                 double position, double* drag_grab) {
  const ImGuiIO& io = ImGui::GetIO();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(bar_min, bar_max, ImGui::GetColorU32(ImGuiCol_ScrollbarBg));
  const double start = vertical ? bar_min.y : bar_min.x;
  const double track = std::max(1.0, static_cast<double>(vertical ? bar_max.y - bar_min.y : bar_max.x - bar_min.x));
  const double thumb = std::clamp(track * visible_fraction, 16.0, track);
  const double travel = track - thumb;
  const double mouse = vertical ? io.MousePos.y : io.MousePos.x;

  ImGui::PushID(id);
  const ImVec2 saved = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(bar_min);
  ImGui::InvisibleButton("##scrollbar", ImVec2(bar_max.x - bar_min.x, bar_max.y - bar_min.y));
  const bool active = ImGui::IsItemActive();
  const bool hovered = ImGui::IsItemHovered();
  if (ImGui::IsItemActivated()) {
    const double along = mouse - (start + travel * position);
    *drag_grab = (along >= 0 && along <= thumb) ? along : thumb * 0.5;
  }
  if (active && travel > 0) position = std::clamp((mouse - start - *drag_grab) / travel, 0.0, 1.0);
  ImGui::SetCursorScreenPos(saved);
  ImGui::PopID();

  const float thumb_start = static_cast<float>(start + travel * position);
  const float thumb_end = thumb_start + static_cast<float>(thumb);
  const ImU32 colour = ImGui::GetColorU32(active    ? ImGuiCol_ScrollbarGrabActive
                                          : hovered ? ImGuiCol_ScrollbarGrabHovered
                                                    : ImGuiCol_ScrollbarGrab);
  const float rounding = ImGui::GetStyle().ScrollbarRounding;
  if (vertical)
    draw->AddRectFilled(ImVec2(bar_min.x + 2, thumb_start), ImVec2(bar_max.x - 2, thumb_end), colour, rounding);
  else
    draw->AddRectFilled(ImVec2(thumb_start, bar_min.y + 2), ImVec2(thumb_end, bar_max.y - 2), colour, rounding);
  return position;
}

}  // namespace

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

  if (max_top() == 0) {
    ImGui::GetWindowDrawList()->AddRectFilled(bar_min, bar_max, ImGui::GetColorU32(ImGuiCol_ScrollbarBg));
    return;
  }
  const double position = static_cast<double>(top_row_) / static_cast<double>(max_top());
  const double moved = scrollbar(id, true, bar_min, bar_max,
                                 static_cast<double>(visible_rows_) / static_cast<double>(total_rows_), position,
                                 &drag_grab_);
  if (moved != position) {
    top_row_ = static_cast<std::int64_t>(std::llround(moved * static_cast<double>(max_top())));
    clamp();
  }
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

  const float max_offset = content_width_ - view_width_;
  const double position = offset_ / max_offset;
  const double moved = scrollbar(id, false, bar_min, bar_max, view_width_ / content_width_, position, &drag_grab_);
  if (moved != position) {
    offset_ = static_cast<float>(moved) * max_offset;
    clamp();
  }
}

}  // namespace bufferlab

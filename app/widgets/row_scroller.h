// Row-indexed scrolling: the position is a row number (64-bit), not a pixel offset, so a
// 6.5-million-row grid scrolls to its last row exactly where ImGui's float scrolling cannot.
#pragma once

#include <imgui.h>

#include <cstdint>

namespace bufferlab {

class RowScroller {
 public:
  // The first row shown. Always within [0, max_top()] after update().
  std::int64_t top_row() const { return top_row_; }
  void set_top_row(std::int64_t row) { top_row_ = row; clamp(); }

  // Makes `row` visible, moving as little as possible.
  void reveal(std::int64_t row);
  // Puts `row` near the top (go to offset, minimap clicks).
  void jump_to(std::int64_t row);

  // Handles the wheel and paging keys over `content` (when it is hovered) and draws a
  // vertical scrollbar in `bar` that can be dragged or clicked. Call once per frame with the
  // current row counts; `id` must be unique in the window.
  void update(const char* id, std::int64_t total_rows, std::int64_t visible_rows,
              const ImVec2& content_min, const ImVec2& content_max, const ImVec2& bar_min,
              const ImVec2& bar_max);

  std::int64_t total_rows() const { return total_rows_; }
  std::int64_t visible_rows() const { return visible_rows_; }
  std::int64_t max_top() const {
    return total_rows_ > visible_rows_ ? total_rows_ - visible_rows_ : 0;
  }

  static constexpr float kBarWidth = 12.0f;
  // PageUp/PageDown scroll when hovered; off while a lesson takes those keys.
  bool paging_keys = true;

 private:
  void clamp();

  std::int64_t top_row_ = 0;
  std::int64_t total_rows_ = 0;
  std::int64_t visible_rows_ = 1;
  double drag_grab_ = -1.0;  // where on the thumb the drag started, in pixels
};

// Sideways scrolling in pixels for content wider than its view, with a bar that is always
// drawn while the content does not fit (so a student sees there is more to the right).
// Shift+wheel and horizontal wheels scroll it while the content is hovered.
class SidewaysScroller {
 public:
  float offset() const { return offset_; }
  // Makes [left, right) of the content visible, moving as little as possible.
  void reveal(float left, float right);

  // Call once per frame; draws the bar in [bar_min, bar_max) when content_width > view_width.
  void update(const char* id, float content_width, float view_width, const ImVec2& content_min,
              const ImVec2& content_max, const ImVec2& bar_min, const ImVec2& bar_max);

  static constexpr float kBarHeight = 12.0f;

 private:
  void clamp();

  float offset_ = 0.0f;
  float content_width_ = 0.0f, view_width_ = 0.0f;
  double drag_grab_ = -1.0;  // where on the thumb the drag started, in pixels
};

}  // namespace bufferlab

// Heights, prefix sums and the drawing loop of a virtualised list.
#include "app/widgets/virtual_list.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace bufferlab {

void VirtualList::reset(std::size_t count, float estimate) {
  estimate_ = estimate;
  heights_.assign(count, estimate);
  measured_.assign(count, false);
  tops_.assign(count + 1, 0.0f);
  dirty_from_ = 0;
  drawn_ = {0, 0};
}

void VirtualList::set_estimate(float estimate) {
  if (estimate == estimate_) return;
  estimate_ = estimate;
  for (std::size_t i = 0; i < heights_.size(); ++i) {
    if (measured_[i]) continue;
    heights_[i] = estimate;
    dirty_from_ = std::min(dirty_from_, i);
  }
}

void VirtualList::set_height(std::size_t item, float height) {
  measured_[item] = true;
  if (std::fabs(heights_[item] - height) < 0.01f) return;
  heights_[item] = height;
  dirty_from_ = std::min(dirty_from_, item);
}

void VirtualList::set_estimated_height(std::size_t item, float height) {
  if (measured_[item] || heights_[item] == height) return;
  heights_[item] = height;
  dirty_from_ = std::min(dirty_from_, item);
}

float VirtualList::top(std::size_t item) const {
  if (item >= dirty_from_) {
    // Sums again from the first height that changed: drawn items are near each other, so this
    // is usually the tail after the items in view, once per change.
    for (std::size_t i = dirty_from_; i < heights_.size(); ++i) tops_[i + 1] = tops_[i] + heights_[i];
    dirty_from_ = heights_.size() + 1;
  }
  return tops_[item];
}

std::size_t VirtualList::item_at(float y) const {
  if (heights_.empty()) return 0;
  top(0);  // brings the sums up to date
  // tops_[i + 1] is item i's bottom: the first bottom past y.
  const auto it = std::upper_bound(tops_.begin() + 1, tops_.end(), y);
  return static_cast<std::size_t>(it - (tops_.begin() + 1));
}

std::pair<std::size_t, std::size_t> VirtualList::draw(const std::function<void(std::size_t)>& draw_item) {
  const float origin = ImGui::GetCursorPosY();  // the list's start, in the window's content
  const float window_height = ImGui::GetWindowHeight();
  // Where a scroll asked for puts the window's top, within the list as measured so far.
  auto wanted_scroll = [&] {
    const float last_top = origin + total() - window_height;
    return std::max(0.0f, std::min(origin + top(*scroll_to_) + scroll_offset_, last_top));
  };
  float scroll = ImGui::GetScrollY();
  if (scroll_to_ && *scroll_to_ >= heights_.size()) scroll_to_.reset();
  if (scroll_to_) {
    if (scroll_frames_ == 0) scroll_frames_ = 4;
    // Drawn where the scroll goes, so the items there are measured before it gets there.
    scroll = wanted_scroll();
  }
  const float view_top = scroll - origin;
  view_top_ = view_top;
  const float view_bottom = view_top + window_height;
  const std::size_t first = item_at(std::max(view_top, 0.0f));
  std::size_t end = first;
  // Measuring an item moves the ones after it: each top is read after the one before is drawn.
  while (end < heights_.size() && top(end) < view_bottom) {
    ImGui::SetCursorPosY(origin + top(end));
    const float start = ImGui::GetCursorPosY();
    draw_item(end);
    set_height(end, ImGui::GetCursorPosY() - start);
    ++end;
  }
  ImGui::SetCursorPosY(origin + total());
  drawn_ = {first, end};
  if (scroll_to_) {
    // Asked again with the heights just measured, until the window is there: it clamps a
    // scroll to the content of the frame before, which grows as estimates become heights.
    const float wanted = wanted_scroll();
    if (std::fabs(wanted - ImGui::GetScrollY()) > 0.5f && --scroll_frames_ > 0) {
      ImGui::SetScrollY(wanted);
    } else {
      scroll_to_.reset();
      scroll_frames_ = 0;
    }
  }
  return drawn_;
}

}  // namespace bufferlab

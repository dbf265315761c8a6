// A scrolled list of items of different heights (cards, regions), so that a pane builds only
// the items in view: each item's height is measured when it is drawn and estimated before, the
// items' tops are prefix sums of the heights, and the first item in view is a binary search.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace bufferlab {

class VirtualList {
 public:
  // A new set of items, each estimated at `estimate` until it is drawn.
  void reset(std::size_t count, float estimate);
  // A new estimate for the items not measured yet (measured ones keep their heights).
  void set_estimate(float estimate);
  std::size_t size() const { return heights_.size(); }

  // Positions from the list's start, in pixels.
  float top(std::size_t item) const;
  float height(std::size_t item) const { return heights_[item]; }
  float total() const { return top(heights_.size()); }
  bool measured(std::size_t item) const { return measured_[item]; }
  void set_height(std::size_t item, float height);
  // An estimate for one item not drawn yet (a measured height stays until reset()).
  void set_estimated_height(std::size_t item, float height);
  // The first item whose bottom is below `y` (size() when none is).
  std::size_t item_at(float y) const;

  // Draws, in the current ImGui window, the items in view: `draw_item(i)` with the cursor at the
  // item's top, then measures it. The cursor ends after the whole list, so the window's
  // scrollbar spans every item. Returns the items drawn, [first, end).
  std::pair<std::size_t, std::size_t> draw(const std::function<void(std::size_t)>& draw_item);
  // Brings `item` (`offset` pixels into it) to the top of the window the list is drawn in, from
  // the next draw().
  void scroll_to(std::size_t item, float offset = 0.0f) {
    scroll_to_ = item;
    scroll_offset_ = offset;
    scroll_frames_ = 0;
  }
  // Whether `item` overlapped the window in the last draw().
  bool was_in_view(std::size_t item) const { return item >= drawn_.first && item < drawn_.second; }
  // Where the window's top was in the last draw(), from the list's start (a scroll asked for
  // counts already, though the window takes it only in the next frame).
  float view_top() const { return view_top_; }

 private:
  std::vector<float> heights_;
  std::vector<bool> measured_;
  float estimate_ = 0.0f;
  // tops_[i] is the sum of heights before item i; valid below dirty_from_.
  mutable std::vector<float> tops_;
  mutable std::size_t dirty_from_ = 0;
  std::optional<std::size_t> scroll_to_;
  float scroll_offset_ = 0.0f;
  int scroll_frames_ = 0;  // a scroll asked for is asked again for a few frames, until it is there
  std::pair<std::size_t, std::size_t> drawn_{0, 0};
  float view_top_ = 0.0f;
};

}  // namespace bufferlab

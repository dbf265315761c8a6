// The picture part of a Views card: for a view of shape (H, W), (H, W, 3) or (H, W, 4) with a
// numeric format, a toggle, the range its values are mapped through, a paint tool and the
// picture itself (a PictureView). Hovering a pixel highlights its element everywhere; a click
// pins it, or with the paint tool writes the pixel through the one edit path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/panes/pane.h"
#include "app/widgets/picture_view.h"

namespace bufferlab {

// The bytes written since the last frame, for every picture of the pane: worked out once a frame
// from the flashes every edit and cell leaves (AppState::flashes), or "everything" after a new
// snapshot (a cell ran: its changes are not all flashed) or a frame the pane missed.
struct PictureFrameChanges {
  bool everything = true;
  std::vector<std::pair<std::uintptr_t, std::uintptr_t>> written;  // absolute [begin, end)
};

class PictureChangeWatcher {
 public:
  PictureFrameChanges update(const AppState& state);

 private:
  std::vector<FlashRange> seen_;  // the flashes as the last frame saw them
  std::uint64_t seen_snapshot_ = ~std::uint64_t{0};
  int seen_frame_ = -10;
};

class PictureCard {
 public:
  // Draws the card's picture row, when the view can be drawn as a picture (nothing otherwise).
  void draw(PaneContext& context, int view_index, PictureBackend& backend, const PictureFrameChanges& changes,
            float width, float max_height);

  // For tests: whether the picture is on, its widget and the user's choices.
  bool shown() const { return shown_; }
  const PictureView& view() const { return view_; }
  PictureRangeMode range_mode() const { return mode_; }

 private:
  std::vector<std::string> paint_literals(const PictureShape& shape) const;
  std::string paint_text(const PictureShape& shape) const;
  void draw_controls(const PictureShape& shape);

  std::optional<bool> on_;  // the user's choice; unset: the view's default
  PictureRangeMode mode_ = PictureRangeMode::Data;
  bool paint_ = false;
  float colour_[4] = {1.0f, 0.2f, 0.2f, 1.0f};  // the paint, 0..1 per channel (grey uses [0])
  std::string key_;       // the view's facts as last drawn: another view starts again
  bool shown_ = false;
  std::int64_t painted_flat_ = -1;  // the element of the last paint click, for its refusal
  PicturePixel painted_;
  PictureView view_;
};

}  // namespace bufferlab

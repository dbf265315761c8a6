// A picture of an image buffer: keeps a backend texture in step with the view's memory (all of
// it when the picture appears or the memory may have changed anywhere, then only the pixels
// whose bytes were written) and draws it scaled to the card, with the hovered pixel and marked
// pixels outlined. Options are plain fields; what the user did comes back from draw().
#pragma once

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "app/widgets/picture_backend.h"
#include "core/inspect/picture.h"

namespace bufferlab {

// Runs `use` with a reader of the view's memory, or returns false when memory cannot be read
// now (a cell is running). Memory is read only inside `use`.
using PictureMemory = std::function<bool(const std::function<void(const PictureReader&)>& use)>;

// What changed in the view's memory since the last frame.
struct PictureChanges {
  bool everything = false;  // a new snapshot or another view: render it all again
  std::vector<std::pair<std::int64_t, std::int64_t>> ranges;  // [begin, end) offsets from buf written
};

// A pixel of the picture, in the view's own (y, x).
struct PicturePixel {
  std::int64_t y = -1, x = -1;
  bool operator==(const PicturePixel&) const = default;
};

struct PictureEvents {
  std::optional<PicturePixel> hovered;
  // Clicked, or dragged over while the button is held: every pixel on the line from the last
  // one, so a quick drag leaves no gaps.
  std::vector<PicturePixel> pressed;
  bool clicked = false;  // the button went down on the picture this frame (pressed holds that pixel)
  std::uint64_t stroke = 0;  // the click or drag `pressed` belongs to (a new one at each click)
};

class PictureView {
 public:
  PictureView();

  // Options.
  ImU32 hover_colour = IM_COL32(255, 255, 255, 255);
  ImU32 hover_shadow = IM_COL32(0, 0, 0, 255);
  ImU32 mark_colour = IM_COL32(255, 200, 0, 255);
  ImU32 frame_colour = IM_COL32(128, 128, 128, 255);
  ImU32 checker_dark = IM_COL32(96, 96, 96, 255), checker_light = IM_COL32(160, 160, 160, 255);
  std::size_t strip_bytes = std::size_t{4} << 20;  // a full render goes up in strips of about this size
  std::size_t max_marks = 512;                      // outlined pixels drawn at most
  float max_pixel_size = 32.0f;  // a tiny picture is enlarged at most this much per pixel
  float max_scale = 0.0f;        // if set, screen pixels per picture pixel at most (pictures drawn alike)

  // Once per frame, before draw(): brings the texture in step with memory.
  void sync(PictureBackend& backend, const PictureShape& shape, PictureRangeMode mode, const PictureChanges& changes,
            const PictureMemory& memory);
  // Draws the picture at most `width` x `max_height` (enlarged by whole pixels), outlining
  // `marks` (pixels of highlighted elements) and the hovered pixel.
  PictureEvents draw(PictureBackend& backend, float width, float max_height, const std::vector<PicturePixel>& marks);

  // Screen pixels per picture pixel for a picture of `height` x `width` in that room: whole
  // pixels when enlarged (every pixel the same size), at most `max_pixel_size`.
  static float fit_scale(std::int64_t height, std::int64_t width, float room_width, float room_height,
                         float max_pixel_size);

  const PictureRange& range() const { return range_; }
  bool readable() const { return readable_; }
  // Every step-th pixel of each row and column is on the texture (1 unless the picture is
  // bigger than the GPU's texture limit).
  std::int64_t step() const { return step_; }
  std::uint64_t texture_id() const { return id_; }
  // As last drawn: the picture's screen rectangle and screen pixels per picture pixel.
  ImVec2 drawn_min() const { return drawn_min_; }
  ImVec2 drawn_max() const { return drawn_max_; }
  ImVec2 pixel_centre(std::int64_t y, std::int64_t x) const;

 private:
  struct Geometry {
    std::int64_t height = 0, width = 0, stride_y = 0, stride_x = 0, stride_c = 0, step = 1;
    int channels = 0;
    std::size_t itemsize = 0;
    PictureMapping mapping = PictureMapping::Direct;
    PictureRangeMode mode = PictureRangeMode::Data;
    bool operator==(const Geometry&) const = default;
  };
  void render_all(PictureBackend& backend, const PictureReader& read);
  void render_rect(PictureBackend& backend, const PictureReader& read, const PixelRect& rect);

  std::uint64_t id_;
  PictureShape shape_;    // the view's
  PictureShape sampled_;  // what the texture holds: every step-th pixel
  Geometry geometry_;
  PictureRange range_;
  std::int64_t step_ = 1;
  bool valid_ = false;     // the texture holds the memory as of the last sync
  bool readable_ = true;
  int synced_frame_ = -10;
  std::vector<std::uint8_t> scratch_;
  std::optional<PicturePixel> last_pressed_;
  std::uint64_t stroke_ = 0;  // the click or drag under way
  ImVec2 drawn_min_, drawn_max_;
  float scale_ = 1.0f;
};

}  // namespace bufferlab

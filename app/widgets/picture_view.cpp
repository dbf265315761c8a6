// Picture texture upkeep and drawing: full renders go up in strips (memory stays bounded for a
// 64 MB image), edits re-render only the rectangle of pixels their bytes touch.
#include "app/widgets/picture_view.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace bufferlab {

namespace {

// Strokes are numbered across every picture, so two pictures' strokes never share a number.
std::uint64_t next_stroke() {
  static std::uint64_t last = 0;
  return ++last;
}

std::uint64_t next_picture_id() {
  static std::uint64_t next = 0;
  return next++;
}

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

// More ranges than this in one frame are treated as one range from the first to the last.
constexpr std::size_t kSeparateRanges = 16;
// A drag paints at most this many pixels in one frame.
constexpr std::size_t kMaxStrokePixels = 4096;

}  // namespace

PictureView::PictureView() : id_(next_picture_id()) {}

void PictureView::sync(PictureBackend& backend, const PictureShape& shape, PictureRangeMode mode,
                       const PictureChanges& changes, const PictureMemory& memory) {
  if (!shape.can_show) return;
  // A picture over the texture limit keeps every step-th pixel: the same strides, stepped.
  const std::int64_t limit = std::max(1, backend.max_texture_size());
  step_ = std::max<std::int64_t>(1, ceil_div(std::max(shape.height, shape.width), limit));
  shape_ = shape;
  sampled_ = shape;
  sampled_.height = ceil_div(shape.height, step_);
  sampled_.width = ceil_div(shape.width, step_);
  sampled_.stride_y = shape.stride_y * step_;
  sampled_.stride_x = shape.stride_x * step_;
  const Geometry geometry{shape.height,   shape.width,    shape.stride_y, shape.stride_x, shape.stride_c, step_,
                          shape.channels, shape.itemsize, shape.mapping,  mode};
  const int frame = ImGui::GetFrameCount();
  // Missed frames mean missed changes: everything is drawn again.
  bool full = changes.everything || !valid_ || geometry != geometry_ || frame != synced_frame_ + 1;
  synced_frame_ = frame;
  geometry_ = geometry;
  if (backend.prepare(id_, static_cast<int>(sampled_.width), static_cast<int>(sampled_.height))) full = true;
  if (!full && changes.ranges.empty()) return;

  const bool read = memory([&](const PictureReader& reader) {
    if (full) {
      range_ = picture_range(shape_, reader, mode);
      render_all(backend, reader);
      return;
    }
    // The data's min..max may move with an edit: then every pixel maps differently.
    if (range_.mapping == PictureMapping::Range && mode == PictureRangeMode::Data) {
      PictureRange fresh = picture_range(shape_, reader, mode);
      if (fresh.low != range_.low || fresh.high != range_.high) {
        range_ = std::move(fresh);
        render_all(backend, reader);
        return;
      }
    }
    std::vector<std::pair<std::int64_t, std::int64_t>> ranges = changes.ranges;
    if (ranges.size() > kSeparateRanges) {
      std::pair<std::int64_t, std::int64_t> whole = ranges.front();
      for (const auto& [begin, end] : ranges) whole = {std::min(whole.first, begin), std::max(whole.second, end)};
      ranges = {whole};
    }
    for (const auto& [begin, end] : ranges) {
      const PixelRect rect = pixels_touching(sampled_, begin, end);
      if (!rect.empty()) render_rect(backend, reader, rect);
    }
  });
  readable_ = read;
  valid_ = read;
}

void PictureView::render_rect(PictureBackend& backend, const PictureReader& read, const PixelRect& rect) {
  const std::size_t row_bytes = static_cast<std::size_t>(rect.x1 - rect.x0) * 4;
  scratch_.resize(row_bytes * static_cast<std::size_t>(rect.y1 - rect.y0));
  render_picture(sampled_, range_, read, rect, scratch_.data(), row_bytes);
  backend.upload(id_, rect, scratch_.data(), row_bytes);
}

void PictureView::render_all(PictureBackend& backend, const PictureReader& read) {
  const std::size_t row_bytes = static_cast<std::size_t>(sampled_.width) * 4;
  const std::int64_t rows = std::max<std::int64_t>(1, static_cast<std::int64_t>(strip_bytes / row_bytes));
  for (std::int64_t y = 0; y < sampled_.height; y += rows)
    render_rect(backend, read, {y, 0, std::min(sampled_.height, y + rows), sampled_.width});
  // A 64 MB picture must not keep a strip's worth of memory per card between renders.
  if (scratch_.capacity() > (std::size_t{1} << 20)) std::vector<std::uint8_t>().swap(scratch_);
}

ImVec2 PictureView::pixel_centre(std::int64_t y, std::int64_t x) const {
  return ImVec2(drawn_min_.x + (static_cast<float>(x) + 0.5f) * scale_,
                drawn_min_.y + (static_cast<float>(y) + 0.5f) * scale_);
}

float PictureView::fit_scale(std::int64_t height, std::int64_t width, float room_width, float room_height,
                             float max_pixel_size) {
  float scale = std::min(std::max(room_width, 1.0f) / static_cast<float>(std::max<std::int64_t>(width, 1)),
                         std::max(room_height, 1.0f) / static_cast<float>(std::max<std::int64_t>(height, 1)));
  scale = std::min(scale, std::max(1.0f, max_pixel_size));
  return scale >= 1.0f ? std::floor(scale) : scale;
}

PictureEvents PictureView::draw(PictureBackend& backend, float width, float max_height,
                                const std::vector<PicturePixel>& marks) {
  PictureEvents events;
  if (!shape_.can_show) return events;
  const float w = static_cast<float>(shape_.width), h = static_cast<float>(shape_.height);
  float scale = fit_scale(shape_.height, shape_.width, width, max_height, max_pixel_size);
  if (max_scale > 0.0f) scale = std::min(scale, max_scale);
  scale_ = scale;
  const ImVec2 size(std::max(1.0f, w * scale), std::max(1.0f, h * scale));
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##picture", size);
  drawn_min_ = at;
  drawn_max_ = ImVec2(at.x + size.x, at.y + size.y);
  ImDrawList* draw = ImGui::GetWindowDrawList();

  // Behind RGBA pixels, a checkerboard shows what their alpha lets through.
  if (shape_.channels == 4) {
    const float cell = std::max(4.0f, ImGui::GetFontSize() * 0.5f);
    draw->PushClipRect(drawn_min_, drawn_max_, true);
    draw->AddRectFilled(drawn_min_, drawn_max_, checker_light);
    for (float y = at.y; y < drawn_max_.y; y += cell)
      for (float x = at.x + (static_cast<int>((y - at.y) / cell) % 2) * cell; x < drawn_max_.x; x += 2 * cell)
        draw->AddRectFilled(ImVec2(x, y), ImVec2(x + cell, y + cell), checker_dark);
    draw->PopClipRect();
  }
  if (ImTextureID texture = backend.texture(id_)) draw->AddImage(texture, drawn_min_, drawn_max_);
  draw->AddRect(ImVec2(at.x - 1.0f, at.y - 1.0f), ImVec2(drawn_max_.x + 1.0f, drawn_max_.y + 1.0f), frame_colour);

  // Outlines at least a few screen pixels wide, so a single pixel of a shrunk picture shows.
  const float least = std::max(3.0f, ImGui::GetFontSize() * 0.4f);
  auto outline = [&](const PicturePixel& p, ImU32 colour, float thickness) {
    ImVec2 a(at.x + static_cast<float>(p.x) * scale, at.y + static_cast<float>(p.y) * scale);
    ImVec2 b(a.x + scale, a.y + scale);
    if (scale < least) {
      const float grow = (least - scale) * 0.5f;
      a = ImVec2(a.x - grow, a.y - grow);
      b = ImVec2(b.x + grow, b.y + grow);
    }
    draw->AddRect(a, b, colour, 0.0f, 0, thickness);
  };
  const std::size_t shown_marks = std::min(marks.size(), max_marks);
  for (std::size_t i = 0; i < shown_marks; ++i) outline(marks[i], mark_colour, 2.0f);

  if (ImGui::IsItemHovered()) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    PicturePixel p{static_cast<std::int64_t>((mouse.y - at.y) / scale), static_cast<std::int64_t>((mouse.x - at.x) / scale)};
    p.y = std::clamp<std::int64_t>(p.y, 0, shape_.height - 1);
    p.x = std::clamp<std::int64_t>(p.x, 0, shape_.width - 1);
    events.hovered = p;
    outline(p, hover_shadow, 3.0f);
    outline(p, hover_colour, 1.0f);
    if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
      events.clicked = true;
      stroke_ = next_stroke();
      events.pressed.push_back(p);
      last_pressed_ = p;
    } else if (ImGui::IsItemActive() && last_pressed_ && *last_pressed_ != p) {
      // The pixels between the last one and this, as a line (Bresenham), the last one excluded.
      const PicturePixel from = *last_pressed_;
      const std::int64_t dy = std::abs(p.y - from.y), dx = std::abs(p.x - from.x);
      const std::int64_t sy = p.y > from.y ? 1 : -1, sx = p.x > from.x ? 1 : -1;
      std::int64_t error = dx - dy;
      PicturePixel at = from;
      while (!(at == p) && events.pressed.size() < kMaxStrokePixels) {
        const std::int64_t twice = 2 * error;
        if (twice > -dy) {
          error -= dy;
          at.x += sx;
        }
        if (twice < dx) {
          error += dx;
          at.y += sy;
        }
        events.pressed.push_back(at);
      }
      last_pressed_ = p;
    }
  }
  if (!ImGui::IsItemActive()) last_pressed_.reset();
  events.stroke = stroke_;
  return events;
}

}  // namespace bufferlab

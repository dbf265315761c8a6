// Pictures of image buffers: whether a view can be drawn as an image, and its RGBA8 pixels
// rendered from the view's own shape and strides (so a crop, flip, transpose, channel or stepped
// view is the same pixels as its base). Pure: memory is read through a callback.
//
// The rule (tests/py/test_picture_differential.cpp checks it against numpy):
// - uint8: the values as they are. bool: False 0, True 255.
// - Every other integer and float format is mapped through a range lo..hi, one range for all
//   channels: pixel = round((v - lo) / (hi - lo) * 255), rounding half to even (numpy's round),
//   clipped to 0..255; NaN is 0, +inf 255, -inf 0; a range of zero width divides by 1 instead
//   (a constant image is black, and nothing divides by zero).
// - The range is either the data's (min..max of the finite values of every channel; 0..0 when
//   none is finite) or the type's (an integer type's min..max; 0..1 for floats, the usual
//   convention for float images, since float's own range would make every pixel the same).
// - 2-D views are grey (R = G = B, alpha 255); (H, W, 3) is RGB with alpha 255; (H, W, 4) RGBA.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/buffer_facts.h"
#include "core/format/format_codec.h"

namespace bufferlab {

enum class PictureMapping {
  Direct,  // uint8: values as pixels
  Bool,    // 0 / 255
  Range,   // through lo..hi
};

// How a view is drawn as a picture, or why it cannot be.
struct PictureShape {
  bool can_show = false;
  bool on_by_default = false;  // uint8 (H, W, 3|4), and 2-D uint8 of at least 16x16
  std::string reason;          // when it cannot: "needs shape (H, W), (H, W, 3) or (H, W, 4)", ...
  std::int64_t height = 0;
  std::int64_t width = 0;
  int channels = 1;            // 1 grey, 3 RGB, 4 RGBA
  std::int64_t stride_y = 0;   // bytes between rows, columns and channels (from the view)
  std::int64_t stride_x = 0;
  std::int64_t stride_c = 0;
  std::size_t itemsize = 0;
  PictureMapping mapping = PictureMapping::Direct;
  ElementFormat format;        // the view's element format (one scalar)
};

// From the view's facts: format (integer, bool or float scalar; not 'P' or 'c'), shape, and
// no suboffsets.
PictureShape picture_shape(const BufferFacts& facts);

enum class PictureRangeMode { Data, Type };

struct PictureRange {
  PictureMapping mapping = PictureMapping::Direct;
  PictureRangeMode mode = PictureRangeMode::Data;
  double low = 0.0;
  double high = 255.0;
  // For beside the picture: "values as they are (uint8)", "False 0, True 255",
  // "min..max of the data: -1.5..2.0", "type range: -32768..32767".
  std::string text;
};

// Reads `size` bytes at buf + offset of the view's buffer into `out` (offsets are relative to
// Py_buffer.buf, as strides count them, and may be negative). False: not readable.
using PictureReader = std::function<bool(std::int64_t offset, std::size_t size, std::uint8_t* out)>;

// The range the picture is drawn with. Mode Data reads every element (once per change of the
// range: a sub-rectangle update reuses the range it was given).
PictureRange picture_range(const PictureShape& shape, const PictureReader& read, PictureRangeMode mode);

// A rectangle of pixels, half-open: rows y0..y1-1, columns x0..x1-1.
struct PixelRect {
  std::int64_t y0 = 0, x0 = 0, y1 = 0, x1 = 0;
  bool empty() const { return y1 <= y0 || x1 <= x0; }
  bool operator==(const PixelRect&) const = default;
};

PixelRect whole_picture(const PictureShape& shape);

// Renders `rect` (clipped to the picture) into `out`: RGBA8, row r of the rect at
// out + r * out_row_bytes (pass 4 * width of the rect for a tight buffer, or of the whole picture
// to render into a full-image buffer at out + (y0 * W + x0) * 4). Pixels whose bytes cannot be
// read become (0, 0, 0, 0) and the result is false.
bool render_picture(const PictureShape& shape, const PictureRange& range, const PictureReader& read,
                    PixelRect rect, std::uint8_t* out, std::size_t out_row_bytes);

// The pixels whose bytes intersect buf + [begin_offset, end_offset): the rectangle that bounds
// them (every such pixel is inside; other pixels in it may not have changed). Empty when none.
// O(channels * the rows whose elements can reach the range). Offsets relative to Py_buffer.buf
// (address - facts.address).
PixelRect pixels_touching(const PictureShape& shape, std::int64_t begin_offset, std::int64_t end_offset);

// The bytes of one channel of pixel (y, x): for hover highlight and pixel edits.
struct PixelChannelBytes {
  int channel = 0;
  std::vector<std::int64_t> index;  // the element's index in the view: (y, x) or (y, x, channel)
  std::int64_t offset = 0;          // relative to Py_buffer.buf
  std::size_t size = 0;             // itemsize
};

// One entry per channel (one for a grey picture); empty when (y, x) is outside.
std::vector<PixelChannelBytes> pixel_bytes(const PictureShape& shape, std::int64_t y, std::int64_t x);

}  // namespace bufferlab

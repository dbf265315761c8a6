// Pictures: memory is read through the callback in bounded blocks (see PixelSource), decoded by
// the codec's run decoder and mapped by the rule in picture.h.
#include "core/inspect/picture.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace bufferlab {
namespace {

// Floor and ceiling of a / b for b > 0, right for negative a too.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}
std::int64_t ceil_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && a > 0) ? q + 1 : q;
}

bool is_integer_kind(const Field& field) {
  return field.kind == FieldKind::SignedInt || field.kind == FieldKind::UnsignedInt;
}

// Reads the pixels of a rectangle. Memory comes in as few callback calls as stay bounded: the
// whole rectangle's bytes at once when they lie close together and fit in kMaxBlockBytes (a
// transposed image: each of its rows spans the whole base), else one span per row when the row
// is dense (plain, cropped, flipped rows), else element by element (a small crop of a big
// transposed image). Values are decoded by the codec's run decoder.
constexpr std::int64_t kMaxBlockBytes = std::int64_t{256} << 20;

struct PixelSource {
  PixelSource(const PictureShape& shape_, const PictureReader& read_) : shape(shape_), read(read_) {}

  const PictureShape& shape;
  const PictureReader& read;
  std::vector<std::uint8_t> block;  // the rectangle's bytes, when read at once
  std::int64_t block_low = 0;
  bool have_block = false;
  std::vector<std::uint8_t> scratch;
  std::vector<double> values;          // values[(x - x0) * C + c] of the last decoded row
  std::vector<double> channel;
  std::vector<std::uint8_t> readable;  // per pixel of the last decoded row

  // Lowest and highest+itemsize offsets of the elements of rows y0..y1-1, columns x0..x1-1.
  std::pair<std::int64_t, std::int64_t> extent(std::int64_t y0, std::int64_t y1, std::int64_t x0,
                                               std::int64_t x1) const {
    std::int64_t low = y0 * shape.stride_y + x0 * shape.stride_x, high = low;
    for (std::int64_t span : {(y1 - 1 - y0) * shape.stride_y, (x1 - 1 - x0) * shape.stride_x,
                              (shape.channels - 1) * shape.stride_c}) {
      low += std::min<std::int64_t>(0, span);
      high += std::max<std::int64_t>(0, span);
    }
    return {low, high + static_cast<std::int64_t>(shape.itemsize)};
  }

  bool dense(std::int64_t span, std::int64_t elements) const {
    return span <= 4 * elements * static_cast<std::int64_t>(shape.itemsize) + 4096;
  }

  void prepare(const PixelRect& rect) {
    const auto [low, high] = extent(rect.y0, rect.y1, rect.x0, rect.x1);
    const auto [row_low, row_high] = extent(rect.y0, rect.y0 + 1, rect.x0, rect.x1);
    const std::int64_t row_elements = (rect.x1 - rect.x0) * shape.channels;
    if (dense(row_high - row_low, row_elements)) return;  // row by row is cheap enough
    const std::int64_t elements = (rect.y1 - rect.y0) * row_elements;
    if (high - low > kMaxBlockBytes || !dense(high - low, elements)) return;
    block.resize(static_cast<std::size_t>(high - low));
    have_block = read(low, block.size(), block.data());
    block_low = low;
  }

  // A pointer at offset 0 through which row y's elements can be read, or null.
  const std::uint8_t* origin_of_row(std::int64_t y, std::int64_t x0, std::int64_t x1) {
    if (have_block) return block.data() - block_low;
    const auto [low, high] = extent(y, y + 1, x0, x1);
    if (!dense(high - low, (x1 - x0) * shape.channels)) return nullptr;
    scratch.resize(static_cast<std::size_t>(high - low));
    if (!read(low, scratch.size(), scratch.data())) return nullptr;
    return scratch.data() - low;
  }

  // Decodes row y, columns x0..x1-1, into `values` and `readable`.
  void decode(std::int64_t y, std::int64_t x0, std::int64_t x1) {
    const std::int64_t count = x1 - x0;
    const int channels = shape.channels;
    const auto itemsize = static_cast<std::int64_t>(shape.itemsize);
    values.resize(static_cast<std::size_t>(count * channels));
    readable.assign(static_cast<std::size_t>(count), 1);
    const std::int64_t first = y * shape.stride_y + x0 * shape.stride_x;
    if (const std::uint8_t* origin = origin_of_row(y, x0, x1)) {
      channel.resize(static_cast<std::size_t>(count));
      for (int c = 0; c < channels; ++c) {
        decode_double_run(shape.format, origin + first + c * shape.stride_c, shape.stride_x,
                          static_cast<std::size_t>(count), channel.data());
        for (std::int64_t i = 0; i < count; ++i) values[static_cast<std::size_t>(i * channels + c)] = channel[i];
      }
      return;
    }
    scratch.resize(shape.itemsize);
    for (std::int64_t i = 0; i < count; ++i) {
      for (int c = 0; c < channels; ++c) {
        double value = 0.0;
        if (read(first + i * shape.stride_x + c * shape.stride_c, shape.itemsize, scratch.data())) {
          decode_double_run(shape.format, scratch.data(), itemsize, 1, &value);
        } else {
          readable[static_cast<std::size_t>(i)] = 0;
        }
        values[static_cast<std::size_t>(i * channels + c)] = value;
      }
    }
  }
};

std::uint8_t map_value(double value, const PictureRange& range) {
  switch (range.mapping) {
    case PictureMapping::Direct: return static_cast<std::uint8_t>(value);
    case PictureMapping::Bool: return value != 0.0 ? 255 : 0;
    case PictureMapping::Range: break;
  }
  double width = range.high - range.low;
  if (width == 0.0) width = 1.0;  // a constant image: no division by zero
  double t = (value - range.low) / width * 255.0;
  if (std::isnan(t)) return 0;
  t = std::nearbyint(t);  // half to even in the default rounding mode, as numpy's round
  return static_cast<std::uint8_t>(std::clamp(t, 0.0, 255.0));
}

std::string range_number(double value, const Field& field) {
  return is_integer_kind(field) ? float_repr_bare(value) : float_repr(value);
}

}  // namespace

PictureShape picture_shape(const BufferFacts& facts) {
  PictureShape shape;
  if (std::any_of(facts.suboffsets.begin(), facts.suboffsets.end(), [](std::int64_t s) { return s >= 0; })) {
    shape.reason = "has suboffsets (an indirect array)";
    return shape;
  }
  const bool grey = facts.shape.size() == 2;
  const bool colour = facts.shape.size() == 3 && (facts.shape[2] == 3 || facts.shape[2] == 4);
  if ((!grey && !colour) || facts.strides.size() != facts.shape.size()) {
    shape.reason = "needs shape (H, W), (H, W, 3) or (H, W, 4)";
    return shape;
  }
  auto parsed = parse_format_of_export(facts.format, facts.itemsize);
  const ElementFormat* format = std::get_if<ElementFormat>(&parsed);
  const bool numeric = format && format->is_scalar() &&
                       (format->fields[0].kind == FieldKind::SignedInt ||
                        format->fields[0].kind == FieldKind::Bool || format->fields[0].kind == FieldKind::Float ||
                        (format->fields[0].kind == FieldKind::UnsignedInt && format->fields[0].code != 'P'));
  if (!numeric) {
    shape.reason = "needs an integer, bool or float format, not '" + facts.format + "'";
    return shape;
  }
  shape.height = facts.shape[0];
  shape.width = facts.shape[1];
  if (shape.height <= 0 || shape.width <= 0) {
    shape.reason = "is empty";
    return shape;
  }
  shape.channels = colour ? static_cast<int>(facts.shape[2]) : 1;
  shape.stride_y = facts.strides[0];
  shape.stride_x = facts.strides[1];
  shape.stride_c = colour ? facts.strides[2] : 0;
  shape.itemsize = format->itemsize;
  shape.format = *format;
  const Field& field = format->fields[0];
  const bool uint8 = field.kind == FieldKind::UnsignedInt && field.size == 1;
  shape.mapping = uint8 ? PictureMapping::Direct
                        : field.kind == FieldKind::Bool ? PictureMapping::Bool : PictureMapping::Range;
  shape.on_by_default = uint8 && (colour || (shape.height >= 16 && shape.width >= 16));
  shape.can_show = true;
  return shape;
}

PictureRange picture_range(const PictureShape& shape, const PictureReader& read, PictureRangeMode mode) {
  PictureRange range;
  range.mapping = shape.mapping;
  range.mode = mode;
  if (shape.mapping == PictureMapping::Direct) {
    range.text = "values as they are (uint8)";
    return range;
  }
  if (shape.mapping == PictureMapping::Bool) {
    range.low = 0.0;
    range.high = 1.0;
    range.text = "False 0, True 255";
    return range;
  }
  const Field& field = shape.format.fields[0];
  if (mode == PictureRangeMode::Type) {
    if (field.kind == FieldKind::SignedInt) {
      range.low = -std::ldexp(1.0, static_cast<int>(8 * field.size - 1));
      range.high = std::ldexp(1.0, static_cast<int>(8 * field.size - 1)) - 1.0;
    } else if (field.kind == FieldKind::UnsignedInt) {
      range.low = 0.0;
      range.high = std::ldexp(1.0, static_cast<int>(8 * field.size)) - 1.0;
    } else {
      range.low = 0.0;  // floats: the 0..1 convention of float images
      range.high = 1.0;
    }
    range.text = "type range: " + range_number(range.low, field) + ".." + range_number(range.high, field);
    return range;
  }
  double low = std::numeric_limits<double>::infinity();
  double high = -std::numeric_limits<double>::infinity();
  PixelSource decoder{shape, read};
  decoder.prepare(whole_picture(shape));
  for (std::int64_t y = 0; y < shape.height; ++y) {
    decoder.decode(y, 0, shape.width);
    for (std::int64_t x = 0; x < shape.width; ++x) {
      if (!decoder.readable[static_cast<std::size_t>(x)]) continue;
      for (int c = 0; c < shape.channels; ++c) {
        const double v = decoder.values[static_cast<std::size_t>(x * shape.channels + c)];
        if (!std::isfinite(v)) continue;  // NaN and infinities do not stretch the range
        low = std::min(low, v);
        high = std::max(high, v);
      }
    }
  }
  if (low > high) low = high = 0.0;  // no finite value
  range.low = low;
  range.high = high;
  range.text = "min..max of the data: " + range_number(low, field) + ".." + range_number(high, field);
  return range;
}

PixelRect whole_picture(const PictureShape& shape) { return {0, 0, shape.height, shape.width}; }

bool render_picture(const PictureShape& shape, const PictureRange& range, const PictureReader& read,
                    PixelRect rect, std::uint8_t* out, std::size_t out_row_bytes) {
  if (!shape.can_show) return false;
  rect.y0 = std::max<std::int64_t>(rect.y0, 0);
  rect.x0 = std::max<std::int64_t>(rect.x0, 0);
  rect.y1 = std::min(rect.y1, shape.height);
  rect.x1 = std::min(rect.x1, shape.width);
  if (rect.empty()) return true;
  bool all_read = true;
  PixelSource source{shape, read};
  source.prepare(rect);
  const int channels = shape.channels;
  const std::int64_t count = rect.x1 - rect.x0;
  for (std::int64_t y = rect.y0; y < rect.y1; ++y) {
    std::uint8_t* pixel = out + static_cast<std::size_t>(y - rect.y0) * out_row_bytes;
    const std::uint8_t* origin = nullptr;
    if (shape.mapping == PictureMapping::Direct) origin = source.origin_of_row(y, rect.x0, rect.x1);
    if (origin) {
      // uint8: the bytes are the pixels, no decoding.
      const std::uint8_t* element = origin + y * shape.stride_y + rect.x0 * shape.stride_x;
      for (std::int64_t i = 0; i < count; ++i, pixel += 4, element += shape.stride_x) {
        if (channels == 1) {
          pixel[0] = pixel[1] = pixel[2] = element[0];
          pixel[3] = 255;
        } else {
          pixel[0] = element[0];
          pixel[1] = element[shape.stride_c];
          pixel[2] = element[2 * shape.stride_c];
          pixel[3] = channels == 4 ? element[3 * shape.stride_c] : 255;
        }
      }
      continue;
    }
    source.decode(y, rect.x0, rect.x1);
    for (std::int64_t i = 0; i < count; ++i, pixel += 4) {
      if (!source.readable[static_cast<std::size_t>(i)]) {
        pixel[0] = pixel[1] = pixel[2] = pixel[3] = 0;
        all_read = false;
        continue;
      }
      const double* v = &source.values[static_cast<std::size_t>(i * channels)];
      if (channels == 1) {
        pixel[0] = pixel[1] = pixel[2] = map_value(v[0], range);
        pixel[3] = 255;
      } else {
        pixel[0] = map_value(v[0], range);
        pixel[1] = map_value(v[1], range);
        pixel[2] = map_value(v[2], range);
        pixel[3] = channels == 4 ? map_value(v[3], range) : 255;
      }
    }
  }
  return all_read;
}

PixelRect pixels_touching(const PictureShape& shape, std::int64_t begin_offset, std::int64_t end_offset) {
  PixelRect bounds{0, 0, 0, 0};
  if (!shape.can_show || begin_offset >= end_offset) return bounds;
  // An element at a intersects [begin, end) when a lies in [begin - itemsize + 1, end - 1].
  const std::int64_t low = begin_offset - static_cast<std::int64_t>(shape.itemsize) + 1;
  const std::int64_t high = end_offset - 1;
  bool found = false;
  // Only rows whose elements can reach [low, high] are looked at: a one-pixel edit of a big
  // picture costs a few rows, not all of them.
  std::int64_t within_low = 0, within_high = 0;  // the offsets of a row's elements, from its start
  for (std::int64_t span : {(shape.width - 1) * shape.stride_x, (shape.channels - 1) * shape.stride_c}) {
    within_low += std::min<std::int64_t>(0, span);
    within_high += std::max<std::int64_t>(0, span);
  }
  std::int64_t first_row = 0, last_row = shape.height - 1;
  if (shape.stride_y > 0) {
    first_row = std::max(first_row, ceil_div(low - within_high, shape.stride_y));
    last_row = std::min(last_row, floor_div(high - within_low, shape.stride_y));
  } else if (shape.stride_y < 0) {
    first_row = std::max(first_row, ceil_div(within_low - high, -shape.stride_y));
    last_row = std::min(last_row, floor_div(within_high - low, -shape.stride_y));
  }
  for (std::int64_t y = first_row; y <= last_row; ++y) {
    for (int c = 0; c < shape.channels; ++c) {
      const std::int64_t base = y * shape.stride_y + c * shape.stride_c;
      std::int64_t xa = 0, xb = shape.width - 1;
      if (shape.stride_x == 0) {
        if (base < low || base > high) continue;
      } else if (shape.stride_x > 0) {
        xa = std::max(xa, ceil_div(low - base, shape.stride_x));
        xb = std::min(xb, floor_div(high - base, shape.stride_x));
      } else {
        xa = std::max(xa, ceil_div(base - high, -shape.stride_x));
        xb = std::min(xb, floor_div(base - low, -shape.stride_x));
      }
      if (xa > xb) continue;
      if (!found) {
        bounds = {y, xa, y + 1, xb + 1};
        found = true;
      } else {
        bounds.y0 = std::min(bounds.y0, y);
        bounds.y1 = std::max(bounds.y1, y + 1);
        bounds.x0 = std::min(bounds.x0, xa);
        bounds.x1 = std::max(bounds.x1, xb + 1);
      }
    }
  }
  return bounds;
}

std::vector<PixelChannelBytes> pixel_bytes(const PictureShape& shape, std::int64_t y, std::int64_t x) {
  std::vector<PixelChannelBytes> out;
  if (!shape.can_show || y < 0 || x < 0 || y >= shape.height || x >= shape.width) return out;
  const bool colour = shape.channels > 1;  // an (H, W, C) view: one index per channel
  for (int c = 0; c < shape.channels; ++c) {
    PixelChannelBytes bytes;
    bytes.channel = c;
    bytes.index = colour ? std::vector<std::int64_t>{y, x, c} : std::vector<std::int64_t>{y, x};
    bytes.offset = y * shape.stride_y + x * shape.stride_x + c * shape.stride_c;
    bytes.size = shape.itemsize;
    out.push_back(std::move(bytes));
  }
  return out;
}

}  // namespace bufferlab

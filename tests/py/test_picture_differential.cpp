// Pictures against numpy: the RGBA pixels rendered from a view's own shape and strides equal the
// rule of core/inspect/picture.h written in numpy, for plain, cropped, flipped, transposed,
// channel, stepped, float, wider-integer and bool views; sub-rectangles, the pixels a byte
// change touches, and a pixel edit changing exactly its bytes.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "core/edit/edit.h"
#include "core/inspect/picture.h"
#include "core/py/session.h"
#include "tests/support/facts_builder.h"
#include "tests/support/python_fixture.h"

using namespace bufferlab;

namespace {

Session& session() {
  testing::ensure_interpreter();
  static Session s;
  return s;
}

std::string run_python(const std::string& source) {
  CellResult result = session().run_cell(source);
  INFO(result.stderr_text());
  REQUIRE_FALSE(result.raised);
  return result.stdout_text();
}

std::string to_hex(const std::uint8_t* bytes, std::size_t size) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out += hex[bytes[i] >> 4];
    out += hex[bytes[i] & 15];
  }
  return out;
}

const char* kImages = R"PY(
import numpy as np
_rng = np.random.default_rng(7)
img = _rng.integers(0, 256, (20, 30, 3), dtype=np.uint8)
crop = img[5:15, 3:20]
flip = img[::-1]
mirror = img[:, ::-1]
transposed = img.transpose(1, 0, 2)
channel = img[..., 0]
stepped = img[::2, ::3]
bgr = img[..., ::-1]
rgba = _rng.integers(0, 256, (17, 16, 4), dtype=np.uint8)
grey = _rng.integers(0, 256, (16, 16), dtype=np.uint8)
small_grey = grey[:4, :5]
floats = _rng.normal(size=(9, 11)).astype(np.float32)
floats[1, 2] = np.nan; floats[3, 4] = np.inf; floats[5, 6] = -np.inf
float_rgb = _rng.random((6, 7, 3))
float_rgb_t = float_rgb.transpose(1, 0, 2)[::-1]
halves = _rng.normal(size=(5, 4)).astype(np.float16)
constant = np.full((4, 5), 2.5)
all_nan = np.full((3, 3), np.nan)
wide = _rng.integers(-3000, 3000, (8, 9), dtype=np.int16)
wide_big_endian = _rng.integers(0, 60000, (7, 6, 4)).astype('>u2')
signed8 = _rng.integers(-128, 128, (6, 6), dtype=np.int8)
big64 = _rng.integers(-2**62, 2**62, (4, 3), dtype=np.int64)
mask = _rng.random((6, 8)) > 0.5
def _data_range(a):
    x = a.astype(np.float64)
    finite = x[np.isfinite(x)]
    return (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)
def _type_range(a):
    if a.dtype.kind in 'iu':
        i = np.iinfo(a.dtype); return float(i.min), float(i.max)
    return 0.0, 1.0
def _pixels(a, lo, hi):
    if a.dtype == np.uint8: v = a
    elif a.dtype == bool: v = a.astype(np.uint8) * 255
    else:
        x = a.astype(np.float64)
        d = (hi - lo) or 1.0
        v = np.nan_to_num(np.clip(np.round((x - lo) / d * 255), 0, 255), nan=0).astype(np.uint8)
    if v.ndim == 2: rgba = np.stack([v, v, v, np.full_like(v, 255)], axis=-1)
    elif v.shape[2] == 3: rgba = np.concatenate([v, np.full(v.shape[:2] + (1,), 255, np.uint8)], axis=-1)
    else: rgba = v
    return rgba.tobytes().hex()
def _expect(a, mode):
    lo, hi = _data_range(a) if mode == 'data' else _type_range(a)
    print(repr(lo), repr(hi))
    print(_pixels(a, lo, hi))
)PY";

const char* const kNames[] = {"img",        "crop",       "flip",      "mirror",     "transposed",
                              "channel",    "stepped",    "bgr",       "rgba",       "grey",
                              "small_grey", "floats",     "float_rgb", "float_rgb_t", "halves",
                              "constant",   "all_nan",    "wide",      "wide_big_endian",
                              "signed8",    "big64",      "mask"};

// Reads a snapshot object's memory through the session (the provider the panes use).
PictureReader reader_for(const std::uint8_t* buf) {
  return [buf](std::int64_t offset, std::size_t size, std::uint8_t* out) {
    std::memcpy(out, buf + offset, size);
    return true;
  };
}

struct Rendered {
  PictureShape shape;
  PictureRange range;
  std::vector<std::uint8_t> rgba;
};

Rendered render(const std::string& name, PictureRangeMode mode) {
  Rendered result;
  const Snapshot& snapshot = session().snapshot();
  const int index = snapshot.index_of(name);
  REQUIRE(index >= 0);
  result.shape = picture_shape(snapshot.objects[index].facts);
  REQUIRE(result.shape.can_show);
  auto error = session().read_object(index, [&](const std::uint8_t* buf) {
    PictureReader read = reader_for(buf);
    result.range = picture_range(result.shape, read, mode);
    result.rgba.assign(static_cast<std::size_t>(result.shape.height * result.shape.width * 4), 7);
    CHECK(render_picture(result.shape, result.range, read, whole_picture(result.shape), result.rgba.data(),
                         static_cast<std::size_t>(result.shape.width) * 4));
  });
  REQUIRE_FALSE(error.has_value());
  return result;
}

}  // namespace

TEST_CASE("pictures: pixels equal the numpy rule for strided, float, integer and bool views") {
  run_python(kImages);
  for (const char* name : kNames) {
    for (PictureRangeMode mode : {PictureRangeMode::Data, PictureRangeMode::Type}) {
      INFO(std::string(name) << (mode == PictureRangeMode::Data ? " data range" : " type range"));
      Rendered ours = render(name, mode);
      const std::string theirs =
          run_python(std::string("_expect(") + name + ", '" + (mode == PictureRangeMode::Data ? "data" : "type") + "')\n");
      const auto newline = theirs.find('\n');
      if (ours.shape.mapping == PictureMapping::Range) {
        CHECK(float_repr(ours.range.low) + " " + float_repr(ours.range.high) == theirs.substr(0, newline));
      }
      CHECK(to_hex(ours.rgba.data(), ours.rgba.size()) + "\n" == theirs.substr(newline + 1));
    }
  }
}

TEST_CASE("pictures: a crop, flip or channel is the same pixels as its base") {
  run_python(kImages);
  Rendered base = render("img", PictureRangeMode::Data);
  Rendered flip = render("flip", PictureRangeMode::Data);
  Rendered crop = render("crop", PictureRangeMode::Data);
  const std::int64_t w = base.shape.width;
  auto base_pixel = [&](std::int64_t y, std::int64_t x) { return to_hex(&base.rgba[(y * w + x) * 4], 4); };
  CHECK(to_hex(&flip.rgba[0], 4) == base_pixel(19, 0));
  CHECK(to_hex(&crop.rgba[(2 * crop.shape.width + 4) * 4], 4) == base_pixel(7, 7));
}

TEST_CASE("pictures: which views show, and which are on by default") {
  run_python(kImages + std::string("odd = np.zeros((4, 4, 2), np.uint8)\ncplx = np.zeros((4, 4), complex)\n"
                                   "line = np.zeros(5, np.uint8)\nnothing = np.zeros((0, 4), np.uint8)\n"));
  const Snapshot& snapshot = session().snapshot();
  auto shape_of = [&](const char* name) { return picture_shape(snapshot.find(name)->facts); };
  CHECK(shape_of("img").on_by_default);
  CHECK(shape_of("rgba").on_by_default);
  CHECK(shape_of("grey").on_by_default);          // 2-D uint8, 16x16
  CHECK(shape_of("crop").on_by_default);          // uint8 RGB, any size
  CHECK_FALSE(shape_of("small_grey").on_by_default);
  CHECK(shape_of("small_grey").can_show);
  CHECK_FALSE(shape_of("floats").on_by_default);
  CHECK(shape_of("floats").can_show);
  CHECK(shape_of("mask").mapping == PictureMapping::Bool);
  CHECK(shape_of("channel").channels == 1);
  CHECK(shape_of("rgba").channels == 4);
  CHECK(shape_of("odd").reason == "needs shape (H, W), (H, W, 3) or (H, W, 4)");
  CHECK(shape_of("line").reason == "needs shape (H, W), (H, W, 3) or (H, W, 4)");
  CHECK(shape_of("cplx").reason == "needs an integer, bool or float format, not 'Zd'");
  CHECK(shape_of("nothing").reason == "is empty");
}

TEST_CASE("pictures: a sub-rectangle renders the same pixels as the whole") {
  run_python(kImages);
  for (const char* name : {"transposed", "floats", "wide_big_endian", "stepped"}) {
    INFO(std::string(name));
    Rendered whole = render(name, PictureRangeMode::Data);
    const Snapshot& snapshot = session().snapshot();
    const int index = snapshot.index_of(name);
    const PixelRect rect{1, 2, whole.shape.height - 1, whole.shape.width - 1};
    const auto w = static_cast<std::size_t>(whole.shape.width);
    std::vector<std::uint8_t> into_full(whole.rgba.size(), 0);
    session().read_object(index, [&](const std::uint8_t* buf) {
      // Into a full-size buffer at the rect's place (out_row_bytes of the whole picture).
      render_picture(whole.shape, whole.range, reader_for(buf), rect,
                     into_full.data() + (rect.y0 * w + rect.x0) * 4, w * 4);
    });
    for (std::int64_t y = 0; y < whole.shape.height; ++y) {
      for (std::int64_t x = 0; x < whole.shape.width; ++x) {
        const std::size_t at = (y * w + x) * 4;
        const bool inside = y >= rect.y0 && y < rect.y1 && x >= rect.x0 && x < rect.x1;
        CHECK(to_hex(&into_full[at], 4) == (inside ? to_hex(&whole.rgba[at], 4) : "00000000"));
      }
    }
  }
}

TEST_CASE("pictures: pixel bytes are numpy's element addresses, and a pixel edit changes exactly them") {
  run_python(kImages + std::string("def _addr(x): return x.__array_interface__['data'][0]\n"
                                   "_before = img.tobytes()\n"));
  for (const char* name : {"img", "transposed", "bgr", "stepped", "channel", "wide_big_endian"}) {
    INFO(std::string(name));
    const BufferFacts facts = session().snapshot().find(name)->facts;
    const PictureShape shape = picture_shape(facts);
    const std::int64_t y = shape.height - 2, x = shape.width / 2;
    std::string ours, theirs;
    for (const PixelChannelBytes& bytes : pixel_bytes(shape, y, x)) {
      ours += std::to_string(bytes.offset) + ":" + std::to_string(bytes.size) + " ";
      std::string index;
      for (std::int64_t i : bytes.index) index += std::to_string(i) + ",";
      theirs += run_python(std::string("print(_addr(") + name + "[" + index + "...]) - _addr(" + name +
                           "), end=':'); print(" + name + ".itemsize, end=' ')\n");
    }
    CHECK(ours == theirs);
  }
  CHECK(pixel_bytes(picture_shape(session().snapshot().find("img")->facts), 20, 0).empty());

  // An edit of pixel (3, 4) of the transposed view writes img[4, 3] and nothing else. (A view
  // with a negative stride cannot be the example: Session::write_object refuses offsets below
  // buf, which such a view's elements have.)
  const int view = session().snapshot().index_of("transposed");
  const PictureShape shape = picture_shape(session().snapshot().objects[view].facts);
  for (const PixelChannelBytes& bytes : pixel_bytes(shape, 3, 4)) {
    auto result = apply_edit(session(), session().snapshot(),
                             ElementWrite{view, bytes.index, std::to_string(10 + bytes.channel)});
    if (auto* refusal = std::get_if<EditRefusal>(&result)) FAIL_CHECK(refusal->message);
  }
  CHECK(run_python("_after = img.tobytes()\n"
                   "print([i for i in range(len(_after)) if _after[i] != _before[i]], list(img[4, 3]))\n") ==
        run_python("print([(4 * 30 + 3) * 3 + c for c in range(3) if _before[(4 * 30 + 3) * 3 + c] != 10 + c],"
                   " [10, 11, 12])\n"));
}

TEST_CASE("pictures: the pixels a byte change touches, against every pixel's bytes") {
  std::mt19937_64 rng(3);
  struct View {
    std::int64_t itemsize;
    std::vector<std::int64_t> shape, strides;
  };
  const View views[] = {
      {1, {20, 30, 3}, {90, 3, 1}},      // plain RGB
      {1, {30, 20, 3}, {3, 90, 1}},      // transposed
      {1, {20, 30, 3}, {-90, 3, 1}},     // flipped (buf at the last row)
      {1, {10, 10, 3}, {180, 9, -1}},    // stepped, channels reversed
      {4, {8, 9}, {4, 32}},              // Fortran-order floats
      {2, {6, 7, 4}, {0, 8, 2}},         // broadcast rows
      {8, {5, 5}, {40, -8}},             // mirrored
  };
  for (const View& view : views) {
    BufferFacts facts = testing::make_facts(0x10000, view.itemsize, view.shape, view.strides);
    facts.format = view.itemsize == 1 ? "B" : view.itemsize == 2 ? "<H" : view.itemsize == 4 ? "f" : "d";
    const PictureShape shape = picture_shape(facts);
    REQUIRE(shape.can_show);
    for (int round = 0; round < 200; ++round) {
      const std::int64_t begin = static_cast<std::int64_t>(rng() % 2000) - 1000;
      const std::int64_t end = begin + 1 + static_cast<std::int64_t>(rng() % 12);
      PixelRect expected{0, 0, 0, 0};
      bool found = false;
      for (std::int64_t y = 0; y < shape.height; ++y) {
        for (std::int64_t x = 0; x < shape.width; ++x) {
          bool touched = false;
          for (const PixelChannelBytes& bytes : pixel_bytes(shape, y, x))
            touched |= bytes.offset < end && bytes.offset + static_cast<std::int64_t>(bytes.size) > begin;
          if (!touched) continue;
          if (!found) expected = {y, x, y + 1, x + 1};
          expected = {std::min(expected.y0, y), std::min(expected.x0, x), std::max(expected.y1, y + 1),
                      std::max(expected.x1, x + 1)};
          found = true;
        }
      }
      INFO("bytes " << begin << ".." << end);
      const PixelRect ours = pixels_touching(shape, begin, end);
      CHECK(ours == expected);
    }
    CHECK(pixels_touching(shape, 0, 0).empty());  // nothing changed
  }
}

TEST_CASE("pictures: big strided views read in blocks, rows or elements give the same pixels") {
  // A 200x300 RGB image and its transpose: a row of the transpose spans the whole base (read as
  // one block), a 10x10 crop of it is sparse (read element by element).
  const std::int64_t h = 200, w = 300;
  std::vector<std::uint8_t> memory(static_cast<std::size_t>(h * w * 3));
  std::mt19937_64 rng(9);
  for (auto& b : memory) b = static_cast<std::uint8_t>(rng());
  int reads = 0;
  std::int64_t unreadable_from = -1;
  PictureReader read = [&](std::int64_t offset, std::size_t size, std::uint8_t* out) {
    ++reads;
    if (unreadable_from >= 0 && offset + static_cast<std::int64_t>(size) > unreadable_from) return false;
    std::memcpy(out, memory.data() + offset, size);
    return true;
  };
  BufferFacts base_facts = testing::make_facts(0x1000, 1, {h, w, 3}, {w * 3, 3, 1});
  BufferFacts transposed_facts = testing::make_facts(0x1000, 1, {w, h, 3}, {3, w * 3, 1});
  for (const char* format : {"B", "b"}) {  // uint8 (bytes as pixels) and int8 (through a range)
    INFO(format);
    base_facts.format = transposed_facts.format = format;
    const PictureShape base = picture_shape(base_facts), transposed = picture_shape(transposed_facts);
    const PictureRange range = picture_range(base, read, PictureRangeMode::Type);
    std::vector<std::uint8_t> base_rgba(static_cast<std::size_t>(h * w * 4));
    std::vector<std::uint8_t> transposed_rgba(base_rgba.size());
    CHECK(render_picture(base, range, read, whole_picture(base), base_rgba.data(), static_cast<std::size_t>(w) * 4));
    reads = 0;
    CHECK(render_picture(transposed, range, read, whole_picture(transposed), transposed_rgba.data(),
                         static_cast<std::size_t>(h) * 4));
    CHECK(reads == 1);  // one block
    bool same = true;
    for (std::int64_t y = 0; y < h; ++y)
      for (std::int64_t x = 0; x < w; ++x)
        same &= std::memcmp(&base_rgba[(y * w + x) * 4], &transposed_rgba[(x * h + y) * 4], 4) == 0;
    CHECK(same);
    std::vector<std::uint8_t> crop(10 * 10 * 4);
    reads = 0;
    CHECK(render_picture(transposed, range, read, {50, 60, 60, 70}, crop.data(), 40));
    CHECK(reads == 10 * 10 * 3);  // sparse: element by element
    same = true;
    for (std::int64_t y = 0; y < 10; ++y)
      for (std::int64_t x = 0; x < 10; ++x)
        same &= std::memcmp(&crop[(y * 10 + x) * 4], &base_rgba[((60 + x) * w + 50 + y) * 4], 4) == 0;
    CHECK(same);

    // Unreadable bytes: those pixels are (0, 0, 0, 0) and the render says so.
    unreadable_from = (h - 1) * w * 3;  // the last row of the base
    std::vector<std::uint8_t> rgba(base_rgba.size());
    CHECK_FALSE(render_picture(base, range, read, whole_picture(base), rgba.data(), static_cast<std::size_t>(w) * 4));
    CHECK(std::memcmp(rgba.data(), base_rgba.data(), static_cast<std::size_t>((h - 1) * w * 4)) == 0);
    CHECK(to_hex(&rgba[((h - 1) * w + 5) * 4], 4) == "00000000");
    unreadable_from = -1;
  }
}

// Pictures on Views cards, driven through the real workbench with an in-memory texture store:
// what is uploaded (whole, then only the rectangles edits touch), that strided views show the
// same pixels as their base, paint clicks through the one edit path, the toggle and the range.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/widgets/picture_texture_store.h"
#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {
namespace {

struct Rgba {
  int r = 0, g = 0, b = 0, a = 0;
  bool operator==(const Rgba&) const = default;
};

doctest::String toString(const Rgba& p) {
  return ("(" + std::to_string(p.r) + ", " + std::to_string(p.g) + ", " + std::to_string(p.b) + ", " +
          std::to_string(p.a) + ")")
      .c_str();
}

// A harness with the Views pane alone on a tall display, pictures in `store`.
struct PictureBench {
  explicit PictureBench(PictureTextureStore& store) : h(ImVec2(1400, 1800)) {
    h.workbench().views_pane().set_picture_backend(&store);
    h.workbench().chrome().toggle_focus(PaneId::Views);
    h.frame();
    h.frame();
  }
  GuiHarness h;
};

const PictureCard& card(GuiHarness& h, const std::string& name) {
  const PictureCard* picture = h.workbench().views_pane().picture(name);
  REQUIRE(picture != nullptr);
  return *picture;
}

// Brings a card into the pane and draws it.
void show_card(GuiHarness& h, const std::string& name) {
  h.workbench().views_pane().reveal(h.state(), h.view(name), 0);
  h.frame();
  h.frame();
}

const PictureTextureStore::Texture& texture_of(GuiHarness& h, PictureTextureStore& store, const std::string& name) {
  const auto& textures = store.textures();
  const auto it = textures.find(card(h, name).view().texture_id());
  REQUIRE(it != textures.end());
  return it->second;
}

Rgba pixel(const PictureTextureStore::Texture& texture, int y, int x) {
  REQUIRE(y < texture.height);
  REQUIRE(x < texture.width);
  const std::uint8_t* p = texture.rgba.data() + (static_cast<std::size_t>(y) * texture.width + x) * 4;
  return {p[0], p[1], p[2], p[3]};
}

// Where the last uploads of a texture went.
std::vector<PixelRect> uploads_of(const PictureTextureStore& store, std::uint64_t id) {
  std::vector<PixelRect> rects;
  for (const auto& upload : store.uploads())
    if (upload.id == id) rects.push_back(upload.rect);
  return rects;
}

// An item of a card (its "picture" or "paint" checkbox), found by its label as the first one
// below the card's name.
ImVec2 item_of_card(GuiHarness& h, const std::string& name, const std::string& label) {
  float top = -1.0f;
  for (const RecordedItem& item : h.probe().ui.items)
    if (item.label == name) top = item.min.y;
  REQUIRE_MESSAGE(top >= 0.0f, "no card " << name);
  for (const RecordedItem& item : h.probe().ui.items)
    if (item.label == label && item.min.y > top) return GuiHarness::centre(item.min, item.max);
  FAIL("no item " << label << " on the card of " << name);
  return {};
}

constexpr const char* kImage =
    "import numpy as np\n"
    "img = np.zeros((12, 16, 3), np.uint8)\n"
    "img[..., 0] = (np.arange(16) * 16)[None, :]\n"
    "img[..., 1] = (np.arange(12) * 20)[:, None]\n"
    "img[..., 2] = (np.arange(12)[:, None] * 16 + np.arange(16)[None, :]) % 256\n";

}  // namespace

TEST_CASE("a uint8 (H, W, 3) numpy image is a picture on its card, its pixels the array's values") {
  PictureTextureStore store;
  PictureBench bench(store);
  GuiHarness& h = bench.h;
  h.submit(kImage);
  show_card(h, "img");
  REQUIRE(card(h, "img").shown());
  const auto& texture = texture_of(h, store, "img");
  CHECK(texture.width == 16);
  CHECK(texture.height == 12);
  for (int y = 0; y < 12; ++y)
    for (int x = 0; x < 16; ++x)
      CHECK(pixel(texture, y, x) == Rgba{x * 16, y * 20, (y * 16 + x) % 256, 255});
  // Drawn on the card, enlarged by whole pixels.
  const PictureView& view = card(h, "img").view();
  CHECK(view.drawn_max().x - view.drawn_min().x >= 16.0f);
  CHECK(card(h, "img").view().range().text == "values as they are (uint8)");
}

TEST_CASE("crops, flips, transposes, channels and stepped views show the same pixels as their base") {
  PictureTextureStore store;
  PictureBench bench(store);
  GuiHarness& h = bench.h;
  h.submit(std::string(kImage) +
           "crop = img[2:9, 3:13]\n"
           "flip = img[::-1]\n"
           "tr = img.transpose(1, 0, 2)\n"
           "red = img[..., 0]\n"
           "stepped = img[::2, ::2]\n");
  show_card(h, "img");
  const std::vector<std::uint8_t> base = texture_of(h, store, "img").rgba;
  auto base_pixel = [&](int y, int x) {
    const std::uint8_t* p = base.data() + (static_cast<std::size_t>(y) * 16 + x) * 4;
    return Rgba{p[0], p[1], p[2], p[3]};
  };
  show_card(h, "crop");
  {
    const auto& t = texture_of(h, store, "crop");
    REQUIRE(t.height == 7);
    REQUIRE(t.width == 10);
    for (int y = 0; y < 7; ++y)
      for (int x = 0; x < 10; ++x) CHECK(pixel(t, y, x) == base_pixel(y + 2, x + 3));
  }
  show_card(h, "flip");
  {
    const auto& t = texture_of(h, store, "flip");
    for (int y = 0; y < 12; ++y)
      for (int x = 0; x < 16; ++x) CHECK(pixel(t, y, x) == base_pixel(11 - y, x));
  }
  show_card(h, "tr");
  {
    const auto& t = texture_of(h, store, "tr");
    REQUIRE(t.height == 16);
    for (int y = 0; y < 16; ++y)
      for (int x = 0; x < 12; ++x) CHECK(pixel(t, y, x) == base_pixel(x, y));
  }
  show_card(h, "stepped");
  {
    const auto& t = texture_of(h, store, "stepped");
    REQUIRE(t.height == 6);
    for (int y = 0; y < 6; ++y)
      for (int x = 0; x < 8; ++x) CHECK(pixel(t, y, x) == base_pixel(2 * y, 2 * x));
  }
  // A 12x16 grey channel is off by default (small 2-D): its toggle turns it on.
  show_card(h, "red");
  CHECK_FALSE(card(h, "red").shown());
  h.click(item_of_card(h, "red", "picture"));
  h.frame();
  REQUIRE(card(h, "red").shown());
  {
    const auto& t = texture_of(h, store, "red");
    for (int y = 0; y < 12; ++y)
      for (int x = 0; x < 16; ++x) {
        const Rgba b = base_pixel(y, x);
        CHECK(pixel(t, y, x) == Rgba{b.r, b.r, b.r, 255});
      }
  }
}

TEST_CASE("an edit re-uploads only the pixels it touched, in every picture of those bytes, in the same frame") {
  PictureTextureStore store;
  PictureBench bench(store);
  GuiHarness& h = bench.h;
  h.submit("import numpy as np\n"
           "img = np.zeros((6, 40, 3), np.uint8)\n"
           "flip = img[::-1]\n");
  show_card(h, "img");
  REQUIRE(card(h, "img").shown());
  REQUIRE(card(h, "flip").shown());  // both cards on screen
  store.clear_uploads();
  h.frame();
  CHECK(store.uploads().empty());  // idle: nothing goes up
  h.workbench().commands().push(WriteElement{h.view("img"), {1, 5, 2}, "200"});
  h.frame();
  const std::uint64_t img_id = card(h, "img").view().texture_id();
  const std::uint64_t flip_id = card(h, "flip").view().texture_id();
  CHECK(uploads_of(store, img_id) == std::vector<PixelRect>{{1, 5, 2, 6}});
  CHECK(uploads_of(store, flip_id) == std::vector<PixelRect>{{4, 5, 5, 6}});
  CHECK(pixel(texture_of(h, store, "img"), 1, 5) == Rgba{0, 0, 200, 255});
  CHECK(pixel(texture_of(h, store, "flip"), 4, 5) == Rgba{0, 0, 200, 255});
  CHECK(store.uploaded_pixels() == 2);
  // A byte typed into the grid goes the same way.
  store.clear_uploads();
  const DisplayView& img = h.view_of("img");
  h.workbench().commands().push(WriteByte{img.region, img.facts.address + 3 * 120 + 39 * 3, 9});
  h.frame();
  CHECK(uploads_of(store, img_id) == std::vector<PixelRect>{{3, 39, 4, 40}});
  CHECK(pixel(texture_of(h, store, "img"), 3, 39) == Rgba{9, 0, 0, 255});
  // A cell may change anything: the pictures are rendered whole again.
  store.clear_uploads();
  h.submit("img[:] = 1");
  CHECK(pixel(texture_of(h, store, "flip"), 0, 0) == Rgba{1, 1, 1, 255});
  CHECK(store.uploaded_pixels() >= 2 * 6 * 40);
}

TEST_CASE("a paint click writes exactly that pixel's bytes as one undoable edit") {
  PictureTextureStore store;
  PictureBench bench(store);
  GuiHarness& h = bench.h;
  h.submit("import numpy as np\n"
           "img = np.zeros((6, 40, 3), np.uint8)\n");
  show_card(h, "img");
  h.click(item_of_card(h, "img", "paint"));
  const std::size_t undo_before = h.state().undo.undo_count();
  std::vector<std::uint8_t> before;
  for (int i = 0; i < 6 * 40 * 3; ++i) before.push_back(h.byte_of("img", i));
  store.clear_uploads();
  const ImVec2 at = card(h, "img").view().pixel_centre(2, 7);
  h.click(at);
  h.frame();
  for (int i = 0; i < 6 * 40 * 3; ++i) {
    const int target = 2 * 120 + 7 * 3;
    const int expected = i == target ? 255 : i == target + 1 || i == target + 2 ? 51 : before[static_cast<std::size_t>(i)];
    CHECK_MESSAGE(h.byte_of("img", i) == expected, "byte " << i);
  }
  CHECK(h.state().undo.undo_count() == undo_before + 1);  // three channels, one step
  CHECK(pixel(texture_of(h, store, "img"), 2, 7) == Rgba{255, 51, 51, 255});
  CHECK(uploads_of(store, card(h, "img").view().texture_id()) == std::vector<PixelRect>{{2, 7, 3, 8}});
  // Undo puts all three back.
  h.workbench().commands().push(UndoEdit{});
  h.frame();
  for (int c = 0; c < 3; ++c) CHECK(h.byte_of("img", 2 * 120 + 7 * 3 + c) == 0);
  CHECK(pixel(texture_of(h, store, "img"), 2, 7) == Rgba{0, 0, 0, 255});
}

TEST_CASE("a quick paint drag writes every pixel on its way, and undoes as one stroke") {
  PictureTextureStore store;
  PictureBench bench(store);
  GuiHarness& h = bench.h;
  h.submit("import numpy as np\n"
           "img = np.zeros((6, 40), np.uint8)\n");
  show_card(h, "img");
  h.click(item_of_card(h, "img", "picture"));  // 2-D below 16x16: off until asked for
  h.click(item_of_card(h, "img", "paint"));
  const std::size_t undo_before = h.state().undo.undo_count();
  h.move_to(card(h, "img").view().pixel_centre(1, 2));
  h.io().MouseDown[0] = true;
  h.frame();
  h.move_to(card(h, "img").view().pixel_centre(3, 9));  // one frame: a jump of several pixels
  h.io().MouseDown[0] = false;
  h.frame();
  h.frame();
  int painted = 0;
  for (int y = 0; y < 6; ++y)
    for (int x = 0; x < 40; ++x) painted += h.byte_of("img", y * 40 + x) == 255 ? 1 : 0;
  CHECK(painted == 8);  // a connected line from (1, 2) to (3, 9)
  for (int x = 2; x <= 9; ++x) {
    int in_column = 0;
    for (int y = 1; y <= 3; ++y) in_column += h.byte_of("img", y * 40 + x) == 255 ? 1 : 0;
    CHECK_MESSAGE(in_column == 1, "column " << x);
  }
  CHECK(h.byte_of("img", 1 * 40 + 2) == 255);
  CHECK(h.byte_of("img", 3 * 40 + 9) == 255);
  CHECK(h.state().undo.undo_count() == undo_before + 8);

  // A second stroke, then one undo takes back the whole of the second stroke only, and one redo
  // puts it back.
  h.move_to(card(h, "img").view().pixel_centre(5, 20));
  h.io().MouseDown[0] = true;
  h.frame();
  h.move_to(card(h, "img").view().pixel_centre(5, 24));
  h.io().MouseDown[0] = false;
  h.frame();
  h.frame();
  for (int x = 20; x <= 24; ++x) CHECK(h.byte_of("img", 5 * 40 + x) == 255);
  h.workbench().commands().push(UndoEdit{});
  h.frame();
  for (int x = 20; x <= 24; ++x) CHECK(h.byte_of("img", 5 * 40 + x) == 0);
  CHECK(h.byte_of("img", 1 * 40 + 2) == 255);  // the first stroke stays
  CHECK(h.byte_of("img", 3 * 40 + 9) == 255);
  h.workbench().commands().push(RedoEdit{});
  h.frame();
  for (int x = 20; x <= 24; ++x) CHECK(h.byte_of("img", 5 * 40 + x) == 255);
  h.workbench().commands().push(UndoEdit{});
  h.frame();
  h.workbench().commands().push(UndoEdit{});
  h.frame();
  painted = 0;
  for (int i = 0; i < 6 * 40; ++i) painted += h.byte_of("img", i) == 255 ? 1 : 0;
  CHECK(painted == 0);
}

TEST_CASE("painting read-only memory is refused as an element edit is, and nothing is written") {
  PictureTextureStore store;
  PictureBench bench(store);
  GuiHarness& h = bench.h;
  h.submit("import numpy as np\n"
           "ro = np.zeros((6, 40, 3), np.uint8)\n"
           "ro.flags.writeable = False\n");
  show_card(h, "ro");
  h.click(item_of_card(h, "ro", "paint"));
  h.click(card(h, "ro").view().pixel_centre(1, 1));
  h.frame();
  REQUIRE(h.state().refusal.has_value());
  CHECK(h.state().refusal->message.find("read-only") != std::string::npos);
  for (int c = 0; c < 3; ++c) CHECK(h.byte_of("ro", 120 + 3 + c) == 0);
}

TEST_CASE("hovering a pixel highlights all its channels, their bytes and the elements sharing them") {
  PictureTextureStore store;
  PictureBench bench(store);
  GuiHarness& h = bench.h;
  h.submit("import numpy as np\n"
           "img = np.zeros((6, 40, 3), np.uint8)\n"
           "flip = img[::-1]\n");
  show_card(h, "img");
  h.move_to(card(h, "img").view().pixel_centre(1, 5));
  h.frame();
  const int img = h.view("img"), flip = h.view("flip");
  CHECK(h.state().highlight.source == HighlightSource::of_element(img, (1 * 40 + 5) * 3, 3));
  const DisplayView& view = h.view_of("img");
  for (int c = 0; c < 3; ++c) {
    CHECK(h.state().highlight.is_source_element(img, (1 * 40 + 5) * 3 + c));
    CHECK(h.state().highlight.has_element(flip, (4 * 40 + 5) * 3 + c));  // the same bytes in the flip
    CHECK(h.state().highlight.is_source_byte(view.region, view.facts.address + 1 * 120 + 5 * 3 + c));
  }
  // Nothing beyond the pixel.
  CHECK_FALSE(h.state().highlight.is_source_byte(view.region, view.facts.address + 1 * 120 + 5 * 3 + 3));
  CHECK_FALSE(h.state().highlight.has_element(flip, (4 * 40 + 5) * 3 + 3));
  CHECK_FALSE(h.state().highlight.is_source_element(img, (1 * 40 + 5) * 3 + 3));
}

TEST_CASE("the picture toggle, and floats drawn through min..max or the type's range") {
  PictureTextureStore store;
  PictureBench bench(store);
  GuiHarness& h = bench.h;
  h.submit("import numpy as np\n"
           "f = np.array([[0.0, 0.5], [1.0, 2.0]])\n");
  show_card(h, "f");
  CHECK_FALSE(card(h, "f").shown());  // only uint8 images are on by default
  h.click(item_of_card(h, "f", "picture"));
  h.frame();
  REQUIRE(card(h, "f").shown());
  CHECK(card(h, "f").view().range().text == "min..max of the data: 0.0..2.0");
  CHECK(pixel(texture_of(h, store, "f"), 0, 1) == Rgba{64, 64, 64, 255});   // 0.5 of 0..2
  CHECK(pixel(texture_of(h, store, "f"), 1, 1) == Rgba{255, 255, 255, 255});
  h.click(item_of_card(h, "f", "type range"));
  h.frame();
  CHECK(card(h, "f").range_mode() == PictureRangeMode::Type);
  CHECK(card(h, "f").view().range().text == "type range: 0.0..1.0");
  CHECK(pixel(texture_of(h, store, "f"), 0, 1) == Rgba{128, 128, 128, 255});  // 0.5 of 0..1
  CHECK(pixel(texture_of(h, store, "f"), 1, 1) == Rgba{255, 255, 255, 255});  // 2.0 clipped
  // Paint maps back through the range: full grey of 0..1 writes 1.0.
  h.click(item_of_card(h, "f", "paint"));
  h.click(card(h, "f").view().pixel_centre(0, 0));
  h.frame();
  const std::uint8_t one[8] = {0, 0, 0, 0, 0, 0, 0xf0, 0x3f};  // 1.0 as a little-endian double
  for (int i = 0; i < 8; ++i) CHECK(h.byte_of("f", i) == one[i]);
  CHECK(pixel(texture_of(h, store, "f"), 0, 0) == Rgba{255, 255, 255, 255});
  // Off again: the card stops drawing it and its texture goes.
  const std::uint64_t id = card(h, "f").view().texture_id();
  h.click(item_of_card(h, "f", "picture"));
  h.frame();
  h.frame();
  CHECK_FALSE(card(h, "f").shown());
  CHECK(store.textures().count(id) == 0);
}

TEST_CASE("white paint writes a 64-bit integer's largest value, and a constant picture paints through the type's range") {
  PictureTextureStore store;
  PictureBench bench(store);
  GuiHarness& h = bench.h;
  h.submit("import numpy as np\n"
           "q = np.zeros((20, 20), np.int64)\n"
           "q[0, 0] = -2**63\n"
           "q[19, 19] = 2**63 - 1\n"
           "u = np.zeros((20, 20), np.uint64)\n"
           "z = np.zeros((20, 20))\n");
  // The default grey is full: white.
  const auto paint_pixel = [&](const char* name) {
    show_card(h, name);
    h.click(item_of_card(h, name, "picture"));
    h.frame();
    REQUIRE(card(h, name).shown());
    h.click(item_of_card(h, name, "paint"));
    h.click(card(h, name).view().pixel_centre(5, 5));
    h.frame();
  };
  const auto bytes_at = [&](const char* name, int offset) {
    std::vector<int> bytes;
    for (int i = 0; i < 8; ++i) bytes.push_back(h.byte_of(name, offset + i));
    return bytes;
  };
  const int at = (5 * 20 + 5) * 8;
  paint_pixel("q");  // min..max is the whole int64 range: 2**63 - 1, not wrapped to -2**63
  CHECK(bytes_at("q", at) == std::vector<int>{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f});
  paint_pixel("u");  // all zeros: through 0..2**64 - 1
  CHECK_FALSE(h.state().refusal.has_value());
  CHECK(bytes_at("u", at) == std::vector<int>{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff});
  paint_pixel("z");  // all 0.0: through 0..1
  CHECK(bytes_at("z", at) == std::vector<int>{0, 0, 0, 0, 0, 0, 0xf0, 0x3f});
}

TEST_CASE("a picture over the texture limit is drawn from every n-th pixel, and says so") {
  PictureTextureStore store(8);
  PictureBench bench(store);
  GuiHarness& h = bench.h;
  h.submit("import numpy as np\n"
           "big = (np.arange(20 * 24) % 251).astype(np.uint8).reshape(20, 24)\n");
  show_card(h, "big");
  REQUIRE(card(h, "big").shown());
  CHECK(card(h, "big").view().step() == 3);
  const auto& t = texture_of(h, store, "big");
  CHECK(t.width == 8);
  CHECK(t.height == 7);
  for (int y = 0; y < 7; ++y)
    for (int x = 0; x < 8; ++x) {
      const int v = (3 * y * 24 + 3 * x) % 251;
      CHECK(pixel(t, y, x) == Rgba{v, v, v, 255});
    }
}

}  // namespace bufferlab::testing

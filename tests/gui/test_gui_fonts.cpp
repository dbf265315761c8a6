// The window bakes fonts for its zoom only (WindowFonts), and bakes them again when the zoom
// changes: the atlas then holds the new sizes and the panes draw text at the new size.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "app/window/fonts.h"
#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {
namespace {

// The atlas's sizes baked with more than ASCII (the text and heading fonts), ascending.
std::vector<float> full_range_sizes() {
  std::vector<float> sizes;
  for (const ImFontConfig& config : ImGui::GetIO().Fonts->ConfigData)
    if (config.GlyphRanges && config.GlyphRanges[1] > 0x7E) sizes.push_back(config.SizePixels);
  std::sort(sizes.begin(), sizes.end());
  return sizes;
}

void build_atlas() {
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
}

// The console's Clear button: a small button is exactly as tall as the text drawn in it.
std::optional<float> clear_button_height(const GuiHarness& h) {
  for (const RecordedItem& item : h.probe().ui.items)
    if (item.label == "Clear") return item.max.y - item.min.y;
  return std::nullopt;
}

}  // namespace

TEST_CASE("the window's fonts are baked for its zoom, and baked again when the zoom changes") {
  GuiHarness h(ImVec2(1280, 720));
  // As the window does: the harness's whole ladder goes, the window's few sizes come.
  ImGui::GetIO().Fonts->Clear();
  WindowFonts fonts;
  REQUIRE(fonts.update(720.0f, h.workbench().layout().zoom));
  build_atlas();
  h.workbench().set_fonts(fonts.fonts());
  h.frame();
  h.frame();
  CHECK(fonts.text_size() == doctest::Approx(15.0f));
  CHECK(full_range_sizes() == std::vector<float>{15.0f, 19.0f});
  // The byte cells' sizes, ASCII only, within what ByteGrid grows or shrinks cells to.
  for (ImFont* font : ImGui::GetIO().Fonts->Fonts) {
    CHECK(font->FontSize >= 15.0f * 0.6f - 0.5f);
    CHECK(font->FontSize <= 15.0f * 3.0f + 0.5f);
  }
  REQUIRE(clear_button_height(h));
  CHECK(*clear_button_height(h) == doctest::Approx(15.0f));
  CHECK_FALSE(fonts.update(720.0f, h.workbench().layout().zoom));  // the same size: nothing baked

  // Ctrl+= twice over, as a projector needs: 200%.
  h.workbench().layout().zoom = 2.0f;
  REQUIRE(fonts.update(720.0f, h.workbench().layout().zoom));
  build_atlas();
  h.workbench().set_fonts(fonts.fonts());
  h.frame();
  h.frame();
  CHECK(fonts.text_size() == doctest::Approx(30.0f));
  CHECK(full_range_sizes() == std::vector<float>{30.0f, 38.0f});
  bool has_largest_cells = false;
  for (ImFont* font : ImGui::GetIO().Fonts->Fonts) {
    CHECK(font->FontSize >= 30.0f * 0.6f - 0.5f);
    CHECK(font->FontSize <= 30.0f * 3.0f + 0.5f);
    has_largest_cells = has_largest_cells || font->FontSize == 64.0f;
  }
  CHECK(has_largest_cells);
  REQUIRE(clear_button_height(h));
  CHECK(*clear_button_height(h) == doctest::Approx(30.0f));

  // A window as tall as a 1080p screen takes the larger text at 100%.
  h.workbench().layout().zoom = 1.0f;
  REQUIRE(fonts.update(1080.0f, h.workbench().layout().zoom));
  CHECK(fonts.text_size() == doctest::Approx(19.0f));
  build_atlas();
  h.workbench().set_fonts(fonts.fonts());
  h.resize(ImVec2(1920, 1080));
  REQUIRE(clear_button_height(h));
  CHECK(*clear_button_height(h) == doctest::Approx(19.0f));

  // Once built (and, in the window, uploaded) the atlas lets go of the font file: text still
  // draws at its size, and the next zoom change reads the file again.
  fonts.release_input();
  CHECK(ImGui::GetIO().Fonts->ConfigData.empty());
  h.frame();
  REQUIRE(clear_button_height(h));
  CHECK(*clear_button_height(h) == doctest::Approx(19.0f));
  h.workbench().layout().zoom = 2.0f;
  REQUIRE(fonts.update(1080.0f, h.workbench().layout().zoom));
  CHECK(full_range_sizes() == std::vector<float>{38.0f, 38.0f});
  build_atlas();
  h.workbench().set_fonts(fonts.fonts());
  h.frame();
  h.frame();
  REQUIRE(clear_button_height(h));
  CHECK(*clear_button_height(h) == doctest::Approx(38.0f));
}

}  // namespace bufferlab::testing

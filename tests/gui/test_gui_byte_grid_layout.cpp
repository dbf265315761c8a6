// The byte grid laid out in the space it is given, headless with the app's own fonts: no byte of
// a small region is ever hidden (rows a power of two aligned to the itemsize, or a sideways
// scrollbar for a fixed row), small regions get large cells, the byte tooltip stays off the row
// below, and every cell's text reads at 4.5:1 on the background it is drawn on, in both themes.
#include <doctest/doctest.h>

#include <cfloat>

#include <imgui.h>
#include <imgui_internal.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "app/panes/memory_pane.h"
#include "app/widgets/byte_grid.h"
#include "app/widgets/contrast.h"
#include "app/window/fonts.h"
#include "app/window/theme.h"
#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {

namespace {

// A headless context with the window's baked fonts and one full-display window per frame.
class GridFrames {
 public:
  GridFrames() {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1600, 8000);  // tall enough for 64 rows of the largest font
    io.DeltaTime = 1.0f / 60.0f;
    fonts_ = load_fonts();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    apply_theme(Theme::Dark);
  }
  ~GridFrames() { ImGui::DestroyContext(context_); }
  GridFrames(const GridFrames&) = delete;
  GridFrames& operator=(const GridFrames&) = delete;

  const UiFonts& fonts() const { return fonts_; }

  // One frame drawing `draw` at the top left in `font` (null: the default).
  void frame(ImFont* font, const std::function<void()>& draw) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("grid", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    if (font) ImGui::PushFont(font);
    draw();
    if (font) ImGui::PopFont();
    ImGui::End();
    ImGui::Render();
  }

 private:
  ImGuiContext* context_ = nullptr;
  UiFonts fonts_;
};

struct Cell {
  std::int64_t offset;
  ImVec2 min, max;
};

class TestBytes : public ByteGridSource {
 public:
  std::vector<std::uint8_t> data;
  std::vector<Cell> cells;
  ByteRead read(std::int64_t offset, std::int64_t count, std::uint8_t* out) override {
    std::copy(data.begin() + offset, data.begin() + offset + count, out);
    return ByteRead::Ok;
  }
  void on_cell_drawn(const DrawnByte& cell) override { cells.push_back({cell.offset, cell.min, cell.max}); }
  const Cell* cell(std::int64_t offset) const {
    for (const Cell& c : cells)
      if (c.offset == offset) return &c;
    return nullptr;
  }
};

// The width of a row of `bytes` cells without ASCII, as the grid measures it, in a layout's font.
float cells_only_width(const ByteGridMetrics& m, std::int64_t bytes) {
  return m.cells_x + m.char_width * (static_cast<float>(bytes * (m.cell_chars + 1) + bytes / 8) - 0.5f);
}

std::string describe(std::int64_t size, float width, float font, ByteBase base, std::int64_t itemsize) {
  char text[160];
  std::snprintf(text, sizeof text, "size %lld width %.0f font %.0f base %d itemsize %lld",
                static_cast<long long>(size), width, font, static_cast<int>(base), static_cast<long long>(itemsize));
  return text;
}

}  // namespace

TEST_CASE("byte grid layout: every byte of a small region is wholly on screen, in rows of a power of two") {
  GridFrames frames;
  REQUIRE(frames.fonts().ladder.size() > 3);
  const std::vector<ImFont*> zooms = {frames.fonts().regular, frames.fonts().large, frames.fonts().ladder.back()};
  for (std::int64_t size : {1, 3, 16, 40, 63, 64}) {
    for (float width : {150.0f, 240.0f, 400.0f, 620.0f, 900.0f, 1400.0f}) {
      for (ImFont* font : zooms) {
        for (ByteBase base : {ByteBase::Hex, ByteBase::Decimal, ByteBase::Binary}) {
          for (std::int64_t itemsize : {1, 4, 8}) {
            CAPTURE(describe(size, width, font->FontSize, base, itemsize));
            ByteGrid grid;
            grid.bytes_per_row = 0;
            grid.base = base;
            grid.row_alignment = itemsize;
            grid.side_width = 56.0f;
            grid.large_fonts = frames.fonts().ladder;
            TestBytes source;
            source.data.assign(static_cast<std::size_t>(size), 7);
            ByteGridMetrics m;
            frames.frame(font, [&] {
              source.cells.clear();
              m = grid.layout(size, width, 7000.0f);
              grid.draw(source, size, m);
            });
            // A pane too narrow for even one byte of this base scrolls sideways (see below).
            if (m.scrolls_sideways()) {
              CHECK(m.bytes_per_row == 1);
              CHECK(cells_only_width(m, 1) > width - RowScroller::kBarWidth - 8.0f);
              CHECK(width < 250.0f);
              continue;
            }
            // All of it, and nothing partly drawn counted.
            REQUIRE(grid.visible_ranges().size() == 1);
            CHECK(grid.visible_ranges()[0] == std::array<std::int64_t, 2>{0, size});
            CHECK_FALSE(m.scrolls_sideways());
            // The rows and the side column fit the width given.
            CHECK(m.width <= width - RowScroller::kBarWidth);
            const std::int64_t bpr = m.bytes_per_row;
            CHECK(std::has_single_bit(static_cast<std::uint64_t>(bpr)));
            CHECK(bpr <= 16);
            // Aligned to the itemsize where a whole element fits in the row (and the region).
            if (bpr % itemsize != 0)
              CHECK((cells_only_width(m, itemsize) > width - RowScroller::kBarWidth - 8.0f || itemsize > size));
            // Offsets as shown: byte k is in row k / bpr, column k % bpr.
            const Cell* first = source.cell(0);
            REQUIRE(first);
            for (std::int64_t k = 0; k < size; ++k) {
              const Cell* c = source.cell(k);
              REQUIRE(c);
              CHECK(c->min.y == doctest::Approx(first->min.y + static_cast<float>(k / bpr) * m.row_height));
              CHECK(c->min.x == doctest::Approx(source.cell(k % bpr)->min.x));
            }
          }
        }
      }
    }
  }
}

TEST_CASE("byte grid layout: a fixed row that does not fit scrolls sideways, and every byte can be reached") {
  GridFrames frames;
  ImFont* big = frames.fonts().ladder.back();
  for (std::int64_t fixed : {8, 16}) {
    for (ByteBase base : {ByteBase::Hex, ByteBase::Binary}) {
      CAPTURE(fixed);
      ByteGrid grid;
      grid.bytes_per_row = fixed;
      grid.base = base;
      grid.side_width = 56.0f;
      TestBytes source;
      source.data.assign(40, 1);
      ByteGridMetrics m;
      std::vector<bool> seen(40, false);
      auto frame = [&] {
        frames.frame(big, [&] {
          source.cells.clear();
          m = grid.layout(40, 300.0f, 2000.0f, false);
          grid.draw(source, 40, m);
        });
        for (const auto& range : grid.visible_ranges())
          for (std::int64_t k = range[0]; k < range[1]; ++k) seen[static_cast<std::size_t>(k)] = true;
      };
      frame();
      CHECK(m.bytes_per_row == fixed);
      REQUIRE(m.scrolls_sideways());
      CHECK_FALSE(m.side);  // the minimap yields first
      // A cell counted visible lies wholly inside the view.
      for (const auto& range : grid.visible_ranges())
        for (std::int64_t k = range[0]; k < range[1]; ++k) {
          CHECK(source.cell(k)->min.x >= grid.origin().x - 0.5f);
          CHECK(source.cell(k)->max.x <= grid.origin().x + m.view_width + 0.5f);
        }
      CHECK(std::count(seen.begin(), seen.end(), true) < 40);
      // Scrolled to the right with the horizontal wheel over the rows.
      ImGui::GetIO().MousePos = ImVec2(grid.origin().x + 20.0f, grid.origin().y + 5.0f);
      for (int i = 0; i < 60 && std::count(seen.begin(), seen.end(), true) < 40; ++i) {
        ImGui::GetIO().MouseWheelH = -1.0f;
        frame();
      }
      CHECK(std::count(seen.begin(), seen.end(), true) == 40);
      ImGui::GetIO().MousePos = ImVec2(-1, -1);
    }
  }
}

TEST_CASE("byte grid layout: a small region is drawn with large cells, a large one keeps the dense grid") {
  GridFrames frames;
  ImFont* regular = frames.fonts().regular;
  ByteGrid grid;
  grid.bytes_per_row = 0;
  grid.side_width = 56.0f;
  grid.large_fonts = frames.fonts().ladder;
  ByteGridMetrics small, large;
  frames.frame(regular, [&] {
    small = grid.layout(16, 620.0f, 500.0f);
    large = grid.layout(4096, 620.0f, 500.0f);
  });
  CHECK(small.grown);
  CHECK(small.font_size >= 2.0f * regular->FontSize);
  CHECK(small.font_size <= grid.max_cell_scale * regular->FontSize);
  CHECK(small.total_rows * small.row_height <= 500.0f);
  CHECK_FALSE(large.grown);
  CHECK(large.font_size == regular->FontSize);
  CHECK(large.bytes_per_row >= 8);
  CHECK(large.side);  // a region that scrolls keeps its minimap

  // Grown cells are drawn in a baked font at its own size: never scaled up.
  CHECK(small.font != nullptr);
  CHECK(small.font->FontSize == small.font_size);

  // Without larger fonts, or without the height for it, cells keep the current font.
  grid.large_fonts.clear();
  frames.frame(regular, [&] { small = grid.layout(16, 620.0f, 500.0f); });
  CHECK_FALSE(small.grown);
  grid.large_fonts = frames.fonts().ladder;
  frames.frame(regular, [&] { small = grid.layout(64, 620.0f, 40.0f); });
  CHECK_FALSE(small.grown);
}

TEST_CASE("byte grid layout: a small region that would scroll at a large font is drawn whole in a smaller one") {
  GridFrames frames;
  ImFont* large = frames.fonts().ladder.back();  // the largest text size, as at 220%
  ByteGrid grid;
  grid.bytes_per_row = 0;
  grid.large_fonts = frames.fonts().ladder;
  ByteGridMetrics m, cramped;
  // 40 bytes in a pane too short for them at the large font, but not for a smaller one.
  frames.frame(large, [&] {
    cramped = grid.layout(40, 640.0f, FLT_MAX, false);
    m = grid.layout(40, 640.0f, 4.0f * cramped.row_height);
  });
  REQUIRE(cramped.total_rows > 4);
  CHECK(m.grown);
  CHECK(m.font_size < large->FontSize);
  CHECK(m.font_size >= grid.min_cell_scale * large->FontSize - 0.5f);
  CHECK(static_cast<float>(m.total_rows) * m.row_height <= 4.0f * cramped.row_height);
  CHECK(m.bytes_per_row >= ByteGrid::kLeastRowBytes);
  // A big memory scrolls instead: shrinking the font to fit it would make every byte unreadable.
  frames.frame(large, [&] { m = grid.layout(4096, 640.0f, 4.0f * cramped.row_height); });
  CHECK_FALSE(m.grown);
  CHECK(m.font_size == large->FontSize);
}

TEST_CASE("byte grid layout: the byte tooltip is placed above its row, never over the row below") {
  GridFrames frames;
  ByteGrid grid;
  grid.bytes_per_row = 8;
  TestBytes source;
  source.data.assign(64, 0x41);
  auto frame = [&] {
    frames.frame(frames.fonts().large, [&] {
      source.cells.clear();
      ImGui::Dummy(ImVec2(10, 200));  // room above the grid
      grid.draw(source, 64, 8, 900.0f);
    });
  };
  frame();
  const Cell* cell = source.cell(19);
  REQUIRE(cell);
  const float row_top = cell->min.y;
  ImGui::GetIO().MousePos = ImVec2((cell->min.x + cell->max.x) * 0.5f, (cell->min.y + cell->max.y) * 0.5f);
  for (int i = 0; i < 4; ++i) frame();
  ImGuiWindow* tooltip = nullptr;
  for (ImGuiWindow* window : ImGui::GetCurrentContext()->Windows)
    if ((window->Flags & ImGuiWindowFlags_Tooltip) && window->Active) tooltip = window;
  REQUIRE(tooltip);
  CHECK(tooltip->Pos.y + tooltip->Size.y <= row_top + 0.5f);
  ImGui::GetIO().MousePos = ImVec2(-1, -1);
}

TEST_CASE("byte grid contrast: every cell state reads at 4.5:1 in both themes, on any tint") {
  GridFrames frames;
  // Okabe-Ito, then extremes a palette could bring.
  std::vector<ImU32> tints = {IM_COL32(0xE6, 0x9F, 0x00, 255), IM_COL32(0x56, 0xB4, 0xE9, 255),
                              IM_COL32(0x00, 0x9E, 0x73, 255), IM_COL32(0xF0, 0xE4, 0x42, 255),
                              IM_COL32(0x00, 0x72, 0xB2, 255), IM_COL32(0xD5, 0x5E, 0x00, 255),
                              IM_COL32(0xCC, 0x79, 0xA7, 255), IM_COL32(0x00, 0x00, 0x00, 255),
                              IM_COL32(0xFF, 0xFF, 0xFF, 255), IM_COL32(0x80, 0x80, 0x80, 255)};
  for (Theme theme : {Theme::Dark, Theme::Light}) {
    apply_theme(theme);
    CAPTURE(theme == Theme::Dark ? "dark" : "light");
    std::vector<ImU32> all = tints;
    // The theme's own: its name colours and the colours it draws bars in.
    for (Rgba colour : theme_colours().names.base) all.push_back(colour | IM_COL32_A_MASK);
    all.push_back(theme_colours().chart_bar);
    all.push_back(theme_colours().export_link);
    all.push_back(theme_colours().lesson_range);
    const ByteGridColours colours = MemoryPane::grid_colours();

    // No tint, each tint alone, every pair as stripes, and runs of three and four.
    std::vector<std::vector<ImU32>> tint_sets = {{}};
    for (std::size_t i = 0; i < all.size(); ++i) {
      tint_sets.push_back({all[i]});
      for (std::size_t j = 0; j < all.size(); ++j)
        if (i != j) tint_sets.push_back({all[i], all[j]});
      tint_sets.push_back({all[i], all[(i + 1) % all.size()], all[(i + 2) % all.size()]});
      tint_sets.push_back({all[i], all[(i + 3) % all.size()], all[(i + 5) % all.size()], all[(i + 7) % all.size()]});
    }
    int failures = 0;
    for (const auto& set : tint_sets) {
      for (int flags = 0; flags < 8; ++flags) {
        for (float flash : {0.0f, 0.4f, 1.0f}) {
          for (ByteTextKind kind : {ByteTextKind::Normal, ByteTextKind::Zero, ByteTextKind::Greyed}) {
            ByteCellStyle style;
            style.tints = (1u << set.size()) - 1u;
            style.flash = flash;
            style.element_highlight = flags & 1;
            style.source_highlight = flags & 2;
            style.marked = flags & 4;
            const ByteCellLook look =
                compose_byte_cell(colours, style, set.data(), static_cast<int>(set.size()), kind);
            CHECK(look.band_count == std::max<int>(1, static_cast<int>(set.size())));
            for (int b = 0; b < look.band_count; ++b) {
              const float ratio = contrast_ratio(blend_over(look.bands[b], look.text), look.bands[b]);
              if (ratio < kMinimumTextContrast && ++failures < 10) {
                CAPTURE(flags);
                CAPTURE(flash);
                CAPTURE(static_cast<int>(kind));
                CAPTURE(b);
                CHECK(ratio >= kMinimumTextContrast);
              }
            }
          }
        }
      }
    }
    CHECK(failures == 0);

    // Zero bytes are drawn dim where the plain background leaves room, and still read.
    const ByteCellLook normal = compose_byte_cell(colours, {}, nullptr, 0, ByteTextKind::Normal);
    const ByteCellLook zero = compose_byte_cell(colours, {}, nullptr, 0, ByteTextKind::Zero);
    CHECK(zero.text != normal.text);
    CHECK(contrast_ratio(zero.text, zero.bands[0]) >= kMinimumTextContrast);
    // A tint never turns a plain cell's background away from its theme: the bands of a tinted
    // cell are the tint over the background, unless the text needed them moved.
    const ImU32 blue = tints[4];
    ByteCellStyle tinted;
    tinted.tints = 1;
    const ByteCellLook blue_look = compose_byte_cell(colours, tinted, &blue, 1, ByteTextKind::Normal);
    CHECK(blue_look.bands[0] != normal.bands[0]);
    // Offsets and ASCII, drawn dim on the plain background, read too.
    CHECK(contrast_ratio(readable_dim(colours.background, colours.text, colours.dim_text), colours.background) >=
          kMinimumTextContrast);
    CHECK(contrast_ratio(readable_dim(colours.background, colours.text, colours.greyed_text), colours.background) >=
          kMinimumTextContrast);
  }
  apply_theme(Theme::Dark);
}

TEST_CASE("memory pane at the classroom size: toolbar and header wrap unclipped, and 16 bytes are all shown") {
  GuiHarness h(ImVec2(1280, 720));
  h.workbench().layout().zoom = 2.0f;
  h.submit("a = bytearray(range(16))\nm = memoryview(a)\n");
  h.frame();
  h.frame();
  const UiRecord& ui = h.probe().ui;
  // The Memory pane's own controls: each wholly shown, none on another.
  std::vector<const RecordedItem*> controls;
  const DrawnPane* memory = nullptr;
  for (const DrawnPane& pane : h.probe().panes)
    if (pane.title == "Memory") memory = &pane;
  REQUIRE(memory);
  for (const RecordedItem& item : ui.items)
    if (item.min.x >= memory->min.x && item.max.x <= memory->max.x + 1.0f && item.min.y >= memory->min.y &&
        item.max.y <= memory->max.y + 1.0f)
      controls.push_back(&item);
  for (const char* label : {"hex", "dec", "bin", "auto", "8", "16", "view as..."}) {
    CAPTURE(label);
    bool found = false;
    for (const RecordedItem* item : controls) found = found || item->label == label;
    // "view as..." may sit in the "more..." pop-up when the header has no room for it.
    CHECK((found || std::string(label) == "view as..."));
  }
  for (const RecordedItem* item : controls) {
    CAPTURE(item->label);
    CHECK_FALSE(item->clipped);
  }
  for (std::size_t i = 0; i < controls.size(); ++i)
    for (std::size_t j = i + 1; j < controls.size(); ++j) {
      const RecordedItem& a = *controls[i];
      const RecordedItem& b = *controls[j];
      CAPTURE(a.label);
      CAPTURE(b.label);
      CHECK_FALSE((a.min.x < b.max.x - 0.5f && b.min.x < a.max.x - 0.5f && a.min.y < b.max.y - 0.5f &&
                   b.min.y < a.max.y - 0.5f));
    }
  REQUIRE(ui.grids.size() == 1);
  CHECK(ui.grids[0].size == 16);
  CHECK(ui.grids[0].visible == std::vector<std::array<std::int64_t, 2>>{{0, 16}});
}

}  // namespace bufferlab::testing

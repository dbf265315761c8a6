// The Memory pane: one byte grid per region (offset, hex/decimal/binary cells, ASCII), each
// byte tinted with the colours of the views covering it, with a row-indexed scroll, go-to
// offset, in-place byte editing and a minimap of the whole region beside it.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "app/widgets/row_scroller.h"
#include "app/panes/pane.h"

namespace bufferlab {

class MemoryPane : public Pane {
 public:
  enum class CellBase { Hex, Decimal, Binary };

  // Options as plain fields.
  int columns_choice = 0;  // 0: 16 when it fits, else 8; or 8 / 16
  CellBase cell_base = CellBase::Hex;

  const char* title() const override { return "Memory"; }

  // Scrolls the grid of `region` so that `offset` is on screen (go to offset).
  void go_to(const AppState& state, int region, std::int64_t offset);
  // The first byte offset shown for a region (tests and the sharing diagram).
  std::int64_t first_visible_offset(const AppState& state, int region) const;

 protected:
  void draw_toolbar(PaneContext& context) override;
  void draw_content(PaneContext& context) override;

 private:
  struct RegionUi {
    RowScroller scroller;
    char goto_text[40] = "";
    bool goto_invalid = false;
    std::int64_t bytes_per_row = 16;
    // The last bytes read, drawn greyed while a cell runs (memory is not read then).
    std::vector<std::uint8_t> cached;
    std::int64_t cached_first = 0;
    bool has_cache = false;
  };
  struct ByteEdit {
    bool active = false;
    bool focus_pending = false;
    int region = -1;
    std::uintptr_t address = 0;
    char text[16] = "";
  };
  struct GridMetrics {
    float char_width = 7.0f;
    float row_height = 16.0f;
    int cell_chars = 2;        // digits per cell
    int offset_chars = 8;
    std::int64_t bytes_per_row = 16;
    float hex_x = 0.0f;        // from the grid's left edge
    float ascii_x = 0.0f;
    float width = 0.0f;        // offset + cells + ascii
    float cell_x(std::int64_t column) const {
      return hex_x + char_width * static_cast<float>(column * (cell_chars + 1) + column / 8);
    }
    float cell_width() const { return char_width * static_cast<float>(cell_chars); }
  };

  GridMetrics metrics_for(std::int64_t region_size, std::int64_t bytes_per_row) const;
  std::int64_t choose_bytes_per_row(std::int64_t region_size, float width) const;
  void draw_region(PaneContext& context, int region_index, std::int64_t rows, float width);
  void draw_region_header(PaneContext& context, int region_index, RegionUi& ui);
  bool legend_needs_own_line(PaneContext& context, int region_index, float width) const;
  void draw_minimap(PaneContext& context, int region_index, RegionUi& ui, const ImVec2& min,
                    const ImVec2& max, std::int64_t first_byte, std::int64_t end_byte);
  void draw_view_as_popup(PaneContext& context, int region_index);
  std::string cell_text(std::uint8_t value) const;
  bool parse_cell_text(const char* text, std::uint8_t* value) const;

  std::map<std::uintptr_t, RegionUi> regions_;  // by region address: survives new snapshots
  ByteEdit edit_;
  int view_as_format_ = 0;
  int view_as_order_ = 0;
  std::int64_t view_as_offset_ = 0;
  std::vector<std::uint32_t> masks_;  // scratch: per visible byte, the views covering it
  std::vector<std::uint8_t> starts_;  // scratch: selected view's element starts
  char cell_texts_[256][9] = {};      // every byte value as a cell shows it
  int cell_texts_base_ = -1;
};

}  // namespace bufferlab

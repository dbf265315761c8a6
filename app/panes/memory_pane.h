// The Memory pane: one byte grid per region (offset, hex/decimal/binary cells, ASCII), each
// byte tinted with the colours of the views covering it, with a row-indexed scroll, go-to
// offset, in-place byte editing and a minimap of the whole region beside it. The grids are
// ByteGrid widgets; this pane adapts the app state to them and turns their events into commands.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "app/panes/pane.h"
#include "app/widgets/byte_grid.h"

namespace bufferlab {

class MemoryPane : public Pane {
 public:
  using CellBase = ByteBase;

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
  class RegionBytes;
  // Per region: its grid (scroll, editor, last bytes read) and its go-to field.
  struct RegionUi {
    ByteGrid grid;
    char goto_text[40] = "";
    bool goto_invalid = false;
    std::string goto_problem;  // what the field accepts, while goto_invalid
  };
  // A byte edit the grid did not pass on as a write, and why; shown under its cell like the
  // workbench's refusals (which are for writes it was asked to make).
  struct ByteNote {
    std::uintptr_t region_address = 0;
    std::uintptr_t address = 0;
    std::string message;
    double time = 0.0;
  };

  std::int64_t choose_bytes_per_row(const ByteGrid& grid, std::int64_t region_size, float width) const;
  void draw_region(PaneContext& context, int region_index, std::int64_t rows, float width);
  void draw_region_header(PaneContext& context, int region_index, RegionUi& ui);
  bool legend_needs_own_line(PaneContext& context, int region_index, float width) const;
  void draw_minimap(PaneContext& context, int region_index, RegionUi& ui, const ImVec2& min,
                    const ImVec2& max, std::int64_t first_byte, std::int64_t end_byte);
  void draw_view_as_popup(PaneContext& context, int region_index);

  std::map<std::uintptr_t, RegionUi> regions_;  // by region address: survives new snapshots
  std::uintptr_t editing_region_ = 0;           // whose grid opened the byte editor last
  std::optional<ByteNote> byte_note_;
  int view_as_format_ = 0;
  int view_as_order_ = 0;
  std::int64_t view_as_offset_ = 0;
};

}  // namespace bufferlab

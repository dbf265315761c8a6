// The Memory pane: one byte grid per region (offset, hex/decimal/binary cells, ASCII), each
// byte tinted with the colours of the views covering it, with a row-indexed scroll, go-to
// offset, in-place byte editing and a minimap of the whole region beside it. The grids are
// ByteGrid widgets; this pane adapts the app state to them and turns their events into commands.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "app/panes/pane.h"
#include "app/widgets/byte_grid.h"
#include "app/widgets/virtual_list.h"

namespace bufferlab {

class MemoryPane : public Pane {
 public:
  using CellBase = ByteBase;

  // Options as plain fields.
  int columns_choice = 0;  // 0: as many as fit (a power of two); or 8 / 16, scrolling sideways
  CellBase cell_base = CellBase::Hex;
  // Each element of the selected view shown with its most significant byte first (little-endian
  // fields reversed on screen; memory is not touched, edits still go to the byte shown).
  bool significance_order = false;

  // Fonts baked at larger sizes, for the large cells of a small region.
  void set_cell_fonts(const std::vector<ImFont*>& fonts) { cell_fonts_ = fonts; }
  // The grids' colours in the current theme and ImGui style.
  static ByteGridColours grid_colours();

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
    // The height of the header and spacing around the grid, as last drawn: the header wraps
    // in a narrow pane, and its height is known once it is drawn.
    float overhead = -1.0f;
  };
  // A byte edit the grid did not pass on as a write, and why; shown under its cell like the
  // workbench's refusals (which are for writes it was asked to make).
  struct ByteNote {
    std::uintptr_t region_address = 0;
    std::uintptr_t address = 0;
    std::string message;
    double time = 0.0;
  };

  // What the regions' heights were planned for: a change in any of these plans them again.
  struct PlanKey {
    std::uint64_t generation = 0;
    float width = 0.0f, height = 0.0f, font_size = 0.0f;
    int columns_choice = 0;
    CellBase cell_base = CellBase::Hex;
    int selected_view = -1;  // rows keep whole elements of the selected view
    bool significance_order = false;  // its note takes a line
    bool operator==(const PlanKey&) const = default;
  };
  // Shares the pane's height among the regions (their grids' heights) and places them in the
  // list; keeps the region at the top of the pane where it was.
  void plan_regions(PaneContext& context, const PlanKey& key, float grid_width);
  // Drops the grids of regions that have gone (once per snapshot).
  void forget_gone_regions(const AppState& state);

  void configure_grid(PaneContext& context, int region_index, ByteGrid& grid) const;
  void draw_region(PaneContext& context, int region_index, float grid_height, float width);
  // Returns true when go to and "view as" went into a "more..." popup for want of room.
  bool draw_region_header(PaneContext& context, int region_index, RegionUi& ui);
  void draw_minimap(PaneContext& context, int region_index, RegionUi& ui, const ImVec2& min,
                    const ImVec2& max, std::int64_t first_byte, std::int64_t end_byte);
  void draw_view_as_popup(PaneContext& context, int region_index);
  // With the significance order on: what it shows, on a line above the grids.
  void draw_significance_note(const AppState& state);
  // Right-click on a byte: copy it, its row or the whole region as hex, bytes or a C array.
  void draw_copy_menu(PaneContext& context, int region_index, std::int64_t bytes_per_row);

  std::map<std::uintptr_t, RegionUi> regions_;  // by region address: survives new snapshots
  // The regions' plan: each grid's height, and the header heights it assumed (measured when
  // drawn, estimated before) by region index.
  PlanKey plan_key_;
  bool plan_stale_ = true;
  std::vector<float> grid_heights_, overheads_;
  float overhead_estimate_ = 0.0f;
  bool overhead_measured_ = false;   // the estimate is a header as drawn, not a guess
  bool plan_shares_height_ = false;  // some region got more than its least: headers matter
  VirtualList region_list_;  // one item per region: only the regions in view are drawn
  std::uint64_t known_generation_ = 0;
  std::uintptr_t top_region_ = 0;  // the region at the top of the pane, and how far into it
  float top_region_offset_ = 0.0f;
  bool have_top_region_ = false;
  std::string shown_selection_;  // the selected view whose region the pane last brought into sight
  // Bytes brought into sight when they change (region, begin, end): a lesson step's marked
  // bytes, the stride walk's element.
  using MarkedBytes = std::tuple<int, std::uintptr_t, std::uintptr_t>;
  void bring_into_sight(const std::vector<Region>& regions, const MarkedBytes& bytes, MarkedBytes& shown);
  MarkedBytes shown_lesson_range_{-1, 0, 0};
  MarkedBytes shown_walk_bytes_{-1, 0, 0};
  std::uintptr_t editing_region_ = 0;           // whose grid opened the byte editor last
  std::optional<ByteNote> byte_note_;
  // The byte the copy menu is about, and whether it opens this frame.
  struct CopyTarget {
    std::uintptr_t region_address = 0;
    std::int64_t offset = 0;
  };
  std::optional<CopyTarget> copy_target_;
  bool open_copy_menu_ = false;
  std::vector<ImFont*> cell_fonts_;
  bool help_in_header_ = false;  // the toolbar had no room left for its help marker
  int view_as_format_ = 0;
  int view_as_order_ = 0;
  std::int64_t view_as_offset_ = 0;
};

}  // namespace bufferlab

// The Views pane: one card per buffer-exporting name (and per "view as" reinterpretation) with
// its Py_buffer shape, and its elements as a virtualised table: 1-D in rows of several
// elements, 2-D as a grid, N-D as a grid of the last two dimensions under index selectors.
// Double-click an element to type a new value.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "app/widgets/row_scroller.h"
#include "app/panes/pane.h"

namespace bufferlab {

class ViewsPane : public Pane {
 public:
  const char* title() const override { return "Views"; }

  // Scrolls the card of `view` so that element `flat` is visible.
  void reveal(const AppState& state, int view, std::int64_t flat);

 protected:
  void draw_content(PaneContext& context) override;

 private:
  struct CardUi {
    RowScroller rows;
    std::int64_t first_column = 0;
    std::int64_t per_row = 1;  // 1-D: elements per table row, as last drawn
    std::vector<std::int64_t> leading;  // N-D: the chosen indices of the leading dimensions
    // Texts of the last frame's visible cells, drawn greyed while a cell runs.
    std::vector<std::string> cached;
    std::int64_t cached_key = -1;
  };
  struct ElementEdit {
    bool active = false;
    bool focus_pending = false;
    int view = -1;
    std::int64_t flat = -1;
    char text[256] = "";
  };
  // The table geometry of one card for this frame.
  struct Grid {
    std::int64_t rows = 0, columns = 0;  // of the whole table
    std::int64_t shown_rows = 0, shown_columns = 0;
    std::int64_t per_row = 1;  // 1-D: elements per table row
    bool one_dimensional = true;
    float cell_width = 0, row_height = 0, label_width = 0;
  };

  void draw_card(PaneContext& context, int view_index, float width, std::int64_t row_budget,
                 bool* wheel_used);
  Grid grid_for(const DisplayView& view, CardUi& ui, float width, std::int64_t row_budget) const;
  std::int64_t flat_of_cell(const DisplayView& view, const CardUi& ui, const Grid& grid,
                            std::int64_t row, std::int64_t column) const;

  std::map<std::string, CardUi> cards_;  // by view name: survives new snapshots
  std::string scroll_to_card_;           // reveal(): bring this card into the pane
  ElementEdit edit_;
};

}  // namespace bufferlab

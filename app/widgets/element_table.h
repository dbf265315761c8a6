// An element table widget: decoded values in a virtualised table (a 1-D list flowing in rows as
// wide as fit, or a 2-D grid with a first-column slider), with row labels, column headers,
// highlight marks, hover, clicks and an inline editor. It knows nothing of buffers or Python:
// an ElementTableSource supplies the texts and marks and hears what happens.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <string>
#include <vector>

#include "app/widgets/row_scroller.h"

namespace bufferlab {

// What the table lays out: a list of `count` elements, or a grid of rows x columns whose cell
// (r, c) is element first + r * columns + c.
struct ElementTableShape {
  bool flowing = true;
  std::int64_t count = 0;
  std::int64_t rows = 0, columns = 0, first = 0;

  static ElementTableShape list(std::int64_t count) { return {true, count, 0, 0, 0}; }
  static ElementTableShape grid(std::int64_t rows, std::int64_t columns, std::int64_t first) {
    return {false, 0, rows, columns, first};
  }
};

// How one element's cell is marked.
struct ElementCellStyle {
  bool highlighted = false;  // stronger tint
  bool source = false;       // the hovered or pinned element itself (outlined)
  bool selected = false;     // outlined in the table's colour
};

// What became of a read: the texts, nothing for now (the last texts of the same cells are shown
// greyed), or nothing at all.
enum class ElementRead { Ok, Busy, Failed };

// A cell as drawn, for whoever records frames (tests).
struct DrawnElement {
  std::int64_t element = -1;
  const std::string* text = nullptr;  // as read (empty when not read)
  const ElementCellStyle* style = nullptr;
  ImVec2 min, max;
};

class ElementTableSource {
 public:
  virtual ~ElementTableSource() = default;
  // Fills texts[i] with the value of elements[i]; -1 is an empty cell. Once a frame, for the
  // visible cells only.
  virtual ElementRead read(const std::vector<std::int64_t>& elements, std::vector<std::string>& texts) = 0;
  virtual ElementCellStyle style(std::int64_t /*element*/) { return {}; }

  // The pointer is on an element (every frame it stays there); it was clicked; a double click
  // opened its editor; a text typed there was entered.
  virtual void on_hover(std::int64_t /*element*/) {}
  virtual void on_click(std::int64_t /*element*/) {}
  virtual void on_edit_start(std::int64_t /*element*/) {}
  virtual void on_write(std::int64_t /*element*/, const char* /*text*/) {}
  // A right-click on an element (a context menu's place).
  virtual void on_right_click(std::int64_t /*element*/) {}
  virtual void on_cell_drawn(const DrawnElement& /*cell*/) {}

  // The tooltip over an element while no editor is open; by default its index and value.
  virtual void tooltip(std::int64_t element, const std::string& text);
};

struct ElementTableColours {
  ImU32 greyed_text = IM_COL32(128, 128, 128, 255);  // values not readable just now
  ImU32 source_outline = IM_COL32(255, 255, 0, 255);
  ImVec4 edit_field = ImVec4(0.2f, 0.2f, 0.3f, 1.0f);
};

// One frame's layout, computed in one place from the font, the options and the shape.
struct ElementTableMetrics {
  float char_width = 7.0f;
  float row_height = 16.0f;
  float cell_width = 0.0f, label_width = 0.0f;
  int cell_chars = 1;                  // value characters a cell shows
  bool flowing = true;                 // a list (rows labelled by their first element)
  std::int64_t per_row = 1;            // a list: elements per table row
  std::int64_t rows = 0, columns = 0;  // of the whole table
  std::int64_t shown_rows = 0, shown_columns = 0;
  std::int64_t first_column = 0;       // the first column shown
};

class ElementTable {
 public:
  // Options as plain fields.
  int value_chars = 8;  // characters a typical value needs
  ImU32 colour = IM_COL32(90, 140, 220, 255);
  bool editable = true;     // a double click opens the editor (while values are readable)
  bool paging_keys = true;  // PageUp/PageDown scroll while the table is hovered
  float editor_min_width = 90.0f;
  float column_slider_width = 300.0f;  // at most
  // A table of at most this many rows shows all of them whatever max_rows says: a short table
  // never scrolls, so the wheel over it scrolls whatever holds it.
  std::int64_t whole_rows = 8;
  ElementTableColours colours;

  ElementTableMetrics metrics(const ElementTableShape& shape, float width, std::int64_t max_rows) const;
  static float row_height();

  // Draws the table at the cursor, `width` wide, at most `max_rows` rows high, and leaves the
  // cursor below it.
  void draw(ElementTableSource& source, const ElementTableShape& shape, float width, std::int64_t max_rows);

  // Scrolling, effective at the next draw.
  void jump_to_row(std::int64_t row) { rows_.jump_to(row); }
  void set_first_column(std::int64_t column) { first_column_ = column; }
  // Scrolls as little as brings `row` and `column` (as last drawn) into the table.
  void reveal(std::int64_t row, std::int64_t column) {
    rows_.reveal(row);
    if (column < drawn_.first_column)
      first_column_ = column;
    else if (drawn_.shown_columns > 0 && column >= drawn_.first_column + drawn_.shown_columns)
      first_column_ = column - drawn_.shown_columns + 1;
  }
  std::int64_t per_row() const { return per_row_; }  // as last drawn
  float cell_width() const { return drawn_.cell_width; }  // as last drawn

  bool editing() const { return edit_.active; }
  void cancel_edit() { edit_.active = false; }
  // Whether the last draw used the mouse wheel (the caller should not scroll with it then): only
  // when its rows moved, so at either end the wheel passes on.
  bool took_wheel() const { return took_wheel_; }
  // The band of the row under the mouse in the last draw, across the table (tooltips go beside it).
  bool hovered_row(ImVec2* min, ImVec2* max) const;
  // The point just under an element's cell (for notes about it), if the cell was drawn.
  bool below_cell(std::int64_t element, ImVec2* at) const;

 private:
  struct Edit {
    bool active = false;
    bool focus_pending = false;
    std::int64_t element = -1;
    char text[256] = "";
  };
  // Which cells the cached texts belong to.
  struct CacheKey {
    std::int64_t top = -1, first_column = 0, per_row = 0, first = 0;
    bool operator==(const CacheKey&) const = default;
  };

  std::int64_t element_at(const ElementTableShape& shape, const ElementTableMetrics& m, std::int64_t row,
                          std::int64_t column) const;
  void draw_headers(const ElementTableShape& shape, const ElementTableMetrics& m, ImVec2 at);
  std::int64_t draw_cells(ElementTableSource& source, const ElementTableMetrics& m, bool live);
  void draw_editor(ElementTableSource& source, const ElementTableMetrics& m);

  RowScroller rows_;
  std::int64_t first_column_ = 0;
  std::int64_t per_row_ = 1;
  Edit edit_;
  bool took_wheel_ = false;
  std::vector<std::string> cached_;  // the last texts read, shown greyed while the source is busy
  CacheKey cached_key_;
  // This frame's cells, row by row, and where they are.
  std::vector<std::int64_t> elements_;
  std::vector<std::string> texts_;
  ElementTableMetrics drawn_;
  ImVec2 table_min_;
  std::int64_t hovered_cell_ = -1;
};

}  // namespace bufferlab

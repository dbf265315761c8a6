// A byte grid widget: offset column, hex/decimal/binary cells and ASCII, drawn for the visible
// rows only, with per-byte tints and marks, hover, click and an inline byte editor. It lays
// itself out in the space it is given so no byte is ever hidden: rows follow the width (or
// scroll sideways with a visible bar), and a small memory is drawn with large cells. It knows
// nothing of where the bytes come from: a ByteGridSource supplies them and hears what happens.
#pragma once

#include <imgui.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "app/widgets/byte_cell_look.h"
#include "app/widgets/row_scroller.h"

namespace bufferlab {

enum class ByteBase { Hex, Decimal, Binary };

// What became of a read: the bytes, nothing for now (the last bytes read are shown greyed), or
// nothing at all (dots).
enum class ByteRead { Ok, Busy, Failed };

// A cell as drawn, for whoever records frames (tests).
struct DrawnByte {
  std::int64_t offset = 0;
  const char* text = "";
  const ByteCellStyle* style = nullptr;
  ImVec2 min, max;
};

// The grid's side of a conversation about some memory. Offsets count from the grid's first byte.
class ByteGridSource {
 public:
  virtual ~ByteGridSource() = default;
  // Copies `count` bytes from `offset` to `out`. Called once a frame, for the visible rows.
  virtual ByteRead read(std::int64_t offset, std::int64_t count, std::uint8_t* out) = 0;
  // Fills the styles of `count` bytes from `offset` (plain on entry). Once a frame.
  virtual void style(std::int64_t /*offset*/, std::int64_t /*count*/, ByteCellStyle* /*out*/) {}
  // The colour tint bit `slot` stands for (the grid applies its own alpha).
  virtual ImU32 tint_colour(int /*slot*/) const { return 0; }

  // The pointer is on the byte at `offset` (every frame it stays there), it was clicked, and a
  // value was typed into its editor and entered.
  virtual void on_hover(std::int64_t /*offset*/) {}
  virtual void on_click(std::int64_t /*offset*/) {}
  virtual void on_write(std::int64_t /*offset*/, std::uint8_t /*value*/) {}
  // The selection reaches the byte at `offset`: a click starts a new one there (`extend`
  // false); a drag from a pressed byte or a Shift+click extends the current one to it.
  virtual void on_select(std::int64_t /*offset*/, bool /*extend*/) {}
  // An edit of the byte at `offset` was not made, and why: the typed text is no byte in the
  // grid's base ("300", "102" in binary), or editing is locked (ByteGrid::edit_locked).
  virtual void on_edit_refused(std::int64_t /*offset*/, const std::string& /*why*/) {}
  virtual void on_cell_drawn(const DrawnByte& /*cell*/) {}
  // The order the `count` bytes from `offset` are shown in: `memory_index[i]` is the byte
  // (counted from `offset`) shown at position i, `reversed[i]` says position i is in an element
  // shown most significant byte first. Both start as the identity and zeros; return false to
  // keep memory order. Once a frame, after style().
  virtual bool display_order(std::int64_t /*offset*/, std::int64_t /*count*/, std::int64_t* /*memory_index*/,
                             std::uint8_t* /*reversed*/) {
    return false;
  }

  // Draws into the column right of the scrollbar (ByteGrid::side_width wide), given the part
  // of the memory on screen as [first_offset, end_offset). Not called when the grid needs
  // that room for its bytes.
  virtual void draw_beside(const ImVec2& /*min*/, const ImVec2& /*max*/, std::int64_t /*first_offset*/,
                           std::int64_t /*end_offset*/) {}

  // Tooltips over a byte and over a row's offset (the grid places them beside the row); by
  // default the offset in decimal and hex.
  virtual void byte_tooltip(std::int64_t offset);
  virtual void row_tooltip(std::int64_t row_offset);
};

// One frame's layout, computed in one place from the font, the options and the space.
struct ByteGridMetrics {
  ImFont* font = nullptr;  // null: the current font
  float font_size = 13.0f;
  float char_width = 7.0f;
  float row_height = 16.0f;
  int cell_chars = 2;  // digits per cell
  int offset_chars = 8;
  std::int64_t bytes_per_row = 16;
  bool ascii = true;   // the ASCII column is shown
  bool side = false;   // the side column (minimap) is shown
  bool grown = false;  // drawn with a font larger than the current one (a small memory)
  float cells_x = 0.0f;  // from the grid's left edge
  float ascii_x = 0.0f;
  float width = 0.0f;       // offset + cells + ASCII
  float view_width = 0.0f;  // the part shown; less than width when it scrolls sideways
  std::int64_t total_rows = 1;
  std::int64_t visible_rows = 1;
  float scrollbar_height = 0.0f;  // a sideways scrollbar under the rows, or 0

  // A gap after every 8 cells.
  float cell_x(std::int64_t column) const {
    return cells_x + char_width * static_cast<float>(column * (cell_chars + 1) + column / 8);
  }
  float cell_width() const { return char_width * static_cast<float>(cell_chars); }
  bool scrolls_sideways() const { return scrollbar_height > 0.0f; }
  // Rows and sideways scrollbar together.
  float height() const { return static_cast<float>(visible_rows) * row_height + scrollbar_height; }
};

class ByteGrid {
 public:
  // Options as plain fields.
  ByteBase base = ByteBase::Hex;
  // Bytes a row: a fixed number (scrolling sideways when the row does not fit), or 0 for as
  // many as fit: a power of two up to 16, a multiple of row_alignment where one fits.
  std::int64_t bytes_per_row = 16;
  std::int64_t row_alignment = 1;  // the selected view's itemsize
  bool show_ascii = true;
  bool editable = true;     // a click opens the editor on the byte (while bytes are readable)
  // Why bytes cannot be edited just now (a cell runs), or empty: while set, a click or an
  // Enter in an open editor is refused with this reason instead of writing.
  std::string edit_locked;
  bool paging_keys = true;  // PageUp/PageDown scroll while the grid is hovered
  float side_width = 0.0f;  // a column right of the scrollbar for the source to draw in
  // Fonts baked at other sizes (any order). A memory that fits whole grows into the largest
  // of them (at most max_cell_scale times the current font) whose cells fit the space; text is
  // always drawn at its font's own size, so it stays sharp. None: cells keep the current font.
  std::vector<ImFont*> large_fonts;
  float max_cell_scale = 3.0f;
  // A memory of at most kWholeBelowBytes that would scroll at the current font is drawn whole in
  // a smaller one of large_fonts, down to min_cell_scale times the current font.
  static constexpr std::int64_t kWholeBelowBytes = 256;
  // The fewest bytes a row of cells in another font may hold (fewer when the memory is smaller).
  static constexpr std::int64_t kLeastRowBytes = 4;
  float min_cell_scale = 0.6f;
  ByteGridColours colours;

  // The layout for a memory of `size` bytes in rows of `row_bytes`, with the current font and
  // base, ignoring the space (asking with another row width tells how wide that would be).
  ByteGridMetrics metrics(std::int64_t size, std::int64_t row_bytes) const;
  // The layout in a space `width` wide (side column and scrollbar included) and `height` tall:
  // bytes a row, ASCII and side column, and the font (grown only when `grow` and the whole
  // memory fits).
  ByteGridMetrics layout(std::int64_t size, float width, float height, bool grow = true) const;
  // The row height with the current font.
  static float row_height();

  // Draws at the cursor with a layout from layout(), and leaves the cursor below.
  void draw(ByteGridSource& source, std::int64_t size, const ByteGridMetrics& layout);
  // The same, laid out in `visible_rows` rows of the current font's height (without growing).
  void draw(ByteGridSource& source, std::int64_t size, std::int64_t visible_rows, float width);

  // Scrolling: puts `offset` near the top, or in the middle.
  void go_to(std::int64_t offset);
  void centre_on(std::int64_t offset);
  // Scrolls as little as shows the bytes [begin, end) (their first rows, when they need more
  // than the grid shows).
  void reveal(std::int64_t begin, std::int64_t end);
  std::int64_t first_visible_offset() const;

  bool editing() const { return edit_.active; }
  void cancel_edit() { edit_.active = false; }

  // Where the last draw put things (screen coordinates).
  ImVec2 origin() const { return origin_; }
  const ByteGridMetrics& drawn_layout() const { return drawn_; }
  // Half-open offset ranges whose cells were wholly on screen in the last draw, merged.
  const std::vector<std::array<std::int64_t, 2>>& visible_ranges() const { return visible_; }
  // The point just under the cell of `offset` (for notes about it), if that cell is visible.
  bool below_cell(std::int64_t offset, ImVec2* at) const;
  // Offsets are the bytes' own everywhere the grid talks to its source; only the cells move
  // when the source asks for another display order. The byte shown at display position
  // `display`, and where the byte at `offset` is shown.
  std::int64_t memory_offset(std::int64_t display) const;
  std::int64_t display_offset(std::int64_t offset) const;

  // A byte as a cell shows it, and a cell's text back to a byte (false when it is not one, with
  // the reason in `why` when given).
  static void format_byte(ByteBase base, std::uint8_t value, char* text, std::size_t size);
  static bool parse_byte(ByteBase base, const char* text, std::uint8_t* value, std::string* why = nullptr);

 private:
  struct Edit {
    bool active = false;
    bool focus_pending = false;
    std::int64_t offset = 0;
    ByteBase base = ByteBase::Hex;
    char text[16] = "";
  };
  // A composed look, kept for the frame: most cells share a few.
  struct CachedLook {
    ByteCellStyle style;
    ByteTextKind kind;
    ByteCellLook look;
  };

  ByteGridMetrics metrics_in(ImFont* font, float font_size, std::int64_t size, std::int64_t row_bytes,
                             bool ascii) const;
  void choose_row(ByteGridMetrics* m, std::int64_t size, float room) const;
  std::int64_t hovered_offset(ByteGridSource& source, const ByteGridMetrics& m) const;
  // The display position under `point` among the visible cells (and ASCII), or -1.
  std::int64_t offset_at(ImVec2 point, const ByteGridMetrics& m) const;
  std::int64_t column_at(float x, const ByteGridMetrics& m) const;
  std::int64_t offset_in_row(std::int64_t row, std::int64_t column, const ByteGridMetrics& m) const;
  void apply_display_order(ByteGridSource& source);
  void track_selection_drag(ByteGridSource& source, const ByteGridMetrics& m);
  void draw_row(ByteGridSource& source, const ByteGridMetrics& m, std::int64_t row, bool live,
                const ByteGridColours& resolved);
  void draw_editor(ByteGridSource& source, const ByteGridMetrics& m);
  const ByteCellLook& look_of(ByteGridSource& source, const ByteGridColours& resolved,
                              const ByteCellStyle& style, ByteTextKind kind);
  void place_tooltip_beside_row(float row_y) const;
  ImVec2 cell_origin(std::int64_t row, std::int64_t column) const;

  RowScroller scroller_;
  SidewaysScroller sideways_;
  Edit edit_;
  // The last bytes read, shown greyed while the source is busy.
  std::vector<std::uint8_t> cached_;
  std::int64_t cached_first_ = 0;
  bool has_cache_ = false;
  std::vector<std::uint8_t> read_;     // scratch: this frame's read
  std::vector<ByteCellStyle> styles_;  // scratch: the visible bytes' styles, in display order
  // The display order of the visible bytes (empty: memory order) and its inverse.
  std::vector<std::int64_t> order_, inverse_;
  std::vector<std::uint8_t> reversed_;
  // A selection drag: it started on a byte of this grid and the button is still down.
  bool dragging_ = false;
  // The byte editor held the keyboard in the last frame: a click on another byte (Shift+click
  // extending the selection) still counts while it lets go.
  bool editor_had_keyboard_ = false;
  std::int64_t drag_press_ = -1, drag_reached_ = -1;
  std::vector<CachedLook> looks_;      // scratch: this frame's composed looks
  char cell_texts_[256][9] = {};       // every byte value as a cell shows it
  int cell_texts_base_ = -1;
  std::string row_ascii_;              // scratch: one row's ASCII
  // Where the last draw put things.
  ByteGridMetrics drawn_;
  ImVec2 origin_;
  float scroll_x_ = 0.0f;
  float view_right_ = 0.0f;  // the screen x where the rows are cut (the scrollbar's left)
  std::int64_t first_ = 0, end_ = 0;
  std::vector<std::array<std::int64_t, 2>> visible_;
};

}  // namespace bufferlab

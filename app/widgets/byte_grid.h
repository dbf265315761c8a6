// A byte grid widget: offset column, hex/decimal/binary cells and ASCII, drawn for the visible
// rows only, with per-byte tints and marks, hover, click and an inline byte editor. It knows
// nothing of where the bytes come from: a ByteGridSource supplies them and hears what happens.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "app/widgets/row_scroller.h"

namespace bufferlab {

enum class ByteBase { Hex, Decimal, Binary };

// How one byte is drawn besides its value. Zero means plain.
struct ByteCellStyle {
  std::uint32_t tints = 0;         // bit k: tint colour k covers this byte (first 4 drawn as bands)
  float flash = 0.0f;              // 0..1: how strongly it flashes as just changed
  bool element_highlight = false;  // inside a highlighted element
  bool source_highlight = false;   // the hovered or pinned byte itself (outlined)
  bool marked = false;             // inside the marked range (framed per row)
  ImU32 boundary = 0;              // an element starts here: a line in this colour
};

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
  // An edit of the byte at `offset` was not made, and why: the typed text is no byte in the
  // grid's base ("300", "102" in binary), or editing is locked (ByteGrid::edit_locked).
  virtual void on_edit_refused(std::int64_t /*offset*/, const std::string& /*why*/) {}
  virtual void on_cell_drawn(const DrawnByte& /*cell*/) {}

  // Draws into the column right of the scrollbar (ByteGrid::side_width wide), given the part
  // of the memory on screen as [first_offset, end_offset).
  virtual void draw_beside(const ImVec2& /*min*/, const ImVec2& /*max*/, std::int64_t /*first_offset*/,
                           std::int64_t /*end_offset*/) {}

  // Tooltips over a byte and over a row's offset; by default the offset in decimal and hex.
  virtual void byte_tooltip(std::int64_t offset);
  virtual void row_tooltip(std::int64_t row_offset);
};

// The grid's colours (the caller's theme).
struct ByteGridColours {
  ImU32 greyed_text = IM_COL32(128, 128, 128, 255);  // bytes not readable just now
  ImU32 flash = IM_COL32(255, 200, 0, 160);
  ImU32 marked = IM_COL32(255, 200, 0, 255);
  ImU32 highlight_fill = IM_COL32(255, 255, 255, 40);
  ImU32 source_fill = IM_COL32(255, 255, 255, 80);
  ImU32 source_outline = IM_COL32(255, 255, 0, 255);
  ImVec4 edit_field = ImVec4(0.2f, 0.2f, 0.3f, 1.0f);
  float tint_alpha = 0.3f;
};

// One frame's layout, computed in one place from the font and the options.
struct ByteGridMetrics {
  float char_width = 7.0f;
  float row_height = 16.0f;
  int cell_chars = 2;  // digits per cell
  int offset_chars = 8;
  std::int64_t bytes_per_row = 16;
  float cells_x = 0.0f;  // from the grid's left edge
  float ascii_x = 0.0f;
  float width = 0.0f;  // offset + cells + ASCII

  // A gap after every 8 cells.
  float cell_x(std::int64_t column) const {
    return cells_x + char_width * static_cast<float>(column * (cell_chars + 1) + column / 8);
  }
  float cell_width() const { return char_width * static_cast<float>(cell_chars); }
};

class ByteGrid {
 public:
  // Options as plain fields.
  ByteBase base = ByteBase::Hex;
  std::int64_t bytes_per_row = 16;
  bool show_ascii = true;
  bool editable = true;     // a click opens the editor on the byte (while bytes are readable)
  // Why bytes cannot be edited just now (a cell runs), or empty: while set, a click or an
  // Enter in an open editor is refused with this reason instead of writing.
  std::string edit_locked;
  bool paging_keys = true;  // PageUp/PageDown scroll while the grid is hovered
  float side_width = 0.0f;  // a column right of the scrollbar for the source to draw in
  ByteGridColours colours;

  // The layout for a memory of `size` bytes in rows of `row_bytes`, with the current font and
  // base (asking with another row width tells whether that would fit).
  ByteGridMetrics metrics(std::int64_t size, std::int64_t row_bytes) const;
  static float row_height();

  // Draws `visible_rows` rows of a memory of `size` bytes at the cursor, at most `width` wide
  // with the side column, and leaves the cursor below.
  void draw(ByteGridSource& source, std::int64_t size, std::int64_t visible_rows, float width);

  // Scrolling: puts `offset` near the top, or in the middle.
  void go_to(std::int64_t offset);
  void centre_on(std::int64_t offset);
  std::int64_t first_visible_offset() const;

  bool editing() const { return edit_.active; }
  void cancel_edit() { edit_.active = false; }

  // Where the last draw put things (screen coordinates).
  ImVec2 origin() const { return origin_; }
  // The point just under the cell of `offset` (for notes about it), if that cell is visible.
  bool below_cell(std::int64_t offset, ImVec2* at) const;

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

  std::int64_t hovered_offset(ByteGridSource& source, const ByteGridMetrics& m) const;
  void draw_row(ByteGridSource& source, const ByteGridMetrics& m, std::int64_t row, bool live);
  void draw_editor(ByteGridSource& source, const ByteGridMetrics& m);

  RowScroller scroller_;
  Edit edit_;
  // The last bytes read, shown greyed while the source is busy.
  std::vector<std::uint8_t> cached_;
  std::int64_t cached_first_ = 0;
  bool has_cache_ = false;
  std::vector<std::uint8_t> read_;     // scratch: this frame's read
  std::vector<ByteCellStyle> styles_;  // scratch: the visible bytes' styles
  char cell_texts_[256][9] = {};       // every byte value as a cell shows it
  int cell_texts_base_ = -1;
  std::string row_cells_bright_, row_cells_dim_, row_ascii_;  // scratch: one row's texts
  // Where the last draw put things.
  ByteGridMetrics drawn_;
  ImVec2 origin_;
  float height_ = 0.0f, bar_x_ = 0.0f;
  std::int64_t first_ = 0, end_ = 0;
};

}  // namespace bufferlab

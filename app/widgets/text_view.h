// A read-only view of many lines of text (the console's transcript): lines wrapped to the view's
// width once and cached, only the rows in sight drawn, so text of any length never freezes a
// frame or exceeds a draw list's vertex limit.
#pragma once

#include <imgui.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bufferlab {

// One line as the view shows it: its text (no trailing newline needed) and its colour.
struct TextViewLine {
  std::string_view text;
  ImU32 colour = 0;
};

// The lines to show, read again each frame: the view keeps no copy of the text, only where its
// rows start. Lines may be appended, the last one may grow, lines may leave from the front, or
// all may go; a line whose text changed otherwise is laid out again.
class TextLineSource {
 public:
  virtual ~TextLineSource() = default;
  virtual std::size_t line_count() const = 0;
  virtual TextViewLine line(std::size_t index) const = 0;
};

// A place in the text: a line and a byte offset in it, at a UTF-8 character start.
struct TextPosition {
  std::size_t line = 0;
  std::size_t offset = 0;
  auto operator<=>(const TextPosition&) const = default;
};

class TextView {
 public:
  // A row never holds more bytes than this, whatever the width: characters without width
  // (combining marks, '\r') must not make one draw call too big for 16-bit indices.
  static constexpr std::size_t kMaxRowBytes = 2048;

  // Draws the lines in a child window of `size` (ImGui's convention: 0 fills, negative leaves a
  // margin). Content that grows while the view is at the bottom stays in view.
  void draw(const char* id, const TextLineSource& source, ImVec2 size);
  // The next time the content changes, scroll to the bottom whatever the scroll position.
  void scroll_to_bottom() { scroll_to_bottom_ = true; }

  // Selection: a drag selects characters, a double-click a word, a triple-click a line,
  // Shift+click extends, Ctrl+A (the view focused) selects all; a click without a drag, or a
  // click outside the view, clears it. It follows lines that leave the front (clamped when its
  // start leaves) and goes when its lines change or go.
  // Drawn behind the selected text; 0 takes the style's TextSelectedBg.
  ImU32 selection_colour = 0;
  bool has_selection() const { return anchor_ != cursor_; }
  void clear_selection() { cursor_ = anchor_; }
  // Selects every line as last drawn.
  void select_all();
  // The selected text, its lines joined with '\n' (empty without a selection).
  std::string selected_text(const TextLineSource& source) const;
  TextPosition selection_start() const { return std::min(anchor_, cursor_); }
  TextPosition selection_end() const { return std::max(anchor_, cursor_); }
  // The right button was released over the text in the last frame: time for the caller's menu.
  bool context_menu_requested() const { return context_menu_requested_; }
  // Where `position` was drawn in the last frame: the left edge of its character, half way
  // down its row (tests press the mouse there).
  ImVec2 screen_point(const TextLineSource& source, TextPosition position) const;

  // Work done, for tests: bytes laid out since the view was made, rows in the layout, rows with
  // text drawn in the last frame, and whether the last frame stopped drawing at the vertex limit.
  std::size_t bytes_laid_out() const { return bytes_laid_out_; }
  std::size_t row_count() const { return row_count_; }
  std::size_t rows_drawn() const { return rows_drawn_; }
  bool stopped_at_vertex_limit() const { return stopped_at_vertex_limit_; }
  // The last row the view had in sight in the last frame (0 when it showed none).
  std::size_t last_row_in_sight() const { return last_row_in_sight_; }

 private:
  // Where one source line's rows start, and what recognises the line next frame.
  struct LineLayout {
    std::size_t size = 0;
    std::uint64_t head = 0, tail = 0;     // its first and last 8 bytes, packed
    std::vector<std::size_t> row_starts;  // byte offsets, the first is 0
    std::size_t first_row = 0;            // index of its first row in the whole view
  };
  // What the layout depends on besides the text.
  struct Metrics {
    const ImFont* font = nullptr;
    float font_size = 0.0f;
    float width = 0.0f;
    bool operator==(const Metrics&) const = default;
  };

  void sync(const TextLineSource& source, const Metrics& metrics);
  bool same_line(const LineLayout& layout, std::string_view text) const;
  // Lays the line out whole, or with `resume` again from its last row (the text grew).
  void lay_out(LineLayout& layout, std::string_view text, bool resume);
  // Index of the line holding view row `row` (binary search over first_row).
  std::size_t line_of_row(std::size_t row) const;
  // The bytes row `row` of line `line` draws: [begin, end) without a trailing line break.
  std::pair<std::size_t, std::size_t> row_bytes(std::size_t line, std::size_t row_in_line, std::string_view text) const;
  // Moves the selection to the lines' new indices after lines left the front or changed.
  void follow_selection(const TextLineSource& source);
  // The text position under `mouse` (rows from `origin`, `row_height` apart).
  TextPosition position_at(ImVec2 mouse, ImVec2 origin, float row_height, const TextLineSource& source) const;
  // Mouse and keys: presses, drags (scrolling past the edges), double and triple clicks, Ctrl+A.
  void handle_selection_input(const TextLineSource& source, ImVec2 origin, float row_height);

  Metrics metrics_;
  std::vector<LineLayout> lines_;
  std::size_t row_count_ = 0;
  std::size_t bytes_laid_out_ = 0;
  std::size_t rows_drawn_ = 0;
  std::size_t last_row_in_sight_ = 0;
  bool stopped_at_vertex_limit_ = false;
  std::size_t shown_rows_ = 0, shown_lines_ = 0;  // last frame's, to notice growth
  bool scroll_to_bottom_ = true;
  // The selection runs from the anchor (where the press was) to the cursor (where the mouse is).
  TextPosition anchor_, cursor_;
  ImVec2 origin_;  // the top left of the first row, scrolled, in the last frame
  float row_height_ = 1.0f;
  bool dragging_ = false;  // the left button went down on the text and is held
  bool context_menu_requested_ = false;
};

// Splits one line of text into rows no wider than `width` (at least one character each, at
// most TextView::kMaxRowBytes bytes), breaking after a space where there is one, else at the
// character that reaches the edge. Appends the start offsets of the rows that begin at or after
// `from` (itself a row start); each character is measured once. Spaces at a row's end hang
// past the edge rather than start the next row.
void wrap_text_rows(std::string_view text, std::size_t from, float width, const ImFont& font, float font_size,
                    std::vector<std::size_t>& row_starts);

}  // namespace bufferlab

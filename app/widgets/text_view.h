// A read-only view of many lines of text (the console's transcript): lines wrapped to the view's
// width once and cached, only the rows in sight drawn, so text of any length never freezes a
// frame or exceeds a draw list's vertex limit.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
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

  Metrics metrics_;
  std::vector<LineLayout> lines_;
  std::size_t row_count_ = 0;
  std::size_t bytes_laid_out_ = 0;
  std::size_t rows_drawn_ = 0;
  std::size_t last_row_in_sight_ = 0;
  bool stopped_at_vertex_limit_ = false;
  std::size_t shown_rows_ = 0, shown_lines_ = 0;  // last frame's, to notice growth
  bool scroll_to_bottom_ = true;
};

// Splits one line of text into rows no wider than `width` (at least one character each, at
// most TextView::kMaxRowBytes bytes), breaking after a space where there is one, else at the
// character that reaches the edge. Appends the start offsets of the rows that begin at or after
// `from` (itself a row start); each character is measured once. Spaces at a row's end hang
// past the edge rather than start the next row.
void wrap_text_rows(std::string_view text, std::size_t from, float width, const ImFont& font, float font_size,
                    std::vector<std::size_t>& row_starts);

}  // namespace bufferlab

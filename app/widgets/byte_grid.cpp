// The byte grid: lays itself out in the space it has (rows, font, ASCII and side column), reads
// only the visible bytes once a frame and draws each cell on a background composed in one
// place (byte_cell_look), with text that reads on it.
#include "app/widgets/byte_grid.h"

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <optional>

#include "app/widgets/colours.h"
#include "app/widgets/contrast.h"

namespace bufferlab {

namespace {

constexpr float kBarGap = 8.0f;   // between the rows and the scrollbar
constexpr float kSideGap = 6.0f;  // between the scrollbar and the side column
constexpr std::int64_t kMostBytesPerRow = 16;

int hex_digits(std::int64_t value) {
  int digits = 1;
  while (value >= 16) {
    value >>= 4;
    ++digits;
  }
  return digits;
}

// The alignment a row of a power of two bytes can keep: the itemsize when it is one (up to 16), else 1.
std::int64_t power_of_two_alignment(std::int64_t itemsize) {
  return (itemsize > 0 && itemsize <= kMostBytesPerRow && std::has_single_bit(static_cast<std::uint64_t>(itemsize)))
             ? itemsize
             : 1;
}

}  // namespace

void ByteGridSource::byte_tooltip(std::int64_t offset) {
  ImGui::SetTooltip("offset %" PRId64 " (0x%" PRIx64 ")", offset, offset);
}

void ByteGridSource::row_tooltip(std::int64_t row_offset) {
  ImGui::SetTooltip("offset %" PRId64 " (0x%" PRIx64 ")", row_offset, row_offset);
}

void ByteGrid::format_byte(ByteBase base, std::uint8_t value, char* text, std::size_t size) {
  switch (base) {
    case ByteBase::Hex: std::snprintf(text, size, "%02x", value); break;
    case ByteBase::Decimal: std::snprintf(text, size, "%3u", value); break;
    case ByteBase::Binary:
      if (size < 9) {
        if (size) text[0] = 0;
        break;
      }
      for (int bit = 0; bit < 8; ++bit) text[bit] = (value & (0x80 >> bit)) ? '1' : '0';
      text[8] = 0;
      break;
  }
}

bool ByteGrid::parse_byte(ByteBase base, const char* text, std::uint8_t* value, std::string* why) {
  const int radix = base == ByteBase::Hex ? 16 : base == ByteBase::Decimal ? 10 : 2;
  const char* const accepts = base == ByteBase::Hex       ? "hex digits 00..ff"
                              : base == ByteBase::Decimal ? "a decimal number 0..255"
                                                          : "up to 8 binary digits (0 and 1)";
  const auto refuse = [&](std::string reason) {
    if (why) *why = std::move(reason) + "; a byte takes " + accepts;
    return false;
  };
  int digits = 0;
  unsigned result = 0;
  bool too_large = false;
  for (const char* p = text; *p; ++p) {
    if (*p == ' ') continue;
    int digit;
    if (*p >= '0' && *p <= '9') digit = *p - '0';
    else if (*p >= 'a' && *p <= 'f') digit = *p - 'a' + 10;
    else if (*p >= 'A' && *p <= 'F') digit = *p - 'A' + 10;
    else return refuse("'" + std::string(1, *p) + "' is not a digit");
    if (digit >= radix)
      return refuse(std::string("'") + *p + "' is not a " + (radix == 2 ? "binary" : "decimal") + " digit");
    if (!too_large) result = result * static_cast<unsigned>(radix) + static_cast<unsigned>(digit);
    too_large = too_large || result > 255;
    ++digits;
  }
  if (digits == 0) return refuse("nothing was typed");
  if (too_large) return refuse(std::string(text) + " does not fit in a byte");
  *value = static_cast<std::uint8_t>(result);
  return true;
}

float ByteGrid::row_height() {
  return ImGui::GetTextLineHeight() + std::max(2.0f, ImGui::GetFontSize() * 0.15f);
}

ByteGridMetrics ByteGrid::metrics_in(ImFont* font, float font_size, std::int64_t size, std::int64_t row_bytes,
                                     bool ascii) const {
  ByteGridMetrics m;
  m.font = font;
  m.font_size = font_size;
  m.char_width = (font ? font : ImGui::GetFont())->CalcTextSizeA(font_size, FLT_MAX, 0.0f, "0").x;
  m.row_height = font_size + std::max(2.0f, font_size * 0.15f);
  m.cell_chars = base == ByteBase::Hex ? 2 : base == ByteBase::Decimal ? 3 : 8;
  m.offset_chars = std::max(4, hex_digits(std::max<std::int64_t>(size - 1, 0)));
  m.bytes_per_row = std::max<std::int64_t>(row_bytes, 1);
  m.ascii = ascii;
  m.cells_x = m.char_width * static_cast<float>(m.offset_chars + 2);
  // A memory shorter than a row takes only the columns it fills.
  const std::int64_t columns = std::min(m.bytes_per_row, std::max<std::int64_t>(size, 1));
  if (ascii) {
    m.ascii_x = m.cell_x(columns) + m.char_width;
    m.width = m.ascii_x + m.char_width * static_cast<float>(columns);
  } else {
    // The cells end half a character after the last one (its pad).
    m.width = m.ascii_x = m.cell_x(columns) - m.char_width * 0.5f;
  }
  m.view_width = m.width;
  m.total_rows = std::max<std::int64_t>(1, (size + m.bytes_per_row - 1) / m.bytes_per_row);
  m.visible_rows = m.total_rows;
  return m;
}

ByteGridMetrics ByteGrid::metrics(std::int64_t size, std::int64_t row_bytes) const {
  return metrics_in(nullptr, ImGui::GetFontSize(), size, row_bytes, show_ascii);
}

// Bytes a row in auto: the widest power of two whose row fits `room`, keeping the ASCII column
// unless dropping it is what lets a row hold a whole element (row_alignment).
void ByteGrid::choose_row(ByteGridMetrics* m, std::int64_t size, float room) const {
  const std::int64_t most =
      std::min<std::int64_t>(kMostBytesPerRow, static_cast<std::int64_t>(std::bit_ceil(
                                                   static_cast<std::uint64_t>(std::max<std::int64_t>(size, 1)))));
  auto widest = [&](bool ascii) -> std::int64_t {
    for (std::int64_t bpr = most; bpr >= 1; bpr /= 2)
      if (metrics_in(m->font, m->font_size, size, bpr, ascii).width <= room) return bpr;
    return 0;
  };
  const std::int64_t with_ascii = show_ascii ? widest(true) : 0;
  const std::int64_t without = widest(false);
  const std::int64_t aligned = std::min(power_of_two_alignment(row_alignment), most);
  if (with_ascii > 0 && with_ascii >= std::min(aligned, without))
    *m = metrics_in(m->font, m->font_size, size, with_ascii, true);
  else
    *m = metrics_in(m->font, m->font_size, size, std::max<std::int64_t>(without, 1), false);  // 0: scrolls sideways
}

ByteGridMetrics ByteGrid::layout(std::int64_t size, float width, float height, bool grow) const {
  const float rows_room = width - kBarGap - RowScroller::kBarWidth;
  const float side_room = side_width > 0.0f ? side_width + kSideGap : 0.0f;
  const bool fixed = bytes_per_row > 0;

  // A memory that fits whole grows into the largest font whose rows fit; with every byte on
  // screen there is nothing to scroll to, so the side column gives its room to the cells.
  const float current = ImGui::GetFontSize();
  auto whole_in = [&](float lowest, float highest) -> std::optional<ByteGridMetrics> {
    std::vector<ImFont*> fonts;
    for (ImFont* font : large_fonts)
      if (font && font->FontSize >= lowest && font->FontSize <= highest) fonts.push_back(font);
    std::sort(fonts.begin(), fonts.end(), [](ImFont* a, ImFont* b) { return a->FontSize > b->FontSize; });
    for (ImFont* font : fonts) {
      ByteGridMetrics m = metrics_in(font, font->FontSize, size, fixed ? bytes_per_row : kMostBytesPerRow, show_ascii);
      if (!fixed) choose_row(&m, size, rows_room);
      // Cells so large that a row holds only a byte or two break up what reads as one run
      // ("He" "ll" "o"): a font is taken only with at least kLeastRowBytes a row.
      const bool whole_rows = m.bytes_per_row >= std::min<std::int64_t>(size, kLeastRowBytes);
      if (whole_rows && m.width <= rows_room && static_cast<float>(m.total_rows) * m.row_height <= height) {
        m.grown = true;
        return m;
      }
    }
    return std::nullopt;
  };
  if (grow)
    if (auto grown = whole_in(current * 1.05f, current * max_cell_scale + 0.5f)) return *grown;

  ByteGridMetrics m = metrics_in(nullptr, ImGui::GetFontSize(), size, fixed ? bytes_per_row : kMostBytesPerRow,
                                 show_ascii);
  if (!fixed) choose_row(&m, size, rows_room);
  const auto fits_rows = [&](const ByteGridMetrics& g) {
    return static_cast<float>(g.total_rows) * g.row_height <= height;
  };
  // A small memory that would need scrolling (or sideways scrolling) at this font is shown whole
  // in a smaller one instead, down to min_cell_scale: its bytes are what the class reads.
  if (grow && size <= kWholeBelowBytes && (!fits_rows(m) || m.width > rows_room))
    if (auto smaller = whole_in(current * min_cell_scale - 0.5f, current * 0.95f)) return *smaller;
  // The side column when it fits beside the rows (it yields first); a memory that scrolls
  // keeps it, its way around, at the price of 8 bytes a row instead of 16.
  if (side_room > 0.0f && m.width + side_room <= rows_room) {
    m.side = true;
  } else if (side_room > 0.0f && !fixed && !fits_rows(m) && m.bytes_per_row == kMostBytesPerRow) {
    ByteGridMetrics narrower = m;
    choose_row(&narrower, size, rows_room - side_room);
    if (narrower.bytes_per_row >= 8 && narrower.width <= rows_room - side_room &&
        narrower.bytes_per_row >= std::min<std::int64_t>(power_of_two_alignment(row_alignment), 8)) {
      m = narrower;
      m.side = true;
    }
  }
  // A row that does not fit scrolls sideways, with its bar under the rows.
  if (m.width > rows_room) {
    m.view_width = std::max(rows_room, m.char_width);
    m.scrollbar_height = SidewaysScroller::kBarHeight;
  }
  const float rows_height = std::max(height - m.scrollbar_height, m.row_height);
  m.visible_rows = std::clamp<std::int64_t>(static_cast<std::int64_t>(rows_height / m.row_height), 1, m.total_rows);
  return m;
}

void ByteGrid::go_to(std::int64_t offset) {
  scroller_.jump_to(offset / std::max<std::int64_t>(drawn_.bytes_per_row, 1));
}

void ByteGrid::centre_on(std::int64_t offset) {
  scroller_.set_top_row(offset / std::max<std::int64_t>(drawn_.bytes_per_row, 1) - scroller_.visible_rows() / 2);
}

void ByteGrid::reveal(std::int64_t begin, std::int64_t end) {
  const std::int64_t per_row = std::max<std::int64_t>(drawn_.bytes_per_row, 1);
  scroller_.reveal(std::max(end - 1, begin) / per_row);
  scroller_.reveal(begin / per_row);
}

std::int64_t ByteGrid::first_visible_offset() const {
  return scroller_.top_row() * std::max<std::int64_t>(drawn_.bytes_per_row, 1);
}

ImVec2 ByteGrid::cell_origin(std::int64_t row, std::int64_t column) const {
  return ImVec2(origin_.x - scroll_x_ + drawn_.cell_x(column), origin_.y + static_cast<float>(row) * drawn_.row_height);
}

std::int64_t ByteGrid::memory_offset(std::int64_t display) const {
  if (order_.empty() || display < first_ || display >= end_) return display;
  return first_ + order_[static_cast<std::size_t>(display - first_)];
}

std::int64_t ByteGrid::display_offset(std::int64_t offset) const {
  if (inverse_.empty() || offset < first_ || offset >= end_) return offset;
  return first_ + inverse_[static_cast<std::size_t>(offset - first_)];
}

bool ByteGrid::below_cell(std::int64_t offset, ImVec2* at) const {
  if (offset < first_ || offset >= end_) return false;
  offset = display_offset(offset);
  const std::int64_t bpr = drawn_.bytes_per_row;
  const ImVec2 cell = cell_origin((offset - first_) / bpr, (offset - first_) % bpr);
  if (cell.x < origin_.x || cell.x > view_right_) return false;
  *at = ImVec2(cell.x - drawn_.char_width * 0.5f, cell.y + drawn_.row_height);
  return true;
}

void ByteGrid::draw(ByteGridSource& source, std::int64_t size, std::int64_t visible_rows, float width) {
  ByteGridMetrics m = layout(size, width, static_cast<float>(std::max<std::int64_t>(visible_rows, 1)) * row_height(), false);
  m.visible_rows = std::max<std::int64_t>(visible_rows, 1);
  draw(source, size, m);
}

void ByteGrid::draw(ByteGridSource& source, std::int64_t size, const ByteGridMetrics& m) {
  if (edit_.active && edit_.base != base) edit_.active = false;  // its digits meant another base
  const std::int64_t bpr = m.bytes_per_row;
  const std::int64_t rows = m.visible_rows;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float rows_height = static_cast<float>(rows) * m.row_height;
  const float view_right = origin.x + m.view_width;
  const float bar_x = view_right + kBarGap;
  const ImVec2 grid_max(view_right, origin.y + rows_height);
  // A new row width keeps the first byte shown on screen.
  const bool new_row_width = bpr != drawn_.bytes_per_row;
  const std::int64_t first_before = first_;
  scroller_.paging_keys = paging_keys;
  scroller_.update("rows", m.total_rows, rows, origin, grid_max, ImVec2(bar_x, origin.y),
                   ImVec2(bar_x + RowScroller::kBarWidth, grid_max.y));
  if (new_row_width) scroller_.set_top_row(first_before / bpr);
  sideways_.update("columns", m.width, m.view_width, origin, grid_max, ImVec2(origin.x, grid_max.y),
                   ImVec2(view_right, grid_max.y + m.scrollbar_height));
  scroll_x_ = sideways_.offset();

  drawn_ = m;
  origin_ = origin;
  view_right_ = view_right;
  first_ = scroller_.top_row() * bpr;
  end_ = std::min(size, first_ + rows * bpr);
  const std::int64_t visible_bytes = std::max<std::int64_t>(end_ - first_, 0);

  // Read only the visible bytes; while the source is busy show the last ones, greyed.
  read_.assign(static_cast<std::size_t>(visible_bytes), 0);
  const ByteRead result = source.read(first_, visible_bytes, read_.data());
  const bool live = result == ByteRead::Ok;
  if (result != ByteRead::Busy) {
    has_cache_ = live;
    cached_first_ = first_;
    if (live) cached_.swap(read_);
  }
  styles_.assign(static_cast<std::size_t>(visible_bytes), ByteCellStyle{});
  source.style(first_, visible_bytes, styles_.data());
  apply_display_order(source);

  // The colours as drawn: the style's where the caller gave none.
  ByteGridColours resolved = colours;
  if (!resolved.background) resolved.background = ImGui::GetColorU32(ImGuiCol_WindowBg);
  if (!resolved.text) resolved.text = ImGui::GetColorU32(ImGuiCol_Text);
  if (!resolved.dim_text) resolved.dim_text = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  resolved.background = opaque(resolved.background);
  looks_.clear();

  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, grid_max, resolved.background);
  draw->PushClipRect(origin, grid_max, true);
  const std::int64_t hovered = hovered_offset(source, m);
  if (cell_texts_base_ != static_cast<int>(base)) {
    for (int v = 0; v < 256; ++v)
      format_byte(base, static_cast<std::uint8_t>(v), cell_texts_[v], sizeof cell_texts_[v]);
    cell_texts_base_ = static_cast<int>(base);
  }
  visible_.clear();
  for (std::int64_t row = 0; row < rows && first_ + row * bpr < end_; ++row) draw_row(source, m, row, live, resolved);
  draw->PopClipRect();

  // Hover and click; a click selects the byte and opens the editor on it while the bytes are
  // live, Shift+click extends the selection to it, a drag from it selects the bytes passed.
  if (hovered >= 0) {
    const std::int64_t at = memory_offset(hovered);
    source.on_hover(at);
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && ImGui::GetIO().KeyShift) {
      edit_.active = false;
      source.on_select(at, true);
    } else if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      source.on_click(at);
      source.on_select(at, false);
      dragging_ = true;
      drag_press_ = drag_reached_ = at;
      if (editable && !edit_locked.empty()) {
        source.on_edit_refused(at, edit_locked);
      } else if (editable && live) {
        edit_.active = true;
        edit_.focus_pending = true;
        edit_.offset = at;
        edit_.base = base;
        // Typing replaces the whole value (the field starts with everything selected).
        format_byte(base, cached_[static_cast<std::size_t>(at - first_)], edit_.text, sizeof edit_.text);
      }
    }
    if (!edit_.active || edit_.offset != at) {
      place_tooltip_beside_row(cell_origin((hovered - first_) / bpr, 0).y);
      source.byte_tooltip(at);
    }
  }
  track_selection_drag(source, m);
  draw_editor(source, m);
  if (m.side && side_width > 0.0f) {
    const float side_x = bar_x + RowScroller::kBarWidth + kSideGap;
    source.draw_beside(ImVec2(side_x, origin.y), ImVec2(side_x + side_width, grid_max.y), first_, end_);
  }

  // Below the grid, as an item, so the content size ends there (not at a cursor set later).
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + m.height() + ImGui::GetStyle().ItemSpacing.y));
  ImGui::Dummy(ImVec2(1, 1));
}

// Asks the source for a display order and moves the styles with their bytes. An element shown
// reversed is a run of positions whose bytes count down by one; its boundary line goes to the
// run's first cell, where the element now starts on screen.
void ByteGrid::apply_display_order(ByteGridSource& source) {
  const auto count = static_cast<std::size_t>(std::max<std::int64_t>(end_ - first_, 0));
  order_.resize(count);
  std::iota(order_.begin(), order_.end(), std::int64_t{0});
  reversed_.assign(count, 0);
  inverse_.clear();
  if (count == 0 || !source.display_order(first_, static_cast<std::int64_t>(count), order_.data(), reversed_.data())) {
    order_.clear();
    return;
  }
  inverse_.assign(count, -1);
  for (std::size_t i = 0; i < count; ++i) {
    const std::int64_t j = order_[i];
    if (j < 0 || j >= static_cast<std::int64_t>(count) || inverse_[static_cast<std::size_t>(j)] >= 0) {
      order_.clear();  // not a permutation: memory order
      inverse_.clear();
      return;
    }
    inverse_[static_cast<std::size_t>(j)] = static_cast<std::int64_t>(i);
  }
  const std::vector<ByteCellStyle> in_memory_order = styles_;
  for (std::size_t i = 0; i < count; ++i) {
    styles_[i] = in_memory_order[static_cast<std::size_t>(order_[i])];
    styles_[i].reordered = reversed_[i] != 0;
  }
  for (std::size_t a = 0; a < count; ++a) {
    if (!reversed_[a] || (a > 0 && reversed_[a - 1] && order_[a - 1] == order_[a] + 1)) continue;
    std::size_t b = a;
    while (b + 1 < count && reversed_[b + 1] && order_[b + 1] == order_[b] - 1) ++b;
    styles_[a].reordered_first = true;
    styles_[b].reordered_last = true;
    for (std::size_t k = a + 1; k <= b; ++k) styles_[k].boundary = 0;
    styles_[a].boundary = in_memory_order[static_cast<std::size_t>(order_[b])].boundary;
  }
}

// A drag that started on a byte selects from it to the byte under the pointer (even when the
// pointer is over an item that holds the mouse); it stops when the button is released.
void ByteGrid::track_selection_drag(ByteGridSource& source, const ByteGridMetrics& m) {
  if (!dragging_) return;
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    dragging_ = false;
    return;
  }
  const std::int64_t display = offset_at(ImGui::GetIO().MousePos, m);
  if (display < 0) return;
  const std::int64_t at = memory_offset(display);
  if (at == drag_reached_) return;
  drag_reached_ = at;
  source.on_select(at, true);
  if (at != drag_press_) edit_.active = false;  // a drag selects; it does not edit
}

std::int64_t ByteGrid::offset_at(ImVec2 point, const ByteGridMetrics& m) const {
  const float rows_height = static_cast<float>(m.visible_rows) * m.row_height;
  if (point.x < origin_.x || point.x >= view_right_ || point.y < origin_.y || point.y >= origin_.y + rows_height)
    return -1;
  const std::int64_t row = static_cast<std::int64_t>((point.y - origin_.y) / m.row_height);
  return offset_in_row(row, column_at(point.x - origin_.x + scroll_x_, m), m);
}

// The column of the byte drawn at `x` (from the grid's left edge, scrolled), in the cells or
// the ASCII column, or -1.
std::int64_t ByteGrid::column_at(float x, const ByteGridMetrics& m) const {
  const float pad = m.char_width * 0.5f;
  if (x >= m.cells_x - pad && x < m.ascii_x) {
    std::int64_t column = -1;
    for (std::int64_t c = 0; c < m.bytes_per_row; ++c)
      if (x >= m.cell_x(c) - pad && x < m.cell_x(c) + m.cell_width() + pad) column = c;
    return column;
  }
  if (m.ascii && x >= m.ascii_x && x < m.width) return static_cast<std::int64_t>((x - m.ascii_x) / m.char_width);
  return -1;
}

std::int64_t ByteGrid::offset_in_row(std::int64_t row, std::int64_t column, const ByteGridMetrics& m) const {
  const std::int64_t offset = first_ + row * m.bytes_per_row + column;
  return (column >= 0 && column < m.bytes_per_row && offset < end_) ? offset : -1;
}

// Above the row, so the tooltip never covers the bytes below it; beside the pointer when there
// is no room above.
void ByteGrid::place_tooltip_beside_row(float row_y) const {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float tooltip_height = 2.0f * ImGui::GetTextLineHeightWithSpacing() + 2.0f * style.WindowPadding.y;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (row_y - 4.0f - tooltip_height >= 0.0f)
    ImGui::SetNextWindowPos(ImVec2(mouse.x, row_y - 4.0f), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
  else
    ImGui::SetNextWindowPos(ImVec2(mouse.x + drawn_.char_width * 3.0f, row_y), ImGuiCond_Always, ImVec2(0.0f, 0.0f));
}

// The byte under the pointer (cells or ASCII column), or -1; over the offset column it shows
// the row's offset instead.
std::int64_t ByteGrid::hovered_offset(ByteGridSource& source, const ByteGridMetrics& m) const {
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const float rows_height = static_cast<float>(m.visible_rows) * m.row_height;
  const bool grid_hovered = ImGui::IsWindowHovered() && mouse.x >= origin_.x && mouse.x < view_right_ &&
                            mouse.y >= origin_.y && mouse.y < origin_.y + rows_height &&
                            !(ImGui::IsAnyItemActive() && !editor_had_keyboard_ &&
                              ImGui::IsMouseDown(ImGuiMouseButton_Left));
  if (!grid_hovered) return -1;
  const std::int64_t row = static_cast<std::int64_t>((mouse.y - origin_.y) / m.row_height);
  const float x = mouse.x - origin_.x + scroll_x_;
  if (x < m.cells_x - m.char_width * 0.5f) {
    const std::int64_t row_offset = first_ + row * m.bytes_per_row;
    if (row_offset < end_) {
      place_tooltip_beside_row(origin_.y + static_cast<float>(row) * m.row_height);
      source.row_tooltip(row_offset);
    }
    return -1;
  }
  return offset_in_row(row, column_at(x, m), m);
}

const ByteCellLook& ByteGrid::look_of(ByteGridSource& source, const ByteGridColours& resolved,
                                      const ByteCellStyle& style, ByteTextKind kind) {
  for (const CachedLook& cached : looks_)
    if (cached.kind == kind && cached.style.tints == style.tints && cached.style.flash == style.flash &&
        cached.style.element_highlight == style.element_highlight &&
        cached.style.source_highlight == style.source_highlight && cached.style.marked == style.marked &&
        cached.style.selected == style.selected)
      return cached.look;
  ImU32 tints[4] = {};
  int tint_count = 0;
  for (std::uint32_t bits = style.tints; bits && tint_count < 4; bits &= bits - 1)
    tints[tint_count++] = source.tint_colour(std::countr_zero(bits));
  if (looks_.size() > 256) looks_.clear();  // a flash fading over many bytes: do not grow
  looks_.push_back({style, kind, compose_byte_cell(resolved, style, tints, tint_count, kind)});
  return looks_.back().look;
}

void ByteGrid::draw_row(ByteGridSource& source, const ByteGridMetrics& m, std::int64_t row, bool live,
                        const ByteGridColours& resolved) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImFont* font = m.font ? m.font : ImGui::GetFont();
  const float font_size = m.font_size;
  const std::int64_t bpr = m.bytes_per_row;
  const std::int64_t row_first = first_ + row * bpr;
  const std::int64_t row_count = std::min(bpr, end_ - row_first);
  const float y = origin_.y + static_cast<float>(row) * m.row_height;
  const float left = origin_.x - scroll_x_;
  const float cell_w = m.cell_width();
  const float pad = m.char_width * 0.5f;
  const ImU32 plain_dim = readable_dim(resolved.background, resolved.text, live ? resolved.dim_text : resolved.greyed_text);
  const ImVec2 clip_min = draw->GetClipRectMin(), clip_max = draw->GetClipRectMax();

  char label[32];
  std::snprintf(label, sizeof label, "%0*" PRIx64, m.offset_chars, row_first);
  draw->AddText(font, font_size, ImVec2(left, y), plain_dim, label);

  // Tint bands, merged over runs of bytes with the same tints (they fill the gaps between
  // cells; each cell then draws its own composed bands); the first tint under the ASCII.
  const ByteCellStyle* styles = styles_.data() + (row_first - first_);
  const float band_bottom = y + m.row_height - 1.0f;
  std::int64_t run_start = 0;
  for (std::int64_t c = 1; c <= row_count; ++c) {
    if (c < row_count && styles[c].tints == styles[run_start].tints) continue;
    const std::uint32_t mask = styles[run_start].tints;
    if (mask) {
      const int bands = std::min(std::popcount(mask), 4);
      const float band_h = (m.row_height - 1.0f) / static_cast<float>(bands);
      const float x0 = left + m.cell_x(run_start) - pad;
      const float x1 = left + m.cell_x(c - 1) + cell_w + pad;
      int band = 0;
      for (std::uint32_t bits = mask; bits && band < bands; bits &= bits - 1, ++band) {
        const float by = y + band_h * static_cast<float>(band);
        draw->AddRectFilled(ImVec2(x0, by), ImVec2(x1, by + band_h),
                            blend_over(resolved.background, with_alpha(source.tint_colour(std::countr_zero(bits)), resolved.tint_alpha)));
      }
      if (m.ascii)
        draw->AddRectFilled(
            ImVec2(left + m.ascii_x + m.char_width * static_cast<float>(run_start), band_bottom - 2.0f),
            ImVec2(left + m.ascii_x + m.char_width * static_cast<float>(c), band_bottom),
            with_alpha(source.tint_colour(std::countr_zero(mask)), 0.8f));
    }
    run_start = c;
  }

  std::int64_t marked_first = -1, marked_last = -1;  // the marked cells in this row
  std::int64_t selected_first = -1, selected_last = -1;
  bool row_reordered = false;
  row_ascii_.assign(static_cast<std::size_t>(row_count), ' ');
  for (std::int64_t c = 0; c < row_count; ++c) {
    const std::int64_t position = row_first + c;
    const std::int64_t offset = memory_offset(position);  // the byte this cell shows
    const ByteCellStyle& style = styles[c];
    const float x = left + m.cell_x(c);
    const ImVec2 cell_min(x - pad, y), cell_max(x + cell_w + pad, band_bottom);

    // Cell text: from this frame's read, else greyed from the last one, else dots.
    const bool have = live || (has_cache_ && offset >= cached_first_ &&
                               offset - cached_first_ < static_cast<std::int64_t>(cached_.size()));
    const std::uint8_t value = have ? cached_[static_cast<std::size_t>(offset - cached_first_)] : 0;
    static const char kDots[] = "........";
    const char* text = have ? cell_texts_[value] : kDots + (8 - m.cell_chars);
    const ByteTextKind kind = !live ? ByteTextKind::Greyed : value == 0 ? ByteTextKind::Zero : ByteTextKind::Normal;
    const ByteCellLook& look = look_of(source, resolved, style, kind);

    // The composed background, band by band (a plain cell is the background already).
    if (look.band_count > 1 || look.bands[0] != resolved.background) {
      const float band_h = (band_bottom - y) / static_cast<float>(look.band_count);
      for (int b = 0; b < look.band_count; ++b)
        draw->AddRectFilled(ImVec2(cell_min.x, y + band_h * static_cast<float>(b)),
                            ImVec2(cell_max.x, y + band_h * static_cast<float>(b + 1)), look.bands[b]);
    }
    if (style.source_highlight) {
      draw->AddRect(cell_min, cell_max, resolved.source_outline, 0, 0, 1.5f);
      if (m.ascii)
        draw->AddRectFilled(ImVec2(left + m.ascii_x + m.char_width * static_cast<float>(c), y),
                            ImVec2(left + m.ascii_x + m.char_width * static_cast<float>(c + 1), band_bottom),
                            resolved.source_fill);
    }
    if (style.boundary) draw->AddLine(ImVec2(cell_min.x, y), ImVec2(cell_min.x, band_bottom), style.boundary, 2.0f);
    if (!(edit_.active && edit_.offset == offset))
      draw->AddText(font, font_size, ImVec2(x, y), look.text, text, text + m.cell_chars);
    row_ascii_[static_cast<std::size_t>(c)] = have ? ((value >= 32 && value < 127) ? static_cast<char>(value) : '.') : ' ';
    if (style.marked) {
      marked_first = marked_first < 0 ? c : marked_first;
      marked_last = c;
    }
    if (style.selected) {
      selected_first = selected_first < 0 ? c : selected_first;
      selected_last = c;
    }
    if (style.reordered) {
      // A bar over the element's cells, open at its ends so neighbours read apart.
      row_reordered = true;
      const float inset = std::max(1.0f, pad * 0.5f);
      draw->AddLine(ImVec2(cell_min.x + (style.reordered_first ? inset : 0.0f), y + 1.0f),
                    ImVec2(cell_max.x - (style.reordered_last ? inset : 0.0f), y + 1.0f), resolved.text, 2.0f);
    }
    source.on_cell_drawn({offset, text, &style, cell_min, cell_max});

    // Wholly on screen: inside the grid's and the window's clip rectangles.
    if (cell_min.x >= clip_min.x - 0.5f && cell_max.x <= clip_max.x + 0.5f && cell_min.y >= clip_min.y - 0.5f &&
        cell_max.y <= clip_max.y + 0.5f) {
      if (!visible_.empty() && visible_.back()[1] == position)
        visible_.back()[1] = position + 1;
      else
        visible_.push_back({position, position + 1});
    }
  }
  if (selected_first >= 0)
    draw->AddRect(ImVec2(left + m.cell_x(selected_first) - pad, y),
                  ImVec2(left + m.cell_x(selected_last) + cell_w + pad, band_bottom), opaque(resolved.selection_fill), 2.0f,
                  0, 2.0f);
  if (row_reordered) {
    // A mark before the row's cells: this row is not in memory order.
    const float mid = y + m.row_height * 0.5f, size = m.char_width * 0.45f;
    const float tip = left + m.cells_x - pad - m.char_width * 0.35f;
    draw->AddTriangleFilled(ImVec2(tip - 2.0f * size, mid - size), ImVec2(tip - 2.0f * size, mid + size),
                            ImVec2(tip, mid), resolved.text);
  }
  if (marked_first >= 0) {
    // One frame around the marked cells of this row, and a bar under their ASCII.
    draw->AddRect(ImVec2(left + m.cell_x(marked_first) - pad, y),
                  ImVec2(left + m.cell_x(marked_last) + cell_w + pad, band_bottom), resolved.marked, 2.0f, 0, 2.5f);
    if (m.ascii)
      draw->AddRectFilled(ImVec2(left + m.ascii_x + m.char_width * static_cast<float>(marked_first), band_bottom - 2.0f),
                          ImVec2(left + m.ascii_x + m.char_width * static_cast<float>(marked_last + 1), y + m.row_height),
                          resolved.marked);
  }
  if (m.ascii) {
    // The pinned byte's character sits on its fill: drawn apart in a colour that reads there.
    for (std::int64_t c = 0; c < row_count; ++c) {
      if (!styles[c].source_highlight) continue;
      const char character[2] = {row_ascii_[static_cast<std::size_t>(c)], 0};
      row_ascii_[static_cast<std::size_t>(c)] = ' ';
      const ImU32 on_fill = readable_dim(blend_over(resolved.background, resolved.source_fill), resolved.text,
                                         live ? resolved.dim_text : resolved.greyed_text);
      draw->AddText(font, font_size, ImVec2(left + m.ascii_x + m.char_width * static_cast<float>(c), y), on_fill,
                    character);
    }
    draw->AddText(font, font_size, ImVec2(left + m.ascii_x, y), plain_dim, row_ascii_.c_str());
  }
}

// The byte editor: an input field over the cell being edited, in the cells' font; Enter
// writes, Escape or a click elsewhere closes it.
void ByteGrid::draw_editor(ByteGridSource& source, const ByteGridMetrics& m) {
  editor_had_keyboard_ = false;
  if (!edit_.active) return;
  if (edit_.offset < first_ || edit_.offset >= end_ || !editable) {
    edit_.active = false;
    return;
  }
  const std::int64_t bpr = m.bytes_per_row;
  const float pad = m.char_width * 0.5f;
  const std::int64_t shown_at = display_offset(edit_.offset);
  const ImVec2 cell = cell_origin((shown_at - first_) / bpr, (shown_at - first_) % bpr);
  const ImVec2 saved = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(cell.x - pad, cell.y));
  if (m.font) ImGui::PushFont(m.font);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(pad, 0));
  ImGui::PushStyleColor(ImGuiCol_FrameBg, colours.edit_field);
  ImGui::SetNextItemWidth(m.cell_width() + 2 * pad);
  if (edit_.focus_pending) ImGui::SetKeyboardFocusHere();
  // Binary digits pass the decimal filter; parse_byte refuses anything but 0 and 1. The field
  // takes one character more than a byte has, so "300" in hex is refused with the reason
  // instead of being cut to "30" and written.
  const ImGuiInputTextFlags flags =
      ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll |
      (base == ByteBase::Hex ? ImGuiInputTextFlags_CharsHexadecimal : ImGuiInputTextFlags_CharsDecimal);
  const bool entered = ImGui::InputText("##byte_edit", edit_.text, static_cast<std::size_t>(m.cell_chars + 2), flags);
  const bool active = ImGui::IsItemActive();
  editor_had_keyboard_ = active;
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  if (m.font) ImGui::PopFont();
  ImGui::SetCursorScreenPos(saved);
  if (entered) {
    // Never dropped in silence: what is not written is said, under the cell.
    std::uint8_t value = 0;
    std::string why;
    if (!edit_locked.empty()) {
      source.on_edit_refused(edit_.offset, edit_locked);
    } else if (parse_byte(base, edit_.text, &value, &why)) {
      source.on_write(edit_.offset, value);
    } else {
      source.on_edit_refused(edit_.offset, why);
    }
    edit_.active = false;
  } else if (!active && !edit_.focus_pending) {
    edit_.active = false;  // Escape or a click elsewhere
  }
  edit_.focus_pending = false;
}

}  // namespace bufferlab

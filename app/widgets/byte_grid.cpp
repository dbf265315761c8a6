// The byte grid: reads only the visible bytes once a frame, composes each row's cells into two
// strings (zeros dimmed) so a row costs three text draws, not one per cell.
#include "app/widgets/byte_grid.h"
#include "app/widgets/colours.h"

#include <algorithm>
#include <bit>
#include <cinttypes>
#include <cstdio>
#include <cstring>

namespace bufferlab {

namespace {

int hex_digits(std::int64_t value) {
  int digits = 1;
  while (value >= 16) {
    value >>= 4;
    ++digits;
  }
  return digits;
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

ByteGridMetrics ByteGrid::metrics(std::int64_t size, std::int64_t row_bytes) const {
  ByteGridMetrics m;
  m.char_width = ImGui::CalcTextSize("0").x;
  m.row_height = row_height();
  m.cell_chars = base == ByteBase::Hex ? 2 : base == ByteBase::Decimal ? 3 : 8;
  m.offset_chars = std::max(4, hex_digits(std::max<std::int64_t>(size - 1, 0)));
  m.bytes_per_row = std::max<std::int64_t>(row_bytes, 1);
  m.cells_x = m.char_width * static_cast<float>(m.offset_chars + 2);
  if (show_ascii) {
    m.ascii_x = m.cell_x(m.bytes_per_row) + m.char_width;
    m.width = m.ascii_x + m.char_width * static_cast<float>(m.bytes_per_row);
  } else {
    m.width = m.ascii_x = m.cell_x(m.bytes_per_row);
  }
  return m;
}

void ByteGrid::go_to(std::int64_t offset) {
  scroller_.jump_to(offset / std::max<std::int64_t>(bytes_per_row, 1));
}

void ByteGrid::centre_on(std::int64_t offset) {
  scroller_.set_top_row(offset / std::max<std::int64_t>(bytes_per_row, 1) - scroller_.visible_rows() / 2);
}

std::int64_t ByteGrid::first_visible_offset() const {
  return scroller_.top_row() * std::max<std::int64_t>(bytes_per_row, 1);
}

bool ByteGrid::below_cell(std::int64_t offset, ImVec2* at) const {
  if (offset < first_ || offset >= end_) return false;
  const std::int64_t bpr = drawn_.bytes_per_row;
  const std::int64_t row = (offset - first_) / bpr, column = (offset - first_) % bpr;
  *at = ImVec2(origin_.x + drawn_.cell_x(column) - drawn_.char_width * 0.5f,
               origin_.y + static_cast<float>(row + 1) * drawn_.row_height);
  return true;
}

void ByteGrid::draw(ByteGridSource& source, std::int64_t size, std::int64_t rows, float width) {
  if (edit_.active && edit_.base != base) edit_.active = false;  // its digits meant another base
  const ByteGridMetrics m = metrics(size, bytes_per_row);
  const std::int64_t bpr = m.bytes_per_row;
  const std::int64_t total_rows = std::max<std::int64_t>(1, (size + bpr - 1) / bpr);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float grid_height = static_cast<float>(rows) * m.row_height;
  const float bar_x = origin.x + std::min(m.width + m.char_width, width - side_width - RowScroller::kBarWidth - 8.0f);
  const ImVec2 grid_max(bar_x, origin.y + grid_height);
  scroller_.paging_keys = paging_keys;
  scroller_.update("rows", total_rows, rows, origin, grid_max, ImVec2(bar_x, origin.y),
                   ImVec2(bar_x + RowScroller::kBarWidth, grid_max.y));

  drawn_ = m;
  origin_ = origin;
  height_ = grid_height;
  bar_x_ = bar_x;
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

  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(origin, grid_max, true);
  const std::int64_t hovered = hovered_offset(source, m);
  if (cell_texts_base_ != static_cast<int>(base)) {
    for (int v = 0; v < 256; ++v)
      format_byte(base, static_cast<std::uint8_t>(v), cell_texts_[v], sizeof cell_texts_[v]);
    cell_texts_base_ = static_cast<int>(base);
  }
  for (std::int64_t row = 0; row < rows && first_ + row * bpr < end_; ++row) draw_row(source, m, row, live);
  draw->PopClipRect();

  // Hover and click; a click opens the editor on the byte while the bytes are live.
  if (hovered >= 0) {
    source.on_hover(hovered);
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      source.on_click(hovered);
      if (editable && !edit_locked.empty()) {
        source.on_edit_refused(hovered, edit_locked);
      } else if (editable && live) {
        edit_.active = true;
        edit_.focus_pending = true;
        edit_.offset = hovered;
        edit_.base = base;
        // Typing replaces the whole value (the field starts with everything selected).
        format_byte(base, cached_[static_cast<std::size_t>(hovered - first_)], edit_.text, sizeof edit_.text);
      }
    }
    if (!edit_.active || edit_.offset != hovered) source.byte_tooltip(hovered);
  }
  draw_editor(source, m);
  if (side_width > 0.0f) {
    const float side_x = bar_x + RowScroller::kBarWidth + 6.0f;
    source.draw_beside(ImVec2(side_x, origin.y), ImVec2(side_x + side_width, origin.y + grid_height), first_, end_);
  }

  // Below the grid, as an item, so the content size ends there (not at a cursor set later).
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + grid_height + ImGui::GetStyle().ItemSpacing.y));
  ImGui::Dummy(ImVec2(1, 1));
}

// The byte under the pointer (cells or ASCII column), or -1; over the offset column it shows
// the row's offset instead.
std::int64_t ByteGrid::hovered_offset(ByteGridSource& source, const ByteGridMetrics& m) const {
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool grid_hovered = ImGui::IsWindowHovered() && mouse.x >= origin_.x && mouse.x < bar_x_ &&
                            mouse.y >= origin_.y && mouse.y < origin_.y + height_ &&
                            !(ImGui::IsAnyItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left));
  if (!grid_hovered) return -1;
  const std::int64_t bpr = m.bytes_per_row;
  const float pad = m.char_width * 0.5f;
  const std::int64_t row = static_cast<std::int64_t>((mouse.y - origin_.y) / m.row_height);
  const float x = mouse.x - origin_.x;
  std::int64_t column = -1;
  if (x >= m.cells_x - pad && x < m.cell_x(bpr)) {
    for (std::int64_t c = 0; c < bpr; ++c)
      if (x >= m.cell_x(c) - pad && x < m.cell_x(c) + m.cell_width() + pad) column = c;
  } else if (x >= m.ascii_x && x < m.width) {
    column = static_cast<std::int64_t>((x - m.ascii_x) / m.char_width);
  } else if (x < m.cells_x - pad) {
    const std::int64_t row_offset = first_ + row * bpr;
    if (row_offset < end_) source.row_tooltip(row_offset);
    return -1;
  }
  const std::int64_t offset = first_ + row * bpr + column;
  return (column >= 0 && column < bpr && offset < end_) ? offset : -1;
}

void ByteGrid::draw_row(ByteGridSource& source, const ByteGridMetrics& m, std::int64_t row, bool live) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const std::int64_t bpr = m.bytes_per_row;
  const std::int64_t row_first = first_ + row * bpr;
  const std::int64_t row_count = std::min(bpr, end_ - row_first);
  const float y = origin_.y + static_cast<float>(row) * m.row_height;
  const float cell_w = m.cell_width();
  const float pad = m.char_width * 0.5f;
  const ImU32 dim_colour = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImVec2 origin = origin_;

  char label[32];
  std::snprintf(label, sizeof label, "%0*" PRIx64, m.offset_chars, row_first);
  draw->AddText(ImVec2(origin.x, y), dim_colour, label);

  // Tint bands, merged over runs of bytes with the same tints; up to four stacked.
  const ByteCellStyle* styles = styles_.data() + (row_first - first_);
  std::int64_t run_start = 0;
  for (std::int64_t c = 1; c <= row_count; ++c) {
    if (c < row_count && styles[c].tints == styles[run_start].tints) continue;
    const std::uint32_t mask = styles[run_start].tints;
    if (mask) {
      const int bands = std::min(std::popcount(mask), 4);
      const float band_h = (m.row_height - 1.0f) / static_cast<float>(bands);
      const float x0 = origin.x + m.cell_x(run_start) - pad;
      const float x1 = origin.x + m.cell_x(c - 1) + cell_w + pad;
      int band = 0;
      for (std::uint32_t bits = mask; bits && band < bands; bits &= bits - 1, ++band) {
        const float by = y + band_h * static_cast<float>(band);
        draw->AddRectFilled(ImVec2(x0, by), ImVec2(x1, by + band_h),
                            with_alpha(source.tint_colour(std::countr_zero(bits)), colours.tint_alpha));
      }
      // The first tint, thinner, under the ASCII column.
      if (show_ascii)
        draw->AddRectFilled(
            ImVec2(origin.x + m.ascii_x + m.char_width * static_cast<float>(run_start), y + m.row_height - 3.0f),
            ImVec2(origin.x + m.ascii_x + m.char_width * static_cast<float>(c), y + m.row_height - 1.0f),
            with_alpha(source.tint_colour(std::countr_zero(mask)), 0.8f));
    }
    run_start = c;
  }

  std::int64_t marked_first = -1, marked_last = -1;  // the marked cells in this row
  row_cells_bright_.assign(static_cast<std::size_t>(m.cell_x(bpr) / m.char_width), ' ');
  row_cells_dim_ = row_cells_bright_;
  row_ascii_.assign(static_cast<std::size_t>(row_count), ' ');
  for (std::int64_t c = 0; c < row_count; ++c) {
    const std::int64_t offset = row_first + c;
    const ByteCellStyle& style = styles[c];
    const float x = origin.x + m.cell_x(c);
    const ImVec2 cell_min(x - pad, y), cell_max(x + cell_w + pad, y + m.row_height - 1.0f);

    if (style.flash > 0.0f)
      draw->AddRectFilled(cell_min, cell_max, with_alpha(colours.flash, style.flash * static_cast<float>((colours.flash >> IM_COL32_A_SHIFT) & 0xFF) / 255.0f));
    if (style.element_highlight) draw->AddRectFilled(cell_min, cell_max, colours.highlight_fill);
    if (style.source_highlight) {
      draw->AddRectFilled(cell_min, cell_max, colours.source_fill);
      draw->AddRect(cell_min, cell_max, colours.source_outline, 0, 0, 1.5f);
      if (show_ascii)
        draw->AddRectFilled(ImVec2(origin.x + m.ascii_x + m.char_width * c, y),
                            ImVec2(origin.x + m.ascii_x + m.char_width * (c + 1), y + m.row_height - 1),
                            colours.source_fill);
    }
    if (style.boundary) draw->AddLine(ImVec2(cell_min.x, y), ImVec2(cell_min.x, y + m.row_height - 1.0f), style.boundary, 2.0f);

    // Cell text: from this frame's read, else greyed from the last one, else dots.
    const bool have = live || (has_cache_ && offset >= cached_first_ &&
                                offset - cached_first_ < static_cast<std::int64_t>(cached_.size()));
    const std::uint8_t value = have ? cached_[static_cast<std::size_t>(offset - cached_first_)] : 0;
    static const char kDots[] = "........";
    const char* text = have ? cell_texts_[value] : kDots + (8 - m.cell_chars);
    const std::size_t at = static_cast<std::size_t>(m.cell_x(c) / m.char_width);
    if (!(edit_.active && edit_.offset == offset)) {
      std::string& target = (have && value == 0) ? row_cells_dim_ : row_cells_bright_;
      std::memcpy(target.data() + at, text, static_cast<std::size_t>(m.cell_chars));
    }
    row_ascii_[static_cast<std::size_t>(c)] = have ? ((value >= 32 && value < 127) ? static_cast<char>(value) : '.') : ' ';
    if (style.marked) {
      draw->AddRectFilled(cell_min, cell_max, with_alpha(colours.marked, 0.28f));
      marked_first = marked_first < 0 ? c : marked_first;
      marked_last = c;
    }
    source.on_cell_drawn({offset, text, &style, cell_min, cell_max});
  }
  if (marked_first >= 0) {
    // One frame around the marked cells of this row, and a bar under their ASCII.
    draw->AddRect(ImVec2(origin.x + m.cell_x(marked_first) - pad, y),
                  ImVec2(origin.x + m.cell_x(marked_last) + cell_w + pad, y + m.row_height - 1.0f),
                  colours.marked, 2.0f, 0, 2.5f);
    if (show_ascii)
      draw->AddRectFilled(ImVec2(origin.x + m.ascii_x + m.char_width * static_cast<float>(marked_first), y + m.row_height - 3.0f),
                          ImVec2(origin.x + m.ascii_x + m.char_width * static_cast<float>(marked_last + 1), y + m.row_height),
                          colours.marked);
  }
  const ImU32 bright = live ? ImGui::GetColorU32(ImGuiCol_Text) : colours.greyed_text;
  draw->AddText(ImVec2(origin.x, y), bright, row_cells_bright_.c_str());
  draw->AddText(ImVec2(origin.x, y), live ? dim_colour : colours.greyed_text, row_cells_dim_.c_str());
  if (show_ascii)
    draw->AddText(ImVec2(origin.x + m.ascii_x, y), live ? dim_colour : colours.greyed_text, row_ascii_.c_str());
}

// The byte editor: an input field over the cell being edited; Enter writes, Escape or a click
// elsewhere closes it.
void ByteGrid::draw_editor(ByteGridSource& source, const ByteGridMetrics& m) {
  if (!edit_.active) return;
  if (edit_.offset < first_ || edit_.offset >= end_ || !editable) {
    edit_.active = false;
    return;
  }
  const std::int64_t bpr = m.bytes_per_row;
  const std::int64_t row = (edit_.offset - first_) / bpr, column = (edit_.offset - first_) % bpr;
  const float pad = m.char_width * 0.5f;
  const ImVec2 saved = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(origin_.x + m.cell_x(column) - pad,
                                   origin_.y + static_cast<float>(row) * m.row_height));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(pad, 0));
  ImGui::PushStyleColor(ImGuiCol_FrameBg, colours.edit_field);
  ImGui::SetNextItemWidth(m.cell_width() + 2 * pad);
  if (edit_.focus_pending) ImGui::SetKeyboardFocusHere();
  // Binary digits pass the decimal filter; parse_byte refuses anything but 0 and 1.
  const ImGuiInputTextFlags flags =
      ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll |
      ImGuiInputTextFlags_NoHorizontalScroll |
      (base == ByteBase::Hex ? ImGuiInputTextFlags_CharsHexadecimal : ImGuiInputTextFlags_CharsDecimal);
  const bool entered = ImGui::InputText("##byte_edit", edit_.text, static_cast<std::size_t>(m.cell_chars + 1), flags);
  const bool active = ImGui::IsItemActive();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
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

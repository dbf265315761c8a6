// The text view: a linear row wrapper over glyph advances, a per-line cache of row starts that
// follows a transcript's usual changes, and drawing of the visible rows only.
#include "app/widgets/text_view.h"

#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <unordered_map>

namespace bufferlab {

namespace {

constexpr std::size_t kNoBreak = static_cast<std::size_t>(-1);
// A draw list without vertex offsets indexes at most this many vertices (16-bit indices).
constexpr unsigned kVertexLimit = 1u << 16;

// Up to 8 bytes of `text` from `at`, packed (zero-padded): cheap evidence of a line's identity.
std::uint64_t pack(std::string_view text, std::size_t at, std::size_t count) {
  std::uint64_t value = 0;
  if (count > 0) std::memcpy(&value, text.data() + at, std::min<std::size_t>(count, 8));
  return value;
}
std::uint64_t head_of(std::string_view text, std::size_t limit) { return pack(text, 0, std::min(limit, text.size())); }
std::uint64_t tail_of(std::string_view text) {
  const std::size_t count = std::min<std::size_t>(text.size(), 8);
  return pack(text, text.size() - count, count);
}

// What a line is recognised by: its length and its first and last bytes. Two different lines
// with the same length and ends would share a layout: at worst a row breaks a few characters
// off, never outside the text.
struct LineKey {
  std::size_t size;
  std::uint64_t head, tail;
  bool operator==(const LineKey&) const = default;
};
struct LineKeyHash {
  std::size_t operator()(const LineKey& key) const {
    return std::hash<std::uint64_t>()(key.head * 31 + key.tail) ^ std::hash<std::size_t>()(key.size);
  }
};
LineKey key_of(std::string_view text) { return {text.size(), head_of(text, 8), tail_of(text)}; }

// The character at `at`: its code point, and its length in bytes in `length` (at least 1,
// never past the text's end).
unsigned int char_at(std::string_view text, std::size_t at, std::size_t& length) {
  unsigned int c = static_cast<unsigned char>(text[at]);
  length = 1;
  if (c >= 0x80) {
    const int decoded = ImTextCharFromUtf8(&c, text.data() + at, text.data() + text.size());
    length = std::clamp<std::size_t>(decoded > 0 ? static_cast<std::size_t>(decoded) : 1, 1, text.size() - at);
  }
  return c;
}

// As ImGui measures and draws: '\r' has no width, the rest their glyph's advance.
float advance_of(const ImFont& font, float scale, unsigned int c) {
  if (c == '\r') return 0.0f;
  return (static_cast<int>(c) < font.IndexAdvanceX.Size ? font.IndexAdvanceX[static_cast<int>(c)] : font.FallbackAdvanceX) *
         scale;
}

// The width of `text` drawn on one row.
float width_of(std::string_view text, const ImFont& font, float scale) {
  float width = 0.0f;
  std::size_t length = 1;
  for (std::size_t at = 0; at < text.size(); at += length) width += advance_of(font, scale, char_at(text, at, length));
  return width;
}

// Word characters for a double-click: letters, digits, '_' and every non-ASCII byte.
bool is_word_byte(char byte) {
  const unsigned char c = static_cast<unsigned char>(byte);
  return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The word (or run of spaces, or single other character) at byte `at` of `text`, a character
// start. Non-ASCII bytes count as word bytes, so a word never ends inside a character.
std::pair<std::size_t, std::size_t> word_around(std::string_view text, std::size_t at) {
  if (at >= text.size()) return {text.size(), text.size()};
  const bool word = is_word_byte(text[at]), space = text[at] == ' ' || text[at] == '\t';
  if (!word && !space) {
    std::size_t length = 1;
    char_at(text, at, length);
    return {at, at + length};
  }
  const auto same_kind = [&](char byte) { return word ? is_word_byte(byte) : (byte == ' ' || byte == '\t'); };
  std::size_t begin = at, end = at;
  while (begin > 0 && same_kind(text[begin - 1])) --begin;
  while (end < text.size() && same_kind(text[end])) ++end;
  return {begin, end};
}

}  // namespace

void wrap_text_rows(std::string_view text, std::size_t from, float width, const ImFont& font, float font_size,
                    std::vector<std::size_t>& row_starts) {
  const float scale = font.FontSize > 0.0f ? font_size / font.FontSize : 1.0f;
  std::size_t row_start = from;
  float x = 0.0f;
  std::size_t break_at = kNoBreak;  // just after the last space in the row
  float x_at_break = 0.0f;
  auto start_row = [&](std::size_t at, float at_x) {
    row_starts.push_back(at);
    row_start = at;
    x = at_x;
    break_at = kNoBreak;
  };
  row_starts.push_back(from);
  for (std::size_t at = from; at < text.size();) {
    std::size_t length = 1;
    const unsigned int c = char_at(text, at, length);
    if (c == '\n') {  // a line break inside the text starts a row (not drawn)
      at += 1;
      if (at < text.size()) start_row(at, 0.0f);
      continue;
    }
    const float advance = advance_of(font, scale, c);
    const bool space = c == ' ' || c == '\t';
    if (at > row_start) {
      if (at + length - row_start > TextView::kMaxRowBytes) {
        start_row(at, 0.0f);
      } else if (!space && x + advance > width) {  // spaces hang past the edge
        if (break_at != kNoBreak && break_at > row_start)
          start_row(break_at, x - x_at_break);  // the word moves down whole
        else
          start_row(at, 0.0f);
        if (at > row_start && x + advance > width) start_row(at, 0.0f);  // it did not fit either
      }
    }
    x += advance;
    at += length;
    if (space) {
      break_at = at;
      x_at_break = x;
    }
  }
}

bool TextView::same_line(const LineLayout& layout, std::string_view text) const {
  return layout.size == text.size() && layout.head == head_of(text, 8) && layout.tail == tail_of(text);
}

void TextView::lay_out(LineLayout& layout, std::string_view text, bool resume) {
  std::size_t from = 0;
  if (resume && !layout.row_starts.empty()) {
    from = layout.row_starts.back();  // the last row is the only one the new text can change
    layout.row_starts.pop_back();
  } else {
    layout.row_starts.clear();
  }
  wrap_text_rows(text, from, metrics_.width, *metrics_.font, metrics_.font_size, layout.row_starts);
  bytes_laid_out_ += text.size() - from;
  layout.size = text.size();
  layout.head = head_of(text, 8);
  layout.tail = tail_of(text);
}

void TextView::sync(const TextLineSource& source, const Metrics& metrics) {
  bool changed = false;
  if (!(metrics == metrics_)) {  // another width or font: every line is laid out again
    metrics_ = metrics;
    lines_.clear();
    changed = true;
  }
  const std::size_t count = source.line_count();
  const std::size_t common = std::min(count, lines_.size());
  std::size_t kept = 0;
  while (kept < common && same_line(lines_[kept], source.line(kept).text)) ++kept;
  const auto grew = [&](std::size_t i) {
    const std::string_view text = source.line(i).text;
    return text.size() > lines_[i].size && head_of(text, lines_[i].size) == lines_[i].head;
  };
  if (kept + 1 == lines_.size() && kept < count && grew(kept)) {
    lay_out(lines_[kept], source.line(kept).text, true);  // output continued the last line
    ++kept;
    changed = true;
  } else if (kept < lines_.size()) {
    follow_selection(source);
    // Lines left from the front (or changed): every line whose text is cached keeps its rows.
    std::unordered_map<LineKey, std::size_t, LineKeyHash> cached;
    for (std::size_t i = 0; i < lines_.size(); ++i) cached.emplace(LineKey{lines_[i].size, lines_[i].head, lines_[i].tail}, i);
    std::vector<std::size_t> moved_to(lines_.size(), kNoBreak);
    std::vector<LineLayout> rebuilt(count);
    for (std::size_t i = 0; i < count; ++i) {
      const std::string_view text = source.line(i).text;
      const auto found = cached.find(key_of(text));
      if (found == cached.end()) {
        lay_out(rebuilt[i], text, false);
      } else if (moved_to[found->second] == kNoBreak) {
        rebuilt[i] = std::move(lines_[found->second]);
        moved_to[found->second] = i;
      } else {
        rebuilt[i] = rebuilt[moved_to[found->second]];  // the same text twice
      }
    }
    lines_ = std::move(rebuilt);
    kept = count;
    changed = true;
  }
  for (std::size_t i = kept; i < count; ++i) {
    lines_.emplace_back();
    lay_out(lines_.back(), source.line(i).text, false);
    changed = true;
  }
  if (changed) {
    std::size_t rows = 0;
    for (LineLayout& line : lines_) {
      line.first_row = rows;
      rows += line.row_starts.size();
    }
    row_count_ = rows;
  }
  // A selection past the lines there are goes; its ends stay within their lines' text.
  if (anchor_.line >= lines_.size() || cursor_.line >= lines_.size()) anchor_ = cursor_ = {};
  anchor_.offset = std::min(anchor_.offset, lines_.empty() ? 0 : lines_[anchor_.line].size);
  cursor_.offset = std::min(cursor_.offset, lines_.empty() ? 0 : lines_[cursor_.line].size);
}

void TextView::follow_selection(const TextLineSource& source) {
  if (!has_selection()) return;
  // How far the lines moved: from the first line whose text the old lines hold exactly once.
  std::unordered_map<LineKey, std::pair<std::size_t, std::size_t>, LineKeyHash> old_lines;  // index, how often
  for (std::size_t i = 0; i < lines_.size(); ++i)
    ++old_lines.try_emplace(LineKey{lines_[i].size, lines_[i].head, lines_[i].tail}, i, 0).first->second.second;
  const std::size_t count = source.line_count();
  std::size_t first_kept = count;
  std::ptrdiff_t shift = 0;  // old index - new index
  for (std::size_t i = 0; i < count && first_kept == count; ++i) {
    const auto found = old_lines.find(key_of(source.line(i).text));
    if (found == old_lines.end() || found->second.second != 1) continue;
    first_kept = i;
    shift = static_cast<std::ptrdiff_t>(found->second.first) - static_cast<std::ptrdiff_t>(i);
  }
  const auto follow = [&](TextPosition& position) {
    if (first_kept == count || position.line >= lines_.size()) return false;
    const std::ptrdiff_t moved = static_cast<std::ptrdiff_t>(position.line) - shift;
    if (moved >= 0 && moved < static_cast<std::ptrdiff_t>(count) &&
        same_line(lines_[position.line], source.line(static_cast<std::size_t>(moved)).text)) {
      position.line = static_cast<std::size_t>(moved);
      return true;
    }
    if (moved < static_cast<std::ptrdiff_t>(first_kept)) {  // its line left the front
      position = {first_kept, 0};
      return true;
    }
    return false;  // its line changed
  };
  if (!follow(anchor_) || !follow(cursor_)) anchor_ = cursor_ = {};
}

std::size_t TextView::line_of_row(std::size_t row) const {
  const auto after = std::upper_bound(lines_.begin(), lines_.end(), row,
                                      [](std::size_t r, const LineLayout& line) { return r < line.first_row; });
  return static_cast<std::size_t>(after - lines_.begin()) - 1;
}

std::pair<std::size_t, std::size_t> TextView::row_bytes(std::size_t line, std::size_t row_in_line,
                                                       std::string_view text) const {
  const LineLayout& layout = lines_[line];
  const std::size_t begin = std::min(layout.row_starts[row_in_line], text.size());
  std::size_t end = row_in_line + 1 < layout.row_starts.size() ? std::min(layout.row_starts[row_in_line + 1], text.size())
                                                                : text.size();
  while (end > begin && (text[end - 1] == '\n' || text[end - 1] == '\r')) --end;
  return {begin, end};
}

void TextView::select_all() {
  if (lines_.empty()) return;
  anchor_ = {0, 0};
  cursor_ = {lines_.size() - 1, lines_.back().size};
}

std::string TextView::selected_text(const TextLineSource& source) const {
  const TextPosition start = selection_start(), end = selection_end();
  std::string text;
  const std::size_t count = source.line_count();
  for (std::size_t line = start.line; line <= end.line && line < count; ++line) {
    const std::string_view shown = source.line(line).text;
    const std::size_t from = line == start.line ? std::min(start.offset, shown.size()) : 0;
    const std::size_t to = line == end.line ? std::min(end.offset, shown.size()) : shown.size();
    if (from < to) text.append(shown.substr(from, to - from));
    if (line < end.line) text += '\n';
  }
  return text;
}

TextPosition TextView::position_at(ImVec2 mouse, ImVec2 origin, float row_height, const TextLineSource& source) const {
  if (row_count_ == 0 || lines_.empty()) return {};
  const float y = (mouse.y - origin.y) / row_height;
  if (y < 0.0f) return {0, 0};
  const std::size_t row = static_cast<std::size_t>(y);
  if (row >= row_count_) return {lines_.size() - 1, lines_.back().size};
  const std::size_t line = line_of_row(row);
  const std::string_view text = source.line(line).text;
  const auto [begin, end] = row_bytes(line, row - lines_[line].first_row, text);
  // The character whose left half holds the mouse starts the position; past the row, its end.
  const float scale = metrics_.font->FontSize > 0.0f ? metrics_.font_size / metrics_.font->FontSize : 1.0f;
  float x = origin.x;
  std::size_t length = 1;
  for (std::size_t at = begin; at < end; at += length) {
    const float advance = advance_of(*metrics_.font, scale, char_at(text, at, length));
    if (mouse.x < x + advance * 0.5f) return {line, at};
    x += advance;
  }
  return {line, end};
}

ImVec2 TextView::screen_point(const TextLineSource& source, TextPosition position) const {
  if (position.line >= lines_.size() || metrics_.font == nullptr) return origin_;
  const LineLayout& layout = lines_[position.line];
  // The row holding the offset: the last one starting at or before it.
  const auto after = std::upper_bound(layout.row_starts.begin(), layout.row_starts.end(), position.offset);
  const std::size_t in_line = after == layout.row_starts.begin() ? 0 : static_cast<std::size_t>(after - layout.row_starts.begin()) - 1;
  const std::string_view text = source.line(position.line).text;
  const std::size_t begin = std::min(layout.row_starts[in_line], text.size());
  const std::size_t end = std::clamp(position.offset, begin, text.size());
  const float scale = metrics_.font->FontSize > 0.0f ? metrics_.font_size / metrics_.font->FontSize : 1.0f;
  return ImVec2(origin_.x + width_of(text.substr(begin, end - begin), *metrics_.font, scale),
                origin_.y + static_cast<float>(layout.first_row + in_line) * row_height_ + row_height_ * 0.5f);
}

void TextView::handle_selection_input(const TextLineSource& source, ImVec2 origin, float row_height) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  const ImGuiIO& io = ImGui::GetIO();
  const ImRect text_rect = window->InnerRect;  // the view without its scrollbar
  const bool window_hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  const bool mouse_over = window_hovered && text_rect.Contains(io.MousePos);
  context_menu_requested_ = mouse_over && ImGui::IsMouseReleased(ImGuiMouseButton_Right);

  // The whole text is one item that takes the left button: a press here never moves a window or
  // reaches an item behind, and a drag keeps it while the mouse leaves the view.
  const ImGuiID id = window->GetID("##text");
  ImGui::ItemAdd(text_rect, id, nullptr, ImGuiItemFlags_NoNav);
  bool hovered = false, held = false;
  const bool pressed = ImGui::ButtonBehavior(text_rect, id, &hovered, &held, ImGuiButtonFlags_PressedOnClick);
  if (pressed && !lines_.empty()) {
    const TextPosition at = position_at(io.MousePos, origin, row_height, source);
    const int clicks = ImGui::GetMouseClickedCount(ImGuiMouseButton_Left);
    dragging_ = false;
    if (clicks == 2) {  // a word
      const auto [begin, end] = word_around(source.line(at.line).text, at.offset);
      anchor_ = {at.line, begin};
      cursor_ = {at.line, end};
    } else if (clicks >= 3) {  // a line
      anchor_ = {at.line, 0};
      cursor_ = {at.line, lines_[at.line].size};
    } else {
      if (!io.KeyShift) anchor_ = at;  // Shift+click extends from where the selection began
      cursor_ = at;
      dragging_ = true;
    }
  } else if (!held) {
    dragging_ = false;
  }
  if (dragging_ && held && !lines_.empty()) {
    cursor_ = position_at(io.MousePos, origin, row_height, source);
    // Past the top or bottom edge the view scrolls, faster the further the mouse is.
    float past = 0.0f;
    if (io.MousePos.y < text_rect.Min.y) past = io.MousePos.y - text_rect.Min.y;
    if (io.MousePos.y > text_rect.Max.y) past = io.MousePos.y - text_rect.Max.y;
    if (past != 0.0f) {
      const float speed = std::clamp(std::abs(past) / row_height, 1.0f, 20.0f) * row_height * 12.0f;
      ImGui::SetScrollY(ImGui::GetScrollY() + (past < 0.0f ? -speed : speed) * io.DeltaTime);
    }
  }
  // A click anywhere else (but on the view's scrollbar or in a menu, such as the view's own)
  // leaves the selection.
  const bool clicked_elsewhere =
      (ImGui::IsMouseClicked(ImGuiMouseButton_Left) || ImGui::IsMouseClicked(ImGuiMouseButton_Right)) && !window_hovered &&
      !held && !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
  if (clicked_elsewhere) clear_selection();
  if (ImGui::IsWindowFocused() && io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_A), false)) select_all();
}

void TextView::draw(const char* id, const TextLineSource& source, ImVec2 size) {
  rows_drawn_ = 0;
  last_row_in_sight_ = 0;
  stopped_at_vertex_limit_ = false;
  // The scrollbar is always there, so its coming and going never changes the width: the text is
  // laid out once, not again when it first overflows the view.
  ImGui::BeginChild(id, size, false, ImGuiWindowFlags_AlwaysVerticalScrollbar);
  const bool at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1.0f;
  ImFont* font = ImGui::GetFont();
  const float font_size = ImGui::GetFontSize();
  const float width = std::max(ImGui::GetContentRegionAvail().x, font_size * 4.0f);
  sync(source, Metrics{font, font_size, width});

  const float row_height = ImGui::GetTextLineHeightWithSpacing();
  origin_ = ImGui::GetCursorScreenPos();
  row_height_ = row_height;
  handle_selection_input(source, origin_, row_height);
  const TextPosition selected_from = selection_start(), selected_to = selection_end();
  const bool any_selected = has_selection();
  const ImU32 highlight = selection_colour != 0 ? selection_colour : ImGui::GetColorU32(ImGuiCol_TextSelectedBg);
  const float scale = font->FontSize > 0.0f ? font_size / font->FontSize : 1.0f;
  const float newline_width = advance_of(*font, scale, ' ') * 0.5f;  // a selected line break, drawn

  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  const bool vertex_offsets = (ImGui::GetIO().BackendFlags & ImGuiBackendFlags_RendererHasVtxOffset) != 0;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(std::min<std::size_t>(row_count_, INT_MAX)), row_height);
  while (clipper.Step()) {
    if (clipper.DisplayStart >= clipper.DisplayEnd) continue;
    std::size_t line = line_of_row(static_cast<std::size_t>(clipper.DisplayStart));
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const std::size_t r = static_cast<std::size_t>(row);
      last_row_in_sight_ = std::max(last_row_in_sight_, r);
      while (line + 1 < lines_.size() && lines_[line + 1].first_row <= r) ++line;
      const LineLayout& layout = lines_[line];
      const TextViewLine shown = source.line(line);
      const std::size_t in_line = r - layout.first_row;
      const auto [begin, end] = row_bytes(line, in_line, shown.text);
      const std::string_view text = shown.text.substr(begin, end - begin);
      const ImVec2 at = ImGui::GetCursorScreenPos();
      // Without vertex offsets one draw list holds 64K vertices (4 per glyph and the selection's
      // rectangle): stop before it.
      const bool fits = vertex_offsets || draw_list->_VtxCurrentIdx + 4 * text.size() + 4 < kVertexLimit - 64;
      if (!fits) stopped_at_vertex_limit_ = true;
      if (any_selected && fits && !stopped_at_vertex_limit_ && line >= selected_from.line && line <= selected_to.line) {
        // The selected part of this row, and its line break when the selection goes on past it.
        const bool last_row = in_line + 1 == layout.row_starts.size();
        const std::size_t from = std::clamp(line == selected_from.line ? selected_from.offset : begin, begin, end);
        const std::size_t to = std::clamp(line == selected_to.line ? selected_to.offset : end, begin, end);
        const bool line_break = last_row && line < selected_to.line;
        if (from < to || line_break) {
          const float left = at.x + width_of(shown.text.substr(begin, from - begin), *font, scale);
          float right = left + width_of(shown.text.substr(from, to - from), *font, scale);
          if (line_break) right += newline_width;
          draw_list->AddRectFilled(ImVec2(left, at.y), ImVec2(right, at.y + row_height), highlight);
        }
      }
      if (!text.empty() && fits && !stopped_at_vertex_limit_) {
        draw_list->AddText(font, font_size, at, shown.colour, text.data(), text.data() + text.size());
        ++rows_drawn_;
      }
      ImGui::Dummy(ImVec2(0.0f, ImGui::GetTextLineHeight()));
    }
  }
  clipper.End();

  const std::size_t count = source.line_count();
  if (row_count_ != shown_rows_ || count != shown_lines_) {
    if (at_bottom || scroll_to_bottom_) ImGui::SetScrollHereY(1.0f);
    scroll_to_bottom_ = false;
    shown_rows_ = row_count_;
    shown_lines_ = count;
  }
  ImGui::EndChild();
}

}  // namespace bufferlab

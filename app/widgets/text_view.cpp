// The text view: a linear row wrapper over glyph advances, a per-line cache of row starts that
// follows a transcript's usual changes, and drawing of the visible rows only.
#include "app/widgets/text_view.h"

#include <imgui_internal.h>  // ImTextCharFromUtf8

#include <algorithm>
#include <climits>
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
    unsigned int c = static_cast<unsigned char>(text[at]);
    std::size_t length = 1;
    if (c >= 0x80) {
      const int decoded = ImTextCharFromUtf8(&c, text.data() + at, text.data() + text.size());
      length = std::clamp<std::size_t>(decoded > 0 ? static_cast<std::size_t>(decoded) : 1, 1, text.size() - at);
    }
    if (c == '\n') {  // a line break inside the text starts a row (not drawn)
      at += 1;
      if (at < text.size()) start_row(at, 0.0f);
      continue;
    }
    // As ImGui measures and draws: '\r' has no width, the rest their glyph's advance.
    const float advance =
        c == '\r' ? 0.0f
                  : (static_cast<int>(c) < font.IndexAdvanceX.Size ? font.IndexAdvanceX[static_cast<int>(c)]
                                                                   : font.FallbackAdvanceX) * scale;
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
}

std::size_t TextView::line_of_row(std::size_t row) const {
  const auto after = std::upper_bound(lines_.begin(), lines_.end(), row,
                                      [](std::size_t r, const LineLayout& line) { return r < line.first_row; });
  return static_cast<std::size_t>(after - lines_.begin()) - 1;
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

  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  const bool vertex_offsets = (ImGui::GetIO().BackendFlags & ImGuiBackendFlags_RendererHasVtxOffset) != 0;
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(std::min<std::size_t>(row_count_, INT_MAX)), ImGui::GetTextLineHeightWithSpacing());
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
      const std::size_t begin = std::min(layout.row_starts[in_line], shown.text.size());
      const std::size_t end = in_line + 1 < layout.row_starts.size() ? std::min(layout.row_starts[in_line + 1], shown.text.size())
                                                                      : shown.text.size();
      std::string_view text = shown.text.substr(begin, end - begin);
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
      // Without vertex offsets one draw list holds 64K vertices (4 per glyph): stop before it.
      const bool fits = vertex_offsets || draw_list->_VtxCurrentIdx + 4 * text.size() < kVertexLimit - 64;
      if (!fits) stopped_at_vertex_limit_ = true;
      if (!text.empty() && fits && !stopped_at_vertex_limit_) {
        draw_list->AddText(font, font_size, ImGui::GetCursorScreenPos(), shown.colour, text.data(), text.data() + text.size());
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

// The frame record and elided labels.
#include "app/widgets/ui_record.h"

#include <imgui_internal.h>

#include <algorithm>

#include "app/widgets/tooltip.h"

namespace bufferlab {

namespace {
UiRecord* current_record = nullptr;

// The part of a label ImGui shows: up to "##".
std::string_view shown_label(std::string_view label) {
  const std::size_t hidden = label.find("##");
  return hidden == std::string_view::npos ? label : label.substr(0, hidden);
}

// Bytes of a UTF-8 prefix no longer than `bytes` that ends on a character boundary.
std::size_t utf8_boundary(std::string_view text, std::size_t bytes) {
  while (bytes > 0 && bytes < text.size() && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return bytes;
}
}  // namespace

UiRecord* ui_record() { return current_record; }
void set_ui_record(UiRecord* record) { current_record = record; }

void record_item(std::string_view label, bool label_elided) {
  if (!current_record || !ImGui::IsItemVisible()) return;
  const ImRect clip = ImGui::GetCurrentWindowRead()->ClipRect;
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  // Cut sideways by the window's edge, its label is partly hidden; cut at the top or bottom
  // too, unless the window shows a scrollbar (then it is scrolling, the rest a wheel away). The
  // visible part counts for overlaps.
  const ImGuiWindow* window = ImGui::GetCurrentWindowRead();
  const bool cut_sideways = min.x < clip.Min.x - 0.5f || max.x > clip.Max.x + 0.5f;
  const bool cut_vertically = min.y < clip.Min.y - 0.5f || max.y > clip.Max.y + 0.5f;
  const bool cut = cut_sideways || (cut_vertically && !window->ScrollbarY);
  RecordedItem item;
  item.label = std::string(shown_label(label));
  item.min = ImVec2(std::max(min.x, clip.Min.x), std::max(min.y, clip.Min.y));
  item.max = ImVec2(std::min(max.x, clip.Max.x), std::min(max.y, clip.Max.y));
  item.clipped = label_elided || cut;
  current_record->items.push_back(std::move(item));
}

void record_grid(RecordedGrid grid) {
  if (current_record) current_record->grids.push_back(std::move(grid));
}

std::string elide_to_width(std::string_view text, float width) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (ImGui::CalcTextSize(begin, end).x <= width) return std::string(text);
  static constexpr std::string_view kEllipsis = "...";
  const float room = width - ImGui::CalcTextSize(kEllipsis.data(), kEllipsis.data() + kEllipsis.size()).x;
  // The longest prefix that fits, found by halving (text width grows with the prefix).
  std::size_t low = 0, high = text.size();
  while (low < high) {
    const std::size_t mid = utf8_boundary(text, (low + high + 1) / 2);
    if (mid <= low) break;
    if (ImGui::CalcTextSize(begin, begin + mid).x <= room)
      low = mid;
    else
      high = mid - 1;
  }
  low = utf8_boundary(text, low);
  return std::string(text.substr(0, low)) + std::string(kEllipsis);
}

bool text_elided(std::string_view text, float width) {
  const std::string shown = elide_to_width(text, width);
  const bool elided = shown.size() != text.size() || shown != text;
  ImGui::TextUnformatted(shown.c_str());
  if (elided) tooltip_beside_item(std::string(text).c_str());
  return elided;
}

}  // namespace bufferlab

// The Memory pane: byte grids drawn row by row from a few KB read per frame inside a
// MemoryProvider callback, tinted by view coverage computed only for the visible window.
#include "app/panes/memory_pane.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "core/elements_in_range.h"
#include "app/widgets/minimap_backend.h"
#include "app/window/theme.h"
#include "core/layout.h"

namespace bufferlab {

namespace {

constexpr int kMaxTintedViews = 32;  // coverage masks are 32-bit
constexpr std::int64_t kCoverageVisitLimit = 1 << 16;  // per view per frame (stride-0 views)

const char* const kViewAsFormats[] = {"B", "b", "H", "h", "I", "i", "Q", "q",
                                      "e", "f", "d", "c", "?"};
const char* const kViewAsOrders[] = {"native (@)", "little-endian (<)", "big-endian (>)"};

int hex_digits(std::int64_t value) {
  int digits = 1;
  while (value >= 16) {
    value >>= 4;
    ++digits;
  }
  return digits;
}

bool parse_offset(const char* text, std::int64_t size, std::int64_t* offset) {
  std::string s(text);
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == ' ' || c == '_'; }), s.end());
  if (s.empty()) return false;
  if (s == "end" || s == "last") {
    *offset = size - 1;
    return size > 0;
  }
  bool negative = false;
  if (s[0] == '-') {
    negative = true;
    s.erase(0, 1);
  }
  int base = 10;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    s.erase(0, 2);
  }
  if (s.empty() || s.size() > 18) return false;
  std::int64_t value = 0;
  for (char c : s) {
    int digit;
    if (c >= '0' && c <= '9') digit = c - '0';
    else if (base == 16 && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    else if (base == 16 && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    else return false;
    value = value * base + digit;
  }
  if (negative) value = size - value;  // Python-style: -1 is the last byte
  if (value < 0 || value >= size) return false;
  *offset = value;
  return true;
}

}  // namespace

std::string MemoryPane::cell_text(std::uint8_t value) const {
  char text[12];
  switch (cell_base) {
    case CellBase::Hex: std::snprintf(text, sizeof text, "%02x", value); break;
    case CellBase::Decimal: std::snprintf(text, sizeof text, "%3u", value); break;
    case CellBase::Binary:
      for (int bit = 0; bit < 8; ++bit) text[bit] = (value & (0x80 >> bit)) ? '1' : '0';
      text[8] = 0;
      break;
  }
  return text;
}

bool MemoryPane::parse_cell_text(const char* text, std::uint8_t* value) const {
  const int base = cell_base == CellBase::Hex ? 16 : cell_base == CellBase::Decimal ? 10 : 2;
  int digits = 0;
  unsigned result = 0;
  for (const char* p = text; *p; ++p) {
    if (*p == ' ') continue;
    int digit;
    if (*p >= '0' && *p <= '9') digit = *p - '0';
    else if (*p >= 'a' && *p <= 'f') digit = *p - 'a' + 10;
    else if (*p >= 'A' && *p <= 'F') digit = *p - 'A' + 10;
    else return false;
    if (digit >= base) return false;
    result = result * static_cast<unsigned>(base) + static_cast<unsigned>(digit);
    if (result > 255) return false;
    ++digits;
  }
  if (digits == 0) return false;
  *value = static_cast<std::uint8_t>(result);
  return true;
}

MemoryPane::GridMetrics MemoryPane::metrics_for(std::int64_t region_size,
                                                std::int64_t bytes_per_row) const {
  GridMetrics m;
  m.char_width = ImGui::CalcTextSize("0").x;
  m.row_height = ImGui::GetTextLineHeight() + std::max(2.0f, ImGui::GetFontSize() * 0.15f);
  m.cell_chars = cell_base == CellBase::Hex ? 2 : cell_base == CellBase::Decimal ? 3 : 8;
  m.offset_chars = std::max(4, hex_digits(std::max<std::int64_t>(region_size - 1, 0)));
  m.bytes_per_row = bytes_per_row;
  m.hex_x = m.char_width * static_cast<float>(m.offset_chars + 2);
  m.ascii_x = m.cell_x(bytes_per_row) + m.char_width;
  m.width = m.ascii_x + m.char_width * static_cast<float>(bytes_per_row);
  return m;
}

std::int64_t MemoryPane::choose_bytes_per_row(std::int64_t region_size, float width) const {
  if (columns_choice == 8 || columns_choice == 16) return columns_choice;
  return metrics_for(region_size, 16).width <= width ? 16 : 8;
}

void MemoryPane::go_to(const AppState& state, int region, std::int64_t offset) {
  if (region < 0 || region >= static_cast<int>(state.snapshot.regions.size())) return;
  RegionUi& ui = regions_[state.snapshot.regions[region].address];
  ui.scroller.jump_to(offset / std::max<std::int64_t>(ui.bytes_per_row, 1));
}

std::int64_t MemoryPane::first_visible_offset(const AppState& state, int region) const {
  if (region < 0 || region >= static_cast<int>(state.snapshot.regions.size())) return 0;
  auto it = regions_.find(state.snapshot.regions[region].address);
  if (it == regions_.end()) return 0;
  return it->second.scroller.top_row() * it->second.bytes_per_row;
}

void MemoryPane::draw_toolbar(PaneContext&) {
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  int base = static_cast<int>(cell_base);
  ImGui::RadioButton("hex", &base, 0);
  ImGui::SameLine();
  ImGui::RadioButton("dec", &base, 1);
  ImGui::SameLine();
  ImGui::RadioButton("bin", &base, 2);
  if (base != static_cast<int>(cell_base)) {
    cell_base = static_cast<CellBase>(base);
    edit_.active = false;
  }
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  ImGui::RadioButton("auto", &columns_choice, 0);
  ImGui::SameLine();
  ImGui::RadioButton("8", &columns_choice, 8);
  ImGui::SameLine();
  ImGui::RadioButton("16", &columns_choice, 16);
  ImGui::SameLine();
  help_marker(
      "One grid per memory region. Each byte is tinted with the colour of every view that "
      "covers it; the selected view's element boundaries are marked. Hover a byte to see every "
      "element containing it, click to pin and edit: type digits, Enter writes. Scroll with the "
      "wheel, PageUp/PageDown (without a lesson open: with one they step the lesson), "
      "Ctrl+Home/End, the minimap or 'go to' (0x1f, 31, -1, end). Bytes a lesson step changed "
      "stay marked until the next step; a step may frame a window of bytes it reads.");
}

void MemoryPane::draw_content(PaneContext& context) {
  const AppState& state = context.state;
  const auto& regions = state.snapshot.regions;
  if (regions.empty()) {
    ImGui::TextDisabled("No buffers yet.");
    ImGui::TextDisabled("Try:  data = bytearray(b'Hello')");
    ImGui::TextDisabled("      view = memoryview(data)");
    return;
  }

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float row_height = ImGui::GetTextLineHeight() + std::max(2.0f, ImGui::GetFontSize() * 0.15f);
  const float header_height = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
  const float grid_width = avail.x - ImGui::GetStyle().ScrollbarSize;

  // Share the rows: small regions get all their rows, the rest is split among the big ones.
  const int count = static_cast<int>(regions.size());
  std::vector<std::int64_t> need(count), give(count, 0);
  for (int r = 0; r < count; ++r) {
    auto& ui = regions_[regions[r].address];
    ui.bytes_per_row = choose_bytes_per_row(regions[r].size, grid_width - 80.0f * context.ui_scale);
    need[r] = std::max<std::int64_t>(1, (regions[r].size + ui.bytes_per_row - 1) / ui.bytes_per_row);
  }
  float headers = 0.0f;
  for (int r = 0; r < count; ++r)
    headers += header_height + (legend_needs_own_line(context, r, avail.x) ? ImGui::GetFrameHeight() : 0.0f);
  std::int64_t rows_left = std::max<std::int64_t>(static_cast<std::int64_t>((avail.y - headers) / row_height), 2 * count);
  std::vector<int> order(count);
  for (int r = 0; r < count; ++r) order[r] = r;
  std::sort(order.begin(), order.end(), [&](int a, int b) { return need[a] < need[b]; });
  for (int i = 0; i < count; ++i) {
    const int r = order[i];
    const std::int64_t share = std::max<std::int64_t>(2, rows_left / (count - i));
    give[r] = std::min(need[r], share);
    rows_left -= give[r];
  }

  ImGui::BeginChild("##regions", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
  for (int r = 0; r < count; ++r) {
    ImGui::PushID(static_cast<int>(regions[r].address & 0x7fffffff) ^ r);
    draw_region(context, r, give[r], ImGui::GetContentRegionAvail().x);
    ImGui::PopID();
  }
  // Regions that vanished take their cached bytes with them.
  std::erase_if(regions_, [&](const auto& entry) {
    return std::none_of(regions.begin(), regions.end(),
                        [&](const Region& r) { return r.address == entry.first; });
  });
  ImGui::EndChild();
}

bool MemoryPane::legend_needs_own_line(PaneContext& context, int region_index, float width) const {
  const AppState& state = context.state;
  const float box = ImGui::GetTextLineHeight() * 0.7f;
  char title[64];
  std::snprintf(title, sizeof title, "region %d %s ", region_index,
                format_size(state.snapshot.regions[region_index].size).c_str());
  float used = ImGui::CalcTextSize(title).x + ImGui::GetStyle().ItemSpacing.x * 2 +
               110.0f * context.ui_scale + ImGui::CalcTextSize("view as...").x +
               ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemSpacing.x * 2;
  for (const DisplayView& view : state.views)
    if (view.region == region_index)
      used += box + 3.0f + ImGui::CalcTextSize(view.name.c_str()).x + ImGui::GetStyle().ItemSpacing.x;
  return used > width;
}

void MemoryPane::draw_region_header(PaneContext& context, int region_index, RegionUi& ui) {
  const AppState& state = context.state;
  const Region& region = state.snapshot.regions[region_index];
  ImGui::AlignTextToFramePadding();
  ImGui::Text("region %d", region_index);
  ImGui::SameLine();
  ImGui::TextDisabled("%s", format_size(region.size).c_str());
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%" PRId64 " bytes at %s", region.size, format_address(region.address).c_str());

  // Legend: one colour per name, click to select the view. It moves to a line of its own when
  // it would run into the controls on the right.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float box = ImGui::GetTextLineHeight() * 0.7f;
  ImGui::SameLine();
  const bool own_line = legend_needs_own_line(context, region_index, ImGui::GetWindowContentRegionMax().x);
  std::vector<int> members;
  for (std::size_t v = 0; v < state.views.size(); ++v)
    if (state.views[v].region == region_index) members.push_back(static_cast<int>(v));
  auto draw_legend = [&] {
    bool first = true;
    for (int v : members) {
      const DisplayView& view = state.views[v];
      if (!first) ImGui::SameLine();
      first = false;
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const float y = p.y + (ImGui::GetFrameHeight() - box) * 0.5f;
      draw->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + box, y + box), view.colour, 2.0f);
      ImGui::Dummy(ImVec2(box, ImGui::GetFrameHeight()));
      ImGui::SameLine(0, 3);
      const bool selected = state.selected_view == v;
      ImGui::PushStyleColor(ImGuiCol_Text, selected ? theme_colours().legend_selected : theme_colours().legend_text);
      ImGui::PushID(v);
      ImGui::AlignTextToFramePadding();
      if (ImGui::Selectable(view.name.c_str(), selected, 0, ImVec2(ImGui::CalcTextSize(view.name.c_str()).x, 0)))
        context.commands.push(SelectView{v});
      ImGui::PopID();
      ImGui::PopStyleColor();
      if (own_line && ImGui::GetCursorPosX() > ImGui::GetWindowContentRegionMax().x - 80.0f) break;
    }
  };
  if (!own_line) {
    draw_legend();
    ImGui::SameLine();
  }

  // Right side: go to offset and "view as".
  const float goto_width = 110.0f * context.ui_scale;
  const float button_width = ImGui::CalcTextSize("view as...").x + ImGui::GetStyle().FramePadding.x * 2;
  const float right = ImGui::GetWindowContentRegionMax().x;
  ImGui::SameLine(std::max(ImGui::GetCursorPosX(), right - goto_width - button_width -
                                                       ImGui::GetStyle().ItemSpacing.x));
  ImGui::SetNextItemWidth(goto_width);
  if (ui.goto_invalid) ImGui::PushStyleColor(ImGuiCol_FrameBg, theme_colours().invalid_field);
  const bool entered = ImGui::InputTextWithHint("##goto", "go to offset", ui.goto_text,
                                                sizeof ui.goto_text,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  if (ui.goto_invalid) ImGui::PopStyleColor();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Byte offset in this region: 31, 0x1f, -1 (last), end");
  if (entered) {
    std::int64_t offset = 0;
    ui.goto_invalid = !parse_offset(ui.goto_text, region.size, &offset);
    if (!ui.goto_invalid) {
      ui.scroller.jump_to(offset / ui.bytes_per_row);
      context.commands.push(PinHighlight{HighlightSource::of_byte(region_index, region.address + offset)});
    }
  }
  ImGui::SameLine();
  if (ImGui::Button("view as...")) ImGui::OpenPopup("view_as");
  draw_view_as_popup(context, region_index);
  if (own_line) draw_legend();
}

void MemoryPane::draw_view_as_popup(PaneContext& context, int region_index) {
  if (!ImGui::BeginPopup("view_as")) return;
  const Region& region = context.state.snapshot.regions[region_index];
  ImGui::Text("Read region %d with another format", region_index);
  ImGui::SetNextItemWidth(120.0f * context.ui_scale);
  ImGui::Combo("format", &view_as_format_, kViewAsFormats, IM_ARRAYSIZE(kViewAsFormats));
  ImGui::SetNextItemWidth(180.0f * context.ui_scale);
  ImGui::Combo("byte order", &view_as_order_, kViewAsOrders, IM_ARRAYSIZE(kViewAsOrders));
  ImGui::SetNextItemWidth(120.0f * context.ui_scale);
  const std::int64_t step = 1;
  ImGui::InputScalar("from offset", ImGuiDataType_S64, &view_as_offset_, &step);
  view_as_offset_ = std::clamp<std::int64_t>(view_as_offset_, 0, std::max<std::int64_t>(region.size - 1, 0));
  if (ImGui::Button("show")) {
    static const char* const prefixes[] = {"", "<", ">"};
    context.commands.push(AddReinterpretation{
        region_index, std::string(prefixes[view_as_order_]) + kViewAsFormats[view_as_format_],
        view_as_offset_});
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("cancel")) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void MemoryPane::draw_region(PaneContext& context, int region_index, std::int64_t rows,
                             float width) {
  const AppState& state = context.state;
  const Region& region = state.snapshot.regions[region_index];
  RegionUi& ui = regions_[region.address];
  draw_region_header(context, region_index, ui);

  const GridMetrics m = metrics_for(region.size, ui.bytes_per_row);
  const std::int64_t bpr = m.bytes_per_row;
  const std::int64_t total_rows = std::max<std::int64_t>(1, (region.size + bpr - 1) / bpr);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float grid_height = static_cast<float>(rows) * m.row_height;
  const float minimap_width = std::round(56.0f * context.ui_scale);
  const float bar_x = origin.x + std::min(m.width + m.char_width, width - minimap_width - RowScroller::kBarWidth - 8.0f);
  const ImVec2 grid_max(bar_x, origin.y + grid_height);
  ui.scroller.paging_keys = !state.lesson_takes_paging_keys();
  ui.scroller.update("rows", total_rows, rows, origin, grid_max, ImVec2(bar_x, origin.y),
                     ImVec2(bar_x + RowScroller::kBarWidth, grid_max.y));

  const std::int64_t first_byte = ui.scroller.top_row() * bpr;
  const std::int64_t end_byte = std::min(region.size, first_byte + rows * bpr);
  const std::int64_t window = std::max<std::int64_t>(end_byte - first_byte, 0);

  // Read only the visible bytes, inside the callback; while a cell runs show the last ones.
  bool live = false;
  if (state.memory && !state.cell_running) {
    ui.cached.resize(static_cast<std::size_t>(window));
    const auto error = state.memory->read_region(region_index, [&](const std::uint8_t* base) {
      if (window > 0) std::memcpy(ui.cached.data(), base + first_byte, static_cast<std::size_t>(window));
    });
    live = !error.has_value();
    ui.has_cache = live;
    ui.cached_first = first_byte;
  }

  // Which views cover each visible byte, and where the selected view's elements start.
  masks_.assign(static_cast<std::size_t>(window), 0);
  starts_.assign(static_cast<std::size_t>(window), 0);
  std::vector<int> slot_view;  // slot -> view index
  for (std::size_t v = 0; v < state.views.size() && slot_view.size() < kMaxTintedViews; ++v) {
    const DisplayView& view = state.views[v];
    if (view.region != region_index) continue;
    const std::uint32_t bit = 1u << slot_view.size();
    const bool selected = state.selected_view == static_cast<int>(v);
    slot_view.push_back(static_cast<int>(v));
    std::int64_t budget = kCoverageVisitLimit;
    const std::int64_t view_start = static_cast<std::int64_t>(view.facts.address - region.address);
    for_elements_in_range(
        view.facts, region.address + first_byte, region.address + end_byte,
        [&](std::int64_t, std::int64_t offset) {
          const std::int64_t start = view_start + offset - first_byte;
          const std::int64_t stop = std::min(start + view.facts.itemsize, window);
          for (std::int64_t b = std::max<std::int64_t>(start, 0); b < stop; ++b) masks_[b] |= bit;
          // Boundaries of one-byte elements would mark every cell: only wider ones are drawn.
          if (selected && view.facts.itemsize > 1 && start >= 0 && start < window) starts_[start] = 1;
          return --budget > 0;
        });
  }

  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(origin, grid_max, true);
  const ImU32 text_colour = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 dim_colour = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ThemeColours& colours = theme_colours();
  const ImU32 grey_colour = colours.greyed_text;
  const float cell_w = m.cell_width();
  const float pad = m.char_width * 0.5f;
  const DisplayView* selected_view =
      state.selected_view >= 0 && state.selected_view < static_cast<int>(state.views.size()) &&
              state.views[state.selected_view].region == region_index
          ? &state.views[state.selected_view]
          : nullptr;

  // Pointer position as a byte offset (cells or ASCII column).
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool grid_hovered = ImGui::IsWindowHovered() && mouse.x >= origin.x && mouse.x < grid_max.x &&
                            mouse.y >= origin.y && mouse.y < grid_max.y && !(ImGui::IsAnyItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left));
  std::int64_t hovered_offset = -1;
  bool hovered_offset_column = false;
  if (grid_hovered) {
    const std::int64_t row = static_cast<std::int64_t>((mouse.y - origin.y) / m.row_height);
    const float x = mouse.x - origin.x;
    std::int64_t column = -1;
    if (x >= m.hex_x - pad && x < m.cell_x(bpr)) {
      for (std::int64_t c = 0; c < bpr; ++c)
        if (x >= m.cell_x(c) - pad && x < m.cell_x(c) + cell_w + pad) column = c;
    } else if (x >= m.ascii_x && x < m.width) {
      column = static_cast<std::int64_t>((x - m.ascii_x) / m.char_width);
    } else if (x < m.hex_x - pad) {
      hovered_offset_column = true;
    }
    const std::int64_t offset = first_byte + row * bpr + column;
    if (column >= 0 && column < bpr && offset < end_byte) hovered_offset = offset;
    if (hovered_offset_column) {
      const std::int64_t row_offset = first_byte + row * bpr;
      if (row_offset < end_byte)
        ImGui::SetTooltip("offset %" PRId64 " (0x%" PRIx64 ")\naddress %s", row_offset, row_offset,
                          format_address(region.address + row_offset).c_str());
    }
  }

  // Cell texts of all 256 values in the current base, made once, not per cell.
  if (cell_texts_base_ != static_cast<int>(cell_base)) {
    for (int v = 0; v < 256; ++v)
      std::snprintf(cell_texts_[v], sizeof cell_texts_[v], "%s", cell_text(static_cast<std::uint8_t>(v)).c_str());
    cell_texts_base_ = static_cast<int>(cell_base);
  }
  const auto& cell_texts = cell_texts_;
  std::string hex_bright, hex_dim, ascii;
  char label[32];
  for (std::int64_t row = 0; row < rows; ++row) {
    const std::int64_t row_first = first_byte + row * bpr;
    if (row_first >= end_byte) break;
    const float y = origin.y + static_cast<float>(row) * m.row_height;
    const std::int64_t row_count = std::min(bpr, end_byte - row_first);

    std::snprintf(label, sizeof label, "%0*" PRIx64, m.offset_chars, row_first);
    draw->AddText(ImVec2(origin.x, y), dim_colour, label);

    // Coverage bands, merged over runs of bytes covered by the same set of views.
    std::int64_t run_start = 0;
    for (std::int64_t c = 1; c <= row_count; ++c) {
      const std::int64_t i0 = row_first - first_byte + run_start;
      if (c < row_count && masks_[i0 + (c - run_start)] == masks_[i0]) continue;
      const std::uint32_t mask = masks_[i0];
      if (mask) {
        const int bands = std::min(std::popcount(mask), 4);
        const float band_h = (m.row_height - 1.0f) / static_cast<float>(bands);
        const float x0 = origin.x + m.cell_x(run_start) - pad;
        const float x1 = origin.x + m.cell_x(c - 1) + cell_w + pad;
        int band = 0;
        for (std::uint32_t bits = mask; bits && band < bands; bits &= bits - 1, ++band) {
          const int slot = std::countr_zero(bits);
          const float by = y + band_h * static_cast<float>(band);
          draw->AddRectFilled(ImVec2(x0, by), ImVec2(x1, by + band_h),
                              with_alpha(state.views[slot_view[slot]].colour, theme_colours().tint_alpha));
        }
        // The same tint, thinner, under the ASCII column.
        draw->AddRectFilled(
            ImVec2(origin.x + m.ascii_x + m.char_width * static_cast<float>(run_start), y + m.row_height - 3.0f),
            ImVec2(origin.x + m.ascii_x + m.char_width * static_cast<float>(c), y + m.row_height - 1.0f),
            with_alpha(state.views[slot_view[std::countr_zero(mask)]].colour, 0.8f));
      }
      run_start = c;
    }

    std::int64_t window_first = -1, window_last = -1;  // the lesson window's cells in this row
    hex_bright.assign(static_cast<std::size_t>(m.cell_x(bpr) / m.char_width), ' ');
    hex_dim = hex_bright;
    ascii.assign(static_cast<std::size_t>(row_count), ' ');
    for (std::int64_t c = 0; c < row_count; ++c) {
      const std::int64_t offset = row_first + c;
      const std::uintptr_t address = region.address + static_cast<std::uintptr_t>(offset);
      const std::int64_t i = offset - first_byte;
      const float x = origin.x + m.cell_x(c);
      const ImVec2 cell_min(x - pad, y), cell_max(x + cell_w + pad, y + m.row_height - 1.0f);

      float strength = 0.0f;
      if (state.flashing(address, &strength))
        draw->AddRectFilled(cell_min, cell_max, with_alpha(colours.flash, strength * static_cast<float>((colours.flash >> IM_COL32_A_SHIFT) & 0xFF) / 255.0f));
      const bool source = state.highlight.is_source_byte(region_index, address);
      const bool element = state.highlight.is_element_byte(region_index, address);
      if (element) draw->AddRectFilled(cell_min, cell_max, colours.highlight_fill);
      if (source) {
        draw->AddRectFilled(cell_min, cell_max, colours.source_fill);
        draw->AddRect(cell_min, cell_max, colours.source_outline, 0, 0, 1.5f);
        draw->AddRectFilled(ImVec2(origin.x + m.ascii_x + m.char_width * c, y),
                            ImVec2(origin.x + m.ascii_x + m.char_width * (c + 1), y + m.row_height - 1),
                            colours.source_fill);
      }
      if (selected_view && starts_[i])
        draw->AddLine(ImVec2(cell_min.x, y), ImVec2(cell_min.x, y + m.row_height - 1.0f),
                      selected_view->colour, 2.0f);

      // Cell text: from this frame's read, else greyed from the cache, else dots.
      const bool have = live || (ui.has_cache && offset >= ui.cached_first &&
                                 offset - ui.cached_first < static_cast<std::int64_t>(ui.cached.size()));
      const std::uint8_t value = have ? ui.cached[offset - (live ? first_byte : ui.cached_first)] : 0;
      static const char kDots[] = "........";
      const char* text = have ? cell_texts[value] : kDots + (8 - m.cell_chars);
      const std::size_t at = static_cast<std::size_t>(m.cell_x(c) / m.char_width);
      const bool editing_here = edit_.active && edit_.region == region_index && edit_.address == address;
      if (!editing_here) {
        std::string& target = (have && value == 0) ? hex_dim : hex_bright;
        std::memcpy(target.data() + at, text, static_cast<std::size_t>(m.cell_chars));
      }
      ascii[static_cast<std::size_t>(c)] = have ? ((value >= 32 && value < 127) ? static_cast<char>(value) : '.') : ' ';
      const bool in_lesson_range = state.lesson_range && state.lesson_range->contains(region_index, address);
      if (in_lesson_range) {
        draw->AddRectFilled(cell_min, cell_max, with_alpha(colours.lesson_range, 0.28f));
        window_first = window_first < 0 ? c : window_first;
        window_last = c;
      }
      if (context.probe && ImGui::IsRectVisible(cell_min, cell_min) && ImGui::IsRectVisible(cell_max, cell_max))
        context.probe->bytes.push_back({region_index, address, text, source, element, in_lesson_range, cell_min, cell_max});
    }
    if (window_first >= 0) {
      // One frame around the window's cells in this row, and a bar under its ASCII.
      draw->AddRect(ImVec2(origin.x + m.cell_x(window_first) - pad, y),
                    ImVec2(origin.x + m.cell_x(window_last) + cell_w + pad, y + m.row_height - 1.0f),
                    colours.lesson_range, 2.0f, 0, 2.5f);
      draw->AddRectFilled(ImVec2(origin.x + m.ascii_x + m.char_width * static_cast<float>(window_first), y + m.row_height - 3.0f),
                          ImVec2(origin.x + m.ascii_x + m.char_width * static_cast<float>(window_last + 1), y + m.row_height),
                          colours.lesson_range);
    }
    const ImU32 bright = live ? text_colour : grey_colour;
    draw->AddText(ImVec2(origin.x, y), bright, hex_bright.c_str());
    draw->AddText(ImVec2(origin.x, y), live ? dim_colour : grey_colour, hex_dim.c_str());
    draw->AddText(ImVec2(origin.x + m.ascii_x, y), live ? dim_colour : grey_colour, ascii.c_str());
  }
  draw->PopClipRect();

  // Hover and click: highlight every element containing the byte; click pins and edits.
  if (hovered_offset >= 0) {
    const std::uintptr_t address = region.address + static_cast<std::uintptr_t>(hovered_offset);
    const HighlightSource hovered = HighlightSource::of_byte(region_index, address);
    context.commands.push(ReportHover{hovered});
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      context.commands.push(PinHighlight{hovered, true});
      if (!state.cell_running && live) {
        edit_.active = true;
        edit_.focus_pending = true;
        edit_.region = region_index;
        edit_.address = address;
        std::snprintf(edit_.text, sizeof edit_.text, "%s",
                      cell_text(ui.cached[static_cast<std::size_t>(hovered_offset - first_byte)]).c_str());
        // Typing replaces the whole value (the field starts with everything selected).
      }
    }
    if (!edit_.active || edit_.address != address)
      ImGui::SetTooltip("offset %" PRId64 " (0x%" PRIx64 ")  address %s\nclick to pin and edit",
                        hovered_offset, hovered_offset, format_address(address).c_str());
  }

  // The byte editor: an input field over the cell being edited.
  if (edit_.active && edit_.region == region_index) {
    const std::int64_t offset = static_cast<std::int64_t>(edit_.address - region.address);
    if (offset < first_byte || offset >= end_byte || state.cell_running) {
      edit_.active = false;
    } else {
      const std::int64_t row = (offset - first_byte) / bpr, column = (offset - first_byte) % bpr;
      const ImVec2 saved = ImGui::GetCursorScreenPos();
      ImGui::SetCursorScreenPos(ImVec2(origin.x + m.cell_x(column) - pad,
                                       origin.y + static_cast<float>(row) * m.row_height));
      ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(pad, 0));
      ImGui::PushStyleColor(ImGuiCol_FrameBg, theme_colours().edit_field);
      ImGui::SetNextItemWidth(cell_w + 2 * pad);
      if (edit_.focus_pending) ImGui::SetKeyboardFocusHere();
      const ImGuiInputTextFlags flags =
          ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll |
          ImGuiInputTextFlags_NoHorizontalScroll |
          (cell_base == CellBase::Hex ? ImGuiInputTextFlags_CharsHexadecimal
                                      : ImGuiInputTextFlags_CharsDecimal);
      const bool entered = ImGui::InputText("##byte_edit", edit_.text,
                                            static_cast<std::size_t>(m.cell_chars + 1), flags);
      const bool active = ImGui::IsItemActive();
      ImGui::PopStyleColor();
      ImGui::PopStyleVar();
      ImGui::SetCursorScreenPos(saved);
      if (entered) {
        std::uint8_t value = 0;
        if (parse_cell_text(edit_.text, &value))
          context.commands.push(WriteByte{region_index, edit_.address, value});
        edit_.active = false;
      } else if (!active && !edit_.focus_pending) {
        edit_.active = false;  // Escape or a click elsewhere
      }
      edit_.focus_pending = false;
    }
  }

  // A refused byte edit is explained right under its cell.
  if (state.refusal && state.refusal->where.kind == HighlightSource::Kind::Byte &&
      state.refusal->where.byte.region == region_index) {
    const std::int64_t offset = static_cast<std::int64_t>(state.refusal->where.byte.address - region.address);
    if (offset >= first_byte && offset < end_byte) {
      const std::int64_t row = (offset - first_byte) / bpr, column = (offset - first_byte) % bpr;
      const ImVec2 at(origin.x + m.cell_x(column) - pad,
                      origin.y + static_cast<float>(row + 1) * m.row_height);
      draw_refusal_note(state.refusal->message, at);
    }
  }

  draw_minimap(context, region_index, ui, ImVec2(bar_x + RowScroller::kBarWidth + 6.0f, origin.y),
               ImVec2(bar_x + RowScroller::kBarWidth + 6.0f + minimap_width, origin.y + grid_height),
               first_byte, end_byte);
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + grid_height + ImGui::GetStyle().ItemSpacing.y));
  ImGui::Dummy(ImVec2(1, 1));
}

void MemoryPane::draw_minimap(PaneContext& context, int region_index, RegionUi& ui,
                              const ImVec2& min, const ImVec2& max, std::int64_t first_byte,
                              std::int64_t end_byte) {
  const AppState& state = context.state;
  const Region& region = state.snapshot.regions[region_index];
  if (max.y - min.y < 4.0f || region.size <= 0) return;
  const float size = static_cast<float>(region.size);

  MinimapRequest request;
  auto found = state.minimaps.find(region.address);
  request.data = (found != state.minimaps.end() && found->second.size == region.size) ? &found->second : nullptr;
  request.palette = theme_colours().minimap;
  request.width = static_cast<int>(max.x - min.x);
  request.height = static_cast<int>(max.y - min.y);
  for (const DisplayView& view : state.views) {
    if (view.region != region_index) continue;
    const std::int64_t lo = static_cast<std::int64_t>(footprint(view.facts).begin - region.address);
    const std::int64_t hi = static_cast<std::int64_t>(footprint(view.facts).end - region.address);
    request.footprints.push_back({static_cast<float>(lo) / size, static_cast<float>(hi) / size, view.colour});
  }

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImTextureID texture = (context.minimap && request.data) ? context.minimap->texture_for(request) : nullptr;
  if (texture) {
    draw->AddImage(texture, min, max);
  } else {
    // Without a GPU (tests, benchmarks): the footprint lanes only.
    draw->AddRectFilled(min, max, request.palette.background);
    const float lanes_x = min.x + (max.x - min.x) * request.data_width_fraction;
    const float lane_w = (max.x - lanes_x) / std::max<float>(1.0f, static_cast<float>(request.footprints.size()));
    for (std::size_t i = 0; i < request.footprints.size(); ++i) {
      const auto& f = request.footprints[i];
      const float x = lanes_x + lane_w * static_cast<float>(i);
      draw->AddRectFilled(ImVec2(x, min.y + f.begin * (max.y - min.y)),
                          ImVec2(x + lane_w, min.y + std::max(f.end * (max.y - min.y), f.begin * (max.y - min.y) + 1.0f)),
                          f.colour);
    }
  }
  // A frame, so a region of zero bytes still stands out from the pane (on white, zero is paper).
  draw->AddRect(min, max, ImGui::GetColorU32(ImGuiCol_Border));
  // The part the grid shows, outlined.
  const float y0 = min.y + (max.y - min.y) * static_cast<float>(first_byte) / size;
  const float y1 = min.y + (max.y - min.y) * static_cast<float>(end_byte) / size;
  draw->AddRect(ImVec2(min.x - 1, y0 - 1), ImVec2(max.x + 1, std::max(y1, y0 + 2.0f) + 1),
                theme_colours().source_outline, 0, 0, 1.5f);

  // Click or drag to scroll the grid there.
  const ImVec2 saved = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(min);
  ImGui::InvisibleButton("##minimap", ImVec2(max.x - min.x, max.y - min.y));
  if (ImGui::IsItemActive()) {
    const double fraction = std::clamp((ImGui::GetIO().MousePos.y - min.y) / (max.y - min.y), 0.0f, 1.0f);
    const auto offset = static_cast<std::int64_t>(fraction * static_cast<double>(region.size - 1));
    ui.scroller.set_top_row(offset / ui.bytes_per_row - ui.scroller.visible_rows() / 2);
  } else if (ImGui::IsItemHovered()) {
    const double fraction = std::clamp((ImGui::GetIO().MousePos.y - min.y) / (max.y - min.y), 0.0f, 1.0f);
    ImGui::SetTooltip("offset ~%" PRId64 "\nclick to scroll there",
                      static_cast<std::int64_t>(fraction * static_cast<double>(region.size - 1)));
  }
  ImGui::SetCursorScreenPos(saved);
}

}  // namespace bufferlab

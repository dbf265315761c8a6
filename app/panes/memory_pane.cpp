// The Memory pane as an adapter: each region's ByteGrid reads a few KB a frame inside a
// MemoryProvider callback, tinted by view coverage computed only for the visible window.
#include "app/panes/memory_pane.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <span>
#include <utility>

#include "core/elements_in_range.h"
#include "app/widgets/minimap_backend.h"
#include "app/widgets/ui_record.h"
#include "app/window/theme.h"
#include "core/layout.h"

namespace bufferlab {

namespace {

constexpr int kMaxTintedViews = 32;  // coverage masks are 32-bit
constexpr std::int64_t kCoverageVisitLimit = 1 << 16;  // per view per frame (stride-0 views)
constexpr std::size_t kFewRegions = 64;  // planning the pane's height for these costs nothing


float radio_width(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

// A "|" between groups of controls, left out at the start of a line.
float separator_width() { return ImGui::CalcTextSize("|").x + ImGui::GetStyle().ItemSpacing.x; }
void separator_unless_line_start() {
  if (ImGui::GetCursorPosX() <= ImGui::GetStyle().WindowPadding.x + 1.0f) return;
  ImGui::TextDisabled("|");
  ImGui::SameLine();
}

constexpr const char* kMemoryHelp =
    "One grid per memory region. Each byte is tinted with the colour of every view that "
    "covers it; the selected view's element boundaries are marked. Hover a byte to see every "
    "element containing it, click to pin and edit: type digits, Enter writes. Drag across bytes "
    "or Shift+click to select a range: the Data inspector (Ctrl+4) reads it with every struct "
    "code. MSB first shows each element of the selected view most significant byte first "
    "(memory is unchanged). Scroll with the "
    "wheel, PageUp/PageDown (without a lesson open: with one they step the lesson), "
    "Ctrl+Home/End, the minimap or 'go to' (0x1f, 31, -1, end); Shift+wheel scrolls a row "
    "wider than the pane. A small region is drawn with large cells. Bytes a lesson step changed "
    "stay marked until the next step; a step may frame a window of bytes it reads.";

constexpr const char* kGoToAccepts = "type a byte offset: 31, 0x1f, -1 (the last byte) or end";

// A go-to text as a byte offset in a region of `size` bytes, or why it is not one.
std::optional<std::string> parse_offset(const char* text, std::int64_t size, std::int64_t* offset) {
  std::string s(text);
  s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == ' ' || c == '_'; }), s.end());
  if (size <= 0) return std::string("this region has no bytes to go to");
  if (s.empty()) return std::string(kGoToAccepts);
  if (s == "end" || s == "last") {
    *offset = size - 1;
    return std::nullopt;
  }
  const std::string typed = s;
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
  if (s.empty()) return "'" + typed + "' is not an offset; " + kGoToAccepts;
  std::int64_t value = 0;
  bool huge = false;
  for (char c : s) {
    int digit;
    if (c >= '0' && c <= '9') digit = c - '0';
    else if (base == 16 && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    else if (base == 16 && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    else return "'" + typed + "' is not an offset; " + kGoToAccepts;
    if (value > (INT64_MAX - digit) / base) huge = true;  // keeps reading: a letter still says so
    if (!huge) value = value * base + digit;
  }
  if (negative && !huge) value = size - value;  // Python-style: -1 is the last byte
  if (huge || value < 0 || value >= size)
    return "offset " + typed + " is outside this region: 0 to " + std::to_string(size - 1) + " (or -" +
           std::to_string(size) + " to -1)";
  *offset = value;
  return std::nullopt;
}

// The fields of the selected view's elements that the significance order reverses, as (offset in
// the element, size): numbers stored little-endian, more than a byte wide (a complex number's
// two parts each). Empty when the selected view is not in `region` or has none.
std::vector<std::pair<std::int64_t, std::int64_t>> reversible_fields(const AppState& state, int region) {
  std::vector<std::pair<std::int64_t, std::int64_t>> spans;
  if (state.selected_view < 0 || state.selected_view >= static_cast<int>(state.views.size())) return spans;
  const DisplayView& view = state.views[static_cast<std::size_t>(state.selected_view)];
  if (view.region != region || !view.format || view.facts.itemsize <= 1) return spans;
  for (const Field& field : view.format->fields) {
    if (!field.little_endian || field.size <= 1) continue;
    const auto at = static_cast<std::int64_t>(field.offset), size = static_cast<std::int64_t>(field.size);
    switch (field.kind) {
      case FieldKind::SignedInt:
      case FieldKind::UnsignedInt:
      case FieldKind::Float:
        spans.emplace_back(at, size);
        break;
      case FieldKind::UnicodeChar:
        if (size == 4) spans.emplace_back(at, size);  // one code point; a "<n>w" string is text
        break;
      case FieldKind::Complex:
        spans.emplace_back(at, size / 2);
        spans.emplace_back(at + size / 2, size / 2);
        break;
      default: break;
    }
  }
  return spans;
}

}  // namespace

// One region as its grid sees it: bytes read through the memory provider, styles from the
// views, highlight, flashes and lesson range, and events turned into commands.
class MemoryPane::RegionBytes : public ByteGridSource {
 public:
  RegionBytes(MemoryPane& pane, PaneContext& context, int region_index, RegionUi& ui)
      : pane_(pane), context_(context), state_(context.state), index_(region_index),
        region_(context.state.snapshot.regions[region_index]), ui_(ui) {}

  ByteRead read(std::int64_t offset, std::int64_t count, std::uint8_t* out) override {
    if (!state_.memory || state_.cell_running) return ByteRead::Busy;  // memory is not read then
    const auto error = state_.memory->read_region(index_, [&](const std::uint8_t* base) {
      if (count > 0) std::memcpy(out, base + offset, static_cast<std::size_t>(count));
    });
    return error ? ByteRead::Failed : ByteRead::Ok;
  }

  void style(std::int64_t offset, std::int64_t count, ByteCellStyle* out) override {
    // Which views cover each byte, and where the selected view's elements start.
    const std::int64_t end = offset + count;
    for (const int v : state_.views_of_region(index_)) {
      if (slot_view_.size() >= kMaxTintedViews) break;
      const DisplayView& view = state_.views[static_cast<std::size_t>(v)];
      const std::uint32_t bit = 1u << slot_view_.size();
      const bool selected = state_.selected_view == v;
      slot_view_.push_back(v);
      std::int64_t budget = kCoverageVisitLimit;
      const std::int64_t view_start = static_cast<std::int64_t>(view.facts.address - region_.address);
      for_elements_in_range(
          view.facts, region_.address + offset, region_.address + end,
          [&](std::int64_t, std::int64_t element_offset) {
            const std::int64_t start = view_start + element_offset - offset;
            const std::int64_t stop = std::min(start + view.facts.itemsize, count);
            for (std::int64_t b = std::max<std::int64_t>(start, 0); b < stop; ++b) out[b].tints |= bit;
            // Boundaries of one-byte elements would mark every cell: only wider ones are drawn.
            if (selected && view.facts.itemsize > 1 && start >= 0 && start < count) out[start].boundary = view.colour;
            return --budget > 0;
          });
    }
    for (std::int64_t i = 0; i < count; ++i) {
      const std::uintptr_t address = address_of(offset + i);
      float strength = 0.0f;
      if (state_.flashing(address, &strength)) out[i].flash = strength;
      out[i].source_highlight = state_.highlight.is_source_byte(index_, address);
      out[i].element_highlight = state_.highlight.is_element_byte(index_, address);
      out[i].marked = state_.lesson_range && state_.lesson_range->contains(index_, address);
      out[i].selected = state_.byte_selection && state_.byte_selection->contains(index_, address);
    }
  }

  // With the significance order on: each little-endian field of the selected view's elements
  // shown most significant byte first. Fields that share bytes with one already reversed (views
  // whose elements overlap) stay in memory order.
  bool display_order(std::int64_t offset, std::int64_t count, std::int64_t* memory_index,
                     std::uint8_t* reversed) override {
    if (!pane_.significance_order) return false;
    const auto spans = reversible_fields(state_, index_);
    if (spans.empty()) return false;
    const DisplayView& view = state_.views[static_cast<std::size_t>(state_.selected_view)];
    const std::int64_t view_start = static_cast<std::int64_t>(view.facts.address - region_.address);
    bool any = false;
    std::int64_t budget = kCoverageVisitLimit;
    for_elements_in_range(view.facts, region_.address + offset, region_.address + offset + count,
                          [&](std::int64_t, std::int64_t element_offset) {
                            const std::int64_t start = view_start + element_offset - offset;
                            for (const auto& [field_offset, size] : spans) {
                              const std::int64_t first = start + field_offset;
                              if (first < 0 || first + size > count) continue;  // partly off screen
                              if (std::any_of(reversed + first, reversed + first + size, [](std::uint8_t r) { return r != 0; }))
                                continue;
                              for (std::int64_t k = 0; k < size; ++k) {
                                memory_index[first + k] = first + size - 1 - k;
                                reversed[first + k] = 1;
                              }
                              any = true;
                            }
                            return --budget > 0;
                          });
    return any;
  }

  ImU32 tint_colour(int slot) const override { return state_.views[slot_view_[slot]].colour; }

  // Hovering a byte highlights every element containing it; a click pins it.
  void on_hover(std::int64_t offset) override {
    context_.commands.push(ReportHover{HighlightSource::of_byte(index_, address_of(offset))});
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
      pane_.copy_target_ = CopyTarget{region_.address, offset};
      pane_.open_copy_menu_ = true;
    }
  }
  void on_click(std::int64_t offset) override {
    context_.commands.push(PinHighlight{HighlightSource::of_byte(index_, address_of(offset)), true});
  }
  void on_select(std::int64_t offset, bool extend) override {
    const std::uintptr_t address = address_of(offset);
    const auto& selection = state_.byte_selection;
    // Extending keeps the anchor of a selection in this region; elsewhere it starts here.
    const std::uintptr_t anchor = extend && selection && selection->region == index_ ? selection->anchor : address;
    context_.commands.push(SelectBytes{index_, anchor, address});
  }
  void on_write(std::int64_t offset, std::uint8_t value) override {
    pane_.byte_note_.reset();
    context_.commands.push(WriteByte{index_, address_of(offset), value});
  }
  void on_edit_refused(std::int64_t offset, const std::string& why) override {
    pane_.byte_note_ = ByteNote{region_.address, address_of(offset), why, state_.time};
  }
  void on_cell_drawn(const DrawnByte& cell) override {
    if (context_.probe && ImGui::IsRectVisible(cell.min, cell.min) && ImGui::IsRectVisible(cell.max, cell.max))
      context_.probe->bytes.push_back({index_, address_of(cell.offset), cell.text, cell.style->source_highlight,
                                       cell.style->element_highlight, cell.style->marked, cell.min, cell.max});
  }

  void draw_beside(const ImVec2& min, const ImVec2& max, std::int64_t first_offset,
                   std::int64_t end_offset) override {
    pane_.draw_minimap(context_, index_, ui_, min, max, first_offset, end_offset);
  }

  void byte_tooltip(std::int64_t offset) override {
    // Who last wrote it, trusted only while the byte still holds what that write left.
    std::optional<std::uint8_t> now;
    if (state_.memory && !state_.cell_running)
      state_.memory->read_region(index_, [&](const std::uint8_t* base) { now = base[offset]; });
    char where[96];
    std::snprintf(where, sizeof where, "offset %" PRId64 " (0x%" PRIx64 ")  address %s", offset, offset,
                  format_address(address_of(offset)).c_str());
    const std::string text = std::string(where) + "\n" +
                             describe_last_write(state_.write_log, address_of(offset), now) +
                             "\nclick to pin and edit, right-click to copy";
    // A cell's line can be long: wrapped, kept inside the display, above the row where it fits
    // (else below it), so it never covers the byte it is about.
    const ImGuiStyle& style = ImGui::GetStyle();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float wrap = std::min(ImGui::CalcTextSize("0").x * 44.0f, display.x - 2.0f * style.WindowPadding.x);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
    const ImVec2 box(size.x + 2.0f * style.WindowPadding.x, size.y + 2.0f * style.WindowPadding.y);
    const ByteGridMetrics& m = ui_.grid.drawn_layout();
    const std::int64_t row = (offset - ui_.grid.first_visible_offset()) / std::max<std::int64_t>(m.bytes_per_row, 1);
    const float row_top = ui_.grid.origin().y + static_cast<float>(row) * m.row_height;
    const float x = std::clamp(ImGui::GetIO().MousePos.x, 0.0f, std::max(0.0f, display.x - box.x));
    if (row_top - 4.0f - box.y >= 0.0f)
      ImGui::SetNextWindowPos(ImVec2(x, row_top - 4.0f), ImGuiCond_Always, ImVec2(0.0f, 1.0f));
    else
      ImGui::SetNextWindowPos(ImVec2(x, row_top + m.row_height + 4.0f), ImGuiCond_Always, ImVec2(0.0f, 0.0f));
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(style.WindowPadding.x + wrap);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
  void row_tooltip(std::int64_t offset) override {
    ImGui::SetTooltip("offset %" PRId64 " (0x%" PRIx64 ")\naddress %s", offset, offset,
                      format_address(address_of(offset)).c_str());
  }

 private:
  std::uintptr_t address_of(std::int64_t offset) const {
    return region_.address + static_cast<std::uintptr_t>(offset);
  }

  MemoryPane& pane_;
  PaneContext& context_;
  const AppState& state_;
  int index_;
  const Region& region_;
  RegionUi& ui_;
  std::vector<int> slot_view_;  // tint slot -> view index
};

ByteGridColours MemoryPane::grid_colours() {
  const ThemeColours& theme = theme_colours();
  return {.greyed_text = theme.greyed_text, .flash = theme.flash, .marked = theme.lesson_range,
          .highlight_fill = theme.highlight_fill, .source_fill = theme.source_fill,
          .source_outline = theme.source_outline, .edit_field = theme.edit_field,
          .tint_alpha = theme.tint_alpha,
          // The grids sit in the pane's "##regions" child: its background is what they are drawn on.
          .background = ImGui::GetColorU32(ImGuiCol_ChildBg), .text = ImGui::GetColorU32(ImGuiCol_Text),
          .dim_text = ImGui::GetColorU32(ImGuiCol_TextDisabled)};
}

void MemoryPane::go_to(const AppState& state, int region, std::int64_t offset) {
  if (region < 0 || region >= static_cast<int>(state.snapshot.regions.size())) return;
  regions_[state.snapshot.regions[region].address].grid.go_to(offset);
}

std::int64_t MemoryPane::first_visible_offset(const AppState& state, int region) const {
  if (region < 0 || region >= static_cast<int>(state.snapshot.regions.size())) return 0;
  auto it = regions_.find(state.snapshot.regions[region].address);
  if (it == regions_.end()) return 0;
  return it->second.grid.first_visible_offset();
}

void MemoryPane::draw_toolbar(PaneContext&) {
  // Each control goes on the line when it fits, else on the next: nothing is cut at any zoom.
  int base = static_cast<int>(cell_base);
  const char* const bases[] = {"hex", "dec", "bin"};
  for (int b = 0; b < 3; ++b) {
    same_line_or_wrap(radio_width(bases[b]) + (b == 0 ? separator_width() : 0.0f));
    if (b == 0) separator_unless_line_start();
    ImGui::RadioButton(bases[b], &base, b);
    record_item(bases[b]);
  }
  if (base != static_cast<int>(cell_base)) cell_base = static_cast<CellBase>(base);  // the grids close their editors
  same_line_or_wrap(separator_width() + ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                    ImGui::CalcTextSize("MSB first").x);
  separator_unless_line_start();
  ImGui::Checkbox("MSB first", &significance_order);
  record_item("MSB first");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Show each element of the selected view with its most significant byte first,\n"
                      "so a little-endian int 255 reads 00 00 00 ff. Only the cells move: memory is\n"
                      "unchanged, and a byte typed in is written where it really is.");
  const std::pair<const char*, int> columns[] = {{"auto", 0}, {"8", 8}, {"16", 16}};
  for (const auto& [label, value] : columns) {
    same_line_or_wrap(radio_width(label) + (value == 0 ? separator_width() : 0.0f));
    if (value == 0) separator_unless_line_start();
    ImGui::RadioButton(label, &columns_choice, value);
    record_item(label);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip(value == 0 ? "bytes a row: as many as fit (1, 2, 4, 8 or 16)"
                                   : "bytes a row: %d (scroll sideways when they do not fit)", value);
  }
  // The help marker ends the toolbar when it fits there; else the first region's header
  // takes it, so a narrow pane does not give a line of its height to it.
  const float help_width = ImGui::GetStyle().ItemSpacing.x + ImGui::CalcTextSize("(?)").x;
  help_in_header_ = ImGui::GetItemRectMax().x + help_width > ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (!help_in_header_) {
    ImGui::SameLine();
    help_marker(kMemoryHelp);
  }
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
  // The width of the child's scrollbar is kept free, so a scrollbar coming and going never
  // changes the rows.
  const float grid_width = avail.x - ImGui::GetStyle().ScrollbarSize;
  const int count = static_cast<int>(regions.size());
  if (state.views_generation() != known_generation_) {
    known_generation_ = state.views_generation();
    forget_gone_regions(state);
  }
  if (significance_order) draw_significance_note(state);
  const float grid_height = ImGui::GetContentRegionAvail().y;
  const PlanKey key{state.views_generation(), grid_width, grid_height, ImGui::GetFontSize(), columns_choice,
                    cell_base, state.selected_view, significance_order};
  if (plan_stale_ || !(key == plan_key_)) plan_regions(context, key, grid_width);

  ImGui::BeginChild("##regions", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
  // A view selected elsewhere (the Py_buffer list, a card, a diagram box) brings its region
  // into sight when it is out of it.
  if (state.selected_view >= 0 && state.selected_view_name != shown_selection_) {
    const int region = state.views[static_cast<std::size_t>(state.selected_view)].region;
    if (region >= 0 && region < count && !region_list_.was_in_view(static_cast<std::size_t>(region)))
      region_list_.scroll_to(static_cast<std::size_t>(region));
  }
  shown_selection_ = state.selected_view_name;
  // A lesson step's marked bytes, and the stride walk's element, are brought into sight when
  // they change: the region first, then its grid's rows (known once the grid has been drawn).
  if (const auto& range = state.lesson_range; range && range->region >= 0 && range->region < count)
    bring_into_sight(regions, {range->region, range->begin, range->end}, shown_lesson_range_);
  if (const int v = state.stride_walk.view(); v >= 0 && v < static_cast<int>(state.views.size()) && state.stride_walk.flat() >= 0) {
    const DisplayView& view = state.views[static_cast<std::size_t>(v)];
    const std::uintptr_t begin = element_address(view, state.stride_walk.flat());
    if (view.region >= 0 && view.region < count)
      bring_into_sight(regions, {view.region, begin, begin + static_cast<std::uintptr_t>(view.facts.itemsize)},
                       shown_walk_bytes_);
  }
  const auto [first, end] = region_list_.draw([&](std::size_t r) {
    ImGui::PushID(static_cast<int>(regions[r].address & 0x7fffffff) ^ static_cast<int>(r));
      draw_region(context, static_cast<int>(r), grid_heights_[r], grid_width);
    ImGui::PopID();
    context.built_item("Memory", static_cast<int>(r), "region " + std::to_string(r));
  });
  if (first < end) {
    top_region_ = regions[first].address;
    top_region_offset_ = region_list_.view_top() - region_list_.top(first);
    have_top_region_ = true;
  }
  // A header measured taller or shorter than planned (it wraps in a narrow pane) changes how
  // the height is shared, when there is height to share: planned again next frame. (With
  // many more regions than fit, each keeps its least and the list measures the rest itself.)
  for (std::size_t r = first; r < end; ++r) {
    const float measured = regions_[regions[r].address].overhead;
    if (measured < 0.0f || std::fabs(measured - overheads_[r]) <= 0.5f) continue;
    if (!overhead_measured_) overhead_estimate_ = measured;  // the first header drawn says what one takes
    overhead_measured_ = true;
    if (plan_shares_height_ || regions.size() <= kFewRegions) plan_stale_ = true;
  }
  ImGui::EndChild();
}

void MemoryPane::bring_into_sight(const std::vector<Region>& regions, const MarkedBytes& bytes, MarkedBytes& shown) {
  if (bytes == shown) return;
  const auto [region, begin, end] = bytes;
  const auto r = static_cast<std::size_t>(region);
  if (!region_list_.was_in_view(r)) {
    region_list_.scroll_to(r);
    return;
  }
  const std::uintptr_t base = regions[r].address;
  regions_[base].grid.reveal(static_cast<std::int64_t>(begin - base), static_cast<std::int64_t>(end - base));
  shown = bytes;
}

void MemoryPane::draw_significance_note(const AppState& state) {
  std::string note = "bytes shown most significant first";
  if (state.selected_view >= 0 && state.selected_view < static_cast<int>(state.views.size())) {
    const DisplayView& view = state.views[static_cast<std::size_t>(state.selected_view)];
    note += reversible_fields(state, view.region).empty() ? " (" + view.name + ": as in memory)" : " (" + view.name + ")";
  }
  ImGui::PushStyleColor(ImGuiCol_Text, theme_colours().title);
  ImGui::TextWrapped("%s", note.c_str());
  ImGui::PopStyleColor();
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Rows marked with a triangle show each element of the selected view with its most\n"
                      "significant byte first. Memory is unchanged: MSB first off shows it as stored.");
}

void MemoryPane::forget_gone_regions(const AppState& state) {
  std::vector<std::uintptr_t> addresses;
  addresses.reserve(state.snapshot.regions.size());
  for (const Region& r : state.snapshot.regions) addresses.push_back(r.address);
  std::sort(addresses.begin(), addresses.end());
  std::erase_if(regions_, [&](const auto& entry) {
    return !std::binary_search(addresses.begin(), addresses.end(), entry.first);
  });
}

void MemoryPane::plan_regions(PaneContext& context, const PlanKey& key, float grid_width) {
  const AppState& state = context.state;
  const auto& regions = state.snapshot.regions;
  const int count = static_cast<int>(regions.size());
  plan_key_ = key;
  plan_stale_ = false;
  if (overhead_estimate_ <= 0.0f)
    overhead_estimate_ = ImGui::GetFrameHeightWithSpacing() + 2.0f * ImGui::GetStyle().ItemSpacing.y + 1.0f;

  // Share the height: each region needs its whole dense grid; small ones get it, the rest is
  // split among the big ones (at least two rows each). Height left over lets regions shown
  // whole grow their cells.
  std::vector<float> need(count), least(count);
  grid_heights_.assign(static_cast<std::size_t>(count), 0.0f);
  overheads_.assign(static_cast<std::size_t>(count), overhead_estimate_);
  std::vector<float>& give = grid_heights_;
  float left = key.height;
  ByteGrid planner;  // the regions' own grids keep their scroll: a scratch one lays them out
  for (int r = 0; r < count; ++r) {
    configure_grid(context, r, planner);
    const ByteGridMetrics dense = planner.layout(regions[r].size, grid_width, FLT_MAX, false);
    need[r] = static_cast<float>(dense.total_rows) * dense.row_height + dense.scrollbar_height;
    // One region takes what there is (its own scrollbar shows the rest); several keep two rows
    // each and the pane scrolls between them.
    least[r] = std::min(need[r], (count == 1 ? 1.0f : 2.0f) * dense.row_height + dense.scrollbar_height);
    if (const auto it = regions_.find(regions[r].address); it != regions_.end() && it->second.overhead >= 0.0f)
      overheads_[static_cast<std::size_t>(r)] = it->second.overhead;
    left -= overheads_[static_cast<std::size_t>(r)];
  }
  std::vector<int> order(count);
  for (int r = 0; r < count; ++r) order[r] = r;
  std::sort(order.begin(), order.end(), [&](int a, int b) { return need[a] < need[b]; });
  for (int i = 0; i < count; ++i) {
    const int r = order[i];
    give[r] = std::min(need[r], std::max(least[r], left / static_cast<float>(count - i)));
    left -= give[r];
  }
  if (left > 0.0f) {
    const auto whole = static_cast<float>(std::count_if(order.begin(), order.end(), [&](int r) { return give[r] >= need[r]; }));
    for (int r = 0; r < count; ++r)
      if (give[r] >= need[r]) give[r] += left / whole;
  }
  plan_shares_height_ = false;
  for (int r = 0; r < count; ++r)
    if (give[r] > least[r] + 0.5f) plan_shares_height_ = true;

  region_list_.reset(static_cast<std::size_t>(count), overhead_estimate_);
  for (int r = 0; r < count; ++r)
    region_list_.set_estimated_height(static_cast<std::size_t>(r), overheads_[static_cast<std::size_t>(r)] + give[r]);
  if (have_top_region_) {
    const auto it = std::find_if(regions.begin(), regions.end(), [&](const Region& r) { return r.address == top_region_; });
    if (it != regions.end())
      region_list_.scroll_to(static_cast<std::size_t>(it - regions.begin()), top_region_offset_);
  }
}

bool MemoryPane::draw_region_header(PaneContext& context, int region_index, RegionUi& ui) {
  const AppState& state = context.state;
  const Region& region = state.snapshot.regions[region_index];
  ImGui::AlignTextToFramePadding();
  ImGui::Text("region %d", region_index);
  // A character's width apart, so at any zoom the number and the size never read as one.
  ImGui::SameLine(0.0f, ImGui::CalcTextSize(" ").x);
  ImGui::TextDisabled("\xC2\xB7 %s", format_size(region.size).c_str());
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("%" PRId64 " bytes at %s", region.size, format_address(region.address).c_str());

  // Legend: one colour per name, click to select the view. Names wrap onto more lines; one
  // too long for a line is elided, and shown whole on hover.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float box = ImGui::GetTextLineHeight() * 0.7f;
  const float right = ImGui::GetWindowContentRegionMax().x;
  for (const int v : state.views_of_region(region_index)) {
    const DisplayView& view = state.views[static_cast<std::size_t>(v)];
    same_line_or_wrap(box + 3.0f + ImGui::CalcTextSize(view.name.c_str()).x);
    const std::string shown = elide_to_width(view.name, right - ImGui::GetCursorPosX() - box - 3.0f);
    const bool elided = shown != view.name;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float y = p.y + (ImGui::GetFrameHeight() - box) * 0.5f;
    draw->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + box, y + box), view.colour, 2.0f);
    ImGui::Dummy(ImVec2(box, ImGui::GetFrameHeight()));
    ImGui::SameLine(0, 3);
    const bool selected = state.selected_view == v;
    ImGui::PushStyleColor(ImGuiCol_Text, selected ? theme_colours().legend_selected : theme_colours().legend_text);
    ImGui::PushID(v);
    ImGui::AlignTextToFramePadding();
    if (ImGui::Selectable(shown.c_str(), selected, 0, ImVec2(ImGui::CalcTextSize(shown.c_str()).x, 0)))
      context.commands.push(SelectView{v});
    record_item(shown, elided);
    if (elided && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", view.name.c_str());
    ImGui::PopID();
    ImGui::PopStyleColor();
  }

  // Go to offset and "view as", on the right of the legend's line when they fit there; else
  // one "more..." button holds them, so a narrow pane spends no line of its height on them.
  const float goto_width = std::max(110.0f * context.ui_scale, ImGui::CalcTextSize("go to offset").x +
                                                                   2.0f * ImGui::GetStyle().FramePadding.x);
  const float controls = goto_width + ImGui::GetStyle().ItemSpacing.x + button_width("view as...");
  auto goto_field = [&] {
    ImGui::SetNextItemWidth(goto_width);
    if (ui.goto_invalid) ImGui::PushStyleColor(ImGuiCol_FrameBg, theme_colours().invalid_field);
    const bool entered = ImGui::InputTextWithHint("##goto", "go to offset", ui.goto_text, sizeof ui.goto_text,
                                                  ImGuiInputTextFlags_EnterReturnsTrue);
    if (ui.goto_invalid) ImGui::PopStyleColor();
    record_item("go to offset");
    const ImVec2 field_min = ImGui::GetItemRectMin(), field_max = ImGui::GetItemRectMax();
    if (context.probe) context.probe->buttons.push_back({"go to offset", field_min, field_max});
    if (ImGui::IsItemEdited()) ui.goto_invalid = false;  // the note goes as the text changes
    if (ImGui::IsItemHovered() && !ui.goto_invalid)
      ImGui::SetTooltip("Byte offset in this region: 31, 0x1f, -1 (last), end");
    if (entered) {
      std::int64_t offset = 0;
      const auto problem = parse_offset(ui.goto_text, region.size, &offset);
      ui.goto_invalid = problem.has_value();
      ui.goto_problem = problem.value_or("");
      if (!ui.goto_invalid) {
        ui.grid.go_to(offset);
        context.commands.push(PinHighlight{HighlightSource::of_byte(region_index, region.address + offset)});
      }
    }
    // Bad input says what the field accepts, under it, until the text changes.
    if (ui.goto_invalid) {
      draw_refusal_note(ui.goto_problem, ImVec2(field_min.x, field_max.y));
      context.note("Memory", "go to offset", ui.goto_problem);
    }
  };
  auto view_as_button = [&] {
    if (ImGui::Button("view as...")) ImGui::OpenPopup("view_as");
    record_item("view as...");
    draw_view_as_popup(context, region_index);
  };
  ImGui::SameLine();
  if (ImGui::GetCursorPosX() + controls <= right) {
    ImGui::SetCursorPosX(right - controls);
    goto_field();
    ImGui::SameLine();
    view_as_button();
    return false;
  }
  same_line_or_wrap(button_width("more..."));
  if (ImGui::Button("more...")) ImGui::OpenPopup("region_more");
  record_item("more...");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("go to offset, view as...");
  if (ImGui::BeginPopup("region_more")) {
    goto_field();
    view_as_button();
    // The pane's help, when neither the toolbar nor this line had room for it.
    if (help_in_header_) {
      ImGui::SameLine();
      help_marker(kMemoryHelp);
    }
    ImGui::EndPopup();
  }
  return true;
}

void MemoryPane::configure_grid(PaneContext& context, int region_index, ByteGrid& grid) const {
  const AppState& state = context.state;
  grid.base = cell_base;
  grid.bytes_per_row = columns_choice == 8 || columns_choice == 16 ? columns_choice : 0;
  // Rows keep whole elements of the selected view, else of the region's first view.
  grid.row_alignment = 1;
  bool first = true;
  for (const int v : state.views_of_region(region_index)) {
    const bool selected = state.selected_view == v;
    if (first || selected) grid.row_alignment = std::max<std::int64_t>(state.views[v].facts.itemsize, 1);
    first = false;
    if (selected) break;
  }
  // The minimap, for a memory too big to read whole; a small one gives its room to the bytes.
  const bool small = state.snapshot.regions[region_index].size <= ByteGrid::kWholeBelowBytes;
  grid.side_width = small ? 0.0f : std::round(56.0f * context.ui_scale);
  grid.large_fonts = cell_fonts_;
  grid.colours = grid_colours();
}

void MemoryPane::draw_region(PaneContext& context, int region_index, float grid_height, float width) {
  const AppState& state = context.state;
  const Region& region = state.snapshot.regions[region_index];
  RegionUi& ui = regions_[region.address];
  configure_grid(context, region_index, ui.grid);
  const float top = ImGui::GetCursorPosY();
  const bool collapsed = draw_region_header(context, region_index, ui);
  if (help_in_header_ && region_index == 0 && !collapsed) {
    same_line_or_wrap(ImGui::CalcTextSize("(?)").x);
    help_marker(kMemoryHelp);
  }

  ByteGrid& grid = ui.grid;
  grid.editable = true;
  // While a cell runs memory is not read or written: an attempt says so rather than nothing.
  grid.edit_locked = state.cell_running ? "not written: a cell is running; bytes can be edited when it ends "
                                          "(Stop or Ctrl+C interrupts it)"
                                        : "";
  grid.paging_keys = !state.lesson_takes_paging_keys();
  const ByteGridMetrics layout = grid.layout(region.size, width, grid_height);
  RegionBytes source(*this, context, region_index, ui);
  grid.draw(source, region.size, layout);
  draw_copy_menu(context, region_index, grid.drawn_layout().bytes_per_row);
  record_grid({.region = region_index, .size = region.size, .bytes_per_row = layout.bytes_per_row,
               .visible = grid.visible_ranges()});
  ui.overhead = ImGui::GetCursorPosY() - top - layout.height();

  // One byte editor in the pane: a grid that opened one closes the others'.
  if (grid.editing() && editing_region_ != region.address) {
    for (auto& [address, other] : regions_)
      if (address != region.address) other.grid.cancel_edit();
    editing_region_ = region.address;
  }

  // A refused byte edit is explained under the grid, pointing up at its cell's column: in the
  // layout, so it covers no row of bytes and tooltips stay above it.
  ImVec2 note_at;
  const float to_cell_middle = ImGui::GetFontSize();
  if (state.refusal && state.refusal->where.kind == HighlightSource::Kind::Byte &&
      state.refusal->where.byte.region == region_index &&
      grid.below_cell(static_cast<std::int64_t>(state.refusal->where.byte.address - region.address), &note_at))
    refusal_note(state.refusal->message, note_at.x, note_at.x + to_cell_middle);

  // An edit the grid did not pass on (not a byte, a cell running), shown the same way.
  if (byte_note_ && state.time - byte_note_->time > AppState::kRefusalSeconds) byte_note_.reset();
  if (byte_note_ && byte_note_->region_address == region.address &&
      grid.below_cell(static_cast<std::int64_t>(byte_note_->address - region.address), &note_at)) {
    refusal_note(byte_note_->message, note_at.x, note_at.x + to_cell_middle);
    context.note("Memory", "byte edit", byte_note_->message);
  }
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
  for (const int v : state.views_of_region(region_index)) {
    const DisplayView& view = state.views[static_cast<std::size_t>(v)];
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
    ui.grid.centre_on(offset);
  } else if (ImGui::IsItemHovered()) {
    const double fraction = std::clamp((ImGui::GetIO().MousePos.y - min.y) / (max.y - min.y), 0.0f, 1.0f);
    ImGui::SetTooltip("offset ~%" PRId64 "\nclick to scroll there",
                      static_cast<std::int64_t>(fraction * static_cast<double>(region.size - 1)));
  }
  ImGui::SetCursorScreenPos(saved);
}

}  // namespace bufferlab

// The Memory pane's pop-up menus: "view as..." (a format and byte order at an offset, shown as
// a card) and the grid's right-click "Copy as" (a byte, a row or the region as hex, a Python
// bytes literal or a C array).
#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <string>

#include "app/controller/copy_text.h"
#include "app/panes/memory_pane.h"
#include "app/widgets/ui_record.h"

namespace bufferlab {

namespace {

const char* const kViewAsFormats[] = {"B", "b", "H", "h", "I", "i", "Q", "q",
                                      "e", "f", "d", "c", "?"};
const char* const kViewAsOrders[] = {"native (@)", "little-endian (<)", "big-endian (>)"};

}  // namespace

void MemoryPane::draw_view_as_popup(PaneContext& context, int region_index) {
  if (!ImGui::BeginPopup("view_as")) return;
  const Region& region = context.state.snapshot.regions[region_index];
  ImGui::Text("Read region %d with another format", region_index);
  ImGui::SetNextItemWidth(120.0f * context.ui_scale);
  ImGui::Combo("format", &view_as_format_, kViewAsFormats, IM_ARRAYSIZE(kViewAsFormats));
  record_item("format");
  ImGui::SetNextItemWidth(180.0f * context.ui_scale);
  ImGui::Combo("byte order", &view_as_order_, kViewAsOrders, IM_ARRAYSIZE(kViewAsOrders));
  record_item("byte order");
  ImGui::SetNextItemWidth(120.0f * context.ui_scale);
  const std::int64_t step = 1;
  ImGui::InputScalar("from offset", ImGuiDataType_S64, &view_as_offset_, &step);
  record_item("from offset");
  view_as_offset_ = std::clamp<std::int64_t>(view_as_offset_, 0, std::max<std::int64_t>(region.size - 1, 0));
  const bool show = ImGui::Button("show");
  record_item("show");
  if (show) {
    static const char* const prefixes[] = {"", "<", ">"};
    context.commands.push(AddReinterpretation{
        region_index, std::string(prefixes[view_as_order_]) + kViewAsFormats[view_as_format_],
        view_as_offset_});
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  const bool cancel = ImGui::Button("cancel");
  record_item("cancel");
  if (cancel) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void MemoryPane::draw_copy_menu(PaneContext& context, int region_index, std::int64_t bytes_per_row) {
  const AppState& state = context.state;
  const Region& region = state.snapshot.regions[region_index];
  const bool ours = copy_target_ && copy_target_->region_address == region.address;
  if (ours && std::exchange(open_copy_menu_, false)) ImGui::OpenPopup("copy_bytes");
  if (!ImGui::BeginPopup("copy_bytes")) return;
  if (!ours || copy_target_->offset >= region.size) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  const std::int64_t offset = copy_target_->offset;
  const std::int64_t row = offset / std::max<std::int64_t>(bytes_per_row, 1) * bytes_per_row;
  ImGui::TextDisabled("region %d, byte %" PRId64 " (0x%" PRIx64 ")", region_index, offset, offset);
  struct Span {
    std::string label;
    std::int64_t first, count;
  };
  const Span spans[] = {
      {"Copy this byte", offset, 1},
      {"Copy this row (" + format_size(std::min(bytes_per_row, region.size - row)) + ")", row,
       std::min(bytes_per_row, region.size - row)},
      {"Copy the whole region (" + format_size(region.size) + ")", 0, region.size}};
  for (const Span& span : spans) {
    // Bytes are read only while no cell runs, and a copy stays small enough for one frame.
    const std::string refusal = state.memory ? bytes_copy_refusal(span.count) : "memory is not readable while a cell runs";
    if (!refusal.empty()) {
      ImGui::MenuItem(span.label.c_str(), refusal.c_str(), false, false);
      record_item(span.label);
      continue;
    }
    const bool open = ImGui::BeginMenu(span.label.c_str());
    if (!open) {
      record_item(span.label);
      continue;
    }
    // A few bytes for the previews each frame; all of them once a format is chosen.
    auto read = [&](std::int64_t count, std::vector<std::uint8_t>& bytes) {
      bytes.assign(static_cast<std::size_t>(count), 0);
      return !state.memory->read_region(region_index, [&](const std::uint8_t* base) {
        std::memcpy(bytes.data(), base + span.first, bytes.size());
      });
    };
    std::vector<std::uint8_t> preview, bytes;
    if (!read(std::min<std::int64_t>(span.count, 4), preview)) {
      ImGui::TextDisabled("not readable just now");
      ImGui::EndMenu();
      continue;
    }
    using Formatter = std::string (*)(std::span<const std::uint8_t>);
    const std::pair<const char*, Formatter> formats[] = {
        {"as hex", bytes_as_hex}, {"as a Python bytes literal", bytes_as_python_literal}, {"as a C array", bytes_as_c_array}};
    for (const auto& [name, format] : formats) {
      // The first bytes beside each format, so the choice is seen before it is made.
      std::string shown = format(preview);
      if (static_cast<std::int64_t>(preview.size()) < span.count) shown += " ...";
      if (ImGui::MenuItem(name, shown.c_str()) && read(span.count, bytes)) ImGui::SetClipboardText(format(bytes).c_str());
      record_item(name);
    }
    ImGui::EndMenu();
  }
  ImGui::EndPopup();
}

}  // namespace bufferlab

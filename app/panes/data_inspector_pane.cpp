// The Data inspector as an adapter: reads the selected bytes once a frame, lets the model
// (core/inspect) decode them, and turns clicks and typed values into commands.
#include "app/panes/data_inspector_pane.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <vector>

#include "app/widgets/ui_record.h"
#include "app/window/theme.h"

namespace bufferlab {

namespace {

constexpr const char* kPane = "Data inspector";

constexpr const char* kHelp =
    "The selected bytes read with every struct code that fits at their first byte, "
    "little-endian (<) and big-endian (>) side by side; rows as long as the selection come "
    "first. n, N and P exist only in native mode (@): one reading, in this machine's order. "
    "Click a reading to add it as a \"view as\" card at that offset; double-click it, type a "
    "value and press Enter to write it in that format (Ctrl+Z undoes it).";

constexpr const char* kNothingSelected =
    "No bytes selected. Click a byte in the Memory grid to read it here with every struct code, "
    "little- and big-endian side by side; drag across bytes or Shift+click to select a range.";

// What a reading's column says when struct has no such reading, in a few words.
const char* short_note(const InspectorRow& row, const InspectorReading& reading) {
  if (row.native_only) return "native only";
  return reading.note.empty() ? "-" : "does not fit";
}

}  // namespace

void DataInspectorPane::draw_toolbar(PaneContext& context) {
  const auto& selection = context.state.byte_selection;
  if (selection) {
    same_line_or_wrap(button_width("clear"));
    if (ImGui::SmallButton("clear")) context.commands.push(ClearByteSelection{});
    record_item("clear");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("forget the selected bytes");
  }
  ImGui::SameLine();
  help_marker(kHelp);
}

void DataInspectorPane::add_view_as(PaneContext& context, const PendingViewAs& pending) const {
  const AppState& state = context.state;
  if (pending.region < 0 || pending.region >= static_cast<int>(state.snapshot.regions.size())) return;
  // The same reading added before: its card is selected instead of a second one.
  const std::uintptr_t region_address = state.snapshot.regions[static_cast<std::size_t>(pending.region)].address;
  for (std::size_t v = 0; v < state.views.size(); ++v) {
    const DisplayView& view = state.views[v];
    if (!view.is_reinterpretation()) continue;
    const Reinterpretation& re = state.reinterpretations[static_cast<std::size_t>(view.reinterpretation)];
    if (re.region_address == region_address && re.offset == pending.offset && re.format == pending.format) {
      context.commands.push(SelectView{static_cast<int>(v)});
      return;
    }
  }
  context.commands.push(AddReinterpretation{pending.region, pending.format, pending.offset});
}

void DataInspectorPane::draw_reading(PaneContext& context, const InspectorReading& reading,
                                     const ByteSelection& selection, std::int64_t offset) {
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::PushID(reading.format.c_str());
  if (edit_ && edit_->format == reading.format && edit_->address == selection.begin()) {
    ImGui::SetNextItemWidth(width);
    if (edit_->focus_pending) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputText("##value", edit_->text, sizeof edit_->text,
                                          ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    record_item("edit " + reading.format);
    if (context.probe) context.probe->buttons.push_back({"edit " + reading.format, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
    const bool active = ImGui::IsItemActive();
    if (entered) {
      context.commands.push(WriteInspectorValue{selection.region, selection.begin(), reading.format, edit_->text});
      written_format_ = reading.format;
      written_address_ = selection.begin();
      written_time_ = context.state.time;
      edit_.reset();
    } else if (!active && !edit_->focus_pending) {
      edit_.reset();  // Escape or a click elsewhere
    } else {
      edit_->focus_pending = false;
    }
    ImGui::PopID();
    return;
  }

  const std::string shown = elide_to_width(reading.value_text, width);
  ImGui::Selectable((shown + "##reading").c_str(), false, ImGuiSelectableFlags_AllowDoubleClick);
  record_item(shown, shown != reading.value_text);
  context.note(kPane, reading.format, reading.value_text);
  if (context.probe) context.probe->buttons.push_back({reading.format, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
  if (ImGui::IsItemHovered()) {
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      pending_.reset();  // a double-click edits; its first click adds no card
      edit_ = Edit{reading.format, selection.begin()};
      std::snprintf(edit_->text, sizeof edit_->text, "%s", reading.value_text.c_str());
    } else if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      pending_ = PendingViewAs{reading.format, selection.region, offset, ImGui::GetTime()};
    } else if (!edit_) {
      ImGui::SetTooltip("%s as '%s'\nclick: add as \"view as\" at offset %" PRId64 "\ndouble-click: type a value, Enter writes it",
                        reading.value_text.c_str(), reading.format.c_str(), offset);
    }
  }
  ImGui::PopID();
}

void DataInspectorPane::draw_content(PaneContext& context) {
  const AppState& state = context.state;
  // A click on a reading becomes a "view as" once no double-click can follow it.
  if (pending_ && ImGui::GetTime() - pending_->clicked_at > ImGui::GetIO().MouseDoubleClickTime) {
    add_view_as(context, *pending_);
    pending_.reset();
  }

  const auto& selection = state.byte_selection;
  if (!selection || selection->region < 0 || selection->region >= static_cast<int>(state.snapshot.regions.size())) {
    edit_.reset();
    ImGui::TextWrapped("%s", kNothingSelected);
    context.note(kPane, "selection", "");
    return;
  }
  if (edit_ && edit_->address != selection->begin()) edit_.reset();  // typed for bytes no longer selected
  const Region& region = state.snapshot.regions[static_cast<std::size_t>(selection->region)];
  const auto offset = static_cast<std::int64_t>(selection->begin() - region.address);
  const std::int64_t size = selection->size();
  char heading[160];
  std::snprintf(heading, sizeof heading, "%" PRId64 " %s at offset %" PRId64 " (0x%" PRIx64 ") of region %d", size,
                size == 1 ? "byte" : "bytes", offset, offset, selection->region);
  ImGui::TextWrapped("%s", heading);
  context.note(kPane, "selection", heading);

  if (!state.memory || state.cell_running) {
    ImGui::TextDisabled("Memory is not read while a cell runs.");
    return;
  }
  const std::int64_t wanted = std::max<std::int64_t>(8, std::min(size, kLongestRead));
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(std::clamp<std::int64_t>(region.size - offset, 0, wanted)));
  const auto unread = state.memory->read_region(selection->region, [&](const std::uint8_t* base) {
    if (!bytes.empty()) std::memcpy(bytes.data(), base + offset, bytes.size());
  });
  if (unread) {
    ImGui::TextDisabled("These bytes are not readable just now.");
    return;
  }
  const InspectorReport report = inspect_bytes(bytes, static_cast<std::size_t>(size));

  // A refused write from here is explained above the table, as element edits are under theirs.
  if (state.refusal && !written_format_.empty() && state.refusal->time >= written_time_ &&
      state.refusal->where.kind == HighlightSource::Kind::Byte && state.refusal->where.byte.region == selection->region &&
      state.refusal->where.byte.address == written_address_) {
    const std::string message = "'" + written_format_ + "' not written: " + state.refusal->message;
    refusal_note(message, ImGui::GetCursorScreenPos().x, ImGui::GetCursorScreenPos().x + ImGui::GetFontSize());
    context.note(kPane, "refusal", message);
  }

  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
  if (!ImGui::BeginTable("readings", 3, flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("code", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("UTF-8 ").x);
  ImGui::TableSetupColumn("little-endian <", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("big-endian >", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();
  const ImU32 matching = with_alpha(theme_colours().source_outline, 0.18f);
  bool before_others = report.rows.empty() || report.rows.front().matches_selection;
  for (const InspectorRow& row : report.rows) {
    if (before_others && !row.matches_selection) {
      // Where the rows of the selection's size end.
      before_others = false;
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(1);
      ImGui::TextDisabled("other sizes");
    }
    ImGui::TableNextRow();
    if (row.matches_selection) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, matching);
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    if (row.native_only)
      ImGui::Text("%c @", row.code);
    else
      ImGui::Text("%c", row.code);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("'%c': %s, %zu %s%s%s", row.code, row.c_type.c_str(), row.size, row.size == 1 ? "byte" : "bytes",
                        row.matches_selection ? "\nas long as the selection" : "",
                        row.native_only ? "\nnative only: struct has no '<' or '>' form; read in this machine's order" : "");
    for (const InspectorReading* reading : {&row.little, &row.big}) {
      ImGui::TableNextColumn();
      if (reading->available) {
        draw_reading(context, *reading, *selection, offset);
      } else {
        ImGui::TextDisabled("%s", short_note(row, *reading));
        if (ImGui::IsItemHovered() && !reading->note.empty()) ImGui::SetTooltip("%s", reading->note.c_str());
        context.note(kPane, reading->format, short_note(row, *reading));
      }
    }
  }
  // Text: no byte order; the reading and how many bytes it takes.
  for (const InspectorTextRow& text : report.text_rows) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text.encoding.c_str());
    ImGui::TableNextColumn();
    if (!text.valid) {
      ImGui::TextDisabled("%s", text.value_text.c_str());
      context.note(kPane, text.encoding, text.value_text);
      continue;
    }
    const std::string shown = elide_to_width(text.value_text, ImGui::GetContentRegionAvail().x);
    ImGui::PushID(&text);
    ImGui::Selectable((shown + "##text").c_str());
    record_item(shown, shown != text.value_text);
    if (ImGui::IsItemClicked()) pending_ = PendingViewAs{text.format, selection->region, offset, ImGui::GetTime()};
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s\nclick: add as \"view as\" '%s' at offset %" PRId64, text.value_text.c_str(),
                        text.format.c_str(), offset);
    ImGui::PopID();
    context.note(kPane, text.encoding + (text.whole_selection ? " selection" : ""), text.value_text);
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%zu %s", text.size, text.size == 1 ? "byte" : "bytes");
  }
  ImGui::EndTable();
}

}  // namespace bufferlab

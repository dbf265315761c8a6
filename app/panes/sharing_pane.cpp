// The Sharing pane: boxes, arrows and a to-scale memory bar per region, drawn with ImDrawList.
#include "app/panes/sharing_pane.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <string_view>
#include <unordered_map>

#include "app/widgets/contrast.h"
#include "app/widgets/ui_record.h"
#include "app/window/theme.h"
#include "core/elements_in_range.h"
#include "core/layout.h"

namespace bufferlab {

std::string bytes_preview(const std::uint8_t* data, std::size_t size, std::size_t total) {
  std::string text = "b'";
  for (std::size_t i = 0; i < size; ++i) {
    const std::uint8_t c = data[i];
    if (c == '\\' || c == '\'') {
      text += '\\';
      text += static_cast<char>(c);
    } else if (c == '\n') {
      text += "\\n";
    } else if (c == '\r') {
      text += "\\r";
    } else if (c == '\t') {
      text += "\\t";
    } else if (c >= 32 && c < 127) {
      text += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      text += hex;
    }
  }
  text += "'";
  if (total > size) text += "...";
  return text;
}

void SharingPane::draw_content(PaneContext& context) {
  const AppState& state = context.state;
  if (state.snapshot.regions.empty() && state.snapshot.not_shown.empty()) {
    // Wrapped: at classroom zoom the hint is wider than the pane.
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Names and the memory they point at appear here.");
    ImGui::PopTextWrapPos();
    return;
  }
  ImGui::BeginChild("##diagram", ImVec2(0, 0), false);
  const float width = ImGui::GetContentRegionAvail().x;
  const std::size_t count = state.snapshot.regions.size();
  if (const ListKey key{state.views_generation(), width, ImGui::GetFontSize()}; !(key == list_key_)) {
    // Estimated from the boxes a region stacks (a badge line more where a resize was blocked).
    list_key_ = key;
    region_list_.reset(count, 0.0f);
    const float line = ImGui::GetTextLineHeight();
    for (std::size_t r = 0; r < count; ++r) {
      const std::size_t members = state.views_of_region(static_cast<int>(r)).size();
      if (members == 0) continue;
      region_list_.set_estimated_height(r, line * 2.0f + 8.0f + static_cast<float>(members) * (line + 8.0f + 6.0f) +
                                               line + 1.0f + ImGui::GetStyle().ItemSpacing.y);
    }
  }
  // A view selected elsewhere brings its region into sight when it is out of it.
  if (state.selected_view >= 0 && state.selected_view_name != shown_selection_) {
    const int region = state.views[static_cast<std::size_t>(state.selected_view)].region;
    if (region >= 0 && static_cast<std::size_t>(region) < count && !region_list_.was_in_view(static_cast<std::size_t>(region)))
      region_list_.scroll_to(static_cast<std::size_t>(region));
  }
  shown_selection_ = state.selected_view_name;
  region_list_.draw([&](std::size_t r) {
    ImGui::PushID(static_cast<int>(r));
    draw_region(context, static_cast<int>(r), width);
    ImGui::PopID();
  });
  draw_not_exporting(context);
  ImGui::EndChild();
}

// A released memoryview or a closed mmap: a greyed box with the word, no arrow and no bytes
// (it points at nothing now), until the name is deleted or rebound.
void SharingPane::draw_not_exporting(PaneContext& context) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 grey = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const float pad = 6.0f;
  for (const NotShownName& entry : context.state.snapshot.not_shown) {
    const char* state_word = entry.reason == "is released" ? "released" : entry.reason == "is closed" ? "closed" : nullptr;
    if (!state_word) continue;
    const std::string label = entry.display_name + "  " + state_word;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    const ImVec2 max(at.x + size.x + pad * 2.0f, at.y + size.y + pad);
    draw->AddRect(at, max, grey, 4.0f, 0, 1.2f);
    draw->AddText(ImVec2(at.x + pad, at.y + pad * 0.5f), grey, label.c_str());
    const std::string why = entry.type_name + " " + entry.reason + ": no bytes";
    draw->AddText(ImVec2(max.x + pad, at.y + pad * 0.5f), grey, why.c_str());
    ImGui::Dummy(ImVec2(max.x - at.x + pad + ImGui::CalcTextSize(why.c_str()).x, max.y - at.y));
    record_item(label);
    context.note("Sharing", entry.display_name, std::string(state_word) + ": no bytes");
  }
}

// One bar per element in memory order, gaps left empty; each bar carries its index when it
// fits, and a line through the bars in index order (an arrow at the last) shows how a reversed,
// stepped or transposed view walks its memory. A bar hovered reports its element (every pane
// highlights it); a bar whose element is highlighted is outlined.
void SharingPane::draw_element_bars(PaneContext& context, int v, const Region& region, float lane_x0, double scale,
                                    float lane_top, float lane_bottom) {
  const AppState& state = context.state;
  const DisplayView& view = state.views[static_cast<std::size_t>(v)];
  const Extent extent = footprint(view.facts);
  struct Bar {
    std::int64_t offset = 0, flat = 0;
  };
  std::vector<Bar> bars;
  for_elements_in_range(view.facts, extent.begin, extent.end, [&](std::int64_t flat, std::int64_t offset) {
    bars.push_back({offset, flat});
    return true;
  });
  std::sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) { return a.offset < b.offset || (a.offset == b.offset && a.flat < b.flat); });
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float item_w = static_cast<float>(static_cast<double>(view.facts.itemsize) * scale);
  const bool pane_hovered = ImGui::IsWindowHovered();
  std::vector<ImVec2> centre_by_flat(static_cast<std::size_t>(view.facts.element_count()), ImVec2(-1.0f, -1.0f));
  std::string memory_order;
  std::int64_t gap_bytes = 0;
  std::string highlighted;  // the flat indices of lit bars, for the frame record
  bool in_index_order = true;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& bar = bars[i];
    const std::uintptr_t a = static_cast<std::uintptr_t>(static_cast<std::int64_t>(view.facts.address) + bar.offset);
    const float x0 = lane_x0 + static_cast<float>(static_cast<double>(a - region.address) * scale);
    const ImVec2 min(x0 + 0.5f, lane_top), max(std::max(x0 + 1.5f, x0 + item_w - 0.5f), lane_bottom);
    const bool lit = state.highlight.has_element(v, bar.flat);
    draw->AddRectFilled(min, max, with_alpha(view.colour, lit ? 1.0f : 0.75f), 1.0f);
    if (lit) draw->AddRect(ImVec2(min.x - 1.0f, min.y - 1.0f), ImVec2(max.x + 1.0f, max.y + 1.0f), ImGui::GetColorU32(ImGuiCol_Text), 1.0f, 0, 2.0f);
    const std::string index = std::to_string(bar.flat);
    const ImVec2 text = ImGui::CalcTextSize(index.c_str());
    if (text.x + 2.0f <= max.x - min.x)
      draw->AddText(ImVec2((min.x + max.x - text.x) * 0.5f, (min.y + max.y - text.y) * 0.5f),
                    readable_text(blend_over(ImGui::GetColorU32(ImGuiCol_ChildBg, 1.0f), with_alpha(view.colour, lit ? 1.0f : 0.75f)),
                                  ImGui::GetColorU32(ImGuiCol_Text)),
                    index.c_str());
    if (context.probe) context.probe->buttons.push_back({"bar " + view.name + "[" + index + "]", min, max});
    if (lit) highlighted += (highlighted.empty() ? "" : " ") + index;
    if (static_cast<std::size_t>(bar.flat) < centre_by_flat.size())
      centre_by_flat[static_cast<std::size_t>(bar.flat)] = ImVec2((min.x + max.x) * 0.5f, min.y + 2.0f);
    if (i < 32) memory_order += (i ? " " : "") + index;
    if (i > 0) {
      gap_bytes += std::max<std::int64_t>(0, bar.offset - (bars[i - 1].offset + view.facts.itemsize));
      if (bar.flat < bars[i - 1].flat) in_index_order = false;
    }
    if (pane_hovered && ImGui::IsMouseHoveringRect(min, ImVec2(max.x + 0.5f, max.y))) {
      context.commands.push(ReportHover{HighlightSource::of_element(v, bar.flat)});
      ImGui::SetTooltip("%s element %s at byte %" PRId64 " of region %d", view.name.c_str(), index.c_str(),
                        static_cast<std::int64_t>(a - region.address), region.id);
    }
  }
  context.note("Sharing", view.name, "memory order: " + memory_order);
  if (!highlighted.empty()) context.note("Sharing", view.name, "highlighted: " + highlighted);
  if (gap_bytes > 0) context.note("Sharing", view.name, "gaps: " + std::to_string(gap_bytes) + " bytes between elements");
  if (in_index_order || bars.size() < 2) return;
  // The walk in index order, over the bars: a dot at element 0, an arrowhead at the last.
  const ImU32 walk = ImGui::GetColorU32(ImGuiCol_Text);
  ImVec2 previous(-1.0f, -1.0f);
  for (const ImVec2& centre : centre_by_flat) {
    if (centre.x < 0.0f) continue;
    if (previous.x < 0.0f)
      draw->AddCircleFilled(centre, 3.0f, walk);
    else
      draw->AddLine(previous, centre, walk, 1.5f);
    previous = centre;
  }
  const ImVec2 last = previous;
  ImVec2 before(-1.0f, -1.0f);
  for (std::size_t f = centre_by_flat.size(); f-- > 0;)
    if (centre_by_flat[f].x >= 0.0f && (centre_by_flat[f].x != last.x)) {
      before = centre_by_flat[f];
      break;
    }
  if (before.x >= 0.0f) {
    const float dir = last.x < before.x ? -1.0f : 1.0f;
    draw->AddTriangleFilled(ImVec2(last.x + dir * 6.0f, last.y), ImVec2(last.x, last.y - 4.0f), ImVec2(last.x, last.y + 4.0f), walk);
  }
  context.note("Sharing", view.name, "index order drawn as a line over the bars");
}

void SharingPane::draw_region(PaneContext& context, int region_index, float width) {
  const AppState& state = context.state;
  const Region& region = state.snapshot.regions[region_index];
  const std::vector<int>& members = state.views_of_region(region_index);
  if (members.empty()) return;

  // Export holds between the region's names: a bracket from the holder's box to the box of the
  // name it holds an export on, in a margin left of the boxes.
  struct ExportLink {
    std::size_t holder = 0, exporter = 0;  // indices into members
    bool blocking = false;
  };
  std::vector<ExportLink> links;
  std::vector<bool> blocking(members.size(), false);
  // The holds between members, found from each member's own holds, in export_holds' order.
  std::unordered_map<std::string_view, int> member_named;
  for (std::size_t i = 0; i < members.size(); ++i)
    if (!state.views[members[i]].is_reinterpretation()) member_named.emplace(state.views[members[i]].name, static_cast<int>(i));
  std::vector<std::pair<const ExportHold*, int>> member_holds;  // the hold and its holder
  for (const auto& [name, i] : member_named)
    for (const ExportHold* hold : state.holds_by(std::string(name))) member_holds.emplace_back(hold, i);
  std::sort(member_holds.begin(), member_holds.end());
  for (const auto& [held, holder] : member_holds) {
    const ExportHold& hold = *held;
    const auto found = member_named.find(hold.exporter);
    if (found == member_named.end()) continue;
    const int exporter = found->second;
    const bool blocks = std::find(state.resize_refused_on.begin(), state.resize_refused_on.end(), hold.exporter) !=
                        state.resize_refused_on.end();
    links.push_back({static_cast<std::size_t>(holder), static_cast<std::size_t>(exporter), blocks});
    if (blocks) blocking[static_cast<std::size_t>(holder)] = true;
  }
  constexpr std::size_t kLinkColumns = 6;
  const float link_step = 6.0f;
  const float margin = links.empty() ? 0.0f : 10.0f + link_step * static_cast<float>(std::min(links.size(), kLinkColumns));

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeight();
  const float box_h = line + 8.0f;
  const float gap = 6.0f;
  const float badge_h = badge_size(kBlocksResizingBadge).y;
  float box_w = 0.0f;
  for (int v : members) box_w = std::max(box_w, ImGui::CalcTextSize(state.views[v].name.c_str()).x);
  box_w = std::min(box_w + 16.0f, (width - margin) * 0.35f);
  const float arrow_w = std::max(40.0f, width * 0.12f);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float left = origin.x + margin;
  const float bar_x0 = left + box_w + arrow_w;
  const float bar_x1 = origin.x + width - 8.0f;
  const float header_h = line * 2.0f + 8.0f;  // "<type> in memory" and its content
  const float lanes_top = origin.y + header_h;
  // A holder that blocked a resize has its badge on a line of its own under its box.
  std::vector<float> row_top(members.size());
  float stack_bottom = lanes_top;
  for (std::size_t i = 0; i < members.size(); ++i) {
    row_top[i] = stack_bottom;
    stack_bottom += box_h + gap + (blocking[i] ? badge_h + gap : 0.0f);
  }
  const float bar_bottom = stack_bottom;
  if (bar_x1 - bar_x0 < 40.0f) {
    ImGui::TextDisabled("(too narrow to draw)");
    return;
  }

  // Which object owns the memory: the exporter at the end of the chain, else the widest view.
  std::string owner_type = "memory";
  int widest = members.front();
  for (int v : members)
    if (footprint(state.views[v].facts).size() > footprint(state.views[widest].facts).size()) widest = v;
  if (state.views[widest].object_index >= 0) {
    const SnapshotObject& object = state.snapshot.objects[state.views[widest].object_index];
    owner_type = object.exporters.empty() ? object.type_name : object.exporters.back().type_name;
  }

  // The memory bar with its content.
  const ImU32 frame = theme_colours().bar_frame;
  draw->AddRectFilled(ImVec2(bar_x0, origin.y), ImVec2(bar_x1, bar_bottom), theme_colours().bar_background, 4.0f);
  draw->AddRect(ImVec2(bar_x0, origin.y), ImVec2(bar_x1, bar_bottom), frame, 4.0f, 0, 1.5f);
  // The title keeps the size when it has to shorten: the type's words go first, then "...".
  const float text_room = bar_x1 - bar_x0 - 12.0f;
  std::string title = owner_type + " in memory (" + format_size(region.size) + ")";
  if (ImGui::CalcTextSize(title.c_str()).x > text_room) title = owner_type + " (" + format_size(region.size) + ")";
  const ImVec2 after_region = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(bar_x0 + 6.0f, origin.y + 3.0f));
  text_elided(title, text_room);
  std::string content = "Content: ";
  if (state.memory && !state.cell_running) {
    state.memory->read_region(region_index, [&](const std::uint8_t* base) {
      const std::size_t n = static_cast<std::size_t>(std::min<std::int64_t>(region.size, 48));
      content += bytes_preview(base, n, static_cast<std::size_t>(region.size));
    });
  } else {
    content += "(running...)";
  }
  ImGui::SetCursorScreenPos(ImVec2(bar_x0 + 6.0f, origin.y + 3.0f + line));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  text_elided(content, text_room);
  ImGui::PopStyleColor();
  ImGui::SetCursorScreenPos(after_region);

  // A box per name, an arrow into its lane, its footprint (or its elements) to scale.
  const double scale = static_cast<double>(bar_x1 - bar_x0 - 12.0f) / static_cast<double>(std::max<std::int64_t>(region.size, 1));
  const float lane_x0 = bar_x0 + 6.0f;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const int v = members[i];
    const DisplayView& view = state.views[v];
    const float y = row_top[i];
    // Rows out of sight are not built: a region may hold thousands of views.
    if (!ImGui::IsRectVisible(ImVec2(origin.x, y), ImVec2(origin.x + width, y + box_h + gap + badge_h))) continue;
    context.built_item("Sharing", v, view.name);
    const float mid = y + box_h * 0.5f;
    const bool highlighted = state.highlight.active() && state.highlight.region == region_index &&
                             v < static_cast<int>(state.highlight.elements.size()) &&
                             !state.highlight.elements[v].empty();
    const ImVec2 box_min(left, y), box_max(left + box_w, y + box_h);
    const ImU32 box_fill = with_alpha(view.colour, highlighted ? 0.55f : 0.25f);
    draw->AddRectFilled(box_min, box_max, box_fill, 4.0f);
    if (blocking[i])
      draw->AddRect(box_min, box_max, theme_colours().badge_background, 4.0f, 0, 3.0f);
    else
      draw->AddRect(box_min, box_max, view.colour, 4.0f, 0, state.selected_view == v ? 2.5f : 1.2f);
    // The name on its tinted box: the theme's text colour, or black or white where that is faint.
    const ImU32 box_background = blend_over(ImGui::GetColorU32(ImGuiCol_ChildBg, 1.0f), box_fill);
    const std::string shown_name = elide_to_width(view.name, box_w - 12.0f);
    const ImU32 name_text = readable_text(box_background, ImGui::GetColorU32(ImGuiCol_Text));
    draw->AddText(ImVec2(left + 6.0f, y + 4.0f), name_text, shown_name.c_str());
    if (blocking[i]) {
      // Shortened to the pane's width at classroom zoom; the box's tooltip says it whole.
      const std::string badge_text = elide_to_width(kBlocksResizingBadge, origin.x + width - left - 12.0f);
      draw_badge(draw, ImVec2(left, y + box_h + gap * 0.5f), badge_text.c_str());
      context.note("Sharing", view.name, kBlocksResizingBadge);
    }

    const Extent extent = footprint(view.facts);
    const float seg_x0 = lane_x0 + static_cast<float>(static_cast<double>(extent.begin - region.address) * scale);
    const float seg_x1 = std::max(seg_x0 + 2.0f, lane_x0 + static_cast<float>(static_cast<double>(extent.end - region.address) * scale));
    // The arrow: from the box, into the bar, to where the view's bytes begin.
    const ImVec2 from(box_max.x, mid), knee(bar_x0 - 10.0f, mid), to(seg_x0, mid);
    draw->AddLine(from, knee, view.colour, 1.5f);
    draw->AddLine(knee, to, with_alpha(view.colour, 0.7f), 1.0f);
    draw->AddTriangleFilled(ImVec2(to.x, to.y), ImVec2(to.x - 7.0f, to.y - 4.0f), ImVec2(to.x - 7.0f, to.y + 4.0f),
                            view.colour);

    // Elements to scale when each gets at least two pixels, else the footprint as one band.
    const float lane_top = y + 3.0f, lane_bottom = y + box_h - 3.0f;
    const std::int64_t count = view.facts.element_count();
    if (count > 0 && static_cast<double>(view.facts.itemsize) * scale >= 2.0 && count <= 512) {
      draw_element_bars(context, v, region, lane_x0, scale, lane_top, lane_bottom);
    } else {
      draw->AddRectFilled(ImVec2(seg_x0, lane_top), ImVec2(seg_x1, lane_bottom), with_alpha(view.colour, 0.85f), 2.0f);
      // The highlighted elements (hovered anywhere) marked on the band.
      if (v < static_cast<int>(state.highlight.elements.size()))
        for (std::int64_t flat : state.highlight.elements[static_cast<std::size_t>(v)]) {
          const float x0 = lane_x0 + static_cast<float>(static_cast<double>(element_address(view, flat) - region.address) * scale);
          const float x1 = x0 + std::max(2.0f, static_cast<float>(static_cast<double>(view.facts.itemsize) * scale));
          draw->AddRect(ImVec2(x0, lane_top - 1.0f), ImVec2(x1, lane_bottom + 1.0f), ImGui::GetColorU32(ImGuiCol_Text), 0.0f, 0, 2.0f);
        }
    }

    // The box is a button: a click selects the view; hovered, a tooltip says what it is (the
    // whole name first) and the exports it takes part in.
    const ImVec2 after_box = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(box_min);
    ImGui::PushID(v);
    if (ImGui::InvisibleButton("##box", ImVec2(box_w, box_h))) context.commands.push(SelectView{v});
    ImGui::PopID();
    record_item(shown_name, shown_name != view.name);
    const bool box_hovered = ImGui::IsItemHovered();
    ImGui::SetCursorScreenPos(after_box);
    if (box_hovered) {
      std::string exports;
      if (!view.is_reinterpretation()) {
        for (const ExportHold* hold : state.holds_by(view.name)) exports += "\nholds an export on " + hold->exporter;
        for (const ExportHold* hold : state.holds_on(view.name)) exports += "\nexported to " + hold->holder;
        if (blocking[i]) exports += std::string("\n") + kBlocksResizingBadge;
      }
      ImGui::SetTooltip("%s: %s, format '%s', %" PRId64 " element%s\nbytes %" PRId64 "..%" PRId64 " of region %d%s",
                        view.name.c_str(), view.type_name.c_str(), view.facts.format.c_str(), count,
                        count == 1 ? "" : "s", static_cast<std::int64_t>(extent.begin - region.address),
                        static_cast<std::int64_t>(extent.end - region.address), region_index, exports.c_str());
    }
  }

  // The export brackets, over the margin: holder's box -> the exporter's box, arrow at the end.
  for (std::size_t k = 0; k < links.size(); ++k) {
    const ExportLink& link = links[k];
    const float x = left - 6.0f - link_step * static_cast<float>(k % kLinkColumns);
    const float from_y = row_top[link.holder] + box_h * 0.5f, to_y = row_top[link.exporter] + box_h * 0.5f;
    const ImU32 colour = link.blocking ? theme_colours().badge_background : theme_colours().export_link;
    const float thickness = link.blocking ? 2.5f : 1.5f;
    draw->AddLine(ImVec2(left, from_y), ImVec2(x, from_y), colour, thickness);
    draw->AddLine(ImVec2(x, from_y), ImVec2(x, to_y), colour, thickness);
    draw->AddLine(ImVec2(x, to_y), ImVec2(left - 5.0f, to_y), colour, thickness);
    draw->AddTriangleFilled(ImVec2(left, to_y), ImVec2(left - 6.0f, to_y - 4.0f), ImVec2(left - 6.0f, to_y + 4.0f), colour);
    context.note("Sharing", state.views[members[link.holder]].name,
                      "export on " + state.views[members[link.exporter]].name);
  }
  ImGui::SetCursorScreenPos(ImVec2(origin.x, bar_bottom + line));
  ImGui::Dummy(ImVec2(width, 1.0f));
}

}  // namespace bufferlab

// The Views pane: cards whose ElementTables are decoded by the C++ codec for the visible cells
// only, inside one MemoryProvider callback per card per frame.
#include "app/panes/views_pane.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <utility>

#include "app/controller/copy_text.h"
#include "app/panes/stride_walk_controls.h"
#include "core/elements_in_range.h"
#include "app/widgets/ui_record.h"
#include "app/window/theme.h"

namespace bufferlab {

namespace {

// Card facts side by side, moving to the next line where a narrow card would clip them; one
// wider than the whole card is elided (whole on hover).
void draw_flowing_facts(const std::vector<std::string>& facts) {
  const float right_edge = ImGui::GetWindowContentRegionMax().x;
  const float gap = ImGui::CalcTextSize("  ").x;
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  for (std::size_t i = 0; i < facts.size(); ++i) {
    if (i > 0) {
      ImGui::SameLine(0.0f, gap);
      if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(facts[i].c_str()).x > right_edge)
        ImGui::NewLine();
    }
    text_elided(facts[i], std::max(1.0f, right_edge - ImGui::GetCursorPosX()));
  }
  ImGui::PopStyleColor();
}

// How many characters a typical value of this format needs.
int value_chars(const DisplayView& view) {
  if (!view.format) return 4;
  const ElementFormat& f = *view.format;
  if (!f.is_scalar()) return 16;
  const Field& field = f.fields[0];
  switch (field.kind) {
    case FieldKind::SignedInt: return field.size == 1 ? 4 : field.size == 2 ? 6 : field.size == 4 ? 11 : 13;
    case FieldKind::UnsignedInt: return field.size == 1 ? 3 : field.size == 2 ? 5 : field.size == 4 ? 10 : 13;
    case FieldKind::Bool: return 5;
    case FieldKind::Float: return field.size == 2 ? 8 : 11;
    case FieldKind::Complex: return 16;
    case FieldKind::Char: return 7;
    case FieldKind::Bytes:
    case FieldKind::PascalBytes: return static_cast<int>(std::min<std::size_t>(3 + field.size * 4, 16));
    case FieldKind::UnicodeChar: return 4;
  }
  return 8;
}


// Export holds in words: who holds an export on this name's object, what this name holds one
// on, and after a refused resize the badge on each holder that blocked it.
void draw_export_notes(const PaneContext& context, const std::string& name) {
  const AppState& state = context.state;
  const ImVec4 link_colour = ImGui::ColorConvertU32ToFloat4(theme_colours().export_link);
  ImGui::PushTextWrapPos(0.0f);
  if (const auto holders = state.holds_on(name); !holders.empty()) {
    std::string text = "exported to: ";
    for (std::size_t i = 0; i < holders.size(); ++i) {
      if (i) text += ", ";
      text += holders[i]->holder;
      if (!holders[i]->via.empty()) text += " (through " + holders[i]->via + ")";
    }
    ImGui::TextColored(link_colour, "%s", text.c_str());
    context.note("Views", name, text);
  }
  if (const auto held = state.holds_by(name); !held.empty()) {
    if (state.blocks_resizing(name)) {
      badge(kBlocksResizingBadge);
      context.note("Views", name, kBlocksResizingBadge);
    }
    std::string text = "holds an export on ";
    for (std::size_t i = 0; i < held.size(); ++i) text += (i ? ", " : "") + held[i]->exporter;
    ImGui::TextColored(link_colour, "%s", text.c_str());
    context.note("Views", name, text);
  }
  ImGui::PopTextWrapPos();
}

}  // namespace

// One card's elements as its table sees them: decoded through the memory provider, marked
// from the highlight and selection, and events turned into commands.
class ViewsPane::CardElements : public ElementTableSource {
 public:
  CardElements(ViewsPane& pane, const ElementTable& table, PaneContext& context, int view_index)
      : pane_(pane), table_(table), context_(context), state_(context.state), index_(view_index),
        view_(context.state.views[view_index]) {}

  ElementRead read(const std::vector<std::int64_t>& elements, std::vector<std::string>& texts) override {
    if (!state_.memory || state_.cell_running) return ElementRead::Busy;  // memory is not read then
    const Region& region = state_.snapshot.regions[view_.region];
    const auto error = state_.memory->read_region(view_.region, [&](const std::uint8_t* base) {
      for (std::size_t i = 0; i < elements.size(); ++i) {
        if (elements[i] < 0) continue;
        const std::uint8_t* element = base + (element_address(view_, elements[i]) - region.address);
        texts[i] = python_repr(decode_element(*view_.format, element));
      }
    });
    return error ? ElementRead::Failed : ElementRead::Ok;
  }

  ElementCellStyle style(std::int64_t flat) override {
    return {state_.highlight.has_element(index_, flat), state_.highlight.is_source_element(index_, flat),
            state_.selected_view == index_ && state_.selected_element == flat};
  }

  // Hovering an element highlights it and every byte and element sharing its bytes; a click
  // selects and pins it, a double click also opens the editor.
  void on_hover(std::int64_t flat) override {
    context_.commands.push(ReportHover{HighlightSource::of_element(index_, flat)});
  }
  void on_click(std::int64_t flat) override {
    context_.commands.push(SelectView{index_, flat});
    context_.commands.push(PinHighlight{HighlightSource::of_element(index_, flat), true});
  }
  void on_edit_start(std::int64_t flat) override {
    context_.commands.push(SelectView{index_, flat});
    context_.commands.push(PinHighlight{HighlightSource::of_element(index_, flat)});
  }
  void on_write(std::int64_t flat, const char* text) override {
    context_.commands.push(WriteElement{index_, index_of_flat(view_.facts, flat), text});
  }
  void on_right_click(std::int64_t flat) override {
    pane_.copy_card_ = view_.name;
    pane_.copy_element_ = flat;
    pane_.open_copy_menu_ = true;
  }
  void on_cell_drawn(const DrawnElement& cell) override {
    if (context_.probe && ImGui::IsRectVisible(cell.min, cell.min) && ImGui::IsRectVisible(cell.max, cell.max))
      context_.probe->elements.push_back({index_, cell.element, *cell.text, cell.style->highlighted, cell.min, cell.max});
  }

  void tooltip(std::int64_t flat, const std::string& text) override {
    if (pane_.editing_any()) return;  // an open editor anywhere keeps tooltips away
    const BufferFacts& f = view_.facts;
    const std::string tip = view_.name + index_text(index_of_flat(f, flat)) + " = " + (text.empty() ? "?" : text) +
                            "\nbuf + " + std::to_string(offset_of_flat(f, flat)) + " = " +
                            format_address(element_address(view_, flat)) + "\nclick to pin" +
                            (f.readonly ? " (read-only)" : ", double-click to edit") + ", right-click to copy";
    // Beside the hovered row, so the rows under it stay in sight.
    ImVec2 row_min, row_max;
    if (table_.hovered_row(&row_min, &row_max))
      tooltip_beside(row_min, row_max, tip.c_str());
    else
      ImGui::SetTooltip("%s", tip.c_str());
  }

 private:
  ViewsPane& pane_;
  const ElementTable& table_;
  PaneContext& context_;
  const AppState& state_;
  int index_;
  const DisplayView& view_;
};

void ViewsPane::draw_copy_menu(PaneContext& context, int view_index) {
  const AppState& state = context.state;
  const DisplayView& view = state.views[view_index];
  const bool ours = copy_card_ == view.name;
  if (ours && std::exchange(open_copy_menu_, false)) ImGui::OpenPopup("copy_value");
  if (!ImGui::BeginPopup("copy_value")) return;
  if (!ours || copy_element_ < 0 || copy_element_ >= view.facts.element_count() || view.region < 0) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  const Region& region = state.snapshot.regions[static_cast<std::size_t>(view.region)];
  const std::string element = view.name + index_text(index_of_flat(view.facts, copy_element_));
  // Values are decoded by the app's codec from live memory, read only while no cell runs.
  std::string value;
  if (state.memory)
    state.memory->read_region(view.region, [&](const std::uint8_t* base) {
      value = element_as_python(view, region, base, copy_element_);
    });
  const std::string element_label = "Copy " + element + " as its value";
  const std::string preview = value.empty() ? "not readable" : elide_to_width(value, 200.0f * context.ui_scale);
  if (ImGui::MenuItem(element_label.c_str(), preview.c_str(), false, !value.empty())) ImGui::SetClipboardText(value.c_str());
  record_item(element_label);
  const std::string refusal = state.memory ? view_copy_refusal(view) : "memory is not readable while a cell runs";
  const std::string view_label = "Copy the whole view as a list (tolist())";
  if (ImGui::MenuItem(view_label.c_str(), refusal.empty() ? nullptr : refusal.c_str(), false, refusal.empty())) {
    std::string list;
    state.memory->read_region(view.region,
                              [&](const std::uint8_t* base) { list = view_as_python_list(view, region, base); });
    if (!list.empty()) ImGui::SetClipboardText(list.c_str());
  }
  record_item(view_label);
  ImGui::EndPopup();
}

bool ViewsPane::editing_any() const {
  return std::any_of(cards_.begin(), cards_.end(), [](const auto& card) { return card.second.table.editing(); });
}

void ViewsPane::reveal(const AppState& state, int view, std::int64_t flat) {
  show_element(state, view, flat, false);
}

void ViewsPane::follow(const AppState& state, int view, std::int64_t flat) { show_element(state, view, flat, true); }

void ViewsPane::show_element(const AppState& state, int view, std::int64_t flat, bool least_scroll) {
  if (view < 0 || view >= static_cast<int>(state.views.size())) return;
  const BufferFacts& f = state.views[view].facts;
  if (flat < 0 || flat >= f.element_count()) return;
  CardUi& ui = cards_[state.views[view].name];
  scroll_to_card_ = state.views[view].name;
  std::int64_t row = 0, column = 0;
  if (f.ndim <= 1) {
    row = flat / std::max<std::int64_t>(ui.table.per_row(), 1);
  } else {
    const auto index = index_of_flat(f, flat);
    ui.leading.assign(index.begin(), index.end() - 2);
    row = index[f.ndim - 2];
    column = index[f.ndim - 1];
  }
  if (least_scroll) {
    ui.table.reveal(row, column);
    return;
  }
  ui.table.jump_to_row(row);
  if (f.ndim > 1) ui.table.set_first_column(column);
}

// Names that offer the buffer protocol but gave no export (a released memoryview, a closed
// mmap, a datetime64 array), each with the reason, so they do not vanish without a word: a
// released view or a closed mmap keeps a greyed card, without bytes, until it is deleted or
// rebound (the snapshot lists it while the name holds it).
void ViewsPane::draw_not_shown(PaneContext& context) {
  const auto& not_shown = context.state.snapshot.not_shown;
  if (not_shown.empty()) return;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 frame = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  for (const NotShownName& entry : not_shown) {
    const char* state_word = entry.reason == "is released" ? "released" : entry.reason == "is closed" ? "closed" : nullptr;
    const std::string text = entry.display_name + " (" + entry.type_name + ") " + entry.reason +
                             (state_word ? ": no bytes to show until it is deleted or rebound" : ": not shown");
    context.note("Views", entry.display_name, text);
    if (!state_word) {
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextDisabled("%s", text.c_str());
      ImGui::PopTextWrapPos();
      continue;
    }
    // A card like the others, greyed: the name, a "released" badge, and why there are no bytes.
    const float pad = ImGui::GetStyle().FramePadding.x;
    const ImVec2 top = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(top.x + pad, top.y + pad));
    ImGui::BeginGroup();
    ImGui::TextDisabled("%s", (entry.display_name + "  " + entry.type_name).c_str());
    ImGui::SameLine(0.0f, ImGui::GetFontSize() * 0.5f);
    const ImVec2 badge_at = ImGui::GetCursorScreenPos();
    const ImVec2 badge_size = ImGui::CalcTextSize(state_word);
    draw->AddRect(ImVec2(badge_at.x - 2.0f, badge_at.y), ImVec2(badge_at.x + badge_size.x + 2.0f, badge_at.y + badge_size.y),
                  frame, 3.0f);
    ImGui::TextDisabled("%s", state_word);
    record_item(entry.display_name + " " + state_word);
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - pad);
    ImGui::TextDisabled("%s", (entry.reason + ": no bytes; the card stays until the name is deleted or rebound").c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    draw->AddRect(top, ImVec2(right, ImGui::GetItemRectMax().y + pad), frame, 4.0f);
    ImGui::SetCursorScreenPos(ImVec2(top.x, ImGui::GetItemRectMax().y + pad));
    ImGui::Dummy(ImVec2(1.0f, ImGui::GetStyle().ItemSpacing.y));
  }
  ImGui::Separator();
}

void ViewsPane::draw_content(PaneContext& context) {
  const AppState& state = context.state;
  if (state.views.empty()) {
    draw_not_shown(context);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Names that export a buffer appear here, one card each.");
    ImGui::PopTextWrapPos();
    return;
  }
  // Pictures: what memory changed since the last frame, and textures no card used go.
  if (picture_backend_) {
    picture_changes_ = picture_watcher_.update(state);
    picture_backend_->collect_unused();
    // Up to about half the pane, and never less than six text lines: a small image must read
    // from the back of a room even when the pane is short (200% on a 720p projector).
    picture_max_height_ = std::max(ImGui::GetContentRegionAvail().y * 0.45f, ImGui::GetTextLineHeight() * 6.0f);
  }
  // The stride walk's element stays in its card's table as the walk moves on.
  const std::pair<int, std::int64_t> walked{state.stride_walk.view(), state.stride_walk.flat()};
  if (walked != followed_walk_) {
    follow(state, walked.first, walked.second);
    followed_walk_ = walked;
  }
  ImGui::BeginChild("##cards", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
  draw_not_shown(context);
  const float row_height = ElementTable::row_height();
  const float card_overhead = ImGui::GetFrameHeightWithSpacing() * 2.0f + row_height * 1.5f;
  const float per_card = ImGui::GetContentRegionAvail().y / static_cast<float>(state.views.size());
  const std::int64_t budget = std::clamp<std::int64_t>(
      static_cast<std::int64_t>((per_card - card_overhead) / row_height), 3, 12);
  const float width = ImGui::GetContentRegionAvail().x;
  place_cards(state, {state.views_generation(), width, ImGui::GetFontSize(), budget},
              card_overhead + static_cast<float>(budget) * row_height);

  // A view selected elsewhere (the Py_buffer list, a legend chip, a diagram box) is brought
  // into sight when its card is out of it; one chosen in this pane is already in sight.
  if (!scroll_to_card_.empty()) {
    if (const int v = state.view_index(scroll_to_card_); v >= 0) card_list_.scroll_to(static_cast<std::size_t>(v));
      scroll_to_card_.clear();
  } else if (state.selected_view >= 0 && state.selected_view_name != shown_selection_ &&
             !card_list_.was_in_view(static_cast<std::size_t>(state.selected_view))) {
    card_list_.scroll_to(static_cast<std::size_t>(state.selected_view));
  }
  shown_selection_ = state.selected_view_name;

  bool wheel_used = false;
  const auto [first, end] = card_list_.draw([&](std::size_t v) {
    ImGui::PushID(static_cast<int>(v));
    const float top = ImGui::GetCursorPosY();
    draw_card(context, static_cast<int>(v), width, budget, &wheel_used);
    cards_[state.views[v].name].height = ImGui::GetCursorPosY() - top;
    context.built_item("Views", static_cast<int>(v), state.views[v].name);
    ImGui::PopID();
  });
  if (first < end) {
    top_card_ = state.views[first].name;
    top_card_offset_ = card_list_.view_top() - card_list_.top(first);
  }
  // The wheel scrolls the list of cards unless a table took it.
  const ImGuiIO& io = ImGui::GetIO();
  if (!wheel_used && io.MouseWheel != 0.0f && ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows))
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseWheel * row_height * 3.0f);
  ImGui::EndChild();
}

void ViewsPane::place_cards(const AppState& state, const CardsKey& key, float estimate) {
  if (key == cards_key_) return;
  const bool same_layout = key.width == cards_key_.width && key.font_size == cards_key_.font_size &&
                           key.row_budget == cards_key_.row_budget;
  cards_key_ = key;
  card_list_.reset(state.views.size(), estimate);
  // Names that were drawn before at this width keep their heights, so the cards above the one
  // at the top stay where they were and the pane does not jump after a cell.
  for (auto& [name, card] : cards_) {
    if (!same_layout) card.height = -1.0f;
  }
  if (same_layout)
    for (std::size_t v = 0; v < state.views.size(); ++v)
      if (const auto it = cards_.find(state.views[v].name); it != cards_.end() && it->second.height >= 0.0f)
        card_list_.set_height(v, it->second.height);
  if (const int v = state.view_index(top_card_); v >= 0)
    card_list_.scroll_to(static_cast<std::size_t>(v), top_card_offset_);
}

void ViewsPane::draw_card(PaneContext& context, int view_index, float width,
                                 std::int64_t row_budget, bool* wheel_used) {
  const AppState& state = context.state;
  const DisplayView& view = state.views[view_index];
  const BufferFacts& f = view.facts;
  CardUi& ui = cards_[view.name];
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const bool selected = state.selected_view == view_index;

  // Header: colour, name, type; then the Py_buffer shape in one line.
  const ImVec2 card_top = ImGui::GetCursorScreenPos();
  const float swatch = ImGui::GetTextLineHeight() * 0.8f;
  ImGui::AlignTextToFramePadding();
  ImGui::Dummy(ImVec2(swatch, swatch));
  const ImVec2 swatch_min(card_top.x, card_top.y + (ImGui::GetFrameHeight() - swatch) * 0.5f);
  draw->AddRectFilled(swatch_min, ImVec2(swatch_min.x + swatch, swatch_min.y + swatch), view.colour, 3.0f);
  // The name, elided (whole on hover) when the card is narrower; the rest wraps.
  ImGui::SameLine();
  const float right = ImGui::GetWindowContentRegionMax().x;
  const std::string name = elide_to_width(view.name, std::max(1.0f, right - ImGui::GetCursorPosX()));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(view.colour));
  if (ImGui::Selectable((name + "##name").c_str(), selected, 0, ImVec2(ImGui::CalcTextSize(name.c_str()).x, 0)))
    context.commands.push(SelectView{view_index});
  record_item(name, name != view.name);
  ImGui::PopStyleColor();
  if (name != view.name) tooltip_beside_item(view.name.c_str());
  same_line_or_wrap(ImGui::CalcTextSize(view.type_name.c_str()).x);
  ImGui::TextDisabled("%s", view.type_name.c_str());
  const char* access = f.readonly ? "read-only" : "writable";
  same_line_or_wrap(ImGui::CalcTextSize(access).x);
  ImGui::TextColored(f.readonly ? theme_colours().readonly : theme_colours().writable, "%s", access);
  if (view.is_reinterpretation()) {
    same_line_or_wrap(button_width("remove"));
    if (ImGui::SmallButton("remove")) context.commands.push(RemoveReinterpretation{view_index});
    record_item("remove");
  }
  if (view.format) draw_stride_walk_button(context, view_index);
  draw_flowing_facts({"format '" + f.format + "'", "itemsize " + std::to_string(f.itemsize),
                      "shape " + format_shape(f.shape), "strides " + format_shape(f.strides)});
  if (!view.is_reinterpretation()) draw_export_notes(context, view.name);
  if (!view.format) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(theme_colours().failure, "cannot decode: %s", view.format_error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Separator();
    return;
  }
  if (f.element_count() == 0) {
    ImGui::TextDisabled("(no elements)");
    ImGui::Separator();
    return;
  }
  if (picture_backend_)
    ui.picture.draw(context, view_index, *picture_backend_, picture_changes_, width, picture_max_height_);

  // N-D: pick the leading indices; the table shows the last two dimensions.
  // Each slider with its label wraps to the next line where it does not fit.
  if (f.ndim > 2) {
    ui.leading.resize(static_cast<std::size_t>(f.ndim - 2), 0);
    for (int k = 0; k < f.ndim - 2; ++k) {
      char label[32];
      std::snprintf(label, sizeof label, "dim %d", k);
      const float label_width = ImGui::CalcTextSize(label).x + ImGui::GetStyle().ItemInnerSpacing.x;
      const float slider_width =
          std::max(ImGui::GetFontSize() * 3.0f,
                   std::min(160.0f * context.ui_scale, width / static_cast<float>(f.ndim - 1) - label_width));
      if (k > 0) same_line_or_wrap(slider_width + label_width);
      ImGui::PushID(k);
      ImGui::SetNextItemWidth(slider_width);
      const std::int64_t lo = 0, hi = f.shape[k] - 1;
      ImGui::SliderScalar(label, ImGuiDataType_S64, &ui.leading[k], &lo, &hi);
      record_item(label);
      ui.leading[k] = std::clamp(ui.leading[k], lo, hi);
      ImGui::PopID();
    }
  }

  draw_stride_walk_controls(context, view_index);
  draw_table(context, view_index, ui, width, row_budget, wheel_used);
  ImGui::Separator();
}

void ViewsPane::draw_table(PaneContext& context, int view_index, CardUi& ui, float width,
                           std::int64_t row_budget, bool* wheel_used) {
  const AppState& state = context.state;
  const DisplayView& view = state.views[view_index];
  const BufferFacts& f = view.facts;
  ElementTable& table = ui.table;
  table.value_chars = value_chars(view);
  table.colour = view.colour;
  table.editable = !state.cell_running;
  table.paging_keys = !state.lesson_takes_paging_keys();
  table.editor_min_width = 90.0f * context.ui_scale;
  table.column_slider_width = 300.0f * context.ui_scale;
  const ThemeColours& theme = theme_colours();
  table.colours = {.greyed_text = theme.greyed_text, .source_outline = theme.source_outline,
                   .edit_field = theme.edit_field};

  // 1-D (and 0-D) flows in rows; N-D shows the last two dimensions at the chosen leading indices.
  ElementTableShape shape = ElementTableShape::list(f.ndim == 0 ? 1 : f.shape[0]);
  if (f.ndim >= 2) {
    std::int64_t leading_flat = 0;
    for (int k = 0; k < f.ndim - 2; ++k) {
      const std::int64_t i = k < static_cast<int>(ui.leading.size()) ? ui.leading[k] : 0;
      leading_flat = leading_flat * f.shape[k] + i;
    }
    const std::int64_t rows = f.shape[f.ndim - 2], columns = f.shape[f.ndim - 1];
    shape = ElementTableShape::grid(rows, columns, leading_flat * rows * columns);
  }
  CardElements source(*this, table, context, view_index);
  table.draw(source, shape, width, row_budget);
  draw_copy_menu(context, view_index);
  if (table.took_wheel()) *wheel_used = true;

  // One element editor in the pane: a table that opened one closes the others'.
  if (table.editing() && editing_card_ != view.name) {
    for (auto& [name, other] : cards_)
      if (name != view.name) other.table.cancel_edit();
    editing_card_ = view.name;
  }

  // A refused edit is explained under the table, pointing at its cell: in the layout, so it
  // pushes the next card down instead of covering its header, and tooltips stay above it.
  ImVec2 note_at;
  if (state.refusal && state.refusal->where.kind == HighlightSource::Kind::Element &&
      state.refusal->where.element.view == view_index &&
      table.below_cell(state.refusal->where.element.flat, &note_at))
    refusal_note(state.refusal->message, note_at.x, note_at.x + table.cell_width() * 0.5f);
}

}  // namespace bufferlab

// The Views pane: cards with virtualised element tables decoded by the C++ codec for the
// visible cells only, inside one MemoryProvider callback per card per frame.
#include "app/panes/views_pane.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>

#include "core/elements_in_range.h"
#include "app/window/theme.h"

namespace bufferlab {

namespace {

// Card facts side by side, moving to the next line where a narrow card would clip them.
void draw_flowing_facts(const std::vector<std::string>& facts) {
  const float right_edge = ImGui::GetWindowContentRegionMax().x;
  const float gap = ImGui::CalcTextSize("  ").x;
  for (std::size_t i = 0; i < facts.size(); ++i) {
    if (i > 0) {
      ImGui::SameLine(0.0f, gap);
      if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(facts[i].c_str()).x > right_edge)
        ImGui::NewLine();
    }
    ImGui::TextDisabled("%s", facts[i].c_str());
  }
}

int decimal_digits(std::int64_t value) {
  int digits = 1;
  while (value >= 10) {
    value /= 10;
    ++digits;
  }
  return digits;
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

// Fits text into `chars` characters, marking the cut.
std::string clip(const std::string& text, int chars) {
  if (static_cast<int>(text.size()) <= chars) return text;
  if (chars <= 2) return text.substr(0, static_cast<std::size_t>(std::max(chars, 0)));
  return text.substr(0, static_cast<std::size_t>(chars - 2)) + "..";
}

std::string index_text(const std::vector<std::int64_t>& index) {
  std::string text = "[";
  for (std::size_t k = 0; k < index.size(); ++k) {
    if (k) text += ", ";
    text += std::to_string(index[k]);
  }
  return text + "]";
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

void ViewsPane::reveal(const AppState& state, int view, std::int64_t flat) {
  if (view < 0 || view >= static_cast<int>(state.views.size())) return;
  const BufferFacts& f = state.views[view].facts;
  if (flat < 0 || flat >= f.element_count()) return;
  CardUi& ui = cards_[state.views[view].name];
  scroll_to_card_ = state.views[view].name;
  if (f.ndim <= 1) {
    ui.rows.jump_to(flat / std::max<std::int64_t>(ui.per_row, 1));
    return;
  }
  const auto index = index_of_flat(f, flat);
  ui.leading.assign(index.begin(), index.end() - 2);
  ui.rows.jump_to(index[f.ndim - 2]);
  ui.first_column = index[f.ndim - 1];
}

ViewsPane::Grid ViewsPane::grid_for(const DisplayView& view, CardUi& ui, float width,
                                                  std::int64_t row_budget) const {
  Grid grid;
  const float char_width = ImGui::CalcTextSize("0").x;
  grid.row_height = ImGui::GetTextLineHeight() + std::max(3.0f, ImGui::GetFontSize() * 0.25f);
  grid.cell_width = char_width * static_cast<float>(value_chars(view) + 1);
  const BufferFacts& f = view.facts;
  const float usable = width - RowScroller::kBarWidth - 4.0f;
  if (f.ndim <= 1) {
    const std::int64_t n = f.ndim == 0 ? 1 : f.shape[0];
    grid.label_width = char_width * static_cast<float>(decimal_digits(std::max<std::int64_t>(n - 1, 0)) + 2);
    grid.per_row = 1;
    for (std::int64_t k : {16, 8, 4, 2}) {
      if (grid.label_width + grid.cell_width * static_cast<float>(k) <= usable) {
        grid.per_row = k;
        break;
      }
    }
    // No wider than needed: five elements fill one row of five.
    while (grid.per_row > 1 && grid.per_row / 2 >= n) grid.per_row /= 2;
    grid.rows = std::max<std::int64_t>(1, (n + grid.per_row - 1) / grid.per_row);
    grid.columns = grid.per_row;
    grid.one_dimensional = true;
  } else {
    grid.one_dimensional = false;
    grid.rows = f.shape[f.ndim - 2];
    grid.columns = f.shape[f.ndim - 1];
    grid.label_width = char_width * static_cast<float>(decimal_digits(std::max<std::int64_t>(grid.rows - 1, 0)) + 2);
  }
  grid.shown_rows = std::min(grid.rows, std::max<std::int64_t>(row_budget, 1));
  const auto fit = static_cast<std::int64_t>((usable - grid.label_width) / grid.cell_width);
  ui.first_column = std::clamp<std::int64_t>(ui.first_column, 0, std::max<std::int64_t>(0, grid.columns - std::max<std::int64_t>(fit, 1)));
  grid.shown_columns = std::clamp<std::int64_t>(fit, 1, std::max<std::int64_t>(grid.columns - ui.first_column, 1));
  if (grid.one_dimensional) ui.first_column = 0;
  return grid;
}

std::int64_t ViewsPane::flat_of_cell(const DisplayView& view, const CardUi& ui,
                                            const Grid& grid, std::int64_t row,
                                            std::int64_t column) const {
  const BufferFacts& f = view.facts;
  if (f.ndim == 0) return (row == 0 && column == 0) ? 0 : -1;
  if (grid.one_dimensional) {
    const std::int64_t flat = row * grid.per_row + column;
    return (column < grid.per_row && flat < f.shape[0]) ? flat : -1;
  }
  if (row >= grid.rows || column >= grid.columns) return -1;
  std::int64_t flat = 0;
  for (int k = 0; k < f.ndim - 2; ++k) {
    const std::int64_t i = k < static_cast<int>(ui.leading.size()) ? ui.leading[k] : 0;
    flat = flat * f.shape[k] + i;
  }
  return (flat * grid.rows + row) * grid.columns + column;
}

void ViewsPane::draw_content(PaneContext& context) {
  const AppState& state = context.state;
  if (state.views.empty()) {
    ImGui::TextDisabled("Names that export a buffer appear here, one card each.");
    return;
  }
  ImGui::BeginChild("##cards", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
  const float row_height = ImGui::GetTextLineHeight() + std::max(3.0f, ImGui::GetFontSize() * 0.25f);
  const float card_overhead = ImGui::GetFrameHeightWithSpacing() * 2.0f + row_height * 1.5f;
  const float per_card = ImGui::GetContentRegionAvail().y / static_cast<float>(state.views.size());
  const std::int64_t budget = std::clamp<std::int64_t>(
      static_cast<std::int64_t>((per_card - card_overhead) / row_height), 3, 12);
  bool wheel_used = false;
  for (std::size_t v = 0; v < state.views.size(); ++v) {
    ImGui::PushID(static_cast<int>(v));
    draw_card(context, static_cast<int>(v), ImGui::GetContentRegionAvail().x, budget, &wheel_used);
    ImGui::PopID();
  }
  // The wheel scrolls the list of cards unless a table took it.
  const ImGuiIO& io = ImGui::GetIO();
  if (!wheel_used && io.MouseWheel != 0.0f && ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows))
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseWheel * row_height * 3.0f);
  ImGui::EndChild();
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
  if (scroll_to_card_ == view.name) {
    ImGui::SetScrollHereY(0.0f);
    scroll_to_card_.clear();
  }
  const ImVec2 card_top = ImGui::GetCursorScreenPos();
  const float swatch = ImGui::GetTextLineHeight() * 0.8f;
  ImGui::AlignTextToFramePadding();
  ImGui::Dummy(ImVec2(swatch, swatch));
  const ImVec2 swatch_min(card_top.x, card_top.y + (ImGui::GetFrameHeight() - swatch) * 0.5f);
  draw->AddRectFilled(swatch_min, ImVec2(swatch_min.x + swatch, swatch_min.y + swatch), view.colour, 3.0f);
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(view.colour));
  if (ImGui::Selectable(view.name.c_str(), selected, 0, ImVec2(ImGui::CalcTextSize(view.name.c_str()).x, 0)))
    context.commands.push(SelectView{view_index});
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::TextDisabled("%s", view.type_name.c_str());
  ImGui::SameLine();
  if (f.readonly)
    ImGui::TextColored(theme_colours().readonly, "read-only");
  else
    ImGui::TextColored(theme_colours().writable, "writable");
  if (view.is_reinterpretation()) {
    ImGui::SameLine();
    if (ImGui::SmallButton("remove")) context.commands.push(RemoveReinterpretation{view_index});
  }
  draw_flowing_facts({"format '" + f.format + "'", "itemsize " + std::to_string(f.itemsize),
                      "shape " + format_shape(f.shape), "strides " + format_shape(f.strides)});
  if (!view.is_reinterpretation()) draw_export_notes(context, view.name);
  if (!view.format) {
    ImGui::TextColored(theme_colours().failure, "cannot decode: %s", view.format_error.c_str());
    ImGui::Separator();
    return;
  }
  if (f.element_count() == 0) {
    ImGui::TextDisabled("(no elements)");
    ImGui::Separator();
    return;
  }

  // N-D: pick the leading indices; the table shows the last two dimensions.
  if (f.ndim > 2) {
    ui.leading.resize(static_cast<std::size_t>(f.ndim - 2), 0);
    for (int k = 0; k < f.ndim - 2; ++k) {
      ImGui::PushID(k);
      ImGui::SetNextItemWidth(std::min(160.0f * context.ui_scale, width / static_cast<float>(f.ndim - 1)));
      const std::int64_t lo = 0, hi = f.shape[k] - 1;
      char label[32];
      std::snprintf(label, sizeof label, "dim %d", k);
      ImGui::SliderScalar(label, ImGuiDataType_S64, &ui.leading[k], &lo, &hi);
      ui.leading[k] = std::clamp(ui.leading[k], lo, hi);
      ImGui::PopID();
      if (k + 1 < f.ndim - 2) ImGui::SameLine();
    }
  }

  Grid grid = grid_for(view, ui, width, row_budget);
  ui.per_row = grid.per_row;
  const ImVec2 header_at = ImGui::GetCursorScreenPos();
  const ImVec2 table_min(header_at.x, header_at.y + grid.row_height);
  const float table_height = static_cast<float>(grid.shown_rows) * grid.row_height;
  const float cells_right = table_min.x + grid.label_width + grid.cell_width * static_cast<float>(grid.shown_columns);
  const ImVec2 table_max(cells_right, table_min.y + table_height);
  const ImVec2 bar_min(std::min(cells_right + 4.0f, header_at.x + width - RowScroller::kBarWidth), table_min.y);
  const bool wheel_before = ImGui::GetIO().MouseWheel != 0.0f;
  const std::int64_t top_before = ui.rows.top_row();
  ui.rows.paging_keys = !state.lesson_takes_paging_keys();
  if (grid.rows > grid.shown_rows)
    ui.rows.update("rows", grid.rows, grid.shown_rows, table_min, table_max, bar_min,
                   ImVec2(bar_min.x + RowScroller::kBarWidth, table_max.y));
  else
    ui.rows.set_top_row(0);
  if (wheel_before && (ui.rows.top_row() != top_before ||
                       (grid.rows > grid.shown_rows && ImGui::IsMouseHoveringRect(table_min, table_max))))
    *wheel_used = true;
  const std::int64_t top = ui.rows.top_row();

  // Column header: indices (1-D: offsets within the row).
  const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  char text[64];
  for (std::int64_t c = 0; c < grid.shown_columns; ++c) {
    const std::int64_t column = ui.first_column + c;
    if (grid.one_dimensional && grid.rows == 1 && column >= (f.ndim == 0 ? 1 : f.shape[0])) break;
    if (grid.one_dimensional && grid.rows > 1)
      std::snprintf(text, sizeof text, "+%" PRId64, column);
    else
      std::snprintf(text, sizeof text, "%" PRId64, column);
    draw->AddText(ImVec2(table_min.x + grid.label_width + grid.cell_width * static_cast<float>(c) + 3.0f, header_at.y),
                  dim, text);
  }

  // Decode the visible cells inside one read of the region.
  const std::int64_t cell_count = grid.shown_rows * grid.shown_columns;
  std::vector<std::string> texts(static_cast<std::size_t>(cell_count));
  std::vector<std::int64_t> flats(static_cast<std::size_t>(cell_count), -1);
  for (std::int64_t r = 0; r < grid.shown_rows; ++r)
    for (std::int64_t c = 0; c < grid.shown_columns; ++c)
      flats[r * grid.shown_columns + c] = flat_of_cell(view, ui, grid, top + r, ui.first_column + c);
  std::int64_t key = top * 1000003 + ui.first_column * 7919 + grid.per_row;
  for (std::int64_t i : ui.leading) key = key * 31 + i;
  bool live = false;
  if (state.memory && !state.cell_running) {
    const Region& region = state.snapshot.regions[view.region];
    const auto error = state.memory->read_region(view.region, [&](const std::uint8_t* base) {
      for (std::size_t i = 0; i < flats.size(); ++i) {
        if (flats[i] < 0) continue;
        const std::uint8_t* element = base + (element_address(view, flats[i]) - region.address);
        texts[i] = python_repr(decode_element(*view.format, element));
      }
    });
    live = !error.has_value();
    if (live) {
      ui.cached = texts;
      ui.cached_key = key;
    }
  } else if (ui.cached_key == key && ui.cached.size() == texts.size()) {
    texts = ui.cached;
  }

  // Rows: label, then cells with highlight, selection and hover.
  const ImU32 text_colour = live ? ImGui::GetColorU32(ImGuiCol_Text) : theme_colours().greyed_text;
  const int cell_chars = std::max(1, static_cast<int>(grid.cell_width / ImGui::CalcTextSize("0").x) - 1);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool table_hovered = ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(table_min, table_max) &&
                             !(ImGui::IsAnyItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left));
  std::int64_t hovered_flat = -1;
  std::string hovered_text;
  for (std::int64_t r = 0; r < grid.shown_rows; ++r) {
    const float y = table_min.y + static_cast<float>(r) * grid.row_height;
    const std::int64_t row = top + r;
    std::snprintf(text, sizeof text, "%" PRId64, grid.one_dimensional ? row * grid.per_row : row);
    draw->AddText(ImVec2(table_min.x, y), dim, text);
    for (std::int64_t c = 0; c < grid.shown_columns; ++c) {
      const std::size_t i = static_cast<std::size_t>(r * grid.shown_columns + c);
      const std::int64_t flat = flats[i];
      if (flat < 0) continue;
      const ImVec2 cell_min(table_min.x + grid.label_width + grid.cell_width * static_cast<float>(c), y);
      const ImVec2 cell_max(cell_min.x + grid.cell_width - 2.0f, y + grid.row_height - 2.0f);
      const bool highlighted = state.highlight.has_element(view_index, flat);
      const bool is_source = state.highlight.source.kind == HighlightSource::Kind::Element &&
                             state.highlight.source.element == ElementRef{view_index, flat};
      draw->AddRectFilled(cell_min, cell_max, with_alpha(view.colour, highlighted ? 0.55f : 0.12f));
      if (is_source) draw->AddRect(cell_min, cell_max, theme_colours().source_outline, 2.0f, 0, 1.5f);
      if (selected && state.selected_element == flat)
        draw->AddRect(cell_min, cell_max, view.colour, 2.0f, 0, 2.0f);
      const bool editing_here = edit_.active && edit_.view == view_index && edit_.flat == flat;
      const std::string& value = texts[i].empty() && !live ? std::string("..") : texts[i];
      if (!editing_here)
        draw->AddText(ImVec2(cell_min.x + 3.0f, y + 1.0f), text_colour, clip(value, cell_chars).c_str());
      if (context.probe && ImGui::IsRectVisible(cell_min, cell_min) && ImGui::IsRectVisible(cell_max, cell_max))
        context.probe->elements.push_back({view_index, flat, texts[i], highlighted, cell_min, cell_max});
      if (table_hovered && mouse.x >= cell_min.x && mouse.x < cell_max.x + 2.0f && mouse.y >= cell_min.y &&
          mouse.y < cell_max.y + 2.0f) {
        hovered_flat = flat;
        hovered_text = texts[i];
      }
    }
  }

  if (hovered_flat >= 0) {
    const HighlightSource hovered = HighlightSource::of_element(view_index, hovered_flat);
    context.commands.push(ReportHover{hovered});
    const auto index = index_of_flat(f, hovered_flat);
    const std::int64_t offset = offset_of_flat(f, hovered_flat);
    if (!edit_.active)
      ImGui::SetTooltip("%s%s = %s\nbuf + %" PRId64 " = %s\nclick to pin%s", view.name.c_str(),
                        index_text(index).c_str(), hovered_text.empty() ? "?" : hovered_text.c_str(),
                        offset, format_address(element_address(view, hovered_flat)).c_str(),
                        f.readonly ? " (read-only)" : ", double-click to edit");
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && !state.cell_running && live) {
      edit_ = {};
      edit_.active = true;
      edit_.focus_pending = true;
      edit_.view = view_index;
      edit_.flat = hovered_flat;
      for (std::size_t i = 0; i < flats.size(); ++i)
        if (flats[i] == hovered_flat) std::snprintf(edit_.text, sizeof edit_.text, "%s", texts[i].c_str());
      context.commands.push(SelectView{view_index, hovered_flat});
      context.commands.push(PinHighlight{hovered});
    } else if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      context.commands.push(SelectView{view_index, hovered_flat});
      context.commands.push(PinHighlight{hovered, true});
    }
  }

  // The element editor over its cell.
  if (edit_.active && edit_.view == view_index) {
    std::int64_t cell = -1;
    for (std::size_t i = 0; i < flats.size(); ++i)
      if (flats[i] == edit_.flat) cell = static_cast<std::int64_t>(i);
    if (cell < 0 || state.cell_running) {
      edit_.active = false;
    } else {
      const std::int64_t r = cell / grid.shown_columns, c = cell % grid.shown_columns;
      const ImVec2 saved = ImGui::GetCursorScreenPos();
      ImGui::SetCursorScreenPos(ImVec2(table_min.x + grid.label_width + grid.cell_width * static_cast<float>(c),
                                       table_min.y + static_cast<float>(r) * grid.row_height - 1.0f));
      ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(3.0f, 0.0f));
      ImGui::PushStyleColor(ImGuiCol_FrameBg, theme_colours().edit_field);
      ImGui::SetNextItemWidth(std::max(grid.cell_width, 90.0f * context.ui_scale));
      if (edit_.focus_pending) ImGui::SetKeyboardFocusHere();
      const bool entered = ImGui::InputText("##element_edit", edit_.text, sizeof edit_.text,
                                            ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
      const bool active = ImGui::IsItemActive();
      ImGui::PopStyleColor();
      ImGui::PopStyleVar();
      ImGui::SetCursorScreenPos(saved);
      if (entered) {
        context.commands.push(WriteElement{view_index, index_of_flat(f, edit_.flat), edit_.text});
        edit_.active = false;
      } else if (!active && !edit_.focus_pending) {
        edit_.active = false;
      }
      edit_.focus_pending = false;
    }
  }

  // A refused edit is explained under its cell.
  if (state.refusal && state.refusal->where.kind == HighlightSource::Kind::Element &&
      state.refusal->where.element.view == view_index) {
    for (std::size_t i = 0; i < flats.size(); ++i) {
      if (flats[i] != state.refusal->where.element.flat) continue;
      const std::int64_t r = static_cast<std::int64_t>(i) / grid.shown_columns;
      const std::int64_t c = static_cast<std::int64_t>(i) % grid.shown_columns;
      const ImVec2 at(table_min.x + grid.label_width + grid.cell_width * static_cast<float>(c),
                      table_min.y + static_cast<float>(r + 1) * grid.row_height);
      draw_refusal_note(state.refusal->message, at);
    }
  }

  // 2-D wider than the pane: choose the first column shown.
  float below = table_min.y + table_height + 2.0f;
  if (!grid.one_dimensional && grid.columns > grid.shown_columns) {
    ImGui::SetCursorScreenPos(ImVec2(table_min.x, below));
    ImGui::SetNextItemWidth(std::min(width * 0.6f, 300.0f * context.ui_scale));
    const std::int64_t lo = 0, hi = grid.columns - grid.shown_columns;
    ImGui::SliderScalar("first column", ImGuiDataType_S64, &ui.first_column, &lo, &hi);
    below = ImGui::GetCursorScreenPos().y;
  }
  ImGui::SetCursorScreenPos(ImVec2(card_top.x, below + 2.0f));
  ImGui::Dummy(ImVec2(width, 1.0f));
  ImGui::Separator();
}

}  // namespace bufferlab

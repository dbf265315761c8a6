// The element table: asks for the texts of the visible cells only, once a frame, and keeps the
// last ones to show greyed while they cannot be read.
#include "app/widgets/element_table.h"
#include "app/widgets/colours.h"
#include "app/widgets/ui_record.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

namespace bufferlab {

namespace {

int decimal_digits(std::int64_t value) {
  int digits = 1;
  while (value >= 10) {
    value /= 10;
    ++digits;
  }
  return digits;
}

// Fits text into `chars` characters, marking the cut.
std::string clip(const std::string& text, int chars) {
  if (static_cast<int>(text.size()) <= chars) return text;
  if (chars <= 2) return text.substr(0, static_cast<std::size_t>(std::max(chars, 0)));
  return text.substr(0, static_cast<std::size_t>(chars - 2)) + "..";
}

}  // namespace

void ElementTableSource::tooltip(std::int64_t element, const std::string& text) {
  ImGui::SetTooltip("[%" PRId64 "] = %s", element, text.empty() ? "?" : text.c_str());
}

float ElementTable::row_height() {
  return ImGui::GetTextLineHeight() + std::max(3.0f, ImGui::GetFontSize() * 0.25f);
}

ElementTableMetrics ElementTable::metrics(const ElementTableShape& shape, float width,
                                          std::int64_t max_rows) const {
  ElementTableMetrics m;
  m.char_width = ImGui::CalcTextSize("0").x;
  m.row_height = row_height();
  m.cell_width = m.char_width * static_cast<float>(value_chars + 1);
  const float usable = width - RowScroller::kBarWidth - 4.0f;
  m.flowing = shape.flowing;
  if (shape.flowing) {
    const std::int64_t n = shape.count;
    m.label_width = m.char_width * static_cast<float>(decimal_digits(std::max<std::int64_t>(n - 1, 0)) + 2);
    m.per_row = 1;
    for (std::int64_t k : {16, 8, 4, 2}) {
      if (m.label_width + m.cell_width * static_cast<float>(k) <= usable) {
        m.per_row = k;
        break;
      }
    }
    // No wider than needed: five elements fill one row of five.
    while (m.per_row > 1 && m.per_row / 2 >= n) m.per_row /= 2;
    m.rows = std::max<std::int64_t>(1, (n + m.per_row - 1) / m.per_row);
    m.columns = m.per_row;
  } else {
    m.rows = shape.rows;
    m.columns = shape.columns;
    m.label_width = m.char_width * static_cast<float>(decimal_digits(std::max<std::int64_t>(m.rows - 1, 0)) + 2);
  }
  m.shown_rows = m.rows <= whole_rows ? m.rows : std::min(m.rows, std::max<std::int64_t>(max_rows, 1));
  const auto fit = static_cast<std::int64_t>((usable - m.label_width) / m.cell_width);
  m.first_column = std::clamp<std::int64_t>(first_column_, 0, std::max<std::int64_t>(0, m.columns - std::max<std::int64_t>(fit, 1)));
  m.shown_columns = std::clamp<std::int64_t>(fit, 1, std::max<std::int64_t>(m.columns - m.first_column, 1));
  if (shape.flowing) m.first_column = 0;
  m.cell_chars = std::max(1, static_cast<int>(m.cell_width / ImGui::CalcTextSize("0").x) - 1);
  return m;
}

std::int64_t ElementTable::element_at(const ElementTableShape& shape, const ElementTableMetrics& m,
                                      std::int64_t row, std::int64_t column) const {
  if (shape.flowing) {
    const std::int64_t element = row * m.per_row + column;
    return (column < m.per_row && element < shape.count) ? element : -1;
  }
  if (row >= m.rows || column >= m.columns) return -1;
  return shape.first + row * m.columns + column;
}

bool ElementTable::hovered_row(ImVec2* min, ImVec2* max) const {
  if (hovered_cell_ < 0 || drawn_.shown_columns <= 0) return false;
  const float top = table_min_.y + static_cast<float>(hovered_cell_ / drawn_.shown_columns) * drawn_.row_height;
  *min = ImVec2(table_min_.x, top);
  *max = ImVec2(table_min_.x + drawn_.label_width + drawn_.cell_width * static_cast<float>(drawn_.shown_columns),
                top + drawn_.row_height);
  return true;
}

bool ElementTable::below_cell(std::int64_t element, ImVec2* at) const {
  for (std::size_t i = 0; i < elements_.size(); ++i) {
    if (elements_[i] != element) continue;
    const std::int64_t r = static_cast<std::int64_t>(i) / drawn_.shown_columns;
    const std::int64_t c = static_cast<std::int64_t>(i) % drawn_.shown_columns;
    *at = ImVec2(table_min_.x + drawn_.label_width + drawn_.cell_width * static_cast<float>(c),
                 table_min_.y + static_cast<float>(r + 1) * drawn_.row_height);
    return true;
  }
  return false;
}

void ElementTable::draw(ElementTableSource& source, const ElementTableShape& shape, float width,
                        std::int64_t max_rows) {
  const ElementTableMetrics m = metrics(shape, width, max_rows);
  first_column_ = m.first_column;
  per_row_ = m.per_row;
  drawn_ = m;
  const ImVec2 header_at = ImGui::GetCursorScreenPos();
  const ImVec2 table_min(header_at.x, header_at.y + m.row_height);
  table_min_ = table_min;
  const float table_height = static_cast<float>(m.shown_rows) * m.row_height;
  const float cells_right = table_min.x + m.label_width + m.cell_width * static_cast<float>(m.shown_columns);
  const ImVec2 table_max(cells_right, table_min.y + table_height);
  const ImVec2 bar_min(std::min(cells_right + 4.0f, header_at.x + width - RowScroller::kBarWidth), table_min.y);
  const bool wheel_before = ImGui::GetIO().MouseWheel != 0.0f;
  const std::int64_t top_before = rows_.top_row();
  rows_.paging_keys = paging_keys;
  if (m.rows > m.shown_rows)
    rows_.update("rows", m.rows, m.shown_rows, table_min, table_max, bar_min,
                 ImVec2(bar_min.x + RowScroller::kBarWidth, table_max.y));
  else
    rows_.set_top_row(0);
  took_wheel_ = wheel_before && rows_.top_row() != top_before;
  const std::int64_t top = rows_.top_row();
  draw_headers(shape, m, header_at);

  // Ask for the visible cells' texts in one read.
  const std::size_t cell_count = static_cast<std::size_t>(m.shown_rows * m.shown_columns);
  texts_.assign(cell_count, std::string());
  elements_.assign(cell_count, -1);
  for (std::int64_t r = 0; r < m.shown_rows; ++r)
    for (std::int64_t c = 0; c < m.shown_columns; ++c)
      elements_[static_cast<std::size_t>(r * m.shown_columns + c)] = element_at(shape, m, top + r, m.first_column + c);
  const CacheKey key{top, m.first_column, m.per_row, shape.first};
  const ElementRead result = source.read(elements_, texts_);
  const bool live = result == ElementRead::Ok;
  if (live) {
    cached_ = texts_;
    cached_key_ = key;
  } else if (result == ElementRead::Busy && cached_key_ == key && cached_.size() == texts_.size()) {
    texts_ = cached_;
  }

  const std::int64_t hovered = draw_cells(source, m, live);
  hovered_cell_ = hovered;
  if (hovered >= 0) {
    const std::string& hovered_text = texts_[static_cast<std::size_t>(hovered)];
    const std::int64_t element = elements_[static_cast<std::size_t>(hovered)];
    source.on_hover(element);
    if (!edit_.active) source.tooltip(element, hovered_text);
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && editable && live) {
      edit_ = {};
      edit_.active = true;
      edit_.focus_pending = true;
      edit_.element = element;
      std::snprintf(edit_.text, sizeof edit_.text, "%s", hovered_text.c_str());
      source.on_edit_start(element);
    } else if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
      source.on_click(element);
    } else if (ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
      source.on_right_click(element);
    }
  }
  draw_editor(source, m);

  // A grid wider than the table: choose the first column shown.
  float below = table_min.y + table_height + 2.0f;
  if (!shape.flowing && m.columns > m.shown_columns) {
    ImGui::SetCursorScreenPos(ImVec2(table_min.x, below));
    // Its label stays inside the table's width.
    const float label_width = ImGui::CalcTextSize("first column").x + ImGui::GetStyle().ItemInnerSpacing.x;
    ImGui::SetNextItemWidth(std::max(ImGui::GetFontSize() * 3.0f, std::min(width - label_width, column_slider_width)));
    const std::int64_t lo = 0, hi = m.columns - m.shown_columns;
    ImGui::SliderScalar("first column", ImGuiDataType_S64, &first_column_, &lo, &hi);
    record_item("first column");
    below = ImGui::GetCursorScreenPos().y;
  }
  ImGui::SetCursorScreenPos(ImVec2(header_at.x, below + 2.0f));
  ImGui::Dummy(ImVec2(width, 1.0f));
}

// Column headers: indices (a list: offsets within the row).
void ElementTable::draw_headers(const ElementTableShape& shape, const ElementTableMetrics& m, ImVec2 at) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  char text[64];
  for (std::int64_t c = 0; c < m.shown_columns; ++c) {
    const std::int64_t column = m.first_column + c;
    if (shape.flowing && m.rows == 1 && column >= shape.count) break;
    if (shape.flowing && m.rows > 1)
      std::snprintf(text, sizeof text, "+%" PRId64, column);
    else
      std::snprintf(text, sizeof text, "%" PRId64, column);
    draw->AddText(ImVec2(at.x + m.label_width + m.cell_width * static_cast<float>(c) + 3.0f, at.y), dim, text);
  }
}

// Rows: label, then cells with their marks. Returns the hovered cell's index, or -1.
std::int64_t ElementTable::draw_cells(ElementTableSource& source, const ElementTableMetrics& m, bool live) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  const ImU32 text_colour = live ? ImGui::GetColorU32(ImGuiCol_Text) : colours.greyed_text;
  const ImVec2 table_min = table_min_;
  const ImVec2 table_max(table_min.x + m.label_width + m.cell_width * static_cast<float>(m.shown_columns),
                         table_min.y + static_cast<float>(m.shown_rows) * m.row_height);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool table_hovered = ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(table_min, table_max) &&
                             !(ImGui::IsAnyItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left));
  const std::int64_t top = rows_.top_row();
  const std::string not_read("..");
  std::int64_t hovered = -1;
  char text[64];
  for (std::int64_t r = 0; r < m.shown_rows; ++r) {
    const float y = table_min.y + static_cast<float>(r) * m.row_height;
    const std::int64_t row = top + r;
    std::snprintf(text, sizeof text, "%" PRId64, m.flowing ? row * m.per_row : row);
    draw->AddText(ImVec2(table_min.x, y), dim, text);
    for (std::int64_t c = 0; c < m.shown_columns; ++c) {
      const std::size_t i = static_cast<std::size_t>(r * m.shown_columns + c);
      const std::int64_t element = elements_[i];
      if (element < 0) continue;
      const ImVec2 cell_min(table_min.x + m.label_width + m.cell_width * static_cast<float>(c), y);
      const ImVec2 cell_max(cell_min.x + m.cell_width - 2.0f, y + m.row_height - 2.0f);
      const ElementCellStyle style = source.style(element);
      draw->AddRectFilled(cell_min, cell_max, with_alpha(colour, style.highlighted ? 0.55f : 0.12f));
      if (style.source) draw->AddRect(cell_min, cell_max, colours.source_outline, 2.0f, 0, 1.5f);
      if (style.selected) draw->AddRect(cell_min, cell_max, colour, 2.0f, 0, 2.0f);
      const std::string& value = texts_[i].empty() && !live ? not_read : texts_[i];
      if (!(edit_.active && edit_.element == element))
        draw->AddText(ImVec2(cell_min.x + 3.0f, y + 1.0f), text_colour, clip(value, m.cell_chars).c_str());
      source.on_cell_drawn({element, &texts_[i], &style, cell_min, cell_max});
      if (table_hovered && mouse.x >= cell_min.x && mouse.x < cell_max.x + 2.0f && mouse.y >= cell_min.y &&
          mouse.y < cell_max.y + 2.0f)
        hovered = static_cast<std::int64_t>(i);
    }
  }
  return hovered;
}

// The element editor over its cell: Enter writes, Escape or a click elsewhere closes it.
void ElementTable::draw_editor(ElementTableSource& source, const ElementTableMetrics& m) {
  if (!edit_.active) return;
  std::int64_t cell = -1;
  for (std::size_t i = 0; i < elements_.size(); ++i)
    if (elements_[i] == edit_.element) cell = static_cast<std::int64_t>(i);
  if (cell < 0 || !editable) {
    edit_.active = false;
    return;
  }
  const std::int64_t r = cell / m.shown_columns, c = cell % m.shown_columns;
  const ImVec2 saved = ImGui::GetCursorScreenPos();
  // Over its cell, moved left where a field wider than the cell would pass the window's edge.
  const float editor_width = std::max(m.cell_width, editor_min_width);
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  const float x = table_min_.x + m.label_width + m.cell_width * static_cast<float>(c);
  ImGui::SetCursorScreenPos(ImVec2(std::max(table_min_.x, std::min(x, right - editor_width)),
                                   table_min_.y + static_cast<float>(r) * m.row_height - 1.0f));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(3.0f, 0.0f));
  ImGui::PushStyleColor(ImGuiCol_FrameBg, colours.edit_field);
  ImGui::SetNextItemWidth(editor_width);
  if (edit_.focus_pending) ImGui::SetKeyboardFocusHere();
  const bool entered = ImGui::InputText("##element_edit", edit_.text, sizeof edit_.text,
                                        ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
  record_item("element editor");
  const bool active = ImGui::IsItemActive();
  ImGui::PopStyleColor();
  ImGui::PopStyleVar();
  ImGui::SetCursorScreenPos(saved);
  if (entered) {
    source.on_write(edit_.element, edit_.text);
    edit_.active = false;
  } else if (!active && !edit_.focus_pending) {
    edit_.active = false;
  }
  edit_.focus_pending = false;
}

}  // namespace bufferlab

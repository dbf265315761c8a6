// Menu bar, Open lesson dialog, window-wide shortcuts, the presets' placement of the panes with
// the splitters between them, and the focus on one pane.
#include "app/window/window_chrome.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <utility>

#include "app/widgets/ui_record.h"
#include "app/window/key_help.h"
#include "app/window/keys.h"

namespace bufferlab {

namespace {

constexpr float kGap = 6.0f;  // between panes: the splitters' width

// A bar between two panes, dragged along x (`vertical`) or y. Returns how far it moved this frame
// and sets `released` when a drag ended.
float splitter(bool vertical, const ImVec2& min, const ImVec2& max, bool* released) {
  ImGui::SetCursorScreenPos(min);
  ImGui::InvisibleButton("##splitter", ImVec2(std::max(1.0f, max.x - min.x), std::max(1.0f, max.y - min.y)));
  const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
  if (hovered || active) ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
  ImGui::GetWindowDrawList()->AddRectFilled(
      min, max,
      ImGui::GetColorU32(active ? ImGuiCol_SeparatorActive : hovered ? ImGuiCol_SeparatorHovered : ImGuiCol_Separator,
                         active || hovered ? 1.0f : 0.35f));
  if (ImGui::IsItemDeactivated()) *released = true;
  if (!active) return 0.0f;
  return vertical ? ImGui::GetIO().MouseDelta.x : ImGui::GetIO().MouseDelta.y;
}

// Splits `length` in proportion to `shares` with no part under `minimum` when the length allows
// it: a part that would be smaller gets the minimum and the rest is divided again. A length too
// short for every minimum is split evenly.
std::vector<float> split_length(float length, const std::vector<float>& shares, float minimum) {
  const std::size_t count = shares.size();
  if (count == 0) return {};
  if (length <= minimum * static_cast<float>(count)) return std::vector<float>(count, length / static_cast<float>(count));
  std::vector<bool> at_minimum(count, false);
  std::vector<float> parts(count, minimum);
  for (std::size_t pass = 0; pass < count; ++pass) {
    float free_length = length, free_shares = 0.0f;
    for (std::size_t i = 0; i < count; ++i) {
      if (at_minimum[i])
        free_length -= minimum;
      else
        free_shares += shares[i];
    }
    bool changed = false;
    for (std::size_t i = 0; i < count; ++i) {
      if (at_minimum[i]) continue;
      parts[i] = free_shares > 0.0f ? free_length * shares[i] / free_shares : minimum;
      if (parts[i] < minimum) {
        parts[i] = minimum;
        at_minimum[i] = changed = true;
      }
    }
    if (!changed) break;
  }
  return parts;
}

// A drag of the bar after part `i` by `delta` pixels: the two neighbours trade size, neither
// going under `minimum`, and their shares take the new ratio (the other parts keep theirs).
void move_share(std::vector<float>& shares, const std::vector<float>& sizes, int i, float delta, float minimum) {
  const std::size_t a = static_cast<std::size_t>(i), b = a + 1;
  if (b >= sizes.size() || b >= shares.size()) return;
  delta = std::clamp(delta, std::min(0.0f, minimum - sizes[a]), std::max(0.0f, sizes[b] - minimum));
  if (delta == 0.0f) return;
  const float pair = shares[a] + shares[b], both = sizes[a] + sizes[b];
  shares[a] = pair * (sizes[a] + delta) / both;
  shares[b] = pair * (sizes[b] - delta) / both;
}

// A menu entry, recorded for the frame's UI record.
bool menu_item(const char* label, const char* shortcut = nullptr, bool selected = false, bool enabled = true) {
  const bool chosen = ImGui::MenuItem(label, shortcut, selected, enabled);
  record_item(label);
  return chosen;
}

// A menu's header, recorded while the menu is closed (once it opens, ImGui's last item is the
// menu's own window).
bool begin_menu(const char* label, bool enabled = true) {
  const bool open = ImGui::BeginMenu(label, enabled);
  if (!open) record_item(label);
  return open;
}

}  // namespace

void WindowChrome::handle_shortcuts(const AppState& state, CommandQueue& commands, bool field_can_undo) {
  const ImGuiIO& io = ImGui::GetIO();
  const std::optional<PaneId> target = hovered_pane_ ? hovered_pane_ : keyboard_pane_;
  hovered_pane_.reset();
  keyboard_pane_.reset();
  // Ctrl+C interrupts a running cell wherever the keyboard focus is.
  if (state.cell_running && io.KeyCtrl && ImGui::IsKeyPressed(keys::C)) commands.push(InterruptCell{});
  if (!io.WantTextInput && io.KeyCtrl && ImGui::IsKeyPressed(keys::L)) commands.push(ClearTranscript{});
  // F1 types nothing, so it opens (and closes) the keys wherever the keyboard is.
  if (ImGui::IsKeyPressed(keys::F1, false)) key_help_open_ = !key_help_open_;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) && !io.WantTextInput) {
    if (key_help_open_)
      key_help_open_ = false;
    else if (focused_)
      focused_.reset();
    else
      commands.push(PinHighlight{});
  }
  // F11 types nothing, so it works while the console has the keyboard too.
  if (ImGui::IsKeyPressed(keys::F11, false)) {
    if (focused_)
      focused_.reset();
    else
      focused_ = target.value_or(PaneId::Memory);
  }
  if (io.KeyCtrl && ImGui::IsKeyPressed(keys::O, false)) open_dialog_requested_ = true;
  // F12 types nothing either: a screenshot wherever the keyboard is.
  if (ImGui::IsKeyPressed(keys::F12, false)) screenshot_requested_ = true;
  // Ctrl+Q types nothing, so it quits wherever the keyboard is.
  if (io.KeyCtrl && ImGui::IsKeyPressed(keys::Q, false)) quit_requested_ = true;
  // Undo and redo of edits, unless a text field with text of its own has the keyboard: Ctrl+Z
  // there is its own undo.
  if (io.KeyCtrl && !field_can_undo && ImGui::IsKeyPressed(keys::Z)) {
    if (io.KeyShift)
      commands.push(RedoEdit{});
    else
      commands.push(UndoEdit{});
  }

  if (!io.KeyCtrl) return;
  // Presets: Ctrl+1 / 2 / 3 (with Ctrl held, no field takes the digit as text).
  if (!io.KeyShift && !io.KeyAlt) {
    if (ImGui::IsKeyPressed(keys::One, false)) choose_preset(LayoutPreset::Lesson);
    if (ImGui::IsKeyPressed(keys::Two, false)) choose_preset(LayoutPreset::Memory);
    if (ImGui::IsKeyPressed(keys::Three, false)) choose_preset(LayoutPreset::All);
  }
  // Font zoom: Ctrl+= (also Ctrl++ and the keypad's +), Ctrl+-, Ctrl+0.
  int zoom = 2;  // none
  if (ImGui::IsKeyPressed(keys::Equal) || ImGui::IsKeyPressed(keys::KeypadPlus)) zoom = 1;
  if (ImGui::IsKeyPressed(keys::Minus) || ImGui::IsKeyPressed(keys::KeypadMinus)) zoom = -1;
  if (ImGui::IsKeyPressed(keys::Zero, false) || ImGui::IsKeyPressed(keys::KeypadZero, false)) zoom = 0;
  if (zoom != 2) {
    layout_.step_zoom(zoom);
    layout_changed_ = true;
  }
}

void WindowChrome::note_pane(PaneId pane, bool hovered, bool keyboard, bool title_double_clicked) {
  if (hovered) hovered_pane_ = pane;
  if (keyboard) keyboard_pane_ = pane;
  if (title_double_clicked) toggle_focus(pane);
}

void WindowChrome::choose_preset(LayoutPreset preset) {
  focused_.reset();
  layout_.preset = preset;
  layout_.preset_chosen = true;
  layout_changed_ = true;
}

LayoutPreset WindowChrome::shown_preset(float width, float char_width) const {
  if (layout_.preset_chosen) return layout_.preset;
  const float columns = static_cast<float>(preset_arrangements(LayoutPreset::All).front().columns.size());
  const bool all_fit = width >= columns * kStackBelowColumnChars * char_width + (columns - 1.0f) * kGap;
  return all_fit ? LayoutPreset::All : LayoutPreset::Lesson;
}

void WindowChrome::reset_layout() {
  focused_.reset();
  layout_.preset = shown_preset(ImGui::GetIO().DisplaySize.x, ImGui::CalcTextSize("0").x);
  layout_.reset_shares(layout_.preset);
  layout_changed_ = true;
}

void WindowChrome::toggle_focus(PaneId pane) {
  if (focused_ == pane)
    focused_.reset();
  else
    focused_ = pane;
}

void WindowChrome::set_theme(Theme theme) {
  apply_theme(theme);
  layout_.light = theme == Theme::Light;
}

void WindowChrome::draw_menu_bar(const AppState& state, CommandQueue& commands) {
  if (!ImGui::BeginMenuBar()) return;
  if (begin_menu("File")) {
    if (menu_item("Open lesson...", "Ctrl+O")) open_dialog_requested_ = true;
    if (begin_menu("Built-in lessons", !state.lesson.catalog.empty())) {
      for (const LessonEntry& entry : state.lesson.catalog)
        if (menu_item(entry.title.c_str())) commands.push(OpenLesson{entry.path});
      ImGui::EndMenu();
    }
    if (menu_item("Restart lesson", nullptr, false, state.lesson.lesson.has_value())) commands.push(RestartLesson{});
    if (menu_item("Save screenshot", "F12")) screenshot_requested_ = true;
    ImGui::Separator();
    if (menu_item("Quit", "Ctrl+Q")) quit_requested_ = true;
    ImGui::EndMenu();
  }
  if (begin_menu("Edit")) {
    // What would be undone, or why nothing is (greyed).
    const UndoableEdit* undo = state.undo.next_undo();
    const UndoableEdit* redo = state.undo.next_redo();
    const char* busy = state.cell_running ? " (a cell is running)" : "";
    const float widest = ImGui::GetIO().DisplaySize.x * 0.6f;  // a long typed literal is elided
    const std::string undo_label =
        undo ? elide_to_width("Undo the " + undo->what + busy, widest) : std::string("Undo (nothing to undo)");
    const std::string redo_label =
        redo ? elide_to_width("Redo the " + redo->what + busy, widest) : std::string("Redo (nothing to redo)");
    if (menu_item(undo_label.c_str(), "Ctrl+Z", false, undo && !state.cell_running)) commands.push(UndoEdit{});
    if (menu_item(redo_label.c_str(), "Ctrl+Shift+Z", false, redo && !state.cell_running)) commands.push(RedoEdit{});
    ImGui::EndMenu();
  }
  if (begin_menu("View")) {
    auto zoom = [&](int direction) {
      layout_.step_zoom(direction);
      layout_changed_ = true;
    };
    if (menu_item("Larger text", "Ctrl+=")) zoom(1);
    if (menu_item("Smaller text", "Ctrl+-")) zoom(-1);
    if (menu_item("Default text size", "Ctrl+0")) zoom(0);
    ImGui::Separator();
    const LayoutPreset preset = shown_preset(ImGui::GetIO().DisplaySize.x, ImGui::CalcTextSize("0").x);
    if (menu_item("Lesson layout: lesson, memory, views", "Ctrl+1", preset == LayoutPreset::Lesson))
      choose_preset(LayoutPreset::Lesson);
    if (menu_item("Memory layout: memory, views, Py_buffer", "Ctrl+2", preset == LayoutPreset::Memory))
      choose_preset(LayoutPreset::Memory);
    if (menu_item("All six panes", "Ctrl+3", preset == LayoutPreset::All)) choose_preset(LayoutPreset::All);
    if (menu_item("Reset layout")) reset_layout();
    if (begin_menu("Show one pane alone")) {
      for (int i = 0; i < kPaneCount; ++i) {
        const PaneId pane = static_cast<PaneId>(i);
        if (menu_item(pane_title(pane), nullptr, focused_ == pane)) toggle_focus(pane);
      }
      ImGui::Separator();
      ImGui::TextDisabled("or F11 over a pane, or double-click its title");
      ImGui::EndMenu();
    }
    if (focused_ && menu_item("Back to the layout", "Esc / F11")) focused_.reset();
    ImGui::Separator();
    if (menu_item("Light theme (for projectors)", nullptr, layout_.light)) {
      set_theme(layout_.light ? Theme::Dark : Theme::Light);
      layout_changed_ = true;
    }
    ImGui::EndMenu();
  }
  if (begin_menu("Help")) {
    if (menu_item("Keys", "F1")) key_help_open_ = true;
    ImGui::EndMenu();
  }
  if (focused_ && menu_item("Back to the layout (Esc)")) focused_.reset();
  // The zoom note takes the room left on the bar, elided when there is too little.
  char zoom_note[32];
  std::snprintf(zoom_note, sizeof zoom_note, "text %d%%", static_cast<int>(layout_.zoom * 100.0f + 0.5f));
  const float room = ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x -
                     ImGui::GetCursorScreenPos().x;
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  text_elided(zoom_note, std::max(0.0f, room));
  ImGui::PopStyleColor();
  ImGui::EndMenuBar();
}

// F1 and Help > Keys: every shortcut, with the pane it works in, from the one table.
void WindowChrome::draw_key_help() {
  if (!key_help_open_) return;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(display.x * 0.9f, display.y * 0.85f), ImGuiCond_Always);
  if (ImGui::Begin("Keys (F1 or Escape closes)", &key_help_open_,
                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                       ImGuiWindowFlags_NoResize)) {
    if (ImGui::BeginTable("keys", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY)) {
      ImGui::TableSetupScrollFreeze(0, 1);
      ImGui::TableSetupColumn("Keys", ImGuiTableColumnFlags_WidthStretch, 0.34f);
      ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthStretch, 0.46f);
      ImGui::TableSetupColumn("Where", ImGuiTableColumnFlags_WidthStretch, 0.20f);
      ImGui::TableHeadersRow();
      for (const KeyHelp& key : kKeyHelp) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", key.keys);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", key.what);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", key.where);
      }
      ImGui::EndTable();
    }
  }
  ImGui::End();
}

// File > Open...: a path typed in (lessons are files the teacher brought: .md or .ipynb).
void WindowChrome::draw_open_dialog(const AppState& state, float ui_scale) {
  if (std::exchange(open_dialog_requested_, false)) ImGui::OpenPopup("Open lesson");
  const ImVec2 centre(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.4f);
  ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal("Open lesson", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::TextUnformatted("A lesson file: Markdown (.md) or a Jupyter notebook (.ipynb).");
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const float field_width = std::min(ImGui::GetIO().DisplaySize.x * 0.6f, 640.0f * ui_scale);
  ImGui::SetNextItemWidth(field_width);
  const bool entered =
      ImGui::InputTextWithHint("##path", "path/to/lesson.md", &open_path_, ImGuiInputTextFlags_EnterReturnsTrue);
  record_item("lesson path");
  if (!state.lesson.load_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme_colours().failure);
    ImGui::PushTextWrapPos(field_width);
    ImGui::TextUnformatted(state.lesson.load_error.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  const bool open_clicked = ImGui::Button("Open");
  record_item("Open");
  const bool open = open_clicked || entered;
  // Loading a file is quick and needs no Python: done now, so the dialog can stay open with the
  // message when it fails.
  if (open && !open_path_.empty() && open_lesson_(open_path_)) ImGui::CloseCurrentPopup();
  ImGui::SameLine();
  const bool cancel_clicked = ImGui::Button("Cancel");
  record_item("Cancel");
  if (cancel_clicked || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

// The preset's arrangement with the most columns that each get kStackBelowColumnChars
// characters; the columns' widths and each column's heights from the saved shares, with every
// pane at least the legible minimum (clamped here, so shares saved at another zoom or window
// size never squeeze a pane).
PanePlacement WindowChrome::place_panes() const {
  PanePlacement placement;
  const ImGuiStyle& style = ImGui::GetStyle();
  placement.origin = ImGui::GetCursorScreenPos();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  placement.area = ImVec2(std::max(avail.x, 1.0f), std::max(avail.y, 1.0f));
  const float char_width = ImGui::CalcTextSize("0").x;
  const float frame = 2.0f * (style.WindowPadding.x + style.ChildBorderSize);
  placement.minimum = ImVec2(kMinPaneChars * char_width + frame,
                             kMinPaneLines * ImGui::GetTextLineHeight() + (kMinPaneLines - 1.0f) * style.ItemSpacing.y + frame);
  if (focused_) {
    placement.panes.push_back({*focused_, placement.origin, placement.area});
    return placement;
  }

  placement.preset = shown_preset(placement.area.x, char_width);
  const std::vector<Arrangement>& arrangements = preset_arrangements(placement.preset);
  placement.arrangement = arrangements.size() - 1;
  for (std::size_t a = 0; a < arrangements.size(); ++a) {
    const float columns = static_cast<float>(arrangements[a].columns.size());
    if (placement.area.x >= columns * kStackBelowColumnChars * char_width + (columns - 1.0f) * kGap) {
      placement.arrangement = a;
      break;
    }
  }
  const Arrangement& arrangement = arrangements[placement.arrangement];
  const PaneShares& shares = layout_.shares_of(placement.preset, placement.arrangement);
  const std::size_t column_count = arrangement.columns.size();
  placement.column_widths = split_length(placement.area.x - kGap * static_cast<float>(column_count - 1),
                                         shares.columns, placement.minimum.x);
  float x = placement.origin.x;
  for (std::size_t c = 0; c < column_count; ++c) {
    const std::vector<PaneId>& panes = arrangement.columns[c];
    const float width = placement.column_widths[c];
    placement.row_heights.push_back(split_length(placement.area.y - kGap * static_cast<float>(panes.size() - 1),
                                                 shares.rows[c], placement.minimum.y));
    float y = placement.origin.y;
    for (std::size_t r = 0; r < panes.size(); ++r) {
      const float height = placement.row_heights[c][r];
      placement.panes.push_back({panes[r], ImVec2(x, y), ImVec2(width, height)});
      if (r + 1 < panes.size())
        placement.splitters.push_back(
            {static_cast<int>(c), static_cast<int>(r), ImVec2(x, y + height), ImVec2(x + width, y + height + kGap)});
      y += height + kGap;
    }
    if (c + 1 < column_count)
      placement.splitters.push_back({static_cast<int>(c), -1, ImVec2(x + width, placement.origin.y),
                                     ImVec2(x + width + kGap, placement.origin.y + placement.area.y)});
    x += width + kGap;
  }
  return placement;
}

void WindowChrome::draw_splitters(const PanePlacement& placement) {
  if (focused_ || placement.column_widths.empty()) return;
  PaneShares& shares = layout_.shares_of(placement.preset, placement.arrangement);
  bool released = false;
  for (const PanePlacement::Splitter& bar : placement.splitters) {
    const bool between_columns = bar.row < 0;
    ImGui::PushID(bar.column * 16 + bar.row + 1);
    const float delta = splitter(between_columns, bar.min, bar.max, &released);
    ImGui::PopID();
    if (delta == 0.0f) continue;
    if (between_columns)
      move_share(shares.columns, placement.column_widths, bar.column, delta, placement.minimum.x);
    else
      move_share(shares.rows[static_cast<std::size_t>(bar.column)], placement.row_heights[static_cast<std::size_t>(bar.column)],
                 bar.row, delta, placement.minimum.y);
  }
  if (released) layout_changed_ = true;
}

}  // namespace bufferlab

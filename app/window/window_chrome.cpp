// Menu bar, file dialogs (the desktop's chooser or a typed path), window-wide shortcuts, the
// presets' placement of the panes with the splitters between them, and the focus on one pane.
#include "app/window/window_chrome.h"

#include <imgui_stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

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

void WindowChrome::handle_shortcuts(const AppState& state, CommandQueue& commands, bool field_can_undo,
                                    bool text_selected) {
  const ImGuiIO& io = ImGui::GetIO();
  const std::optional<PaneId> target = hovered_pane_ ? hovered_pane_ : keyboard_pane_;
  hovered_pane_.reset();
  keyboard_pane_.reset();
  // Ctrl+C interrupts a running cell wherever the keyboard focus is, unless it copies selected
  // transcript text (as in a terminal). Not on key repeat: a Ctrl+C held after a copy (which
  // drops the selection) must not interrupt.
  if (state.cell_running && !text_selected && io.KeyCtrl && ImGui::IsKeyPressed(keys::C, false))
    commands.push(InterruptCell{});
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
  if (io.KeyCtrl && ImGui::IsKeyPressed(keys::O, false)) request_file(FileAction::OpenLesson);
  if (io.KeyCtrl && !io.KeyShift && ImGui::IsKeyPressed(keys::S, false)) request_file(FileAction::SaveTranscript);
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
  // Presets: Ctrl+1 / 2 / 3 / 4 (with Ctrl held, no field takes the digit as text).
  if (!io.KeyShift && !io.KeyAlt) {
    if (ImGui::IsKeyPressed(keys::One, false)) choose_preset(LayoutPreset::Lesson);
    if (ImGui::IsKeyPressed(keys::Two, false)) choose_preset(LayoutPreset::Memory);
    if (ImGui::IsKeyPressed(keys::Three, false)) choose_preset(LayoutPreset::All);
    if (ImGui::IsKeyPressed(GLFW_KEY_4, false)) choose_preset(LayoutPreset::Inspect);
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
    // Greyed while the desktop's chooser is open: one at a time.
    const bool can_ask = !chooser_.running();
    if (menu_item("Open lesson...", "Ctrl+O", false, can_ask)) request_file(FileAction::OpenLesson);
    if (begin_menu("Built-in lessons", !state.lesson.catalog.empty())) {
      for (const LessonEntry& entry : state.lesson.catalog)
        if (menu_item(entry.title.c_str())) commands.push(OpenLesson{entry.path});
      ImGui::EndMenu();
    }
    if (menu_item("Restart lesson", nullptr, false, state.lesson.lesson.has_value())) commands.push(RestartLesson{});
    if (menu_item("Export notebook...", nullptr, false, can_ask)) request_file(FileAction::ExportNotebook);
    if (menu_item("Save transcript...", "Ctrl+S", false, can_ask)) request_file(FileAction::SaveTranscript);
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
    if (menu_item("Inspect layout: memory, data inspector, views", "Ctrl+4", preset == LayoutPreset::Inspect))
      choose_preset(LayoutPreset::Inspect);
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
  // While the chooser is open it says so: its window may be behind this one.
  char zoom_note[64];
  std::snprintf(zoom_note, sizeof zoom_note, "%stext %d%%", chooser_.running() ? "choosing a file...  " : "",
                static_cast<int>(layout_.zoom * 100.0f + 0.5f));
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

namespace {

const char* file_dialog_title(FileAction action) {
  switch (action) {
    case FileAction::OpenLesson: return "Open lesson";
    case FileAction::ExportNotebook: return "Export notebook";
    case FileAction::SaveTranscript: return "Save transcript";
  }
  return "";
}

// The name proposed for a new file (the chooser and the typed dialog propose the same).
const char* default_file_name(FileAction action) {
  switch (action) {
    case FileAction::OpenLesson: return "";
    case FileAction::ExportNotebook: return "bufferlab-session.ipynb";
    case FileAction::SaveTranscript: return "bufferlab-transcript.txt";
  }
  return "";
}

ChooserRequest chooser_request(FileAction action, const std::string& folder) {
  ChooserRequest request;
  request.title = file_dialog_title(action);
  request.folder = folder;
  request.default_name = default_file_name(action);
  switch (action) {
    case FileAction::OpenLesson:
      request.filters = {{"Lessons (Markdown, notebooks)", {"*.md", "*.ipynb"}}, {"All files", {"*"}}};
      break;
    case FileAction::ExportNotebook:
      request.save = true;
      request.filters = {{"Jupyter notebooks", {"*.ipynb"}}, {"All files", {"*"}}};
      break;
    case FileAction::SaveTranscript:
      request.save = true;
      request.filters = {{"Text files", {"*.txt"}}, {"All files", {"*"}}};
      break;
  }
  return request;
}

std::string folder_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  if (slash == std::string::npos) return {};
  return slash == 0 ? "/" : path.substr(0, slash);
}

bool file_exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

}  // namespace

void WindowChrome::request_file(FileAction action) {
  if (chooser_.running() || typed_dialog_open_ || open_typed_dialog_) return;
  file_requested_ = action;
}

// The folder the last file came from, else the one the app was started in.
std::string WindowChrome::start_folder() const {
  if (!last_folder_.empty()) return last_folder_;
  char buffer[4096];
  return ::getcwd(buffer, sizeof buffer) ? std::string(buffer) : std::string();
}

void WindowChrome::start_file_request(FileAction action) {
  const std::optional<ChooserProgram> program = find_chooser_program();
  if (!program) {
    open_typed_path(action, {}, {});  // no chooser on this desktop: typed, as always
    return;
  }
  std::string error;
  if (!chooser_.start(*program, chooser_request(action, start_folder()), &error)) {
    open_typed_path(action, {}, error + ". Type the path instead.");
    return;
  }
  chooser_action_ = action;
}

void WindowChrome::take_chosen_file(FileAction action, const std::string& path, const AppState& state,
                                    CommandQueue& commands) {
  last_folder_ = folder_of(path);
  switch (action) {
    case FileAction::OpenLesson:
      // A chosen file that does not load comes back in the typed dialog with the reason, ready
      // to be corrected.
      if (!open_lesson_(path)) {
        open_typed_path(action, path, {});
        open_error_ = state.lesson.load_error.empty() ? "Could not open " + path : state.lesson.load_error;
      }
      break;
    case FileAction::ExportNotebook: commands.push(ExportNotebook{path}); break;
    case FileAction::SaveTranscript: commands.push(SaveTranscript{path}); break;
  }
}

void WindowChrome::open_typed_path(FileAction action, std::string path, std::string note) {
  // Open keeps the path typed last time; a save proposes a new file in the start folder.
  if (!path.empty())
    typed_path_ = std::move(path);
  else if (action != FileAction::OpenLesson)
    typed_path_ = start_folder() + "/" + default_file_name(action);
  else if (typed_action_ != FileAction::OpenLesson)
    typed_path_.clear();
  typed_action_ = action;
  typed_note_ = std::move(note);
  open_error_.clear();
  confirmed_overwrite_.clear();
  open_typed_dialog_ = true;
}

void WindowChrome::draw_file_dialogs(const AppState& state, CommandQueue& commands, float ui_scale) {
  if (std::optional<ChooserResult> result = chooser_.poll()) {
    switch (result->kind) {
      case ChooserResult::Kind::Chosen: take_chosen_file(chooser_action_, result->path, state, commands); break;
      case ChooserResult::Kind::Cancelled: break;  // the teacher changed their mind
      case ChooserResult::Kind::Failed:
        open_typed_path(chooser_action_, {}, result->reason + ". Type the path instead.");
        break;
    }
  }
  if (std::optional<FileAction> action = std::exchange(file_requested_, std::nullopt)) start_file_request(*action);
  draw_typed_path_dialog(state, commands, ui_scale);
}

// The typed-path dialog: a lesson to open (.md or .ipynb), or where to write the notebook or the
// transcript. A failed open keeps the dialog, the reason and the keyboard on the field; a save
// over an existing file asks for a second Save.
void WindowChrome::draw_typed_path_dialog(const AppState& state, CommandQueue& commands, float ui_scale) {
  const char* title = file_dialog_title(typed_action_);
  if (std::exchange(open_typed_dialog_, false)) ImGui::OpenPopup(title);
  const ImVec2 centre(ImGui::GetIO().DisplaySize.x * 0.5f, ImGui::GetIO().DisplaySize.y * 0.4f);
  ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  typed_dialog_open_ = ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  if (!typed_dialog_open_) return;
  const bool opening = typed_action_ == FileAction::OpenLesson;
  const float field_width = std::min(ImGui::GetIO().DisplaySize.x * 0.6f, 640.0f * ui_scale);
  const auto wrapped = [&](const std::string& text, const ImVec4& colour) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + field_width);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  };
  if (!typed_note_.empty()) wrapped(typed_note_, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextUnformatted(opening                                       ? "A lesson file: Markdown (.md) or a Jupyter notebook (.ipynb)."
                         : typed_action_ == FileAction::ExportNotebook ? "Where to write the notebook (.ipynb)."
                                                                       : "Where to write the transcript (.txt).");
  if (ImGui::IsWindowAppearing() || std::exchange(focus_path_field_, false)) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(field_width);
  const bool entered = ImGui::InputTextWithHint("##path", opening ? "path/to/lesson.md" : "path/to/file",
                                                &typed_path_, ImGuiInputTextFlags_EnterReturnsTrue);
  record_item(opening ? "lesson path" : "file path");
  if (!open_error_.empty()) wrapped(open_error_, theme_colours().failure);
  const bool replacing = !opening && !typed_path_.empty() && confirmed_overwrite_ == typed_path_;
  if (replacing) wrapped(typed_path_ + " exists: Save again to replace it.", theme_colours().failure);
  const char* action_label = opening ? "Open" : replacing ? "Replace" : "Save";
  const bool action_clicked = ImGui::Button(action_label);
  record_item(action_label);
  bool close = false;
  if ((action_clicked || entered) && typed_path_.empty()) {
    focus_path_field_ = true;
  } else if ((action_clicked || entered) && opening) {
    // Loading a file is quick and needs no Python: done now, so the dialog can stay open with
    // the reason when it fails, and the field keeps the keyboard for a correction.
    if (open_lesson_(typed_path_)) {
      last_folder_ = folder_of(typed_path_);
      close = true;
    } else {
      open_error_ = state.lesson.load_error.empty() ? "Could not open " + typed_path_ : state.lesson.load_error;
      focus_path_field_ = true;
    }
  } else if (action_clicked || entered) {
    if (file_exists(typed_path_) && confirmed_overwrite_ != typed_path_) {
      confirmed_overwrite_ = typed_path_;
      focus_path_field_ = true;
    } else {
      if (typed_action_ == FileAction::ExportNotebook)
        commands.push(ExportNotebook{typed_path_});
      else
        commands.push(SaveTranscript{typed_path_});
      last_folder_ = folder_of(typed_path_);
      close = true;
    }
  }
  ImGui::SameLine();
  const bool cancel_clicked = ImGui::Button("Cancel");
  record_item("Cancel");
  if (cancel_clicked || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) close = true;
  if (close) {
    ImGui::CloseCurrentPopup();
    typed_note_.clear();
    open_error_.clear();
    confirmed_overwrite_.clear();
  }
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

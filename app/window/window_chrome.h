// The window around the panes: the menu bar, the file dialogs (the desktop's chooser, else a
// typed path) for Open lesson, Export notebook and Save transcript, the window-wide shortcuts,
// the layout presets with their splitters (shares kept in the layout settings) and the focus on
// one pane. It asks for changes to the app state with commands, as the panes do.
#pragma once

#include <imgui.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/controller/app_state.h"
#include "app/controller/commands.h"
#include "app/window/file_chooser.h"
#include "app/window/layout_settings.h"
#include "app/window/theme.h"

namespace bufferlab {

// The legible minimum of a pane, in the current font: this many characters wide and lines tall.
inline constexpr float kMinPaneChars = 22.0f;
inline constexpr float kMinPaneLines = 6.0f;
// Below this many characters per column a preset takes its arrangement with fewer columns.
inline constexpr float kStackBelowColumnChars = 32.0f;

// Where each shown pane goes this frame, and the splitters between them.
struct PanePlacement {
  struct Placed {
    PaneId id;
    ImVec2 pos, size;
  };
  // A bar between two neighbours: columns `column` and `column + 1` when `row` < 0, else rows
  // `row` and `row + 1` of `column`.
  struct Splitter {
    int column = 0, row = -1;
    ImVec2 min, max;
  };
  std::vector<Placed> panes;
  std::vector<Splitter> splitters;
  LayoutPreset preset = LayoutPreset::All;  // the one shown (chosen, or picked by the room)
  std::size_t arrangement = 0;  // of the preset, as preset_arrangements() lists them
  std::vector<float> column_widths;
  std::vector<std::vector<float>> row_heights;
  ImVec2 minimum;  // the legible minimum of a pane, in pixels at this font
  ImVec2 origin, area;
};

// What a file is asked for in the File menu.
enum class FileAction { OpenLesson, ExportNotebook, SaveTranscript };

class WindowChrome {
 public:
  // `open_lesson` opens a file at once (the typed-path dialog stays open with the message on
  // failure).
  WindowChrome(LayoutSettings& layout, std::function<bool(const std::string&)> open_lesson)
      : layout_(layout), open_lesson_(std::move(open_lesson)) {}

  // Window-wide keys (the full list is key_help.h, shown by F1): Ctrl+C interrupts a running
  // cell, Ctrl+L clears the transcript, Escape closes the keys, else leaves a focused pane, else
  // unpins; Ctrl+O opens a lesson, Ctrl+S saves the transcript, Ctrl+Q quits, Ctrl+= / Ctrl+- /
  // Ctrl+0 zoom, Ctrl+1 / 2 / 3 choose a preset, F11 focuses the pane under the mouse (and
  // back), Ctrl+Z / Ctrl+Shift+Z undo and redo an edit. `field_can_undo`: a text field has the
  // keyboard and something of its own to undo (Ctrl+Z is then its own, not a memory undo).
  // `text_selected`: the console's transcript has a selection, which Ctrl+C copies instead.
  void handle_shortcuts(const AppState& state, CommandQueue& commands, bool field_can_undo, bool text_selected = false);
  void draw_menu_bar(const AppState& state, CommandQueue& commands);
  // Each frame: polls the desktop's file chooser while it is open (never waiting for it), then
  // draws the typed-path dialog when there is no chooser or it failed.
  void draw_file_dialogs(const AppState& state, CommandQueue& commands, float ui_scale);
  // File > Open lesson / Export notebook / Save transcript: the chooser when the desktop has
  // one (zenity or kdialog on PATH), else the typed-path dialog. Ignored while a chooser or a
  // dialog is already open.
  void request_file(FileAction action);
  bool file_chooser_open() const { return chooser_.running(); }
  // The typed-path dialog's field, and why its last open failed (tests; empty when it did not).
  const std::string& typed_path() const { return typed_path_; }
  const std::string& file_dialog_error() const { return open_error_; }
  // F1 / Help > Keys: every shortcut with the pane it works in, over the panes.
  void draw_key_help();
  bool key_help_open() const { return key_help_open_; }
  // Splits the area left under the menu bar between the preset's panes (or gives it all to the
  // focused pane), in the current font: no pane under the legible minimum when the area allows.
  PanePlacement place_panes() const;
  // The splitters, drawn after the panes; a drag moves the preset's shares.
  void draw_splitters(const PanePlacement& placement);
  // What a pane saw this frame: the pointer or the keyboard on it (F11's target next frame), a
  // double-click on its title line (focus it, or come back).
  void note_pane(PaneId pane, bool hovered, bool keyboard, bool title_double_clicked);

  void choose_preset(LayoutPreset preset);
  // The preset shown in an area `width` wide with characters `char_width` wide: the chosen one,
  // else all six panes when their widest arrangement fits, else the lesson's.
  LayoutPreset shown_preset(float width, float char_width) const;
  void reset_layout();
  // Shows `pane` alone over the whole area, or the preset again when it is already focused.
  void toggle_focus(PaneId pane);
  std::optional<PaneId> focused() const { return focused_; }

  void set_theme(Theme theme);
  // True once after the layout changed (the window saves it then).
  bool take_layout_changed() { return std::exchange(layout_changed_, false); }
  // True once after File > Quit or Ctrl+Q (the window closes as when its close button is pressed).
  bool take_quit_request() { return std::exchange(quit_requested_, false); }
  // True once after F12 or File > Save screenshot (the window writes the frame to a PNG).
  bool take_screenshot_request() { return std::exchange(screenshot_requested_, false); }

 private:
  LayoutSettings& layout_;
  std::function<bool(const std::string&)> open_lesson_;
  bool layout_changed_ = false;
  bool quit_requested_ = false;
  bool screenshot_requested_ = false;
  bool key_help_open_ = false;
  // The file dialogs. `typed_path_` is the typed dialog's field, `typed_note_` why the chooser
  // is not used, `open_error_` why the last open from the dialog failed (shown until it closes).
  void start_file_request(FileAction action);
  void take_chosen_file(FileAction action, const std::string& path, const AppState& state, CommandQueue& commands);
  void open_typed_path(FileAction action, std::string path, std::string note);
  void draw_typed_path_dialog(const AppState& state, CommandQueue& commands, float ui_scale);
  std::string start_folder() const;
  std::optional<FileAction> file_requested_;
  FileChooser chooser_;
  FileAction chooser_action_ = FileAction::OpenLesson;
  FileAction typed_action_ = FileAction::OpenLesson;  // what the typed dialog asks for
  bool typed_dialog_open_ = false;
  bool open_typed_dialog_ = false;  // open it in the next draw
  bool focus_path_field_ = false;   // give the field the keyboard next frame (after a failed open)
  std::string typed_path_, typed_note_, open_error_;
  std::string confirmed_overwrite_;  // a typed path that exists and was confirmed by a second Save
  std::string last_folder_;          // where the last chosen or typed file was
  std::optional<PaneId> focused_;
  // F11's target, noted while the last frame drew: the pane under the mouse, else the one with
  // the keyboard.
  std::optional<PaneId> hovered_pane_, keyboard_pane_;
};

}  // namespace bufferlab

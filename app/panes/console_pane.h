// The Console pane: a Python REPL. Transcript (input echoed with >>> / ..., output, tracebacks
// in their own colour), an input that continues while a block is open, history on Up/Down,
// Ctrl+L to clear, a Stop button and Ctrl+C to interrupt a running cell; Ctrl+C at the prompt
// drops an open block, as in python3. Transcript text can be selected with the mouse (or Ctrl+A):
// Ctrl+C then copies it, as in a terminal, instead of interrupting.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/panes/pane.h"
#include "app/widgets/text_view.h"
#include "core/completion.h"

namespace bufferlab {

class ConsolePane : public Pane {
 public:
  const char* title() const override { return "Console"; }

  // The text in the input field (tests).
  const std::string& input() const { return input_; }
  // The input field had the keyboard with nothing typed in it in the last frame: it has nothing
  // of its own to undo, so Ctrl+Z may undo a memory edit.
  bool empty_input_has_keyboard() const { return input_active_ && input_.empty(); }
  // The matches for a Tab pressed earlier, as the session found them: applied in the next frame
  // when the input still holds what was asked, dropped otherwise.
  void receive_completion(Completion completion) { completion_arrived_ = std::move(completion); }
  // The transcript as drawn (tests count its layout work and drawn rows).
  const TextView& transcript_view() const { return transcript_view_; }
  // Text is selected in the transcript: Ctrl+C copies it rather than interrupting a cell.
  bool transcript_has_selection() const { return transcript_view_.has_selection(); }
  // The transcript's selected text, as Ctrl+C copies it.
  std::string transcript_selection(const AppState& state) const;
  // Where a place in the transcript was drawn in the last frame (tests).
  ImVec2 transcript_point(const AppState& state, TextPosition position) const;
  // True once after Save transcript... in the transcript's context menu (the window asks where).
  bool take_save_request() { return std::exchange(save_requested_, false); }

 protected:
  void draw_toolbar(PaneContext& context) override;
  void draw_content(PaneContext& context) override;

 private:
  static int input_callback(ImGuiInputTextCallbackData* data);
  void press_tab(ImGuiInputTextCallbackData* data);
  void apply_completion(ImGuiInputTextCallbackData* data, const Completion& completion);
  void draw_transcript(const AppState& state, float height);

  std::string input_;
  int history_position_ = -1;  // -1: editing a new line
  std::string recalled_;       // the history entry last put in the field
  bool scroll_to_bottom_ = true;  // handed to the transcript view, which scrolls on new text
  TextView transcript_view_;
  bool save_requested_ = false;
  bool refocus_ = true;  // the input has the keyboard from the start: typing goes somewhere
  bool lesson_takes_ctrl_enter_ = false;  // the input is empty and a lesson step has code to run
  std::string discarded_;       // the line Ctrl+C just dropped from the field
  bool discard_requested_ = false;
  // Characters typed between Enter and the field taking the keyboard back.
  static constexpr int kFocusWaitFrames = 6;
  int awaiting_focus_frames_ = 0;
  bool input_active_ = false;
  std::vector<ImWchar> held_characters_;
  const AppState* state_for_callback_ = nullptr;

  // Tab completion, as readline does it for python3: a Tab inserts what all matches share; a
  // Tab that can insert nothing more lists them.
  struct CompletionAsked {
    std::string text;  // the whole input when Tab was pressed
    int cursor = 0;
    bool list_if_ambiguous = false;  // the Tab before found several matches here already
  };
  bool tab_pressed_ = false;  // the Tab key's '\t', kept out of the field by the char filter
  std::optional<CompletionAsked> completion_asked_;
  std::optional<std::string> completion_request_;  // text before the cursor, to send this frame
  std::optional<Completion> completion_arrived_;   // from the workbench
  std::optional<Completion> completion_to_apply_;  // this frame, in the callback
  std::string ambiguous_text_;  // the input where the last completion had several matches
  int ambiguous_cursor_ = -1;
  std::string completion_listing_;  // several matches in columns, for the transcript
  std::size_t transcript_columns_ = 80;
};

}  // namespace bufferlab

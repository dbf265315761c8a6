// The Console pane: a Python REPL. Transcript (input echoed with >>> / ..., output, tracebacks
// in their own colour), an input that continues while a block is open, history on Up/Down,
// Ctrl+L to clear, a Stop button and Ctrl+C to interrupt a running cell; Ctrl+C at the prompt
// drops an open block, as in python3.
#pragma once

#include <string>
#include <vector>

#include "app/panes/pane.h"
#include "app/widgets/text_view.h"

namespace bufferlab {

class ConsolePane : public Pane {
 public:
  const char* title() const override { return "Console"; }

  // The text in the input field (tests).
  const std::string& input() const { return input_; }
  // The input field had the keyboard with nothing typed in it in the last frame: it has nothing
  // of its own to undo, so Ctrl+Z may undo a memory edit.
  bool empty_input_has_keyboard() const { return input_active_ && input_.empty(); }
  // Whether the input takes the keyboard when the window opens: not when a lesson is on show,
  // so the clicker's arrow and page keys step the lesson at once.
  void set_focus_on_start(bool focus) { refocus_ = focus; }
  // The transcript as drawn (tests count its layout work and drawn rows).
  const TextView& transcript_view() const { return transcript_view_; }

 protected:
  void draw_toolbar(PaneContext& context) override;
  void draw_content(PaneContext& context) override;

 private:
  static int input_callback(ImGuiInputTextCallbackData* data);
  void draw_transcript(const AppState& state, float height);

  std::string input_;
  int history_position_ = -1;  // -1: editing a new line
  std::string recalled_;       // the history entry last put in the field
  bool scroll_to_bottom_ = true;  // handed to the transcript view, which scrolls on new text
  TextView transcript_view_;
  bool refocus_ = true;
  std::string discarded_;       // the line Ctrl+C just dropped from the field
  bool discard_requested_ = false;
  // Characters typed between Enter and the field taking the keyboard back.
  static constexpr int kFocusWaitFrames = 6;
  int awaiting_focus_frames_ = 0;
  bool input_active_ = false;
  std::vector<ImWchar> held_characters_;
  const AppState* state_for_callback_ = nullptr;
};

}  // namespace bufferlab

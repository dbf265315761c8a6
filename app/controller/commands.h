// What the panes ask for: commands queued while drawing and carried out by the workbench
// between frames, so no pane ever calls Python or writes memory itself.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "app/controller/app_state.h"

namespace bufferlab {

// Enter in the console: one line or a pasted block, continued while a block is open.
struct SubmitConsoleInput {
  std::string text;
};

// Tab in the console after a word: the matches for the text before the cursor are asked of the
// session; they come back to the console pane (ConsolePane::receive_completion).
struct CompleteConsoleInput {
  std::string text_before_cursor;
};

// Stop the running cell (Stop button, Ctrl+C).
struct InterruptCell {};

// Ctrl+C while nothing runs: the open block and the line being typed are dropped, as at
// python3's prompt.
struct DiscardConsoleInput {
  std::string text;  // the line dropped from the input field, echoed before KeyboardInterrupt
};

// Ctrl+L.
struct ClearTranscript {};

// Write a typed value into one element of a displayed view (an object or a reinterpretation).
struct WriteElement {
  int view = -1;
  std::vector<std::int64_t> index;
  std::string literal;
};

// Paint one pixel of a picture: element (y, x), or (y, x, c) for every channel c, of a
// displayed view, one literal per channel. Written as one edit (one undo step) when the
// channels' bytes lie together, as they do in an image.
struct WritePixel {
  int view = -1;
  std::int64_t y = 0, x = 0;
  std::vector<std::string> literals;
  std::uint64_t stroke = 0;  // the pixels of one click or drag share it: they undo together
};

// Write one byte of a region at an absolute address.
struct WriteByte {
  int region = -1;
  std::uintptr_t address = 0;
  std::uint8_t value = 0;
};

// Show a region reinterpreted with another format (and byte order), from a byte offset.
struct AddReinterpretation {
  int region = -1;
  std::string format;
  std::int64_t offset = 0;
};

struct RemoveReinterpretation {
  int view = -1;
};

// Open a lesson file (.md or .ipynb); on failure the lesson on show stays.
struct OpenLesson {
  std::string path;
};

// Show another step of the lesson (Next, Previous, the step list).
struct GoToLessonStep {
  int step = -1;
};

// Run a step's code (as edited in the lesson pane) as if typed into the console.
struct RunLessonStep {
  int step = -1;
  std::string code;
};

// A fresh namespace and the lesson back at its first step, code edits dropped.
struct RestartLesson {};

// Next at a lesson's last step: the catalog's next lesson, or a note that there is none.
struct NextLesson {};

// The answer to "forget the names typed in the console?" before a restart or a switch: go on
// (forgetting them, or keeping them where the lesson leaves them alone) or not.
struct AnswerLessonQuestion {
  bool confirmed = false;
  bool keep_names = false;
};

// The offer to run the earlier steps a step needs: taken (they run, then the step) or not.
struct AnswerEarlierStepsOffer {
  bool run_them = false;
};

// Ctrl+Z / Edit > Undo and Ctrl+Shift+Z / Edit > Redo: the last edit made in a pane, written
// back only where memory still holds what the edit (or the undo) wrote.
struct UndoEdit {};
struct RedoEdit {};

// File > Export notebook: the session's cells, their output and the lesson narration they ran
// under, written as an nbformat 4 notebook at `path` (the console says where, or why not).
struct ExportNotebook {
  std::string path;
};

// File > Save transcript: the console's transcript as plain text at `path`.
struct SaveTranscript {
  std::string path;
};

// A line for the transcript that is not Python's output (a note about the input).
struct AddTranscriptNote {
  std::string text;
};

// What the pointer is on this frame (an element or a byte); the panes draw its highlight from
// the next frame on. Reported by whichever pane is hovered.
struct ReportHover {
  HighlightSource source;
};

// Select a view (a card, a legend chip, an inspector entry) and optionally one of its elements.
struct SelectView {
  int view = -1;
  std::int64_t element = -1;
};

// Select bytes of a region in a grid, from `anchor` to `focus` (both included, either order):
// a click selects one byte, a drag or Shift+click a range. The data inspector reads them.
struct SelectBytes {
  int region = -1;
  std::uintptr_t anchor = 0, focus = 0;
};

struct ClearByteSelection {};

// A value typed into a data inspector row: encoded with that row's format (its byte order
// included, "<H", ">d") and written at `address` through the one edit path.
struct WriteInspectorValue {
  int region = -1;
  std::uintptr_t address = 0;
  std::string format;
  std::string literal;
};

// Pin a highlight so it stays without the pointer (set), or pin/unpin it (toggle).
struct PinHighlight {
  HighlightSource source;
  bool toggle = false;
};

// The stride walk on a view's card. Start: walk `view` from its first step, playing, in C order
// (dimension -1) or along `dimension` with the other indices where the selected element has
// them (0 without one).
struct StartStrideWalk {
  int view = -1;
  int dimension = -1;
};
// Play (from the first step when at the end) or pause.
struct PlayStrideWalk {
  bool play = true;
};
// Step back (negative) or forward; pauses.
struct StepStrideWalk {
  std::int64_t delta = 1;
};
// Show step `position` (0: restart).
struct SeekStrideWalk {
  std::int64_t position = 0;
};
// C order (-1) or along one dimension, keeping the element on show.
struct ChooseWalkDimension {
  int dimension = -1;
};
struct SetStrideWalkSpeed {
  double steps_per_second = StrideWalkPlayer::kDefaultStepsPerSecond;
};
// The walk ends: its marks go, the hover and pin are shown again.
struct StopStrideWalk {};

using Command = std::variant<SubmitConsoleInput, InterruptCell, ClearTranscript, WriteElement,
                             WriteByte, AddReinterpretation, RemoveReinterpretation, OpenLesson,
                             GoToLessonStep, RunLessonStep, RestartLesson, DiscardConsoleInput,
                             AddTranscriptNote, ReportHover, SelectView, PinHighlight, NextLesson,
                             AnswerLessonQuestion, AnswerEarlierStepsOffer, UndoEdit, RedoEdit, ExportNotebook,
                             SaveTranscript,
                             CompleteConsoleInput, StartStrideWalk, PlayStrideWalk, StepStrideWalk,
                             SeekStrideWalk, ChooseWalkDimension, SetStrideWalkSpeed, StopStrideWalk,
                             SelectBytes, ClearByteSelection, WriteInspectorValue, WritePixel>;

// Filled by the panes on the GUI thread during a frame, drained by the workbench.
class CommandQueue {
 public:
  void push(Command command) { commands_.push_back(std::move(command)); }
  std::vector<Command> take() { return std::exchange(commands_, {}); }
  bool empty() const { return commands_.empty(); }

 private:
  std::vector<Command> commands_;
};

}  // namespace bufferlab

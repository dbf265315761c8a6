// The Console pane: a clipped transcript above a growing multi-line input; Enter submits,
// Ctrl+Enter inserts a newline, Tab completes as python3 does, Up/Down walk the history.
#include "app/panes/console_pane.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

#include "app/widgets/ui_record.h"
#include "app/window/keys.h"
#include "app/window/theme.h"

namespace bufferlab {

namespace {

ImVec4 colour_of(TranscriptLine::Kind kind) {
  const ThemeColours& colours = theme_colours();
  switch (kind) {
    case TranscriptLine::Kind::Input: return colours.input;
    case TranscriptLine::Kind::Output: return colours.output;
    case TranscriptLine::Kind::Error: return colours.error;
    case TranscriptLine::Kind::Info: return colours.info;
  }
  return colours.output;
}

// The transcript as the text view reads it: one line each, coloured by kind, without its
// newline. The text stays in the model, whole.
class TranscriptSource : public TextLineSource {
 public:
  explicit TranscriptSource(const std::vector<TranscriptLine>& lines) : lines_(lines) {}
  std::size_t line_count() const override { return lines_.size(); }
  TextViewLine line(std::size_t index) const override {
    const TranscriptLine& line = lines_[index];
    std::string_view text = line.text;
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    return {text, ImGui::GetColorU32(colour_of(line.kind))};
  }

 private:
  const std::vector<TranscriptLine>& lines_;
};

}  // namespace

std::string ConsolePane::transcript_selection(const AppState& state) const {
  return transcript_view_.selected_text(TranscriptSource(state.transcript));
}

ImVec2 ConsolePane::transcript_point(const AppState& state, TextPosition position) const {
  return transcript_view_.screen_point(TranscriptSource(state.transcript), position);
}

void ConsolePane::draw_transcript(const AppState& state, float height) {
  // Wrapped to the pane and laid out once per line (and per width or font), only the rows in
  // sight drawn: a printed list of any length never stalls or overflows a frame.
  if (std::exchange(scroll_to_bottom_, false)) transcript_view_.scroll_to_bottom();
  // The input field and a transcript selection never have the keyboard together, so Ctrl+C
  // means one thing: the field's (copy, or drop the block) or the selection's.
  if (input_active_) transcript_view_.clear_selection();
  const TranscriptSource source(state.transcript);
  transcript_view_.draw("##transcript", source, ImVec2(0, height));
  // Ctrl+C with a selection copies it, as terminals do (the window then does not interrupt);
  // the selection goes, so a second Ctrl+C interrupts.
  const ImGuiIO& io = ImGui::GetIO();
  if (transcript_view_.has_selection() && io.KeyCtrl && ImGui::IsKeyPressed(keys::C, false)) {
    ImGui::SetClipboardText(transcript_view_.selected_text(source).c_str());
    transcript_view_.clear_selection();
  }
  if (transcript_view_.context_menu_requested()) ImGui::OpenPopup("transcript menu");
  if (ImGui::BeginPopup("transcript menu")) {
    if (ImGui::MenuItem("Copy", "Ctrl+C", false, transcript_view_.has_selection()))
      ImGui::SetClipboardText(transcript_view_.selected_text(source).c_str());
    record_item("Copy");
    if (ImGui::MenuItem("Select all", "Ctrl+A")) transcript_view_.select_all();
    record_item("Select all");
    if (ImGui::MenuItem("Save transcript...", "Ctrl+S")) save_requested_ = true;
    record_item("Save transcript...");
    ImGui::EndPopup();
  }
}

void ConsolePane::draw_toolbar(PaneContext& context) {
  const AppState& state = context.state;
  ImGui::TextDisabled("|");
  // Each item moves to the next line where the pane is too narrow for it.
  if (state.python_starting) {
    same_line_or_wrap(ImGui::CalcTextSize("starting Python...").x);
    ImGui::TextColored(theme_colours().running, "starting Python...");
  } else if (state.cell_running) {
    char clock[48];
    std::snprintf(clock, sizeof clock, "running %.1f s", state.time - state.cell_started);
    same_line_or_wrap(ImGui::CalcTextSize(clock).x);
    ImGui::TextColored(theme_colours().running, "%s", clock);
    same_line_or_wrap(button_width("Stop"));
    ImGui::PushStyleColor(ImGuiCol_Button, theme_colours().stop_button);
    if (ImGui::SmallButton("Stop")) context.commands.push(InterruptCell{});
    record_item("Stop");
    ImGui::PopStyleColor();
    tooltip_beside_item("Interrupt the running cell (Ctrl+C)");
  } else {
    same_line_or_wrap(ImGui::CalcTextSize("ready").x);
    ImGui::TextDisabled("ready");
  }
  same_line_or_wrap(button_width("Clear"));
  if (ImGui::SmallButton("Clear")) context.commands.push(ClearTranscript{});
  record_item("Clear");
  tooltip_beside_item("Clear the transcript (Ctrl+L)");
  ImGui::SameLine();
  help_marker(
      "Type Python and press Enter, as at python3's prompt: a block (for, def, if...) continues "
      "with '...' until an empty line; an open string or bracket continues until it is closed. "
      "Paste (Ctrl+V) a whole cell and press Enter: it runs as one cell, as in Jupyter, empty "
      "lines inside it included, and shows the value of its last expression. Ctrl+Enter inserts "
      "a newline. Tab completes a name, keyword or attribute (mv.ca, then Tab), as python3 does; "
      "when several match, a second Tab lists them. Tab at a line start indents. Up/Down recall "
      "history. Ctrl+C drops an open block; while a cell runs, Ctrl+C "
      "or Stop interrupts it. Drag over the transcript to select text (double-click: a word); "
      "Ctrl+C then copies it instead of interrupting, and a right-click offers Copy, Select all and Save transcript.");
}

int ConsolePane::input_callback(ImGuiInputTextCallbackData* data) {
  auto* self = static_cast<ConsolePane*>(data->UserData);
  const ImGuiIO& io = ImGui::GetIO();
  // The Tab key completes (or indents): its '\t' stays out of the field. A tab in pasted text
  // (Ctrl+V, Shift+Insert) goes in as it is.
  if (data->EventFlag == ImGuiInputTextFlags_CallbackCharFilter) {
    if (data->EventChar == '\t' && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab)) && !io.KeyCtrl &&
        !io.KeyShift && !io.KeyAlt) {
      self->tab_pressed_ = true;
      return 1;
    }
    return 0;
  }
  // Matches that arrived for an earlier Tab go in first, so a Tab in this frame sees them.
  if (self->completion_to_apply_) {
    self->apply_completion(data, *self->completion_to_apply_);
    self->completion_to_apply_.reset();
  }
  if (std::exchange(self->tab_pressed_, false)) {
    self->press_tab(data);
    return 0;
  }
  // Ctrl+C with nothing selected and nothing running: python3's "KeyboardInterrupt" at the
  // prompt, the only way out of an open string or bracket. With a selection it copies.
  if (self->state_for_callback_ && !self->state_for_callback_->cell_running && io.KeyCtrl &&
      ImGui::IsKeyPressed(keys::C, false) && data->SelectionStart == data->SelectionEnd &&
      (data->BufTextLen > 0 || self->state_for_callback_->continuation())) {
    self->discarded_.assign(data->Buf, static_cast<std::size_t>(data->BufTextLen));
    self->discard_requested_ = true;
    data->DeleteChars(0, data->BufTextLen);
    return 0;
  }
  // Ctrl+Enter in the empty input runs the lesson step on show (the lesson's key works over the
  // console's empty input): no newline is left behind in the field.
  if (self->lesson_takes_ctrl_enter_ && io.KeyCtrl && data->BufTextLen == 1 && data->Buf[0] == '\n' &&
      (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
       ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false))) {
    data->DeleteChars(0, data->BufTextLen);
    return 0;
  }
  // ImGui 1.86 has no history callback for multi-line fields: watch the arrow keys here.
  const bool up = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow));
  const bool down = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow));
  if ((!up && !down) || !self->state_for_callback_) return 0;
  const auto& history = self->state_for_callback_->console_input.history();
  if (history.empty()) return 0;
  // A multi-line text being edited keeps Up/Down for moving between its lines.
  const std::string current(data->Buf, static_cast<std::size_t>(data->BufTextLen));
  if (current.find('\n') != std::string::npos && current != self->recalled_) return 0;
  const int count = static_cast<int>(history.size());
  int position = self->history_position_;
  if (up)
    position = position < 0 ? count - 1 : std::max(0, position - 1);
  else
    position = position < 0 ? -1 : (position + 1 >= count ? -1 : position + 1);
  if (position == self->history_position_) return 0;
  self->history_position_ = position;
  self->recalled_ = position >= 0 ? history[static_cast<std::size_t>(position)] : std::string();
  data->DeleteChars(0, data->BufTextLen);
  data->InsertChars(0, self->recalled_.c_str());
  return 0;
}

// Tab: indentation where there is no word before the cursor (python3's REPL inserts a tab
// there), else the session is asked for the matches; they arrive a frame or more later.
void ConsolePane::press_tab(ImGuiInputTextCallbackData* data) {
  if (data->SelectionStart != data->SelectionEnd) {  // as a typed character would, Tab replaces a selection
    const int from = std::min(data->SelectionStart, data->SelectionEnd);
    data->DeleteChars(from, std::abs(data->SelectionEnd - data->SelectionStart));
  }
  const std::string_view before(data->Buf, static_cast<std::size_t>(data->CursorPos));
  if (completion_word(before).empty()) {
    data->InsertChars(data->CursorPos, "    ");
    return;
  }
  std::string text(data->Buf, static_cast<std::size_t>(data->BufTextLen));
  const bool again = text == ambiguous_text_ && data->CursorPos == ambiguous_cursor_;
  completion_request_ = std::string(before);
  completion_asked_ = CompletionAsked{std::move(text), data->CursorPos, again};
}

// As readline: what all the matches share beyond the word is inserted (the whole match when
// there is one); several matches with nothing more to insert are listed on the second Tab.
void ConsolePane::apply_completion(ImGuiInputTextCallbackData* data, const Completion& completion) {
  const std::optional<CompletionAsked> asked = std::exchange(completion_asked_, std::nullopt);
  const std::string_view text(data->Buf, static_cast<std::size_t>(data->BufTextLen));
  // The input changed since the Tab (typing, Enter, history): these matches are not for it.
  if (!asked || asked->text != text || asked->cursor != data->CursorPos ||
      completion.text_before_cursor != text.substr(0, static_cast<std::size_t>(data->CursorPos)))
    return;
  ambiguous_text_.clear();
  ambiguous_cursor_ = -1;
  if (completion.total == 0) return;
  const std::string& shared = completion.common_prefix;
  const bool inserts = shared.size() > completion.word.size() && shared.starts_with(completion.word);
  if (inserts) data->InsertChars(data->CursorPos, shared.c_str() + completion.word.size());
  data->SelectionStart = data->SelectionEnd = data->CursorPos;
  if (completion.total == 1) return;
  ambiguous_text_.assign(data->Buf, static_cast<std::size_t>(data->BufTextLen));
  ambiguous_cursor_ = data->CursorPos;
  if (inserts || !asked->list_if_ambiguous) return;
  completion_listing_ = format_completion_columns(completion.matches, transcript_columns_);
  if (completion.total > completion.matches.size())
    completion_listing_ += "(and " + std::to_string(completion.total - completion.matches.size()) +
                           " more, not listed)\n";
}

void ConsolePane::draw_content(PaneContext& context) {
  const AppState& state = context.state;
  ImGuiIO& io = ImGui::GetIO();

  // Input height grows with its lines (up to eight), but a short pane (zoomed text) keeps at
  // least a line of transcript above it and never pushes the input out of sight.
  const int input_lines = std::clamp(static_cast<int>(std::count(input_.begin(), input_.end(), '\n')) + 1, 1, 8);
  const float line = ImGui::GetTextLineHeight();
  const float padding = ImGui::GetStyle().FramePadding.y * 2.0f;
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  const float available = ImGui::GetContentRegionAvail().y;
  const float input_height = std::max(line + padding, std::min(line * static_cast<float>(input_lines) + padding,
                                                               available - spacing - line));
  // A zero height would mean "fill the pane" to ImGui.
  const float transcript_height = std::max(1.0f, available - input_height - spacing);

  // How many characters a transcript line holds, for listing several completions in columns.
  const float char_width = std::max(1.0f, ImGui::CalcTextSize("M").x);
  const float list_width = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ScrollbarSize -
                           ImGui::GetStyle().ItemSpacing.x;
  transcript_columns_ = static_cast<std::size_t>(std::max(1.0f, list_width / char_width));
  draw_transcript(state, transcript_height);

  // Prompt and input.
  const char* prompt = state.continuation() ? "..." : ">>>";
  ImGui::PushStyleColor(ImGuiCol_Text, colour_of(TranscriptLine::Kind::Input));
  ImGui::TextUnformatted(prompt);
  ImGui::PopStyleColor();
  ImGui::SameLine();
  state_for_callback_ = &state;
  // Typing goes somewhere: characters typed while no field has the keyboard (after a dialog
  // closed, a click on a pane, a transcript selection) take the console's input there, and are
  // handed to it once it has the keyboard, as after Enter.
  if (!input_active_ && !io.WantTextInput && !io.InputQueueCharacters.empty() && awaiting_focus_frames_ == 0 &&
      !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) {
    refocus_ = true;
    awaiting_focus_frames_ = kFocusWaitFrames;
  }
  if (refocus_) {
    ImGui::SetKeyboardFocusHere();
    refocus_ = false;
  }
  // Enter takes the keyboard from the field and it comes back two frames later: characters
  // typed meanwhile (a fast typist's next line) are held and handed to it once it has it.
  if (awaiting_focus_frames_ > 0 && !input_active_) {
    held_characters_.insert(held_characters_.end(), io.InputQueueCharacters.begin(), io.InputQueueCharacters.end());
    io.InputQueueCharacters.resize(0);
    if (--awaiting_focus_frames_ == 0) held_characters_.clear();  // the focus went elsewhere
  } else if (input_active_ && !held_characters_.empty()) {
    held_characters_.insert(held_characters_.end(), io.InputQueueCharacters.begin(), io.InputQueueCharacters.end());
    io.InputQueueCharacters.resize(0);
    for (ImWchar c : held_characters_) io.InputQueueCharacters.push_back(c);
    held_characters_.clear();
    awaiting_focus_frames_ = 0;
  }
  ImGui::SetNextItemWidth(-1.0f);
  const ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue |
                                    ImGuiInputTextFlags_CtrlEnterForNewLine |
                                    ImGuiInputTextFlags_CallbackAlways |
                                    ImGuiInputTextFlags_CallbackCharFilter |
                                    ImGuiInputTextFlags_AllowTabInput;
  const std::string typed = input_;
  completion_to_apply_ = std::exchange(completion_arrived_, std::nullopt);
  const LessonStep* step = state.lesson.current();
  lesson_takes_ctrl_enter_ = input_.empty() && step && step->has_code();
  const bool entered = ImGui::InputTextMultiline("##input", &input_, ImVec2(-1.0f, input_height), flags,
                                                 &ConsolePane::input_callback, this);
  record_item("console input");
  completion_to_apply_.reset();  // not applied: the input had no keyboard
  if (auto request = std::exchange(completion_request_, std::nullopt))
    context.commands.push(CompleteConsoleInput{std::move(*request)});
  if (!completion_listing_.empty()) {
    context.commands.push(AddTranscriptNote{std::exchange(completion_listing_, {})});
    scroll_to_bottom_ = true;
  }
  // Escape in an ImGui field reverts it to its text when it took the keyboard, which would drop
  // a typed line without a word: the line stays, and only the keyboard leaves the field.
  if (ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
    input_ = typed;
  const bool focused = ImGui::IsItemActive();
  input_active_ = focused;
  if (entered) {
    if (state.cell_running && !state.python_starting) {  // while Python starts, input waits for it
      context.commands.push(AddTranscriptNote{"(a cell is running: Stop or Ctrl+C first)\n"});
    } else {
      context.commands.push(SubmitConsoleInput{input_});
      input_.clear();
      history_position_ = -1;
      recalled_.clear();
    }
    scroll_to_bottom_ = true;
    // Enter deactivates the field; asking for the focus back now (not next frame) keeps the
    // keys typed straight after Enter, which would otherwise be dropped for two frames.
    refocus_ = true;
    awaiting_focus_frames_ = kFocusWaitFrames;
  }

  if (std::exchange(discard_requested_, false)) {
    context.commands.push(DiscardConsoleInput{std::exchange(discarded_, {})});
    history_position_ = -1;
    recalled_.clear();
    scroll_to_bottom_ = true;
  }

  // Ctrl+L clears the transcript (Ctrl+C while a cell runs is handled for the whole window).
  if (focused && io.KeyCtrl && ImGui::IsKeyPressed(keys::L)) context.commands.push(ClearTranscript{});
}

}  // namespace bufferlab

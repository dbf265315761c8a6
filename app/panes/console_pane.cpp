// The Console pane: a clipped transcript above a growing multi-line input; Enter submits,
// Ctrl+Enter inserts a newline, Up/Down walk the history.
#include "app/panes/console_pane.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
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

void ConsolePane::draw_transcript(const AppState& state, float height) {
  // Wrapped to the pane and laid out once per line (and per width or font), only the rows in
  // sight drawn: a printed list of any length never stalls or overflows a frame.
  if (std::exchange(scroll_to_bottom_, false)) transcript_view_.scroll_to_bottom();
  transcript_view_.draw("##transcript", TranscriptSource(state.transcript), ImVec2(0, height));
}

void ConsolePane::draw_toolbar(PaneContext& context) {
  const AppState& state = context.state;
  ImGui::TextDisabled("|");
  // Each item moves to the next line where the pane is too narrow for it.
  if (state.cell_running) {
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
      "a newline. Up/Down recall history. Ctrl+C drops an open block; while a cell runs, Ctrl+C "
      "or Stop interrupts it.");
}

int ConsolePane::input_callback(ImGuiInputTextCallbackData* data) {
  auto* self = static_cast<ConsolePane*>(data->UserData);
  // Ctrl+C with nothing selected and nothing running: python3's "KeyboardInterrupt" at the
  // prompt, the only way out of an open string or bracket. With a selection it copies.
  const ImGuiIO& io = ImGui::GetIO();
  if (self->state_for_callback_ && !self->state_for_callback_->cell_running && io.KeyCtrl &&
      ImGui::IsKeyPressed(keys::C, false) && data->SelectionStart == data->SelectionEnd &&
      (data->BufTextLen > 0 || self->state_for_callback_->continuation())) {
    self->discarded_.assign(data->Buf, static_cast<std::size_t>(data->BufTextLen));
    self->discard_requested_ = true;
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

  draw_transcript(state, transcript_height);

  // Prompt and input.
  const char* prompt = state.continuation() ? "..." : ">>>";
  ImGui::PushStyleColor(ImGuiCol_Text, colour_of(TranscriptLine::Kind::Input));
  ImGui::TextUnformatted(prompt);
  ImGui::PopStyleColor();
  ImGui::SameLine();
  state_for_callback_ = &state;
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
                                    ImGuiInputTextFlags_AllowTabInput;
  const std::string typed = input_;
  const bool entered = ImGui::InputTextMultiline("##input", &input_, ImVec2(-1.0f, input_height), flags,
                                                 &ConsolePane::input_callback, this);
  record_item("console input");
  // Escape in an ImGui field reverts it to its text when it took the keyboard, which would drop
  // a typed line without a word: the line stays, and only the keyboard leaves the field.
  if (ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
    input_ = typed;
  const bool focused = ImGui::IsItemActive();
  input_active_ = focused;
  if (entered) {
    if (state.cell_running) {
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

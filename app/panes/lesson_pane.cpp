// The Lesson pane: reads the lesson state, keeps the code edits, and queues OpenLesson,
// GoToLessonStep, RunLessonStep and RestartLesson; the workbench carries them out.
#include "app/panes/lesson_pane.h"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <utility>

#include "app/controller/lesson_controller.h"
#include "app/widgets/ui_record.h"
#include "app/window/keys.h"
#include "app/window/theme.h"

namespace bufferlab {

namespace {

const std::string kNoCode;

MarkdownLook narration_look(ImFont* heading) {
  const ThemeColours& colours = theme_colours();
  MarkdownLook look;
  look.body = ImGui::GetFont();
  look.heading = heading;
  look.text = ImGui::GetColorU32(ImGuiCol_Text);
  look.dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
  look.heading_colour = ImGui::ColorConvertFloat4ToU32(colours.title);
  look.code_text = colours.code_text;
  look.code_background = colours.code_background;
  look.rule = colours.rule;
  look.table_border = colours.rule;
  look.table_header = colours.table_header;
  return look;
}

// Text in a box the width of the pane, for the question and the answer: laid out by `view`,
// which keeps the layout while the text stays the same.
void boxed_text(const char* label, const ImVec4& label_colour, const std::string& text, bool monospace_block,
                MarkdownView& view) {
  const ThemeColours& colours = theme_colours();
  ImGui::TextColored(label_colour, "%s", label);
  MarkdownLook look;
  look.text = look.code_text = ImGui::GetColorU32(ImGuiCol_Text);
  look.code_background = colours.code_background;
  view.show_plain(text, monospace_block);
  view.draw(look);
}

// ImGui::Button, recorded for tests when the frame record is on.
bool recorded_button(const PaneContext& context, const char* label) {
  const bool pressed = ImGui::Button(label);
  record_item(label);
  if (context.probe) context.probe->buttons.push_back({label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
  return pressed;
}

// "step 3" or "steps 1, 2" (1-based).
std::string step_list(const std::vector<int>& steps) {
  std::string text = steps.size() == 1 ? "step " : "steps ";
  for (std::size_t i = 0; i < steps.size(); ++i) text += (i ? ", " : "") + std::to_string(steps[i] + 1);
  return text;
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) text += (i ? ", " : "") + names[i];
  return text;
}

// ImGui::SmallButton, recorded.
bool recorded_small_button(const char* label) {
  const bool pressed = ImGui::SmallButton(label);
  record_item(label);
  return pressed;
}

}  // namespace

const std::string& LessonPane::code_of(int step) const {
  if (step < 0 || step >= static_cast<int>(codes_.size())) return kNoCode;
  return codes_[static_cast<std::size_t>(step)];
}

std::size_t LessonPane::narration_layouts() const {
  std::size_t layouts = 0;
  for (const MarkdownView& view : narration_) layouts += view.layouts_made();
  return layouts;
}

void LessonPane::sync_with(const LessonState& lesson) {
  if (lesson.generation != generation_) {
    generation_ = lesson.generation;
    codes_.clear();
    narration_.clear();
    if (lesson.lesson) {
      for (const LessonStep& step : lesson.lesson->steps) {
        codes_.push_back(step.code);
        narration_.emplace_back().set_blocks(parse_markdown_blocks(replace_missing_glyphs(step.narration)));
      }
    }
    revealed_.assign(codes_.size(), false);
    shown_step_ = -1;
  }
  if (lesson.step != shown_step_) {
    shown_step_ = lesson.step;
    scroll_to_top_ = true;
    had_run_ = lesson.current_run() != nullptr;
    // A step shown after it ran (--step K, or going back) scrolls to what it did; when all of
    // it fits, nothing moves.
    scroll_to_outcome_ = had_run_;
  }
  if (!had_run_ && lesson.current_run()) scroll_to_outcome_ = true;  // a run just finished
  had_run_ = lesson.current_run() != nullptr;
}

void LessonPane::draw_toolbar(PaneContext& context) {
  const LessonState& lesson = context.state.lesson;
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  std::string preview = "open a lesson...";
  if (lesson.lesson) {
    preview = lesson.lesson->title;
    for (const LessonEntry& entry : lesson.catalog)
      if (entry.path == lesson.lesson->source_path) preview = entry.title;
  }
  // The picker takes the rest of the line, or a line of its own when little is left; a title
  // that does not fit is elided and shown whole on hover.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float help_width = ImGui::CalcTextSize("(?)").x + style.ItemSpacing.x;
  const float least = ImGui::CalcTextSize("0").x * 12.0f + ImGui::GetFrameHeight();
  if (ImGui::GetContentRegionAvail().x - help_width < least) ImGui::NewLine();
  const float combo_width = std::max(ImGui::GetFrameHeight() * 2.0f, ImGui::GetContentRegionAvail().x - help_width);
  const std::string shown =
      elide_to_width(preview, combo_width - ImGui::GetFrameHeight() - style.FramePadding.x * 2.0f);
  ImGui::SetNextItemWidth(combo_width);
  const bool open = ImGui::BeginCombo("##lesson_picker", shown.c_str(), ImGuiComboFlags_HeightLarge);
  record_item(shown, shown != preview);
  if (!open && shown != preview) tooltip_beside_item(preview.c_str());
  if (open) {
    for (const LessonEntry& entry : lesson.catalog) {
      const bool selected = lesson.lesson && entry.path == lesson.lesson->source_path;
      if (ImGui::Selectable(entry.title.c_str(), selected)) context.commands.push(OpenLesson{entry.path});
      record_item(entry.title);
    }
    if (lesson.catalog.empty()) ImGui::TextDisabled("no built-in lessons found; use File > Open...");
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  help_marker(
      "Read the step, predict, then Run (Ctrl+Enter) the code: the console shows it as typed "
      "and every pane updates. Next: Right arrow or Page Down; Previous: Left or Page Up (a "
      "presentation clicker works), except while a text field has the keyboard: Ctrl+Enter "
      "(which runs) or a click elsewhere leaves it; Escape leaves it too but undoes the typing. "
      "Restart forgets every name and goes back to step 1. Edit the code freely: edits stay "
      "with their step until Restart.");
}

void LessonPane::handle_keys(PaneContext& context) {
  const ImGuiIO& io = ImGui::GetIO();
  const LessonState& lesson = context.state.lesson;
  if (context.typing || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) return;
  if (io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false)) {
    run_current(context);
    return;
  }
  if (io.KeyCtrl || io.KeyAlt || io.KeyShift) return;
  const bool next = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow)) ||
                    ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown));
  const bool previous = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow)) ||
                        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp));
  if (next) go_next(context);
  if (previous && lesson.step > 0) context.commands.push(GoToLessonStep{lesson.step - 1});
}

// Next: the next step, or past the last one the next lesson (the controller says which).
void LessonPane::go_next(PaneContext& context) {
  const LessonState& lesson = context.state.lesson;
  if (lesson.step + 1 < lesson.step_count())
    context.commands.push(GoToLessonStep{lesson.step + 1});
  else
    context.commands.push(NextLesson{});
}

// A restart or switch that would forget typed names, or a step that needs earlier ones: a modal
// question answered with one key (Enter or Y yes, Escape no, K keeps typed names the lesson
// does not use), so a clicker flow goes on at once.
void LessonPane::draw_flow_dialog(PaneContext& context) {
  shown_dialog_.clear();
  if (!flow_) return;
  constexpr const char* kTitle = "Before going on";
  const bool asking = flow_->question || flow_->offer;
  if (asking && !ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings))
    return;
  if (!asking) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  std::string yes_label, keep_label;
  if (flow_->question) {
    const WipeQuestion& question = *flow_->question;
    shown_dialog_ = question.action + " forgets every name, also these typed in the console: " +
                    joined(question.names) + ".";
    if (question.can_keep) shown_dialog_ += " The lesson does not use them, so they can stay.";
    yes_label = "Forget them: " + question.action;
    if (question.can_keep) keep_label = "Keep them: " + question.action + " (K)";
  } else {
    const EarlierStepsOffer& offer = *flow_->offer;
    shown_dialog_ = "Step " + std::to_string(offer.step + 1) + " reads " + joined(offer.names) + ", which " +
                    step_list(offer.steps) + " assign" + (offer.steps.size() == 1 ? "s" : "") +
                    ", not run yet. Run " + step_list(offer.steps) + " first, then this one?";
    yes_label = "Run " + step_list(offer.steps) + " first";
  }
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
  ImGui::TextUnformatted(shown_dialog_.c_str());
  ImGui::PopTextWrapPos();
  record_item(shown_dialog_);
  ImGui::Spacing();
  yes_label += " (Enter)";
  const bool yes = recorded_button(context, yes_label.c_str()) ||
                   ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                   ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false) ||
                   ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y), false);
  const bool keep = !keep_label.empty() && (recorded_button(context, keep_label.c_str()) ||
                                            ImGui::IsKeyPressed(keys::K, false));
  if (keep_label.empty()) ImGui::SameLine();
  const bool no = recorded_button(context, "Cancel (Escape)") ||
                  ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
  if (keep) {
    context.commands.push(AnswerLessonQuestion{true, true});
  } else if (yes || no) {
    if (flow_->question)
      context.commands.push(AnswerLessonQuestion{yes});
    else
      context.commands.push(AnswerEarlierStepsOffer{yes});
  }
  ImGui::EndPopup();
}

void LessonPane::run_current(PaneContext& context) {
  const LessonState& lesson = context.state.lesson;
  const LessonStep* step = lesson.current();
  if (!step || !step->has_code() || context.state.cell_running) return;
  context.commands.push(RunLessonStep{lesson.step, code_of(lesson.step)});
}

void LessonPane::draw_header(PaneContext& context) {
  const LessonState& lesson = context.state.lesson;
  // No title line: the picker above shows it, and the narration needs the room when zoomed.
  // Navigation: Previous, "step k of n", Next, each on the next line where the pane is too
  // narrow. "step k of n" keeps the width of its longest form, so Next stays put from step to step.
  ImGui::BeginDisabled(lesson.step <= 0);
  if (recorded_button(context, "< Previous")) context.commands.push(GoToLessonStep{lesson.step - 1});
  ImGui::EndDisabled();
  char step_text[48], widest[48];
  std::snprintf(step_text, sizeof step_text, "step %d of %d", lesson.step + 1, lesson.step_count());
  std::snprintf(widest, sizeof widest, "step %d of %d", lesson.step_count(), lesson.step_count());
  const float step_width = ImGui::CalcTextSize(widest).x;
  same_line_or_wrap(step_width);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(step_text);
  ImGui::SameLine(0.0f, 0.0f);
  ImGui::Dummy(ImVec2(step_width - ImGui::CalcTextSize(step_text).x, 0.0f));
  same_line_or_wrap(button_width("Next >"));
  // At the last step Next goes on to the next lesson (or says there is none).
  if (recorded_button(context, "Next >")) go_next(context);
  if (lesson.step + 1 >= lesson.step_count()) tooltip_beside_item("The next lesson");

  // The next line: one mark per step (filled once it has run; click to go there), and at its
  // right Restart, which forgets every name: a line away from Next, in a place that does not
  // change from step to step. Marks that do not fit beside it take lines of their own.
  const float restart_width = button_width("Restart");
  const float available = ImGui::GetContentRegionAvail().x;
  const float mark = std::max(6.0f, ImGui::GetFontSize() * 0.55f);
  const float spacing = mark * 0.45f;
  const int count = lesson.step_count();
  const float room_beside = available - restart_width - ImGui::GetFontSize() * 2.0f;
  const bool beside = count <= 1 || static_cast<float>(count) * (mark + spacing) - spacing <= room_beside;
  const float line_top = ImGui::GetCursorScreenPos().y;
  if (count > 1) {
    const float room = beside ? room_beside : available;
    const int per_row = std::max(1, static_cast<int>((room + spacing) / (mark + spacing)));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin(ImGui::GetCursorScreenPos().x,
                        line_top + (beside ? (ImGui::GetFrameHeight() - mark) * 0.5f : 0.0f));
    const int rows = (count + per_row - 1) / per_row;
    for (int i = 0; i < count; ++i) {
      const ImVec2 min(origin.x + static_cast<float>(i % per_row) * (mark + spacing),
                       origin.y + static_cast<float>(i / per_row) * (mark + spacing));
      const ImVec2 max(min.x + mark, min.y + mark);
      ImGui::SetCursorScreenPos(min);
      ImGui::PushID(i);
      if (ImGui::InvisibleButton("##step_mark", ImVec2(mark, mark))) context.commands.push(GoToLessonStep{i});
      const std::string mark_label = "step " + std::to_string(i + 1);
      record_item(mark_label);
      tooltip_beside_item(mark_label.c_str());
      ImGui::PopID();
      const bool ran = i < static_cast<int>(lesson.runs.size()) && lesson.runs[static_cast<std::size_t>(i)];
      const ImU32 colour = ImGui::GetColorU32(i == lesson.step ? ImGuiCol_ButtonActive : ImGuiCol_TextDisabled);
      if (ran || i == lesson.step)
        draw->AddRectFilled(min, max, colour, 2.0f);
      else
        draw->AddRect(min, max, colour, 2.0f);
    }
    if (!beside)
      ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + static_cast<float>(rows) * (mark + spacing) - spacing +
                                                    ImGui::GetStyle().ItemSpacing.y));
  }
  const float restart_x = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x - restart_width;
  ImGui::SetCursorScreenPos(ImVec2(std::max(restart_x, ImGui::GetCursorScreenPos().x),
                                   beside ? line_top : ImGui::GetCursorScreenPos().y));
  if (recorded_button(context, "Restart")) context.commands.push(RestartLesson{});
  tooltip_beside_item("A fresh namespace (every name forgotten), back to step 1");
  if (flow_ && !flow_->note.empty()) {
    shown_flow_note_ = flow_->note;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(theme_colours().good, "%s", shown_flow_note_.c_str());
    ImGui::PopTextWrapPos();
    record_item(shown_flow_note_);
  }
}

void LessonPane::draw_content(PaneContext& context) {
  const AppState& state = context.state;
  const LessonState& lesson = state.lesson;
  const ThemeColours& colours = theme_colours();
  sync_with(lesson);
  shown_answer_.clear();
  shown_outcome_.clear();
  shown_bars_.clear();
  shown_bar_ratio_.clear();
  question_shown_ = false;
  shown_flow_note_.clear();
  draw_flow_dialog(context);

  if (!lesson.load_error.empty() && lesson.load_error != dismissed_error_) {
    // One line, elided (whole on hover), and the button that dismisses it.
    const float dismiss_width = button_width("x") + ImGui::GetStyle().ItemSpacing.x;
    ImGui::PushStyleColor(ImGuiCol_Text, colours.failure);
    text_elided(lesson.load_error, std::max(1.0f, ImGui::GetContentRegionAvail().x - dismiss_width));
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (recorded_small_button("x")) dismissed_error_ = lesson.load_error;
    tooltip_beside_item("Dismiss this message");
  }
  if (!lesson.lesson) {
    ImGui::TextDisabled("No lesson open.");
    ImGui::TextDisabled("Pick one above, or File > Open... a .md or .ipynb.");
    return;
  }
  handle_keys(context);
  const LessonStep* step = lesson.current();
  // A pane too short for the navigation and a line of the step (zoomed text on a small screen)
  // scrolls all of it, buttons included, rather than cutting them off at its bottom edge.
  // Heights are as drawn last frame: the navigation and the Run bar wrap in a narrow pane.
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const bool scroll_all = ImGui::GetContentRegionAvail().y < header_height_ + line;
  if (scroll_all) ImGui::BeginChild("##step", ImVec2(0, 0), false);
  const float header_top = ImGui::GetCursorPosY();
  draw_header(context);
  ImGui::Separator();
  header_height_ = ImGui::GetCursorPosY() - header_top;
  if (!step) {
    if (scroll_all) ImGui::EndChild();
    return;
  }
  const LessonStepRun* run = lesson.current_run();
  // The step scrolls; the Run bar under it stays in view, unless the pane is too short for
  // both: then it scrolls with the step instead of squeezing the step to nothing.
  if (run_bar_height_ <= 0.0f) run_bar_height_ = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y + 1.0f;
  const bool pin_bar = !scroll_all && step->has_code() &&
                       ImGui::GetContentRegionAvail().y - run_bar_height_ >= line * 4.0f;
  if (!scroll_all) ImGui::BeginChild("##step", ImVec2(0, pin_bar ? -run_bar_height_ : 0.0f), false);
  if (scroll_to_top_) {
    ImGui::SetScrollY(0.0f);
    scroll_to_top_ = false;
  }
  const std::size_t index = static_cast<std::size_t>(lesson.step);
  if (index < narration_.size()) narration_[index].draw(narration_look(heading_font_));

  if (step->question) {
    question_shown_ = true;
    ImGui::Spacing();
    boxed_text("Predict:", colours.question, step->question->prompt, false, question_view_);
    const bool held = step->has_code() ? run == nullptr : !revealed_[index];
    if (held) {
      if (step->has_code()) {
        ImGui::TextDisabled("(think first: Run reveals the answer)");
      } else if (recorded_small_button("Reveal the answer")) {
        revealed_[index] = true;
      }
    }
  }
  draw_code(context, *step);
  if (run) draw_outcome(context, *step, *run);
  draw_answer(*step, run);
  if (step->has_code() && !pin_bar) draw_run_bar(context, *step, run);
  // Scrolled to what the step did, unless that would scroll the navigation out of sight.
  if (std::exchange(scroll_to_outcome_, false) && !scroll_all) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
  if (pin_bar) draw_run_bar(context, *step, run);
}

void LessonPane::draw_run_bar(PaneContext& context, const LessonStep& step, const LessonStepRun* run) {
  const LessonState& lesson = context.state.lesson;
  const ThemeColours& colours = theme_colours();
  const float top = ImGui::GetCursorPosY();
  ImGui::Separator();
  const bool running = context.state.cell_running;
  ImGui::BeginDisabled(running);
  if (recorded_button(context, running && lesson.running_step == lesson.step ? "Running..." : "Run"))
    run_current(context);
  ImGui::EndDisabled();
  // The key hint only where it fits; "edited" and revert wrap; the verdict is elided.
  const float right = ImGui::GetWindowContentRegionMax().x;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  if (ImGui::GetItemRectMax().x + spacing + ImGui::CalcTextSize("Ctrl+Enter").x <= ImGui::GetWindowPos().x + right) {
    ImGui::SameLine();
    ImGui::TextDisabled("Ctrl+Enter");
  }
  const std::size_t index = static_cast<std::size_t>(lesson.step);
  if (index < codes_.size() && codes_[index] != step.code) {
    same_line_or_wrap(ImGui::CalcTextSize("| edited").x + spacing + button_width("revert"));
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("| edited");
    ImGui::SameLine();
    if (recorded_small_button("revert")) codes_[index] = step.code;
    tooltip_beside_item("Put back the lesson's own code for this step");
  }
  if (run) {
    // The verdict in short; the whole sentence is under the code.
    std::string verdict;
    if (run->problem)
      verdict = "\u2718 not as the lesson intends";
    else if (flow_ && flow_->runs_of(lesson.step) > 1)
      verdict = "ran again";  // the whole sentence is under the code
    else
      verdict = run->raised ? "\u2714 " + run->error_type + ", as expected" : "\u2714 ran";
    same_line_or_wrap(std::min(ImGui::CalcTextSize(verdict.c_str()).x, ImGui::CalcTextSize("0").x * 10.0f));
    const bool again = !run->problem && flow_ && flow_->runs_of(lesson.step) > 1;
    ImGui::PushStyleColor(ImGuiCol_Text, run->problem ? colours.failure : again ? colours.question : colours.good);
    text_elided(verdict, std::max(1.0f, right - ImGui::GetCursorPosX()));
    ImGui::PopStyleColor();
  }
  run_bar_height_ = ImGui::GetCursorPosY() - top;
}

void LessonPane::draw_code(PaneContext& context, const LessonStep& step) {
  const LessonState& lesson = context.state.lesson;
  const std::size_t index = static_cast<std::size_t>(lesson.step);
  ImGui::Spacing();
  if (!step.has_code() || index >= codes_.size()) {
    ImGui::TextDisabled(lesson.step + 1 < lesson.step_count() ? "(no code in this step: Next goes on)"
                                                              : "(the end of the lesson)");
    return;
  }
  std::string& code = codes_[index];
  const int lines = static_cast<int>(std::count(code.begin(), code.end(), '\n')) + 1;
  const float height = ImGui::GetTextLineHeight() * static_cast<float>(std::clamp(lines, 2, 24)) +
                       ImGui::GetStyle().FramePadding.y * 2.0f + 2.0f;
  // Enter is a newline; Ctrl+Enter runs (and leaves the field, so the clicker keys work again).
  const bool ctrl_enter =
      ImGui::InputTextMultiline("##code", &code, ImVec2(-1.0f, height), ImGuiInputTextFlags_EnterReturnsTrue);
  record_item("code");
  if (context.probe)
    context.probe->buttons.push_back({"code", ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
  if (ctrl_enter) run_current(context);
}

void LessonPane::draw_outcome(PaneContext& context, const LessonStep& step, const LessonStepRun& run) {
  const ThemeColours& colours = theme_colours();
  ImGui::PushTextWrapPos(0.0f);
  // A second run starts from what the first left behind (lesson 5's byteswap undoes itself), so
  // it is never called the lesson's intended result.
  const bool ran_again = flow_ && flow_->runs_of(context.state.lesson.step) > 1;
  if (run.problem) {
    shown_outcome_ = "\u2718 this step " + *run.problem;
    ImGui::TextColored(colours.failure, "%s", shown_outcome_.c_str());
  } else if (ran_again) {
    shown_outcome_ = "ran again: the output may differ from the lesson's";
    ImGui::TextColored(colours.question, "%s", shown_outcome_.c_str());
  } else if (run.raised) {
    shown_outcome_ = "\u2714 raised " + run.error_type + ", as the lesson expects";
    ImGui::TextColored(colours.good, "%s", shown_outcome_.c_str());
  } else {
    shown_outcome_ = step.expected_error.empty() ? "\u2714 ran as the lesson intends" : "\u2714 ran";
    ImGui::TextColored(colours.good, "%s", shown_outcome_.c_str());
  }
  if (const auto& window = context.state.lesson_range) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colours.lesson_range));
    ImGui::Text("marked in Memory: %s", window->label.c_str());
    ImGui::PopStyleColor();
  }
  if (!run.highlight_note.empty()) ImGui::TextDisabled("%s", run.highlight_note.c_str());
  ImGui::PopTextWrapPos();
  if (step.bars) draw_bars(run.bars);
}

// One horizontal bar per reading, scaled to the longest, its value at its end; a reading
// without a value says what was not found in its place.
void LessonPane::draw_bars(const std::vector<BarReading>& readings) {
  const ThemeColours& colours = theme_colours();
  double longest = 0.0, shortest = -1.0;
  for (const BarReading& reading : readings) {
    if (!reading.seconds) continue;
    longest = std::max(longest, *reading.seconds);
    shortest = shortest < 0.0 ? *reading.seconds : std::min(shortest, *reading.seconds);
  }
  ImGui::Spacing();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float bar_height = ImGui::GetTextLineHeight();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  for (const BarReading& reading : readings) {
    ShownBar shown{reading.label, reading.seconds, {}, 0.0f};
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(reading.label.c_str());
    if (!reading.seconds) {
      shown.text = "not found: " + reading.problem;
      ImGui::TextColored(colours.failure, "%s", shown.text.c_str());
      ImGui::PopTextWrapPos();
      shown_bars_.push_back(std::move(shown));
      continue;
    }
    ImGui::PopTextWrapPos();
    shown.text = format_seconds(*reading.seconds);
    shown.fraction = longest > 0.0 ? static_cast<float>(*reading.seconds / longest) : 0.0f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float text_width = ImGui::CalcTextSize(shown.text.c_str()).x;
    const float room = std::max(ImGui::GetContentRegionAvail().x - text_width - gap, 4.0f);
    // Even a bar too short to see keeps a sliver, so every value has a bar to read it from.
    const float length = std::max(shown.fraction * room, 3.0f);
    const ImU32 fill = *reading.seconds == shortest && longest > shortest ? colours.chart_bar_fastest : colours.chart_bar;
    draw->AddRectFilled(ImVec2(at.x, at.y + 1.0f), ImVec2(at.x + length, at.y + bar_height - 1.0f), fill, 2.0f);
    draw->AddText(ImVec2(at.x + length + gap, at.y), ImGui::GetColorU32(ImGuiCol_Text), shown.text.c_str());
    ImGui::Dummy(ImVec2(length + gap + text_width, bar_height));
    shown_bars_.push_back(std::move(shown));
  }
  if (const auto sentence = bars_ratio_sentence(readings)) {
    shown_bar_ratio_ = *sentence;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(colours.good, "%s", shown_bar_ratio_.c_str());
    ImGui::PopTextWrapPos();
  }
}

void LessonPane::draw_answer(const LessonStep& step, const LessonStepRun* run) {
  if (!step.question) return;
  const std::size_t index = static_cast<std::size_t>(shown_step_);
  const bool revealed = step.has_code() ? run != nullptr : index < revealed_.size() && revealed_[index];
  if (!revealed) return;
  ImGui::Spacing();
  if (step.question->answer) {
    shown_answer_ = *step.question->answer;
    boxed_text("Answer:", theme_colours().good, shown_answer_, false, answer_view_);
  } else {
    shown_answer_ = run && !run->output.empty() ? run->output : "(no output)";
    while (shown_answer_.size() > 1 && shown_answer_.back() == '\n') shown_answer_.pop_back();
    boxed_text("Answer: the output", theme_colours().good, shown_answer_, true, answer_view_);
  }
}

}  // namespace bufferlab

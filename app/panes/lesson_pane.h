// The Lesson pane: the lesson picker (showing the lesson's title), Previous / "step k of n" /
// Next / Restart, the step's narration rendered from Markdown, a predict-then-reveal question,
// the step's code in an editable field (edits kept per step until Restart) and Run. Right arrow
// and Page Down go to the next step, Left and Page Up back (a presentation clicker sends
// those), except while a text field has the keyboard.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/widgets/markdown_painter.h"
#include "app/panes/pane.h"

namespace bufferlab {

struct LessonFlow;

class LessonPane : public Pane {
 public:
  const char* title() const override { return "Lesson"; }

  // Where the lesson controller keeps the flow between steps and lessons (set once).
  void set_flow(const LessonFlow* flow) { flow_ = flow; }

  // The font for the narration's headings (may stay null: the current font is used).
  void set_heading_font(ImFont* font) { heading_font_ = font; }

  // What the last frame showed (tests): the code in the editor for a step, as edited; the
  // revealed answer (empty while it is held back); the run's verdict line.
  const std::string& code_of(int step) const;
  const std::string& shown_answer() const { return shown_answer_; }
  const std::string& shown_outcome() const { return shown_outcome_; }
  bool question_shown() const { return question_shown_; }
  // The flow note under the navigation, and the question or offer in the dialog (empty: none).
  const std::string& shown_flow_note() const { return shown_flow_note_; }
  const std::string& shown_dialog() const { return shown_dialog_; }
  // Layouts the narration views made so far (tests: a frame that changes nothing makes none).
  std::size_t narration_layouts() const;
  // The bars of measured times as the last frame drew them, and the comparison under them.
  struct ShownBar {
    std::string label;
    std::optional<double> seconds;  // empty when the label or its number was not found
    std::string text;               // the value with its unit, or what was not found
    float fraction = 0.0f;          // the bar's length relative to the longest
  };
  const std::vector<ShownBar>& shown_bars() const { return shown_bars_; }
  const std::string& shown_bar_ratio() const { return shown_bar_ratio_; }

 protected:
  void draw_toolbar(PaneContext& context) override;
  void draw_content(PaneContext& context) override;

 private:
  void sync_with(const LessonState& lesson);
  void handle_keys(PaneContext& context);
  void draw_header(PaneContext& context);
  void draw_code(PaneContext& context, const LessonStep& step);
  void draw_run_bar(PaneContext& context, const LessonStep& step, const LessonStepRun* run);
  void draw_outcome(PaneContext& context, const LessonStep& step, const LessonStepRun& run);
  void draw_answer(const LessonStep& step, const LessonStepRun* run);
  void draw_bars(const std::vector<BarReading>& readings);
  void run_current(PaneContext& context);
  void go_next(PaneContext& context);
  void draw_flow_dialog(PaneContext& context);

  std::uint64_t generation_ = ~std::uint64_t{0};
  int shown_step_ = -1;
  std::vector<std::string> codes_;                  // per step, as edited
  std::vector<MarkdownView> narration_;             // per step, parsed once, laid out per width
  MarkdownView question_view_, answer_view_;        // the boxed question and answer
  std::vector<bool> revealed_;                      // code-less steps: answer shown
  std::string dismissed_error_;
  bool scroll_to_top_ = false;
  bool scroll_to_outcome_ = false;
  ImFont* heading_font_ = nullptr;
  std::string shown_answer_, shown_outcome_;
  std::vector<ShownBar> shown_bars_;
  std::string shown_bar_ratio_;
  bool question_shown_ = false;
  const LessonFlow* flow_ = nullptr;
  std::string shown_flow_note_, shown_dialog_;
  bool had_run_ = false;
  float run_bar_height_ = 0.0f;  // as drawn last frame (it wraps in a narrow pane)
  float header_height_ = 0.0f;   // the navigation, as drawn last frame
};

}  // namespace bufferlab

// The stride walk's row on a card: media buttons drawn as shapes (they read at any zoom without
// glyphs the font may lack), the order and speed, and the step's jump in words.
#include "app/panes/stride_walk_controls.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/widgets/ui_record.h"
#include "app/window/theme.h"

namespace bufferlab {

namespace {

enum class Icon { Restart, StepBack, Play, Pause, StepForward, Stop };

// A square button with a media icon; `label` names it for tooltips, tests and --dump-ui.
bool icon_button(Icon icon, const char* label, const char* tip, bool enabled = true) {
  const float side = ImGui::GetFrameHeight();
  ImGui::PushID(label);
  if (!enabled) ImGui::BeginDisabled();
  const bool pressed = ImGui::Button("##icon", ImVec2(side, side));
  if (!enabled) ImGui::EndDisabled();
  ImGui::PopID();
  record_item(label);
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) tooltip_beside_item(tip);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 min = ImGui::GetItemRectMin();
  const ImU32 colour = ImGui::GetColorU32(enabled ? ImGuiCol_Text : ImGuiCol_TextDisabled);
  const float s = side * 0.5f;  // icon box: centred, half the button
  const ImVec2 c(min.x + side * 0.5f, min.y + side * 0.5f);
  const float h = s * 0.5f;
  const auto right = [&](float x0, float x1) {
    draw->AddTriangleFilled(ImVec2(x0, c.y - h), ImVec2(x1, c.y), ImVec2(x0, c.y + h), colour);
  };
  const auto left = [&](float x0, float x1) {
    draw->AddTriangleFilled(ImVec2(x1, c.y - h), ImVec2(x1, c.y + h), ImVec2(x0, c.y), colour);
  };
  const auto bar = [&](float x, float w) { draw->AddRectFilled(ImVec2(x, c.y - h), ImVec2(x + w, c.y + h), colour); };
  const float bar_width = std::max(1.5f, s * 0.16f);
  switch (icon) {
    case Icon::Restart:  // |<<
      bar(c.x - h, bar_width);
      left(c.x - h + bar_width, c.x + h * 0.1f);
      left(c.x, c.x + h);
      break;
    case Icon::StepBack:  // <|
      left(c.x - h * 0.7f, c.x + h * 0.4f);
      bar(c.x + h * 0.4f, bar_width);
      break;
    case Icon::Play:
      right(c.x - h * 0.6f, c.x + h * 0.8f);
      break;
    case Icon::Pause:
      bar(c.x - h * 0.6f, s * 0.22f);
      bar(c.x + h * 0.6f - s * 0.22f, s * 0.22f);
      break;
    case Icon::StepForward:  // |>
      bar(c.x - h * 0.4f - bar_width, bar_width);
      right(c.x - h * 0.4f, c.x + h * 0.7f);
      break;
    case Icon::Stop:
      draw->AddRectFilled(ImVec2(c.x - h * 0.7f, c.y - h * 0.7f), ImVec2(c.x + h * 0.7f, c.y + h * 0.7f), colour);
      break;
  }
  return pressed;
}

std::string order_name(int dimension) {
  return dimension < 0 ? "C order" : "along dim " + std::to_string(dimension);
}

}  // namespace

void draw_stride_walk_button(PaneContext& context, int view_index) {
  const AppState& state = context.state;
  const BufferFacts& f = state.views[static_cast<std::size_t>(view_index)].facts;
  if (state.stride_walk.view() == view_index || f.element_count() == 0 || f.shape.size() != f.strides.size()) return;
  ImGui::PushID("stride_walk");
  const char* label = "walk strides";
  same_line_or_wrap(button_width(label));
  if (ImGui::SmallButton(label)) context.commands.push(StartStrideWalk{view_index, -1});
  record_item(label);
  if (ImGui::IsItemHovered())
    tooltip_beside_item("Walk the strides: step through the elements in index order\n"
                        "and watch buf + sum(index_k * stride_k) move through memory");
  ImGui::PopID();
}

void draw_stride_walk_controls(PaneContext& context, int view_index) {
  const AppState& state = context.state;
  const StrideWalkPlayer& walk = state.stride_walk;
  const DisplayView& view = state.views[static_cast<std::size_t>(view_index)];
  const BufferFacts& f = view.facts;
  if (f.element_count() == 0 || f.shape.size() != f.strides.size()) return;
  ImGui::PushID("stride_walk");

  if (walk.view() != view_index) {
    ImGui::PopID();
    return;
  }

  // The buttons, then where the walk is.
  const float gap = ImGui::GetStyle().ItemSpacing.x * 0.5f;
  const bool can_back = walk.position() > 0;
  if (icon_button(Icon::Restart, "restart walk", "back to the first step", can_back))
    context.commands.push(SeekStrideWalk{0});
  ImGui::SameLine(0.0f, gap);
  if (icon_button(Icon::StepBack, "step back", "one step back", can_back)) context.commands.push(StepStrideWalk{-1});
  ImGui::SameLine(0.0f, gap);
  if (walk.playing()) {
    if (icon_button(Icon::Pause, "pause walk", "pause")) context.commands.push(PlayStrideWalk{false});
  } else if (icon_button(Icon::Play, "play walk", walk.at_end() ? "play again from the first step" : "play")) {
    context.commands.push(PlayStrideWalk{true});
  }
  ImGui::SameLine(0.0f, gap);
  if (icon_button(Icon::StepForward, "step forward", "one step forward", !walk.at_end()))
    context.commands.push(StepStrideWalk{1});
  ImGui::SameLine(0.0f, gap);
  if (icon_button(Icon::Stop, "stop walk", "stop the walk (its marks go)")) context.commands.push(StopStrideWalk{});
  char where[96];
  std::snprintf(where, sizeof where, "step %lld of %lld", static_cast<long long>(walk.position() + 1),
                static_cast<long long>(walk.size()));
  same_line_or_wrap(ImGui::CalcTextSize(where).x);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(where);

  // The order (N-d only) and the speed.
  const float char_width = ImGui::CalcTextSize("0").x;
  if (f.shape.size() >= 2) {
    const float combo_width = char_width * 12.0f + ImGui::GetFrameHeight();
    ImGui::SetNextItemWidth(combo_width);
    const std::string current = order_name(walk.dimension());
    if (ImGui::BeginCombo("##order", current.c_str())) {
      for (int d = -1; d < static_cast<int>(f.shape.size()); ++d) {
        const std::string name = order_name(d);
        if (ImGui::Selectable(name.c_str(), d == walk.dimension())) context.commands.push(ChooseWalkDimension{d});
        record_item(name);
      }
      ImGui::EndCombo();
    }
    record_item("walk order");
    if (ImGui::IsItemHovered())
      tooltip_beside_item("C order: every element, last index fastest.\n"
                          "Along one dimension: only that index moves, the others stay\n"
                          "(click an element to choose them).");
  }
  const float slider_width = char_width * 14.0f;
  same_line_or_wrap(slider_width);
  float speed = static_cast<float>(walk.steps_per_second());
  ImGui::SetNextItemWidth(slider_width);
  if (ImGui::SliderFloat("##speed", &speed, static_cast<float>(StrideWalkPlayer::kSlowestStepsPerSecond),
                         static_cast<float>(StrideWalkPlayer::kFastestStepsPerSecond), "%.2g steps/s",
                         ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
    context.commands.push(SetStrideWalkSpeed{speed});
  record_item("walk speed");

  // The element on show and the jump that brought it there.
  const WalkStep& step = walk.step();
  const ThemeColours& theme = theme_colours();
  const std::string element = view.name + index_text(step.index);
  const std::string offset = step.offset < 0 ? "buf - " + std::to_string(-step.offset) : "buf + " + std::to_string(step.offset);
  const std::string jump = walk.jump_text();
  const ImVec4 jump_colour = step.position == 0                                 ? ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled)
                             : step.jump == 0 || step.revisits_via_zero_stride ? theme.question
                             : step.jump < 0                                   ? theme.failure
                                                                               : theme.good;
  // The element and its jump on one line where they fit (the Py_buffer pane has the sum).
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(element.c_str());
  if (ImGui::IsItemHovered()) tooltip_beside_item((element + " is at " + offset).c_str());
  same_line_or_wrap(ImGui::CalcTextSize(jump.c_str()).x);
  ImGui::TextColored(jump_colour, "%s", jump.c_str());
  ImGui::PopTextWrapPos();
  context.note("Views", view.name, "walk: " + element + " at " + offset + ", " + jump);
  ImGui::PopID();
}

}  // namespace bufferlab

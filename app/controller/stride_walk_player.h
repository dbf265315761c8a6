// The stride walk on show: which view it walks (in C order, or along one dimension with the
// other indices fixed), the step on show, whether it plays and how fast. Only the workbench
// changes it (from commands); panes read it to draw the card's controls, the marks and the
// Py_buffer arithmetic. Time comes in as a value, so a test drives it with its own clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/inspect/stride_walk.h"

namespace bufferlab {

struct DisplayView;

class StrideWalkPlayer {
 public:
  // Slow enough for a class to read each step's arithmetic.
  static constexpr double kDefaultStepsPerSecond = 1.5;
  static constexpr double kSlowestStepsPerSecond = 0.25;
  static constexpr double kFastestStepsPerSecond = 8.0;

  bool active() const { return walk_.has_value(); }
  // The walked view: its name, and its index in AppState::views (-1 when no walk is shown).
  const std::string& view_name() const { return view_name_; }
  int view() const { return active() ? view_ : -1; }
  int dimension() const { return active() ? walk_->dimension() : -1; }  // -1: C order
  std::int64_t position() const { return step_.position; }
  std::int64_t size() const { return active() ? walk_->size() : 0; }
  bool at_end() const { return active() && step_.position + 1 >= walk_->size(); }
  bool playing() const { return playing_; }
  double steps_per_second() const { return steps_per_second_; }
  const StrideWalk* walk() const { return active() ? &*walk_ : nullptr; }
  // The step on show (meaningful while active()).
  const WalkStep& step() const { return step_; }
  // The current element as a C-order flat index (what highlights and tables name), or -1.
  std::int64_t flat() const { return active() ? flat_ : -1; }
  // The step's jump in words: "start", "+12 bytes", "-4 bytes (backwards)", "+0 bytes: same
  // bytes again".
  std::string jump_text() const;

  // Starts walking `view` (at `view_index`) from its first step, playing. Along `dimension`
  // (-1: C order) the other indices are held at `fixed` (missing or out-of-range entries: 0).
  void start(const DisplayView& view, int view_index, int dimension, std::vector<std::int64_t> fixed, double now);
  // Plays from the step on show (from the first one when at the end), the next step one
  // interval from now.
  void play(double now);
  void pause() { playing_ = false; }
  // One step back or forward (or more), clamped to the walk; pauses.
  void step_by(std::int64_t delta);
  // Shows step `position` (clamped); a playing walk goes on from there one interval later.
  void seek(std::int64_t position, double now);
  // C order (-1) or along `dimension`, keeping the element on show where the new walk has it
  // (along a dimension it is always there; in C order its flat index is its step).
  void choose_dimension(int dimension, double now);
  // Shows the element at `index` of the walked view (a click on it): in C order its step; along
  // a dimension, the walk moves to the line through it. Playing goes on from there.
  void go_to(const std::vector<std::int64_t>& index, double now);
  void set_speed(double steps_per_second, double now);
  void stop();

  // Takes the steps that are due by `now` while playing; true when the step on show changed.
  // At the last step the walk pauses there.
  bool advance(double now);
  // While playing, when the next step is due: the window wakes then and at no other time.
  std::optional<double> next_step_at() const;
  // The views were rebuilt: the walk follows its view by name (new address, new index) and
  // stops when the view is gone or its shape or strides changed.
  void follow_views(const std::vector<DisplayView>& views);

 private:
  void show(std::int64_t position);

  std::optional<StrideWalk> walk_;
  std::string view_name_;
  int view_ = -1;
  WalkStep step_;
  std::int64_t flat_ = -1;
  bool playing_ = false;
  double steps_per_second_ = kDefaultStepsPerSecond;
  double last_step_time_ = 0.0;  // when the step on show came (the next is due an interval later)
};

}  // namespace bufferlab

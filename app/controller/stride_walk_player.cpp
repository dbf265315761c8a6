// The stride walk on show: a StrideWalk over a view's facts, a position in it and a clock.
#include "app/controller/stride_walk_player.h"

#include <algorithm>
#include <utility>

#include "app/controller/app_state.h"
#include "core/layout.h"

namespace bufferlab {

std::string StrideWalkPlayer::jump_text() const {
  if (!active() || step_.position == 0) return "start";
  const std::int64_t jump = step_.jump;
  std::string text = (jump < 0 ? "-" : "+") + std::to_string(jump < 0 ? 0 - static_cast<std::uint64_t>(jump)
                                                                      : static_cast<std::uint64_t>(jump)) +
                     (jump == 1 || jump == -1 ? " byte" : " bytes");
  if (jump < 0) text += " (backwards)";
  if (jump == 0)
    text += ": the same bytes again";
  else if (step_.revisits_via_zero_stride)
    text += ": to bytes visited before";
  return text;
}

void StrideWalkPlayer::start(const DisplayView& view, int view_index, int dimension, std::vector<std::int64_t> fixed,
                             double now) {
  const BufferFacts& facts = view.facts;
  const auto ndim = facts.shape.size();
  fixed.resize(ndim, 0);
  for (std::size_t k = 0; k < ndim; ++k) fixed[k] = std::clamp<std::int64_t>(fixed[k], 0, std::max<std::int64_t>(facts.shape[k] - 1, 0));
  StrideWalk walk = dimension >= 0 && dimension < static_cast<int>(ndim)
                        ? StrideWalk::along_dimension(facts, dimension, std::move(fixed))
                        : StrideWalk(facts);
  if (walk.empty()) {
    stop();
    return;
  }
  walk_ = std::move(walk);
  view_name_ = view.name;
  view_ = view_index;
  show(0);
  playing_ = walk_->size() > 1;
  last_step_time_ = now;
}

void StrideWalkPlayer::show(std::int64_t position) {
  step_ = walk_->step_at(std::clamp<std::int64_t>(position, 0, walk_->size() - 1));
  const BufferFacts& facts = walk_->facts();
  flat_ = facts.element_count_fits() ? flatten_index(facts, step_.index) : -1;
}

void StrideWalkPlayer::play(double now) {
  if (!active()) return;
  if (at_end()) show(0);
  playing_ = walk_->size() > 1;
  last_step_time_ = now;
}

void StrideWalkPlayer::step_by(std::int64_t delta) {
  if (!active()) return;
  playing_ = false;
  const std::int64_t last = walk_->size() - 1;
  // Clamped without overflowing for any delta.
  const std::int64_t target = delta < 0 ? (step_.position < -delta ? 0 : step_.position + delta)
                                        : (last - step_.position < delta ? last : step_.position + delta);
  show(target);
}

void StrideWalkPlayer::seek(std::int64_t position, double now) {
  if (!active()) return;
  show(position);
  last_step_time_ = now;
  if (at_end()) playing_ = false;
}

void StrideWalkPlayer::choose_dimension(int dimension, double now) {
  if (!active()) return;
  const BufferFacts facts = walk_->facts();
  const std::vector<std::int64_t> index = step_.index;
  if (dimension >= 0 && dimension < static_cast<int>(facts.shape.size())) {
    walk_ = StrideWalk::along_dimension(facts, dimension, index);
    if (walk_->empty()) return stop();
    show(index[static_cast<std::size_t>(dimension)]);
  } else {
    walk_ = StrideWalk(facts);
    if (walk_->empty()) return stop();
    show(facts.element_count_fits() ? flatten_index(facts, index) : 0);
  }
  playing_ = playing_ && !at_end();
  last_step_time_ = now;
}

void StrideWalkPlayer::go_to(const std::vector<std::int64_t>& index, double now) {
  if (!active() || index.size() != walk_->facts().shape.size()) return;
  const BufferFacts facts = walk_->facts();
  for (std::size_t k = 0; k < index.size(); ++k)
    if (index[k] < 0 || index[k] >= facts.shape[k]) return;
  const int dimension = walk_->dimension();
  if (dimension >= 0) {
    walk_ = StrideWalk::along_dimension(facts, dimension, index);
    show(index[static_cast<std::size_t>(dimension)]);
  } else {
    if (!facts.element_count_fits()) return;
    show(flatten_index(facts, index));
  }
  playing_ = playing_ && !at_end();
  last_step_time_ = now;
}

void StrideWalkPlayer::set_speed(double steps_per_second, double now) {
  steps_per_second_ = std::clamp(steps_per_second, kSlowestStepsPerSecond, kFastestStepsPerSecond);
  // The next step comes one new interval after the step on show, but not before now.
  last_step_time_ = std::min(last_step_time_, now);
}

void StrideWalkPlayer::stop() {
  walk_.reset();
  view_name_.clear();
  view_ = -1;
  step_ = {};
  flat_ = -1;
  playing_ = false;
}

bool StrideWalkPlayer::advance(double now) {
  const std::optional<double> due = next_step_at();
  if (!due || now < *due) return false;
  show(step_.position + 1);
  // After a stall (a long cell, a suspended laptop) the walk goes on from now: one step a
  // frame, never a burst.
  last_step_time_ = now - *due >= 1.0 / steps_per_second_ ? now : *due;
  if (at_end()) playing_ = false;
  return true;
}

std::optional<double> StrideWalkPlayer::next_step_at() const {
  if (!active() || !playing_) return std::nullopt;
  return last_step_time_ + 1.0 / steps_per_second_;
}

void StrideWalkPlayer::follow_views(const std::vector<DisplayView>& views) {
  if (!active()) return;
  const auto it = std::find_if(views.begin(), views.end(), [&](const DisplayView& v) { return v.name == view_name_; });
  if (it == views.end() || it->facts.shape != walk_->facts().shape || it->facts.strides != walk_->facts().strides) {
    stop();
    return;
  }
  // Same shape and strides: the walk goes on over the view's facts now (its address may differ).
  const std::int64_t position = step_.position;
  const std::vector<std::int64_t> index = step_.index;
  const int dimension = walk_->dimension();
  walk_ = dimension >= 0 ? StrideWalk::along_dimension(it->facts, dimension, index) : StrideWalk(it->facts);
  if (walk_->empty()) {
    stop();
    return;
  }
  view_ = static_cast<int>(it - views.begin());
  show(position);
}

}  // namespace bufferlab

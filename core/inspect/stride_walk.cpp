// Stride walk: positions unravel to indices in C order; offsets wrap like the pointer arithmetic
// they teach (a real export never overflows, so wrapping only keeps odd facts defined).
#include "core/inspect/stride_walk.h"

#include <algorithm>
#include <cstdint>
#include <utility>

namespace bufferlab {
namespace {

std::int64_t wrapping_add(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}
std::int64_t wrapping_mul(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) * static_cast<std::uint64_t>(b));
}

}  // namespace

StrideWalk::StrideWalk(const BufferFacts& facts) : facts_(facts) {
  size_ = facts_.element_count();
  if (facts_.shape.size() != facts_.strides.size()) size_ = 0;  // malformed facts: nothing to walk
}

StrideWalk StrideWalk::along_dimension(const BufferFacts& facts, int dimension,
                                       std::vector<std::int64_t> fixed_index) {
  StrideWalk walk;
  walk.facts_ = facts;
  walk.dimension_ = dimension;
  const int ndim = static_cast<int>(facts.shape.size());
  bool valid = dimension >= 0 && dimension < ndim && static_cast<int>(fixed_index.size()) == ndim &&
               facts.strides.size() == facts.shape.size();
  for (int k = 0; valid && k < ndim; ++k)
    if (k != dimension && (fixed_index[k] < 0 || fixed_index[k] >= facts.shape[k])) valid = false;
  if (!valid) return walk;
  fixed_index[dimension] = 0;
  walk.fixed_index_ = std::move(fixed_index);
  walk.size_ = std::max<std::int64_t>(facts.shape[dimension], 0);
  return walk;
}

bool StrideWalk::has_suboffsets() const {
  return std::any_of(facts_.suboffsets.begin(), facts_.suboffsets.end(),
                     [](std::int64_t s) { return s >= 0; });
}

void StrideWalk::fill_index(std::int64_t position, std::vector<std::int64_t>& index) const {
  if (dimension_ >= 0) {
    index = fixed_index_;
    index[dimension_] = position;
    return;
  }
  index.assign(facts_.shape.size(), 0);
  for (std::size_t k = facts_.shape.size(); k-- > 0;) {
    const std::int64_t extent = facts_.shape[k];
    if (extent <= 0) return;
    index[k] = position % extent;
    position /= extent;
  }
}

std::int64_t StrideWalk::offset_of(const std::vector<std::int64_t>& index) const {
  std::int64_t offset = 0;
  for (std::size_t k = 0; k < index.size(); ++k)
    offset = wrapping_add(offset, wrapping_mul(index[k], facts_.strides[k]));
  return offset;
}

WalkStep StrideWalk::step_at(std::int64_t position) const {
  WalkStep step;
  if (size_ == 0) {
    // Nothing to walk (an invalid dimension walk has no fixed index to fill in): index 0s, buf.
    step.index.assign(facts_.shape.size(), 0);
    step.address = facts_.address;
    return step;
  }
  position = std::clamp<std::int64_t>(position, 0, std::max<std::int64_t>(size_ - 1, 0));
  step.position = position;
  fill_index(position, step.index);
  step.offset = offset_of(step.index);
  step.address = facts_.address + static_cast<std::uintptr_t>(step.offset);
  if (position > 0) {
    std::vector<std::int64_t> previous;
    fill_index(position - 1, previous);
    step.jump = wrapping_add(step.offset, wrapping_mul(offset_of(previous), -1));
  }
  // Only the dimensions this walk moves along count: along one dimension, a fixed index in a
  // zero-stride dimension was never visited with index 0 in this walk.
  for (std::size_t k = 0; k < step.index.size(); ++k) {
    const bool walked = dimension_ < 0 || static_cast<int>(k) == dimension_;
    if (walked && facts_.strides[k] == 0 && step.index[k] != 0) step.revisits_via_zero_stride = true;
  }
  return step;
}

std::string StrideWalk::arithmetic(const WalkStep& step) const {
  std::string text = "buf";
  for (std::size_t k = 0; k < step.index.size(); ++k) {
    const std::int64_t stride = facts_.strides[k];
    text += " + " + std::to_string(step.index[k]) + "*";
    text += stride < 0 ? "(" + std::to_string(stride) + ")" : std::to_string(stride);
  }
  if (step.index.empty()) text += " + 0";
  text += " = buf";
  if (step.offset > 0) text += " + " + std::to_string(step.offset);
  if (step.offset < 0) {
    // Avoid negating INT64_MIN: print the magnitude as unsigned.
    text += " - " + std::to_string(0 - static_cast<std::uint64_t>(step.offset));
  }
  return text;
}

}  // namespace bufferlab

// Stride walk: the elements of a view in index order with their byte offsets
// buf + sum(index_k * stride_k), for animating how strides address memory. Lazy: a step is
// computed from its position by unravelling it, so a walk over 1e9 elements allocates nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/buffer_facts.h"

namespace bufferlab {

struct WalkStep {
  std::int64_t position = 0;          // 0-based place in the walk
  std::vector<std::int64_t> index;    // one index per dimension of the view
  std::int64_t offset = 0;            // bytes from buf (negative strides can make it negative)
  std::uintptr_t address = 0;         // buf + offset
  std::int64_t jump = 0;              // offset minus the previous step's offset (0 at the start)
  // A dimension the walk moves along has stride 0 and a nonzero index: these bytes were visited
  // at an earlier step of this walk (the one with that index 0).
  bool revisits_via_zero_stride = false;
};

class StrideWalk {
 public:
  // Every element in C order (last index fastest). A 0-d view has one step (index ()).
  explicit StrideWalk(const BufferFacts& facts);
  // Along `dimension` only, the other indices held at `fixed_index` (one entry per dimension; the
  // entry for `dimension` is ignored). An out-of-range dimension or fixed index gives an empty
  // walk.
  static StrideWalk along_dimension(const BufferFacts& facts, int dimension,
                                    std::vector<std::int64_t> fixed_index);

  // Steps in the walk; INT64_MAX when product(shape) does not fit in 64 bits.
  std::int64_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // Step `position` (0 <= position < size()), O(ndim); an empty walk gives index 0s at buf.
  WalkStep step_at(std::int64_t position) const;
  // The arithmetic of a step as text: "buf + 1*24 + 2*8 = buf + 40"; a negative stride shows in
  // parentheses ("buf + 2*(-8) = buf - 16"); a 0-d view is "buf + 0 = buf".
  std::string arithmetic(const WalkStep& step) const;

  const BufferFacts& facts() const { return facts_; }
  int dimension() const { return dimension_; }  // -1 for the whole-view walk
  // Offsets are computed from shape and strides only: a view with suboffsets (PIL-style
  // indirect arrays; no exporter the app lists has them) is not addressed this way.
  bool has_suboffsets() const;

 private:
  StrideWalk() = default;
  std::int64_t offset_of(const std::vector<std::int64_t>& index) const;
  void fill_index(std::int64_t position, std::vector<std::int64_t>& index) const;

  BufferFacts facts_;
  int dimension_ = -1;
  std::vector<std::int64_t> fixed_index_;
  std::int64_t size_ = 0;
};

}  // namespace bufferlab

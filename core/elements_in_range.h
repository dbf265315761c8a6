// Enumerates only the elements of an N-d strided view whose bytes touch a given address window,
// so tinting a screenful of a 100 MB buffer costs what is on screen, not what is in memory.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/buffer_facts.h"

namespace bufferlab {

namespace elements_in_range_detail {

inline std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

struct Walk {
  const BufferFacts& facts;
  std::int64_t lo;  // window, as offsets from facts.address
  std::int64_t hi;
  std::vector<std::int64_t> sub_low;   // per dim: lowest offset reached by dims after it
  std::vector<std::int64_t> sub_high;  // per dim: highest element start reached by dims after it
  std::vector<std::int64_t> flat_step; // per dim: C-order flat index step
  bool stopped = false;
};

// Recursion over dimensions: for dimension k only the indices whose sub-array footprint touches
// the window are visited; the bounds are solved from the stride, never searched.
template <typename Visit>
void walk_dim(Walk& walk, int k, std::int64_t base, std::int64_t flat, Visit& visit) {
  const BufferFacts& f = walk.facts;
  if (walk.stopped) return;
  if (k == f.ndim) {
    if (base < walk.hi && base + f.itemsize > walk.lo) {
      if (!visit(flat, base)) walk.stopped = true;
    }
    return;
  }
  const std::int64_t n = f.shape[k];
  const std::int64_t s = f.strides[k];
  // Index i covers [base + i*s + sub_low, base + i*s + sub_high + itemsize).
  const std::int64_t a = walk.lo - base - walk.sub_high[k] - f.itemsize;  // need i*s > a
  const std::int64_t b = walk.hi - base - walk.sub_low[k];                 // need i*s < b
  std::int64_t first = 0, last = n - 1;
  if (s > 0) {
    first = floor_div(a, s) + 1;  // i*s > a
    last = floor_div(b - 1, s);   // i*s < b
  } else if (s < 0) {
    const std::int64_t t = -s;
    first = floor_div(-b, t) + 1;  // i*t > -b
    last = floor_div(-a - 1, t);   // i*t < -a
  } else if (!(0 > a && 0 < b)) {
    return;  // a zero stride repeats the same bytes: all indices or none
  }
  first = std::max<std::int64_t>(first, 0);
  last = std::min<std::int64_t>(last, n - 1);
  for (std::int64_t i = first; i <= last && !walk.stopped; ++i)
    walk_dim(walk, k + 1, base + i * s, flat + i * walk.flat_step[k], visit);
}

}  // namespace elements_in_range_detail

// Calls visit(flat_index, byte_offset_from_buf) for every element of `facts` whose bytes
// [address + offset, + itemsize) intersect [begin, end); visit returns false to stop early.
// Elements come in C order within each dimension's solved range.
template <typename Visit>
void for_elements_in_range(const BufferFacts& facts, std::uintptr_t begin, std::uintptr_t end,
                            Visit&& visit) {
  using namespace elements_in_range_detail;
  if (begin >= end || facts.itemsize <= 0) return;
  if (facts.ndim < 0 || static_cast<int>(facts.shape.size()) < facts.ndim ||
      static_cast<int>(facts.strides.size()) < facts.ndim)
    return;
  for (int k = 0; k < facts.ndim; ++k)
    if (facts.shape[k] <= 0) return;
  Walk walk{facts,
            static_cast<std::int64_t>(begin - facts.address),
            static_cast<std::int64_t>(end - facts.address),
            std::vector<std::int64_t>(facts.ndim + 1, 0),
            std::vector<std::int64_t>(facts.ndim + 1, 0),
            std::vector<std::int64_t>(facts.ndim + 1, 1)};
  // sub_low/sub_high[k] describe the dimensions after k: accumulate from the innermost out.
  for (int k = facts.ndim - 1; k >= 1; --k) {
    const std::int64_t span = (facts.shape[k] - 1) * facts.strides[k];
    walk.sub_low[k - 1] = walk.sub_low[k] + std::min<std::int64_t>(span, 0);
    walk.sub_high[k - 1] = walk.sub_high[k] + std::max<std::int64_t>(span, 0);
  }
  for (int k = facts.ndim - 2; k >= 0; --k) walk.flat_step[k] = walk.flat_step[k + 1] * facts.shape[k + 1];
  walk_dim(walk, 0, 0, 0, visit);
}

// The N-d index of a flat C-order index (no checks: flat must be in range).
inline std::vector<std::int64_t> index_of_flat(const BufferFacts& facts, std::int64_t flat) {
  std::vector<std::int64_t> index(static_cast<std::size_t>(std::max(facts.ndim, 0)), 0);
  for (int k = facts.ndim - 1; k >= 0; --k) {
    const std::int64_t n = facts.shape[k] > 0 ? facts.shape[k] : 1;
    index[k] = flat % n;
    flat /= n;
  }
  return index;
}

// Byte offset from buf of a flat C-order element.
inline std::int64_t offset_of_flat(const BufferFacts& facts, std::int64_t flat) {
  std::int64_t offset = 0;
  for (int k = facts.ndim - 1; k >= 0; --k) {
    const std::int64_t n = facts.shape[k] > 0 ? facts.shape[k] : 1;
    offset += (flat % n) * facts.strides[k];
    flat /= n;
  }
  return offset;
}

}  // namespace bufferlab

// Enumerates only the elements of an N-d strided view whose bytes touch a given address window,
// so tinting a screenful of a 100 MB buffer costs what is on screen, not what is in memory.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/buffer_facts.h"

namespace bufferlab {

namespace elements_in_range_detail {

// Candidate indices one call may examine; past it the walk stops and reports itself incomplete
// (views that overlap themselves can make many candidates that hold no element in the window).
constexpr std::int64_t kWalkStepLimit = std::int64_t{1} << 22;

inline __int128 floor_div(__int128 a, __int128 b) {
  __int128 q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

struct Walk {
  const BufferFacts& facts;
  std::int64_t lo;  // window, as offsets from facts.address
  std::int64_t hi;
  std::vector<int> order;              // dims that move through memory, largest |stride| first
  std::vector<std::int64_t> sub_low;   // per position in order: lowest offset of the later ones
  std::vector<std::int64_t> sub_high;  // per position in order: highest start of the later ones
  std::vector<std::int64_t> flat_step; // per dim: C-order flat index step
  std::int64_t steps_left = kWalkStepLimit;
  std::int64_t visits = 0;
  bool stopped = false;
  bool exhausted = false;
};

// Recursion over the moving dims (at most ndim deep): for each, only the indices whose
// sub-array footprint touches the window are visited; the bounds are solved from the stride.
// Taking the largest strides first keeps the candidates near the window's own size.
template <typename Visit>
void walk_dim(Walk& walk, std::size_t pos, std::int64_t base, std::int64_t flat, Visit& visit) {
  const BufferFacts& f = walk.facts;
  if (walk.stopped) return;
  if (pos == walk.order.size()) {
    if (base < walk.hi && base + f.itemsize > walk.lo) {
      ++walk.visits;
      if (!visit(flat, base)) walk.stopped = true;
    }
    return;
  }
  const int k = walk.order[pos];
  const std::int64_t n = f.shape[k];
  const std::int64_t s = f.strides[k];
  // Index i covers [base + i*s + sub_low, base + i*s + sub_high + itemsize).
  const __int128 a = __int128{walk.lo} - base - walk.sub_high[pos] - f.itemsize;  // need i*s > a
  const __int128 b = __int128{walk.hi} - base - walk.sub_low[pos];                // need i*s < b
  __int128 first = 0, last = n - 1;
  if (s > 0) {
    first = floor_div(a, s) + 1;  // i*s > a
    last = floor_div(b - 1, s);   // i*s < b
  } else {
    const __int128 t = -__int128{s};
    first = floor_div(-b, t) + 1;  // i*t > -b
    last = floor_div(-a - 1, t);   // i*t < -a
  }
  first = std::max<__int128>(first, 0);
  last = std::min<__int128>(last, n - 1);
  for (std::int64_t i = static_cast<std::int64_t>(first); i <= last && !walk.stopped; ++i) {
    if (--walk.steps_left < 0) {
      walk.stopped = walk.exhausted = true;
      return;
    }
    walk_dim(walk, pos + 1, base + i * s, flat + i * walk.flat_step[k], visit);
  }
}

}  // namespace elements_in_range_detail

// Calls visit(flat_index, byte_offset_from_buf) for every element of `facts` whose bytes
// [address + offset, + itemsize) intersect [begin, end); visit returns false to stop early.
// Order: dims with a zero stride (broadcast) repeat the same bytes, so each of their index
// combinations is one pass over the moving dims; a pass that finds nothing ends the walk, as
// every pass would find the same. Returns false when the walk gave up (its step limit, or a
// view with more than 2**63 elements, whose flat indices do not fit), true otherwise.
template <typename Visit>
bool for_elements_in_range(const BufferFacts& facts, std::uintptr_t begin, std::uintptr_t end,
                           Visit&& visit) {
  using namespace elements_in_range_detail;
  if (begin >= end || facts.itemsize <= 0) return true;
  if (facts.ndim < 0 || static_cast<int>(facts.shape.size()) < facts.ndim ||
      static_cast<int>(facts.strides.size()) < facts.ndim)
    return true;
  for (int k = 0; k < facts.ndim; ++k)
    if (facts.shape[k] <= 0) return true;
  if (!facts.element_count_fits()) return false;
  Walk walk{facts, static_cast<std::int64_t>(begin - facts.address),
            static_cast<std::int64_t>(end - facts.address), {}, {}, {}, {}};
  std::vector<int> repeats;  // zero-stride dims
  std::int64_t total_span = facts.itemsize;
  for (int k = 0; k < facts.ndim; ++k) {
    if (facts.shape[k] == 1) continue;
    if (facts.strides[k] == 0) {
      repeats.push_back(k);
      continue;
    }
    walk.order.push_back(k);
    std::int64_t span = 0;
    if (__builtin_mul_overflow(facts.shape[k] - 1, facts.strides[k], &span) ||
        __builtin_add_overflow(total_span, span < 0 ? -span : span, &total_span))
      return false;  // offsets past 64 bits: no memory holds such a view
  }
  std::stable_sort(walk.order.begin(), walk.order.end(), [&](int x, int y) {
    return (facts.strides[x] < 0 ? -facts.strides[x] : facts.strides[x]) >
           (facts.strides[y] < 0 ? -facts.strides[y] : facts.strides[y]);
  });
  // sub_low/sub_high[pos] describe the dims after pos in the walk: accumulate from the last.
  const std::size_t moving = walk.order.size();
  walk.sub_low.assign(moving + 1, 0);
  walk.sub_high.assign(moving + 1, 0);
  for (std::size_t pos = moving; pos-- > 1;) {
    const int k = walk.order[pos];
    const std::int64_t span = (facts.shape[k] - 1) * facts.strides[k];
    walk.sub_low[pos - 1] = walk.sub_low[pos] + std::min<std::int64_t>(span, 0);
    walk.sub_high[pos - 1] = walk.sub_high[pos] + std::max<std::int64_t>(span, 0);
  }
  walk.flat_step.assign(static_cast<std::size_t>(facts.ndim), 1);
  for (int k = facts.ndim - 2; k >= 0; --k) walk.flat_step[k] = walk.flat_step[k + 1] * facts.shape[k + 1];

  // Odometer over the zero-stride dims; each combination shifts the flat index only.
  std::vector<std::int64_t> repeat_index(repeats.size(), 0);
  std::int64_t repeat_flat = 0;
  while (true) {
    const std::int64_t visits_before = walk.visits;
    walk_dim(walk, 0, 0, repeat_flat, visit);
    if (walk.stopped || walk.visits == visits_before) break;
    std::size_t r = repeats.size();
    while (r > 0) {
      const int k = repeats[r - 1];
      if (++repeat_index[r - 1] < facts.shape[k]) {
        repeat_flat += walk.flat_step[k];
        break;
      }
      repeat_flat -= (facts.shape[k] - 1) * walk.flat_step[k];
      repeat_index[r - 1] = 0;
      --r;
    }
    if (r == 0) break;
  }
  return !walk.exhausted;
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

// Layout math for N-d strided views: offsets, footprints, byte coverage and hit tests.
#include "core/layout.h"

#include <algorithm>
#include <numeric>

namespace bufferlab {
namespace {

// Above this many elements an exact byte-sharing test would cost too much per snapshot; such
// views are compared by their footprints instead.
constexpr std::int64_t kExactSharingElementLimit = 1 << 21;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return -floor_div(-a, b); }

// Does the run of `count` elements starting at byte `start`, `step` bytes apart, each `width`
// bytes wide, touch the byte range [lo, hi)?
bool run_touches(std::int64_t start, std::int64_t step, std::int64_t count, std::int64_t width,
                 std::int64_t lo, std::int64_t hi) {
  if (count <= 0 || width <= 0 || lo >= hi) return false;
  if (step < 0) {
    start += (count - 1) * step;
    step = -step;
  }
  if (step == 0) return start < hi && start + width > lo;
  // The first element whose end passes lo: start + k*step + width > lo.
  std::int64_t k = std::max<std::int64_t>(0, floor_div(lo - width - start, step) + 1);
  return k < count && start + k * step < hi;
}

// Merged [begin, end) byte offsets (relative to buf) covered by the view's elements.
std::vector<std::pair<std::int64_t, std::int64_t>> coverage(const BufferFacts& facts) {
  std::vector<std::pair<std::int64_t, std::int64_t>> spans;
  spans.reserve(static_cast<std::size_t>(facts.element_count()));
  for_each_element(facts, [&](const std::vector<std::int64_t>&, std::int64_t offset) {
    spans.emplace_back(offset, offset + facts.itemsize);
  });
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<std::int64_t, std::int64_t>> merged;
  for (const auto& span : spans) {
    if (!merged.empty() && span.first <= merged.back().second)
      merged.back().second = std::max(merged.back().second, span.second);
    else
      merged.push_back(span);
  }
  return merged;
}

// True when the view's bytes form one unbroken range equal to its footprint.
bool is_dense(const BufferFacts& facts) {
  return facts.element_count() * facts.itemsize == footprint(facts).size();
}

// Does any element of `view` touch the absolute address range [lo, hi)?
bool view_touches_range(const BufferFacts& view, std::uintptr_t lo, std::uintptr_t hi) {
  if (view.element_count() == 0) return false;
  if (view.ndim == 0) {
    return run_touches(0, 0, 1, view.itemsize, static_cast<std::int64_t>(lo - view.address),
                       static_cast<std::int64_t>(hi - view.address));
  }
  // Solve the innermost dimension analytically; walk the outer ones.
  const int inner = view.ndim - 1;
  BufferFacts outer = view;
  outer.shape[inner] = 1;
  bool touched = false;
  const std::int64_t rel_lo = static_cast<std::int64_t>(lo - view.address);
  const std::int64_t rel_hi = static_cast<std::int64_t>(hi - view.address);
  for_each_element(outer, [&](const std::vector<std::int64_t>&, std::int64_t offset) {
    if (!touched)
      touched = run_touches(offset, view.strides[inner], view.shape[inner], view.itemsize, rel_lo,
                            rel_hi);
  });
  return touched;
}

}  // namespace

std::int64_t element_byte_offset(const BufferFacts& facts,
                                 const std::vector<std::int64_t>& index) {
  std::int64_t offset = 0;
  for (std::size_t k = 0; k < index.size() && k < facts.strides.size(); ++k)
    offset += index[k] * facts.strides[k];
  return offset;
}

std::optional<std::string> normalize_index(const BufferFacts& facts,
                                           std::vector<std::int64_t>& index) {
  if (static_cast<int>(index.size()) != facts.ndim) {
    if (facts.ndim == 0) return "a 0-dimensional buffer takes no index (use [()] in Python)";
    return "expected " + std::to_string(facts.ndim) + " ind" + (facts.ndim == 1 ? "ex" : "ices") +
           " for a " + std::to_string(facts.ndim) + "-dimensional view, got " +
           std::to_string(index.size());
  }
  for (int k = 0; k < facts.ndim; ++k) {
    const std::int64_t size = facts.shape[k];
    std::int64_t i = index[k];
    if (i < 0) i += size;
    if (i < 0 || i >= size)
      return "index " + std::to_string(index[k]) + " is out of bounds for axis " +
             std::to_string(k) + " with size " + std::to_string(size);
    index[k] = i;
  }
  return std::nullopt;
}

Extent footprint(const BufferFacts& facts) {
  if (facts.element_count() == 0 || facts.itemsize <= 0) return {facts.address, facts.address};
  std::int64_t low = 0, high = 0;
  for (int k = 0; k < facts.ndim; ++k) {
    const std::int64_t span = (facts.shape[k] - 1) * facts.strides[k];
    if (span < 0) low += span; else high += span;
  }
  return {static_cast<std::uintptr_t>(static_cast<std::int64_t>(facts.address) + low),
          static_cast<std::uintptr_t>(static_cast<std::int64_t>(facts.address) + high +
                                      facts.itemsize)};
}

void for_each_element(
    const BufferFacts& facts,
    const std::function<void(const std::vector<std::int64_t>&, std::int64_t)>& visit) {
  if (facts.element_count() == 0) return;
  std::vector<std::int64_t> index(static_cast<std::size_t>(facts.ndim), 0);
  std::int64_t offset = 0;
  while (true) {
    visit(index, offset);
    int k = facts.ndim - 1;
    for (; k >= 0; --k) {
      if (++index[k] < facts.shape[k]) {
        offset += facts.strides[k];
        break;
      }
      offset -= (facts.shape[k] - 1) * facts.strides[k];
      index[k] = 0;
    }
    if (k < 0) return;
  }
}

bool views_share_bytes(const BufferFacts& a, const BufferFacts& b) {
  const Extent fa = footprint(a), fb = footprint(b);
  if (!fa.overlaps(fb)) return false;
  if (is_dense(a)) return view_touches_range(b, fa.begin, fa.end);
  if (is_dense(b)) return view_touches_range(a, fb.begin, fb.end);
  const BufferFacts& fewer = a.element_count() <= b.element_count() ? a : b;
  const BufferFacts& other = &fewer == &a ? b : a;
  if (fewer.element_count() > kExactSharingElementLimit) return true;
  for (const auto& [begin, end] : coverage(fewer)) {
    const auto lo = static_cast<std::uintptr_t>(static_cast<std::int64_t>(fewer.address) + begin);
    const auto hi = static_cast<std::uintptr_t>(static_cast<std::int64_t>(fewer.address) + end);
    if (view_touches_range(other, lo, hi)) return true;
  }
  return false;
}

std::vector<std::int64_t> elements_containing(const BufferFacts& facts, std::uintptr_t address) {
  std::vector<std::int64_t> found;
  if (facts.element_count() == 0 || !footprint(facts).overlaps({address, address + 1}))
    return found;
  const std::int64_t target = static_cast<std::int64_t>(address - facts.address);
  if (facts.ndim == 0) {
    if (target >= 0 && target < facts.itemsize) found.push_back(0);
    return found;
  }
  // Walk every dimension but the longest, and solve the longest one analytically.
  int solved = 0;
  for (int k = 1; k < facts.ndim; ++k)
    if (facts.shape[k] > facts.shape[solved]) solved = k;
  BufferFacts outer = facts;
  outer.shape[solved] = 1;
  const std::int64_t step = facts.strides[solved], count = facts.shape[solved];
  for_each_element(outer, [&](const std::vector<std::int64_t>& outer_index, std::int64_t base) {
    // Elements i with base + i*step <= target < base + i*step + itemsize.
    std::int64_t first = 0, last = count - 1;
    if (step > 0) {
      first = std::max<std::int64_t>(0, ceil_div(target - facts.itemsize + 1 - base, step));
      last = std::min<std::int64_t>(count - 1, floor_div(target - base, step));
    } else if (step < 0) {
      first = std::max<std::int64_t>(0, ceil_div(target - base, step));
      last = std::min<std::int64_t>(count - 1, floor_div(target - facts.itemsize + 1 - base, step));
    } else if (!(base <= target && target < base + facts.itemsize)) {
      return;
    }
    std::vector<std::int64_t> index = outer_index;
    for (std::int64_t i = first; i <= last; ++i) {
      index[solved] = i;
      found.push_back(flatten_index(facts, index));
    }
  });
  std::sort(found.begin(), found.end());
  return found;
}

std::vector<std::int64_t> unflatten_index(const BufferFacts& facts, std::int64_t flat) {
  std::vector<std::int64_t> index(static_cast<std::size_t>(facts.ndim), 0);
  for (int k = facts.ndim - 1; k >= 0; --k) {
    if (facts.shape[k] > 0) {
      index[k] = flat % facts.shape[k];
      flat /= facts.shape[k];
    }
  }
  return index;
}

std::int64_t flatten_index(const BufferFacts& facts, const std::vector<std::int64_t>& index) {
  std::int64_t flat = 0;
  for (int k = 0; k < facts.ndim; ++k) flat = flat * facts.shape[k] + index[k];
  return flat;
}

}  // namespace bufferlab

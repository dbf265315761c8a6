// Layout math for N-d strided views: offsets, footprints, byte coverage and hit tests. Nothing
// here walks a view's virtual elements (a broadcast view may have 2**44 on 16 bytes): coverage
// is solved on the strides (BytePattern), with a step budget and a bitmap as the fallbacks.
#include "core/layout.h"

#include <algorithm>
#include <limits>

#include "core/elements_in_range.h"

namespace bufferlab {
namespace {

using Wide = __int128;
constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();

// Steps (candidate indices examined) one sharing or touching question may take before the
// bitmap or the footprint answers instead.
constexpr std::int64_t kSharingStepLimit = std::int64_t{1} << 20;
// Above this many relative shifts of two equal outer strides, compare block by block instead.
constexpr Wide kMaxShifts = 64;
// CPython's limit on dimensions (PyBUF_MAX_NDIM): a deeper export is judged by its footprint.
constexpr std::size_t kMaxDims = 64;

bool fits_int64(Wide value) { return value >= kInt64Min && value <= kInt64Max; }

Wide floor_div(Wide a, Wide b) {
  Wide q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// Walks the blocks of a pattern that touch [lo, hi) (offsets in the pattern's coordinates),
// outermost dim first, solving each dim's index range from its stride. visit(start) returns
// true to stop. Each candidate index costs one step of `budget`; at 0 the walk stops and
// sets `exhausted`.
struct BlockWalk {
  const BytePattern& pattern;
  std::int64_t lo;
  std::int64_t hi;
  std::int64_t& budget;
  std::vector<std::int64_t> reach;  // reach[k]: span of the dims below k plus width
  bool stopped = false;
  bool exhausted = false;

  BlockWalk(const BytePattern& p, std::int64_t lo_, std::int64_t hi_, std::int64_t& budget_)
      : pattern(p), lo(lo_), hi(hi_), budget(budget_), reach(p.dims.size() + 1, p.width) {
    for (std::size_t k = 1; k <= p.dims.size(); ++k)
      reach[k] = reach[k - 1] + (p.dims[k - 1].count - 1) * p.dims[k - 1].stride;
  }

  template <typename Visit>
  void level(int k, std::int64_t start, Visit& visit) {
    const BytePattern::Dim& dim = pattern.dims[static_cast<std::size_t>(k)];
    // Index i covers [start + i*stride, start + i*stride + reach[k]).
    const Wide first = std::max<Wide>(0, floor_div(Wide{lo} - start - reach[k], dim.stride) + 1);
    const Wide last = std::min<Wide>(dim.count - 1, floor_div(Wide{hi} - start - 1, dim.stride));
    for (Wide i = first; i <= last && !stopped; ++i) {
      if (--budget < 0) {
        stopped = exhausted = true;
        return;
      }
      const std::int64_t at = start + static_cast<std::int64_t>(i) * dim.stride;
      if (k == 0) {
        if (visit(at)) stopped = true;
      } else {
        level(k - 1, at, visit);
      }
    }
  }

  template <typename Visit>
  void run(Visit&& visit) {
    if (pattern.empty || lo >= hi) return;
    if (pattern.dims.empty()) {
      if (pattern.base < hi && pattern.base + pattern.width > lo) stopped = visit(pattern.base);
      return;
    }
    level(static_cast<int>(pattern.dims.size()) - 1, pattern.base, visit);
  }
};

enum class Touch { No, Yes, Unknown };

Touch pattern_touches(const BytePattern& pattern, std::int64_t lo, std::int64_t hi,
                      std::int64_t& budget) {
  BlockWalk walk(pattern, lo, hi, budget);
  bool found = false;
  walk.run([&](std::int64_t) { return found = true; });
  if (found) return Touch::Yes;
  return walk.exhausted ? Touch::Unknown : Touch::No;
}

// dst |= src << shift, over `bits` bits (dst may be src).
void shift_or(std::vector<std::uint64_t>& dst, const std::vector<std::uint64_t>& src,
              std::int64_t shift) {
  const std::int64_t words = static_cast<std::int64_t>(dst.size());
  const std::int64_t q = shift / 64, r = shift % 64;
  for (std::int64_t w = words - 1; w >= q; --w) {
    std::uint64_t moved = src[w - q] << r;
    if (r != 0 && w - q >= 1) moved |= src[w - q - 1] >> (64 - r);
    dst[w] |= moved;
  }
}

// The pattern's bytes in [origin, origin + bits) as a bitmap. Every stride is positive, so the
// union of a dim's copies is built by doubling: O(bits/64) per step, log2(count) steps per dim.
std::vector<std::uint64_t> pattern_bitmap(const BytePattern& pattern, std::int64_t origin,
                                          std::int64_t bits) {
  const std::size_t words = static_cast<std::size_t>((bits + 63) / 64);
  std::vector<std::uint64_t> map(words, 0);
  const std::int64_t begin = pattern.base - origin;
  for (std::int64_t b = std::max<std::int64_t>(begin, 0); b < std::min(begin + pattern.width, bits); ++b)
    map[static_cast<std::size_t>(b / 64)] |= std::uint64_t{1} << (b % 64);
  for (const BytePattern::Dim& dim : pattern.dims) {
    std::vector<std::uint64_t> copies(words, 0);
    Wide made = 0;  // copies holds shifts 0 .. made-1 of map
    for (int bit = 62; bit >= 0; --bit) {
      if (made * dim.stride >= bits) break;  // further copies start past the end
      if (made > 0) {
        shift_or(copies, copies, static_cast<std::int64_t>(made * dim.stride));
        made *= 2;
      }
      if ((dim.count >> bit) & 1) {
        if (made * dim.stride < bits) shift_or(copies, map, static_cast<std::int64_t>(made * dim.stride));
        made += 1;
      }
    }
    map = std::move(copies);
  }
  if (bits % 64 != 0) map.back() &= (std::uint64_t{1} << (bits % 64)) - 1;
  return map;
}

// Sharing by walking the blocks of the pattern with fewer blocks in the common window and
// asking the other pattern about each.
Touch shares_by_blocks(const BytePattern& a, const BytePattern& b, std::int64_t& budget) {
  const std::int64_t lo = std::max(a.base, b.base);
  const std::int64_t hi = std::min(a.base + a.span(), b.base + b.span());
  if (lo >= hi) return Touch::No;
  const bool a_fewer = a.blocks() <= b.blocks();
  const BytePattern& few = a_fewer ? a : b;
  const BytePattern& other = a_fewer ? b : a;
  Touch answer = Touch::No;
  BlockWalk walk(few, lo, hi, budget);
  walk.run([&](std::int64_t start) {
    const Touch touch = pattern_touches(other, std::max(start, lo), std::min(start + few.width, hi), budget);
    if (touch != Touch::No) answer = touch;
    return answer != Touch::No;
  });
  if (walk.exhausted && answer == Touch::No) answer = Touch::Unknown;
  return answer;
}

// Do two patterns (in one coordinate system) share a byte? When their outermost dims have the
// same stride S, as views of one array mostly do, copy i of a's inner pattern meets copy j of
// b's only through d = i - j, and only the few d that bring the inner spans together matter:
// each is a smaller problem of the same kind. Otherwise blocks are compared one by one.
Touch patterns_share(const BytePattern& a, const BytePattern& b, std::int64_t& budget) {
  if (std::max(a.base, b.base) >= std::min(a.base + a.span(), b.base + b.span())) return Touch::No;
  if (a.dims.empty()) return pattern_touches(b, a.base, a.base + a.width, budget);
  if (b.dims.empty()) return pattern_touches(a, b.base, b.base + b.width, budget);
  const BytePattern::Dim outer_a = a.dims.back(), outer_b = b.dims.back();
  if (outer_a.stride != outer_b.stride) return shares_by_blocks(a, b, budget);
  BytePattern inner_a = a, inner_b = b;
  inner_a.dims.pop_back();
  inner_b.dims.pop_back();
  const std::int64_t stride = outer_a.stride, delta = b.base - a.base;
  // Copies overlap when d*S + [0, span_a) meets delta + [0, span_b).
  const Wide first = std::max<Wide>(1 - outer_b.count, floor_div(Wide{delta} - inner_a.span(), stride) + 1);
  const Wide last = std::min<Wide>(outer_a.count - 1, floor_div(Wide{delta} + inner_b.span() - 1, stride));
  if (last - first >= kMaxShifts) return shares_by_blocks(a, b, budget);  // overlaps itself
  bool unknown = false;
  for (Wide d = first; d <= last; ++d) {
    if (--budget < 0) return Touch::Unknown;
    BytePattern shifted = inner_a;
    shifted.base = a.base + static_cast<std::int64_t>(d) * stride;
    const Touch touch = patterns_share(shifted, inner_b, budget);
    if (touch == Touch::Yes) return Touch::Yes;
    if (touch == Touch::Unknown) unknown = true;
  }
  return unknown ? Touch::Unknown : Touch::No;
}

}  // namespace

std::int64_t BytePattern::blocks() const {
  std::int64_t count = 1;
  for (const Dim& dim : dims)
    if (__builtin_mul_overflow(count, dim.count, &count)) return kInt64Max;
  return count;
}

std::int64_t BytePattern::span() const {
  std::int64_t total = width;
  for (const Dim& dim : dims) total += (dim.count - 1) * dim.stride;  // checked when built
  return total;
}

BytePattern byte_pattern(const BufferFacts& facts) {
  BytePattern pattern;
  if (facts.itemsize <= 0 || facts.ndim < 0 || facts.shape.size() < static_cast<std::size_t>(facts.ndim) ||
      facts.strides.size() < static_cast<std::size_t>(facts.ndim) || facts.element_count() == 0)
    return pattern;
  pattern.empty = false;
  Wide base = 0;
  std::vector<BytePattern::Dim> dims;
  for (int k = 0; k < facts.ndim; ++k) {
    const std::int64_t count = facts.shape[k], stride = facts.strides[k];
    if (count <= 1 || stride == 0) continue;  // repeats the same bytes
    if (stride < 0) base += Wide{count - 1} * stride;
    dims.push_back({count, stride < 0 ? static_cast<std::int64_t>(-Wide{stride}) : stride});
    if (stride == kInt64Min) pattern.too_large = true;
  }
  std::sort(dims.begin(), dims.end(),
            [](const BytePattern::Dim& a, const BytePattern::Dim& b) { return a.stride < b.stride; });
  Wide width = facts.itemsize, span = 0;
  for (const BytePattern::Dim& dim : dims) {
    span += Wide{dim.count - 1} * dim.stride;
    if (!fits_int64(span) || !fits_int64(width)) break;
    if (pattern.dims.empty() && dim.stride <= width) {
      width += Wide{dim.count - 1} * dim.stride;  // copies of a solid run that touch: still solid
      continue;
    }
    if (!pattern.dims.empty()) {
      // A stride that is a small multiple of the previous one continues its progression.
      BytePattern::Dim& last = pattern.dims.back();
      if (dim.stride % last.stride == 0 && dim.stride / last.stride <= last.count) {
        last.count += (dim.count - 1) * (dim.stride / last.stride);
        continue;
      }
    }
    pattern.dims.push_back(dim);
  }
  if (!fits_int64(base) || !fits_int64(span) || !fits_int64(width) || !fits_int64(base + span + width) ||
      pattern.dims.size() > kMaxDims) {
    pattern.too_large = true;
    return pattern;
  }
  pattern.base = static_cast<std::int64_t>(base);
  pattern.width = static_cast<std::int64_t>(width);
  return pattern;
}

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
  Wide low = 0, high = facts.itemsize;
  for (int k = 0; k < facts.ndim && k < static_cast<int>(facts.strides.size()); ++k) {
    const Wide span = Wide{facts.shape[k] - 1} * facts.strides[k];
    if (span < 0) low += span; else high += span;
  }
  const Wide top = std::numeric_limits<std::uintptr_t>::max();
  const auto clamp = [&](Wide at) { return static_cast<std::uintptr_t>(std::clamp<Wide>(at, 0, top)); };
  return {clamp(Wide{facts.address} + low), clamp(Wide{facts.address} + high)};
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
  if (!footprint(a).overlaps(footprint(b))) return false;
  return views_share_bytes(a, byte_pattern(a), b, byte_pattern(b));
}

bool views_share_bytes(const BufferFacts& a, const BytePattern& pattern_a, const BufferFacts& b,
                       const BytePattern& pattern_b) {
  const Extent extent_a = footprint(a), extent_b = footprint(b);
  if (!extent_a.overlaps(extent_b)) return false;
  const BytePattern& pa = pattern_a;
  if (pa.empty || pattern_b.empty) return false;
  if (pa.too_large || pattern_b.too_large) return true;
  // A solid run of bytes is its footprint: it shares with any view whose footprint it holds,
  // and two solid runs share when their footprints overlap (the common case of slices).
  const bool solid_a = pa.dims.empty(), solid_b = pattern_b.dims.empty();
  if (solid_a && solid_b) return true;
  if (solid_a && extent_a.begin <= extent_b.begin && extent_b.end <= extent_a.end) return true;
  if (solid_b && extent_b.begin <= extent_a.begin && extent_a.end <= extent_b.end) return true;
  BytePattern pb = pattern_b;
  // Both patterns as offsets from a's buf.
  const Wide delta = Wide{b.address} - Wide{a.address};
  if (!fits_int64(delta + pb.base) || !fits_int64(delta + pb.base + pb.span())) return true;
  pb.base = static_cast<std::int64_t>(delta + pb.base);
  const std::int64_t lo = std::max(pa.base, pb.base);
  const std::int64_t hi = std::min(pa.base + pa.span(), pb.base + pb.span());
  if (lo >= hi) return false;

  std::int64_t budget = kSharingStepLimit;
  const Touch answer = patterns_share(pa, pb, budget);
  if (answer != Touch::Unknown) return answer == Touch::Yes;

  // Too intricate to solve within the budget: exact on a bitmap of the bytes up to the window's
  // end, if that is small enough; past that, footprints that overlap count as sharing.
  const std::int64_t origin = std::min(pa.base, pb.base);
  if (hi - origin > kSharingBitmapLimit) return true;
  const auto map_a = pattern_bitmap(pa, origin, hi - origin);
  const auto map_b = pattern_bitmap(pb, origin, hi - origin);
  for (std::size_t w = static_cast<std::size_t>((lo - origin) / 64); w < map_a.size(); ++w)
    if (map_a[w] & map_b[w]) return true;
  return false;
}

bool view_touches_range(const BufferFacts& facts, std::uintptr_t begin, std::uintptr_t end) {
  if (begin >= end || !footprint(facts).overlaps({begin, end})) return false;
  const BytePattern pattern = byte_pattern(facts);
  if (pattern.empty) return false;
  if (pattern.too_large) return true;
  const Wide lo = Wide{begin} - Wide{facts.address}, hi = Wide{end} - Wide{facts.address};
  std::int64_t budget = kSharingStepLimit;
  const Touch touch = pattern_touches(pattern, static_cast<std::int64_t>(std::max<Wide>(lo, kInt64Min)),
                                      static_cast<std::int64_t>(std::min<Wide>(hi, kInt64Max)), budget);
  return touch != Touch::No;
}

std::vector<std::int64_t> elements_containing(const BufferFacts& facts, std::uintptr_t address,
                                              std::size_t limit) {
  std::vector<std::int64_t> found;
  if (limit == 0) return found;
  for_elements_in_range(facts, address, address + 1, [&](std::int64_t flat, std::int64_t) {
    found.push_back(flat);
    return found.size() < limit;
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

// Layout math for N-d strided views: element index <-> byte offset, footprints, byte coverage.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/buffer_facts.h"

namespace bufferlab {

// A half-open byte address range [begin, end).
struct Extent {
  std::uintptr_t begin = 0;
  std::uintptr_t end = 0;
  std::int64_t size() const { return static_cast<std::int64_t>(end - begin); }
  bool empty() const { return end <= begin; }
  bool overlaps(const Extent& other) const {
    return !empty() && !other.empty() && begin < other.end && other.begin < end;
  }
};

// Byte offset of an element from Py_buffer.buf: sum(index_k * stride_k).
std::int64_t element_byte_offset(const BufferFacts& facts, const std::vector<std::int64_t>& index);

// Turns Python-style indices (negative counts from the end) into checked ones. On error
// returns the message CPython's memoryview would give.
std::optional<std::string> normalize_index(const BufferFacts& facts,
                                           std::vector<std::int64_t>& index);

// The smallest address range holding every byte of every element (empty for zero elements).
// Saturates rather than wraps for strides and shapes no real memory could hold.
Extent footprint(const BufferFacts& facts);

// Calls visit(index, byte_offset) for every element in C (row-major) order. This costs one call
// per virtual element: only for views known to be small (tests, brute-force checks).
void for_each_element(const BufferFacts& facts,
                      const std::function<void(const std::vector<std::int64_t>&, std::int64_t)>& visit);

// The set of bytes a view touches, in a canonical form computed from the strides alone:
//   base + { sum_k i_k * dims[k].stride : 0 <= i_k < dims[k].count } + [0, width)
// relative to Py_buffer.buf. Zero strides and extents of 1 are dropped (they repeat bytes),
// negative strides are flipped into base, dims that tile into one solid run are folded into
// width, and the rest are sorted by increasing stride, each stride larger than width. Each
// tuple of indices is one "block" of `width` bytes.
struct BytePattern {
  struct Dim {
    std::int64_t count = 1;
    std::int64_t stride = 1;
  };
  bool empty = true;       // no elements at all
  bool too_large = false;  // offsets overflow 64 bits: only the footprint is known
  std::int64_t base = 0;
  std::int64_t width = 0;
  std::vector<Dim> dims;
  std::int64_t blocks() const;  // product of counts, saturated
  std::int64_t span() const;    // last byte offset past base: sum (count-1)*stride + width
};
BytePattern byte_pattern(const BufferFacts& facts);

// True when some byte belongs to an element of both views (not merely to both footprints:
// mv[::2] and mv[1::2] of a 'B' buffer interleave without sharing a byte). Work is bounded:
// solved on the strides where the layout allows, else by a bitmap over the bytes both
// footprints cover (up to kSharingBitmapLimit bytes); past that it answers from the footprints.
bool views_share_bytes(const BufferFacts& a, const BufferFacts& b);
// The same with byte_pattern(a) and byte_pattern(b) already made: for one view against many.
bool views_share_bytes(const BufferFacts& a, const BytePattern& pattern_a, const BufferFacts& b,
                       const BytePattern& pattern_b);
constexpr std::int64_t kSharingBitmapLimit = std::int64_t{1} << 27;

// Does any element of `facts` touch the address range [begin, end)? Bounded like
// views_share_bytes (answers true when it cannot tell within its budget).
bool view_touches_range(const BufferFacts& facts, std::uintptr_t begin, std::uintptr_t end);

// The elements (as flat C-order indices, sorted) of `facts` whose bytes contain `address`, at
// most `limit` of them (a broadcast view may have 2**40 elements on one byte).
std::vector<std::int64_t> elements_containing(const BufferFacts& facts, std::uintptr_t address,
                                              std::size_t limit = 4096);

// Flat C-order index <-> N-d index.
std::vector<std::int64_t> unflatten_index(const BufferFacts& facts, std::int64_t flat);
std::int64_t flatten_index(const BufferFacts& facts, const std::vector<std::int64_t>& index);

}  // namespace bufferlab

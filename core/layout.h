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
Extent footprint(const BufferFacts& facts);

// Calls visit(index, byte_offset) for every element in C (row-major) order.
void for_each_element(const BufferFacts& facts,
                      const std::function<void(const std::vector<std::int64_t>&, std::int64_t)>& visit);

// True when some byte belongs to an element of both views (not merely to both footprints:
// mv[::2] and mv[1::2] of a 'B' buffer interleave without sharing a byte).
bool views_share_bytes(const BufferFacts& a, const BufferFacts& b);

// The elements (as flat C-order indices) of `facts` whose bytes contain `address`.
std::vector<std::int64_t> elements_containing(const BufferFacts& facts, std::uintptr_t address);

// Flat C-order index <-> N-d index.
std::vector<std::int64_t> unflatten_index(const BufferFacts& facts, std::int64_t flat);
std::int64_t flatten_index(const BufferFacts& facts, const std::vector<std::int64_t>& index);

}  // namespace bufferlab

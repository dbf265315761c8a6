// Region downsampling for the minimap: bucket means, recomputed only where bytes changed.
#include "core/minimap_data.h"

#include <algorithm>
#include <cstring>

namespace bufferlab {

namespace {

// Sum of n bytes, eight at a time: a 100 MB region is summed in a few ms. Each 64-bit word is
// split into four 16-bit lanes that can take 128 words before they could overflow.
std::uint64_t sum_bytes(const std::uint8_t* data, std::size_t n) {
  constexpr std::uint64_t kLowBytes = 0x00FF00FF00FF00FFull;
  std::uint64_t total = 0;
  std::size_t i = 0;
  while (n - i >= 8) {
    std::uint64_t lanes = 0;
    const std::size_t words = std::min<std::size_t>((n - i) / 8, 128);
    for (std::size_t w = 0; w < words; ++w, i += 8) {
      std::uint64_t word;
      std::memcpy(&word, data + i, 8);
      lanes += (word & kLowBytes) + ((word >> 8) & kLowBytes);
    }
    total += (lanes & 0xFFFF) + ((lanes >> 16) & 0xFFFF) + ((lanes >> 32) & 0xFFFF) + (lanes >> 48);
  }
  for (; i < n; ++i) total += data[i];
  return total;
}

}  // namespace

void MinimapData::mark_dirty(std::int64_t begin, std::int64_t end) {
  if (begin >= end) return;
  if (dirty_begin >= dirty_end) {
    dirty_begin = begin;
    dirty_end = end;
  } else {
    dirty_begin = std::min(dirty_begin, begin);
    dirty_end = std::max(dirty_end, end);
  }
}

void MinimapData::reset(std::uintptr_t region_address, std::int64_t region_size) {
  address = region_address;
  size = std::max<std::int64_t>(region_size, 0);
  bucket = std::max<std::int64_t>(1, (size + kMaxTexels - 1) / kMaxTexels);
  const std::int64_t count = std::max<std::int64_t>(1, (size + bucket - 1) / bucket);
  const std::int64_t rows = (count + kTextureWidth - 1) / kTextureWidth;
  texels.assign(static_cast<std::size_t>(rows * kTextureWidth), 0);
  dirty_begin = 0;
  dirty_end = static_cast<std::int64_t>(texels.size());
  ++version;
}

void MinimapData::update(const std::uint8_t* base, std::int64_t begin, std::int64_t end) {
  begin = std::clamp<std::int64_t>(begin, 0, size);
  end = std::clamp<std::int64_t>(end, 0, size);
  if (begin >= end) return;
  const std::int64_t first = begin / bucket;
  const std::int64_t last = (end - 1) / bucket;
  for (std::int64_t t = first; t <= last; ++t) {
    const std::int64_t from = t * bucket;
    const std::int64_t to = std::min(size, from + bucket);
    std::uint64_t sum = sum_bytes(base + from, static_cast<std::size_t>(to - from));
    texels[static_cast<std::size_t>(t)] = static_cast<std::uint8_t>(sum / static_cast<std::uint64_t>(to - from));
  }
  mark_dirty(first, last + 1);
}

}  // namespace bufferlab

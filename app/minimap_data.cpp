// Region downsampling for the minimap: bucket means, recomputed only where bytes changed.
#include "minimap_data.h"

#include <algorithm>

namespace bufferlab {

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
    // A plain sum the compiler vectorises: a full 100 MB pass stays in the tens of ms.
    std::uint64_t sum = 0;
    for (std::int64_t i = from; i < to; ++i) sum += base[i];
    texels[static_cast<std::size_t>(t)] = static_cast<std::uint8_t>(sum / static_cast<std::uint64_t>(to - from));
  }
  mark_dirty(first, last + 1);
}

}  // namespace bufferlab

// A whole region shrunk to at most kMaxTexels values (the mean of each bucket of bytes), kept on
// the CPU and handed to the GPU minimap; edits refresh only the buckets they touched.
#pragma once

#include <cstdint>
#include <vector>

namespace bufferlab {

struct MinimapData {
  static constexpr int kTextureWidth = 256;
  static constexpr std::int64_t kMaxTexels = 256 * 1024;

  std::uintptr_t address = 0;
  std::int64_t size = 0;
  std::int64_t bucket = 1;         // bytes per texel
  std::vector<std::uint8_t> texels;  // padded to whole texture rows
  // Texels changed since the last upload: [begin, end). Upload bookkeeping rather than model
  // state: the GPU backend, which sees the data as const, clears it once it has uploaded.
  mutable std::int64_t dirty_begin = 0;
  mutable std::int64_t dirty_end = 0;
  std::uint64_t version = 0;       // bumps when the layout (size, bucket) changes

  int texture_height() const {
    return static_cast<int>(texels.size() / kTextureWidth);
  }
  void mark_dirty(std::int64_t begin, std::int64_t end);

  // Sizes the texel array for a region; all texels dirty.
  void reset(std::uintptr_t region_address, std::int64_t region_size);
  // Recomputes the texels covering bytes [begin, end) of the region from `base` (the region's
  // first byte, valid only during the call).
  void update(const std::uint8_t* base, std::int64_t begin, std::int64_t end);
};

}  // namespace bufferlab

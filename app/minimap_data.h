// A whole region shrunk to at most kMaxTexels values (the mean of each bucket of bytes), kept on
// the CPU and handed to the GPU minimap; edits refresh only the buckets they touched.
#pragma once

#include <imgui.h>

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
  std::int64_t dirty_begin = 0;    // texels changed since the last upload: [begin, end)
  std::int64_t dirty_end = 0;
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

// One view's footprint on the minimap, as fractions of the region.
struct MinimapFootprint {
  float begin = 0.0f, end = 0.0f;
  ImU32 colour = 0;
};

// The minimap's colours, from the theme: byte classes fade from their low to their high colour
// as the value grows; the background is behind the footprint lanes.
struct MinimapPalette {
  ImU32 background = 0;
  ImU32 zero = 0;                              // 0x00
  ImU32 control_low = 0, control_high = 0;     // 0x01..0x1f
  ImU32 printable_low = 0, printable_high = 0; // 0x20..0x7e
  ImU32 high_low = 0, high_high = 0;           // 0x7f..0xff
};

// What the memory pane asks of the GPU side. The backend renders after the panes are built and
// before the frame is drawn, so the texture shows this frame's state.
struct MinimapRequest {
  MinimapData* data = nullptr;  // the backend clears its dirty range once uploaded
  int width = 0, height = 0;  // pixels
  float data_width_fraction = 0.7f;  // left part shows bytes, the rest footprint lanes
  std::vector<MinimapFootprint> footprints;
  MinimapPalette palette;
};

class MinimapBackend {
 public:
  virtual ~MinimapBackend() = default;
  // Returns a texture for ImGui::Image, or null when the backend cannot draw.
  virtual ImTextureID texture_for(const MinimapRequest& request) = 0;
};

}  // namespace bufferlab

// What the memory pane asks of the GPU minimap: a region's texels, the views' footprints and
// the theme's colours. The GL renderer (app/window/gfx) implements the backend.
#pragma once

#include <imgui.h>

#include <vector>

#include "core/minimap_data.h"

namespace bufferlab {

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
  const MinimapData* data = nullptr;  // the backend clears its dirty range once uploaded
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

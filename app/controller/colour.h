// Colours in the model as plain 32-bit values, packed as Dear ImGui packs them (red in the low
// byte, alpha in the high byte), so a pane passes them to ImGui unchanged.
#pragma once

#include <cstdint>

namespace bufferlab {

using Rgba = std::uint32_t;

constexpr Rgba rgba(std::uint32_t red, std::uint32_t green, std::uint32_t blue, std::uint32_t alpha = 255) {
  return (alpha << 24) | (blue << 16) | (green << 8) | red;
}

}  // namespace bufferlab

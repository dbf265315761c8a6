// Colours in the model as plain 32-bit values, packed as Dear ImGui packs them (red in the low
// byte, alpha in the high byte), so a pane passes them to ImGui unchanged.
#pragma once

#include <cstdint>
#include <vector>

namespace bufferlab {

using Rgba = std::uint32_t;

constexpr Rgba rgba(std::uint32_t red, std::uint32_t green, std::uint32_t blue, std::uint32_t alpha = 255) {
  return (alpha << 24) | (blue << 16) | (green << 8) | red;
}

// The colours names are drawn in, as the theme gives them to the model: the model hands out
// slots (0, 1, 2, ...) and knows nothing of themes.
struct NameColours {
  std::vector<Rgba> base;  // slot k < base.size() is base[k]
  // Slots past the base are lighter (dark theme) or darker (light theme) variants of it: mixed
  // toward the text colour, which only adds contrast against the pane.
  Rgba toward = rgba(255, 255, 255);
  bool operator==(const NameColours&) const = default;
};

// The colour of a slot. Round r of the base is mixed toward `toward` by 0.8 times the radical
// inverse of r (0, .4, .2, .6, .1, ...): every round a new fraction, so two slots get the same
// colour only past 32 rounds (the palette test checks the first 32 rounds are all distinct).
constexpr Rgba name_colour(const NameColours& colours, int slot) {
  if (colours.base.empty() || slot < 0) return rgba(128, 128, 128);
  const auto count = static_cast<unsigned>(colours.base.size());
  const Rgba base = colours.base[static_cast<unsigned>(slot) % count];
  unsigned round = static_cast<unsigned>(slot) / count;
  double fraction = 0.0, step = 0.4;
  for (; round != 0; round >>= 1, step *= 0.5)
    if (round & 1u) fraction += step;
  Rgba mixed = base & 0xFF000000u;
  for (int shift = 0; shift < 24; shift += 8) {
    const double from = (base >> shift) & 0xFFu, to = (colours.toward >> shift) & 0xFFu;
    mixed |= static_cast<Rgba>(from + (to - from) * fraction + 0.5) << shift;
  }
  return mixed;
}

}  // namespace bufferlab

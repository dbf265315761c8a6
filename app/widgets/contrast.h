// Contrast as WCAG 2 measures it, on colours packed as ImGui packs them (red in the low byte,
// alpha in the high byte): the grid, the cards and the diagram choose their text colours with
// it, and the tests measure the themes with the same functions.
#pragma once

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace bufferlab {

// WCAG AA for normal text.
inline constexpr float kMinimumTextContrast = 4.5f;

inline float colour_channel(ImU32 colour, int shift) {
  return static_cast<float>((colour >> shift) & 0xFF) / 255.0f;
}

// Relative luminance of the colour's RGB (alpha ignored), 0 for black to 1 for white.
inline float relative_luminance(ImU32 colour) {
  auto linear = [](float c) { return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f); };
  return 0.2126f * linear(colour_channel(colour, IM_COL32_R_SHIFT)) +
         0.7152f * linear(colour_channel(colour, IM_COL32_G_SHIFT)) +
         0.0722f * linear(colour_channel(colour, IM_COL32_B_SHIFT));
}

// From 1 (the same luminance) to 21 (black on white); the order of the two does not matter.
inline float contrast_ratio(ImU32 a, ImU32 b) {
  const float la = relative_luminance(a), lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

// `over` painted on the opaque `under` with over's alpha, as the draw list blends: opaque.
inline ImU32 blend_over(ImU32 under, ImU32 over) {
  const float a = colour_channel(over, IM_COL32_A_SHIFT);
  auto mix = [&](int shift) {
    const float c = colour_channel(under, shift) * (1.0f - a) + colour_channel(over, shift) * a;
    return static_cast<ImU32>(c * 255.0f + 0.5f) << shift;
  };
  return mix(IM_COL32_R_SHIFT) | mix(IM_COL32_G_SHIFT) | mix(IM_COL32_B_SHIFT) | IM_COL32_A_MASK;
}

// The text colour to draw on `background`: `preferred` when it reaches `minimum`, else the
// first of the candidates that does, else whichever candidate (black and white included) has
// the most contrast. The text colour's own alpha is blended over the background first.
inline ImU32 readable_text(ImU32 background, ImU32 preferred, std::initializer_list<ImU32> candidates = {},
                           float minimum = kMinimumTextContrast) {
  auto ratio = [&](ImU32 text) { return contrast_ratio(blend_over(background, text), background); };
  if (ratio(preferred) >= minimum) return preferred;
  for (ImU32 candidate : candidates)
    if (ratio(candidate) >= minimum) return candidate;
  ImU32 best = preferred;
  for (ImU32 candidate : candidates)
    if (ratio(candidate) > ratio(best)) best = candidate;
  for (ImU32 extreme : {IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)})
    if (ratio(extreme) > ratio(best)) best = extreme;
  return best;
}

}  // namespace bufferlab

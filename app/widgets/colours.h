// Alpha arithmetic on ImGui's packed colours, shared by the widgets and the panes.
#pragma once

#include <imgui.h>

namespace bufferlab {

// The colour with its alpha replaced.
inline ImU32 with_alpha(ImU32 colour, float alpha) {
  const ImU32 a = static_cast<ImU32>(alpha * 255.0f + 0.5f) & 0xFF;
  return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

// The colour with its alpha multiplied (a fainter version of whatever it was).
inline ImU32 scale_alpha(ImU32 colour, float factor) {
  const ImU32 a = static_cast<ImU32>(factor * static_cast<float>((colour >> IM_COL32_A_SHIFT) & 0xFF));
  return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

}  // namespace bufferlab

// Tooltips placed beside what they describe: a tooltip at the pointer covers the row under it,
// the very thing a class is reading.
#pragma once

#include <imgui.h>

namespace bufferlab {

// A tooltip placed beside the rectangle [min, max] (right, else left, else above, else below),
// never on top of it or of the row under it. The _item form: beside the last item, when hovered.
void tooltip_beside(ImVec2 min, ImVec2 max, const char* text);
void tooltip_beside_item(const char* text);

}  // namespace bufferlab

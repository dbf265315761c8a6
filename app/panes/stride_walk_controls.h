// The stride walk's row on a view's card: on the selected card a button that starts walking the
// view and, while it walks, play/pause, step back and forward, restart and stop, the order (C order or along one
// dimension), the speed, and the step's jump in bytes ("+12 bytes", "-4 bytes (backwards)",
// "same bytes again"). It reads the walk from the app state and asks for changes by commands.
#pragma once

#include "app/panes/pane.h"

namespace bufferlab {

void draw_stride_walk_controls(PaneContext& context, int view_index);

}  // namespace bufferlab

// The stride walk on a view's card: a button on the card's first line that starts walking the
// view (on every card, so selecting one never moves the rows of another) and, while it walks, a
// row of play/pause, step back and forward, restart and stop, the order (C order or along one
// dimension), the speed, and the step's jump in bytes ("+12 bytes", "-4 bytes (backwards)",
// "+0 bytes: the same bytes again", "to bytes visited before" through a zero stride). It reads the walk from the app state and asks for changes by commands.
#pragma once

#include "app/panes/pane.h"

namespace bufferlab {

// The button, on the line drawn last (the card's name line); nothing while this view walks.
void draw_stride_walk_button(PaneContext& context, int view_index);
// The controls' row, while this view walks.
void draw_stride_walk_controls(PaneContext& context, int view_index);

}  // namespace bufferlab

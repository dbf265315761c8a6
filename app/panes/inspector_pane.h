// The Inspector pane: the selected view's Py_buffer struct as C declares it, with live values,
// and for the clicked (or hovered) element, or the stride walk's step, the address arithmetic
// buf + sum(index_k * stride_k).
#pragma once

#include <string>
#include <vector>

#include "app/panes/pane.h"

namespace bufferlab {

class InspectorPane : public Pane {
 public:
  const char* title() const override { return "Py_buffer"; }

 protected:
  void draw_toolbar(PaneContext& context) override;
  void draw_content(PaneContext& context) override;

 private:
  void draw_struct(PaneContext& context, int view, bool stacked);
  // The clicked or hovered element's arithmetic, or the stride walk's step on this view.
  void draw_element(PaneContext& context, int view);
};

// "buf + 1*12 + 2*4 = 0x7f.. + 20 = 0x7f.." for an element (shared with tests).
std::string address_arithmetic(const DisplayView& view, std::int64_t flat);

// The stride walk's step on show as the pane writes it, line by line: where the walk is, the
// indices, each index*stride term, the sum, the address and the jump from the element before.
std::vector<std::string> stride_walk_lines(const DisplayView& view, const StrideWalkPlayer& walk);

}  // namespace bufferlab

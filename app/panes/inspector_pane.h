// The Inspector pane: the selected view's Py_buffer struct as C declares it, with live values,
// and for the clicked (or hovered) element the address arithmetic buf + sum(index_k * stride_k).
#pragma once

#include "app/panes/pane.h"

namespace bufferlab {

class InspectorPane : public Pane {
 public:
  const char* title() const override { return "Py_buffer"; }

 protected:
  void draw_toolbar(PaneContext& context) override;
  void draw_content(PaneContext& context) override;
};

// "buf + 1*12 + 2*4 = 0x7f.. + 20 = 0x7f.." for an element (shared with tests).
std::string address_arithmetic(const DisplayView& view, std::int64_t flat);

}  // namespace bufferlab

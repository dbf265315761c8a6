// The Sharing pane: the lesson's ASCII diagram drawn live. A box per name, an arrow to the
// memory bar of its region, and each view's footprint (its elements, when few) on the bar.
#pragma once

#include "app/panes/pane.h"
#include "app/widgets/virtual_list.h"

namespace bufferlab {

class SharingPane : public Pane {
 public:
  const char* title() const override { return "Sharing"; }

 protected:
  void draw_content(PaneContext& context) override;

 private:
  void draw_region(PaneContext& context, int region_index, float width);
  void draw_element_bars(PaneContext& context, int view, const Region& region, float lane_x0, double scale,
                         float lane_top, float lane_bottom);
  void draw_not_exporting(PaneContext& context);

  // What the regions' positions were measured for: new views, a new width or font start again.
  struct ListKey {
    std::uint64_t generation = 0;
    float width = -1.0f, font_size = 0.0f;
    bool operator==(const ListKey&) const = default;
  };
  ListKey list_key_;
  VirtualList region_list_;  // one item per region: only the regions in view are drawn
  std::string shown_selection_;  // the selected view whose region the pane last brought into sight
};

// Python's repr of the first bytes of a region: b'Hello' (shared with tests).
std::string bytes_preview(const std::uint8_t* data, std::size_t size, std::size_t total);

}  // namespace bufferlab

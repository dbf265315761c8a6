// The Data inspector pane: the bytes selected in a Memory grid read with every struct code that
// fits there, little-endian and big-endian side by side (rows of the selection's size first),
// plus UTF-8 and ASCII. A click on a reading adds it as a "view as" card at that offset; a
// double-click edits it, written in that reading's format through the one edit path.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/panes/pane.h"
#include "core/inspect/data_inspector.h"

namespace bufferlab {

class DataInspectorPane : public Pane {
 public:
  const char* title() const override { return "Data inspector"; }

  // Bytes read for the report: 8 cover every code; a longer selection, up to this, is also
  // read whole by 's' and the text rows.
  static constexpr std::int64_t kLongestRead = 256;

 protected:
  void draw_toolbar(PaneContext& context) override;
  void draw_content(PaneContext& context) override;

 private:
  // A reading being edited: its format, at the selection's first byte.
  struct Edit {
    std::string format;
    std::uintptr_t address = 0;
    char text[128] = "";
    bool focus_pending = true;
  };
  // A click on a reading waits out the double-click time: a double-click edits instead.
  struct PendingViewAs {
    std::string format;
    int region = -1;
    std::int64_t offset = 0;
    double clicked_at = 0.0;
  };

  void draw_reading(PaneContext& context, const InspectorReading& reading, const ByteSelection& selection,
                    std::int64_t offset);
  void add_view_as(PaneContext& context, const PendingViewAs& pending) const;

  std::optional<Edit> edit_;
  std::optional<PendingViewAs> pending_;
  // The reading last written from here, so the workbench's refusal of it is shown here too.
  std::string written_format_;
  std::uintptr_t written_address_ = 0;
  double written_time_ = 0.0;
};

}  // namespace bufferlab

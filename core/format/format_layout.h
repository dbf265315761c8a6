// What format parsing hands to layout: the item tree of pass 1, the failure both passes throw,
// and the layout entry points (passes 2 and 3).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/format/format_codec.h"
#include "core/format/format_tables.h"

namespace bufferlab::format_detail {

// One item of a format: a code with its count, or a T{...} record of items.
struct Item {
  const CodeRow* row = nullptr;  // nullptr: a T{...} record
  std::vector<Item> members;     // record members
  bool record_pads_end = false;  // the record closed in '@' mode (numpy pads it to alignment)
  Mode mode = Mode::Native;
  bool aligned = false;          // placed at its natural alignment ('@' mode)
  std::size_t alignment = 1;     // a code's natural alignment when aligned (records compute theirs)
  std::size_t repeat = 1;              // the count before the code (a length for s/p/u/w)
  std::vector<std::size_t> shape;      // numpy sub-array "(2,3)"
  std::string name;                    // ":name:"
};

// Thrown by both passes; the entry points return its error with the format named.
struct FormatFailure {
  FormatError error;
};

// The element format of a parsed item tree: its itemsize, and its fields flattened in order.
// Throws FormatFailure when a size overflows or there are too many fields.
ElementFormat build_format(std::string_view format, const std::vector<Item>& items);

// Re-lays record members out the way ctypes does; false when nothing changed.
bool align_records_like_ctypes(std::vector<Item>& items, bool in_record);

}  // namespace bufferlab::format_detail

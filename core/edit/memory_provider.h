// Live memory of a snapshot's objects, read and written without Python in sight: the data
// provider the panes, the JSON dump and the edit path use. The session (core/py) implements it,
// re-acquiring an export for the duration of one call and releasing it before returning, so no
// export outlives a call.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>

namespace bufferlab {

class MemoryProvider {
 public:
  virtual ~MemoryProvider() = default;

  // Calls read(buf) with the object's Py_buffer.buf while its export is held. Returns an error
  // message (and does not call read) when the object no longer matches the snapshot.
  virtual std::optional<std::string> read_object(
      int object_index, const std::function<void(const std::uint8_t* buf)>& read) = 0;

  // Calls read(base) with a pointer to the first byte of the region, every export of the region
  // held during the call.
  virtual std::optional<std::string> read_region(
      int region_index, const std::function<void(const std::uint8_t* base)>& read) = 0;

  // Copies `bytes` to buf + offset of the object's buffer under one writable export, after
  // checking that the export still matches the snapshot. The caller has checked the range
  // (plan_edit does); an error message means nothing was written.
  virtual std::optional<std::string> write_object(int object_index, std::int64_t offset,
                                                  std::span<const std::uint8_t> bytes) = 0;
};

}  // namespace bufferlab

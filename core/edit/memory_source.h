// Read and write access to the live memory of a snapshot's objects, without Python in sight.
// Implemented by the session (core/py), which re-acquires the export for the duration of one
// call and releases it before returning, so no export outlives a call.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace bufferlab {

class MemorySource {
 public:
  virtual ~MemorySource() = default;

  // Calls read(buf) with the object's Py_buffer.buf while its export is held. Returns an error
  // message (and does not call read) when the object no longer matches the snapshot.
  virtual std::optional<std::string> read_object(
      int object_index, const std::function<void(const std::uint8_t* buf)>& read) = 0;

  // Calls read(base) with a pointer to the first byte of the region, every export of the region
  // held during the call.
  virtual std::optional<std::string> read_region(
      int region_index, const std::function<void(const std::uint8_t* base)>& read) = 0;
};

}  // namespace bufferlab

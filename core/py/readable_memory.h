// Fault-safe checks on the process's own address space: whether a byte range is mapped with
// the access a read or write needs, asked of the kernel (/proc/self/maps) instead of touching
// the bytes, so a dangling view (freed, resized, strided past its allocation) never faults.
#pragma once

#include <cstdint>
#include <vector>

namespace bufferlab::py {

// The process's mappings at the moment it was taken, in address order.
class AddressSpace {
 public:
  static AddressSpace current();

  // True when every byte of [begin, end) lies in mappings readable (and, with `writable`,
  // writable). An empty range is always accessible.
  bool accessible(std::uintptr_t begin, std::uintptr_t end, bool writable) const;

 private:
  struct Mapping {
    std::uintptr_t begin = 0;
    std::uintptr_t end = 0;
    bool readable = false;
    bool writable = false;
  };
  std::vector<Mapping> mappings_;
};

// AddressSpace::current().accessible(...), for a single question.
bool memory_accessible(std::uintptr_t begin, std::uintptr_t end, bool writable);

}  // namespace bufferlab::py

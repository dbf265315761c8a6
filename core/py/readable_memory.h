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

// AddressSpace answers for many questions in a row (a frame, or a dump, of 10,000 names), from
// one reading of /proc/self/maps instead of one per question. Safe because:
// - A range the kept mappings call accessible is checked to be still mapped, every page of it,
//   right before the answer (msync(MS_ASYNC), which walks the kernel's mappings, not the pages):
//   memory unmapped since (an mmap closed, a big buffer freed, also by a finalizer our own calls
//   set off) is refused as before. A range they refuse, or one gone, is asked of the kernel again.
// - What msync cannot see, a range still mapped whose access was taken away, needs Python to run
//   in between; the owner calls forget() whenever it may have (a cell, an evaluation, another
//   Python thread alive), so those questions go to the kernel as before.
// The session asks, and then reads, within one hold of the GIL, so no Python runs between the
// answer and the read. Not thread-safe: the session uses it only with the GIL held.
class CachedAddressSpace {
 public:
  bool accessible(std::uintptr_t begin, std::uintptr_t end, bool writable);
  void forget() { has_space_ = false; }

 private:
  AddressSpace space_;
  bool has_space_ = false;
};

// True when every page of [begin, end) is mapped (whatever its access), asked of the kernel.
bool still_mapped(std::uintptr_t begin, std::uintptr_t end);

// AddressSpace::current().accessible(...), for a single question.
bool memory_accessible(std::uintptr_t begin, std::uintptr_t end, bool writable);

}  // namespace bufferlab::py

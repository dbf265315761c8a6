// The facts a Py_buffer export states about an object's memory, copied out of the struct so
// they outlive the export (the pointer is kept only as an address, never dereferenced later).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bufferlab {

struct BufferFacts {
  std::uintptr_t address = 0;  // Py_buffer.buf
  std::int64_t len = 0;        // Py_buffer.len: product(shape) * itemsize
  bool readonly = true;
  std::string format = "B";    // Py_buffer.format ("B" when the exporter gave NULL)
  std::int64_t itemsize = 1;
  int ndim = 1;
  std::vector<std::int64_t> shape;
  std::vector<std::int64_t> strides;
  std::vector<std::int64_t> suboffsets;  // empty when the exporter gave NULL
  bool c_contiguous = false;
  bool f_contiguous = false;

  // product(shape), saturated at INT64_MAX (0 when any extent is 0).
  std::int64_t element_count() const;
  // False when product(shape) exceeds 64 bits: flat element indices cannot name every element.
  bool element_count_fits() const;
  bool operator==(const BufferFacts&) const = default;
};

}  // namespace bufferlab

// BufferFacts helpers.
#include "core/buffer_facts.h"

#include <limits>

namespace bufferlab {

std::int64_t BufferFacts::element_count() const {
  // A broadcast or as_strided view may name more elements than 64 bits count: saturate
  // instead of wrapping, so comparisons against the count stay right.
  std::int64_t count = 1;
  for (std::int64_t extent : shape) {
    if (extent <= 0) return 0;
    if (__builtin_mul_overflow(count, extent, &count)) count = std::numeric_limits<std::int64_t>::max();
  }
  return count;
}

bool BufferFacts::element_count_fits() const {
  std::int64_t count = 1;
  for (std::int64_t extent : shape) {
    if (extent <= 0) return true;
    if (__builtin_mul_overflow(count, extent, &count)) return false;
  }
  return true;
}

}  // namespace bufferlab

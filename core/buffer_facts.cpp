// BufferFacts helpers.
#include "core/buffer_facts.h"

namespace bufferlab {

std::int64_t BufferFacts::element_count() const {
  std::int64_t count = 1;
  for (std::int64_t extent : shape) count *= extent;
  return count;
}

}  // namespace bufferlab

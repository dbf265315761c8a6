// Test helper: BufferFacts for a view described by address, itemsize, shape and strides.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/buffer_facts.h"

namespace bufferlab::testing {

inline BufferFacts make_facts(std::uintptr_t address, std::int64_t itemsize,
                              std::vector<std::int64_t> shape, std::vector<std::int64_t> strides) {
  BufferFacts facts;
  facts.address = address;
  facts.itemsize = itemsize;
  facts.ndim = static_cast<int>(shape.size());
  facts.shape = std::move(shape);
  facts.strides = std::move(strides);
  facts.len = facts.element_count() * facts.itemsize;
  return facts;
}

}  // namespace bufferlab::testing

// The stride walk's edges without Python: an empty walk is safe to ask, and along one dimension
// only that dimension's zero stride makes a step revisit earlier bytes.
#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include "core/inspect/stride_walk.h"
#include "tests/support/facts_builder.h"

using namespace bufferlab;

TEST_CASE("stride walk: an empty walk gives a step at buf with index 0s") {
  const BufferFacts facts = testing::make_facts(0x1000, 4, {2, 3}, {12, 4});
  const StrideWalk no_such_dimension = StrideWalk::along_dimension(facts, 5, {0, 0});
  REQUIRE(no_such_dimension.empty());
  const WalkStep step = no_such_dimension.step_at(0);
  CHECK(step.index == std::vector<std::int64_t>{0, 0});
  CHECK(step.address == 0x1000);
  CHECK(step.jump == 0);

  const StrideWalk no_elements(testing::make_facts(0x1000, 4, {3, 0}, {0, 4}));
  REQUIRE(no_elements.empty());
  CHECK(no_elements.step_at(7).offset == 0);
}

TEST_CASE("stride walk: along a dimension, only that dimension's zero stride revisits bytes") {
  // A broadcast (4, 3) view of 3 int32: dimension 0 has stride 0.
  const BufferFacts facts = testing::make_facts(0x1000, 4, {4, 3}, {0, 4});
  // Along dimension 1 at row 2: three different elements, none seen before in this walk.
  const StrideWalk row = StrideWalk::along_dimension(facts, 1, {2, 0});
  for (std::int64_t k = 0; k < row.size(); ++k) CHECK_FALSE(row.step_at(k).revisits_via_zero_stride);
  // Along dimension 0: the same bytes four times.
  const StrideWalk column = StrideWalk::along_dimension(facts, 0, {0, 1});
  CHECK_FALSE(column.step_at(0).revisits_via_zero_stride);
  for (std::int64_t k = 1; k < column.size(); ++k) {
    CHECK(column.step_at(k).revisits_via_zero_stride);
    CHECK(column.step_at(k).jump == 0);
    CHECK(column.step_at(k).offset == 4);
  }
  // In C order, row 1 onwards revisits row 0's bytes.
  const StrideWalk all(facts);
  CHECK_FALSE(all.step_at(2).revisits_via_zero_stride);
  CHECK(all.step_at(3).revisits_via_zero_stride);
  CHECK(all.step_at(3).jump == -8);
}

TEST_CASE("stride walk: jumps wrap instead of overflowing on extreme strides") {
  // Offsets 0, INT64_MAX, then 2*INT64_MAX wrapped to -2: the jump -2 - INT64_MAX wraps too.
  const BufferFacts facts = testing::make_facts(0x1000, 1, {3}, {INT64_MAX});
  const StrideWalk walk(facts);
  CHECK(walk.step_at(2).offset == -2);
  CHECK(walk.step_at(2).jump == INT64_MAX);
}

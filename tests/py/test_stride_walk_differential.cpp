// The stride walk against numpy: for transposed, reversed, stepped, broadcast, sliced and
// structured-field arrays, every step's byte offset equals the address numpy gives that element
// (a[idx + (...,)] is a 0-d view of it), in C order and along each dimension.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/inspect/stride_walk.h"
#include "core/py/session.h"
#include "tests/support/facts_builder.h"
#include "tests/support/python_fixture.h"

using namespace bufferlab;

namespace {

Session& session() {
  testing::ensure_interpreter();
  static Session s;
  return s;
}

std::string run_python(const std::string& source) {
  CellResult result = session().run_cell(source);
  INFO(result.stderr_text());
  REQUIRE_FALSE(result.raised);
  return result.stdout_text();
}

const char* kArrays = R"PY(
import numpy as np
base = np.arange(24, dtype=np.int32).reshape(2, 3, 4)
transposed = base.T
swapped = base.transpose(1, 0, 2)
reversed_ = base[::-1, :, ::-1]
stepped = base[:, ::2, 1::2]
sliced = base[1, 1:, 2:3]
fortran = np.asfortranarray(base)
broadcast = np.broadcast_to(np.arange(3, dtype=np.int16), (4, 3))
broadcast3 = np.broadcast_to(base[:, :1, ::-2], (2, 5, 2))
field = np.zeros(5, dtype=[('a', 'i4'), ('b', 'f8')])['b']
scalar = np.array(5.0)
empty = np.zeros((3, 0))
flat_back = np.arange(10, dtype=np.uint8)[::-3]
def _addr(x): return x.__array_interface__['data'][0]
def _offsets(a, idxs):
    return ' '.join(str(_addr(a[tuple(i) + (Ellipsis,)]) - _addr(a)) for i in idxs)
def _c_order(a): print(_offsets(a, np.ndindex(a.shape)))
def _along(a, d, fixed):
    idxs = []
    for i in range(a.shape[d]):
        idx = list(fixed); idx[d] = i; idxs.append(idx)
    print(_offsets(a, idxs))
)PY";

const char* const kNames[] = {"base",     "transposed", "swapped",   "reversed_", "stepped",
                              "sliced",   "fortran",    "broadcast", "broadcast3", "field",
                              "scalar",   "empty",      "flat_back"};

std::string walk_offsets(const StrideWalk& walk) {
  std::string out;
  for (std::int64_t k = 0; k < walk.size(); ++k) {
    if (k) out += ' ';
    out += std::to_string(walk.step_at(k).offset);
  }
  return out;
}

}  // namespace

TEST_CASE("stride walk: C-order offsets equal numpy's for every element") {
  run_python(kArrays);
  const Snapshot& snapshot = session().snapshot();
  for (const char* name : kNames) {
    INFO(std::string(name));
    const SnapshotObject* object = snapshot.find(name);
    REQUIRE(object != nullptr);
    const BufferFacts facts = object->facts;  // a copy: each cell makes a new snapshot
    StrideWalk walk(facts);
    const std::string theirs = run_python(std::string("_c_order(") + name + ")\n");
    CHECK(walk_offsets(walk) + "\n" == theirs);
    // Each step's address is buf + offset, its jump the difference from the step before.
    for (std::int64_t k = 0; k < walk.size(); ++k) {
      WalkStep step = walk.step_at(k);
      CHECK(step.address == facts.address + static_cast<std::uintptr_t>(step.offset));
      if (k > 0) CHECK(step.jump == step.offset - walk.step_at(k - 1).offset);
    }
  }
}

TEST_CASE("stride walk: along one dimension, the others fixed, offsets equal numpy's") {
  run_python(kArrays);
  const Snapshot& snapshot = session().snapshot();
  for (const char* name : kNames) {
    const SnapshotObject* object = snapshot.find(name);
    REQUIRE(object != nullptr);
    const BufferFacts facts = object->facts;  // a copy: each cell makes a new snapshot
    for (int d = 0; d < facts.ndim; ++d) {
      // The other indices at their last value (a corner that exercises every stride).
      std::vector<std::int64_t> fixed;
      std::string fixed_text = "[";
      for (int k = 0; k < facts.ndim; ++k) {
        fixed.push_back(std::max<std::int64_t>(facts.shape[k] - 1, 0));
        fixed_text += std::to_string(fixed.back()) + ",";
      }
      fixed_text += "]";
      bool any_empty = false;
      for (int k = 0; k < facts.ndim; ++k)
        if (k != d && facts.shape[k] == 0) any_empty = true;
      if (any_empty) continue;
      INFO(std::string(name) << " dimension " << d);
      StrideWalk walk = StrideWalk::along_dimension(facts, d, fixed);
      CHECK(walk.size() == facts.shape[d]);
      const std::string theirs =
          run_python(std::string("_along(") + name + ", " + std::to_string(d) + ", " + fixed_text + ")\n");
      CHECK(walk_offsets(walk) + "\n" == theirs);
    }
  }
}

TEST_CASE("stride walk: a billion-element broadcast view is walked lazily") {
  run_python(kArrays);  // each case runs alone under CTest
  run_python("huge = np.broadcast_to(np.arange(1000.0)[::-1], (1000000, 1000))\n");
  const SnapshotObject* object = session().snapshot().find("huge");
  REQUIRE(object != nullptr);
  StrideWalk walk(object->facts);  // holds its own copy of the facts
  CHECK(walk.size() == 1000000000);
  for (std::int64_t k : {std::int64_t{0}, std::int64_t{1}, std::int64_t{999}, std::int64_t{1000},
                         std::int64_t{123456789}, std::int64_t{999999999}}) {
    WalkStep step = walk.step_at(k);
    const std::string theirs = run_python("print(_addr(huge[" + std::to_string(step.index[0]) + ", " +
                                          std::to_string(step.index[1]) + ", ...]) - _addr(huge))\n");
    CHECK(std::to_string(step.offset) + "\n" == theirs);
    CHECK(step.index[0] == k / 1000);
    CHECK(step.index[1] == k % 1000);
  }
  CHECK(walk.step_at(1000).revisits_via_zero_stride);
  CHECK_FALSE(walk.step_at(999).revisits_via_zero_stride);
}

TEST_CASE("stride walk: the arithmetic reads as a sum of index times stride") {
  BufferFacts facts = testing::make_facts(0x1000, 8, {2, 3}, {24, 8});
  StrideWalk walk(facts);
  CHECK(walk.arithmetic(walk.step_at(5)) == "buf + 1*24 + 2*8 = buf + 40");
  CHECK(walk.arithmetic(walk.step_at(0)) == "buf + 0*24 + 0*8 = buf");
  CHECK(walk.step_at(5).address == 0x1000 + 40);

  BufferFacts reversed = testing::make_facts(0x1000, 8, {3}, {-8});
  StrideWalk back(reversed);
  CHECK(back.arithmetic(back.step_at(2)) == "buf + 2*(-8) = buf - 16");
  CHECK(back.step_at(2).jump == -8);

  BufferFacts broadcast = testing::make_facts(0x1000, 4, {2, 3}, {0, 4});
  StrideWalk again(broadcast);
  CHECK(again.step_at(3).offset == 0);
  CHECK(again.step_at(3).jump == -8);
  CHECK(again.step_at(3).revisits_via_zero_stride);

  BufferFacts scalar = testing::make_facts(0x1000, 8, {}, {});
  StrideWalk one(scalar);
  CHECK(one.size() == 1);
  CHECK(one.arithmetic(one.step_at(0)) == "buf + 0 = buf");

  CHECK(StrideWalk::along_dimension(facts, 2, {0, 0}).empty());   // no such dimension
  CHECK(StrideWalk::along_dimension(facts, 1, {2, 0}).empty());   // fixed index out of range
  StrideWalk column = StrideWalk::along_dimension(facts, 0, {0, 1});
  CHECK(column.size() == 2);
  CHECK(column.arithmetic(column.step_at(1)) == "buf + 1*24 + 1*8 = buf + 32");
}

// Layout math: offsets, footprints, byte sharing and hit tests on strided, reversed, 2-D and
// transposed views, checked against values worked out by hand.
#include <doctest/doctest.h>

#include "core/layout.h"
#include "core/snapshot.h"
#include "tests/support/facts_builder.h"

using namespace bufferlab;

namespace {

// view(address, itemsize, shape, strides)
constexpr auto view = bufferlab::testing::make_facts;

}  // namespace

TEST_CASE("element offsets follow sum(index * stride)") {
  const auto m = view(1000, 4, {3, 4}, {16, 4});
  CHECK(element_byte_offset(m, {0, 0}) == 0);
  CHECK(element_byte_offset(m, {2, 3}) == 44);
  const auto transposed = view(1000, 4, {4, 3}, {4, 16});
  CHECK(element_byte_offset(transposed, {3, 2}) == 44);
}

TEST_CASE("negative indices count from the end, out of range is refused") {
  const auto m = view(0, 1, {5}, {1});
  std::vector<std::int64_t> index{-1};
  CHECK_FALSE(normalize_index(m, index));
  CHECK(index[0] == 4);
  index = {5};
  CHECK(*normalize_index(m, index) == "index 5 is out of bounds for axis 0 with size 5");
  index = {-6};
  CHECK(normalize_index(m, index));
  index = {0, 0};
  CHECK(normalize_index(m, index));
}

TEST_CASE("footprints of strided and reversed views") {
  // mv[::-1] of 10 bytes at 100: buf is the last byte.
  auto reversed = view(109, 1, {10}, {-1});
  CHECK(footprint(reversed).begin == 100);
  CHECK(footprint(reversed).end == 110);
  // mv[::2] of 'i' elements: 3 elements 8 bytes apart.
  auto strided = view(200, 4, {3}, {8});
  CHECK(footprint(strided).begin == 200);
  CHECK(footprint(strided).end == 220);
  CHECK(footprint(view(5, 4, {0}, {4})).empty());
}

TEST_CASE("interleaved views do not share bytes, overlapping ones do") {
  const auto even = view(100, 1, {5}, {2});
  const auto odd = view(101, 1, {5}, {2});
  CHECK_FALSE(views_share_bytes(even, odd));
  const auto whole = view(100, 1, {10}, {1});
  CHECK(views_share_bytes(whole, even));
  CHECK(views_share_bytes(odd, whole));
  // 'i' elements at 100,108,116 versus one byte at 105: no; at 117: yes.
  const auto ints = view(100, 4, {3}, {8});
  CHECK_FALSE(views_share_bytes(ints, view(105, 1, {1}, {1})));
  CHECK(views_share_bytes(ints, view(117, 1, {1}, {1})));
  // Two strided 2-D views, neither dense.
  const auto columns0 = view(0, 4, {3, 2}, {32, 8});
  const auto columns1 = view(4, 4, {3, 2}, {32, 8});
  CHECK_FALSE(views_share_bytes(columns0, columns1));
  CHECK(views_share_bytes(columns0, view(32, 4, {3, 2}, {32, 8})));
}

TEST_CASE("elements containing a byte, for hover highlighting") {
  const auto ints = view(100, 4, {5}, {4});
  CHECK(elements_containing(ints, 100) == std::vector<std::int64_t>{0});
  CHECK(elements_containing(ints, 107) == std::vector<std::int64_t>{1});
  CHECK(elements_containing(ints, 120).empty());
  const auto reversed = view(104, 1, {5}, {-1});  // mv[::-1] over 100..104
  CHECK(elements_containing(reversed, 104) == std::vector<std::int64_t>{0});
  CHECK(elements_containing(reversed, 100) == std::vector<std::int64_t>{4});
  const auto stepped = view(100, 1, {5}, {2});  // mv[::2]
  CHECK(elements_containing(stepped, 101).empty());
  CHECK(elements_containing(stepped, 104) == std::vector<std::int64_t>{2});
  const auto transposed = view(0, 4, {4, 3}, {4, 16});  // (3,4) int32 array, .T
  // Byte 20 is in element (row 1, col 1) of the original = transposed[1][1] = flat 4.
  CHECK(elements_containing(transposed, 20) == std::vector<std::int64_t>{4});
  // A 100 MB view answers without walking its elements.
  const auto big = view(0, 1, {100'000'000}, {1});
  CHECK(elements_containing(big, 99'999'999) == std::vector<std::int64_t>{99'999'999});
}

TEST_CASE("for_each_element walks in C order with the right offsets") {
  const auto transposed = view(0, 4, {2, 3}, {4, 8});
  std::vector<std::int64_t> offsets;
  for_each_element(transposed, [&](const std::vector<std::int64_t>&, std::int64_t offset) {
    offsets.push_back(offset);
  });
  CHECK(offsets == std::vector<std::int64_t>{0, 8, 16, 4, 12, 20});
  CHECK(unflatten_index(transposed, 4) == std::vector<std::int64_t>{1, 1});
  CHECK(flatten_index(transposed, {1, 2}) == 5);
}

TEST_CASE("regions merge overlapping footprints; touching ones stay apart") {
  Snapshot snapshot;
  auto add = [&](std::string name, BufferFacts facts) {
    SnapshotObject object;
    object.name = std::move(name);
    object.facts = std::move(facts);
    snapshot.objects.push_back(std::move(object));
  };
  add("a", view(100, 1, {10}, {1}));
  add("b", view(110, 1, {10}, {1}));   // touches a
  add("c", view(105, 1, {3}, {2}));    // inside a
  add("d", view(106, 1, {2}, {2}));    // interleaves c: shares bytes with a only
  group_into_regions(snapshot);
  REQUIRE(snapshot.regions.size() == 2);
  CHECK(snapshot.regions[0].address == 100);
  CHECK(snapshot.regions[0].size == 10);
  CHECK(snapshot.objects[2].region == 0);
  CHECK(snapshot.objects[2].offset == 5);
  CHECK(snapshot.objects[1].region == 1);
  CHECK(snapshot.shared == std::vector<std::pair<std::string, std::string>>{{"a", "c"}, {"a", "d"}});
}

// Layout math: offsets, footprints, byte sharing and hit tests on strided, reversed, 2-D and
// transposed views, checked by hand, against brute force, and on views too big to walk.
#include <doctest/doctest.h>

#include <random>
#include <set>

#include "core/elements_in_range.h"
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

namespace {

// A snapshot object with just a name and facts, as group_into_regions needs.
void add_object(Snapshot& snapshot, std::string name, BufferFacts facts) {
  SnapshotObject object;
  object.name = std::move(name);
  object.facts = std::move(facts);
  snapshot.objects.push_back(std::move(object));
}

}  // namespace

TEST_CASE("regions merge overlapping footprints, touching ones stay apart") {
  Snapshot snapshot;
  auto add = [&](std::string name, BufferFacts facts) { add_object(snapshot, std::move(name), std::move(facts)); };
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
  CHECK(snapshot.shared_pairs() == std::vector<std::pair<std::string, std::string>>{{"a", "c"}, {"a", "d"}});
}

namespace {

// Brute force over every element: the bytes (offsets from address 0) a small view touches.
std::set<std::int64_t> bytes_of(const BufferFacts& f) {
  std::set<std::int64_t> bytes;
  for_each_element(f, [&](const std::vector<std::int64_t>&, std::int64_t offset) {
    for (std::int64_t b = 0; b < f.itemsize; ++b) bytes.insert(static_cast<std::int64_t>(f.address) + offset + b);
  });
  return bytes;
}

bool brute_share(const BufferFacts& a, const BufferFacts& b) {
  const auto bytes_a = bytes_of(a);
  for (std::int64_t byte : bytes_of(b))
    if (bytes_a.count(byte)) return true;
  return false;
}

// A random small view over addresses 1000..: zero, negative and overlapping strides included.
BufferFacts random_view(std::mt19937& random) {
  const int ndim = static_cast<int>(random() % 4);
  const std::int64_t itemsize = 1 + static_cast<std::int64_t>(random() % 6);
  std::vector<std::int64_t> shape, strides;
  for (int k = 0; k < ndim; ++k) {
    shape.push_back(static_cast<std::int64_t>(random() % 6));
    if (shape.back() == 0 && random() % 3 != 0) shape.back() = 1;  // keep most views non-empty
    strides.push_back(random() % 5 == 0 ? 0 : static_cast<std::int64_t>(random() % 25) - 12);
  }
  return view(1000 + random() % 40, itemsize, shape, strides);
}

// A view of 2**20 x 2**20 rows of the same 16 bytes: np.broadcast_to(np.zeros(16, np.uint8),
// (2**20, 2**20, 16)).
BufferFacts broadcast_rows(std::uintptr_t address) {
  return view(address, 1, {1 << 20, 1 << 20, 16}, {0, 0, 1});
}

}  // namespace

TEST_CASE("sharing, touching and hit tests agree with a brute force over every element") {
  std::mt19937 random(20260);
  for (int trial = 0; trial < 3000; ++trial) {
    const BufferFacts a = random_view(random), b = random_view(random);
    CAPTURE(trial);
    CHECK(views_share_bytes(a, b) == brute_share(a, b));
    const auto bytes = bytes_of(a);
    const std::uintptr_t lo = 995 + random() % 60, hi = lo + 1 + random() % 6;
    bool touched = false;
    for (std::uintptr_t x = lo; x < hi; ++x) touched = touched || bytes.count(static_cast<std::int64_t>(x));
    CHECK(view_touches_range(a, lo, hi) == touched);
    std::vector<std::int64_t> expected;
    std::int64_t flat = 0;
    for_each_element(a, [&](const std::vector<std::int64_t>&, std::int64_t offset) {
      const auto at = static_cast<std::int64_t>(a.address) + offset;
      if (at <= static_cast<std::int64_t>(lo) && static_cast<std::int64_t>(lo) < at + a.itemsize) expected.push_back(flat);
      ++flat;
    });
    CHECK(elements_containing(a, lo) == expected);
  }
}

TEST_CASE("a byte pattern folds zero strides, flips negative ones and merges what tiles") {
  const BytePattern broadcast = byte_pattern(broadcast_rows(0));
  CHECK(broadcast.base == 0);
  CHECK(broadcast.width == 16);
  CHECK(broadcast.dims.empty());
  // a[::-1, ::2] of a (4, 6) int32 array: rows 24 bytes apart, every other column.
  const BytePattern flipped = byte_pattern(view(72, 4, {4, 3}, {-24, 8}));
  CHECK(flipped.base == -72);  // relative to buf, which points at the last row
  CHECK(flipped.width == 4);
  REQUIRE(flipped.dims.size() == 1);  // 8 * 3 == 24: the rows continue the columns' progression
  CHECK(flipped.dims[0].count == 12);
  CHECK(flipped.dims[0].stride == 8);
  CHECK(byte_pattern(view(0, 4, {0, 3}, {0, 4})).empty);
}

TEST_CASE("huge and zero-stride views are solved on the strides, not walked") {
  // Each of these would take hours (or forever) element by element.
  const std::uintptr_t base = 0x100000;
  const BufferFacts rows = broadcast_rows(base);
  CHECK(rows.element_count() == std::int64_t{1} << 44);
  CHECK(footprint(rows).size() == 16);
  CHECK(views_share_bytes(rows, view(base, 1, {16}, {1})));
  CHECK(views_share_bytes(rows, view(base + 15, 1, {1}, {1})));
  CHECK_FALSE(views_share_bytes(rows, view(base + 16, 1, {16}, {1})));
  CHECK(view_touches_range(rows, base + 3, base + 4));
  // Two broadcasts of interleaved columns share nothing.
  const BufferFacts even = view(base, 1, {1 << 30, 1 << 30, 8}, {0, 0, 2});
  const BufferFacts odd = view(base + 1, 1, {1 << 30, 1 << 30, 8}, {0, 0, 2});
  CHECK_FALSE(views_share_bytes(even, odd));
  CHECK(views_share_bytes(even, view(base + 14, 1, {1 << 30}, {0})));

  // More elements than 64 bits count: the count saturates, the bytes are still known.
  const BufferFacts endless = view(base, 2, {std::int64_t{1} << 40, std::int64_t{1} << 40, 4}, {0, 0, 2});
  CHECK(endless.element_count() == INT64_MAX);
  CHECK_FALSE(endless.element_count_fits());
  CHECK(footprint(endless).size() == 8);
  CHECK(views_share_bytes(endless, view(base + 7, 1, {1}, {1})));
  CHECK_FALSE(views_share_bytes(endless, view(base + 8, 1, {1}, {1})));

  // Hit tests on the broadcast: at most `limit` elements, the first ones in C order.
  const auto hits = elements_containing(rows, base + 5, 100);
  REQUIRE(hits.size() == 100);
  for (std::size_t i = 0; i < hits.size(); ++i) CHECK(hits[i] == 5 + 16 * static_cast<std::int64_t>(i));
  // A window the view's bytes skip: the walk over 2**40 broadcast rows ends after one pass.
  const BufferFacts sparse = view(base, 1, {1 << 20, 1 << 20, 4}, {0, 0, 4});
  bool visited = false;
  CHECK(for_elements_in_range(sparse, base + 1, base + 4, [&](std::int64_t, std::int64_t) { return visited = true; }));
  CHECK_FALSE(visited);
  // A view that overlaps itself with no element on odd bytes: the walk gives up at its step
  // limit and says so, instead of trying 2**30 candidates.
  const BufferFacts parity = view(base, 1, {1 << 30, 1 << 30}, {6, 4});
  CHECK_FALSE(for_elements_in_range(parity, base + (std::int64_t{1} << 31) + 1, base + (std::int64_t{1} << 31) + 2,
                                    [&](std::int64_t, std::int64_t) { return visited = true; }));
  CHECK_FALSE(visited);
}

TEST_CASE("views too intricate for the step budget are answered exactly by the bitmap") {
  // 2**21 one-byte elements 4 bytes apart (even addresses) against 6 bytes apart from an odd
  // address: different strides and a million blocks, so the block-by-block walk gives up and
  // the bitmap decides.
  const std::int64_t count = std::int64_t{1} << 21;
  const BufferFacts a = view(0x1000, 1, {count}, {4});
  const BufferFacts b = view(0x1001, 1, {count * 4 / 6}, {6});
  CHECK_FALSE(views_share_bytes(a, b));
  // The same with a second row of b starting on a's last element.
  const BufferFacts b_plus = view(0x1001, 1, {2, count * 4 / 6}, {4 * (count - 1) - 1, 6});
  CHECK(views_share_bytes(a, b_plus));
}

TEST_CASE("views of one array with the same outer strides are solved shift by shift") {
  // a[:, 0::2] and a[:, 1::2] of a 4000 x 4000 float64 array: 8 million elements each.
  const std::int64_t row = 4000 * 8;
  const BufferFacts even = view(0x10000, 8, {4000, 2000}, {row, 16});
  const BufferFacts odd = view(0x10008, 8, {4000, 2000}, {row, 16});
  CHECK_FALSE(views_share_bytes(even, odd));
  CHECK(views_share_bytes(even, view(0x10000 + row * 3999 + 16 * 1999, 8, {4000, 2000}, {row, 16})));
  // a[::2, ::2] against a[1::2, ::2] and a[::-2, ::2] (the latter ends on row 3998: shares).
  const BufferFacts quarter = view(0x10000, 8, {2000, 2000}, {2 * row, 16});
  CHECK_FALSE(views_share_bytes(quarter, view(0x10000 + row, 8, {2000, 2000}, {2 * row, 16})));
  CHECK(views_share_bytes(quarter, view(0x10000 + row * 3998, 8, {2000, 2000}, {-2 * row, 16})));
  // Random pairs that share strides and differ in base and counts, against brute force.
  std::mt19937 random(88);
  for (int trial = 0; trial < 2000; ++trial) {
    BufferFacts x = random_view(random);
    BufferFacts y = x;
    y.address = x.address + random() % 30 - 15;
    for (auto& extent : y.shape) extent = std::max<std::int64_t>(1, extent + static_cast<std::int64_t>(random() % 3) - 1);
    CAPTURE(trial);
    CHECK(views_share_bytes(x, y) == brute_share(x, y));
  }
}

TEST_CASE("zero-length views neither extend nor split a region") {
  // ba = bytearray(32); z = memoryview(ba)[8:8]; t = memoryview(ba)[15:23]; e = memoryview(ba)[32:]
  Snapshot snapshot;
  auto add = [&](std::string name, BufferFacts facts) { add_object(snapshot, std::move(name), std::move(facts)); };
  add("ba", view(100, 1, {32}, {1}));
  add("z", view(108, 1, {0}, {1}));
  add("t", view(115, 1, {8}, {1}));
  add("e", view(132, 1, {0}, {1}));
  add("x", view(50, 1, {0}, {1}));
  group_into_regions(snapshot);
  REQUIRE(snapshot.regions.size() == 3);
  CHECK(snapshot.regions[0].address == 50);
  CHECK(snapshot.regions[0].size == 0);
  const Region& main = snapshot.regions[1];
  CHECK(main.address == 100);
  CHECK(main.size == 32);
  CHECK(main.objects.size() == 3);
  CHECK(snapshot.objects[2].region == 1);
  CHECK(snapshot.objects[2].offset == 15);
  CHECK(snapshot.objects[1].region == 1);  // z: listed where it points, at offset 8
  CHECK(snapshot.objects[1].offset == 8);
  CHECK(snapshot.regions[2].address == 132);  // e: one past the end, a region of its own
  CHECK(snapshot.regions[2].size == 0);
  CHECK(snapshot.objects[3].region == 2);
  for (std::size_t r = 0; r < snapshot.regions.size(); ++r) CHECK(snapshot.regions[r].id == static_cast<int>(r));
  CHECK(snapshot.shared_pairs() == std::vector<std::pair<std::string, std::string>>{{"ba", "t"}});
}

TEST_CASE("a snapshot of a broadcast view next to its base groups and shares without walking") {
  Snapshot snapshot;
  SnapshotObject base_object, rows_object;
  base_object.name = "z";
  base_object.facts = view(0x5000, 1, {16}, {1});
  rows_object.name = "b";
  rows_object.facts = broadcast_rows(0x5000);
  snapshot.objects = {base_object, rows_object};
  group_into_regions(snapshot);
  REQUIRE(snapshot.regions.size() == 1);
  CHECK(snapshot.regions[0].size == 16);
  CHECK(snapshot.shared_pairs() == std::vector<std::pair<std::string, std::string>>{{"b", "z"}});
}

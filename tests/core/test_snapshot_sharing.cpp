// Sharing in a snapshot is kept linear in the number of views and its pairs are made when asked
// for: checked against an all-pairs brute force, in the dump's JSON, and at 10,000 views.
#include <doctest/doctest.h>

#include <random>
#include <set>
#include <sstream>

#include "core/layout.h"
#include "core/snapshot.h"
#include "core/state_json.h"
#include "tests/support/facts_builder.h"

using namespace bufferlab;
using Json = nlohmann::ordered_json;

namespace {

constexpr auto view = bufferlab::testing::make_facts;

void add_object(Snapshot& snapshot, std::string name, BufferFacts facts) {
  SnapshotObject object;
  object.name = std::move(name);
  object.type_name = "memoryview";
  object.facts = std::move(facts);
  snapshot.objects.push_back(std::move(object));
}

// Every pair within a region that views_share_bytes, names sorted within each pair, sorted: what
// the snapshot stored before its pairs were made lazily.
std::vector<std::pair<std::string, std::string>> all_pairs(const Snapshot& snapshot) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (std::size_t i = 0; i < snapshot.objects.size(); ++i)
    for (std::size_t j = i + 1; j < snapshot.objects.size(); ++j) {
      const SnapshotObject &a = snapshot.objects[i], &b = snapshot.objects[j];
      if (a.region == b.region && views_share_bytes(a.facts, b.facts)) pairs.push_back(std::minmax(a.name, b.name));
    }
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

// A small random view over addresses 1000..1100: strided, reversed, broadcast (stride 0),
// zero-length, N-d; most of them overlap.
BufferFacts random_view(std::mt19937& random) {
  const int ndim = static_cast<int>(random() % 4);
  const std::int64_t itemsize = 1 + static_cast<std::int64_t>(random() % 4);
  std::vector<std::int64_t> shape, strides;
  for (int k = 0; k < ndim; ++k) {
    shape.push_back(static_cast<std::int64_t>(random() % 6));
    if (shape.back() == 0 && random() % 4 != 0) shape.back() = 1;
    strides.push_back(random() % 5 == 0 ? 0 : static_cast<std::int64_t>(random() % 25) - 12);
  }
  return view(1000 + random() % 100, itemsize, shape, strides);
}

// Reads memory in place at the facts' addresses (the test points them into `bytes`).
class InPlaceMemory : public MemoryProvider {
 public:
  explicit InPlaceMemory(const Snapshot& snapshot) : snapshot_(snapshot) {}
  std::optional<std::string> read_object(int index, const std::function<void(const std::uint8_t*)>& read) override {
    read(reinterpret_cast<const std::uint8_t*>(snapshot_.objects[static_cast<std::size_t>(index)].facts.address));
    return std::nullopt;
  }
  std::optional<std::string> read_region(int index, const std::function<void(const std::uint8_t*)>& read) override {
    read(reinterpret_cast<const std::uint8_t*>(snapshot_.regions[static_cast<std::size_t>(index)].address));
    return std::nullopt;
  }
  std::optional<std::string> write_object(int, std::int64_t, std::span<const std::uint8_t>) override {
    return "read-only";
  }

 private:
  const Snapshot& snapshot_;
};

}  // namespace

TEST_CASE("pairs made on demand equal an all-pairs brute force over random views") {
  std::mt19937 random(20261130);
  for (int round = 0; round < 300; ++round) {
    CAPTURE(round);
    Snapshot snapshot;
    const int count = 1 + static_cast<int>(random() % 24);
    for (int i = 0; i < count; ++i) {
      // Names out of index order, some sharing a prefix, so name order differs from index order.
      add_object(snapshot, std::string(1, static_cast<char>('a' + random() % 26)) + std::to_string(i),
                 random_view(random));
    }
    if (round % 3 == 0) add_object(snapshot, "far", view(5000 + random() % 8, 1, {4}, {1}));
    group_into_regions(snapshot);
    const auto expected = all_pairs(snapshot);
    CHECK(snapshot.shared_pairs() == expected);
    // sharing_with answers the same question for one view.
    for (std::size_t i = 0; i < snapshot.objects.size(); ++i) {
      std::vector<int> expected_with;
      for (std::size_t j = 0; j < snapshot.objects.size(); ++j)
        if (j != i && snapshot.objects[i].region == snapshot.objects[j].region &&
            views_share_bytes(snapshot.objects[i].facts, snapshot.objects[j].facts))
          expected_with.push_back(static_cast<int>(j));
      CHECK(snapshot.sharing_with(static_cast<int>(i)) == expected_with);
    }
  }
}

TEST_CASE("many views that mostly share: both ways of ordering candidates agree with brute force") {
  // memoryview(b)[i:] and [i::k]: the first name's candidates are many (marked and scanned) or
  // few (sorted), depending on how many views come after it in name order.
  Snapshot snapshot;
  for (int i = 0; i < 120; ++i) add_object(snapshot, "v" + std::to_string(i), view(4096 + i, 1, {256 - i}, {1}));
  for (int i = 0; i < 40; ++i) add_object(snapshot, "s" + std::to_string(i), view(4096 + i, 1, {8}, {7 + i % 3}));
  add_object(snapshot, "reversed", view(4096 + 255, 1, {256}, {-1}));
  add_object(snapshot, "broadcast", view(4096 + 17, 4, {1000, 3}, {0, 4}));
  add_object(snapshot, "empty", view(4096 + 9, 1, {0}, {1}));
  group_into_regions(snapshot);
  REQUIRE(snapshot.regions.size() == 1);
  CHECK(snapshot.shared_pairs() == all_pairs(snapshot));

  // Rows of an array: "a" straddles two of 100 rows, few among the many names after it (sorted).
  Snapshot rows;
  add_object(rows, "whole", view(8192, 1, {1000}, {1}));
  for (int i = 0; i < 100; ++i) add_object(rows, "r" + std::to_string(100 + i), view(8192 + 10 * i, 1, {10}, {1}));
  add_object(rows, "a", view(8192 + 505, 1, {10}, {1}));
  group_into_regions(rows);
  const auto pairs = rows.shared_pairs();
  CHECK(pairs == all_pairs(rows));
  CHECK(pairs.size() == 103);
  CHECK(pairs[0] == std::pair<std::string, std::string>{"a", "r150"});
  CHECK(pairs[1] == std::pair<std::string, std::string>{"a", "r151"});
  CHECK(pairs[2] == std::pair<std::string, std::string>{"a", "whole"});
}

TEST_CASE("two strided views in one region that touch no common byte are not a pair") {
  Snapshot snapshot;
  add_object(snapshot, "even", view(100, 1, {8}, {2}));
  add_object(snapshot, "odd", view(101, 1, {8}, {2}));
  add_object(snapshot, "all", view(100, 1, {4}, {1}));
  group_into_regions(snapshot);
  REQUIRE(snapshot.regions.size() == 1);
  CHECK(snapshot.shared_pairs() == std::vector<std::pair<std::string, std::string>>{{"all", "even"}, {"all", "odd"}});
  CHECK(snapshot.sharing_with(0) == std::vector<int>{2});
}

TEST_CASE("names are found through the index, as a scan would find them") {
  Snapshot snapshot;
  add_object(snapshot, "b", view(100, 1, {4}, {1}));
  add_object(snapshot, std::string("a\0b", 3), view(200, 1, {4}, {1}));
  add_object(snapshot, "a", view(300, 1, {4}, {1}));
  CHECK(snapshot.index_of("a") == 2);  // before grouping: a scan
  group_into_regions(snapshot);
  REQUIRE(snapshot.by_name.size() == 3);
  CHECK(snapshot.index_of("a") == 2);
  CHECK(snapshot.index_of(std::string("a\0b", 3)) == 1);
  CHECK(snapshot.index_of("b") == 0);
  CHECK(snapshot.index_of("c") == -1);
  CHECK(snapshot.index_of("") == -1);
  CHECK(snapshot.find("b") == &snapshot.objects[0]);
}

TEST_CASE("the dump's shared pairs are streamed in the layout the whole JSON value has") {
  std::vector<std::uint8_t> bytes(64);
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i);
  const auto base = reinterpret_cast<std::uintptr_t>(bytes.data());
  Snapshot snapshot;
  add_object(snapshot, "whole", view(base, 1, {64}, {1}));
  add_object(snapshot, "tail", view(base + 40, 1, {24}, {1}));
  add_object(snapshot, "even", view(base, 2, {8}, {4}));
  add_object(snapshot, "odd", view(base + 2, 2, {8}, {4}));
  add_object(snapshot, "quote\"d", view(base + 8, 4, {2, 2}, {16, 4}));
  add_object(snapshot, "alone", view(base + 1000, 1, {0}, {1}));
  group_into_regions(snapshot);
  InPlaceMemory memory(snapshot);
  std::ostringstream text;
  write_state_json(text, snapshot, memory);
  const Json parsed = Json::parse(text.str());
  CHECK(parsed.dump(1) + "\n" == text.str());
  Json expected = Json::array();
  for (const auto& [a, b] : all_pairs(snapshot)) expected.push_back({a, b});
  CHECK(parsed["shared"] == expected);
  CHECK(parsed["shared"].size() == 6);
  CHECK(parsed["regions"].size() == 2);

  Snapshot lonely;
  add_object(lonely, "x", view(base, 1, {4}, {1}));
  group_into_regions(lonely);
  InPlaceMemory lonely_memory(lonely);
  std::ostringstream lonely_text;
  write_state_json(lonely_text, lonely, lonely_memory);
  CHECK(lonely_text.str().find("\"shared\": [],") != std::string::npos);
  CHECK(Json::parse(lonely_text.str()).dump(1) + "\n" == lonely_text.str());
}

TEST_CASE("10,000 views of one buffer group with storage linear in their number") {
  // As memoryview(b)[i:] for i < 10,000: 50 million pairs share bytes, none of them stored.
  Snapshot snapshot;
  constexpr int kViews = 10'000;
  for (int i = 0; i < kViews; ++i)
    add_object(snapshot, "v" + std::to_string(i), view(std::uintptr_t{1} << 32 | static_cast<std::uintptr_t>(i), 1,
                                                         {(1 << 20) - i}, {1}));
  group_into_regions(snapshot);
  REQUIRE(snapshot.regions.size() == 1);
  const Region& region = snapshot.regions[0];
  CHECK(region.objects.size() == kViews);
  CHECK(region.with_bytes == kViews);
  CHECK(region.max_end.size() == kViews);
  CHECK(snapshot.by_name.size() == kViews);
  // One view's sharing is answered from the index, and a few pairs are made without the rest.
  CHECK(snapshot.sharing_with(snapshot.index_of("v9999")).size() == kViews - 1);
  int seen = 0;
  std::pair<std::string, std::string> first_pair;
  try {
    snapshot.for_each_shared_pair([&](int a, int b) {
      if (seen++ == 0) first_pair = {snapshot.objects[static_cast<std::size_t>(a)].name,
                                     snapshot.objects[static_cast<std::size_t>(b)].name};
      if (seen == 3) throw 0;  // stop early: the visitor decides how many are made
    });
  } catch (int) {
  }
  CHECK(seen == 3);
  CHECK(first_pair == std::pair<std::string, std::string>{"v0", "v1"});
}

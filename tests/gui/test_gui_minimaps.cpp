// Minimaps after cells: computed on the worker while it holds the GIL, merged in the frame that
// adopts the snapshot, they always equal a full recompute from the live bytes, and the texels a
// cell changed are marked for upload.
#include <doctest/doctest.h>

#include <random>

#include "tests/gui/test_gui_harness.h"

using namespace bufferlab;
using namespace bufferlab::testing;

namespace {

// Each region's minimap against one computed from scratch from the region's bytes now.
void check_minimaps_match_memory(GuiHarness& gui) {
  const AppState& state = gui.state();
  REQUIRE(state.minimaps.size() == state.snapshot.regions.size());
  for (const Region& region : state.snapshot.regions) {
    CAPTURE(region.size);
    auto kept = state.minimaps.find(region.address);
    REQUIRE(kept != state.minimaps.end());
    MinimapData full;
    full.reset(region.address, region.size);
    REQUIRE_FALSE(gui.session().read_region(region.id, [&](const std::uint8_t* base) { full.update(base, 0, region.size); }));
    CHECK(kept->second.size == full.size);
    CHECK(kept->second.bucket == full.bucket);
    CHECK(kept->second.texels == full.texels);
  }
}

const MinimapData& minimap_of(GuiHarness& gui, const std::string& name) {
  const SnapshotObject* object = gui.state().snapshot.find(name);
  REQUIRE(object);
  const Region& region = gui.state().snapshot.regions[static_cast<std::size_t>(object->region)];
  return gui.state().minimaps.at(region.address);
}

}  // namespace

TEST_CASE("minimaps after each cell equal a full recompute, and only changed texels are marked for upload") {
  GuiHarness gui;
  gui.submit("big = bytearray(range(256)) * 100_000\nsmall = bytearray(b'ab' * 1000)");
  check_minimaps_match_memory(gui);
  {
    const MinimapData& big = minimap_of(gui, "big");
    CHECK(big.dirty_begin == 0);  // new: every texel goes up
    CHECK(big.dirty_end == static_cast<std::int64_t>(big.texels.size()));
    big.dirty_begin = big.dirty_end = 0;  // as the GPU backend does once it has uploaded
  }

  // A cell that changes a few bytes in the middle of the big region and none of the small one.
  gui.submit("big[5_000_000:5_000_100] = b'\\xff' * 100");
  check_minimaps_match_memory(gui);
  {
    const MinimapData& big = minimap_of(gui, "big");
    const std::int64_t first = 5'000'000 / big.bucket, last = 5'000'099 / big.bucket;
    CHECK(big.dirty_begin <= first);
    CHECK(big.dirty_end >= last + 1);
    CHECK(big.dirty_end - big.dirty_begin <= last - first + 1);  // not the whole texture
    big.dirty_begin = big.dirty_end = 0;
  }

  // A cell that changes nothing marks nothing; one that replaces a name's memory gets a new minimap.
  gui.submit("x = 1");
  CHECK(minimap_of(gui, "big").dirty_end == 0);
  gui.submit("small = bytearray(b'\\x80' * 5000)");
  check_minimaps_match_memory(gui);
  CHECK(minimap_of(gui, "small").texels[0] == 0x80);

  // A cell that rewrites a whole megabyte and drops a name.
  gui.submit("big[0:1_000_000] = bytes(1_000_000)\ndel small");
  check_minimaps_match_memory(gui);
}

TEST_CASE("minimap bucket means are exact for large buckets (sixteen bytes at a time)") {
  const std::int64_t size = MinimapData::kMaxTexels * 101 + 7;  // buckets of 101 or 102 bytes
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  std::mt19937 random(11);
  for (auto& byte : bytes) byte = static_cast<std::uint8_t>(random());
  MinimapData data;
  data.reset(0x1000, size);
  REQUIRE(data.bucket > 64);
  data.update(bytes.data(), 0, size);
  const std::int64_t count = (size + data.bucket - 1) / data.bucket;
  for (std::int64_t t = 0; t < count; t += 997) {
    std::uint64_t sum = 0;
    const std::int64_t end = std::min(size, (t + 1) * data.bucket);
    for (std::int64_t i = t * data.bucket; i < end; ++i) sum += bytes[static_cast<std::size_t>(i)];
    CHECK(data.texels[static_cast<std::size_t>(t)] == static_cast<std::uint8_t>(sum / static_cast<std::uint64_t>(end - t * data.bucket)));
  }
}

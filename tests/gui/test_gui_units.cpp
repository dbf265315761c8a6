// Unit tests of the window's helpers that need no ImGui frame: the windowed element walk the
// byte grid and highlights rely on, splitter persistence, and the byte-preview text.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>

#include "core/elements_in_range.h"
#include "app/window/layout_settings.h"
#include "app/window/screenshot_folder.h"
#include "core/minimap_data.h"
#include "app/panes/sharing_pane.h"
#include "core/layout.h"
#include "tests/support/facts_builder.h"

namespace bufferlab {

namespace {

using bufferlab::testing::make_facts;

// The same answer by brute force over every element.
std::set<std::pair<std::int64_t, std::int64_t>> brute(const BufferFacts& f, std::uintptr_t begin, std::uintptr_t end) {
  std::set<std::pair<std::int64_t, std::int64_t>> found;
  std::int64_t flat = 0;
  for_each_element(f, [&](const std::vector<std::int64_t>&, std::int64_t offset) {
    const auto a = static_cast<std::uintptr_t>(static_cast<std::int64_t>(f.address) + offset);
    if (a < end && a + static_cast<std::uintptr_t>(f.itemsize) > begin) found.emplace(flat, offset);
    ++flat;
  });
  return found;
}

std::set<std::pair<std::int64_t, std::int64_t>> windowed(const BufferFacts& f, std::uintptr_t begin, std::uintptr_t end) {
  std::set<std::pair<std::int64_t, std::int64_t>> found;
  for_elements_in_range(f, begin, end, [&](std::int64_t flat, std::int64_t offset) {
    found.emplace(flat, offset);
    return true;
  });
  return found;
}

}  // namespace

TEST_CASE("the windowed walk finds exactly the elements touching the window") {
  const std::uintptr_t base = 0x10000;
  SUBCASE("strided, reversed, 2-D, transposed") {
    const BufferFacts cases[] = {
        make_facts(base, 1, {5}, {2}),               // mv[::2]
        make_facts(base + 9, 1, {10}, {-1}),         // mv[::-1]
        make_facts(base, 1, {2, 5}, {5, 1}),         // cast('B', shape=[2, 5])
        make_facts(base, 2, {3, 2}, {2, 6}),         // int16 (2, 3) transposed
        make_facts(base + 40, 4, {2, 3, 4}, {-48, 16, 4}),
    };
    for (const BufferFacts& f : cases) {
      const Extent extent = footprint(f);
      for (std::uintptr_t b = extent.begin - 3; b < extent.end + 3; ++b)
        for (std::uintptr_t e = b + 1; e < b + 6; ++e) CHECK(windowed(f, b, e) == brute(f, b, e));
    }
  }
  SUBCASE("random N-d views") {
    std::mt19937 random(1234);
    for (int trial = 0; trial < 300; ++trial) {
      const int ndim = 1 + static_cast<int>(random() % 3);
      const std::int64_t itemsize = 1 + static_cast<std::int64_t>(random() % 8);
      std::vector<std::int64_t> shape, strides;
      for (int k = 0; k < ndim; ++k) {
        shape.push_back(1 + static_cast<std::int64_t>(random() % 5));
        strides.push_back(static_cast<std::int64_t>(random() % 41) - 20);
      }
      const BufferFacts f = make_facts(base + 500, itemsize, shape, strides);
      const Extent extent = footprint(f);
      for (int w = 0; w < 10; ++w) {
        const std::uintptr_t b = extent.begin - 4 + random() % static_cast<std::uintptr_t>(extent.size() + 8);
        const std::uintptr_t e = b + 1 + random() % 12;
        CHECK(windowed(f, b, e) == brute(f, b, e));
      }
    }
  }
  SUBCASE("a window deep inside 100 MB visits only what it touches") {
    const BufferFacts f = make_facts(base, 1, {100'000'000}, {1});
    int visits = 0;
    for_elements_in_range(f, base + 99'999'990, base + 100'000'010, [&](std::int64_t flat, std::int64_t) {
      CHECK(flat >= 99'999'990);
      ++visits;
      return true;
    });
    CHECK(visits == 10);
  }
  SUBCASE("flat index helpers agree with the layout math") {
    const BufferFacts f = make_facts(base, 2, {3, 4}, {2, 6});
    for (std::int64_t flat = 0; flat < 12; ++flat) {
      const auto index = index_of_flat(f, flat);
      CHECK(offset_of_flat(f, flat) == element_byte_offset(f, index));
      CHECK(flatten_index(f, index) == flat);
    }
  }
}

TEST_CASE("splitter positions are saved and loaded per preset, and bad values leave the defaults") {
  const auto dir = std::filesystem::temp_directory_path() / "bufferlab-layout-test";
  std::filesystem::remove_all(dir);
  const std::string path = (dir / "sub" / "layout.ini").string();
  LayoutSettings saved;
  CHECK(saved.save(path));
  CHECK(std::filesystem::exists(path));
  {
    std::ifstream file(path);
    const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    CHECK(text.find("preset=") == std::string::npos);  // none chosen: the window picks by its room
  }  // none chosen: the window picks by its room
  saved.preset = LayoutPreset::Memory;
  saved.preset_chosen = true;
  saved.shares_of(LayoutPreset::Memory, 0).columns = {0.7f, 0.3f};
  saved.shares_of(LayoutPreset::Lesson, 1).rows[1] = {0.25f, 0.75f};
  saved.shares_of(LayoutPreset::All, 0).columns = {0.3f, 0.4f, 0.3f};
  saved.zoom = 2.0f;
  saved.light = true;
  REQUIRE(saved.save(path));
  LayoutSettings loaded;
  REQUIRE(loaded.load(path));
  CHECK(loaded.preset == LayoutPreset::Memory);
  CHECK(loaded.preset_chosen);
  CHECK(loaded.shares_of(LayoutPreset::Memory, 0).columns[0] == doctest::Approx(0.7f));
  CHECK(loaded.shares_of(LayoutPreset::Lesson, 1).rows[1][1] == doctest::Approx(0.75f));
  CHECK(loaded.shares_of(LayoutPreset::All, 0).columns[1] == doctest::Approx(0.4f));
  CHECK(loaded.shares_of(LayoutPreset::All, 1) == LayoutSettings{}.shares_of(LayoutPreset::All, 1));
  CHECK(loaded.zoom == doctest::Approx(2.0f));
  CHECK(loaded.light);

  SUBCASE("Reset layout gives one preset its defaults back") {
    loaded.reset_shares(LayoutPreset::Memory);
    CHECK(loaded.shares[1] == LayoutSettings{}.shares[1]);
    CHECK(loaded.shares_of(LayoutPreset::All, 0).columns[1] == doctest::Approx(0.4f));
  }
  SUBCASE("malformed lines leave the defaults, good lines still load") {
    {
      std::ofstream(path) << "preset=sideways\nall.3.columns=0.5 nonsense 0.2\nall.3.rows=0.5 0.5 | 0.5\n"
                          << "memory.2.columns=0.5 -1\nlesson.2.columns=0.4 0.6 0.1\nzoom=9\n"
                          << "memory.1.rows=2 1 1\n";
    }
    LayoutSettings clamped;
    REQUIRE(clamped.load(path));
    CHECK(clamped.preset == LayoutPreset::All);
    CHECK(clamped.shares_of(LayoutPreset::All, 0) == LayoutSettings{}.shares_of(LayoutPreset::All, 0));
    CHECK(clamped.shares_of(LayoutPreset::Memory, 0) == LayoutSettings{}.shares_of(LayoutPreset::Memory, 0));
    CHECK(clamped.shares_of(LayoutPreset::Lesson, 1) == LayoutSettings{}.shares_of(LayoutPreset::Lesson, 1));
    CHECK(clamped.shares_of(LayoutPreset::Memory, 1).rows[0] == std::vector<float>{2.0f, 1.0f, 1.0f});
    CHECK(clamped.zoom == LayoutSettings::kMaxZoom);
  }
  SUBCASE("a file from before the presets still loads, its splitters kept for all") {
    { std::ofstream(path) << "left=0.3\nlesson=0.5\nmiddle=0.5\nbottom=0.25\nlower=0.45\nzoom=1.5\nlight=1\n"; }
    LayoutSettings old;
    REQUIRE(old.load(path));
    CHECK(old.preset == LayoutPreset::All);
    CHECK_FALSE(old.preset_chosen);
    const PaneShares& all = old.shares_of(LayoutPreset::All, 0);
    CHECK(all.columns[0] == doctest::Approx(0.3f));
    CHECK(all.columns[1] == doctest::Approx(0.35f));
    CHECK(all.rows[0][0] == doctest::Approx(0.5f));
    CHECK(all.rows[1][1] == doctest::Approx(0.25f));
    CHECK(old.zoom == doctest::Approx(1.5f));
    CHECK(old.light);
  }
  CHECK_FALSE(LayoutSettings{}.load((dir / "missing.ini").string()));
  std::filesystem::remove_all(dir);
}

TEST_CASE("minimap texels are bucket means, and an edit refreshes only its bucket") {
  const std::int64_t size = 1'000'003;
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>((i * 7) % 251);
  MinimapData data;
  data.reset(0x1000, size);
  CHECK(data.bucket == 4);
  CHECK(data.texels.size() % MinimapData::kTextureWidth == 0);
  data.update(bytes.data(), 0, size);
  auto mean = [&](std::int64_t t) {
    std::uint64_t sum = 0;
    const std::int64_t end = std::min(size, (t + 1) * data.bucket);
    for (std::int64_t i = t * data.bucket; i < end; ++i) sum += bytes[static_cast<std::size_t>(i)];
    return static_cast<std::uint8_t>(sum / static_cast<std::uint64_t>(end - t * data.bucket));
  };
  for (std::int64_t t : {0, 1, 17, 1000, 123456, 250000}) CHECK(data.texels[static_cast<std::size_t>(t)] == mean(t));
  CHECK(data.texels[static_cast<std::size_t>((size - 1) / 4)] == mean((size - 1) / 4));  // the short last bucket

  data.dirty_begin = data.dirty_end = 0;
  bytes[500] = 255;
  data.update(bytes.data(), 500, 501);
  CHECK(data.dirty_begin == 125);
  CHECK(data.dirty_end == 126);
  CHECK(data.texels[125] == mean(125));
}

TEST_CASE("the sharing diagram previews bytes as Python writes them") {
  const std::uint8_t hello[] = {'H', 'i', '\'', 0, 0xff, '\n'};
  CHECK(bytes_preview(hello, 6, 6) == "b'Hi\\'\\x00\\xff\\n'");
  CHECK(bytes_preview(hello, 2, 6) == "b'Hi'...");
}

}  // namespace bufferlab

namespace bufferlab {

// F12 saves "to a sensible folder".
TEST_CASE("screenshots go to the pictures folder xdg-user-dirs names, else ~/Pictures, else home, never over another") {
  const auto home = std::filesystem::temp_directory_path() / "bufferlab-shot-folder-test";
  std::filesystem::remove_all(home);
  std::filesystem::create_directories(home / "config");
  const char* saved_home = std::getenv("HOME");
  const char* saved_config = std::getenv("XDG_CONFIG_HOME");
  const std::string old_home = saved_home ? saved_home : "", old_config = saved_config ? saved_config : "";
  setenv("HOME", home.c_str(), 1);
  setenv("XDG_CONFIG_HOME", (home / "config").c_str(), 1);
  unsetenv("XDG_PICTURES_DIR");
  CHECK(screenshot_folder() == home.string());
  std::filesystem::create_directories(home / "Pictures");
  CHECK(screenshot_folder() == (home / "Pictures").string());
  std::filesystem::create_directories(home / "Bilder");
  { std::ofstream(home / "config" / "user-dirs.dirs") << "# xdg-user-dirs\nXDG_PICTURES_DIR=\"$HOME/Bilder\"\n"; }
  CHECK(screenshot_folder() == (home / "Bilder").string());

  const std::time_t when = 1'700'000'000;
  const std::string first = screenshot_path(home.string(), when);
  CHECK(first.starts_with(home.string() + "/bufferlab-"));
  CHECK(first.ends_with(".png"));
  { std::ofstream(first) << "taken"; }
  const std::string second = screenshot_path(home.string(), when);
  CHECK(second != first);
  CHECK(second.ends_with("-2.png"));

  if (saved_home)
    setenv("HOME", old_home.c_str(), 1);
  else
    unsetenv("HOME");
  if (saved_config)
    setenv("XDG_CONFIG_HOME", old_config.c_str(), 1);
  else
    unsetenv("XDG_CONFIG_HOME");
  std::filesystem::remove_all(home);
}

}  // namespace bufferlab

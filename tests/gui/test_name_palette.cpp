// Names on screen together never share a colour: the model's slots (lowest free slot, kept while
// the name lives, all free again in a fresh namespace) and the themes' palettes (distinct for
// every slot a classroom reaches, and apart for protan, deutan and tritan vision).
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "app/controller/app_state.h"
#include "app/window/theme.h"
#include "tests/gui/headless_imgui.h"
#include "tests/support/facts_builder.h"

namespace bufferlab {

namespace {

using bufferlab::testing::make_facts;

void add_object(Snapshot& snapshot, const std::string& name, std::uintptr_t address) {
  SnapshotObject object;
  object.name = name;
  object.type_name = "bytearray";
  object.facts = make_facts(address, 1, {5}, {1});
  object.region = 0;
  snapshot.objects.push_back(object);
}

// A state whose snapshot holds `names`, all in one region, views rebuilt.
void show_names(AppState& state, const std::vector<std::string>& names) {
  state.snapshot = {};
  state.snapshot.regions.push_back({0, 0x1000, 5, {}});
  for (std::size_t i = 0; i < names.size(); ++i) {
    add_object(state.snapshot, names[i], 0x1000);
    state.snapshot.regions[0].objects.push_back(static_cast<int>(i));
  }
  state.rebuild_views();
}

Rgba colour_of(const AppState& state, const std::string& name) {
  return state.views[static_cast<std::size_t>(state.view_index(name))].colour;
}

// CIELAB of an sRGB colour as seen with a colour-vision deficiency: Machado, Oliveira and
// Fernandes (2009) full-severity matrices on linear RGB; identity for typical vision.
using Matrix = std::array<std::array<double, 3>, 3>;
constexpr Matrix kTypical{{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};
constexpr Matrix kProtan{
    {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}};
constexpr Matrix kDeutan{
    {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}};
constexpr Matrix kTritan{
    {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}}};

std::array<double, 3> seen_lab(Rgba colour, const Matrix& vision) {
  double linear[3];
  for (int c = 0; c < 3; ++c) {
    const double v = static_cast<double>((colour >> (8 * c)) & 0xFF) / 255.0;
    linear[c] = v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
  }
  double rgb[3];
  for (int r = 0; r < 3; ++r)
    rgb[r] = std::clamp(vision[r][0] * linear[0] + vision[r][1] * linear[1] + vision[r][2] * linear[2], 0.0, 1.0);
  const double x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047;
  const double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  const double z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883;
  auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
  return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

double distance(const std::array<double, 3>& a, const std::array<double, 3>& b) {
  return std::sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]));
}

}  // namespace

TEST_CASE("palette: a new name takes the lowest free slot, keeps it while it lives, frees it when it goes") {
  NamePalette palette;
  palette.assign({"buf", "mv"});
  CHECK(palette.slot_of("buf") == 0);
  CHECK(palette.slot_of("mv") == 1);
  palette.assign({"buf", "mv", "a"});
  CHECK(palette.slot_of("a") == 2);
  palette.assign({"mv", "a"});  // del buf
  CHECK(palette.slot_of("buf") == -1);
  CHECK(palette.slot_of("mv") == 1);
  CHECK(palette.slot_of("a") == 2);
  palette.assign({"mv", "a", "b"});  // the slot buf freed
  CHECK(palette.slot_of("b") == 0);
  palette.start_again();
  palette.assign({"a", "mv"});
  CHECK(palette.slot_of("a") == 0);
  CHECK(palette.slot_of("mv") == 1);
}

TEST_CASE("palette: names shown together have distinct colours, and a fresh namespace starts again") {
  testing::HeadlessImGui imgui;
  apply_theme(Theme::Light);
  AppState state;
  state.set_name_colours(theme_colours().names);
  // Lesson 9's names after ten earlier names came and went: they still start at the first colours.
  std::vector<std::string> many;
  for (int i = 0; i < 10; ++i) many.push_back("old" + std::to_string(i));
  show_names(state, many);
  show_names(state, {"buf", "mv"});
  CHECK(colour_of(state, "buf") != colour_of(state, "mv"));
  CHECK(colour_of(state, "buf") == theme_colours().names.base[0]);
  CHECK(colour_of(state, "mv") == theme_colours().names.base[1]);

  // A fresh namespace: the same names in another order take the first colours in that order.
  show_names(state, {"buf", "mv", "a"});
  state.palette.start_again();
  show_names(state, {"a", "buf"});
  CHECK(colour_of(state, "a") == theme_colours().names.base[0]);
  CHECK(colour_of(state, "buf") == theme_colours().names.base[1]);

  // Forty names at once: forty colours.
  std::vector<std::string> forty;
  for (int i = 0; i < 40; ++i) forty.push_back("n" + std::to_string(i));
  show_names(state, forty);
  std::set<Rgba> colours;
  for (const DisplayView& view : state.views) colours.insert(view.colour);
  CHECK(colours.size() == forty.size());

  // The theme changes: every name keeps its slot and takes the new theme's colour for it.
  const Rgba light_first = colour_of(state, "n0");
  apply_theme(Theme::Dark);
  state.set_name_colours(theme_colours().names);
  CHECK(colour_of(state, "n0") == theme_colours().names.base[0]);
  CHECK(colour_of(state, "n0") != light_first);
  CHECK(state.views[5].colour_slot == 5);
}

TEST_CASE("palette: each theme's colours are distinct for the first 32 rounds of the base") {
  testing::HeadlessImGui imgui;
  for (Theme theme : {Theme::Dark, Theme::Light}) {
    apply_theme(theme);
    const NameColours& names = theme_colours().names;
    REQUIRE(names.base.size() >= 6);
    const int slots = static_cast<int>(names.base.size()) * 32;
    std::set<Rgba> seen;
    for (int slot = 0; slot < slots; ++slot) seen.insert(name_colour(names, slot));
    CHECK(static_cast<int>(seen.size()) == slots);
  }
}

TEST_CASE("palette: the base colours stay apart for typical, protan, deutan and tritan vision") {
  testing::HeadlessImGui imgui;
  // CIELAB distance; about 10 is a difference seen at a glance on small swatches and text.
  constexpr double kMinimumDistance = 9.5;
  const std::pair<const char*, Matrix> visions[] = {
      {"typical", kTypical}, {"protan", kProtan}, {"deutan", kDeutan}, {"tritan", kTritan}};
  for (Theme theme : {Theme::Dark, Theme::Light}) {
    apply_theme(theme);
    const char* theme_name = theme == Theme::Dark ? "dark" : "light";
    const std::vector<Rgba>& base = theme_colours().names.base;
    for (const auto& [vision_name, vision] : visions)
      for (std::size_t i = 0; i < base.size(); ++i)
        for (std::size_t j = i + 1; j < base.size(); ++j) {
          const double apart = distance(seen_lab(base[i], vision), seen_lab(base[j], vision));
          INFO(theme_name, " theme, ", vision_name, " vision: colours ", i, " and ", j,
               " are ", apart, " apart");
          CHECK(apart >= kMinimumDistance);
        }
  }
}

}  // namespace bufferlab

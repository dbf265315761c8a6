// The layout presets (which panes show, in which columns) with their splitter positions, kept as
// shares so the layout follows window resizes, and the projector settings (font zoom, light or
// dark theme), saved in a small ini file in the user's config directory between runs.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace bufferlab {

// The panes, by what they show.
enum class PaneId { Lesson, Console, Memory, Views, Sharing, Inspector, DataInspector };
inline constexpr int kPaneCount = 7;
// As the pane's title line says it ("Py_buffer" for the inspector, "Data inspector" for the
// selected bytes read with every struct code).
const char* pane_title(PaneId pane);

// Layouts for the common moments of a class.
// Inspect: the grid and the data inspector side by side, for reading selected bytes.
enum class LayoutPreset { Lesson, Memory, All, Inspect };
inline constexpr int kPresetCount = 4;
const char* preset_name(LayoutPreset preset);  // "lesson", "memory", "all", "inspect": the ini's words

// Splitter positions of one arrangement: each column's share of the width and, in each column,
// each pane's share of the column's height. Shares are positive; only their ratios count.
struct PaneShares {
  std::vector<float> columns;
  std::vector<std::vector<float>> rows;
  bool operator==(const PaneShares&) const = default;
};

// Where a preset puts its panes: columns left to right, panes top to bottom in each.
struct Arrangement {
  std::vector<std::vector<PaneId>> columns;
  PaneShares defaults;
};

// A preset's arrangements, most columns first: a narrower window takes a later one, so panes
// stack instead of shrinking.
const std::vector<Arrangement>& preset_arrangements(LayoutPreset preset);

// Every arrangement's default shares, [preset][arrangement].
using LayoutShares = std::array<std::vector<PaneShares>, kPresetCount>;
LayoutShares default_layout_shares();

struct LayoutSettings {
  LayoutPreset preset = LayoutPreset::All;
  // Until a preset is chosen (keys, View menu, or a saved file), the window picks one by its
  // room: all six panes when they fit side by side, else the lesson's.
  bool preset_chosen = false;
  LayoutShares shares = default_layout_shares();
  float zoom = 1.0f;     // font size relative to the default for the window's height
  bool light = false;    // the light theme, for projecting on white walls

  static constexpr float kMinZoom = 0.7f;
  static constexpr float kMaxZoom = 2.2f;

  // $XDG_CONFIG_HOME/bufferlab/layout.ini, else ~/.config/bufferlab/layout.ini; empty when
  // neither can be found.
  static std::string default_path();

  // Missing or malformed files (or lines) leave the defaults; values are clamped to sane
  // ranges. A file from before the presets (left=, lesson=, middle=, bottom=) sets "all".
  bool load(const std::string& path);
  bool save(const std::string& path) const;
  void clamp();
  // One zoom step up (+1) or down (-1), or back to 1 (0).
  void step_zoom(int direction);
  // The splitters of one arrangement of a preset (index as in preset_arrangements()).
  PaneShares& shares_of(LayoutPreset of, std::size_t arrangement);
  const PaneShares& shares_of(LayoutPreset of, std::size_t arrangement) const;
  // "Reset layout": the preset's default splitters, in every arrangement.
  void reset_shares(LayoutPreset of);
  bool operator==(const LayoutSettings&) const = default;
};

}  // namespace bufferlab

// The presets' arrangements, and the settings read and written as "key=value" lines.
#include "app/window/layout_settings.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

namespace bufferlab {

namespace {

constexpr std::array<LayoutPreset, kPresetCount> kPresets = {LayoutPreset::Lesson, LayoutPreset::Memory,
                                                             LayoutPreset::All, LayoutPreset::Inspect};

// Numbers separated by spaces; nothing when one is not a positive finite number.
std::optional<std::vector<float>> parse_shares(const std::string& text) {
  std::istringstream in(text);
  std::vector<float> shares;
  std::string word;
  while (in >> word) {
    char* end = nullptr;
    const float value = std::strtof(word.c_str(), &end);
    if (end == word.c_str() || *end != '\0' || !std::isfinite(value) || value <= 0.0f) return std::nullopt;
    shares.push_back(value);
  }
  return shares;
}

std::string format_shares(const std::vector<float>& shares) {
  std::ostringstream out;
  for (std::size_t i = 0; i < shares.size(); ++i) out << (i ? " " : "") << shares[i];
  return out.str();
}

bool valid_shares(const std::vector<float>& shares, std::size_t count) {
  return shares.size() == count &&
         std::all_of(shares.begin(), shares.end(), [](float s) { return std::isfinite(s) && s > 0.0f; });
}

// The shares fit the arrangement: one per column, one per pane in each column.
bool fits(const PaneShares& shares, const Arrangement& arrangement) {
  if (!valid_shares(shares.columns, arrangement.columns.size()) || shares.rows.size() != arrangement.columns.size())
    return false;
  for (std::size_t c = 0; c < arrangement.columns.size(); ++c)
    if (!valid_shares(shares.rows[c], arrangement.columns[c].size())) return false;
  return true;
}

// "all.3.columns" and "all.3.rows": a preset's arrangement, named by its number of columns.
std::string shares_key(LayoutPreset preset, const Arrangement& arrangement, const char* what) {
  return std::string(preset_name(preset)) + "." + std::to_string(arrangement.columns.size()) + "." + what;
}

}  // namespace

const char* pane_title(PaneId pane) {
  switch (pane) {
    case PaneId::Lesson: return "Lesson";
    case PaneId::Console: return "Console";
    case PaneId::Memory: return "Memory";
    case PaneId::Views: return "Views";
    case PaneId::Sharing: return "Sharing";
    case PaneId::Inspector: return "Py_buffer";
    case PaneId::DataInspector: return "Data inspector";
  }
  return "";
}

const char* preset_name(LayoutPreset preset) {
  switch (preset) {
    case LayoutPreset::Lesson: return "lesson";
    case LayoutPreset::Memory: return "memory";
    case LayoutPreset::All: return "all";
    case LayoutPreset::Inspect: return "inspect";
  }
  return "";
}

const std::vector<Arrangement>& preset_arrangements(LayoutPreset preset) {
  using enum PaneId;
  // Lesson: the narration and the two pictures it talks about; the console under the lesson.
  static const std::vector<Arrangement> lesson = {
      {{{Lesson, Console}, {Memory}, {Views}}, {{0.34f, 0.37f, 0.29f}, {{0.64f, 0.36f}, {1.0f}, {1.0f}}}},
      {{{Lesson, Console}, {Memory, Views}}, {{0.46f, 0.54f}, {{0.62f, 0.38f}, {0.55f, 0.45f}}}},
  };
  // Memory: the grid as large as it gets, its views and the Py_buffer facts beside it.
  static const std::vector<Arrangement> memory = {
      {{{Memory}, {Views, Inspector}}, {{0.58f, 0.42f}, {{1.0f}, {0.6f, 0.4f}}}},
      {{{Memory, Views, Inspector}}, {{1.0f}, {{0.46f, 0.32f, 0.22f}}}},
  };
  // All: the six panes as before the presets; narrower, two columns of three.
  static const std::vector<Arrangement> all = {
      {{{Lesson, Console}, {Memory, Sharing}, {Views, Inspector}},
       {{0.36f, 0.33f, 0.31f}, {{0.6f, 0.4f}, {0.7f, 0.3f}, {0.7f, 0.3f}}}},
      {{{Lesson, Console, Sharing}, {Memory, Views, Inspector}},
       {{0.46f, 0.54f}, {{0.46f, 0.3f, 0.24f}, {0.4f, 0.34f, 0.26f}}}},
  };
  // Inspect: the grid where bytes are selected, their readings beside it, the views under the
  // grid (a row clicked there adds a "view as" card).
  static const std::vector<Arrangement> inspect = {
      {{{Memory, Views}, {DataInspector}}, {{0.5f, 0.5f}, {{0.6f, 0.4f}, {1.0f}}}},
      {{{Memory, DataInspector, Views}}, {{1.0f}, {{0.4f, 0.4f, 0.2f}}}},
  };
  switch (preset) {
    case LayoutPreset::Lesson: return lesson;
    case LayoutPreset::Memory: return memory;
    case LayoutPreset::Inspect: return inspect;
    case LayoutPreset::All: break;
  }
  return all;
}

LayoutShares default_layout_shares() {
  LayoutShares shares;
  for (LayoutPreset preset : kPresets)
    for (const Arrangement& arrangement : preset_arrangements(preset))
      shares[static_cast<std::size_t>(preset)].push_back(arrangement.defaults);
  return shares;
}

std::string LayoutSettings::default_path() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg) return std::string(xdg) + "/bufferlab/layout.ini";
  const char* home = std::getenv("HOME");
  if (home && *home) return std::string(home) + "/.config/bufferlab/layout.ini";
  return {};
}

const PaneShares& LayoutSettings::shares_of(LayoutPreset of, std::size_t arrangement) const {
  const std::vector<PaneShares>& of_preset = shares[static_cast<std::size_t>(of)];
  return of_preset.at(std::min(arrangement, of_preset.size() - 1));
}

PaneShares& LayoutSettings::shares_of(LayoutPreset of, std::size_t arrangement) {
  std::vector<PaneShares>& of_preset = shares[static_cast<std::size_t>(of)];
  return of_preset.at(std::min(arrangement, of_preset.size() - 1));
}

void LayoutSettings::reset_shares(LayoutPreset of) {
  shares[static_cast<std::size_t>(of)] = default_layout_shares()[static_cast<std::size_t>(of)];
}

void LayoutSettings::clamp() {
  // Shares that do not fit their arrangement go back to its defaults; how small a pane may get
  // is decided when placing, in font sizes, so no saved value can squeeze one.
  const LayoutShares defaults = default_layout_shares();
  for (LayoutPreset preset : kPresets) {
    const std::size_t p = static_cast<std::size_t>(preset);
    const std::vector<Arrangement>& arrangements = preset_arrangements(preset);
    if (shares[p].size() != arrangements.size()) shares[p] = defaults[p];
    for (std::size_t a = 0; a < arrangements.size(); ++a)
      if (!fits(shares[p][a], arrangements[a])) shares[p][a] = defaults[p][a];
  }
  if (static_cast<int>(preset) < 0 || static_cast<int>(preset) >= kPresetCount) preset = LayoutPreset::All;
  if (!std::isfinite(zoom)) zoom = 1.0f;
  zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
}

void LayoutSettings::step_zoom(int direction) {
  // Steps of about 12%: each lands on a different baked font size.
  if (direction == 0)
    zoom = 1.0f;
  else
    zoom *= direction > 0 ? 1.125f : 1.0f / 1.125f;
  if (std::fabs(zoom - 1.0f) < 0.03f) zoom = 1.0f;
  clamp();
}

bool LayoutSettings::load(const std::string& path) {
  if (path.empty()) return false;
  std::ifstream in(path);
  if (!in) return false;
  // The splitters of a file from before the presets, for "all" (fractions of the window).
  std::optional<float> old_left, old_lesson, old_middle, old_bottom;
  bool all_wide_saved = false;
  std::string line;
  while (std::getline(in, line)) {
    const auto equals = line.find('=');
    if (equals == std::string::npos || line.starts_with("#")) continue;
    const std::string key = line.substr(0, equals);
    const std::string text = line.substr(equals + 1);
    if (key == "preset") {
      for (LayoutPreset candidate : kPresets)
        if (text == preset_name(candidate)) {
          preset = candidate;
          preset_chosen = true;
        }
      continue;
    }
    bool shares_line = false;
    for (LayoutPreset candidate : kPresets) {
      const std::vector<Arrangement>& arrangements = preset_arrangements(candidate);
      for (std::size_t a = 0; a < arrangements.size(); ++a) {
        PaneShares& target = shares[static_cast<std::size_t>(candidate)][a];
        if (key == shares_key(candidate, arrangements[a], "columns")) {
          if (auto columns = parse_shares(text)) target.columns = *columns;
        } else if (key == shares_key(candidate, arrangements[a], "rows")) {
          std::vector<std::vector<float>> rows;
          std::istringstream columns(text);
          std::string column;
          while (std::getline(columns, column, '|')) {
            auto column_rows = parse_shares(column);
            if (!column_rows) break;
            rows.push_back(*column_rows);
          }
          target.rows = rows;  // checked against the arrangement in clamp()
        } else {
          continue;
        }
        shares_line = true;
        if (candidate == LayoutPreset::All && a == 0) all_wide_saved = true;
      }
    }
    if (shares_line) continue;
    float value = 0.0f;
    std::istringstream number(text);
    if (!(number >> value) || !std::isfinite(value)) continue;
    if (key == "left") old_left = value;
    else if (key == "lesson") old_lesson = value;
    else if (key == "middle") old_middle = value;
    else if (key == "bottom") old_bottom = value;
    else if (key == "zoom") zoom = value;
    else if (key == "light") light = value != 0.0f;
  }
  if (!all_wide_saved && (old_left || old_lesson || old_middle || old_bottom)) {
    auto fraction = [](std::optional<float> value, float fallback) {
      return std::clamp(value.value_or(fallback), 0.05f, 0.95f);
    };
    const float left = fraction(old_left, 0.36f), middle = fraction(old_middle, 0.52f);
    const float lesson = fraction(old_lesson, 0.6f), bottom = fraction(old_bottom, 0.3f);
    shares_of(LayoutPreset::All, 0) = {{left, (1.0f - left) * middle, (1.0f - left) * (1.0f - middle)},
                                       {{lesson, 1.0f - lesson}, {1.0f - bottom, bottom}, {1.0f - bottom, bottom}}};
  }
  clamp();
  return true;
}

bool LayoutSettings::save(const std::string& path) const {
  if (path.empty()) return false;
  std::error_code error;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), error);
  std::ofstream out(path);
  if (!out) return false;
  out << "# Buffer Lab layout: the preset shown; per preset and number of columns, each column's\n"
      << "# share of the width and each pane's share of its column (columns apart by |);\n"
      << "# font zoom and theme\n";
  if (preset_chosen) out << "preset=" << preset_name(preset) << "\n";
  for (LayoutPreset of : kPresets) {
    const std::vector<Arrangement>& arrangements = preset_arrangements(of);
    for (std::size_t a = 0; a < arrangements.size(); ++a) {
      const PaneShares& saved = shares[static_cast<std::size_t>(of)][a];
      out << shares_key(of, arrangements[a], "columns") << "=" << format_shares(saved.columns) << "\n"
          << shares_key(of, arrangements[a], "rows") << "=";
      for (std::size_t c = 0; c < saved.rows.size(); ++c) out << (c ? " | " : "") << format_shares(saved.rows[c]);
      out << "\n";
    }
  }
  out << "zoom=" << zoom << "\nlight=" << (light ? 1 : 0) << "\n";
  return static_cast<bool>(out);
}

}  // namespace bufferlab

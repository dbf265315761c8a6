// Reads and writes the splitter fractions and projector settings as "key=value" lines.
#include "app/window/layout_settings.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace bufferlab {

std::string LayoutSettings::default_path() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg) return std::string(xdg) + "/bufferlab/layout.ini";
  const char* home = std::getenv("HOME");
  if (home && *home) return std::string(home) + "/.config/bufferlab/layout.ini";
  return {};
}

void LayoutSettings::clamp() {
  left = std::clamp(left, 0.12f, 0.6f);
  middle = std::clamp(middle, 0.2f, 0.8f);
  bottom = std::clamp(bottom, 0.12f, 0.6f);
  lesson = std::clamp(lesson, 0.2f, 0.85f);
  lower = std::clamp(lower, 0.2f, 0.8f);
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
  std::string line;
  while (std::getline(in, line)) {
    const auto equals = line.find('=');
    if (equals == std::string::npos) continue;
    const std::string key = line.substr(0, equals);
    float value = 0.0f;
    std::istringstream number(line.substr(equals + 1));
    if (!(number >> value)) continue;
    if (key == "left") left = value;
    else if (key == "middle") middle = value;
    else if (key == "bottom") bottom = value;
    else if (key == "lesson") lesson = value;
    else if (key == "lower") lower = value;
    else if (key == "zoom") zoom = value;
    else if (key == "light") light = value != 0.0f;
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
  out << "# Buffer Lab splitter positions (fractions of the window), font zoom and theme\n"
      << "left=" << left << "\nlesson=" << lesson << "\nmiddle=" << middle << "\nbottom=" << bottom
      << "\nlower=" << lower << "\nzoom=" << zoom << "\nlight=" << (light ? 1 : 0) << "\n";
  return static_cast<bool>(out);
}

}  // namespace bufferlab

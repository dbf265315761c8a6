// The screenshot folder, read from XDG_PICTURES_DIR or ~/.config/user-dirs.dirs as
// xdg-user-dirs writes it: XDG_PICTURES_DIR="$HOME/Pictures".
#include "app/window/screenshot_folder.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace bufferlab {

namespace {

bool is_folder(const std::string& path) {
  std::error_code error;
  return !path.empty() && std::filesystem::is_directory(path, error);
}

// The pictures folder named in user-dirs.dirs, with $HOME expanded; empty when it names none.
std::string pictures_in_user_dirs(const std::string& home) {
  const char* config = std::getenv("XDG_CONFIG_HOME");
  const std::string dirs =
      (config && *config ? std::string(config) : home + "/.config") + "/user-dirs.dirs";
  std::ifstream in(dirs);
  std::string line;
  const std::string key = "XDG_PICTURES_DIR=";
  while (std::getline(in, line)) {
    if (line.rfind(key, 0) != 0) continue;
    std::string value = line.substr(key.size());
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (value.rfind("$HOME", 0) == 0) value = home + value.substr(5);
    return value;
  }
  return {};
}

}  // namespace

std::string screenshot_folder() {
  if (const char* pictures = std::getenv("XDG_PICTURES_DIR"); pictures && is_folder(pictures)) return pictures;
  const char* home_variable = std::getenv("HOME");
  const std::string home = home_variable ? home_variable : "";
  if (!home.empty()) {
    if (const std::string named = pictures_in_user_dirs(home); is_folder(named)) return named;
    if (is_folder(home + "/Pictures")) return home + "/Pictures";
    if (is_folder(home)) return home;
  }
  return ".";
}

std::string screenshot_path(const std::string& folder, std::time_t when) {
  std::tm local{};
  localtime_r(&when, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  const std::string stem = folder + "/bufferlab-" + stamp;
  std::string path = stem + ".png";
  std::error_code error;
  for (int n = 2; std::filesystem::exists(path, error) && n < 1000; ++n) path = stem + "-" + std::to_string(n) + ".png";
  return path;
}

}  // namespace bufferlab

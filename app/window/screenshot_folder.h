// Where F12 and File > Save screenshot put their PNGs: the desktop's pictures folder (as
// xdg-user-dirs names it), else ~/Pictures, else the home folder, else the current one. Named
// by the time, so one shot never replaces another.
#pragma once

#include <ctime>
#include <string>

namespace bufferlab {

// The folder, from the environment and the files it names; never empty.
std::string screenshot_folder();
// FOLDER/bufferlab-YYYYMMDD-HHMMSS.png for the local time `when` (with -2, -3... if taken).
std::string screenshot_path(const std::string& folder, std::time_t when);

}  // namespace bufferlab

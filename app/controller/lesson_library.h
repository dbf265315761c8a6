// The built-in lessons: found at run time relative to the executable, in PREFIX/share when
// installed and in the build tree's share/ (a link to assets/lessons) when run from a build.
#pragma once

#include <filesystem>
#include <vector>

#include "app/controller/app_state.h"

namespace bufferlab {

// <executable's directory>/../share/bufferlab/lessons, made canonical, when it holds lessons;
// empty otherwise.
std::filesystem::path lesson_directory_for(const std::filesystem::path& executable);

// lesson_directory_for() of the running program (/proc/self/exe).
std::filesystem::path find_lesson_directory();

// The lessons of a directory in order, with their titles (a file that does not load is listed
// under its file name, and says why when opened).
std::vector<LessonEntry> lesson_catalog(const std::filesystem::path& directory);

}  // namespace bufferlab

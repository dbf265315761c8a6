// The built-in lessons: found at run time next to the executable (an installed share/ tree or
// the source tree's assets/), the way fonts are looked up in a list of places.
#pragma once

#include <filesystem>
#include <vector>

#include "app/controller/app_state.h"

namespace bufferlab {

// The first existing directory of: <exe>/../share/bufferlab/lessons, <exe>/assets/lessons,
// <exe>/../assets/lessons, <exe>/../../assets/lessons, then the source tree's assets/lessons.
// Empty when none exists.
std::filesystem::path find_lesson_directory();

// The lessons of a directory in order, with their titles (a file that does not load is listed
// under its file name, and says why when opened).
std::vector<LessonEntry> lesson_catalog(const std::filesystem::path& directory);

}  // namespace bufferlab

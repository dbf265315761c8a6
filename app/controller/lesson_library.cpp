// Looks for the lesson directory relative to /proc/self/exe, then the source tree.
#include "app/controller/lesson_library.h"

#include "core/lesson/lesson.h"

namespace bufferlab {

std::filesystem::path find_lesson_directory() {
  std::vector<std::filesystem::path> candidates;
  std::error_code error;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const std::filesystem::path dir = exe.parent_path();
    candidates = {dir / "../share/bufferlab/lessons", dir / "assets/lessons", dir / "../assets/lessons",
                  dir / "../../assets/lessons"};
  }
#ifdef BUFFERLAB_SOURCE_DIR
  candidates.push_back(std::filesystem::path(BUFFERLAB_SOURCE_DIR) / "assets/lessons");
#endif
  for (const auto& candidate : candidates) {
    std::error_code missing;
    if (std::filesystem::is_directory(candidate, missing) && !list_lesson_files(candidate).empty())
      return std::filesystem::weakly_canonical(candidate, missing);
  }
  return {};
}

std::vector<LessonEntry> lesson_catalog(const std::filesystem::path& directory) {
  std::vector<LessonEntry> entries;
  if (directory.empty()) return entries;
  for (const auto& file : list_lesson_files(directory)) {
    const LessonLoad loaded = load_lesson(file);
    const auto* lesson = std::get_if<Lesson>(&loaded);
    entries.push_back({file.string(), lesson ? lesson->title : file.filename().string()});
  }
  return entries;
}

}  // namespace bufferlab

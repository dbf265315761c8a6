// Finds the built-in lessons relative to the running program (/proc/self/exe), never through a
// path compiled in: <exe>/../share/bufferlab/lessons holds both when installed (PREFIX/bin and
// PREFIX/share) and in a build tree (the build links share/bufferlab/lessons beside app/).
#include "app/controller/lesson_library.h"

#include "core/lesson/lesson.h"

namespace bufferlab {

std::filesystem::path lesson_directory_for(const std::filesystem::path& executable) {
  const std::filesystem::path candidate = executable.parent_path() / ".." / "share" / "bufferlab" / "lessons";
  std::error_code error;
  if (!std::filesystem::is_directory(candidate, error) || list_lesson_files(candidate).empty()) return {};
  return std::filesystem::weakly_canonical(candidate, error);
}

std::filesystem::path find_lesson_directory() {
  std::error_code error;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return {};
  return lesson_directory_for(exe);
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

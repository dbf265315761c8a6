// The built-in lessons are found relative to the program, in an installed prefix and in the build
// tree alike, never through a path compiled into it.
#include <doctest/doctest.h>

#include <filesystem>

#include "app/controller/lesson_library.h"
#include "tests/support/process_helpers.h"

namespace bufferlab::testing {

TEST_CASE("lessons are found in <exe>/../share/bufferlab/lessons of any prefix") {
  ScratchDir prefix;
  std::filesystem::create_directories(prefix.path() / "bin");
  std::filesystem::create_directories(prefix.path() / "share/bufferlab/lessons");
  const std::filesystem::path program = prefix.path() / "bin/bufferlab";
  // A directory without lessons is not a lesson directory.
  CHECK(lesson_directory_for(program).empty());
  write_file(prefix.path() / "share/bufferlab/lessons/01-first.md", "# First\n\n```python\nx = 1\n```\n");
  CHECK(lesson_directory_for(program) ==
        std::filesystem::canonical(prefix.path() / "share/bufferlab/lessons"));
  CHECK(lesson_catalog(lesson_directory_for(program)).size() == 1);
  // Nothing next to a program elsewhere.
  CHECK(lesson_directory_for(prefix.path() / "share/bufferlab/bufferlab").empty());
}

TEST_CASE("the program in a build tree finds the source tree's lessons through <build>/share") {
  CHECK(lesson_directory_for(BUFFERLAB_BINARY) ==
        std::filesystem::canonical(std::filesystem::path(BUFFERLAB_SOURCE_DIR) / "assets/lessons"));
}

}  // namespace bufferlab::testing

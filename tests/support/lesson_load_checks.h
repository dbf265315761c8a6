// Test helpers for lesson loading: the lesson a load must give, or the message it must fail with.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "core/lesson/lesson.h"

namespace bufferlab::testing {

inline Lesson require_lesson(const LessonLoad& loaded) {
  if (const auto* error = std::get_if<LessonError>(&loaded)) FAIL("unexpected LessonError: " << error->message);
  return std::get<Lesson>(loaded);
}

inline std::string require_error(const LessonLoad& loaded) {
  REQUIRE(std::holds_alternative<LessonError>(loaded));
  return std::get<LessonError>(loaded).message;
}

}  // namespace bufferlab::testing

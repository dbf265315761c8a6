// Test helpers for lessons in the headless window: open a lesson file, run its steps through
// one of them, find a step by its code.
#pragma once

#include <string>

#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {

inline void open_lesson_file(GuiHarness& h, const std::string& path) {
  REQUIRE(h.workbench().open_lesson(path, false));
  h.frame();
}

// Runs the code steps up to and including `index`, as --step does, until the last one ends.
inline void run_through(GuiHarness& h, int index) {
  h.workbench().run_lesson_through(index);
  h.frame();
  h.settle();
}

// The index of the first step whose code contains `text`.
inline int step_with(GuiHarness& h, const std::string& text) {
  const auto& steps = h.state().lesson.lesson->steps;
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (steps[i].code.find(text) != std::string::npos) return static_cast<int>(i);
  FAIL("no step with ", text);
  return -1;
}

}  // namespace bufferlab::testing

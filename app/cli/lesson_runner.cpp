// Headless lesson run: load, run every code step in a fresh session, judge each outcome.
#include "app/cli/lesson_runner.h"

#include <cstdio>
#include <string>
#include <variant>

#include "core/lesson/lesson.h"
#include "core/py/session.h"
#include "app/cli/interrupt_timer.h"
#include "app/cli/process_output.h"

namespace bufferlab {

int run_lesson_headless(const CliOptions& options) {
  if (!options.lesson) {
    std::fputs("bufferlab: --run-all needs --lesson FILE\n", stderr);
    return kExitUsage;
  }
  LessonLoad loaded = load_lesson(*options.lesson);
  if (const auto* error = std::get_if<LessonError>(&loaded)) {
    std::fprintf(stderr, "bufferlab: %s\n", error->message.c_str());
    return kExitUsage;
  }
  const Lesson& lesson = std::get<Lesson>(loaded);

  Interpreter interpreter;
  Session session;
  session.set_output_sink(write_to_process_streams);

  int exit_code = kExitOk;
  for (std::size_t index = 0; index < lesson.steps.size(); ++index) {
    const LessonStep& step = lesson.steps[index];
    if (!step.has_code()) continue;
    const CellResult result = [&] {
      InterruptTimer timer(session, options.timeout, "step " + std::to_string(index + 1));
      return session.run_cell(step.code);
    }();
    // Only verdicts go to stderr, never a header per step: stdout stays exactly the steps' own
    // output, so it can be compared with python3's.
    if (auto problem = step_outcome_problem(step, result.raised, result.error_type)) {
      std::fprintf(stderr, "bufferlab: step %zu (%s) %s\n", index + 1, step.location.c_str(),
                   problem->c_str());
      exit_code = kExitScriptRaised;
    } else if (result.raised) {
      std::fprintf(stderr, "bufferlab: step %zu (%s) raised %s, as the lesson expects\n", index + 1,
                   step.location.c_str(), step.expected_error.c_str());
    }
    std::fflush(stderr);
  }
  return exit_code;
}

}  // namespace bufferlab

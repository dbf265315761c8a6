// Headless lesson run: load, run every code step in a fresh session, judge each outcome.
#include "app/cli/lesson_runner.h"

#include <cstdio>
#include <string>
#include <variant>

#include "app/controller/session_notebook.h"
#include "core/lesson/lesson.h"
#include "core/lesson/notebook_export.h"
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
  std::vector<NotebookCell> notebook;  // --export-notebook: each step as run
  for (std::size_t index = 0; index < lesson.steps.size(); ++index) {
    const LessonStep& step = lesson.steps[index];
    if (!step.has_code()) continue;
    const CellResult result = [&] {
      InterruptTimer timer(session, options.timeout, "step " + std::to_string(index + 1));
      return session.run_cell(step.code);
    }();
    if (options.export_notebook) {
      NotebookCell cell;
      cell.code = step.code;
      cell.execution_count = static_cast<int>(notebook.size()) + 1;
      cell.narration = notebook_narration(lesson, static_cast<int>(index));
      add_step_extras(cell, step);
      record_cell_result(cell, result);
      notebook.push_back(std::move(cell));
    }
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
  if (options.export_notebook) {
    // The narration after the last code step closes the notebook.
    if (!lesson.steps.empty() && !lesson.steps.back().has_code()) {
      NotebookCell closing;
      closing.narration = notebook_narration(lesson, static_cast<int>(lesson.steps.size()) - 1);
      notebook.push_back(std::move(closing));
    }
    if (auto error = write_notebook_file(*options.export_notebook, notebook)) {
      std::fprintf(stderr, "bufferlab: %s\n", error->c_str());
      return kExitUsage;
    }
  }
  return exit_code;
}

}  // namespace bufferlab

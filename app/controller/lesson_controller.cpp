// The lesson on show: steps, runs and their outcomes, queues, highlighted byte ranges.
#include "app/controller/lesson_controller.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace bufferlab {

bool LessonController::open(const std::string& path, bool fresh_namespace) {
  LessonLoad loaded = load_lesson(path);
  if (auto* error = std::get_if<LessonError>(&loaded)) {
    // The lesson on show stays; the message goes where the teacher looks, and to stderr.
    state_.lesson.load_error = error->message;
    std::fprintf(stderr, "bufferlab: %s\n", error->message.c_str());
    return false;
  }
  LessonState& lesson = state_.lesson;
  lesson.lesson = std::move(std::get<Lesson>(loaded));
  lesson.load_error.clear();
  restart(fresh_namespace ? "# lesson: " + lesson.lesson->title + " (a fresh namespace)\n" : std::string());
  return true;
}

void LessonController::restart(const std::string& note) {
  LessonState& lesson = state_.lesson;
  ++lesson.generation;
  lesson.step = 0;
  lesson.running_step = -1;
  lesson.runs.assign(static_cast<std::size_t>(lesson.step_count()), std::nullopt);
  queue_.clear();
  queue_target_ = -1;
  pending_range_.reset();
  state_.clear_lesson_marks();
  if (note.empty()) return;
  state_.append_transcript(TranscriptLine::Kind::Info, note);
  state_.console_input.drop_open_block();
  state_.reinterpretations.clear();
  runner_.restart_namespace();
}

void LessonController::go_to_step(int step) {
  LessonState& lesson = state_.lesson;
  if (!lesson.lesson || step < 0 || step >= lesson.step_count() || step == lesson.step) return;
  lesson.step = step;
  state_.clear_lesson_marks();  // marks belong to the step that made them
}

void LessonController::run_step(int step, const std::string& code) {
  queue_.clear();
  queue_target_ = -1;
  start_step(step, code);
}

void LessonController::start_step(int step, const std::string& code) {
  LessonState& lesson = state_.lesson;
  if (state_.cell_running || !lesson.lesson || step < 0 || step >= lesson.step_count()) return;
  go_to_step(step);
  state_.clear_lesson_marks();
  if (code.find_first_not_of(" \t\r\n") == std::string::npos) return;
  // The console's path: an open block there would swallow the step, so it is dropped first.
  state_.console_input.drop_open_block();
  state_.append_transcript(TranscriptLine::Kind::Info,
                           "# step " + std::to_string(step + 1) + " of " + std::to_string(lesson.step_count()) + "\n");
  state_.append_transcript(TranscriptLine::Kind::Input, echo_with_prompts(code, false));
  state_.console_input.remember(code);
  CellExtras extras;
  extras.tag = step;
  if (const auto& highlight = lesson.lesson->steps[static_cast<std::size_t>(step)].highlight)
    extras.evaluate_after = {highlight->start, highlight->stop};
  lesson.running_step = step;
  runner_.start_cell(code, std::move(extras));
}

void LessonController::run_through(int step) {
  const LessonState& lesson = state_.lesson;
  if (!lesson.lesson) return;
  step = std::clamp(step, 0, lesson.step_count() - 1);
  for (int i = 0; i <= step; ++i)
    if (lesson.lesson->steps[static_cast<std::size_t>(i)].has_code()) queue_.push_back(i);
  queue_target_ = step;
  run_next_queued();
}

void LessonController::run_next_queued() {
  if (state_.cell_running) return;
  if (queue_.empty()) {
    if (queue_target_ >= 0) go_to_step(std::exchange(queue_target_, -1));
    return;
  }
  const int step = queue_.front();
  queue_.pop_front();
  start_step(step, state_.lesson.lesson->steps[static_cast<std::size_t>(step)].code);
}

void LessonController::finish_step(const PythonWorker::Finished& finished) {
  LessonState& lesson = state_.lesson;
  const int step = finished.tag;
  lesson.running_step = -1;
  // A step of a lesson since closed or restarted has nothing to report.
  if (!lesson.lesson || step < 0 || step >= lesson.step_count() ||
      static_cast<int>(lesson.runs.size()) != lesson.step_count())
    return;
  const LessonStep& lesson_step = lesson.lesson->steps[static_cast<std::size_t>(step)];
  LessonStepRun run;
  run.raised = finished.result.raised;
  run.error_type = finished.result.error_type;
  run.problem = step_outcome_problem(lesson_step, run.raised, run.error_type);
  run.output = finished.result.stdout_text() + finished.result.stderr_text();
  if (lesson_step.bars) run.bars = read_lesson_bars(*lesson_step.bars, finished.result.stdout_text());
  lesson.runs[static_cast<std::size_t>(step)] = std::move(run);
  step_finished_ = true;
  if (lesson_step.highlight) pending_range_ = PendingRange{step, finished.evaluated};
}

void LessonController::after_snapshot() {
  if (pending_range_) {
    show_range(pending_range_->step, pending_range_->evaluated);
    pending_range_.reset();
  }
  run_next_queued();
}

// The highlight directive's range: bytes [start, stop) of the name's buffer, once the snapshot
// after the step is in place.
void LessonController::show_range(int step, const std::vector<std::variant<std::int64_t, std::string>>& evaluated) {
  LessonState& lesson = state_.lesson;
  if (!lesson.lesson || step < 0 || step >= lesson.step_count() || !lesson.runs[static_cast<std::size_t>(step)]) return;
  const LessonHighlight& highlight = *lesson.lesson->steps[static_cast<std::size_t>(step)].highlight;
  std::string& note = lesson.runs[static_cast<std::size_t>(step)]->highlight_note;
  if (evaluated.size() != 2) return;
  for (const auto& value : evaluated)
    if (const auto* why = std::get_if<std::string>(&value)) {
      note = "nothing marked: " + *why;
      return;
    }
  const std::int64_t start = std::get<std::int64_t>(evaluated[0]), stop = std::get<std::int64_t>(evaluated[1]);
  int view = -1;
  for (std::size_t v = 0; v < state_.views.size(); ++v)
    if (state_.views[v].name == highlight.name && !state_.views[v].is_reinterpretation()) view = static_cast<int>(v);
  if (view < 0) {
    note = "nothing marked: '" + highlight.name + "' is not a name that exports a buffer";
    return;
  }
  const DisplayView& shown = state_.views[static_cast<std::size_t>(view)];
  const std::int64_t begin = std::max<std::int64_t>(start, 0), end = std::min(stop, shown.facts.len);
  if (begin >= end) {
    note = "nothing marked: [" + std::to_string(start) + ", " + std::to_string(stop) + ") is outside " +
           highlight.name + "'s " + std::to_string(shown.facts.len) + " bytes";
    return;
  }
  state_.lesson_range = LessonByteRange{shown.region, shown.facts.address + static_cast<std::uintptr_t>(begin),
                                        shown.facts.address + static_cast<std::uintptr_t>(end),
                                        highlight.name + "[" + std::to_string(start) + ":" + std::to_string(stop) + "]"};
}

}  // namespace bufferlab

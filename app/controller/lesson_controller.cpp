// The lesson on show: steps, runs and their outcomes, queues, highlighted byte ranges.
#include "app/controller/lesson_controller.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <utility>

namespace bufferlab {
namespace {

constexpr const char* kRestartNote = "# restarted: a fresh namespace, back to step 1\n";

std::string joined_names(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

// The same file, however the two paths spell it.
bool same_file(const std::string& a, const std::string& b) {
  std::error_code error;
  return a == b || std::filesystem::equivalent(a, b, error);
}

}  // namespace

bool LessonController::open(const std::string& path, bool fresh_namespace, const std::vector<std::string>& keep) {
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
  std::string note;
  if (fresh_namespace)
    note = "# lesson: " + lesson.lesson->title +
           (keep.empty() ? " (a fresh namespace)\n" : " (a fresh namespace but for " + joined_names(keep) + ")\n");
  restart(note, keep);
  return true;
}

void LessonController::restart(const std::string& note, const std::vector<std::string>& keep) {
  LessonState& lesson = state_.lesson;
  ++lesson.generation;
  lesson.step = 0;
  lesson.running_step = -1;
  lesson.runs.assign(static_cast<std::size_t>(lesson.step_count()), std::nullopt);
  flow_ = {};
  flow_.run_counts.assign(static_cast<std::size_t>(lesson.step_count()), 0);
  queue_.clear();
  queue_target_ = -1;
  pending_range_.reset();
  state_.clear_lesson_marks();
  if (note.empty()) return;
  state_.append_transcript(TranscriptLine::Kind::Info, note);
  state_.console_input.drop_open_block();
  state_.reinterpretations.clear();
  forget_names(keep);
  runner_.restart_namespace(keep);
}

void LessonController::forget_names(const std::vector<std::string>& keep) {
  ran_names_ = {keep.begin(), keep.end()};
  typed_names_ = {keep.begin(), keep.end()};  // still the teacher's: asked about next time
}

WipeQuestion LessonController::wipe_question(std::string action, const Lesson& lesson) const {
  WipeQuestion question{std::move(action), {}, {}, {typed_names_.begin(), typed_names_.end()}};
  std::set<std::string> lesson_names;
  for (const LessonStep& step : lesson.steps) {
    const CodeNames names = scan_code_names(step.code);
    lesson_names.insert(names.reads.begin(), names.reads.end());
    lesson_names.insert(names.assigns.begin(), names.assigns.end());
  }
  question.can_keep = std::none_of(question.names.begin(), question.names.end(),
                                   [&](const std::string& name) { return lesson_names.contains(name); });
  return question;
}

void LessonController::note_console_cell(const std::string& source) {
  const CodeNames names = scan_code_names(source);
  for (const std::string& name : names.deletes) {  // gone: nothing left to forget
    ran_names_.erase(name);
    typed_names_.erase(name);
  }
  for (const std::string& name : names.assigns) {
    ran_names_.insert(name);
    typed_names_.insert(name);
  }
}

void LessonController::say(const std::string& text) {
  if (flow_.note == text) return;  // a clicker pressed again says nothing new
  flow_.note = text;
  state_.append_transcript(TranscriptLine::Kind::Info, "# " + text + "\n");
}

void LessonController::request_restart() {
  if (!state_.lesson.lesson) return;
  if (typed_names_.empty()) return restart(kRestartNote);
  flow_.question = wipe_question("Restart", *state_.lesson.lesson);
}

bool LessonController::request_open(const std::string& path, const std::string& announce) {
  if (typed_names_.empty()) {
    if (!open(path, true)) return false;
    if (!announce.empty()) say(announce);
    return true;
  }
  // Asked only about a lesson that loads: a broken file says so at once and forgets nothing.
  LessonLoad loaded = load_lesson(path);
  if (auto* error = std::get_if<LessonError>(&loaded)) {
    state_.lesson.load_error = error->message;
    return false;
  }
  const Lesson& lesson = std::get<Lesson>(loaded);
  flow_.question = wipe_question("Open " + lesson.title, lesson);
  flow_.question->path = path;
  flow_.question->announce = announce;
  return true;
}

void LessonController::answer_question(WipeAnswer answer) {
  if (!flow_.question) return;
  const WipeQuestion question = *std::exchange(flow_.question, std::nullopt);
  if (answer == WipeAnswer::Cancel) return;
  std::vector<std::string> keep;
  if (answer == WipeAnswer::Keep && question.can_keep) keep = question.names;
  if (question.path.empty())
    return restart(keep.empty() ? kRestartNote
                                : "# restarted: a fresh namespace but for " + joined_names(keep) + ", back to step 1\n",
                   keep);
  if (open(question.path, true, keep) && !question.announce.empty()) say(question.announce);
}

void LessonController::go_past_last_step() {
  const LessonState& lesson = state_.lesson;
  if (!lesson.lesson || lesson.step + 1 < lesson.step_count()) return;
  const auto& catalog = lesson.catalog;
  const auto here = std::find_if(catalog.begin(), catalog.end(),
                                 [&](const LessonEntry& entry) { return same_file(entry.path, lesson.lesson->source_path); });
  if (here == catalog.end()) return say("no next lesson: this one was opened from a file, not from the built-in lessons");
  if (here + 1 == catalog.end())
    return say("the course is done: that was the last of the " + std::to_string(catalog.size()) + " built-in lessons");
  const LessonEntry next = *(here + 1);  // a copy: opening replaces the lesson state
  request_open(next.path, "next lesson: " + next.title);
}

void LessonController::go_to_step(int step) {
  LessonState& lesson = state_.lesson;
  if (!lesson.lesson || step < 0 || step >= lesson.step_count() || step == lesson.step) return;
  lesson.step = step;
  flow_.note.clear();
  flow_.offer.reset();
  state_.clear_lesson_marks();  // marks belong to the step that made them
}

void LessonController::run_step(int step, const std::string& code) {
  queue_.clear();
  queue_target_ = -1;
  if (state_.cell_running) return;
  if (auto offer = earlier_steps_needed(step, code)) {
    go_to_step(step);
    flow_.offer = std::move(offer);
    return;
  }
  start_step(step, code);
}

void LessonController::run_earlier_steps() {
  if (!flow_.offer || state_.cell_running) return;
  const EarlierStepsOffer offer = *std::exchange(flow_.offer, std::nullopt);
  queue_.clear();
  for (int earlier : offer.steps) queue_.push_back({earlier, state_.lesson.lesson->steps[static_cast<std::size_t>(earlier)].code});
  queue_.push_back({offer.step, offer.code});
  queue_target_ = offer.step;
  run_next_queued();
}

// Which names the code reads that nothing run so far has assigned (by the scan) and no listed
// name holds, and which earlier steps, not run, assign them (or the names those read in turn):
// the steps not run from the first of them on. A name the scan misses ends in Python's
// NameError, as before; a name it wrongly thinks missing only costs an offer the teacher can
// decline.
std::optional<EarlierStepsOffer> LessonController::earlier_steps_needed(int step, const std::string& code) const {
  const LessonState& lesson = state_.lesson;
  if (!lesson.lesson || step <= 0 || step >= lesson.step_count()) return std::nullopt;
  std::set<std::string> present = ran_names_;
  for (const SnapshotObject& object : state_.snapshot.objects) present.insert(object.name);
  for (const NotShownName& entry : state_.snapshot.not_shown) present.insert(entry.name);
  std::set<std::string> needed;
  for (const std::string& name : scan_code_names(code).reads)
    if (!present.contains(name)) needed.insert(name);
  EarlierStepsOffer offer{step, code, {}, {}};
  for (int earlier = step - 1; earlier >= 0 && !needed.empty(); --earlier) {
    const LessonStep& candidate = lesson.lesson->steps[static_cast<std::size_t>(earlier)];
    if (!candidate.has_code() || lesson.runs[static_cast<std::size_t>(earlier)]) continue;
    const CodeNames names = scan_code_names(candidate.code);
    bool provides = false;
    for (const std::string& name : names.assigns)
      if (needed.erase(name)) {
        provides = true;
        offer.names.insert(offer.names.begin(), name);
      }
    if (!provides) continue;
    offer.steps.insert(offer.steps.begin(), earlier);
    for (const std::string& name : names.reads)
      if (!present.contains(name)) needed.insert(name);
  }
  if (offer.steps.empty()) return std::nullopt;
  // The steps before this one, from the first that is needed: those between may change what the
  // names hold (lesson 5's byteswap), so they run too, as the lesson has them.
  const int first = offer.steps.front();
  offer.steps.clear();
  for (int earlier = first; earlier < step; ++earlier)
    if (lesson.lesson->steps[static_cast<std::size_t>(earlier)].has_code() && !lesson.runs[static_cast<std::size_t>(earlier)])
      offer.steps.push_back(earlier);
  return offer;
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
  for (const std::string& name : scan_code_names(code).assigns) ran_names_.insert(name);
  runner_.start_cell(code, std::move(extras));
}

void LessonController::run_through(int step) {
  const LessonState& lesson = state_.lesson;
  if (!lesson.lesson) return;
  step = std::clamp(step, 0, lesson.step_count() - 1);
  for (int i = 0; i <= step; ++i)
    if (lesson.lesson->steps[static_cast<std::size_t>(i)].has_code())
      queue_.push_back({i, lesson.lesson->steps[static_cast<std::size_t>(i)].code});
  queue_target_ = step;
  run_next_queued();
}

void LessonController::run_next_queued() {
  if (state_.cell_running) return;
  if (queue_.empty()) {
    if (queue_target_ >= 0) go_to_step(std::exchange(queue_target_, -1));
    return;
  }
  const QueuedStep next = std::move(queue_.front());
  queue_.pop_front();
  start_step(next.step, next.code);
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
  if (static_cast<std::size_t>(step) < flow_.run_counts.size()) ++flow_.run_counts[static_cast<std::size_t>(step)];
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

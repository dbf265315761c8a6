// The cell-running thread: one job at a time, output streamed under a mutex.
#include "app/controller/python_worker.h"

#include <chrono>
#include <cstdlib>
#include <stdexcept>

namespace bufferlab {

namespace {

// Drops the front of `output` until at most `limit` bytes remain, cutting after a newline so
// the tail starts with a whole line; returns the bytes dropped.
std::size_t drop_output_front(std::vector<OutputChunk>& output, std::size_t total, std::size_t limit) {
  std::size_t drop = total > limit ? total - limit : 0;
  std::size_t dropped = 0, chunks_gone = 0;
  while (drop > 0 && chunks_gone < output.size()) {
    std::string& text = output[chunks_gone].text;
    if (drop >= text.size()) {
      drop -= text.size();
      dropped += text.size();
      ++chunks_gone;
      continue;
    }
    const std::size_t newline = text.find('\n', drop - 1);
    const std::size_t cut = newline == std::string::npos ? text.size() : newline + 1;
    text.erase(0, cut);
    dropped += cut;
    drop = 0;
    if (text.empty()) ++chunks_gone;
  }
  output.erase(output.begin(), output.begin() + static_cast<std::ptrdiff_t>(chunks_gone));
  return dropped;
}

}  // namespace

PythonRuntime start_python() {
  PythonRuntime runtime;
  runtime.interpreter = std::make_unique<Interpreter>();
  runtime.session = std::make_unique<Session>();
  return runtime;
}

PythonWorker::PythonWorker(Session& session) {
  attach_output(session);
  session_ = &session;
  thread_ = std::thread([this] { loop(); });
}

PythonWorker::PythonWorker(PythonStarter starter) : starter_(std::move(starter)) {
  // The Start job counts as work from now: the GUI sees the worker busy until it is taken.
  ++outstanding_;
  in_flight_ = 1;
}

void PythonWorker::begin() {
  if (!starter_) return;
  thread_ = std::thread([this, starter = std::exchange(starter_, nullptr)] {
    start(starter);
    loop();
  });
}

// On the worker's thread, before any job: a failure is the Start job's result, never a throw.
void PythonWorker::start(const PythonStarter& starter) {
  Finished finished;
  finished.kind = JobKind::Start;
  try {
    PythonRuntime runtime = starter();
    if (!runtime.session) throw std::runtime_error("no session");
    attach_output(*runtime.session);
    std::lock_guard lock(mutex_);
    runtime_ = std::move(runtime);
    session_ = runtime_.session.get();
  } catch (const std::exception& error) {
    finished.result.raised = true;
    finished.result.error_type = "PythonNotStarted";
    finished.result.output.push_back({OutputChunk::Stream::Err, error.what()});
  }
  {
    std::lock_guard lock(mutex_);
    finished_.push_back(std::move(finished));
    --in_flight_;
    wake_gui();
  }
  done_.notify_all();
}

void PythonWorker::set_wake(std::function<void()> wake) {
  std::lock_guard lock(mutex_);
  gui_wake_ = std::move(wake);
  wake_posted_ = false;
}

void PythonWorker::wake_gui() {
  if (gui_wake_ && !std::exchange(wake_posted_, true)) gui_wake_();
}

void PythonWorker::attach_output(Session& session) {
  session.set_output_sink([this](const OutputChunk& chunk) {
    std::lock_guard lock(mutex_);
    output_bytes_ += chunk.text.size();
    if (!output_.empty() && output_.back().stream == chunk.stream)
      output_.back().text += chunk.text;
    else
      output_.push_back(chunk);
    // Trimmed in halves, so a flood of small writes costs amortised constant time each.
    if (output_bytes_ > kOutputLimit) {
      const std::size_t dropped = drop_output_front(output_, output_bytes_, kOutputLimit / 2);
      output_bytes_ -= dropped;
      output_dropped_ += dropped;
    }
    wake_gui();
  });
}

PythonWorker::~PythonWorker() {
  if (!stop(5.0)) {
    // A cell that swallows KeyboardInterrupt forever: the thread cannot be joined, and the
    // interpreter cannot be finalised under it. Leave without tearing anything down.
    std::_Exit(0);
  }
}

bool PythonWorker::stop(double seconds) {
  if (!thread_.joinable()) return true;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  wake_.notify_all();
  // Interrupt repeatedly: the first request can land before the cell has started.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (true) {
    if (Session* session = session_.load()) session->interrupt();
    std::unique_lock lock(mutex_);
    if (done_.wait_for(lock, std::chrono::milliseconds(100), [&] { return exited_; })) break;
    if (std::chrono::steady_clock::now() > deadline) return false;
  }
  thread_.join();
  if (Session* session = session_.load()) session->set_output_sink(nullptr);
  return true;
}

void PythonWorker::run_cell(std::string source, CellExtras extras) {
  push({std::move(source), JobKind::Cell, std::move(extras), {}});
}

void PythonWorker::run_file(std::string path) { push({std::move(path), JobKind::File, {}, {}}); }

void PythonWorker::reset_namespace(std::vector<std::string> keep) {
  push({{}, JobKind::ResetNamespace, {}, std::move(keep)});
}

void PythonWorker::complete(std::string text_before_cursor) {
  push({std::move(text_before_cursor), JobKind::Complete, {}, {}});
}

void PythonWorker::push(Job job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
    ++in_flight_;
  }
  ++outstanding_;
  wake_.notify_one();
}

void PythonWorker::interrupt() {
  if (!working()) return;
  if (!interrupted_at_) interrupted_at_ = std::chrono::steady_clock::now();
  // Before the cell has started, the session has nothing to interrupt: remember the request
  // and deliver it once the cell runs (poll()).
  Session* session = session_.load();
  if (session && session->busy())
    session->interrupt();
  else
    interrupt_pending_ = true;
}

bool PythonWorker::take_stuck_notice(double seconds) {
  if (!interrupted_at_ || stuck_noticed_ || !working()) return false;
  if (std::chrono::steady_clock::now() - *interrupted_at_ < std::chrono::duration<double>(seconds))
    return false;
  stuck_noticed_ = true;
  return true;
}

void PythonWorker::poll() {
  if (!working()) {
    interrupt_pending_ = false;
    interrupted_at_.reset();
    stuck_noticed_ = false;
  } else if (Session* session = session_.load(); interrupt_pending_ && session && session->busy()) {
    session->interrupt();
    interrupt_pending_ = false;
  }
}

std::vector<OutputChunk> PythonWorker::take_output() {
  std::lock_guard lock(mutex_);
  std::vector<OutputChunk> taken = std::exchange(output_, {});
  output_bytes_ = 0;
  wake_posted_ = false;
  if (const std::size_t dropped = std::exchange(output_dropped_, 0))
    taken.insert(taken.begin(), OutputChunk{OutputChunk::Stream::Err,
                                            "[" + std::to_string(dropped) +
                                                " bytes of output dropped: too much to keep]\n"});
  return taken;
}

std::optional<PythonWorker::Finished> PythonWorker::take_finished() {
  std::lock_guard lock(mutex_);
  wake_posted_ = false;
  if (finished_.empty()) return std::nullopt;
  Finished finished = std::move(finished_.front());
  finished_.pop_front();
  --outstanding_;
  interrupted_at_.reset();  // a request for the next cell starts afresh
  stuck_noticed_ = false;
  interrupt_pending_ = false;
  return finished;
}

bool PythonWorker::wait_idle(double seconds) {
  std::unique_lock lock(mutex_);
  return done_.wait_for(lock, std::chrono::duration<double>(seconds),
                        [&] { return in_flight_ == 0; });
}

void PythonWorker::loop() {
  while (true) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (stopping_) {
        exited_ = true;
        done_.notify_all();
        return;
      }
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    Finished finished;
    finished.kind = job.kind;
    finished.tag = job.extras.tag;
    Session* session = session_.load();
    try {
      if (!session) {
        // Python did not start (the Start job said why): nothing runs.
        finished.result.raised = true;
        finished.result.error_type = "PythonNotStarted";
      } else {
        switch (job.kind) {
          case JobKind::Cell: finished.result = session->run_cell(job.text); break;
          case JobKind::File: finished.result = session->run_file(job.text); break;
          case JobKind::ResetNamespace: session->reset_namespace(job.keep); break;
          case JobKind::Complete: finished.completion = session->complete(job.text); break;
          case JobKind::Start: break;
        }
        if (finished.result.error_type != "KeyboardInterrupt")
          for (const std::string& expression : job.extras.evaluate_after)
            finished.evaluated.push_back(session->evaluate_index(expression));
      }
    } catch (const std::exception& error) {
      finished.result.raised = true;
      finished.result.error_type = "InternalError";
      std::lock_guard lock(mutex_);
      output_.push_back(
          {OutputChunk::Stream::Err, std::string("internal error: ") + error.what() + "\n"});
    }
    {
      std::lock_guard lock(mutex_);
      finished_.push_back(std::move(finished));
      --in_flight_;
      wake_gui();
    }
    done_.notify_all();
  }
}

}  // namespace bufferlab

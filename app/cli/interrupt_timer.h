// --timeout: interrupts a running script or lesson step after so many seconds, exactly as Stop
// does (KeyboardInterrupt in the cell; the run then goes on as after one).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/py/session.h"

namespace bufferlab {

// Alive for one run: after `seconds` (none: never) interrupts `session`, with a note on stderr
// naming `what`. Destroying it cancels the timer.
class InterruptTimer {
 public:
  InterruptTimer(Session& session, std::optional<double> seconds, std::string what) {
    if (!seconds) return;
    thread_ = std::thread([this, &session, seconds = *seconds, what = std::move(what)] {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, std::chrono::duration<double>(seconds), [&] { return cancelled_; }))
        return;
      // The run may not have begun yet (a tiny timeout): interrupt as soon as it has.
      while (!session.busy())
        if (wake_.wait_for(lock, std::chrono::milliseconds(20), [&] { return cancelled_; })) return;
      std::fprintf(stderr, "bufferlab: --timeout: %s still running after %g s; interrupting it\n",
                   what.c_str(), seconds);
      std::fflush(stderr);
      session.interrupt();
    });
  }
  ~InterruptTimer() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      cancelled_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  InterruptTimer(const InterruptTimer&) = delete;
  InterruptTimer& operator=(const InterruptTimer&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool cancelled_ = false;
  std::thread thread_;
};

}  // namespace bufferlab

// An Xvfb of our own for the tests that open the real window: the server picks a free display
// number and reports it on a pipe, so tests run side by side and need no display of the host.
// A server left to pick its own number (-displayfd alone) tries the taken ones on its way and
// can break a running server's socket, so the tests choose a number with no lock file, one
// test at a time under a lock of their own, and the server refuses a number already in use
// before it touches any socket. A server whose display a client cannot open is replaced.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

namespace bufferlab::testing {

class VirtualDisplay {
 public:
  VirtualDisplay() {
    const std::string lock_path = (std::filesystem::temp_directory_path() / "bufferlab-tests-xvfb.lock").string();
    const int lock = open(lock_path.c_str(), O_CREAT | O_RDWR, 0666);
    if (lock >= 0) flock(lock, LOCK_EX);
    for (int attempt = 0; attempt < 3 && display_.empty(); ++attempt) {
      start();
      if (!display_.empty() && !accepts_clients()) stop();
    }
    if (lock >= 0) close(lock);  // and with it the lock
  }
  ~VirtualDisplay() { stop(); }
  VirtualDisplay(const VirtualDisplay&) = delete;
  VirtualDisplay& operator=(const VirtualDisplay&) = delete;
  const std::string& display() const { return display_; }

 private:
  void start() {
    for (int number = kFirstNumber; number < kFirstNumber + 200 && display_.empty(); ++number) {
      std::error_code error;
      if (std::filesystem::exists("/tmp/.X" + std::to_string(number) + "-lock", error)) continue;
      start_on(number);
    }
  }

  // Starts Xvfb on display `number`; display_ is set once it is ready, left empty when it exits.
  void start_on(int number) {
    int fds[2];
    if (pipe(fds) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      close(fds[0]);
      const int devnull = open("/dev/null", O_RDWR);
      dup2(devnull, 1);
      dup2(devnull, 2);
      const std::string display = ":" + std::to_string(number), fd = std::to_string(fds[1]);
      execlp("Xvfb", "Xvfb", display.c_str(), "-displayfd", fd.c_str(), "-screen", "0", "1920x1080x24", "-nolisten",
             "tcp", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    std::string reported;
    char c;
    // Blocks until the server is ready (or exits, closing the pipe).
    while (read(fds[0], &c, 1) == 1 && c != '\n') reported += c;
    close(fds[0]);
    if (!reported.empty()) {
      display_ = ":" + reported;
    } else {
      waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

  // Whether an X client can open the display (xdotool is one the window tests use anyway),
  // trying for a few seconds.
  bool accepts_clients() const {
    const std::string probe = "DISPLAY=" + display_ + " xdotool getdisplaygeometry >/dev/null 2>&1";
    for (int i = 0; i < 50; ++i) {
      if (std::system(probe.c_str()) == 0) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  void stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
    display_.clear();
  }

  static constexpr int kFirstNumber = 20;
  pid_t pid_ = -1;
  std::string display_;
};

}  // namespace bufferlab::testing

// Interrupts, signals and output as python3 has them: Stop breaks blocking calls, a script's own
// SIGINT raises KeyboardInterrupt, a late interrupt never reaches the next cell, output written
// outside a cell reaches the session's sink, a cell's kept output is bounded, hooks and paths
// behave as in python3.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <future>
#include <mutex>
#include <regex>
#include <string>
#include <thread>

#include "tests/support/process_helpers.h"
#include "tests/support/python_fixture.h"

using namespace bufferlab;
using namespace bufferlab::testing;

namespace {

constexpr auto kBoundedWait = std::chrono::seconds(20);  // generous: a slow shared machine

// Runs `source` on a thread, interrupts it once it runs, and returns its result; fails the test
// (and leaves the thread behind) when the cell does not stop within kBoundedWait.
std::optional<CellResult> run_and_interrupt(Session& session, const std::string& source) {
  auto result = std::async(std::launch::async, [&] { return session.run_cell(source); });
  const auto began = std::chrono::steady_clock::now();
  while (!session.busy() && std::chrono::steady_clock::now() - began < kBoundedWait)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // into the blocking call
  const auto interrupted = std::chrono::steady_clock::now();
  session.interrupt();
  if (result.wait_for(kBoundedWait) != std::future_status::ready) {
    FAIL_CHECK("the cell did not stop: " << source);
    new auto(std::move(result));  // never joined: the test binary must still be able to end
    return std::nullopt;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - interrupted).count();
  MESSAGE("stopped " << seconds << " s after the interrupt: " << source);  // a figure, not a check
  return result.get();
}

// doctest puts a SIGINT handler of its own in place for each test case; in the app SIGINT's is
// Python's, so put that back for tests of a real SIGINT.
void use_pythons_sigint_handler(Session& session) {
  REQUIRE_FALSE(session.run_cell("import signal\nsignal.signal(signal.SIGINT, signal.default_int_handler)").raised);
}

}  // namespace

TEST_CASE("Stop breaks blocking calls as Ctrl+C does in python3, and the names survive") {
  ensure_interpreter();
  Session session;
  session.run_cell("survivor = bytearray(b'ok')");
  const char* blocking[] = {
      "import time\ntime.sleep(30)",
      "import threading\nthreading.Event().wait(30)",
      "import threading\nthreading.Event().wait()",
      "import threading\nlock = threading.Lock()\nlock.acquire()\nlock.acquire()",
      "import select, socket\na, b = socket.socketpair()\nselect.select([a], [], [], 30)",
      "import socket\na, b = socket.socketpair()\na.recv(10)",
      "import os\nr, w = os.pipe()\nos.read(r, 1)",
      "import queue\nqueue.Queue().get()",
      "while True: pass",
  };
  for (const char* source : blocking) {
    auto result = run_and_interrupt(session, source);
    if (!result) continue;
    CHECK_MESSAGE(result->error_type == "KeyboardInterrupt", source);
    CHECK(result->stderr_text().find("KeyboardInterrupt") != std::string::npos);
    CHECK(session.run_cell("survivor").stdout_text() == "bytearray(b'ok')\n");
  }
}

TEST_CASE("an interrupt that arrives as a cell ends does not reach the next cell") {
  ensure_interpreter();
  Session session;
  for (int round = 0; round < 20; ++round) {
    auto result = std::async(std::launch::async, [&] { return session.run_cell("x = sum(range(20000))"); });
    while (result.wait_for(std::chrono::microseconds(200)) != std::future_status::ready) session.interrupt();
    result.get();
    session.interrupt();  // nothing runs now: no effect
    CHECK_FALSE(session.run_cell("import time\ntime.sleep(0.01)\ny = 1").raised);
  }
}

TEST_CASE("a cell that sends itself SIGINT gets KeyboardInterrupt, as python3 does") {
  ensure_interpreter();
  Session session;
  use_pythons_sigint_handler(session);
  auto result = session.run_cell("import os, signal\nos.kill(os.getpid(), signal.SIGINT)\nimport time\ntime.sleep(30)");
  CHECK(result.error_type == "KeyboardInterrupt");
  result = session.run_cell("import signal\nsignal.raise_signal(signal.SIGINT)");
  CHECK(result.error_type == "KeyboardInterrupt");
  // A handler of the user's own runs instead, as in python3.
  result = session.run_cell(
      "import os, signal\nhits = []\nold = signal.signal(signal.SIGINT, lambda *a: hits.append(1))\n"
      "os.kill(os.getpid(), signal.SIGINT)\nimport time\ntime.sleep(0.05)\nsignal.signal(signal.SIGINT, old)\nlen(hits)");
  CHECK_FALSE(result.raised);
  CHECK(result.stdout_text() == "1\n");
  CHECK_FALSE(session.run_cell("2").raised);
}

TEST_CASE("output written while no cell runs goes to the session's sink, in order") {
  ensure_interpreter();
  Session session;
  std::mutex mutex;
  std::string seen;
  session.set_output_sink([&](const OutputChunk& chunk) {
    std::lock_guard lock(mutex);
    seen += chunk.text;
  });
  session.run_cell(
      "import threading, time\nstarted = threading.Event()\n"
      "def late():\n    started.wait()\n    time.sleep(0.2)\n    print('late one')\n    print('late two')\n"
      "t = threading.Thread(target=late)\nt.start()\nprint('cell')");
  session.run_cell("started.set()");
  const auto began = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - began < kBoundedWait) {
    {
      std::lock_guard lock(mutex);
      if (seen.find("late two\n") != std::string::npos) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  {
    std::lock_guard lock(mutex);
    CHECK(seen == "cell\nlate one\nlate two\n");
  }
  // A __del__ that runs between cells (the last reference dropped by a thread).
  session.run_cell(
      "t.join()\nclass Noisy:\n    def __del__(self):\n        print('deleted')\nn = Noisy()\n"
      "threading.Timer(0.2, globals().pop, ['n']).start()");
  const auto deleting = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - deleting < kBoundedWait) {
    {
      std::lock_guard lock(mutex);
      if (seen.find("deleted\n") != std::string::npos) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  {
    std::lock_guard lock(mutex);
    CHECK(seen == "cell\nlate one\nlate two\ndeleted\n");
  }
  session.set_output_sink(nullptr);
}

TEST_CASE("a cell's kept output is a bounded tail of whole lines, with a count of the rest") {
  ensure_interpreter();
  Session session;
  const auto result = session.run_cell("for i in range(400000):\n    print('line', i, 'x' * 40)");
  std::size_t kept = 0;
  for (const auto& chunk : result.output) kept += chunk.text.size();
  CHECK(kept <= 2 * CellResult::kOutputKept);
  CHECK(result.dropped_bytes > 0);
  const std::string text = result.stdout_text();
  CHECK(text.rfind("line ", 0) == 0);  // starts at a line start
  CHECK(text.find("line 399999 ") != std::string::npos);
  std::size_t total = 0;
  for (int i = 0; i < 400000; ++i) total += std::to_string(i).size() + 47;  // 'line ', i, ' ', 40 x, newline
  CHECK(kept + result.dropped_bytes == total);
}

TEST_CASE("a raising sys.excepthook prints both exceptions, as python3 does") {
  ensure_interpreter();
  Session session;
  const auto result = session.run_cell(
      "import sys\ndef hook(*args):\n    raise RuntimeError('hook broke')\nsys.excepthook = hook\n"
      "raise ValueError('original')");
  CHECK(result.error_type == "ValueError");
  const std::string err = result.stderr_text();
  CHECK(err.rfind("Error in sys.excepthook:\nTraceback (most recent call last):\n", 0) == 0);
  CHECK(err.find("RuntimeError: hook broke\n\nOriginal exception was:\nTraceback") != std::string::npos);
  CHECK(err.find("ValueError: original\n") != std::string::npos);
  CHECK(err.find("bufferlab-support") == std::string::npos);
  session.run_cell("sys.excepthook = sys.__excepthook__");
}

TEST_CASE("sys.stdout.buffer writes bytes in order with the text") {
  ensure_interpreter();
  Session session;
  const auto result = session.run_cell(
      "import sys\nprint('a')\nsys.stdout.buffer.write(b'b\\n')\nsys.stdout.buffer.flush()\n"
      "sys.stderr.buffer.write(bytearray(b'e\\n'))\nprint('c')");
  CHECK_FALSE(result.raised);
  CHECK(result.stdout_text() == "a\nb\nc\n");
  CHECK(result.stderr_text() == "e\n");
}

TEST_CASE("a file's traceback shows the path python3 shows: absolute, from the working directory") {
  ensure_interpreter();
  ScratchDir scratch;
  write_file(scratch / "raiser.py", "import sys\nprint(sys.argv[0] == 'raiser.py', __file__)\ndef f():\n    raise ValueError(1)\nf()\n");
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(scratch.path());
  Session session;
  const auto result = session.run_file("raiser.py");
  std::filesystem::current_path(previous);
  const std::string path = (std::filesystem::canonical(scratch.path()) / "raiser.py").string();
  CHECK(result.stdout_text() == "True " + path + "\n");
  CHECK(result.stderr_text().find("  File \"" + path + "\", line 5, in <module>\n") != std::string::npos);
}

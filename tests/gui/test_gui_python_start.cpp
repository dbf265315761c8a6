// The window opens before Python: the workbench starts it on its worker, and what is typed
// meanwhile waits and runs, in order, once it is ready; a failed start is reported, and closing
// while it starts neither hangs nor crashes.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {
namespace {

const ImVec2 kDisplay(1280, 720);

// Holds the start back until the test lets it go.
struct StartGate {
  std::mutex mutex;
  std::condition_variable opened;
  bool open = false;
  void release() {
    {
      std::lock_guard lock(mutex);
      open = true;
    }
    opened.notify_all();
  }
  void wait() {
    std::unique_lock lock(mutex);
    opened.wait(lock, [&] { return open; });
  }
};

// The test binary's interpreter and a session in it, as start_python() makes the window's.
PythonRuntime start_test_python() {
  ensure_interpreter();
  PythonRuntime runtime;
  runtime.session = std::make_unique<Session>();
  return runtime;
}

void enter_line(GuiHarness& h, const std::string& text) {
  h.type(text);
  h.press(kKeyEnter);
  h.frame();
  h.frame();
}

}  // namespace

TEST_CASE("console input typed while Python starts runs once it is ready, in order, with its output") {
  auto gate = std::make_shared<StartGate>();
  GuiHarness h([gate] {
    gate->wait();
    return start_test_python();
  }, kDisplay);
  h.workbench().begin_python();
  h.frame();
  CHECK(h.state().python_starting);
  CHECK(h.state().memory == nullptr);  // nothing reads a session that is not there
  CHECK(h.transcript().find("Python is starting...") != std::string::npos);

  enter_line(h, "x = 6 * 7");
  enter_line(h, "for i in range(2):");
  enter_line(h, "    print(i, x)");
  enter_line(h, "");
  enter_line(h, "print(x + 1)");
  for (int i = 0; i < 5; ++i) h.frame();
  CHECK(h.state().python_starting);
  CHECK(h.transcript().find("a cell is running") == std::string::npos);  // Enter was not refused
  CHECK(h.transcript().find("(runs once Python is ready) x = 6 * 7") != std::string::npos);

  gate->release();
  h.settle();
  CHECK_FALSE(h.state().python_starting);
  CHECK(h.state().memory != nullptr);
  const std::string text = h.transcript();
  const auto at = [&](const std::string& piece) { return text.find(piece); };
  REQUIRE(at("Python is ready.") != std::string::npos);
  REQUIRE(at(">>> x = 6 * 7") != std::string::npos);
  REQUIRE(at(">>> for i in range(2):") != std::string::npos);
  REQUIRE(at("0 42\n1 42\n") != std::string::npos);
  REQUIRE(at(">>> print(x + 1)") != std::string::npos);
  REQUIRE(at("43\n") != std::string::npos);
  CHECK(at("Python is ready.") < at(">>> x = 6 * 7"));
  CHECK(at(">>> x = 6 * 7") < at(">>> for i in range(2):"));
  CHECK(at(">>> for i in range(2):") < at("0 42\n1 42\n"));
  CHECK(at("0 42\n1 42\n") < at(">>> print(x + 1)"));
  CHECK(at(">>> print(x + 1)") < at("43\n"));

  // Python is an ordinary session from now on.
  h.submit("y = bytearray(b'ab')");
  CHECK(h.view("y") >= 0);
}

TEST_CASE("a Python that cannot start is reported in the console, and input typed then says it did not run") {
  GuiHarness h([]() -> PythonRuntime { throw std::runtime_error("no python3.11 here"); }, kDisplay);
  h.workbench().begin_python();
  enter_line(h, "x = 1");
  h.settle();
  const std::string text = h.transcript();
  CHECK(text.find("Python could not start: no python3.11 here") != std::string::npos);
  CHECK(text.find("(Python is not running: nothing was run)") != std::string::npos);
  CHECK_FALSE(h.state().python_starting);
  CHECK_FALSE(h.state().cell_running);
  CHECK(h.state().memory == nullptr);
  enter_line(h, "y = 2");  // and again: no crash, the same answer
  CHECK(h.transcript().find("(Python is not running: nothing was run)", text.size()) != std::string::npos);
}

TEST_CASE("closing while Python is still starting neither hangs nor crashes") {
  using Clock = std::chrono::steady_clock;
  SUBCASE("during the start") {
    auto starting = std::make_shared<std::atomic<bool>>(false);
    auto h = std::make_unique<GuiHarness>([starting] {
      starting->store(true);
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      return start_test_python();
    }, kDisplay);
    h->workbench().begin_python();
    enter_line(*h, "x = 1");
    while (!starting->load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    const auto closing = Clock::now();
    CHECK(h->workbench().stop_worker(5.0));
    h.reset();
    CHECK(Clock::now() - closing < std::chrono::seconds(4));
  }
  SUBCASE("before the start began") {
    auto h = std::make_unique<GuiHarness>([] { return start_test_python(); }, kDisplay);
    enter_line(*h, "x = 1");
    CHECK(h->workbench().stop_worker(5.0));
    h.reset();
  }
}

}  // namespace bufferlab::testing

// End to end under xvfb-run: the real window's screenshot mode ends whatever the script does.
// --timeout interrupts a blocked script as Stop does; a script that will not stop is left
// behind after a bounded grace; a non-daemon thread does not keep the closed window alive.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "tests/support/process_helpers.h"

using namespace bufferlab::testing;

namespace {

// `timeout` bounds each run generously, so a hang fails the test instead of CI.
ProcessResult screenshot_of(const ScratchDir& scratch, const std::string& script, const std::string& extra) {
  write_file(scratch / "script.py", script);
  const std::string command = "XDG_CONFIG_HOME=" + shell_quote(scratch.path().string()) +
                              " timeout 180 xvfb-run -a " + shell_quote(BUFFERLAB_BINARY) + " --script " +
                              shell_quote((scratch / "script.py").string()) + " --screenshot " +
                              shell_quote((scratch / "shot.png").string()) + " --frames 2 " + extra;
  return run_command(command, scratch);
}

}  // namespace

TEST_CASE("screenshot mode: --timeout interrupts a script blocked in a wait, and the shot is taken") {
  ScratchDir scratch;
  const auto result = screenshot_of(scratch, "import threading\nba = bytearray(8)\nthreading.Event().wait()\n", "--timeout 1");
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);  // not 124: the run ended by itself
  CHECK(result.err.find("interrupting it") != std::string::npos);
  CHECK(std::filesystem::exists(scratch / "shot.png"));
}

TEST_CASE("screenshot mode: a script that will not stop is left behind and the shot is still taken") {
  ScratchDir scratch;
  const auto result = screenshot_of(
      scratch, "import time\nwhile True:\n    try:\n        time.sleep(0.05)\n    except KeyboardInterrupt:\n        pass\n",
      "--timeout 1");
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.err.find("did not stop when interrupted") != std::string::npos);
  CHECK(std::filesystem::exists(scratch / "shot.png"));
}

TEST_CASE("screenshot mode: a non-daemon thread left running does not keep the process alive") {
  ScratchDir scratch;
  const auto result = screenshot_of(
      scratch, "import threading\nba = bytearray(8)\nthreading.Thread(target=threading.Event().wait, name='waiter').start()\n", "");
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);
  CHECK(result.err.find("threads still running: waiter") != std::string::npos);
  CHECK(std::filesystem::exists(scratch / "shot.png"));
}

TEST_CASE("the window: a script that sends itself SIGINT gets KeyboardInterrupt, and the app lives on") {
  ScratchDir scratch;
  const auto result = screenshot_of(
      scratch, "import os, signal, time\nba = bytearray(8)\nos.kill(os.getpid(), signal.SIGINT)\ntime.sleep(600)\n", "");
  INFO("stderr: ", result.err);
  CHECK(result.exit_code == 0);  // not killed by the signal (130), not 124: the sleep was interrupted
  CHECK(std::filesystem::exists(scratch / "shot.png"));
}

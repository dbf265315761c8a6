// The binary's runs end as they should: --timeout interrupts a script or a lesson step as Stop
// does and the run goes on; a non-daemon thread left running does not keep the process alive;
// output streams through with bounded memory.
#include <doctest/doctest.h>

#include <sys/resource.h>

#include <string>

#include "tests/support/process_helpers.h"
#include "tests/support/sanitizer.h"

using namespace bufferlab::testing;

namespace {

// `timeout` (coreutils) bounds every run, generously: a hung run fails instead of hanging CI.
std::string bufferlab_command(const std::string& arguments) {
  return "timeout 120 " + shell_quote(BUFFERLAB_BINARY) + " " + arguments;
}

}  // namespace

TEST_CASE("--timeout interrupts a blocked script as Stop does, the edits and the dump go on") {
  ScratchDir scratch;
  const char* scripts[] = {
      "import time\nba = bytearray(4)\ntime.sleep(600)\n",
      "import threading\nba = bytearray(4)\nthreading.Event().wait()\n",
      "ba = bytearray(4)\nwhile True:\n    pass\n",
  };
  for (const char* script : scripts) {
    write_file(scratch / "blocked.py", script);
    const auto result = run_command(
        bufferlab_command("--script " + shell_quote((scratch / "blocked.py").string()) +
                  " --timeout 1 --set-byte 'ba@0=7' --dump-state " + shell_quote((scratch / "out.json").string())),
        scratch);
    CHECK_MESSAGE(result.exit_code == 1, script);  // the script raised KeyboardInterrupt
    CHECK(result.err.find("--timeout") != std::string::npos);
    CHECK(result.err.find("KeyboardInterrupt") != std::string::npos);
    CHECK(read_file(scratch / "out.json").find("\"ba\"") != std::string::npos);
  }
}

TEST_CASE("--timeout interrupts a --run-all step and the next steps run") {
  ScratchDir scratch;
  write_file(scratch / "lesson.md",
             "# Slow\n\n## One\n\n```python\nimport time\ntime.sleep(600)\n```\n\n"
             "## Two\n\n```python\nprint('step two ran')\n```\n");
  const auto result = run_command(
      bufferlab_command("--lesson " + shell_quote((scratch / "lesson.md").string()) + " --run-all --timeout 1"), scratch);
  CHECK(result.err.find("KeyboardInterrupt") != std::string::npos);
  CHECK(result.out.find("step two ran\n") != std::string::npos);
  CHECK(result.exit_code == 1);  // the lesson did not expect the interrupt
}

TEST_CASE("a non-daemon thread left running does not keep the process alive") {
  ScratchDir scratch;
  write_file(scratch / "threads.py",
             "import threading, time\nba = bytearray(2)\n"
             "threading.Thread(target=threading.Event().wait, name='waiter').start()\n"
             "def spin():\n    while True:\n        time.sleep(0.01)\n"
             "threading.Thread(target=spin, name='spinner').start()\n");
  const auto result = run_command(
      bufferlab_command("--script " + shell_quote((scratch / "threads.py").string()) + " --dump-state " +
                shell_quote((scratch / "out.json").string())),
      scratch);
  CHECK(result.exit_code == 0);  // not 124: timeout did not have to end it
  CHECK(result.err.find("threads still running: waiter") != std::string::npos);
  CHECK(read_file(scratch / "out.json").find("\"ba\"") != std::string::npos);
}

TEST_CASE("headless output streams through with bounded memory" * doctest::skip(kAddressSanitizer)) {
  ScratchDir scratch;
  // 256 MiB of lines: kept whole, this would need hundreds of MB.
  write_file(scratch / "flood.py", "line = 'x' * 4095\nfor _ in range(65536):\n    print(line)\nprint('end')\n");
  // In a subshell: run_command's redirections then apply to the whole pipe.
  const auto result = run_command(
      "(" + bufferlab_command("--script " + shell_quote((scratch / "flood.py").string()) + " --dump-state " +
                              shell_quote((scratch / "out.json").string())) + " | tail -c 4)",
      scratch);
  CHECK(result.exit_code == 0);
  CHECK(result.out == "end\n");
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  MESSAGE("peak resident memory of the children: " << usage.ru_maxrss / 1024 << " MiB");
  CHECK(usage.ru_maxrss < 150 * 1024);  // kilobytes
}

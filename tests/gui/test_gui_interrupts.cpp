// The console while cells are interrupted or flood it: an interrupt is reported at once, a
// blocking call stops, a cell that will not stop gets an honest way out, and output is kept as
// a bounded tail of whole lines with a count of what was dropped.
#include <chrono>
#include <filesystem>
#include <regex>
#include <thread>

#include "app/controller/python_worker.h"
#include "tests/gui/test_gui_harness.h"
#include "tests/support/process_helpers.h"

using namespace bufferlab;
using namespace bufferlab::testing;

TEST_CASE("Stop ends a blocking call, and the console says at once that an interrupt is pending") {
  GuiHarness h;
  h.submit("kept = bytearray(b'still here')");
  const char* cells[] = {"import time; time.sleep(60)", "import threading; threading.Event().wait()"};
  for (const char* cell : cells) {
    h.workbench().submit(cell);
    h.frame();
    REQUIRE(frames_until(h, [&] { return h.session().busy(); }));
    h.press('C', true);  // Ctrl+C, as the Stop button
    CHECK(h.transcript().find("KeyboardInterrupt pending") != std::string::npos);
    CHECK(frames_until(h, [&] { return !h.workbench().busy(); }));
    CHECK(h.transcript().find("KeyboardInterrupt\n") != std::string::npos);
    h.submit("print(kept.decode())");
    CHECK(h.transcript().find("still here\n") != std::string::npos);
    h.workbench().commands().push(ClearTranscript{});
    h.frame();
  }
}

TEST_CASE("a cell that will not stop: after a few seconds the console says what can be done") {
  GuiHarness h;
  ScratchDir scratch;
  const std::string stop_file = (scratch / "stop").string();
  // The cell swallows every interrupt with a handler of its own (a try/except around the sleep
  // alone lets one land on the loop's test), and says when the handler is in place: an
  // interrupt before that, on a loaded machine, would end the cell as it should.
  h.workbench().submit("import os, signal, time\nold = signal.signal(signal.SIGINT, lambda *args: None)\n"
                       "print('swallowing', 'interrupts')\n"
                       "try:\n    while not os.path.exists('" + stop_file + "'):\n        time.sleep(0.02)\n"
                       "finally:\n    signal.signal(signal.SIGINT, old)\n");
  h.frame();
  h.workbench().submit("");
  h.frame();
  REQUIRE(frames_until(h, [&] { return h.transcript().find("swallowing interrupts\n") != std::string::npos; }));
  h.press('C', true);
  CHECK(h.transcript().find("KeyboardInterrupt pending") != std::string::npos);
  CHECK(frames_until(h, [&] { return h.transcript().find("has not stopped") != std::string::npos; }));
  const std::string transcript = h.transcript();
  CHECK(transcript.find("Stop again") != std::string::npos);
  CHECK(transcript.find("quit Buffer Lab") != std::string::npos);
  CHECK(transcript.find("Restarting the namespace has to wait") != std::string::npos);
  CHECK(h.workbench().busy());
  write_file(stop_file, "");
  CHECK(frames_until(h, [&] { return !h.workbench().busy(); }));
}

TEST_CASE("the worker keeps a bounded tail of whole lines and counts what it dropped") {
  ensure_interpreter();
  Session session;
  std::vector<OutputChunk> output;
  {
    PythonWorker worker(session);
    worker.run_cell("for i in range(300000):\n    print('line', i, 'x' * 60)");
    REQUIRE(worker.wait_idle(600));
    output = worker.take_output();
    REQUIRE(worker.take_finished());
  }
  REQUIRE(output.size() >= 2);
  std::smatch match;
  REQUIRE(std::regex_match(output.front().text, match, std::regex(R"(\[(\d+) bytes of output dropped: too much to keep\]\n)")));
  const std::size_t dropped = std::stoull(match[1]);
  std::string kept;
  for (std::size_t i = 1; i < output.size(); ++i) kept += output[i].text;
  CHECK(kept.size() <= PythonWorker::kOutputLimit);
  std::size_t total = 0;
  for (int i = 0; i < 300000; ++i) total += std::to_string(i).size() + 67;  // 'line ', i, ' ', 60 x, newline
  CHECK(dropped + kept.size() == total);
  // Whole lines only: every kept line is one that was printed, the last one included.
  const std::regex printed_line(R"(line \d+ x{60})");
  std::size_t start = 0, bad_lines = 0;
  while (start < kept.size()) {
    const std::size_t end = kept.find('\n', start);
    REQUIRE(end != std::string::npos);
    if (!std::regex_match(kept.substr(start, end - start), printed_line)) ++bad_lines;
    start = end + 1;
  }
  CHECK(bad_lines == 0);
  CHECK(kept.ends_with("line 299999 " + std::string(60, 'x') + "\n"));
}

TEST_CASE("the console keeps a bounded tail of a flood of output and says how much it dropped") {
  GuiHarness h;
  h.submit("for i in range(16000):\n    print('line', i, 'x' * 1000)\n");
  std::size_t total = 0;
  for (const TranscriptLine& line : h.state().transcript) total += line.text.size();
  CHECK(total <= (8u << 20) + 4096);
  const std::string transcript = h.transcript();
  // Dropped where it flowed (the worker's queue) or where it was kept (the transcript): said.
  CHECK((transcript.find(" bytes of earlier output dropped]\n") != std::string::npos ||
         transcript.find(" bytes of output dropped: too much to keep]\n") != std::string::npos));
  CHECK(transcript.find("line 15999 ") != std::string::npos);
  // Whole lines only; a line cut by a drop is followed at once by the note that says so.
  const auto& lines = h.state().transcript;
  const std::regex printed_line(R"(line \d+ x{1000}\n)");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].kind != TranscriptLine::Kind::Output) continue;
    if (std::regex_match(lines[i].text, printed_line)) continue;
    const bool note_follows = i + 1 < lines.size() && lines[i + 1].text.find("bytes of output dropped") != std::string::npos;
    CHECK_MESSAGE(note_follows, lines[i].text.substr(0, 40));
  }
}

TEST_CASE("output that reaches the console whole is still kept to a bounded tail, one huge line too") {
  GuiHarness h;
  // Bursts of 1 MB with pauses: each is taken whole by a frame, so the transcript itself must
  // drop its oldest lines.
  h.submit("import time\nfor burst in range(16):\n    for i in range(1000):\n"
           "        print('line', burst * 1000 + i, 'x' * 1000)\n    time.sleep(0.1)\n");
  std::size_t total = 0;
  for (const TranscriptLine& line : h.state().transcript) total += line.text.size();
  CHECK(total <= (8u << 20) + 4096);
  CHECK(h.state().transcript.front().text.find(" bytes of earlier output dropped]\n") != std::string::npos);
  CHECK(h.transcript().find("line 15999 ") != std::string::npos);
  // One line of 20 MB without a newline keeps its end.
  h.submit("import sys\nfor burst in range(20):\n    sys.stdout.write('y' * 999_999 + 'z')\n    time.sleep(0.1)\n");
  total = 0;
  for (const TranscriptLine& line : h.state().transcript) total += line.text.size();
  CHECK(total <= (8u << 20) + 4096);
  CHECK(h.state().transcript.front().text.find(" bytes of earlier output dropped]\n") != std::string::npos);
  CHECK(h.transcript().ends_with(std::string(999'999, 'y') + "z"));
}

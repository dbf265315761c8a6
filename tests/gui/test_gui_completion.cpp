// Headless GUI tests of Tab in the console input, typed as a person types: a word completes in
// the field with the cursor after it, what several matches share goes in, a second Tab lists
// them in the transcript as a note, Tab with no word before the cursor indents, and matches for
// a text that changed meanwhile are dropped.
#include <doctest/doctest.h>

#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {

namespace {

void wait_for_console_focus(GuiHarness& h) {
  for (int i = 0; i < 10 && !h.io().WantTextInput; ++i) h.frame();
  REQUIRE(h.io().WantTextInput);
}

const std::string& input(GuiHarness& h) { return h.workbench().console().input(); }

// Tab, then frames until the session's matches have arrived and gone into the field.
void press_tab(GuiHarness& h) {
  h.press(kKeyTab);
  h.settle();
}

// The Info lines added to the transcript since `from` (completion listings are notes).
std::string notes_since(GuiHarness& h, std::size_t from) {
  std::string text;
  const auto& lines = h.state().transcript;
  for (std::size_t i = from; i < lines.size(); ++i)
    if (lines[i].kind == TranscriptLine::Kind::Info) text += lines[i].text;
  return text;
}

std::string all_but_notes_since(GuiHarness& h, std::size_t from) {
  std::string text;
  const auto& lines = h.state().transcript;
  for (std::size_t i = from; i < lines.size(); ++i)
    if (lines[i].kind != TranscriptLine::Kind::Info) text += lines[i].text;
  return text;
}

}  // namespace

TEST_CASE("Tab completes a name in the console input and the cursor lands after it") {
  GuiHarness h;
  wait_for_console_focus(h);
  h.type("memo");
  press_tab(h);
  CHECK(input(h) == "memoryview(");
  h.type("b)");  // typed where the completion left the cursor
  CHECK(input(h) == "memoryview(b)");
}

TEST_CASE("Tab completes an attribute, and a second Tab lists several matches") {
  GuiHarness h;
  h.submit("b = bytearray(4); mv = memoryview(b)");
  wait_for_console_focus(h);
  h.type("mv.ca");
  press_tab(h);
  CHECK(input(h) == "mv.cast(");

  h.press('A', true);  // select all, then type over it
  h.type("mv.");
  const std::size_t before = h.state().transcript.size();
  press_tab(h);  // nothing to insert: as readline, the first Tab lists nothing
  CHECK(input(h) == "mv.");
  CHECK(h.state().transcript.size() == before);
  press_tab(h);
  CHECK(input(h) == "mv.");
  const std::string listing = notes_since(h, before);
  CHECK(listing.find("mv.cast(") != std::string::npos);
  CHECK(listing.find("mv.nbytes") != std::string::npos);
  CHECK(listing.find("mv.tobytes(") != std::string::npos);
  CHECK(listing.find("mv.__") == std::string::npos);
  // In columns, as python3 lists them: more than one match on a line.
  CHECK(listing.find("mv.c_contiguous  mv.") != std::string::npos);
  CHECK(all_but_notes_since(h, before).empty());  // a note, not output
}

TEST_CASE("Tab inserts what several matches share, then a second Tab lists them") {
  GuiHarness h;
  h.submit("value_one = 1\nvalue_two = 2");
  wait_for_console_focus(h);
  h.type("val");
  const std::size_t before = h.state().transcript.size();
  press_tab(h);
  CHECK(input(h) == "value_");
  CHECK(h.state().transcript.size() == before);
  press_tab(h);
  CHECK(input(h) == "value_");
  CHECK(notes_since(h, before) == "value_one  value_two\n");
}

TEST_CASE("Tab at a line start or after spaces indents, in a block too") {
  GuiHarness h;
  wait_for_console_focus(h);
  h.press(kKeyTab);
  CHECK(input(h) == "    ");
  h.press('A', true);
  h.press(kKeyBackspace);
  CHECK(input(h).empty());
  // A tab in pasted text is kept as it is: only the Tab key completes.
  ImGui::SetClipboardText("x\ty");
  h.press('V', true);
  CHECK(input(h) == "x\ty");
  h.press('A', true);
  h.press(kKeyBackspace);

  h.type("for i in range(2):");
  h.press(kKeyEnter);
  h.settle();
  REQUIRE(h.state().continuation());
  wait_for_console_focus(h);
  h.press(kKeyTab);
  h.type("pri");
  press_tab(h);
  CHECK(input(h) == "    print(");
  h.type("i)");
  h.press(kKeyEnter);
  h.settle();
  wait_for_console_focus(h);
  const std::size_t before = h.state().transcript.size();
  h.press(kKeyEnter);  // the empty line ends the block
  h.settle();
  std::string output;
  for (std::size_t i = before; i < h.state().transcript.size(); ++i)
    if (h.state().transcript[i].kind == TranscriptLine::Kind::Output) output += h.state().transcript[i].text;
  CHECK(output == "0\n1\n");
}

TEST_CASE("matches for a text that changed before they arrived are dropped") {
  GuiHarness h;
  wait_for_console_focus(h);
  h.type("memo");
  // Tab, and a key typed in the next frame, before the worker has answered.
  h.io().KeysDown[kKeyTab] = true;
  h.frame();
  h.io().KeysDown[kKeyTab] = false;
  h.io().AddInputCharacter('x');
  h.frame();
  h.settle();
  CHECK(input(h) == "memox");
}

TEST_CASE("Tab while a cell runs completes nothing and says why") {
  GuiHarness h;
  wait_for_console_focus(h);
  h.workbench().submit("import time\ntime.sleep(0.5)");
  h.frame();
  REQUIRE(h.state().cell_running);
  h.type("memo");
  h.press(kKeyTab);
  CHECK(h.transcript().find("(a cell is running") != std::string::npos);
  h.settle();
  h.frame();
  CHECK(input(h) == "memo");
}

TEST_CASE("what a completion's evaluation prints never reaches the transcript") {
  GuiHarness h;
  h.submit("class Noisy:\n    @property\n    def loud(self):\n        print('leaked')\n        return 3\n"
           "n = Noisy()");
  wait_for_console_focus(h);
  h.type("n.loud.rea");
  const std::size_t before = h.state().transcript.size();
  press_tab(h);
  CHECK(input(h) == "n.loud.real");
  CHECK(h.state().transcript.size() == before);
}

TEST_CASE("a completion whose evaluation hangs is interrupted and the console goes on") {
  GuiHarness h;
  h.submit("import time\nclass Slow:\n    @property\n    def p(self):\n        time.sleep(60)\n        return 1\n"
           "slow = Slow()");
  wait_for_console_focus(h);
  h.type("slow.p.re");
  const std::size_t before = h.state().transcript.size();
  press_tab(h);  // the window's clock runs a frame at a time: 2 s of frames, then the interrupt
  CHECK(input(h) == "slow.p.re");
  CHECK(h.state().transcript.size() == before);  // no traceback, no notice
  CHECK_FALSE(h.state().cell_running);
  h.submit("print('after')");
  CHECK(h.transcript().find("after\n") != std::string::npos);
}

}  // namespace bufferlab::testing

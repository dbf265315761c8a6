// Headless GUI tests of the lesson pane: stepping by keys and buttons (not while a text field
// has the keyboard), Run through the console's path, predict then reveal, expected errors,
// held change marks, Restart, a malformed notebook, lesson 8's 4-byte window, code edits, font
// zoom, and the --step checks of the command line.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/gui/gui_lesson_steps.h"
#include "tests/support/process_helpers.h"
#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {

namespace {

const std::filesystem::path kLessons = std::filesystem::path(BUFFERLAB_SOURCE_DIR) / "assets/lessons";

std::string lesson_path(const char* file) { return (kLessons / file).string(); }

void open(GuiHarness& h, const char* file) { open_lesson_file(h, lesson_path(file)); }

int step(GuiHarness& h) { return h.state().lesson.step; }

std::optional<DrawnButton> button(GuiHarness& h, const std::string& label) {
  for (const DrawnButton& drawn : h.probe().buttons)
    if (drawn.label == label) return drawn;
  return std::nullopt;
}

void click_button(GuiHarness& h, const std::string& label) {
  h.frame();  // a step change scrolls its pane one frame later: let the layout settle first
  auto drawn = button(h, label);
  REQUIRE_MESSAGE(drawn, "no button '", label, "' was drawn");
  // Near the top left: a tall code field may reach past the bottom of the pane.
  h.click(ImVec2(std::min(drawn->min.x + 12.0f, drawn->max.x), std::min(drawn->min.y + 8.0f, drawn->max.y)));
  h.frame();  // the command the click queued is carried out at the start of this frame
}

}  // namespace

TEST_CASE("Next and Previous: buttons, Right/Page Down and Left/Page Up, not while typing") {
  GuiHarness h;
  open(h, "02-numpy-cast-one-byte.md");
  REQUIRE(h.state().lesson.step_count() == 4);
  CHECK(step(h) == 0);
  CHECK(h.state().views.empty());  // opening a lesson runs nothing

  h.press(kKeyRight);
  CHECK(step(h) == 1);
  h.press(kKeyPageDown);
  CHECK(step(h) == 2);
  h.press(kKeyPageDown);
  CHECK(step(h) == 3);
  h.press(kKeyRight);  // the last step stays
  CHECK(step(h) == 3);
  h.press(kKeyLeft);
  CHECK(step(h) == 2);
  h.press(kKeyPageUp);
  CHECK(step(h) == 1);
  h.press(kKeyPageUp);
  CHECK(step(h) == 0);
  h.press(kKeyPageUp);
  CHECK(step(h) == 0);

  click_button(h, "Next >");
  CHECK(step(h) == 1);
  click_button(h, "< Previous");
  CHECK(step(h) == 0);

  // In the code field the arrows move the text cursor, not the lesson; Escape gives them back.
  click_button(h, "code");
  h.press(kKeyRight);
  h.press(kKeyPageDown);
  CHECK(step(h) == 0);
  h.press(kKeyEscape);
  h.press(kKeyRight);
  CHECK(step(h) == 1);
}

TEST_CASE("Run shows the code as typed input and every pane updates, the answer is revealed") {
  GuiHarness h;
  open(h, "02-numpy-cast-one-byte.md");
  const LessonStep& first = *h.state().lesson.current();
  REQUIRE(first.question);
  REQUIRE_FALSE(first.question->answer);

  // Before Run: the question, no answer.
  CHECK(h.workbench().lesson_pane().question_shown());
  CHECK(h.workbench().lesson_pane().shown_answer().empty());

  click_button(h, "Run");
  h.settle();
  const std::string transcript = h.transcript();
  CHECK(transcript.find(">>> import numpy as np\n") != std::string::npos);
  CHECK(transcript.find("... m_obj[0] = 0xFF      # Change one byte\n") != std::string::npos);
  CHECK(transcript.find("Modified array: [255   2   3   4]\n") != std::string::npos);
  CHECK(std::any_of(h.state().transcript.begin(), h.state().transcript.end(), [](const TranscriptLine& line) {
    return line.kind == TranscriptLine::Kind::Input && line.text.rfind(">>> import numpy", 0) == 0;
  }));

  // Every pane: the element view of a shows 255, the byte grid ff.
  REQUIRE(h.view("a") >= 0);
  REQUIRE(h.element_cell("a", 0));
  CHECK(h.element_cell("a", 0)->text == "255");
  const std::uintptr_t byte0 = h.view_of("a").facts.address;
  REQUIRE(h.byte_cell(byte0));
  CHECK(h.byte_cell(byte0)->text == "ff");

  // After Run: the answer is the step's output.
  CHECK(h.workbench().lesson_pane().shown_answer().find("Modified array: [255   2   3   4]") != std::string::npos);
  CHECK(h.workbench().lesson_pane().shown_outcome().find("ran as the lesson intends") != std::string::npos);

}

TEST_CASE("the bytes a step changed stay marked until the next step") {
  GuiHarness h;
  open(h, "02-numpy-cast-one-byte.md");
  const int high_byte = step_with(h, "m_obj[3] = 0x01");
  run_through(h, high_byte);
  const std::uintptr_t byte0 = h.view_of("a").facts.address;
  // Long after a flash would have faded, the changed byte (and only it) is marked.
  for (int i = 0; i < 150; ++i) h.frame();
  CHECK(h.state().flashing(byte0 + 3, nullptr));
  CHECK_FALSE(h.state().flashing(byte0 + 2, nullptr));
  CHECK_FALSE(h.state().flashing(byte0, nullptr));  // changed two steps ago
  h.press(kKeyRight);
  CHECK_FALSE(h.state().flashing(byte0 + 3, nullptr));
}

TEST_CASE("a written answer stays hidden until Run, then shows") {
  GuiHarness h;
  open(h, "06-memoryview-over-array.md");
  const int why = step_with(h, "print(hex(99)");
  REQUIRE(h.state().lesson.lesson->steps[static_cast<std::size_t>(why)].question->answer);
  run_through(h, why - 1);
  h.workbench().commands().push(GoToLessonStep{why});
  h.frame();
  h.frame();
  CHECK(h.workbench().lesson_pane().question_shown());
  CHECK(h.workbench().lesson_pane().shown_answer().empty());
  h.press(kKeyEnter, true);  // Ctrl+Enter runs the step
  h.settle();
  CHECK(h.workbench().lesson_pane().shown_answer().find("99 is the ASCII code of 'c'") == 0);
}

TEST_CASE("an expected BufferError is shown as expected, not as a failure") {
  GuiHarness h;
  open(h, "09-when-not-to-use-memoryview.md");
  const int resize = step_with(h, "buf.append(ord(\"!\"))");
  run_through(h, resize);
  CHECK(step(h) == resize);
  const LessonStepRun* run = h.state().lesson.current_run();
  REQUIRE(run);
  CHECK(run->raised);
  CHECK(run->error_type == "BufferError");
  CHECK_FALSE(run->problem);
  CHECK(h.workbench().lesson_pane().shown_outcome() == "\u2714 raised BufferError, as the lesson expects");
  CHECK(h.transcript().find("BufferError: Existing exports of data: object cannot be re-sized") != std::string::npos);

  // Edited so that it no longer raises, the step is reported as missing its error.
  h.workbench().commands().push(RunLessonStep{resize, "pass"});
  h.frame();
  h.settle();
  REQUIRE(h.state().lesson.current_run());
  REQUIRE(h.state().lesson.current_run()->problem);
  CHECK(h.workbench().lesson_pane().shown_outcome().find("was expected to raise BufferError") != std::string::npos);
}

TEST_CASE("Restart forgets every name and goes back to step 1, edits are kept per step until then") {
  GuiHarness h;
  open(h, "05-array-array.md");
  run_through(h, 1);
  CHECK(step(h) == 1);
  CHECK(h.view("arr") >= 0);

  // An edit to step 3's code survives going to another step and back.
  h.press(kKeyRight);
  click_button(h, "code");
  h.press(kKeyEnd, true);
  h.type("\nprint('edited')");
  // A click elsewhere leaves the field keeping the edit (Escape would undo the typing).
  for (const DrawnPane& pane : h.probe().panes)
    if (pane.title == std::string("Sharing")) h.click(GuiHarness::centre(pane.min, pane.max));
  h.frame();
  CHECK_FALSE(h.io().WantTextInput);
  const std::string edited = h.workbench().lesson_pane().code_of(2);
  CHECK(edited == h.state().lesson.lesson->steps[2].code + "\nprint('edited')");
  h.press(kKeyLeft);
  h.press(kKeyRight);
  CHECK(h.workbench().lesson_pane().code_of(2) == edited);

  click_button(h, "Restart");
  h.settle();
  CHECK(step(h) == 0);
  CHECK(h.state().views.empty());
  CHECK(h.transcript().find("# restarted") != std::string::npos);
  CHECK(h.workbench().lesson_pane().code_of(2) == h.state().lesson.lesson->steps[2].code);
  h.submit("print('arr' in globals())");
  CHECK(h.transcript().find("False\n") != std::string::npos);
}

TEST_CASE("a malformed notebook shows its message and the lesson on show stays") {
  GuiHarness h;
  open(h, "03-bytes-and-slices.md");
  const std::string title = h.state().lesson.lesson->title;
  ScratchDir scratch;
  write_file(scratch / "broken.ipynb", "{\"nbformat\": 4, \"cells\": [,]}");
  h.workbench().commands().push(OpenLesson{(scratch / "broken.ipynb").string()});
  h.frame();
  h.frame();
  CHECK(h.state().lesson.load_error.find("broken.ipynb:1:27: not valid JSON") != std::string::npos);
  REQUIRE(h.state().lesson.lesson);
  CHECK(h.state().lesson.lesson->title == title);

  h.workbench().commands().push(OpenLesson{(scratch / "missing.md").string()});
  h.frame();
  CHECK(h.state().lesson.load_error.find("missing.md: cannot open lesson") != std::string::npos);
  CHECK(h.state().lesson.lesson->title == title);

  // A good file replaces it, in a fresh namespace.
  h.submit("leftover = bytearray(3)");
  h.workbench().commands().push(OpenLesson{lesson_path("07-sharing-diagram.md")});
  h.frame();
  h.frame();  // it asks first: `leftover` was typed in the console
  h.press(kKeyEnter);
  h.settle();
  CHECK(h.state().lesson.lesson->title.rfind("7. ", 0) == 0);
  CHECK(h.state().lesson.load_error.empty());
  CHECK(h.view("leftover") < 0);
}

TEST_CASE("lesson 8 frames the 4 bytes struct.unpack_from reads, at each offset") {
  GuiHarness h;
  open(h, "08-struct-unpack-from.md");
  const int first = step_with(h, "offset = 0");
  run_through(h, first);
  REQUIRE(h.state().lesson_range);
  const std::uintptr_t base = h.view_of("buffer_bytes").facts.address;
  auto framed = [&](std::uintptr_t offset) {
    auto cell = h.byte_cell(base + offset);
    REQUIRE(cell);
    return cell->lesson_range;
  };
  for (std::uintptr_t i = 0; i < 20; ++i) CHECK_MESSAGE(framed(i) == (i < 4), "offset ", i);
  CHECK(h.state().lesson_range->label == "buffer_bytes[0:4]");

  // The next step: offset 4, the window moves on (and the old one is gone).
  h.press(kKeyRight);
  CHECK_FALSE(h.state().lesson_range);
  click_button(h, "Run");
  h.settle();
  REQUIRE(h.state().lesson_range);
  for (std::uintptr_t i = 0; i < 20; ++i) CHECK_MESSAGE(framed(i) == (i >= 4 && i < 8), "offset ", i);
  CHECK(h.byte_cell(base + 4)->text == "63");  // 99, the value read at offset 4
  CHECK(h.state().lesson_range->label == "buffer_bytes[4:8]");
}

TEST_CASE("a step's marked bytes are scrolled into sight, on a classroom screen too") {
  GuiHarness h(ImVec2(1280, 720));
  h.workbench().layout().zoom = 2.0f;
  h.frame();
  open(h, "10-images-are-buffers.md");
  const int square = step_with(h, "crop[");  // paints through the crop, far into img's 9 KiB
  run_through(h, square);
  for (int i = 0; i < 4; ++i) h.frame();  // the region, then its rows
  REQUIRE(h.state().lesson_range);
  const LessonByteRange& marked = *h.state().lesson_range;
  REQUIRE(marked.begin - h.view_of("img").facts.address >= 1000);  // below the first screenful
  const auto cell = h.byte_cell(marked.begin);
  REQUIRE(cell);
  CHECK(cell->lesson_range);
}

TEST_CASE("font zoom: Ctrl+= and Ctrl+- step it, Ctrl+0 resets, every pane still fits") {
  GuiHarness h;
  open(h, "01-why-buffer-protocol.md");
  constexpr int kKeyEqual = 61, kKeyMinus = 45, kKeyZero = 48;
  h.press(kKeyEqual, true);
  h.press(kKeyEqual, true);
  CHECK(h.workbench().layout().zoom > 1.2f);
  CHECK(h.workbench().take_layout_changed());
  for (ImVec2 size : {ImVec2(1280, 800), ImVec2(1920, 1080)}) {
    h.resize(size);
    REQUIRE(h.probe().panes.size() == 6);
    for (const DrawnPane& pane : h.probe().panes) {
      CHECK(pane.max.x <= size.x);
      CHECK(pane.max.y <= size.y);
      CHECK(pane.max.x - pane.min.x >= 200.0f);
    }
  }
  h.press(kKeyMinus, true);
  h.press(kKeyMinus, true);
  h.press(kKeyMinus, true);
  CHECK(h.workbench().layout().zoom < 1.0f);
  h.press(kKeyZero, true);
  CHECK(h.workbench().layout().zoom == 1.0f);
}

TEST_CASE("--step out of range or without a loadable lesson: a clear message, exit 2") {
  ScratchDir scratch;
  const std::string lesson = shell_quote(lesson_path("02-numpy-cast-one-byte.md"));
  const std::string binary = std::string(BUFFERLAB_BINARY);
  ProcessResult result = run_command(binary + " --lesson " + lesson + " --step 9 --screenshot " +
                                         shell_quote((scratch / "nine.png").string()),
                                     scratch);
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("--step 9: ") != std::string::npos);
  CHECK(result.err.find("has 4 steps (1 to 4)") != std::string::npos);

  write_file(scratch / "bad.md", "```python\nx = 1\n");
  const std::string png = (scratch / "out.png").string();
  result = run_command(binary + " --lesson " + shell_quote((scratch / "bad.md").string()) + " --step 1 --screenshot " +
                           shell_quote(png),
                       scratch);
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("bad.md:1: unclosed code fence") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(png));
}

}  // namespace bufferlab::testing

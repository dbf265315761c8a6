// Headless GUI tests of the lesson flow: Next past a lesson's last step (the next lesson, the
// course done, no next lesson for a file), the offer to run skipped steps, a step run twice,
// the question before a restart or switch forgets typed names, released and closed names kept
// in the panes, and the Sharing diagram's element order, gaps and hover.
#include <doctest/doctest.h>

#include <fstream>

#include "app/controller/lesson_library.h"
#include "tests/gui/gui_lesson_steps.h"
#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {

namespace {

const std::filesystem::path kLessons = std::filesystem::path(BUFFERLAB_SOURCE_DIR) / "assets/lessons";

std::string lesson_path(const char* file) { return (kLessons / file).string(); }

// A harness whose picker lists the built-in lessons, with `file` open.
void open_from_catalog(GuiHarness& h, const char* file) {
  h.workbench().set_lesson_catalog(lesson_catalog(kLessons));
  open_lesson_file(h, lesson_path(file));
}

int step(GuiHarness& h) { return h.state().lesson.step; }
const std::string& note(GuiHarness& h) { return h.workbench().lesson_pane().shown_flow_note(); }
const std::string& dialog(GuiHarness& h) { return h.workbench().lesson_pane().shown_dialog(); }
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void go_to(GuiHarness& h, int target) {
  while (step(h) < target) h.press(kKeyRight);
  REQUIRE(step(h) == target);
}

void push(GuiHarness& h, Command command) {
  h.workbench().commands().push(std::move(command));
  h.frame();
  h.settle();  // a restart runs on the worker; the dialog, if any, opens in the frame after
}

// What a pane noted about a name in the last frame, every note joined.
std::string notes(GuiHarness& h, const char* pane, const std::string& name) {
  std::string text;
  for (const DrawnNote& drawn : h.probe().notes)
    if (drawn.pane == pane && drawn.name == name) text += drawn.text + "\n";
  return text;
}

std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

}  // namespace

TEST_CASE("the name scan: reads before assignments, assignments of every kind") {
  const CodeNames names = scan_code_names(
      "import numpy as np, array\n"
      "from struct import pack as p, unpack\n"
      "x = y + 1  # z is a comment\n"
      "a, (b, c) = d[0], f\"{e!r:>8}\"\n"
      "g[i] = h.attr(key=k)\n"
      "x += x\n"
      "for n in range(m): total = [q for q in n]\n"
      "with open(path) as fh: pass\n"
      "s = 'y' \"\"\"z\n x\"\"\"\n");
  const std::vector<std::string> reads = {"y", "d", "e", "g", "i", "h", "k", "range", "m", "open", "path"};
  const std::vector<std::string> assigns = {"np", "array", "p", "unpack", "x", "a", "b", "c", "n", "total", "fh", "s"};
  auto words = [](const std::vector<std::string>& list) {
    std::string text;
    for (const std::string& word : list) text += word + " ";
    return text;
  };
  CHECK(words(names.reads) == words(reads));
  CHECK(words(names.assigns) == words(assigns));
}

TEST_CASE("the name scan: del unbinds bare names and reads the rest") {
  const CodeNames names = scan_code_names("del a, b[k], c.attr, (d)\n");
  CHECK(names.deletes == std::vector<std::string>{"a", "d"});
  CHECK(names.reads == std::vector<std::string>{"b", "k", "c"});
  CHECK(names.assigns.empty());
}

TEST_CASE("Next at a lesson's last step: the next lesson, then at the last one the course is done") {
  GuiHarness h;
  open_from_catalog(h, "02-numpy-cast-one-byte.md");
  const auto& catalog = h.state().lesson.catalog;
  REQUIRE(catalog.size() >= 3);
  go_to(h, h.state().lesson.step_count() - 1);
  h.press(kKeyRight);
  h.frame();
  REQUIRE(h.state().lesson.lesson);
  CHECK(std::filesystem::equivalent(h.state().lesson.lesson->source_path, catalog[2].path));
  CHECK(step(h) == 0);
  CHECK(note(h) == "next lesson: " + catalog[2].title);
  CHECK(has(h.transcript(), "# next lesson: " + catalog[2].title));
  h.press(kKeyRight);  // a step further: the note has done its job
  CHECK(note(h).empty());

  // Page Down, as a clicker sends, at the last step of the last lesson.
  open_lesson_file(h, catalog.back().path);
  go_to(h, h.state().lesson.step_count() - 1);
  h.press(kKeyPageDown);
  h.press(kKeyPageDown);
  CHECK(std::filesystem::equivalent(h.state().lesson.lesson->source_path, catalog.back().path));
  CHECK(step(h) == h.state().lesson.step_count() - 1);
  CHECK(has(note(h), "the course is done"));
  CHECK(count_of(h.transcript(), "the course is done") == 1);  // said once, however often pressed
}

TEST_CASE("Next at the last step of a lesson opened from a file: no next lesson") {
  const std::filesystem::path file = std::filesystem::temp_directory_path() / "bufferlab_flow_lesson.md";
  std::ofstream(file) << "# A lesson of my own\n\nOne step.\n\n```python\nmine = 1\n```\n";
  GuiHarness h;
  h.workbench().set_lesson_catalog(lesson_catalog(kLessons));
  open_lesson_file(h, file.string());
  h.press(kKeyRight);
  CHECK(h.state().lesson.lesson->title == "A lesson of my own");
  CHECK(has(note(h), "no next lesson"));
  std::filesystem::remove(file);
}

TEST_CASE("a step whose names come from skipped steps offers to run them first, and a second run says so") {
  GuiHarness h;
  open_lesson_file(h, lesson_path("05-array-array.md"));
  const int restore = step_with(h, "restored");
  go_to(h, restore);  // Next without Run: arr was never made

  h.press(kKeyEnter, true);  // Ctrl+Enter runs the step... or offers the steps before it
  h.frame();
  CHECK(has(dialog(h), "reads arr"));
  CHECK(has(dialog(h), "steps 1, 2"));
  CHECK_FALSE(h.state().cell_running);
  CHECK_FALSE(h.state().lesson.current_run());
  h.press(kKeyEscape);  // declined: nothing ran
  h.frame();
  CHECK(dialog(h).empty());
  CHECK_FALSE(h.state().lesson.current_run());

  h.press(kKeyEnter, true);
  h.frame();
  REQUIRE(has(dialog(h), "reads arr"));
  h.press(kKeyEnter);  // taken: steps 1 and 2 run, then this one
  h.settle();
  CHECK_FALSE(has(h.transcript(), "NameError"));
  CHECK(step(h) == restore);
  for (int i = 0; i <= restore; ++i) CHECK(h.state().lesson.runs[static_cast<std::size_t>(i)].has_value());
  CHECK(has(h.transcript(), "restored: array('I', [0, 1, 2, 3, 4])"));
  CHECK(h.workbench().lesson_pane().shown_outcome() == "\u2714 ran as the lesson intends");

  // Again: byteswap undoes the restore, so the lesson's intent is not claimed.
  h.press(kKeyEnter, true);
  h.settle();
  CHECK(h.workbench().lesson_pane().shown_outcome() == "ran again: the output may differ from the lesson's");
  CHECK(dialog(h).empty());  // arr is there now: no offer
}

TEST_CASE("restart and switching ask before forgetting typed names: Enter or Y go on, Escape keeps them") {
  GuiHarness h;
  open_from_catalog(h, "03-bytes-and-slices.md");

  push(h, RestartLesson{});  // nothing typed: no question
  CHECK(dialog(h).empty());
  CHECK(count_of(h.transcript(), "# restarted") == 1);

  h.submit("mine = bytearray(b'kept')");
  push(h, RestartLesson{});
  CHECK(has(dialog(h), "mine"));
  h.press(kKeyEscape);
  h.frame();
  CHECK(dialog(h).empty());
  CHECK(count_of(h.transcript(), "# restarted") == 1);
  CHECK(h.view("mine") >= 0);

  push(h, RestartLesson{});
  REQUIRE(has(dialog(h), "mine"));
  h.press('Y');
  h.settle();
  CHECK(count_of(h.transcript(), "# restarted") == 2);
  CHECK(h.view("mine") < 0);

  // A switch from the picker, after typing again; Enter confirms.
  h.submit("again = bytearray(3)");
  // A file that does not load says so at once: no question, nothing forgotten.
  push(h, OpenLesson{(std::filesystem::temp_directory_path() / "bufferlab_no_such_lesson.md").string()});
  CHECK(dialog(h).empty());
  CHECK(has(h.state().lesson.load_error, "cannot open lesson"));
  CHECK(h.view("again") >= 0);
  const std::string other = h.state().lesson.catalog.front().path;
  push(h, OpenLesson{other});
  CHECK(has(dialog(h), "again"));
  CHECK_FALSE(std::filesystem::equivalent(h.state().lesson.lesson->source_path, other));
  h.press(kKeyEnter);
  h.settle();
  CHECK(std::filesystem::equivalent(h.state().lesson.lesson->source_path, other));
  CHECK(h.state().lesson.load_error.empty());
  CHECK(h.view("again") < 0);

  // Nothing typed since: the picker switches at once.
  push(h, OpenLesson{h.state().lesson.catalog[1].path});
  CHECK(dialog(h).empty());
  CHECK(std::filesystem::equivalent(h.state().lesson.lesson->source_path, h.state().lesson.catalog[1].path));
}

TEST_CASE("typed names the lesson never uses can be kept through a restart or a switch (K)") {
  GuiHarness h;
  open_from_catalog(h, "03-bytes-and-slices.md");
  go_to(h, 1);
  h.submit("mine = bytearray(b'kept')\ndata = 1");
  push(h, RestartLesson{});
  // `data` is the lesson's own name: keeping it could change what the lesson does.
  REQUIRE(has(dialog(h), "mine"));
  CHECK_FALSE(has(dialog(h), "can stay"));
  h.press('K');
  h.frame();
  CHECK(has(dialog(h), "mine"));  // K is not an answer here
  h.press(kKeyEscape);
  h.frame();

  h.submit("del data");
  h.submit("other = memoryview(mine)");
  push(h, RestartLesson{});
  REQUIRE(has(dialog(h), "can stay"));
  h.press('K');
  h.settle();
  CHECK(dialog(h).empty());
  CHECK(step(h) == 0);
  CHECK(has(h.transcript(), "# restarted: a fresh namespace but for"));
  CHECK(h.view("mine") >= 0);
  CHECK(h.view("other") >= 0);
  h.submit("print(bytes(other), 'mv' in globals())");
  CHECK(has(h.transcript(), "b'kept' False\n"));

  // Still the teacher's names: a switch asks again, and Enter forgets them.
  push(h, OpenLesson{h.state().lesson.catalog.front().path});
  REQUIRE(has(dialog(h), "mine"));
  h.press(kKeyEnter);
  h.settle();
  CHECK(h.view("mine") < 0);
}

TEST_CASE("the console has the keyboard from the start, and the lesson's keys work over its empty input") {
  GuiHarness h;
  open_from_catalog(h, "03-bytes-and-slices.md");
  for (int i = 0; i < 10 && !h.io().WantTextInput; ++i) h.frame();
  REQUIRE(h.io().WantTextInput);
  h.press(kKeyPageDown);
  CHECK(step(h) == 1);
  h.press(kKeyRight);
  CHECK(step(h) == 2);
  h.press(kKeyLeft);
  h.press(kKeyPageUp);
  CHECK(step(h) == 0);
  // Ctrl+Enter runs the step and leaves no newline in the empty input, which keeps the keyboard.
  h.press(kKeyEnter, true);
  h.settle();
  CHECK(h.state().lesson.runs[0].has_value());
  CHECK(h.workbench().console().input().empty());
  for (int i = 0; i < 10 && !h.io().WantTextInput; ++i) h.frame();
  // With text typed, the keys are the field's.
  h.type("x");
  h.press(kKeyPageDown);
  h.press(kKeyLeft);
  CHECK(step(h) == 0);
  CHECK(h.workbench().console().input() == "x");
}

TEST_CASE("a released memoryview and a closed mmap stay listed, marked, until deleted or rebound") {
  GuiHarness h;
  h.submit("b = bytearray(b'abc')");
  h.submit("v = memoryview(b)");
  h.submit("v.release()");
  CHECK(has(notes(h, "Views", "v"), "is released"));
  CHECK(has(notes(h, "Sharing", "v"), "released: no bytes"));
  h.submit("del v");
  CHECK(notes(h, "Views", "v").empty());
  CHECK(notes(h, "Sharing", "v").empty());

  h.submit("v = memoryview(b)");
  h.submit("v.release()");
  CHECK(has(notes(h, "Sharing", "v"), "released"));
  h.submit("v = 5");
  CHECK(notes(h, "Views", "v").empty());
  CHECK(notes(h, "Sharing", "v").empty());

  h.submit("import mmap");
  h.submit("m = mmap.mmap(-1, 16)");
  h.submit("m.close()");
  CHECK(has(notes(h, "Views", "m"), "is closed"));
  CHECK(has(notes(h, "Sharing", "m"), "closed: no bytes"));
  h.submit("del m");
  CHECK(notes(h, "Sharing", "m").empty());
}

TEST_CASE("Sharing: reversed, stepped and transposed views show their order and gaps, and bars join the hover") {
  GuiHarness h;
  h.submit("b = bytearray(b'abcdef')");
  h.submit("r = memoryview(b)[::-1]");
  // Hovering r's element 0 highlights b's byte 5 in every pane; the bars holding it are marked.
  std::optional<DrawnButton> bar;
  for (const DrawnButton& drawn : h.probe().buttons)
    if (drawn.label == "bar r[0]") bar = drawn;
  REQUIRE(bar);
  h.move_to(GuiHarness::centre(bar->min, bar->max));
  h.frame();
  CHECK(h.highlighted("b", 5));
  CHECK(h.highlighted("r", 0));
  CHECK(has(notes(h, "Sharing", "b"), "highlighted: 5"));

  // The other way: b's element 1, pinned (as from the Views pane), marks r's bar 4, which holds it.
  h.workbench().commands().push(PinHighlight{HighlightSource::of_element(h.view("b"), 1)});
  h.move_to(ImVec2(2, 2));
  h.frame();
  CHECK(has(notes(h, "Sharing", "r"), "highlighted: 4"));
  h.workbench().commands().push(PinHighlight{});  // unpinned

  h.submit("s = memoryview(b)[::2]");
  CHECK(has(notes(h, "Sharing", "b"), "memory order: 0 1 2 3 4 5\n"));
  CHECK(has(notes(h, "Sharing", "r"), "memory order: 5 4 3 2 1 0\n"));
  CHECK(has(notes(h, "Sharing", "r"), "index order drawn"));
  CHECK_FALSE(has(notes(h, "Sharing", "b"), "index order drawn"));
  CHECK(has(notes(h, "Sharing", "s"), "gaps: 2 bytes"));

  h.submit("import numpy as np");
  h.submit("g = np.arange(6, dtype=np.int32).reshape(2, 3)");
  h.submit("t = g.T");
  CHECK(has(notes(h, "Sharing", "t"), "memory order: 0 2 4 1 3 5\n"));
}

}  // namespace bufferlab::testing

namespace bufferlab::testing {

TEST_CASE("a question asked while the layout hides the Lesson pane shows that pane until it is answered") {
  GuiHarness h;
  open_from_catalog(h, "03-bytes-and-slices.md");
  h.workbench().chrome().choose_preset(LayoutPreset::Memory);  // memory, views, Py_buffer
  h.frame();
  REQUIRE(h.workbench().placement().panes.size() == 3);
  h.submit("mine = bytearray(b'kept')");
  push(h, RestartLesson{});  // from the File menu, say
  h.frame();
  REQUIRE(h.workbench().chrome().focused() == PaneId::Lesson);
  CHECK(has(dialog(h), "mine"));
  h.press(kKeyEscape);  // keeps the names
  h.frame();
  CHECK(dialog(h).empty());
  CHECK(h.view("mine") >= 0);
  h.press(kKeyEscape);  // and back to the layout
  h.frame();
  CHECK_FALSE(h.workbench().chrome().focused().has_value());
}

}  // namespace bufferlab::testing

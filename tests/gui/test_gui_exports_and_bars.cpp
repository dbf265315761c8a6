// Headless GUI tests of what a step's run adds to the panes: the bars of measured times in the
// lesson pane (lesson 4 and a lesson written for the test), and export holds: the Views cards
// and the sharing diagram name who holds an export, and after a BufferError the holders carry
// the "blocks resizing" badge until the next cell (lesson 9, and the same code typed in).
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/gui/gui_lesson_steps.h"
#include "tests/support/process_helpers.h"
#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {

namespace {

const std::filesystem::path kLessons = std::filesystem::path(BUFFERLAB_SOURCE_DIR) / "assets/lessons";

bool noted(GuiHarness& h, const char* pane, const std::string& name, const std::string& text) {
  return std::any_of(h.probe().notes.begin(), h.probe().notes.end(), [&](const DrawnNote& note) {
    return note.pane == std::string(pane) && note.name == name && note.text == text;
  });
}

bool badge_anywhere(GuiHarness& h) {
  return std::any_of(h.probe().notes.begin(), h.probe().notes.end(),
                     [](const DrawnNote& note) { return note.text == kBlocksResizingBadge; });
}

}  // namespace

TEST_CASE("a step's bars: values read from its output, scaled to the longest, missing labels said") {
  ScratchDir scratch;
  write_file(scratch / "bars.md",
             "# Bars\n"
             "<!-- bars: Time (copy) as the copy | Time (view) as the view | Time (missing) -->\n"
             "```python\n"
             "print('Time (copy):', 0.04)\n"
             "print('Time (view):', 1.6e-05)\n"
             "```\n");
  GuiHarness h;
  open_lesson_file(h, (scratch / "bars.md").string());
  CHECK(h.workbench().lesson_pane().shown_bars().empty());  // nothing before Run

  run_through(h, 0);
  const LessonStepRun* run = h.state().lesson.current_run();
  REQUIRE(run);
  REQUIRE(run->bars.size() == 3);
  CHECK(run->bars[0].seconds == 0.04);
  CHECK(run->bars[1].seconds == 1.6e-05);
  CHECK_FALSE(run->bars[2].seconds);

  const auto& bars = h.workbench().lesson_pane().shown_bars();
  REQUIRE(bars.size() == 3);
  CHECK(bars[0].label == "Time (copy)");
  CHECK(bars[0].text == "40.0 ms");
  CHECK(bars[0].fraction == 1.0f);
  CHECK(bars[1].text == "16.0 \u00b5s");
  CHECK(bars[1].fraction == doctest::Approx(1.6e-05 / 0.04));
  CHECK(bars[2].text == "not found: no line of the output starts with 'Time (missing)'");
  CHECK(h.workbench().lesson_pane().shown_bar_ratio() == "the view was 2,500\u00d7 faster than the copy");
  CHECK_FALSE(run->problem);  // a missing bar is not a failed step

  // The next step has no bars; an edited run that prints nothing still draws without a crash.
  h.workbench().commands().push(RunLessonStep{0, "print('Time (copy): later')"});
  h.frame();
  h.settle();
  const auto& edited = h.workbench().lesson_pane().shown_bars();
  REQUIRE(edited.size() == 3);
  CHECK(edited[0].text == "not found: no number after 'Time (copy)' in the line 'Time (copy): later'");
  CHECK_FALSE(edited[1].seconds);
  CHECK(h.workbench().lesson_pane().shown_bar_ratio().empty());
}

TEST_CASE("lesson 4 shows the two slice times as bars") {
  GuiHarness h;
  open_lesson_file(h, (kLessons / "04-copy-versus-view.md").string());
  run_through(h, 0);
  const LessonStepRun* run = h.state().lesson.current_run();
  REQUIRE(run);
  CHECK_FALSE(run->problem);
  const auto& bars = h.workbench().lesson_pane().shown_bars();
  REQUIRE(bars.size() == 2);
  CHECK(bars[0].label == "Time (normal slice)");
  CHECK(bars[1].label == "Time (memoryview slice)");
  for (const auto& bar : bars) {
    REQUIRE(bar.seconds);
    CHECK(*bar.seconds >= 0.0);
    const bool has_unit = bar.text.ends_with(" s") || bar.text.ends_with(" ms") || bar.text.ends_with(" \u00b5s");
    CHECK_MESSAGE(has_unit, bar.text);
  }
  // The ratio compares the two, whichever was quicker on this machine (no timing is asserted).
  CHECK(h.workbench().lesson_pane().shown_bar_ratio().find("the ") == 0);
  // Tidy up the 149 MB before the next test.
  h.workbench().commands().push(RunLessonStep{0, "del data, s1, s2, mv"});
  h.frame();
  h.settle();
}

TEST_CASE("lesson 9: the view holding the export is shown, and after the BufferError it is badged") {
  GuiHarness h;
  open_lesson_file(h, (kLessons / "09-when-not-to-use-memoryview.md").string());
  run_through(h, 0);
  // Before any error: the link is there, no badge.
  CHECK(h.state().export_holds == std::vector<ExportHold>{{"mv", "buf", ""}});
  CHECK(noted(h, "Views", "buf", "exported to: mv"));
  CHECK(noted(h, "Views", "mv", "holds an export on buf"));
  CHECK(noted(h, "Sharing", "mv", "export on buf"));
  CHECK_FALSE(badge_anywhere(h));

  const int resize = step_with(h, "buf.append(ord(\"!\"))");
  run_through(h, resize);
  REQUIRE(h.state().lesson.current_run());
  CHECK(h.state().lesson.current_run()->error_type == "BufferError");
  CHECK(h.state().resize_refused_on == std::vector<std::string>{"buf"});
  CHECK(h.state().blocks_resizing("mv"));
  CHECK(noted(h, "Views", "mv", kBlocksResizingBadge));
  CHECK(noted(h, "Sharing", "mv", kBlocksResizingBadge));
  CHECK_FALSE(noted(h, "Views", "buf", kBlocksResizingBadge));  // the exporter is not the holder
  // It stays while nothing else runs.
  for (int i = 0; i < 30; ++i) h.frame();
  CHECK(noted(h, "Views", "mv", kBlocksResizingBadge));

  // mv.release(): the released view exports nothing and drops out; the append works.
  const int release = step_with(h, "mv.release()");
  run_through(h, release);
  CHECK_FALSE(h.state().lesson.current_run()->raised);
  CHECK(h.view("mv") < 0);
  CHECK(h.state().export_holds.empty());
  CHECK_FALSE(badge_anywhere(h));
  CHECK_FALSE(noted(h, "Views", "buf", "exported to: mv"));
}

TEST_CASE("typed in the console: the badge marks the holders of the resized object, until the next cell") {
  GuiHarness h;
  h.submit("import array, numpy as np");
  h.submit("buf = bytearray(b'Hello world!')");
  h.submit("mv = memoryview(buf)");
  h.submit("part = mv[6:]");
  h.submit("arr = np.frombuffer(buf, dtype='u1')");
  h.submit("view_of_arr = arr[2:]");
  h.submit("nums = array.array('i', [1, 2, 3])");
  h.submit("nv = memoryview(nums)");
  const auto& holds = h.state().export_holds;
  auto held = [&](const ExportHold& hold) { return std::find(holds.begin(), holds.end(), hold) != holds.end(); };
  CHECK(held({"mv", "buf", ""}));
  CHECK(held({"part", "buf", ""}));
  CHECK(held({"arr", "buf", ""}));               // through numpy's own unnamed memoryview
  CHECK(held({"view_of_arr", "buf", "arr"}));    // arr keeps the export alive for it
  CHECK_FALSE(held({"view_of_arr", "arr", ""}));  // a numpy view holds a reference, not an export
  CHECK(held({"nv", "nums", ""}));
  CHECK(noted(h, "Views", "buf", "exported to: mv, part, arr, view_of_arr (through arr)"));

  h.submit("buf.extend(b'?')");
  CHECK(h.transcript().find("BufferError") != std::string::npos);
  // Only the holders on buf, which the cell resized; nv holds an export on nums, not on buf.
  for (const char* name : {"mv", "part", "arr", "view_of_arr"}) CHECK_MESSAGE(h.state().blocks_resizing(name), name);
  CHECK_FALSE(h.state().blocks_resizing("nv"));
  CHECK(noted(h, "Sharing", "part", kBlocksResizingBadge));

  // Any next cell ends it, even one that changes nothing.
  h.submit("1 + 1");
  CHECK_FALSE(badge_anywhere(h));
  CHECK(h.state().resize_refused_on.empty());

  // A BufferError in code that names no exporter: every holder is pointed out.
  h.submit("grow = lambda: nums.append(0)");
  h.submit("grow()");
  CHECK(h.state().blocks_resizing("nv"));
  CHECK(h.state().blocks_resizing("mv"));
}

}  // namespace bufferlab::testing

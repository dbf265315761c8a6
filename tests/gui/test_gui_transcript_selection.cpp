// The console's transcript as text to take away: a drag selects (across lines and wrapped
// rows), Ctrl+C copies a selection without interrupting the running cell (and interrupts when
// there is none), a double-click takes a word, Ctrl+A everything; a selection follows lines
// leaving the front; SaveTranscript writes the transcript as text, or says why it could not.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/controller/transcript_file.h"
#include "app/widgets/text_view.h"
#include "tests/gui/headless_imgui.h"
#include "tests/gui/test_gui_harness.h"
#include "tests/support/process_helpers.h"

namespace bufferlab::testing {

namespace {

// The transcript line (index) whose text starts with `start`, searching from the end.
std::size_t line_starting(GuiHarness& h, const std::string& start) {
  const auto& lines = h.state().transcript;
  for (std::size_t i = lines.size(); i-- > 0;)
    if (lines[i].text.starts_with(start)) return i;
  FAIL("no transcript line starts with " << start);
  return 0;
}

ImVec2 point_of(GuiHarness& h, std::size_t line, std::size_t offset) {
  return h.workbench().console().transcript_point(h.state(), TextPosition{line, offset});
}

// A press at `from`, a move in steps to `to`, a release: as a hand drags.
void drag(GuiHarness& h, ImVec2 from, ImVec2 to) {
  h.move_to(from);
  h.io().MouseDown[0] = true;
  h.frame();
  for (int step = 1; step <= 4; ++step) {
    const float t = static_cast<float>(step) / 4.0f;
    h.move_to(ImVec2(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t));
  }
  h.io().MouseDown[0] = false;
  h.frame();
}

// The middle of the console's input field, as the last frame drew it.
ImVec2 input_point(GuiHarness& h) {
  for (const RecordedItem& item : h.probe().ui.items)
    if (item.label == "console input") return GuiHarness::centre(item.min, item.max);
  FAIL("the console input was not drawn");
  return ImVec2();
}

std::string clipboard() {
  const char* text = ImGui::GetClipboardText();
  return text ? text : "";
}

}  // namespace

TEST_CASE("a drag over the transcript selects across lines, and Ctrl+C copies exactly that") {
  GuiHarness h;
  h.submit("print('alpha beta')\nprint('gamma delta')");
  const std::size_t first = line_starting(h, "alpha beta");
  REQUIRE(h.state().transcript[first + 1].text == "gamma delta\n");
  drag(h, point_of(h, first, 6), point_of(h, first + 1, 5));
  CHECK(h.workbench().console().transcript_has_selection());
  CHECK(h.workbench().console().transcript_selection(h.state()) == "beta\ngamma");
  ImGui::SetClipboardText("");
  h.press('C', true);
  CHECK(clipboard() == "beta\ngamma");
  CHECK_FALSE(h.workbench().console().transcript_has_selection());  // a second Ctrl+C interrupts

  // A double-click takes a word; a click without a drag leaves the selection.
  h.double_click(ImVec2(point_of(h, first + 1, 8).x + 2.0f, point_of(h, first + 1, 8).y));
  CHECK(h.workbench().console().transcript_selection(h.state()) == "delta");
  h.click(point_of(h, first, 2));
  CHECK_FALSE(h.workbench().console().transcript_has_selection());

  // Shift+click extends from where the last press was.
  h.io().KeyShift = true;
  h.click(point_of(h, first + 1, 2));
  h.io().KeyShift = false;
  CHECK(h.workbench().console().transcript_selection(h.state()) == "pha beta\nga");
}

TEST_CASE("a selection across the rows of a wrapped line copies the line's own text") {
  GuiHarness h;
  h.submit("print(' '.join(f'w{i:03d}' for i in range(80)))");
  const std::size_t line = line_starting(h, "w000 w001");
  const std::string text = h.state().transcript[line].text;
  REQUIRE(text.size() == 400);  // 399 characters and the newline
  const ImVec2 from = point_of(h, line, 7), to = point_of(h, line, 352);
  REQUIRE(to.y > from.y);  // wrapped: the end is some rows further down
  drag(h, from, to);
  CHECK(h.workbench().console().transcript_selection(h.state()) == text.substr(7, 345));
  h.press('C', true);
  CHECK(clipboard() == text.substr(7, 345));
}

TEST_CASE("a right-click on the transcript offers Copy and Select all") {
  GuiHarness h;
  h.submit("print('menu line')");
  const std::size_t line = line_starting(h, "menu line");
  drag(h, point_of(h, line, 0), point_of(h, line, 4));
  REQUIRE(h.workbench().console().transcript_selection(h.state()) == "menu");
  h.move_to(point_of(h, line, 2));
  h.io().MouseDown[1] = true;
  h.frame();
  h.io().MouseDown[1] = false;
  h.frame();
  h.frame();
  const auto item_point = [&](const std::string& label) -> std::optional<ImVec2> {
    for (const RecordedItem& item : h.probe().ui.items)
      if (item.label == label) return GuiHarness::centre(item.min, item.max);
    return std::nullopt;
  };
  REQUIRE(item_point("Copy"));
  CHECK(h.workbench().console().transcript_has_selection());  // the right-click kept it
  ImGui::SetClipboardText("");
  h.click(*item_point("Copy"));
  CHECK(clipboard() == "menu");

  h.move_to(point_of(h, line, 2));
  h.io().MouseDown[1] = true;
  h.frame();
  h.io().MouseDown[1] = false;
  h.frame();
  h.frame();
  REQUIRE(item_point("Select all"));
  h.click(*item_point("Select all"));
  CHECK(h.workbench().console().transcript_selection(h.state()).starts_with("Buffer Lab."));
  CHECK(h.workbench().console().transcript_selection(h.state()).ends_with("menu line"));
}

TEST_CASE("Ctrl+C with a selection copies and leaves a running cell running, without one it interrupts") {
  GuiHarness h;
  h.submit("print('keep me')");
  h.workbench().submit("import time; time.sleep(60)");
  h.frame();
  REQUIRE(frames_until(h, [&] { return h.session().busy(); }));
  const std::size_t line = line_starting(h, "keep me");
  drag(h, point_of(h, line, 0), point_of(h, line, 7));
  REQUIRE(h.workbench().console().transcript_selection(h.state()) == "keep me");
  h.press('C', true);
  CHECK(clipboard() == "keep me");
  for (int i = 0; i < 10; ++i) h.frame();
  CHECK(h.workbench().busy());
  CHECK(h.transcript().find("KeyboardInterrupt") == std::string::npos);

  h.press('C', true);  // nothing selected now: as Stop
  CHECK(h.transcript().find("KeyboardInterrupt pending") != std::string::npos);
  CHECK(frames_until(h, [&] { return !h.workbench().busy(); }));
}

TEST_CASE("Ctrl+A in the transcript selects it all, and the input's Ctrl+C still drops a typed block") {
  GuiHarness h;
  h.submit("print('one')");
  const std::size_t line = line_starting(h, "one");
  h.click(point_of(h, line, 1));
  h.press('A', true);
  std::string all;
  for (std::size_t i = 0; i < h.state().transcript.size(); ++i) {
    std::string text = h.state().transcript[i].text;
    if (!text.empty() && text.back() == '\n') text.pop_back();
    all += (i ? "\n" : "") + text;
  }
  CHECK(h.workbench().console().transcript_selection(h.state()) == all);

  // Back in the input, the selection goes and Ctrl+C is the prompt's again.
  h.click(input_point(h));
  h.type("for i in range(3):");
  h.press(kKeyEnter);
  REQUIRE(h.state().continuation());
  h.press('C', true);
  CHECK_FALSE(h.workbench().console().transcript_has_selection());
  CHECK_FALSE(h.state().continuation());
  CHECK(h.transcript().find("KeyboardInterrupt\n") != std::string::npos);
}

TEST_CASE("a selection in the console follows lines leaving the front, and goes when they are cleared") {
  GuiHarness h;
  h.submit("print('\\n'.join(f'n{i:05d}' for i in range(19990)))");
  const std::size_t line = line_starting(h, "n19985");
  drag(h, point_of(h, line, 1), point_of(h, line + 2, 3));
  REQUIRE(h.workbench().console().transcript_selection(h.state()) == "19985\nn19986\nn19");
  h.submit("print('\\n'.join(f'more {i}' for i in range(50)))");
  REQUIRE(h.state().transcript.size() == AppState::kTranscriptLineLimit);
  CHECK(h.workbench().console().transcript_selection(h.state()) == "19985\nn19986\nn19");
  h.workbench().commands().push(ClearTranscript{});
  h.frame();
  CHECK_FALSE(h.workbench().console().transcript_has_selection());
}

TEST_CASE("the text view: a selection whose start left the front is clamped, changed lines drop it") {
  struct Lines : TextLineSource {
    std::vector<std::string> texts;
    std::size_t line_count() const override { return texts.size(); }
    TextViewLine line(std::size_t index) const override { return {texts[index], IM_COL32_WHITE}; }
  } lines;
  HeadlessImGui imgui;
  TextView view;
  auto frame = [&] {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(400, 300));
    ImGui::Begin("text");
    view.draw("##view", lines, ImVec2(0, 0));
    ImGui::End();
    ImGui::Render();
  };
  for (int i = 0; i < 100; ++i) lines.texts.push_back("line " + std::to_string(i) + " \xc3\xa9t\xc3\xa9");
  frame();
  view.select_all();
  CHECK(view.selection_end() == TextPosition{99, lines.texts[99].size()});
  lines.texts.erase(lines.texts.begin(), lines.texts.begin() + 10);  // ten lines leave the front
  lines.texts.push_back("new");
  frame();
  std::string expected;
  for (std::size_t i = 0; i < 90; ++i) expected += lines.texts[i] + (i + 1 < 90 ? "\n" : "");
  CHECK(view.selected_text(lines) == expected);
  lines.texts[89] = "changed";  // the line the selection ends in changed
  frame();
  CHECK_FALSE(view.has_selection());
  view.select_all();
  lines.texts.clear();
  frame();
  CHECK_FALSE(view.has_selection());
  CHECK(view.selected_text(lines).empty());
}

TEST_CASE("SaveTranscript writes the transcript as text, and an unwritable path gives a note") {
  GuiHarness h;
  ScratchDir scratch;
  h.submit("print('saved line')\nfor i in range(2):\n    print(i)\n");
  const std::string expected = transcript_text(h.state().transcript);
  CHECK(expected.find(">>> print('saved line')\n") != std::string::npos);
  CHECK(expected.find("... for i in range(2):\n") != std::string::npos);
  const std::string path = (scratch / "transcript.txt").string();
  h.workbench().commands().push(SaveTranscript{path});
  h.frame();
  CHECK(read_file(path) == expected);
  CHECK(h.transcript().find("(transcript saved to " + path + ")") != std::string::npos);
  // Only the file itself is left behind: its temporary was renamed into place.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(scratch / "")) ++files;
  CHECK(files == 1);

  h.workbench().commands().push(SaveTranscript{(scratch / "no such folder" / "t.txt").string()});
  h.frame();
  CHECK(h.transcript().find("(transcript not saved: cannot write '") != std::string::npos);
  h.workbench().commands().push(SaveTranscript{(scratch / "").string()});
  h.frame();
  CHECK(h.transcript().find("it is a directory") != std::string::npos);
  h.submit("print('still here')");
  CHECK(h.transcript().find("still here\n") != std::string::npos);
}

}  // namespace bufferlab::testing

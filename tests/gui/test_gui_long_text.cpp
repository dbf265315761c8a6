// Text of any length in the window: console lines of 20,000 and 1,000,000 characters and many
// long lines at once are drawn wrapped within a draw list's 16-bit vertex limit, kept whole in
// the model, and laid out once (a frame without new text does no layout); a lesson's long fenced
// line likewise. Also the row wrapper itself.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "app/widgets/text_view.h"
#include "tests/gui/gui_lesson_steps.h"
#include "tests/gui/headless_imgui.h"
#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {

namespace {

constexpr int kVertexLimit = 1 << 16;

const TextView& transcript_view(GuiHarness& h) { return h.workbench().console().transcript_view(); }

// Python's str(list(range(count))).
std::string printed_range(int count) {
  std::string text = "[";
  for (int i = 0; i < count; ++i) text += (i ? ", " : "") + std::to_string(i);
  return text + "]";
}

// Frames with nothing new: the transcript is laid out no further and stays within the limit.
void check_steady(GuiHarness& h) {
  const std::size_t laid_out = transcript_view(h).bytes_laid_out();
  h.frame();
  h.frame();
  CHECK(transcript_view(h).bytes_laid_out() == laid_out);
  CHECK(GuiHarness::largest_draw_list() < kVertexLimit);
  CHECK_FALSE(transcript_view(h).stopped_at_vertex_limit());
}

// A lesson file in the temporary directory, removed when the test ends.
struct TemporaryLesson {
  std::filesystem::path path;
  explicit TemporaryLesson(const std::string& text)
      : path(std::filesystem::temp_directory_path() / ("bufferlab-long-text-" + std::to_string(::getpid()) + ".md")) {
    std::ofstream(path) << text;
  }
  ~TemporaryLesson() { std::filesystem::remove(path); }
};

}  // namespace

TEST_CASE("print(list(range(5000))): one 24,000-character line, wrapped, drawn within the vertex limit") {
  GuiHarness h;
  h.submit("print(list(range(5000)))");
  CHECK(GuiHarness::largest_draw_list() < kVertexLimit);
  CHECK(h.transcript().find(printed_range(5000) + "\n") != std::string::npos);  // kept whole
  const TextView& view = transcript_view(h);
  CHECK(view.row_count() > 100);  // wrapped into many rows
  CHECK(view.rows_drawn() > 0);
  CHECK(view.rows_drawn() < 200);  // only those in sight
  CHECK(view.last_row_in_sight() + 1 == view.row_count());  // scrolled to the bottom
  check_steady(h);
}

TEST_CASE("print(bytes(range(256)) * 40): a long line without spaces is cut at the width") {
  GuiHarness h;
  h.submit("data = bytes(range(256)) * 40\nprint(data)\nprint(len(repr(data)))");
  CHECK(GuiHarness::largest_draw_list() < kVertexLimit);
  CHECK(h.transcript().find("b'\\x00\\x01\\x02") != std::string::npos);
  CHECK(transcript_view(h).row_count() > 100);
  check_steady(h);
  // The line is whole in the model: as long as Python's repr of it.
  std::size_t longest = 0;
  for (const TranscriptLine& line : h.state().transcript) longest = std::max(longest, line.text.size());
  const std::string counted = h.transcript().substr(h.transcript().rfind('\n', h.transcript().size() - 2) + 1);
  CHECK(longest == std::stoul(counted) + 1);  // with its newline
}

TEST_CASE("a pasted line of 1,000,000 characters: its echo and its output are drawn, bounded") {
  GuiHarness h;
  const std::string word(1000000, 'a');
  h.submit("s = '" + word + "'");
  CHECK(GuiHarness::largest_draw_list() < kVertexLimit);
  CHECK(h.transcript().find(">>> s = '" + word + "'\n") != std::string::npos);
  check_steady(h);
  h.submit("print(s)");
  CHECK(GuiHarness::largest_draw_list() < kVertexLimit);
  CHECK(h.transcript().find("\n" + word + "\n") != std::string::npos);
  check_steady(h);
  // A row never holds more than the byte limit, whatever the width.
  CHECK(transcript_view(h).row_count() >= 2 * word.size() / TextView::kMaxRowBytes);
}

TEST_CASE("200 lines of 20,000 characters in one frame: bounded, and laid out once") {
  GuiHarness h;
  h.submit("print('\\n'.join(f'{i:05d} ' + 'xy ' * 6665 for i in range(200)))");
  CHECK(GuiHarness::largest_draw_list() < kVertexLimit);
  CHECK_FALSE(transcript_view(h).stopped_at_vertex_limit());
  const std::string transcript = h.transcript();
  CHECK(transcript.find("00000 xy xy") != std::string::npos);
  CHECK(transcript.find("00199 xy xy") != std::string::npos);
  check_steady(h);
  // Each byte was laid out about once (the submitted cell's echo and the output), not per frame.
  const std::size_t output = 200 * (6 + 3 * 6665);
  CHECK(transcript_view(h).bytes_laid_out() < output + output / 10);

  // More output lays out only the new text.
  const std::size_t before = transcript_view(h).bytes_laid_out();
  h.submit("print('tail')");
  CHECK(transcript_view(h).bytes_laid_out() - before < 200);
  CHECK(transcript_view(h).last_row_in_sight() + 1 == transcript_view(h).row_count());
}

TEST_CASE("a line that keeps growing is laid out again only from its last row") {
  // The view alone in a headless frame, over lines the test changes between frames.
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
    CHECK(GuiHarness::largest_draw_list() < kVertexLimit);
  };

  lines.texts = {"first", std::string(50000, 'z')};
  frame();
  frame();
  const std::size_t laid_out = view.bytes_laid_out();
  CHECK(laid_out == 50005);
  const std::size_t rows = view.row_count();
  lines.texts.back() += std::string(10, 'q');  // output continued the open line
  frame();
  CHECK(view.bytes_laid_out() - laid_out < 200);
  CHECK(view.row_count() >= rows);
  CHECK(view.last_row_in_sight() + 1 == view.row_count());  // it followed the new text

  lines.texts.erase(lines.texts.begin());  // the first line left: the long one keeps its rows
  lines.texts.push_back("new");
  const std::size_t before = view.bytes_laid_out();
  frame();
  CHECK(view.bytes_laid_out() - before == 3);
  lines.texts.clear();  // cleared
  frame();
  CHECK(view.row_count() == 0);
}

TEST_CASE("at the transcript's line limit, lines leaving the front keep the others' layout") {
  GuiHarness h;
  h.submit("print('\\n'.join(str(i) for i in range(20000)))");
  h.submit("print('w' * 30000)");
  const std::size_t before = transcript_view(h).bytes_laid_out();
  h.submit("print('\\n'.join(f'more {i}' for i in range(50)))");
  REQUIRE(h.state().transcript.size() == AppState::kTranscriptLineLimit);
  // Only the new lines were laid out, not the 30,000-character line that moved up.
  CHECK(transcript_view(h).bytes_laid_out() - before < 2000);
  CHECK(GuiHarness::largest_draw_list() < kVertexLimit);
  check_steady(h);
}

TEST_CASE("the console's transcript keeps scrolling to the bottom and is laid out again on resize") {
  GuiHarness h;
  h.submit("print(list(range(3000)))");
  const std::size_t rows = transcript_view(h).row_count();
  h.resize(ImVec2(1600, 900));
  CHECK(transcript_view(h).row_count() < rows);  // wider: fewer rows
  CHECK(GuiHarness::largest_draw_list() < kVertexLimit);
  h.submit("print('last')");
  CHECK(transcript_view(h).last_row_in_sight() + 1 == transcript_view(h).row_count());
}

TEST_CASE("rows: broken after a space, cut where a word reaches the edge, capped in bytes") {
  HeadlessImGui imgui;
  ImGuiIO& io = ImGui::GetIO();
  const ImFont& font = *io.Fonts->Fonts[0];
  const float advance = font.GetCharAdvance('x');  // a monospace font
  std::vector<std::size_t> rows;

  wrap_text_rows("hello world and more", 0, advance * 10.0f, font, font.FontSize, rows);
  CHECK(rows == std::vector<std::size_t>{0, 6, 16});  // "hello ", "world and " (10), "more"

  rows.clear();
  const std::string word(100000, 'x');
  wrap_text_rows(word, 0, advance * 10.0f, font, font.FontSize, rows);
  CHECK(rows.size() == 10000);
  CHECK(rows[1] == 10);

  rows.clear();  // no width at all ('\r'): rows are capped in bytes
  wrap_text_rows(std::string(10000, '\r'), 0, advance * 10.0f, font, font.FontSize, rows);
  CHECK(rows.size() == 5);
  CHECK(rows[1] == TextView::kMaxRowBytes);

  rows.clear();  // a UTF-8 character is never split
  wrap_text_rows("\xC3\xA9\xC3\xA9\xC3\xA9", 0, advance * 2.0f, font, font.FontSize, rows);
  CHECK(rows == std::vector<std::size_t>{0, 4});

  rows = {0};  // resuming from a row start gives what laying out the whole would
  wrap_text_rows(word.substr(0, 35), 10, advance * 10.0f, font, font.FontSize, rows);
  CHECK(rows == std::vector<std::size_t>{0, 10, 20, 30});
}

TEST_CASE("a lesson whose narration has a 12,000-character fenced line: drawn, then no new layout") {
  const std::string line(12000, '#');
  TemporaryLesson lesson("# Long\n\nBefore the block.\n\n```text\n" + line + "\n```\n\nAfter it.\n");
  GuiHarness h;
  open_lesson_file(h, lesson.path.string());
  h.frame();
  CHECK(GuiHarness::largest_draw_list() < kVertexLimit);
  const LessonPane& pane = h.workbench().lesson_pane();
  const std::size_t layouts = pane.narration_layouts();
  CHECK(layouts >= 1);
  h.frame();
  h.frame();
  CHECK(pane.narration_layouts() == layouts);
  CHECK(GuiHarness::largest_draw_list() < kVertexLimit);
}

TEST_CASE("a lesson's 20,000-character question and output answer are drawn within the limit") {
  TemporaryLesson lesson("# Long answer\n\nText.\n\n<!-- predict: " + std::string(20000, 'p') +
                         " -->\n```python\nprint('ab ' * 7000)\n```\n");
  GuiHarness h;
  open_lesson_file(h, lesson.path.string());
  run_through(h, 0);
  h.frame();
  const LessonPane& pane = h.workbench().lesson_pane();
  CHECK(pane.question_shown());
  CHECK(pane.shown_answer().size() == 3 * 7000);  // the output, without its last newline
  CHECK(GuiHarness::largest_draw_list() < kVertexLimit);
}

}  // namespace bufferlab::testing

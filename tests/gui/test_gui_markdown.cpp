// The narration painter: glyph substitutions, the word wrapper (greedy, linear) and drawing the
// parsed blocks in a headless ImGui context.
#include <imgui.h>

#include <doctest/doctest.h>

#include <string>

#include "app/widgets/markdown_painter.h"
#include "tests/gui/headless_imgui.h"

using namespace bufferlab;
using bufferlab::testing::HeadlessImGui;

namespace {

// A headless ImGui frame (no window, no GL) holding one window to draw in.
class HeadlessFrame {
 public:
  HeadlessFrame() {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(400, 300));
    ImGui::Begin("narration");
  }
  ~HeadlessFrame() {
    ImGui::End();
    ImGui::Render();
  }

 private:
  HeadlessImGui imgui_;  // made before the frame starts, destroyed after it ends
};

}  // namespace

TEST_CASE("emoji the font lacks are replaced or dropped") {
  CHECK(replace_missing_glyphs("\u2705 no copies") == "\u2714 no copies");
  CHECK(replace_missing_glyphs("\U0001F517 Enables") == "Enables");
  CHECK(replace_missing_glyphs("Output \U0001F50D:") == "Output :");
  CHECK(replace_missing_glyphs("\u26A0\uFE0F Important") == "\u26A0 Important");
  CHECK(replace_missing_glyphs("plain ascii") == "plain ascii");
}

TEST_CASE("word wrap: greedy by words, spaces never start a line, long words are cut") {
  // One unit per byte: easy to reason about.
  const auto measure = [](const InlineSpan&, std::string_view text) { return static_cast<float>(text.size()); };
  const InlineText text = {{"one two ", false, false, false}, {"three", true, false, false}, {" four", false, false, false}};
  const auto placed = wrap_inline(text, 10.0f, measure);
  // "one two " fits (8), "three" does not: the second line, and " four" just fits after it.
  REQUIRE(placed.size() == 3);
  CHECK(placed[0].text == "one two ");
  CHECK(placed[0].line == 0);
  CHECK(placed[1].text == "three");
  CHECK(placed[1].line == 1);
  CHECK(placed[1].x == 0.0f);
  CHECK(placed[2].text == " four");
  CHECK(placed[2].line == 1);
  CHECK(placed[2].x == 5.0f);
  CHECK(wrap_inline(text, 9.0f, measure).back().line == 2);  // one unit less: "four" goes down

  const auto cut = wrap_inline({{"abcdefghij", false, false, true}}, 4.0f, measure);
  REQUIRE(cut.size() == 3);
  CHECK(cut[0].text == "abcd");
  CHECK(cut[1].text == "efgh");
  CHECK(cut[2].text == "ij");
  CHECK(cut[2].line == 2);

  const auto broken = wrap_inline({{"a\nb", false, false, false}}, 50.0f, measure);
  REQUIRE(broken.size() == 2);
  CHECK(broken[1].line == 1);
}

TEST_CASE("word wrap is linear: a huge word is measured about once per character") {
  std::size_t measured = 0;
  const auto measure = [&](const InlineSpan&, std::string_view text) {
    measured += text.size();
    return static_cast<float>(text.size());
  };
  const std::string word(200000, 'x');
  const auto placed = wrap_inline({{word + " tail", false, false, false}}, 100.0f, measure);
  REQUIRE(placed.size() == 2001);
  CHECK(placed[1999].text == std::string(100, 'x') + " ");  // the last cut piece, its space after
  CHECK(placed[2000].text == "tail");
  CHECK(placed[2000].line == 2000);
  CHECK(measured <= 2 * word.size() + 16);

  // UTF-8 characters are never split: "é" is two bytes, two units wide here.
  const auto accents = wrap_inline({{"\xC3\xA9\xC3\xA9\xC3\xA9", false, false, false}}, 3.0f, measure);
  REQUIRE(accents.size() == 3);
  CHECK(accents[0].text == "\xC3\xA9");
}

TEST_CASE("draw_markdown paints every kind of block and moves the cursor past them") {
  HeadlessFrame frame;
  const auto blocks = parse_markdown_blocks(
      "# Title\n\nSome **bold** and `code`.\n\n- one\n- two\n\n> quoted\n\n```c\nint x;\n```\n\n"
      "| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n");
  REQUIRE(blocks.size() == 8);
  MarkdownLook look;
  look.text = look.dim = look.code_text = IM_COL32(255, 255, 255, 255);
  const float top = ImGui::GetCursorScreenPos().y;
  const int vertices_before = ImGui::GetWindowDrawList()->VtxBuffer.Size;
  draw_markdown(blocks, look);
  CHECK(ImGui::GetCursorScreenPos().y > top + 10.0f * ImGui::GetFontSize());
  CHECK(ImGui::GetWindowDrawList()->VtxBuffer.Size > vertices_before);
}

TEST_CASE("a huge code line is wrapped, and rows out of sight are not drawn") {
  HeadlessFrame frame;
  MarkdownBlock code;
  code.kind = MarkdownBlock::Kind::Code;
  code.code = std::string(100000, 'x');
  MarkdownLook look;  // visible ink: text with no alpha is not drawn at all
  look.code_text = look.code_background = IM_COL32_WHITE;
  const float top = ImGui::GetCursorScreenPos().y;
  const int vertices_before = ImGui::GetWindowDrawList()->VtxBuffer.Size;
  draw_markdown({code}, look);
  // Wrapped into many rows (the cursor went far down), but only the visible ones have glyphs:
  // far fewer than 4 vertices per character.
  CHECK(ImGui::GetCursorScreenPos().y - top > 100.0f * ImGui::GetFontSize());
  CHECK(ImGui::GetWindowDrawList()->VtxBuffer.Size - vertices_before > 1000);
  CHECK(ImGui::GetWindowDrawList()->VtxBuffer.Size - vertices_before < 40000);
}

TEST_CASE("a narration view lays out once: a 12,000-character fenced line, frame after frame") {
  HeadlessImGui imgui;
  ImGuiIO& io = ImGui::GetIO();
  MarkdownView view;
  view.set_blocks(parse_markdown_blocks("Some text.\n\n```text\n" + std::string(12000, 'x') + "\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"));
  MarkdownLook look;  // visible ink: text with no alpha is not drawn at all
  look.text = look.dim = look.code_text = look.code_background = look.rule = IM_COL32_WHITE;
  float window_width = 400.0f;
  int vertices = 0;
  float drawn_height = 0.0f;
  auto frame = [&] {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(window_width, 300));
    ImGui::Begin("narration");
    const float top = ImGui::GetCursorScreenPos().y;
    view.draw(look);
    drawn_height = ImGui::GetCursorScreenPos().y - top;
    vertices = ImGui::GetWindowDrawList()->VtxBuffer.Size;
    ImGui::End();
    ImGui::Render();
  };
  frame();
  frame();  // the window's scrollbar came with the text: one more layout for the narrower width
  const std::size_t layouts = view.layouts_made();
  CHECK(layouts <= 2);
  CHECK(drawn_height > 100.0f * ImGui::GetFontSize());  // wrapped into many rows
  CHECK(vertices > 100);
  CHECK(vertices < 40000);  // only the rows in sight
  frame();
  frame();
  CHECK(view.layouts_made() == layouts);  // same blocks, width and font: the layout is reused
  window_width = 500.0f;
  frame();
  CHECK(view.layouts_made() == layouts + 1);  // another width: laid out again
  const float wide_height = drawn_height;
  frame();
  CHECK(view.layouts_made() == layouts + 1);
  CHECK(drawn_height == wide_height);

  view.show_plain("an answer", true);
  frame();
  frame();  // the scrollbar went with the long text
  const std::size_t answer_layouts = view.layouts_made();
  CHECK(answer_layouts > layouts + 1);
  view.show_plain("an answer", true);  // the same text again: nothing to do
  frame();
  CHECK(view.layouts_made() == answer_layouts);
}

TEST_CASE("a narration line of glyphs without width never overflows a draw list") {
  HeadlessFrame frame;
  MarkdownBlock code;
  code.kind = MarkdownBlock::Kind::Code;
  code.code = std::string(1000000, '\r') + "x";
  MarkdownBlock paragraph;
  paragraph.kind = MarkdownBlock::Kind::Paragraph;
  paragraph.text = {{std::string(200000, 'w'), true, false, false}};
  MarkdownLook look;
  look.text = look.code_text = IM_COL32_WHITE;
  draw_markdown({code, paragraph}, look);
  CHECK(ImGui::GetWindowDrawList()->VtxBuffer.Size < 65536);
}

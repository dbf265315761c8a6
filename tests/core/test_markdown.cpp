// The narration's Markdown: blocks (headings, paragraphs, bullets, quotes, code, pipe tables,
// rules), inline styles, the glyph substitutions and the word wrapper, all without ImGui.
#include <doctest/doctest.h>

#include "app/widgets/markdown_render.h"

using namespace bufferlab;

namespace {

using Kind = MarkdownBlock::Kind;

std::string plain(const InlineText& text) {
  std::string out;
  for (const InlineSpan& span : text) out += span.text;
  return out;
}

}  // namespace

TEST_CASE("inline: code, bold, italic, escapes and links; underscores stay as they are") {
  const InlineText text = parse_inline_markdown("Call `memoryview(obj)` on **the same** *memory* of buffer_bytes");
  REQUIRE(text.size() == 7);
  CHECK(text[0] == InlineSpan{"Call ", false, false, false});
  CHECK(text[1] == InlineSpan{"memoryview(obj)", false, false, true});
  CHECK(text[2] == InlineSpan{" on ", false, false, false});
  CHECK(text[3] == InlineSpan{"the same", true, false, false});
  CHECK(text[4] == InlineSpan{" ", false, false, false});
  CHECK(text[5] == InlineSpan{"memory", false, true, false});
  CHECK(text[6] == InlineSpan{" of buffer_bytes", false, false, false});
  CHECK(plain(parse_inline_markdown("of buffer_bytes")) == "of buffer_bytes");

  CHECK(parse_inline_markdown("`` a`b ``") == InlineText{{"a`b", false, false, true}});
  CHECK(parse_inline_markdown("**`m.cast('B')` bytes**") ==
        InlineText{{"m.cast('B')", true, false, true}, {" bytes", true, false, false}});
  CHECK(plain(parse_inline_markdown("2 \\* 3 and a [link](https://example.org)")) == "2 * 3 and a link");
  // Unclosed markers are text.
  CHECK(plain(parse_inline_markdown("a ** b and `c")) == "a ** b and `c");
  CHECK(plain(parse_inline_markdown("3 * 4 = 12")) == "3 * 4 = 12");
}

TEST_CASE("blocks: headings, paragraphs joined, bullets with continuation, quotes, rules") {
  const auto blocks = parse_markdown_blocks(
      "## Shape and strides\n"
      "The same fields\n"
      "describe a table.\n"
      "\n"
      "- ✅ no **copies**\n"
      "  across lines\n"
      "* second\n"
      "  - nested\n"
      "1. first\n"
      "\n"
      "> 🔍 Output:\n"
      "---\n");
  REQUIRE(blocks.size() == 8);
  CHECK(blocks[0].kind == Kind::Heading);
  CHECK(blocks[0].level == 2);
  CHECK(plain(blocks[0].text) == "Shape and strides");
  CHECK(blocks[1].kind == Kind::Paragraph);
  CHECK(plain(blocks[1].text) == "The same fields describe a table.");
  CHECK(blocks[2].kind == Kind::Bullet);
  CHECK(plain(blocks[2].text) == "✅ no copies across lines");
  CHECK(blocks[2].level == 0);
  CHECK(blocks[3].kind == Kind::Bullet);
  CHECK(blocks[4].level == 1);
  CHECK(plain(blocks[4].text) == "nested");
  CHECK(blocks[5].marker == "1.");
  CHECK(blocks[6].kind == Kind::Quote);
  CHECK(plain(blocks[6].text) == "🔍 Output:");
  CHECK(blocks[7].kind == Kind::Rule);
}

TEST_CASE("fenced code keeps its lines; an unclosed fence runs to the end") {
  const auto blocks = parse_markdown_blocks(
      "Before\n"
      "```c\n"
      "typedef struct {\n"
      "\n"
      "    void *buf;  // **not bold**\n"
      "} Py_buffer;\n"
      "```\n"
      "~~~\n"
      "open\n");
  REQUIRE(blocks.size() == 3);
  CHECK(blocks[1].kind == Kind::Code);
  CHECK(blocks[1].language == "c");
  CHECK(blocks[1].code == "typedef struct {\n\n    void *buf;  // **not bold**\n} Py_buffer;");
  CHECK(blocks[2].kind == Kind::Code);
  CHECK(blocks[2].code == "open");
}

TEST_CASE("pipe tables as the seed writes them: header, body, code with pipes, ragged rows") {
  const auto blocks = parse_markdown_blocks(
      "| Feature                  | Description |\n"
      "|--------------------------|-------------|\n"
      "| **Buffer Protocol**       | Allows sharing memory |\n"
      "| `a \\| b` | `x|y` |\n"
      "| only one |\n"
      "after\n");
  REQUIRE(blocks.size() == 2);
  const MarkdownBlock& table = blocks[0];
  REQUIRE(table.kind == Kind::Table);
  REQUIRE(table.rows.size() == 4);
  CHECK(plain(table.rows[0][0]) == "Feature");
  CHECK(table.rows[1][0] == InlineText{{"Buffer Protocol", true, false, false}});
  CHECK(plain(table.rows[1][1]) == "Allows sharing memory");
  CHECK(table.rows[2][0] == InlineText{{"a | b", false, false, true}});
  CHECK(table.rows[2][1] == InlineText{{"x|y", false, false, true}});
  CHECK(table.rows[3].size() == 2);  // padded to the header's columns
  CHECK(blocks[1].kind == Kind::Paragraph);
  // Without its |---| line, a pipe line is text.
  CHECK(parse_markdown_blocks("| a | b |\ntext\n")[0].kind == Kind::Paragraph);
}

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

// Markdown through md4c, without ImGui: the blocks the painter draws (headings, paragraphs,
// bullets, quotes, code, pipe tables, rules, inline styles) and the outline lesson files are
// split by (fences, headings, raw HTML lines, with their lines).
#include <doctest/doctest.h>

#include <string>

#include "core/lesson/markdown.h"

using namespace bufferlab;

namespace {

using Kind = MarkdownBlock::Kind;

std::string plain(const InlineText& text) {
  std::string out;
  for (const InlineSpan& span : text) out += span.text;
  return out;
}

// The inline text of a one-paragraph document.
InlineText inline_of(std::string_view text) {
  const auto blocks = parse_markdown_blocks(text);
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0].kind == Kind::Paragraph);
  return blocks[0].text;
}

}  // namespace

TEST_CASE("inline: code, bold, italic, escapes and links, underscores inside words stay") {
  const InlineText text = inline_of("Call `memoryview(obj)` on **the same** *memory* of buffer_bytes");
  REQUIRE(text.size() == 7);
  CHECK(text[0] == InlineSpan{"Call ", false, false, false});
  CHECK(text[1] == InlineSpan{"memoryview(obj)", false, false, true});
  CHECK(text[2] == InlineSpan{" on ", false, false, false});
  CHECK(text[3] == InlineSpan{"the same", true, false, false});
  CHECK(text[4] == InlineSpan{" ", false, false, false});
  CHECK(text[5] == InlineSpan{"memory", false, true, false});
  CHECK(text[6] == InlineSpan{" of buffer_bytes", false, false, false});
  CHECK(plain(inline_of("of buffer_bytes")) == "of buffer_bytes");

  CHECK(inline_of("`` a`b ``") == InlineText{{"a`b", false, false, true}});
  CHECK(inline_of("**`m.cast('B')` bytes**") ==
        InlineText{{"m.cast('B')", true, false, true}, {" bytes", true, false, false}});
  CHECK(plain(inline_of("2 \\* 3 and a [link](https://example.org)")) == "2 * 3 and a link");
  // Unclosed markers are text.
  CHECK(plain(inline_of("a ** b and `c")) == "a ** b and `c");
  CHECK(plain(inline_of("3 * 4 = 12")) == "3 * 4 = 12");
  // Entities, images (their description), hard and soft breaks, raw inline HTML as written.
  CHECK(plain(inline_of("&amp; &#65; &#x42; &copy; ![a *b*](i.png) <int>")) == "& A B &copy; a b <int>");
  CHECK(plain(inline_of("hard  \nbreak\\\nsoft\nend")) == "hard\nbreak\nsoft end");
  // CommonMark: double underscores around a word are bold (write `__init__` as code).
  CHECK(inline_of("__init__") == InlineText{{"init", true, false, false}});
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

TEST_CASE("lists: numbers as CommonMark counts them, an item's later blocks, empty items") {
  const auto blocks = parse_markdown_blocks(
      "3) three\n"
      "3) four\n"
      "\n"
      "- first paragraph\n"
      "\n"
      "  second paragraph\n"
      "- ```\n"
      "  code\n"
      "  ```\n"
      "-\n");
  REQUIRE(blocks.size() == 7);
  CHECK(blocks[0].marker == "3)");
  CHECK(blocks[1].marker == "4)");
  CHECK(blocks[2].marker == "\xE2\x80\xA2");
  CHECK(plain(blocks[3].text) == "second paragraph");
  CHECK(blocks[3].kind == Kind::Bullet);
  CHECK(blocks[3].marker.empty());  // the item's marker was drawn with its first block
  CHECK(blocks[4].kind == Kind::Bullet);  // an item that starts with code: its marker first
  CHECK(blocks[4].text.empty());
  CHECK(blocks[5].kind == Kind::Code);
  CHECK(blocks[5].code == "code");
  CHECK(blocks[6].kind == Kind::Bullet);  // the empty item still shows its marker
  CHECK_FALSE(blocks[6].marker.empty());

  // Deep lists draw at most at level 4.
  std::string deep;
  for (int level = 0; level < 8; ++level) deep += std::string(static_cast<std::size_t>(level) * 2, ' ') + "- x\n";
  const auto nested = parse_markdown_blocks(deep);
  REQUIRE(nested.size() == 8);
  CHECK(nested[3].level == 3);
  CHECK(nested[7].level == 4);
}

TEST_CASE("fenced code keeps its lines, an unclosed fence runs to the end") {
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
  // GitHub's table rule: a line right after the table is a row of it, pipes or not.
  REQUIRE(blocks.size() == 1);
  const MarkdownBlock& table = blocks[0];
  REQUIRE(table.kind == Kind::Table);
  REQUIRE(table.rows.size() == 5);
  CHECK(plain(table.rows[0][0]) == "Feature");
  CHECK(table.rows[1][0] == InlineText{{"Buffer Protocol", true, false, false}});
  CHECK(plain(table.rows[1][1]) == "Allows sharing memory");
  CHECK(table.rows[2][0] == InlineText{{"a | b", false, false, true}});
  CHECK(table.rows[2][1] == InlineText{{"x|y", false, false, true}});
  CHECK(table.rows[3].size() == 2);  // padded to the header's columns
  CHECK(plain(table.rows[4][0]) == "after");
  // A blank line ends the table.
  const auto ended = parse_markdown_blocks("| a | b |\n|---|---|\n| 1 | 2 |\n\nafter\n");
  REQUIRE(ended.size() == 2);
  CHECK(ended[0].rows.size() == 2);
  CHECK(ended[1].kind == Kind::Paragraph);
  // Without its |---| line, a pipe line is text.
  CHECK(parse_markdown_blocks("| a | b |\ntext\n")[0].kind == Kind::Paragraph);
}

TEST_CASE("raw HTML: comments are not drawn, other HTML shows as written") {
  const auto blocks = parse_markdown_blocks("<!-- a note\nfor the author -->\n\n<details>\n<summary>Hint</summary>\n");
  REQUIRE(blocks.size() == 1);
  CHECK(blocks[0].kind == Kind::Paragraph);
  CHECK(plain(blocks[0].text) == "<details>\n<summary>Hint</summary>");
}

TEST_CASE("deep nesting is walked without recursion") {
  // md4c parses it; the walk over its callbacks keeps an explicit stack.
  const std::string quotes = std::string(20000, '>') + " deep\n";
  const auto quoted = parse_markdown_blocks(quotes);
  REQUIRE(quoted.size() == 1);
  CHECK(quoted[0].kind == Kind::Quote);
  CHECK(plain(quoted[0].text) == "deep");
  std::string items;
  for (int i = 0; i < 2000; ++i) items += "- ";
  items += "x\n";
  const auto listed = parse_markdown_blocks(items);
  REQUIRE_FALSE(listed.empty());
  CHECK(plain(listed.back().text) == "x");
  CHECK(listed.back().level == 4);
  CHECK(outline_markdown(quotes).lines.size() == 1);
}

TEST_CASE("outline: fences with their lines, language, length, content and whether they close") {
  const MarkdownOutline outline = outline_markdown(
      "Text\n"              // 0
      "```Python extra\n"   // 1
      "\n"                  // 2
      "x = 1\n"             // 3
      "```\n"               // 4
      "````\n"              // 5: a longer fence holds a shorter one
      "```\n"               // 6
      "````\n"              // 7
      "> ```\n"             // 8: in a quote, ended by the quote
      "> quoted\n"          // 9
      "after\n"             // 10
      "  ~~~py\n"           // 11: indented by two, its content loses two spaces
      "    indented\n"      // 12
      "  ~~~\n"             // 13
      "```\n");             // 14: never closed
  REQUIRE(outline.lines.size() == 15);
  REQUIRE(outline.fences.size() == 5);
  const MarkdownFence& python = outline.fences[0];
  CHECK(python.open_line == 1);
  CHECK(python.close_line == 4);
  CHECK(python.closed);
  CHECK(python.top_level);
  CHECK(python.language == "python");
  CHECK(python.code == "\nx = 1");
  const MarkdownFence& longer = outline.fences[1];
  CHECK(longer.open_line == 5);
  CHECK(longer.length == 4);
  CHECK(longer.close_line == 7);
  CHECK(longer.code == "```");
  const MarkdownFence& quoted = outline.fences[2];
  CHECK(quoted.open_line == 8);
  CHECK_FALSE(quoted.top_level);
  CHECK_FALSE(quoted.closed);
  CHECK(quoted.close_line == 10);  // the line after its content
  CHECK(quoted.code == "quoted");
  const MarkdownFence& tilde = outline.fences[3];
  CHECK(tilde.marker == '~');
  CHECK(tilde.open_line == 11);
  CHECK(tilde.close_line == 13);
  CHECK(tilde.code == "  indented");
  const MarkdownFence& open = outline.fences[4];
  CHECK(open.open_line == 14);
  CHECK_FALSE(open.closed);
  CHECK(open.code.empty());
}

TEST_CASE("outline: empty fences are placed too") {
  const MarkdownOutline outline = outline_markdown("a\n\n```\n```\n\n~~~\n\n\n~~~\n```\n");
  REQUIRE(outline.fences.size() == 3);
  CHECK(outline.fences[0].open_line == 2);
  CHECK(outline.fences[0].closed);
  CHECK(outline.fences[1].open_line == 5);
  CHECK(outline.fences[1].close_line == 8);
  CHECK(outline.fences[2].open_line == 9);
  CHECK_FALSE(outline.fences[2].closed);
}

TEST_CASE("outline: headings, ATX and setext, with their lines and plain text") {
  const MarkdownOutline outline = outline_markdown(
      "# Views and **copies** #\n"  // 0
      "text\n"                      // 1
      "\n"                          // 2
      "Setext *title*\n"            // 3
      "on two lines\n"              // 4
      "=============\n"             // 5
      "#\n"                         // 6: empty
      "## A &amp; B\n"              // 7
      "---\n"                       // 8: a rule after a heading, not an underline
      "> # Quoted\n"                // 9
      "```\n"                       // 10
      "# in code\n"                 // 11
      "```\n");                     // 12
  REQUIRE(outline.headings.size() == 5);
  CHECK(outline.headings[0].text == "Views and copies");
  CHECK(outline.headings[0].level == 1);
  CHECK(outline.headings[0].first_line == 0);
  CHECK(outline.headings[0].last_line == 0);
  CHECK(outline.headings[1].text == "Setext title on two lines");
  CHECK(outline.headings[1].first_line == 3);
  CHECK(outline.headings[1].last_line == 5);
  CHECK(outline.headings[2].text.empty());
  CHECK(outline.headings[2].first_line == 6);
  CHECK(outline.headings[3].text == "A & B");
  CHECK(outline.headings[3].level == 2);
  CHECK(outline.headings[3].last_line == 7);
  CHECK(outline.headings[4].text == "Quoted");
  CHECK_FALSE(outline.headings[4].top_level);
  CHECK(outline.headings[0].top_level);
}

TEST_CASE("outline: lines where raw HTML starts, never in code") {
  const MarkdownOutline outline = outline_markdown(
      "<!-- step -->\n"           // 0: an HTML block
      "text <b>bold</b>\n"        // 1: inline HTML
      "| a | b |\n"               // 2
      "|---|---|\n"               // 3
      "<!-- in a row -->\n"       // 4: a table row's inline HTML
      "\n"                        // 5
      "    <!-- indented -->\n"   // 6: indented code
      "```\n"                     // 7
      "<!-- fenced -->\n"         // 8
      "```\n");                   // 9
  CHECK(outline.html_lines == std::vector<std::size_t>{0, 1, 4});
}

TEST_CASE("outline: lines end at \\n, \\r\\n or \\r, as CommonMark ends them") {
  const MarkdownOutline outline = outline_markdown("# T\r\ntext\rmore\n\n```python\r\nx = 1\r\n```\r\n");
  REQUIRE(outline.lines.size() == 7);
  CHECK(outline.lines[0] == "# T");
  CHECK(outline.lines[2] == "more");
  REQUIRE(outline.fences.size() == 1);
  CHECK(outline.fences[0].open_line == 4);
  CHECK(outline.fences[0].closed);
  CHECK(outline.fences[0].code == "x = 1");
  CHECK(outline_markdown("").lines.empty());
}

TEST_CASE("one reading for both: tabs, long fences, tildes and indented fences") {
  // A tab after '#' makes a heading; tabs that indent a code line become spaces (stops of 4).
  const std::string text = "#\tTabbed\n````text\n```\n\tindented\n````\n   ~~~\n   three\n   ~~~\n    ```\n    four\n";
  const auto blocks = parse_markdown_blocks(text);
  const MarkdownOutline outline = outline_markdown(text);
  REQUIRE(blocks.size() == 4);
  CHECK(blocks[0].kind == Kind::Heading);
  CHECK(plain(blocks[0].text) == "Tabbed");
  REQUIRE(outline.headings.size() == 1);
  CHECK(outline.headings[0].text == "Tabbed");
  REQUIRE(outline.fences.size() == 2);
  CHECK(blocks[1].code == "```\n    indented");
  CHECK(outline.fences[0].code == blocks[1].code);
  CHECK(blocks[2].code == "three");
  CHECK(outline.fences[1].code == blocks[2].code);
  // Four spaces: an indented code block, not a fence.
  CHECK(blocks[3].kind == Kind::Code);
  CHECK(blocks[3].code == "```\nfour");
}

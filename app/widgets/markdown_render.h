// Lesson narration as the window shows it: the Markdown lessons use (headings, paragraphs,
// bullets, bold, italic, inline code, fenced code, pipe tables, rules, quotes) parsed into
// blocks without ImGui, then laid out and drawn word-wrapped with ImGui.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

struct ImFont;

namespace bufferlab {

struct InlineSpan {
  std::string text;
  bool bold = false;
  bool italic = false;
  bool code = false;
  bool operator==(const InlineSpan&) const = default;
};
using InlineText = std::vector<InlineSpan>;

struct MarkdownBlock {
  enum class Kind { Heading, Paragraph, Bullet, Quote, Code, Table, Rule };
  Kind kind = Kind::Paragraph;
  int level = 0;            // heading level 1-6; bullet nesting depth from 0
  std::string marker;       // a bullet's "•" or an ordered item's "1."
  InlineText text;          // heading, paragraph, bullet, quote
  std::string code;         // code block lines, without the fences
  std::string language;     // code block info word, lower case
  std::vector<std::vector<InlineText>> rows;  // table: the header row first, then the body
};

// Inline Markdown: `code` (any run of backticks), **bold**, *italic*, \-escapes, [text](link)
// shown as its text. Underscores are left alone: lesson text is full of snake_case names.
InlineText parse_inline_markdown(std::string_view text);

// Block structure. Unclosed fences run to the end; a table needs its |---| line.
std::vector<MarkdownBlock> parse_markdown_blocks(std::string_view text);

// Emoji the monospace font lacks, replaced by symbols it has (a check mark for ✅) or dropped,
// so narration copied from notebooks shows no '?' boxes.
std::string replace_missing_glyphs(std::string_view text);

// Word-wrapping of inline text, independent of ImGui: `measure` gives a fragment's width.
struct PlacedFragment {
  std::size_t span = 0;  // index into the InlineText
  std::string text;
  float x = 0.0f;
  int line = 0;
};
std::vector<PlacedFragment> wrap_inline(const InlineText& text, float width,
                                        const std::function<float(const InlineSpan&, std::string_view)>& measure);

// Colours and fonts for drawing (fonts may be null: the current font is used).
struct MarkdownLook {
  ImFont* body = nullptr;
  ImFont* heading = nullptr;
  unsigned text = 0, dim = 0, heading_colour = 0, code_text = 0, code_background = 0,
           rule = 0, table_border = 0, table_header = 0;
};

// Draws the blocks at the cursor, wrapped to the current content width, and advances the
// cursor past them. Call between Begin/End; never throws.
void draw_markdown(const std::vector<MarkdownBlock>& blocks, const MarkdownLook& look);

}  // namespace bufferlab

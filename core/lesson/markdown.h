// Markdown as Buffer Lab reads it, through md4c (CommonMark plus pipe tables): the blocks and
// styled spans the narration painter draws, and the outline a lesson file is split by (fences,
// headings, raw HTML) with line numbers. No ImGui; both come from the same parser and flags.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bufferlab {

// ---------------------------------------------------------------------------------------------
// What the painter draws

struct InlineSpan {
  std::string text;  // '\n' is a hard line break
  bool bold = false;
  bool italic = false;
  bool code = false;
  bool operator==(const InlineSpan&) const = default;
};
using InlineText = std::vector<InlineSpan>;

struct MarkdownBlock {
  enum class Kind { Heading, Paragraph, Bullet, Quote, Code, Table, Rule };
  Kind kind = Kind::Paragraph;
  int level = 0;            // heading level 1-6; bullet nesting depth from 0 (at most 4)
  std::string marker;       // a bullet's "•" or an ordered item's "1."; empty on an item's later blocks
  InlineText text;          // heading, paragraph, bullet, quote
  std::string code;         // code block lines, without the fences and the last line break
  std::string language;     // a fenced block's info word, lower case
  std::vector<std::vector<InlineText>> rows;  // table: the header row first, then the body
};

// The blocks to draw, in order, nesting flattened: the text blocks of a list item are Bullets
// (only the first carries the marker), those of a quote are Quotes. Links show their text,
// images their description. Raw HTML comments are left out; other raw HTML shows as written.
// Throws only std::length_error for a text over 4 GiB, and std::bad_alloc.
std::vector<MarkdownBlock> parse_markdown_blocks(std::string_view text);

// ---------------------------------------------------------------------------------------------
// What a lesson file is split by. Lines count from 0 and end where CommonMark ends them (at
// "\n", "\r\n" or "\r").

// A fenced code block.
struct MarkdownFence {
  std::size_t open_line = 0;
  // The closing fence's line; for a block whose list or quote (or the text) ended first, the
  // line after its content.
  std::size_t close_line = 0;
  bool closed = false;
  bool top_level = false;  // not inside a list or a quote
  char marker = '`';
  std::size_t length = 3;  // of the opening fence
  std::string language;    // the info string's first word, lower case
  // The content without the last line break, as md4c gives it: the fence's own indentation is
  // removed, and tabs that indent a line become spaces (tab stops of 4).
  std::string code;
};

struct MarkdownHeading {
  int level = 1;
  std::string text;  // plain: inline markup left out, entities decoded, blanks trimmed
  std::size_t first_line = 0;
  std::size_t last_line = 0;  // a setext heading's underline included
  bool top_level = false;
};

struct MarkdownOutline {
  std::vector<std::string_view> lines;  // views of the text, without line breaks
  std::vector<MarkdownFence> fences;    // in text order
  std::vector<MarkdownHeading> headings;
  // Lines on which raw HTML starts (a line of an HTML block, or inline HTML), ascending: where
  // a comment can be markup rather than text or code.
  std::vector<std::size_t> html_lines;
};

// The outline's lines view `text`, which must outlive it. Throws std::length_error for a text
// over 4 GiB (and std::bad_alloc).
MarkdownOutline outline_markdown(std::string_view text);

}  // namespace bufferlab

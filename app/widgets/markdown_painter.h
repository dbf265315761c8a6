// Lesson narration as the window shows it: the blocks core/lesson/markdown.h parses (headings,
// paragraphs, bullets, quotes, code, pipe tables, rules, with bold, italic and inline code),
// laid out word-wrapped and drawn with ImGui.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lesson/markdown.h"

struct ImFont;

namespace bufferlab {

// Emoji the monospace font lacks, replaced by symbols it has (a check mark for ✅) or dropped,
// so narration copied from notebooks shows no '?' boxes.
std::string replace_missing_glyphs(std::string_view text);

// Word-wrapping of inline text, independent of ImGui: `measure` gives a fragment's width, and
// the width of a text is the sum of its characters' widths (no kerning, as ImGui draws). Linear
// in the text's length: a word wider than the line is cut character by character, once.
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

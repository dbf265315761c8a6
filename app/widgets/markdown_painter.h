// Lesson narration as the window shows it: the blocks core/lesson/markdown.h parses (headings,
// paragraphs, bullets, quotes, code, pipe tables, rules, with bold, italic and inline code),
// laid out word-wrapped once per width and font, and drawn with ImGui.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "core/lesson/markdown.h"

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

// Narration drawn from a cached layout: the blocks are laid out (wrapped, measured) once per
// width and font, and each frame only draws the rows in sight. Keep one per text on show.
class MarkdownView {
 public:
  // New blocks: the next draw lays them out again.
  void set_blocks(std::vector<MarkdownBlock> blocks);
  // Shows `text` as one paragraph (or, with `code`, one code block); lays out again only when
  // the text differs from what it shows.
  void show_plain(std::string_view text, bool code);
  const std::vector<MarkdownBlock>& blocks() const { return blocks_; }

  // Draws the blocks at the cursor, wrapped to the current content width, and advances the
  // cursor past them. Call between Begin/End; never throws.
  void draw(const MarkdownLook& look);

  // How many times this view laid its blocks out (tests count work with it).
  std::size_t layouts_made() const { return layouts_made_; }

  // A piece of the layout, placed relative to the view's top-left corner; colours are named by
  // role so a theme change needs no new layout.
  enum class Ink : unsigned char { Text, Dim, Heading, CodeText, CodeBackground, Rule, TableBorder, TableHeader };
  struct DrawOp {
    enum class Kind : unsigned char { Text, FilledRect, Rect, Line } kind = Kind::Text;
    Ink ink = Ink::Text;
    bool half_alpha = false;    // italic underlines
    bool heading_font = false;  // text in the heading font
    ImVec2 min, max;            // text: its position and the bottom right of its line
    float rounding = 0.0f;
    std::size_t text_begin = 0, text_end = 0;  // into the layout's text
  };

 private:
  // What a layout depends on besides the blocks.
  struct Key {
    float width = -1.0f, spacing = 0.0f;
    const ImFont* body = nullptr;
    const ImFont* heading = nullptr;
    float body_size = 0.0f, heading_size = 0.0f;
    bool operator==(const Key&) const = default;
  };
  void lay_out(const Key& key, ImFont* body, ImFont* heading);

  std::vector<MarkdownBlock> blocks_;
  std::string plain_text_;
  bool plain_code_ = false, plain_ = false;
  bool laid_out_ = false;
  Key key_;
  std::vector<DrawOp> ops_;
  std::string text_;     // the texts the ops draw, one after another
  float height_ = 0.0f;  // what the cursor moves past
  std::size_t layouts_made_ = 0;
};

// Draws the blocks once, laying them out on this call (for text drawn once; text shown frame
// after frame belongs in a MarkdownView).
void draw_markdown(const std::vector<MarkdownBlock>& blocks, const MarkdownLook& look);

}  // namespace bufferlab

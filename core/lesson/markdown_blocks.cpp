// Markdown into the flat list of blocks the narration painter draws. md4c's nested blocks are
// walked with an explicit stack of containers: deep nesting costs memory, never recursion.
#include "core/lesson/markdown.h"
#include "core/lesson/md4c_walk.h"

#include <algorithm>

namespace bufferlab {

namespace {

using Kind = MarkdownBlock::Kind;

constexpr int kDeepestBulletLevel = 4;  // deeper lists draw at this indentation
constexpr std::string_view kBulletMarker = "\xE2\x80\xA2";

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// A quote, a list or a list item the walk is inside.
struct Container {
  explicit Container(MD_BLOCKTYPE block_type) : type(block_type) {}
  MD_BLOCKTYPE type;
  unsigned next_number = 1;  // an ordered list's next item number
  char delimiter = '.';      // an ordered list's "1." or "1)"
  std::string marker;        // a list item's marker, until its first block takes it
};

// Blanks at both ends of a text block go (md4c keeps a tab after an ATX heading's '#'); code
// spans keep theirs.
void trim_inline(InlineText& text) {
  std::size_t first = 0;
  while (first < text.size() && !text[first].code) {
    std::string& front = text[first].text;
    front.erase(0, std::min(front.size(), front.find_first_not_of(" \t")));
    if (!front.empty()) break;
    ++first;
  }
  text.erase(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(first));
  while (!text.empty() && !text.back().code) {
    std::string& back = text.back().text;
    while (!back.empty() && is_blank(back.back())) back.pop_back();
    if (!back.empty()) break;
    text.pop_back();
  }
}

class BlockCollector final : public Md4cListener {
 public:
  std::vector<MarkdownBlock> take() {
    finish_leaf();
    return std::move(blocks_);
  }

  void enter_block(MD_BLOCKTYPE type, const void* detail) override {
    switch (type) {
      case MD_BLOCK_QUOTE:
        finish_leaf();
        containers_.emplace_back(MD_BLOCK_QUOTE);
        break;
      case MD_BLOCK_UL:
        finish_leaf();
        place_marker_alone();
        containers_.emplace_back(MD_BLOCK_UL);
        break;
      case MD_BLOCK_OL: {
        finish_leaf();
        place_marker_alone();
        const auto& list = *static_cast<const MD_BLOCK_OL_DETAIL*>(detail);
        Container ordered(MD_BLOCK_OL);
        ordered.next_number = list.start;
        ordered.delimiter = list.mark_delimiter;
        containers_.push_back(std::move(ordered));
        break;
      }
      case MD_BLOCK_LI: {
        finish_leaf();
        Container item(MD_BLOCK_LI);
        if (!containers_.empty() && containers_.back().type == MD_BLOCK_OL) {
          Container& list = containers_.back();
          item.marker = std::to_string(list.next_number++) + list.delimiter;
        } else {
          item.marker = kBulletMarker;
        }
        containers_.push_back(std::move(item));
        break;
      }
      case MD_BLOCK_HR: {
        finish_leaf();
        place_marker_alone();
        MarkdownBlock rule;
        rule.kind = Kind::Rule;
        blocks_.push_back(std::move(rule));
        break;
      }
      case MD_BLOCK_H:
        start_text_leaf(Kind::Heading, static_cast<int>(static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level));
        break;
      case MD_BLOCK_P:
        start_text_leaf(Kind::Paragraph, 0);
        break;
      case MD_BLOCK_CODE:
        finish_leaf();
        place_marker_alone();
        leaf_ = Leaf::Code;
        block_ = MarkdownBlock{};
        block_.kind = Kind::Code;
        block_.language = fence_language(*static_cast<const MD_BLOCK_CODE_DETAIL*>(detail));
        break;
      case MD_BLOCK_HTML:  // its raw lines gather in block_.code until it ends
        finish_leaf();
        leaf_ = Leaf::Html;
        block_ = MarkdownBlock{};
        break;
      case MD_BLOCK_TABLE:
        finish_leaf();
        place_marker_alone();
        leaf_ = Leaf::Table;
        block_ = MarkdownBlock{};
        block_.kind = Kind::Table;
        break;
      case MD_BLOCK_TR:
        if (leaf_ == Leaf::Table) block_.rows.emplace_back();
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        if (leaf_ == Leaf::Table && !block_.rows.empty()) block_.rows.back().emplace_back();
        break;
      default:  // the document, a table's head and body
        break;
    }
  }

  void leave_block(MD_BLOCKTYPE type) override {
    switch (type) {
      case MD_BLOCK_QUOTE:
      case MD_BLOCK_UL:
      case MD_BLOCK_OL:
        finish_leaf();
        if (!containers_.empty()) containers_.pop_back();
        break;
      case MD_BLOCK_LI:
        finish_leaf();
        place_marker_alone();  // an empty item still shows its marker
        if (!containers_.empty()) containers_.pop_back();
        break;
      case MD_BLOCK_H:
      case MD_BLOCK_P:
      case MD_BLOCK_CODE:
      case MD_BLOCK_HTML:
      case MD_BLOCK_TABLE:
        finish_leaf();
        break;
      default:
        break;
    }
  }

  void enter_span(MD_SPANTYPE type) override { count_span(type, +1); }
  void leave_span(MD_SPANTYPE type) override { count_span(type, -1); }

  void text(MD_TEXTTYPE type, std::string_view text) override {
    if (leaf_ == Leaf::None) start_text_leaf(Kind::Paragraph, 0);  // a tight list item's text
    if (leaf_ == Leaf::Code || leaf_ == Leaf::Html) {
      if (type == MD_TEXT_NULLCHAR)
        block_.code += kReplacementCharacter;
      else
        block_.code += text;
      return;
    }
    InlineText* into = &block_.text;
    if (leaf_ == Leaf::Table) {
      if (block_.rows.empty() || block_.rows.back().empty()) return;
      into = &block_.rows.back().back();
    }
    std::string piece;
    switch (type) {
      case MD_TEXT_NULLCHAR: piece = kReplacementCharacter; break;
      case MD_TEXT_BR: piece = "\n"; break;
      case MD_TEXT_SOFTBR: piece = " "; break;
      case MD_TEXT_ENTITY: piece = decode_entity(text); break;
      case MD_TEXT_CODE:
        piece = text;
        // Tables take "\|" as a pipe inside code spans too (GitHub's rule), md4c leaves the '\'.
        if (leaf_ == Leaf::Table) unescape_pipes(piece);
        break;
      default: piece = text; break;  // normal text, inline raw HTML shown as written
    }
    append_span(*into, std::move(piece));
  }

 private:
  enum class Leaf { None, Text, Code, Html, Table };

  void count_span(MD_SPANTYPE type, int step) {
    if (type == MD_SPAN_STRONG) strong_ += step;
    else if (type == MD_SPAN_EM) emphasis_ += step;
    else if (type == MD_SPAN_CODE) code_span_ += step;
    // links and images show their text; their targets are not drawn
  }

  void append_span(InlineText& into, std::string piece) {
    if (piece.empty()) return;
    const bool bold = strong_ > 0, italic = emphasis_ > 0, code = code_span_ > 0;
    if (!into.empty() && into.back().bold == bold && into.back().italic == italic && into.back().code == code) {
      into.back().text += piece;
      return;
    }
    into.push_back({std::move(piece), bold, italic, code});
  }

  static void unescape_pipes(std::string& code) {
    std::string out;
    out.reserve(code.size());
    for (std::size_t i = 0; i < code.size(); ++i)
      if (!(code[i] == '\\' && i + 1 < code.size() && code[i + 1] == '|')) out += code[i];
    code = std::move(out);
  }

  void start_text_leaf(Kind kind, int level) {
    finish_leaf();
    leaf_ = Leaf::Text;
    block_ = text_block_here(kind, level);
  }

  // A text block as drawn where the walk is: the innermost list item or quote decides.
  MarkdownBlock text_block_here(Kind kind, int level) {
    MarkdownBlock block;
    block.kind = kind;
    block.level = level;
    const auto inner = std::find_if(containers_.rbegin(), containers_.rend(), [](const Container& c) {
      return c.type == MD_BLOCK_LI || c.type == MD_BLOCK_QUOTE;
    });
    if (inner == containers_.rend()) return block;
    if (inner->type == MD_BLOCK_QUOTE) {
      block.kind = Kind::Quote;
      return block;
    }
    block.kind = Kind::Bullet;
    block.level = bullet_level();
    block.marker = std::move(inner->marker);
    inner->marker.clear();
    return block;
  }

  int bullet_level() const {
    const auto items = std::count_if(containers_.begin(), containers_.end(),
                                     [](const Container& c) { return c.type == MD_BLOCK_LI; });
    return static_cast<int>(std::clamp<std::ptrdiff_t>(items - 1, 0, kDeepestBulletLevel));
  }

  // A list item that starts with a code block, a table, a rule or another list: its marker is
  // drawn on a line of its own first.
  void place_marker_alone() {
    if (containers_.empty() || containers_.back().type != MD_BLOCK_LI || containers_.back().marker.empty()) return;
    MarkdownBlock bullet;
    bullet.kind = Kind::Bullet;
    bullet.level = bullet_level();
    bullet.marker = std::move(containers_.back().marker);
    containers_.back().marker.clear();
    blocks_.push_back(std::move(bullet));
  }

  void finish_leaf() {
    const Leaf leaf = leaf_;
    leaf_ = Leaf::None;
    switch (leaf) {
      case Leaf::None:
        return;
      case Leaf::Text:
        trim_inline(block_.text);
        break;
      case Leaf::Code:
        if (!block_.code.empty() && block_.code.back() == '\n') block_.code.pop_back();
        break;
      case Leaf::Html: {
        // Comments are markup for the author (lesson directives among them), not text.
        std::string html = std::move(block_.code);
        while (!html.empty() && (html.back() == '\n' || is_blank(html.back()))) html.pop_back();
        const std::size_t start = html.find_first_not_of(" \t\n");
        if (start == std::string::npos || html.compare(start, 4, "<!--") == 0) return;
        block_ = text_block_here(Kind::Paragraph, 0);
        block_.text.push_back({html.substr(start), false, false, false});
        break;
      }
      case Leaf::Table: {
        if (block_.rows.empty()) return;
        const std::size_t columns = std::max<std::size_t>(1, block_.rows.front().size());
        for (auto& row : block_.rows) {
          row.resize(columns);  // md4c pads ragged rows already; the painter relies on it
          for (InlineText& cell : row) trim_inline(cell);
        }
        break;
      }
    }
    blocks_.push_back(std::move(block_));
    block_ = MarkdownBlock{};
  }

  std::vector<Container> containers_;
  std::vector<MarkdownBlock> blocks_;
  Leaf leaf_ = Leaf::None;
  MarkdownBlock block_;  // the leaf block being filled
  int strong_ = 0, emphasis_ = 0, code_span_ = 0;
};

}  // namespace

std::vector<MarkdownBlock> parse_markdown_blocks(std::string_view text) {
  BlockCollector collector;
  parse_with_md4c(text, collector);
  return collector.take();
}

}  // namespace bufferlab

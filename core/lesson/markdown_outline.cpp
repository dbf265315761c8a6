// The outline of a Markdown text (fences, headings, raw HTML lines) with line numbers. md4c
// reports no positions, but the text it reads from the input points into it: offsets give
// lines, and a fence's lines follow from its content's line count.
#include "core/lesson/markdown.h"
#include "core/lesson/md4c_walk.h"

#include <algorithm>
#include <functional>

namespace bufferlab {

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// The text's lines as CommonMark ends them, and the line of an offset.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find_first_of("\r\n", start);
      if (end == std::string_view::npos) end = text.size();
      starts_.push_back(start);
      lines_.push_back(text.substr(start, end - start));
      start = end + (text.compare(end, 2, "\r\n") == 0 ? 2 : 1);
    }
  }

  const std::vector<std::string_view>& lines() const { return lines_; }
  std::size_t count() const { return lines_.size(); }
  std::size_t start_of(std::size_t line) const { return starts_[line]; }

  // Offsets mostly arrive in increasing order: walking on from the last answer keeps the whole
  // outline linear; a step back is a binary search.
  std::size_t line_of(std::size_t offset) const {
    if (last_ >= starts_.size() || starts_[last_] > offset)
      last_ = static_cast<std::size_t>(std::upper_bound(starts_.begin(), starts_.end(), offset) - starts_.begin()) - 1;
    while (last_ + 1 < starts_.size() && starts_[last_ + 1] <= offset) ++last_;
    return last_;
  }

  // The offset of a piece of text md4c reports, or kNone when it is md4c's own storage.
  std::size_t offset_of(std::string_view piece) const {
    const std::less_equal<const char*> at_or_before;
    if (piece.empty() || !at_or_before(text_.data(), piece.data()) ||
        !at_or_before(piece.data() + piece.size(), text_.data() + text_.size()))
      return kNone;
    return static_cast<std::size_t>(piece.data() - text_.data());
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
  std::vector<std::string_view> lines_;
  mutable std::size_t last_ = 0;
};

// A closing fence as it can follow a fence's content: after the indentation and the '>' of the
// containers, `length` or more markers and nothing but blanks.
bool is_closing_fence(std::string_view line, char marker, std::size_t length) {
  std::size_t at = 0;
  while (at < line.size() && (is_blank(line[at]) || line[at] == '>')) ++at;
  std::size_t run = 0;
  while (at + run < line.size() && line[at + run] == marker) ++run;
  if (run < length) return false;
  return std::all_of(line.begin() + static_cast<std::ptrdiff_t>(at + run), line.end(), is_blank);
}

std::size_t marker_run(std::string_view line, char marker) {
  const std::size_t start = line.find(marker);
  if (start == std::string_view::npos) return 0;
  const std::size_t end = line.find_first_not_of(marker, start);
  return (end == std::string_view::npos ? line.size() : end) - start;
}

class OutlineCollector final : public Md4cListener {
 public:
  OutlineCollector(std::string_view text, MarkdownOutline& outline) : index_(text), outline_(outline) {}

  const LineIndex& index() const { return index_; }

  void enter_block(MD_BLOCKTYPE type, const void* detail) override {
    switch (type) {
      case MD_BLOCK_QUOTE:
      case MD_BLOCK_UL:
      case MD_BLOCK_OL:
      case MD_BLOCK_LI:
        ++containers_;
        break;
      case MD_BLOCK_H:
        heading_ = MarkdownHeading{};
        heading_.level = static_cast<int>(static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level);
        heading_.top_level = containers_ == 0;
        heading_first_offset_ = kNone;
        heading_last_line_ = 0;
        in_heading_ = true;
        break;
      case MD_BLOCK_CODE: {
        const auto& code = *static_cast<const MD_BLOCK_CODE_DETAIL*>(detail);
        if (code.fence_char == 0) break;  // an indented block: only its text moves the cursor
        fence_ = MarkdownFence{};
        fence_.marker = code.fence_char;
        fence_.language = fence_language(code);
        fence_.top_level = containers_ == 0;
        const std::size_t info = code.info.text ? index_.offset_of({code.info.text, code.info.size}) : kNone;
        fence_info_line_ = info == kNone ? kNone : index_.line_of(info);
        fence_first_offset_ = kNone;
        fence_breaks_before_first_ = 0;
        fence_breaks_ = 0;
        fence_search_from_ = cursor_;
        in_fence_ = true;
        break;
      }
      default:
        break;
    }
  }

  void leave_block(MD_BLOCKTYPE type) override {
    switch (type) {
      case MD_BLOCK_QUOTE:
      case MD_BLOCK_UL:
      case MD_BLOCK_OL:
      case MD_BLOCK_LI:
        if (containers_ > 0) --containers_;
        break;
      case MD_BLOCK_H:
        if (in_heading_) finish_heading();
        break;
      case MD_BLOCK_CODE:
        if (in_fence_) finish_fence();
        break;
      default:
        break;
    }
  }

  void enter_span(MD_SPANTYPE) override {}
  void leave_span(MD_SPANTYPE) override {}

  void text(MD_TEXTTYPE type, std::string_view text) override {
    const std::size_t offset = index_.offset_of(text);
    if (offset != kNone) {
      const std::size_t line = index_.line_of(offset);
      if (type == MD_TEXT_HTML && (outline_.html_lines.empty() || outline_.html_lines.back() != line))
        outline_.html_lines.push_back(line);
      cursor_ = std::max(cursor_, line + 1);
    }
    if (in_fence_) {
      if (text == "\n") {
        ++fence_breaks_;
      } else if (offset != kNone && fence_first_offset_ == kNone) {
        fence_first_offset_ = offset;
        fence_breaks_before_first_ = fence_breaks_;
      }
      fence_.code += type == MD_TEXT_NULLCHAR ? kReplacementCharacter : text;
    } else if (in_heading_) {
      if (offset != kNone) {
        if (heading_first_offset_ == kNone) heading_first_offset_ = offset;
        heading_last_line_ = index_.line_of(offset);
      }
      switch (type) {
        case MD_TEXT_NULLCHAR: heading_.text += kReplacementCharacter; break;
        case MD_TEXT_BR:
        case MD_TEXT_SOFTBR: heading_.text += ' '; break;
        case MD_TEXT_ENTITY: heading_.text += decode_entity(text); break;
        default: heading_.text += text; break;
      }
    }
  }

 private:
  // The first line from `from` on holding `wanted`: for the rare block md4c reports no text of
  // (an empty heading or fence), whose line is the first such one after the blocks before it.
  // Each search starts past the last one found, and a failed one is remembered: linear.
  std::size_t find_line_from(std::size_t from, const std::function<bool(std::string_view)>& wanted, char key) {
    std::size_t& absent_from = key == '#' ? hash_absent_from_ : key == '`' ? backtick_absent_from_ : tilde_absent_from_;
    for (std::size_t line = from; line < std::min(absent_from, index_.count()); ++line)
      if (wanted(index_.lines()[line])) return line;
    absent_from = std::min(absent_from, from);
    return std::min(from, index_.count() == 0 ? 0 : index_.count() - 1);
  }

  void finish_heading() {
    in_heading_ = false;
    const auto& lines = index_.lines();
    const std::size_t first_offset = heading_first_offset_;
    if (first_offset != kNone) {
      heading_.first_line = index_.line_of(first_offset);
      heading_.last_line = std::max(heading_.first_line, heading_last_line_);
      // An ATX heading is one line with '#' before its text; otherwise a setext underline follows.
      const std::string_view before =
          lines[heading_.first_line].substr(0, first_offset - index_.start_of(heading_.first_line));
      const bool atx = heading_.first_line == heading_.last_line && before.find('#') != std::string_view::npos;
      if (!atx && heading_.last_line + 1 < lines.size()) ++heading_.last_line;
    } else {  // no text at all: an empty ATX heading such as "#"
      heading_.first_line = heading_.last_line = find_line_from(
          cursor_, [](std::string_view line) { return line.find('#') != std::string_view::npos; }, '#');
    }
    cursor_ = std::max(cursor_, heading_.last_line + 1);
    const std::size_t start = heading_.text.find_first_not_of(" \t");
    const std::size_t end = heading_.text.find_last_not_of(" \t");
    heading_.text = start == std::string::npos ? std::string() : heading_.text.substr(start, end - start + 1);
    outline_.headings.push_back(std::move(heading_));
  }

  // The opening line: the line before the first content line, counted back from the first text
  // md4c read from the input, else the info string's line, else the first fence-like line.
  std::size_t fence_open_line() {
    if (fence_first_offset_ != kNone) {
      const std::size_t first_text_line = index_.line_of(fence_first_offset_);
      if (first_text_line >= fence_breaks_before_first_ + 1) return first_text_line - fence_breaks_before_first_ - 1;
    }
    if (fence_info_line_ != kNone) return fence_info_line_;
    const char marker = fence_.marker;
    return find_line_from(
        fence_search_from_, [marker](std::string_view line) { return marker_run(line, marker) >= 3; }, marker);
  }

  void finish_fence() {
    in_fence_ = false;
    const auto& lines = index_.lines();
    if (lines.empty()) return;  // md4c reports no block in an empty text; nothing to place
    fence_.open_line = std::min(fence_open_line(), lines.size() - 1);
    fence_.length = std::max<std::size_t>(3, marker_run(lines[fence_.open_line], fence_.marker));
    fence_.close_line = fence_.open_line + fence_breaks_ + 1;
    fence_.closed = fence_.close_line < lines.size() &&
                    is_closing_fence(lines[fence_.close_line], fence_.marker, fence_.length);
    // A line that closes nothing but opens this fence: the fence before ended with its container.
    if (!outline_.fences.empty() && outline_.fences.back().closed && outline_.fences.back().close_line == fence_.open_line)
      outline_.fences.back().closed = false;
    cursor_ = std::max(cursor_, fence_.closed ? fence_.close_line + 1 : fence_.close_line);
    if (!fence_.code.empty() && fence_.code.back() == '\n') fence_.code.pop_back();
    outline_.fences.push_back(std::move(fence_));
  }

  LineIndex index_;
  MarkdownOutline& outline_;
  std::size_t containers_ = 0;  // quotes, lists and items the walk is inside
  std::size_t cursor_ = 0;      // the first line no block reported so far reaches

  bool in_heading_ = false;
  MarkdownHeading heading_;
  std::size_t heading_first_offset_ = kNone, heading_last_line_ = 0;

  bool in_fence_ = false;
  MarkdownFence fence_;
  std::size_t fence_info_line_ = kNone, fence_first_offset_ = kNone, fence_search_from_ = 0;
  std::size_t fence_breaks_before_first_ = 0, fence_breaks_ = 0;  // '\n's md4c ends lines with

  std::size_t hash_absent_from_ = kNone, backtick_absent_from_ = kNone, tilde_absent_from_ = kNone;
};

}  // namespace

MarkdownOutline outline_markdown(std::string_view text) {
  MarkdownOutline outline;
  OutlineCollector collector(text, outline);
  parse_with_md4c(text, collector);
  outline.lines = collector.index().lines();
  std::sort(outline.html_lines.begin(), outline.html_lines.end());
  outline.html_lines.erase(std::unique(outline.html_lines.begin(), outline.html_lines.end()), outline.html_lines.end());
  return outline;
}

}  // namespace bufferlab

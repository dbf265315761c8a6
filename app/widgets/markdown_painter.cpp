// Markdown narration drawn with ImGui: a greedy word wrapper, a layout made once per width and
// font, and drawing of its visible parts through the window draw list (rich text that ImGui
// lacks). The parsing is core's (core/lesson/markdown.h).
#include "app/widgets/markdown_painter.h"
#include "app/widgets/colours.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

namespace bufferlab {

namespace {

// The byte length of the UTF-8 character starting at `at` (1 for a stray byte).
std::size_t character_length(std::string_view text, std::size_t at) {
  const unsigned char lead = static_cast<unsigned char>(text[at]);
  const std::size_t length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  std::size_t end = at + 1;
  while (end < text.size() && end < at + length && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  return end - at;
}

// Cuts `text` into pieces no wider than `width` (a piece holds at least one character), each
// character measured once. `emit(piece, piece_width, last)` receives them in order.
template <typename Measure, typename Emit>
void cut_to_width(std::string_view text, float width, Measure&& measure, Emit&& emit) {
  std::size_t piece_start = 0;
  float piece_width = 0.0f;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = character_length(text, at);
    const float character_width = measure(text.substr(at, length));
    if (at > piece_start && piece_width + character_width > width) {
      emit(text.substr(piece_start, at - piece_start), piece_width, false);
      piece_start = at;
      piece_width = 0.0f;
    }
    piece_width += character_width;
    at += length;
  }
  emit(text.substr(piece_start), piece_width, true);
}

// Lines of a code block: split at '\n', without a '\r' before it; a final '\n' starts no row.
std::vector<std::string_view> code_lines(std::string_view code) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  do {
    std::size_t end = code.find('\n', start);
    if (end == std::string_view::npos) end = code.size();
    std::string_view line = code.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  } while (start < code.size());
  return lines;
}

}  // namespace

std::string replace_missing_glyphs(std::string_view text) {
  static const std::pair<std::string_view, std::string_view> kReplacements[] = {
      {"\u2705", "\u2714"},  // white heavy check mark -> heavy check mark
      {"\u274C", "\u2718"},  // cross mark -> heavy ballot x
      {"\u2B50", "\u2605"},  // star -> black star
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [from, to] : kReplacements) {
      if (text.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (replaced) continue;
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    if (lead >= 0xF0 && lead <= 0xF4) {
      // Outside the Basic Multilingual Plane (emoji): dropped, with a space and a variation
      // selector after it.
      i += 4;
      if (text.substr(i, 3) == "\uFE0F") i += 3;
      if (i < text.size() && text[i] == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) ++i;
      continue;
    }
    if (text.substr(i, 3) == "\uFE0F") {  // variation selectors render as boxes
      i += 3;
      continue;
    }
    out += text[i++];
  }
  return out;
}

std::vector<PlacedFragment> wrap_inline(const InlineText& text, float width,
                                        const std::function<float(const InlineSpan&, std::string_view)>& measure) {
  std::vector<PlacedFragment> placed;
  float x = 0.0f;
  int line = 0;
  auto new_line = [&] {
    ++line;
    x = 0.0f;
  };
  auto place = [&](std::size_t span, std::string_view piece, float piece_width) {
    if (!placed.empty() && placed.back().span == span && placed.back().line == line) {
      placed.back().text += piece;  // same span, same line: one fragment
    } else {
      placed.push_back({span, std::string(piece), x, line});
    }
    x += piece_width;
  };
  for (std::size_t s = 0; s < text.size(); ++s) {
    const auto measure_span = [&](std::string_view piece) { return measure(text[s], piece); };
    std::string_view rest = text[s].text;
    while (!rest.empty()) {
      if (rest.front() == '\n') {
        new_line();
        rest.remove_prefix(1);
        continue;
      }
      // A word and the spaces after it; the spaces never start a line.
      std::size_t word_end = rest.find_first_of(" \n");
      if (word_end == std::string_view::npos) word_end = rest.size();
      std::size_t space_end = word_end;
      while (space_end < rest.size() && rest[space_end] == ' ') ++space_end;
      const std::string_view word = rest.substr(0, word_end);
      const std::string_view spaces = rest.substr(word_end, space_end - word_end);
      rest.remove_prefix(space_end);
      if (!word.empty()) {
        const float word_width = measure_span(word);
        if (x > 0.0f && x + word_width > width) new_line();
        if (word_width <= width) {
          place(s, word, word_width);
        } else {  // wider than a whole line: cut where it reaches the edge
          cut_to_width(word, width, measure_span, [&](std::string_view piece, float piece_width, bool last) {
            place(s, piece, piece_width);
            if (!last) new_line();
          });
        }
      }
      if (!spaces.empty() && x > 0.0f) place(s, spaces, measure_span(spaces));
    }
  }
  return placed;
}

// ---------------------------------------------------------------------------------------------
// Layout: the blocks become draw operations once; drawing replays the visible ones.

namespace {

using Ink = MarkdownView::Ink;
using DrawOp = MarkdownView::DrawOp;

// A text operation holds at most this many bytes: characters without width must not make one
// draw call too big for a draw list's 16-bit indices.
constexpr std::size_t kMaxTextOpBytes = 2048;
// A draw list without vertex offsets indexes at most this many vertices.
constexpr unsigned kVertexLimit = 1u << 16;

struct Recorder {
  std::vector<DrawOp>& ops;
  std::string& texts;
  ImFont* body;
  ImFont* heading;

  ImFont* font_of(bool heading_font) const { return heading_font ? heading : body; }

  float measure(ImFont* font, std::string_view text) const {
    if (text.empty()) return 0.0f;
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
  }

  void text(bool heading_font, ImVec2 at, float line_height, Ink ink, std::string_view piece) {
    ImFont* font = font_of(heading_font);
    // Long runs are cut at character boundaries into several operations side by side.
    while (!piece.empty()) {
      std::size_t length = 0;
      while (length < piece.size() && length < kMaxTextOpBytes) length += character_length(piece, length);
      const std::string_view part = piece.substr(0, length);
      DrawOp op;
      op.kind = DrawOp::Kind::Text;
      op.ink = ink;
      op.heading_font = heading_font;
      op.min = at;
      op.max = ImVec2(at.x, at.y + line_height);
      op.text_begin = texts.size();
      texts += part;
      op.text_end = texts.size();
      ops.push_back(op);
      piece.remove_prefix(length);
      if (!piece.empty()) at.x += measure(font, part);
    }
  }
  void shape(DrawOp::Kind kind, ImVec2 min, ImVec2 max, Ink ink, float rounding = 0.0f, bool half_alpha = false) {
    DrawOp op;
    op.kind = kind;
    op.ink = ink;
    op.min = min;
    op.max = max;
    op.rounding = rounding;
    op.half_alpha = half_alpha;
    ops.push_back(op);
  }

  // Lays out wrapped inline text at `origin`; returns its height.
  float inline_text(const InlineText& text, ImVec2 origin, float width, bool heading_font, Ink ink, bool all_bold = false) {
    ImFont* font = font_of(heading_font);
    const float line_height = font->FontSize * 1.2f;
    const auto fragments = wrap_inline(text, std::max(width, font->FontSize * 2.0f),
                                       [&](const InlineSpan&, std::string_view piece) { return measure(font, piece); });
    int lines = text.empty() ? 0 : 1;
    const float bold_offset = std::max(1.0f, std::round(font->FontSize / 15.0f));
    for (const PlacedFragment& fragment : fragments) {
      const InlineSpan& span = text[fragment.span];
      lines = std::max(lines, fragment.line + 1);
      const ImVec2 at(origin.x + fragment.x, origin.y + static_cast<float>(fragment.line) * line_height +
                                                 (line_height - font->FontSize) * 0.5f);
      Ink fragment_ink = ink;
      if (span.code) {
        std::string_view inked(fragment.text);
        while (!inked.empty() && inked.back() == ' ') inked.remove_suffix(1);
        shape(DrawOp::Kind::FilledRect, ImVec2(at.x - 2.0f, at.y - 1.0f),
              ImVec2(at.x + measure(font, inked) + 2.0f, at.y + font->FontSize + 1.0f), Ink::CodeBackground, 3.0f);
        fragment_ink = Ink::CodeText;
      }
      this->text(heading_font, at, font->FontSize, fragment_ink, fragment.text);
      if (span.bold || all_bold) this->text(heading_font, ImVec2(at.x + bold_offset, at.y), font->FontSize, fragment_ink, fragment.text);
      if (span.italic && !span.code)  // no italic face in a monospace UI: underline instead
        shape(DrawOp::Kind::Line, ImVec2(at.x, at.y + font->FontSize),
              ImVec2(at.x + measure(font, fragment.text), at.y + font->FontSize), fragment_ink, 0.0f, true);
    }
    return static_cast<float>(lines) * line_height;
  }

  float code_block(const std::string& code, ImVec2 origin, float width) {
    const float pad = body->FontSize * 0.5f;
    const float line_height = body->FontSize * 1.15f;
    const float inner = std::max(width - 2.0f * pad, body->FontSize * 4.0f);
    // Long lines wrap at the pane's edge, character by character (each measured once): code
    // has no word breaks.
    std::vector<std::string_view> rows;
    for (std::string_view line : code_lines(code))
      cut_to_width(line, inner, [&](std::string_view piece) { return measure(body, piece); },
                   [&](std::string_view piece, float, bool) { rows.push_back(piece); });
    const float height = static_cast<float>(rows.size()) * line_height + 2.0f * pad;
    shape(DrawOp::Kind::FilledRect, origin, ImVec2(origin.x + width, origin.y + height), Ink::CodeBackground, 4.0f);
    for (std::size_t r = 0; r < rows.size(); ++r)
      text(false, ImVec2(origin.x + pad, origin.y + pad + static_cast<float>(r) * line_height), line_height, Ink::CodeText, rows[r]);
    return height;
  }

  float table(const MarkdownBlock& block, ImVec2 origin, float width) {
    const std::size_t columns = block.rows.front().size();
    const float pad = body->FontSize * 0.4f;
    std::vector<float> natural(columns, body->FontSize * 2.0f);
    for (const auto& row : block.rows)
      for (std::size_t c = 0; c < columns && c < row.size(); ++c) {
        float w = 0.0f;
        for (const InlineSpan& span : row[c]) w += measure(body, span.text);
        natural[c] = std::max(natural[c], w + 2.0f * pad + body->FontSize * 0.2f);
      }
    float total = 0.0f;
    for (float w : natural) total += w;
    std::vector<float> widths = natural;
    if (total > width) {
      // Too wide: narrow columns keep their width, the wide ones share what is left.
      const float fair = width / static_cast<float>(columns);
      float fixed = 0.0f, flexible = 0.0f;
      for (float w : natural) (w <= fair ? fixed : flexible) += w;
      const float scale = flexible > 0.0f ? std::max(0.0f, width - fixed) / flexible : 1.0f;
      for (float& w : widths)
        if (w > fair) w = std::max(body->FontSize * 3.0f, w * scale);
    }
    float row_width = 0.0f;
    for (float w : widths) row_width += w;
    float y = origin.y;
    for (std::size_t r = 0; r < block.rows.size(); ++r) {
      // Each cell is laid out once, into its own list; the row is as tall as its tallest cell.
      std::vector<DrawOp> cells;
      std::swap(cells, ops);
      float row_height = body->FontSize * 1.2f;
      float x = origin.x;
      for (std::size_t c = 0; c < columns && c < block.rows[r].size(); ++c) {
        row_height = std::max(row_height, inline_text(block.rows[r][c], ImVec2(x + pad, y + pad), widths[c] - 2.0f * pad,
                                                      false, Ink::Text, r == 0));
        x += widths[c];
      }
      std::swap(cells, ops);
      row_height += 2.0f * pad;
      if (r == 0) shape(DrawOp::Kind::FilledRect, ImVec2(origin.x, y), ImVec2(origin.x + row_width, y + row_height), Ink::TableHeader);
      ops.insert(ops.end(), cells.begin(), cells.end());
      x = origin.x;
      for (std::size_t c = 0; c + 1 < columns; ++c) {
        x += widths[c];
        shape(DrawOp::Kind::Line, ImVec2(x, y), ImVec2(x, y + row_height), Ink::TableBorder);
      }
      shape(DrawOp::Kind::Rect, ImVec2(origin.x, y), ImVec2(origin.x + row_width, y + row_height), Ink::TableBorder);
      y += row_height;
    }
    return y - origin.y;
  }
};

unsigned colour_of(Ink ink, const MarkdownLook& look) {
  switch (ink) {
    case Ink::Text: return look.text;
    case Ink::Dim: return look.dim;
    case Ink::Heading: return look.heading_colour;
    case Ink::CodeText: return look.code_text;
    case Ink::CodeBackground: return look.code_background;
    case Ink::Rule: return look.rule;
    case Ink::TableBorder: return look.table_border;
    case Ink::TableHeader: return look.table_header;
  }
  return look.text;
}

}  // namespace

void MarkdownView::set_blocks(std::vector<MarkdownBlock> blocks) {
  blocks_ = std::move(blocks);
  plain_ = false;
  laid_out_ = false;
}

void MarkdownView::show_plain(std::string_view text, bool code) {
  if (plain_ && plain_code_ == code && plain_text_ == text) return;
  std::vector<MarkdownBlock> blocks(1);
  if (code) {
    blocks[0].kind = MarkdownBlock::Kind::Code;
    blocks[0].code = std::string(text);
  } else {
    blocks[0].kind = MarkdownBlock::Kind::Paragraph;
    blocks[0].text = {{std::string(text), false, false, false}};
  }
  set_blocks(std::move(blocks));
  plain_ = true;
  plain_code_ = code;
  plain_text_ = std::string(text);
}

void MarkdownView::lay_out(const Key& key, ImFont* body, ImFont* heading) {
  ++layouts_made_;
  key_ = key;
  laid_out_ = true;
  ops_.clear();
  text_.clear();
  Recorder record{ops_, text_, body, heading};
  const float width = key.width;
  const float gap = body->FontSize * 0.55f;
  float y = 0.0f;
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    const MarkdownBlock& block = blocks_[b];
    const ImVec2 origin(0.0f, y);
    float height = 0.0f;
    switch (block.kind) {
      case MarkdownBlock::Kind::Heading:
        height = record.inline_text(block.text, origin, width, block.level <= 2 && heading != body, Ink::Heading, true);
        break;
      case MarkdownBlock::Kind::Paragraph:
        height = record.inline_text(block.text, origin, width, false, Ink::Text);
        break;
      case MarkdownBlock::Kind::Bullet: {
        const float indent = body->FontSize * (1.0f + 1.5f * static_cast<float>(block.level));
        const float marker_width = record.measure(body, block.marker) + body->FontSize * 0.6f;
        record.text(false, ImVec2(origin.x + indent - marker_width + body->FontSize * 0.3f, origin.y + body->FontSize * 0.1f),
                    body->FontSize, Ink::Dim, block.marker);
        height = record.inline_text(block.text, ImVec2(origin.x + indent, origin.y), width - indent, false, Ink::Text);
        break;
      }
      case MarkdownBlock::Kind::Quote: {
        const float indent = body->FontSize * 1.0f;
        height = record.inline_text(block.text, ImVec2(origin.x + indent, origin.y), width - indent, false, Ink::Dim);
        record.shape(DrawOp::Kind::FilledRect, origin, ImVec2(origin.x + 3.0f, origin.y + height), Ink::Rule);
        break;
      }
      case MarkdownBlock::Kind::Code:
        height = record.code_block(block.code, origin, width);
        break;
      case MarkdownBlock::Kind::Table:
        height = block.rows.empty() || block.rows.front().empty() ? 0.0f : record.table(block, origin, width);
        break;
      case MarkdownBlock::Kind::Rule:
        height = gap;
        record.shape(DrawOp::Kind::Line, ImVec2(origin.x, origin.y + gap * 0.5f), ImVec2(origin.x + width, origin.y + gap * 0.5f), Ink::Rule);
        break;
    }
    // Bullets of one list sit closer together than other blocks; the spacing is what ImGui
    // adds after each block's item.
    const bool list_continues = block.kind == MarkdownBlock::Kind::Bullet && b + 1 < blocks_.size() &&
                                blocks_[b + 1].kind == MarkdownBlock::Kind::Bullet;
    y += std::max(1.0f, height + (list_continues ? 0.0f : gap) - key.spacing) + key.spacing;
  }
  height_ = blocks_.empty() ? 0.0f : y - key.spacing;
}

void MarkdownView::draw(const MarkdownLook& look) {
  ImFont* body = look.body ? look.body : ImGui::GetFont();
  ImFont* heading = look.heading ? look.heading : body;
  const float width = std::max(ImGui::GetContentRegionAvail().x - 2.0f, body->FontSize * 6.0f);
  const Key key{width, ImGui::GetStyle().ItemSpacing.y, body, heading, body->FontSize, heading->FontSize};
  if (!laid_out_ || !(key == key_)) lay_out(key, body, heading);

  // Only operations in the clip rectangle are drawn, and never more vertices than a draw list
  // without vertex offsets can index.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float clip_top = draw->GetClipRectMin().y - origin.y, clip_bottom = draw->GetClipRectMax().y - origin.y;
  const bool vertex_offsets = (ImGui::GetIO().BackendFlags & ImGuiBackendFlags_RendererHasVtxOffset) != 0;
  for (const DrawOp& op : ops_) {
    if (op.max.y < clip_top || op.min.y > clip_bottom) continue;
    unsigned colour = colour_of(op.ink, look);
    if (op.half_alpha) colour = scale_alpha(colour, 0.5f);
    const ImVec2 min(origin.x + op.min.x, origin.y + op.min.y), max(origin.x + op.max.x, origin.y + op.max.y);
    switch (op.kind) {
      case DrawOp::Kind::Text: {
        const std::size_t length = op.text_end - op.text_begin;
        if (!vertex_offsets && draw->_VtxCurrentIdx + 4 * length + 64 >= kVertexLimit) break;
        ImFont* font = op.heading_font ? heading : body;
        draw->AddText(font, font->FontSize, min, colour, text_.data() + op.text_begin, text_.data() + op.text_end);
        break;
      }
      case DrawOp::Kind::FilledRect: draw->AddRectFilled(min, max, colour, op.rounding); break;
      case DrawOp::Kind::Rect: draw->AddRect(min, max, colour); break;
      case DrawOp::Kind::Line: draw->AddLine(min, max, colour, 1.0f); break;
    }
  }
  if (!blocks_.empty()) ImGui::Dummy(ImVec2(width, height_));
}

void draw_markdown(const std::vector<MarkdownBlock>& blocks, const MarkdownLook& look) {
  MarkdownView view;
  view.set_blocks(blocks);
  view.draw(look);
}

}  // namespace bufferlab

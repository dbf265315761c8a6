// Markdown narration drawn with ImGui: a greedy word wrapper and drawing through the window
// draw list (rich text that ImGui lacks). The parsing is core's (core/lesson/markdown.h).
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
// Drawing

namespace {

struct Painter {
  const MarkdownLook& look;
  ImDrawList* draw = ImGui::GetWindowDrawList();

  ImFont* font_or_current(ImFont* font) const { return font ? font : ImGui::GetFont(); }

  // Rows outside the clip rectangle are laid out but not drawn: long narration stays cheap.
  bool visible(float top, float bottom) const {
    return bottom >= draw->GetClipRectMin().y && top <= draw->GetClipRectMax().y;
  }

  float measure(ImFont* font, std::string_view text) const {
    if (text.empty()) return 0.0f;
    return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
  }

  // Draws wrapped inline text at `origin`; returns its height.
  float inline_text(const InlineText& text, ImVec2 origin, float width, ImFont* font, unsigned colour,
                    bool all_bold = false) {
    font = font_or_current(font);
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
      if (!visible(at.y, at.y + line_height)) continue;
      const char* begin = fragment.text.c_str();
      const char* end = begin + fragment.text.size();
      unsigned fragment_colour = colour;
      if (span.code) {
        std::string_view inked(fragment.text);
        while (!inked.empty() && inked.back() == ' ') inked.remove_suffix(1);
        draw->AddRectFilled(ImVec2(at.x - 2.0f, at.y - 1.0f), ImVec2(at.x + measure(font, inked) + 2.0f, at.y + font->FontSize + 1.0f),
                            look.code_background, 3.0f);
        fragment_colour = look.code_text;
      }
      draw->AddText(font, font->FontSize, at, fragment_colour, begin, end);
      if (span.bold || all_bold) draw->AddText(font, font->FontSize, ImVec2(at.x + bold_offset, at.y), fragment_colour, begin, end);
      if (span.italic && !span.code)  // no italic face in a monospace UI: underline instead
        draw->AddLine(ImVec2(at.x, at.y + font->FontSize), ImVec2(at.x + measure(font, fragment.text), at.y + font->FontSize),
                      scale_alpha(fragment_colour, 0.5f));
    }
    return static_cast<float>(lines) * line_height;
  }

  float code_block(const std::string& code, ImVec2 origin, float width) {
    ImFont* font = font_or_current(look.body);
    const float pad = font->FontSize * 0.5f;
    const float line_height = font->FontSize * 1.15f;
    const float inner = std::max(width - 2.0f * pad, font->FontSize * 4.0f);
    // Long lines wrap at the pane's edge, character by character: code has no word breaks.
    std::vector<std::string_view> rows;
    for (std::string_view line : code_lines(code))
      cut_to_width(line, inner, [&](std::string_view piece) { return measure(font, piece); },
                   [&](std::string_view piece, float, bool) { rows.push_back(piece); });
    const float height = static_cast<float>(rows.size()) * line_height + 2.0f * pad;
    draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), look.code_background, 4.0f);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const float top = origin.y + pad + static_cast<float>(r) * line_height;
      if (visible(top, top + line_height))
        draw->AddText(font, font->FontSize, ImVec2(origin.x + pad, top), look.code_text, rows[r].data(),
                      rows[r].data() + rows[r].size());
    }
    return height;
  }

  float table(const MarkdownBlock& block, ImVec2 origin, float width) {
    ImFont* font = font_or_current(look.body);
    const std::size_t columns = block.rows.front().size();
    const float pad = font->FontSize * 0.4f;
    std::vector<float> natural(columns, font->FontSize * 2.0f);
    for (const auto& row : block.rows)
      for (std::size_t c = 0; c < columns; ++c) {
        float w = 0.0f;
        for (const InlineSpan& span : row[c]) w += measure(font, span.text);
        natural[c] = std::max(natural[c], w + 2.0f * pad + font->FontSize * 0.2f);
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
        if (w > fair) w = std::max(font->FontSize * 3.0f, w * scale);
    }
    float y = origin.y;
    for (std::size_t r = 0; r < block.rows.size(); ++r) {
      // The row is as tall as its cell with the most wrapped lines.
      float row_height = font->FontSize * 1.2f;
      for (std::size_t c = 0; c < columns; ++c) {
        const auto fragments = wrap_inline(block.rows[r][c], std::max(widths[c] - 2.0f * pad, font->FontSize),
                                           [&](const InlineSpan&, std::string_view piece) { return measure(font, piece); });
        const int lines = fragments.empty() ? 1 : fragments.back().line + 1;
        row_height = std::max(row_height, static_cast<float>(lines) * font->FontSize * 1.2f);
      }
      row_height += 2.0f * pad;
      float x = origin.x;
      float row_width = 0.0f;
      for (float w : widths) row_width += w;
      if (r == 0) draw->AddRectFilled(ImVec2(x, y), ImVec2(x + row_width, y + row_height), look.table_header);
      for (std::size_t c = 0; c < columns; ++c) {
        inline_text(block.rows[r][c], ImVec2(x + pad, y + pad), widths[c] - 2.0f * pad, font, look.text, r == 0);
        x += widths[c];
        if (c + 1 < columns) draw->AddLine(ImVec2(x, y), ImVec2(x, y + row_height), look.table_border);
      }
      draw->AddRect(ImVec2(origin.x, y), ImVec2(origin.x + row_width, y + row_height), look.table_border);
      y += row_height;
    }
    return y - origin.y;
  }
};

}  // namespace

void draw_markdown(const std::vector<MarkdownBlock>& blocks, const MarkdownLook& look) {
  Painter painter{look};
  ImFont* body = painter.font_or_current(look.body);
  const float width = std::max(ImGui::GetContentRegionAvail().x - 2.0f, body->FontSize * 6.0f);
  const float gap = body->FontSize * 0.55f;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const MarkdownBlock& block = blocks[b];
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    float height = 0.0f;
    switch (block.kind) {
      case MarkdownBlock::Kind::Heading: {
        ImFont* font = block.level <= 2 && look.heading ? look.heading : body;
        height = painter.inline_text(block.text, origin, width, font, look.heading_colour, true);
        break;
      }
      case MarkdownBlock::Kind::Paragraph:
        height = painter.inline_text(block.text, origin, width, body, look.text);
        break;
      case MarkdownBlock::Kind::Bullet: {
        const float indent = body->FontSize * (1.0f + 1.5f * static_cast<float>(block.level));
        const float marker_width = painter.measure(body, block.marker) + body->FontSize * 0.6f;
        painter.draw->AddText(body, body->FontSize, ImVec2(origin.x + indent - marker_width + body->FontSize * 0.3f,
                                                           origin.y + body->FontSize * 0.1f),
                              look.dim, block.marker.c_str());
        height = painter.inline_text(block.text, ImVec2(origin.x + indent, origin.y), width - indent, body, look.text);
        break;
      }
      case MarkdownBlock::Kind::Quote: {
        const float indent = body->FontSize * 1.0f;
        height = painter.inline_text(block.text, ImVec2(origin.x + indent, origin.y), width - indent, body, look.dim);
        painter.draw->AddRectFilled(origin, ImVec2(origin.x + 3.0f, origin.y + height), look.rule);
        break;
      }
      case MarkdownBlock::Kind::Code:
        height = painter.code_block(block.code, origin, width);
        break;
      case MarkdownBlock::Kind::Table:
        height = block.rows.empty() ? 0.0f : painter.table(block, origin, width);
        break;
      case MarkdownBlock::Kind::Rule:
        height = gap;
        painter.draw->AddLine(ImVec2(origin.x, origin.y + gap * 0.5f), ImVec2(origin.x + width, origin.y + gap * 0.5f), look.rule, 1.0f);
        break;
    }
    // Bullets of one list sit closer together than other blocks.
    const bool list_continues = block.kind == MarkdownBlock::Kind::Bullet && b + 1 < blocks.size() &&
                                blocks[b + 1].kind == MarkdownBlock::Kind::Bullet;
    ImGui::Dummy(ImVec2(width, std::max(1.0f, height + (list_continues ? 0.0f : gap) - ImGui::GetStyle().ItemSpacing.y)));
  }
}

}  // namespace bufferlab

// Markdown for lesson narration: a line-based block parser, an inline parser, a greedy word
// wrapper, and drawing through the window draw list (rich text that ImGui lacks).
#include "app/widgets/markdown_render.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>

namespace bufferlab {

namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::size_t indent_of(std::string_view line) {
  std::size_t indent = 0;
  for (char c : line) {
    if (c == ' ') ++indent;
    else if (c == '\t') indent += 4;
    else break;
  }
  return indent;
}

// ``` or ~~~ (three or more) after at most three spaces: the marker and its length.
bool fence_of(std::string_view line, char* marker, std::size_t* length, std::string* language) {
  const std::size_t indent = indent_of(line);
  if (indent > 3 || indent >= line.size()) return false;
  const char c = line[indent];
  if (c != '`' && c != '~') return false;
  std::size_t n = 0;
  while (indent + n < line.size() && line[indent + n] == c) ++n;
  if (n < 3) return false;
  *marker = c;
  *length = n;
  if (language) {
    language->clear();
    for (char ch : trim(line.substr(indent + n))) {
      if (ch == ' ' || ch == '{') break;
      *language += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
  }
  return true;
}

bool is_rule(std::string_view line) {
  const std::string_view text = trim(line);
  if (text.size() < 3 || indent_of(line) > 3) return false;
  const char c = text[0];
  if (c != '-' && c != '*' && c != '_') return false;
  int count = 0;
  for (char ch : text) {
    if (ch == c) ++count;
    else if (ch != ' ') return false;
  }
  return count >= 3;
}

bool heading_of(std::string_view line, int* level, std::string_view* text) {
  if (indent_of(line) > 3) return false;
  const std::string_view body = trim(line);
  std::size_t n = 0;
  while (n < body.size() && body[n] == '#') ++n;
  if (n == 0 || n > 6 || (n < body.size() && body[n] != ' ')) return false;
  std::string_view rest = trim(body.substr(n));
  const auto hashes = rest.find_last_not_of('#');  // closing #s go
  if (hashes != std::string_view::npos && hashes + 1 < rest.size() && rest[hashes] == ' ')
    rest = trim(rest.substr(0, hashes));
  *level = static_cast<int>(n);
  *text = rest;
  return true;
}

// "- item", "* item", "+ item", "1. item", "2) item": the marker, and where the text starts.
bool list_item_of(std::string_view line, std::string* marker, std::size_t* text_start) {
  const std::size_t i = line.find_first_not_of(" \t");
  if (i == std::string_view::npos) return false;
  if ((line[i] == '-' || line[i] == '*' || line[i] == '+') && i + 1 < line.size() && line[i + 1] == ' ') {
    *marker = "\xE2\x80\xA2";  // a bullet
    *text_start = i + 2;
    return true;
  }
  std::size_t digits = i;
  while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
  if (digits > i && digits - i <= 9 && digits + 1 < line.size() &&
      (line[digits] == '.' || line[digits] == ')') && line[digits + 1] == ' ') {
    *marker = std::string(line.substr(i, digits - i + 1));
    *text_start = digits + 2;
    return true;
  }
  return false;
}

bool is_table_row(std::string_view line) { return trim(line).size() >= 2 && trim(line)[0] == '|'; }

bool is_table_separator(std::string_view line) {
  const std::string_view text = trim(line);
  if (text.empty() || text[0] != '|' || text.find('-') == std::string_view::npos) return false;
  return std::all_of(text.begin(), text.end(), [](char c) { return c == '|' || c == '-' || c == ':' || c == ' '; });
}

// The cells of "| a | b |", split at pipes outside code spans, \| kept as a pipe.
std::vector<InlineText> table_cells(std::string_view line) {
  std::string_view text = trim(line);
  if (!text.empty() && text.front() == '|') text.remove_prefix(1);
  if (!text.empty() && text.back() == '|' && !(text.size() >= 2 && text[text.size() - 2] == '\\'))
    text.remove_suffix(1);
  std::vector<InlineText> cells;
  std::string cell;
  bool in_code = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size() && text[i + 1] == '|') {
      cell += '|';
      ++i;
    } else if (c == '`') {
      in_code = !in_code;
      cell += c;
    } else if (c == '|' && !in_code) {
      cells.push_back(parse_inline_markdown(trim(cell)));
      cell.clear();
    } else {
      cell += c;
    }
  }
  cells.push_back(parse_inline_markdown(trim(cell)));
  return cells;
}

// A line that starts a block of its own (ends a paragraph or a list item's text).
bool starts_block(std::string_view line) {
  char marker;
  std::size_t length;
  int level;
  std::string_view heading;
  std::string item;
  std::size_t start;
  return fence_of(line, &marker, &length, nullptr) || heading_of(line, &level, &heading) || is_rule(line) ||
         is_table_row(line) || trim(line).starts_with(">") || list_item_of(line, &item, &start);
}

void append_span(InlineText& out, std::string text, bool bold, bool italic, bool code) {
  if (text.empty()) return;
  if (!out.empty() && out.back().bold == bold && out.back().italic == italic && out.back().code == code) {
    out.back().text += text;
    return;
  }
  out.push_back({std::move(text), bold, italic, code});
}

bool is_punctuation(char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }

void parse_inline_into(std::string_view text, bool bold, bool italic, InlineText& out, int depth) {
  std::string plain;
  auto flush = [&] {
    append_span(out, std::move(plain), bold, italic, false);
    plain.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\' && i + 1 < text.size() && is_punctuation(text[i + 1])) {
      plain += text[++i];
      continue;
    }
    if (c == '`') {
      std::size_t run = 0;
      while (i + run < text.size() && text[i + run] == '`') ++run;
      // The closing run has exactly the same length.
      std::size_t search = i + run, close = std::string_view::npos;
      while ((search = text.find('`', search)) != std::string_view::npos) {
        std::size_t n = 0;
        while (search + n < text.size() && text[search + n] == '`') ++n;
        if (n == run) {
          close = search;
          break;
        }
        search += n;
      }
      if (close == std::string_view::npos) {
        plain.append(run, '`');
        i += run - 1;
        continue;
      }
      std::string code(text.substr(i + run, close - i - run));
      if (code.size() >= 2 && code.front() == ' ' && code.back() == ' ') code = code.substr(1, code.size() - 2);
      flush();
      append_span(out, std::move(code), bold, italic, true);
      i = close + run - 1;
      continue;
    }
    if (depth < 8 && c == '*' && i + 1 < text.size() && text[i + 1] == '*') {
      const std::size_t close = text.find("**", i + 2);
      if (close != std::string_view::npos && close > i + 2 && text[i + 2] != ' ') {
        flush();
        parse_inline_into(text.substr(i + 2, close - i - 2), true, italic, out, depth + 1);
        i = close + 1;
        continue;
      }
    }
    if (depth < 8 && c == '*' && i + 1 < text.size() && text[i + 1] != ' ' && text[i + 1] != '*') {
      std::size_t close = i + 1;
      while ((close = text.find('*', close)) != std::string_view::npos && close + 1 < text.size() &&
             text[close + 1] == '*')
        close += 2;
      if (close != std::string_view::npos && text[close - 1] != ' ') {
        flush();
        parse_inline_into(text.substr(i + 1, close - i - 1), bold, true, out, depth + 1);
        i = close;
        continue;
      }
    }
    if (depth < 8 && c == '[') {
      const std::size_t label_end = text.find("](", i + 1);
      const std::size_t link_end = label_end == std::string_view::npos ? label_end : text.find(')', label_end + 2);
      if (link_end != std::string_view::npos) {
        flush();
        parse_inline_into(text.substr(i + 1, label_end - i - 1), bold, italic, out, depth + 1);
        i = link_end;
        continue;
      }
    }
    plain += c;
  }
  flush();
}

}  // namespace

InlineText parse_inline_markdown(std::string_view text) {
  InlineText out;
  parse_inline_into(text, false, false, out, 0);
  return out;
}

std::vector<MarkdownBlock> parse_markdown_blocks(std::string_view text) {
  const std::vector<std::string_view> lines = split_lines(text);
  std::vector<MarkdownBlock> blocks;
  std::string paragraph;
  auto add_line = [](std::string& into, std::string_view line) {
    // Two trailing spaces or a backslash make a hard line break.
    const bool hard = line.ends_with("  ") || line.ends_with("\\");
    std::string_view body = trim(line);
    if (hard && body.ends_with("\\")) body.remove_suffix(1);
    if (!into.empty() && into.back() != '\n') into += ' ';
    into += body;
    if (hard) into += '\n';
  };
  auto flush_paragraph = [&] {
    while (!paragraph.empty() && paragraph.back() == '\n') paragraph.pop_back();
    if (!paragraph.empty()) {
      MarkdownBlock block;
      block.kind = MarkdownBlock::Kind::Paragraph;
      block.text = parse_inline_markdown(paragraph);
      blocks.push_back(std::move(block));
    }
    paragraph.clear();
  };

  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    char marker = 0;
    std::size_t length = 0;
    std::string language;
    int level = 0;
    std::string_view heading;
    std::string item_marker;
    std::size_t item_start = 0;

    if (fence_of(line, &marker, &length, &language)) {
      flush_paragraph();
      MarkdownBlock block;
      block.kind = MarkdownBlock::Kind::Code;
      block.language = language;
      const std::size_t indent = indent_of(line);
      std::size_t j = i + 1;
      for (; j < lines.size(); ++j) {
        char close_marker = 0;
        std::size_t close_length = 0;
        std::string close_info;
        if (fence_of(lines[j], &close_marker, &close_length, &close_info) && close_marker == marker &&
            close_length >= length && close_info.empty())
          break;
        std::string_view content = lines[j];
        std::size_t strip = 0;
        while (strip < indent && strip < content.size() && content[strip] == ' ') ++strip;
        if (!block.code.empty() || j > i + 1) block.code += '\n';
        block.code += content.substr(strip);
      }
      blocks.push_back(std::move(block));
      i = j;  // past the closing fence (or the end)
      continue;
    }
    if (trim(line).empty()) {
      flush_paragraph();
      continue;
    }
    if (heading_of(line, &level, &heading)) {
      flush_paragraph();
      MarkdownBlock block;
      block.kind = MarkdownBlock::Kind::Heading;
      block.level = level;
      block.text = parse_inline_markdown(heading);
      blocks.push_back(std::move(block));
      continue;
    }
    if (is_rule(line)) {
      flush_paragraph();
      MarkdownBlock rule;
      rule.kind = MarkdownBlock::Kind::Rule;
      blocks.push_back(std::move(rule));
      continue;
    }
    if (is_table_row(line) && i + 1 < lines.size() && is_table_separator(lines[i + 1])) {
      flush_paragraph();
      MarkdownBlock block;
      block.kind = MarkdownBlock::Kind::Table;
      block.rows.push_back(table_cells(line));
      std::size_t j = i + 2;
      for (; j < lines.size() && is_table_row(lines[j]); ++j) block.rows.push_back(table_cells(lines[j]));
      const std::size_t columns = block.rows.front().size();
      for (auto& row : block.rows) row.resize(columns);  // ragged rows: pad or cut to the header
      blocks.push_back(std::move(block));
      i = j - 1;
      continue;
    }
    if (trim(line).starts_with(">")) {
      flush_paragraph();
      std::string quoted;
      std::size_t j = i;
      for (; j < lines.size() && trim(lines[j]).starts_with(">"); ++j) {
        std::string_view body = trim(lines[j]).substr(1);
        add_line(quoted, body);
      }
      MarkdownBlock block;
      block.kind = MarkdownBlock::Kind::Quote;
      block.text = parse_inline_markdown(trim(quoted));
      blocks.push_back(std::move(block));
      i = j - 1;
      continue;
    }
    if (list_item_of(line, &item_marker, &item_start)) {
      flush_paragraph();
      std::string item;
      add_line(item, line.substr(item_start));
      std::size_t j = i + 1;
      // Continuation lines: indented or lazy, until a blank line or another block.
      for (; j < lines.size() && !trim(lines[j]).empty() && !starts_block(lines[j]); ++j) add_line(item, lines[j]);
      while (!item.empty() && item.back() == '\n') item.pop_back();
      MarkdownBlock block;
      block.kind = MarkdownBlock::Kind::Bullet;
      block.level = static_cast<int>(std::min<std::size_t>(indent_of(line) / 2, 4));
      block.marker = item_marker;
      block.text = parse_inline_markdown(item);
      blocks.push_back(std::move(block));
      i = j - 1;
      continue;
    }
    add_line(paragraph, line);
  }
  flush_paragraph();
  return blocks;
}

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
  auto place = [&](std::size_t span, std::string_view piece, float piece_width) {
    if (!placed.empty() && placed.back().span == span && placed.back().line == line) {
      placed.back().text += piece;  // same span, same line: one fragment
    } else {
      placed.push_back({span, std::string(piece), x, line});
    }
    x += piece_width;
  };
  for (std::size_t s = 0; s < text.size(); ++s) {
    std::string_view rest = text[s].text;
    while (!rest.empty()) {
      if (rest.front() == '\n') {
        ++line;
        x = 0.0f;
        rest.remove_prefix(1);
        continue;
      }
      // A word and the spaces after it; the spaces never start a line.
      std::size_t word_end = rest.find_first_of(" \n");
      if (word_end == std::string_view::npos) word_end = rest.size();
      std::size_t space_end = word_end;
      while (space_end < rest.size() && rest[space_end] == ' ') ++space_end;
      std::string_view word = rest.substr(0, word_end);
      const std::string_view spaces = rest.substr(word_end, space_end - word_end);
      rest.remove_prefix(space_end);
      float word_width = measure(text[s], word);
      if (x > 0.0f && x + word_width > width && !word.empty()) {
        ++line;
        x = 0.0f;
      }
      // A word wider than the whole line is cut where it reaches the edge.
      while (!word.empty() && word_width > width && x == 0.0f) {
        std::size_t fit = 1;
        while (fit < word.size() && measure(text[s], word.substr(0, fit + 1)) <= width) ++fit;
        while (fit < word.size() && (static_cast<unsigned char>(word[fit]) & 0xC0) == 0x80) ++fit;  // whole UTF-8
        place(s, word.substr(0, fit), measure(text[s], word.substr(0, fit)));
        word.remove_prefix(fit);
        word_width = measure(text[s], word);
        if (!word.empty()) {
          ++line;
          x = 0.0f;
        }
      }
      if (!word.empty()) place(s, word, word_width);
      if (!spaces.empty() && x > 0.0f) place(s, spaces, measure(text[s], spaces));
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
                      with_alpha(fragment_colour, 0.5f));
    }
    return static_cast<float>(lines) * line_height;
  }

  static unsigned with_alpha(unsigned colour, float alpha) {
    const unsigned a = static_cast<unsigned>(alpha * static_cast<float>((colour >> IM_COL32_A_SHIFT) & 0xFF));
    return (colour & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
  }

  float code_block(const std::string& code, ImVec2 origin, float width) {
    ImFont* font = font_or_current(look.body);
    const float pad = font->FontSize * 0.5f;
    const float line_height = font->FontSize * 1.15f;
    const float inner = std::max(width - 2.0f * pad, font->FontSize * 4.0f);
    // Long lines wrap at the pane's edge, character by character: code has no word breaks.
    std::vector<std::string_view> rows;
    for (std::string_view line : split_lines(code)) {
      if (line.empty()) rows.push_back(line);
      while (!line.empty()) {
        std::size_t fit = line.size();
        while (fit > 1 && measure(font, line.substr(0, fit)) > inner) --fit;
        while (fit < line.size() && (static_cast<unsigned char>(line[fit]) & 0xC0) == 0x80) ++fit;
        rows.push_back(line.substr(0, fit));
        line.remove_prefix(fit);
      }
    }
    if (code.empty()) rows.push_back({});
    const float height = static_cast<float>(rows.size()) * line_height + 2.0f * pad;
    draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), look.code_background, 4.0f);
    for (std::size_t r = 0; r < rows.size(); ++r)
      draw->AddText(font, font->FontSize, ImVec2(origin.x + pad, origin.y + pad + static_cast<float>(r) * line_height),
                    look.code_text, rows[r].data(), rows[r].data() + rows[r].size());
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

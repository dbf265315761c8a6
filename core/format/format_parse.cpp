// Format parsing: pass 1 reads a struct or buffer-export format into an item tree, with struct's
// messages; parse_format and parse_export_format then lay it out and name the format in errors.
#include "core/format/format_codec.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/format/format_layout.h"
#include "core/format/format_tables.h"

namespace bufferlab {

using namespace format_detail;

namespace {

bool is_py_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// ---------------------------------------------------------------------------------------------
// Pass 1: syntax. The format becomes a tree of items; nothing is laid out yet.

class FormatSyntaxParser {
 public:
  explicit FormatSyntaxParser(std::string_view text) : s_(text) {}

  std::vector<Item> parse() {
    if (s_.find('\0') != std::string_view::npos) fail("embedded null character");
    if (!s_.empty()) {
      if (auto m = mode_of(s_[0])) {
        mode_ = *m;
        pos_ = 1;
      }
    }
    std::vector<Item> items = parse_items(/*in_record=*/false);
    return items;
  }

 private:
  [[noreturn]] void fail(std::string message, const char* type = "struct.error") {
    FormatError e{std::move(message)};
    e.python_type = type;
    throw FormatFailure{std::move(e)};
  }

  bool at_end() const { return pos_ >= s_.size(); }
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0';
  }

  // A decimal count, overflow-checked as struct does.
  std::size_t parse_count() {
    std::size_t n = 0;
    while (!at_end() && peek() >= '0' && peek() <= '9') {
      std::size_t d = static_cast<std::size_t>(peek() - '0');
      if (n > (kMaxSize - d) / 10) fail("total struct size too long");
      n = n * 10 + d;
      ++pos_;
    }
    return n;
  }

  std::vector<Item> parse_items(bool in_record) {
    std::vector<Item> items;
    for (;;) {
      while (!at_end() && is_py_space(peek())) ++pos_;
      if (at_end()) {
        if (in_record) fail("unmatched '{' in format: T{ is never closed");
        return items;
      }
      if (peek() == '}') {
        if (!in_record) fail("bad char in struct format");
        ++pos_;
        return items;
      }
      Item item;
      // Inside records numpy and ctypes put a sub-array shape and a byte order before a code;
      // at the top level struct allows neither.
      while (in_record && (peek() == '(' || mode_of(peek()))) {
        if (peek() == '(') {
          if (!item.shape.empty()) fail("bad char in struct format");
          item.shape = parse_shape();
        } else {
          mode_ = *mode_of(peek());
          ++pos_;
        }
      }
      bool has_count = peek() >= '0' && peek() <= '9';
      if (has_count) {
        item.repeat = parse_count();
        if (at_end()) fail("repeat count given without format specifier");
      }
      item.mode = mode_;
      item.aligned = mode_ == Mode::Native;
      char c = peek();
      ++pos_;
      if (c == 'T' && peek() == '{') {
        ++pos_;
        if (++depth_ > kMaxRecordDepth) {
          fail("format nests T{...} records more than " + std::to_string(kMaxRecordDepth) +
                   " deep",
               "NotImplementedError");
        }
        item.members = parse_items(/*in_record=*/true);
        --depth_;
        item.record_pads_end = mode_ == Mode::Native;
      } else if (c == 'Z') {
        char part = peek();
        if (part == 'g') {
          fail("format 'Zg' (complex long double) is not supported", "NotImplementedError");
        }
        item.row = find_row(mode_, 'Z', part);
        if (item.row == nullptr) fail("bad char in struct format");
        ++pos_;
      } else if (c == '&') {
        fail("format '&' (pointer) is not supported", "NotImplementedError");
      } else if (c == 'O') {
        fail("format 'O' (Python object pointer) is not supported", "NotImplementedError");
      } else if (c == 't') {
        fail("format 't' (bit field) is not supported", "NotImplementedError");
      } else if (c == 'X') {
        fail("format 'X' (function pointer) is not supported", "NotImplementedError");
      } else {
        item.row = find_row(mode_, c, 0);
        if (item.row == nullptr || c == 'Z') fail("bad char in struct format");
      }
      if (item.row != nullptr && item.aligned) item.alignment = item.row->alignment;
      if (in_record && peek() == ':') {
        ++pos_;
        std::size_t end = s_.find(':', pos_);
        if (end == std::string_view::npos) fail("unterminated field name in format (missing ':')");
        item.name = std::string(s_.substr(pos_, end - pos_));
        pos_ = end + 1;
      }
      items.push_back(std::move(item));
    }
  }

  std::vector<std::size_t> parse_shape() {
    ++pos_;  // '('
    std::vector<std::size_t> shape;
    for (;;) {
      while (is_py_space(peek())) ++pos_;
      if (!(peek() >= '0' && peek() <= '9')) fail("bad sub-array shape in format");
      shape.push_back(parse_count());
      while (is_py_space(peek())) ++pos_;
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ')') {
        ++pos_;
        return shape;
      }
      fail("bad sub-array shape in format");
    }
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  Mode mode_ = Mode::Native;  // persists across items and records, as numpy reads it
  int depth_ = 0;
};

bool contains_record_text(std::string_view format) {
  return format.find("T{") != std::string_view::npos;
}

}  // namespace

std::string FormatError::describe() const {
  std::string s = python_type + ": " + message;
  if (!format.empty()) s += " (format '" + format + "')";
  return s;
}

std::variant<ElementFormat, FormatError> parse_format(std::string_view format) {
  try {
    return build_format(format, FormatSyntaxParser(format).parse());
  } catch (FormatFailure& failure) {
    failure.error.format = std::string(format);
    return failure.error;
  }
}

std::variant<ElementFormat, FormatError> parse_export_format(std::string_view format,
                                                             std::size_t itemsize) {
  auto parsed = parse_format(format);
  auto* f = std::get_if<ElementFormat>(&parsed);
  if (f == nullptr || f->itemsize == itemsize || !contains_record_text(format)) return parsed;
  try {
    std::vector<Item> items = FormatSyntaxParser(format).parse();
    if (!align_records_like_ctypes(items, false)) return parsed;
    ElementFormat aligned = build_format(format, items);
    if (aligned.itemsize == itemsize) return aligned;
  } catch (FormatFailure&) {
  }
  return parsed;
}

std::variant<ElementFormat, FormatError> parse_format_of_export(std::string_view format, std::int64_t itemsize) {
  if (itemsize <= 0) return FormatError("the export's itemsize is " + std::to_string(itemsize), "ValueError");
  auto parsed = parse_export_format(format, static_cast<std::size_t>(itemsize));
  if (auto* parsed_format = std::get_if<ElementFormat>(&parsed);
      parsed_format && static_cast<std::int64_t>(parsed_format->itemsize) != itemsize)
    return FormatError("format '" + std::string(format) + "' describes " + std::to_string(parsed_format->itemsize) +
                           " bytes but the export's itemsize is " + std::to_string(itemsize),
                       "ValueError");
  return parsed;
}

bool format_holds_objects(std::string_view format) {
  // Field names (":name:") may hold any character but ':', an 'O' too: skip them.
  for (std::size_t i = 0; i < format.size(); ++i) {
    if (format[i] == ':') {
      const std::size_t end = format.find(':', i + 1);
      // Unterminated: not a format anyone exports; an 'O' in the rest still counts.
      if (end == std::string_view::npos) return format.find('O', i) != std::string_view::npos;
      i = end;
    } else if (format[i] == 'O') {
      return true;
    }
  }
  return false;
}

}  // namespace bufferlab

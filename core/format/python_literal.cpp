// Parser for the Python literals typed into cell editors, following Python's lexical rules.
#include "core/format/python_literal.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace bufferlab {

// ---------------------------------------------------------------------------------------------
// PyLiteral

bool PyLiteral::truthy() const {
  switch (kind) {
    case Kind::Int: return !int_value.is_zero();
    case Kind::Float: return real != 0.0;  // nan is true, as in Python
    case Kind::Complex: return real != 0.0 || imag != 0.0;
    case Kind::Bool: return bool_value;
    case Kind::None: return false;
    case Kind::Bytes: return !bytes.empty();
    case Kind::Str: return !text.empty();
    case Kind::Tuple:
    case Kind::List: return !items.empty();
  }
  return false;
}

const char* PyLiteral::type_name() const {
  switch (kind) {
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::Complex: return "complex";
    case Kind::Bool: return "bool";
    case Kind::None: return "NoneType";
    case Kind::Bytes: return "bytes";
    case Kind::Str: return "str";
    case Kind::Tuple: return "tuple";
    case Kind::List: return "list";
  }
  return "object";
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

namespace {

struct ParseFailure {
  LiteralError error;
};

bool is_ident_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'z') return c - 'a' + 10;
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  return 99;
}

bool lower_equals(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

class LiteralParser {
 public:
  explicit LiteralParser(std::string_view s) : s_(s) {}

  PyLiteral parse_all() {
    skip_ws();
    if (at_end()) fail("expected a value, got nothing");
    PyLiteral v = parse_expr_list(/*closing=*/'\0');
    skip_ws();
    if (!at_end()) fail("unexpected '" + std::string(1, s_[pos_]) + "' (invalid syntax)");
    return v;
  }

 private:
  [[noreturn]] void fail(std::string message) { fail_at(pos_, std::move(message)); }
  [[noreturn]] void fail_at(std::size_t pos, std::string message) {
    throw ParseFailure{LiteralError{std::move(message), pos}};
  }

  bool at_end() const { return pos_ >= s_.size(); }
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0';
  }
  void skip_ws() {
    while (!at_end() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' ||
                         s_[pos_] == '\r' || s_[pos_] == '\f')) {
      ++pos_;
    }
  }

  // expr ("," expr)* [","] up to `closing` (or the end of input when it is '\0').
  std::vector<PyLiteral> parse_items(char closing, bool& saw_comma) {
    std::vector<PyLiteral> items;
    saw_comma = false;
    for (;;) {
      skip_ws();
      if (closing != '\0' ? peek() == closing : at_end()) break;
      items.push_back(parse_expr());
      skip_ws();
      if (peek() != ',') break;
      ++pos_;
      saw_comma = true;
    }
    return items;
  }

  // A bare expression, or a tuple when there is a comma.
  PyLiteral parse_expr_list(char closing) {
    bool saw_comma = false;
    std::vector<PyLiteral> items = parse_items(closing, saw_comma);
    if (items.size() == 1 && !saw_comma) return std::move(items[0]);
    if (items.empty() && saw_comma) fail("invalid syntax: a lone ','");
    PyLiteral tuple;
    tuple.kind = PyLiteral::Kind::Tuple;
    tuple.items = std::move(items);
    return tuple;
  }

  PyLiteral parse_expr() {
    PyLiteral left = parse_unary();
    for (;;) {
      skip_ws();
      char op = peek();
      if (op != '+' && op != '-') return left;
      std::size_t op_pos = pos_++;
      PyLiteral right = parse_unary();
      left = binary(op, std::move(left), std::move(right), op_pos);
    }
  }

  // A run of signs is read in a loop and applied innermost first, as Python nests them: no
  // recursion per sign, so a long run cannot exhaust the stack.
  PyLiteral parse_unary() {
    std::vector<std::size_t> signs;  // positions, outermost first
    for (;;) {
      skip_ws();
      const char op = peek();
      if (op != '+' && op != '-') break;
      if (signs.size() == kMaxSigns)
        fail(std::string("too many unary operators in a row (more than ") + std::to_string(kMaxSigns) + ")");
      signs.push_back(pos_++);
    }
    PyLiteral value = parse_atom();
    for (auto sign = signs.rbegin(); sign != signs.rend(); ++sign) value = unary(s_[*sign], std::move(value), *sign);
    return value;
  }

  static bool is_number(const PyLiteral& v) {
    using K = PyLiteral::Kind;
    return v.kind == K::Int || v.kind == K::Bool || v.kind == K::Float || v.kind == K::Complex;
  }

  PyLiteral as_int(const PyLiteral& v) {
    if (v.kind != PyLiteral::Kind::Bool) return v;
    PyLiteral r;
    r.kind = PyLiteral::Kind::Int;
    r.int_value = BigInt::from_int64(v.bool_value ? 1 : 0);
    return r;
  }

  double to_real(const PyLiteral& v, std::size_t pos) {
    PyLiteral n = as_int(v);
    if (n.kind == PyLiteral::Kind::Float) return n.real;
    double d = 0.0;
    if (!n.int_value.to_double(d)) fail_at(pos, "int too large to convert to float");
    return d;
  }

  PyLiteral unary(char op, PyLiteral v, std::size_t pos) {
    if (!is_number(v)) {
      fail_at(pos, std::string("bad operand type for unary ") + op + ": '" + v.type_name() + "'");
    }
    v = as_int(v);
    if (op == '+') return v;
    switch (v.kind) {
      case PyLiteral::Kind::Int: v.int_value.negate(); break;
      case PyLiteral::Kind::Float: v.real = -v.real; break;
      case PyLiteral::Kind::Complex:
        v.real = -v.real;
        v.imag = -v.imag;
        break;
      default: break;
    }
    return v;
  }

  PyLiteral binary(char op, PyLiteral a, PyLiteral b, std::size_t pos) {
    if (!is_number(a) || !is_number(b)) {
      fail_at(pos, std::string("unsupported operand type(s) for ") + op + ": '" + a.type_name() +
                       "' and '" + b.type_name() + "'");
    }
    a = as_int(a);
    b = as_int(b);
    using K = PyLiteral::Kind;
    PyLiteral r;
    if (a.kind == K::Int && b.kind == K::Int) {
      r.kind = K::Int;
      r.int_value = op == '+' ? a.int_value + b.int_value : a.int_value - b.int_value;
      return r;
    }
    if (a.kind == K::Complex || b.kind == K::Complex) {
      // Python turns the real operand into complex(x, 0.0) first, then works part by part.
      double ar = a.kind == K::Complex ? a.real : to_real(a, pos);
      double ai = a.kind == K::Complex ? a.imag : 0.0;
      double br = b.kind == K::Complex ? b.real : to_real(b, pos);
      double bi = b.kind == K::Complex ? b.imag : 0.0;
      r.kind = K::Complex;
      r.real = op == '+' ? ar + br : ar - br;
      r.imag = op == '+' ? ai + bi : ai - bi;
      return r;
    }
    double x = to_real(a, pos);
    double y = to_real(b, pos);
    r.kind = K::Float;
    r.real = op == '+' ? x + y : x - y;
    return r;
  }

  PyLiteral parse_atom() {
    skip_ws();
    if (at_end()) fail("expected a value at the end of the input");
    char c = peek();
    if (c == '(') {
      enter_bracket();
      ++pos_;
      std::size_t open = pos_ - 1;
      skip_ws();
      PyLiteral inner;
      if (peek() == ')') {
        inner.kind = PyLiteral::Kind::Tuple;
      } else {
        inner = parse_expr_list(')');
      }
      skip_ws();
      if (peek() != ')') fail_at(open, "'(' was never closed");
      ++pos_;
      --depth_;
      return inner;
    }
    if (c == '[') {
      enter_bracket();
      std::size_t open = pos_++;
      bool saw_comma = false;
      PyLiteral list;
      list.kind = PyLiteral::Kind::List;
      list.items = parse_items(']', saw_comma);
      if (list.items.empty() && saw_comma) fail("invalid syntax: a lone ','");
      skip_ws();
      if (peek() != ']') fail_at(open, "'[' was never closed");
      ++pos_;
      --depth_;
      return list;
    }
    if ((c >= '0' && c <= '9') || (c == '.' && peek(1) >= '0' && peek(1) <= '9')) {
      return parse_number();
    }
    if (c == '\'' || c == '"') return parse_string(false, false, false);
    if (is_ident_char(c)) {
      std::size_t start = pos_;
      while (!at_end() && is_ident_char(peek())) ++pos_;
      std::string_view word = s_.substr(start, pos_ - start);
      if (peek() == '\'' || peek() == '"') {
        bool is_bytes = false, is_raw = false, is_unicode = false, ok = word.size() <= 2;
        for (char p : word) {
          char l = static_cast<char>(p >= 'A' && p <= 'Z' ? p - 'A' + 'a' : p);
          if (l == 'b' && !is_bytes) is_bytes = true;
          else if (l == 'r' && !is_raw) is_raw = true;
          else if (l == 'u' && !is_unicode) is_unicode = true;
          else ok = false;
        }
        if (is_unicode && (is_bytes || is_raw)) ok = false;
        if (!ok) fail_at(start, "invalid string prefix '" + std::string(word) + "'");
        return parse_string(is_bytes, is_raw, is_unicode);
      }
      PyLiteral v;
      if (word == "True" || word == "False") {
        v.kind = PyLiteral::Kind::Bool;
        v.bool_value = word == "True";
        return v;
      }
      if (word == "None") return v;
      if (lower_equals(word, "inf") || lower_equals(word, "infinity") || lower_equals(word, "nan")) {
        v.kind = PyLiteral::Kind::Float;
        v.real = word[0] == 'n' || word[0] == 'N' ? std::numeric_limits<double>::quiet_NaN()
                                                  : std::numeric_limits<double>::infinity();
        return v;
      }
      if (lower_equals(word, "infj") || lower_equals(word, "nanj")) {
        // complex('infj') reads these; accepting them lets a shown repr like (nan+infj) be typed
        v.kind = PyLiteral::Kind::Complex;
        v.imag = word[0] == 'n' || word[0] == 'N' ? std::numeric_limits<double>::quiet_NaN()
                                                  : std::numeric_limits<double>::infinity();
        return v;
      }
      fail_at(start, "name '" + std::string(word) + "' is not a literal");
    }
    fail("unexpected '" + std::string(1, c) + "' (invalid syntax)");
  }

  // digit (["_"] digit)* in `base`; returns the digits without underscores (may be empty when
  // the first character is not a digit).
  std::string scan_digits(unsigned base) {
    std::string digits;
    for (;;) {
      char c = peek();
      if (static_cast<unsigned>(digit_value(c)) < base) {
        digits.push_back(c);
        ++pos_;
      } else if (c == '_' && !digits.empty() &&
                 static_cast<unsigned>(digit_value(peek(1))) < base) {
        ++pos_;
      } else {
        return digits;
      }
    }
  }

  [[noreturn]] void invalid_number(std::size_t start, const char* what) {
    fail_at(start, std::string("invalid ") + what + " literal '" +
                       std::string(s_.substr(start, std::min<std::size_t>(pos_ + 1, s_.size()) - start)) + "'");
  }

  PyLiteral parse_number() {
    std::size_t start = pos_;
    PyLiteral v;
    char prefix = peek(1);
    if (peek() == '0' && (prefix == 'x' || prefix == 'X' || prefix == 'o' || prefix == 'O' ||
                          prefix == 'b' || prefix == 'B')) {
      unsigned base = (prefix == 'x' || prefix == 'X') ? 16 : (prefix == 'o' || prefix == 'O') ? 8 : 2;
      const char* what = base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
      pos_ += 2;
      if (peek() == '_') ++pos_;  // "0x_ff" is allowed
      std::string digits = scan_digits(base);
      if (digits.empty() || is_ident_char(peek())) invalid_number(start, what);
      v.kind = PyLiteral::Kind::Int;
      for (char d : digits) v.int_value.push_digit(base, static_cast<unsigned>(digit_value(d)));
      return v;
    }
    std::string int_part = scan_digits(10);
    std::string fraction;
    std::string exponent;
    bool has_dot = false, has_exponent = false;
    if (peek() == '.') {
      ++pos_;
      has_dot = true;
      fraction = scan_digits(10);
      if (int_part.empty() && fraction.empty()) invalid_number(start, "decimal");
    }
    if ((peek() == 'e' || peek() == 'E')) {
      std::size_t save = pos_;
      ++pos_;
      std::string sign;
      if (peek() == '+' || peek() == '-') sign.push_back(s_[pos_++]);
      std::string digits = scan_digits(10);
      if (digits.empty()) {
        pos_ = save;
        ++pos_;
        invalid_number(start, "decimal");
      }
      has_exponent = true;
      exponent = sign + digits;
    }
    bool imaginary = false;
    if (peek() == 'j' || peek() == 'J') {
      ++pos_;
      imaginary = true;
    }
    if (is_ident_char(peek()) || peek() == '.') invalid_number(start, imaginary ? "imaginary" : "decimal");
    if (!has_dot && !has_exponent && !imaginary) {
      // Python forbids leading zeros in non-zero decimal integers ("007").
      if (int_part.size() > 1 && int_part[0] == '0' &&
          int_part.find_first_not_of('0') != std::string::npos) {
        fail_at(start,
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix "
                "for octal integers");
      }
      v.kind = PyLiteral::Kind::Int;
      for (char d : int_part) v.int_value.push_digit(10, static_cast<unsigned>(d - '0'));
      return v;
    }
    double value = decimal_to_double(int_part, fraction, exponent);
    if (imaginary) {
      v.kind = PyLiteral::Kind::Complex;
      v.real = 0.0;
      v.imag = value;
    } else {
      v.kind = PyLiteral::Kind::Float;
      v.real = value;
    }
    return v;
  }

  // Correctly rounded like Python's float literals; huge values become inf and tiny ones 0.
  static double decimal_to_double(const std::string& int_part, const std::string& fraction,
                                  const std::string& exponent) {
    std::string text = (int_part.empty() ? "0" : int_part) + "." + fraction + "0";
    if (!exponent.empty()) text += "e" + exponent;
    double value = 0.0;
    auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec == std::errc::result_out_of_range) {
      // Decide by the decimal magnitude: position of the first significant digit plus exponent.
      long long exp10 = 0;
      auto [p, ec] = std::from_chars(exponent.data(), exponent.data() + exponent.size(), exp10);
      (void)p;
      if (ec != std::errc()) exp10 = exponent.size() > 0 && exponent[0] == '-' ? -100000 : 100000;
      std::size_t first = int_part.find_first_not_of('0');
      long long magnitude = first != std::string::npos
                                ? static_cast<long long>(int_part.size() - first)
                                : -static_cast<long long>(fraction.find_first_not_of('0'));
      value = magnitude + exp10 > 0 ? std::numeric_limits<double>::infinity() : 0.0;
    }
    return value;
  }

  void append_code_point(PyLiteral& v, std::uint32_t cp) { v.text.push_back(static_cast<char32_t>(cp)); }

  // Decodes one UTF-8 sequence of the source at pos_.
  std::uint32_t next_source_code_point() {
    unsigned char c = static_cast<unsigned char>(s_[pos_]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || pos_ + len > s_.size()) fail("invalid UTF-8 in the input");
    std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t i = 1; i < len; ++i) {
      unsigned char cc = static_cast<unsigned char>(s_[pos_ + i]);
      if ((cc & 0xC0) != 0x80) fail("invalid UTF-8 in the input");
      cp = (cp << 6) | (cc & 0x3F);
    }
    pos_ += len;
    return cp;
  }

  std::uint32_t read_hex_escape(std::size_t digits, std::size_t escape_start, const char* name) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      int d = digit_value(peek());
      if (d >= 16) fail_at(escape_start, std::string("truncated ") + name + " escape");
      value = value * 16 + static_cast<std::uint32_t>(d);
      ++pos_;
    }
    return value;
  }

  PyLiteral parse_string(bool is_bytes, bool is_raw, bool /*is_unicode*/) {
    std::size_t start = pos_;
    char quote = peek();
    bool triple = peek(1) == quote && peek(2) == quote;
    pos_ += triple ? 3 : 1;
    PyLiteral v;
    v.kind = is_bytes ? PyLiteral::Kind::Bytes : PyLiteral::Kind::Str;
    const char* what = is_bytes ? "bytes" : "string";
    auto add = [&](std::uint32_t cp) {
      if (is_bytes) {
        v.bytes.push_back(static_cast<char>(cp & 0xFF));
      } else {
        append_code_point(v, cp);
      }
    };
    for (;;) {
      if (at_end()) fail_at(start, std::string("unterminated ") + what + " literal");
      char c = peek();
      if (c == quote && (!triple || (peek(1) == quote && peek(2) == quote))) {
        pos_ += triple ? 3 : 1;
        break;
      }
      if ((c == '\n' || c == '\r') && !triple) {
        fail_at(start, std::string("unterminated ") + what + " literal");
      }
      if (static_cast<unsigned char>(c) >= 0x80) {
        if (is_bytes) fail("bytes can only contain ASCII literal characters");
        add(next_source_code_point());
        continue;
      }
      if (c != '\\') {
        add(static_cast<unsigned char>(c));
        ++pos_;
        continue;
      }
      std::size_t escape_start = pos_;
      ++pos_;
      if (at_end()) fail_at(start, std::string("unterminated ") + what + " literal");
      char e = peek();
      if (is_raw) {
        // Raw literals keep the backslash; it still stops a quote from closing the literal.
        add('\\');
        if (static_cast<unsigned char>(e) >= 0x80) continue;
        add(static_cast<unsigned char>(e));
        ++pos_;
        continue;
      }
      ++pos_;
      switch (e) {
        case '\n': break;  // line continuation
        case '\\': add('\\'); break;
        case '\'': add('\''); break;
        case '"': add('"'); break;
        case 'a': add(7); break;
        case 'b': add(8); break;
        case 'f': add(12); break;
        case 'n': add(10); break;
        case 'r': add(13); break;
        case 't': add(9); break;
        case 'v': add(11); break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
          std::uint32_t value = static_cast<std::uint32_t>(e - '0');
          for (int i = 0; i < 2 && peek() >= '0' && peek() <= '7'; ++i) {
            value = value * 8 + static_cast<std::uint32_t>(peek() - '0');
            ++pos_;
          }
          add(value);
          break;
        }
        case 'x': add(read_hex_escape(2, escape_start, "\\xXX")); break;
        case 'u':
          if (is_bytes) {
            add('\\');
            add('u');
          } else {
            add(read_hex_escape(4, escape_start, "\\uXXXX"));
          }
          break;
        case 'U':
          if (is_bytes) {
            add('\\');
            add('U');
          } else {
            std::uint32_t cp = read_hex_escape(8, escape_start, "\\UXXXXXXXX");
            if (cp > 0x10FFFF) fail_at(escape_start, "illegal Unicode character in \\U escape");
            add(cp);
          }
          break;
        case 'N':
          if (!is_bytes) fail_at(escape_start, "\\N{...} escapes are not supported here");
          add('\\');
          add('N');
          break;
        default:
          // Python keeps an unknown escape as it is, backslash included.
          add('\\');
          --pos_;
          if (static_cast<unsigned char>(e) >= 0x80) {
            if (is_bytes) fail("bytes can only contain ASCII literal characters");
            add(next_source_code_point());
          } else {
            add(static_cast<unsigned char>(e));
            ++pos_;
          }
          break;
      }
    }
    return v;
  }

  // Brackets nest by recursion: past CPython's own limit (its tokenizer's MAXLEVEL, 200 open
  // brackets of any kind) the literal is refused with CPython's message.
  void enter_bracket() {
    if (++depth_ > kMaxNesting) fail("too many nested parentheses");
  }

  // CPython reads 1000 signs in a row and gives up (RecursionError) near 3000.
  static constexpr std::size_t kMaxSigns = 2000;
  static constexpr int kMaxNesting = 200;

  std::string_view s_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

}  // namespace

std::variant<PyLiteral, LiteralError> parse_python_literal(std::string_view source) {
  try {
    return LiteralParser(source).parse_all();
  } catch (const ParseFailure& failure) {
    return failure.error;
  }
}

}  // namespace bufferlab

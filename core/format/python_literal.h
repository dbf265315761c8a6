// Parses the Python literals a user types into a cell editor (ints, floats, complex, bools, None,
// bytes, str, tuples and lists of those) into values with Python's own semantics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/format/big_int.h"

namespace bufferlab {

// A parsed literal. Arithmetic on + and - between numbers follows Python's numeric tower, so
// "-2j" is complex(-0.0, -2.0) and "1+2j" is complex(1.0, 2.0), exactly as Python computes them.
struct PyLiteral {
  enum class Kind { Int, Float, Complex, Bool, None, Bytes, Str, Tuple, List };
  Kind kind = Kind::None;
  BigInt int_value;             // Int
  bool bool_value = false;      // Bool
  double real = 0.0;            // Float, Complex
  double imag = 0.0;            // Complex
  std::string bytes;            // Bytes (raw)
  std::u32string text;          // Str: code points (may hold lone surrogates, as Python allows)
  std::vector<PyLiteral> items; // Tuple, List

  // Python's truth value (bool(x)).
  bool truthy() const;
  // The Python type name for messages: "int", "float", "complex", "bool", "NoneType", ...
  const char* type_name() const;
};

// A literal that is not valid Python; `position` is a byte offset into the input.
struct LiteralError {
  std::string message;
  std::size_t position = 0;
};

// Accepts: ints (decimal, 0x/0o/0b, underscores between digits, any number of signs), floats
// (1.5, 1e-3, .5, 1_000.5), inf/infinity/nan (any case; a convenience Python spells float('inf')),
// True, False, None, bytes b'..'/b".." and str '..'/".." (prefixes b r u in any case, escapes
// \x.. \n \t \r \\ \' \" \a \b \f \v \ooo, and \u.... \U........ in str), imaginary numbers (2j,
// 1.5e3J), sums and differences of numbers (1+2j), parentheses, tuples ("1, 2", "(1,)", "()")
// and lists ("[1, 2]"). Surrounding whitespace is ignored.
std::variant<PyLiteral, LiteralError> parse_python_literal(std::string_view source);

// UTF-8 of a code point; surrogates and values above U+10FFFF become U+FFFD.
void append_utf8(std::string& out, std::uint32_t code_point);

}  // namespace bufferlab

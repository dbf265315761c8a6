// Unit tests of the struct-format codec and the Python literal parser (no interpreter needed).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "core/format/format_codec.h"
#include "core/format/python_literal.h"

using namespace bufferlab;

namespace {

ElementFormat format_of(std::string_view text) {
  auto parsed = parse_format(text);
  if (auto* e = std::get_if<FormatError>(&parsed)) FAIL("unexpected error: " << e->describe());
  return std::get<ElementFormat>(parsed);
}

FormatError format_error(std::string_view text) {
  auto parsed = parse_format(text);
  REQUIRE(std::holds_alternative<FormatError>(parsed));
  return std::get<FormatError>(parsed);
}

std::string hex_of(const std::vector<std::uint8_t>& bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

// "OK <hex>" or "ERR <type>: <message>", as the encoder answered.
std::string encode(std::string_view format, std::string_view literal) {
  auto encoded = encode_literal(format_of(format), literal);
  if (auto* e = std::get_if<FormatError>(&encoded)) return "ERR " + e->python_type + ": " + e->message;
  return "OK " + hex_of(std::get<std::vector<std::uint8_t>>(encoded));
}

std::string repr_of(std::string_view format, std::vector<std::uint8_t> bytes) {
  ElementFormat f = format_of(format);
  REQUIRE(bytes.size() == f.itemsize);
  return python_repr(decode_element(f, bytes.data()));
}

PyLiteral literal(std::string_view text) {
  auto parsed = parse_python_literal(text);
  if (auto* e = std::get_if<LiteralError>(&parsed)) FAIL("unexpected error: " << e->message);
  return std::get<PyLiteral>(parsed);
}

std::string literal_error(std::string_view text) {
  auto parsed = parse_python_literal(text);
  REQUIRE(std::holds_alternative<LiteralError>(parsed));
  return std::get<LiteralError>(parsed).message;
}

}  // namespace

// ---- parsing: sizes, offsets, alignment ----

TEST_CASE("itemsize follows struct.calcsize, alignment in native mode only") {
  const std::pair<const char*, std::size_t> cases[] = {
      {"", 0},      {"@", 0},      {"i", 4},       {"@bi", 8},     {"bi", 8},     {"=bi", 5},
      {"<bi", 5},   {"ib", 5},     {"@qb", 9},     {"@?q", 16},    {"b0i", 4},    {"@3bi", 8},
      {"@i3b", 7},  {"<hhl", 8},   {"!e", 2},      {"x i", 8},     {"10s", 10},   {"0s", 0},
      {"2x", 2},    {" 3i", 12},   {"@bd", 16},    {"@bN", 16},    {"@bP", 16},   {"@he", 4},
      {"5p10s", 15}, {"\ti\n", 4}, {"@de", 10},    {"q", 8},       {"<q", 8},     {"<l", 4},
  };
  for (auto [text, size] : cases) {
    INFO("format '" << text << "'");
    CHECK(format_of(text).itemsize == size);
  }
}

TEST_CASE("field offsets, sizes and byte order") {
  ElementFormat f = format_of("@bhiq");
  REQUIRE(f.fields.size() == 4);
  CHECK(f.fields[0].offset == 0);
  CHECK(f.fields[1].offset == 2);
  CHECK(f.fields[2].offset == 4);
  CHECK(f.fields[3].offset == 8);
  CHECK(f.itemsize == 16);
  ElementFormat packed = format_of(">bhiq");
  CHECK(packed.fields[1].offset == 1);
  CHECK(packed.fields[3].offset == 7);
  CHECK_FALSE(packed.fields[2].little_endian);
  CHECK(format_of("<i").fields[0].little_endian);
  CHECK_FALSE(format_of("!i").fields[0].little_endian);
  ElementFormat s = format_of("3s");
  REQUIRE(s.fields.size() == 1);
  CHECK(s.fields[0].size == 3);
  CHECK(s.is_scalar());
  CHECK(format_of("3i").fields.size() == 3);
  CHECK_FALSE(format_of("3i").is_scalar());
  CHECK(format_of("2x").fields.empty());
}

TEST_CASE("numpy and ctypes exports: records, names, sub-arrays, padding") {
  ElementFormat packed = format_of("T{b:a:=d:b:}");
  CHECK(packed.itemsize == 9);
  CHECK(packed.structured);
  REQUIRE(packed.fields.size() == 2);
  CHECK(packed.fields[0].name == "a");
  CHECK(packed.fields[1].name == "b");
  CHECK(packed.fields[1].offset == 1);

  ElementFormat aligned = format_of("T{b:a:xxxxxxxd:b:}");
  CHECK(aligned.itemsize == 16);
  CHECK(aligned.fields[1].offset == 8);

  ElementFormat nested = format_of("T{b:a:T{>h:c:(2,3)=f:d:}:b:}");
  CHECK(nested.itemsize == 27);
  REQUIRE(nested.fields.size() == 8);
  CHECK(nested.fields[1].name == "b.c");
  CHECK_FALSE(nested.fields[1].little_endian);
  CHECK(nested.fields[2].name == "b.d[0,0]");
  CHECK(nested.fields[7].name == "b.d[1,2]");
  CHECK(nested.fields[7].offset == 23);

  // An aligned nested record is padded to its own alignment, as numpy lays it out.
  ElementFormat inner = format_of("T{B:a:xxxxxxxT{l:c:B:d:}:b:}");
  CHECK(inner.itemsize == 24);
  CHECK(inner.fields[2].offset == 16);

  CHECK(format_of("T{b:a:xxx(2)i:b:}").itemsize == 12);
  CHECK(format_of("T{3s:a:=2w:b:?:c:}").itemsize == 12);
  CHECK(format_of("T{=Zf:a:@e:b:}").itemsize == 10);
  CHECK(format_of("T{<b:a:<i:b:(3)<d:c:}").itemsize == 29);  // ctypes leaves padding out
  CHECK(format_of("T{T{<h:x:}:n:<c:y:}").fields[0].name == "n.x");
  CHECK(format_of("T{i:x:}").structured);
  CHECK_FALSE(format_of("T{i:x:}").is_scalar());
}

TEST_CASE("extension codes: complex, long double, wide characters, '^'") {
  CHECK(format_of("Zf").itemsize == 8);
  CHECK(format_of("Zd").itemsize == 16);
  CHECK(format_of(">Zd").fields[0].kind == FieldKind::Complex);
  CHECK(format_of(">Zd").fields[0].part_code == 'd');
  CHECK(format_of("g").itemsize == sizeof(long double));
  CHECK(format_of("<g").itemsize == sizeof(long double));
  CHECK(format_of("u").itemsize == 4);
  CHECK(format_of("<u").itemsize == 4);
  CHECK(format_of("2w").itemsize == 8);
  CHECK(format_of("2w").fields.size() == 1);
  CHECK(format_of("^bi").itemsize == 5);
  CHECK(format_of("^P").itemsize == sizeof(void*));
}

TEST_CASE("format errors use struct's words and name the format") {
  CHECK(format_error("i<").message == "bad char in struct format");
  CHECK(format_error("<<i").message == "bad char in struct format");
  CHECK(format_error("3").message == "repeat count given without format specifier");
  CHECK(format_error("i 3").message == "repeat count given without format specifier");
  CHECK(format_error("3 i").message == "bad char in struct format");
  CHECK(format_error("<n").message == "bad char in struct format");
  CHECK(format_error("=N").message == "bad char in struct format");
  CHECK(format_error(">P").message == "bad char in struct format");
  CHECK(format_error("a").message == "bad char in struct format");
  CHECK(format_error("Zq").message == "bad char in struct format");
  CHECK(format_error(std::string_view("i\0", 2)).message == "embedded null character");
  CHECK(format_error("99999999999999999999i").message == "total struct size too long");
  CHECK(format_error("2305843009213693952q").message == "total struct size too long");
  FormatError e = format_error("i<");
  CHECK(e.python_type == "struct.error");
  CHECK(e.format == "i<");
  CHECK(e.describe() == "struct.error: bad char in struct format (format 'i<')");
  CHECK(format_error("Zg").python_type == "NotImplementedError");
  CHECK(format_error("&<i").message.find("pointer") != std::string::npos);
  CHECK(format_error("O").message.find("object") != std::string::npos);
  CHECK(format_error("T{i:a:").message.find("never closed") != std::string::npos);
  CHECK(format_error("T{i:a}").message.find("':'") != std::string::npos);
  CHECK(format_error("}").message == "bad char in struct format");
  // Huge but legal counts would make millions of fields: refused clearly, not allocated.
  CHECK(format_error("100000000i").python_type == "NotImplementedError");
  CHECK(format_of("T{(256,256)B:image:}").fields.size() == 65536);
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "T{";
  deep += "i:x:";
  for (int i = 0; i < 100; ++i) deep += "}:r:";
  CHECK(format_error(deep).message.find("deep") != std::string::npos);
  CHECK(format_of("4294967296s").itemsize == 4294967296u);
}

TEST_CASE("ctypes records without their padding are laid out as ctypes did, when sizes say so") {
  const char* text = "T{<b:a:<i:b:(3)<d:c:}";
  CHECK(format_of(text).itemsize == 29);
  auto parsed = parse_export_format(text, 32);
  REQUIRE(std::holds_alternative<ElementFormat>(parsed));
  const ElementFormat& f = std::get<ElementFormat>(parsed);
  CHECK(f.itemsize == 32);
  REQUIRE(f.fields.size() == 5);
  CHECK(f.fields[1].offset == 4);
  CHECK(f.fields[2].offset == 8);
  CHECK(f.fields[2].name == "c[0]");
  // Trailing padding of a record: a double then a char fill 16 bytes.
  CHECK(std::get<ElementFormat>(parse_export_format("T{<d:d:<c:c:}", 16)).itemsize == 16);
  // A size that matches as parsed, or no realignment that would match: the plain parse.
  CHECK(std::get<ElementFormat>(parse_export_format("T{<b:a:<i:b:}", 5)).fields[1].offset == 1);
  CHECK(std::get<ElementFormat>(parse_export_format("T{<b:a:<i:b:}", 7)).itemsize == 5);
  CHECK(std::get<ElementFormat>(parse_export_format("<bi", 8)).itemsize == 5);
  CHECK(std::holds_alternative<FormatError>(parse_export_format("i<", 4)));
}

// ---- decoding ----

TEST_CASE("decoding integers: sign, byte order, unaligned memory") {
  CHECK(repr_of("b", {0xFF}) == "-1");
  CHECK(repr_of("B", {0xFF}) == "255");
  CHECK(repr_of("<h", {0x00, 0x80}) == "-32768");
  CHECK(repr_of(">h", {0x80, 0x00}) == "-32768");
  CHECK(repr_of(">I", {0x01, 0x02, 0x03, 0x04}) == "16909060");
  CHECK(repr_of("<Q", std::vector<std::uint8_t>(8, 0xFF)) == "18446744073709551615");
  CHECK(repr_of("<q", std::vector<std::uint8_t>(8, 0xFF)) == "-1");
  // An element at an odd address is read with memcpy, never through a cast pointer.
  std::vector<std::uint8_t> buf = {0, 0x78, 0x56, 0x34, 0x12, 0};
  CHECK(python_repr(decode_element(format_of("<i"), buf.data() + 1)) == "305419896");
}

TEST_CASE("decoding bool, char, bytes and pascal strings like struct.unpack") {
  CHECK(repr_of("?", {0}) == "False");
  CHECK(repr_of("?", {2}) == "True");
  CHECK(repr_of("c", {0x41}) == "b'A'");
  CHECK(repr_of("c", {0xFF}) == "b'\\xff'");
  CHECK(repr_of("3s", {'a', 'b', 0}) == "b'ab\\x00'");
  CHECK(repr_of("3p", {5, 'a', 'b'}) == "b'ab'");
  CHECK(repr_of("3p", {1, 'a', 'b'}) == "b'a'");
  CHECK(repr_of("1p", {5}) == "b''");
  CHECK(repr_of("0p", {}) == "b''");
  CHECK(repr_of("2x", {1, 2}) == "()");
  CHECK(repr_of("<hx?", {1, 0, 9, 1}) == "(1, True)");
}

TEST_CASE("decoding half floats exactly: subnormals, limits, inf, nan, signed zero") {
  CHECK(repr_of("<e", {0x01, 0x00}) == "5.960464477539063e-08");
  CHECK(repr_of("<e", {0xFF, 0x03}) == "6.097555160522461e-05");
  CHECK(repr_of("<e", {0x00, 0x04}) == "6.103515625e-05");
  CHECK(repr_of("<e", {0xFF, 0x7B}) == "65504.0");
  CHECK(repr_of("<e", {0x00, 0x7C}) == "inf");
  CHECK(repr_of("<e", {0x00, 0xFC}) == "-inf");
  CHECK(repr_of("<e", {0x00, 0x7E}) == "nan");
  CHECK(repr_of("<e", {0x00, 0x80}) == "-0.0");
  CHECK(repr_of(">e", {0x3C, 0x00}) == "1.0");
  CHECK(repr_of("<f", {0xCD, 0xCC, 0xCC, 0x3D}) == "0.10000000149011612");
  CHECK(repr_of(">d", {0x3F, 0xF8, 0, 0, 0, 0, 0, 0}) == "1.5");
}

TEST_CASE("decoding complex and long double") {
  std::vector<std::uint8_t> bytes(8);
  float parts[2] = {1.0f, 2.0f};
  std::memcpy(bytes.data(), parts, 8);
  CHECK(repr_of("Zf", bytes) == "(1+2j)");
  std::vector<std::uint8_t> big = {0x3F, 0xF0, 0, 0, 0, 0, 0, 0, 0xC0, 0, 0, 0, 0, 0, 0, 0};
  CHECK(repr_of(">Zd", big) == "(1-2j)");
  std::vector<std::uint8_t> ld(sizeof(long double), 0);
  long double value = 2.5L;
  std::memcpy(ld.data(), &value, sizeof value);
  CHECK(repr_of("g", ld) == "2.5");
}

TEST_CASE("decoding wide characters: text, fixed-length strings, invalid code points") {
  CHECK(repr_of("<w", {0xE9, 0, 0, 0}) == "'\xC3\xA9'");
  CHECK(repr_of("<u", {0x00, 0xF6, 0x01, 0}) == "'\xF0\x9F\x98\x80'");
  CHECK(repr_of("<u", {0, 0, 0, 0}) == "'\\x00'");
  CHECK(repr_of("<w", {'\'', 0, 0, 0}) == "\"'\"");
  // numpy's U3 ends at its trailing NULs
  CHECK(repr_of("<3w", {'a', 0, 0, 0, 'b', 0, 0, 0, 0, 0, 0, 0}) == "'ab'");
  // Memory can hold what str cannot: shown as an escape, the UTF-8 text gets U+FFFD.
  Value v = decode_element(format_of("<w"), std::vector<std::uint8_t>{0, 0, 0x11, 0}.data());
  CHECK(python_repr(v) == "'\\U00110000'");
  CHECK(v.bytes == "\xEF\xBF\xBD");
  CHECK(repr_of("<w", {0x00, 0xD8, 0, 0}) == "'\\ud800'");
  CHECK(repr_of("<w", {0xA0, 0, 0, 0}) == "'\\xa0'");
  CHECK(repr_of("<w", {0x28, 0x20, 0, 0}) == "'\\u2028'");
}

TEST_CASE("decoded records are flat tuples in field order") {
  ElementFormat f = format_of("T{b:a:T{>h:c:}:b:}");
  std::vector<std::uint8_t> bytes = {0xFE, 0x01, 0x02};
  Value v = decode_element(f, bytes.data());
  CHECK(v.kind == Value::Kind::Tuple);
  CHECK(python_repr(v) == "(-2, 258)");
  CHECK(python_repr(decode_element(format_of("T{i:x:}"), std::vector<std::uint8_t>{7, 0, 0, 0}.data())) ==
        "(7,)");
}

// ---- reprs ----

TEST_CASE("float repr follows Python's shortest round-trip rules") {
  CHECK(float_repr(1e16) == "1e+16");
  CHECK(float_repr(1e15) == "1000000000000000.0");
  CHECK(float_repr(1234567890123456.0) == "1234567890123456.0");
  CHECK(float_repr(12345678901234567.0) == "1.2345678901234568e+16");
  CHECK(float_repr(0.0001) == "0.0001");
  CHECK(float_repr(1e-05) == "1e-05");
  CHECK(float_repr(1.5e-07) == "1.5e-07");
  CHECK(float_repr(-0.0) == "-0.0");
  CHECK(float_repr(0.0) == "0.0");
  CHECK(float_repr(1.0) == "1.0");
  CHECK(float_repr(0.1) == "0.1");
  CHECK(float_repr(1.5e300) == "1.5e+300");
  CHECK(float_repr(5e-324) == "5e-324");
  CHECK(float_repr(1.7976931348623157e308) == "1.7976931348623157e+308");
  CHECK(float_repr(std::numeric_limits<double>::quiet_NaN()) == "nan");
  CHECK(float_repr(-std::numeric_limits<double>::quiet_NaN()) == "nan");
  CHECK(float_repr(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(float_repr(-std::numeric_limits<double>::infinity()) == "-inf");
  CHECK(float_repr_bare(1.0) == "1");
  CHECK(float_repr_bare(1e16) == "1e+16");
}

TEST_CASE("complex repr follows complex.__repr__") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(python_repr(Value::make_complex(1, 2)) == "(1+2j)");
  CHECK(python_repr(Value::make_complex(0, 2)) == "2j");
  CHECK(python_repr(Value::make_complex(0, -0.0)) == "-0j");
  CHECK(python_repr(Value::make_complex(-0.0, -1)) == "(-0-1j)");
  CHECK(python_repr(Value::make_complex(-0.0, 0.0)) == "(-0+0j)");
  CHECK(python_repr(Value::make_complex(nan, inf)) == "(nan+infj)");
  CHECK(python_repr(Value::make_complex(0, -nan)) == "nanj");
  CHECK(python_repr(Value::make_complex(1.5, -inf)) == "(1.5-infj)");
  CHECK(python_repr(Value::make_complex(1e16, 1e-5)) == "(1e+16+1e-05j)");
}

TEST_CASE("bytes and str repr choose quotes and escapes like CPython") {
  CHECK(python_repr(Value::make_bytes("A")) == "b'A'");
  CHECK(python_repr(Value::make_bytes("'")) == "b\"'\"");
  CHECK(python_repr(Value::make_bytes("\"")) == "b'\"'");
  CHECK(python_repr(Value::make_bytes("'\"")) == "b'\\'\"'");
  CHECK(python_repr(Value::make_bytes(std::string("\t\n\r\\\x00\x7f\x80", 7))) ==
        "b'\\t\\n\\r\\\\\\x00\\x7f\\x80'");
  CHECK(python_repr(Value::make_bytes("")) == "b''");
  CHECK(python_repr(Value::make_text("it's")) == "\"it's\"");
  CHECK(python_repr(Value::make_text("a\nb")) == "'a\\nb'");
  CHECK(python_repr(Value::make_text("\xC3\xA9")) == "'\xC3\xA9'");
  CHECK(python_repr(Value::make_text(std::string("\x00\x7f", 2))) == "'\\x00\\x7f'");
  CHECK(python_repr(Value::make_text("\xC2\xAD")) == "'\\xad'");
}

TEST_CASE("tuple, bool and integer reprs") {
  CHECK(python_repr(Value::make_tuple({})) == "()");
  CHECK(python_repr(Value::make_tuple({Value::make_int(1)})) == "(1,)");
  CHECK(python_repr(Value::make_tuple({Value::make_int(1), Value::make_float(2.5)})) == "(1, 2.5)");
  CHECK(python_repr(Value::make_bool(true)) == "True");
  CHECK(python_repr(Value::make_int(INT64_MIN)) == "-9223372036854775808");
  CHECK(python_repr(Value::make_uint(UINT64_MAX)) == "18446744073709551615");
}

// ---- encoding ----

TEST_CASE("encoding integers: struct's range checks and messages") {
  CHECK(encode("B", "300") == "ERR struct.error: ubyte format requires 0 <= number <= 255");
  CHECK(encode("B", "-1") == "ERR struct.error: ubyte format requires 0 <= number <= 255");
  CHECK(encode("b", "128") == "ERR struct.error: byte format requires -128 <= number <= 127");
  CHECK(encode("h", "40000") == "ERR struct.error: short format requires -32768 <= number <= 32767");
  CHECK(encode("H", "-1") == "ERR struct.error: ushort format requires 0 <= number <= 65535");
  CHECK(encode("i", "2147483648") ==
        "ERR struct.error: 'i' format requires -2147483648 <= number <= 2147483647");
  CHECK(encode("I", "-1") == "ERR struct.error: argument out of range");
  CHECK(encode("I", "4294967296") == "ERR struct.error: 'I' format requires 0 <= number <= 4294967295");
  CHECK(encode("q", "9223372036854775808") == "ERR struct.error: argument out of range");
  CHECK(encode("Q", "-1") == "ERR struct.error: argument out of range");
  CHECK(encode("b", "2**100") .find("ERR SyntaxError") == 0);
  CHECK(encode("b", "1267650600228229401496703205376") == "ERR struct.error: argument out of range");
  CHECK(encode(">h", "40000") == "ERR struct.error: 'h' format requires -32768 <= number <= 32767");
  CHECK(encode(">H", "-1") == "ERR struct.error: argument out of range");
  CHECK(encode(">q", "9223372036854775808") == "ERR struct.error: int too large to convert");
  CHECK(encode("<l", "2147483648") ==
        "ERR struct.error: 'l' format requires -2147483648 <= number <= 2147483647");
  CHECK(encode("P", "-1") == "OK ffffffffffffffff");
  CHECK(encode("P", "18446744073709551616") == "ERR struct.error: int too large to convert");
  CHECK(encode("<i", "-2") == "OK feffffff");
  CHECK(encode(">i", "0x01020304") == "OK 01020304");
  CHECK(encode("i", "True") == "OK 01000000");
  CHECK(encode("<Q", "18446744073709551615") == "OK ffffffffffffffff");
}

TEST_CASE("encoding refuses non-integers for integer codes") {
  for (const char* lit : {"1.5", "None", "b'a'", "'a'", "(1+2j)", "nan"}) {
    INFO(lit);
    CHECK(encode("i", lit) == "ERR struct.error: required argument is not an integer");
  }
  CHECK(encode("<B", "None") == "ERR struct.error: required argument is not an integer");
}

TEST_CASE("encoding floats: rounding and overflow like struct.pack") {
  CHECK(encode("<e", "1") == "OK 003c");
  CHECK(encode("<e", "65504") == "OK ff7b");
  CHECK(encode("<e", "65519.99") == "OK ff7b");
  CHECK(encode("<e", "65520.0") == "ERR OverflowError: float too large to pack with e format");
  CHECK(encode("<e", "65520") == "ERR struct.error: int too large to convert");
  CHECK(encode("<e", "5.960464477539063e-08") == "OK 0100");
  CHECK(encode("<e", "2.9802322387695312e-08") == "OK 0000");  // 2**-25: a tie, to even (zero)
  CHECK(encode("<e", "8.940696716308594e-08") == "OK 0200");   // 3 * 2**-25: a tie, to even
  CHECK(encode("<e", "2049") == "OK 0068");                     // tie between 2048 and 2050
  CHECK(encode("<e", "2051") == "OK 0268");
  CHECK(encode("<e", "nan") == "OK 007e");
  CHECK(encode("<e", "-nan") == "OK 00fe");
  CHECK(encode("<e", "-inf") == "OK 00fc");
  CHECK(encode("<e", "-0.0") == "OK 0080");
  CHECK(encode("<f", "1e39") == "ERR OverflowError: float too large to pack with f format");
  CHECK(encode("f", "1e39") == "OK 0000807f");  // native 'f' is a C cast
  CHECK(encode("f", "3.4028235677973366e+38") == "OK 0000807f");
  CHECK(encode("<f", "3.4028235677973362e+38") == "OK ffff7f7f");
  CHECK(encode("<d", "1e400") == "OK 000000000000f07f");
  CHECK(encode("d", "1" + std::string(400, '0')) == "ERR struct.error: required argument is not a float");
  CHECK(encode("d", "None") == "ERR struct.error: required argument is not a float");
  CHECK(encode("d", "'1'") == "ERR struct.error: required argument is not a float");
  CHECK(encode(">d", "1.5") == "OK 3ff8000000000000");
  CHECK(encode("<d", "True") == "OK 000000000000f03f");
}

TEST_CASE("encoding bool, char, bytes and pascal strings") {
  CHECK(encode("?", "2") == "OK 01");
  CHECK(encode("?", "0.0") == "OK 00");
  CHECK(encode("?", "None") == "OK 00");
  CHECK(encode("?", "b'x'") == "OK 01");
  CHECK(encode("?", "nan") == "OK 01");
  CHECK(encode("c", "b'A'") == "OK 41");
  CHECK(encode("c", "b'AB'") == "ERR struct.error: char format requires a bytes object of length 1");
  CHECK(encode("c", "'A'") == "ERR struct.error: char format requires a bytes object of length 1");
  CHECK(encode("3s", "b'a'") == "OK 610000");
  CHECK(encode("3s", "b'abcdef'") == "OK 616263");
  CHECK(encode("3s", "'abc'") == "ERR struct.error: argument for 's' must be a bytes object");
  CHECK(encode("3p", "b'abcdef'") == "OK 026162");
  CHECK(encode("p", "b'abc'") == "OK 00");
  CHECK(encode("0p", "b'abc'") == "OK ");
  CHECK(encode("3p", "1") == "ERR struct.error: argument for 'p' must be a bytes object");
}

TEST_CASE("encoding complex, long double and wide characters") {
  CHECK(encode("<Zf", "(1+2j)") == "OK 0000803f00000040");
  CHECK(encode("<Zf", "2") == "OK 0000004000000000");
  CHECK(encode(">Zd", "-1.5-0.5j") == "OK bff8000000000000bfe0000000000000");
  CHECK(encode("Zd", "b'x'").find("ERR struct.error: complex format requires a number") == 0);
  CHECK(encode("<u", "'A'") == "OK 41000000");
  CHECK(encode("<w", "'\\U0001F600'") == "OK 00f60100");
  CHECK(encode("<w", "'ab'") == "ERR TypeError: array item must be unicode character");
  CHECK(encode("<w", "1") == "ERR TypeError: array item must be unicode character");
  CHECK(encode("<2w", "'abc'") == "OK 6100000062000000");
  CHECK(encode("<3w", "'a'") == "OK 610000000000000000000000");
  // A long double's padding bytes are zero, not whatever the register held.
  std::string g = encode("g", "1.0");
  REQUIRE(g.rfind("OK ", 0) == 0);
  if (sizeof(long double) == 16) CHECK(g.substr(3 + 20) == "000000000000");
}

TEST_CASE("multi-field elements take one item per field and zeroed padding") {
  CHECK(encode("<hxh", "(1, 2)") == "OK 0100000200");
  CHECK(encode("@bi", "(1, 2)") == "OK 0100000002000000");
  CHECK(encode("<hh", "[1, 2]") == "OK 01000200");
  CHECK(encode("<hh", "1, 2") == "OK 01000200");
  CHECK(encode("ii", "(1,)") == "ERR struct.error: pack expected 2 items for packing (got 1)");
  CHECK(encode("ii", "1") == "ERR struct.error: pack expected 2 items for packing (got 1)");
  CHECK(encode("ii", "(1, 2, 3)") == "ERR struct.error: pack expected 2 items for packing (got 3)");
  CHECK(encode("2x", "()") == "OK 0000");
  CHECK(encode("2x", "") == "OK 0000");
  CHECK(encode("x", "1") == "ERR struct.error: pack expected 0 items for packing (got 1)");
  CHECK(encode("T{<h:a:<d:b:}", "(1, 0.5)") == "OK 0100000000000000e03f");
  CHECK(encode("T{<i:x:}", "5") == "OK 05000000");
  CHECK(encode("T{<i:x:}", "(5,)") == "OK 05000000");
}

TEST_CASE("a failed encode produces nothing and says why") {
  auto result = encode_literal(format_of("<hh"), "(1, 70000)");
  REQUIRE(std::holds_alternative<FormatError>(result));
  const FormatError& e = std::get<FormatError>(result);
  CHECK(e.message == "short format requires -32768 <= number <= 32767");
  CHECK(e.format == "<hh");
  auto syntax = encode_literal(format_of("i"), "12x");
  REQUIRE(std::holds_alternative<FormatError>(syntax));
  CHECK(std::get<FormatError>(syntax).python_type == "SyntaxError");
}

TEST_CASE("what decodes encodes back to the same bytes") {
  const std::pair<const char*, std::vector<std::uint8_t>> cases[] = {
      {"<i", {0x78, 0x56, 0x34, 0x12}},
      {">e", {0x7B, 0xFF}},
      {"<e", {0x01, 0x80}},
      {"<d", {0, 0, 0, 0, 0, 0, 0xF0, 0xFF}},
      {"3s", {'\'', '"', 0}},
      {"<hx?", {1, 0, 0, 1}},
      {"<Zf", {0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0}},  // (1-2j); note "(1-0j)" reads back as 1+0j in Python too
      {"<w", {0xE9, 0, 0, 0}},
      {"c", {0x5C}},
  };
  for (const auto& [text, bytes] : cases) {
    INFO(std::string(text));
    ElementFormat f = format_of(text);
    std::string repr = python_repr(decode_element(f, bytes.data()));
    auto encoded = encode_literal(f, repr);
    REQUIRE(std::holds_alternative<std::vector<std::uint8_t>>(encoded));
    CHECK(hex_of(std::get<std::vector<std::uint8_t>>(encoded)) == hex_of(bytes));
  }
}

// ---- run decoders ----

TEST_CASE("int64 runs: contiguous, strided, swapped, unsigned, bool") {
  std::vector<std::int32_t> ints = {1, -2, 3, INT32_MIN, INT32_MAX};
  std::vector<std::uint8_t> raw(ints.size() * 4);
  std::memcpy(raw.data(), ints.data(), raw.size());
  std::vector<std::int64_t> out(ints.size());
  REQUIRE(decode_int64_run(format_of("i"), raw.data(), 4, ints.size(), out.data()));
  CHECK(out == std::vector<std::int64_t>{1, -2, 3, INT32_MIN, INT32_MAX});

  std::vector<std::int64_t> strided(3);
  REQUIRE(decode_int64_run(format_of("i"), raw.data(), 8, 3, strided.data()));
  CHECK(strided == std::vector<std::int64_t>{1, 3, INT32_MAX});
  // A negative stride walks backwards from the last element.
  REQUIRE(decode_int64_run(format_of("i"), raw.data() + 16, -4, 3, strided.data()));
  CHECK(strided == std::vector<std::int64_t>{INT32_MAX, INT32_MIN, 3});

  std::vector<std::uint8_t> be = {0x80, 0x00, 0x00, 0x01};
  std::vector<std::int64_t> two(2);
  REQUIRE(decode_int64_run(format_of(">h"), be.data(), 2, 2, two.data()));
  CHECK(two == std::vector<std::int64_t>{-32768, 1});
  REQUIRE(decode_int64_run(format_of(">H"), be.data(), 2, 2, two.data()));
  CHECK(two == std::vector<std::int64_t>{32768, 1});
  REQUIRE(decode_int64_run(format_of("?"), be.data(), 1, 2, two.data()));
  CHECK(two == std::vector<std::int64_t>{1, 0});
  std::vector<std::uint8_t> ones(8, 0xFF);
  std::int64_t q = 0;
  REQUIRE(decode_int64_run(format_of("Q"), ones.data(), 8, 1, &q));
  CHECK(static_cast<std::uint64_t>(q) == UINT64_MAX);

  CHECK_FALSE(decode_int64_run(format_of("d"), raw.data(), 8, 1, out.data()));
  CHECK_FALSE(decode_int64_run(format_of("2i"), raw.data(), 8, 1, out.data()));
  CHECK_FALSE(decode_int64_run(format_of("4s"), raw.data(), 4, 1, out.data()));
}

TEST_CASE("double runs: floats of every width and integers") {
  std::vector<std::uint8_t> halves = {0x00, 0x3C, 0x00, 0x7C, 0x01, 0x00};
  std::vector<double> out(3);
  REQUIRE(decode_double_run(format_of("<e"), halves.data(), 2, 3, out.data()));
  CHECK(out[0] == 1.0);
  CHECK(std::isinf(out[1]));
  CHECK(out[2] == std::ldexp(1.0, -24));
  std::vector<std::uint8_t> big = {0x3F, 0xF8, 0, 0, 0, 0, 0, 0};
  REQUIRE(decode_double_run(format_of(">d"), big.data(), 8, 1, out.data()));
  CHECK(out[0] == 1.5);
  float fs[2] = {0.5f, -2.0f};
  REQUIRE(decode_double_run(format_of("f"), reinterpret_cast<const std::uint8_t*>(fs), 4, 2,
                            out.data()));
  CHECK(out[0] == 0.5);
  CHECK(out[1] == -2.0);
  std::vector<std::uint8_t> b = {0xFF};
  REQUIRE(decode_double_run(format_of("b"), b.data(), 1, 1, out.data()));
  CHECK(out[0] == -1.0);
  CHECK_FALSE(decode_double_run(format_of("Zd"), big.data(), 16, 1, out.data()));
  CHECK_FALSE(decode_double_run(format_of("c"), big.data(), 1, 1, out.data()));
}

// ---- the literal parser ----

TEST_CASE("integer literals: bases, underscores, signs, size") {
  CHECK(literal("0").int_value.to_int64() == 0);
  CHECK(literal("-0x7f").int_value.to_int64() == -127);
  CHECK(literal("0o17").int_value.to_int64() == 15);
  CHECK(literal("0b1010").int_value.to_int64() == 10);
  CHECK(literal("1_000_000").int_value.to_int64() == 1000000);
  CHECK(literal("0x_ff").int_value.to_int64() == 255);
  CHECK(literal("--5").int_value.to_int64() == 5);
  CHECK(literal("  +7  ").int_value.to_int64() == 7);
  CHECK(literal("00").int_value.is_zero());
  PyLiteral big = literal("123456789012345678901234567890");
  CHECK(big.kind == PyLiteral::Kind::Int);
  CHECK_FALSE(big.int_value.fits_uint64());
  CHECK(big.int_value.to_decimal() == "123456789012345678901234567890");
  CHECK(literal("-9223372036854775808").int_value.fits_int64());
  CHECK_FALSE(literal("9223372036854775808").int_value.fits_int64());
  CHECK(literal("18446744073709551615").int_value.fits_uint64());
  CHECK(literal_error("007").find("leading zeros") != std::string::npos);
  CHECK(literal_error("1__0").find("invalid decimal literal") != std::string::npos);
  CHECK(literal_error("1_").find("invalid decimal literal") != std::string::npos);
  CHECK(literal_error("0x").find("invalid hexadecimal literal") != std::string::npos);
  CHECK(literal_error("0b102").find("invalid binary literal") != std::string::npos);
  CHECK(literal_error("12abc").find("invalid decimal literal") != std::string::npos);
}

TEST_CASE("BigInt converts to double as float(int) does") {
  double d = 0;
  REQUIRE(literal("9007199254740993").int_value.to_double(d));  // 2**53 + 1: tie, to even
  CHECK(d == 9007199254740992.0);
  REQUIRE(literal("9007199254740995").int_value.to_double(d));  // 2**53 + 3: tie, to even
  CHECK(d == 9007199254740996.0);
  REQUIRE(literal("-1" + std::string(300, '0')).int_value.to_double(d));
  CHECK(d == -1e300);
  CHECK_FALSE(literal("1" + std::string(400, '0')).int_value.to_double(d));
  BigInt sum = literal("18446744073709551615").int_value + BigInt::from_int64(1);
  CHECK(sum.to_decimal() == "18446744073709551616");
  CHECK((BigInt::from_int64(5) - BigInt::from_int64(7)).to_int64() == -2);
  CHECK(BigInt::from_int64(INT64_MIN).to_decimal() == "-9223372036854775808");
}

TEST_CASE("float literals: forms, specials, overflow to inf, underflow to zero") {
  CHECK(literal("1.5").real == 1.5);
  CHECK(literal(".5").real == 0.5);
  CHECK(literal("5.").real == 5.0);
  CHECK(literal("1e-3").real == 0.001);
  CHECK(literal("1_0.2_5").real == 10.25);
  CHECK(std::isinf(literal("1e400").real));
  CHECK(literal("1e-400").real == 0.0);
  CHECK(std::signbit(literal("-1e-400").real));
  CHECK(literal("4.9e-324").real == 5e-324);
  CHECK(std::isnan(literal("nan").real));
  CHECK(std::signbit(literal("-nan").real));
  CHECK(literal("-inf").real == -std::numeric_limits<double>::infinity());
  CHECK(std::isinf(literal("Infinity").real));
  CHECK(std::signbit(literal("-0.0").real));
  CHECK(literal("1+1.5").real == 2.5);
  CHECK(literal_error("1e").find("invalid decimal literal") != std::string::npos);
  CHECK(literal_error("1._5").find("invalid decimal literal") != std::string::npos);
}

TEST_CASE("complex literals follow Python's arithmetic") {
  PyLiteral a = literal("1+2j");
  CHECK(a.kind == PyLiteral::Kind::Complex);
  CHECK(a.real == 1.0);
  CHECK(a.imag == 2.0);
  PyLiteral b = literal("-2j");  // -(0+2j): both parts negated
  CHECK(std::signbit(b.real));
  CHECK(b.imag == -2.0);
  PyLiteral c = literal("-1.5-0.5j");
  CHECK(c.real == -1.5);
  CHECK(c.imag == -0.5);
  CHECK(!std::signbit(literal("-0-1j").real));  // int 0 minus 1j keeps a +0.0 real part
  CHECK(literal("(1+2j)").imag == 2.0);
  CHECK(literal("3J").imag == 3.0);
  CHECK(std::isinf(literal("(nan+infj)").imag));
  CHECK(std::isnan(literal("(nan+infj)").real));
}

TEST_CASE("bool, None, bytes and str literals") {
  CHECK(literal("True").kind == PyLiteral::Kind::Bool);
  CHECK(literal("True").bool_value);
  CHECK(literal("None").kind == PyLiteral::Kind::None);
  CHECK(literal("-True").int_value.to_int64() == -1);
  CHECK(literal("b'\\x41\\n\\\\\\''").bytes == "A\n\\'");
  CHECK(literal("b\"it's\"").bytes == "it's");
  CHECK(literal("b'\\101'").bytes == "A");
  CHECK(literal("b'\\q'").bytes == "\\q");
  CHECK(literal("rb'\\x41'").bytes == "\\x41");
  CHECK(literal("b'\\u1234'").bytes == "\\u1234");
  CHECK(literal("'\\u00e9'").text == U"\u00e9");
  CHECK(literal("'\\U0001F600'").text == U"\U0001F600");
  CHECK(literal("'\xC3\xA9'").text == U"\u00e9");
  CHECK(literal("'\\ud800'").text.size() == 1);
  CHECK(literal("'''a'b'''").text == U"a'b");
  CHECK(literal_error("b'\xC3\xA9'").find("ASCII") != std::string::npos);
  CHECK(literal_error("'abc").find("unterminated string literal") != std::string::npos);
  CHECK(literal_error("b'abc").find("unterminated bytes literal") != std::string::npos);
  CHECK(literal_error("'\\x4'").find("truncated") != std::string::npos);
  CHECK(literal_error("x'a'").find("invalid string prefix") != std::string::npos);
}

TEST_CASE("tuples, lists and malformed input") {
  PyLiteral t = literal("(1, 2.5, b'a')");
  CHECK(t.kind == PyLiteral::Kind::Tuple);
  CHECK(t.items.size() == 3);
  CHECK(literal("(1,)").items.size() == 1);
  CHECK(literal("()").items.empty());
  CHECK(literal("1, 2").items.size() == 2);
  CHECK(literal("[1, 2,]").kind == PyLiteral::Kind::List);
  CHECK(literal("[]").items.empty());
  CHECK(literal("((1, 2), 3)").items[0].items.size() == 2);
  CHECK(literal("(5)").kind == PyLiteral::Kind::Int);
  CHECK(literal_error("").find("expected a value") != std::string::npos);
  CHECK(literal_error("(1, 2").find("never closed") != std::string::npos);
  CHECK(literal_error("(1 2)").find("never closed") != std::string::npos);
  CHECK(literal_error("1 +").find("expected a value") != std::string::npos);
  CHECK(literal_error("abc").find("not a literal") != std::string::npos);
  CHECK(literal_error("b'a' + 1").find("unsupported operand") != std::string::npos);
  CHECK(literal_error("-'a'").find("bad operand type for unary -") != std::string::npos);
  CHECK(literal_error("(,)").find("invalid syntax") != std::string::npos);
}

TEST_CASE("truthiness follows Python") {
  CHECK_FALSE(literal("0").truthy());
  CHECK(literal("nan").truthy());
  CHECK_FALSE(literal("0j").truthy());
  CHECK_FALSE(literal("b''").truthy());
  CHECK(literal("'a'").truthy());
  CHECK_FALSE(literal("()").truthy());
  CHECK(literal("(0,)").truthy());
  CHECK_FALSE(literal("None").truthy());
}

// Nesting is bounded as CPython bounds it, and runs of signs do not recurse.
TEST_CASE("deep nesting is refused with CPython's message, and long runs of signs do not recurse") {
  auto nested = [](char open, char close, std::size_t depth) {
    return std::string(depth, open) + "1" + std::string(depth, close);
  };
  CHECK(std::holds_alternative<PyLiteral>(parse_python_literal(nested('(', ')', 200))));
  CHECK(std::holds_alternative<PyLiteral>(parse_python_literal(nested('[', ']', 200))));
  CHECK(std::holds_alternative<PyLiteral>(parse_python_literal(std::string(100, '(') + nested('[', ']', 100) + std::string(100, ')'))));
  for (const std::string& text : {nested('(', ')', 201), nested('[', ']', 201), nested('(', ')', 10000),
                                  std::string(5000, '['), std::string(100, '(') + nested('[', ']', 101) + std::string(100, ')'),
                                  std::string(1000000, '(')}) {
    auto parsed = parse_python_literal(text);
    REQUIRE(std::holds_alternative<LiteralError>(parsed));
    CHECK(std::get<LiteralError>(parsed).message == "too many nested parentheses");
  }
  // Python reads 1000 signs in a row; 100,000 are refused, not a stack overflow.
  const auto thousand = parse_python_literal(std::string(1000, '-') + "7");
  REQUIRE(std::holds_alternative<PyLiteral>(thousand));
  CHECK(std::get<PyLiteral>(thousand).int_value.to_decimal() == "7");
  const auto mixed = parse_python_literal("-+-(-+True)");
  REQUIRE(std::holds_alternative<PyLiteral>(mixed));
  CHECK(std::get<PyLiteral>(mixed).int_value.to_decimal() == "-1");
  const auto many = parse_python_literal(std::string(100000, '-') + "1");
  REQUIRE(std::holds_alternative<LiteralError>(many));
  CHECK(std::get<LiteralError>(many).message.find("too many unary operators") != std::string::npos);
  const auto bad = parse_python_literal("-'x'");
  REQUIRE(std::holds_alternative<LiteralError>(bad));
  CHECK(std::get<LiteralError>(bad).message == "bad operand type for unary -: 'str'");

  const auto encoded = encode_literal(format_of("B"), nested('(', ')', 10000));
  REQUIRE(std::holds_alternative<FormatError>(encoded));
  CHECK(std::get<FormatError>(encoded).describe() == "SyntaxError: too many nested parentheses (format 'B')");
}

// Found by fuzz/fuzz_inputs: padding and empty records repeated billions of times are sized at
// once, as struct.calcsize does, not walked copy by copy.
TEST_CASE("huge padding and empty-record counts are sized without walking them") {
  CHECK(format_of("<99999999992xH").itemsize == 99999999994u);
  CHECK(format_of("<99999999992xH").fields.size() == 1);
  CHECK(format_of("<99999999992xH").fields[0].offset == 99999999992u);
  CHECK(format_of("T{99999999999T{x:pad:}:r:b:a:}").itemsize == 100000000000u);
  CHECK(format_of("999999999999999T{}").itemsize == 0);
}

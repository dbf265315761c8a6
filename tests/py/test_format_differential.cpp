// Differential tests: the codec against CPython's struct module, numpy, array and ctypes, run in
// the embedded interpreter (one cell per batch) and compared line by line.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/format/format_codec.h"
#include "core/format/python_literal.h"
#include "core/py/session.h"
#include "tests/support/python_fixture.h"

using namespace bufferlab;

namespace {

// Runs one cell and returns what it printed; a cell that raises fails the test.
std::string run_python(const std::string& source) {
  testing::ensure_interpreter();
  static Session session;
  CellResult result = session.run_cell(source);
  INFO(result.stderr_text());
  REQUIRE_FALSE(result.raised);
  return result.stdout_text();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A Python str literal for ASCII text (formats and literals are ASCII here).
std::string py_str(const std::string& s) {
  std::string out = "'";
  for (unsigned char c : s) {
    if (c == '\\' || c == '\'') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7F) {
      static const char hex[] = "0123456789abcdef";
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "'";
}

std::string to_hex(const std::vector<std::uint8_t>& bytes) {
  static const char hex[] = "0123456789abcdef";
  std::string out;
  for (std::uint8_t b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

std::vector<std::uint8_t> from_hex(const std::string& hex) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

const char* kPythonHelpers = R"PY(
import struct
nan = float('nan'); inf = float('inf'); nanj = complex(0, nan); infj = complex(0, inf)
def _err(e):
    t = type(e)
    name = t.__name__ if t.__module__ == 'builtins' else t.__module__ + '.' + t.__name__
    return 'ERR ' + name + ': ' + str(e)
)PY";

std::string error_line(const FormatError& e) { return "ERR " + e.python_type + ": " + e.message; }

// ---------------------------------------------------------------------------------------------
// Case generation

const char* const kPrefixes[] = {"", "@", "=", "<", ">", "!"};
const char kCodes[] = "xcbB?hHiIlLqQnNefdspP";

struct EncodeCase {
  std::string format;
  std::string literal;
};

std::string double_literal(double x) {
  if (std::isnan(x)) return std::signbit(x) ? "-nan" : "nan";
  if (std::isinf(x)) return x < 0 ? "-inf" : "inf";
  return float_repr(x);
}

std::string int_literal(std::mt19937_64& rng) {
  // A random width up to 70 bits and a sign, written in decimal or hex.
  int bits = static_cast<int>(rng() % 71);
  BigInt v;
  for (int i = 0; i < bits; ++i) v.push_digit(2, static_cast<unsigned>(rng() & 1));
  if (rng() & 1) v.negate();
  std::string text = v.to_decimal();
  return text;
}

std::vector<std::string> int_edges(std::size_t size) {
  std::vector<std::string> out = {"0", "1", "-1", "True", "False", "1.5", "None", "b'a'", "'x'",
                                  "nan", "(1+2j)", "2**0" /* not a literal: both refuse */};
  out.pop_back();
  for (std::size_t s : {std::size_t{1}, std::size_t{2}, std::size_t{4}, std::size_t{8}, size}) {
    BigInt one = BigInt::from_int64(1);
    BigInt p;  // 2**(8s-1)
    p = BigInt::from_int64(1);
    for (std::size_t k = 0; k + 1 < 8 * s; ++k) p = p + p;
    BigInt full = p + p;  // 2**(8s)
    for (const BigInt& b : {p, p - one, p + one, full, full - one, full + one}) {
      out.push_back(b.to_decimal());
      BigInt neg = b;
      neg.negate();
      out.push_back(neg.to_decimal());
    }
  }
  out.push_back("2**100");
  out.pop_back();
  out.push_back("1267650600228229401496703205376");
  out.push_back("-1267650600228229401496703205376");
  out.push_back("0x7fff_ffff");
  out.push_back("-0b1000_0000");
  out.push_back("0o777");
  return out;
}

std::vector<std::string> float_edges() {
  std::vector<double> values = {
      0.0, -0.0, 1.0, -1.5, 0.1, 65504.0, 65519.99, 65520.0, -65520.0, 65519.0,
      std::ldexp(1.0, -24), std::ldexp(1.0, -25), std::ldexp(3.0, -26), std::ldexp(1.0, -26),
      std::ldexp(3.0, -25), std::ldexp(1.0, -14), std::ldexp(1023.0, -24), std::ldexp(2047.0, -25),
      1.0 + std::ldexp(1.0, -11), 1.0 + std::ldexp(3.0, -11), 1e-8, 5e-324, 2.2250738585072014e-308,
      1.7976931348623157e308, 3.4028234663852886e+38, 3.4028235677973366e+38,
      3.4028235677973362e+38, 1e39, -1e39, 1e300, 1.401298464324817e-45, 7e-46, 1e16, 1e-5,
      0.0001, 123456789.125,
      std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
      std::numeric_limits<double>::quiet_NaN(), -std::numeric_limits<double>::quiet_NaN()};
  std::vector<std::string> out;
  for (double v : values) out.push_back(double_literal(v));
  for (std::string s : {"1", "True", "False", "None", "'x'", "b'x'", "(1+2j)", "1000000",
                        "1000000000000000000000000000000000000000",
                        "-1000000000000000000000000000000000000000", "65520", "65519"}) {
    out.push_back(s);
  }
  out.push_back("1" + std::string(400, '0'));
  return out;
}

std::string random_float_literal(std::mt19937_64& rng, char code) {
  switch (rng() % 4) {
    case 0: {  // any double, nan payloads and subnormals included
      double d;
      std::uint64_t bits = rng();
      std::memcpy(&d, &bits, sizeof d);
      return double_literal(d);
    }
    case 1: {  // a half value plus an exact fraction of its ulp: ties and near-ties
      std::uint16_t h = static_cast<std::uint16_t>(rng() & 0x7BFF);
      int e = (h >> 10) & 0x1F;
      int m = h & 0x3FF;
      double value = e == 0 ? std::ldexp(m, -24) : std::ldexp(m + 1024, e - 25);
      double ulp = std::ldexp(1.0, (e == 0 ? 1 : e) - 25);
      value += ulp * static_cast<double>(static_cast<int>(rng() % 9) - 4) / 8.0;
      return double_literal((rng() & 1) ? -value : value);
    }
    case 2: {  // a float value plus an exact fraction of its ulp
      std::uint32_t bits = static_cast<std::uint32_t>(rng()) & 0x7F7FFFFFu;
      float f;
      std::memcpy(&f, &bits, sizeof f);
      double value = f;
      double next = std::nextafter(f, std::numeric_limits<float>::infinity());
      value += (next - value) * static_cast<double>(rng() % 5) / 4.0;
      return double_literal((rng() & 1) ? -value : value);
    }
    default: {  // ordinary decimals, some beyond the half and float ranges
      std::uniform_real_distribution<double> mant(-10.0, 10.0);
      int exp10 = static_cast<int>(rng() % (code == 'e' ? 12 : 80)) - (code == 'e' ? 8 : 40);
      return double_literal(mant(rng) * std::pow(10.0, exp10));
    }
  }
}

std::string random_bytes_literal(std::mt19937_64& rng) {
  std::size_t n = rng() % 12;
  std::string raw;
  for (std::size_t i = 0; i < n; ++i) {
    raw.push_back(static_cast<char>((rng() & 1) ? 0x20 + rng() % 95 : rng() % 256));
  }
  return python_repr(Value::make_bytes(raw));
}

std::vector<EncodeCase> encode_cases() {
  std::vector<EncodeCase> cases;
  std::mt19937_64 rng(20240611);
  for (const char* prefix : kPrefixes) {
    for (const char* c = kCodes; *c; ++c) {
      std::string fmt = std::string(prefix) + *c;
      auto parsed = parse_format(fmt);
      if (std::holds_alternative<FormatError>(parsed)) continue;  // '<n' etc.: compared elsewhere
      std::size_t size = std::get<ElementFormat>(parsed).itemsize;
      std::vector<std::string> literals;
      switch (*c) {
        case 'x': literals = {"()"}; break;
        case 'c':
          literals = {"b'a'", "b'\\xff'", "b''", "b'ab'", "'a'", "1", "None", "b'\\x00'"};
          break;
        case 's':
        case 'p':
          literals = {"b''", "b'abc'", "'abc'", "1", "None", "b'\\x00\\xff'"};
          for (int i = 0; i < 6; ++i) literals.push_back(random_bytes_literal(rng));
          break;
        case '?':
          literals = {"0", "1", "2", "-1", "True", "False", "None", "0.0", "nan", "b''", "b'a'",
                      "''", "'a'", "0j", "1j", "()", "(0,)", "-0.0"};
          break;
        case 'e':
        case 'f':
        case 'd':
          literals = float_edges();
          for (int i = 0; i < 250; ++i) literals.push_back(random_float_literal(rng, *c));
          break;
        default:
          literals = int_edges(size);
          for (int i = 0; i < 150; ++i) literals.push_back(int_literal(rng));
          break;
      }
      for (const std::string& lit : literals) cases.push_back({fmt, lit});
    }
  }
  // Counts and several fields: the item count check, padding and alignment.
  for (const char* fmt : {"3s", "10s", "0s", "5p", "1p", "300p", "2x", "<hhl", "@bi", "bxi", ">3h",
                          "=2e", "ii", "@?q", "<2xBx", "!If"}) {
    for (const char* lit : {"(1, 2)", "(1, 2, 3)", "(b'abcdef',)", "(300, 1, 2)", "()", "(1,)",
                            "(-5, 7, 2147483648)", "(True, 1.5)", "(65504, 1e39)", "(2, 3)"}) {
      cases.push_back({fmt, lit});
    }
  }
  for (std::string lit : {std::string("(b'abcdefghijkl',)"), std::string("(b'a',)"),
                          "(b'" + std::string(300, 'q') + "',)"}) {
    for (const char* fmt : {"3s", "10s", "0s", "5p", "1p", "300p", "2p"}) cases.push_back({fmt, lit});
  }
  return cases;
}

// Compares encode_literal + decode_element + python_repr with struct.pack/unpack + repr.
void compare_encode_batch(const std::vector<EncodeCase>& cases) {
  std::string src = kPythonHelpers;
  src += "CASES = [\n";
  std::vector<bool> multi(cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    auto parsed = parse_format(cases[i].format);
    REQUIRE(std::holds_alternative<ElementFormat>(parsed));
    multi[i] = !std::get<ElementFormat>(parsed).is_scalar();
    src += " (" + py_str(cases[i].format) + ", " + py_str(cases[i].literal) + ", " +
           (multi[i] ? "True" : "False") + "),\n";
  }
  src += R"PY(]
for fmt, lit, multi in CASES:
    try:
        v = eval(lit)
        b = struct.pack(fmt, *v) if multi else struct.pack(fmt, v)
    except Exception as e:
        print(_err(e)); continue
    u = struct.unpack(fmt, b)
    print('OK', b.hex(), repr(u if multi else u[0]))
)PY";
  std::vector<std::string> expected = lines_of(run_python(src));
  REQUIRE(expected.size() == cases.size());
  int mismatches = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    auto format = std::get<ElementFormat>(parse_format(cases[i].format));
    auto encoded = encode_literal(format, cases[i].literal);
    std::string actual;
    if (auto* e = std::get_if<FormatError>(&encoded)) {
      actual = error_line(*e);
    } else {
      const auto& bytes = std::get<std::vector<std::uint8_t>>(encoded);
      REQUIRE(bytes.size() == format.itemsize);
      actual = "OK " + to_hex(bytes) + " " + python_repr(decode_element(format, bytes.data()));
    }
    if (actual != expected[i] && ++mismatches <= 40) {
      INFO("format " << cases[i].format << "  literal " << cases[i].literal);
      CHECK(actual == expected[i]);
    }
  }
  CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("encode and repr agree with struct.pack and struct.unpack for every code and prefix") {
  compare_encode_batch(encode_cases());
}

TEST_CASE("decode agrees with struct.unpack on random bytes for every code and prefix") {
  std::mt19937_64 rng(7);
  struct DecodeCase {
    std::string format, hex;
    bool multi;
  };
  std::vector<DecodeCase> cases;
  std::vector<std::string> formats;
  for (const char* prefix : kPrefixes) {
    for (const char* c = kCodes; *c; ++c) formats.push_back(std::string(prefix) + *c);
  }
  for (const char* f : {"3s", "7p", "1p", "2p", "<hhl", "@bi", ">2e", "=?", "4c", "<3?", "@qbd", "x?x"}) {
    formats.push_back(f);
  }
  for (const std::string& fmt : formats) {
    auto parsed = parse_format(fmt);
    if (std::holds_alternative<FormatError>(parsed)) continue;
    std::size_t size = std::get<ElementFormat>(parsed).itemsize;
    for (int i = 0; i < 120; ++i) {
      std::vector<std::uint8_t> bytes(size);
      for (auto& b : bytes) {
        // Bias towards bytes that make edges: 0, 0xff, quotes and backslashes, 0x7c/0x7e/0x80.
        switch (rng() % 6) {
          case 0: b = 0; break;
          case 1: b = 0xFF; break;
          case 2: b = static_cast<std::uint8_t>("'\"\\\x7c\x7e\x80\x7f\x01"[rng() % 8]); break;
          default: b = static_cast<std::uint8_t>(rng());
        }
      }
      cases.push_back({fmt, to_hex(bytes), !std::get<ElementFormat>(parsed).is_scalar()});
    }
  }
  std::string src = kPythonHelpers;
  src += "CASES = [\n";
  for (const DecodeCase& c : cases) {
    src += " (" + py_str(c.format) + ", '" + c.hex + "', " + (c.multi ? "True" : "False") + "),\n";
  }
  src += R"PY(]
for fmt, hx, multi in CASES:
    u = struct.unpack(fmt, bytes.fromhex(hx))
    print(repr(u if multi else u[0]))
)PY";
  std::vector<std::string> expected = lines_of(run_python(src));
  REQUIRE(expected.size() == cases.size());
  int mismatches = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    auto format = std::get<ElementFormat>(parse_format(cases[i].format));
    std::vector<std::uint8_t> bytes = from_hex(cases[i].hex);
    std::string actual = python_repr(decode_element(format, bytes.data()));
    if (actual != expected[i] && ++mismatches <= 40) {
      INFO("format " << cases[i].format << "  bytes " << cases[i].hex);
      CHECK(actual == expected[i]);
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("format sizes and errors agree with struct.calcsize") {
  std::vector<std::string> formats = {
      "", " ", "@", "<", "i", "@bi", "bi", "ib", "=bi", "<n", "=N", ">P", "!e", "3", "3 i", "i 3",
      "  i  ", " 3i", "3 x", "i<", "<<i", "0s", "0p", "0i", "2x", "x", "bx", "@qb", "@?q", "T{i}",
      "Zf", "g", "u", "w", "99999999999999999999i", "4294967296s", "9223372036854775807s",
      "2305843009213693952q", "1152921504606846976q", "i\x00", "@ie", "@he", "@de", "@bd",
      "@bN", "@bP", "@bn", "@b?", "x i", "\ti", "i\n", "b0i", "@3bi", "@i3b", "<hhl", "!hhl",
      "5p10s", "?", "xcbB?hHiIlLqQnNefdspP", "<xcbB?hHiIlLqQefdsp", "a", "i!", " <i", "1 2i",
      "\x0bi\x0c", "e3", "c5c"};
  std::mt19937_64 rng(99);
  const std::string alphabet = "xcbB?hHiIlLqQnNefdspP";
  for (int i = 0; i < 300; ++i) {
    std::string f;
    if (rng() % 2) f += "@=<>!"[rng() % 5];
    int n = static_cast<int>(rng() % 6);
    for (int k = 0; k < n; ++k) {
      if (rng() % 3 == 0) f += std::to_string(rng() % 12);
      f += alphabet[rng() % alphabet.size()];
      if (rng() % 5 == 0) f += ' ';
    }
    formats.push_back(f);
  }
  std::string src = kPythonHelpers;
  src += "FORMATS = [\n";
  for (const std::string& f : formats) src += " " + py_str(f) + ",\n";
  src += R"PY(]
for f in FORMATS:
    try:
        print('OK', struct.calcsize(f))
    except Exception as e:
        print(_err(e))
)PY";
  std::vector<std::string> expected = lines_of(run_python(src));
  REQUIRE(expected.size() == formats.size());
  for (std::size_t i = 0; i < formats.size(); ++i) {
    // Codes struct does not know (T, Z, g, u, w) are this codec's extensions.
    bool extension = formats[i].find_first_of("TZguw") != std::string::npos;
    if (extension) continue;
    auto parsed = parse_format(formats[i]);
    std::string actual = std::holds_alternative<FormatError>(parsed)
                             ? error_line(std::get<FormatError>(parsed))
                             : "OK " + std::to_string(std::get<ElementFormat>(parsed).itemsize);
    INFO("format '" << formats[i] << "'");
    CHECK(actual == expected[i]);
  }
}

TEST_CASE("numpy, array and ctypes exports decode like the objects' own values") {
  const char* src = R"PY(
import numpy as np, array, ctypes
rng = np.random.default_rng(5)
def flat(x):
    if isinstance(x, np.ndarray): x = x.tolist()
    if isinstance(x, (tuple, list)):
        out = []
        for y in x: out.extend(flat(y))
        return out
    return [x]
def norm(x):
    if isinstance(x, np.longdouble): return float(x)
    if isinstance(x, np.generic): return x.item()
    return x
def show(obj, values):
    m = memoryview(obj)
    print('OBJ', m.format, m.itemsize, len(values), m.tobytes().hex())
    for v in values: print(repr(v))
def show_numpy(a):
    a = np.ascontiguousarray(a).reshape(-1)
    vals = []
    for e in a.tolist():
        if a.dtype.names: vals.append(tuple(norm(v) for v in flat(e)))
        else: vals.append(norm(e))
    show(a, vals)
def rand_array(dt, n=6):
    dt = np.dtype(dt)
    raw = rng.integers(1, 256, size=dt.itemsize * n, dtype=np.uint8).tobytes()
    return np.frombuffer(raw, dtype=dt).copy()
for dt in ['i1','u1','i2','u2','i4','u4','i8','u8','>i2','>u2','>i4','>u4','>i8','>u8','<i8',
           'f2','>f2','f4','>f4','f8','>f8','c8','c16','>c8','>c16','?','S3','f16',
           'int_','uintp','longlong']:
    show_numpy(rand_array(dt))
show_numpy(np.array([0.0, -0.0, 65504, 2**-24, 1e-5, np.inf, -np.inf, np.nan], dtype='f2'))
show_numpy(np.array([1+2j, -0.0-1j, complex(np.nan, np.inf), 1e16+1e-5j, 0j], dtype='c16'))
show_numpy(np.array(['ab', 'x', 'h\u00e9\U0001f600', '\u00a0\n'], dtype='U3'))
show_numpy(np.array(['a', 'b'], dtype='U1'))
show_numpy(np.array([True, False]))
recs = [
    [('a','i1'),('b','<f8')],
    np.dtype([('a','i1'),('b','<f8')], align=True),
    [('a','i1'),('b',[('c','>i2'),('d','<f4',(2,3))])],
    np.dtype([('a','i1'),('b','<i4',(2,))], align=True),
    np.dtype({'names':['a','b'],'formats':['i1','<i4'],'offsets':[0,8],'itemsize':16}),
    np.dtype([('a','u1'),('b','>u2')], align=True),
    np.dtype([('a','u1'),('b',[('c','i8'),('d','u1')])], align=True),
    [('a','c8'),('b','f2'),('c','?')],
    [('a','S3'),('b','<u8'),('c','>f4')],
    [('x','<i2',(3,)),('y','>f8'),('z','u1',(2,2))],
]
for dt in recs:
    show_numpy(rand_array(dt, 4))
for code, vals in [('b', [-128, 127, 0]), ('B', [0, 255]), ('h', [-32768, 32767]),
                   ('H', [65535]), ('i', [-2**31, 2**31-1]), ('I', [2**32-1]), ('l', [-2**63]),
                   ('L', [2**64-1]), ('q', [2**63-1]), ('Q', [2**64-1]),
                   ('f', [1.5, float('inf'), 0.1]), ('d', [0.1, -0.0, 1e300]),
                   ('u', list('a\u00e9\U0001f600\''))]:
    a = array.array(code, vals)
    show(a, a.tolist())
c = (ctypes.c_int * 3)(1, -2, 3); show(c, list(c))
c = (ctypes.c_double * 2)(1.5, -0.25); show(c, list(c))
c = (ctypes.c_uint16 * 2)(1, 65535); show(c, list(c))
c = (ctypes.c_longlong * 2)(-1, 2**62); show(c, list(c))
c = (ctypes.c_bool * 2)(True, False); show(c, list(c))
c = (ctypes.c_wchar * 3)('a', '\u00e9', 'z'); show(c, list(c))
class Pair(ctypes.Structure):
    _fields_ = [('a', ctypes.c_int), ('b', ctypes.c_int), ('c', ctypes.c_double)]
p = Pair(7, -8, 2.5); show(p, [(7, -8, 2.5)])
class Outer(ctypes.Structure):
    _fields_ = [('p', Pair), ('d', ctypes.c_double)]
o = Outer(Pair(1, 2, 3.5), 4.25); show(o, [(1, 2, 3.5, 4.25)])
class Mixed(ctypes.Structure):
    _fields_ = [('a', ctypes.c_byte), ('b', ctypes.c_int), ('c', ctypes.c_double * 3)]
m = Mixed(-3, 70000, (0.5, 1.5, -2.0)); show(m, [(-3, 70000, 0.5, 1.5, -2.0)])
class Tail(ctypes.Structure):
    _fields_ = [('d', ctypes.c_double), ('c', ctypes.c_char), ('h', ctypes.c_short)]
t = Tail(2.5, b'x', -9); show(t, [(2.5, b'x', -9)])
class Holder(ctypes.Structure):
    _fields_ = [('s', ctypes.c_short), ('m', Mixed), ('f', ctypes.c_float)]
h = Holder(5, Mixed(1, 2, (3.0, 4.0, 5.0)), 0.25); show(h, [(5, 1, 2, 3.0, 4.0, 5.0, 0.25)])
class BigEnd(ctypes.BigEndianStructure):
    _fields_ = [('a', ctypes.c_byte), ('b', ctypes.c_int32)]
b = BigEnd(1, -2); show(b, [(1, -2)])
)PY";
  std::vector<std::string> lines = lines_of(run_python(src));
  int objects = 0;
  for (std::size_t i = 0; i < lines.size();) {
    std::istringstream head(lines[i]);
    std::string tag, format, hex;
    std::size_t itemsize = 0, count = 0;
    head >> tag >> format >> itemsize >> count >> hex;
    REQUIRE(tag == "OBJ");
    ++objects;
    INFO("format " << format);
    auto parsed = parse_export_format(format, itemsize);
    REQUIRE(std::holds_alternative<ElementFormat>(parsed));
    const auto& f = std::get<ElementFormat>(parsed);
    // numpy leaves out the trailing padding of a dtype given explicit offsets and itemsize
    // (its own parser reads the same 12 bytes back); the caller compares sizes.
    if (format == "T{b:a:xxxxxxxi:b:}") {
      CHECK(f.itemsize == 12);
      CHECK(itemsize == 16);
    } else {
      CHECK(f.itemsize == itemsize);
    }
    std::vector<std::uint8_t> bytes = from_hex(hex);
    REQUIRE(bytes.size() == itemsize * count);
    for (std::size_t k = 0; k < count; ++k) {
      REQUIRE(i + 1 + k < lines.size());
      std::string actual = python_repr(decode_element(f, bytes.data() + k * itemsize));
      INFO("element " << k);
      CHECK(actual == lines[i + 1 + k]);
      // What decodes must also encode back to the same bytes (padding aside: it is zeroed).
      auto encoded = encode_literal(f, actual);
      if (auto* e = std::get_if<FormatError>(&encoded)) {
        // Only values Python cannot write back as literals: nan payloads, bools, inf in 'e'.
        CHECK_MESSAGE(false, "re-encoding " << actual << " failed: " << e->describe());
      }
    }
    i += 1 + count;
  }
  CHECK(objects > 50);
}

TEST_CASE("the literal parser reads what Python's eval reads") {
  std::vector<std::string> literals = {
      "0", "-0", "007", "00", "0_0", "1_000", "1__0", "1_", "_1", "0x_ff", "0XFF", "0o17", "0b101",
      "0b102", "0x", "--5", "+-+5", "- 5", "1.5", ".5", "5.", "1e3", "1E-3", "1_0.5_5e1_0", "1e",
      "1._5", "1e400", "-1e400", "1e-400", "-1e-400", "4.9e-324", "0.1", "inf", "-inf", "nan",
      "1j", "2J", "-2j", "1+2j", "1-2j", "-1.5-0.5j", "(1+2j)", "-(1+2j)", "0j",
      "-0j", "-0-1j", "1e400j", "nanj", "-infj", "(nan+infj)", "True", "False", "None", "-True", "True+1", "1+1.5", "1+True",
      "b'A'", "b\"\\x41\\n\\\\\\'\"", "b'\\777'", "b'\\u1234'", "b'\\q'", "rb'\\x41'", "B'a'",
      "'x'", "\"it's\"", "'\\u00e9'", "'\\U0001F600'", "'\\ud800'", "'\\N{DASH}'", "u'x'",
      "'abc", "b'abc", "'a\\'b'", "'\\x4'", "(1, 2)", "(1,)", "()", "1, 2", "[1, 2.5]", "[]",
      "[1,]", "(,)", "(1 2)", "((1, 2), 3)", "(b'a', 'b', 3, 4.5, 1j)", "1 +", "+", "", "  7  ",
      "abc", "b'a' + 1", "'''tri'''", "1 - - 1", "0x10+0o10+0b10", "1.5e3j-2",
      "123456789012345678901234567890", "-0x8000000000000000", "1e16", "1.0", "-0.0",
      "0.0001", "1e-05", "12345678901234567.0"};
  std::string src = kPythonHelpers;
  src += "LITS = [\n";
  for (const std::string& l : literals) src += " " + py_str(l) + ",\n";
  src += R"PY(]
import warnings
warnings.simplefilter('ignore')
for lit in LITS:
    try:
        v = eval(lit) if lit.strip() else eval('(')
    except BaseException as e:
        print('ERR'); continue
    print(repr(v))
)PY";
  std::vector<std::string> expected = lines_of(run_python(src));
  REQUIRE(expected.size() == literals.size());
  // The repr of a parsed literal, written with the codec's repr rules.
  std::function<std::string(const PyLiteral&)> repr = [&](const PyLiteral& v) -> std::string {
    switch (v.kind) {
      case PyLiteral::Kind::Int: return v.int_value.to_decimal();
      case PyLiteral::Kind::Float: return float_repr(v.real);
      case PyLiteral::Kind::Complex: return python_repr(Value::make_complex(v.real, v.imag));
      case PyLiteral::Kind::Bool: return v.bool_value ? "True" : "False";
      case PyLiteral::Kind::None: return "None";
      case PyLiteral::Kind::Bytes: return python_repr(Value::make_bytes(v.bytes));
      case PyLiteral::Kind::Str: {
        Value t;
        t.kind = Value::Kind::Text;
        for (char32_t cp : v.text) {
          t.code_points.push_back(static_cast<std::uint32_t>(cp));
          append_utf8(t.bytes, static_cast<std::uint32_t>(cp));
        }
        if (t.code_points.empty()) t.code_points.clear();
        return python_repr(t);
      }
      case PyLiteral::Kind::Tuple:
      case PyLiteral::Kind::List: {
        bool list = v.kind == PyLiteral::Kind::List;
        std::string out = list ? "[" : "(";
        for (std::size_t i = 0; i < v.items.size(); ++i) out += (i ? ", " : "") + repr(v.items[i]);
        if (!list && v.items.size() == 1) out += ",";
        return out + (list ? "]" : ")");
      }
    }
    return "?";
  };
  for (std::size_t i = 0; i < literals.size(); ++i) {
    auto parsed = parse_python_literal(literals[i]);
    std::string actual = std::holds_alternative<LiteralError>(parsed)
                             ? "ERR"
                             : repr(std::get<PyLiteral>(parsed));
    // Bare inf/nan are this parser's conveniences; Python's eval has no such names... except
    // through the helpers' globals, which define them.
    INFO("literal " << literals[i]);
    CHECK(actual == expected[i]);
  }
}

TEST_CASE("wide-character reprs agree with str.__repr__ across the code space") {
  // Every 13th code point plus a seeded sample of three-character strings (quotes included).
  std::mt19937_64 rng(31);
  std::vector<std::vector<std::uint32_t>> strings;
  for (std::uint32_t cp = 0; cp < 0x110000; cp += 13) strings.push_back({cp});
  const std::uint32_t specials[] = {'\'', '"', '\\', '\n', 0x7F, 0xA0, 0xAD, 0x2028, 0xFEFF};
  for (int i = 0; i < 2000; ++i) {
    std::vector<std::uint32_t> s;
    for (int k = 0; k < 3; ++k) {
      s.push_back((rng() % 3 == 0) ? specials[rng() % std::size(specials)]
                                   : static_cast<std::uint32_t>(rng() % 0x110000));
    }
    if (s.back() == 0) s.back() = 'z';  // a "3w" string ends at trailing NULs
    strings.push_back(s);
  }
  std::string src = "CPS = [\n";
  for (const auto& s : strings) {
    src += " (";
    for (std::uint32_t cp : s) src += std::to_string(cp) + ",";
    src += "),\n";
  }
  src += "]\nfor cps in CPS:\n    print(repr(''.join(map(chr, cps))))\n";
  std::vector<std::string> expected = lines_of(run_python(src));
  REQUIRE(expected.size() == strings.size());
  ElementFormat one = std::get<ElementFormat>(parse_format("<w"));
  ElementFormat three = std::get<ElementFormat>(parse_format("<3w"));
  int mismatches = 0;
  for (std::size_t i = 0; i < strings.size(); ++i) {
    const auto& s = strings[i];
    std::vector<std::uint8_t> bytes(4 * s.size());
    for (std::size_t k = 0; k < s.size(); ++k) {
      for (int b = 0; b < 4; ++b) bytes[4 * k + b] = static_cast<std::uint8_t>(s[k] >> (8 * b));
    }
    std::string actual = python_repr(decode_element(s.size() == 1 ? one : three, bytes.data()));
    if (actual != expected[i] && ++mismatches <= 20) {
      INFO("code points " << s[0] << (s.size() > 1 ? " ..." : ""));
      CHECK(actual == expected[i]);
    }
  }
  CHECK(mismatches == 0);
}

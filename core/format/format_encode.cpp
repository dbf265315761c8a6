// Element encoding: packs a typed Python literal into an element's bytes with struct.pack's range
// and type checks and messages; on any error nothing is produced.
#include "core/format/format_codec.h"

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/format/format_tables.h"
#include "core/format/python_literal.h"

namespace bufferlab {

using namespace format_detail;

namespace {

struct PackFailure {
  FormatError error;
};

[[noreturn]] void pack_fail(std::string message, const char* type = "struct.error") {
  FormatError e{std::move(message)};
  e.python_type = type;
  throw PackFailure{std::move(e)};
}

void store_unsigned(std::uint8_t* p, std::size_t size, bool little, std::uint64_t v) {
  for (std::size_t i = 0; i < size; ++i) {
    std::uint8_t byte = static_cast<std::uint8_t>(v >> (8 * i));
    p[little ? i : size - 1 - i] = byte;
  }
}

const CodeRow* row_for_field(const Field& f) {
  return find_row(f.native_size, f.little_endian, f.code, f.part_code);
}

// struct.pack's integer path: the getter's range first, then the code's own range.
void pack_int(const Field& f, const CodeRow& row, const PyLiteral& v, std::uint8_t* p) {
  if (v.kind != PyLiteral::Kind::Int && v.kind != PyLiteral::Kind::Bool) {
    pack_fail("required argument is not an integer");
  }
  BigInt n = v.kind == PyLiteral::Kind::Bool ? BigInt::from_int64(v.bool_value ? 1 : 0) : v.int_value;
  std::uint64_t bits = 0;
  bool is_signed = row.kind == FieldKind::SignedInt;
  std::size_t size = f.size;
  switch (row.getter) {
    case IntGetter::VoidPtr:
      if (n.negative() ? !n.fits_int64() : !n.fits_uint64()) pack_fail("int too large to convert");
      bits = n.negative() ? static_cast<std::uint64_t>(n.to_int64()) : n.to_uint64();
      store_unsigned(p, size, f.little_endian, bits);
      return;
    case IntGetter::Long:
      if (!n.fits_int64()) pack_fail("argument out of range");
      bits = static_cast<std::uint64_t>(n.to_int64());
      break;
    case IntGetter::ULong:
      if (!n.fits_uint64()) pack_fail("argument out of range");
      bits = n.to_uint64();
      break;
    case IntGetter::ByteArray:
      if (is_signed ? !n.fits_int64() : !n.fits_uint64()) pack_fail("int too large to convert");
      bits = is_signed ? static_cast<std::uint64_t>(n.to_int64()) : n.to_uint64();
      break;
    case IntGetter::None: break;
  }
  // The code's own range, narrower than the getter's for the small codes.
  std::int64_t lo = 0;
  std::uint64_t hi = 0;
  if (is_signed) {
    lo = size >= 8 ? INT64_MIN : -(std::int64_t{1} << (8 * size - 1));
    hi = size >= 8 ? static_cast<std::uint64_t>(INT64_MAX) : (std::uint64_t{1} << (8 * size - 1)) - 1;
  } else {
    hi = size >= 8 ? UINT64_MAX : (std::uint64_t{1} << (8 * size)) - 1;
  }
  bool in_range;
  if (row.getter == IntGetter::Long || (row.getter == IntGetter::ByteArray && is_signed)) {
    std::int64_t s = static_cast<std::int64_t>(bits);
    in_range = s >= lo && (s < 0 || static_cast<std::uint64_t>(s) <= hi);
  } else {
    in_range = bits <= hi;
  }
  if (!in_range) {
    std::string range = std::to_string(lo) + " <= number <= " + std::to_string(hi);
    if (row.range_name != nullptr) {
      pack_fail(std::string(row.range_name) + " format requires " + range);
    }
    pack_fail(std::string("'") + row.code + "' format requires " + range);
  }
  store_unsigned(p, size, f.little_endian, bits);
}

// A double as a float, rounded as IEEE (and the x86 cast) does, without relying on the
// undefined behaviour of casting out-of-range values.
float double_to_float(double x) {
  // 2**128 - 2**103: the first value that rounds up past FLT_MAX.
  const double overflow_threshold = std::ldexp(static_cast<double>((1 << 25) - 1), 103);
  if (std::isfinite(x) && std::fabs(x) >= overflow_threshold) {
    return std::copysign(std::numeric_limits<float>::infinity(), static_cast<float>(std::signbit(x) ? -1 : 1));
  }
  if (std::isfinite(x) && std::fabs(x) > FLT_MAX) return std::signbit(x) ? -FLT_MAX : FLT_MAX;
  return static_cast<float>(x);
}

// IEEE half from a double, rounding half to even; nullopt when a finite value overflows.
std::optional<std::uint16_t> double_to_half(double x) {
  std::uint16_t sign = std::signbit(x) ? 0x8000 : 0;
  if (std::isnan(x)) return static_cast<std::uint16_t>(sign | 0x7E00);
  if (std::isinf(x)) return static_cast<std::uint16_t>(sign | 0x7C00);
  x = std::fabs(x);
  if (x == 0.0) return sign;
  int e = 0;
  double f = std::frexp(x, &e);  // x = f * 2**e, 0.5 <= f < 1
  f *= 2.0;                      // now 1 <= f < 2
  e -= 1;
  if (e >= 16) return std::nullopt;
  if (e < -25) {
    f = 0.0;  // below half the smallest subnormal: rounds to zero
    e = 0;
  } else if (e < -14) {
    f = std::ldexp(f, 14 + e);  // subnormal: scale into [0, 1)
    e = 0;
  } else {
    e += 15;
    f -= 1.0;
  }
  f *= 1024.0;
  auto mantissa = static_cast<std::uint16_t>(f);  // exact: f < 1024
  double rest = f - mantissa;
  if (rest > 0.5 || (rest == 0.5 && (mantissa & 1))) {
    ++mantissa;
    if (mantissa == 1024) {
      mantissa = 0;
      ++e;
      if (e == 31) return std::nullopt;
    }
  }
  return static_cast<std::uint16_t>(sign | (e << 10) | mantissa);
}

// PyFloat_AsDouble: ints convert (huge ones fail), everything else but float fails.
double as_double(const PyLiteral& v) {
  switch (v.kind) {
    case PyLiteral::Kind::Float: return v.real;
    case PyLiteral::Kind::Bool: return v.bool_value ? 1.0 : 0.0;
    case PyLiteral::Kind::Int: {
      double d = 0.0;
      if (!v.int_value.to_double(d)) pack_fail("required argument is not a float");
      return d;
    }
    default: pack_fail("required argument is not a float");
  }
}

void store_float(std::uint8_t* p, char code, bool little, double x) {
  switch (code) {
    case 'e': {
      auto h = double_to_half(x);
      store_unsigned(p, 2, little, *h);
      break;
    }
    case 'f': store_unsigned(p, 4, little, std::bit_cast<std::uint32_t>(double_to_float(x))); break;
    case 'd': store_unsigned(p, 8, little, std::bit_cast<std::uint64_t>(x)); break;
    default: {  // 'g': only the value bytes of the long double; its padding stays zero
      long double v = x;
      std::uint8_t bytes[sizeof(long double)] = {};
      std::size_t value_bytes = LDBL_MANT_DIG == 64 ? 10 : sizeof(long double);
      std::memcpy(bytes, &v, value_bytes);
      if (little != kHostLittle) std::reverse(bytes, bytes + sizeof bytes);
      std::memcpy(p, bytes, sizeof bytes);
      break;
    }
  }
}

void pack_float(const Field& f, const CodeRow& row, const PyLiteral& v, std::uint8_t* p) {
  double x = as_double(v);
  bool from_int = v.kind == PyLiteral::Kind::Int || v.kind == PyLiteral::Kind::Bool;
  auto overflow = [&](char code) {
    // struct reports an OverflowError raised while packing an int argument as its own error.
    if (from_int) pack_fail("int too large to convert");
    pack_fail(std::string("float too large to pack with ") + code + " format", "OverflowError");
  };
  switch (row.float_packing) {
    case FloatPacking::Half:
      if (!double_to_half(x)) overflow('e');
      break;
    case FloatPacking::FloatCheck:
      if (std::isinf(double_to_float(x)) && !std::isinf(x)) overflow('f');
      break;
    default: break;
  }
  store_float(p, f.code, f.little_endian, x);
}

void pack_field(const Field& f, const PyLiteral& v, std::uint8_t* base) {
  std::uint8_t* p = base + f.offset;
  const CodeRow* row = row_for_field(f);
  switch (f.kind) {
    case FieldKind::SignedInt:
    case FieldKind::UnsignedInt: pack_int(f, *row, v, p); return;
    case FieldKind::Bool: p[0] = v.truthy() ? 1 : 0; return;
    case FieldKind::Float: pack_float(f, *row, v, p); return;
    case FieldKind::Complex: {
      double re = 0.0, im = 0.0;
      if (v.kind == PyLiteral::Kind::Complex) {
        re = v.real;
        im = v.imag;
      } else if (v.kind == PyLiteral::Kind::Int || v.kind == PyLiteral::Kind::Bool ||
                 v.kind == PyLiteral::Kind::Float) {
        re = as_double(v);
      } else {
        pack_fail(std::string("complex format requires a number, not ") + v.type_name());
      }
      // numpy stores complex parts like C casts: too-large parts become inf.
      std::size_t half = f.size / 2;
      store_float(p, f.part_code, f.little_endian, re);
      store_float(p + half, f.part_code, f.little_endian, im);
      return;
    }
    case FieldKind::Char:
      if (v.kind != PyLiteral::Kind::Bytes || v.bytes.size() != 1) {
        pack_fail("char format requires a bytes object of length 1");
      }
      p[0] = static_cast<std::uint8_t>(v.bytes[0]);
      return;
    case FieldKind::Bytes: {
      if (v.kind != PyLiteral::Kind::Bytes) pack_fail("argument for 's' must be a bytes object");
      std::size_t n = std::min(v.bytes.size(), f.size);
      std::memcpy(p, v.bytes.data(), n);
      return;
    }
    case FieldKind::PascalBytes: {
      if (v.kind != PyLiteral::Kind::Bytes) pack_fail("argument for 'p' must be a bytes object");
      if (f.size == 0) return;
      std::size_t n = std::min(v.bytes.size(), f.size - 1);
      std::memcpy(p + 1, v.bytes.data(), n);
      p[0] = static_cast<std::uint8_t>(std::min<std::size_t>(n, 255));
      return;
    }
    case FieldKind::UnicodeChar: {
      std::size_t count = f.size / 4;
      if (count == 1) {
        // array.array('u')'s rule: exactly one character.
        if (v.kind != PyLiteral::Kind::Str || v.text.size() != 1) {
          pack_fail("array item must be unicode character", "TypeError");
        }
      } else if (v.kind != PyLiteral::Kind::Str) {
        pack_fail(std::string("argument for '") + f.code + "' must be a str object", "TypeError");
      }
      // Longer strings are cut and shorter ones padded with NULs, as numpy stores 'U<n>'.
      std::size_t n = std::min(v.text.size(), count);
      for (std::size_t i = 0; i < n; ++i) {
        store_unsigned(p + 4 * i, 4, f.little_endian, static_cast<std::uint32_t>(v.text[i]));
      }
      return;
    }
  }
}

}  // namespace

std::variant<std::vector<std::uint8_t>, FormatError> encode_literal(const ElementFormat& format,
                                                                     std::string_view literal) {
  try {
    PyLiteral value;
    bool blank = literal.find_first_not_of(" \t\r\n\f") == std::string_view::npos;
    if (blank && format.fields.empty()) {
      value.kind = PyLiteral::Kind::Tuple;
    } else {
      auto parsed = parse_python_literal(literal);
      if (auto* err = std::get_if<LiteralError>(&parsed)) {
        FormatError e{err->message};
        e.python_type = "SyntaxError";
        e.format = format.text;
        return e;
      }
      value = std::move(std::get<PyLiteral>(parsed));
    }
    std::vector<std::uint8_t> out(format.itemsize, 0);
    if (format.is_scalar()) {
      pack_field(format.fields[0], value, out.data());
      return out;
    }
    std::vector<const PyLiteral*> items;
    bool sequence = value.kind == PyLiteral::Kind::Tuple || value.kind == PyLiteral::Kind::List;
    if (sequence) {
      for (const PyLiteral& item : value.items) items.push_back(&item);
    } else {
      items.push_back(&value);  // a bare value is one item, as in struct.pack(fmt, value)
    }
    if (items.size() != format.fields.size()) {
      pack_fail("pack expected " + std::to_string(format.fields.size()) +
                " items for packing (got " + std::to_string(items.size()) + ")");
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      pack_field(format.fields[i], *items[i], out.data());
    }
    return out;
  } catch (PackFailure& failure) {
    failure.error.format = format.text;
    return failure.error;
  }
}

}  // namespace bufferlab

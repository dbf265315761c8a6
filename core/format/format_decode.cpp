// Element decoding: reads each field with memcpy in its byte order, never through a cast pointer;
// and the run decoders that fill whole table columns without building values.
#include "core/format/format_codec.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/format/format_tables.h"
#include "core/format/python_literal.h"

namespace bufferlab {

using namespace format_detail;

namespace {

std::uint16_t bswap(std::uint16_t v) { return __builtin_bswap16(v); }
std::uint32_t bswap(std::uint32_t v) { return __builtin_bswap32(v); }
std::uint64_t bswap(std::uint64_t v) { return __builtin_bswap64(v); }
std::uint8_t bswap(std::uint8_t v) { return v; }

template <typename U>
U load(const std::uint8_t* p, bool little) {
  U v;
  std::memcpy(&v, p, sizeof v);
  if (little != kHostLittle) v = bswap(v);
  return v;
}

// Reads `size` (1, 2, 4 or 8) bytes as an unsigned integer.
std::uint64_t load_unsigned(const std::uint8_t* p, std::size_t size, bool little) {
  switch (size) {
    case 1: return *p;
    case 2: return load<std::uint16_t>(p, little);
    case 4: return load<std::uint32_t>(p, little);
    default: return load<std::uint64_t>(p, little);
  }
}

std::int64_t sign_extend(std::uint64_t v, std::size_t size) {
  if (size >= 8) return static_cast<std::int64_t>(v);
  unsigned shift = static_cast<unsigned>(64 - 8 * size);
  return static_cast<std::int64_t>(v << shift) >> shift;
}

// IEEE half to double, exact for every value (subnormals, inf, nan keep their sign).
double half_to_double(std::uint16_t h) {
  bool negative = h & 0x8000;
  int e = (h >> 10) & 0x1F;
  int m = h & 0x3FF;
  double x;
  if (e == 0) {
    x = std::ldexp(static_cast<double>(m), -24);
  } else if (e == 31) {
    x = m == 0 ? std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
  } else {
    x = std::ldexp(static_cast<double>(m + 1024), e - 25);
  }
  return negative ? -x : x;
}

double load_float(const std::uint8_t* p, char code, bool little) {
  switch (code) {
    case 'e': return half_to_double(load<std::uint16_t>(p, little));
    case 'f': return static_cast<double>(std::bit_cast<float>(load<std::uint32_t>(p, little)));
    case 'd': return std::bit_cast<double>(load<std::uint64_t>(p, little));
    default: {  // 'g'
      std::uint8_t bytes[sizeof(long double)];
      std::memcpy(bytes, p, sizeof bytes);
      if (little != kHostLittle) std::reverse(bytes, bytes + sizeof bytes);
      long double v;
      std::memcpy(&v, bytes, sizeof v);
      return static_cast<double>(v);
    }
  }
}

Value decode_field(const Field& f, const std::uint8_t* element) {
  const std::uint8_t* p = element + f.offset;
  switch (f.kind) {
    case FieldKind::SignedInt:
      return Value::make_int(sign_extend(load_unsigned(p, f.size, f.little_endian), f.size));
    case FieldKind::UnsignedInt: return Value::make_uint(load_unsigned(p, f.size, f.little_endian));
    case FieldKind::Bool: {
      bool any = false;
      for (std::size_t i = 0; i < f.size; ++i) any = any || p[i] != 0;
      return Value::make_bool(any);
    }
    case FieldKind::Float: return Value::make_float(load_float(p, f.code, f.little_endian));
    case FieldKind::Complex: {
      std::size_t half = f.size / 2;
      return Value::make_complex(load_float(p, f.part_code, f.little_endian),
                                 load_float(p + half, f.part_code, f.little_endian));
    }
    case FieldKind::Char:
    case FieldKind::Bytes:
      return Value::make_bytes(std::string(reinterpret_cast<const char*>(p), f.size));
    case FieldKind::PascalBytes: {
      if (f.size == 0) return Value::make_bytes({});
      std::size_t n = p[0];
      if (n >= f.size) n = f.size - 1;
      return Value::make_bytes(std::string(reinterpret_cast<const char*>(p + 1), n));
    }
    case FieldKind::UnicodeChar: {
      std::size_t count = f.size / 4;
      std::vector<std::uint32_t> cps(count);
      for (std::size_t i = 0; i < count; ++i) cps[i] = load<std::uint32_t>(p + 4 * i, f.little_endian);
      // A fixed-length string (numpy 'U<n>', exported as "<n>w") ends at its first trailing NUL;
      // a single character is shown as it is, '\x00' included.
      if (count > 1) {
        while (!cps.empty() && cps.back() == 0) cps.pop_back();
      }
      Value v;
      v.kind = Value::Kind::Text;
      bool invalid = false;
      for (std::uint32_t cp : cps) {
        invalid = invalid || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF;
        append_utf8(v.bytes, cp);
      }
      if (invalid) v.code_points = std::move(cps);
      return v;
    }
  }
  return {};
}

}  // namespace

Value decode_element(const ElementFormat& format, const std::uint8_t* element) {
  if (format.is_scalar()) return decode_field(format.fields[0], element);
  std::vector<Value> items;
  items.reserve(format.fields.size());
  for (const Field& f : format.fields) items.push_back(decode_field(f, element));
  return Value::make_tuple(std::move(items));
}

// ---------------------------------------------------------------------------------------------
// Run decoders: the byte order, size and signedness are chosen once, outside the loop, and the
// contiguous case has a compile-time stride so the compiler can vectorise the copy.

namespace {

template <typename T, bool Swap, typename Out>
void decode_run(const std::uint8_t* first, std::int64_t stride, std::size_t count, Out* out) {
  using U = std::make_unsigned_t<T>;
  auto convert = [](const std::uint8_t* p) {
    U bits;
    std::memcpy(&bits, p, sizeof bits);
    if constexpr (Swap) bits = bswap(bits);
    return static_cast<Out>(static_cast<T>(bits));
  };
  if (stride == static_cast<std::int64_t>(sizeof(T))) {
    for (std::size_t i = 0; i < count; ++i) out[i] = convert(first + i * sizeof(T));
  } else {
    for (std::size_t i = 0; i < count; ++i) out[i] = convert(first + static_cast<std::int64_t>(i) * stride);
  }
}

template <typename Out>
bool decode_int_run(const Field& f, const std::uint8_t* first, std::int64_t stride,
                    std::size_t count, Out* out) {
  bool swap = f.little_endian != kHostLittle;
  bool is_signed = f.kind == FieldKind::SignedInt;
  if (f.kind == FieldKind::Bool) {
    for (std::size_t i = 0; i < count; ++i) {
      out[i] = first[static_cast<std::int64_t>(i) * stride] != 0 ? 1 : 0;
    }
    return true;
  }
#define BUFFERLAB_RUN(S, U)                                                        \
  if (is_signed) {                                                                 \
    swap ? decode_run<S, true>(first, stride, count, out)                          \
         : decode_run<S, false>(first, stride, count, out);                        \
  } else {                                                                         \
    swap ? decode_run<U, true>(first, stride, count, out)                          \
         : decode_run<U, false>(first, stride, count, out);                        \
  }                                                                                \
  return true;
  switch (f.size) {
    case 1: BUFFERLAB_RUN(std::int8_t, std::uint8_t)
    case 2: BUFFERLAB_RUN(std::int16_t, std::uint16_t)
    case 4: BUFFERLAB_RUN(std::int32_t, std::uint32_t)
    case 8: BUFFERLAB_RUN(std::int64_t, std::uint64_t)
    default: return false;
  }
#undef BUFFERLAB_RUN
}

}  // namespace

bool decode_int64_run(const ElementFormat& format, const std::uint8_t* first, std::int64_t stride,
                      std::size_t count, std::int64_t* out) {
  if (!format.is_scalar()) return false;
  const Field& f = format.fields[0];
  if (f.kind != FieldKind::SignedInt && f.kind != FieldKind::UnsignedInt && f.kind != FieldKind::Bool) {
    return false;
  }
  return decode_int_run(f, first, stride, count, out);
}

bool decode_double_run(const ElementFormat& format, const std::uint8_t* first,
                       std::int64_t stride, std::size_t count, double* out) {
  if (!format.is_scalar()) return false;
  const Field& f = format.fields[0];
  if (f.kind == FieldKind::SignedInt || f.kind == FieldKind::UnsignedInt || f.kind == FieldKind::Bool) {
    return decode_int_run(f, first, stride, count, out);
  }
  if (f.kind != FieldKind::Float) return false;
  bool swap = f.little_endian != kHostLittle;
  switch (f.code) {
    case 'd': {
      auto run = [&]<bool Swap>() {
        auto convert = [](const std::uint8_t* p) {
          std::uint64_t bits;
          std::memcpy(&bits, p, sizeof bits);
          if constexpr (Swap) bits = bswap(bits);
          return std::bit_cast<double>(bits);
        };
        if (stride == 8) {
          for (std::size_t i = 0; i < count; ++i) out[i] = convert(first + 8 * i);
        } else {
          for (std::size_t i = 0; i < count; ++i) out[i] = convert(first + static_cast<std::int64_t>(i) * stride);
        }
      };
      swap ? run.template operator()<true>() : run.template operator()<false>();
      return true;
    }
    case 'f': {
      auto run = [&]<bool Swap>() {
        auto convert = [](const std::uint8_t* p) {
          std::uint32_t bits;
          std::memcpy(&bits, p, sizeof bits);
          if constexpr (Swap) bits = bswap(bits);
          return static_cast<double>(std::bit_cast<float>(bits));
        };
        if (stride == 4) {
          for (std::size_t i = 0; i < count; ++i) out[i] = convert(first + 4 * i);
        } else {
          for (std::size_t i = 0; i < count; ++i) out[i] = convert(first + static_cast<std::int64_t>(i) * stride);
        }
      };
      swap ? run.template operator()<true>() : run.template operator()<false>();
      return true;
    }
    default:  // 'e' and 'g': per-element conversions
      for (std::size_t i = 0; i < count; ++i) {
        out[i] = load_float(first + static_cast<std::int64_t>(i) * stride, f.code, f.little_endian);
      }
      return true;
  }
}

}  // namespace bufferlab

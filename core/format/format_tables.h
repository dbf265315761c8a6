// The struct-format code table the codec's parts share: one row per code and size mode, holding
// what parsing, layout and packing each need to know about a code.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>

#include "core/format/format_codec.h"

namespace bufferlab::format_detail {

inline constexpr bool kHostLittle = std::endian::native == std::endian::little;
// struct's limit on sizes and counts (PY_SSIZE_T_MAX on 64-bit).
inline constexpr std::size_t kMaxSize =
    static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
// Decoded elements are tuples of their fields: past this a format is refused rather than
// building millions of fields ("1000000000i" is legal for struct.calcsize). A (256,256) numpy
// sub-array still fits.
inline constexpr std::size_t kMaxFields = std::size_t{1} << 16;
// Records nest by recursion; real exports nest a few levels.
inline constexpr int kMaxRecordDepth = 64;

// How struct.pack reads an integer argument before the code's own range check.
enum class IntGetter {
  None,
  Long,      // PyLong_AsLong: [LONG_MIN, LONG_MAX], else "argument out of range"
  ULong,     // PyLong_AsUnsignedLong: [0, ULONG_MAX], else "argument out of range"
  VoidPtr,   // PyLong_AsVoidPtr: [LLONG_MIN, ULLONG_MAX], else "int too large to convert"
  ByteArray, // _PyLong_AsByteArray: the code's own range, else "int too large to convert"
};

// How a float code packs: which of CPython's routines, and so which overflow rule.
enum class FloatPacking {
  None,
  Half,        // _PyFloat_Pack2: OverflowError when the rounded value is too large
  FloatCast,   // native 'f': a C cast, too-large values become inf
  FloatCheck,  // standard 'f' (_PyFloat_Pack4): OverflowError when the cast overflows
  Double,
  LongDouble,
};

// One row of the code table: everything struct needs to know about a code in one mode.
struct CodeRow {
  char code;
  char part_code;  // 'Z' rows: 'f' or 'd'
  FieldKind kind;  // meaningless for padding ('x')
  bool padding;
  std::size_t size;
  std::size_t alignment;
  IntGetter getter;
  const char* range_name;  // "byte", "short", ...; nullptr: messages quote the code ('i')
  FloatPacking float_packing;
};

// The prefix in force: '@' native, '^' native unaligned, '<' little, '>' or '!' big, '='
// standard sizes in the host's order.
enum class Mode { Native, NativeUnaligned, Little, Big, StandardNative };

bool mode_is_native_size(Mode m);
bool mode_little(Mode m);
std::optional<Mode> mode_of(char c);

// The row of `code` (for 'Z', with its part code) in a size mode and byte order; nullptr when that
// mode has no such code.
const CodeRow* find_row(bool native_size, bool little, char code, char part);
const CodeRow* find_row(Mode mode, char code, char part);

}  // namespace bufferlab::format_detail

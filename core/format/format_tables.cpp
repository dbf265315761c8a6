// The struct-format code tables (native sizes; standard sizes in each byte order) and the lookups
// into them.
#include "core/format/format_tables.h"

namespace bufferlab::format_detail {

namespace {

constexpr CodeRow pad(std::size_t size) {
  return {'x', 0, FieldKind::Bytes, true, size, 1, IntGetter::None, nullptr, FloatPacking::None};
}
constexpr CodeRow sint(char c, std::size_t size, std::size_t align, IntGetter g,
                       const char* name = nullptr) {
  return {c, 0, FieldKind::SignedInt, false, size, align, g, name, FloatPacking::None};
}
constexpr CodeRow uint(char c, std::size_t size, std::size_t align, IntGetter g,
                       const char* name = nullptr) {
  return {c, 0, FieldKind::UnsignedInt, false, size, align, g, name, FloatPacking::None};
}
constexpr CodeRow real(char c, std::size_t size, std::size_t align, FloatPacking p) {
  return {c, 0, FieldKind::Float, false, size, align, IntGetter::None, nullptr, p};
}
constexpr CodeRow other(char c, FieldKind kind, std::size_t size, std::size_t align,
                        char part = 0) {
  return {c, part, kind, false, size, align, IntGetter::None, nullptr, FloatPacking::None};
}

// Native sizes and alignments ('@', '^', no prefix), as the C compiler lays them out.
const CodeRow kNativeTable[] = {
    pad(1),
    other('c', FieldKind::Char, 1, 1),
    sint('b', 1, 1, IntGetter::Long, "byte"),
    uint('B', 1, 1, IntGetter::Long, "ubyte"),
    other('?', FieldKind::Bool, sizeof(bool), alignof(bool)),
    sint('h', sizeof(short), alignof(short), IntGetter::Long, "short"),
    uint('H', sizeof(short), alignof(short), IntGetter::Long, "ushort"),
    sint('i', sizeof(int), alignof(int), IntGetter::Long),
    uint('I', sizeof(int), alignof(int), IntGetter::ULong),
    sint('l', sizeof(long), alignof(long), IntGetter::Long),
    uint('L', sizeof(long), alignof(long), IntGetter::ULong),
    sint('q', sizeof(long long), alignof(long long), IntGetter::Long),
    uint('Q', sizeof(long long), alignof(long long), IntGetter::ULong),
    sint('n', sizeof(std::ptrdiff_t), alignof(std::ptrdiff_t), IntGetter::Long),
    uint('N', sizeof(std::size_t), alignof(std::size_t), IntGetter::ULong),
    uint('P', sizeof(void*), alignof(void*), IntGetter::VoidPtr),
    real('e', 2, 2, FloatPacking::Half),
    real('f', sizeof(float), alignof(float), FloatPacking::FloatCast),
    real('d', sizeof(double), alignof(double), FloatPacking::Double),
    real('g', sizeof(long double), alignof(long double), FloatPacking::LongDouble),
    other('s', FieldKind::Bytes, 1, 1),
    other('p', FieldKind::PascalBytes, 1, 1),
    other('u', FieldKind::UnicodeChar, 4, 4),  // wchar_t on Linux
    other('w', FieldKind::UnicodeChar, 4, 4),
    other('Z', FieldKind::Complex, 2 * sizeof(float), alignof(float), 'f'),
    other('Z', FieldKind::Complex, 2 * sizeof(double), alignof(double), 'd'),
};

// Standard sizes ('=', '<', '>', '!'): fixed sizes, no alignment; no 'n', 'N', 'P' (as struct).
// 'g' and 'u' are not struct codes; ctypes exports them with '<' and its native sizes.
// This table is for the host's byte order, where CPython packs with the native routines
// whenever the sizes agree (so their messages: "short format requires ...").
const CodeRow kStandardHostOrderTable[] = {
    pad(1),
    other('c', FieldKind::Char, 1, 1),
    sint('b', 1, 1, IntGetter::Long, "byte"),
    uint('B', 1, 1, IntGetter::Long, "ubyte"),
    other('?', FieldKind::Bool, 1, 1),
    sint('h', 2, 1, IntGetter::Long, sizeof(short) == 2 ? "short" : nullptr),
    uint('H', 2, 1, sizeof(short) == 2 ? IntGetter::Long : IntGetter::ULong,
         sizeof(short) == 2 ? "ushort" : nullptr),
    sint('i', 4, 1, IntGetter::Long),
    uint('I', 4, 1, IntGetter::ULong),
    sint('l', 4, 1, IntGetter::Long),
    uint('L', 4, 1, IntGetter::ULong),
    sint('q', 8, 1, IntGetter::Long),
    uint('Q', 8, 1, IntGetter::ULong),
    real('e', 2, 1, FloatPacking::Half),
    real('f', 4, 1, FloatPacking::FloatCheck),
    real('d', 8, 1, FloatPacking::Double),
    real('g', sizeof(long double), 1, FloatPacking::LongDouble),
    other('s', FieldKind::Bytes, 1, 1),
    other('p', FieldKind::PascalBytes, 1, 1),
    other('u', FieldKind::UnicodeChar, 4, 1),
    other('w', FieldKind::UnicodeChar, 4, 1),
    other('Z', FieldKind::Complex, 8, 1, 'f'),
    other('Z', FieldKind::Complex, 16, 1, 'd'),
};

// Standard sizes in the other byte order: CPython's own byte-by-byte packers, whose messages
// quote the code ("'h' format requires ...") and whose 8-byte ints say "int too large to convert".
const CodeRow kStandardSwappedTable[] = {
    pad(1),
    other('c', FieldKind::Char, 1, 1),
    sint('b', 1, 1, IntGetter::Long, "byte"),
    uint('B', 1, 1, IntGetter::Long, "ubyte"),
    other('?', FieldKind::Bool, 1, 1),
    sint('h', 2, 1, IntGetter::Long),
    uint('H', 2, 1, IntGetter::ULong),
    sint('i', 4, 1, IntGetter::Long),
    uint('I', 4, 1, IntGetter::ULong),
    sint('l', 4, 1, IntGetter::Long),
    uint('L', 4, 1, IntGetter::ULong),
    sint('q', 8, 1, IntGetter::ByteArray),
    uint('Q', 8, 1, IntGetter::ByteArray),
    real('e', 2, 1, FloatPacking::Half),
    real('f', 4, 1, FloatPacking::FloatCheck),
    real('d', 8, 1, FloatPacking::Double),
    real('g', sizeof(long double), 1, FloatPacking::LongDouble),
    other('s', FieldKind::Bytes, 1, 1),
    other('p', FieldKind::PascalBytes, 1, 1),
    other('u', FieldKind::UnicodeChar, 4, 1),
    other('w', FieldKind::UnicodeChar, 4, 1),
    other('Z', FieldKind::Complex, 8, 1, 'f'),
    other('Z', FieldKind::Complex, 16, 1, 'd'),
};

template <std::size_t N>
const CodeRow* find_in(const CodeRow (&table)[N], char code, char part) {
  for (const CodeRow& row : table) {
    if (row.code == code && row.part_code == part) return &row;
  }
  return nullptr;
}

}  // namespace

bool mode_is_native_size(Mode m) { return m == Mode::Native || m == Mode::NativeUnaligned; }
bool mode_little(Mode m) {
  return m == Mode::Little || ((m == Mode::Native || m == Mode::NativeUnaligned ||
                                m == Mode::StandardNative) && kHostLittle);
}

std::optional<Mode> mode_of(char c) {
  switch (c) {
    case '@': return Mode::Native;
    case '^': return Mode::NativeUnaligned;  // numpy: native sizes, no alignment
    case '=': return Mode::StandardNative;
    case '<': return Mode::Little;
    case '>':
    case '!': return Mode::Big;
    default: return std::nullopt;
  }
}

const CodeRow* find_row(bool native_size, bool little, char code, char part) {
  if (native_size) return find_in(kNativeTable, code, part);
  if (little == kHostLittle) return find_in(kStandardHostOrderTable, code, part);
  return find_in(kStandardSwappedTable, code, part);
}

const CodeRow* find_row(Mode mode, char code, char part) {
  return find_row(mode_is_native_size(mode), mode_little(mode), code, part);
}

}  // namespace bufferlab::format_detail

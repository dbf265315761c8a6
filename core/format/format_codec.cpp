// Struct-format codec: a table-driven format parser (two validated passes), element decoding and
// encoding with struct's checks and messages, CPython-exact reprs and fast run decoders.
#include "core/format/format_codec.h"

#include <algorithm>
#include <bit>
#include <cfloat>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>
#include <optional>

#include "core/format/python_literal.h"

namespace bufferlab {

namespace {

constexpr bool kHostLittle = std::endian::native == std::endian::little;
// struct's limit on sizes and counts (PY_SSIZE_T_MAX on 64-bit).
constexpr std::size_t kMaxSize = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
// Decoded elements are tuples of their fields: past this a format is refused rather than
// building millions of fields ("1000000000i" is legal for struct.calcsize). A (256,256) numpy
// sub-array still fits.
constexpr std::size_t kMaxFields = std::size_t{1} << 16;
// Records nest by recursion; real exports nest a few levels.
constexpr int kMaxRecordDepth = 64;

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

enum class Mode { Native, NativeUnaligned, Little, Big, StandardNative };

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

template <std::size_t N>
const CodeRow* find_in(const CodeRow (&table)[N], char code, char part) {
  for (const CodeRow& row : table) {
    if (row.code == code && row.part_code == part) return &row;
  }
  return nullptr;
}

const CodeRow* find_row(bool native_size, bool little, char code, char part) {
  if (native_size) return find_in(kNativeTable, code, part);
  if (little == kHostLittle) return find_in(kStandardHostOrderTable, code, part);
  return find_in(kStandardSwappedTable, code, part);
}

const CodeRow* find_row(Mode mode, char code, char part) {
  return find_row(mode_is_native_size(mode), mode_little(mode), code, part);
}

bool is_py_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// ---------------------------------------------------------------------------------------------
// Pass 1: syntax. The format becomes a tree of items; nothing is laid out yet.

struct Item {
  const CodeRow* row = nullptr;  // nullptr: a T{...} record
  std::vector<Item> members;     // record members
  bool record_pads_end = false;  // the record closed in '@' mode (numpy pads it to alignment)
  Mode mode = Mode::Native;
  bool aligned = false;          // placed at its natural alignment ('@' mode)
  std::size_t alignment = 1;     // a code's natural alignment when aligned (records compute theirs)
  std::size_t repeat = 1;              // the count before the code (a length for s/p/u/w)
  std::vector<std::size_t> shape;      // numpy sub-array "(2,3)"
  std::string name;                    // ":name:"
};

struct FormatFailure {
  FormatError error;
};

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

// ---------------------------------------------------------------------------------------------
// Pass 2: layout with overflow-checked sizes; pass 3 emits the fields.

std::size_t checked_add(std::size_t a, std::size_t b) {
  if (a > kMaxSize - b) throw FormatFailure{FormatError{"total struct size too long"}};
  return a + b;
}
std::size_t checked_mul(std::size_t a, std::size_t b) {
  if (a != 0 && b > kMaxSize / a) throw FormatFailure{FormatError{"total struct size too long"}};
  return a * b;
}
std::size_t align_up(std::size_t offset, std::size_t alignment) {
  if (alignment <= 1 || offset == 0) return offset;
  std::size_t extra = (alignment - 1) - (offset - 1) % alignment;
  return checked_add(offset, extra);
}

bool is_string_row(const CodeRow* row) {
  return row != nullptr && (row->code == 's' || row->code == 'p' || row->code == 'u' ||
                            row->code == 'w');
}

// Sizes of one item: how many copies, each how large, with which alignment.
struct ItemLayout {
  std::size_t copies = 0;     // elements of the sub-array times the repeat count (not strings)
  std::size_t unit_size = 0;  // one copy (a whole string for s/p/u/w)
  std::size_t alignment = 1;  // alignment in '@' mode
  std::size_t fields = 0;     // value-carrying fields, overall
};

ItemLayout layout_of(const Item& item);

struct RecordLayout {
  std::size_t size = 0;
  std::size_t alignment = 1;
  std::size_t fields = 0;
};

RecordLayout layout_record(const std::vector<Item>& items, bool pads_end) {
  RecordLayout r;
  for (const Item& item : items) {
    ItemLayout l = layout_of(item);
    if (item.aligned) {
      r.size = align_up(r.size, l.alignment);
      r.alignment = std::max(r.alignment, l.alignment);
    }
    r.size = checked_add(r.size, checked_mul(l.copies, l.unit_size));
    r.fields = checked_add(r.fields, l.fields);
    if (r.fields > kMaxFields) {
      FormatError e{"format has more than " + std::to_string(kMaxFields) + " fields"};
      e.python_type = "NotImplementedError";
      throw FormatFailure{std::move(e)};
    }
  }
  if (pads_end) r.size = align_up(r.size, r.alignment);
  return r;
}

ItemLayout layout_of(const Item& item) {
  ItemLayout l;
  std::size_t elements = 1;
  for (std::size_t d : item.shape) elements = checked_mul(elements, d);
  if (item.row == nullptr) {
    RecordLayout rec = layout_record(item.members, item.record_pads_end);
    l.copies = checked_mul(elements, item.repeat);
    l.unit_size = rec.size;
    l.alignment = rec.alignment;
    l.fields = checked_mul(l.copies, rec.fields);
  } else if (is_string_row(item.row)) {
    l.copies = elements;
    l.unit_size = checked_mul(item.repeat, item.row->size);
    l.alignment = item.alignment;
    l.fields = item.row->padding ? 0 : elements;
  } else {
    l.copies = checked_mul(elements, item.repeat);
    l.unit_size = item.row->size;
    l.alignment = item.alignment;
    l.fields = item.row->padding ? 0 : l.copies;
  }
  checked_mul(l.copies, l.unit_size);  // a size struct refuses is refused as struct does, first
  if (l.fields > kMaxFields) {
    FormatError e{"format has more than " + std::to_string(kMaxFields) + " fields"};
    e.python_type = "NotImplementedError";
    throw FormatFailure{std::move(e)};
  }
  return l;
}

// "[1,2]" for copy 5 of a (2,3) sub-array; "[5]" for a plain repeat.
std::string subscript(std::size_t index, const std::vector<std::size_t>& dims) {
  std::vector<std::size_t> parts(dims.size());
  for (std::size_t k = dims.size(); k-- > 0;) {
    parts[k] = dims[k] == 0 ? 0 : index % dims[k];
    if (dims[k] != 0) index /= dims[k];
  }
  std::string s = "[";
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k) s += ",";
    s += std::to_string(parts[k]);
  }
  return s + "]";
}

std::size_t emit_items(const std::vector<Item>& items, bool pads_end, std::size_t base,
                       const std::string& prefix, std::vector<Field>& out);

std::size_t emit_item(const Item& item, std::size_t offset, const std::string& prefix,
                      std::vector<Field>& out) {
  ItemLayout l = layout_of(item);
  std::vector<std::size_t> dims = item.shape;
  bool strings = is_string_row(item.row);
  if (!strings && item.repeat != 1) dims.push_back(item.repeat);
  std::string name = item.name.empty() ? std::string() : prefix + item.name;
  for (std::size_t copy = 0; copy < l.copies; ++copy) {
    std::size_t at = offset + copy * l.unit_size;
    std::string copy_name = name;
    if (!name.empty() && !dims.empty()) copy_name += subscript(copy, dims);
    if (item.row == nullptr) {
      emit_items(item.members, item.record_pads_end, at, copy_name.empty() ? prefix : copy_name + ".",
                 out);
    } else if (!item.row->padding) {
      Field f{item.row->kind, item.row->code, item.row->part_code, at, l.unit_size,
              mode_little(item.mode), copy_name, l.alignment, mode_is_native_size(item.mode)};
      out.push_back(std::move(f));
    }
  }
  return offset + l.copies * l.unit_size;
}

std::size_t emit_items(const std::vector<Item>& items, bool pads_end, std::size_t base,
                       const std::string& prefix, std::vector<Field>& out) {
  std::size_t offset = 0;
  std::size_t alignment = 1;
  for (const Item& item : items) {
    if (item.aligned) {
      std::size_t a = layout_of(item).alignment;
      offset = align_up(offset, a);
      alignment = std::max(alignment, a);
    }
    offset = emit_item(item, base + offset, prefix, out) - base;
  }
  if (pads_end) offset = align_up(offset, alignment);
  return base + offset;
}

bool contains_record_text(std::string_view format) {
  return format.find("T{") != std::string_view::npos;
}

bool contains_record(const std::vector<Item>& items) {
  return std::any_of(items.begin(), items.end(), [](const Item& i) { return i.row == nullptr; });
}

// ctypes (3.11) exports a Structure's members with standard byte-order prefixes and no 'x'
// padding although the memory is laid out with natural C alignment ("T{<b:a:<i:b:}" for 8
// bytes). This lays record members out that way: aligned, with the native alignment of their
// code, and records padded to their alignment.
bool align_records_like_ctypes(std::vector<Item>& items, bool in_record) {
  bool changed = false;
  for (Item& item : items) {
    if (item.row == nullptr) {
      changed = align_records_like_ctypes(item.members, true) || changed;
      if (!item.record_pads_end) changed = true;
      item.record_pads_end = true;
      if (in_record && !item.aligned) {
        item.aligned = true;
        changed = true;
      }
    } else if (in_record && !item.aligned) {
      const CodeRow* native = find_in(kNativeTable, item.row->code, item.row->part_code);
      item.aligned = true;
      item.alignment = native != nullptr ? native->alignment : item.row->size;
      changed = true;
    }
  }
  return changed;
}

ElementFormat build_format(std::string_view format, const std::vector<Item>& items) {
  // Plain formats follow struct: no trailing padding. Records follow numpy (padded in '@').
  RecordLayout total = layout_record(items, /*pads_end=*/false);
  ElementFormat f;
  f.text = std::string(format);
  f.itemsize = total.size;
  f.fields.reserve(total.fields);
  emit_items(items, false, 0, "", f.fields);
  f.structured = f.fields.size() != 1 || contains_record(items);
  return f;
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

// ---------------------------------------------------------------------------------------------
// Values and reprs

Value Value::make_int(std::int64_t v) {
  Value r;
  r.kind = Kind::Int;
  r.int_value = v;
  return r;
}
Value Value::make_uint(std::uint64_t v) {
  Value r;
  r.kind = Kind::UInt;
  r.uint_value = v;
  return r;
}
Value Value::make_bool(bool v) {
  Value r;
  r.kind = Kind::Bool;
  r.bool_value = v;
  return r;
}
Value Value::make_float(double v) {
  Value r;
  r.kind = Kind::Float;
  r.real = v;
  return r;
}
Value Value::make_complex(double re, double im) {
  Value r;
  r.kind = Kind::Complex;
  r.real = re;
  r.imag = im;
  return r;
}
Value Value::make_bytes(std::string raw) {
  Value r;
  r.kind = Kind::Bytes;
  r.bytes = std::move(raw);
  return r;
}
Value Value::make_text(std::string utf8) {
  Value r;
  r.kind = Kind::Text;
  r.bytes = std::move(utf8);
  return r;
}
Value Value::make_tuple(std::vector<Value> items) {
  Value r;
  r.kind = Kind::Tuple;
  r.items = std::move(items);
  return r;
}

namespace {

// Python's float formatting ('r' mode): shortest round-trip digits, exponent form when the
// decimal point position is below -4 or above 16.
std::string format_float(double x, bool add_dot_0, bool always_sign) {
  std::string out;
  if (std::isnan(x)) return always_sign ? "+nan" : "nan";  // the sign of a nan is not shown
  if (std::signbit(x)) {
    out.push_back('-');
  } else if (always_sign) {
    out.push_back('+');
  }
  x = std::fabs(x);
  if (std::isinf(x)) return out + "inf";
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(result.ptr - buf));
  std::size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') digits.push_back(c);
  }
  int exponent = 0;
  std::from_chars(sci.data() + e_pos + 1 + (sci[e_pos + 1] == '+' ? 1 : 0),
                  sci.data() + sci.size(), exponent);
  int decpt = exponent + 1;  // value = 0.DIGITS * 10**decpt
  int ndigits = static_cast<int>(digits.size());
  if (decpt <= -4 || decpt > 16) {
    out += digits[0];
    if (ndigits > 1) {
      out += '.';
      out += digits.substr(1);
    }
    int e = decpt - 1;
    out += e < 0 ? "e-" : "e+";
    int mag = e < 0 ? -e : e;
    if (mag < 10) out += '0';
    out += std::to_string(mag);
  } else if (decpt <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-decpt), '0');
    out += digits;
  } else if (decpt >= ndigits) {
    out += digits;
    out.append(static_cast<std::size_t>(decpt - ndigits), '0');
    if (add_dot_0) out += ".0";
  } else {
    out += digits.substr(0, static_cast<std::size_t>(decpt));
    out += '.';
    out += digits.substr(static_cast<std::size_t>(decpt));
  }
  return out;
}

const char kHex[] = "0123456789abcdef";

void append_hex(std::string& out, std::uint32_t value, int digits) {
  for (int i = digits - 1; i >= 0; --i) out.push_back(kHex[(value >> (4 * i)) & 0xF]);
}

// Code points from U+007F on that str.__repr__ escapes: those for which str.isprintable() is
// false (categories Cc, Cf, Cs, Co, Cn, Zl, Zp, and Zs but the space), as ranges taken from
// Python 3.11's unicodedata (Unicode 14.0), the interpreter this codec must agree with.
struct CodeRange {
  std::uint32_t first, last;
};
constexpr CodeRange kNotPrintable[] = {
    {0x7F, 0xA0}, {0xAD, 0xAD}, {0x378, 0x379}, {0x380, 0x383}, {0x38B, 0x38B}, {0x38D, 0x38D},
    {0x3A2, 0x3A2}, {0x530, 0x530}, {0x557, 0x558}, {0x58B, 0x58C}, {0x590, 0x590}, {0x5C8, 0x5CF},
    {0x5EB, 0x5EE}, {0x5F5, 0x605}, {0x61C, 0x61C}, {0x6DD, 0x6DD}, {0x70E, 0x70F}, {0x74B, 0x74C},
    {0x7B2, 0x7BF}, {0x7FB, 0x7FC}, {0x82E, 0x82F}, {0x83F, 0x83F}, {0x85C, 0x85D}, {0x85F, 0x85F},
    {0x86B, 0x86F}, {0x88F, 0x897}, {0x8E2, 0x8E2}, {0x984, 0x984}, {0x98D, 0x98E}, {0x991, 0x992},
    {0x9A9, 0x9A9}, {0x9B1, 0x9B1}, {0x9B3, 0x9B5}, {0x9BA, 0x9BB}, {0x9C5, 0x9C6}, {0x9C9, 0x9CA},
    {0x9CF, 0x9D6}, {0x9D8, 0x9DB}, {0x9DE, 0x9DE}, {0x9E4, 0x9E5}, {0x9FF, 0xA00}, {0xA04, 0xA04},
    {0xA0B, 0xA0E}, {0xA11, 0xA12}, {0xA29, 0xA29}, {0xA31, 0xA31}, {0xA34, 0xA34}, {0xA37, 0xA37},
    {0xA3A, 0xA3B}, {0xA3D, 0xA3D}, {0xA43, 0xA46}, {0xA49, 0xA4A}, {0xA4E, 0xA50}, {0xA52, 0xA58},
    {0xA5D, 0xA5D}, {0xA5F, 0xA65}, {0xA77, 0xA80}, {0xA84, 0xA84}, {0xA8E, 0xA8E}, {0xA92, 0xA92},
    {0xAA9, 0xAA9}, {0xAB1, 0xAB1}, {0xAB4, 0xAB4}, {0xABA, 0xABB}, {0xAC6, 0xAC6}, {0xACA, 0xACA},
    {0xACE, 0xACF}, {0xAD1, 0xADF}, {0xAE4, 0xAE5}, {0xAF2, 0xAF8}, {0xB00, 0xB00}, {0xB04, 0xB04},
    {0xB0D, 0xB0E}, {0xB11, 0xB12}, {0xB29, 0xB29}, {0xB31, 0xB31}, {0xB34, 0xB34}, {0xB3A, 0xB3B},
    {0xB45, 0xB46}, {0xB49, 0xB4A}, {0xB4E, 0xB54}, {0xB58, 0xB5B}, {0xB5E, 0xB5E}, {0xB64, 0xB65},
    {0xB78, 0xB81}, {0xB84, 0xB84}, {0xB8B, 0xB8D}, {0xB91, 0xB91}, {0xB96, 0xB98}, {0xB9B, 0xB9B},
    {0xB9D, 0xB9D}, {0xBA0, 0xBA2}, {0xBA5, 0xBA7}, {0xBAB, 0xBAD}, {0xBBA, 0xBBD}, {0xBC3, 0xBC5},
    {0xBC9, 0xBC9}, {0xBCE, 0xBCF}, {0xBD1, 0xBD6}, {0xBD8, 0xBE5}, {0xBFB, 0xBFF}, {0xC0D, 0xC0D},
    {0xC11, 0xC11}, {0xC29, 0xC29}, {0xC3A, 0xC3B}, {0xC45, 0xC45}, {0xC49, 0xC49}, {0xC4E, 0xC54},
    {0xC57, 0xC57}, {0xC5B, 0xC5C}, {0xC5E, 0xC5F}, {0xC64, 0xC65}, {0xC70, 0xC76}, {0xC8D, 0xC8D},
    {0xC91, 0xC91}, {0xCA9, 0xCA9}, {0xCB4, 0xCB4}, {0xCBA, 0xCBB}, {0xCC5, 0xCC5}, {0xCC9, 0xCC9},
    {0xCCE, 0xCD4}, {0xCD7, 0xCDC}, {0xCDF, 0xCDF}, {0xCE4, 0xCE5}, {0xCF0, 0xCF0}, {0xCF3, 0xCFF},
    {0xD0D, 0xD0D}, {0xD11, 0xD11}, {0xD45, 0xD45}, {0xD49, 0xD49}, {0xD50, 0xD53}, {0xD64, 0xD65},
    {0xD80, 0xD80}, {0xD84, 0xD84}, {0xD97, 0xD99}, {0xDB2, 0xDB2}, {0xDBC, 0xDBC}, {0xDBE, 0xDBF},
    {0xDC7, 0xDC9}, {0xDCB, 0xDCE}, {0xDD5, 0xDD5}, {0xDD7, 0xDD7}, {0xDE0, 0xDE5}, {0xDF0, 0xDF1},
    {0xDF5, 0xE00}, {0xE3B, 0xE3E}, {0xE5C, 0xE80}, {0xE83, 0xE83}, {0xE85, 0xE85}, {0xE8B, 0xE8B},
    {0xEA4, 0xEA4}, {0xEA6, 0xEA6}, {0xEBE, 0xEBF}, {0xEC5, 0xEC5}, {0xEC7, 0xEC7}, {0xECE, 0xECF},
    {0xEDA, 0xEDB}, {0xEE0, 0xEFF}, {0xF48, 0xF48}, {0xF6D, 0xF70}, {0xF98, 0xF98}, {0xFBD, 0xFBD},
    {0xFCD, 0xFCD}, {0xFDB, 0xFFF}, {0x10C6, 0x10C6}, {0x10C8, 0x10CC}, {0x10CE, 0x10CF},
    {0x1249, 0x1249}, {0x124E, 0x124F}, {0x1257, 0x1257}, {0x1259, 0x1259}, {0x125E, 0x125F},
    {0x1289, 0x1289}, {0x128E, 0x128F}, {0x12B1, 0x12B1}, {0x12B6, 0x12B7}, {0x12BF, 0x12BF},
    {0x12C1, 0x12C1}, {0x12C6, 0x12C7}, {0x12D7, 0x12D7}, {0x1311, 0x1311}, {0x1316, 0x1317},
    {0x135B, 0x135C}, {0x137D, 0x137F}, {0x139A, 0x139F}, {0x13F6, 0x13F7}, {0x13FE, 0x13FF},
    {0x1680, 0x1680}, {0x169D, 0x169F}, {0x16F9, 0x16FF}, {0x1716, 0x171E}, {0x1737, 0x173F},
    {0x1754, 0x175F}, {0x176D, 0x176D}, {0x1771, 0x1771}, {0x1774, 0x177F}, {0x17DE, 0x17DF},
    {0x17EA, 0x17EF}, {0x17FA, 0x17FF}, {0x180E, 0x180E}, {0x181A, 0x181F}, {0x1879, 0x187F},
    {0x18AB, 0x18AF}, {0x18F6, 0x18FF}, {0x191F, 0x191F}, {0x192C, 0x192F}, {0x193C, 0x193F},
    {0x1941, 0x1943}, {0x196E, 0x196F}, {0x1975, 0x197F}, {0x19AC, 0x19AF}, {0x19CA, 0x19CF},
    {0x19DB, 0x19DD}, {0x1A1C, 0x1A1D}, {0x1A5F, 0x1A5F}, {0x1A7D, 0x1A7E}, {0x1A8A, 0x1A8F},
    {0x1A9A, 0x1A9F}, {0x1AAE, 0x1AAF}, {0x1ACF, 0x1AFF}, {0x1B4D, 0x1B4F}, {0x1B7F, 0x1B7F},
    {0x1BF4, 0x1BFB}, {0x1C38, 0x1C3A}, {0x1C4A, 0x1C4C}, {0x1C89, 0x1C8F}, {0x1CBB, 0x1CBC},
    {0x1CC8, 0x1CCF}, {0x1CFB, 0x1CFF}, {0x1F16, 0x1F17}, {0x1F1E, 0x1F1F}, {0x1F46, 0x1F47},
    {0x1F4E, 0x1F4F}, {0x1F58, 0x1F58}, {0x1F5A, 0x1F5A}, {0x1F5C, 0x1F5C}, {0x1F5E, 0x1F5E},
    {0x1F7E, 0x1F7F}, {0x1FB5, 0x1FB5}, {0x1FC5, 0x1FC5}, {0x1FD4, 0x1FD5}, {0x1FDC, 0x1FDC},
    {0x1FF0, 0x1FF1}, {0x1FF5, 0x1FF5}, {0x1FFF, 0x200F}, {0x2028, 0x202F}, {0x205F, 0x206F},
    {0x2072, 0x2073}, {0x208F, 0x208F}, {0x209D, 0x209F}, {0x20C1, 0x20CF}, {0x20F1, 0x20FF},
    {0x218C, 0x218F}, {0x2427, 0x243F}, {0x244B, 0x245F}, {0x2B74, 0x2B75}, {0x2B96, 0x2B96},
    {0x2CF4, 0x2CF8}, {0x2D26, 0x2D26}, {0x2D28, 0x2D2C}, {0x2D2E, 0x2D2F}, {0x2D68, 0x2D6E},
    {0x2D71, 0x2D7E}, {0x2D97, 0x2D9F}, {0x2DA7, 0x2DA7}, {0x2DAF, 0x2DAF}, {0x2DB7, 0x2DB7},
    {0x2DBF, 0x2DBF}, {0x2DC7, 0x2DC7}, {0x2DCF, 0x2DCF}, {0x2DD7, 0x2DD7}, {0x2DDF, 0x2DDF},
    {0x2E5E, 0x2E7F}, {0x2E9A, 0x2E9A}, {0x2EF4, 0x2EFF}, {0x2FD6, 0x2FEF}, {0x2FFC, 0x3000},
    {0x3040, 0x3040}, {0x3097, 0x3098}, {0x3100, 0x3104}, {0x3130, 0x3130}, {0x318F, 0x318F},
    {0x31E4, 0x31EF}, {0x321F, 0x321F}, {0xA48D, 0xA48F}, {0xA4C7, 0xA4CF}, {0xA62C, 0xA63F},
    {0xA6F8, 0xA6FF}, {0xA7CB, 0xA7CF}, {0xA7D2, 0xA7D2}, {0xA7D4, 0xA7D4}, {0xA7DA, 0xA7F1},
    {0xA82D, 0xA82F}, {0xA83A, 0xA83F}, {0xA878, 0xA87F}, {0xA8C6, 0xA8CD}, {0xA8DA, 0xA8DF},
    {0xA954, 0xA95E}, {0xA97D, 0xA97F}, {0xA9CE, 0xA9CE}, {0xA9DA, 0xA9DD}, {0xA9FF, 0xA9FF},
    {0xAA37, 0xAA3F}, {0xAA4E, 0xAA4F}, {0xAA5A, 0xAA5B}, {0xAAC3, 0xAADA}, {0xAAF7, 0xAB00},
    {0xAB07, 0xAB08}, {0xAB0F, 0xAB10}, {0xAB17, 0xAB1F}, {0xAB27, 0xAB27}, {0xAB2F, 0xAB2F},
    {0xAB6C, 0xAB6F}, {0xABEE, 0xABEF}, {0xABFA, 0xABFF}, {0xD7A4, 0xD7AF}, {0xD7C7, 0xD7CA},
    {0xD7FC, 0xF8FF}, {0xFA6E, 0xFA6F}, {0xFADA, 0xFAFF}, {0xFB07, 0xFB12}, {0xFB18, 0xFB1C},
    {0xFB37, 0xFB37}, {0xFB3D, 0xFB3D}, {0xFB3F, 0xFB3F}, {0xFB42, 0xFB42}, {0xFB45, 0xFB45},
    {0xFBC3, 0xFBD2}, {0xFD90, 0xFD91}, {0xFDC8, 0xFDCE}, {0xFDD0, 0xFDEF}, {0xFE1A, 0xFE1F},
    {0xFE53, 0xFE53}, {0xFE67, 0xFE67}, {0xFE6C, 0xFE6F}, {0xFE75, 0xFE75}, {0xFEFD, 0xFF00},
    {0xFFBF, 0xFFC1}, {0xFFC8, 0xFFC9}, {0xFFD0, 0xFFD1}, {0xFFD8, 0xFFD9}, {0xFFDD, 0xFFDF},
    {0xFFE7, 0xFFE7}, {0xFFEF, 0xFFFB}, {0xFFFE, 0xFFFF}, {0x1000C, 0x1000C}, {0x10027, 0x10027},
    {0x1003B, 0x1003B}, {0x1003E, 0x1003E}, {0x1004E, 0x1004F}, {0x1005E, 0x1007F},
    {0x100FB, 0x100FF}, {0x10103, 0x10106}, {0x10134, 0x10136}, {0x1018F, 0x1018F},
    {0x1019D, 0x1019F}, {0x101A1, 0x101CF}, {0x101FE, 0x1027F}, {0x1029D, 0x1029F},
    {0x102D1, 0x102DF}, {0x102FC, 0x102FF}, {0x10324, 0x1032C}, {0x1034B, 0x1034F},
    {0x1037B, 0x1037F}, {0x1039E, 0x1039E}, {0x103C4, 0x103C7}, {0x103D6, 0x103FF},
    {0x1049E, 0x1049F}, {0x104AA, 0x104AF}, {0x104D4, 0x104D7}, {0x104FC, 0x104FF},
    {0x10528, 0x1052F}, {0x10564, 0x1056E}, {0x1057B, 0x1057B}, {0x1058B, 0x1058B},
    {0x10593, 0x10593}, {0x10596, 0x10596}, {0x105A2, 0x105A2}, {0x105B2, 0x105B2},
    {0x105BA, 0x105BA}, {0x105BD, 0x105FF}, {0x10737, 0x1073F}, {0x10756, 0x1075F},
    {0x10768, 0x1077F}, {0x10786, 0x10786}, {0x107B1, 0x107B1}, {0x107BB, 0x107FF},
    {0x10806, 0x10807}, {0x10809, 0x10809}, {0x10836, 0x10836}, {0x10839, 0x1083B},
    {0x1083D, 0x1083E}, {0x10856, 0x10856}, {0x1089F, 0x108A6}, {0x108B0, 0x108DF},
    {0x108F3, 0x108F3}, {0x108F6, 0x108FA}, {0x1091C, 0x1091E}, {0x1093A, 0x1093E},
    {0x10940, 0x1097F}, {0x109B8, 0x109BB}, {0x109D0, 0x109D1}, {0x10A04, 0x10A04},
    {0x10A07, 0x10A0B}, {0x10A14, 0x10A14}, {0x10A18, 0x10A18}, {0x10A36, 0x10A37},
    {0x10A3B, 0x10A3E}, {0x10A49, 0x10A4F}, {0x10A59, 0x10A5F}, {0x10AA0, 0x10ABF},
    {0x10AE7, 0x10AEA}, {0x10AF7, 0x10AFF}, {0x10B36, 0x10B38}, {0x10B56, 0x10B57},
    {0x10B73, 0x10B77}, {0x10B92, 0x10B98}, {0x10B9D, 0x10BA8}, {0x10BB0, 0x10BFF},
    {0x10C49, 0x10C7F}, {0x10CB3, 0x10CBF}, {0x10CF3, 0x10CF9}, {0x10D28, 0x10D2F},
    {0x10D3A, 0x10E5F}, {0x10E7F, 0x10E7F}, {0x10EAA, 0x10EAA}, {0x10EAE, 0x10EAF},
    {0x10EB2, 0x10EFF}, {0x10F28, 0x10F2F}, {0x10F5A, 0x10F6F}, {0x10F8A, 0x10FAF},
    {0x10FCC, 0x10FDF}, {0x10FF7, 0x10FFF}, {0x1104E, 0x11051}, {0x11076, 0x1107E},
    {0x110BD, 0x110BD}, {0x110C3, 0x110CF}, {0x110E9, 0x110EF}, {0x110FA, 0x110FF},
    {0x11135, 0x11135}, {0x11148, 0x1114F}, {0x11177, 0x1117F}, {0x111E0, 0x111E0},
    {0x111F5, 0x111FF}, {0x11212, 0x11212}, {0x1123F, 0x1127F}, {0x11287, 0x11287},
    {0x11289, 0x11289}, {0x1128E, 0x1128E}, {0x1129E, 0x1129E}, {0x112AA, 0x112AF},
    {0x112EB, 0x112EF}, {0x112FA, 0x112FF}, {0x11304, 0x11304}, {0x1130D, 0x1130E},
    {0x11311, 0x11312}, {0x11329, 0x11329}, {0x11331, 0x11331}, {0x11334, 0x11334},
    {0x1133A, 0x1133A}, {0x11345, 0x11346}, {0x11349, 0x1134A}, {0x1134E, 0x1134F},
    {0x11351, 0x11356}, {0x11358, 0x1135C}, {0x11364, 0x11365}, {0x1136D, 0x1136F},
    {0x11375, 0x113FF}, {0x1145C, 0x1145C}, {0x11462, 0x1147F}, {0x114C8, 0x114CF},
    {0x114DA, 0x1157F}, {0x115B6, 0x115B7}, {0x115DE, 0x115FF}, {0x11645, 0x1164F},
    {0x1165A, 0x1165F}, {0x1166D, 0x1167F}, {0x116BA, 0x116BF}, {0x116CA, 0x116FF},
    {0x1171B, 0x1171C}, {0x1172C, 0x1172F}, {0x11747, 0x117FF}, {0x1183C, 0x1189F},
    {0x118F3, 0x118FE}, {0x11907, 0x11908}, {0x1190A, 0x1190B}, {0x11914, 0x11914},
    {0x11917, 0x11917}, {0x11936, 0x11936}, {0x11939, 0x1193A}, {0x11947, 0x1194F},
    {0x1195A, 0x1199F}, {0x119A8, 0x119A9}, {0x119D8, 0x119D9}, {0x119E5, 0x119FF},
    {0x11A48, 0x11A4F}, {0x11AA3, 0x11AAF}, {0x11AF9, 0x11BFF}, {0x11C09, 0x11C09},
    {0x11C37, 0x11C37}, {0x11C46, 0x11C4F}, {0x11C6D, 0x11C6F}, {0x11C90, 0x11C91},
    {0x11CA8, 0x11CA8}, {0x11CB7, 0x11CFF}, {0x11D07, 0x11D07}, {0x11D0A, 0x11D0A},
    {0x11D37, 0x11D39}, {0x11D3B, 0x11D3B}, {0x11D3E, 0x11D3E}, {0x11D48, 0x11D4F},
    {0x11D5A, 0x11D5F}, {0x11D66, 0x11D66}, {0x11D69, 0x11D69}, {0x11D8F, 0x11D8F},
    {0x11D92, 0x11D92}, {0x11D99, 0x11D9F}, {0x11DAA, 0x11EDF}, {0x11EF9, 0x11FAF},
    {0x11FB1, 0x11FBF}, {0x11FF2, 0x11FFE}, {0x1239A, 0x123FF}, {0x1246F, 0x1246F},
    {0x12475, 0x1247F}, {0x12544, 0x12F8F}, {0x12FF3, 0x12FFF}, {0x1342F, 0x143FF},
    {0x14647, 0x167FF}, {0x16A39, 0x16A3F}, {0x16A5F, 0x16A5F}, {0x16A6A, 0x16A6D},
    {0x16ABF, 0x16ABF}, {0x16ACA, 0x16ACF}, {0x16AEE, 0x16AEF}, {0x16AF6, 0x16AFF},
    {0x16B46, 0x16B4F}, {0x16B5A, 0x16B5A}, {0x16B62, 0x16B62}, {0x16B78, 0x16B7C},
    {0x16B90, 0x16E3F}, {0x16E9B, 0x16EFF}, {0x16F4B, 0x16F4E}, {0x16F88, 0x16F8E},
    {0x16FA0, 0x16FDF}, {0x16FE5, 0x16FEF}, {0x16FF2, 0x16FFF}, {0x187F8, 0x187FF},
    {0x18CD6, 0x18CFF}, {0x18D09, 0x1AFEF}, {0x1AFF4, 0x1AFF4}, {0x1AFFC, 0x1AFFC},
    {0x1AFFF, 0x1AFFF}, {0x1B123, 0x1B14F}, {0x1B153, 0x1B163}, {0x1B168, 0x1B16F},
    {0x1B2FC, 0x1BBFF}, {0x1BC6B, 0x1BC6F}, {0x1BC7D, 0x1BC7F}, {0x1BC89, 0x1BC8F},
    {0x1BC9A, 0x1BC9B}, {0x1BCA0, 0x1CEFF}, {0x1CF2E, 0x1CF2F}, {0x1CF47, 0x1CF4F},
    {0x1CFC4, 0x1CFFF}, {0x1D0F6, 0x1D0FF}, {0x1D127, 0x1D128}, {0x1D173, 0x1D17A},
    {0x1D1EB, 0x1D1FF}, {0x1D246, 0x1D2DF}, {0x1D2F4, 0x1D2FF}, {0x1D357, 0x1D35F},
    {0x1D379, 0x1D3FF}, {0x1D455, 0x1D455}, {0x1D49D, 0x1D49D}, {0x1D4A0, 0x1D4A1},
    {0x1D4A3, 0x1D4A4}, {0x1D4A7, 0x1D4A8}, {0x1D4AD, 0x1D4AD}, {0x1D4BA, 0x1D4BA},
    {0x1D4BC, 0x1D4BC}, {0x1D4C4, 0x1D4C4}, {0x1D506, 0x1D506}, {0x1D50B, 0x1D50C},
    {0x1D515, 0x1D515}, {0x1D51D, 0x1D51D}, {0x1D53A, 0x1D53A}, {0x1D53F, 0x1D53F},
    {0x1D545, 0x1D545}, {0x1D547, 0x1D549}, {0x1D551, 0x1D551}, {0x1D6A6, 0x1D6A7},
    {0x1D7CC, 0x1D7CD}, {0x1DA8C, 0x1DA9A}, {0x1DAA0, 0x1DAA0}, {0x1DAB0, 0x1DEFF},
    {0x1DF1F, 0x1DFFF}, {0x1E007, 0x1E007}, {0x1E019, 0x1E01A}, {0x1E022, 0x1E022},
    {0x1E025, 0x1E025}, {0x1E02B, 0x1E0FF}, {0x1E12D, 0x1E12F}, {0x1E13E, 0x1E13F},
    {0x1E14A, 0x1E14D}, {0x1E150, 0x1E28F}, {0x1E2AF, 0x1E2BF}, {0x1E2FA, 0x1E2FE},
    {0x1E300, 0x1E7DF}, {0x1E7E7, 0x1E7E7}, {0x1E7EC, 0x1E7EC}, {0x1E7EF, 0x1E7EF},
    {0x1E7FF, 0x1E7FF}, {0x1E8C5, 0x1E8C6}, {0x1E8D7, 0x1E8FF}, {0x1E94C, 0x1E94F},
    {0x1E95A, 0x1E95D}, {0x1E960, 0x1EC70}, {0x1ECB5, 0x1ED00}, {0x1ED3E, 0x1EDFF},
    {0x1EE04, 0x1EE04}, {0x1EE20, 0x1EE20}, {0x1EE23, 0x1EE23}, {0x1EE25, 0x1EE26},
    {0x1EE28, 0x1EE28}, {0x1EE33, 0x1EE33}, {0x1EE38, 0x1EE38}, {0x1EE3A, 0x1EE3A},
    {0x1EE3C, 0x1EE41}, {0x1EE43, 0x1EE46}, {0x1EE48, 0x1EE48}, {0x1EE4A, 0x1EE4A},
    {0x1EE4C, 0x1EE4C}, {0x1EE50, 0x1EE50}, {0x1EE53, 0x1EE53}, {0x1EE55, 0x1EE56},
    {0x1EE58, 0x1EE58}, {0x1EE5A, 0x1EE5A}, {0x1EE5C, 0x1EE5C}, {0x1EE5E, 0x1EE5E},
    {0x1EE60, 0x1EE60}, {0x1EE63, 0x1EE63}, {0x1EE65, 0x1EE66}, {0x1EE6B, 0x1EE6B},
    {0x1EE73, 0x1EE73}, {0x1EE78, 0x1EE78}, {0x1EE7D, 0x1EE7D}, {0x1EE7F, 0x1EE7F},
    {0x1EE8A, 0x1EE8A}, {0x1EE9C, 0x1EEA0}, {0x1EEA4, 0x1EEA4}, {0x1EEAA, 0x1EEAA},
    {0x1EEBC, 0x1EEEF}, {0x1EEF2, 0x1EFFF}, {0x1F02C, 0x1F02F}, {0x1F094, 0x1F09F},
    {0x1F0AF, 0x1F0B0}, {0x1F0C0, 0x1F0C0}, {0x1F0D0, 0x1F0D0}, {0x1F0F6, 0x1F0FF},
    {0x1F1AE, 0x1F1E5}, {0x1F203, 0x1F20F}, {0x1F23C, 0x1F23F}, {0x1F249, 0x1F24F},
    {0x1F252, 0x1F25F}, {0x1F266, 0x1F2FF}, {0x1F6D8, 0x1F6DC}, {0x1F6ED, 0x1F6EF},
    {0x1F6FD, 0x1F6FF}, {0x1F774, 0x1F77F}, {0x1F7D9, 0x1F7DF}, {0x1F7EC, 0x1F7EF},
    {0x1F7F1, 0x1F7FF}, {0x1F80C, 0x1F80F}, {0x1F848, 0x1F84F}, {0x1F85A, 0x1F85F},
    {0x1F888, 0x1F88F}, {0x1F8AE, 0x1F8AF}, {0x1F8B2, 0x1F8FF}, {0x1FA54, 0x1FA5F},
    {0x1FA6E, 0x1FA6F}, {0x1FA75, 0x1FA77}, {0x1FA7D, 0x1FA7F}, {0x1FA87, 0x1FA8F},
    {0x1FAAD, 0x1FAAF}, {0x1FABB, 0x1FABF}, {0x1FAC6, 0x1FACF}, {0x1FADA, 0x1FADF},
    {0x1FAE8, 0x1FAEF}, {0x1FAF7, 0x1FAFF}, {0x1FB93, 0x1FB93}, {0x1FBCB, 0x1FBEF},
    {0x1FBFA, 0x1FFFF}, {0x2A6E0, 0x2A6FF}, {0x2B739, 0x2B73F}, {0x2B81E, 0x2B81F},
    {0x2CEA2, 0x2CEAF}, {0x2EBE1, 0x2F7FF}, {0x2FA1E, 0x2FFFF}, {0x3134B, 0xE00FF},
    {0xE01F0, 0x10FFFF},
};

bool is_printable(std::uint32_t cp) {
  if (cp < 0x20) return false;
  if (cp < 0x7F) return true;
  // The last range whose first code point is <= cp decides.
  const CodeRange* end = std::end(kNotPrintable);
  const CodeRange* it = std::upper_bound(std::begin(kNotPrintable), end, cp,
                                         [](std::uint32_t v, const CodeRange& r) { return v < r.first; });
  if (it == std::begin(kNotPrintable)) return true;
  --it;
  return cp > it->last;
}

std::vector<std::uint32_t> utf8_code_points(const std::string& utf8) {
  std::vector<std::uint32_t> cps;
  for (std::size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    if (len == 1 && c >= 0x80) cp = 0xFFFD;
    if (i + len > utf8.size()) {
      cps.push_back(0xFFFD);
      break;
    }
    for (std::size_t k = 1; k < len; ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    }
    cps.push_back(cp);
    i += len;
  }
  return cps;
}

std::string str_repr(const std::vector<std::uint32_t>& cps) {
  bool has_single = false, has_double = false;
  for (std::uint32_t cp : cps) {
    has_single = has_single || cp == '\'';
    has_double = has_double || cp == '"';
  }
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  for (std::uint32_t cp : cps) {
    if (cp == static_cast<std::uint32_t>(quote) || cp == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(cp));
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (is_printable(cp) && !((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)) {
      append_utf8(out, cp);
    } else if (cp <= 0xFF) {
      out += "\\x";
      append_hex(out, cp, 2);
    } else if (cp <= 0xFFFF) {
      out += "\\u";
      append_hex(out, cp, 4);
    } else {
      out += "\\U";
      append_hex(out, cp, 8);
    }
  }
  out.push_back(quote);
  return out;
}

std::string bytes_repr(const std::string& raw) {
  bool has_single = raw.find('\'') != std::string::npos;
  bool has_double = raw.find('"') != std::string::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out = "b";
  out.push_back(quote);
  for (char ch : raw) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == static_cast<unsigned char>(quote) || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c >= 0x7F) {
      out += "\\x";
      append_hex(out, c, 2);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back(quote);
  return out;
}

}  // namespace

std::string float_repr(double value) { return format_float(value, true, false); }
std::string float_repr_bare(double value) { return format_float(value, false, false); }

std::string python_repr(const Value& value) {
  switch (value.kind) {
    case Value::Kind::Int: return std::to_string(value.int_value);
    case Value::Kind::UInt: return std::to_string(value.uint_value);
    case Value::Kind::Bool: return value.bool_value ? "True" : "False";
    case Value::Kind::Float: return float_repr(value.real);
    case Value::Kind::Complex:
      // complex.__repr__: a +0.0 real part is left out (and so are the parentheses).
      if (value.real == 0.0 && !std::signbit(value.real)) {
        return format_float(value.imag, false, false) + "j";
      }
      return "(" + format_float(value.real, false, false) + format_float(value.imag, false, true) +
             "j)";
    case Value::Kind::Bytes: return bytes_repr(value.bytes);
    case Value::Kind::Text:
      return str_repr(value.code_points.empty() ? utf8_code_points(value.bytes)
                                                : value.code_points);
    case Value::Kind::Tuple: {
      std::string out = "(";
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        if (i) out += ", ";
        out += python_repr(value.items[i]);
      }
      if (value.items.size() == 1) out += ",";
      return out + ")";
    }
  }
  return "?";
}

// ---------------------------------------------------------------------------------------------
// Decoding

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
// Encoding

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

// Struct-format codec: parses buffer format strings and decodes/encodes elements without Python.
//
// Table-driven like CPython's Modules/_struct.c: one table row per format code for native
// ('@') and one for standard ('=', '<', '>', '!') sizes; the standard table comes twice, for the
// host's byte order and the other, because struct's range messages differ between the two. It accepts every format that struct,
// memoryview, array.array, ctypes and numpy export, including numpy's extensions (Zf/Zd complex,
// T{...} structured records with :name: field names, (n,m) sub-array counts) and must agree with
// CPython's struct module byte for byte.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace bufferlab {

// A problem with a format string or a value, worded like CPython's own message.
struct FormatError {
  FormatError() = default;
  explicit(false) FormatError(std::string message_, std::string python_type_ = "struct.error",
                              std::string format_ = {})
      : message(std::move(message_)), python_type(std::move(python_type_)),
        format(std::move(format_)) {}

  std::string message;
  // The exception CPython raises for it: "struct.error" (most), "OverflowError" (a float that
  // does not fit 'e' or standard 'f'), "TypeError" ('u'/'w' items, like array.array),
  // "SyntaxError" (a malformed literal), "NotImplementedError" (a format we refuse).
  std::string python_type = "struct.error";
  std::string format;  // the format string concerned, when there is one

  // For people: "struct.error: bad char in struct format (format 'i<')".
  std::string describe() const;
};

enum class FieldKind {
  SignedInt,    // b h i l q n
  UnsignedInt,  // B H I L Q N P
  Bool,         // ?
  Float,        // e f d g
  Complex,      // Zf Zd (numpy), two floats
  Char,         // c: one byte, shown as bytes of length 1
  Bytes,        // s: a fixed-length byte string (count = its length)
  PascalBytes,  // p: length byte then data
  UnicodeChar,  // u w: 4-byte code points (wchar_t on Linux, UCS4); "<n>w" is one string
};

// One value-carrying field of an element, at a fixed byte offset inside the element.
struct Field {
  FieldKind kind;
  char code;             // the struct code ('i', 'e', 'Z' for complex with part_code, ...)
  char part_code = 0;    // for Complex: 'f' or 'd'
  std::size_t offset;    // bytes from the element start
  std::size_t size;      // bytes of this field (for 's'/'p' the whole string)
  bool little_endian;    // byte order of this field in memory
  std::string name;      // from T{...:name:}; nested records and sub-arrays flatten to
                         // "outer.inner" and "name[1,2]"; empty otherwise
  std::size_t alignment = 1;  // natural alignment used in '@' mode (1 in standard modes)
  bool native_size = true;    // from the native table ('@', '^', no prefix): decides struct's
                              // packing rules (native 'f' casts, standard 'f' checks overflow)
};

// A parsed format: the layout of one element.
struct ElementFormat {
  std::string text;             // the format string as exported
  std::size_t itemsize = 0;     // bytes per element, padding included
  std::vector<Field> fields;    // value-carrying fields in order (padding is not a field)
  bool structured = false;      // came from T{...} or has more than one field

  // True when an element is one plain value (one field, not structured): decoded as a scalar.
  bool is_scalar() const { return fields.size() == 1 && !structured; }
};

// Parses a struct format or a buffer export's format. Accepted, beyond struct's own language:
// - 'Zf'/'Zd' complex (numpy), 'g' long double (decoded through long double, shown as the
//   nearest double), 'u' and 'w' 4-byte characters, '^' prefix (native sizes, no alignment),
//   and standard-size 'g'/'u' as ctypes exports them ('<g', '<u').
// - 'T{...}' records with ':name:' field names, '(2,3)' sub-array shapes and byte-order
//   characters before any member (as numpy writes them; the byte order then stays in force, as
//   numpy reads it). Records flatten: nested names join with '.', sub-array copies get "[i,j]".
//   A record closed in '@' mode is padded to its alignment (numpy); a plain format gets no
//   trailing padding (struct.calcsize). Byte orders mid-format and shapes outside a record are
//   "bad char in struct format", as struct says.
// - "<n>w"/"<n>u" with n > 1 is one fixed-length string (numpy 'U<n>'): decoded up to its
//   trailing NULs, encoded cut or NUL-padded to n characters.
// Refused with struct.error, like struct: 'n', 'N', 'P' with a standard prefix (so ctypes'
// c_void_p export '<P' too). Refused with NotImplementedError: 'Zg', '&' pointers, 'O'
// objects, 't' bit fields, 'X' function pointers, more than 65536 fields, records nested more
// than 64 deep.
std::variant<ElementFormat, FormatError> parse_format(std::string_view format);

// Whether elements of `format` hold Python object pointers: an 'O' anywhere (a plain 'O', a
// record field, a nested one or a sub-array of them), field names aside. Needs no valid format:
// memory that may hold pointers is never written, whatever else is wrong with its format.
bool format_holds_objects(std::string_view format);

// For a live export: parse_format, except that a record whose parsed size differs from the
// export's itemsize is tried once more the way ctypes lays Structures out (ctypes writes
// "T{<b:a:<i:b:}" without its alignment padding): members at their natural alignment, records
// padded to theirs. That layout is used only when it matches itemsize; otherwise the plain
// parse is returned and the caller sees the size disagree.
std::variant<ElementFormat, FormatError> parse_export_format(std::string_view format,
                                                             std::size_t itemsize);

// An export's format as every reader takes it (panes, the dump, the edit path): parsed with the
// export's itemsize, and refused when the sizes still disagree, since decoding with the
// format's own size would read past or short of each element.
std::variant<ElementFormat, FormatError> parse_format_of_export(std::string_view format, std::int64_t itemsize);

// A decoded value. Scalars use the numeric members; Bytes and Text use `bytes`;
// a multi-field element is a Tuple of its fields' values.
struct Value {
  enum class Kind { Int, UInt, Bool, Float, Complex, Bytes, Text, Tuple };
  Kind kind = Kind::Int;
  std::int64_t int_value = 0;    // Int
  std::uint64_t uint_value = 0;  // UInt
  bool bool_value = false;       // Bool
  double real = 0.0;             // Float, Complex real part
  double imag = 0.0;             // Complex imaginary part
  std::string bytes;             // Bytes (raw), Text (UTF-8; an invalid code point is U+FFFD)
  std::vector<Value> items;      // Tuple
  // Text only, and only when some code point is not a Unicode scalar value (a surrogate or
  // above U+10FFFF, which 'u'/'w' memory can hold): every code point as stored, so repr shows
  // the invalid ones as escapes ('\ud800', '\U00110000') instead of U+FFFD.
  std::vector<std::uint32_t> code_points;

  static Value make_int(std::int64_t v);
  static Value make_uint(std::uint64_t v);
  static Value make_bool(bool v);
  static Value make_float(double v);
  static Value make_complex(double re, double im);
  static Value make_bytes(std::string raw);
  static Value make_text(std::string utf8);
  static Value make_tuple(std::vector<Value> items);
};

// Python's repr of a float (repr(1e16) == '1e+16', repr(1.0) == '1.0', 'nan', '-inf').
std::string float_repr(double value);
// The same without the trailing ".0" of whole numbers, as complex repr uses its parts.
std::string float_repr_bare(double value);

// Decodes one element starting at `element` (itemsize bytes). Reads with memcpy, never through
// a cast pointer, so unaligned elements are fine.
Value decode_element(const ElementFormat& format, const std::uint8_t* element);

// Python repr of a decoded value, as CPython prints it: 255, 1.5, nan, b'A', True, (1+2j),
// 'x', (1, 2.5).
std::string python_repr(const Value& value);

// Encodes a Python literal typed by a user (e.g. "99", "-0x7f", "1e-3", "nan", "True", "b'A'",
// "'x'", "(1+2j)", "(1, 2.5)" for a multi-field element) into exactly itemsize bytes, with the
// range and type checks and the messages of CPython's struct.pack. On error nothing is produced.
// A one-field record also takes a bare value; a format without fields takes "()" or nothing.
// Complex parts are stored like numpy's casts (a part too large for 'Zf' becomes inf).
// A malformed literal is a FormatError with python_type "SyntaxError".
std::variant<std::vector<std::uint8_t>, FormatError> encode_literal(const ElementFormat& format,
                                                                     std::string_view literal);

// Hot path for tables and benchmarks: decodes `count` scalar elements of an integer or float
// format, `stride` bytes apart, into doubles / int64s. Returns false when the format is not
// a scalar of a matching kind. decode_int64_run takes integer and '?' formats; an 8-byte
// unsigned value is stored bit for bit (read the output as uint64_t for 'Q'/'L'/'N'/'P').
// decode_double_run takes integer, '?' and real float formats ('e' 'f' 'd' 'g').
bool decode_int64_run(const ElementFormat& format, const std::uint8_t* first, std::int64_t stride,
                      std::size_t count, std::int64_t* out);
bool decode_double_run(const ElementFormat& format, const std::uint8_t* first,
                       std::int64_t stride, std::size_t count, double* out);

}  // namespace bufferlab

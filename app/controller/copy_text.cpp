// Clipboard texts from bytes and decoded elements.
#include "app/controller/copy_text.h"

#include <cstdio>

#include "core/format/format_codec.h"

namespace bufferlab {

namespace {

constexpr std::size_t kValuesPerLine = 16;

std::string with_unit(std::int64_t count, const char* unit) {
  return std::to_string(count) + " " + unit + (count == 1 ? "" : "s");
}

}  // namespace

std::string bytes_as_hex(std::span<const std::uint8_t> bytes) {
  std::string text;
  text.reserve(bytes.size() * 3);
  char digits[4];
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i) text += i % kValuesPerLine == 0 ? '\n' : ' ';
    std::snprintf(digits, sizeof digits, "%02x", bytes[i]);
    text += digits;
  }
  return text;
}

std::string bytes_as_python_literal(std::span<const std::uint8_t> bytes) {
  return python_repr(Value::make_bytes(std::string(bytes.begin(), bytes.end())));
}

std::string bytes_as_c_array(std::span<const std::uint8_t> bytes) {
  std::string text = "{";
  text.reserve(bytes.size() * 6 + 2);
  char value[8];
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i) text += i % kValuesPerLine == 0 ? ",\n " : ", ";
    std::snprintf(value, sizeof value, "0x%02x", bytes[i]);
    text += value;
  }
  return text + "}";
}

std::string element_as_python(const DisplayView& view, const Region& region, const std::uint8_t* region_base,
                              std::int64_t flat) {
  if (!view.format || flat < 0 || flat >= view.facts.element_count()) return "";
  return python_repr(decode_element(*view.format, region_base + (element_address(view, flat) - region.address)));
}

std::string view_as_python_list(const DisplayView& view, const Region& region, const std::uint8_t* region_base) {
  if (!view.format) return "";
  const BufferFacts& f = view.facts;
  if (f.ndim == 0) return element_as_python(view, region, region_base, 0);
  // Walks the elements in C order, opening and closing a list at each dimension's ends.
  const std::int64_t count = f.element_count();
  std::string text;
  if (count == 0) {
    // Lists down to the first empty dimension: shape (2, 0) is "[[], []]".
    int empty = 0;
    while (f.shape[static_cast<std::size_t>(empty)] != 0) ++empty;
    std::string nested = "[]";
    for (int d = empty - 1; d >= 0; --d) {
      std::string list = "[";
      for (std::int64_t i = 0; i < f.shape[static_cast<std::size_t>(d)]; ++i) list += (i ? ", " : "") + nested;
      nested = list + "]";
    }
    return nested;
  }
  std::vector<std::int64_t> index(static_cast<std::size_t>(f.ndim), 0);
  text.append(static_cast<std::size_t>(f.ndim), '[');
  for (std::int64_t flat = 0; flat < count; ++flat) {
    text += element_as_python(view, region, region_base, flat);
    // Advance the index; every dimension that wraps closes its list and opens the next.
    int d = f.ndim - 1;
    while (d >= 0 && ++index[static_cast<std::size_t>(d)] == f.shape[static_cast<std::size_t>(d)]) {
      index[static_cast<std::size_t>(d)] = 0;
      --d;
    }
    if (d < 0) break;
    const int closed = f.ndim - 1 - d;
    text.append(static_cast<std::size_t>(closed), ']');
    text += ", ";
    text.append(static_cast<std::size_t>(closed), '[');
  }
  text.append(static_cast<std::size_t>(f.ndim), ']');
  return text;
}

std::string bytes_copy_refusal(std::int64_t bytes) {
  if (bytes <= kCopyBytesLimit) return "";
  return "too large to copy: " + format_size(bytes) + " (at most " + format_size(kCopyBytesLimit) + ")";
}

std::string view_copy_refusal(const DisplayView& view) {
  if (!view.format) return "cannot decode: " + view.format_error;
  const std::int64_t count = view.facts.element_count();
  if (count <= kCopyElementsLimit) return "";
  return "too many elements to copy: " + with_unit(count, "element") + " (at most " +
         std::to_string(kCopyElementsLimit) + ")";
}

}  // namespace bufferlab

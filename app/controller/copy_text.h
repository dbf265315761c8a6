// Bytes and element values as text for the clipboard: hex, a Python bytes literal, a C array, and
// a view's values as Python writes them (memoryview.tolist()). Built from the app's own codec,
// never by calling Python. No ImGui.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "app/controller/app_state.h"

namespace bufferlab {

// Copies larger than these are refused with a reason rather than built (a frame must stay short).
inline constexpr std::int64_t kCopyBytesLimit = 1 << 20;
inline constexpr std::int64_t kCopyElementsLimit = 100000;

// "48 65 6c", a line break after every 16 bytes (bytes.fromhex reads it back).
std::string bytes_as_hex(std::span<const std::uint8_t> bytes);
// repr(bytes(...)), as CPython writes it: b'He\x00'.
std::string bytes_as_python_literal(std::span<const std::uint8_t> bytes);
// "{0x48, 0x65, 0x6c}", a line break after every 16 values.
std::string bytes_as_c_array(std::span<const std::uint8_t> bytes);

// One element's value as Python shows it (repr), read from `region_base`, the first byte of the
// view's region. Empty when the view's format cannot be decoded.
std::string element_as_python(const DisplayView& view, const Region& region, const std::uint8_t* region_base,
                              std::int64_t flat);
// The whole view as tolist() writes it: nested lists by shape ("[[1, 2], [3, 4]]"), the value
// itself for 0-D. Empty when the view's format cannot be decoded.
std::string view_as_python_list(const DisplayView& view, const Region& region, const std::uint8_t* region_base);

// Why a copy of `bytes` bytes / of `view`'s elements is not made, or empty when it is.
std::string bytes_copy_refusal(std::int64_t bytes);
std::string view_copy_refusal(const DisplayView& view);

}  // namespace bufferlab

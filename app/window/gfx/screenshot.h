// Writes what the default framebuffer shows to a PNG (read back as RGB, rows flipped).
#pragma once

#include <string>

namespace bufferlab::gfx {

// Reads the back buffer of the current context (width x height pixels) and writes it to
// `path`. Returns an error message, or an empty string on success.
std::string write_screenshot(const std::string& path, int width, int height);

}  // namespace bufferlab::gfx

// Screenshot: glReadPixels in GL_RGB (alpha written by shaders must not leak into the PNG),
// bottom-up rows turned top-down, stb_image_write for the PNG.
#include "app/window/gfx/screenshot.h"

#include <glad/gl.h>
#include <stb/stb_image_write.h>

#include <cstring>
#include <vector>

namespace bufferlab::gfx {

std::string write_screenshot(const std::string& path, int width, int height) {
  if (width <= 0 || height <= 0) return "the window has no pixels";
  const std::size_t row = static_cast<std::size_t>(width) * 3;
  std::vector<unsigned char> pixels(row * static_cast<std::size_t>(height));
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  std::vector<unsigned char> flipped(pixels.size());
  for (int y = 0; y < height; ++y)
    std::memcpy(flipped.data() + static_cast<std::size_t>(y) * row,
                pixels.data() + static_cast<std::size_t>(height - 1 - y) * row, row);
  if (!stbi_write_png(path.c_str(), width, height, 3, flipped.data(), static_cast<int>(row)))
    return "cannot write " + path;
  return {};
}

}  // namespace bufferlab::gfx

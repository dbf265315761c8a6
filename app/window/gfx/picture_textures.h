// Picture textures on the GPU: one RGBA8 texture per picture on screen, created at its size and
// then updated with glTexSubImage2D only in the rectangles the picture re-renders.
#pragma once

#include <cstdint>
#include <map>

#include "app/widgets/picture_backend.h"
#include "app/window/gfx/gl_objects.h"

namespace bufferlab::gfx {

class PictureTextures : public PictureBackend {
 public:
  PictureTextures();  // reads GL_MAX_TEXTURE_SIZE: needs the context current

  int max_texture_size() const override { return max_size_; }
  bool prepare(std::uint64_t id, int width, int height) override;
  void upload(std::uint64_t id, const PixelRect& rect, const std::uint8_t* rgba, std::size_t row_bytes) override;
  ImTextureID texture(std::uint64_t id) override;
  void collect_unused() override;

 private:
  struct Entry {
    Texture texture;
    int width = 0, height = 0;
    bool used = false;
  };
  int max_size_ = 2048;
  std::map<std::uint64_t, Entry> entries_;
};

}  // namespace bufferlab::gfx

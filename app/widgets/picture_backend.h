// What a picture on a card asks of the GPU side: an RGBA8 texture per picture, uploaded whole
// once and then only in the rectangles whose bytes changed. The GL backend lives in
// app/window/gfx; PictureTextureStore keeps the same textures in memory (tests, benchmarks).
#pragma once

#include <imgui.h>

#include <cstddef>
#include <cstdint>

#include "core/inspect/picture.h"

namespace bufferlab {

class PictureBackend {
 public:
  virtual ~PictureBackend() = default;
  // The largest width or height a texture may have; bigger pictures are drawn downsampled.
  virtual int max_texture_size() const = 0;
  // Readies texture `id` at width x height. True when its pixels are undefined (new, resized,
  // or freed by collect_unused): the caller must then upload all of it.
  virtual bool prepare(std::uint64_t id, int width, int height) = 0;
  // Copies `rect` of the texture from `rgba`: row r of the rect at rgba + r * row_bytes.
  virtual void upload(std::uint64_t id, const PixelRect& rect, const std::uint8_t* rgba, std::size_t row_bytes) = 0;
  // For ImGui::Image; null when the texture is not there.
  virtual ImTextureID texture(std::uint64_t id) = 0;
  // Once per frame before the pictures are drawn: frees the textures no picture prepared since
  // the last call (their cards left the screen or turned the picture off).
  virtual void collect_unused() = 0;
};

}  // namespace bufferlab

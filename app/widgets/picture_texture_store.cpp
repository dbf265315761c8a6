// In-memory picture textures: uploads are copied row by row, as glTexSubImage2D would.
#include "app/widgets/picture_texture_store.h"

#include <cstring>

namespace bufferlab {

bool PictureTextureStore::prepare(std::uint64_t id, int width, int height) {
  Texture& texture = textures_[id];
  texture.used = true;
  if (texture.width == width && texture.height == height && !texture.rgba.empty()) return false;
  texture.width = width;
  texture.height = height;
  texture.rgba.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4, 0);
  return true;
}

void PictureTextureStore::upload(std::uint64_t id, const PixelRect& rect, const std::uint8_t* rgba,
                                 std::size_t row_bytes) {
  auto it = textures_.find(id);
  if (it == textures_.end() || rect.empty()) return;
  Texture& texture = it->second;
  if (rect.y0 < 0 || rect.x0 < 0 || rect.y1 > texture.height || rect.x1 > texture.width) return;
  const std::size_t width_bytes = static_cast<std::size_t>(rect.x1 - rect.x0) * 4;
  for (std::int64_t y = rect.y0; y < rect.y1; ++y)
    std::memcpy(texture.rgba.data() + (static_cast<std::size_t>(y) * static_cast<std::size_t>(texture.width) +
                                       static_cast<std::size_t>(rect.x0)) * 4,
                rgba + static_cast<std::size_t>(y - rect.y0) * row_bytes, width_bytes);
  uploads_.push_back({id, rect});
  uploaded_pixels_ += (rect.y1 - rect.y0) * (rect.x1 - rect.x0);
}

// The id itself, offset so that no texture is the null ImTextureID.
ImTextureID PictureTextureStore::texture(std::uint64_t id) {
  if (!textures_.count(id)) return nullptr;
  return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(id + 1));
}

const PictureTextureStore::Texture* PictureTextureStore::find(ImTextureID id) const {
  const auto key = reinterpret_cast<std::uintptr_t>(id);
  if (key == 0) return nullptr;
  const auto it = textures_.find(static_cast<std::uint64_t>(key - 1));
  return it == textures_.end() ? nullptr : &it->second;
}

void PictureTextureStore::collect_unused() {
  std::erase_if(textures_, [](const auto& item) { return !item.second.used; });
  for (auto& [id, texture] : textures_) texture.used = false;
}

}  // namespace bufferlab

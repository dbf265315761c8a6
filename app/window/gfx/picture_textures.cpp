// Picture textures: nearest filtering when enlarged (each pixel a crisp square), linear when a
// big picture is shrunk to the card; uploads leave the unpack state as they found it.
#include "app/window/gfx/picture_textures.h"

#include <algorithm>

namespace bufferlab::gfx {

PictureTextures::PictureTextures() {
  GLint size = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &size);
  if (size > 0) max_size_ = size;
}

bool PictureTextures::prepare(std::uint64_t id, int width, int height) {
  Entry& entry = entries_[id];
  entry.used = true;
  if (entry.texture && entry.width == width && entry.height == height) return false;
  GLint last_texture = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
  entry.texture = make_texture();
  glBindTexture(GL_TEXTURE_2D, entry.texture.get());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last_texture));
  entry.width = width;
  entry.height = height;
  return true;
}

void PictureTextures::upload(std::uint64_t id, const PixelRect& rect, const std::uint8_t* rgba,
                             std::size_t row_bytes) {
  auto it = entries_.find(id);
  if (it == entries_.end() || !it->second.texture || rect.empty()) return;
  const Entry& entry = it->second;
  if (rect.y0 < 0 || rect.x0 < 0 || rect.y1 > entry.height || rect.x1 > entry.width) return;
  GLint last_texture = 0, last_alignment = 4, last_row_length = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
  glGetIntegerv(GL_UNPACK_ALIGNMENT, &last_alignment);
  glGetIntegerv(GL_UNPACK_ROW_LENGTH, &last_row_length);
  glBindTexture(GL_TEXTURE_2D, entry.texture.get());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, static_cast<GLint>(row_bytes / 4));
  glTexSubImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(rect.x0), static_cast<GLint>(rect.y0),
                  static_cast<GLsizei>(rect.x1 - rect.x0), static_cast<GLsizei>(rect.y1 - rect.y0), GL_RGBA,
                  GL_UNSIGNED_BYTE, rgba);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, last_row_length);
  glPixelStorei(GL_UNPACK_ALIGNMENT, last_alignment);
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last_texture));
}

ImTextureID PictureTextures::texture(std::uint64_t id) {
  const auto it = entries_.find(id);
  if (it == entries_.end() || !it->second.texture) return nullptr;
  return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(it->second.texture.get()));
}

void PictureTextures::collect_unused() {
  std::erase_if(entries_, [](const auto& item) { return !item.second.used; });
  for (auto& [id, entry] : entries_) entry.used = false;
}

}  // namespace bufferlab::gfx

// A PictureBackend that keeps its textures in memory: the headless GUI tests read back the
// pixels and the rectangles uploaded, and the benchmarks use it where there is no GL.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "app/widgets/picture_backend.h"

namespace bufferlab {

class PictureTextureStore : public PictureBackend {
 public:
  struct Texture {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;  // width * height * 4, row by row
    bool used = false;               // prepared since the last collect_unused()
  };
  struct Upload {
    std::uint64_t id = 0;
    PixelRect rect;
  };

  explicit PictureTextureStore(int max_size = 16384) : max_size_(max_size) {}

  int max_texture_size() const override { return max_size_; }
  bool prepare(std::uint64_t id, int width, int height) override;
  void upload(std::uint64_t id, const PixelRect& rect, const std::uint8_t* rgba, std::size_t row_bytes) override;
  ImTextureID texture(std::uint64_t id) override;
  void collect_unused() override;

  const std::map<std::uint64_t, Texture>& textures() const { return textures_; }
  // The texture drawn with this ImTextureID, or null.
  const Texture* find(ImTextureID id) const;
  // Every upload since the last clear_uploads(), in order, and how many pixels they held.
  const std::vector<Upload>& uploads() const { return uploads_; }
  std::int64_t uploaded_pixels() const { return uploaded_pixels_; }
  void clear_uploads() {
    uploads_.clear();
    uploaded_pixels_ = 0;
  }

 private:
  int max_size_;
  std::map<std::uint64_t, Texture> textures_;
  std::vector<Upload> uploads_;
  std::int64_t uploaded_pixels_ = 0;
};

}  // namespace bufferlab

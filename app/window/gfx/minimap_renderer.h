// The GPU minimap: region bytes live in an R8 texture (re-uploaded only in the rows that
// changed) and the minimap shader draws each requested minimap into a texture of its own,
// once per frame, before ImGui's draw data is rendered.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "app/window/gfx/gl_objects.h"
#include "app/widgets/minimap_backend.h"

namespace bufferlab::gfx {

class MinimapRenderer : public MinimapBackend {
 public:
  // The shader is built on the first texture_for(); if that fails, error() says why (stderr
  // too) and texture_for() returns null (the memory pane then draws its fallback).
  MinimapRenderer() = default;
  const std::string& error() const { return error_; }

  ImTextureID texture_for(const MinimapRequest& request) override;

  // Draws every minimap requested since the last call; call after ImGui::Render() and before
  // rendering the draw data. Forgets minimaps that were not requested this frame.
  void render_requested();

 private:
  struct Entry {
    Texture bytes;
    Texture target;
    Framebuffer framebuffer;
    int bytes_height = 0;
    std::uint64_t bytes_version = 0;
    int width = 0, height = 0;
    MinimapRequest request;
    bool requested = false;
    std::int64_t texel_count = 0;
  };
  void upload(Entry& entry, const MinimapData& data);
  bool ready();  // builds the shader once; false when it cannot be built

  Program program_;
  VertexArray vertex_array_;
  std::string error_;
  bool tried_ = false;
  std::map<std::uintptr_t, Entry> entries_;  // by region address
  GLint u_bytes_ = -1, u_texel_count_ = -1, u_region_size_ = -1, u_bucket_ = -1, u_size_ = -1,
        u_data_fraction_ = -1, u_view_count_ = -1, u_view_range_ = -1, u_view_colour_ = -1,
        u_background_ = -1, u_zero_ = -1, u_control_ = -1, u_printable_ = -1, u_high_ = -1;
};

}  // namespace bufferlab::gfx

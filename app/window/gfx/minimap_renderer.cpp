// The GPU minimap: partial texture uploads and one full-target triangle per minimap.
#include "app/window/gfx/minimap_renderer.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "shaders_embedded.h"

namespace bufferlab::gfx {

namespace {

constexpr int kMaxViews = 16;  // matches the shader's uniform arrays

void set_colour(GLint location, ImU32 colour) {
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(colour);
  glUniform3f(location, c.x, c.y, c.z);
}

// A low-to-high pair of colours, as the shader's vec3[2].
void set_colour_pair(GLint location, ImU32 low, ImU32 high) {
  const ImVec4 a = ImGui::ColorConvertU32ToFloat4(low), b = ImGui::ColorConvertU32ToFloat4(high);
  const float values[6] = {a.x, a.y, a.z, b.x, b.y, b.z};
  glUniform3fv(location, 2, values);
}

}  // namespace

// The shader is built when a first minimap is asked for: a window that shows none (small
// buffers only) never pays for its compile and the driver's memory for it.
bool MinimapRenderer::ready() {
  if (tried_) return static_cast<bool>(program_);
  tried_ = true;
  program_ = build_program(kMinimapVertexShader, kMinimapFragmentShader, &error_);
  if (!program_) {
    std::fprintf(stderr, "bufferlab: minimap shader failed, drawing without it: %s\n", error_.c_str());
    return false;
  }
  vertex_array_ = make_vertex_array();
  const GLuint p = program_.get();
  u_bytes_ = glGetUniformLocation(p, "u_bytes");
  u_texel_count_ = glGetUniformLocation(p, "u_texel_count");
  u_region_size_ = glGetUniformLocation(p, "u_region_size");
  u_bucket_ = glGetUniformLocation(p, "u_bucket");
  u_size_ = glGetUniformLocation(p, "u_size");
  u_data_fraction_ = glGetUniformLocation(p, "u_data_fraction");
  u_view_count_ = glGetUniformLocation(p, "u_view_count");
  u_view_range_ = glGetUniformLocation(p, "u_view_range");
  u_view_colour_ = glGetUniformLocation(p, "u_view_colour");
  u_background_ = glGetUniformLocation(p, "u_background");
  u_zero_ = glGetUniformLocation(p, "u_zero");
  u_control_ = glGetUniformLocation(p, "u_control");
  u_printable_ = glGetUniformLocation(p, "u_printable");
  u_high_ = glGetUniformLocation(p, "u_high");
  return true;
}

void MinimapRenderer::upload(Entry& entry, const MinimapData& data) {
  const int height = data.texture_height();
  if (!entry.bytes || entry.bytes_version != data.version || entry.bytes_height != height) {
    entry.bytes = make_texture();
    glBindTexture(GL_TEXTURE_2D, entry.bytes.get());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, MinimapData::kTextureWidth, height, 0, GL_RED, GL_UNSIGNED_BYTE,
                 data.texels.data());
    entry.bytes_version = data.version;
    entry.bytes_height = height;
    data.dirty_begin = data.dirty_end = 0;
    return;
  }
  if (data.dirty_begin >= data.dirty_end) return;
  // Only the texture rows holding changed texels go to the GPU.
  const int first_row = static_cast<int>(data.dirty_begin / MinimapData::kTextureWidth);
  const int last_row = static_cast<int>((data.dirty_end - 1) / MinimapData::kTextureWidth);
  glBindTexture(GL_TEXTURE_2D, entry.bytes.get());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexSubImage2D(GL_TEXTURE_2D, 0, 0, first_row, MinimapData::kTextureWidth, last_row - first_row + 1, GL_RED,
                  GL_UNSIGNED_BYTE, data.texels.data() + static_cast<std::size_t>(first_row) * MinimapData::kTextureWidth);
  data.dirty_begin = data.dirty_end = 0;
}

ImTextureID MinimapRenderer::texture_for(const MinimapRequest& request) {
  if (!request.data || request.width <= 0 || request.height <= 0 || !ready()) return nullptr;
  Entry& entry = entries_[request.data->address];
  upload(entry, *request.data);
  entry.texel_count = (request.data->size + request.data->bucket - 1) / request.data->bucket;
  if (!entry.target || entry.width != request.width || entry.height != request.height) {
    entry.target = make_texture();
    glBindTexture(GL_TEXTURE_2D, entry.target.get());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, request.width, request.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    entry.framebuffer = make_framebuffer();
    glBindFramebuffer(GL_FRAMEBUFFER, entry.framebuffer.get());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, entry.target.get(), 0);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    entry.width = request.width;
    entry.height = request.height;
  }
  entry.request = request;
  entry.requested = true;
  return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(entry.target.get()));
}

void MinimapRenderer::render_requested() {
  if (!program_ || entries_.empty()) return;
  GLint viewport[4];
  glGetIntegerv(GL_VIEWPORT, viewport);
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glUseProgram(program_.get());
  glBindVertexArray(vertex_array_.get());
  glActiveTexture(GL_TEXTURE0);
  for (auto& [address, entry] : entries_) {
    if (!entry.requested) continue;
    const MinimapRequest& r = entry.request;
    glBindFramebuffer(GL_FRAMEBUFFER, entry.framebuffer.get());
    glViewport(0, 0, entry.width, entry.height);
    glBindTexture(GL_TEXTURE_2D, entry.bytes.get());
    glUniform1i(u_bytes_, 0);
    glUniform1i(u_texel_count_, static_cast<GLint>(entry.texel_count));
    glUniform1f(u_region_size_, static_cast<float>(r.data->size));
    glUniform1f(u_bucket_, static_cast<float>(r.data->bucket));
    glUniform2f(u_size_, static_cast<float>(entry.width), static_cast<float>(entry.height));
    glUniform1f(u_data_fraction_, r.data_width_fraction);
    set_colour(u_background_, r.palette.background);
    set_colour(u_zero_, r.palette.zero);
    set_colour_pair(u_control_, r.palette.control_low, r.palette.control_high);
    set_colour_pair(u_printable_, r.palette.printable_low, r.palette.printable_high);
    set_colour_pair(u_high_, r.palette.high_low, r.palette.high_high);
    const int count = std::min<int>(static_cast<int>(r.footprints.size()), kMaxViews);
    std::vector<float> ranges, colours;
    for (int i = 0; i < count; ++i) {
      const MinimapFootprint& f = r.footprints[static_cast<std::size_t>(i)];
      ranges.insert(ranges.end(), {f.begin, f.end});
      const ImVec4 c = ImGui::ColorConvertU32ToFloat4(f.colour);
      colours.insert(colours.end(), {c.x, c.y, c.z, c.w});
    }
    glUniform1i(u_view_count_, count);
    if (count > 0) {
      glUniform2fv(u_view_range_, count, ranges.data());
      glUniform4fv(u_view_colour_, count, colours.data());
    }
    glDrawArrays(GL_TRIANGLES, 0, 3);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  glBindVertexArray(0);
  glUseProgram(0);
  glViewport(viewport[0], viewport[1], viewport[2], viewport[3]);
  // Minimaps not asked for this frame are gone from the screen: free their GL objects.
  std::erase_if(entries_, [](const auto& item) { return !item.second.requested; });
  for (auto& [address, entry] : entries_) entry.requested = false;
}

}  // namespace bufferlab::gfx

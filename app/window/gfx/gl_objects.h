// RAII owners for the OpenGL objects the window creates itself (shader programs, textures,
// framebuffers, vertex arrays): each deletes its object exactly once, moves but never copies.
#pragma once

#include <glad/gl.h>

#include <string>
#include <utility>

namespace bufferlab::gfx {

// One GL name with its delete function.
template <void (*Delete)(GLuint)>
class GlName {
 public:
  GlName() = default;
  explicit GlName(GLuint name) : name_(name) {}
  ~GlName() { reset(); }
  GlName(GlName&& other) noexcept : name_(std::exchange(other.name_, 0)) {}
  GlName& operator=(GlName&& other) noexcept {
    if (this != &other) {
      reset();
      name_ = std::exchange(other.name_, 0);
    }
    return *this;
  }
  GlName(const GlName&) = delete;
  GlName& operator=(const GlName&) = delete;

  GLuint get() const { return name_; }
  explicit operator bool() const { return name_ != 0; }
  void reset() {
    if (name_) Delete(name_);
    name_ = 0;
  }

 private:
  GLuint name_ = 0;
};

void delete_program(GLuint name);
void delete_texture(GLuint name);
void delete_framebuffer(GLuint name);
void delete_vertex_array(GLuint name);

using Program = GlName<delete_program>;
using Texture = GlName<delete_texture>;
using Framebuffer = GlName<delete_framebuffer>;
using VertexArray = GlName<delete_vertex_array>;

// Compiles and links a program; on failure returns an empty Program and puts the GL log in
// `error`.
Program build_program(const std::string& vertex_source, const std::string& fragment_source,
                      std::string* error);

Texture make_texture();
Framebuffer make_framebuffer();
VertexArray make_vertex_array();

}  // namespace bufferlab::gfx

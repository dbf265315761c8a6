// GL object creation and deletion; shader compile errors come back as text.
#include "app/window/gfx/gl_objects.h"

#include <algorithm>
#include <vector>

namespace bufferlab::gfx {

void delete_program(GLuint name) { glDeleteProgram(name); }
void delete_texture(GLuint name) { glDeleteTextures(1, &name); }
void delete_framebuffer(GLuint name) { glDeleteFramebuffers(1, &name); }
void delete_vertex_array(GLuint name) { glDeleteVertexArrays(1, &name); }

namespace {

// A shader object lives only until the program is linked.
struct ShaderObject {
  GLuint name;
  ~ShaderObject() { glDeleteShader(name); }
};

bool compile(GLuint shader, const std::string& source, std::string* error) {
  const char* text = source.c_str();
  glShaderSource(shader, 1, &text, nullptr);
  glCompileShader(shader);
  GLint ok = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok == GL_TRUE) return true;
  GLint length = 0;
  glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
  std::vector<char> log(static_cast<std::size_t>(std::max(length, 1)));
  glGetShaderInfoLog(shader, length, nullptr, log.data());
  if (error) *error = log.data();
  return false;
}

}  // namespace

Program build_program(const std::string& vertex_source, const std::string& fragment_source,
                      std::string* error) {
  ShaderObject vertex{glCreateShader(GL_VERTEX_SHADER)};
  ShaderObject fragment{glCreateShader(GL_FRAGMENT_SHADER)};
  if (!compile(vertex.name, vertex_source, error) || !compile(fragment.name, fragment_source, error))
    return Program{};
  Program program(glCreateProgram());
  glAttachShader(program.get(), vertex.name);
  glAttachShader(program.get(), fragment.name);
  glLinkProgram(program.get());
  GLint ok = GL_FALSE;
  glGetProgramiv(program.get(), GL_LINK_STATUS, &ok);
  glDetachShader(program.get(), vertex.name);
  glDetachShader(program.get(), fragment.name);
  if (ok == GL_TRUE) return program;
  GLint length = 0;
  glGetProgramiv(program.get(), GL_INFO_LOG_LENGTH, &length);
  std::vector<char> log(static_cast<std::size_t>(std::max(length, 1)));
  glGetProgramInfoLog(program.get(), length, nullptr, log.data());
  if (error) *error = log.data();
  return Program{};
}

Texture make_texture() {
  GLuint name = 0;
  glGenTextures(1, &name);
  return Texture(name);
}

Framebuffer make_framebuffer() {
  GLuint name = 0;
  glGenFramebuffers(1, &name);
  return Framebuffer(name);
}

VertexArray make_vertex_array() {
  GLuint name = 0;
  glGenVertexArrays(1, &name);
  return VertexArray(name);
}

}  // namespace bufferlab::gfx

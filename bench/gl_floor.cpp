// The driver's floor for bench_start.sh's memory figure: a window made as the app makes its own
// (GLFW, OpenGL 3.3 core, no depth or stencil) that draws one textured, blended triangle with a
// shader like ImGui's, then waits to be killed. Whatever this process holds, any window that
// draws through the same GL driver holds too.
#include <glad/gl.h>
#include <GLFW/glfw3.h>

#include <cstdio>

namespace {

constexpr const char* kVertexShader = R"(#version 330 core
layout(location = 0) in vec2 position;
layout(location = 1) in vec2 uv;
layout(location = 2) in vec4 colour;
uniform mat4 projection;
out vec2 frag_uv;
out vec4 frag_colour;
void main() {
  frag_uv = uv;
  frag_colour = colour;
  gl_Position = projection * vec4(position, 0, 1);
})";

constexpr const char* kFragmentShader = R"(#version 330 core
in vec2 frag_uv;
in vec4 frag_colour;
uniform sampler2D atlas;
out vec4 out_colour;
void main() { out_colour = frag_colour * texture(atlas, frag_uv); })";

GLuint compile(GLenum kind, const char* source) {
  const GLuint shader = glCreateShader(kind);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  return shader;
}

}  // namespace

int main() {
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  GLFWwindow* window = glfwCreateWindow(1280, 720, "gl_floor", nullptr, nullptr);
  if (!window) return 1;
  glfwMakeContextCurrent(window);
  if (!gladLoadGL(glfwGetProcAddress)) return 1;

  const GLuint program = glCreateProgram();
  glAttachShader(program, compile(GL_VERTEX_SHADER, kVertexShader));
  glAttachShader(program, compile(GL_FRAGMENT_SHADER, kFragmentShader));
  glLinkProgram(program);
  glUseProgram(program);
  const float identity[16] = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
  glUniformMatrix4fv(glGetUniformLocation(program, "projection"), 1, GL_FALSE, identity);

  GLuint vertex_array = 0, vertices = 0, texture = 0;
  glGenVertexArrays(1, &vertex_array);
  glBindVertexArray(vertex_array);
  glGenBuffers(1, &vertices);
  glBindBuffer(GL_ARRAY_BUFFER, vertices);
  const float data[] = {-1, -1, 0, 0, 1, 1, 1, 1, 1, -1, 1, 0, 1, 1, 1, 1, 0, 1, 0.5f, 1, 1, 1, 1, 1};
  glBufferData(GL_ARRAY_BUFFER, sizeof data, data, GL_STATIC_DRAW);
  const GLsizei stride = 8 * sizeof(float);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, nullptr);
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(2 * sizeof(float)));
  glVertexAttribPointer(2, 4, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(4 * sizeof(float)));
  for (GLuint attribute = 0; attribute < 3; ++attribute) glEnableVertexAttribArray(attribute);
  const unsigned char white[4] = {255, 255, 255, 255};
  glGenTextures(1, &texture);
  glBindTexture(GL_TEXTURE_2D, texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 1, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, white);
  glEnable(GL_BLEND);
  glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
  glEnable(GL_SCISSOR_TEST);

  glClearColor(0.1f, 0.1f, 0.1f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  glDrawArrays(GL_TRIANGLES, 0, 3);
  glfwSwapBuffers(window);
  std::printf("%s\n", reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
  std::fflush(stdout);
  while (!glfwWindowShouldClose(window)) glfwWaitEvents();
  glfwTerminate();
  return 0;
}

// The window: GLFW + OpenGL 3.3 core + Dear ImGui around the workbench, read top to bottom like
// a script; shutdown in exact reverse order. Also the --screenshot mode for tests and slides.
#include <glad/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <signal.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/window/fonts.h"
#include "app/window/gfx/minimap_renderer.h"
#include "app/window/gfx/picture_textures.h"
#include "app/window/gfx/screenshot.h"
#include "app/window/screenshot_folder.h"
#include "app/controller/lesson_library.h"
#include "app/window/theme.h"
#include "app/window/ui_dump.h"
#include "app/controller/workbench.h"
#include "app/cli/cli_options.h"
#include "core/lesson/lesson.h"
#include "core/py/session.h"

namespace bufferlab {

namespace {

// Screenshot mode: a script still running after this long (or --timeout) is interrupted; one
// that has not stopped kInterruptGrace seconds later is left running and the screenshot taken.
constexpr double kStartupScriptTimeout = 120.0;
constexpr double kInterruptGrace = 10.0;
// While something animates, frames come at most this often (a cell's clock, flashes).
constexpr double kFrameInterval = 1.0 / 60.0;
// After input (or any event that woke the loop), frames go on this long: focus changes and
// quick key presses land in the frames they need.
constexpr double kFramesAfterInput = 1.0;

void report_glfw_error(int code, const char* description) {
  std::fprintf(stderr, "bufferlab: GLFW error %d: %s\n", code, description);
}

// Owns glfwInit/glfwTerminate.
struct GlfwLibrary {
  bool ok = glfwInit() == GLFW_TRUE;
  ~GlfwLibrary() {
    if (ok) glfwTerminate();
  }
};

struct WindowDeleter {
  void operator()(GLFWwindow* window) const { glfwDestroyWindow(window); }
};

// Owns the ImGui context and both backends.
struct ImGuiRuntime {
  bool glfw_backend = false, gl_backend = false;
  explicit ImGuiRuntime(GLFWwindow* window) {
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    glfw_backend = ImGui_ImplGlfw_InitForOpenGL(window, true);
    gl_backend = ImGui_ImplOpenGL3_Init("#version 330 core");
  }
  ~ImGuiRuntime() {
    if (gl_backend) ImGui_ImplOpenGL3_Shutdown();
    if (glfw_backend) ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
  }
};

// ImGui 1.86 sees a key as held or not at each frame: a key pressed and released between two
// frames (a quick tap while a frame is slow, as the first ones are while Python starts) would
// be lost. The release of a key pressed since the last frame is held back until a frame has
// seen the key down.
struct KeyTaps {
  std::vector<int> pressed_since_frame;
  std::vector<std::array<int, 3>> held_releases;  // key, scancode, mods

  // Before polling events: the keys the last frame saw pressed may go up now.
  void release_held(GLFWwindow* window) {
    for (const auto& [key, scancode, mods] : std::exchange(held_releases, {}))
      ImGui_ImplGlfw_KeyCallback(window, key, scancode, GLFW_RELEASE, mods);
    pressed_since_frame.clear();
  }
};
KeyTaps key_taps;

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  const auto& pressed = key_taps.pressed_since_frame;
  if (action == GLFW_RELEASE && std::find(pressed.begin(), pressed.end(), key) != pressed.end()) {
    key_taps.held_releases.push_back({key, scancode, mods});
    return;
  }
  if (action == GLFW_PRESS) key_taps.pressed_since_frame.push_back(key);
  ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

// The font atlas as a one-channel texture that the shader reads as white with the glyph's
// coverage for alpha: a quarter of the RGBA copy ImGui's backend would upload, and no RGBA copy
// in memory on the way.
class FontTexture {
 public:
  FontTexture() = default;
  ~FontTexture() {
    if (id_) glDeleteTextures(1, &id_);
  }
  FontTexture(const FontTexture&) = delete;
  FontTexture& operator=(const FontTexture&) = delete;

  // Builds the current context's atlas and uploads it; the CPU copy goes once the GL has it.
  void upload() {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
    if (!id_) glGenTextures(1, &id_);
    GLint last_texture = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
    glBindTexture(GL_TEXTURE_2D, id_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    const GLint white_with_alpha[] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, white_with_alpha);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(last_texture));
    atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(id_)));
    atlas.ClearTexData();
  }

 private:
  GLuint id_ = 0;
};

// Whether the last frame saw the user do anything (ImGui's own view of the input).
bool had_input(const ImGuiIO& io) {
  if (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f || io.MouseWheel != 0.0f) return true;
  for (bool down : io.MouseDown)
    if (down) return true;
  for (bool down : io.KeysDown)
    if (down) return true;
  return false;
}

}  // namespace

int run_window(const CliOptions& options) {
  const bool screenshot = options.screenshot.has_value();

  // --step K needs a lesson that loads and has a step K: checked before any window opens.
  if (options.lesson && options.lesson_step) {
    const LessonLoad loaded = load_lesson(*options.lesson);
    if (const auto* error = std::get_if<LessonError>(&loaded)) {
      std::fprintf(stderr, "bufferlab: %s\n", error->message.c_str());
      return kExitUsage;
    }
    const std::size_t steps = std::get<Lesson>(loaded).steps.size();
    if (static_cast<std::size_t>(*options.lesson_step) > steps) {
      std::fprintf(stderr, "bufferlab: --step %d: %s has %zu steps (1 to %zu)\n", *options.lesson_step,
                   options.lesson->c_str(), steps, steps);
      return kExitUsage;
    }
  }

  // SIGINT is the Python thread's alone (Stop interrupts a cell with a signal of its own): block
  // it here before GLFW, Mesa and the worker start threads that inherit the mask, as the
  // Interpreter does for the thread that creates it.
  sigset_t sigint;
  sigemptyset(&sigint);
  sigaddset(&sigint, SIGINT);
  pthread_sigmask(SIG_BLOCK, &sigint, nullptr);

  glfwSetErrorCallback(report_glfw_error);
  GlfwLibrary glfw;
  if (!glfw.ok) {
    std::fprintf(stderr, "bufferlab: cannot start GLFW (is there a display? set DISPLAY or use Xvfb)\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  // ImGui draws with neither: a depth and stencil buffer the size of the window would only take memory.
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  std::unique_ptr<GLFWwindow, WindowDeleter> window(
      glfwCreateWindow(options.width, options.height, "Buffer Lab", nullptr, nullptr));
  if (!window) {
    std::fprintf(stderr, "bufferlab: cannot open an OpenGL 3.3 core window\n");
    return 1;
  }
  glfwMakeContextCurrent(window.get());
  glfwSwapInterval(screenshot ? 0 : 1);
  if (!gladLoadGL(glfwGetProcAddress)) {
    std::fprintf(stderr, "bufferlab: cannot load OpenGL 3.3 functions\n");
    return 1;
  }

  ImGuiRuntime imgui(window.get());
  if (!imgui.glfw_backend || !imgui.gl_backend) {
    std::fprintf(stderr, "bufferlab: cannot start the ImGui backends\n");
    return 1;
  }
  glfwSetKeyCallback(window.get(), on_key);  // in front of ImGui's own (KeyTaps)
  ImGui::GetIO().IniFilename = nullptr;  // the layout lives in our own settings file
  // A steady text cursor: a blinking one would need a frame every blink, idle or not.
  ImGui::GetIO().ConfigInputTextCursorBlink = false;

  auto minimap = std::make_unique<gfx::MinimapRenderer>();
  auto pictures = std::make_unique<gfx::PictureTextures>();

  // --dump-ui records every frame (cheap), so the last one is there when the screenshot is taken.
  FrameProbe frame_record;
  // Python starts on the worker once the first frame is on screen (begin_python below); until
  // then the console says it is starting and what is typed waits for it.
  auto workbench = std::make_unique<Workbench>(start_python, minimap.get());
  workbench->views_pane().set_picture_backend(pictures.get());
  workbench->set_wake([] { glfwPostEmptyEvent(); });
  const std::string layout_path = LayoutSettings::default_path();
  workbench->layout().load(layout_path);
  // The command line's projector settings win over the saved ones (and are saved with them).
  if (options.zoom_percent) workbench->layout().zoom = static_cast<float>(*options.zoom_percent) / 100.0f;
  if (options.light_theme) workbench->layout().light = *options.light_theme;
  workbench->layout().clamp();

  // Fonts for the text size of this window and zoom only, baked again between frames when
  // either changes it.
  // The backend's shaders now; its RGBA font texture (of ImGui's default font) goes at once, for
  // ours.
  ImGui_ImplOpenGL3_CreateDeviceObjects();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui::GetIO().Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  WindowFonts window_fonts;
  FontTexture font_texture;
  const auto bake_fonts = [&] {
    int width = 0, height = 0;
    glfwGetWindowSize(window.get(), &width, &height);
    if (!window_fonts.update(static_cast<float>(height), workbench->layout().zoom)) return;
    font_texture.upload();
    window_fonts.release_input();
    workbench->set_fonts(window_fonts.fonts());
  };
  bake_fonts();
  workbench->set_theme(workbench->layout().light ? Theme::Light : Theme::Dark);
  if (options.dump_ui) workbench->set_probe(&frame_record);
  if (options.script) workbench->run_file(*options.script);

  // The lesson: the one asked for, else the first built-in one, at step 1 with nothing run
  // (or steps 1..K run for --step K).
  const std::vector<LessonEntry> catalog = lesson_catalog(find_lesson_directory());
  workbench->set_lesson_catalog(catalog);
  if (options.lesson) {
    workbench->open_lesson(*options.lesson, false);
    if (options.lesson_step) workbench->run_lesson_through(*options.lesson_step - 1);
  } else if (!catalog.empty()) {
    workbench->open_lesson(catalog.front().path, false);
  }

  // Screenshot mode counts frames only once the start-up script has finished.
  int frames_after_script = 0;
  const double started = glfwGetTime();
  const double script_timeout = options.timeout.value_or(kStartupScriptTimeout);
  std::optional<double> interrupted_at;
  int exit_code = 0;
  // Idle, the loop sleeps until an event: input, or the worker's wake-up when output or a result
  // arrives; no timer wakes it but a running animation's next frame (a playing stride walk).
  // While something animates it draws up to kFrameInterval apart.
  // The first frames come at once (the console takes the keyboard in them), with no event.
  double active_until = glfwGetTime() + kFramesAfterInput;
  double frame_started = 0.0;
  int shot_in_frames = -1;  // frames until an asked-for screenshot is taken; -1: none asked
  while (!glfwWindowShouldClose(window.get())) {
    key_taps.release_held(window.get());
    if (screenshot) {
      glfwPollEvents();
    } else if (workbench->animating() || glfwGetTime() < active_until) {
      const double wait = frame_started + kFrameInterval - glfwGetTime();
      if (wait > 0.0)
        glfwWaitEventsTimeout(wait);
      else
        glfwPollEvents();
    } else if (const std::optional<double> due = workbench->next_frame_at()) {
      // A running animation (the stride walk) asked for a frame at its next step: sleep until
      // then, unless an event comes first.
      const double wait = *due - glfwGetTime();
      if (wait > 0.0)
        glfwWaitEventsTimeout(wait);
      else
        glfwPollEvents();
    } else {
      glfwWaitEvents();
      active_until = glfwGetTime() + kFramesAfterInput;
    }
    frame_started = glfwGetTime();
    bake_fonts();
    if (had_input(ImGui::GetIO())) active_until = glfwGetTime() + kFramesAfterInput;

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    workbench->frame(glfwGetTime());
    ImGui::Render();
    minimap->render_requested();

    int fb_width = 0, fb_height = 0;
    glfwGetFramebufferSize(window.get(), &fb_width, &fb_height);
    glViewport(0, 0, fb_width, fb_height);
    glClearColor(0.07f, 0.07f, 0.08f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    // F12 / File > Save screenshot: the next frame (the menu that asked has closed by then), to
    // the pictures folder; the console says where.
    if (workbench->take_screenshot_request()) shot_in_frames = 1;
    if (shot_in_frames >= 0 && shot_in_frames-- == 0) {
      const std::string path = screenshot_path(screenshot_folder(), std::time(nullptr));
      const std::string error = gfx::write_screenshot(path, fb_width, fb_height);
      workbench->commands().push(
          AddTranscriptNote{error.empty() ? "(screenshot saved: " + path + ")\n" : "(no screenshot: " + error + ")\n"});
    }
    if (screenshot) {
      const bool gave_up = interrupted_at && glfwGetTime() - *interrupted_at > kInterruptGrace;
      if (workbench->busy() && !gave_up) {
        if (!interrupted_at && glfwGetTime() - started > script_timeout) {
          std::fprintf(stderr, "bufferlab: the script is still running after %g s; interrupting it\n",
                       script_timeout);
          workbench->commands().push(InterruptCell{});
          interrupted_at = glfwGetTime();
        }
      } else if (++frames_after_script >= std::max(options.frames, 1)) {
        if (workbench->busy())
          std::fprintf(stderr, "bufferlab: the script did not stop when interrupted; taking the screenshot anyway\n");
        std::string error = gfx::write_screenshot(*options.screenshot, fb_width, fb_height);
        if (error.empty() && options.dump_ui) {
          const LayoutSettings& layout = workbench->layout();
          const ImVec2 display = ImGui::GetIO().DisplaySize;
          error = write_ui_dump(*options.dump_ui,
                                {static_cast<int>(display.x), static_cast<int>(display.y),
                                 static_cast<int>(std::lround(layout.zoom * 100.0f)), layout.light, &frame_record,
                                 &workbench->state().snapshot});
        }
        if (!error.empty()) {
          std::fprintf(stderr, "bufferlab: %s\n", error.c_str());
          exit_code = 1;
        }
        break;
      }
    }
    glfwSwapBuffers(window.get());
    workbench->begin_python();  // the first frame is on screen: Python starts now
    if (!screenshot && workbench->take_layout_changed()) workbench->layout().save(layout_path);
    if (workbench->take_quit_request()) glfwSetWindowShouldClose(window.get(), GLFW_TRUE);
  }

  if (!screenshot) workbench->layout().save(layout_path);
  // Gone from the screen at once, even while a cell or a thread is given a moment to stop.
  glfwHideWindow(window.get());
  // Reverse order: the worker (and its cell) before the GL objects, ImGui, the window, Python.
  if (!workbench->stop_worker(5.0)) {
    std::fprintf(stderr, "bufferlab: a cell would not stop; leaving without cleanup\n");
    std::fflush(nullptr);
    std::_Exit(exit_code);
  }
  workbench.reset();
  pictures.reset();
  minimap.reset();
  return exit_code;
}

}  // namespace bufferlab

// End to end in a real window under its own Xvfb, driven by xdotool as a user would: F12
// writes a PNG of the window to the pictures folder, and Ctrl+Q then closes it.
#include <doctest/doctest.h>
#include <stb/stb_image.h>

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "tests/support/process_helpers.h"
#include "tests/support/virtual_display.h"

namespace bufferlab::testing {

namespace {

// Polls `done` every 100 ms for up to `seconds` (generous: a shared CI machine is slow).
template <class Done>
bool wait_for(Done done, double seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

// A key held for 40 ms: ImGui drops presses that start and end in the same frame.
std::string hold_keys(const std::string& display, const std::string& keys) {
  return "DISPLAY=" + display + " xdotool mousemove 400 300 keydown " + keys + " sleep 0.04 keyup " + keys;
}

}  // namespace

TEST_CASE("F12 in the real window saves a PNG of the window in the pictures folder, and Ctrl+Q quits") {
  VirtualDisplay display;
  REQUIRE_MESSAGE(!display.display().empty(), "Xvfb did not start");
  ScratchDir scratch;
  const auto pictures = scratch / "Pictures";
  std::filesystem::create_directories(pictures);
  std::filesystem::create_directories(scratch / "config");
  const std::string pid_file = (scratch / "pid").string();
  const std::string start = "DISPLAY=" + display.display() + " HOME=" + shell_quote(scratch.path().string()) +
                            " XDG_CONFIG_HOME=" + shell_quote((scratch / "config").string()) + " " +
                            BUFFERLAB_BINARY + " --size 1280x720 >" + shell_quote((scratch / "app.log").string()) +
                            " 2>&1 & echo $! >" + shell_quote(pid_file);
  REQUIRE(std::system(start.c_str()) == 0);
  REQUIRE(wait_for([&] { return !read_file(pid_file).empty(); }, 10));
  const pid_t app = static_cast<pid_t>(std::stol(read_file(pid_file)));
  const auto running = [&] {
    return kill(app, 0) == 0 &&
           run_command("ps -o stat= -p " + std::to_string(app), scratch).out.find('Z') == std::string::npos;
  };
  const std::string find_window = "DISPLAY=" + display.display() + " xdotool search --name 'Buffer Lab'";
  REQUIRE_MESSAGE(wait_for([&] { return run_command(find_window, scratch).exit_code == 0; }, 60),
                  "no window: ", read_file(scratch / "app.log"));

  auto saved = [&]() -> std::string {
    for (const auto& entry : std::filesystem::directory_iterator(pictures))
      if (entry.path().filename().string().starts_with("bufferlab-") && entry.path().extension() == ".png")
        return entry.path().string();
    return {};
  };
  // The first frames may come before the keyboard reaches the window: press until a shot appears.
  const bool shot = wait_for(
      [&] {
        if (!saved().empty()) return true;
        run_command(hold_keys(display.display(), "F12"), scratch);
        return wait_for([&] { return !saved().empty(); }, 3);
      },
      60);
  INFO("app log: ", read_file(scratch / "app.log"));
  REQUIRE(shot);
  // The PNG is the window: its size, and a real rendering of the panes.
  int width = 0, height = 0, channels = 0;
  REQUIRE(wait_for([&] { return stbi_info(saved().c_str(), &width, &height, &channels) == 1; }, 10));
  CHECK(width == 1280);
  CHECK(height == 720);

  run_command(hold_keys(display.display(), "ctrl+q"), scratch);
  const bool quit = wait_for([&] { return !running(); }, 30);
  if (!quit) kill(app, SIGKILL);
  CHECK(quit);
}

}  // namespace bufferlab::testing

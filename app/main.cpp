// bufferlab: parses the command line and starts a headless mode or the window.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "app/cli/cli_options.h"
#include "core/edit/edit_spec.h"
#include "app/cli/lesson_runner.h"

namespace {

constexpr const char* kUsage =
    "usage: bufferlab [--script FILE.py] [--lesson FILE [--step K | --run-all]]\n"
    "                 [--set 'NAME[IDX]=VALUE']... [--set-byte 'NAME@OFFSET=BYTE']...\n"
    "                 [--dump-state OUT.json]\n"
    "                 [--screenshot OUT.png [--frames N] [--size WxH]]\n"
    "\n"
    "Buffer Lab: Python's buffer protocol, live. Without --dump-state, --set or --run-all it\n"
    "opens the window.\n"
    "  --script FILE.py       run FILE.py in the session first (as python3 FILE.py would)\n"
    "  --set 'a[1]=99'        write an element (as many indices as dimensions) in its format\n"
    "  --set-byte 'a@0=0xff'  write one byte at buf + OFFSET of a name's buffer\n"
    "  --dump-state OUT.json  write every buffer-exporting name, region and sharing pair\n"
    "  --lesson FILE          open a lesson (.md or .ipynb)\n"
    "  --step K               run lesson steps 1..K and show step K\n"
    "  --run-all              run every lesson step without a window, print the transcript\n"
    "  --screenshot OUT.png   render the window, save a PNG and exit\n"
    "  --frames N             frames to render before the screenshot (default 3)\n"
    "  --size WxH             window size (default 1280x800)\n"
    "exit codes: 0 ok, 1 the script raised, 2 bad arguments, 3 an edit was refused\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "bufferlab: %s\n%s", message.c_str(), kUsage);
  return bufferlab::kExitUsage;
}

bool parse_positive(const char* text, int* value) {
  char* end = nullptr;
  const long parsed = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || parsed <= 0 || parsed > 100000) return false;
  *value = static_cast<int>(parsed);
  return true;
}

bool readable(const std::string& path) { return std::ifstream(path).good(); }

}  // namespace

int main(int argc, char** argv) {
  using namespace bufferlab;
  CliOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return kExitOk;
    }
    if (arg == "--run-all") {
      options.run_all = true;
      continue;
    }
    const char* argument = value();
    if (!argument) return usage_error(arg.rfind("--", 0) == 0 ? arg + " needs a value" : "unexpected argument '" + arg + "'");
    if (arg == "--script") {
      options.script = argument;
    } else if (arg == "--set" || arg == "--set-byte") {
      EditOption edit{argument, ElementEdit{}};
      if (arg == "--set-byte") {
        auto parsed = parse_byte_edit(argument);
        if (auto* error = std::get_if<EditSpecError>(&parsed)) return usage_error(error->message);
        edit.edit = std::get<ByteEdit>(parsed);
      } else {
        auto parsed = parse_element_edit(argument);
        if (auto* error = std::get_if<EditSpecError>(&parsed)) return usage_error(error->message);
        edit.edit = std::get<ElementEdit>(parsed);
      }
      options.edits.push_back(std::move(edit));
    } else if (arg == "--dump-state") {
      options.dump_state = argument;
    } else if (arg == "--lesson") {
      options.lesson = argument;
    } else if (arg == "--step") {
      int step = 0;
      if (!parse_positive(argument, &step)) return usage_error("--step takes a step number from 1");
      options.lesson_step = step;
    } else if (arg == "--screenshot") {
      options.screenshot = argument;
    } else if (arg == "--frames") {
      if (!parse_positive(argument, &options.frames)) return usage_error("--frames takes a positive number");
    } else if (arg == "--size") {
      int width = 0, height = 0;
      char tail = 0;
      if (std::sscanf(argument, "%dx%d%c", &width, &height, &tail) != 2 || width < 320 ||
          height < 240 || width > 8192 || height > 8192)
        return usage_error("--size takes WIDTHxHEIGHT, e.g. 1920x1080");
      options.width = width;
      options.height = height;
    } else {
      return usage_error("unknown option '" + arg + "'");
    }
  }

  if (options.script && !readable(*options.script))
    return usage_error("cannot open script '" + *options.script + "': " + std::strerror(errno));

  if (options.run_all && !options.lesson) return usage_error("--run-all needs --lesson FILE");
  if (options.lesson_step && !options.lesson) return usage_error("--step needs --lesson FILE");
  const bool headless = options.dump_state || !options.edits.empty();
  if ((headless || options.run_all) && options.screenshot)
    return usage_error("--screenshot opens the window; it does not go with --dump-state, --set or --run-all");
  if (headless && options.run_all)
    return usage_error("--run-all does not go with --dump-state or --set");
  try {
    if (options.run_all) return run_lesson_headless(options);
    if (headless) return run_headless(options);
#ifdef BUFFERLAB_WITH_WINDOW
    return run_window(options);
#else
    std::fprintf(stderr, "bufferlab: this build has no window (BUFFERLAB_GUI=OFF)\n");
    return kExitUsage;
#endif
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bufferlab: %s\n", error.what());
    return 1;
  }
}

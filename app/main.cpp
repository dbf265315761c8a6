// bufferlab: parses the command line and starts a headless mode or the window.
#include <sys/stat.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>
#include <string>
#include <string_view>

#include "app/cli/cli_options.h"
#include "app/cli/lesson_runner.h"
#include "core/edit/edit_spec.h"
#include "core/lesson/lesson.h"

namespace {

constexpr const char* kUsage =
    "usage: bufferlab [--script FILE.py] [--lesson FILE [--step K | --run-all]]\n"
    "                 [--set 'NAME[IDX]=VALUE']... [--set-byte 'NAME@OFFSET=BYTE']...\n"
    "                 [--dump-state OUT.json] [--export-notebook OUT.ipynb] [--timeout SECONDS]\n"
    "                 [--screenshot OUT.png [--frames N] [--dump-ui OUT.json]]\n"
    "                 [--size WxH] [--zoom PERCENT] [--theme light|dark]\n"
    "       bufferlab LESSON.md | LESSON.ipynb   (open a lesson, as --lesson does)\n"
    "       bufferlab --version\n"
    "\n"
    "Buffer Lab: Python's buffer protocol, live. Without --dump-state, --set, --run-all or\n"
    "--export-notebook it opens the window.\n"
    "  --script FILE.py       run FILE.py in the session first (as python3 FILE.py would)\n"
    "  --set 'a[1]=99'        write an element (as many indices as dimensions) in its format\n"
    "  --set-byte 'a@0=0xff'  write one byte at buf + OFFSET of a name's buffer\n"
    "  --dump-state OUT.json  write every buffer-exporting name, region and sharing pair\n"
    "  --export-notebook OUT.ipynb\n"
    "                         with --script or --run-all, no window: write the cells run and\n"
    "                         their output (and the lesson's narration) as a Jupyter notebook\n"
    "  --lesson FILE          open a lesson (.md or .ipynb)\n"
    "  --step K               run lesson steps 1..K and show step K\n"
    "  --run-all              run every lesson step without a window, print the transcript\n"
    "  --timeout SECONDS      interrupt the script (or a --run-all step) after SECONDS, as Stop\n"
    "                         does; the run goes on as after a KeyboardInterrupt\n"
    "  --screenshot OUT.png   render the window, save a PNG and exit\n"
    "  --frames N             frames to render before the screenshot (default 3)\n"
    "  --dump-ui OUT.json     with --screenshot: write what that frame showed (panes, items,\n"
    "                         overlapping items, clipped labels, bytes visible in each grid)\n"
    "  --size WxH             window size (default 1280x800)\n"
    "  --zoom PERCENT         text size, 70 to 220 (default 100; kept for the next start)\n"
    "  --theme light|dark     the look: light for projecting on white walls (kept too)\n"
    "exit codes: 0 ok, 1 the script raised, 2 bad arguments, 3 an edit was refused\n";

// A script larger than this is surely not one: it is refused rather than read.
constexpr long long kInputFileLimit = 64LL << 20;
// --timeout's upper bound (a year): any longer is no limit at all, and stays representable.
constexpr double kTimeoutLimit = 365.0 * 24 * 3600;

// A lesson's file name (Markdown or notebook), as the desktop entry passes it alone.
bool is_lesson_file_name(std::string_view arg) {
  for (std::string_view extension : {".md", ".markdown", ".ipynb"})
    if (arg.size() > extension.size() && arg.ends_with(extension)) return true;
  return false;
}

int usage_error(const std::string& message) {
  std::fprintf(stderr, "bufferlab: %s\n%s", message.c_str(), kUsage);
  return bufferlab::kExitUsage;
}

// An error without the usage text: the arguments were well formed, a file was not.
int file_error(const std::string& message) {
  std::fprintf(stderr, "bufferlab: %s\n", message.c_str());
  return bufferlab::kExitUsage;
}

// Decimal digits only; a number past `limit` saturates to it (it is refused by what it counts).
bool parse_positive(std::string_view text, long long limit, long long* value) {
  if (text.empty()) return false;
  long long parsed = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    parsed = parsed > (limit - (c - '0')) / 10 ? limit : parsed * 10 + (c - '0');
  }
  if (parsed <= 0) return false;
  *value = parsed;
  return true;
}

bool parse_seconds(const char* text, double* seconds) {
  char* end = nullptr;
  errno = 0;
  const double parsed = std::strtod(text, &end);
  if (end == text || *end != '\0' || errno == ERANGE || !std::isfinite(parsed) || parsed <= 0.0 ||
      parsed > kTimeoutLimit)
    return false;
  *seconds = parsed;
  return true;
}

// Why `path` cannot be read as a script, if it cannot: only regular files of a sane size are
// read, as the lesson loader reads lessons, since a device (/dev/zero), a FIFO or a directory
// could block or never end.
std::optional<std::string> input_file_problem(const std::string& path, const char* what) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0)
    return std::string("cannot open ") + what + " '" + path + "': " + std::strerror(errno);
  if (S_ISDIR(info.st_mode)) return std::string("cannot open ") + what + " '" + path + "': it is a directory";
  if (!S_ISREG(info.st_mode))
    return std::string("cannot open ") + what + " '" + path + "': not a regular file (a device, a pipe or a socket)";
  if (info.st_size > kInputFileLimit)
    return std::string("cannot open ") + what + " '" + path + "': larger than " +
           std::to_string(kInputFileLimit >> 20) + " MiB";
  if (std::FILE* file = std::fopen(path.c_str(), "rb")) {
    std::fclose(file);
    return std::nullopt;
  }
  return std::string("cannot open ") + what + " '" + path + "': " + std::strerror(errno);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace bufferlab;
  CliOptions options;
  std::string step_text;
  std::set<std::string> given;  // options that take one value, to refuse a repeat
  const std::set<std::string> with_value = {"--script",     "--set",    "--set-byte", "--dump-state",
                                            "--lesson",     "--step",   "--screenshot", "--frames",
                                            "--size",       "--timeout",  "--dump-ui",
                                            "--zoom",       "--theme",  "--export-notebook"};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      return kExitOk;
    }
    if (arg == "--version") {
      std::printf("bufferlab %s\n", BUFFERLAB_VERSION);
      return kExitOk;
    }
    // A lesson file named alone is opened as with --lesson: the desktop entry runs
    // `bufferlab %f` for a file opened from the file manager (or `bufferlab` from the menu).
    if (!options.lesson && arg.rfind("-", 0) != 0 && is_lesson_file_name(arg)) {
      options.lesson = arg;
      given.insert("--lesson");
      continue;
    }
    if (arg == "--run-all") {
      options.run_all = true;
      continue;
    }
    if (!with_value.contains(arg))
      return usage_error(arg.rfind("-", 0) == 0 && arg.size() > 1 ? "unknown option '" + arg + "'"
                                                                   : "unexpected argument '" + arg + "'");
    if (i + 1 >= argc) return usage_error(arg + " needs a value");
    const char* argument = argv[++i];
    if (arg != "--set" && arg != "--set-byte" && !given.insert(arg).second)
      return usage_error(arg + " is given twice; it takes one value");
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
    } else if (arg == "--export-notebook") {
      options.export_notebook = argument;
    } else if (arg == "--lesson") {
      options.lesson = argument;
    } else if (arg == "--step") {
      long long step = 0;
      if (!parse_positive(argument, INT32_MAX, &step)) return usage_error("--step takes a step number from 1");
      options.lesson_step = static_cast<int>(step);
      step_text = argument;
    } else if (arg == "--timeout") {
      double seconds = 0.0;
      if (!parse_seconds(argument, &seconds))
        return usage_error("--timeout takes a positive number of seconds (e.g. 10 or 2.5), at most a year");
      options.timeout = seconds;
    } else if (arg == "--screenshot") {
      options.screenshot = argument;
    } else if (arg == "--frames") {
      long long frames = 0;
      if (!parse_positive(argument, 100001, &frames) || frames > 100000)
        return usage_error("--frames takes a positive number (at most 100000)");
      options.frames = static_cast<int>(frames);
    } else if (arg == "--dump-ui") {
      options.dump_ui = argument;
    } else if (arg == "--zoom") {
      long long percent = 0;
      std::string_view text = argument;
      if (text.ends_with("%")) text.remove_suffix(1);
      if (!parse_positive(text, kMaxZoomPercent + 1, &percent) || percent < kMinZoomPercent ||
          percent > kMaxZoomPercent)
        return usage_error("--zoom takes a percentage from " + std::to_string(kMinZoomPercent) + " to " +
                           std::to_string(kMaxZoomPercent) + " (e.g. 200)");
      options.zoom_percent = static_cast<int>(percent);
    } else if (arg == "--theme") {
      const std::string_view theme = argument;
      if (theme != "light" && theme != "dark") return usage_error("--theme takes light or dark");
      options.light_theme = theme == "light";
    } else if (arg == "--size") {
      int width = 0, height = 0;
      char tail = 0;
      if (std::sscanf(argument, "%dx%d%c", &width, &height, &tail) != 2 || width < 320 ||
          height < 240 || width > 8192 || height > 8192)
        return usage_error("--size takes WIDTHxHEIGHT, e.g. 1920x1080");
      options.width = width;
      options.height = height;
    }
  }

  if (options.run_all && !options.lesson) return usage_error("--run-all needs --lesson FILE");
  if (options.lesson_step && !options.lesson) return usage_error("--step needs --lesson FILE");
  if (options.run_all && options.lesson_step)
    return usage_error("--run-all runs every step; it does not go with --step");
  if (options.run_all && options.script)
    return usage_error("--run-all runs the lesson in a fresh session; it does not go with --script");
  // The notebook holds cells that ran: a script's or a lesson's, without a window.
  if (options.export_notebook) {
    if (!options.script && !options.run_all)
      return usage_error("--export-notebook writes the cells of --script FILE.py or --lesson FILE --run-all; give one of them");
    if (options.lesson && !options.run_all)
      return usage_error("--export-notebook with --lesson needs --run-all (every step run, then written)");
    if (!options.edits.empty())
      return usage_error("--export-notebook does not go with --set or --set-byte: the notebook holds cells, not edits");
  }
  const bool headless = options.dump_state || !options.edits.empty() || (options.export_notebook && !options.run_all);
  if ((headless || options.run_all) && (options.zoom_percent || options.light_theme))
    return usage_error("--zoom and --theme set up the window; they do not go with --dump-state, --set or --run-all (nor --export-notebook)");
  if (options.dump_ui && !options.screenshot)
    return usage_error("--dump-ui describes the frame --screenshot takes; it needs --screenshot OUT.png");
  if ((headless || options.run_all) && options.screenshot)
    return usage_error("--screenshot opens the window; it does not go with --dump-state, --set or --run-all (nor --export-notebook)");
  if (headless && options.run_all)
    return usage_error("--run-all does not go with --dump-state or --set");

  if (options.script)
    if (auto problem = input_file_problem(*options.script, "script")) return file_error(*problem);
  // --step K needs a lesson with a step K: said with the number as typed, before anything runs.
  if (options.lesson && options.lesson_step) {
    const LessonLoad loaded = load_lesson(*options.lesson);
    if (const auto* error = std::get_if<LessonError>(&loaded)) return file_error(error->message);
    const std::size_t steps = std::get<Lesson>(loaded).steps.size();
    if (static_cast<std::size_t>(*options.lesson_step) > steps)
      return file_error("--step " + step_text + ": " + *options.lesson + " has " + std::to_string(steps) +
                        " steps (1 to " + std::to_string(steps) + ")");
  }

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

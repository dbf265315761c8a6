// Test helper: stand-ins for the desktop's file chooser. zenity and kdialog are not installed
// where the tests run, so a test writes a shell script of that name into a scratch folder put
// first on PATH (restored, with XDG_CURRENT_DESKTOP, when the helper dies). Each script records
// the arguments it received and its process id, then does what the test asked.
#pragma once

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tests/support/process_helpers.h"

namespace bufferlab::testing {

class ChooserStandIn {
 public:
  // PATH becomes the scratch folder alone (with `keep_path`, followed by the old PATH): no real
  // chooser of this machine is ever started by a test.
  explicit ChooserStandIn(const std::string& desktop = "GNOME", bool keep_path = false) {
    remember("PATH", old_path_);
    remember("XDG_CURRENT_DESKTOP", old_desktop_);
    const std::string path = folder_.path().string() + (keep_path && old_path_ ? ":" + *old_path_ : "");
    ::setenv("PATH", path.c_str(), 1);
    ::setenv("XDG_CURRENT_DESKTOP", desktop.c_str(), 1);
  }
  ~ChooserStandIn() {
    restore("PATH", old_path_);
    restore("XDG_CURRENT_DESKTOP", old_desktop_);
  }
  ChooserStandIn(const ChooserStandIn&) = delete;
  ChooserStandIn& operator=(const ChooserStandIn&) = delete;

  // Writes `program` ("zenity" or "kdialog"): it records its arguments, one NUL-terminated each,
  // and its pid, counts its starts, then runs `body` (sh).
  void install(const std::string& program, const std::string& body, const std::string& interpreter = "/bin/sh") {
    const std::filesystem::path script = folder_ / program;
    // The script runs its own commands (sleep) from the PATH the test started with.
    write_file(script, "#!" + interpreter + "\n" + "PATH=" + shell_quote(old_path_.value_or("")) + "\n" +
                           "printf '%s\\000' \"$@\" > " + shell_quote((folder_ / "args").string()) + "\n" +
                           "echo $$ > " + shell_quote((folder_ / "pid").string()) + "\n" +
                           "echo started >> " + shell_quote((folder_ / "starts").string()) + "\n" + body + "\n");
    ::chmod(script.c_str(), 0755);
  }
  // A chooser that prints `path` and exits 0, as a chosen file does.
  void choose(const std::string& program, const std::string& path) {
    install(program, "printf '%s\\n' " + shell_quote(path) + "\nexit 0");
  }
  // A chooser that stays open until release() and then prints `path`.
  void choose_when_released(const std::string& program, const std::string& path) {
    install(program, "while [ ! -e " + shell_quote((folder_ / "go").string()) + " ]; do sleep 0.02; done\n" +
                         "printf '%s\\n' " + shell_quote(path) + "\nexit 0");
  }
  void release() { write_file(folder_ / "go", ""); }

  // The arguments of the last start (argv[1] on), or nothing when it never started.
  std::optional<std::vector<std::string>> arguments() const {
    if (!std::filesystem::exists(folder_ / "args")) return std::nullopt;
    std::vector<std::string> args;
    std::string current;
    for (char c : read_file(folder_ / "args")) {
      if (c == '\0') {
        args.push_back(current);
        current.clear();
      } else {
        current += c;
      }
    }
    return args;
  }
  int starts() const {
    const std::string text = read_file(folder_ / "starts");
    int count = 0;
    for (char c : text) count += c == '\n';
    return count;
  }
  // The process id the last start wrote (0 before it has written it).
  int pid() const { return std::atoi(read_file(folder_ / "pid").c_str()); }
  const ScratchDir& folder() const { return folder_; }

 private:
  static void remember(const char* name, std::optional<std::string>& value) {
    if (const char* text = std::getenv(name)) value = text;
  }
  static void restore(const char* name, const std::optional<std::string>& value) {
    if (value)
      ::setenv(name, value->c_str(), 1);
    else
      ::unsetenv(name);
  }

  ScratchDir folder_;
  std::optional<std::string> old_path_, old_desktop_;
};

}  // namespace bufferlab::testing

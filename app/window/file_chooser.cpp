// Finding zenity or kdialog, building its arguments, and running it as a child process whose
// stdout is read through a non-blocking pipe.
#include "app/window/file_chooser.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

extern char** environ;

namespace bufferlab {

namespace {

constexpr std::size_t kMaxOutput = 64 * 1024;  // a path is far shorter; the rest is dropped

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

bool is_executable_file(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

// The first folder of PATH that holds `name` as an executable file. Empty entries (the current
// folder) are skipped: a chooser is never taken from wherever the app was started.
std::optional<std::string> find_on_path(const std::string& path_list, const std::string& name) {
  for (const std::string& folder : split(path_list, ':')) {
    if (folder.empty()) continue;
    const std::string candidate = folder + (folder.back() == '/' ? "" : "/") + name;
    if (is_executable_file(candidate)) return candidate;
  }
  return std::nullopt;
}

bool desktop_is_kde(const std::string& desktop) {
  for (std::string entry : split(desktop, ':')) {
    for (char& c : entry) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (entry == "KDE") return true;
  }
  return false;
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string joined;
  for (std::size_t i = 0; i < parts.size(); ++i) joined += (i ? separator : "") + parts[i];
  return joined;
}

std::string in_folder(const std::string& folder, const std::string& name) {
  if (folder.empty()) return name;
  return folder + (folder.back() == '/' ? "" : "/") + name;
}

}  // namespace

std::optional<ChooserProgram> find_chooser_program(const std::string& path_list, const std::string& desktop) {
  const char* order_kde[] = {"kdialog", "zenity"};
  const char* order_other[] = {"zenity", "kdialog"};
  for (const char* name : desktop_is_kde(desktop) ? order_kde : order_other)
    if (auto path = find_on_path(path_list, name)) return ChooserProgram{name, *path};
  return std::nullopt;
}

std::optional<ChooserProgram> find_chooser_program() {
  const char* path = std::getenv("PATH");
  const char* desktop = std::getenv("XDG_CURRENT_DESKTOP");
  return find_chooser_program(path ? path : "", desktop ? desktop : "");
}

std::vector<std::string> chooser_arguments(const ChooserProgram& program, const ChooserRequest& request) {
  const std::string start = request.save ? in_folder(request.folder, request.default_name)
                                         : (request.folder.empty() ? std::string() : in_folder(request.folder, ""));
  if (program.name == "kdialog") {
    // kdialog: --getopenfilename START FILTER, filters as "PATTERNS|LABEL" one a line. Its save
    // dialog asks before replacing a file by itself.
    std::vector<std::string> filter_lines;
    for (const FileFilter& filter : request.filters) filter_lines.push_back(join(filter.patterns, " ") + "|" + filter.label);
    std::vector<std::string> args = {program.name, "--title", request.title,
                                     request.save ? "--getsavefilename" : "--getopenfilename",
                                     start.empty() ? "." : start};
    if (!filter_lines.empty()) args.push_back(join(filter_lines, "\n"));
    return args;
  }
  std::vector<std::string> args = {program.name, "--file-selection", "--title=" + request.title};
  if (request.save) {
    args.push_back("--save");
    args.push_back("--confirm-overwrite");
  }
  // A folder ends with '/' so zenity opens it rather than proposing its name.
  if (!start.empty()) args.push_back("--filename=" + start);
  for (const FileFilter& filter : request.filters)
    args.push_back("--file-filter=" + filter.label + " | " + join(filter.patterns, " "));
  return args;
}

FileChooser::~FileChooser() { cancel(); }

bool FileChooser::start(const ChooserProgram& program, const ChooserRequest& request, std::string* error) {
  if (running()) {
    *error = "a file chooser is already open";
    return false;
  }
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    *error = std::string("no pipe for ") + program.name + ": " + std::strerror(errno);
    return false;
  }
  // The child: stdout into the pipe, stdin from /dev/null, its own process group (so ending it
  // ends whatever it started), no signal mask and default handlers (Python ignores SIGPIPE, and
  // an ignored signal would stay ignored across exec).
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t no_signals, default_signals;
  sigemptyset(&no_signals);
  sigemptyset(&default_signals);
  for (int signal_number : {SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGCHLD}) sigaddset(&default_signals, signal_number);
  posix_spawnattr_setsigmask(&attributes, &no_signals);
  posix_spawnattr_setsigdefault(&attributes, &default_signals);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<std::string> args = chooser_arguments(program, request);
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int failure = ::posix_spawn(&pid, program.path.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(fds[1]);
  if (failure != 0) {
    ::close(fds[0]);
    *error = "could not start " + program.name + ": " + std::strerror(failure);
    return false;
  }
  ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
  pid_ = pid;
  stdout_fd_ = fds[0];
  program_name_ = program.name;
  output_.clear();
  return true;
}

void FileChooser::drain_pipe() {
  if (stdout_fd_ < 0) return;
  char chunk[4096];
  while (true) {
    const ssize_t count = ::read(stdout_fd_, chunk, sizeof chunk);
    if (count > 0) {
      const std::size_t room = kMaxOutput - std::min(kMaxOutput, output_.size());
      output_.append(chunk, std::min(room, static_cast<std::size_t>(count)));
      continue;
    }
    if (count < 0 && errno == EINTR) continue;
    if (count == 0) close_pipe();  // end of file: the chooser closed its stdout
    return;                        // EAGAIN: nothing more for now
  }
}

void FileChooser::close_pipe() {
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
  stdout_fd_ = -1;
}

std::optional<ChooserResult> FileChooser::poll() {
  if (!running()) return std::nullopt;
  drain_pipe();
  int status = 0;
  const pid_t waited = ::waitpid(pid_, &status, WNOHANG);
  if (waited == 0) return std::nullopt;  // still open
  drain_pipe();  // what it printed just before it ended
  close_pipe();
  pid_ = -1;
  ChooserResult result;
  result.kind = ChooserResult::Kind::Failed;
  if (waited < 0) {
    result.reason = program_name_ + " could not be waited for: " + std::strerror(errno);
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
    // One path on the first line (a file name may hold spaces, so nothing else is trimmed).
    std::string path = output_.substr(0, output_.find('\n'));
    if (!path.empty() && path.back() == '\r') path.pop_back();
    if (path.empty()) {
      result.reason = program_name_ + " named no file";
    } else {
      result.kind = ChooserResult::Kind::Chosen;
      result.path = std::move(path);
    }
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == 1) {
    result.kind = ChooserResult::Kind::Cancelled;  // Cancel, Escape or the window closed
  } else if (WIFEXITED(status)) {
    result.reason = program_name_ + " ended with status " + std::to_string(WEXITSTATUS(status));
  } else {
    result.reason = program_name_ + " was ended by signal " + std::to_string(WTERMSIG(status));
  }
  output_.clear();
  return result;
}

void FileChooser::cancel() {
  if (running()) {
    // The group: a chooser started through a script ends with everything it started.
    ::kill(-pid_, SIGTERM);
    bool reaped = false;
    for (int i = 0; i < 100 && !reaped; ++i) {
      const pid_t waited = ::waitpid(pid_, nullptr, WNOHANG);
      reaped = waited == pid_ || (waited < 0 && errno != EINTR);
      if (!reaped) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (!reaped) {
      ::kill(-pid_, SIGKILL);
      while (::waitpid(pid_, nullptr, 0) < 0 && errno == EINTR) {
      }
    }
    pid_ = -1;
  }
  close_pipe();
  output_.clear();
}

}  // namespace bufferlab

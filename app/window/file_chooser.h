// The desktop's file chooser (zenity, or kdialog on KDE) run as a child process: no toolkit is
// linked in. The window polls it each frame, so it keeps drawing while the chooser is open.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace bufferlab {

// A chooser program found on PATH: "zenity" or "kdialog", and where it is.
struct ChooserProgram {
  std::string name;
  std::string path;
};

// Finds zenity or kdialog in the folders of `path_list` (PATH's form): kdialog first when
// `desktop` (XDG_CURRENT_DESKTOP's form, "KDE" or "ubuntu:GNOME") names KDE, else zenity first.
std::optional<ChooserProgram> find_chooser_program(const std::string& path_list, const std::string& desktop);
// The same, from this process's PATH and XDG_CURRENT_DESKTOP.
std::optional<ChooserProgram> find_chooser_program();

// A pattern group the chooser offers, as "Lessons" with {"*.md", "*.ipynb"}.
struct FileFilter {
  std::string label;
  std::vector<std::string> patterns;
};

struct ChooserRequest {
  bool save = false;  // save mode: a new or existing file, the chooser confirms overwriting
  std::string title;
  std::string folder;        // where the chooser starts
  std::string default_name;  // save mode: the name proposed in `folder`
  std::vector<FileFilter> filters;
};

// The program's argument vector (argv[0] first) for `request`, in zenity's or kdialog's syntax.
std::vector<std::string> chooser_arguments(const ChooserProgram& program, const ChooserRequest& request);

struct ChooserResult {
  enum class Kind { Chosen, Cancelled, Failed };
  Kind kind = Kind::Cancelled;
  std::string path;    // Chosen: the file
  std::string reason;  // Failed: why, for the typed-path fallback
};

// One chooser at a time. The destructor ends a chooser still open (its process group) and reaps
// it, so closing the window leaves no dialog and no zombie behind.
class FileChooser {
 public:
  FileChooser() = default;
  ~FileChooser();
  FileChooser(const FileChooser&) = delete;
  FileChooser& operator=(const FileChooser&) = delete;

  // Starts `program` for `request`. False with `error` set when it could not be started (or a
  // chooser is already open: never two at once).
  bool start(const ChooserProgram& program, const ChooserRequest& request, std::string* error);
  bool running() const { return pid_ > 0; }
  // Never blocks: reads what the chooser printed so far and, once it has ended, reaps it and
  // returns how it ended (once). Nothing while it is still open or when none was started.
  std::optional<ChooserResult> poll();
  // Ends a chooser still open (SIGTERM to its group, SIGKILL if it lingers) and reaps it.
  void cancel();

 private:
  void close_pipe();
  void drain_pipe();

  pid_t pid_ = -1;
  int stdout_fd_ = -1;  // read end of the chooser's stdout
  std::string program_name_;
  std::string output_;
};

}  // namespace bufferlab

// Unit tests of the desktop file chooser launcher: which program it picks, the arguments it
// passes, and the child process it runs (chosen, cancelled, failed, never blocking, never two,
// never a zombie), with stand-in zenity and kdialog scripts.
#include <doctest/doctest.h>
#include <signal.h>

#include <cerrno>
#include <chrono>
#include <thread>

#include "app/window/file_chooser.h"
#include "tests/gui/chooser_stand_in.h"

namespace bufferlab::testing {

namespace {

ChooserRequest open_request(const std::string& folder) {
  ChooserRequest request;
  request.title = "Open lesson";
  request.folder = folder;
  request.filters = {{"Lessons", {"*.md", "*.ipynb"}}, {"All files", {"*"}}};
  return request;
}

ChooserRequest save_request(const std::string& folder) {
  ChooserRequest request;
  request.save = true;
  request.title = "Export notebook";
  request.folder = folder;
  request.default_name = "session.ipynb";
  request.filters = {{"Jupyter notebooks", {"*.ipynb"}}};
  return request;
}

// Polls until the chooser ends (at most `seconds`), as the frame loop does.
std::optional<ChooserResult> wait_for(FileChooser& chooser, double seconds = 10.0) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    if (std::optional<ChooserResult> result = chooser.poll()) return result;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return std::nullopt;
}

// True while `pid` exists, a zombie included (kill succeeds on a zombie).
bool process_exists(int pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno != ESRCH); }

// True while `pid` runs: not gone and not a zombie waiting for whoever reaps orphans.
bool process_running(int pid) {
  if (!process_exists(pid)) return false;
  const std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  const std::size_t after_name = stat.rfind(')');
  return after_name != std::string::npos && after_name + 2 < stat.size() && stat[after_name + 2] != 'Z';
}

}  // namespace

TEST_CASE("The chooser is kdialog on KDE, else zenity, found on PATH only where it can run") {
  ChooserStandIn stand_in;
  const std::string folder = stand_in.folder().path().string();
  CHECK_FALSE(find_chooser_program(folder, "GNOME").has_value());  // none there yet
  stand_in.install("kdialog", "exit 1");
  auto found = find_chooser_program(folder, "GNOME");
  REQUIRE(found);
  CHECK(found->name == "kdialog");  // the only one there, on any desktop
  CHECK(found->path == (stand_in.folder() / "kdialog").string());
  stand_in.install("zenity", "exit 1");
  CHECK(find_chooser_program(folder, "GNOME")->name == "zenity");
  CHECK(find_chooser_program(folder, "")->name == "zenity");
  CHECK(find_chooser_program(folder, "KDE")->name == "kdialog");
  CHECK(find_chooser_program(folder, "ubuntu:kde")->name == "kdialog");
  // Further on PATH, after an empty entry and a missing folder.
  CHECK(find_chooser_program("::/no/such/folder:" + folder, "X-Cinnamon")->name == "zenity");
  // A file that cannot run is no chooser.
  ::chmod((stand_in.folder() / "zenity").c_str(), 0644);
  CHECK(find_chooser_program(folder, "GNOME")->name == "kdialog");
  // From the environment.
  CHECK(find_chooser_program()->name == "kdialog");
}

TEST_CASE("The chooser's arguments: title, start folder, filters, save mode that confirms overwriting") {
  const ChooserProgram zenity{"zenity", "/somewhere/zenity"}, kdialog{"kdialog", "/somewhere/kdialog"};
  CHECK(chooser_arguments(zenity, open_request("/home/t/lessons")) ==
        std::vector<std::string>{"zenity", "--file-selection", "--title=Open lesson", "--filename=/home/t/lessons/",
                                 "--file-filter=Lessons | *.md *.ipynb", "--file-filter=All files | *"});
  CHECK(chooser_arguments(zenity, save_request("/home/t")) ==
        std::vector<std::string>{"zenity", "--file-selection", "--title=Export notebook", "--save",
                                 "--confirm-overwrite", "--filename=/home/t/session.ipynb",
                                 "--file-filter=Jupyter notebooks | *.ipynb"});
  CHECK(chooser_arguments(kdialog, open_request("/home/t/lessons")) ==
        std::vector<std::string>{"kdialog", "--title", "Open lesson", "--getopenfilename", "/home/t/lessons/",
                                 "*.md *.ipynb|Lessons\n*|All files"});
  CHECK(chooser_arguments(kdialog, save_request("/home/t")) ==
        std::vector<std::string>{"kdialog", "--title", "Export notebook", "--getsavefilename", "/home/t/session.ipynb",
                                 "*.ipynb|Jupyter notebooks"});
}

TEST_CASE("A chosen file comes back whole, spaces included, and the chooser got the arguments") {
  ChooserStandIn stand_in;
  stand_in.choose("zenity", "/tmp/my lessons/lesson one.md");
  const ChooserProgram program = *find_chooser_program();
  FileChooser chooser;
  std::string error;
  REQUIRE(chooser.start(program, open_request("/home/t"), &error));
  CHECK(chooser.running());
  const std::optional<ChooserResult> result = wait_for(chooser);
  REQUIRE(result);
  CHECK(result->kind == ChooserResult::Kind::Chosen);
  CHECK(result->path == "/tmp/my lessons/lesson one.md");
  CHECK_FALSE(chooser.running());
  CHECK_FALSE(chooser.poll().has_value());  // told once
  std::vector<std::string> expected = chooser_arguments(program, open_request("/home/t"));
  expected.erase(expected.begin());
  CHECK(stand_in.arguments() == expected);
  CHECK_FALSE(process_exists(stand_in.pid()));  // reaped, no zombie
}

TEST_CASE("Cancel (exit 1) is nothing, exit 5 or an empty answer is a failure with the reason") {
  ChooserStandIn stand_in;
  FileChooser chooser;
  std::string error;
  stand_in.install("zenity", "exit 1");
  REQUIRE(chooser.start(*find_chooser_program(), open_request(""), &error));
  std::optional<ChooserResult> result = wait_for(chooser);
  REQUIRE(result);
  CHECK(result->kind == ChooserResult::Kind::Cancelled);

  stand_in.install("zenity", "echo 'zenity: cannot open display' >&2\nexit 5");
  REQUIRE(chooser.start(*find_chooser_program(), open_request(""), &error));
  result = wait_for(chooser);
  REQUIRE(result);
  CHECK(result->kind == ChooserResult::Kind::Failed);
  CHECK(result->reason == "zenity ended with status 5");

  stand_in.install("zenity", "exit 0");
  REQUIRE(chooser.start(*find_chooser_program(), open_request(""), &error));
  result = wait_for(chooser);
  REQUIRE(result);
  CHECK(result->kind == ChooserResult::Kind::Failed);
  CHECK(result->reason == "zenity named no file");
}

TEST_CASE("A chooser that cannot be started says why, and nothing is left running") {
  ChooserStandIn stand_in;
  stand_in.install("zenity", "exit 0", "/no/such/interpreter");
  FileChooser chooser;
  std::string error;
  CHECK_FALSE(chooser.start(*find_chooser_program(), open_request(""), &error));
  CHECK(error.find("could not start zenity") == 0);
  CHECK_FALSE(chooser.running());
  CHECK_FALSE(chooser.poll().has_value());
}

TEST_CASE("Polling never waits for an open chooser, and a second one is never started") {
  ChooserStandIn stand_in;
  stand_in.choose_when_released("zenity", "/tmp/later.md");
  FileChooser chooser;
  std::string error;
  REQUIRE(chooser.start(*find_chooser_program(), open_request(""), &error));
  const auto begin = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) {
    CHECK_FALSE(chooser.poll().has_value());
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // 20 polls and 200 ms of sleeping: the polls themselves took next to nothing.
  CHECK(std::chrono::steady_clock::now() - begin < std::chrono::seconds(2));
  CHECK(chooser.running());
  CHECK_FALSE(chooser.start(*find_chooser_program(), open_request(""), &error));
  CHECK(error == "a file chooser is already open");
  stand_in.release();
  const std::optional<ChooserResult> result = wait_for(chooser);
  REQUIRE(result);
  CHECK(result->path == "/tmp/later.md");
  CHECK(stand_in.starts() == 1);
}

TEST_CASE("A chooser still open when its owner goes is ended and reaped, with what it started") {
  ChooserStandIn stand_in;
  // The shell starts a sleep of its own: both must go.
  stand_in.install("zenity", "sleep 60 &\necho $! > " + shell_quote((stand_in.folder() / "sleep-pid").string()) + "\nwait");
  int shell_pid = 0, sleep_pid = 0;
  {
    FileChooser chooser;
    std::string error;
    REQUIRE(chooser.start(*find_chooser_program(), open_request(""), &error));
    for (int i = 0; i < 500 && (stand_in.pid() == 0 || !std::filesystem::exists(stand_in.folder() / "sleep-pid")); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    shell_pid = stand_in.pid();
    sleep_pid = std::atoi(read_file(stand_in.folder() / "sleep-pid").c_str());
    REQUIRE(shell_pid > 0);
    REQUIRE(sleep_pid > 0);
    CHECK(process_exists(shell_pid));
  }
  CHECK_FALSE(process_exists(shell_pid));  // killed and reaped: not even a zombie
  // The sleep is not our child (whoever reaps orphans reaps it): it no longer runs.
  for (int i = 0; i < 200 && process_running(sleep_pid); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK_FALSE(process_running(sleep_pid));
}

}  // namespace bufferlab::testing

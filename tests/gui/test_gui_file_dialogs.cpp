// Headless GUI tests of File > Open lesson, Export notebook and Save transcript: the desktop's
// chooser (stand-in zenity and kdialog scripts) started without blocking the frames, its answer
// carried out (a lesson opened, a command pushed), cancel, failures falling back to the typed
// path with the reason, and the typed path keeping the keyboard after a failed open.
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "app/widgets/ui_record.h"
#include "app/window/window_chrome.h"
#include "tests/gui/chooser_stand_in.h"
#include "tests/gui/headless_imgui.h"
#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {

namespace {

constexpr int kKeyO = 'O', kKeyS = 'S';

// The window chrome alone in a headless ImGui context, with the commands it pushes kept and the
// lesson opener answered by the test: for what the workbench would carry out.
class ChromeHarness {
 public:
  ChromeHarness()
      : chrome_(layout_, [this](const std::string& path) {
          opened.push_back(path);
          if (!open_succeeds) state.lesson.load_error = "cannot read " + path;
          return open_succeeds;
        }) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1280, 720);
    const int keys[][2] = {{ImGuiKey_Enter, kKeyEnter}, {ImGuiKey_Escape, kKeyEscape}, {ImGuiKey_Backspace, kKeyBackspace}};
    for (const auto& key : keys) io.KeyMap[key[0]] = key[1];
    frame();
    frame();
  }

  void frame() {
    ImGui::NewFrame();
    record.clear();
    set_ui_record(&record);
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("##chrome", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar);
    chrome_.handle_shortcuts(state, commands_, ImGui::GetIO().WantTextInput);
    chrome_.draw_menu_bar(state, commands_);
    chrome_.draw_file_dialogs(state, commands_, 1.0f);
    ImGui::End();
    set_ui_record(nullptr);
    ImGui::Render();
    for (Command& command : commands_.take()) pushed.push_back(std::move(command));
  }
  void press(int key, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[key] = true;
    frame();
    io.KeysDown[key] = false;
    io.KeyCtrl = false;
    frame();
  }
  void type(const std::string& text) {
    for (char c : text) ImGui::GetIO().AddInputCharacter(static_cast<unsigned char>(c));
    frame();
  }
  void click(const std::string& label) {
    const RecordedItem* item = find(label);
    REQUIRE_MESSAGE(item, label, " is not on screen");
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((item->min.x + item->max.x) * 0.5f, (item->min.y + item->max.y) * 0.5f);
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
  }
  const RecordedItem* find(const std::string& label) const {
    for (const RecordedItem& item : record.items)
      if (item.label == label) return &item;
    return nullptr;
  }
  // Draws frames until the chooser has ended (as the window does, never waiting on it).
  void wait_for_chooser() {
    for (int i = 0; i < 1000 && chrome_.file_chooser_open(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      frame();
    }
    REQUIRE_FALSE(chrome_.file_chooser_open());
    frame();
  }
  WindowChrome& chrome() { return chrome_; }

  AppState state;
  UiRecord record;
  std::vector<Command> pushed;
  std::vector<std::string> opened;
  bool open_succeeds = true;

 private:
  HeadlessImGui imgui_;
  LayoutSettings layout_;
  CommandQueue commands_;
  WindowChrome chrome_;
};

// The popup window of a typed-path dialog, when it is open.
ImGuiWindow* open_dialog(const char* title) {
  ImGuiWindow* window = ImGui::FindWindowByName(title);
  return window && window->Active ? window : nullptr;
}
// Whether the typed-path field of the dialog `title` has the keyboard.
bool path_field_has_keyboard(const char* title) {
  ImGuiWindow* window = open_dialog(title);
  return window && ImGui::GetActiveID() == ImHashStr("##path", 0, window->ID);
}

std::string lesson_copy(const ScratchDir& folder, const std::string& name) {
  const std::filesystem::path copy = folder / name;
  std::filesystem::copy_file(std::filesystem::path(BUFFERLAB_SOURCE_DIR) / "assets/lessons/01-why-buffer-protocol.md", copy);
  return copy.string();
}

bool contains(const std::vector<std::string>& args, const std::string& arg) {
  return std::find(args.begin(), args.end(), arg) != args.end();
}

template <typename T>
std::vector<std::string> paths_of(const std::vector<Command>& commands) {
  std::vector<std::string> paths;
  for (const Command& command : commands)
    if (const T* c = std::get_if<T>(&command)) paths.push_back(c->path);
  return paths;
}

}  // namespace

// "File > Open lesson uses the desktop's file chooser where one is present".
TEST_CASE("Ctrl+O starts zenity, and the lesson it names opens, spaces and all") {
  GuiHarness h;
  ChooserStandIn stand_in;
  ScratchDir lessons;
  const std::string path = lesson_copy(lessons, "lesson one.md");
  stand_in.choose("zenity", path);
  h.press(kKeyO, true);
  for (int i = 0; i < 1000 && h.workbench().chrome().file_chooser_open(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    h.frame();
  }
  h.settle();
  REQUIRE(h.state().lesson.lesson.has_value());
  CHECK(h.state().lesson.lesson->source_path == path);
  CHECK(h.state().lesson.load_error.empty());
  const auto args = stand_in.arguments();
  REQUIRE(args);
  CHECK(contains(*args, "--file-selection"));
  CHECK(contains(*args, "--title=Open lesson"));
  CHECK(contains(*args, "--file-filter=Lessons (Markdown, notebooks) | *.md *.ipynb"));
  CHECK_FALSE(contains(*args, "--save"));
  CHECK(open_dialog("Open lesson") == nullptr);  // no typed dialog
}

TEST_CASE("The File menu offers Open lesson, Export notebook and Save transcript, unclipped on the classroom screen") {
  GuiHarness h;
  h.workbench().layout().zoom = 2.0f;
  h.resize(ImVec2(1280, 720));
  auto item = [&](const std::string& label) -> const RecordedItem* {
    for (const RecordedItem& recorded : h.probe().ui.items)
      if (recorded.label == label) return &recorded;
    return nullptr;
  };
  REQUIRE(item("File"));
  h.click(GuiHarness::centre(item("File")->min, item("File")->max));
  for (const char* entry : {"Open lesson...", "Export notebook...", "Save transcript..."}) {
    const RecordedItem* recorded = item(entry);
    REQUIRE_MESSAGE(recorded, entry);
    CHECK_FALSE(recorded->clipped);
    CHECK(recorded->max.x <= 1280.0f);
    CHECK(recorded->max.y <= 720.0f);
  }
}

TEST_CASE("The window keeps drawing while the chooser is open, and a second request starts none") {
  ChromeHarness h;
  ChooserStandIn stand_in;
  stand_in.choose_when_released("zenity", "/lessons/later.md");
  h.press(kKeyO, true);
  REQUIRE(h.chrome().file_chooser_open());
  const int frames_before = ImGui::GetFrameCount();
  const auto begin = std::chrono::steady_clock::now();
  for (int i = 0; i < 30; ++i) h.frame();
  CHECK(ImGui::GetFrameCount() - frames_before == 30);
  CHECK(std::chrono::steady_clock::now() - begin < std::chrono::seconds(2));  // no frame waited on it
  // Ctrl+O again, and the menu's items are greyed: still one chooser, no typed dialog.
  h.press(kKeyO, true);
  h.press(kKeyS, true);
  h.chrome().request_file(FileAction::ExportNotebook);
  h.frame();
  CHECK(h.chrome().file_chooser_open());
  CHECK(open_dialog("Open lesson") == nullptr);
  stand_in.release();
  h.wait_for_chooser();
  CHECK(stand_in.starts() == 1);
  CHECK(h.opened == std::vector<std::string>{"/lessons/later.md"});
  CHECK(h.pushed.empty());
}

TEST_CASE("Cancel in the chooser does nothing") {
  ChromeHarness h;
  ChooserStandIn stand_in;
  stand_in.install("zenity", "exit 1");
  h.press(kKeyO, true);
  h.wait_for_chooser();
  CHECK(stand_in.starts() == 1);
  CHECK(h.opened.empty());
  CHECK(h.pushed.empty());
  CHECK(open_dialog("Open lesson") == nullptr);
}

TEST_CASE("A chooser that fails falls back to the typed path, saying why") {
  ChromeHarness h;
  ChooserStandIn stand_in;
  stand_in.install("zenity", "exit 5");
  h.press(kKeyO, true);
  h.wait_for_chooser();
  h.frame();
  REQUIRE(open_dialog("Open lesson"));
  CHECK(path_field_has_keyboard("Open lesson"));
  CHECK(h.opened.empty());
  // Typed, the path opens as without a chooser.
  h.type("/lessons/typed.md");
  h.press(kKeyEnter);
  CHECK(h.opened == std::vector<std::string>{"/lessons/typed.md"});
  h.frame();
  CHECK(open_dialog("Open lesson") == nullptr);
}

TEST_CASE("A chooser that cannot start falls back to the typed path") {
  ChromeHarness h;
  ChooserStandIn stand_in;
  stand_in.install("zenity", "exit 0", "/no/such/interpreter");
  h.press(kKeyO, true);
  h.frame();
  CHECK_FALSE(h.chrome().file_chooser_open());
  CHECK(open_dialog("Open lesson"));
}

TEST_CASE("Without zenity or kdialog, Ctrl+O opens the typed path at once") {
  ChromeHarness h;
  ChooserStandIn stand_in;  // an empty folder is the whole PATH
  h.press(kKeyO, true);
  h.frame();
  CHECK_FALSE(h.chrome().file_chooser_open());
  REQUIRE(open_dialog("Open lesson"));
  CHECK(path_field_has_keyboard("Open lesson"));
}

TEST_CASE("On KDE the chooser is kdialog") {
  ChromeHarness h;
  ChooserStandIn stand_in("KDE");
  stand_in.choose("zenity", "/lessons/from-zenity.md");
  stand_in.choose("kdialog", "/lessons/from-kdialog.md");
  h.press(kKeyO, true);
  h.wait_for_chooser();
  CHECK(h.opened == std::vector<std::string>{"/lessons/from-kdialog.md"});
  const auto args = stand_in.arguments();
  REQUIRE(args);
  REQUIRE(args->size() >= 3);
  CHECK((*args)[2] == "--getopenfilename");
}

// "after a failed open the path field keeps the keyboard".
TEST_CASE("A failed typed open keeps the reason on show and the keyboard in the path field") {
  ChromeHarness h;
  ChooserStandIn stand_in;
  h.open_succeeds = false;
  h.press(kKeyO, true);
  h.frame();
  REQUIRE(path_field_has_keyboard("Open lesson"));
  h.type("/lessons/typo.md");
  h.press(kKeyEnter);  // Enter leaves the field; the failure gives it back
  h.frame();
  CHECK(h.opened == std::vector<std::string>{"/lessons/typo.md"});
  REQUIRE(open_dialog("Open lesson"));
  CHECK(path_field_has_keyboard("Open lesson"));
  CHECK(h.chrome().file_dialog_error() == "cannot read /lessons/typo.md");
  // Typing goes on where it was: the teacher corrects the path and tries again.
  h.press(kKeyBackspace);
  h.press(kKeyBackspace);
  h.type("ipynb");
  CHECK(h.chrome().typed_path() == "/lessons/typo.ipynb");
  CHECK(h.chrome().file_dialog_error() == "cannot read /lessons/typo.md");  // still shown
  h.open_succeeds = true;
  h.click("Open");
  CHECK(h.opened.back() == "/lessons/typo.ipynb");
  h.frame();
  CHECK(open_dialog("Open lesson") == nullptr);
}

TEST_CASE("A chosen lesson that does not load comes back in the typed path with the reason") {
  ChromeHarness h;
  ChooserStandIn stand_in;
  stand_in.choose("zenity", "/lessons/broken.md");
  h.open_succeeds = false;
  h.press(kKeyO, true);
  h.wait_for_chooser();
  h.frame();
  REQUIRE(open_dialog("Open lesson"));
  CHECK(h.chrome().typed_path() == "/lessons/broken.md");
  CHECK(h.chrome().file_dialog_error() == "cannot read /lessons/broken.md");
  CHECK(path_field_has_keyboard("Open lesson"));
}

TEST_CASE("File > Export notebook asks zenity where, as a new .ipynb, and exports there") {
  ChromeHarness h;
  ChooserStandIn stand_in;
  stand_in.choose("zenity", "/home/t/take home.ipynb");
  h.click("File");
  h.click("Export notebook...");
  h.wait_for_chooser();
  CHECK(paths_of<ExportNotebook>(h.pushed) == std::vector<std::string>{"/home/t/take home.ipynb"});
  const auto args = stand_in.arguments();
  REQUIRE(args);
  CHECK(contains(*args, "--save"));
  CHECK(contains(*args, "--confirm-overwrite"));
  CHECK(contains(*args, "--title=Export notebook"));
  CHECK(contains(*args, "--file-filter=Jupyter notebooks | *.ipynb"));
  CHECK(contains(*args, "--filename=" + std::filesystem::current_path().string() + "/bufferlab-session.ipynb"));
  // The next chooser starts where this file went.
  stand_in.install("zenity", "exit 1");
  h.chrome().request_file(FileAction::ExportNotebook);
  h.frame();
  h.wait_for_chooser();
  CHECK(contains(*stand_in.arguments(), "--filename=/home/t/bufferlab-session.ipynb"));
}

TEST_CASE("Ctrl+S saves the transcript where kdialog says, proposing a .txt") {
  ChromeHarness h;
  ChooserStandIn stand_in("KDE");
  stand_in.choose("kdialog", "/home/t/class.txt");
  h.press(kKeyS, true);
  h.wait_for_chooser();
  CHECK(paths_of<SaveTranscript>(h.pushed) == std::vector<std::string>{"/home/t/class.txt"});
  const auto args = stand_in.arguments();
  REQUIRE(args);
  CHECK(contains(*args, "--getsavefilename"));
  CHECK(contains(*args, std::filesystem::current_path().string() + "/bufferlab-transcript.txt"));
  CHECK(contains(*args, "*.txt|Text files\n*|All files"));
}

TEST_CASE("Without a chooser, saving takes a typed path and asks before replacing a file") {
  ChromeHarness h;
  ChooserStandIn stand_in;
  h.chrome().request_file(FileAction::SaveTranscript);
  h.frame();
  h.frame();
  REQUIRE(open_dialog("Save transcript"));
  CHECK(h.chrome().typed_path() == std::filesystem::current_path().string() + "/bufferlab-transcript.txt");
  CHECK(path_field_has_keyboard("Save transcript"));
  // An existing file: the first Save asks, the second replaces.
  const std::string existing = (stand_in.folder() / "old.txt").string();
  write_file(existing, "kept\n");
  h.press(kKeyEscape);
  h.frame();
  CHECK(open_dialog("Save transcript") == nullptr);
  CHECK(h.pushed.empty());
  h.chrome().request_file(FileAction::SaveTranscript);
  h.frame();
  h.frame();
  REQUIRE(path_field_has_keyboard("Save transcript"));
  for (int i = 0; i < 400 && !h.chrome().typed_path().empty(); ++i) h.press(kKeyBackspace);
  REQUIRE(h.chrome().typed_path().empty());
  h.type(existing);
  h.press(kKeyEnter);
  h.frame();
  CHECK(h.pushed.empty());
  REQUIRE(h.find("Replace"));
  CHECK(path_field_has_keyboard("Save transcript"));
  h.click("Replace");
  CHECK(paths_of<SaveTranscript>(h.pushed) == std::vector<std::string>{existing});
  h.frame();
  CHECK(open_dialog("Save transcript") == nullptr);
}

}  // namespace bufferlab::testing

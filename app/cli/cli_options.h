// Command-line options of the bufferlab binary, parsed once in main.cpp.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/edit/edit_spec.h"

namespace bufferlab {

// One --set or --set-byte: as typed (for messages) and as parsed.
struct EditOption {
  std::string spec;
  std::variant<ElementEdit, ByteEdit> edit;
  const char* flag() const { return std::holds_alternative<ByteEdit>(edit) ? "--set-byte" : "--set"; }
};

struct CliOptions {
  std::optional<std::string> script;       // --script FILE.py
  std::vector<EditOption> edits;           // --set / --set-byte, in command-line order
  std::optional<std::string> dump_state;   // --dump-state OUT.json
  std::optional<std::string> export_notebook;  // --export-notebook OUT.ipynb: the cells run, as a notebook
  std::optional<std::string> lesson;       // --lesson FILE
  std::optional<int> lesson_step;          // --step K
  bool run_all = false;                    // --run-all
  std::optional<double> timeout;           // --timeout SECONDS: interrupt a script or step after it
  std::optional<std::string> screenshot;   // --screenshot OUT.png
  std::optional<std::string> dump_ui;      // --dump-ui OUT.json: what the screenshot's frame showed
  std::optional<int> zoom_percent;         // --zoom PERCENT: text size (saved in the layout)
  std::optional<bool> light_theme;         // --theme light|dark (saved in the layout)
  int frames = 3;                          // --frames N
  int width = 1280;                        // --size WxH
  int height = 800;
};

// --zoom's range, in percent of the default text size (LayoutSettings' zoom range).
constexpr int kMinZoomPercent = 70;
constexpr int kMaxZoomPercent = 220;

// Exit codes of the headless modes.
constexpr int kExitOk = 0;
constexpr int kExitScriptRaised = 1;
constexpr int kExitUsage = 2;
constexpr int kExitEditRefused = 3;

// The window: returns the process exit code. Defined in window_app.cpp.
int run_window(const CliOptions& options);

// --script/--set/--set-byte/--dump-state without a window. Defined in headless.cpp.
int run_headless(const CliOptions& options);

}  // namespace bufferlab

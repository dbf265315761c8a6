// Headless mode: run a script, apply edits through the same C++ path as the GUI, dump state.
#include <cstdio>
#include <iostream>

#include "app/cli/cli_options.h"
#include "app/controller/session_notebook.h"
#include "core/edit/edit.h"
#include "core/edit/edit_spec.h"
#include "core/py/session.h"
#include "app/cli/interrupt_timer.h"
#include "app/cli/process_output.h"
#include "core/state_json.h"

namespace bufferlab {
namespace {

// The command line's edits as requests of the one edit path; a name that exports no buffer is
// refused here, before anything is written.
std::variant<EditRequest, std::string> to_request(const Snapshot& snapshot, const EditOption& option) {
  if (const auto* edit = std::get_if<ByteEdit>(&option.edit)) {
    const int index = snapshot.index_of(edit->name);
    if (index < 0) return snapshot.missing_name_message(edit->name);
    return EditRequest{ObjectByteWrite{index, edit->offset, edit->value}};
  }
  const auto& edit = std::get<ElementEdit>(option.edit);
  const int index = snapshot.index_of(edit.name);
  if (index < 0) return snapshot.missing_name_message(edit.name);
  return EditRequest{ElementWrite{index, edit.index, edit.literal}};
}

}  // namespace

int run_headless(const CliOptions& options) {
  Interpreter interpreter;
  Session session;
  session.set_output_sink(write_to_process_streams);

  int exit_code = kExitOk;
  if (options.script) {
    InterruptTimer timer(session, options.timeout, "the script");
    const CellResult result = session.run_file(*options.script);
    if (result.raised) exit_code = kExitScriptRaised;
    if (options.export_notebook) {
      // The script is one code cell. Run again as a cell, its last line echoes its value when it
      // is a bare expression, which python3 FILE does not print (see docs/lessons.md).
      NotebookCell cell = script_cell(*options.script);
      cell.execution_count = 1;
      record_cell_result(cell, result);
      if (auto error = write_notebook_file(*options.export_notebook, {cell})) {
        std::fprintf(stderr, "bufferlab: %s\n", error->c_str());
        return kExitUsage;
      }
    }
  }

  // Every edit is checked before the first is written: a refusal leaves memory as the script
  // left it, as the message says.
  std::vector<EditRequest> requests;
  std::optional<std::pair<std::size_t, std::string>> refused;
  for (std::size_t i = 0; i < options.edits.size() && !refused; ++i) {
    auto request = to_request(session.snapshot(), options.edits[i]);
    if (auto* why = std::get_if<std::string>(&request)) {
      refused.emplace(i, *why);
    } else {
      requests.push_back(std::move(std::get<EditRequest>(request)));
    }
  }
  if (!refused)
    if (auto batch = apply_edits(session, session.snapshot(), requests))
      refused.emplace(batch->index, batch->refusal.message);
  if (refused) {
    const EditOption& edit = options.edits[refused->first];
    std::fprintf(stderr, "bufferlab: edit refused (%s '%s'): %s; nothing was written\n", edit.flag(),
                 edit.spec.c_str(), refused->second.c_str());
    exit_code = kExitEditRefused;
  }

  if (options.dump_state) {
    // Streamed to a temporary renamed into place: no truncated file when it fails.
    if (auto error = write_state_file(*options.dump_state, session.snapshot(), session)) {
      std::fprintf(stderr, "bufferlab: cannot write '%s': %s\n", options.dump_state->c_str(), error->c_str());
      return kExitUsage;
    }
  }
  return exit_code;
}

}  // namespace bufferlab

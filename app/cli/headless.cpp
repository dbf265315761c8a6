// Headless mode: run a script, apply edits through the same C++ path as the GUI, dump state.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "app/cli/cli_options.h"
#include "core/edit/edit_spec.h"
#include "core/py/session.h"
#include "app/cli/process_output.h"
#include "core/state_json.h"

namespace bufferlab {
namespace {

// Applies one --set or --set-byte; returns the refusal message, if any.
std::optional<std::string> apply_edit(Session& session, const EditOption& option) {
  const Snapshot& snapshot = session.snapshot();
  if (const auto* edit = std::get_if<ByteEdit>(&option.edit)) {
    const int index = snapshot.index_of(edit->name);
    if (index < 0) return "no buffer-exporting name '" + edit->name + "' in the session";
    if (edit->value < 0 || edit->value > 255)
      return edit->name + ": " + std::to_string(edit->value) + " does not fit in a byte (0..255)";
    if (auto refusal = session.write_byte(index, edit->offset, static_cast<std::uint8_t>(edit->value)))
      return refusal->message;
    return std::nullopt;
  }
  const auto& edit = std::get<ElementEdit>(option.edit);
  const int index = snapshot.index_of(edit.name);
  if (index < 0) return "no buffer-exporting name '" + edit.name + "' in the session";
  if (auto refusal = session.write_element(index, edit.index, edit.literal)) return refusal->message;
  return std::nullopt;
}

}  // namespace

int run_headless(const CliOptions& options) {
  Interpreter interpreter;
  Session session;
  session.set_output_sink(write_to_process_streams);

  int exit_code = kExitOk;
  if (options.script && session.run_file(*options.script).raised) exit_code = kExitScriptRaised;

  for (const EditOption& edit : options.edits) {
    if (auto refusal = apply_edit(session, edit)) {
      std::fprintf(stderr, "bufferlab: edit refused (%s '%s'): %s; nothing was written\n",
                   edit.flag(), edit.spec.c_str(), refusal->c_str());
      exit_code = kExitEditRefused;
      break;
    }
  }

  if (options.dump_state) {
    std::ofstream out(*options.dump_state, std::ios::binary);
    if (out) out << state_to_json(session.snapshot(), session).dump(1) << '\n';
    if (!out) {
      std::fprintf(stderr, "bufferlab: cannot write '%s'\n", options.dump_state->c_str());
      return kExitUsage;
    }
  }
  return exit_code;
}

}  // namespace bufferlab

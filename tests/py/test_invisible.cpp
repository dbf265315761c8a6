// Buffer Lab is invisible to Python: run a statement per cell, with a snapshot after each, and
// the program prints what python3 prints running the whole file (resize checks, refcounts,
// weakrefs, __del__ timing); memory is read by looking names up again, never through a kept
// reference.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "tests/support/process_helpers.h"
#include "tests/support/python_fixture.h"

using namespace bufferlab;
using namespace bufferlab::testing;

namespace {

std::string script_path(const std::string& name) {
  return std::string(BUFFERLAB_SOURCE_DIR) + "/tests/scripts/" + name;
}

// The file's top-level statements, each as the source of one cell, split by python3's own ast.
// A bare expression gets "pass" after it, so the cell echoes nothing a file run would not print.
std::vector<std::string> statements_of(const std::string& path, const ScratchDir& scratch) {
  const char* splitter =
      "import ast, json, sys\n"
      "source = open(sys.argv[1], encoding='utf-8').read()\n"
      "lines = source.splitlines(True)\n"
      "cells = []\n"
      "for node in ast.parse(source).body:\n"
      "    first = min([node.lineno] + [d.lineno for d in getattr(node, 'decorator_list', [])])\n"
      "    text = ''.join(lines[first - 1:node.end_lineno])\n"
      "    cells.append(text + ('\\npass\\n' if isinstance(node, ast.Expr) else ''))\n"
      "print(json.dumps(cells))\n";
  const auto split = run_command(std::string(BUFFERLAB_PYTHON_PROGRAM) + " -c " + shell_quote(splitter) +
                                     " " + shell_quote(path),
                                 scratch);
  REQUIRE(split.exit_code == 0);
  return nlohmann::json::parse(split.out).get<std::vector<std::string>>();
}

// Object ids and timings differ from run to run.
std::string without_ids(const std::string& text) {
  static const std::regex long_number(R"(\b\d{9,}\b)");
  static const std::regex timing(R"((Time[^:]*: )[0-9.e-]+)");
  return std::regex_replace(std::regex_replace(text, timing, "$1<t>"), long_number, "<id>");
}

struct CellByCellRun {
  std::string out;
  bool raised = false;
};

CellByCellRun run_cell_by_cell(Session& session, const std::string& path, const ScratchDir& scratch) {
  CellByCellRun run;
  for (const std::string& cell : statements_of(path, scratch)) {
    const CellResult result = session.run_cell(cell);
    run.out += result.stdout_text();
    run.raised = run.raised || result.raised;
  }
  return run;
}

}  // namespace

TEST_CASE("between cells no user object is referenced: resize, refcounts, weakrefs, __del__ as python3") {
  ensure_interpreter();
  ScratchDir scratch;
  const std::string path = script_path("invisible_refs.py");
  const auto expected = run_command(std::string(BUFFERLAB_PYTHON_PROGRAM) + " " + shell_quote(path), scratch);
  REQUIRE(expected.exit_code == 0);
  Session session;
  const CellByCellRun run = run_cell_by_cell(session, path, scratch);
  CHECK_FALSE(run.raised);
  CHECK(run.out == expected.out);
  CHECK(run.out.find("__del__ ran\nafter del n\n__del__ ran\nafter rebinding n2\n") != std::string::npos);
}

TEST_CASE("the seed's cells, one statement per cell, print what python3 prints") {
  ensure_interpreter();
  ScratchDir scratch;
  const char* scripts[] = {"seed_numpy_cast.py", "seed_bytes_slices.py", "seed_copy_vs_view.py",
                           "seed_array.py", "seed_memoryview_slice.py", "seed_diagram.py",
                           "seed_struct_walk.py", "seed_sharing_and_struct.py"};
  for (const char* name : scripts) {
    CAPTURE(name);
    const std::string path = script_path(name);
    const auto expected = run_command(std::string(BUFFERLAB_PYTHON_PROGRAM) + " " + shell_quote(path), scratch);
    Session session;
    const CellByCellRun run = run_cell_by_cell(session, path, scratch);
    CHECK(without_ids(run.out) == without_ids(expected.out));
    CHECK(run.raised == (expected.exit_code != 0));
  }
}

TEST_CASE("memory is read through the name: a rebound, deleted or resized name is reported, not read") {
  ensure_interpreter();
  Session session;
  session.run_cell("import numpy as np\nba = bytearray(b'abc')\nother = bytearray(b'xyz')\na = np.arange(4, dtype=np.uint8)\n");
  const Snapshot before = session.snapshot();
  std::string seen;
  CHECK_FALSE(session.read_object(before.index_of("ba"), [&](const std::uint8_t* buf) {
    seen.assign(reinterpret_cast<const char*>(buf), 3);
  }));
  CHECK(seen == "abc");

  // Changed without a new snapshot (evaluate_index takes none, as a background thread would):
  // the snapshot's names now find other objects, or none, and say so.
  REQUIRE(session.evaluate_index("globals().__setitem__('ba', bytearray(b'abcdef')) or 0") ==
          std::variant<std::int64_t, std::string>(std::int64_t{0}));
  REQUIRE(session.evaluate_index("globals().pop('other') and 0") ==
          std::variant<std::int64_t, std::string>(std::int64_t{0}));
  REQUIRE(session.evaluate_index("a.resize(8) or 0") == std::variant<std::int64_t, std::string>(std::int64_t{0}));
  bool called = false;
  const auto never = [&](const std::uint8_t*) { called = true; };
  CHECK(session.read_object(before.index_of("ba"), never) == "ba changed since the last snapshot");
  CHECK(session.read_object(before.index_of("other"), never) == "other is no longer defined");
  CHECK(session.read_object(before.index_of("a"), never) == "a changed since the last snapshot");
  CHECK(session.read_region(before.find("a")->region, never) == "a changed since the last snapshot");
  const std::uint8_t byte = 1;
  CHECK(session.write_object(before.index_of("ba"), 0, std::span(&byte, 1)) ==
        "ba changed since the last snapshot");
  CHECK_FALSE(called);
  CHECK(session.run_cell("print(ba, a.shape)").stdout_text() == "bytearray(b'abcdef') (8,)\n");
}

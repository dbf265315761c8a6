// --export-notebook: a lesson run with --run-all, or a --script, written as a notebook that
// Jupyter's own checker (Debian's python3-nbformat) accepts and that runs again as a lesson
// (--lesson out.ipynb --run-all) to the same standard output; refused without a run to record.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/lesson/lesson.h"
#include "tests/support/process_helpers.h"

using namespace bufferlab;
using namespace bufferlab::testing;
using Json = nlohmann::json;

namespace {

const std::filesystem::path kLessonDir = std::filesystem::path(BUFFERLAB_SOURCE_DIR) / "assets/lessons";

std::string bufferlab_command(const std::string& arguments) { return shell_quote(BUFFERLAB_BINARY) + " " + arguments; }

// nbformat.validate on the file as Jupyter reads it: exit 0 when valid, the reason otherwise.
ProcessResult validate_notebook(const std::filesystem::path& path, const ScratchDir& scratch) {
  return run_command(std::string(BUFFERLAB_PYTHON_PROGRAM) +
                         " -c 'import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))' " +
                         shell_quote(path.string()),
                     scratch);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("--lesson --run-all --export-notebook: valid nbformat, and it runs again to the same output") {
  for (const char* name : {"03-bytes-and-slices.md", "08-struct-unpack-from.md"}) {
    CAPTURE(name);
    ScratchDir scratch;
    const std::string lesson = (kLessonDir / name).string();
    const auto notebook = scratch / "out.ipynb";
    const ProcessResult first = run_command(
        bufferlab_command("--lesson " + shell_quote(lesson) + " --run-all --export-notebook " + shell_quote(notebook.string())),
        scratch);
    REQUIRE(first.exit_code == 0);
    REQUIRE(std::filesystem::exists(notebook));
    const ProcessResult valid = validate_notebook(notebook, scratch);
    CHECK_MESSAGE(valid.exit_code == 0, valid.err);

    // Every code step is a code cell with its output; the title heads the first markdown cell.
    const Lesson original = std::get<Lesson>(load_lesson(lesson));
    const Json json = Json::parse(read_file(notebook));
    std::size_t code_cells = 0, with_expect = 0;
    for (const Json& cell : json["cells"]) {
      if (cell["cell_type"] != "code") continue;
      ++code_cells;
      if (cell["metadata"].contains("bufferlab") && cell["metadata"]["bufferlab"].contains("expect")) {
        ++with_expect;
        CHECK(cell["outputs"].back()["output_type"] == "error");
      }
    }
    CHECK(code_cells == original.code_step_count());
    CHECK(with_expect == 1);
    CHECK(json["cells"][0]["cell_type"] == "markdown");
    CHECK(json["cells"][0]["source"][0] == "# " + original.title + "\n");

    const ProcessResult again =
        run_command(bufferlab_command("--lesson " + shell_quote(notebook.string()) + " --run-all"), scratch);
    CHECK_MESSAGE(again.exit_code == 0, again.err);
    CHECK(again.out == first.out);
    const Lesson reimported = std::get<Lesson>(load_lesson(notebook));
    CHECK(reimported.title == original.title);
  }
}

TEST_CASE("--script --export-notebook: the script as one cell, its error expected, the same output again") {
  ScratchDir scratch;
  const auto script = scratch / "demo.py";
  write_file(script,
             "import sys\n"
             "buf = bytearray(b'Hello')\n"
             "view = memoryview(buf)\n"
             "print('before', bytes(view))\n"
             "print('to stderr', file=sys.stderr)\n"
             "sys.stdout.flush()\n"
             "sys.stdout.buffer.write(b'not utf-8: \\xff\\n')\n"
             "buf.append(33)\n");
  const auto notebook = scratch / "script.ipynb";
  const ProcessResult first = run_command(
      bufferlab_command("--script " + shell_quote(script.string()) + " --export-notebook " + shell_quote(notebook.string())),
      scratch);
  CHECK(first.exit_code == 1);  // the script raised, as python3 FILE would report
  CHECK(contains(first.out, "before b'Hello'"));
  REQUIRE(std::filesystem::exists(notebook));
  const ProcessResult valid = validate_notebook(notebook, scratch);
  CHECK_MESSAGE(valid.exit_code == 0, valid.err);

  const Json json = Json::parse(read_file(notebook));
  REQUIRE(json["cells"].size() == 1);
  const Json& cell = json["cells"][0];
  CHECK(cell["metadata"]["bufferlab"]["expect"] == "BufferError");
  CHECK(cell["source"][0] == "import sys\n");
  const Json& outputs = cell["outputs"];
  REQUIRE(outputs.size() == 4);
  CHECK(outputs[0]["name"] == "stdout");
  CHECK(outputs[1]["name"] == "stderr");
  CHECK(outputs[2]["text"][0] == "not utf-8: \xef\xbf\xbd\n");
  CHECK(outputs[3]["output_type"] == "error");
  CHECK(outputs[3]["ename"] == "BufferError");

  const ProcessResult again =
      run_command(bufferlab_command("--lesson " + shell_quote(notebook.string()) + " --run-all"), scratch);
  CHECK_MESSAGE(again.exit_code == 0, again.err);
  CHECK(again.out == first.out);
}

TEST_CASE("--export-notebook is refused without a run to record, and a failed write names the path") {
  ScratchDir scratch;
  const auto script = scratch / "s.py";
  write_file(script, "a = bytearray(4)\n");
  const std::string lesson = shell_quote((kLessonDir / "03-bytes-and-slices.md").string());
  const std::string out = shell_quote((scratch / "out.ipynb").string());
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"--export-notebook " + out, "--export-notebook writes the cells of --script"},
      {"--lesson " + lesson + " --export-notebook " + out, "or --lesson FILE --run-all"},
      {"--script " + shell_quote(script.string()) + " --lesson " + lesson + " --export-notebook " + out, "needs --run-all"},
      {"--script " + shell_quote(script.string()) + " --set 'a[0]=1' --export-notebook " + out, "does not go with --set"},
      {"--script " + shell_quote(script.string()) + " --export-notebook " + out + " --screenshot x.png", "--screenshot"},
  };
  for (const auto& [arguments, message] : refused) {
    CAPTURE(arguments);
    const ProcessResult result = run_command(bufferlab_command(arguments), scratch);
    CHECK(result.exit_code == 2);
    CHECK(contains(result.err, message));
    CHECK_FALSE(std::filesystem::exists(scratch / "out.ipynb"));
  }
  const std::string missing = (scratch / "no-such-dir" / "out.ipynb").string();
  const ProcessResult failed =
      run_command(bufferlab_command("--lesson " + lesson + " --run-all --export-notebook " + shell_quote(missing)), scratch);
  CHECK(failed.exit_code == 2);
  CHECK(contains(failed.err, "cannot write '" + missing + "'"));
}

// File > Export notebook in the headless window: console cells and lesson steps with the
// narration they ran under, validated by nbformat, re-imported as a lesson that prints the same
// output; only the cells since the namespace was reset; an interrupted cell left out; a failed
// export says why and loses nothing.
#include <doctest/doctest.h>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "tests/gui/gui_lesson_steps.h"
#include "tests/gui/test_gui_harness.h"
#include "tests/support/process_helpers.h"

namespace bufferlab::testing {

namespace {

using Json = nlohmann::json;

const std::filesystem::path kLessons = std::filesystem::path(BUFFERLAB_SOURCE_DIR) / "assets/lessons";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void push(GuiHarness& h, Command command) {
  h.workbench().commands().push(std::move(command));
  h.frame();
  h.settle();
}

// nbformat.validate as Jupyter reads the file (Debian's python3-nbformat): 0 when valid.
int validate_notebook(const std::filesystem::path& path) {
  const std::string command = std::string(BUFFERLAB_PYTHON_PROGRAM) +
                              " -c 'import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))' " +
                              shell_quote(path.string());
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string joined(const Json& lines) {
  std::string text;
  for (const Json& line : lines) text += line.get<std::string>();
  return text;
}

// The stdout a notebook's code cells recorded, in order.
std::string recorded_stdout(const Json& notebook) {
  std::string text;
  for (const Json& cell : notebook["cells"])
    if (cell["cell_type"] == "code")
      for (const Json& output : cell["outputs"])
        if (output["output_type"] == "stream" && output["name"] == "stdout") text += joined(output["text"]);
  return text;
}

}  // namespace

TEST_CASE("Export notebook: console cells and a lesson step with its narration, valid, and they run again the same") {
  ScratchDir scratch;
  GuiHarness h;
  open_lesson_file(h, (kLessons / "03-bytes-and-slices.md").string());
  const LessonStep& first = h.state().lesson.lesson->steps[0];

  h.submit("mine = bytearray(b'abc')");  // typed while step 1 is on show: under its narration
  push(h, RunLessonStep{0, first.code});
  h.submit("print(len(mine), mv[0])");
  h.submit("int('z')");
  const auto path = scratch / "class.ipynb";
  push(h, ExportNotebook{path.string()});
  CHECK(has(h.transcript(), "(notebook exported to " + path.string() + ": 4 cells"));
  REQUIRE(std::filesystem::exists(path));
  CHECK(validate_notebook(path) == 0);

  const Json notebook = Json::parse(read_file(path));
  const Json& cells = notebook["cells"];
  REQUIRE(cells.size() == 5);
  CHECK(cells[0]["cell_type"] == "markdown");
  const std::string narration = joined(cells[0]["source"]);
  CHECK(narration.starts_with("# " + h.state().lesson.lesson->title + "\n"));
  CHECK(has(narration, "A `bytes` object exports its buffer"));
  CHECK(joined(cells[1]["source"]) == "mine = bytearray(b'abc')");
  CHECK(cells[1]["metadata"] == Json::object());  // console input: no step extras
  std::string step_code = first.code;
  while (step_code.ends_with("\n")) step_code.pop_back();
  CHECK(joined(cells[2]["source"]) == step_code);
  CHECK(cells[2]["metadata"]["bufferlab"]["predict"] == "What will the three prints show?");
  CHECK(has(joined(cells[2]["outputs"][0]["text"]), "Memoryview slice: b'world'"));
  CHECK(joined(cells[3]["outputs"][0]["text"]) == "3 72\n");
  CHECK(cells[4]["metadata"]["bufferlab"]["expect"] == "ValueError");
  CHECK(cells[4]["outputs"].back()["output_type"] == "error");
  CHECK(cells[4]["outputs"].back()["ename"] == "ValueError");
  // Execution counts follow the console's cell numbers, in order.
  CHECK(cells[1]["execution_count"].get<int>() < cells[4]["execution_count"].get<int>());

  // Re-imported as a lesson and run from a fresh namespace: every step as intended, same output.
  const LessonLoad loaded = load_lesson(path);
  REQUIRE(std::holds_alternative<Lesson>(loaded));
  const Lesson& lesson = std::get<Lesson>(loaded);
  CHECK(lesson.title == h.state().lesson.lesson->title);
  REQUIRE(lesson.code_step_count() == 4);
  Session fresh;
  std::string out;
  for (const LessonStep& step : lesson.steps) {
    if (!step.has_code()) continue;
    const CellResult result = fresh.run_cell(step.code);
    CHECK_FALSE(step_outcome_problem(step, result.raised, result.error_type));
    out += result.stdout_text();
  }
  CHECK(out == recorded_stdout(notebook));
}

TEST_CASE("Export notebook: the cells since the namespace was reset, an interrupted cell left out, a failed export loses nothing") {
  ScratchDir scratch;
  GuiHarness h;
  open_lesson_file(h, (kLessons / "03-bytes-and-slices.md").string());
  h.submit("before = bytearray(2)");
  push(h, RestartLesson{});
  REQUIRE(has(h.workbench().lesson_pane().shown_dialog(), "before"));
  h.press('Y');  // forget the typed names
  h.settle();

  h.submit("after = bytearray(b'xy')");
  h.workbench().submit("import time; time.sleep(60)");
  h.frame();
  for (int i = 0; i < 400 && !h.session().busy(); ++i) h.frame();
  push(h, InterruptCell{});
  h.submit("print(after)");

  const std::string missing = (scratch / "no-such-dir" / "out.ipynb").string();
  push(h, ExportNotebook{missing});
  CHECK(has(h.transcript(), "(notebook not exported: cannot write '" + missing + "'"));
  const auto path = scratch / "out.ipynb";
  push(h, ExportNotebook{path.string()});
  CHECK(has(h.transcript(), "(notebook exported to " + path.string() + ": 3 cells"));
  CHECK(validate_notebook(path) == 0);

  const Json cells = Json::parse(read_file(path))["cells"];
  std::string code, markdown;
  for (const Json& cell : cells) (cell["cell_type"] == "code" ? code : markdown) += joined(cell["source"]) + "\n";
  CHECK_FALSE(has(code, "before"));  // forgotten with the namespace
  CHECK(code == "after = bytearray(b'xy')\nprint(after)\n");
  CHECK(has(markdown, "interrupted"));
  CHECK(has(markdown, "```python\nimport time; time.sleep(60)\n```"));
}

TEST_CASE("the session's notebook record: bounded, and a reset forgets cells still queued before it") {
  SessionNotebook record;
  auto started = [&](const std::string& code) {
    NotebookCell cell;
    cell.code = code;
    record.cell_started(std::move(cell));
  };
  CellResult big;
  big.output.push_back({OutputChunk::Stream::Out, std::string(1 << 20, 'x')});
  for (std::size_t i = 0; i < SessionNotebook::kMaxCells + 5; ++i) {
    started("print('x' * 2**20)");
    record.cell_finished(big);
  }
  CHECK(record.cells().size() == SessionNotebook::kMaxCells);
  CHECK(record.dropped_cells() == 5);
  std::size_t output = 0;
  for (const NotebookCell& cell : record.cells())
    for (const NotebookOutput& piece : cell.output) output += piece.text.size();
  CHECK(output <= SessionNotebook::kOutputBudget);
  CHECK(record.cells().front().output.empty());  // the oldest lose their output, not their code
  CHECK(record.cells().front().dropped_bytes == (1u << 20));
  CHECK(record.cells().back().output.size() == 1);

  started("queued_before_reset = 1");
  record.namespace_reset();
  started("after = 2");
  record.cell_finished(CellResult{});  // the cell queued before the reset
  record.cell_finished(CellResult{});
  REQUIRE(record.cells().size() == 1);
  CHECK(record.cells()[0].code == "after = 2");
  CHECK(record.dropped_cells() == 0);
}

}  // namespace bufferlab::testing

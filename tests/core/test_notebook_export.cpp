// The take-home notebook's JSON: cells, narration, stream and error outputs, the expect metadata
// a re-run judges by, interrupted cells, invalid UTF-8, and the write through a temporary file.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/lesson/lesson.h"
#include "core/lesson/notebook_export.h"

using namespace bufferlab;
using Json = nlohmann::json;

namespace {

NotebookCell console_cell(std::string code, std::vector<NotebookOutput> output, int count) {
  NotebookCell cell;
  cell.code = std::move(code);
  cell.output = std::move(output);
  cell.execution_count = count;
  return cell;
}

NotebookNarration step_narration(int step, std::string text) {
  return NotebookNarration{"Resizing under a view", step, std::move(text)};
}

std::string joined(const Json& lines) {
  std::string text;
  for (const Json& line : lines) text += line.get<std::string>();
  return text;
}

const NotebookOutput::Stream kOut = NotebookOutput::Stream::Out;
const NotebookOutput::Stream kErr = NotebookOutput::Stream::Err;

}  // namespace

TEST_CASE("notebook export: narration, code cells and their stream outputs in nbformat 4.5") {
  std::vector<NotebookCell> cells;
  NotebookCell first = console_cell("buf = bytearray(b'Hello')\nprint(buf)\n", {{kOut, "bytearray(b'Hel"}, {kOut, "lo')\n"}}, 1);
  first.narration = step_narration(0, "A view holds the bytearray's memory.");
  first.predict = "What does it print?";
  first.highlight = "buf[0:2]";
  cells.push_back(first);
  // Console input typed under the same step: no narration repeated.
  NotebookCell typed = console_cell("len(buf)", {{kOut, "5\n"}, {kErr, "warning\n"}, {kOut, "done\n"}}, 2);
  typed.narration = first.narration;
  cells.push_back(typed);

  const Json notebook = Json::parse(notebook_json(cells));
  CHECK(notebook["nbformat"] == 4);
  CHECK(notebook["nbformat_minor"] == 5);
  CHECK(notebook["metadata"]["kernelspec"]["name"] == "python3");
  CHECK(notebook["metadata"]["language_info"]["name"] == "python");
  const Json& out = notebook["cells"];
  REQUIRE(out.size() == 3);
  CHECK(out[0]["cell_type"] == "markdown");
  CHECK(joined(out[0]["source"]) == "# Resizing under a view\n\nA view holds the bytearray's memory.");
  CHECK(out[1]["cell_type"] == "code");
  CHECK(out[1]["source"] == Json::array({"buf = bytearray(b'Hello')\n", "print(buf)"}));
  CHECK(out[1]["execution_count"] == 1);
  CHECK(out[1]["metadata"]["bufferlab"]["predict"] == "What does it print?");
  CHECK(out[1]["metadata"]["bufferlab"]["highlight"] == "buf[0:2]");
  CHECK_FALSE(out[1]["metadata"]["bufferlab"].contains("expect"));
  REQUIRE(out[1]["outputs"].size() == 1);  // the two stdout pieces merged
  CHECK(out[1]["outputs"][0]["output_type"] == "stream");
  CHECK(out[1]["outputs"][0]["name"] == "stdout");
  CHECK(joined(out[1]["outputs"][0]["text"]) == "bytearray(b'Hello')\n");
  // Streams stay in the order they were written.
  REQUIRE(out[2]["outputs"].size() == 3);
  CHECK(out[2]["outputs"][1]["name"] == "stderr");
  CHECK(out[2]["metadata"] == Json::object());
  std::set<std::string> ids;
  for (const Json& cell : out) ids.insert(cell["id"].get<std::string>());
  CHECK(ids.size() == out.size());
}

TEST_CASE("notebook export: a raised cell gets an error output and the expect metadata") {
  NotebookCell raised = console_cell("buf.append(33)",
                                     {{kOut, "before\n"},
                                      {kErr, "a warning\nTraceback (most recent call last):\n  File \"<cell 3>\", line 1, in <module>\n"},
                                      {kErr, "BufferError: Existing exports of data: object cannot be re-sized\n"}},
                                     3);
  raised.raised = true;
  raised.error_type = "BufferError";
  NotebookCell qualified = console_cell("struct.pack('q', 'x')", {{kErr, "Traceback (most recent call last):\n  File \"<cell 4>\"\nstruct.error: required argument is not an integer\n"}}, 4);
  qualified.raised = true;
  qualified.error_type = "error";
  qualified.expected_error = "struct.error";
  NotebookCell syntax = console_cell("x = = 1", {{kErr, "  File \"<cell 5>\", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n"}}, 5);
  syntax.raised = true;
  syntax.error_type = "SyntaxError";

  const Json out = Json::parse(notebook_json({raised, qualified, syntax}))["cells"];
  REQUIRE(out.size() == 3);
  const Json& outputs = out[0]["outputs"];
  REQUIRE(outputs.size() == 3);
  CHECK(joined(outputs[1]["text"]) == "a warning\n");  // stderr before the traceback stays a stream
  CHECK(outputs[2]["output_type"] == "error");
  CHECK(outputs[2]["ename"] == "BufferError");
  CHECK(outputs[2]["evalue"] == "Existing exports of data: object cannot be re-sized");
  CHECK(outputs[2]["traceback"] == Json::array({"Traceback (most recent call last):", "  File \"<cell 3>\", line 1, in <module>",
                                                "BufferError: Existing exports of data: object cannot be re-sized"}));
  CHECK(out[0]["metadata"]["bufferlab"]["expect"] == "BufferError");
  // The lesson's qualified name is kept when it names the error raised.
  CHECK(out[1]["metadata"]["bufferlab"]["expect"] == "struct.error");
  CHECK(out[1]["outputs"].size() == 1);
  CHECK(out[1]["outputs"][0]["evalue"] == "required argument is not an integer");
  CHECK(out[2]["outputs"].size() == 1);
  CHECK(out[2]["outputs"][0]["traceback"][0] == "  File \"<cell 5>\", line 1");
  CHECK(out[2]["outputs"][0]["evalue"] == "invalid syntax");
}

TEST_CASE("notebook export: re-imported as a lesson, each cell is a step that expects what it raised") {
  NotebookCell made = console_cell("buf = bytearray(b'Hello')\nmv = memoryview(buf)", {}, 1);
  made.narration = step_narration(0, "Make a view.");
  NotebookCell raised = console_cell("buf.append(33)", {{kErr, "Traceback (most recent call last):\nBufferError: no\n"}}, 2);
  raised.raised = true;
  raised.error_type = "BufferError";
  raised.narration = step_narration(1, "Now grow it.");
  raised.predict = "What happens?";
  raised.answer = "BufferError";
  NotebookCell closing;
  closing.narration = step_narration(2, "That is why views pin memory.");

  const LessonLoad loaded = parse_notebook_lesson(notebook_json({made, raised, closing}), "out.ipynb");
  REQUIRE(std::holds_alternative<Lesson>(loaded));
  const Lesson& lesson = std::get<Lesson>(loaded);
  CHECK(lesson.title == "Resizing under a view");
  REQUIRE(lesson.steps.size() == 3);
  CHECK(lesson.steps[0].narration == "Make a view.");
  CHECK(lesson.steps[0].code == "buf = bytearray(b'Hello')\nmv = memoryview(buf)");
  CHECK(lesson.steps[1].expected_error == "BufferError");
  REQUIRE(lesson.steps[1].question);
  CHECK(lesson.steps[1].question->prompt == "What happens?");
  CHECK(lesson.steps[1].question->answer == "BufferError");
  CHECK(lesson.steps[2].narration == "That is why views pin memory.");
  CHECK_FALSE(lesson.steps[2].has_code());
}

TEST_CASE("notebook export: an interrupted cell is a note with its code, not a cell to run") {
  NotebookCell endless = console_cell("while True:\n    x = '```'\n", {{kErr, "Traceback (most recent call last):\nKeyboardInterrupt\n"}}, 1);
  endless.raised = true;
  endless.error_type = "KeyboardInterrupt";
  CHECK(notebook_leaves_out(endless));
  const std::string text = notebook_json({endless, console_cell("print(1)", {{kOut, "1\n"}}, 2)});
  const Json out = Json::parse(text)["cells"];
  REQUIRE(out.size() == 2);
  CHECK(out[0]["cell_type"] == "markdown");
  const std::string note = joined(out[0]["source"]);
  CHECK(note.find("interrupted") != std::string::npos);
  CHECK(note.find("````python\nwhile True:\n    x = '```'\n````") != std::string::npos);  // a longer fence
  const LessonLoad loaded = parse_notebook_lesson(text, "out.ipynb");
  REQUIRE(std::holds_alternative<Lesson>(loaded));
  REQUIRE(std::get<Lesson>(loaded).code_step_count() == 1);
  CHECK(std::get<Lesson>(loaded).steps[0].code == "print(1)");
}

TEST_CASE("notebook export: bytes that are not UTF-8 become U+FFFD, dropped output is said") {
  NotebookCell cell = console_cell("sys.stdout.buffer.write(b'\\xff')", {{kOut, "A\xff" "B\n"}, {kOut, "\xe2\x82"}}, 1);
  cell.dropped_bytes = 1234;
  const std::string text = notebook_json({cell}, 7);
  const Json out = Json::parse(text)["cells"];  // throws on invalid UTF-8
  REQUIRE(out.size() == 2);
  CHECK(joined(out[0]["source"]).find("the 7 before them are left out") != std::string::npos);
  REQUIRE(out[1]["outputs"].size() == 2);
  CHECK(joined(out[1]["outputs"][0]["text"]) == "[1234 bytes of earlier output dropped]\n");
  CHECK(joined(out[1]["outputs"][1]["text"]) == "A\xef\xbf\xbd" "B\n\xef\xbf\xbd");
}

TEST_CASE("notebook export: written through a temporary file, a failure names the path") {
  const std::filesystem::path directory = std::filesystem::temp_directory_path() / ("notebook-export-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string path = (directory / "out.ipynb").string();
  REQUIRE_FALSE(write_notebook_file(path, {console_cell("print(1)", {{kOut, "1\n"}}, 1)}));
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(Json::parse(text.str())["cells"].size() == 1);
  CHECK(std::distance(std::filesystem::directory_iterator(directory), {}) == 1);  // no temporary left

  const std::string missing = (directory / "no-such-dir" / "out.ipynb").string();
  const auto error = write_notebook_file(missing, {});
  REQUIRE(error);
  CHECK(error->find("'" + missing + "'") != std::string::npos);
  const auto onto_directory = write_notebook_file(directory.string(), {});
  REQUIRE(onto_directory);
  CHECK(onto_directory->find("directory") != std::string::npos);
  std::filesystem::remove_all(directory);
}

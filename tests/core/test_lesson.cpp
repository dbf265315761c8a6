// Lesson loading: Markdown and notebook steps, titles and extras, errors that name the file and
// the position, the built-in lesson list, and how a step's outcome is judged.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/lesson/lesson.h"
#include "core/lesson/markdown.h"
#include "tests/support/lesson_load_checks.h"
#include "tests/support/process_helpers.h"

using namespace bufferlab;
using namespace bufferlab::testing;

namespace {

const std::filesystem::path kLessonDir = std::filesystem::path(BUFFERLAB_SOURCE_DIR) / "assets/lessons";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a Markdown lesson: title, narration and python cells make the steps") {
  const std::string text =
      "# Views and copies\n"
      "\n"
      "Intro with **bold** text.\n"
      "\n"
      "```python\n"
      "a = bytearray(b'hi')\n"
      "\n"
      "m = memoryview(a)\n"
      "```\n"
      "Between the cells.\n"
      "```c\n"
      "# not a heading, not code to run\n"
      "int x;\n"
      "```\n"
      "```py\n"
      "print(m[0])\n"
      "```\n"
      "```python\n"
      "print(2)\n"
      "```\n"
      "\n"
      "## Closing words\n"
      "The end.\n";
  const Lesson lesson = require_lesson(parse_markdown_lesson(text, "dir/views.md"));
  CHECK(lesson.title == "Views and copies");
  CHECK(lesson.source_path == "dir/views.md");
  REQUIRE(lesson.steps.size() == 4);
  CHECK(lesson.code_step_count() == 3);

  CHECK(lesson.steps[0].narration == "Intro with **bold** text.");
  CHECK(lesson.steps[0].code == "a = bytearray(b'hi')\n\nm = memoryview(a)");
  CHECK(lesson.steps[0].location == "views.md:6");
  CHECK_FALSE(lesson.steps[0].question);
  CHECK(lesson.steps[0].expected_error.empty());

  // A non-python fence stays in the narration, fences included.
  CHECK(lesson.steps[1].narration == "Between the cells.\n```c\n# not a heading, not code to run\nint x;\n```");
  CHECK(lesson.steps[1].code == "print(m[0])");

  // Two cells in a row: the second is a step without narration.
  CHECK(lesson.steps[2].narration.empty());
  CHECK(lesson.steps[2].code == "print(2)");

  CHECK(lesson.steps[3].narration == "## Closing words\nThe end.");
  CHECK_FALSE(lesson.steps[3].has_code());
}

TEST_CASE("Markdown directives: expect, predict, answer and step breaks") {
  const std::string text =
      "# Directives\n"
      "First part.\n"
      "<!-- step -->\n"
      "Second part.\n"
      "<!-- a plain comment, not shown -->\n"
      "<!-- expect: BufferError -->\n"
      "<!-- predict: What happens when buf grows? -->\n"
      "```python\n"
      "buf.append(1)\n"
      "```\n"
      "<!-- predict: Which byte is it? -->\n"
      "<!-- answer: The low byte: this machine is little-endian. -->\n"
      "~~~python\n"
      "print(1)\n"
      "~~~\n"
      "<!-- predict: Think first. -->\n"
      "<!-- answer: No code, so the answer is written. -->\n";
  const Lesson lesson = require_lesson(parse_markdown_lesson(text, "d.md"));
  REQUIRE(lesson.steps.size() == 4);

  CHECK(lesson.steps[0].narration == "First part.");
  CHECK_FALSE(lesson.steps[0].has_code());

  CHECK(lesson.steps[1].narration == "Second part.");
  CHECK(lesson.steps[1].expected_error == "BufferError");
  REQUIRE(lesson.steps[1].question);
  CHECK(lesson.steps[1].question->prompt == "What happens when buf grows?");
  CHECK_FALSE(lesson.steps[1].question->answer);  // revealed from the output on Run

  REQUIRE(lesson.steps[2].question);
  CHECK(lesson.steps[2].question->answer == "The low byte: this machine is little-endian.");
  CHECK(lesson.steps[2].code == "print(1)");
  CHECK(lesson.steps[2].expected_error.empty());

  CHECK_FALSE(lesson.steps[3].has_code());
  REQUIRE(lesson.steps[3].question);
  CHECK(lesson.steps[3].question->answer == "No code, so the answer is written.");
}

TEST_CASE("the highlight directive names a byte window evaluated after the step") {
  const Lesson lesson = require_lesson(parse_markdown_lesson(
      "# Walk\n"
      "<!-- highlight: buffer_bytes[offset:offset+4] -->\n"
      "```python\n"
      "offset = 0\n"
      "```\n"
      "```python\n"
      "offset += 4\n"
      "```\n",
      "w.md"));
  REQUIRE(lesson.steps.size() == 2);
  REQUIRE(lesson.steps[0].highlight);
  CHECK(*lesson.steps[0].highlight == LessonHighlight{"buffer_bytes", "offset", "offset+4"});
  CHECK_FALSE(lesson.steps[1].highlight);  // a directive belongs to one step

  SUBCASE("the slice's own colon is found past brackets and strings") {
    CHECK(parse_lesson_highlight(" a [ d['x:y'] : len(b[1:2]) ] ") == LessonHighlight{"a", "d['x:y']", "len(b[1:2])"});
    CHECK_FALSE(parse_lesson_highlight("a[1]"));
    CHECK_FALSE(parse_lesson_highlight("a[1:2:3]"));
    CHECK_FALSE(parse_lesson_highlight("a[:2]"));
    CHECK_FALSE(parse_lesson_highlight("a.b[1:2]"));
    CHECK_FALSE(parse_lesson_highlight("a[(1:2]"));
    CHECK_FALSE(parse_lesson_highlight("[1:2]"));
  }
  SUBCASE("a malformed window or one without code is an error naming the line") {
    CHECK(require_error(parse_markdown_lesson("a\n<!-- highlight: buffer_bytes -->\n```python\nx\n```\n", "t.md")) ==
          "t.md:2: highlight: expects NAME[START:STOP], e.g. buffer_bytes[offset:offset+4], not 'buffer_bytes'");
    CHECK(contains(require_error(parse_markdown_lesson("a\n<!-- highlight: b[0:1] -->\n<!-- step -->\n", "t.md")),
                   "t.md:3: highlight: needs a python code block"));
  }
  SUBCASE("notebooks carry it in the cell metadata") {
    const Lesson notebook = require_lesson(parse_notebook_lesson(
        R"({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
          {"cell_type": "code", "metadata": {"bufferlab": {"highlight": "b[i:i+2]"}}, "source": "i = 0", "outputs": []}]})",
        "n.ipynb"));
    REQUIRE(notebook.steps[0].highlight);
    CHECK(*notebook.steps[0].highlight == LessonHighlight{"b", "i", "i+2"});
  }
}

TEST_CASE("lesson 8 highlights the 4-byte window of every hand-stepped iteration") {
  const Lesson walk = require_lesson(load_lesson(kLessonDir / "08-struct-unpack-from.md"));
  int windows = 0;
  for (const LessonStep& step : walk.steps) {
    const bool hand_step = step.code.find("struct.unpack_from('I', buffer_bytes, offset)") != std::string::npos &&
                           step.code.find("for offset") == std::string::npos && step.expected_error.empty();
    if (!hand_step) continue;
    REQUIRE(step.highlight);
    CHECK(*step.highlight == LessonHighlight{"buffer_bytes", "offset", "offset+4"});
    ++windows;
  }
  CHECK(windows == 5);
}

TEST_CASE("a Markdown title falls back to any heading, then to the file name") {
  CHECK(require_lesson(parse_markdown_lesson("## Small heading\ntext\n", "x.md")).title == "Small heading");
  const Lesson untitled = require_lesson(parse_markdown_lesson("just text\n```python\npass\n```\n", "lessons/03-untitled.md"));
  CHECK(untitled.title == "03-untitled");
  CHECK(untitled.steps[0].narration == "just text");
  // A '#' line inside a python cell is a comment, not the title.
  const Lesson commented = require_lesson(parse_markdown_lesson("```python\n# set up\nx = 1\n```\n", "c.md"));
  CHECK(commented.title == "c");
  CHECK(commented.steps[0].code == "# set up\nx = 1");
}

TEST_CASE("Markdown errors name the file and the line") {
  SUBCASE("an unclosed fence") {
    const std::string message =
        require_error(parse_markdown_lesson("# T\ntext\n\n```python\nx = 1\n", "lessons/open.md"));
    CHECK(message == "lessons/open.md:4: unclosed code fence '```python' (opened here, never closed)");
  }
  SUBCASE("a fence closed by a shorter one stays open") {
    CHECK(contains(require_error(parse_markdown_lesson("````python\nx\n```\n", "f.md")), "f.md:1: unclosed"));
  }
  SUBCASE("a misspelt directive") {
    const std::string message = require_error(parse_markdown_lesson("a\n<!-- expects: BufferError -->\n", "t.md"));
    CHECK(message == "t.md:2: unknown lesson directive 'expects' (known: step, expect, predict, answer, highlight, bars)");
  }
  SUBCASE("an expected error with no code after it") {
    CHECK(contains(require_error(parse_markdown_lesson("a\n<!-- expect: BufferError -->\n<!-- step -->\n", "t.md")),
                   "t.md:3: expect: needs a python code block"));
  }
  SUBCASE("a directive given twice") {
    CHECK(require_error(parse_markdown_lesson("<!-- predict: a -->\n<!-- predict: b -->\n```python\nx\n```\n", "t.md")) ==
          "t.md:2: predict: is given twice for one step");
  }
  SUBCASE("an answer without a question") {
    CHECK(contains(require_error(parse_markdown_lesson("<!-- answer: 4 -->\n```python\nx\n```\n", "t.md")),
                   "answer: needs a predict:"));
  }
  SUBCASE("nothing to teach") {
    CHECK(contains(require_error(parse_markdown_lesson("# Only a title\n", "t.md")), "no steps"));
  }
}

TEST_CASE("md4c reads the fences: longer ones, tildes, up to three spaces of indentation") {
  const Lesson longer = require_lesson(parse_markdown_lesson("````python\nprint('```')\n```\n````\n~~~python\nx = '~~~'\n~~~\n", "f.md"));
  REQUIRE(longer.steps.size() == 2);
  CHECK(longer.steps[0].code == "print('```')\n```");
  CHECK(longer.steps[1].code == "x = '~~~'");
  CHECK(longer.steps[1].location == "f.md:6");

  const Lesson indented = require_lesson(parse_markdown_lesson("   ```python\n   if True:\n       y = 1\n   ```\n", "i.md"));
  REQUIRE(indented.steps.size() == 1);
  CHECK(indented.steps[0].code == "if True:\n    y = 1");

  // Four spaces make an indented code block, not a fence: narration, drawn as code.
  const Lesson four = require_lesson(parse_markdown_lesson("text\n\n    ```python\n    x = 1\n    ```\n", "c.md"));
  REQUIRE(four.steps.size() == 1);
  CHECK(four.code_step_count() == 0);
  const auto blocks = parse_markdown_blocks(four.steps[0].narration);
  REQUIRE(blocks.size() == 2);
  CHECK(blocks[1].kind == MarkdownBlock::Kind::Code);
  CHECK(blocks[1].code == "```python\nx = 1\n```");
}

TEST_CASE("tabs read the same in the lesson and in its narration") {
  const Lesson lesson = require_lesson(parse_markdown_lesson(
      "#\tTabbed title\n"
      "```python\nif True:\n\tx = 1\n```\n"
      "```text\nif True:\n\tx = 1\n```\n",
      "t.md"));
  CHECK(lesson.title == "Tabbed title");  // a tab after '#' makes a heading
  REQUIRE(lesson.steps.size() == 2);
  // A tab that indents a code line is a stop of 4 columns, in the cell and in drawn code alike.
  CHECK(lesson.steps[0].code == "if True:\n    x = 1");
  CHECK(lesson.steps[1].narration == "```text\nif True:\n\tx = 1\n```");
  const auto drawn = parse_markdown_blocks(lesson.steps[1].narration);
  REQUIRE(drawn.size() == 1);
  CHECK(drawn[0].code == lesson.steps[0].code);
  const auto heading = parse_markdown_blocks("#\tTabbed title\n");
  REQUIRE(heading.size() == 1);
  CHECK(heading[0].kind == MarkdownBlock::Kind::Heading);
}

TEST_CASE("titles: setext headings count, headings in quotes do not, inline markup is left out") {
  const Lesson setext = require_lesson(parse_markdown_lesson("Views\n=====\n\nText.\n", "s.md"));
  CHECK(setext.title == "Views");
  REQUIRE(setext.steps.size() == 1);
  CHECK(setext.steps[0].narration == "Text.");

  const Lesson quoted = require_lesson(parse_markdown_lesson("> # Quoted\n\n## Real\ntext\n", "q.md"));
  CHECK(quoted.title == "Real");
  CHECK(quoted.steps[0].narration == "> # Quoted\n\ntext");

  CHECK(require_lesson(parse_markdown_lesson("# Views and **copies** of `bytes`\ntext\n", "m.md")).title ==
        "Views and copies of bytes");

  const Lesson notebook = require_lesson(parse_notebook_lesson(
      R"nb({"nbformat": 4, "cells": [{"cell_type": "markdown", "source": "Setext\n======\n\nMake a view."},
                                      {"cell_type": "code", "source": "x = 1"}]})nb",
      "n.ipynb"));
  CHECK(notebook.title == "Setext");
  CHECK(notebook.steps[0].narration == "Make a view.");
}

TEST_CASE("directive lines count wherever md4c reads raw HTML, never in code") {
  // Right after a table (a row of it, for md4c) and inside a list item.
  const Lesson lesson = require_lesson(parse_markdown_lesson(
      "| a | b |\n|---|---|\n| 1 | 2 |\n<!-- step -->\n- item\n  <!-- predict: Why? -->\n```python\nx = 1\n```\n",
      "d.md"));
  REQUIRE(lesson.steps.size() == 2);
  CHECK(lesson.steps[0].narration == "| a | b |\n|---|---|\n| 1 | 2 |");
  const auto table = parse_markdown_blocks(lesson.steps[0].narration);
  REQUIRE(table.size() == 1);
  CHECK(table[0].rows.size() == 2);
  CHECK(lesson.steps[1].narration == "- item");
  REQUIRE(lesson.steps[1].question);
  CHECK(lesson.steps[1].question->prompt == "Why?");

  // In an indented code block the same line is code: shown, not read.
  const Lesson code = require_lesson(parse_markdown_lesson("text\n\n    <!-- expects: nothing -->\n", "c.md"));
  CHECK(code.steps[0].narration == "text\n\n    <!-- expects: nothing -->");
}

TEST_CASE("a python fence in a list is a cell, an unclosed fence in a quote ends with the quote") {
  const Lesson listed = require_lesson(parse_markdown_lesson("1. Make it:\n   ```python\n   b = 1\n   ```\n2. Done\n", "l.md"));
  REQUIRE(listed.steps.size() == 2);
  CHECK(listed.steps[0].narration == "1. Make it:");
  CHECK(listed.steps[0].code == "b = 1");
  CHECK(listed.steps[0].location == "l.md:3");
  CHECK(listed.steps[1].narration == "2. Done");

  const Lesson quoted = require_lesson(parse_markdown_lesson("> ```\n> quoted code\n\nAfter.\n```python\nx = 1\n```\n", "q.md"));
  REQUIRE(quoted.steps.size() == 1);
  CHECK(quoted.steps[0].narration == "> ```\n> quoted code\n\nAfter.");
  CHECK(quoted.steps[0].code == "x = 1");
}

TEST_CASE("Windows line endings keep the line numbers") {
  CHECK(require_error(parse_markdown_lesson("# T\r\ntext\r\n\r\n```python\r\nx = 1\r\n", "w.md")) ==
        "w.md:4: unclosed code fence '```python' (opened here, never closed)");
  const Lesson lesson = require_lesson(parse_markdown_lesson("# T\r\n```python\r\nx = 1\r\n```\r\n", "w.md"));
  REQUIRE(lesson.steps.size() == 1);
  CHECK(lesson.steps[0].code == "x = 1");
  CHECK(lesson.steps[0].location == "w.md:3");
}

TEST_CASE("a notebook: markdown then code make a step, lone code cells stand alone") {
  const std::string text = R"nb({
 "nbformat": 4, "nbformat_minor": 5, "metadata": {},
 "cells": [
  {"cell_type": "markdown", "metadata": {}, "source": ["# Buffers in a notebook\n", "\n", "Make a view."]},
  {"cell_type": "code", "metadata": {}, "execution_count": 1, "outputs": [],
   "source": ["buf = bytearray(b'Hello')\n", "mv = memoryview(buf)\n"]},
  {"cell_type": "code", "metadata": {"bufferlab": {"expect": "BufferError", "predict": "Does append work?"}},
   "outputs": [], "source": "buf.append(33)"},
  {"cell_type": "markdown", "metadata": {}, "source": "Release it."},
  {"cell_type": "markdown", "metadata": {"bufferlab": {"predict": "And now?", "answer": "It works."}},
   "source": "Then append."},
  {"cell_type": "code", "metadata": {}, "outputs": [], "source": "mv.release()\nbuf.append(33)"},
  {"cell_type": "raw", "metadata": {}, "source": "ignored"},
  {"cell_type": "code", "metadata": {}, "outputs": [], "source": []},
  {"cell_type": "markdown", "metadata": {}, "source": "That is all."}
 ]
})nb";
  const Lesson lesson = require_lesson(parse_notebook_lesson(text, "nb/demo.ipynb"));
  CHECK(lesson.title == "Buffers in a notebook");
  REQUIRE(lesson.steps.size() == 4);

  CHECK(lesson.steps[0].narration == "Make a view.");
  CHECK(lesson.steps[0].code == "buf = bytearray(b'Hello')\nmv = memoryview(buf)");
  CHECK(lesson.steps[0].location == "demo.ipynb cell 2");

  CHECK(lesson.steps[1].narration.empty());
  CHECK(lesson.steps[1].code == "buf.append(33)");
  CHECK(lesson.steps[1].expected_error == "BufferError");
  REQUIRE(lesson.steps[1].question);
  CHECK(lesson.steps[1].question->prompt == "Does append work?");

  CHECK(lesson.steps[2].narration == "Release it.\n\nThen append.");
  CHECK(lesson.steps[2].code == "mv.release()\nbuf.append(33)");
  REQUIRE(lesson.steps[2].question);
  CHECK(lesson.steps[2].question->answer == "It works.");

  CHECK(lesson.steps[3].narration == "That is all.");
  CHECK_FALSE(lesson.steps[3].has_code());
}

TEST_CASE("a notebook without a heading takes its file name as title") {
  const std::string text =
      R"nb({"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": [{"cell_type": "code", "source": "x = 1"}]})nb";
  const Lesson lesson = require_lesson(parse_notebook_lesson(text, "/some/where/My Notebook.ipynb"));
  CHECK(lesson.title == "My Notebook");
  REQUIRE(lesson.steps.size() == 1);
  CHECK(lesson.steps[0].code == "x = 1");
}

TEST_CASE("malformed notebooks name the file and the position") {
  SUBCASE("invalid JSON: line, column and byte offset") {
    const std::string text = "{\n  \"nbformat\": 4,\n  \"cells\": [}\n";
    const std::string message = require_error(parse_notebook_lesson(text, "bad.ipynb"));
    CHECK(message.rfind("bad.ipynb:3:13: not valid JSON (byte 32): syntax error while parsing value", 0) == 0);
  }
  SUBCASE("truncated JSON") {
    const std::string message = require_error(parse_notebook_lesson("{\"cells\": [\n", "cut.ipynb"));
    CHECK(message.rfind("cut.ipynb:2:1: not valid JSON (byte 13): ", 0) == 0);
    CHECK(contains(message, "unexpected end of input"));
  }
  SUBCASE("not nbformat 4") {
    CHECK(require_error(parse_notebook_lesson(R"nb({"nbformat": 3, "worksheets": []})nb", "old.ipynb")) ==
          "old.ipynb: not an nbformat 4 notebook (nbformat is 3); save it with a current Jupyter to open it as a lesson");
    CHECK(require_error(parse_notebook_lesson(R"nb({"cells": []})nb", "n.ipynb")) ==
          "n.ipynb: not a Jupyter notebook: it has no \"nbformat\" field");
    CHECK(contains(require_error(parse_notebook_lesson("[1, 2]", "a.ipynb")), "the top level is a JSON array"));
  }
  SUBCASE("a cell without source") {
    const std::string text =
        R"nb({"nbformat": 4, "cells": [{"cell_type": "markdown", "source": "hi"}, {"cell_type": "code", "metadata": {}}]})nb";
    CHECK(require_error(parse_notebook_lesson(text, "nb.ipynb")) == "nb.ipynb: cell 2 (code) has no \"source\"");
  }
  SUBCASE("a source that is not text") {
    const std::string text = R"nb({"nbformat": 4, "cells": [{"cell_type": "code", "source": ["a", 3]}]})nb";
    CHECK(contains(require_error(parse_notebook_lesson(text, "nb.ipynb")),
                   "nb.ipynb: cell 1 (code): \"source\" must be a string or a list of strings"));
  }
  SUBCASE("bad bufferlab metadata") {
    const std::string text =
        R"nb({"nbformat": 4, "cells": [{"cell_type": "code", "source": "x", "metadata": {"bufferlab": {"expect": 1}}}]})nb";
    CHECK(require_error(parse_notebook_lesson(text, "nb.ipynb")) ==
          "nb.ipynb: cell 1 (code): metadata bufferlab.expect must be a string, not a number");
  }
}

TEST_CASE("load_lesson reads files, picks the loader by extension and reports missing files") {
  ScratchDir scratch;
  CHECK(require_error(load_lesson(scratch / "absent.md")) ==
        (scratch / "absent.md").generic_string() + ": cannot open lesson: No such file or directory");
  CHECK(contains(require_error(load_lesson(scratch.path())), "is a directory"));
  // A device would never end: refused before reading.
  CHECK(require_error(load_lesson("/dev/zero")) == "/dev/zero: cannot open lesson: not a regular file");

  write_file(scratch / "one.md", "# One\n```python\nx = 1\n```\n");
  CHECK(require_lesson(load_lesson(scratch / "one.md")).title == "One");
  write_file(scratch / "two.IPYNB",
             R"nb({"nbformat": 4, "cells": [{"cell_type": "markdown", "source": "# Two"}, {"cell_type": "code", "source": "y"}]})nb");
  const Lesson two = require_lesson(load_lesson(scratch / "two.IPYNB"));
  CHECK(two.title == "Two");
  CHECK(two.source_path == (scratch / "two.IPYNB").string());
  write_file(scratch / "broken.ipynb", "{\"nbformat\": 4,,}");
  CHECK(contains(require_error(load_lesson(scratch / "broken.ipynb")), "broken.ipynb:1:16: not valid JSON (byte 16)"));
}

TEST_CASE("the lesson list: Markdown files of a directory in name order") {
  ScratchDir scratch;
  for (const char* name : {"10-b.md", "02-a.md", "notes.txt", "01-z.md"}) write_file(scratch / name, "x\n");
  std::filesystem::create_directory(scratch / "03-dir.md");
  const auto files = list_lesson_files(scratch.path());
  REQUIRE(files.size() == 3);
  CHECK(files[0].filename() == "01-z.md");
  CHECK(files[1].filename() == "02-a.md");
  CHECK(files[2].filename() == "10-b.md");
  CHECK(list_lesson_files(scratch / "missing").empty());
}

TEST_CASE("the built-in lessons load: the seed's nine in its order, then images and byte order") {
  const auto files = list_lesson_files(kLessonDir);
  const std::vector<std::string> expected = {
      "01-why-buffer-protocol.md", "02-numpy-cast-one-byte.md", "03-bytes-and-slices.md",
      "04-copy-versus-view.md",    "05-array-array.md",         "06-memoryview-over-array.md",
      "07-sharing-diagram.md",     "08-struct-unpack-from.md",  "09-when-not-to-use-memoryview.md",
      "10-images-are-buffers.md",  "11-byte-order.md"};
  REQUIRE(files.size() == expected.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    INFO(files[i]);
    CHECK(files[i].filename() == expected[i]);
    const Lesson lesson = require_lesson(load_lesson(files[i]));
    CHECK(lesson.title.rfind(std::to_string(i + 1) + ". ", 0) == 0);
    CHECK(lesson.code_step_count() >= 2);
    CHECK(std::any_of(lesson.steps.begin(), lesson.steps.end(), [](const LessonStep& s) { return s.question.has_value(); }));
  }
}

TEST_CASE("lesson 8 steps the loop one iteration at a time, lesson 9 expects BufferError") {
  const Lesson walk = require_lesson(load_lesson(kLessonDir / "08-struct-unpack-from.md"));
  const auto iterations = std::count_if(walk.steps.begin(), walk.steps.end(), [](const LessonStep& step) {
    return step.code.find("struct.unpack_from('I', buffer_bytes, offset)") != std::string::npos &&
           step.code.find("for offset") == std::string::npos;
  });
  CHECK(iterations == 6);  // offsets 0, 4, 8, 12, 16 and the one past the end
  CHECK(std::any_of(walk.steps.begin(), walk.steps.end(), [](const LessonStep& s) { return s.expected_error == "struct.error"; }));

  const Lesson careful = require_lesson(load_lesson(kLessonDir / "09-when-not-to-use-memoryview.md"));
  const auto resize = std::find_if(careful.steps.begin(), careful.steps.end(),
                                   [](const LessonStep& s) { return s.expected_error == "BufferError"; });
  REQUIRE(resize != careful.steps.end());
  CHECK(resize->code == "buf.append(ord(\"!\"))");
}

namespace {

std::vector<std::string> highlights_of(const Lesson& lesson) {
  std::vector<std::string> windows;
  for (const LessonStep& step : lesson.steps)
    if (step.highlight) windows.push_back(step.highlight->name + "[" + step.highlight->start + ":" + step.highlight->stop + "]");
  return windows;
}

const LessonStep* step_expecting(const Lesson& lesson, const std::string& error) {
  const auto found = std::find_if(lesson.steps.begin(), lesson.steps.end(),
                                  [&](const LessonStep& s) { return s.expected_error == error; });
  return found == lesson.steps.end() ? nullptr : &*found;
}

}  // namespace

TEST_CASE("lesson 10 marks pixels of img and bytes of raw, and expects memoryview(pic) to fail") {
  const Lesson images = require_lesson(load_lesson(kLessonDir / "10-images-are-buffers.md"));
  CHECK(images.title == "10. Images are buffers too");
  CHECK(highlights_of(images) == std::vector<std::string>{"img[offset:offset+3]", "img[10*192 + 20*3:10*192 + 28*3]",
                                                          "raw[21:22]", "raw[0:2]"});
  const LessonStep* no_buffer = step_expecting(images, "TypeError");
  REQUIRE(no_buffer);
  CHECK(no_buffer->code == "memoryview(pic)");
  CHECK(std::count_if(images.steps.begin(), images.steps.end(), [](const LessonStep& s) { return s.question.has_value(); }) >= 6);
}

TEST_CASE("lesson 11 marks the bytes each reading uses, and expects a byte-order cast to fail") {
  const Lesson order = require_lesson(load_lesson(kLessonDir / "11-byte-order.md"));
  CHECK(order.title == "11. Byte order");
  CHECK(highlights_of(order) == std::vector<std::string>{"data[0:4]", "both[0:4]", "packet[2:6]", "data[3:4]",
                                                         "stored[4:8]", "fixed[4:8]"});
  const LessonStep* cast = step_expecting(order, "ValueError");
  REQUIRE(cast);
  CHECK(cast->code == "memoryview(data).cast('>i')");
  CHECK(std::count_if(order.steps.begin(), order.steps.end(), [](const LessonStep& s) { return s.question.has_value(); }) >= 6);
}

TEST_CASE("a step's outcome: clean, the expected error, or a problem") {
  LessonStep plain;
  plain.code = "x = 1";
  CHECK_FALSE(step_outcome_problem(plain, false, ""));
  CHECK(step_outcome_problem(plain, true, "ZeroDivisionError") ==
        std::optional<std::string>("raised ZeroDivisionError, which the lesson does not expect"));

  LessonStep expecting = plain;
  expecting.expected_error = "BufferError";
  CHECK_FALSE(step_outcome_problem(expecting, true, "BufferError"));
  CHECK(step_outcome_problem(expecting, false, "") ==
        std::optional<std::string>("was expected to raise BufferError, but it ran without an error"));
  CHECK(step_outcome_problem(expecting, true, "TypeError") ==
        std::optional<std::string>("raised TypeError, but the lesson expects BufferError"));

  expecting.expected_error = "struct.error";  // CPython names the type just "error"
  CHECK_FALSE(step_outcome_problem(expecting, true, "error"));
  CHECK(step_outcome_problem(expecting, true, "ValueError"));
}

// No message about a notebook walks into what the file nests.
TEST_CASE("hostile notebooks: deep nesting and non-scalar values get short messages, no recursion") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK(require_error(parse_notebook_lesson("{\"nbformat\": " + deep + ", \"cells\": []}", "deep.ipynb")) ==
        "deep.ipynb:1:269: not a usable notebook: nested more than 256 levels deep (no notebook is; is this file a notebook?)");
  // Unclosed, and deeper than the library itself would go.
  CHECK(contains(require_error(parse_notebook_lesson(std::string(1000000, '['), "open.ipynb")), "open.ipynb:1:257: "));
  // Within the limit, a container is named by its kind and a long string is cut short.
  CHECK(require_error(parse_notebook_lesson(R"nb({"nbformat": [[[4]]], "cells": []})nb", "l.ipynb")) ==
        "l.ipynb: not an nbformat 4 notebook (nbformat is a list); save it with a current Jupyter to open it as a lesson");
  CHECK(contains(require_error(parse_notebook_lesson("{\"nbformat\": {\"a\": 1}}", "o.ipynb")), "(nbformat is an object)"));
  CHECK(contains(require_error(parse_notebook_lesson("{\"nbformat\": \"" + std::string(100000, 'x') + "\"}", "s.ipynb")),
                 "(nbformat is \"" + std::string(37, 'x') + "...\")"));
  // Brackets inside strings are text, not nesting.
  const std::string quoted = "{\"nbformat\": 4, \"metadata\": {\"k\": \"" + std::string(1000, '[') +
                             "\\\"]\"}, \"cells\": [{\"cell_type\": \"code\", \"source\": \"x = 1\"}]}";
  CHECK(require_lesson(parse_notebook_lesson(quoted, "q.ipynb")).steps.size() == 1);
}

// An overflowing number is the project's message with file, line and column.
TEST_CASE("a number that overflows a double is reported with its line and column") {
  CHECK(require_error(parse_notebook_lesson("{\n  \"nbformat\": 4,\n  \"x\": 1e999\n}", "n.ipynb")) ==
        "n.ipynb:3:8: not a usable notebook: number 1e999 is too large (it does not fit in a double)");
  CHECK(require_error(parse_notebook_lesson("{\"nbformat\": -" + std::string(400, '9') + "}", "i.ipynb")) ==
        "i.ipynb:1:14: not a usable notebook: number -999999999999999999999999999999999999... is too large (it does not fit in a double)");
  // Large integers and tiny numbers that a double holds (or rounds to zero) are fine.
  const std::string fine = R"nb({"nbformat": 4, "m": [1e-999, 123456789012345678901234567890, 1.5e308],
     "cells": [{"cell_type": "code", "source": "x = 1"}]})nb";
  CHECK(require_lesson(parse_notebook_lesson(fine, "f.ipynb")).steps.size() == 1);
}

TEST_CASE("lesson files with CR-only line ends are read as lines") {
  const std::string markdown = "# Old Mac\r\rFirst step.\r\r```python\rx = 1\ry = 2\r```\r\rThe end.\r";
  const Lesson lesson = require_lesson(parse_markdown_lesson(markdown, "cr.md"));
  CHECK(lesson.title == "Old Mac");
  REQUIRE(lesson.steps.size() == 2);
  CHECK(lesson.steps[0].narration == "First step.");
  CHECK(lesson.steps[0].code == "x = 1\ny = 2");
  CHECK(lesson.steps[0].location == "cr.md:6");
  CHECK(lesson.steps[1].narration == "The end.");
  const std::string notebook =
      R"nb({"nbformat": 4, "cells": [{"cell_type": "markdown", "source": "# T\r\rSay\rmore"},
           {"cell_type": "code", "source": "a = 1\r\rb = 2\r"}]})nb";
  const Lesson cells = require_lesson(parse_notebook_lesson(notebook, "cr.ipynb"));
  REQUIRE(cells.steps.size() == 1);
  CHECK(cells.title == "T");
  CHECK(cells.steps[0].narration == "Say\nmore");
  CHECK(cells.steps[0].code == "a = 1\n\nb = 2");
}

// Headless GUI tests of the console with the lesson's own cells: each one typed a line at a time
// with Enter after each, as at python3's prompt, and pasted whole; the transcript shows the
// lesson's printed output and the panes show the names the cell made.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>

#include "tests/support/process_helpers.h"
#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {

namespace {

// The lesson's cells In [2] ... In [9], with what each one prints. In the output, {id} stands
// for an object id and {seconds} for a measured time.
struct LessonCell {
  const char* label;
  std::string code;
  const char* output;
};

// A cell's code, from the script that holds it word for word (tests/scripts), without the file's
// final newline.
std::string seed_cell(const char* script) {
  std::string code = read_file(std::string(BUFFERLAB_SOURCE_DIR) + "/tests/scripts/" + script);
  if (!code.empty() && code.back() == '\n') code.pop_back();
  return code;
}

const LessonCell kCell2{"In [2]", seed_cell("seed_numpy_cast.py"),
                        R"(Original array: {id}
Original array: [1 2 3 4]
Modified array: [255   2   3   4]
modified array: {id}
)"};

const LessonCell kCell3{"In [3]", seed_cell("seed_bytes_slices.py"),
                        R"(Bytes: b'Hello, world!'
Memoryview as bytes: b'Hello, world!'
Memoryview slice: b'world'
)"};

const LessonCell kCell4{"In [4]", seed_cell("seed_copy_vs_view.py"),
                        R"(Time (normal slice): {seconds}
Time (memoryview slice): {seconds}
)"};

// Its comment holds U+2011 (a non-breaking hyphen), as the lesson text does.
const LessonCell kCell5{"In [5]", seed_cell("seed_array.py"),
                        R"(array contents          : array('I', [0, 1, 2, 3, 4])
itemsize (bytes)        : 4
buffer nbytes           : 20
raw bytes               : b'\x00\x00\x00\x00\x01\x00\x00\x00\x02\x00\x00\x00\x03\x00\x00\x00\x04\x00\x00\x00'
)"};

const LessonCell kCell6{"In [6]", seed_cell("seed_memoryview_slice.py"),
                        R"(Original array: array('I', [0, 1, 2, 3, 4])
Itemsize (bytes): 4
Total buffer size (bytes): 20
Raw bytes: b'\x00\x00\x00\x00\x01\x00\x00\x00\x02\x00\x00\x00\x03\x00\x00\x00\x04\x00\x00\x00'

Memoryview format: I
Memoryview itemsize: 4
Memoryview shape: (5,)
Memoryview nbytes: 20

Slice (memoryview): [1, 2, 3]
Slice raw bytes: b'\x01\x00\x00\x00\x02\x00\x00\x00\x03\x00\x00\x00'

Modified array: array('I', [0, 99, 2, 3, 4])
Raw bytes after modification: b'\x00\x00\x00\x00c\x00\x00\x00\x02\x00\x00\x00\x03\x00\x00\x00\x04\x00\x00\x00'
)"};

// Ends with a triple-quoted string over many lines, some ending in a backslash (which joins
// them inside the string) and one holding "\ ": python3 keeps the string open until its
// closing quotes and then echoes its repr.
const LessonCell kCell8{"In [8]", seed_cell("seed_diagram.py"),
                        R"(" +-----------+\n| original  | -+-----------+                  \\     +----------------------+\n                 ---> | bytearray in memory  |\n                /     | Content: b'Hello'    |\n+-----------+  /\n|  view     | -/\n+-----------+ "
)"};

const LessonCell kCell9{"In [9]", seed_cell("seed_struct_walk.py"),
                        R"(
Interpreting arr buffer via struct iter:
 index 0 = 0
 index 1 = 99
 index 2 = 2
 index 3 = 3
 index 4 = 4
)"};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (true) {
    const std::size_t newline = text.find('\n', start);
    lines.push_back(text.substr(start, newline == std::string::npos ? std::string::npos : newline - start));
    if (newline == std::string::npos) return lines;
    start = newline + 1;
  }
}

// The output lines (stdout) and error lines (stderr, tracebacks) added since `from`.
std::string transcript_since(GuiHarness& h, std::size_t from, TranscriptLine::Kind kind) {
  std::string text;
  const auto& lines = h.state().transcript;
  for (std::size_t i = from; i < lines.size(); ++i)
    if (lines[i].kind == kind) text += lines[i].text;
  return text;
}

// The expected output with {id} and {seconds} as patterns, everything else literal.
bool output_matches(const std::string& actual, const std::string& expected) {
  static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
  std::string pattern = std::regex_replace(expected, special, R"(\$&)");
  for (const auto& [placeholder, replacement] :
       {std::pair<std::string, std::string>{R"(\{id\})", "[0-9]+"}, {R"(\{seconds\})", "[0-9.e+-]+"}}) {
    for (std::size_t at = pattern.find(placeholder); at != std::string::npos; at = pattern.find(placeholder))
      pattern.replace(at, placeholder.size(), replacement);
  }
  return std::regex_match(actual, std::regex(pattern));
}

// The console input has the keyboard (as after Enter, or when the window opens).
void wait_for_console_focus(GuiHarness& h) {
  for (int i = 0; i < 10 && !h.io().WantTextInput; ++i) h.frame();
  REQUIRE(h.io().WantTextInput);
}

// One line typed as a person types it (characters, UTF-8 included), then Enter; waits for the
// prompt to come back as a person would.
void type_line(GuiHarness& h, const std::string& line) {
  wait_for_console_focus(h);
  h.io().AddInputCharactersUTF8(line.c_str());
  h.frame();
  REQUIRE_MESSAGE(h.workbench().console().input() == line, "typing: ", line);
  h.press(kKeyEnter);
  h.settle();
  CHECK(h.workbench().console().input().empty());
}

// A cell typed line by line; an empty line closes a block left open at its end.
void type_cell(GuiHarness& h, const LessonCell& cell) {
  for (const std::string& line : lines_of(cell.code)) type_line(h, line);
  if (h.state().continuation()) type_line(h, "");
  CHECK_FALSE(h.state().continuation());
}

// A cell put on the clipboard, pasted with Ctrl+V into the input, then Enter.
void paste_cell(GuiHarness& h, const std::string& code) {
  wait_for_console_focus(h);
  ImGui::SetClipboardText(code.c_str());
  h.press('V', true);
  REQUIRE(h.workbench().console().input() == code);
  h.press(kKeyEnter);
  h.settle();
  CHECK(h.workbench().console().input().empty());
}

// Runs `enter` and checks the transcript gained exactly the cell's printed output, no errors.
template <typename Enter>
void check_cell(GuiHarness& h, const LessonCell& cell, Enter enter) {
  INFO(cell.label);
  const std::size_t from = h.state().transcript.size();
  enter(h, cell);
  const std::string output = transcript_since(h, from, TranscriptLine::Kind::Output);
  CHECK_MESSAGE(output_matches(output, cell.output), "got:\n", output);
  CHECK(transcript_since(h, from, TranscriptLine::Kind::Error).empty());
  CHECK_FALSE(h.state().continuation());
}

std::string element_text(GuiHarness& h, const std::string& name, std::int64_t flat) {
  h.workbench().views_pane().reveal(h.state(), h.view(name), flat);
  h.frame();
  h.frame();
  auto cell = h.element_cell(name, flat);
  REQUIRE_MESSAGE(cell, name, "[", flat, "] is drawn");
  return cell->text;
}

void check_share_one_region(GuiHarness& h, std::initializer_list<const char*> names) {
  int region = -1;
  for (const char* name : names) {
    INFO(name);
    REQUIRE(h.view(name) >= 0);
    if (region < 0) region = h.view_of(name).region;
    CHECK(h.view_of(name).region == region);
  }
}

// What each cell leaves in the panes, checked after typing and after pasting alike.
template <typename Enter>
void run_the_lesson(GuiHarness& h, Enter enter) {
  check_cell(h, kCell2, enter);
  check_share_one_region(h, {"a", "m", "m_obj"});
  CHECK(element_text(h, "a", 0) == "255");
  CHECK(element_text(h, "m_obj", 0) == "255");
  CHECK(h.view_of("m_obj").facts.len == 16);

  check_cell(h, kCell3, enter);
  check_share_one_region(h, {"data", "mv"});
  CHECK(h.view_of("data").facts.readonly);
  CHECK(element_text(h, "mv", 7) == "119");  // 'w'

  check_cell(h, kCell4, enter);
  check_share_one_region(h, {"data", "mv", "s2"});
  CHECK(h.view_of("data").facts.len == 100'000'000);
  CHECK(h.view_of("s2").facts.len == 49'000'000);
  CHECK(h.view_of("s1").region != h.view_of("data").region);  // slicing bytes copies

  check_cell(h, kCell5, enter);
  CHECK(h.view_of("arr").facts.format == "I");
  CHECK(element_text(h, "arr", 4) == "4");

  check_cell(h, kCell6, enter);
  check_share_one_region(h, {"arr", "mv", "slice_mv"});
  CHECK(element_text(h, "arr", 1) == "99");
  CHECK(element_text(h, "slice_mv", 0) == "99");

  check_cell(h, kCell8, enter);
  check_share_one_region(h, {"original", "view"});
  CHECK(element_text(h, "view", 0) == "72");  // 'H'

  check_cell(h, kCell9, enter);
  CHECK(h.view("buffer_bytes") >= 0);
  CHECK(h.view_of("buffer_bytes").region != h.view_of("arr").region);  // tobytes() copies
}

}  // namespace

TEST_CASE("the lesson's cells typed a line at a time print what the lesson shows") {
  GuiHarness h;
  run_the_lesson(h, [](GuiHarness& harness, const LessonCell& cell) { type_cell(harness, cell); });
  // Typed lines echo with python3's prompts; comment and blank lines start no cell.
  const std::string transcript = h.transcript();
  CHECK(transcript.find(">>> ''' +-----------+\n... | original  | -\\\n") != std::string::npos);
  CHECK(transcript.find(">>> for offset in range(0, len(buffer_bytes), 4):\n"
                        "...     val, = struct.unpack_from('I', buffer_bytes, offset)\n") != std::string::npos);
  CHECK(transcript.find(">>> # Create a NumPy array\n") != std::string::npos);
}

TEST_CASE("the lesson's cells pasted whole run as one cell each and print what the lesson shows") {
  GuiHarness h;
  run_the_lesson(h, [](GuiHarness& harness, const LessonCell& cell) { paste_cell(harness, cell.code); });
  // A pasted cell echoes as one input: its first line after >>>, the others after ...
  CHECK(h.transcript().find(">>> import struct\n... print(") != std::string::npos);
}

}  // namespace bufferlab::testing

namespace bufferlab::testing {

TEST_CASE("typed: an empty line inside an open string or bracket keeps the input open, as in python3") {
  GuiHarness h;
  type_line(h, "s = '''first");
  CHECK(h.state().continuation());
  type_line(h, "");
  CHECK(h.state().continuation());
  type_line(h, "last'''");
  CHECK_FALSE(h.state().continuation());
  type_line(h, "x = [1,");
  type_line(h, "");
  CHECK(h.state().continuation());
  type_line(h, "2]");
  CHECK_FALSE(h.state().continuation());
  const std::size_t from = h.state().transcript.size();
  type_line(h, "print(repr(s), x)");
  CHECK(transcript_since(h, from, TranscriptLine::Kind::Output) == "'first\\n\\nlast' [1, 2]\n");
  CHECK(h.transcript().find("SyntaxError") == std::string::npos);

  // A block still ends at its first empty line; a missing body is python3's IndentationError.
  type_line(h, "for i in range(2):");
  type_line(h, "    print('in', i)");
  type_line(h, "");
  CHECK(h.transcript().find("in 0\nin 1\n") != std::string::npos);
  type_line(h, "if True:");
  type_line(h, "");
  CHECK(h.transcript().find("IndentationError: expected an indented block") != std::string::npos);
  CHECK_FALSE(h.state().continuation());
}

TEST_CASE("typed: comment-only and empty lines at >>> run nothing and leave the prompt at >>>") {
  GuiHarness h;
  for (const char* line : {"# a comment", "", "   # indented comment", "  "}) {
    INFO(std::string(line));
    wait_for_console_focus(h);
    h.io().AddInputCharactersUTF8(line);
    h.frame();
    h.press(kKeyEnter);
    CHECK_FALSE(h.workbench().busy());  // no cell started
    CHECK_FALSE(h.state().continuation());
  }
  CHECK_MESSAGE(h.transcript().find(">>> # a comment\n>>> \n>>>    # indented comment\n") != std::string::npos,
                h.transcript());
}

TEST_CASE("pasted: empty lines inside a function and between statements, CRLF line ends") {
  GuiHarness h;
  const std::string code =
      "def total(values):\n"
      "    result = 0\n"
      "\n"
      "    for v in values:\n"
      "        result += v\n"
      "\n"
      "    return result\n"
      "\n"
      "buf = bytearray(range(4))\n"
      "\n"
      "total(buf)";
  const std::size_t from = h.state().transcript.size();
  paste_cell(h, code);
  CHECK(transcript_since(h, from, TranscriptLine::Kind::Output) == "6\n");  // one cell: its last value
  CHECK(transcript_since(h, from, TranscriptLine::Kind::Error).empty());
  CHECK(h.view("buf") >= 0);

  // Text copied from a file written on Windows: the carriage returns are dropped.
  const std::size_t again = h.state().transcript.size();
  wait_for_console_focus(h);
  ImGui::SetClipboardText("crlf = bytearray(b'ab')\r\n\r\nprint(len(crlf))\r\n");
  h.press('V', true);
  CHECK(h.workbench().console().input().find('\r') == std::string::npos);
  h.press(kKeyEnter);
  h.settle();
  CHECK(transcript_since(h, again, TranscriptLine::Kind::Output) == "2\n");
  CHECK(h.view("crlf") >= 0);
  CHECK_FALSE(h.state().continuation());
}

TEST_CASE("pasted: a cell ending in an open block runs at once and newline characters do as a paste") {
  GuiHarness h;
  paste_cell(h, "acc = []\nfor i in range(3):\n    acc.append(i)\n\n    acc.append(-i)");
  CHECK_FALSE(h.state().continuation());
  const std::size_t from = h.state().transcript.size();
  type_line(h, "acc");
  CHECK(transcript_since(h, from, TranscriptLine::Kind::Output) == "[0, 0, 1, -1, 2, -2]\n");

  // Newlines arriving as characters (an input method, a paste tool) fill the field like a paste.
  wait_for_console_focus(h);
  h.io().AddInputCharactersUTF8("x = 2\ny = x * 21\nprint(y)");
  h.frame();
  CHECK(h.workbench().console().input() == "x = 2\ny = x * 21\nprint(y)");
  const std::size_t again = h.state().transcript.size();
  h.press(kKeyEnter);
  h.settle();
  CHECK(transcript_since(h, again, TranscriptLine::Kind::Output) == "42\n");
}

TEST_CASE("pasted: a trailing newline adds no empty prompt and a pasted line with it runs") {
  GuiHarness h;
  paste_cell(h, "p = 1\nq = 2\n");
  CHECK(h.transcript().find(">>> p = 1\n... q = 2\n") != std::string::npos);
  CHECK(h.transcript().find("... q = 2\n... \n") == std::string::npos);
  paste_cell(h, "print(p + q)\n");
  CHECK(h.transcript().find("\n3\n") != std::string::npos);
  CHECK_FALSE(h.state().continuation());
}

}  // namespace bufferlab::testing

namespace bufferlab::testing {

TEST_CASE("typed: Ctrl+C at the prompt drops an open string and the line being typed") {
  GuiHarness h;
  type_line(h, "s = '''never closed");
  type_line(h, "");
  REQUIRE(h.state().continuation());
  h.io().AddInputCharactersUTF8("half a line");
  h.frame();
  h.press('C', true);
  CHECK_FALSE(h.state().continuation());
  CHECK(h.workbench().console().input().empty());
  CHECK(h.transcript().find("... half a line\nKeyboardInterrupt\n") != std::string::npos);
  CHECK_FALSE(h.workbench().busy());
  const std::size_t from = h.state().transcript.size();
  type_line(h, "print('s' in dir())");
  CHECK(transcript_since(h, from, TranscriptLine::Kind::Output) == "False\n");
}

}  // namespace bufferlab::testing

namespace bufferlab::testing {

TEST_CASE("typed: the next line's first keys, pressed right after Enter, are not lost") {
  GuiHarness h;
  wait_for_console_focus(h);
  // A fast typist (or a typing tool): Enter goes down, then up with the next character in the
  // same frame, then the rest.
  h.io().AddInputCharactersUTF8("q = 5");
  h.frame();
  h.io().KeysDown[kKeyEnter] = true;
  h.frame();
  h.io().KeysDown[kKeyEnter] = false;
  h.io().AddInputCharactersUTF8("p");
  h.frame();
  h.io().AddInputCharactersUTF8("rint(q)");
  h.frame();
  h.frame();
  CHECK(h.workbench().console().input() == "print(q)");
  h.settle();
  h.press(kKeyEnter);
  h.settle();
  CHECK(h.transcript().find(">>> print(q)\n5\n") != std::string::npos);
}

}  // namespace bufferlab::testing

namespace bufferlab::testing {

TEST_CASE("Escape in the console keeps the typed line and only moves the keyboard away") {
  GuiHarness h;
  h.frame();
  h.type("buf = bytearray(8)");
  h.frame();
  REQUIRE(h.workbench().console().input() == "buf = bytearray(8)");
  REQUIRE(h.io().WantTextInput);
  h.press(kKeyEscape);
  h.frame();
  CHECK(h.workbench().console().input() == "buf = bytearray(8)");
  CHECK_FALSE(h.io().WantTextInput);
  CHECK(h.view("buf") < 0);  // nothing ran
}

TEST_CASE("characters typed while no field has the keyboard go to the console's input, none lost") {
  GuiHarness h;
  h.frame();
  h.type("a");
  h.press(kKeyEscape);
  h.frame();
  REQUIRE_FALSE(h.io().WantTextInput);
  h.type("bc = bytearray(2)");
  for (int i = 0; i < 10 && !h.io().WantTextInput; ++i) h.frame();
  CHECK(h.io().WantTextInput);
  CHECK(h.workbench().console().input() == "abc = bytearray(2)");
  h.press(kKeyEnter);
  h.settle();
  CHECK(h.view("abc") >= 0);
}

}  // namespace bufferlab::testing

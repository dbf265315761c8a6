// Headless GUI tests of byte edits that are not made: a typed value that is no byte in the
// grid's base, an edit while a cell runs, and bad "go to offset" input each say why, in place.
#include <doctest/doctest.h>

#include <string>

#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {

namespace {

// The text of the note the Memory pane drew this frame about `what`, or "".
std::string memory_note(GuiHarness& h, const std::string& what) {
  for (const DrawnNote& note : h.probe().notes)
    if (note.pane == "Memory" && note.name == what) return note.text;
  return "";
}

// Opens the byte editor on `address`, types `text` and presses Enter.
void type_into_byte(GuiHarness& h, std::uintptr_t address, const std::string& text) {
  auto cell = h.byte_cell(address);
  REQUIRE(cell);
  h.click(GuiHarness::centre(cell->min, cell->max));
  h.type(text);
  h.press(kKeyEnter);
}

std::optional<DrawnButton> goto_field(GuiHarness& h) {
  for (const DrawnButton& button : h.probe().buttons)
    if (button.label == "go to offset") return button;
  return std::nullopt;
}

}  // namespace

TEST_CASE("a byte typed in hex, dec or bin that does not fit shows why, and nothing is written") {
  GuiHarness h;
  h.submit("buf = bytearray(b'abcd')\n");
  const std::uintptr_t byte = h.view_of("buf").facts.address + 1;

  struct Case {
    ByteBase base;
    const char* typed;
    const char* reason;
  } cases[] = {
      {ByteBase::Hex, "300", "300 does not fit in a byte; a byte takes hex digits 00..ff"},
      {ByteBase::Hex, "1ff", "1ff does not fit in a byte"},
      {ByteBase::Decimal, "300", "300 does not fit in a byte; a byte takes a decimal number 0..255"},
      {ByteBase::Decimal, "999", "999 does not fit in a byte"},
      {ByteBase::Binary, "102", "'2' is not a binary digit; a byte takes up to 8 binary digits (0 and 1)"},
      {ByteBase::Binary, "19", "'9' is not a binary digit"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.typed));
    h.workbench().memory_pane().cell_base = c.base;
    h.frame();
    h.frame();
    type_into_byte(h, byte, c.typed);
    CHECK(memory_note(h, "byte edit").find(c.reason) != std::string::npos);
    CHECK(h.byte_of("buf", 1) == 'b');
  }
  // A value that fits is written and the note goes.
  h.workbench().memory_pane().cell_base = ByteBase::Decimal;
  h.frame();
  type_into_byte(h, byte, "66");
  CHECK(h.byte_of("buf", 1) == 66);
  CHECK(memory_note(h, "byte edit").empty());
}

TEST_CASE("an edit attempted while a cell runs says why it was not applied") {
  GuiHarness h;
  h.submit("buf = bytearray(b'abcd')\n");
  const std::uintptr_t byte = h.view_of("buf").facts.address + 2;
  // An editor opened before the cell starts, its Enter pressed while the cell runs.
  auto cell = h.byte_cell(byte);
  REQUIRE(cell);
  h.click(GuiHarness::centre(cell->min, cell->max));
  h.type("7a");
  h.workbench().submit("while True: pass");
  h.frame();
  h.workbench().submit("");
  h.frame();
  REQUIRE(h.state().cell_running);
  h.press(kKeyEnter);
  CHECK(memory_note(h, "byte edit").find("not written: a cell is running") != std::string::npos);
  // A click on a byte while it runs says the same.
  cell = h.byte_cell(byte + 1);
  REQUIRE(cell);
  h.click(GuiHarness::centre(cell->min, cell->max));
  CHECK(memory_note(h, "byte edit").find("a cell is running") != std::string::npos);

  h.workbench().commands().push(InterruptCell{});
  h.settle();
  CHECK(h.byte_of("buf", 2) == 'c');
  CHECK(h.byte_of("buf", 3) == 'd');
}

TEST_CASE("an element or byte write that arrives while a cell runs is refused with the reason") {
  GuiHarness h;
  h.submit("buf = bytearray(b'abcd')\n");
  const int view = h.state().view_index("buf");
  const DisplayView shown = h.view_of("buf");
  h.workbench().submit("while True: pass");
  h.frame();
  h.workbench().submit("");
  h.frame();
  REQUIRE(h.state().cell_running);
  h.workbench().commands().push(WriteElement{view, {0}, "65"});
  h.frame();
  REQUIRE(h.state().refusal);
  CHECK(h.state().refusal->message.find("a cell is running") != std::string::npos);
  h.state().refusal.reset();
  h.workbench().commands().push(WriteByte{shown.region, shown.facts.address + 1, 66});
  h.frame();
  REQUIRE(h.state().refusal);
  CHECK(h.state().refusal->message.find("a cell is running") != std::string::npos);

  h.workbench().commands().push(InterruptCell{});
  h.settle();
  CHECK(h.byte_of("buf", 0) == 'a');
  CHECK(h.byte_of("buf", 1) == 'b');
}

TEST_CASE("elements of reversed and flipped views are written where they are, before buf") {
  GuiHarness h;
  h.submit("import numpy as np\nbuf = bytearray(b'abcd')\nrev = memoryview(buf)[::-1]\n"
           "img = np.arange(12, dtype=np.uint8).reshape(2, 2, 3)\nflip = img[::-1, ::-1]\n");
  h.workbench().commands().push(WriteElement{h.view("rev"), {0}, "90"});
  h.frame();
  h.settle();
  CHECK_FALSE(h.state().refusal);
  CHECK(h.byte_of("buf", 3) == 90);
  CHECK(h.byte_of("buf", 0) == 'a');
  h.workbench().commands().push(WriteElement{h.view("flip"), {0, 0, 2}, "200"});
  h.frame();
  h.settle();
  CHECK_FALSE(h.state().refusal);
  h.submit("print(img[1, 1].tolist())");
  CHECK(h.transcript().find("[9, 10, 200]") != std::string::npos);
}

TEST_CASE("'go to offset' with bad input says what it accepts") {
  GuiHarness h;
  h.submit("buf = bytearray(16)\n");
  struct Case {
    const char* typed;
    const char* says;
  } cases[] = {
      {"abc", "'abc' is not an offset; type a byte offset: 31, 0x1f, -1 (the last byte) or end"},
      {"0x", "is not an offset"},
      {"16", "offset 16 is outside this region: 0 to 15 (or -16 to -1)"},
      {"-17", "offset -17 is outside this region"},
      {"99999999999999999999999", "is outside this region"},
      {"0xfffffffffffffffffff", "is outside this region"},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.typed));
    auto field = goto_field(h);
    REQUIRE(field);
    h.click(GuiHarness::centre(field->min, field->max));
    h.press('A', true);  // select what was typed before
    h.type(c.typed);
    h.press(kKeyEnter);
    CHECK(memory_note(h, "go to offset").find(c.says) != std::string::npos);
  }
  // Good input: the note goes and the byte is pinned.
  auto field = goto_field(h);
  h.click(GuiHarness::centre(field->min, field->max));
  h.press('A', true);
  h.type("-1");
  h.press(kKeyEnter);
  CHECK(memory_note(h, "go to offset").empty());
  CHECK(h.state().pinned.kind == HighlightSource::Kind::Byte);
}

}  // namespace bufferlab::testing

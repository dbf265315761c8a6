// Headless GUI tests of the window's panes: edits both ways, refusals in place, highlighting
// across strided/reversed/cast/2-D/transposed views, the 100 MB region's last byte, the
// console's blocks, history and interrupts, and the layout at both screen sizes.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>

#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {

namespace {

}  // namespace

TEST_CASE("typing ff into a byte cell shows in every aliasing view in the same frame") {
  GuiHarness h;
  h.submit("import array\narr = array.array('I', range(5))\nmv = memoryview(arr)\nraw = mv.cast('B')\n");
  REQUIRE(h.view("arr") >= 0);
  REQUIRE(h.view("raw") >= 0);
  const std::uintptr_t byte = h.view_of("arr").facts.address + 4;  // low byte of arr[1]
  auto cell = h.byte_cell(byte);
  REQUIRE(cell);
  CHECK(cell->text == "01");

  h.click(GuiHarness::centre(cell->min, cell->max));
  h.type("ff");
  h.press(kKeyEnter);

  // One frame: the byte, arr[1], mv[1] and raw[4] all show the new value.
  CHECK(h.byte_cell(byte)->text == "ff");
  REQUIRE(h.element_cell("arr", 1));
  CHECK(h.element_cell("arr", 1)->text == "255");
  CHECK(h.element_cell("mv", 1)->text == "255");
  CHECK(h.element_cell("raw", 4)->text == "255");
  CHECK(h.byte_of("arr", 4) == 0xff);
  CHECK_FALSE(h.state().refusal.has_value());
  CHECK(h.state().flashing(byte, nullptr));  // the changed byte flashes
  CHECK_FALSE(h.state().flashing(byte + 1, nullptr));

  // Python sees it too.
  h.submit("print(arr[1])");
  CHECK(h.transcript().find("255\n") != std::string::npos);
}

TEST_CASE("typing 99 into an element shows 63 00 00 00 in the byte grid") {
  GuiHarness h;
  h.submit("import array\narr = array.array('I', range(5))\nmv = memoryview(arr)\nslice_mv = mv[1:4]\n");
  auto cell = h.element_cell("slice_mv", 0);
  REQUIRE(cell);
  CHECK(cell->text == "1");

  h.double_click(GuiHarness::centre(cell->min, cell->max));
  h.type("99");
  h.press(kKeyEnter);

  const std::uintptr_t at = h.view_of("arr").facts.address + 4;
  const char* expected[] = {"63", "00", "00", "00"};
  for (int i = 0; i < 4; ++i) {
    auto byte = h.byte_cell(at + static_cast<std::uintptr_t>(i));
    REQUIRE(byte);
    CHECK(byte->text == expected[i]);
  }
  CHECK(h.element_cell("arr", 1)->text == "99");
  CHECK(h.element_cell("mv", 1)->text == "99");
  CHECK(h.element_cell("slice_mv", 0)->text == "99");
}

TEST_CASE("editing bytes of a bytes object is refused in place and nothing changes") {
  GuiHarness h;
  h.submit("data = b'Hello'\nmv = memoryview(data)\n");
  const std::uintptr_t first = h.view_of("data").facts.address;
  auto cell = h.byte_cell(first);
  REQUIRE(cell);
  CHECK(cell->text == "48");

  h.click(GuiHarness::centre(cell->min, cell->max));
  h.type("ff");
  h.press(kKeyEnter);
  REQUIRE(h.state().refusal.has_value());
  CHECK(h.state().refusal->message.find("read-only") != std::string::npos);
  CHECK(h.state().refusal->where.kind == HighlightSource::Kind::Byte);
  CHECK(h.byte_cell(first)->text == "48");
  CHECK(h.byte_of("data", 0) == 'H');

  // The same through an element of the memoryview.
  auto element = h.element_cell("mv", 1);
  REQUIRE(element);
  h.double_click(GuiHarness::centre(element->min, element->max));
  h.type("1");
  h.press(kKeyEnter);
  REQUIRE(h.state().refusal.has_value());
  CHECK(h.state().refusal->message.find("read-only") != std::string::npos);
  CHECK(h.element_cell("mv", 1)->text == "101");
  CHECK(h.byte_of("data", 1) == 'e');
}

TEST_CASE("300 into a 'B' element is refused with the range and nothing is written") {
  GuiHarness h;
  h.submit("buf = bytearray(b'abc')\n");
  auto element = h.element_cell("buf", 0);
  REQUIRE(element);
  h.double_click(GuiHarness::centre(element->min, element->max));
  h.type("300");
  h.press(kKeyEnter);
  REQUIRE(h.state().refusal.has_value());
  CHECK(h.state().refusal->message.find("255") != std::string::npos);
  CHECK(h.state().refusal->where == HighlightSource::of_element(h.view("buf"), 0));
  CHECK(h.element_cell("buf", 0)->text == "97");
  CHECK(h.byte_of("buf", 0) == 'a');
}

TEST_CASE("hovering an element of a strided view highlights exactly its bytes") {
  GuiHarness h;
  h.submit("buf = bytearray(range(10))\nev = memoryview(buf)[::2]\n");
  const std::uintptr_t base = h.view_of("buf").facts.address;
  auto cell = h.element_cell("ev", 2);
  REQUIRE(cell);
  CHECK(cell->text == "4");
  h.move_to(GuiHarness::centre(cell->min, cell->max));
  h.frame();
  for (std::uintptr_t i = 0; i < 10; ++i) {
    auto byte = h.byte_cell(base + i);
    REQUIRE(byte);
    CHECK_MESSAGE(byte->source_highlight == (i == 4), "byte ", i);
  }
  CHECK(h.element_cell("buf", 4)->highlighted);
  CHECK_FALSE(h.element_cell("buf", 3)->highlighted);
  CHECK_FALSE(h.element_cell("buf", 5)->highlighted);
  CHECK(h.element_cell("ev", 2)->highlighted);
  CHECK_FALSE(h.element_cell("ev", 1)->highlighted);
}

TEST_CASE("hover highlights agree for reversed, cast, 2-D and transposed views") {
  GuiHarness h;
  h.submit(
      "import numpy as np\n"
      "buf = bytearray(range(10))\n"
      "rv = memoryview(buf)[::-1]\n"
      "grid = memoryview(buf).cast('B', shape=[2, 5])\n"
      "n = np.arange(6, dtype=np.int16).reshape(2, 3)\n"
      "t = n.T\n"
      "nb = memoryview(n).cast('B')\n");
  const std::uintptr_t base = h.view_of("buf").facts.address;

  // Bring the card in question into view first: seven cards do not fit the pane.
  auto show = [&](const std::string& name, std::int64_t flat) {
    h.workbench().views_pane().reveal(h.state(), h.view(name), flat);
    h.frame();
    h.frame();
  };
  SUBCASE("reversed") {
    show("rv", 0);
    auto cell = h.element_cell("rv", 0);
    REQUIRE(cell);
    CHECK(cell->text == "9");
    h.move_to(GuiHarness::centre(cell->min, cell->max));
    h.frame();
    CHECK(h.byte_highlighted(base + 9));
    CHECK_FALSE(h.byte_highlighted(base + 0));
    CHECK(h.highlighted("buf", 9));
    CHECK(h.highlighted("grid", 9));  // grid[1, 4]
  }
  SUBCASE("cast with a shape") {
    show("grid", 7);
    auto cell = h.element_cell("grid", 7);  // grid[1, 2]
    REQUIRE(cell);
    CHECK(cell->text == "7");
    h.move_to(GuiHarness::centre(cell->min, cell->max));
    h.frame();
    CHECK(h.byte_highlighted(base + 7));
    CHECK(h.highlighted("rv", 2));
    CHECK(h.highlighted("buf", 7));
  }
  SUBCASE("transposed numpy array") {
    const std::uintptr_t nbase = h.view_of("n").facts.address;
    show("t", 5);
    auto cell = h.element_cell("t", 5);  // t[2, 1] is n[1, 2] == 5, bytes 10 and 11
    REQUIRE(cell);
    CHECK(cell->text == "5");
    h.move_to(GuiHarness::centre(cell->min, cell->max));
    h.frame();
    for (std::uintptr_t i = 0; i < 12; ++i)
      CHECK_MESSAGE(h.byte_highlighted(nbase + i) == (i == 10 || i == 11), "byte ", i);
    CHECK(h.highlighted("n", 5));
    CHECK_FALSE(h.highlighted("n", 4));
    CHECK(h.highlighted("nb", 10));
    CHECK(h.highlighted("nb", 11));
    CHECK_FALSE(h.highlighted("nb", 9));
  }
  SUBCASE("a byte highlights every element containing it, and a click pins it") {
    const std::uintptr_t nbase = h.view_of("n").facts.address;
    auto byte = h.byte_cell(nbase + 3);  // high byte of n[0, 1] == t[1, 0]
    REQUIRE(byte);
    h.click(GuiHarness::centre(byte->min, byte->max));
    h.press(kKeyEscape);  // leave the byte editor; the pin stays
    h.move_to(ImVec2(-100, -100));
    h.frame();
    CHECK(h.state().highlight.pinned);
    CHECK(h.highlighted("n", 1));
    CHECK(h.highlighted("t", 2));
    CHECK(h.highlighted("nb", 3));
    CHECK_FALSE(h.highlighted("nb", 2));
    CHECK_FALSE(h.highlighted("n", 0));
  }
}

TEST_CASE("the last byte of a 100 MB region is reachable and editable") {
  GuiHarness h;
  h.submit("big = bytearray(100_000_000)\n");
  const DisplayView& big = h.view_of("big");
  const std::uintptr_t last = big.facts.address + 99'999'999;
  CHECK_FALSE(h.byte_cell(last));

  // Ctrl+End over the grid scrolls by rows to the very end (once the keyboard is not busy in a
  // text field: a click opens the byte editor, Escape closes it).
  auto first = h.byte_cell(big.facts.address);
  REQUIRE(first);
  h.click(GuiHarness::centre(first->min, first->max));
  h.press(kKeyEscape);
  h.press(kKeyEnd, true);
  auto cell = h.byte_cell(last);
  REQUIRE(cell);
  CHECK(cell->text == "00");
  CHECK_FALSE(h.byte_cell(last + 1));

  h.click(GuiHarness::centre(cell->min, cell->max));
  h.type("ab");
  h.press(kKeyEnter);
  CHECK(h.byte_cell(last)->text == "ab");
  CHECK(h.byte_of("big", 99'999'999) == 0xab);
  h.submit("print(hex(big[-1]), big.count(0))");
  CHECK(h.transcript().find("0xab 99999999") != std::string::npos);

  // And the element table reaches its last element too.
  h.workbench().views_pane().reveal(h.state(), h.view("big"), 99'999'999);
  h.frame();
  auto element = h.element_cell("big", 99'999'999);
  REQUIRE(element);
  CHECK(element->text == "171");
}

TEST_CASE("an edit from the console shows in every pane, and deleted or resized names update") {
  GuiHarness h;
  h.submit("ba = bytearray(b'xyz')\nmv = memoryview(ba)\n");
  h.submit("mv[0] = 65");
  CHECK(h.element_cell("ba", 0)->text == "65");
  CHECK(h.state().flashing(h.view_of("ba").facts.address, nullptr));  // a cell's change flashes too
  CHECK_FALSE(h.state().flashing(h.view_of("ba").facts.address + 1, nullptr));
  CHECK(h.byte_cell(h.view_of("ba").facts.address)->text == "41");

  h.submit("del mv");
  CHECK(h.view("mv") < 0);
  h.submit("ba.extend(b'0123456789' * 100)");
  CHECK(h.view_of("ba").facts.len == 1003);
  CHECK(h.element_cell("ba", 3)->text == "48");
  h.submit("del ba");
  CHECK(h.state().views.empty());
}

TEST_CASE("console: blocks continue until an empty line, history recalls, errors are coloured") {
  GuiHarness h;
  h.submit("for i in range(3):");
  CHECK(h.state().continuation());
  h.submit("    print('line', i)");
  CHECK(h.state().continuation());
  h.submit("");
  CHECK_FALSE(h.state().continuation());
  CHECK(h.transcript().find("line 0\nline 1\nline 2\n") != std::string::npos);
  CHECK(h.transcript().find(">>> for i in range(3):\n...     print('line', i)\n") != std::string::npos);

  h.submit("1/0");
  const auto& lines = h.state().transcript;
  CHECK(std::any_of(lines.begin(), lines.end(), [](const TranscriptLine& line) {
    return line.kind == TranscriptLine::Kind::Error && line.text.find("ZeroDivisionError") != std::string::npos;
  }));

  h.submit("x = 41");
  h.frame();
  h.press(kKeyUp);
  CHECK(h.workbench().console().input() == "x = 41");
  h.press(kKeyUp);
  CHECK(h.workbench().console().input() == "1/0");
  h.press(kKeyDown);
  CHECK(h.workbench().console().input() == "x = 41");
}

TEST_CASE("a statement that never ends is interrupted by Ctrl+C and the session survives") {
  GuiHarness h;
  h.submit("kept = bytearray(b'still here')");
  h.workbench().submit("while True: pass");
  h.frame();
  CHECK(h.state().continuation());
  h.workbench().submit("");
  h.frame();
  CHECK(h.workbench().busy());
  // Panes keep drawing while it runs, greyed, without reading memory.
  for (int i = 0; i < 5; ++i) h.frame();
  CHECK(h.state().memory == nullptr);
  CHECK(h.element_cell("kept", 0));
  h.press('C', true);
  h.settle();
  CHECK(h.transcript().find("KeyboardInterrupt") != std::string::npos);
  h.submit("print(kept.decode())");
  CHECK(h.transcript().find("still here\n") != std::string::npos);
}

TEST_CASE("'view as' shows a region with another format and writes through it") {
  GuiHarness h;
  h.submit("buf = bytearray(b'\\x01\\x00\\x02\\x00')\n");
  h.workbench().commands().push(AddReinterpretation{h.view_of("buf").region, ">H", 0});
  h.frame();
  h.frame();
  const int as = static_cast<int>(h.state().views.size()) - 1;
  REQUIRE(h.state().views[as].is_reinterpretation());
  const std::string name = h.state().views[as].name;
  CHECK(h.element_cell(name, 0)->text == "256");
  CHECK(h.element_cell(name, 1)->text == "512");
  auto cell = h.element_cell(name, 1);
  h.double_click(GuiHarness::centre(cell->min, cell->max));
  h.type("258");
  h.press(kKeyEnter);
  CHECK(h.element_cell(name, 1)->text == "258");
  CHECK(h.element_cell("buf", 2)->text == "1");
  CHECK(h.element_cell("buf", 3)->text == "2");
}

TEST_CASE("the panes fit without overlap at 1280x800 and 1920x1080 and follow resizes") {
  GuiHarness h;
  h.submit("import array\narr = array.array('I', range(5))\nmv = memoryview(arr)\n");
  for (ImVec2 size : {ImVec2(1280, 800), ImVec2(1920, 1080), ImVec2(1024, 700)}) {
    h.resize(size);
    const auto& panes = h.probe().panes;
    REQUIRE(panes.size() == 6);
    for (std::size_t i = 0; i < panes.size(); ++i) {
      CHECK(panes[i].min.x >= 0.0f);
      CHECK(panes[i].min.y >= 0.0f);
      CHECK(panes[i].max.x <= size.x);
      CHECK(panes[i].max.y <= size.y);
      CHECK(panes[i].max.x - panes[i].min.x >= 200.0f);
      CHECK(panes[i].max.y - panes[i].min.y >= 100.0f);
      for (std::size_t j = i + 1; j < panes.size(); ++j) {
        const bool apart = panes[i].max.x <= panes[j].min.x || panes[j].max.x <= panes[i].min.x ||
                           panes[i].max.y <= panes[j].min.y || panes[j].max.y <= panes[i].min.y;
        CHECK_MESSAGE(apart, panes[i].title, " overlaps ", panes[j].title);
      }
    }
  }
}

}  // namespace bufferlab::testing

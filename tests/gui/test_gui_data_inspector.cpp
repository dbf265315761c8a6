// Headless GUI tests of byte selection in the Memory grid and the Data inspector pane: a click,
// a drag and Shift+click select bytes; the pane reads them with every code, both byte orders;
// a click on a reading adds a "view as", a typed value is written (undoably) or refused; and the
// grid's significance order moves cells, never bytes.
#include <doctest/doctest.h>

#include <string>

#include "app/window/ui_dump.h"
#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {

namespace {

constexpr int kKeyFour = 52;  // GLFW_KEY_4

std::string inspector_note(GuiHarness& h, const std::string& what) {
  for (const DrawnNote& note : h.probe().notes)
    if (note.pane == "Data inspector" && note.name == what) return note.text;
  return "";
}

std::optional<DrawnButton> button(GuiHarness& h, const std::string& label) {
  for (const DrawnButton& drawn : h.probe().buttons)
    if (drawn.label == label) return drawn;
  return std::nullopt;
}

ImVec2 cell_centre(GuiHarness& h, std::uintptr_t address) {
  auto cell = h.byte_cell(address);
  REQUIRE(cell);
  return GuiHarness::centre(cell->min, cell->max);
}

// Presses on one byte, drags to another and lets go.
void drag_bytes(GuiHarness& h, std::uintptr_t from, std::uintptr_t to) {
  const ImVec2 start = cell_centre(h, from), end = cell_centre(h, to);
  h.move_to(start);
  h.io().MouseDown[0] = true;
  h.frame();
  h.move_to(ImVec2((start.x + end.x) * 0.5f, (start.y + end.y) * 0.5f));
  h.move_to(end);
  h.io().MouseDown[0] = false;
  h.frame();
  h.frame();
}

void shift_click(GuiHarness& h, std::uintptr_t address) {
  h.io().KeyShift = true;
  h.click(cell_centre(h, address));
  h.io().KeyShift = false;
  h.frame();
}

// Frames past the double-click time, so a click on a reading is taken as a single click.
void wait_past_double_click(GuiHarness& h) {
  for (int i = 0; i < 40; ++i) h.frame();
}

void edit_reading(GuiHarness& h, const std::string& format, const std::string& typed) {
  auto reading = button(h, format);
  REQUIRE(reading);
  h.double_click(GuiHarness::centre(reading->min, reading->max));
  h.frame();
  REQUIRE(button(h, "edit " + format));
  h.press(kKeyBackspace);
  h.type(typed);
  h.press(kKeyEnter);
  h.frame();
}

void show_inspector(GuiHarness& h) {
  h.press(kKeyFour, true);  // Ctrl+4: memory, data inspector, views
  REQUIRE(h.workbench().layout().preset == LayoutPreset::Inspect);
  bool drawn = false;
  for (const DrawnPane& pane : h.probe().panes) drawn = drawn || pane.title == "Data inspector";
  REQUIRE(drawn);
}

}  // namespace

TEST_CASE("the data inspector says how to select bytes, and reads a dragged or Shift+clicked range") {
  GuiHarness h;
  h.submit("buf = bytearray(b'\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08')\n");
  show_inspector(h);
  CHECK(h.probe().notes.size() > 0);
  CHECK(inspector_note(h, "selection").empty());
  const std::uintptr_t start = h.view_of("buf").facts.address;

  // A click selects one byte.
  h.click(cell_centre(h, start + 1));
  h.press(kKeyEscape);  // closes the byte editor the click opened
  REQUIRE(h.state().byte_selection);
  CHECK(h.state().byte_selection->size() == 1);
  CHECK(inspector_note(h, "selection") == "1 byte at offset 1 (0x1) of region 0");
  CHECK(inspector_note(h, "<B") == "2");

  SUBCASE("a drag selects the bytes passed; rows as long as the selection come first") {
    drag_bytes(h, start, start + 3);
    REQUIRE(h.state().byte_selection);
    CHECK(h.state().byte_selection->begin() == start);
    CHECK(h.state().byte_selection->size() == 4);
    CHECK(inspector_note(h, "selection") == "4 bytes at offset 0 (0x0) of region 0");
    // struct.unpack_from('<i', buf, 0) and ('>i', ...), ('<f', ...)
    CHECK(inspector_note(h, "<i") == "67305985");
    CHECK(inspector_note(h, ">i") == "16909060");
    CHECK(inspector_note(h, ">H") == "258");
    CHECK(inspector_note(h, "<q") == "578437695752307201");
    CHECK(inspector_note(h, "<4s") == "b'\\x01\\x02\\x03\\x04'");
    // The readings as drawn, top to bottom: the 4-byte codes before any other.
    std::vector<std::string> order;
    for (const DrawnButton& drawn : h.probe().buttons)
      if (drawn.label.size() >= 2 && (drawn.label[0] == '<' || drawn.label[0] == '>')) order.push_back(drawn.label);
    REQUIRE(order.size() >= 6);
    CHECK(order[0] == "<i");
    CHECK(order[1] == ">i");
    CHECK(order[2] == "<I");
    const auto first_short = std::find(order.begin(), order.end(), "<h") - order.begin();
    const auto last_four = std::find(order.begin(), order.end(), ">f") - order.begin();
    CHECK(last_four < first_short);
  }

  SUBCASE("Shift+click extends the selection from where it started") {
    h.click(cell_centre(h, start + 2));
    h.press(kKeyEscape);
    shift_click(h, start + 5);
    REQUIRE(h.state().byte_selection);
    CHECK(h.state().byte_selection->begin() == start + 2);
    CHECK(h.state().byte_selection->size() == 4);
    CHECK(inspector_note(h, "selection") == "4 bytes at offset 2 (0x2) of region 0");
    CHECK(inspector_note(h, "<I") == "100992003");  // 03 04 05 06
    // Backwards from the anchor too.
    shift_click(h, start);
    CHECK(h.state().byte_selection->begin() == start);
    CHECK(h.state().byte_selection->size() == 3);
  }
  SUBCASE("Shift+click right after a click, while the byte editor the click opened has the keyboard") {
    h.click(cell_centre(h, start + 1));
    h.frame();
    shift_click(h, start + 4);
    REQUIRE(h.state().byte_selection);
    CHECK(h.state().byte_selection->begin() == start + 1);
    CHECK(h.state().byte_selection->size() == 4);
  }
}

TEST_CASE("a click on a reading adds it as a view at the selection's offset") {
  GuiHarness h;
  h.submit("buf = bytearray(b'\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08')\n");
  show_inspector(h);
  const std::uintptr_t start = h.view_of("buf").facts.address;
  drag_bytes(h, start + 2, start + 3);
  auto reading = button(h, ">H");
  REQUIRE(reading);
  CHECK(inspector_note(h, ">H") == "772");
  h.click(GuiHarness::centre(reading->min, reading->max));
  wait_past_double_click(h);
  REQUIRE(h.state().reinterpretations.size() == 1);
  CHECK(h.state().reinterpretations[0].format == ">H");
  CHECK(h.state().reinterpretations[0].offset == 2);
  const int added = h.view("as '>H' @2");
  REQUIRE(added >= 0);
  CHECK(h.state().selected_view == added);
  // The same reading again selects that card instead of adding another.
  reading = button(h, ">H");
  REQUIRE(reading);
  h.click(GuiHarness::centre(reading->min, reading->max));
  wait_past_double_click(h);
  CHECK(h.state().reinterpretations.size() == 1);
  // The selection outlives the new views (same region, found by address).
  REQUIRE(h.state().byte_selection);
  CHECK(h.state().byte_selection->begin() == start + 2);
}

TEST_CASE("a value typed into a reading is written in its format and byte order, undoably, and a bad one is refused") {
  GuiHarness h;
  h.submit("buf = bytearray(b'\\x01\\x02\\x03\\x04\\x05\\x06\\x07\\x08')\n");
  show_inspector(h);
  const std::uintptr_t start = h.view_of("buf").facts.address;
  drag_bytes(h, start + 2, start + 5);

  edit_reading(h, ">I", "0x11223344");
  CHECK(h.byte_of("buf", 1) == 0x02);
  CHECK(h.byte_of("buf", 2) == 0x11);
  CHECK(h.byte_of("buf", 3) == 0x22);
  CHECK(h.byte_of("buf", 4) == 0x33);
  CHECK(h.byte_of("buf", 5) == 0x44);
  CHECK(h.byte_of("buf", 6) == 0x07);
  CHECK(h.state().reinterpretations.empty());  // a double-click edits, it adds no card
  CHECK(inspector_note(h, ">I") == "287454020");

  edit_reading(h, "<h", "-2");
  CHECK(h.byte_of("buf", 2) == 0xfe);
  CHECK(h.byte_of("buf", 3) == 0xff);
  CHECK(h.byte_of("buf", 4) == 0x33);

  // Undo takes back the last edit, then the one before.
  h.workbench().commands().push(UndoEdit{});
  h.frame();
  CHECK(h.byte_of("buf", 2) == 0x11);
  CHECK(h.byte_of("buf", 3) == 0x22);
  h.workbench().commands().push(UndoEdit{});
  h.frame();
  CHECK(h.byte_of("buf", 2) == 0x03);
  CHECK(h.byte_of("buf", 5) == 0x06);

  // Too large for an unsigned short: refused with struct's reason, nothing written.
  edit_reading(h, "<H", "70000");
  CHECK(h.byte_of("buf", 2) == 0x03);
  CHECK(h.byte_of("buf", 3) == 0x04);
  const std::string refusal = inspector_note(h, "refusal");
  CAPTURE(refusal);
  CHECK(refusal.find("'<H' not written") != std::string::npos);
  CHECK(refusal.find("65535") != std::string::npos);
  // Not a number at all.
  edit_reading(h, "<f", "abc");
  CHECK(h.byte_of("buf", 2) == 0x03);
  CHECK(inspector_note(h, "refusal").find("'<f' not written") != std::string::npos);
}

TEST_CASE("read-only memory refuses an inspector edit and says so") {
  GuiHarness h;
  h.submit("ro = b'\\x01\\x02\\x03\\x04'\n");
  show_inspector(h);
  const std::uintptr_t start = h.view_of("ro").facts.address;
  drag_bytes(h, start, start + 1);
  edit_reading(h, "<H", "7");
  CHECK(h.byte_of("ro", 0) == 0x01);
  CHECK(h.byte_of("ro", 1) == 0x02);
  const std::string refusal = inspector_note(h, "refusal");
  CAPTURE(refusal);
  CHECK(refusal.find("read-only") != std::string::npos);
}

TEST_CASE("the selection follows its region into a new snapshot and goes with it") {
  GuiHarness h;
  h.submit("buf = bytearray(b'abcdefgh')\n");
  show_inspector(h);
  const std::uintptr_t start = h.view_of("buf").facts.address;
  drag_bytes(h, start + 1, start + 2);
  REQUIRE(h.state().byte_selection);
  h.submit("other = bytearray(b'xyz')\n");
  REQUIRE(h.state().byte_selection);
  CHECK(h.state().byte_selection->begin() == start + 1);
  CHECK(h.state().byte_selection->size() == 2);
  CHECK(inspector_note(h, "<H") == std::to_string('b' + 256 * 'c'));
  h.submit("del buf\n");
  CHECK_FALSE(h.state().byte_selection);
  CHECK(inspector_note(h, "selection").empty());
}

TEST_CASE("most significant byte first: a little-endian int 255 reads 00 00 00 ff, memory unchanged, edits go to the byte") {
  GuiHarness h;
  h.submit("import array\na = array.array('i', [255, 0x01020304])\n");
  const std::uintptr_t start = h.view_of("a").facts.address;
  REQUIRE(h.view_of("a").facts.format == "i");
  h.frame();
  // Memory order first: ff 00 00 00, left to right.
  CHECK(h.byte_cell(start)->text == "ff");
  CHECK(h.byte_cell(start)->min.x < h.byte_cell(start + 3)->min.x);

  h.workbench().memory_pane().significance_order = true;
  h.frame();
  h.frame();
  // The cell of byte 3 (00) now comes first and byte 0 (ff) last: 00 00 00 ff.
  const float x0 = h.byte_cell(start)->min.x, x3 = h.byte_cell(start + 3)->min.x;
  CHECK(x3 < h.byte_cell(start + 2)->min.x);
  CHECK(h.byte_cell(start + 2)->min.x < h.byte_cell(start + 1)->min.x);
  CHECK(h.byte_cell(start + 1)->min.x < x0);
  CHECK(h.byte_cell(start)->text == "ff");
  // The second element: 01 02 03 04 on screen, 04 03 02 01 in memory.
  CHECK(h.byte_cell(start + 7)->text == "01");
  CHECK(h.byte_cell(start + 7)->min.x < h.byte_cell(start + 4)->min.x);
  // Memory is as it was.
  CHECK(h.byte_of("a", 0) == 0xff);
  CHECK(h.byte_of("a", 3) == 0x00);

  // Editing the cell that shows the least significant byte writes that byte.
  h.click(cell_centre(h, start));
  h.type("7f");
  h.press(kKeyEnter);
  CHECK(h.byte_of("a", 0) == 0x7f);
  CHECK(h.byte_of("a", 1) == 0x00);
  CHECK(h.byte_of("a", 3) == 0x00);
  h.frame();
  CHECK(h.byte_cell(start)->text == "7f");

  // Off again: memory order, same bytes.
  h.workbench().memory_pane().significance_order = false;
  h.frame();
  h.frame();
  CHECK(h.byte_cell(start)->min.x < h.byte_cell(start + 3)->min.x);
  CHECK(h.byte_of("a", 0) == 0x7f);
}

TEST_CASE("big-endian and one-byte views keep memory order under the significance option") {
  GuiHarness h;
  h.submit("import numpy as np\nb = np.array([1, 2], dtype='>i4')\n");
  const std::uintptr_t start = h.view_of("b").facts.address;
  h.workbench().memory_pane().significance_order = true;
  h.frame();
  h.frame();
  CHECK(h.byte_cell(start)->min.x < h.byte_cell(start + 3)->min.x);
  CHECK(h.byte_cell(start + 3)->text == "01");
}

}  // namespace bufferlab::testing

namespace bufferlab::testing {

TEST_CASE("the inspect layout on classroom screens: the pane has room, and its items neither overlap nor are cut") {
  GuiHarness h;
  h.submit("import struct\ndata = bytearray(struct.pack('<if', 255, 1.0) + 'H\\xe9!'.encode())\n");
  struct Screen {
    ImVec2 size;
    float zoom;
  };
  for (const Screen& screen : {Screen{{1280, 720}, 2.0f}, Screen{{1920, 1080}, 1.0f}, Screen{{1920, 1080}, 2.2f}}) {
    CAPTURE(screen.size.x);
    CAPTURE(screen.zoom);
    h.workbench().layout().zoom = screen.zoom;
    h.workbench().chrome().choose_preset(LayoutPreset::Inspect);
    h.resize(screen.size);
    const std::uintptr_t start = h.view_of("data").facts.address;
    drag_bytes(h, start, start + 3);
    h.move_to(ImVec2(1, 1));
    REQUIRE(h.state().byte_selection);
    CHECK(h.state().byte_selection->size() == 4);
    const DrawnPane* pane = nullptr;
    for (const DrawnPane& drawn : h.probe().panes)
      if (drawn.title == "Data inspector") pane = &drawn;
    REQUIRE(pane);
    const ImVec2 minimum = h.workbench().placement().minimum;
    CHECK(pane->max.x - pane->min.x >= minimum.x - 0.5f);
    CHECK(pane->max.y - pane->min.y >= minimum.y - 0.5f);
    // The rows of the selection's size are on screen, with their values.
    CHECK(inspector_note(h, "<i") == "255");
    CHECK(button(h, "<i"));
    CHECK(button(h, ">i"));
    const auto& items = h.probe().ui.items;
    const auto overlaps = overlapping_items(items);
    std::string overlapping;
    for (const auto& [a, b] : overlaps) overlapping += items[a].label + " / " + items[b].label + "\n";
    INFO("overlapping items: ", overlapping);
    CHECK(overlaps.empty());
    for (const RecordedItem& item : items) {
      const bool in_pane = item.min.x >= pane->min.x && item.max.x <= pane->max.x + 0.5f && item.min.y >= pane->min.y &&
                           item.max.y <= pane->max.y + 0.5f;
      if (!in_pane) continue;
      CAPTURE(item.label);
      CHECK((!item.clipped || item.label.ends_with("...")));
    }
  }
}

}  // namespace bufferlab::testing

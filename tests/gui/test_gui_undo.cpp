// Headless GUI tests of undo and redo (refused when memory no longer matches), the per-byte
// write history the grid's tooltip tells, and copying bytes and values to the clipboard.
#include <doctest/doctest.h>

#include <string>

#include "app/controller/copy_text.h"
#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {

namespace {

constexpr int kKeyZ = 'Z';

void undo(GuiHarness& h) {
  h.workbench().commands().push(UndoEdit{});
  h.frame();
}
void redo(GuiHarness& h) {
  h.workbench().commands().push(RedoEdit{});
  h.frame();
}

// A byte typed into the grid through the command the grid queues.
void write_byte(GuiHarness& h, const std::string& name, std::int64_t offset, std::uint8_t value) {
  const DisplayView& view = h.view_of(name);
  h.workbench().commands().push(WriteByte{view.region, view.facts.address + static_cast<std::uintptr_t>(offset), value});
  h.frame();
}

void write_element(GuiHarness& h, const std::string& name, std::vector<std::int64_t> index, const std::string& literal) {
  h.workbench().commands().push(WriteElement{h.view(name), std::move(index), literal});
  h.frame();
}

std::string refusal(GuiHarness& h) { return h.state().refusal ? h.state().refusal->message : ""; }

// The clipboard of the headless context.
std::string clipboard_text;
void set_clipboard(void*, const char* text) { clipboard_text = text; }

std::optional<RecordedItem> item(GuiHarness& h, const std::string& label) {
  for (const RecordedItem& recorded : h.probe().ui.items)
    if (recorded.label == label) return recorded;
  return std::nullopt;
}

void right_click(GuiHarness& h, ImVec2 at) {
  h.move_to(at);
  h.io().MouseDown[1] = true;
  h.frame();
  h.io().MouseDown[1] = false;
  h.frame();
}

// Opens the submenu `menu` of an open popup menu, then clicks its entry `entry`.
void choose(GuiHarness& h, const std::string& menu, const std::string& entry) {
  auto header = item(h, menu);
  REQUIRE(header);
  h.move_to(GuiHarness::centre(header->min, header->max));
  h.frame();
  h.frame();
  auto chosen = item(h, entry);
  REQUIRE(chosen);
  h.click(GuiHarness::centre(chosen->min, chosen->max));
}

}  // namespace

TEST_CASE("a grid byte edit is undone and redone in place, and every aliasing view shows it") {
  GuiHarness h;
  h.submit("buf = bytearray(b'abcd')\nmv = memoryview(buf)\nv = memoryview(buf).cast('H')\n");
  write_byte(h, "buf", 1, 0x7a);
  CHECK(h.byte_of("buf", 1) == 0x7a);
  REQUIRE(h.state().undo.next_undo());
  CHECK(h.state().undo.next_undo()->what == "edit in the Memory grid: region 0 byte 1 = 0x7a");

  undo(h);
  CHECK(h.byte_of("buf", 1) == 'b');
  CHECK(h.byte_of("mv", 1) == 'b');
  // The aliasing card shows the restored value in the same frame.
  h.frame();
  if (auto cell = h.element_cell("v", 0)) CHECK(cell->text == std::to_string('a' | ('b' << 8)));
  CHECK(h.transcript().find("(undo of the edit in the Memory grid") != std::string::npos);
  CHECK_FALSE(h.state().undo.next_undo());

  redo(h);
  CHECK(h.byte_of("buf", 1) == 0x7a);
  CHECK(h.byte_of("mv", 1) == 0x7a);
  CHECK(h.state().undo.next_undo());
  CHECK_FALSE(h.state().undo.next_redo());
}

TEST_CASE("an element edit in a card is undone and redone, also by Ctrl+Z and Ctrl+Shift+Z without a text field") {
  GuiHarness h;
  h.submit("import array\na = array.array('i', [1, 2, 3])\nm = memoryview(a)\n");
  // Typed into the card's editor, as a teacher does: Enter writes and the field lets the keyboard go.
  auto cell = h.element_cell("a", 1);
  REQUIRE(cell);
  h.double_click(GuiHarness::centre(cell->min, cell->max));
  h.type("-7");
  h.press(kKeyEnter);
  CHECK(h.byte_of("a", 4) == 0xf9);
  REQUIRE(h.state().undo.next_undo());
  CHECK(h.state().undo.next_undo()->what == "edit in the card of a: a[1] = -7");

  // No text field has the keyboard now: Ctrl+Z and Ctrl+Shift+Z reach the app.
  h.frame();
  REQUIRE_FALSE(h.io().WantTextInput);
  h.press(kKeyZ, true);
  CHECK(h.byte_of("a", 4) == 2);
  CHECK(h.byte_of("m", 4) == 2);
  h.io().KeyShift = true;
  h.press(kKeyZ, true);
  h.io().KeyShift = false;
  h.frame();
  CHECK(h.byte_of("a", 4) == 0xf9);
}

TEST_CASE("Ctrl+Z in the console's input is its own undo while it holds text, a memory undo when empty") {
  GuiHarness h;
  h.submit("buf = bytearray(b'abcd')\n");
  write_byte(h, "buf", 0, 0x41);
  auto field = item(h, "console input");
  REQUIRE(field);
  h.click(GuiHarness::centre(field->min, field->max));
  h.type("x");
  REQUIRE(h.io().WantTextInput);
  h.press(kKeyZ, true);
  CHECK(h.byte_of("buf", 0) == 0x41);
  CHECK(h.state().undo.next_undo());
  // An empty input has nothing of its own to undo: there Ctrl+Z undoes the memory edit.
  h.press(kKeyBackspace);
  h.frame();
  REQUIRE(h.workbench().console().input().empty());
  REQUIRE(h.io().WantTextInput);
  h.press(kKeyZ, true);
  h.frame();
  CHECK(h.byte_of("buf", 0) == 'a');
  INFO("console input: ", h.workbench().console().input());
  CHECK(h.workbench().console().input().empty());
}

TEST_CASE("an undo is refused when the bytearray was resized, or the name deleted, and writes nothing") {
  GuiHarness h;
  h.submit("buf = bytearray(b'abcd')\n");
  write_byte(h, "buf", 0, 0x41);
  h.submit("buf.extend(b'efghijklmnopqrstuvwxyz' * 8)\n");
  undo(h);
  CHECK(refusal(h).find("cannot undo the edit in the Memory grid") != std::string::npos);
  CHECK(refusal(h).find("buf was resized (4 -> 180 bytes)") != std::string::npos);
  CHECK(h.transcript().find("buf was resized (4 -> 180 bytes); nothing was written") != std::string::npos);
  CHECK(h.byte_of("buf", 0) == 0x41);
  CHECK_FALSE(h.state().undo.next_undo());  // dropped: it can never apply again

  write_byte(h, "buf", 2, 0x43);
  h.submit("keep = bytes(buf)\ndel buf\n");
  undo(h);
  CHECK(refusal(h).find("buf is gone") != std::string::npos);
  CHECK(h.transcript().find("nothing was written") != std::string::npos);
}

TEST_CASE("an undo is refused after a later cell wrote the byte, naming that cell") {
  GuiHarness h;
  h.submit("buf = bytearray(b'abcd')\n");
  write_byte(h, "buf", 3, 0x44);
  h.submit("buf[3] = 0x58\n");
  undo(h);
  CHECK(refusal(h).find("a later write changed those bytes") != std::string::npos);
  CHECK(refusal(h).find("written by cell 2: buf[3] = 0x58") != std::string::npos);
  CHECK(h.byte_of("buf", 3) == 0x58);
  // A cell that leaves the bytes alone does not stand in the way.
  write_byte(h, "buf", 0, 0x30);
  h.submit("x = 1\n");
  undo(h);
  CHECK(h.byte_of("buf", 0) == 'a');
}

TEST_CASE("a new edit clears the redo list, and a redo whose bytes changed since the undo is refused") {
  GuiHarness h;
  h.submit("buf = bytearray(b'abcd')\n");
  write_byte(h, "buf", 0, 0x41);
  undo(h);
  REQUIRE(h.state().undo.next_redo());
  write_byte(h, "buf", 1, 0x42);
  CHECK_FALSE(h.state().undo.next_redo());
  redo(h);
  CHECK(h.transcript().find("(nothing to redo)") != std::string::npos);

  undo(h);
  REQUIRE(h.state().undo.next_redo());
  h.submit("buf[1] = 0x5a\n");
  redo(h);
  CHECK(refusal(h).find("cannot redo") != std::string::npos);
  CHECK(h.byte_of("buf", 1) == 0x5a);
}

TEST_CASE("the write history names the cell or the pane edit that last wrote a byte, and the value before") {
  GuiHarness h;
  h.submit("buf = bytearray(b'abcd')\n");
  const std::uintptr_t address = h.view_of("buf").facts.address;
  CHECK(describe_last_write(h.state().write_log, address, std::nullopt).find("nothing recorded") != std::string::npos);

  h.submit("buf[0] = 0x7e\nprint('done')\n");
  auto write = h.state().write_log.last_write(address);
  REQUIRE(write);
  CHECK(write->by == "cell 2: buf[0] = 0x7e ...");
  CHECK(write->before == 'a');
  CHECK(write->after == 0x7e);

  write_element(h, "buf", {1}, "0x10");
  CHECK(describe_last_write(h.state().write_log, address + 1, std::uint8_t{0x10}) ==
        "last written by edit in the card of buf: buf[1] = 0x10\nbefore: 0x62 (98)");
  write_byte(h, "buf", 2, 0x11);
  CHECK(h.state().write_log.last_write(address + 2)->by == "edit in the Memory grid: region 0 byte 2 = 0x11");
  undo(h);
  CHECK(h.state().write_log.last_write(address + 2)->by ==
        "undo of the edit in the Memory grid: region 0 byte 2 = 0x11");
  CHECK(h.state().write_log.last_write(address + 2)->before == 0x11);
  // A byte that no longer holds what the record says it was left with is not vouched for.
  CHECK(describe_last_write(h.state().write_log, address, std::uint8_t{0x01}).find("not known") != std::string::npos);

  // An element typed into a "view as" card is named as such, and undone like the others.
  h.workbench().commands().push(AddReinterpretation{h.view_of("buf").region, "<H", 0});
  h.frame();
  write_element(h, "as '<H' @0", {1}, "0x4142");
  CHECK(h.state().write_log.last_write(address + 2)->by == "edit in \"view as\" (as '<H' @0): [1] = 0x4142");
  CHECK(h.byte_of("buf", 2) == 0x42);
  undo(h);
  CHECK(h.byte_of("buf", 2) == 'c');  // as the undo of the grid edit above left it

  // Freed memory forgets its writers.
  h.submit("del buf\n");
  CHECK_FALSE(h.state().write_log.last_write(address));
}

TEST_CASE("a lesson step is named with its step and cell, by its first line of code") {
  CHECK(describe_cell(3, 1, "\n  buf[0] = 1\nprint(buf)\n") == "lesson step 2 (cell 3): buf[0] = 1 ...");
  CHECK(describe_cell(4, -1, "x = 1\n") == "cell 4: x = 1");
  CHECK(describe_cell(5, -1, std::string(80, 'a')) == "cell 5: " + std::string(60, 'a') + "...");
}

TEST_CASE("the write history and the undo list are bounded") {
  WriteLog log;
  auto by = std::make_shared<const std::string>("cell 1");
  std::vector<std::uint8_t> before(WriteLog::kMaxBytes / 2, 0), after(WriteLog::kMaxBytes / 2, 1);
  for (std::uintptr_t run = 0; run < 5; ++run) log.record(0x10000000 + run * 0x1000000, before, after, by);
  CHECK(log.stored_bytes() <= WriteLog::kMaxBytes);
  CHECK_FALSE(log.last_write(0x10000000));  // the oldest went first
  CHECK(log.last_write(0x14000000));
  for (std::uintptr_t b = 0; b < 3 * WriteLog::kMaxRuns; ++b) {
    const std::uint8_t one[] = {1}, two[] = {2};
    log.record(0x20000000 + 2 * b, one, two, by);
  }
  CHECK(log.run_count() <= WriteLog::kMaxRuns);
  // A later run over part of an older one replaces just that part.
  WriteLog small;
  const std::uint8_t a[] = {1, 2, 3, 4}, b[] = {5, 6, 7, 8}, c[] = {9}, d[] = {10};
  small.record(100, a, b, by);
  small.record(102, c, d, std::make_shared<const std::string>("cell 2"));
  CHECK(small.last_write(101)->by == "cell 1");
  CHECK(small.last_write(102)->by == "cell 2");
  CHECK(small.last_write(102)->before == 9);
  CHECK(small.last_write(103)->after == 8);

  UndoHistory history;
  for (int i = 0; i < static_cast<int>(UndoHistory::kMaxEdits) + 50; ++i)
    history.record({"edit " + std::to_string(i), 0x1000, {1}, {2}, {}});
  CHECK(history.undo_count() == UndoHistory::kMaxEdits);
  CHECK(history.next_undo()->what == "edit " + std::to_string(UndoHistory::kMaxEdits + 49));
}

TEST_CASE("bytes copy as hex, a Python bytes literal and a C array, exactly") {
  const std::vector<std::uint8_t> bytes = {0x48, 0x69, 0x00, 0x27, 0x5c, 0xff, 0x0a};
  CHECK(bytes_as_hex(bytes) == "48 69 00 27 5c ff 0a");
  CHECK(bytes_as_python_literal(bytes) == "b\"Hi\\x00'\\\\\\xff\\n\"");
  CHECK(bytes_as_c_array(bytes) == "{0x48, 0x69, 0x00, 0x27, 0x5c, 0xff, 0x0a}");
  const std::vector<std::uint8_t> plain = {'a', 'b'};
  CHECK(bytes_as_python_literal(plain) == "b'ab'");
  std::vector<std::uint8_t> long_run(17, 1);
  CHECK(bytes_as_hex(long_run) == "01 01 01 01 01 01 01 01 01 01 01 01 01 01 01 01\n01");
  CHECK(bytes_as_c_array(long_run).find("0x01,\n 0x01}") != std::string::npos);
  CHECK(bytes_copy_refusal(kCopyBytesLimit).empty());
  CHECK(bytes_copy_refusal(kCopyBytesLimit + 1).find("too large to copy") != std::string::npos);
}

TEST_CASE("the grid's right-click menu copies a byte, its row and the region to the clipboard") {
  GuiHarness h;
  h.io().SetClipboardTextFn = set_clipboard;
  h.submit("buf = bytearray(b'Hi\\x00\\'\\\\')\n");
  const std::uintptr_t address = h.view_of("buf").facts.address;
  auto cell = h.byte_cell(address + 1);
  REQUIRE(cell);
  right_click(h, GuiHarness::centre(cell->min, cell->max));
  clipboard_text.clear();
  choose(h, "Copy this byte", "as hex");
  CHECK(clipboard_text == "69");

  cell = h.byte_cell(address);
  REQUIRE(cell);
  right_click(h, GuiHarness::centre(cell->min, cell->max));
  choose(h, "Copy the whole region (5 B)", "as a Python bytes literal");
  CHECK(clipboard_text == "b\"Hi\\x00'\\\\\"");
  right_click(h, GuiHarness::centre(cell->min, cell->max));
  choose(h, "Copy the whole region (5 B)", "as a C array");
  CHECK(clipboard_text == "{0x48, 0x69, 0x00, 0x27, 0x5c}");
}

TEST_CASE("a card's right-click menu copies an element or the whole view as its Python value") {
  GuiHarness h;
  h.io().SetClipboardTextFn = set_clipboard;
  h.submit("import numpy as np\ng = np.arange(6, dtype=np.float64).reshape(2, 3) / 2\nc = memoryview(b'ab').cast('c')\n");
  auto cell = h.element_cell("g", 4);
  REQUIRE(cell);
  right_click(h, GuiHarness::centre(cell->min, cell->max));
  clipboard_text.clear();
  auto entry = item(h, "Copy g[1, 1] as its value");
  REQUIRE(entry);
  h.click(GuiHarness::centre(entry->min, entry->max));
  CHECK(clipboard_text == "2.0");

  right_click(h, GuiHarness::centre(cell->min, cell->max));
  entry = item(h, "Copy the whole view as a list (tolist())");
  REQUIRE(entry);
  h.click(GuiHarness::centre(entry->min, entry->max));
  CHECK(clipboard_text == "[[0.0, 0.5, 1.0], [1.5, 2.0, 2.5]]");

  // The formats as tolist() writes them: bytes for 'c', nested lists, empty dimensions.
  const DisplayView& chars = h.view_of("c");
  const Region& region = h.state().snapshot.regions[static_cast<std::size_t>(chars.region)];
  std::string list;
  h.session().read_region(chars.region, [&](const std::uint8_t* base) { list = view_as_python_list(chars, region, base); });
  CHECK(list == "[b'a', b'b']");
  DisplayView empty = chars;
  empty.facts.ndim = 2;
  empty.facts.shape = {2, 0};
  empty.facts.strides = {0, 1};
  CHECK(view_as_python_list(empty, region, nullptr) == "[[], []]");
}

}  // namespace bufferlab::testing

// Headless GUI tests: the Views cards read each export with its itemsize, as the dump does, and
// refuse to decode (saying why) when sizes disagree; names with no export are listed with why.
#include <doctest/doctest.h>

#include <string>

#include "tests/gui/test_gui_harness.h"

namespace bufferlab::testing {

TEST_CASE("a padded ctypes Structure decodes with the export's itemsize, and bit fields are refused with the reason") {
  GuiHarness h;
  h.submit(
      "import ctypes\n"
      "class S(ctypes.Structure): _fields_ = [('x', ctypes.c_byte), ('y', ctypes.c_int)]\n"
      "class B(ctypes.Structure): _fields_ = [('a', ctypes.c_int, 3), ('b', ctypes.c_int, 5)]\n"
      "padded = (S * 2)()\n"
      "padded[0].x = 1\n"
      "padded[0].y = 1000\n"
      "bits = (B * 3)()\n");
  h.frame();

  const DisplayView& padded = h.view_of("padded");
  REQUIRE(padded.format);
  CHECK(padded.format->itemsize == 8);  // 'T{<b:x:<i:y:}' alone would be 5 bytes
  const auto cell = h.element_cell("padded", 0);
  REQUIRE(cell);
  CHECK(cell->text == "(1, 1000)");

  const DisplayView& bits = h.view_of("bits");
  CHECK_FALSE(bits.format);
  CHECK(bits.format_error.find("the export's itemsize is 4") != std::string::npos);
  CHECK_FALSE(h.element_cell("bits", 0));  // nothing decoded past an element's end
}

}  // namespace bufferlab::testing

namespace bufferlab::testing {

TEST_CASE("names that give no export are listed in the Views pane with the reason, and odd names are shown escaped") {
  GuiHarness h;
  h.submit(
      "import numpy as np\n"
      "dates = np.array(['2020-01-01'], dtype='datetime64[D]')\n"
      "gone = memoryview(bytearray(4))\n"
      "gone.release()\n"
      "globals()['a\\x00b'] = bytearray(3)\n");
  h.frame();
  auto note_about = [&](const std::string& name) {
    for (const DrawnNote& note : h.probe().notes)
      if (note.pane == "Views" && note.name == name) return note.text;
    return std::string();
  };
  CHECK(note_about("dates").find("ndarray") != std::string::npos);
  CHECK(note_about("dates").find("not shown") != std::string::npos);
  CHECK(note_about("gone").find("is released") != std::string::npos);
  CHECK(h.state().view_index("a\\x00b") >= 0);  // escaped as repr shows it, not cut at the NUL
}

}  // namespace bufferlab::testing

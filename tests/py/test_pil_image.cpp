// A PIL Image exports no buffer: its name is listed as not shown, with a note whose claims about
// Pillow (Debian's 9.4) are checked here in the embedded interpreter.
#include <doctest/doctest.h>

#include <string>

#include "tests/support/python_fixture.h"

using namespace bufferlab;
using namespace bufferlab::testing;

namespace {

std::string run(Session& session, const std::string& source) {
  CellResult result = session.run_cell(source);
  INFO(result.stderr_text());
  REQUIRE_FALSE(result.raised);
  return result.stdout_text();
}

}  // namespace

TEST_CASE("a PIL Image is listed as not shown, with why") {
  ensure_interpreter();
  Session session;
  run(session,
      "from PIL import Image\n"
      "raw = bytearray(range(12))\n"
      "img = Image.frombuffer('L', (4, 3), raw, 'raw', 'L', 0, 1)\n"
      "_hidden = img\n");
  const Snapshot& snapshot = session.snapshot();
  CHECK(snapshot.find("img") == nullptr);
  CHECK(snapshot.find("raw") != nullptr);
  const NotShownName* listed = snapshot.find_not_shown("img");
  REQUIRE(listed != nullptr);
  CHECK(listed->type_name == "Image");
  CHECK(listed->reason ==
        "is a PIL Image: it exports no buffer (np.asarray of it is a read-only copy; "
        "Image.frombuffer('L', size, raw, 'raw', 'L', 0, 1) reads raw in place until putpixel copies it)");
  CHECK(snapshot.find_not_shown("_hidden") == nullptr);  // '_' names stay out, as for buffers
  CHECK(snapshot.find_not_shown("Image") == nullptr);    // the class itself is no image

  // Subclasses (an opened PNG is a PngImageFile) are PIL Images too.
  run(session,
      "import io\n"
      "_png = io.BytesIO(); img.save(_png, 'PNG')\n"
      "opened = Image.open(io.BytesIO(_png.getvalue()))\n");
  const NotShownName* opened = session.snapshot().find_not_shown("opened");
  REQUIRE(opened != nullptr);
  CHECK(opened->type_name == "PngImageFile");
}

TEST_CASE("no PIL note before Pillow is imported, and nothing imported by the snapshot") {
  ensure_interpreter();
  Session session;
  // A fresh namespace in the same interpreter may already have Pillow loaded by another case:
  // what matters is that taking a snapshot never imports it.
  run(session, "import sys\n_before = 'PIL.Image' in sys.modules\nx = bytearray(3)\n");
  session.refresh_snapshot();
  CHECK(run(session, "print(('PIL.Image' in sys.modules) == _before)\n") == "True\n");
  CHECK(session.snapshot().not_shown.empty());
}

TEST_CASE("the note's claims: Pillow 9.4 reads frombuffer's bytearray in place, copies on putpixel") {
  ensure_interpreter();
  Session session;
  const std::string out = run(session,
      "from PIL import Image\n"
      "import numpy as np\n"
      "raw = bytearray(range(12))\n"
      "img = Image.frombuffer('L', (4, 3), raw, 'raw', 'L', 0, 1)\n"
      "try:\n"
      "    memoryview(img)\n"
      "except TypeError as e:\n"
      "    print('no buffer:', e)\n"
      "print('readonly', img.readonly)\n"
      "raw[0] = 99\n"
      "print('in place', img.getpixel((0, 0)))\n"
      "arr = np.asarray(img)\n"
      "print('asarray writeable', arr.flags.writeable)\n"
      "raw[2] = 77\n"
      "print('asarray is a copy', arr[0, 2] == 2)\n"
      "img.putpixel((1, 0), 200)\n"
      "print('putpixel', raw[1], img.getpixel((1, 0)), img.readonly)\n"
      "raw[0] = 55\n"
      "print('after the copy', img.getpixel((0, 0)))\n");
  CHECK(out ==
        "no buffer: memoryview: a bytes-like object is required, not 'Image'\n"
        "readonly 1\n"
        "in place 99\n"
        "asarray writeable False\n"
        "asarray is a copy True\n"
        "putpixel 1 200 0\n"
        "after the copy 99\n");
}

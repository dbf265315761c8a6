// Snapshots: which names are listed, their Py_buffer facts, exporter chains, regions, sharing;
// exports are never held between calls; edits go through the C++ path with CPython's checks.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/edit/edit.h"
#include "core/format/format_codec.h"
#include "tests/support/python_fixture.h"

using namespace bufferlab;
using namespace bufferlab::testing;

namespace {

std::vector<std::string> names_of(const Snapshot& snapshot) {
  std::vector<std::string> names;
  for (const auto& object : snapshot.objects) names.push_back(object.name);
  return names;
}

bool shares(const Snapshot& snapshot, const std::string& a, const std::string& b) {
  const auto pair = std::minmax(a, b);
  const auto shared = snapshot.shared_pairs();
  return std::find(shared.begin(), shared.end(), std::pair<std::string, std::string>(pair.first, pair.second)) !=
         shared.end();
}

// The edit path as the command line and the panes use it, against the session's memory.
std::optional<EditRefusal> refusal_of(std::variant<PlannedWrite, EditRefusal> result) {
  if (auto* refusal = std::get_if<EditRefusal>(&result)) return *refusal;
  return std::nullopt;
}

std::optional<EditRefusal> write_element(Session& session, int object, std::vector<std::int64_t> index,
                                         std::string literal) {
  return refusal_of(apply_edit(session, session.snapshot(), ElementWrite{object, std::move(index), std::move(literal)}));
}

std::optional<EditRefusal> write_byte(Session& session, int object, std::int64_t offset, std::int64_t value) {
  return refusal_of(apply_edit(session, session.snapshot(), ObjectByteWrite{object, offset, value}));
}

}  // namespace

TEST_CASE("only top-level buffer exporters are listed, not modules, functions or _names") {
  ensure_interpreter();
  Session session;
  session.run_cell(
      "import array, numpy as np\n"
      "b = b'xy'\nn = 5\n_hidden = bytearray(3)\ndef f(): pass\n"
      "class C: pass\nba = bytearray(4)\nlst = [1, 2]\n");
  CHECK(names_of(session.snapshot()) == std::vector<std::string>{"b", "ba"});
  const auto* b = session.snapshot().find("b");
  REQUIRE(b);
  CHECK(b->type_name == "bytes");
  CHECK(b->facts.readonly);
  CHECK(b->facts.format == "B");
  CHECK(b->facts.len == 2);
  CHECK(b->facts.c_contiguous);
}

TEST_CASE("numpy 2-D and transposed facts, and the exporter chain") {
  ensure_interpreter();
  Session session;
  session.run_cell(
      "import numpy as np\n"
      "a = np.zeros((3, 4), dtype=np.int32)\n"
      "t = a.T\nm = memoryview(a)\nm_obj = m.cast('B')\n");
  const Snapshot& snapshot = session.snapshot();
  const auto* a = snapshot.find("a");
  const auto* t = snapshot.find("t");
  const auto* m_obj = snapshot.find("m_obj");
  REQUIRE((a && t && m_obj));
  CHECK(a->facts.shape == std::vector<std::int64_t>{3, 4});
  CHECK(a->facts.strides == std::vector<std::int64_t>{16, 4});
  CHECK(a->facts.format == "i");
  CHECK(t->facts.strides == std::vector<std::int64_t>{4, 16});
  CHECK(t->facts.f_contiguous);
  CHECK_FALSE(t->facts.c_contiguous);
  REQUIRE(t->exporters.size() >= 1);
  CHECK(t->exporters[0].type_name == "ndarray");
  CHECK(t->exporters[0].name == "a");
  REQUIRE(m_obj->exporters.size() >= 1);
  CHECK(m_obj->exporters[0].name == "a");
  CHECK(m_obj->facts.format == "B");
  CHECK(m_obj->facts.len == 48);
  CHECK(a->region == t->region);
  CHECK(a->region == m_obj->region);
  CHECK(shares(snapshot, "a", "t"));
  CHECK(shares(snapshot, "m", "m_obj"));
}

TEST_CASE("regions, offsets and sharing of the seed's bytes and slices") {
  ensure_interpreter();
  Session session;
  session.run_cell(
      "data = b'Hello, world!'\nmv = memoryview(data)\nword = mv[7:12]\n"
      "copy = bytes(word)\n"
      "ba = bytearray(10)\neven = memoryview(ba)[::2]\nodd = memoryview(ba)[1::2]\n");
  const Snapshot& snapshot = session.snapshot();
  const auto *data = snapshot.find("data"), *word = snapshot.find("word"),
             *copy = snapshot.find("copy");
  REQUIRE((data && word && copy));
  CHECK(word->region == data->region);
  CHECK(word->offset == 7);
  CHECK(data->offset == 0);
  CHECK(snapshot.regions[data->region].size == 13);
  CHECK(copy->region != data->region);
  CHECK(shares(snapshot, "data", "mv"));
  CHECK(shares(snapshot, "data", "word"));
  CHECK(shares(snapshot, "mv", "word"));
  CHECK_FALSE(shares(snapshot, "copy", "word"));
  CHECK(shares(snapshot, "ba", "even"));
  CHECK(shares(snapshot, "ba", "odd"));
  CHECK_FALSE(shares(snapshot, "even", "odd"));
}

TEST_CASE("holding a snapshot never blocks append, and resizing never leaves a stale pointer") {
  ensure_interpreter();
  Session session;
  session.run_cell("import array\nba = bytearray(b'abc')\narr = array.array('i', [1, 2])\n");
  const Snapshot before = session.snapshot();
  std::string seen;
  CHECK_FALSE(session.read_object(session.snapshot().index_of("ba"), [&](const std::uint8_t* buf) {
    seen.assign(reinterpret_cast<const char*>(buf), 3);
  }));
  CHECK(seen == "abc");
  auto result = session.run_cell("ba.append(100)\narr.append(3)\nba.extend(bytes(1_000_000))\nlen(ba), len(arr)");
  CHECK_FALSE(result.raised);
  CHECK(result.stdout_text() == "(1000004, 3)\n");
  const auto* ba = session.snapshot().find("ba");
  REQUIRE(ba);
  CHECK(ba->facts.len == 1000004);
  CHECK_FALSE(session.read_object(session.snapshot().index_of("ba"), [&](const std::uint8_t* buf) {
    seen.assign(reinterpret_cast<const char*>(buf), 4);
  }));
  CHECK(seen == "abcd");
  session.run_cell("del ba");
  CHECK(session.snapshot().find("ba") == nullptr);
  CHECK(session.snapshot().generation > before.generation);
}

TEST_CASE("a view that still exports blocks resizing with CPython's BufferError") {
  ensure_interpreter();
  Session session;
  session.run_cell("original = bytearray(b'Hello')\nview = memoryview(original)\n");
  auto result = session.run_cell("original.append(33)");
  CHECK(result.error_type == "BufferError");
  session.run_cell("view.release()");
  CHECK(session.snapshot().find("view") == nullptr);  // released: exports nothing
  CHECK_FALSE(session.run_cell("original.append(33)").raised);
}

TEST_CASE("element edits write through aliasing views, refusals write nothing") {
  ensure_interpreter();
  Session session;
  session.run_cell(
      "import numpy as np, array\n"
      "a = np.array([1, 2, 3, 4], dtype=np.int32)\nm_obj = memoryview(a).cast('B')\n"
      "arr = array.array('I', range(5))\nslice_mv = memoryview(arr)[1:4]\n"
      "data = b'Hello'\ngrid = np.zeros((2, 3), dtype=np.int16)\n");
  const Snapshot& snapshot = session.snapshot();
  CHECK_FALSE(write_element(session, snapshot.index_of("m_obj"), {0}, "0xFF"));
  CHECK(session.run_cell("print(a)").stdout_text() == "[255   2   3   4]\n");
  CHECK_FALSE(write_element(session, snapshot.index_of("slice_mv"), {0}, "99"));
  CHECK(session.run_cell("arr").stdout_text() == "array('I', [0, 99, 2, 3, 4])\n");
  CHECK_FALSE(write_element(session, snapshot.index_of("grid"), {-1, -1}, "-7"));
  CHECK(session.run_cell("grid[1, 2]").stdout_text() == "-7\n");

  auto refusal = write_element(session, snapshot.index_of("data"), {0}, "74");
  REQUIRE(refusal);
  CHECK(refusal->message.find("cannot modify read-only memory") != std::string::npos);
  refusal = write_element(session, snapshot.index_of("m_obj"), {1}, "300");
  REQUIRE(refusal);
  CHECK(refusal->message.find("ubyte format requires 0 <= number <= 255") != std::string::npos);
  refusal = write_element(session, snapshot.index_of("m_obj"), {16}, "1");
  REQUIRE(refusal);
  CHECK(refusal->message.find("out of bounds") != std::string::npos);
  refusal = write_element(session, snapshot.index_of("grid"), {0}, "1");
  REQUIRE(refusal);
  refusal = write_element(session, snapshot.index_of("slice_mv"), {0}, "1.5");
  REQUIRE(refusal);
  CHECK(refusal->message.find("required argument is not an integer") != std::string::npos);
  CHECK(session.run_cell("print(a, data, arr, grid.tolist())").stdout_text() ==
        "[255   2   3   4] b'Hello' array('I', [0, 99, 2, 3, 4]) [[0, 0, 0], [0, 0, -7]]\n");
}

TEST_CASE("byte edits stay inside the view's memory") {
  ensure_interpreter();
  Session session;
  session.run_cell("ba = bytearray(b'abcde')\nrev = memoryview(ba)[::-1]\nb = b'xyz'\n");
  const Snapshot& snapshot = session.snapshot();
  CHECK_FALSE(write_byte(session, snapshot.index_of("ba"), 4, 'E'));
  CHECK_FALSE(write_byte(session, snapshot.index_of("rev"), 0, 'Z'));  // buf of rev is ba[4]
  CHECK(session.run_cell("ba").stdout_text() == "bytearray(b'abcdZ')\n");
  CHECK(write_byte(session, snapshot.index_of("rev"), 1, 0));   // past the last byte of ba
  CHECK(write_byte(session, snapshot.index_of("ba"), 5, 0));    // == len
  CHECK(write_byte(session, snapshot.index_of("ba"), -1, 0));
  CHECK(write_byte(session, snapshot.index_of("b"), 0, 0));     // read-only
  CHECK(session.run_cell("ba, b").stdout_text() == "(bytearray(b'abcdZ'), b'xyz')\n");
}

TEST_CASE("memory reads see a region as one block") {
  ensure_interpreter();
  Session session;
  session.run_cell("data = b'Hello, world!'\nmv = memoryview(data)[7:12]\n");
  const Snapshot& snapshot = session.snapshot();
  std::string region;
  CHECK_FALSE(session.read_region(snapshot.find("mv")->region, [&](const std::uint8_t* base) {
    region.assign(reinterpret_cast<const char*>(base), 13);
  }));
  CHECK(region == "Hello, world!");
}

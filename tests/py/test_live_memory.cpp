// Live memory and names: dangling views are reported "memory not readable" and never read or
// written; names that give no export are listed with the reason; names with '\0' are shown
// escaped and addressed exactly.
#include <doctest/doctest.h>

#include "core/edit/edit.h"
#include "core/state_json.h"
#include "tests/support/python_fixture.h"
#include "tests/support/sanitizer.h"

using namespace bufferlab;
using namespace bufferlab::testing;

namespace {

std::optional<EditRefusal> write_byte(Session& session, int object, std::int64_t offset, std::int64_t value) {
  auto result = apply_edit(session, session.snapshot(), ObjectByteWrite{object, offset, value});
  if (auto* refusal = std::get_if<EditRefusal>(&result)) return *refusal;
  return std::nullopt;
}

const nlohmann::ordered_json* dumped_object(const nlohmann::ordered_json& state, const std::string& name) {
  for (const auto& object : state["objects"])
    if (object["name"] == name) return &object;
  return nullptr;
}

}  // namespace

TEST_CASE("views of memory that is gone read as 'memory not readable' everywhere, and are never written" *
          doctest::skip(kAddressSanitizer)) {
  ensure_interpreter();
  Session session;
  auto result = session.run_cell(
      "import ctypes, numpy as np\n"
      "from numpy.lib.stride_tricks import as_strided\n"
      "small = np.zeros(8, np.uint8)\n"
      "far = as_strided(small, shape=(4,), strides=(1 << 40,))\n"
      "grown = np.ones(1 << 23, np.uint8)\n"
      "stale = grown[:16]\n"
      "grown.resize(1 << 27, refcheck=False)\n"
      // Last, so nothing maps the freed range again; past glibc's largest mmap threshold, so
      // free() unmaps it.
      "libc = ctypes.CDLL(None)\n"
      "libc.malloc.restype = ctypes.c_void_p\n"
      "libc.malloc.argtypes = [ctypes.c_size_t]\n"
      "libc.free.argtypes = [ctypes.c_void_p]\n"
      "address = libc.malloc(1 << 26)\n"
      "freed = (ctypes.c_uint8 * (1 << 26)).from_address(address)\n"
      "libc.free(address)\n");
  CHECK_FALSE(result.raised);
  const Snapshot& snapshot = session.snapshot();
  for (const char* name : {"far", "freed"}) {
    CAPTURE(name);
    const SnapshotObject* object = snapshot.find(name);
    REQUIRE(object);
    CHECK_FALSE(object->readable);
    bool called = false;
    CHECK(session.read_object(snapshot.index_of(name), [&](const std::uint8_t*) { called = true; }) ==
          "memory not readable");
    CHECK(session.read_region(object->region, [&](const std::uint8_t*) { called = true; }) ==
          "memory not readable");
    CHECK_FALSE(called);
  }
  auto refusal = write_byte(session, snapshot.index_of("freed"), 0, 65);
  REQUIRE(refusal);
  CHECK(refusal->message.find("memory not readable") != std::string::npos);

  // The dump reads every name, the stale numpy view included, and never faults.
  const auto state = state_to_json(snapshot, session);
  const auto* far = dumped_object(state, "far");
  REQUIRE(far);
  CHECK((*far)["values_error"] == "memory not readable");
  CHECK(state["regions"][(*far)["region"].get<int>()]["hex_error"] == "memory not readable");
  CHECK(snapshot.find("small")->readable);
  CHECK((*dumped_object(state, "small"))["values"] == nlohmann::ordered_json::array({0, 0, 0, 0, 0, 0, 0, 0}));
  CHECK(dumped_object(state, "stale"));
}

TEST_CASE("names that offer the buffer protocol but give no export are listed with the reason") {
  ensure_interpreter();
  Session session;
  session.run_cell(
      "import mmap, numpy as np\n"
      "m = memoryview(bytearray(4))\nm.release()\n"
      "mm = mmap.mmap(-1, 16)\nmm.close()\n"
      "dates = np.array(['2020-01-01'], dtype='datetime64[D]')\n"
      "spans = np.array([1], dtype='timedelta64[s]')\n"
      "ok = bytearray(2)\n");
  const Snapshot& snapshot = session.snapshot();
  CHECK(snapshot.find("m") == nullptr);
  CHECK(snapshot.find("ok") != nullptr);
  REQUIRE(snapshot.find_not_shown("m"));
  CHECK(snapshot.missing_name_message("m") == "m is released");
  CHECK(snapshot.missing_name_message("mm") == "mm is closed");
  CHECK(snapshot.missing_name_message("dates") ==
        "dates refuses a buffer export (ValueError: cannot include dtype 'M' in a buffer)");
  CHECK(snapshot.missing_name_message("spans") ==
        "spans refuses a buffer export (ValueError: cannot include dtype 'm' in a buffer)");
  CHECK(snapshot.find_not_shown("dates")->type_name == "ndarray");
  CHECK(snapshot.missing_name_message("nosuch") == "no buffer-exporting name 'nosuch' in the session");

  const auto state = state_to_json(snapshot, session);
  REQUIRE(state.contains("not_shown"));
  REQUIRE(state["not_shown"].size() == 4);
  CHECK(state["not_shown"][0]["name"] == "m");
  CHECK(state["not_shown"][0]["type"] == "memoryview");
  CHECK(state["not_shown"][0]["reason"] == "is released");
}

TEST_CASE("a name with '\\0' or a lone surrogate is shown escaped and addressed exactly") {
  ensure_interpreter();
  Session session;
  session.run_cell(
      "globals()['a\\x00b'] = bytearray(3)\n"
      "a = bytearray(b'xyz')\n"
      "globals()['s\\udc80'] = bytearray(2)\n"
      "view = memoryview(globals()['a\\x00b'])\n");
  const Snapshot& snapshot = session.snapshot();
  const std::string nul_name("a\0b", 3);
  const int nul_index = snapshot.index_of(nul_name);
  const int a_index = snapshot.index_of("a");
  REQUIRE(nul_index >= 0);
  REQUIRE(a_index >= 0);
  CHECK(nul_index != a_index);
  CHECK(snapshot.objects[nul_index].display_name == "a\\x00b");
  CHECK(snapshot.objects[a_index].display_name == "a");
  const SnapshotObject* view = snapshot.find("view");
  REQUIRE(view);
  REQUIRE(view->exporters.size() == 1);
  CHECK(view->exporters[0].name == nul_name);
  CHECK(view->exporters[0].display_name == "a\\x00b");
  const int surrogate_index = snapshot.index_of("s\xed\xb2\x80");
  REQUIRE(surrogate_index >= 0);
  CHECK(snapshot.objects[surrogate_index].display_name == "s\\udc80");

  CHECK_FALSE(write_byte(session, nul_index, 0, 65));
  CHECK_FALSE(write_byte(session, surrogate_index, 1, 66));
  CHECK(session.run_cell("print(globals()['a\\x00b'], a, globals()['s\\udc80'])").stdout_text() ==
        "bytearray(b'A\\x00\\x00') bytearray(b'xyz') bytearray(b'\\x00B')\n");
}

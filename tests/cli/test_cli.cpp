// The headless command line, run as a real process: the dump's facts and values against what
// CPython itself says, edits through the C++ path, refusals and exit codes.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>

#include "tests/support/process_helpers.h"

using namespace bufferlab::testing;
using Json = nlohmann::json;

namespace {

const std::string kBinary = BUFFERLAB_BINARY;
const std::string kScripts = std::string(BUFFERLAB_SOURCE_DIR) + "/tests/scripts/";

struct Dump {
  ProcessResult process;
  Json state;
  const Json* object(const std::string& name) const {
    for (const auto& entry : state["objects"])
      if (entry["name"] == name) return &entry;
    return nullptr;
  }
  bool shares(const std::string& a, const std::string& b) const {
    const Json pair = Json::array({std::min(a, b), std::max(a, b)});
    const Json& shared = state["shared"];
    return std::find(shared.begin(), shared.end(), pair) != shared.end();
  }
};

Dump run_dump(const ScratchDir& scratch, const std::string& script, const std::string& edits = "") {
  const auto out = scratch / "state.json";
  std::filesystem::remove(out);
  Dump dump;
  dump.process = run_command(kBinary + " --script " + shell_quote(kScripts + script) + " " + edits +
                                 " --dump-state " + shell_quote(out.string()),
                             scratch);
  const std::string text = read_file(out);
  if (!text.empty()) dump.state = Json::parse(text);
  return dump;
}

}  // namespace

TEST_CASE("the dump agrees with CPython on every kind of exporter") {
  ScratchDir scratch;
  const auto expected_path = scratch / "expected.json";
  setenv("BUFFERLAB_EXPECTED", expected_path.c_str(), 1);
  const Dump dump = run_dump(scratch, "contract_objects.py");
  REQUIRE(dump.process.exit_code == 0);
  CHECK(dump.process.err.empty());
  CHECK(dump.process.out.rfind("objects: ", 0) == 0);
  const Json expected = Json::parse(read_file(expected_path));
  REQUIRE(expected.size() > 50);

  for (const auto& [name, facts] : expected.items()) {
    CAPTURE(name);
    const Json* object = dump.object(name);
    REQUIRE(object);
    for (const char* key : {"type", "readonly", "format", "itemsize", "ndim", "shape", "strides",
                            "nbytes", "values", "address"}) {
      CAPTURE(key);
      if (facts.contains(key)) CHECK((*object)[key] == facts[key]);
    }
    const Json& region = dump.state["regions"][(*object)["region"].get<int>()];
    CHECK((*object)["address"].get<std::uint64_t>() - region["address"].get<std::uint64_t>() ==
          (*object)["offset"].get<std::uint64_t>());
  }
  // Formats memoryview.tolist() cannot list, checked by hand.
  CHECK((*dump.object("arr_u"))["values"] == Json::parse(R"(["h", "é", "€"])"));
  CHECK((*dump.object("c_arr"))["values"] == Json::parse("[7, 8, 9]"));
  CHECK((*dump.object("c_arr"))["format"] == "<i");
  CHECK((*dump.object("c_dbl"))["values"] == 2.5);
  CHECK((*dump.object("c_struct"))["itemsize"] == 32);
  CHECK((*dump.object("c_struct"))["values"] == Json::parse("[1, 2, 0.5, 1.5, 2.5]"));
  CHECK((*dump.object("n_c8"))["format"] == "Zf");
  CHECK((*dump.object("n_rec"))["values"] == Json::parse("[[1, 2.5], [-3, 4.0]]"));
  CHECK((*dump.object("chars"))["values"] == Json::parse(R"(["b'A'", "b'B'", "b'\\x00'", "b'\\xff'"])"));
  CHECK((*dump.object("flags"))["values"] == Json::parse("[false, true, true]"));
  CHECK((*dump.object("arr_f"))["values"][3] == "nan");

  // Regions and sharing.
  const Json& data = *dump.object("data");
  const Json& word = *dump.object("word");
  CHECK(word["region"] == data["region"]);
  CHECK(word["offset"] == 7);
  CHECK(dump.state["regions"][data["region"].get<int>()]["hex"] == "48656c6c6f2c20776f726c6421");
  CHECK(dump.shares("data", "word"));
  CHECK(dump.shares("mv", "word"));
  CHECK(dump.shares("ba", "even"));
  CHECK(dump.shares("backwards", "even"));
  CHECK_FALSE(dump.shares("even", "odd"));
  for (const auto& pair : dump.state["shared"]) CHECK(pair[0].get<std::string>() < pair[1].get<std::string>());
}

TEST_CASE("--set and --set-byte edit memory through the C++ path, in order") {
  ScratchDir scratch;
  const Dump dump = run_dump(scratch, "seed_numpy_cast.py",
                             "--set 'a[-1]=40000' --set-byte 'm_obj@1=0x01' --set 'm_obj[4]=7'");
  REQUIRE(dump.process.exit_code == 0);
  CHECK(dump.process.out.find("Modified array: [255   2   3   4]") != std::string::npos);
  CHECK((*dump.object("a"))["values"] == Json::parse("[511, 7, 3, 40000]"));
  CHECK((*dump.object("m"))["values"] == Json::parse("[511, 7, 3, 40000]"));
  CHECK((*dump.object("m_obj"))["values"][1] == 1);
  CHECK(dump.shares("a", "m_obj"));
}

TEST_CASE("refused edits write nothing and exit 3") {
  ScratchDir scratch;
  struct Case {
    const char* script;
    const char* edit;
    const char* message;
  } cases[] = {
      {"seed_bytes_slices.py", "--set 'data[0]=74'", "cannot modify read-only memory"},
      {"seed_bytes_slices.py", "--set-byte 'mv@0=0x4a'", "cannot modify read-only memory"},
      {"seed_numpy_cast.py", "--set 'm_obj[0]=300'", "ubyte format requires 0 <= number <= 255"},
      {"seed_numpy_cast.py", "--set 'a[4]=1'", "out of bounds"},
      {"seed_numpy_cast.py", "--set 'a[0]=1.5'", "required argument is not an integer"},
      {"seed_numpy_cast.py", "--set 'a[0,0]=1'", "expected 1 index"},
      {"seed_numpy_cast.py", "--set-byte 'a@16=1'", "out of range"},
      {"seed_numpy_cast.py", "--set-byte 'a@0=256'", "does not fit in a byte"},
      {"seed_numpy_cast.py", "--set 'nosuch[0]=1'", "no buffer-exporting name 'nosuch'"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.edit);
    const Dump dump = run_dump(scratch, c.script, c.edit);
    CHECK(dump.process.exit_code == 3);
    CHECK(dump.process.err.find(c.message) != std::string::npos);
    CHECK(dump.process.err.find("nothing was written") != std::string::npos);
  }
  // The whole batch is checked before the first byte is written: an edit refused anywhere
  // leaves memory exactly as the script left it, the edits before it included.
  const Dump untouched = run_dump(scratch, "seed_numpy_cast.py",
                                  "--set 'a[1]=9' --set-byte 'm_obj@0=7' --set 'a[2]=99999999999'");
  CHECK(untouched.process.exit_code == 3);
  CHECK(untouched.process.err.find("--set 'a[2]=99999999999'") != std::string::npos);
  CHECK((*untouched.object("a"))["values"] == Json::parse("[255, 2, 3, 4]"));
}

TEST_CASE("a script that raises: traceback on stderr, state dumped, exit 1") {
  ScratchDir scratch;
  const Dump dump = run_dump(scratch, "raises.py");
  CHECK(dump.process.exit_code == 1);
  CHECK(dump.process.out == "before the error\n");
  CHECK(dump.process.err.find("Traceback (most recent call last):") == 0);
  CHECK(dump.process.err.find("BufferError: Existing exports of data: object cannot be re-sized") !=
        std::string::npos);
  REQUIRE(dump.object("buf"));
  CHECK((*dump.object("buf"))["values"] == Json::parse("[97, 98, 99]"));
}

TEST_CASE("bad arguments and missing files exit 2 with a message") {
  ScratchDir scratch;
  const char* commands[] = {
      " --script /nonexistent/script.py --dump-state x.json",
      " --frobnicate",
      " --script",
      " --set 'a0=1' --dump-state x.json",
      " --set-byte 'a@x=1' --dump-state x.json",
      " --size 12by3",
  };
  for (const char* arguments : commands) {
    CAPTURE(arguments);
    const auto result = run_command(kBinary + arguments, scratch);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("bufferlab: ") == 0);
  }
  const auto missing = run_command(kBinary + " --script /nonexistent/script.py --dump-state x.json", scratch);
  CHECK(missing.err.find("cannot open script '/nonexistent/script.py'") != std::string::npos);
}

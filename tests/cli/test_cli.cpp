// The headless command line, run as a real process: the dump's facts and values against what
// CPython itself says, edits through the C++ path, refusals and exit codes.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "tests/support/process_helpers.h"
#include "tests/support/sanitizer.h"

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

// run_dump for a script written into the scratch directory.
Dump run_dump_of(const ScratchDir& scratch, const std::string& source, const std::string& edits) {
  write_file(scratch / "script.py", source);
  const auto out = scratch / "state.json";
  std::filesystem::remove(out);
  Dump dump;
  dump.process = run_command(kBinary + " --script " + shell_quote((scratch / "script.py").string()) + " " + edits +
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

// Numbers past 64 bits are edits refused as out
// of range (exit 3) after the script ran, with the state dumped; not a usage error.
TEST_CASE("indices and offsets too large for 64 bits are out-of-range edits: exit 3, script run, state dumped") {
  ScratchDir scratch;
  for (const char* edit : {"--set 'ba[9223372036854775808]=1'", "--set 'ba[99999999999999999999]=1'",
                           "--set 'ba[-9223372036854775808]=1'", "--set 'ba[-99999999999999999999]=1'",
                           "--set-byte 'ba@9223372036854775808=1'", "--set-byte 'ba@-99999999999999999999=1'",
                           "--set-byte 'ba@0=99999999999999999999'"}) {
    CAPTURE(edit);
    const Dump dump = run_dump_of(scratch, "ba = bytearray(b'abc')\nprint('the script ran')\n", edit);
    CHECK(dump.process.exit_code == 3);
    CHECK(dump.process.out == "the script ran\n");
    CHECK(dump.process.err.find("usage:") == std::string::npos);
    const bool value_too_large = std::string(edit).find("@0=") != std::string::npos;
    CHECK(dump.process.err.find(value_too_large ? "does not fit in a byte" : "out of range") != std::string::npos);
    REQUIRE(dump.object("ba"));
    CHECK((*dump.object("ba"))["values"] == Json::parse("[97, 98, 99]"));
  }
}

// Subscripts read as Python reads them.
TEST_CASE("indices parse as Python parses them: spaces after a sign, a one-item tuple, bases, bools") {
  ScratchDir scratch;
  const Dump dump = run_dump_of(scratch, "ba = bytearray(8)\n",
                                "--set 'ba[- 1]=1' --set 'ba[0,]=2' --set 'ba[True]=3' --set 'ba[0x_2]=4' "
                                "--set 'ba[-(-3)]=5' --set-byte 'ba@+ 6=6' --set-byte 'ba@0b100=0o7'");
  CHECK(dump.process.exit_code == 0);
  CHECK(dump.process.err.empty());
  REQUIRE(dump.object("ba"));
  CHECK((*dump.object("ba"))["values"] == Json::parse("[2, 3, 4, 5, 7, 0, 6, 1]"));
  // Not integers: still malformed (exit 2).
  for (const char* edit : {"--set 'ba[1.0]=1'", "--set 'ba[(0,(1,))]=1'", "--set 'ba[[0]]=1'", "--set 'ba[x]=1'"}) {
    CAPTURE(edit);
    CHECK(run_dump_of(scratch, "ba = bytearray(8)\n", edit).process.exit_code == 2);
  }
}

TEST_CASE("the command line: unknown options, contradictions and repeats are refused with exit 2") {
  ScratchDir scratch;
  write_file(scratch / "s.py", "x = 1\n");
  write_file(scratch / "l.md", "# L\n\nOne.\n\n```python\nx = 1\n```\n");
  const std::string script = shell_quote((scratch / "s.py").string());
  const std::string lesson = shell_quote((scratch / "l.md").string());
  struct Case {
    std::string arguments;
    std::string message;
  } cases[] = {
      {" --bogus", "unknown option '--bogus'"},
      {" --bogus x --dump-state x.json", "unknown option '--bogus'"},
      {" stray", "unexpected argument 'stray'"},
      {" --script " + script + " --lesson " + lesson + " --run-all", "does not go with --script"},
      {" --lesson " + lesson + " --run-all --step 1", "does not go with --step"},
      {" --lesson " + lesson + " --step 2 --run-all", "does not go with --step"},
      {" --script " + script + " --script " + script + " --dump-state x.json", "--script is given twice"},
      {" --lesson " + lesson + " --lesson " + lesson + " --run-all", "--lesson is given twice"},
      {" --lesson " + lesson + " --step 99999999999999999999", "--step 99999999999999999999: "},
      {" --lesson " + lesson + " --step 5", "has 1 steps (1 to 1)"},
      {" --lesson " + lesson + " --step 0", "--step takes a step number from 1"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.arguments);
    const auto result = run_command(kBinary + c.arguments, scratch);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("bufferlab: ") == 0);
    CHECK(result.err.find(c.message) != std::string::npos);
  }
}

// --timeout, the parsing only: what the timeout does is tested with its behaviour.
TEST_CASE("--timeout takes a positive number of seconds") {
  ScratchDir scratch;
  write_file(scratch / "s.py", "x = bytearray(1)\n");
  const std::string script = " --script " + shell_quote((scratch / "s.py").string()) + " --dump-state x.json";
  for (const char* good : {"10", "2.5", "0.001", "1e3"}) {
    CAPTURE(good);
    CHECK(run_command(kBinary + script + " --timeout " + good, scratch).exit_code == 0);
  }
  for (const char* bad : {"0", "-1", "abc", "nan", "inf", "1e999", "5s", "''", "1e300"}) {
    CAPTURE(bad);
    const auto result = run_command(kBinary + script + " --timeout " + bad, scratch);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("--timeout takes a positive number of seconds") != std::string::npos);
  }
  CHECK(run_command(kBinary + " --help", scratch).out.find("--timeout SECONDS") != std::string::npos);
}

// --zoom, --theme and --dump-ui, the parsing only: the window's use of them is tested end to end.
TEST_CASE("--zoom, --theme and --dump-ui are checked before any window opens") {
  ScratchDir scratch;
  write_file(scratch / "s.py", "x = bytearray(1)\n");
  write_file(scratch / "l.md", "# L\n\nOne.\n\n```python\nx = 1\n```\n");
  const std::string lesson = shell_quote((scratch / "l.md").string());
  const std::string dump = " --script " + shell_quote((scratch / "s.py").string()) + " --dump-state x.json";
  struct Case {
    std::string arguments;
    std::string message;
  } cases[] = {
      {" --zoom 300 --screenshot x.png", "--zoom takes a percentage from 70 to 220"},
      {" --zoom 69 --screenshot x.png", "--zoom takes a percentage from 70 to 220"},
      {" --zoom 1.5 --screenshot x.png", "--zoom takes a percentage from 70 to 220"},
      {" --zoom '' --screenshot x.png", "--zoom takes a percentage"},
      {" --zoom 200 --zoom 100", "--zoom is given twice"},
      {" --theme blue", "--theme takes light or dark"},
      {" --theme Light", "--theme takes light or dark"},
      {" --dump-ui x.json", "it needs --screenshot OUT.png"},
      {dump + " --zoom 200", "do not go with --dump-state"},
      {dump + " --theme light", "do not go with --dump-state"},
      {" --lesson " + lesson + " --run-all --theme dark", "do not go with --dump-state, --set or --run-all"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.arguments);
    const auto result = run_command(kBinary + c.arguments, scratch);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find(c.message) != std::string::npos);
  }
  const std::string help = run_command(kBinary + " --help", scratch).out;
  for (const char* option : {"--zoom PERCENT", "--theme light|dark", "--dump-ui OUT.json"}) {
    CAPTURE(option);
    CHECK(help.find(option) != std::string::npos);
  }
}

// Only regular files are read as scripts; nothing blocks or reads forever.
TEST_CASE("--script refuses devices, FIFOs and directories with exit 2") {
  ScratchDir scratch;
  const auto fifo = scratch / "pipe.py";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  for (const std::string& path : {std::string("/dev/zero"), std::string("/dev/null"), fifo.string(), scratch.path().string()}) {
    CAPTURE(path);
    const auto result = run_command(kBinary + " --script " + shell_quote(path) + " --dump-state x.json", scratch);
    CHECK(result.exit_code == 2);
    CHECK(result.err.find("cannot open script '" + path + "'") != std::string::npos);
  }
  // Window mode too (the check comes before any window would open).
  CHECK(run_command(kBinary + " --script /dev/zero", scratch).exit_code == 2);
  CHECK(run_command(kBinary + " --lesson /dev/zero --run-all", scratch).exit_code == 2);
}

// Edits through the process: refusals (exit 3), the script run, the state
// dumped, and a clean exit (no overwritten object pointer, no stack overflow).
TEST_CASE("object pointers are never written and deep literals are refused: exit 3, no crash") {
  ScratchDir scratch;
  const std::string numpy_objects =
      "import numpy as np\nobj = np.array([1, 'a', None], dtype=object)\n"
      "rec = np.zeros(2, dtype=[('a', 'i4'), ('o', 'O')])\nraw = np.frombuffer(obj, dtype=np.uint8)\n"
      "a = bytearray(4)\nprint('ran')\n";
  const std::string deep = std::string(10000, '(') + "1" + std::string(10000, ')');
  struct Case {
    std::string edit;
    std::string message;
  } cases[] = {
      {"--set-byte 'obj@13=0x41'", "obj: its memory holds Python object pointers"},
      {"--set 'obj[0]=1'", "memoryview: format O not supported"},
      {"--set-byte 'rec@0=1'", "rec: its memory holds Python object pointers"},
      {"--set-byte 'raw@8=1'", "obj: its memory holds Python object pointers"},
      {"--set 'raw[3]=1'", "obj: its memory holds Python object pointers"},
      {"--set 'a[0]=" + deep + "'", "SyntaxError: too many nested parentheses"},
      {"--set 'a[0]=" + std::string(5000, '[') + "'", "SyntaxError: too many nested parentheses"},
      {"--set 'a[0]=" + std::string(100000, '-') + "1'", "too many unary operators"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.edit.substr(0, 60));
    const Dump dump = run_dump_of(scratch, numpy_objects, c.edit);
    CHECK(dump.process.exit_code == 3);
    CHECK(dump.process.out == "ran\n");
    CHECK(dump.process.err.find(c.message) != std::string::npos);
    CHECK(dump.object("a"));
  }
}

TEST_CASE("views of 2**44 elements and more over a few bytes: the snapshot finishes, solved on the strides") {
  // Element by element this never ends; `timeout` only bounds a hang, it measures no speed.
  ScratchDir scratch;
  const auto out = scratch / "state.json";
  Dump dump;
  dump.process = run_command("timeout -k 10 600 " + kBinary + " --script " +
                                 shell_quote(kScripts + "broadcast_huge.py") + " --dump-state " +
                                 shell_quote(out.string()),
                             scratch);
  REQUIRE(dump.process.exit_code == 0);
  dump.state = Json::parse(read_file(out));
  REQUIRE(dump.object("b"));
  CHECK((*dump.object("b"))["shape"] == Json::parse("[1048576, 1048576, 16]"));
  CHECK((*dump.object("b"))["strides"] == Json::parse("[0, 0, 1]"));
  CHECK(dump.state["regions"].size() == 1);
  CHECK(dump.state["regions"][0]["size"] == 16);
  CHECK(dump.shares("b", "z"));
  CHECK(dump.shares("even", "z"));
  CHECK(dump.shares("windows", "odd"));
  CHECK_FALSE(dump.shares("even", "odd"));
}

TEST_CASE("exporters that leave strides NULL get C-contiguous strides, as memoryview reads them") {
  ScratchDir scratch;
  const Dump dump = run_dump(scratch, "ctypes_null_strides.py", "--set-byte 'c@20=1'");
  REQUIRE(dump.process.exit_code == 0);
  CHECK(dump.process.out == "strides (12, 4) (12, 4, 1)\n");
  const Json& c = *dump.object("c");
  CHECK(c["strides"] == Json::parse("[12, 4]"));
  CHECK(c["nbytes"] == 24);
  CHECK(dump.state["regions"][c["region"].get<int>()]["size"] == 24);
  CHECK(c["values"] == Json::parse("[[0, 0, 0], [0, 0, 1]]"));  // byte 20 is the low byte of c[1][2]
  CHECK((*dump.object("cube"))["strides"] == Json::parse("[12, 4, 1]"));
  CHECK(dump.shares("c", "mv"));
}

namespace {

// Runs the dump of record_subarray.py with `records` elements of 65,536 values each; returns
// the exit code and the process's peak resident memory in KiB (from tests/scripts/peak_rss.py).
std::pair<int, long> dump_records(const ScratchDir& scratch, int records, const std::filesystem::path& out) {
  // ASan's quarantine would hold freed memory and count it as resident: keep it out.
  const auto result = run_command("ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0 BUFFERLAB_RECORDS=" +
                                      std::to_string(records) + " /usr/bin/python3.11 " +
                                      shell_quote(kScripts + "peak_rss.py") + " " + kBinary + " --script " +
                                      shell_quote(kScripts + "record_subarray.py") + " --dump-state " +
                                      shell_quote(out.string()),
                                  scratch);
  int exit_code = -1;
  long peak_kib = -1;
  std::istringstream(result.out.substr(result.out.rfind('\n', result.out.size() - 2) + 1)) >> exit_code >> peak_kib;
  return {exit_code, peak_kib};
}

}  // namespace

TEST_CASE("the dump is streamed: its memory does not grow with the size of the JSON") {
  ScratchDir scratch;
  const auto small = scratch / "small.json", big = scratch / "big.json";
  const auto [small_exit, small_peak] = dump_records(scratch, 1, small);
  const auto [big_exit, big_peak] = dump_records(scratch, 64, big);
  REQUIRE(small_exit == 0);
  REQUIRE(big_exit == 0);
  const auto json_bytes = static_cast<long>(std::filesystem::file_size(big));
  CHECK(json_bytes > 30'000'000);
  // Building the JSON in memory took several times its size; streaming needs a fixed amount.
  CAPTURE(small_peak);
  CAPTURE(big_peak);
  CHECK(big_peak - small_peak < json_bytes / 1024 / 4);
  const Json state = Json::parse(read_file(big));
  const Json& values = state["objects"][0]["values"];
  REQUIRE(values.size() == 64);
  REQUIRE(values[3].size() == 65536);  // a record's fields, its sub-array flattened
  CHECK(values[3][0] == 3);
  CHECK(values[63][65535] == 0);
}

TEST_CASE("the dump's limit counts scalar values, not elements") {
  ScratchDir scratch;
  const auto out = scratch / "state.json";
  // 65 elements are few, but 65 * 65,536 values are past the limit of 4,194,304.
  REQUIRE(dump_records(scratch, 65, out).first == 0);
  const Json state = Json::parse(read_file(out));
  const Json& records = state["objects"][0];
  CHECK(records["name"] == "records");
  CHECK(records["values"].is_null());
  CHECK(records["values_omitted"] ==
        "65 elements of 65536 values: more than the dump's limit of 4194304 values");
}

TEST_CASE("a dump that fails leaves no truncated file, and an earlier one untouched") {
  ScratchDir scratch;
  const auto out = scratch / "state.json";
  {
    std::ofstream earlier(out);
    earlier << "earlier\n";
  }
  // A file size limit makes writes fail part way through (EFBIG, with SIGXFSZ ignored).
  const auto result = run_command("sh -c \"trap '' XFSZ; ulimit -f 2048; BUFFERLAB_RECORDS=64 exec " + kBinary +
                                      " --script " + shell_quote(kScripts + "record_subarray.py") +
                                      " --dump-state " + shell_quote(out.string()) + "\"",
                                  scratch);
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("bufferlab: cannot write '" + out.string() + "'") == 0);
  CHECK(read_file(out) == "earlier\n");
  for (const auto& entry : std::filesystem::directory_iterator(scratch.path())) {
    CAPTURE(entry.path().string());
    CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
  }
}

TEST_CASE("views of memory that is gone are dumped as 'memory not readable' and never written" *
          doctest::skip(kAddressSanitizer)) {
  ScratchDir scratch;
  const Dump dump = run_dump(scratch, "dangling_views.py");
  CHECK(dump.process.exit_code == 0);
  CHECK(dump.process.out == "made\n");
  for (const char* name : {"far", "freed"}) {
    CAPTURE(name);
    REQUIRE(dump.object(name));
    const Json& region = dump.state["regions"][(*dump.object(name))["region"].get<int>()];
    CHECK(region["hex_error"] == "memory not readable");
  }
  CHECK((*dump.object("far"))["values_error"] == "memory not readable");
  REQUIRE(dump.object("stale"));
  CHECK((*dump.object("small"))["values"] == Json::parse("[0, 0, 0, 0, 0, 0, 0, 0]"));
  const Dump refused = run_dump(scratch, "dangling_views.py", "--set-byte 'freed@0=65'");
  CHECK(refused.process.exit_code == 3);
  CHECK(refused.process.err.find("memory not readable") != std::string::npos);
}

TEST_CASE("names that give no export are dumped with the reason, a name with '\\0' is dumped exactly") {
  ScratchDir scratch;
  const Dump dump = run_dump_of(scratch,
                                "import mmap, numpy as np\n"
                                "m = memoryview(b'ab')\nm.release()\n"
                                "mm = mmap.mmap(-1, 16)\nmm.close()\n"
                                "dates = np.array(['2020-01-01'], dtype='datetime64[D]')\n"
                                "globals()['a\\x00b'] = bytearray(b'x')\n",
                                "");
  CHECK(dump.process.exit_code == 0);
  CHECK(dump.state["not_shown"] ==
        Json::parse(R"json([{"name": "m", "type": "memoryview", "reason": "is released"},
                        {"name": "mm", "type": "mmap", "reason": "is closed"},
                        {"name": "dates", "type": "ndarray",
                         "reason": "refuses a buffer export (ValueError: cannot include dtype 'M' in a buffer)"}])json"));
  REQUIRE(dump.object(std::string("a\0b", 3)));
  CHECK((*dump.object(std::string("a\0b", 3)))["values"] == Json::parse("[120]"));
}

// Running lessons: every built-in lesson runs clean in a fresh session and its highlights mark
// bytes of their names, the seed's cells print what the seed shows (object ids and timings
// aside), the lessons after the seed teach what CPython, NumPy and Pillow really do, and
// `bufferlab --lesson FILE --run-all` prints the transcript and reports unexpected errors in its
// exit code.
#include <doctest/doctest.h>

#include <regex>

#include "core/lesson/lesson.h"
#include "tests/support/process_helpers.h"
#include "tests/support/python_fixture.h"

using namespace bufferlab;
using namespace bufferlab::testing;

namespace {

const std::filesystem::path kLessonDir = std::filesystem::path(BUFFERLAB_SOURCE_DIR) / "assets/lessons";

struct LessonTranscript {
  std::string out;
  std::string err;
  std::vector<std::string> problems;  // "step K (location): why", for steps that went wrong
};

// Runs every code step of a lesson in order in one fresh session, as --run-all does.
LessonTranscript run_lesson(const std::filesystem::path& path) {
  ensure_interpreter();
  LessonTranscript transcript;
  LessonLoad loaded = load_lesson(path);
  if (const auto* error = std::get_if<LessonError>(&loaded)) {
    transcript.problems.push_back(error->message);
    return transcript;
  }
  const Lesson& lesson = std::get<Lesson>(loaded);
  Session session;
  for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
    const LessonStep& step = lesson.steps[i];
    if (!step.has_code()) continue;
    const CellResult result = session.run_cell(step.code);
    transcript.out += result.stdout_text();
    transcript.err += result.stderr_text();
    if (auto problem = step_outcome_problem(step, result.raised, result.error_type))
      transcript.problems.push_back("step " + std::to_string(i + 1) + " (" + step.location + "): " + *problem);
  }
  return transcript;
}

// Runs a lesson as run_lesson does and, after each step with a highlight, evaluates its window as
// the window does: "name[start:stop] = the bytes in hex", or why it marks nothing.
std::vector<std::string> lesson_highlights(const std::filesystem::path& path) {
  ensure_interpreter();
  const Lesson lesson = std::get<Lesson>(load_lesson(path));
  Session session;
  std::vector<std::string> marked;
  for (const LessonStep& step : lesson.steps) {
    if (!step.has_code()) continue;
    session.run_cell(step.code);
    if (!step.highlight) continue;
    const std::string& name = step.highlight->name;
    const auto start = session.evaluate_index(step.highlight->start);
    const auto stop = session.evaluate_index(step.highlight->stop);
    const int object = session.snapshot().index_of(name);
    if (!std::holds_alternative<std::int64_t>(start) || !std::holds_alternative<std::int64_t>(stop) || object < 0) {
      marked.push_back(name + ": not evaluated or not a buffer");
      continue;
    }
    const std::int64_t begin = std::get<std::int64_t>(start), end = std::get<std::int64_t>(stop);
    if (begin < 0 || end <= begin || end > session.snapshot().objects[static_cast<std::size_t>(object)].facts.len) {
      marked.push_back(name + ": [" + std::to_string(begin) + ", " + std::to_string(end) + ") is outside its buffer");
      continue;
    }
    std::string hex;
    const auto error = session.read_object(object, [&](const std::uint8_t* buf) {
      static const char digits[] = "0123456789abcdef";
      for (std::int64_t i = begin; i < end; ++i) {
        if (!hex.empty()) hex += ' ';
        hex += digits[buf[i] >> 4];
        hex += digits[buf[i] & 15];
      }
    });
    marked.push_back(name + "[" + std::to_string(begin) + ":" + std::to_string(end) + "] = " + (error ? *error : hex));
  }
  return marked;
}

// Object ids and measured times differ from run to run: replace them with placeholders.
std::string normalised(const std::string& text) {
  static const std::regex id(R"((array: ?)\d+\n)");
  static const std::regex seconds(R"((slice\): )\d+(\.\d+)?(e-\d+)?\n)");
  return std::regex_replace(std::regex_replace(text, id, "$1<id>\n"), seconds, "$1<seconds>\n");
}

std::string lesson_path(const std::string& name) { return (kLessonDir / name).string(); }

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

TEST_CASE("every built-in lesson runs clean in a fresh session") {
  const auto files = list_lesson_files(kLessonDir);
  REQUIRE(files.size() == 11);
  for (const auto& file : files) {
    INFO(file.filename().string());
    const LessonTranscript transcript = run_lesson(file);
    CHECK(transcript.problems == std::vector<std::string>{});
    CHECK_FALSE(transcript.out.empty());
  }
}

TEST_CASE("lesson 2 prints the seed's output: one byte changes the numpy array") {
  const LessonTranscript transcript = run_lesson(lesson_path("02-numpy-cast-one-byte.md"));
  const std::string out = normalised(transcript.out);
  CHECK(starts_with(out,
                    "Original array: <id>\n"
                    "Original array: [1 2 3 4]\n"
                    "Modified array: [255   2   3   4]\n"
                    "modified array: <id>\n"));
  // The same object before and after: both ids are equal.
  std::smatch ids;
  REQUIRE(std::regex_search(transcript.out, ids, std::regex(R"(Original array: (\d+)\n(?:.*\n){2}modified array: (\d+)\n)")));
  CHECK(ids[1] == ids[2]);
}

TEST_CASE("lesson 3 prints the seed's output for bytes and slices") {
  const LessonTranscript transcript = run_lesson(lesson_path("03-bytes-and-slices.md"));
  CHECK(starts_with(transcript.out,
                    "Bytes: b'Hello, world!'\n"
                    "Memoryview as bytes: b'Hello, world!'\n"
                    "Memoryview slice: b'world'\n"));
  CHECK(transcript.err.find("TypeError: cannot modify read-only memory\n") != std::string::npos);
}

TEST_CASE("lesson 4 prints the two timings of the seed, times aside") {
  const LessonTranscript transcript = run_lesson(lesson_path("04-copy-versus-view.md"));
  CHECK(starts_with(normalised(transcript.out),
                    "Time (normal slice): <seconds>\n"
                    "Time (memoryview slice): <seconds>\n"));
  CHECK(transcript.out.find("s1: bytes 49000000 bytes of its own\n") != std::string::npos);
  CHECK(transcript.out.find("s2 shares data's memory: True\n") != std::string::npos);
}

TEST_CASE("lesson 5 prints the seed's array.array facts") {
  const LessonTranscript transcript = run_lesson(lesson_path("05-array-array.md"));
  CHECK(starts_with(transcript.out,
                    "array contents          : array('I', [0, 1, 2, 3, 4])\n"
                    "itemsize (bytes)        : 4\n"
                    "buffer nbytes           : 20\n"
                    "raw bytes               : b'\\x00\\x00\\x00\\x00\\x01\\x00\\x00\\x00\\x02\\x00\\x00\\x00\\x03\\x00\\x00\\x00\\x04\\x00\\x00\\x00'\n"));
}

TEST_CASE("lesson 6 prints the seed's whole output block") {
  const LessonTranscript transcript = run_lesson(lesson_path("06-memoryview-over-array.md"));
  CHECK(starts_with(transcript.out,
                    "Original array: array('I', [0, 1, 2, 3, 4])\n"
                    "Itemsize (bytes): 4\n"
                    "Total buffer size (bytes): 20\n"
                    "Raw bytes: b'\\x00\\x00\\x00\\x00\\x01\\x00\\x00\\x00\\x02\\x00\\x00\\x00\\x03\\x00\\x00\\x00\\x04\\x00\\x00\\x00'\n"
                    "\n"
                    "Memoryview format: I\n"
                    "Memoryview itemsize: 4\n"
                    "Memoryview shape: (5,)\n"
                    "Memoryview nbytes: 20\n"
                    "\n"
                    "Slice (memoryview): [1, 2, 3]\n"
                    "Slice raw bytes: b'\\x01\\x00\\x00\\x00\\x02\\x00\\x00\\x00\\x03\\x00\\x00\\x00'\n"
                    "\n"
                    "Modified array: array('I', [0, 99, 2, 3, 4])\n"
                    "Raw bytes after modification: b'\\x00\\x00\\x00\\x00c\\x00\\x00\\x00\\x02\\x00\\x00\\x00\\x03\\x00\\x00\\x00\\x04\\x00\\x00\\x00'\n"));
}

TEST_CASE("lesson 7 echoes the seed's diagram string, then shows the write through the view") {
  const LessonTranscript transcript = run_lesson(lesson_path("07-sharing-diagram.md"));
  CHECK(starts_with(transcript.out,
                    "\" +-----------+\\n| original  | -+-----------+                  \\\\     +----------------------+\\n"
                    "                 ---> | bytearray in memory  |\\n                /     | Content: b'Hello'    |\\n"
                    "+-----------+  /\\n|  view     | -/\\n+-----------+ \"\n"));
  CHECK(transcript.out.find("bytearray(b'Jello')\n") != std::string::npos);
}

TEST_CASE("lesson 8 prints the seed's struct walk, then the same values one step at a time") {
  const LessonTranscript transcript = run_lesson(lesson_path("08-struct-unpack-from.md"));
  const std::string values = " index 0 = 0\n index 1 = 99\n index 2 = 2\n index 3 = 3\n index 4 = 4\n";
  CHECK(starts_with(transcript.out, "\nInterpreting arr buffer via struct iter:\n" + values + values));
  CHECK(transcript.err.find("struct.error: unpack_from requires a buffer of at least 24 bytes") != std::string::npos);
}

TEST_CASE("lesson 9 meets BufferError while a view exists, then succeeds after release") {
  const LessonTranscript transcript = run_lesson(lesson_path("09-when-not-to-use-memoryview.md"));
  CHECK(transcript.err.find("BufferError: Existing exports of data: object cannot be re-sized\n") != std::string::npos);
  CHECK(transcript.out ==
        "b'Hello'\n"
        "bytearray(b'Hello!')\n"
        "72 b'Hello'\n"
        "bytearray(b'Hello!!!')\n"
        "safe: b'Hello!!!'\n"
        "buf : bytearray(b'Jello!!!')\n");
}

TEST_CASE("every highlight of a built-in lesson marks bytes inside its name's buffer") {
  for (const auto& file : list_lesson_files(kLessonDir)) {
    INFO(file.filename().string());
    for (const std::string& mark : lesson_highlights(file)) CHECK(mark.find(" = ") != std::string::npos);
  }
  // The bytes the lessons point at are the ones the narration talks about.
  CHECK(lesson_highlights(lesson_path("10-images-are-buffers.md")) ==
        std::vector<std::string>{
            "img[198:201] = 08 05 80",  // pixel (1, 2): red 2*4, green 1*5, blue 128
            "img[1980:2004] = ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff",
            "raw[21:22] = ff",     // pixel (5, 1), written through raw
            "raw[0:2] = 00 7b"});  // putpixel left raw[0] alone; raw[1] = 123
  CHECK(lesson_highlights(lesson_path("11-byte-order.md")) ==
        std::vector<std::string>{"data[0:4] = 00 00 01 02", "both[0:4] = 02 01 00 00", "packet[2:6] = c0 a8 00 01",
                                 "data[3:4] = 03", "stored[4:8] = 00 00 01 02", "fixed[4:8] = 02 01 00 00"});
}

TEST_CASE("lesson 10: crops, flips and channels share the image's bytes, and Pillow reads a bytearray in place") {
  const LessonTranscript transcript = run_lesson(lesson_path("10-images-are-buffers.md"));
  CHECK(transcript.problems == std::vector<std::string>{});
  CHECK(starts_with(transcript.out,
                    "shape  : (48, 64, 3)\n"
                    "strides: (192, 3, 1)\n"
                    "nbytes : 9216\n"
                    "pixel (1, 2) starts at byte 198\n"
                    "its bytes: [8, 5, 128]\n"
                    "img[1, 2]: [  8   5 128]\n"
                    "view   strides       shares img\n"
                    "crop   (192, 3, 1)   True\n"
                    "flip   (-192, 3, 1)  True\n"
                    "red    (192, 3)      True\n"
                    "small  (384, 6, 1)   True\n"
                    "turned (3, 192, 1)   True\n"
                    "img[10, 20]   : [255 255 255]\n"
                    "flip[37, 20]  : [255 255 255]\n"
                    "red[10, 20]   : 255\n"
                    "small[5, 10]  : [255 255 255]\n"
                    "turned[20, 10]: [255 255 255]\n"));
  // Image.frombuffer(..., 'raw', 'L', 0, 1) over a bytearray: read-only, in place.
  CHECK(transcript.out.find("L (16, 16) readonly: 1\n"
                            "pixel (0, 0): 0\n"
                            "pixel (5, 1): 21\n"
                            "pixel (5, 1): 255\n") != std::string::npos);
  // putpixel copies first: raw keeps its byte, and the image stops following raw.
  CHECK(transcript.out.find("pic pixel (0, 0): 200\n"
                            "raw[0]          : 0\n"
                            "readonly now    : 0\n"
                            "raw[1]          : 123\n"
                            "pic pixel (1, 0): 1\n") != std::string::npos);
  // np.asarray(pic) is a read-only copy.
  CHECK(transcript.out.find("arr[0, 1]: 123\n"
                            "writeable: False\n"
                            "after raw[1] = 7\n"
                            "  pic : 7\n"
                            "  grey: 7\n"
                            "  arr : 123\n"
                            "arr shares raw's bytes: False\n") != std::string::npos);
  CHECK(transcript.err.find("TypeError: memoryview: a bytes-like object is required, not 'Image'\n") != std::string::npos);
}

TEST_CASE("lesson 11: the same bytes read both ways, network order, and memoryview's native-only cast") {
  const LessonTranscript transcript = run_lesson(lesson_path("11-byte-order.md"));
  CHECK(transcript.problems == std::vector<std::string>{});
  CHECK(transcript.out ==
        "'<i' little-endian: 33619968\n"
        "'>i' big-endian   : 258\n"
        "'<i': 02 01 00 00\n"
        "'>i': 00 00 01 02\n"
        "this machine: little\n"
        "'i' reads   : 33619968\n"
        "packet   : 1f 90 c0 a8 00 01\n"
        "read back: (8080, 3232235521)\n"
        "size '!HI': 6\n"
        "size 'HI' : 8\n"
        "before: le [33619968]  be [258]\n"
        "after : le [50397184]  be [259]\n"
        "be exports the format '>i'\n"
        "stored: 00000001 00000102 fffffffe\n"
        "[ 16777216  33619968 -16777217]\n"
        "fixed: [  1 258  -2] int32\n"
        "right: [  1 258  -2] >i4\n"
        "fixed.base is stored: False\n"
        "right.base is stored: True\n"
        "bytes: 01000000 02010000 feffffff\n");
  CHECK(transcript.err.find("ValueError: memoryview: destination format must be a native single character format "
                            "prefixed with an optional '@'\n") != std::string::npos);
}

TEST_CASE("a notebook lesson runs in the session with its expected error honoured") {
  ScratchDir scratch;
  write_file(scratch / "resize.ipynb", R"nb({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
    {"cell_type": "markdown", "metadata": {}, "source": "# Resize"},
    {"cell_type": "code", "metadata": {}, "outputs": [], "source": ["buf = bytearray(b'ab')\n", "mv = memoryview(buf)"]},
    {"cell_type": "code", "metadata": {"bufferlab": {"expect": "BufferError"}}, "outputs": [], "source": "buf.append(99)"},
    {"cell_type": "code", "metadata": {}, "outputs": [], "source": "mv.release()\nbuf.append(99)\nprint(buf)"}]})nb");
  const LessonTranscript transcript = run_lesson(scratch / "resize.ipynb");
  CHECK(transcript.problems == std::vector<std::string>{});
  CHECK(transcript.out == "bytearray(b'abc')\n");
}

// The real binary. `--lesson FILE --run-all` is wired in app/main.cpp to run_lesson_headless().
TEST_CASE("bufferlab --lesson FILE --run-all prints the lesson's output and exits 0") {
  ScratchDir scratch;
  const ProcessResult run = run_command(std::string(BUFFERLAB_BINARY) + " --lesson " +
                                            shell_quote(lesson_path("02-numpy-cast-one-byte.md")) + " --run-all",
                                        scratch);
  CHECK(run.exit_code == 0);
  CHECK(normalised(run.out) ==
        "Original array: <id>\n"
        "Original array: [1 2 3 4]\n"
        "Modified array: [255   2   3   4]\n"
        "modified array: <id>\n"
        "[255, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0]\n"
        "16777471 0x10000ff\n");
  CHECK(run.err.empty());
}

TEST_CASE("bufferlab --run-all: an expected error passes, an unexpected or missing one fails") {
  ScratchDir scratch;
  const auto run_all = [&](const std::string& lesson) {
    return run_command(std::string(BUFFERLAB_BINARY) + " --lesson " + shell_quote(lesson) + " --run-all", scratch);
  };

  const ProcessResult expected = run_all(lesson_path("09-when-not-to-use-memoryview.md"));
  CHECK(expected.exit_code == 0);
  CHECK(expected.err.find("BufferError: Existing exports of data: object cannot be re-sized\n") != std::string::npos);
  CHECK(expected.out.find("bytearray(b'Hello!')\n") != std::string::npos);

  write_file(scratch / "fails.md", "# Fails\n```python\nprint('before')\n1/0\n```\n```python\nprint('after')\n```\n");
  const ProcessResult unexpected = run_all((scratch / "fails.md").string());
  CHECK(unexpected.exit_code == 1);
  CHECK(unexpected.out == "before\nafter\n");  // the session goes on, as in class
  CHECK(unexpected.err.find("ZeroDivisionError: division by zero\n") != std::string::npos);
  CHECK(unexpected.err.find("step 1 (fails.md:3) raised ZeroDivisionError, which the lesson does not expect") !=
        std::string::npos);

  write_file(scratch / "missing-error.md", "# Missing\n<!-- expect: BufferError -->\n```python\nx = 1\n```\n");
  const ProcessResult missing = run_all((scratch / "missing-error.md").string());
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("was expected to raise BufferError, but it ran without an error") != std::string::npos);
}

TEST_CASE("bufferlab --lesson with a missing or malformed file: the message on stderr, exit 2") {
  ScratchDir scratch;
  const std::string absent = (scratch / "absent.md").string();
  const ProcessResult missing =
      run_command(std::string(BUFFERLAB_BINARY) + " --lesson " + shell_quote(absent) + " --run-all", scratch);
  CHECK(missing.exit_code == 2);
  CHECK(missing.out.empty());
  CHECK(missing.err.find(absent + ": cannot open lesson: No such file or directory") != std::string::npos);

  write_file(scratch / "broken.ipynb", "{\"nbformat\": 4, \"cells\": [\n  {]\n}");
  const ProcessResult broken = run_command(
      std::string(BUFFERLAB_BINARY) + " --lesson " + shell_quote((scratch / "broken.ipynb").string()) + " --run-all", scratch);
  CHECK(broken.exit_code == 2);
  CHECK(broken.err.find("broken.ipynb:2:4: not valid JSON") != std::string::npos);
}

// The bars directive: parsing and its errors (Markdown and notebook metadata), reading the
// printed times back from a step's output, the units and the comparison sentence.
#include <doctest/doctest.h>

#include "core/lesson/lesson.h"
#include "tests/support/lesson_load_checks.h"

using namespace bufferlab;
using namespace bufferlab::testing;

namespace {

LessonBars bars_of(std::string_view text) {
  std::string why;
  const auto parsed = parse_lesson_bars(text, &why);
  REQUIRE_MESSAGE(parsed, why);
  return *parsed;
}

}  // namespace

TEST_CASE("bars: labels separated by '|', each with an optional short name after 'as'") {
  CHECK(bars_of("Time (normal slice) | Time (memoryview slice)") ==
        LessonBars{{{"Time (normal slice)", "Time (normal slice)"},
                    {"Time (memoryview slice)", "Time (memoryview slice)"}}});
  CHECK(bars_of(" copy: as the copy|view as  the view ") ==
        LessonBars{{{"copy:", "the copy"}, {"view", "the view"}}});
  CHECK(bars_of("only one").bars.size() == 1);

  std::string why;
  CHECK_FALSE(parse_lesson_bars("a || b", &why));
  CHECK(why == "a bar has no label (labels are separated by '|')");
  CHECK_FALSE(parse_lesson_bars("", &why));
  CHECK_FALSE(parse_lesson_bars("a | a as again", &why));
  CHECK(why == "the label 'a' is given twice");
  CHECK_FALSE(parse_lesson_bars("1|2|3|4|5|6|7|8|9", &why));
  CHECK(why == "at most 8 bars");
}

TEST_CASE("the bars directive in a Markdown step, in notebook metadata, and its errors name the line") {
  const Lesson lesson = require_lesson(parse_markdown_lesson(
      "# Timing\n"
      "<!-- bars: Time (normal slice) | Time (memoryview slice) as the view -->\n"
      "```python\n"
      "print('Time (normal slice):', 0.5)\n"
      "```\n"
      "```python\n"
      "pass\n"
      "```\n",
      "t.md"));
  REQUIRE(lesson.steps.size() == 2);
  REQUIRE(lesson.steps[0].bars);
  CHECK(lesson.steps[0].bars->bars[1] == LessonBar{"Time (memoryview slice)", "the view"});
  CHECK_FALSE(lesson.steps[1].bars);  // a directive belongs to one step

  CHECK(require_error(parse_markdown_lesson("a\n\n<!-- bars: x | -->\n```python\nx\n```\n", "t.md")) ==
        "t.md:3: bars: a bar has no label (labels are separated by '|'); write LABEL | LABEL [as NAME], e.g. "
        "Time (normal slice) | Time (memoryview slice)");
  CHECK(require_error(parse_markdown_lesson("<!-- bars: a -->\n<!-- bars: b -->\n```python\nx\n```\n", "t.md")) ==
        "t.md:2: bars: is given twice for one step");
  CHECK(require_error(parse_markdown_lesson("a\n<!-- bars: a | b -->\n<!-- step -->\n", "t.md")) ==
        "t.md:3: bars: needs a python code block after it in the same step");

  const Lesson notebook = require_lesson(parse_notebook_lesson(
      R"({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {"bufferlab": {"bars": "copy | view"}}, "source": "pass", "outputs": []}]})",
      "n.ipynb"));
  REQUIRE(notebook.steps[0].bars);
  CHECK(notebook.steps[0].bars->bars.size() == 2);
  CHECK(require_error(parse_notebook_lesson(
            R"({"nbformat": 4, "metadata": {}, "cells": [
              {"cell_type": "code", "metadata": {"bufferlab": {"bars": "|"}}, "source": "pass"}]})",
            "n.ipynb"))
            .rfind("n.ipynb: cell 1 (code): bars: a bar has no label", 0) == 0);
}

TEST_CASE("lesson 4 draws the two slice times as bars") {
  const Lesson lesson = require_lesson(
      load_lesson(std::filesystem::path(BUFFERLAB_SOURCE_DIR) / "assets/lessons/04-copy-versus-view.md"));
  const LessonStep& timing = lesson.steps[0];
  REQUIRE(timing.bars);
  REQUIRE(timing.bars->bars.size() == 2);
  CHECK(timing.bars->bars[0].label == "Time (normal slice)");
  CHECK(timing.bars->bars[1].label == "Time (memoryview slice)");
  // Each label is printed by the step's own code.
  for (const LessonBar& bar : timing.bars->bars)
    CHECK(timing.code.find("print(\"" + bar.label + ":\"") != std::string::npos);
}

TEST_CASE("bar values are read from the output as Python prints floats") {
  const LessonBars bars = bars_of("Time (normal slice) as the copy | Time (memoryview slice) as the view");
  const auto readings = read_lesson_bars(bars,
                                         "warming up\n"
                                         "Time (normal slice): 0.04521536827087402\n"
                                         "Time (memoryview slice): 1.8e-05\r\n");
  REQUIRE(readings.size() == 2);
  REQUIRE(readings[0].seconds);
  CHECK(*readings[0].seconds == doctest::Approx(0.04521536827087402));
  REQUIRE(readings[1].seconds);
  CHECK(*readings[1].seconds == doctest::Approx(1.8e-05));
  CHECK(readings[1].problem.empty());
  CHECK(bars_ratio_sentence(readings) == "the view was 2,512\u00d7 faster than the copy");

  SUBCASE("a label that is the start of another is read from its own line") {
    const auto shared = read_lesson_bars(bars_of("Time | Time (view)"), "Time (view): 2\nTime = 3e+00\n");
    CHECK(shared[0].seconds == 3.0);
    CHECK(shared[1].seconds == 2.0);
  }
  SUBCASE("integers, exponents with a sign, and spaces instead of a colon") {
    CHECK(read_lesson_bars(bars_of("t"), "t 7\n")[0].seconds == 7.0);
    CHECK(read_lesson_bars(bars_of("t"), "t: 1E-3 s\n")[0].seconds == 0.001);
  }
  SUBCASE("a missing label or number is reported, never guessed") {
    const auto missing = read_lesson_bars(bars, "Time (normal slice): n/a\n");
    CHECK_FALSE(missing[0].seconds);
    CHECK(missing[0].problem == "no number after 'Time (normal slice)' in the line 'Time (normal slice): n/a'");
    CHECK_FALSE(missing[1].seconds);
    CHECK(missing[1].problem == "no line of the output starts with 'Time (memoryview slice)'");
    CHECK_FALSE(bars_ratio_sentence(missing));
    // A label must start the line.
    CHECK_FALSE(read_lesson_bars(bars_of("t"), " t: 1\n")[0].seconds);
    CHECK_FALSE(read_lesson_bars(bars_of("t"), "")[0].seconds);
  }
  SUBCASE("non-finite and negative numbers are refused") {
    CHECK(read_lesson_bars(bars_of("t"), "t: inf\n")[0].problem.find("not a finite number") != std::string::npos);
    CHECK(read_lesson_bars(bars_of("t"), "t: nan\n")[0].problem.find("not a finite number") != std::string::npos);
    CHECK(read_lesson_bars(bars_of("t"), "t: -0.5\n")[0].problem.find("negative") != std::string::npos);
  }
  SUBCASE("a zero time is too quick for the clock; equal times have no ratio") {
    const auto zero = read_lesson_bars(bars, "Time (normal slice): 0.25\nTime (memoryview slice): 0.0\n");
    CHECK(bars_ratio_sentence(zero) == "the view was too quick for the clock to measure; the copy took 250 ms");
    const auto equal = read_lesson_bars(bars, "Time (normal slice): 0.5\nTime (memoryview slice): 0.5\n");
    CHECK(bars_ratio_sentence(equal) == "the times are equal");
  }
}

TEST_CASE("durations are shown in s, ms or \u00b5s with three significant digits") {
  CHECK(format_seconds(0.0) == "0 s");
  CHECK(format_seconds(2.0) == "2.00 s");
  CHECK(format_seconds(125.0) == "125 s");
  CHECK(format_seconds(0.04521536827087402) == "45.2 ms");
  CHECK(format_seconds(0.0012) == "1.20 ms");
  CHECK(format_seconds(1.8e-05) == "18.0 \u00b5s");
  CHECK(format_seconds(9.5367431640625e-07) == "0.954 \u00b5s");
  CHECK(format_seconds(0.9999) == "1.00 s");  // not "1000 ms"
  CHECK(format_seconds(0.0009999) == "1.00 ms");
}

// The bars directive of a lesson step: labels whose measured times the step prints, read back
// from its output and compared. Plain text work: no Python, no GUI.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bufferlab {

// One bar: the label a line of the step's output starts with, and the short name the ratio
// sentence uses for it ("Time (memoryview slice) as the view"; the label itself when none).
struct LessonBar {
  std::string label;
  std::string name;
  bool operator==(const LessonBar&) const = default;
};

// `<!-- bars: LABEL [as NAME] | LABEL [as NAME] ... -->`: after the step runs, the number that
// follows each label in the step's standard output is drawn as a bar (in seconds).
struct LessonBars {
  std::vector<LessonBar> bars;
  bool operator==(const LessonBars&) const = default;
};

inline constexpr std::size_t kMaxLessonBars = 8;

// Parses the directive's value; nullopt with `why` set when it is malformed.
std::optional<LessonBars> parse_lesson_bars(std::string_view text, std::string* why);

// What was read for one bar: the value, or why there is none.
struct BarReading {
  std::string label;
  std::string name;
  std::optional<double> seconds;
  std::string problem;  // "no line of the output starts with ..." when `seconds` is empty
};

// Reads each bar's number from `output`: the first line that starts with the label and has a
// number after it (an optional ':' or '=' and spaces between), written as Python prints a float
// (0.0452, 1.8e-05, 3). Never throws; a missing label or number becomes the reading's problem.
std::vector<BarReading> read_lesson_bars(const LessonBars& bars, std::string_view output);

// A duration for people, with three significant digits: "1.25 s", "45.2 ms", "18.0 µs".
std::string format_seconds(double seconds);

// "the view was 2,612× faster than the copy": the fastest reading against the slowest, or
// nullopt with fewer than two readings. A zero time is below what the clock resolves.
std::optional<std::string> bars_ratio_sentence(const std::vector<BarReading>& readings);

}  // namespace bufferlab

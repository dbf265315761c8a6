// The bars directive: parsing "LABEL [as NAME] | ...", reading the printed numbers back from a
// step's output, and the words the lesson pane shows beside the bars.
#include "core/lesson/lesson_bars.h"
#include "core/lesson/lesson_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace bufferlab {

namespace {

std::string_view skip_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

// A line quoted in a message, cut short when long.
std::string quoted_line(std::string_view line) {
  constexpr std::size_t kLimit = 60;
  std::string text(line.substr(0, kLimit));
  if (line.size() > kLimit) text += "...";
  return "'" + text + "'";
}

// The number as Python prints it, at the start of `text`.
std::optional<double> leading_number(std::string_view text) {
  double value = 0.0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data()) return std::nullopt;
  return value;
}

// Three significant digits, enough to compare bars by eye: 125, 45.2, 1.20, 0.954.
std::string three_digits(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2e", value);  // rounded first: 0.9999 is 1.00, not 1
  const double rounded = std::strtod(text, nullptr);
  int decimals = 0;
  if (rounded >= 100.0)
    decimals = 0;
  else if (rounded >= 10.0)
    decimals = 1;
  else if (rounded >= 1.0 || rounded <= 0.0)
    decimals = 2;
  else
    decimals = 2 - static_cast<int>(std::floor(std::log10(rounded)));
  std::snprintf(text, sizeof text, "%.*f", std::min(decimals, 12), rounded);
  return text;
}

// "2,612" for ratios of a hundred and more; "12" and "3.4" below.
std::string ratio_text(double ratio) {
  char text[64];
  if (ratio >= 1e15) return "more than 10^15";
  if (ratio < 10.0) {
    std::snprintf(text, sizeof text, "%.1f", ratio);
    return text;
  }
  std::snprintf(text, sizeof text, "%.0f", ratio);
  std::string digits = text;
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

}  // namespace

std::optional<LessonBars> parse_lesson_bars(std::string_view text, std::string* why) {
  auto fail = [&](std::string message) -> std::optional<LessonBars> {
    if (why) *why = std::move(message);
    return std::nullopt;
  };
  LessonBars parsed;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto bar_end = text.find('|', start);
    if (bar_end == std::string_view::npos) bar_end = text.size();
    const std::string_view part = trim_blanks(text.substr(start, bar_end - start));
    start = bar_end + 1;
    if (part.empty()) return fail("a bar has no label (labels are separated by '|')");
    LessonBar bar;
    const auto as = part.rfind(" as ");
    if (as == std::string_view::npos) {
      bar.label = bar.name = std::string(part);
    } else {
      bar.label = std::string(trim_blanks(part.substr(0, as)));
      bar.name = std::string(trim_blanks(part.substr(as + 4)));
      if (bar.label.empty() || bar.name.empty())
        return fail("'" + std::string(part) + "' needs a label before 'as' and a name after it");
    }
    for (const LessonBar& earlier : parsed.bars)
      if (earlier.label == bar.label) return fail("the label '" + bar.label + "' is given twice");
    parsed.bars.push_back(std::move(bar));
    if (parsed.bars.size() > kMaxLessonBars)
      return fail("at most " + std::to_string(kMaxLessonBars) + " bars");
  }
  return parsed;
}

std::vector<BarReading> read_lesson_bars(const LessonBars& bars, std::string_view output) {
  const std::vector<std::string> lines = split_lines(output);

  std::vector<BarReading> readings;
  for (const LessonBar& bar : bars.bars) {
    BarReading reading{bar.label, bar.name, std::nullopt, {}};
    std::string_view first_match;
    bool matched = false;
    for (std::string_view line : lines) {
      if (line.substr(0, bar.label.size()) != bar.label) continue;
      if (!matched) first_match = line;
      matched = true;
      std::string_view rest = skip_blanks(line.substr(bar.label.size()));
      if (!rest.empty() && (rest.front() == ':' || rest.front() == '=')) rest = skip_blanks(rest.substr(1));
      const std::optional<double> value = leading_number(rest);
      if (!value) continue;  // "Time (memoryview slice)" also starts with "Time": look further
      if (!std::isfinite(*value))
        reading.problem = "'" + bar.label + "' is followed by " + quoted_line(rest) + ", not a finite number";
      else if (*value < 0.0)
        reading.problem = "'" + bar.label + "' is followed by a negative time, " + quoted_line(rest);
      else
        reading.seconds = *value;
      break;
    }
    if (!reading.seconds && reading.problem.empty())
      reading.problem = matched ? "no number after '" + bar.label + "' in the line " + quoted_line(first_match)
                                : "no line of the output starts with '" + bar.label + "'";
    readings.push_back(std::move(reading));
  }
  return readings;
}

std::string format_seconds(double seconds) {
  if (!std::isfinite(seconds)) return "?";
  if (seconds == 0.0) return "0 s";
  struct Unit {
    double scale;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{1e-6, "\u00b5s"}, {1e-3, "ms"}, {1.0, "s"}};
  std::size_t unit = 0;
  while (unit + 1 < std::size(kUnits) && std::fabs(seconds) >= kUnits[unit + 1].scale) ++unit;
  std::string digits = three_digits(seconds / kUnits[unit].scale);
  // 999.7 ms rounds to "1000": say 1.00 s instead.
  if (digits == "1000" && unit + 1 < std::size(kUnits)) digits = three_digits(seconds / kUnits[++unit].scale);
  return digits + " " + kUnits[unit].name;
}

std::optional<std::string> bars_ratio_sentence(const std::vector<BarReading>& readings) {
  const BarReading *fastest = nullptr, *slowest = nullptr;
  int measured = 0;
  for (const BarReading& reading : readings) {
    if (!reading.seconds) continue;
    ++measured;
    if (!fastest || *reading.seconds < *fastest->seconds) fastest = &reading;
    if (!slowest || *reading.seconds > *slowest->seconds) slowest = &reading;
  }
  if (measured < 2) return std::nullopt;
  if (*fastest->seconds == *slowest->seconds) return std::string("the times are equal");
  if (*fastest->seconds == 0.0)
    return fastest->name + " was too quick for the clock to measure; " + slowest->name + " took " +
           format_seconds(*slowest->seconds);
  return fastest->name + " was " + ratio_text(*slowest->seconds / *fastest->seconds) + "\u00d7 faster than " +
         slowest->name;
}

}  // namespace bufferlab

// A seeded random fuzzer for what users type and open: struct formats (parse, decode, encode),
// Python literals, command-line edit specs and lesson files (.md and .ipynb). Every input is
// a mutation of a seed, drawn from a generator seeded by (seed, iteration), so any iteration can
// be replayed alone with --seed S --only I. A crash or a broken invariant names the iteration.
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <unistd.h>
#include <vector>

#include "core/edit/edit_spec.h"
#include "core/format/format_codec.h"
#include "core/format/python_literal.h"
#include "core/lesson/lesson.h"

namespace {

using namespace bufferlab;
using Random = std::mt19937_64;

// What runs now, for the crash handler (written with write(2), which a handler may call).
char g_current[160] = "starting\n";

void report_crash(int signal) {
  const char prefix[] = "fuzz_inputs: crashed in ";
  [[maybe_unused]] auto ignored = ::write(2, prefix, sizeof prefix - 1);
  ignored = ::write(2, g_current, std::strlen(g_current));
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

[[noreturn]] void broken(const std::string& what, std::string_view input) {
  std::fprintf(stderr, "fuzz_inputs: invariant broken in %s: %s\ninput (%zu bytes): ", g_current, what.c_str(),
               input.size());
  for (unsigned char c : input.substr(0, 400)) std::fprintf(stderr, c >= 32 && c < 127 ? "%c" : "\\x%02x", c);
  std::fputc('\n', stderr);
  std::exit(1);
}

std::size_t below(Random& random, std::size_t n) { return n == 0 ? 0 : random() % n; }

// Mutations of a seed: byte edits, tokens of the input's language, repeats (nesting, long
// runs) and splices with other seeds. The result stays under `limit` bytes.
std::string mutate(Random& random, std::string text, const std::vector<std::string>& seeds,
                   const std::vector<std::string>& tokens, std::size_t limit) {
  const int rounds = 1 + static_cast<int>(below(random, 6));
  for (int round = 0; round < rounds; ++round) {
    const std::size_t at = below(random, text.size() + 1);
    switch (below(random, 8)) {
      case 0: text.insert(at, 1, static_cast<char>(random())); break;
      case 1:
        if (!text.empty()) text.erase(at == text.size() ? at - 1 : at, 1 + below(random, 8));
        break;
      case 2:
        if (at < text.size()) text[at] = static_cast<char>(random());
        break;
      case 3:
      case 4: text.insert(at, tokens[below(random, tokens.size())]); break;
      case 5: {  // a token repeated: deep nesting, long runs of signs or digits
        const std::string& token = tokens[below(random, tokens.size())];
        const std::size_t count = below(random, 4) == 0 ? 1 + below(random, 5000) : 1 + below(random, 40);
        std::string run;
        for (std::size_t i = 0; i < count && run.size() < limit; ++i) run += token;
        text.insert(at, run);
        break;
      }
      case 6: {  // a piece of another seed
        const std::string& other = seeds[below(random, seeds.size())];
        const std::size_t from = below(random, other.size() + 1);
        text.insert(at, other.substr(from, below(random, 200)));
        break;
      }
      default:
        if (at < text.size()) text.insert(at, text.substr(at, below(random, 64)));
        break;
    }
    if (text.size() > limit) text.resize(limit);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Targets: each takes one input and checks what must hold whatever the input.

void run_format(Random& random, const std::string& format) {
  const std::size_t itemsize = below(random, 3) == 0 ? below(random, 64) : 0;
  auto parsed = itemsize ? parse_export_format(format, itemsize) : parse_format(format);
  if (!std::holds_alternative<ElementFormat>(parsed)) return;
  const ElementFormat& element = std::get<ElementFormat>(parsed);
  if (element.itemsize > (1u << 20)) return;  // legal, but too big to decode a million times
  for (const Field& field : element.fields)
    if (field.offset + field.size > element.itemsize) broken("a field lies past the item", format);
  std::vector<std::uint8_t> bytes(element.itemsize);
  for (auto& b : bytes) b = static_cast<std::uint8_t>(random());
  const std::string repr = python_repr(decode_element(element, bytes.data()));
  auto encoded = encode_literal(element, repr);
  if (const auto* out = std::get_if<std::vector<std::uint8_t>>(&encoded))
    if (out->size() != element.itemsize) broken("an encoding is not itemsize bytes", format);
}

void run_literal(Random&, const std::string& text) {
  (void)parse_python_literal(text);
  for (const char* format : {"B", "<q", "d", "Zd", "T{i:a:(2)h:b:}", "3s", "4w"}) {
    auto element = std::get<ElementFormat>(parse_format(format));
    auto encoded = encode_literal(element, text);
    if (const auto* out = std::get_if<std::vector<std::uint8_t>>(&encoded))
      if (out->size() != element.itemsize) broken("an encoding is not itemsize bytes", text);
  }
}

void run_edit_spec(Random&, const std::string& text) {
  (void)parse_element_edit(text);
  (void)parse_byte_edit(text);
}

void run_markdown(Random&, const std::string& text) {
  const LessonLoad loaded = parse_markdown_lesson(text, "fuzz.md");
  if (const auto* lesson = std::get_if<Lesson>(&loaded))
    if (lesson->steps.empty()) broken("a lesson without steps loaded", text);
}

void run_notebook(Random&, const std::string& text) {
  const LessonLoad loaded = parse_notebook_lesson(text, "fuzz.ipynb");
  if (const auto* error = std::get_if<LessonError>(&loaded))
    if (error->message.find("[json.exception") != std::string::npos) broken("the JSON library's own text shown", text);
}

struct Target {
  const char* name;
  std::vector<std::string> seeds;
  std::vector<std::string> tokens;
  std::size_t limit;
  std::function<void(Random&, const std::string&)> run;
};

std::vector<std::string> lesson_seeds(const std::filesystem::path& directory) {
  std::vector<std::string> seeds;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    seeds.push_back(text.str());
  }
  seeds.push_back("# T\n\nSay.\n\n<!-- predict: what? -->\n<!-- answer: 1 -->\n```python\nx = 1\n```\n");
  seeds.push_back("# T\r\rCR only\r\r```python\rx = 1\r```\r<!-- step -->\rEnd\r");
  return seeds;
}

std::vector<Target> make_targets(const std::filesystem::path& lessons) {
  std::vector<Target> targets;
  targets.push_back({"format",
                     {"B", "<i", ">Q", "@d", "=e", "Zf", "Zd", "3s", "10p", "4w", "u", "?", "2c", "g", "^i",
                      "T{<i:a:<i:b:}", "T{i:a:O:o:}", "T{=i:a:T{@h:x:d:y:}:s:}", "T{(2,3)h:m:x:pad:}", "<2xH",
                      "T{b:a:i:b:}", "!hhl", "nN", "P"},
                     {"T{", "}", ":n:", "(2,3)", "(", ")", ",", "<", ">", "@", "=", "!", "^", "Z", "x", "s", "p",
                      "w", "u", "O", "&", "t", "X", "9999999999", "0", "1", "i", "q", "e", "d", "?", " "},
                     512,
                     run_format});
  targets.push_back({"literal",
                     {"1", "-0x7f", "1_000.5e-3", "(1+2j)", "b'\\x00A'", "'\\u00e9'", "[1, (2, 3)]", "True",
                      "None", "nan", "-infj", "rb'\\q'", "'''a\nb'''", "(1,)", "()", "0o17", "0b1_0", ".5"},
                     {"(", ")", "[", "]", ",", "-", "+", "j", "e", "e-", ".", "0x", "_", "'", "\"", "b'", "\\x",
                      "\\u", "\\U0010ffff", "\\N{", "9", "inf", "True", " ", "\n", "\xc3\xa9", "\xff"},
                     8192,
                     run_literal});
  targets.push_back({"edit spec",
                     {"a[1]=99", "a[1,2]=0x10", "a[- 1]=1", "a[0,]=b'x'", "a@0=0xff", "a@-1=255",
                      "a[9223372036854775808]=1", "a[()]=1"},
                     {"[", "]", "@", "=", ",", "-", " ", "0x", "(", ")", "99999999999999999999", "True", "'"},
                     1024,
                     run_edit_spec});
  targets.push_back({"markdown lesson", lesson_seeds(lessons),
                     {"```", "```python\n", "~~~", "\n", "\r", "\r\n", "<!-- step -->\n", "<!-- expect: E -->\n",
                      "<!-- highlight: a[0:4] -->\n", "<!-- bars: A | B -->\n", "# ", "===\n", "> ", "- ", "1. ",
                      "    ", "\t", "<!--", "-->", "`", "*", "[x](y)", "\0", "\xef\xbb\xbf"},
                     65536,
                     run_markdown});
  targets.push_back({"notebook lesson",
                     {R"nb({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
 {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "Text"]},
 {"cell_type": "code", "metadata": {"bufferlab": {"expect": "BufferError", "predict": "?", "answer": "!"}},
  "source": "b = bytearray(3)\nm = memoryview(b)\nb.append(1)"}]})nb",
                      R"nb({"nbformat": 4, "cells": [{"cell_type": "code", "source": "x = 1\r\ry = 2"}]})nb"},
                     {"[", "]", "{", "}", "\"", ",", ":", "1e999", "-1e400", "99999999999999999999999", "4", "null",
                      "true", "\"cells\"", "\"nbformat\"", "\"source\"", "\"cell_type\"", "\"code\"", "\"markdown\"",
                      "\\u0000", "\\ud800", "\\", "\n", "\r", " "},
                     65536,
                     run_notebook});
  return targets;
}

int usage() {
  std::fputs("usage: fuzz_inputs [--iterations N] [--seconds S] [--seed S] [--only I] [--target NAME]\n"
             "                   [--lessons DIR]\n"
             "Runs N iterations (default 20000) of every target, or as many as fit in S seconds.\n",
             stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  long long iterations = 20000, only = -1;
  double seconds = 0.0;
  std::uint64_t seed = 1;
  std::string target_name;
  std::filesystem::path lessons = "assets/lessons";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) return usage();
    const char* value = argv[++i];
    if (arg == "--iterations") iterations = std::atoll(value);
    else if (arg == "--seconds") seconds = std::atof(value);
    else if (arg == "--seed") seed = std::strtoull(value, nullptr, 10);
    else if (arg == "--only") only = std::atoll(value);
    else if (arg == "--target") target_name = value;
    else if (arg == "--lessons") lessons = value;
    else return usage();
  }
  for (int signal : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL}) std::signal(signal, report_crash);

  const std::vector<Target> targets = make_targets(lessons);
  const auto started = std::chrono::steady_clock::now();
  for (const Target& target : targets) {
    if (!target_name.empty() && target_name != target.name) continue;
    const long long first = only >= 0 ? only : 0, last = only >= 0 ? only + 1 : iterations;
    long long done = 0;
    for (long long n = first; n < last || (seconds > 0 && only < 0); ++n, ++done) {
      // A time budget is shared by the targets, each taking its part.
      if (seconds > 0 && only < 0 && n % 256 == 0) {
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const double share = seconds * static_cast<double>(&target - targets.data() + 1) / static_cast<double>(targets.size());
        if (elapsed >= share) break;
      }
      std::snprintf(g_current, sizeof g_current, "target '%s', iteration %lld (replay: --seed %llu --target '%s' --only %lld)\n",
                    target.name, n, static_cast<unsigned long long>(seed), target.name, n);
      Random random(seed * 0x9E3779B97F4A7C15ull ^ static_cast<std::uint64_t>(n));
      const std::string& base = target.seeds[below(random, target.seeds.size())];
      const std::string input = below(random, 16) == 0 ? base : mutate(random, base, target.seeds, target.tokens, target.limit);
      target.run(random, input);
    }
    std::printf("fuzz_inputs: %-16s %lld inputs, no crash\n", target.name, done);
    std::fflush(stdout);
  }
  return 0;
}

// Console input assembly without Python or ImGui: the compiler's answers are given per source,
// and the prompt's rules (blocks, open strings and brackets, comments, pastes) are checked.
#include <doctest/doctest.h>

#include <map>

#include "core/console_input.h"

using namespace bufferlab;

namespace {

// The compiler's verdicts for the sources a test types; anything else is complete.
struct Verdicts {
  std::map<std::string, InputState> known;
  std::vector<std::string> asked;
  ConsoleInput::Compile compile() {
    return [this](std::string_view source) {
      asked.emplace_back(source);
      auto it = known.find(std::string(source));
      return it == known.end() ? InputState::Complete : it->second;
    };
  }
};

}  // namespace

TEST_CASE("a complete line runs at once, echoed with the prompt") {
  ConsoleInput input;
  Verdicts verdicts;
  const ConsoleSubmission done = input.submit("x = 1", verdicts.compile());
  CHECK(done.echo == ">>> x = 1\n");
  REQUIRE(done.cell);
  CHECK(*done.cell == "x = 1");
  CHECK_FALSE(input.continuation());
  CHECK(input.history() == std::vector<std::string>{"x = 1"});
}

TEST_CASE("a block continues until an empty line") {
  ConsoleInput input;
  Verdicts verdicts;
  verdicts.known = {{"for i in range(2):", InputState::Incomplete},
                    {"for i in range(2):\n    print(i)", InputState::Incomplete}};
  CHECK_FALSE(input.submit("for i in range(2):", verdicts.compile()).cell);
  CHECK(input.continuation());
  const ConsoleSubmission body = input.submit("    print(i)", verdicts.compile());
  CHECK(body.echo == "...     print(i)\n");
  CHECK_FALSE(body.cell);
  const ConsoleSubmission end = input.submit("", verdicts.compile());
  REQUIRE(end.cell);
  CHECK(*end.cell == "for i in range(2):\n    print(i)\n");
  CHECK_FALSE(input.continuation());
}

TEST_CASE("an empty line inside an open bracket or string continues the input") {
  ConsoleInput input;
  Verdicts verdicts;
  verdicts.known = {{"data = [1,", InputState::Incomplete}, {"data = [1,\n", InputState::Incomplete}};
  CHECK_FALSE(input.submit("data = [1,", verdicts.compile()).cell);
  CHECK_FALSE(input.submit("", verdicts.compile()).cell);
  CHECK(input.continuation());
  const ConsoleSubmission closed = input.submit("2]", verdicts.compile());
  REQUIRE(closed.cell);
  CHECK(*closed.cell == "data = [1,\n\n2]");

  CHECK(ends_inside_string_or_brackets("s = '''abc\n"));
  CHECK(ends_inside_string_or_brackets("f(1,\n  [2"));
  CHECK_FALSE(ends_inside_string_or_brackets("s = ')'  # ( in a comment"));
  CHECK_FALSE(ends_inside_string_or_brackets("s = 'unterminated\n"));
  CHECK_FALSE(ends_inside_string_or_brackets("s = \"a\\\"b\""));
}

TEST_CASE("comment-only input runs nothing, blank input adds no history") {
  ConsoleInput input;
  Verdicts verdicts;
  CHECK_FALSE(input.submit("# just a note", verdicts.compile()).cell);
  CHECK_FALSE(input.submit("   ", verdicts.compile()).cell);
  CHECK_FALSE(input.continuation());
  CHECK(input.history() == std::vector<std::string>{"# just a note"});
  CHECK(is_comment_only("\n  # a\n\n# b"));
  CHECK_FALSE(is_comment_only("# a\nx"));
}

TEST_CASE("a paste runs whole, even ending inside a block, and its trailing newline adds nothing") {
  ConsoleInput input;
  Verdicts verdicts;
  const std::string paste = "def f():\n    return 1\n\nprint(f())";
  verdicts.known = {{"def f():\n    return 1", InputState::Incomplete}};
  const ConsoleSubmission whole = input.submit(paste + "\n", verdicts.compile());
  REQUIRE(whole.cell);
  CHECK(*whole.cell == paste);
  CHECK(whole.echo == ">>> def f():\n...     return 1\n... \n... print(f())\n");

  const std::string open_block = "def g():\n    return 2";
  verdicts.known = {{open_block, InputState::Incomplete}};
  const ConsoleSubmission ends_in_block = input.submit(open_block, verdicts.compile());
  REQUIRE(ends_in_block.cell);
  CHECK(*ends_in_block.cell == open_block);
}

TEST_CASE("Ctrl+C drops the open block, history keeps one copy of a repeated entry") {
  ConsoleInput input;
  Verdicts verdicts;
  verdicts.known = {{"if True:", InputState::Incomplete}};
  input.submit("if True:", verdicts.compile());
  REQUIRE(input.continuation());
  CHECK(input.discard("    x") == "...     x\n");
  CHECK_FALSE(input.continuation());
  input.submit("a", verdicts.compile());
  input.submit("a", verdicts.compile());
  input.remember("a");
  CHECK(input.history() == std::vector<std::string>{"if True:", "a"});
}

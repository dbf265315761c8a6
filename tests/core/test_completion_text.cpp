// The parts of Tab completion readline does for python3: the word before the cursor, and
// several matches listed in columns read downwards.
#include <doctest/doctest.h>

#include "core/completion.h"

using namespace bufferlab;

TEST_CASE("the word to complete ends at python3's completer delimiters") {
  CHECK(completion_word("memo") == "memo");
  CHECK(completion_word("x = mv.ca") == "mv.ca");
  CHECK(completion_word("print(len(a.sh") == "a.sh");
  CHECK(completion_word("d['k'].ke") == ".ke");  // readline's word; rlcompleter finds nothing
  CHECK(completion_word("for i in range(2):\n    pri") == "pri");
  CHECK(completion_word("    ").empty());
  CHECK(completion_word("f(").empty());
  CHECK(completion_word("").empty());
}

TEST_CASE("several matches are listed in columns as readline lists them") {
  const std::vector<std::string> matches{"a.one", "a.three", "a.two"};
  // Each column is the longest match and two spaces wide; read down, then across.
  CHECK(format_completion_columns(matches, 80) == "a.one    a.three  a.two\n");
  CHECK(format_completion_columns(matches, 20) == "a.one    a.two\na.three\n");
  CHECK(format_completion_columns(matches, 5) == "a.one\na.three\na.two\n");
  // A row that would fill the line exactly gives up a column (the terminal would wrap).
  CHECK(format_completion_columns(matches, 18) == "a.one\na.three\na.two\n");
  CHECK(format_completion_columns({}, 80).empty());
}

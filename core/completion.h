// Tab completion in the console, the parts python3's REPL leaves to GNU readline: which word
// before the cursor is completed, what one Tab inserts, and how several matches are listed.
// Pure: the matches themselves come from rlcompleter, in the session (core/py/session.h).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bufferlab {

// What the session found for the word before the cursor.
struct Completion {
  std::string text_before_cursor;    // as asked
  std::string word;                  // the word the matches replace (its end is the cursor)
  std::vector<std::string> matches;  // sorted, without duplicates, at most kMaxListed
  std::size_t total = 0;             // how many there are in all (more when the list was cut)
  std::string common_prefix;         // the longest prefix all `total` matches share
  static constexpr std::size_t kMaxListed = 500;
};

// The characters python3's readline module ends a word at (readline.get_completer_delims()).
inline constexpr std::string_view kCompleterDelimiters = " \t\n`~!@#$%^&*()-=+[{]}\\|;:'\",<>/?";

// The word readline would complete: the text after the last delimiter before the cursor
// (`mv.ca` in `print(mv.ca`). Empty when the cursor follows a delimiter or starts the text.
std::string_view completion_word(std::string_view text_before_cursor);

// The matches as readline lists them: sorted, in columns read downwards, each column as wide
// as the longest match plus two spaces, as many columns as fit in `width` characters. Lines end
// with '\n'.
std::string format_completion_columns(const std::vector<std::string>& matches, std::size_t width);

}  // namespace bufferlab

// md4c, Buffer Lab's one Markdown parser (CommonMark plus pipe tables), driven from C++: its C
// callbacks reach a listener object. Internal to core: md4c is a private dependency.
#pragma once

#include <md4c.h>

#include <string>
#include <string_view>

namespace bufferlab {

// What md4c reports, in document order. `text` views the input when md4c reads it from there,
// otherwise md4c's own storage (a code line's indentation, its '\n').
class Md4cListener {
 public:
  virtual ~Md4cListener() = default;
  virtual void enter_block(MD_BLOCKTYPE type, const void* detail) = 0;
  virtual void leave_block(MD_BLOCKTYPE type) = 0;
  virtual void enter_span(MD_SPANTYPE type) = 0;
  virtual void leave_span(MD_SPANTYPE type) = 0;
  virtual void text(MD_TEXTTYPE type, std::string_view text) = 0;
};

// Parses `text` with the flags every Markdown reader here shares. What the listener throws is
// rethrown here (it never unwinds through md4c's C frames); std::length_error for a text md4c
// cannot address (4 GiB), std::runtime_error when md4c itself fails.
void parse_with_md4c(std::string_view text, Md4cListener& listener);

// An entity as a reader sees it: numeric ones and the few named ones lessons use (&amp; &lt;
// &gt; &quot; &apos; &nbsp;); any other stays as written (md4c has no entity table).
std::string decode_entity(std::string_view entity);

// A fenced block's language: the info string's first word, lower case, cut before a '{'.
std::string fence_language(const MD_BLOCK_CODE_DETAIL& detail);

// A replacement character, for the NUL characters md4c reports apart.
inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

}  // namespace bufferlab

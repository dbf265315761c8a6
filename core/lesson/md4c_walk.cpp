// md4c's C callbacks forwarded to a C++ listener, with exceptions kept out of md4c's frames.
#include "core/lesson/md4c_walk.h"

#include <cctype>
#include <exception>
#include <limits>
#include <stdexcept>

namespace bufferlab {

namespace {

// CommonMark with pipe tables, and nothing else: every reader sees the same structure.
constexpr unsigned kMarkdownFlags = MD_FLAG_TABLES;

// The listener and the first exception it threw; after one, every callback aborts the parse.
struct Forwarding {
  Md4cListener& listener;
  std::exception_ptr failure;
};

template <typename Call>
int forward(void* userdata, Call&& call) {
  auto* forwarding = static_cast<Forwarding*>(userdata);
  try {
    call(forwarding->listener);
    return 0;
  } catch (...) {
    forwarding->failure = std::current_exception();
    return 1;
  }
}

int on_enter_block(MD_BLOCKTYPE type, void* detail, void* userdata) {
  return forward(userdata, [&](Md4cListener& listener) { listener.enter_block(type, detail); });
}
int on_leave_block(MD_BLOCKTYPE type, void*, void* userdata) {
  return forward(userdata, [&](Md4cListener& listener) { listener.leave_block(type); });
}
int on_enter_span(MD_SPANTYPE type, void*, void* userdata) {
  return forward(userdata, [&](Md4cListener& listener) { listener.enter_span(type); });
}
int on_leave_span(MD_SPANTYPE type, void*, void* userdata) {
  return forward(userdata, [&](Md4cListener& listener) { listener.leave_span(type); });
}
int on_text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* userdata) {
  return forward(userdata, [&](Md4cListener& listener) { listener.text(type, std::string_view(text, size)); });
}

void append_utf8(std::string& out, unsigned long code) {
  if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
    out += kReplacementCharacter;
  } else if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

}  // namespace

void parse_with_md4c(std::string_view text, Md4cListener& listener) {
  if (text.size() > std::numeric_limits<MD_SIZE>::max())
    throw std::length_error("Markdown text too large to parse (over 4 GiB)");
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = kMarkdownFlags;
  parser.enter_block = on_enter_block;
  parser.leave_block = on_leave_block;
  parser.enter_span = on_enter_span;
  parser.leave_span = on_leave_span;
  parser.text = on_text;
  Forwarding forwarding{listener, nullptr};
  const int result = md_parse(text.data(), static_cast<MD_SIZE>(text.size()), &parser, &forwarding);
  if (forwarding.failure) std::rethrow_exception(forwarding.failure);
  if (result != 0) throw std::runtime_error("the Markdown parser (md4c) failed");
}

std::string decode_entity(std::string_view entity) {
  if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';') return std::string(entity);
  const std::string_view name = entity.substr(1, entity.size() - 2);
  if (name == "amp") return "&";
  if (name == "lt") return "<";
  if (name == "gt") return ">";
  if (name == "quot") return "\"";
  if (name == "apos") return "'";
  if (name == "nbsp") return "\xC2\xA0";
  if (name.size() < 2 || name[0] != '#') return std::string(entity);
  // md4c only reports numeric entities of at most 7 digits (8 hex), so this cannot overflow.
  const bool hex = name[1] == 'x' || name[1] == 'X';
  unsigned long code = 0;
  for (char c : name.substr(hex ? 2 : 1)) {
    const int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                      : hex && std::isxdigit(static_cast<unsigned char>(c))
                          ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                          : -1;
    if (digit < 0 || code > 0x10FFFF) return std::string(entity);
    code = code * (hex ? 16 : 10) + static_cast<unsigned long>(digit);
  }
  std::string decoded;
  append_utf8(decoded, code);
  return decoded;
}

std::string fence_language(const MD_BLOCK_CODE_DETAIL& detail) {
  std::string language;
  if (!detail.lang.text) return language;
  for (char c : std::string_view(detail.lang.text, detail.lang.size)) {
    if (c == '{' || c == ' ' || c == '\t') break;
    language += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return language;
}

}  // namespace bufferlab

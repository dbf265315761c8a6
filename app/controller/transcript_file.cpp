// The transcript as plain text, written whole or not at all.
#include "app/controller/transcript_file.h"

#include "core/file_output.h"

namespace bufferlab {

std::string transcript_text(const std::vector<TranscriptLine>& transcript) {
  std::size_t size = 1;
  for (const TranscriptLine& line : transcript) size += line.text.size();
  std::string text;
  text.reserve(size);
  for (const TranscriptLine& line : transcript) text += line.text;
  if (!text.empty() && text.back() != '\n') text += '\n';  // output still open at its last line
  return text;
}

std::optional<std::string> write_transcript_file(const std::string& path, const std::vector<TranscriptLine>& transcript) {
  auto failure = write_file_whole(path, [&](std::ostream& out) { out << transcript_text(transcript); });
  if (!failure) return std::nullopt;
  return "cannot write '" + path + "': " + *failure;
}

}  // namespace bufferlab

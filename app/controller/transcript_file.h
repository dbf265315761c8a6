// File > Save transcript: the console's transcript written as plain UTF-8 text, each line as the
// console shows it (input with its >>> and ... prompts, output, tracebacks and notes).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/controller/app_state.h"

namespace bufferlab {

// The transcript's text, ending with a line break when it has any text.
std::string transcript_text(const std::vector<TranscriptLine>& transcript);

// Writes the transcript's text at `path` through a temporary file beside it, renamed into place
// once complete, so a failed save never leaves half a file. The reason it could not, naming
// the path.
std::optional<std::string> write_transcript_file(const std::string& path, const std::vector<TranscriptLine>& transcript);

}  // namespace bufferlab

// Writes a cell's output chunk to the process's own stdout or stderr, flushed, so headless
// modes print exactly what the cell printed, in order.
#pragma once

#include <cstdio>

#include "core/py/session.h"

namespace bufferlab {

inline void write_to_process_streams(const OutputChunk& chunk) {
  std::FILE* stream = chunk.stream == OutputChunk::Stream::Err ? stderr : stdout;
  std::fwrite(chunk.text.data(), 1, chunk.text.size(), stream);
  std::fflush(stream);
}

}  // namespace bufferlab

// Where text written to sys.stdout/sys.stderr goes while a cell runs.
#pragma once

#include <functional>
#include <string_view>

#include "core/py/session.h"

namespace bufferlab::py {

using OutputWriter = std::function<void(OutputChunk::Stream, std::string_view)>;

// Routes Python's output to `writer` for its lifetime. Create and destroy with the GIL held.
class WriterScope {
 public:
  explicit WriterScope(const OutputWriter* writer);
  ~WriterScope();
  WriterScope(const WriterScope&) = delete;
  WriterScope& operator=(const WriterScope&) = delete;

 private:
  const OutputWriter* previous_;
};

}  // namespace bufferlab::py

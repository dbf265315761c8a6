// Writing a file whole or not at all, for every file the app writes on request (the state
// dump, a notebook, a transcript): a failure half-way never leaves a truncated file behind.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <string>

namespace bufferlab {

// Writes what `write` puts into the stream to `path`, through a temporary beside it (the same
// file system, so the rename is atomic) renamed over the target once complete. A device or a
// pipe (/dev/stdout) is written in place, and a directory is refused. An exception thrown by
// `write` (std::bad_alloc, text a library refuses) is caught and reported. Returns why the file
// could not be written, or nullopt.
std::optional<std::string> write_file_whole(const std::string& path,
                                            const std::function<void(std::ostream&)>& write);

}  // namespace bufferlab

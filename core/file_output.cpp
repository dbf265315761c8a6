#include "core/file_output.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace bufferlab {
namespace {

// Runs `write` into `out` and closes it; why it failed, or nullopt.
std::optional<std::string> fill(std::ofstream& out, const std::function<void(std::ostream&)>& write) {
  if (!out) return std::string(std::strerror(errno));
  try {
    write(out);
  } catch (const std::exception& error) {
    return std::string(error.what());
  }
  out.close();
  if (!out) return std::string("write failed");
  return std::nullopt;
}

}  // namespace

std::optional<std::string> write_file_whole(const std::string& path,
                                            const std::function<void(std::ostream&)>& write) {
  namespace fs = std::filesystem;
  if (path.empty()) return std::string("no file name");
  std::error_code ignored;
  const fs::file_status status = fs::status(path, ignored);
  if (fs::is_directory(status)) return std::string("it is a directory");
  // A device or a pipe has no file to leave behind: written in place.
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    std::ofstream out(path, std::ios::binary);
    return fill(out, write);
  }
  const fs::path target(path);
  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // Created as open(2) creates any file (0666 less the umask), unlike mkstemp's 0600.
  std::string temporary;
  int descriptor = -1;
  for (int attempt = 0; attempt < 100 && descriptor < 0; ++attempt) {
    temporary = (directory / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                              std::to_string(attempt)))
                    .string();
    descriptor = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (descriptor < 0 && errno != EEXIST) break;
  }
  if (descriptor < 0) return std::string(std::strerror(errno));
  ::close(descriptor);
  std::optional<std::string> failure;
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    failure = fill(out, write);
  }
  if (!failure) {
    std::error_code renamed;
    fs::rename(temporary, target, renamed);
    if (renamed) failure = renamed.message();
  }
  if (failure) fs::remove(temporary, ignored);
  return failure;
}

}  // namespace bufferlab

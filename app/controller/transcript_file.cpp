// Writes the transcript as text through a temporary file renamed over the target.
#include "app/controller/transcript_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace bufferlab {

namespace {

// Writes all of `text` to `descriptor`; false with errno set when it could not.
bool write_all(int descriptor, const std::string& text) {
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t count = ::write(descriptor, text.data() + written, text.size() - written);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) return false;
    written += static_cast<std::size_t>(count);
  }
  return true;
}

}  // namespace

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
  namespace fs = std::filesystem;
  const auto failed = [&](const std::string& why) { return "cannot write '" + path + "': " + why; };
  if (path.empty()) return failed("no file name");
  std::error_code ignored;
  const fs::file_status status = fs::status(path, ignored);
  if (fs::is_directory(status)) return failed("it is a directory");
  const std::string text = transcript_text(transcript);
  // A device or a pipe is written in place: there is no file to replace.
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    const int descriptor = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (descriptor < 0) return failed(std::strerror(errno));
    const bool written = write_all(descriptor, text);
    const int error = errno;
    ::close(descriptor);
    return written ? std::nullopt : std::optional<std::string>(failed(std::strerror(error)));
  }
  // A temporary beside the target (the same file system, so the rename is atomic), created as
  // open(2) creates any file: 0666 less the umask.
  const fs::path target(path);
  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string temporary;
  int descriptor = -1;
  for (int attempt = 0; attempt < 100 && descriptor < 0; ++attempt) {
    temporary = (directory / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                              std::to_string(attempt)))
                    .string();
    descriptor = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (descriptor < 0 && errno != EEXIST) break;
  }
  if (descriptor < 0) return failed(std::strerror(errno));
  std::optional<std::string> failure;
  if (!write_all(descriptor, text)) failure = std::strerror(errno);
  if (::close(descriptor) != 0 && !failure) failure = std::strerror(errno);
  if (!failure) {
    std::error_code renamed;
    fs::rename(temporary, target, renamed);
    if (renamed) failure = renamed.message();
  }
  if (failure) fs::remove(temporary, ignored);
  return failure ? std::optional<std::string>(failed(*failure)) : std::nullopt;
}

}  // namespace bufferlab

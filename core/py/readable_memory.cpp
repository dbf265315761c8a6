// Mapped-range checks from /proc/self/maps: one pass over the mappings, bounded by their number
// and never by the size of the range asked about.
#include "core/py/readable_memory.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <string>

namespace bufferlab::py {
namespace {

// The whole text of /proc/self/maps (empty when it cannot be read).
std::string read_maps() {
  std::string text;
  const int fd = ::open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return text;
  char chunk[65536];
  while (true) {
    const ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    text.append(chunk, static_cast<std::size_t>(got));
  }
  ::close(fd);
  return text;
}

}  // namespace

AddressSpace AddressSpace::current() {
  AddressSpace space;
  const std::string maps = read_maps();
  std::size_t line_start = 0;
  while (line_start < maps.size()) {
    std::size_t line_end = maps.find('\n', line_start);
    if (line_end == std::string::npos) line_end = maps.size();
    // A line reads "start-end perms offset dev inode path"; start and end are hex.
    const char* line = maps.c_str() + line_start;
    const char* const limit = maps.c_str() + line_end;
    line_start = line_end + 1;
    char* after = nullptr;
    Mapping mapping;
    mapping.begin = std::strtoull(line, &after, 16);
    if (after >= limit || *after != '-') continue;
    mapping.end = std::strtoull(after + 1, &after, 16);
    if (after + 2 >= limit || *after != ' ') continue;
    mapping.readable = after[1] == 'r';
    mapping.writable = after[2] == 'w';
    space.mappings_.push_back(mapping);
  }
  std::sort(space.mappings_.begin(), space.mappings_.end(),
            [](const Mapping& a, const Mapping& b) { return a.begin < b.begin; });
  return space;
}

bool AddressSpace::accessible(std::uintptr_t begin, std::uintptr_t end, bool writable) const {
  if (end <= begin) return true;
  // The first mapping that ends after `begin`, then walk on while they cover the range.
  auto it = std::upper_bound(mappings_.begin(), mappings_.end(), begin,
                             [](std::uintptr_t address, const Mapping& m) { return address < m.end; });
  for (; it != mappings_.end(); ++it) {
    if (it->begin > begin) return false;  // a gap
    if (!it->readable || (writable && !it->writable)) return false;
    if (it->end >= end) return true;
    begin = it->end;
  }
  return false;
}

bool still_mapped(std::uintptr_t begin, std::uintptr_t end) {
  if (end <= begin) return true;
  static const std::uintptr_t page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
  const std::uintptr_t first = begin & ~(page - 1);
  // MS_ASYNC flushes nothing (a no-op since Linux 2.6.19) but fails with ENOMEM when part of the
  // range is not mapped.
  return ::msync(reinterpret_cast<void*>(first), end - first, MS_ASYNC) == 0;
}

bool CachedAddressSpace::accessible(std::uintptr_t begin, std::uintptr_t end, bool writable) {
  if (end <= begin) return true;
  if (has_space_ && space_.accessible(begin, end, writable) && still_mapped(begin, end)) return true;
  space_ = AddressSpace::current();  // a mapping new or gone since: ask the kernel again
  has_space_ = true;
  return space_.accessible(begin, end, writable);
}

bool memory_accessible(std::uintptr_t begin, std::uintptr_t end, bool writable) {
  return AddressSpace::current().accessible(begin, end, writable);
}

}  // namespace bufferlab::py

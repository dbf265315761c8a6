// Write runs kept as a non-overlapping interval map; undo checks that compare live bytes.
#include "app/controller/edit_history.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <cstdio>
#include <cstring>

namespace bufferlab {

namespace {

constexpr std::size_t kCellLineChars = 60;

std::string byte_text(std::uint8_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%02x (%u)", value, value);
  return text;
}

std::size_t edit_bytes(const UndoableEdit& edit) { return edit.before.size() + edit.after.size(); }

}  // namespace

void WriteLog::split_at(std::uintptr_t address) {
  auto it = runs_.upper_bound(address);
  if (it == runs_.begin()) return;
  --it;
  Run& left = it->second;
  if (it->first >= address || address >= left.end) return;
  const auto cut = static_cast<std::ptrdiff_t>(address - it->first);
  Run right{left.end, left.age, left.by, {left.before.begin() + cut, left.before.end()},
            {left.after.begin() + cut, left.after.end()}};
  left.before.resize(static_cast<std::size_t>(cut));
  left.after.resize(static_cast<std::size_t>(cut));
  left.end = address;
  by_age_.insert({right.age, address});
  runs_.emplace(address, std::move(right));
}

WriteLog::Runs::iterator WriteLog::erase(Runs::iterator run) {
  stored_bytes_ -= run->second.end - run->first;
  by_age_.erase({run->second.age, run->first});
  return runs_.erase(run);
}

void WriteLog::record(std::uintptr_t address, std::span<const std::uint8_t> before,
                      std::span<const std::uint8_t> after, const std::shared_ptr<const std::string>& by) {
  const std::size_t size = std::min(before.size(), after.size());
  if (size == 0 || !by) return;
  // The whole write replaces what was known of its bytes, even past what is kept of it.
  const std::uintptr_t end = address + size;
  split_at(address);
  split_at(end);
  for (auto it = runs_.lower_bound(address); it != runs_.end() && it->first < end;) it = erase(it);
  const std::size_t kept = std::min(size, kMaxBytes);
  Run run{address + kept, next_age_++, by, {before.begin(), before.begin() + static_cast<std::ptrdiff_t>(kept)},
          {after.begin(), after.begin() + static_cast<std::ptrdiff_t>(kept)}};
  by_age_.insert({run.age, address});
  runs_.emplace(address, std::move(run));
  stored_bytes_ += kept;
  while (stored_bytes_ > kMaxBytes || runs_.size() > kMaxRuns) erase(runs_.find(by_age_.begin()->second));
}

std::optional<ByteWrite> WriteLog::last_write(std::uintptr_t address) const {
  auto it = runs_.upper_bound(address);
  if (it == runs_.begin()) return std::nullopt;
  --it;
  if (address >= it->second.end) return std::nullopt;
  const std::size_t i = address - it->first;
  return ByteWrite{*it->second.by, it->second.before[i], it->second.after[i]};
}

void WriteLog::keep_within(const std::vector<Region>& regions) {
  // Regions do not overlap: sorted by address, the one that could hold a run is a binary search.
  std::vector<std::pair<std::uintptr_t, std::uintptr_t>> spans;
  spans.reserve(regions.size());
  for (const Region& region : regions) spans.emplace_back(region.address, region.address + static_cast<std::uintptr_t>(region.size));
  std::sort(spans.begin(), spans.end());
  for (auto it = runs_.begin(); it != runs_.end();) {
    auto span = std::upper_bound(spans.begin(), spans.end(), std::make_pair(it->first, UINTPTR_MAX));
    const bool inside = span != spans.begin() && it->second.end <= std::prev(span)->second;
    it = inside ? std::next(it) : erase(it);
  }
}

void WriteLog::clear() {
  runs_.clear();
  by_age_.clear();
  stored_bytes_ = 0;
}

std::string describe_last_write(const WriteLog& log, std::uintptr_t address, std::optional<std::uint8_t> current) {
  const auto write = log.last_write(address);
  if (!write) return "last written by: nothing recorded since it appeared";
  // Something Buffer Lab did not compare (a cell writing off screen in a big region) wrote it since.
  if (current && *current != write->after) return "last written by: not known (changed where no cell was compared)";
  return "last written by " + write->by + "\nbefore: " + byte_text(write->before);
}

std::vector<MemoryWitness> witnesses_of(const Snapshot& snapshot, int carrier, std::uintptr_t address,
                                        std::size_t size) {
  std::vector<MemoryWitness> witnesses;
  auto add = [&](const SnapshotObject& object) {
    if (object.footprint.begin > address || object.footprint.end < address + size) return;
    const std::string& shown = object.display_name.empty() ? object.name : object.display_name;
    witnesses.push_back({object.name, shown, object.facts.address, object.facts.len});
  };
  if (carrier >= 0 && static_cast<std::size_t>(carrier) < snapshot.objects.size())
    add(snapshot.objects[static_cast<std::size_t>(carrier)]);
  for (std::size_t o = 0; o < snapshot.objects.size(); ++o)
    if (static_cast<int>(o) != carrier) add(snapshot.objects[o]);
  return witnesses;
}

std::variant<int, std::string> check_edit_memory(const UndoableEdit& edit, std::span<const std::uint8_t> expected,
                                                 const Snapshot& snapshot, MemoryProvider& memory,
                                                 const WriteLog& log) {
  // The same memory: an object that held these bytes then still exports the same buffer.
  const bool same_memory = std::any_of(edit.witnesses.begin(), edit.witnesses.end(), [&](const MemoryWitness& w) {
    const SnapshotObject* object = snapshot.find(w.name);
    return object && object->facts.address == w.address && object->facts.len == w.len;
  });
  if (!same_memory) {
    if (edit.witnesses.empty()) return std::string("no object held those bytes");
    const MemoryWitness& w = edit.witnesses.front();
    const SnapshotObject* object = snapshot.find(w.name);
    if (const NotShownName* gone = snapshot.find_not_shown(w.name)) return w.display_name + " " + gone->reason;
    if (!object) return w.display_name + " is gone (deleted, or rebound to something without a buffer)";
    if (object->facts.len != w.len)
      return w.display_name + " was resized (" + std::to_string(w.len) + " -> " + std::to_string(object->facts.len) +
             " bytes)";
    return w.display_name + " is other memory now (moved or rebound)";
  }
  int region = -1;
  const std::uintptr_t end = edit.address + expected.size();
  for (const Region& r : snapshot.regions)
    if (edit.address >= r.address && end <= r.address + static_cast<std::uintptr_t>(r.size)) region = r.id;
  if (region < 0) return std::string("those bytes are no longer in a region Buffer Lab shows");

  std::optional<std::size_t> differs;
  std::uint8_t now = 0;
  const auto error = memory.read_region(region, [&](const std::uint8_t* base) {
    const std::uint8_t* bytes = base + (edit.address - snapshot.regions[static_cast<std::size_t>(region)].address);
    for (std::size_t i = 0; i < expected.size() && !differs; ++i)
      if (bytes[i] != expected[i]) {
        differs = i;
        now = bytes[i];
      }
  });
  if (error) return *error;
  if (differs) {
    std::string why = "a later write changed those bytes (byte " + std::to_string(*differs) + " is " + byte_text(now) +
                      ", expected " + byte_text(expected[*differs]) + ")";
    if (const auto write = log.last_write(edit.address + *differs); write && write->after == now)
      why += ": written by " + write->by;
    return why;
  }
  return region;
}

void UndoHistory::record(UndoableEdit edit) {
  redo_.clear();
  undo_.push_back(std::move(edit));
  trim();
}

std::optional<UndoableEdit> UndoHistory::take_undo() {
  if (undo_.empty()) return std::nullopt;
  UndoableEdit edit = std::move(undo_.back());
  undo_.pop_back();
  return edit;
}

std::optional<UndoableEdit> UndoHistory::take_redo() {
  if (redo_.empty()) return std::nullopt;
  UndoableEdit edit = std::move(redo_.back());
  redo_.pop_back();
  return edit;
}

void UndoHistory::push_redone(UndoableEdit edit) {
  undo_.push_back(std::move(edit));
  trim();
}

void UndoHistory::clear() {
  undo_.clear();
  redo_.clear();
}

// The oldest undo goes first; the redo list only ever holds what was undone from within bounds.
void UndoHistory::trim() {
  std::size_t bytes = 0;
  for (const UndoableEdit& edit : undo_) bytes += edit_bytes(edit);
  for (const UndoableEdit& edit : redo_) bytes += edit_bytes(edit);
  while (!undo_.empty() && (undo_.size() + redo_.size() > kMaxEdits || bytes > kMaxBytes)) {
    bytes -= edit_bytes(undo_.front());
    undo_.pop_front();
  }
}

std::string describe_cell(int cell_number, int lesson_step, const std::string& source) {
  std::string text = lesson_step >= 0 ? "lesson step " + std::to_string(lesson_step + 1) + " (cell " +
                                            std::to_string(cell_number) + ")"
                                      : "cell " + std::to_string(cell_number);
  // Its first line with code, as the teacher typed it.
  std::size_t start = 0;
  while (start < source.size()) {
    const std::size_t stop = std::min(source.find('\n', start), source.size());
    std::string line = source.substr(start, stop - start);
    const std::size_t first = line.find_first_not_of(" \t\r");
    if (first != std::string::npos) {
      line = line.substr(first, line.find_last_not_of(" \t\r") + 1 - first);
      const bool more = source.find_first_not_of(" \t\r\n", stop) != std::string::npos;
      if (line.size() > kCellLineChars) {
        std::size_t cut = kCellLineChars;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
        line = line.substr(0, cut) + "...";
      } else if (more) {
        line += " ...";
      }
      return text + ": " + line;
    }
    start = stop + 1;
  }
  return text;
}

}  // namespace bufferlab

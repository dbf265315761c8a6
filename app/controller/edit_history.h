// Undo and redo of the edits made in Buffer Lab, and who last wrote each byte. Both are checked
// against live memory when used and both are bounded: an undo writes only where its bytes are
// still the ones the edit wrote, and old records are forgotten first. No ImGui, no Python.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/edit/memory_provider.h"
#include "core/snapshot.h"

namespace bufferlab {

// Who last wrote a byte, as the tooltip says it, with the byte's value before and after.
struct ByteWrite {
  std::string by;  // "cell 3: buf[0] = 7", "edit in the card of buf: buf[2] = 7", "undo of ..."
  std::uint8_t before = 0;
  std::uint8_t after = 0;
};

// Per-byte write history as runs of bytes, newest on top, at most kMaxBytes bytes and kMaxRuns
// runs (the oldest runs go first). Runs outside every live region are dropped.
class WriteLog {
 public:
  static constexpr std::size_t kMaxBytes = 1 << 20;
  static constexpr std::size_t kMaxRuns = 4096;

  // `before` and `after` are the bytes at [address, address + size) around one write.
  void record(std::uintptr_t address, std::span<const std::uint8_t> before, std::span<const std::uint8_t> after,
              const std::shared_ptr<const std::string>& by);
  std::optional<ByteWrite> last_write(std::uintptr_t address) const;
  // Forgets the runs not wholly inside one of `regions` (freed or moved memory).
  void keep_within(const std::vector<Region>& regions);
  void clear();
  std::size_t stored_bytes() const { return stored_bytes_; }
  std::size_t run_count() const { return runs_.size(); }

 private:
  struct Run {
    std::uintptr_t end = 0;
    std::uint64_t age = 0;  // larger is newer
    std::shared_ptr<const std::string> by;
    std::vector<std::uint8_t> before, after;
  };
  using Runs = std::map<std::uintptr_t, Run>;  // by first address; runs never overlap

  void split_at(std::uintptr_t address);
  Runs::iterator erase(Runs::iterator run);

  Runs runs_;
  std::set<std::pair<std::uint64_t, std::uintptr_t>> by_age_;  // (age, first address)
  std::uint64_t next_age_ = 0;
  std::size_t stored_bytes_ = 0;
};

// The tooltip's lines about a byte: who last wrote it and its value before. `current` is the
// byte as it is now, when known: a record whose write it no longer shows is not trusted.
std::string describe_last_write(const WriteLog& log, std::uintptr_t address, std::optional<std::uint8_t> current);

// An object that held the bytes of an edit when it was made: the same name with the same
// buffer at undo time means the same memory.
struct MemoryWitness {
  std::string name;          // exact, for lookup
  std::string display_name;  // for messages
  std::uintptr_t address = 0;
  std::int64_t len = 0;
};

// One edit made in a pane: the bytes it replaced and the bytes it wrote.
struct UndoableEdit {
  std::string what;  // "edit in the card of buf: buf[2] = 7"
  std::uintptr_t address = 0;
  std::vector<std::uint8_t> before, after;
  std::vector<MemoryWitness> witnesses;  // the object written through first
  // Edits of one gesture (a paint stroke) share a nonzero group: they undo and redo together.
  std::uint64_t group = 0;
};

// The objects of `snapshot` whose memory holds [address, address + size), `carrier` first.
std::vector<MemoryWitness> witnesses_of(const Snapshot& snapshot, int carrier, std::uintptr_t address,
                                        std::size_t size);

// Whether an edit's memory is still there and holds `expected` (the bytes an undo or redo
// replaces): the region to write through, or why not, in words. `log` names a later writer.
std::variant<int, std::string> check_edit_memory(const UndoableEdit& edit, std::span<const std::uint8_t> expected,
                                                 const Snapshot& snapshot, MemoryProvider& memory,
                                                 const WriteLog& log);

// The undo and redo lists: at most kMaxEdits edits and kMaxBytes bytes, the oldest dropped.
class UndoHistory {
 public:
  static constexpr std::size_t kMaxEdits = 200;
  static constexpr std::size_t kMaxBytes = 1 << 20;

  // A new edit: the redo list goes.
  void record(UndoableEdit edit);
  const UndoableEdit* next_undo() const { return undo_.empty() ? nullptr : &undo_.back(); }
  const UndoableEdit* next_redo() const { return redo_.empty() ? nullptr : &redo_.back(); }
  std::optional<UndoableEdit> take_undo();
  std::optional<UndoableEdit> take_redo();
  void push_undone(UndoableEdit edit) { redo_.push_back(std::move(edit)); }  // after an undo wrote
  void push_redone(UndoableEdit edit);                                       // after a redo wrote
  void clear();
  std::size_t undo_count() const { return undo_.size(); }
  std::size_t redo_count() const { return redo_.size(); }

 private:
  void trim();
  std::deque<UndoableEdit> undo_, redo_;  // newest at the back
};

// A cell as the history names it: "cell 3: buf[0] = 7", "lesson step 2 (cell 3): ...", with the
// first line of its source (shortened, "..." when more follows).
std::string describe_cell(int cell_number, int lesson_step, const std::string& source);

}  // namespace bufferlab

// The one edit path: every write Buffer Lab makes into user memory, from the command line
// (--set, --set-byte) or from a pane (a byte in the grid, an element of a card), is planned here
// against the snapshot (checked and encoded once, nothing written) and then written in one
// piece under one export through a MemoryProvider.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/edit/memory_provider.h"
#include "core/format/format_codec.h"
#include "core/snapshot.h"

namespace bufferlab {

// An element of a snapshot object, given a Python literal (--set, a card's element).
struct ElementWrite {
  int object_index = -1;
  std::vector<std::int64_t> index;  // as typed: negative counts from the end
  std::string literal;
};

// One byte at buf + offset of a snapshot object's buffer (--set-byte).
struct ObjectByteWrite {
  int object_index = -1;
  std::int64_t offset = 0;
  std::int64_t value = 0;  // as typed; must fit in a byte
};

// Bytes at an absolute address of a region (a byte typed into the grid), written through an
// object of the region that holds them as contiguous memory.
struct RegionBytesWrite {
  int region = -1;
  std::uintptr_t address = 0;
  std::vector<std::uint8_t> bytes;
};

// An element at an absolute address of a region read with a format of the user's choosing
// ("view as"): the literal encoded in that format, then written as RegionBytesWrite is.
struct RegionElementWrite {
  int region = -1;
  std::uintptr_t address = 0;
  ElementFormat format;
  std::string literal;
};

using EditRequest = std::variant<ElementWrite, ObjectByteWrite, RegionBytesWrite, RegionElementWrite>;

// What an accepted edit writes: `bytes` at buf + offset of one object (at `address`).
struct PlannedWrite {
  int object_index = -1;
  std::int64_t offset = 0;
  std::uintptr_t address = 0;
  std::vector<std::uint8_t> bytes;
};

// Why an edit was refused, in words for the user. Nothing was written.
struct EditRefusal {
  std::string message;
};

// Checks and encodes an edit against the snapshot; writes nothing.
std::variant<PlannedWrite, EditRefusal> plan_edit(const Snapshot& snapshot, const EditRequest& request);

// Plans and writes one edit: the function every caller goes through. Returns what was written
// (to flash and refresh), or the refusal.
std::variant<PlannedWrite, EditRefusal> apply_edit(MemoryProvider& memory, const Snapshot& snapshot,
                                                   const EditRequest& request);

// A batch (the command line's edits in order): every edit is planned before the first byte is
// written, so a refusal anywhere leaves memory exactly as it was. Returns the index of the
// refused edit with its refusal, or nothing when all were written.
struct BatchRefusal {
  std::size_t index = 0;
  EditRefusal refusal;
};
std::optional<BatchRefusal> apply_edits(MemoryProvider& memory, const Snapshot& snapshot,
                                        const std::vector<EditRequest>& requests);

}  // namespace bufferlab

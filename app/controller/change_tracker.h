// What changed in memory, for the panes to show: the bytes of each region before a cell (to
// flash what the cell changed, held for a lesson step), the flash of an edit, and the minimap
// texels refreshed where bytes changed (computed off the frame when the session offers it).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "app/controller/app_state.h"
#include "core/edit/memory_provider.h"

namespace bufferlab {

class ChangeTracker {
 public:
  // The first region offset the memory pane shows (bytes of big regions are kept from there).
  using FirstVisibleOffset = std::function<std::int64_t(int region)>;

  // Before a cell: copies each region's bytes (whole up to 1 MiB, else what is on screen).
  void remember_before_cell(const AppState& state, MemoryProvider& memory, const FirstVisibleOffset& first_visible);
  // Hears each run of remembered bytes a cell changed: where, and the bytes before and after.
  using ChangedBytes = std::function<void(std::uintptr_t address, std::span<const std::uint8_t> before,
                                          std::span<const std::uint8_t> after)>;
  // After a cell, once state.snapshot and state.views are new: flashes (held for a lesson
  // step) where remembered bytes changed, told to `changed` too, and minimaps kept, refreshed
  // or dropped per region.
  void adopt(AppState& state, MemoryProvider& memory, bool hold_changes, const ChangedBytes& changed = {});
  // An edit wrote [begin, end) of a region: flash it and refresh its minimap texels.
  void after_write(AppState& state, MemoryProvider& memory, int region, std::uintptr_t begin, std::uintptr_t end);
  void forget() { before_cell_.clear(); }

  // Any thread, while the memory holds still (the session's snapshot observer, on the worker
  // with the GIL held): computes the minimaps of a new snapshot, so that adopt() only merges
  // them instead of reading every byte of every region in the frame.
  void prepare_minimaps(const Snapshot& snapshot, MemoryProvider& memory);

 private:
  // The minimaps prepare_minimaps() computed for one snapshot, by region address.
  struct PreparedMinimaps {
    std::uint64_t generation = 0;
    std::map<std::uintptr_t, MinimapData> minimaps;
  };
  std::mutex prepared_mutex_;
  std::optional<PreparedMinimaps> prepared_;

  struct BytesBefore {
    std::uintptr_t address = 0;  // absolute address of bytes[0]
    std::vector<std::uint8_t> bytes;
  };
  std::vector<BytesBefore> before_cell_;
};

}  // namespace bufferlab

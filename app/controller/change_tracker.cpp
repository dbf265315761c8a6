// Flashes of changed bytes and minimap refreshes, from byte copies taken before a cell.
#include "app/controller/change_tracker.h"

#include <algorithm>
#include <cstring>
#include <map>

namespace bufferlab {

namespace {

constexpr std::int64_t kWholeRegionCopyLimit = 1 << 20;    // exact before/after diff up to 1 MiB
constexpr std::int64_t kVisibleCopyBytes = 64 * 1024;      // bigger regions: what is on screen
constexpr std::int64_t kBeforeCellTotalLimit = 16 << 20;

}  // namespace

void ChangeTracker::remember_before_cell(const AppState& state, MemoryProvider& memory,
                                         const FirstVisibleOffset& first_visible) {
  before_cell_.clear();
  if (state.cell_running) return;
  std::int64_t total = 0;
  for (const Region& region : state.snapshot.regions) {
    std::int64_t first = 0, count = region.size;
    if (region.size > kWholeRegionCopyLimit) {
      first = first_visible(region.id);
      count = std::min<std::int64_t>(kVisibleCopyBytes, region.size - first);
    }
    if (count <= 0 || total + count > kBeforeCellTotalLimit) continue;
    BytesBefore before;
    before.address = region.address + static_cast<std::uintptr_t>(first);
    before.bytes.resize(static_cast<std::size_t>(count));
    const auto error = memory.read_region(region.id, [&](const std::uint8_t* base) {
      std::memcpy(before.bytes.data(), base + first, static_cast<std::size_t>(count));
    });
    if (error) continue;
    total += count;
    before_cell_.push_back(std::move(before));
  }
}

void ChangeTracker::adopt(AppState& state, MemoryProvider& memory, bool hold_changes, const ChangedBytes& changed) {
  // Flash the bytes the cell changed, where it kept the same memory.
  for (const BytesBefore& before : before_cell_) {
    for (const Region& region : state.snapshot.regions) {
      const std::uintptr_t lo = std::max(before.address, region.address);
      const std::uintptr_t hi = std::min(before.address + before.bytes.size(),
                                         region.address + static_cast<std::uintptr_t>(region.size));
      if (lo >= hi) continue;
      memory.read_region(region.id, [&](const std::uint8_t* base) {
        auto changed_run = [&](std::uintptr_t begin, std::uintptr_t end) {
          state.add_flash(begin, end, hold_changes);
          if (changed)
            changed(begin, std::span(before.bytes).subspan(begin - before.address, end - begin),
                    std::span(base + (begin - region.address), end - begin));
        };
        std::uintptr_t run = 0;
        bool in_run = false;
        for (std::uintptr_t a = lo; a < hi; ++a) {
          const bool differs = base[a - region.address] != before.bytes[a - before.address];
          if (differs && !in_run) {
            run = a;
            in_run = true;
          } else if (!differs && in_run) {
            changed_run(run, a);
            in_run = false;
          }
        }
        if (in_run) changed_run(run, hi);
      });
    }
  }
  before_cell_.clear();

  // Minimaps: keep those whose region is still there (refreshing their texels), drop the rest.
  std::map<std::uintptr_t, MinimapData> minimaps;
  for (const Region& region : state.snapshot.regions) {
    MinimapData data;
    auto old = state.minimaps.find(region.address);
    if (old != state.minimaps.end() && old->second.size == region.size) {
      data = std::move(old->second);
    } else {
      data.reset(region.address, region.size);
    }
    const std::vector<std::uint8_t> previous = data.texels;
    const std::int64_t dirty_begin = data.dirty_begin, dirty_end = data.dirty_end;
    memory.read_region(region.id, [&](const std::uint8_t* base) { data.update(base, 0, region.size); });
    // Upload only the texels that really changed (plus whatever was pending).
    std::int64_t lo = static_cast<std::int64_t>(data.texels.size()), hi = 0;
    for (std::size_t i = 0; i < data.texels.size(); ++i) {
      if (data.texels[i] != previous[i]) {
        lo = std::min<std::int64_t>(lo, static_cast<std::int64_t>(i));
        hi = static_cast<std::int64_t>(i) + 1;
      }
    }
    data.dirty_begin = 0;
    data.dirty_end = 0;
    data.mark_dirty(dirty_begin, dirty_end);
    data.mark_dirty(lo, hi);
    minimaps.emplace(region.address, std::move(data));
  }
  state.minimaps = std::move(minimaps);
}

void ChangeTracker::after_write(AppState& state, MemoryProvider& memory, int region, std::uintptr_t begin,
                                std::uintptr_t end) {
  state.add_flash(begin, end);
  const Region& r = state.snapshot.regions[static_cast<std::size_t>(region)];
  auto it = state.minimaps.find(r.address);
  if (it == state.minimaps.end()) return;
  memory.read_region(region, [&](const std::uint8_t* base) {
    it->second.update(base, static_cast<std::int64_t>(begin - r.address), static_cast<std::int64_t>(end - r.address));
  });
}

}  // namespace bufferlab

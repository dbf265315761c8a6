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
  // Flash the bytes the cell changed, where it kept the same memory. Regions do not overlap:
  // sorted by address, the ones a copy meets are found by binary search.
  std::vector<const Region*> by_address;
  by_address.reserve(state.snapshot.regions.size());
  for (const Region& region : state.snapshot.regions) by_address.push_back(&region);
  std::sort(by_address.begin(), by_address.end(), [](const Region* a, const Region* b) { return a->address < b->address; });
  for (const BytesBefore& before : before_cell_) {
    auto from = std::lower_bound(by_address.begin(), by_address.end(), before.address,
                                 [](const Region* r, std::uintptr_t address) { return r->address < address; });
    if (from != by_address.begin()) --from;  // the region that starts before the copy may reach into it
    for (auto it = from; it != by_address.end() && (*it)->address < before.address + before.bytes.size(); ++it) {
      const Region& region = **it;
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
  // Their texels come from prepare_minimaps() when it ran for this snapshot; a region it did not
  // cover (no observer, or unreadable then) is read here.
  std::map<std::uintptr_t, MinimapData> prepared;
  {
    std::lock_guard lock(prepared_mutex_);
    if (prepared_ && prepared_->generation == state.snapshot.generation) prepared = std::move(prepared_->minimaps);
    prepared_.reset();
  }
  std::map<std::uintptr_t, MinimapData> minimaps;
  for (const Region& region : state.snapshot.regions) {
    MinimapData fresh;
    auto ready = prepared.find(region.address);
    if (ready != prepared.end() && ready->second.size == region.size) {
      fresh = std::move(ready->second);
    } else {
      fresh.reset(region.address, region.size);
      memory.read_region(region.id, [&](const std::uint8_t* base) { fresh.update(base, 0, region.size); });
    }
    auto old = state.minimaps.find(region.address);
    if (old == state.minimaps.end() || old->second.size != region.size) {
      minimaps.emplace(region.address, std::move(fresh));  // a new layout: every texel dirty
      continue;
    }
    // The same region: upload only the texels that really changed (plus whatever was pending).
    MinimapData data = std::move(old->second);
    const auto front = std::mismatch(data.texels.begin(), data.texels.end(), fresh.texels.begin()).first;
    if (front != data.texels.end()) {
      const auto back = std::mismatch(data.texels.rbegin(), data.texels.rend(), fresh.texels.rbegin()).first;
      data.mark_dirty(front - data.texels.begin(), data.texels.rend() - back);
    }
    data.texels = std::move(fresh.texels);
    minimaps.emplace(region.address, std::move(data));
  }
  state.minimaps = std::move(minimaps);
}

void ChangeTracker::prepare_minimaps(const Snapshot& snapshot, MemoryProvider& memory) {
  PreparedMinimaps ready;
  ready.generation = snapshot.generation;
  for (const Region& region : snapshot.regions) {
    MinimapData data;
    data.reset(region.address, region.size);
    const auto error = memory.read_region(region.id, [&](const std::uint8_t* base) { data.update(base, 0, region.size); });
    if (!error) ready.minimaps.emplace(region.address, std::move(data));
  }
  std::lock_guard lock(prepared_mutex_);
  prepared_ = std::move(ready);
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

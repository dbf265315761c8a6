// Snapshot grouping: footprints merged into regions, and the pairs of names that share bytes.
#include "core/snapshot.h"

#include <algorithm>

namespace bufferlab {

const SnapshotObject* Snapshot::find(const std::string& name) const {
  const int index = index_of(name);
  return index < 0 ? nullptr : &objects[static_cast<std::size_t>(index)];
}

int Snapshot::index_of(const std::string& name) const {
  for (std::size_t i = 0; i < objects.size(); ++i)
    if (objects[i].name == name) return static_cast<int>(i);
  return -1;
}

const NotShownName* Snapshot::find_not_shown(const std::string& name) const {
  for (const NotShownName& entry : not_shown)
    if (entry.name == name) return &entry;
  return nullptr;
}

std::string Snapshot::missing_name_message(const std::string& name) const {
  if (const NotShownName* entry = find_not_shown(name))
    return entry->display_name + " " + entry->reason;
  return "no buffer-exporting name '" + name + "' in the session";
}

void group_into_regions(Snapshot& snapshot) {
  auto& objects = snapshot.objects;
  for (auto& object : objects) object.footprint = footprint(object.facts);

  // Only views with bytes make up regions. Zero-length views (mv[8:8]) cover nothing, so they
  // must neither extend nor split a region: they are placed afterwards.
  std::vector<int> order, empties;
  for (int i = 0; i < static_cast<int>(objects.size()); ++i)
    (objects[i].footprint.empty() ? empties : order).push_back(i);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    const Extent &ea = objects[a].footprint, &eb = objects[b].footprint;
    return ea.begin != eb.begin ? ea.begin < eb.begin : ea.end > eb.end;
  });

  // Sweep in address order; a footprint that starts before the current region ends joins it
  // (touching is not overlapping).
  std::vector<Region> regions;
  for (int index : order) {
    const Extent& extent = objects[index].footprint;
    Region* current = regions.empty() ? nullptr : &regions.back();
    if (current && extent.begin < current->address + static_cast<std::uintptr_t>(current->size)) {
      const auto end = std::max<std::uintptr_t>(current->address + current->size, extent.end);
      current->size = static_cast<std::int64_t>(end - current->address);
    } else {
      Region region;
      region.address = extent.begin;
      region.size = extent.size();
      regions.push_back(region);
    }
    regions.back().objects.push_back(index);
  }

  // A zero-length view is listed in the region whose bytes contain its address (at its offset,
  // extending nothing); elsewhere, e.g. at a region's end, it is a region of size 0 of its own.
  const std::size_t with_bytes = regions.size();
  for (int index : empties) {
    const std::uintptr_t address = objects[index].facts.address;
    auto after = std::upper_bound(regions.begin(), regions.begin() + static_cast<std::ptrdiff_t>(with_bytes),
                                  address, [](std::uintptr_t at, const Region& r) { return at < r.address; });
    if (after != regions.begin()) {
      Region& before = *(after - 1);
      if (address - before.address < static_cast<std::uintptr_t>(before.size)) {
        before.objects.push_back(index);
        continue;
      }
    }
    Region own;
    own.address = address;
    own.objects.push_back(index);
    regions.push_back(own);
  }
  std::stable_sort(regions.begin(), regions.end(),
                   [](const Region& a, const Region& b) { return a.address < b.address; });

  snapshot.regions = std::move(regions);
  for (std::size_t r = 0; r < snapshot.regions.size(); ++r) {
    Region& region = snapshot.regions[r];
    region.id = static_cast<int>(r);
    for (int index : region.objects) {
      objects[index].region = region.id;
      objects[index].offset = static_cast<std::int64_t>(objects[index].facts.address - region.address);
    }
  }

  snapshot.shared.clear();
  for (const Region& region : snapshot.regions) {
    for (std::size_t i = 0; i < region.objects.size(); ++i) {
      for (std::size_t j = i + 1; j < region.objects.size(); ++j) {
        const SnapshotObject& a = objects[region.objects[i]];
        const SnapshotObject& b = objects[region.objects[j]];
        if (!views_share_bytes(a.facts, b.facts)) continue;
        snapshot.shared.push_back(std::minmax(a.name, b.name));
      }
    }
  }
  std::sort(snapshot.shared.begin(), snapshot.shared.end());
}

}  // namespace bufferlab

// Snapshot grouping: footprints merged into regions, and the pairs of names that share bytes.
#include "core/snapshot.h"

#include <algorithm>
#include <numeric>

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

void group_into_regions(Snapshot& snapshot) {
  auto& objects = snapshot.objects;
  for (auto& object : objects) object.footprint = footprint(object.facts);

  std::vector<int> order(objects.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    const Extent &ea = objects[a].footprint, &eb = objects[b].footprint;
    return ea.begin != eb.begin ? ea.begin < eb.begin : ea.end > eb.end;
  });

  // Sweep in address order; a footprint that starts before the current region ends joins it
  // (touching is not overlapping). Empty footprints stand alone.
  snapshot.regions.clear();
  for (int index : order) {
    const Extent& extent = objects[index].footprint;
    Region* current = snapshot.regions.empty() ? nullptr : &snapshot.regions.back();
    const bool joins = current && current->size > 0 && !extent.empty() &&
                       extent.begin < current->address + static_cast<std::uintptr_t>(current->size);
    if (joins) {
      const auto end = std::max<std::uintptr_t>(current->address + current->size, extent.end);
      current->size = static_cast<std::int64_t>(end - current->address);
    } else {
      Region region;
      region.id = static_cast<int>(snapshot.regions.size());
      region.address = extent.begin;
      region.size = extent.size();
      snapshot.regions.push_back(region);
    }
    snapshot.regions.back().objects.push_back(index);
    objects[index].region = snapshot.regions.back().id;
    objects[index].offset =
        static_cast<std::int64_t>(objects[index].facts.address - snapshot.regions.back().address);
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

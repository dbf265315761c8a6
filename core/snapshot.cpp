// Snapshot grouping: footprints merged into regions, each region's views indexed by byte range,
// and the pairs of names that share bytes found on demand from that index.
#include "core/snapshot.h"

#include <algorithm>

namespace bufferlab {
namespace {

// The implicit interval tree of a region: objects[0, with_bytes) sorted by footprint begin, the
// node of [l, r) at its midpoint, max_end[mid] the greatest end in [l, r).
std::uintptr_t build_max_end(const std::vector<SnapshotObject>& objects, Region& region, int l, int r) {
  if (l >= r) return 0;
  const int mid = l + (r - l) / 2;
  std::uintptr_t end = objects[static_cast<std::size_t>(region.objects[static_cast<std::size_t>(mid)])].footprint.end;
  end = std::max(end, build_max_end(objects, region, l, mid));
  end = std::max(end, build_max_end(objects, region, mid + 1, r));
  region.max_end[static_cast<std::size_t>(mid)] = end;
  return end;
}

// Calls visit(position) for every position in [l, r) whose footprint overlaps [begin, end).
template <typename Visit>
void visit_overlapping(const std::vector<SnapshotObject>& objects, const Region& region, int l, int r,
                       std::uintptr_t begin, std::uintptr_t end, Visit& visit) {
  while (l < r) {
    const int mid = l + (r - l) / 2;
    if (region.max_end[static_cast<std::size_t>(mid)] <= begin) return;  // all of [l, r) ends before
    visit_overlapping(objects, region, l, mid, begin, end, visit);
    const Extent& extent = objects[static_cast<std::size_t>(region.objects[static_cast<std::size_t>(mid)])].footprint;
    if (extent.begin >= end) return;  // mid and everything after it begin past the range
    if (extent.end > begin) visit(mid);
    l = mid + 1;
  }
}

bool by_name_less(const std::vector<SnapshotObject>& objects, int a, int b) {
  const std::string &name_a = objects[static_cast<std::size_t>(a)].name, &name_b = objects[static_cast<std::size_t>(b)].name;
  return name_a != name_b ? name_a < name_b : a < b;
}

}  // namespace

const SnapshotObject* Snapshot::find(const std::string& name) const {
  const int index = index_of(name);
  return index < 0 ? nullptr : &objects[static_cast<std::size_t>(index)];
}

int Snapshot::index_of(const std::string& name) const {
  if (by_name.size() == objects.size()) {
    auto found = std::lower_bound(by_name.begin(), by_name.end(), name, [&](int index, const std::string& wanted) {
      return objects[static_cast<std::size_t>(index)].name < wanted;
    });
    if (found != by_name.end() && objects[static_cast<std::size_t>(*found)].name == name) return *found;
    return -1;
  }
  // Not grouped (a snapshot being assembled): scan.
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
    // The sweep listed the views with bytes first, by begin; zero-length ones were appended.
    region.with_bytes = static_cast<int>(std::count_if(region.objects.begin(), region.objects.end(),
                                                       [&](int index) { return !objects[index].footprint.empty(); }));
    region.max_end.assign(static_cast<std::size_t>(region.with_bytes), 0);
    build_max_end(objects, region, 0, region.with_bytes);
  }

  snapshot.by_name.resize(objects.size());
  for (std::size_t i = 0; i < objects.size(); ++i) snapshot.by_name[i] = static_cast<int>(i);
  std::sort(snapshot.by_name.begin(), snapshot.by_name.end(),
            [&](int a, int b) { return by_name_less(objects, a, b); });
}

void Snapshot::for_each_overlapping(int region, std::uintptr_t begin, std::uintptr_t end,
                                    const std::function<void(int object)>& visit) const {
  if (region < 0 || static_cast<std::size_t>(region) >= regions.size() || begin >= end) return;
  const Region& group = regions[static_cast<std::size_t>(region)];
  auto at = [&](int position) { visit(group.objects[static_cast<std::size_t>(position)]); };
  visit_overlapping(objects, group, 0, group.with_bytes, begin, end, at);
}

std::vector<int> Snapshot::sharing_with(int index) const {
  std::vector<int> found;
  if (index < 0 || static_cast<std::size_t>(index) >= objects.size()) return found;
  const SnapshotObject& object = objects[static_cast<std::size_t>(index)];
  for_each_overlapping(object.region, object.footprint.begin, object.footprint.end, [&](int other) {
    if (other != index && views_share_bytes(object.facts, objects[static_cast<std::size_t>(other)].facts))
      found.push_back(other);
  });
  std::sort(found.begin(), found.end());
  return found;
}

void Snapshot::for_each_shared_pair(const std::function<void(int first, int second)>& visit) const {
  // The names in order, and each object's place in that order.
  std::vector<int> order = by_name;
  if (order.size() != objects.size()) {
    order.resize(objects.size());
    for (std::size_t i = 0; i < objects.size(); ++i) order[i] = static_cast<int>(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return by_name_less(objects, a, b); });
  }
  std::vector<int> rank(objects.size());
  for (std::size_t r = 0; r < order.size(); ++r) rank[static_cast<std::size_t>(order[r])] = static_cast<int>(r);

  // Each region's views with bytes in name order (`local`: an object's place there), and every
  // view's byte pattern made once: the pairs test one view against many.
  std::vector<std::vector<int>> named(regions.size());
  for (int index : order) {
    const SnapshotObject& object = objects[static_cast<std::size_t>(index)];
    if (object.region >= 0 && !object.footprint.empty()) named[static_cast<std::size_t>(object.region)].push_back(index);
  }
  std::vector<int> local(objects.size(), -1);
  std::vector<BytePattern> patterns(objects.size());
  std::vector<char> solid(objects.size(), 0);  // its bytes are exactly its footprint
  std::size_t largest = 0;
  for (const auto& names : named) {
    largest = std::max(largest, names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      local[static_cast<std::size_t>(names[i])] = static_cast<int>(i);
      const BytePattern& pattern = patterns[static_cast<std::size_t>(names[i])] =
          byte_pattern(objects[static_cast<std::size_t>(names[i])].facts);
      solid[static_cast<std::size_t>(names[i])] = !pattern.empty && !pattern.too_large && pattern.dims.empty();
    }
  }

  // For each first name, the views after it (in name order) whose footprints overlap its own,
  // put in name order either by sorting them or, when they are many of those left, by marking
  // their places and scanning: O(k log k) or O(left) <= O(8k) for k candidates.
  std::vector<int> candidates;
  std::vector<char> marked(largest, 0);
  for (int first : order) {
    const SnapshotObject& a = objects[static_cast<std::size_t>(first)];
    if (a.region < 0 || a.footprint.empty()) continue;
    const Region& region = regions[static_cast<std::size_t>(a.region)];
    const std::vector<int>& names = named[static_cast<std::size_t>(a.region)];
    const int at = local[static_cast<std::size_t>(first)];
    candidates.clear();
    auto collect = [&](int position) {
      const int other = region.objects[static_cast<std::size_t>(position)];
      if (local[static_cast<std::size_t>(other)] > at) candidates.push_back(local[static_cast<std::size_t>(other)]);
    };
    visit_overlapping(objects, region, 0, region.with_bytes, a.footprint.begin, a.footprint.end, collect);
    if (candidates.empty()) continue;
    const std::size_t left = names.size() - static_cast<std::size_t>(at) - 1;
    if (candidates.size() * 8 >= left) {
      for (int place : candidates) marked[static_cast<std::size_t>(place)] = 1;
      candidates.clear();
      for (std::size_t place = static_cast<std::size_t>(at) + 1; place < names.size(); ++place) {
        if (!marked[place]) continue;
        marked[place] = 0;
        candidates.push_back(static_cast<int>(place));
      }
    } else {
      std::sort(candidates.begin(), candidates.end());
    }
    for (int place : candidates) {
      const int second = names[static_cast<std::size_t>(place)];
      const SnapshotObject& b = objects[static_cast<std::size_t>(second)];
      // Two solid runs whose footprints overlap (as every candidate's does) share: slices of one
      // buffer, the common case, need no further test.
      if ((solid[static_cast<std::size_t>(first)] && solid[static_cast<std::size_t>(second)]) ||
          views_share_bytes(a.facts, patterns[static_cast<std::size_t>(first)], b.facts,
                            patterns[static_cast<std::size_t>(second)]))
        visit(first, second);
    }
  }
}

std::vector<std::pair<std::string, std::string>> Snapshot::shared_pairs() const {
  std::vector<std::pair<std::string, std::string>> pairs;
  for_each_shared_pair([&](int first, int second) {
    pairs.emplace_back(objects[static_cast<std::size_t>(first)].name, objects[static_cast<std::size_t>(second)].name);
  });
  return pairs;
}

}  // namespace bufferlab

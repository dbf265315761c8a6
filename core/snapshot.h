// A snapshot of the session after a cell: every top-level name that exports a buffer, with its
// Py_buffer facts, grouped into memory regions, and which names share bytes. Plain data: it
// holds no export and no pointer that is ever dereferenced.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/buffer_facts.h"
#include "core/layout.h"

namespace bufferlab {

// One link of the exporter chain: memoryview.obj, ndarray.base, ...
struct ExporterLink {
  std::string type_name;  // type(obj).__name__
  std::string name;       // a top-level name bound to that object, or empty
  std::string display_name;  // that name as repr() shows it, without the quotes
};

struct SnapshotObject {
  std::string name;          // exactly as bound in the namespace ('\0' included): for addressing
  std::string display_name;  // as repr() shows it, without the quotes: for display
  std::string type_name;
  BufferFacts facts;
  std::vector<ExporterLink> exporters;  // the chain, nearest first, as far as Python exposes it
  Extent footprint;
  int region = -1;          // index into Snapshot::regions
  std::int64_t offset = 0;  // facts.address - region address
  bool readable = true;     // false: its memory was not mapped readable when the snapshot was taken
};

// A name whose value offers the buffer protocol but gave no export, and why: a released
// memoryview, a closed mmap, a numpy datetime64 array...
struct NotShownName {
  std::string name;          // exact
  std::string display_name;  // as repr() shows it
  std::string type_name;
  std::string reason;        // follows the name: "is released", "is closed", "refuses ..."
};

// A maximal address range merged from the footprints of objects that overlap (footprints that
// merely touch stay separate regions). A zero-length view extends and splits nothing: it is
// listed in the region whose bytes contain its address, else in a region of size 0 of its own.
// Regions are in address order, id == index.
//
// A region is also the sharing index of its views, linear in their number: the views with bytes
// come first, by footprint begin, with an implicit interval tree over their footprint ends, so
// "which views overlap these bytes" costs O(log n + answers) and pairs of views that share bytes
// are found when asked for (N views of one buffer can share N^2/2 pairs: never stored).
struct Region {
  int id = 0;
  std::uintptr_t address = 0;
  std::int64_t size = 0;
  std::vector<int> objects;  // indices into Snapshot::objects: with bytes (by begin), then zero-length
  int with_bytes = 0;        // objects[0, with_bytes) have bytes
  // max_end[i]: the greatest footprint end in the subtree at i of the implicit tree over
  // objects[0, with_bytes) (the node of [l, r) is its midpoint). Its `{}` lets tests write
  // Region{id, address, size, objects} without a missing-initializer warning.
  std::vector<std::uintptr_t> max_end{};
};

struct Snapshot {
  std::uint64_t generation = 0;  // increases with every snapshot the session takes
  std::vector<SnapshotObject> objects;
  std::vector<Region> regions;
  std::vector<NotShownName> not_shown;  // in namespace order
  // Every object index, by name (then index): made by group_into_regions, for lookups by name
  // in O(log n) and for the pairs in name order.
  std::vector<int> by_name;

  const SnapshotObject* find(const std::string& name) const;
  int index_of(const std::string& name) const;  // -1 when absent; the first such object
  const NotShownName* find_not_shown(const std::string& name) const;
  // Why `name` cannot be edited: "x is released", or that no listed name exports a buffer.
  std::string missing_name_message(const std::string& name) const;

  // The pairs of objects that share a byte (views_share_bytes), as object indices (first, second)
  // with objects[first].name <= objects[second].name, in the order of (first name, second name).
  // Each pair is made when visited: time O(N log N) plus the pairs' worth of work (and of views
  // whose footprints overlap without sharing), memory O(N) whatever the number of pairs.
  void for_each_shared_pair(const std::function<void(int first, int second)>& visit) const;
  // The same pairs as names, all held at once: for tests and small snapshots.
  std::vector<std::pair<std::string, std::string>> shared_pairs() const;
  // The objects that share a byte with objects[index], in index order.
  std::vector<int> sharing_with(int index) const;
  // Calls visit(i) for every object of `region` whose footprint overlaps [begin, end), in no
  // particular order: O(log n + answers).
  void for_each_overlapping(int region, std::uintptr_t begin, std::uintptr_t end,
                            const std::function<void(int object)>& visit) const;
};

// Fills footprint, region, offset, regions (with their sharing index) and by_name from objects'
// facts. Objects are not changed afterwards (the indexes refer to them).
void group_into_regions(Snapshot& snapshot);

}  // namespace bufferlab

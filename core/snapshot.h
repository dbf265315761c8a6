// A snapshot of the session after a cell: every top-level name that exports a buffer, with its
// Py_buffer facts, grouped into memory regions, and which names share bytes. Plain data: it
// holds no export and no pointer that is ever dereferenced.
#pragma once

#include <cstdint>
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
};

struct SnapshotObject {
  std::string name;
  std::string type_name;
  BufferFacts facts;
  std::vector<ExporterLink> exporters;  // the chain, nearest first, as far as Python exposes it
  Extent footprint;
  int region = -1;          // index into Snapshot::regions
  std::int64_t offset = 0;  // facts.address - region address
};

// A maximal address range merged from the footprints of objects that overlap (footprints that
// merely touch stay separate regions).
struct Region {
  int id = 0;
  std::uintptr_t address = 0;
  std::int64_t size = 0;
  std::vector<int> objects;  // indices into Snapshot::objects
};

struct Snapshot {
  std::uint64_t generation = 0;  // increases with every snapshot the session takes
  std::vector<SnapshotObject> objects;
  std::vector<Region> regions;
  std::vector<std::pair<std::string, std::string>> shared;  // names sorted within each pair

  const SnapshotObject* find(const std::string& name) const;
  int index_of(const std::string& name) const;  // -1 when absent
};

// Fills footprint, region, offset, regions and shared from objects' facts.
void group_into_regions(Snapshot& snapshot);

}  // namespace bufferlab

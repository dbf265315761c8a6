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
  std::vector<NotShownName> not_shown;  // in namespace order

  const SnapshotObject* find(const std::string& name) const;
  int index_of(const std::string& name) const;  // -1 when absent
  const NotShownName* find_not_shown(const std::string& name) const;
  // Why `name` cannot be edited: "x is released", or that no listed name exports a buffer.
  std::string missing_name_message(const std::string& name) const;
};

// Fills footprint, region, offset, regions and shared from objects' facts.
void group_into_regions(Snapshot& snapshot);

}  // namespace bufferlab

// Prints how long grouping a snapshot takes for N views of one buffer (slices, strided, reversed,
// transposed, broadcast) and for views too large to walk. Figures only, not a test.
#include <chrono>
#include <cstdio>
#include <string>

#include "core/snapshot.h"

using namespace bufferlab;

namespace {

BufferFacts make(std::uintptr_t address, std::int64_t itemsize, std::vector<std::int64_t> shape,
                 std::vector<std::int64_t> strides) {
  BufferFacts facts;
  facts.address = address;
  facts.itemsize = itemsize;
  facts.ndim = static_cast<int>(shape.size());
  facts.shape = std::move(shape);
  facts.strides = std::move(strides);
  facts.len = facts.element_count() * itemsize;
  return facts;
}

// N views of a 4000 x 4000 float64 array at `base`, cycling through common kinds of view.
Snapshot views_of_one_buffer(int count) {
  const std::uintptr_t base = std::uintptr_t{1} << 32;
  Snapshot snapshot;
  for (int i = 0; i < count; ++i) {
    SnapshotObject object;
    object.name = "v" + std::to_string(i);
    const std::int64_t row = 4000 * 8;
    switch (i % 6) {
      case 0: object.facts = make(base, 8, {4000, 4000}, {row, 8}); break;                      // a
      case 1: object.facts = make(base + 8 * ((i / 6) % 2), 8, {4000, 2000}, {row, 16}); break;  // a[:, k::2]
      case 2: object.facts = make(base + row * 3999, 8, {4000, 4000}, {-row, 8}); break;        // a[::-1]
      case 3: object.facts = make(base, 8, {4000, 4000}, {8, row}); break;                      // a.T
      case 4: object.facts = make(base, 8, {1 << 20, 1 << 20, 4000}, {0, 0, 8}); break;         // broadcast row
      default: object.facts = make(base + row * i, 8, {4000}, {8}); break;                       // a[i]
    }
    snapshot.objects.push_back(std::move(object));
  }
  return snapshot;
}

}  // namespace

int main() {
  for (int count : {2, 8, 32, 64}) {
    Snapshot snapshot = views_of_one_buffer(count);
    const auto start = std::chrono::steady_clock::now();
    group_into_regions(snapshot);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("%3d views of one 128 MB buffer: %8.2f ms, %zu regions, %zu shared pairs\n", count, ms,
                snapshot.regions.size(), snapshot.shared.size());
  }
  return 0;
}

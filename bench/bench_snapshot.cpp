// Prints how long grouping a snapshot takes for N views of one buffer, and what writing its JSON
// dump (the sharing pairs streamed) costs in time and peak memory. Figures only, not a test.
//
//   bench_snapshot            2,000 / 5,000 / 10,000 views: memoryview(b)[i:] slices of a 1 MB
//                             bytearray (every pair shares), then mixed kinds of view of a
//                             4000 x 4000 float64 array (slices, strided, reversed, transposed,
//                             broadcast, rows); grouping time and peak RSS growth, then the
//                             JSON written to /dev/null with its size, time and peak RSS growth.
//   bench_snapshot N...       the same for the given view counts
//
// Peak RSS growth is VmHWM after the step less VmRSS before it, the peak reset through
// /proc/self/clear_refs. The dump here reads no memory (values and hex are refused), so it
// measures objects and pairs; bench/bench_many_views.sh gives the real end-to-end figure.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "core/snapshot.h"
#include "core/state_json.h"

using namespace bufferlab;

namespace {

using Clock = std::chrono::steady_clock;

double elapsed_ms(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// A field of /proc/self/status in kB ("VmRSS", "VmHWM"), 0 if absent.
long status_kb(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind(field + ":", 0) == 0) return std::atol(line.c_str() + field.size() + 1);
  return 0;
}

// Starts a peak-memory measurement: resets the peak to the current RSS, returns that RSS.
long start_peak() {
  std::ofstream("/proc/self/clear_refs") << "5";
  return status_kb("VmRSS");
}

double peak_growth_mb(long start_kb) { return static_cast<double>(status_kb("VmHWM") - start_kb) / 1024.0; }

BufferFacts make(std::uintptr_t address, std::int64_t itemsize, std::vector<std::int64_t> shape,
                 std::vector<std::int64_t> strides) {
  BufferFacts facts;
  facts.address = address;
  facts.itemsize = itemsize;
  facts.ndim = static_cast<int>(shape.size());
  facts.shape = std::move(shape);
  facts.strides = std::move(strides);
  facts.len = facts.element_count() * itemsize;
  facts.format = itemsize == 8 ? "d" : "B";
  return facts;
}

const std::uintptr_t kBase = std::uintptr_t{1} << 32;

// b = bytearray(1 << 20); v{i} = memoryview(b)[i:]
Snapshot slices_of_one_buffer(int count) {
  Snapshot snapshot;
  for (int i = 0; i < count; ++i) {
    SnapshotObject object;
    object.name = "v" + std::to_string(i);
    object.type_name = "memoryview";
    object.facts = make(kBase + static_cast<std::uintptr_t>(i), 1, {(std::int64_t{1} << 20) - i}, {1});
    snapshot.objects.push_back(std::move(object));
  }
  return snapshot;
}

// N views of a 4000 x 4000 float64 array at kBase, cycling through common kinds of view.
Snapshot mixed_views_of_one_buffer(int count) {
  Snapshot snapshot;
  for (int i = 0; i < count; ++i) {
    SnapshotObject object;
    object.name = "v" + std::to_string(i);
    object.type_name = "ndarray";
    const std::int64_t row = 4000 * 8;
    switch (i % 6) {
      case 0: object.facts = make(kBase, 8, {4000, 4000}, {row, 8}); break;                        // a
      case 1: object.facts = make(kBase + 8 * ((i / 6) % 2), 8, {4000, 2000}, {row, 16}); break;  // a[:, k::2]
      case 2: object.facts = make(kBase + row * 3999, 8, {4000, 4000}, {-row, 8}); break;         // a[::-1]
      case 3: object.facts = make(kBase, 8, {4000, 4000}, {8, row}); break;                        // a.T
      case 4: object.facts = make(kBase, 8, {1 << 20, 1 << 20, 4000}, {0, 0, 8}); break;           // broadcast row
      default: object.facts = make(kBase + row * (i % 4000), 8, {4000}, {8}); break;               // a[i]
    }
    snapshot.objects.push_back(std::move(object));
  }
  return snapshot;
}

// The facts are made up: nothing is read.
class NoMemory : public MemoryProvider {
 public:
  std::optional<std::string> read_object(int, const std::function<void(const std::uint8_t*)>&) override {
    return "not read in this bench";
  }
  std::optional<std::string> read_region(int, const std::function<void(const std::uint8_t*)>&) override {
    return "not read in this bench";
  }
  std::optional<std::string> write_object(int, std::int64_t, std::span<const std::uint8_t>) override {
    return "not written in this bench";
  }
};

// Counts what passes through, like /dev/null with a meter.
class CountingBuffer : public std::streambuf {
 public:
  std::int64_t count = 0;

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    count += n;
    return n;
  }
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) ++count;
    return c;
  }
};

void measure(const char* kind, Snapshot snapshot) {
  const std::size_t count = snapshot.objects.size();
  long start_kb = start_peak();
  auto start = Clock::now();
  group_into_regions(snapshot);
  const double group_ms = elapsed_ms(start);
  const double group_mb = peak_growth_mb(start_kb);
  std::printf("%6zu %s: group %8.2f ms, peak RSS +%6.1f MB, %zu regions\n", count, kind, group_ms, group_mb,
              snapshot.regions.size());
  std::fflush(stdout);

  NoMemory memory;
  CountingBuffer counter;
  std::ostream out(&counter);
  start_kb = start_peak();
  start = Clock::now();
  std::int64_t pairs = 0;
  snapshot.for_each_shared_pair([&](int, int) { ++pairs; });
  const double pairs_ms = elapsed_ms(start);
  start = Clock::now();
  write_state_json(out, snapshot, memory);
  const double json_ms = elapsed_ms(start);
  std::printf("%6s %s: %lld shared pairs made in %.0f ms; JSON %.1f MB written in %.0f ms, peak RSS +%.1f MB\n",
              "", kind, static_cast<long long>(pairs), pairs_ms, static_cast<double>(counter.count) / (1 << 20),
              json_ms, peak_growth_mb(start_kb));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<int> counts;
  for (int i = 1; i < argc; ++i) counts.push_back(std::atoi(argv[i]));
  if (counts.empty()) counts = {2000, 5000, 10000};
  for (int count : counts) measure("slices mv[i:] of one 1 MB bytearray", slices_of_one_buffer(count));
  for (int count : counts) measure("mixed views of one 128 MB float64 array", mixed_views_of_one_buffer(count));
  return 0;
}

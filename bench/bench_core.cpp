// Prints core figures: snapshot time for 100 buffer-exporting names (and for 5,000 views of one
// buffer and 10,000 names), and C++ decoding of 'i' elements against CPython's
// struct.iter_unpack on the same bytes, side by side.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "core/format/format_codec.h"
#include "core/py/session.h"

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

double elapsed_ms(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main() {
  using namespace bufferlab;
  Interpreter interpreter;
  Session session;

  // 100 names of every exporter kind, some sharing memory.
  session.run_cell(R"(
import array, numpy as np
for _k in range(20):
    globals()[f"ba{_k}"] = bytearray(64)
    globals()[f"by{_k}"] = bytes(range(32))
    globals()[f"ar{_k}"] = array.array('i', range(16))
    globals()[f"np{_k}"] = np.arange(12, dtype=np.float64).reshape(3, 4)
    globals()[f"mv{_k}"] = memoryview(globals()[f"ba{_k}"])[::2]
)");
  std::vector<double> samples;
  for (int i = 0; i < 300; ++i) {
    const auto start = Clock::now();
    session.refresh_snapshot();
    samples.push_back(elapsed_ms(start));
  }
  std::printf("snapshot of %zu names: median %.3f ms (target <= 1 ms), %zu regions, %zu shared pairs\n",
              session.snapshot().objects.size(), median(samples),
              session.snapshot().regions.size(), session.snapshot().shared_pairs().size());

  // Scale: 5,000 views of one buffer, every two sharing bytes (12.5 million pairs,
  // made only when a dump writes them), and 10,000 names of buffers of their own.
  const std::pair<const char*, const char*> scale_cases[] = {
      {"5,000 views of one buffer (target <= 200 ms)",
       "_b = bytearray(1 << 20)\n"
       "for _i in range(5000):\n"
       "    globals()['v%d' % _i] = memoryview(_b)[_i % 64:_i % 64 + 64]\n"},
      {"10,000 names of their own buffers (target <= 100 ms)",
       "for _i in range(10000):\n"
       "    globals()['n%d' % _i] = bytearray(16)\n"},
  };
  for (const auto& [label, code] : scale_cases) {
    Session many;
    many.run_cell(code);
    std::vector<double> times;
    for (int i = 0; i < 5; ++i) {
      const auto start = Clock::now();
      many.refresh_snapshot();
      times.push_back(elapsed_ms(start));
    }
    std::printf("snapshot of %s: median %.1f ms, %zu names, %zu regions\n", label, median(times),
                many.snapshot().objects.size(), many.snapshot().regions.size());
  }

  // Decoding 'i': the same 4,000,000 elements through struct.iter_unpack and through the codec.
  constexpr int kCount = 4'000'000;
  auto python = session.run_cell(
      "import struct, time\n"
      "data = array.array('i', range(" + std::to_string(kCount) + "))\n"
      "_times = []\n"
      "for _ in range(5):\n"
      "    _t = time.perf_counter()\n"
      "    for _v in struct.iter_unpack('i', data): pass\n"
      "    _times.append(time.perf_counter() - _t)\n"
      "print(sorted(_times)[2] * 1000)\n");
  const double python_ms = std::stod(python.stdout_text());

  const auto format = std::get<ElementFormat>(parse_format("i"));
  const int data_index = session.snapshot().index_of("data");
  std::vector<std::int64_t> out(kCount);
  samples.clear();
  std::int64_t checksum = 0;
  for (int run = 0; run < 15; ++run) {
    session.read_object(data_index, [&](const std::uint8_t* buf) {
      const auto start = Clock::now();
      decode_int64_run(format, buf, 4, kCount, out.data());
      samples.push_back(elapsed_ms(start));
      checksum += out[kCount - 1];
    });
  }
  const double run_ms = median(samples);

  samples.clear();
  for (int run = 0; run < 3; ++run) {
    session.read_object(data_index, [&](const std::uint8_t* buf) {
      const auto start = Clock::now();
      for (int i = 0; i < kCount; ++i) checksum += decode_element(format, buf + 4 * i).int_value;
      samples.push_back(elapsed_ms(start));
    });
  }
  const double element_ms = median(samples);

  std::printf("decode %d 'i' elements: struct.iter_unpack %.2f ms; decode_int64_run %.2f ms "
              "(%.0fx faster, target >= 50x); decode_element %.2f ms (%.1fx)  [checksum %lld]\n",
              kCount, python_ms, run_ms, python_ms / run_ms, element_ms, python_ms / element_ms,
              static_cast<long long>(checksum));
  return 0;
}

// Region downsampling for the minimap: bucket means, recomputed only where bytes changed.
#include "core/minimap_data.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace bufferlab {

namespace {

// Sum of n bytes. With SSE2 (every x86-64) psadbw adds sixteen bytes an instruction, so summing
// runs at memory speed (a 1 GB region is a single pass after a cell). Otherwise eight at a time:
// each 64-bit word is split into four 16-bit lanes that can take 128 words before they overflow.
std::uint64_t sum_bytes(const std::uint8_t* data, std::size_t n) {
  std::uint64_t total = 0;
  std::size_t i = 0;
#if defined(__SSE2__)
  const __m128i zero = _mm_setzero_si128();
  __m128i sums = _mm_setzero_si128();  // two 64-bit sums: they cannot overflow
  for (; n - i >= 64; i += 64) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i + 16));
    const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i + 32));
    const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i + 48));
    sums = _mm_add_epi64(sums, _mm_add_epi64(_mm_add_epi64(_mm_sad_epu8(a, zero), _mm_sad_epu8(b, zero)),
                                             _mm_add_epi64(_mm_sad_epu8(c, zero), _mm_sad_epu8(d, zero))));
  }
  for (; n - i >= 16; i += 16)
    sums = _mm_add_epi64(sums, _mm_sad_epu8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i)), zero));
  total += static_cast<std::uint64_t>(_mm_cvtsi128_si64(sums)) +
           static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
#endif
  constexpr std::uint64_t kLowBytes = 0x00FF00FF00FF00FFull;
  while (n - i >= 8) {
    std::uint64_t lanes = 0;
    const std::size_t words = std::min<std::size_t>((n - i) / 8, 128);
    for (std::size_t w = 0; w < words; ++w, i += 8) {
      std::uint64_t word;
      std::memcpy(&word, data + i, 8);
      lanes += (word & kLowBytes) + ((word >> 8) & kLowBytes);
    }
    total += (lanes & 0xFFFF) + ((lanes >> 16) & 0xFFFF) + ((lanes >> 32) & 0xFFFF) + (lanes >> 48);
  }
  for (; i < n; ++i) total += data[i];
  return total;
}

}  // namespace

void MinimapData::mark_dirty(std::int64_t begin, std::int64_t end) {
  if (begin >= end) return;
  if (dirty_begin >= dirty_end) {
    dirty_begin = begin;
    dirty_end = end;
  } else {
    dirty_begin = std::min(dirty_begin, begin);
    dirty_end = std::max(dirty_end, end);
  }
}

void MinimapData::reset(std::uintptr_t region_address, std::int64_t region_size) {
  address = region_address;
  size = std::max<std::int64_t>(region_size, 0);
  bucket = std::max<std::int64_t>(1, (size + kMaxTexels - 1) / kMaxTexels);
  const std::int64_t count = std::max<std::int64_t>(1, (size + bucket - 1) / bucket);
  const std::int64_t rows = (count + kTextureWidth - 1) / kTextureWidth;
  texels.assign(static_cast<std::size_t>(rows * kTextureWidth), 0);
  dirty_begin = 0;
  dirty_end = static_cast<std::int64_t>(texels.size());
  ++version;
}

void MinimapData::update(const std::uint8_t* base, std::int64_t begin, std::int64_t end) {
  begin = std::clamp<std::int64_t>(begin, 0, size);
  end = std::clamp<std::int64_t>(end, 0, size);
  if (begin >= end) return;
  const std::int64_t first = begin / bucket;
  const std::int64_t last = (end - 1) / bucket;
  for (std::int64_t t = first; t <= last; ++t) {
    const std::int64_t from = t * bucket;
    const std::int64_t to = std::min(size, from + bucket);
    std::uint64_t sum = sum_bytes(base + from, static_cast<std::size_t>(to - from));
    texels[static_cast<std::size_t>(t)] = static_cast<std::uint8_t>(sum / static_cast<std::uint64_t>(to - from));
  }
  mark_dirty(first, last + 1);
}

}  // namespace bufferlab

// Randomized differential check of the snapshot's regions and sharing: random views (slices,
// casts, numpy reshapes, as_strided with zero and negative strides, broadcasts, zero-length
// views) of a few buffers, built in the embedded interpreter, against a brute force written in
// Python that lists every byte of every element from the addresses and strides CPython reports.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>

#include "tests/support/python_fixture.h"

using namespace bufferlab;
using namespace bufferlab::testing;
using Json = nlohmann::json;

namespace {

// Defines _round(): replaces the w* names with random views and prints what the snapshot must
// say, by brute force. Regions follow core/snapshot.h: footprints that overlap merge; a
// zero-length view goes to the region containing its address, else to a size-0 region.
constexpr const char* kRandomViews = R"PY(
import itertools, json, random
import numpy as np
from numpy.lib.stride_tricks import as_strided

ba = bytearray(range(64))
arr = np.arange(48, dtype=np.uint8)
other = bytearray(16)
_rng = random.Random(20)
_bases = [ba, arr, other]

def _address(v):
    a = v if isinstance(v, np.ndarray) else np.asarray(memoryview(v))
    return a.__array_interface__['data'][0]

def _slice(n):
    return slice(_rng.randrange(-2, n + 3), _rng.randrange(-2, n + 3), _rng.choice([1, 1, 2, 3, -1, -2, 5]))

def _random_view():
    base = _rng.choice(_bases)
    flat = base if isinstance(base, np.ndarray) else np.frombuffer(base, np.uint8)
    n = len(flat)
    kind = _rng.randrange(6)
    if kind == 0:
        return memoryview(base)[_slice(n)]
    if kind == 1:
        size, code = _rng.choice([(2, 'H'), (4, 'i'), (8, 'd')])
        start = _rng.randrange(0, n)
        count = _rng.randrange(0, (n - start) // size + 1)
        return memoryview(base)[start:start + size * count].cast(code)
    if kind == 2:
        rows = _rng.choice([2, 4, 8])
        grid = flat[:n // rows * rows].reshape(rows, -1)[_slice(rows), _slice(n // rows)]
        return grid.T if _rng.random() < 0.5 else grid
    if kind == 3:
        size, dtype = _rng.choice([(1, np.uint8), (2, np.uint16), (4, np.uint32)])
        ndim = _rng.randrange(0, 4)
        shape = [_rng.randrange(0, 5) for _ in range(ndim)]
        strides = [_rng.choice([0, _rng.randrange(-7, 8)]) for _ in range(ndim)]
        low = sum(min(0, s * (k - 1)) for k, s in zip(shape, strides) if k > 0)
        high = sum(max(0, s * (k - 1)) for k, s in zip(shape, strides) if k > 0) + size
        if high - low > n:
            return memoryview(base)[0:0]
        start = _rng.randrange(-low, n - high + 1)
        src = flat[start:start + (n - start) // size * size].view(dtype)
        return as_strided(src, shape=shape, strides=strides)
    if kind == 4:
        start = _rng.randrange(0, n)
        part = flat[start:start + _rng.randrange(0, 6)]
        return np.broadcast_to(part, (_rng.randrange(1, 4), len(part)))
    start = _rng.randrange(0, n + 1)
    return memoryview(base)[start:start]

def _bytes_of(v):
    m = memoryview(v)
    address = _address(v)
    found = set()
    for index in itertools.product(*[range(k) for k in m.shape]):
        at = address + sum(i * s for i, s in zip(index, m.strides))
        found.update(range(at, at + m.itemsize))
    return found

def _round():
    g = globals()
    for name in [k for k in g if k.startswith('w')]:
        del g[name]
    for i in range(_rng.randrange(1, 7)):
        g['w%d' % i] = _random_view()
    views = {k: v for k, v in g.items() if not k.startswith('_') and isinstance(v, (bytearray, memoryview, np.ndarray))}
    touched = {k: _bytes_of(v) for k, v in views.items()}
    spans = sorted((min(b), max(b) + 1) for b in touched.values() if b)
    regions = []
    for begin, end in spans:
        if regions and begin < regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], end)
        else:
            regions.append([begin, end])
    objects = {}
    for k, v in views.items():
        address = _address(v)
        at = min(touched[k]) if touched[k] else address
        home = [r for r in regions if r[0] <= at < r[1]]
        region = home[0] if home else [address, address]
        objects[k] = [region[0], region[1] - region[0], address - region[0]]
    shared = sorted([a, b] for a, b in itertools.combinations(sorted(views), 2) if touched[a] & touched[b])
    print(json.dumps({'objects': objects, 'shared': shared}))
)PY";

}  // namespace

TEST_CASE("regions and sharing agree with a brute force in Python over random views") {
  ensure_interpreter();
  Session session;
  const CellResult setup = session.run_cell(kRandomViews);
  REQUIRE_MESSAGE(!setup.raised, setup.stderr_text());
  for (int round = 0; round < 150; ++round) {
    CAPTURE(round);
    const CellResult result = session.run_cell("_round()");
    REQUIRE_MESSAGE(!result.raised, result.stderr_text());
    const Json expected = Json::parse(result.stdout_text());
    const Snapshot& snapshot = session.snapshot();
    CAPTURE(expected.dump());
    for (const auto& [name, want] : expected["objects"].items()) {
      CAPTURE(name);
      const SnapshotObject* object = snapshot.find(name);
      REQUIRE(object);
      REQUIRE(object->region >= 0);
      const Region& region = snapshot.regions[static_cast<std::size_t>(object->region)];
      CHECK(region.address == want[0].get<std::uint64_t>());
      CHECK(region.size == want[1].get<std::int64_t>());
      CHECK(object->offset == want[2].get<std::int64_t>());
    }
    std::vector<std::pair<std::string, std::string>> shared;
    for (const auto& pair : expected["shared"]) shared.emplace_back(pair[0], pair[1]);
    CHECK(snapshot.shared_pairs() == shared);
  }
}

TEST_CASE("a zero-length view does not stop later extents from merging") {
  ensure_interpreter();
  Session session;
  session.run_cell("ba = bytearray(32)\nz = memoryview(ba)[8:8]\nt = memoryview(ba)[15:23]\n");
  const Snapshot& snapshot = session.snapshot();
  REQUIRE(snapshot.find("t"));
  CHECK(snapshot.regions.size() == 1);
  CHECK(snapshot.find("t")->region == snapshot.find("ba")->region);
  CHECK(snapshot.find("t")->offset == 15);
  CHECK(snapshot.find("z")->offset == 8);
  CHECK(snapshot.shared_pairs() == std::vector<std::pair<std::string, std::string>>{{"ba", "t"}});
}

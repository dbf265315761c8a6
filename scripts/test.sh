#!/usr/bin/env bash
# Sets up and builds Buffer Lab, then runs the whole test suite with ctest. With CI=true it
# also builds and tests an AddressSanitizer configuration.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="$(nproc)"

"$root/scripts/setup.sh" "$root/build"
ctest --test-dir "$root/build" --output-on-failure --parallel "$jobs" --timeout 600

if [ "${CI:-}" = "true" ] || [ "${BUFFERLAB_ASAN:-}" = "1" ]; then
  # Python's own allocator is not instrumented and libpython leaks by design at exit.
  export ASAN_OPTIONS=detect_leaks=0
  "$root/scripts/setup.sh" "$root/build-asan" -DBUFFERLAB_ASAN=ON -DCMAKE_BUILD_TYPE=Debug
  ctest --test-dir "$root/build-asan" --output-on-failure --parallel "$jobs" --timeout 900
fi

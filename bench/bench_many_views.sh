#!/bin/sh
# End-to-end figure for N memoryviews of one buffer: the headless dump of a script that
# binds v0..v{N-1} as top-level names, timed by /usr/bin/time -v. Prints wall time, peak RSS
# and the size of the JSON. Figures only, not a test.
#
#   bench/bench_many_views.sh BUILD/app/bufferlab [N ...]     (default N: 2000 5000)
#
# Each view is memoryview(b)[k:k + 64] with k = i % 64 of a 1 MB bytearray: every two views
# share a byte (N(N-1)/2 pairs) while each has 64 values. With memoryview(b)[i:] the dump would
# also hold every view's values, about 5 * 10**9 of them for 5,000 views of 1 MB.
# Only top-level names are snapshotted, hence globals() assignment rather than a list.
set -eu
binary=${1:?usage: bench_many_views.sh PATH/TO/bufferlab [N ...]}
shift
[ $# -gt 0 ] || set -- 2000 5000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for count in "$@"; do
  cat >"$work/views.py" <<EOF
import numpy as np
b = bytearray(1 << 20)
for i in range($count):
    globals()['v%d' % i] = memoryview(b)[i % 64:i % 64 + 64]
del i
EOF
  rm -f "$work/out.json"
  status=0
  /usr/bin/time -v "$binary" --script "$work/views.py" --dump-state "$work/out.json" \
    >"$work/stdout" 2>"$work/time" || status=$?
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
  size=$(stat -c %s "$work/out.json" 2>/dev/null || echo 0)
  echo "$count views of one buffer: exit $status, wall $wall, peak RSS $((rss / 1024)) MB, JSON $((size / 1048576)) MB ($size bytes)"
  [ "$status" -eq 0 ] || grep -v '^\s' "$work/time" | tail -3
done

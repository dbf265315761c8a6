#!/bin/bash
# Start, idle memory and idle CPU of the window, median of N runs under Xvfb, for
# each build given. Figures only, not a test.
#
#   bench/bench_start.sh [-n RUNS] BUILD/app/bufferlab [OTHER_BUILD/app/bufferlab ...]
#
# The probe BUILD/bench/first_swap_probe.so (built with the project) is preloaded into each
# app: its first glfwSwapBuffers notes the time since the launch. Each run opens lesson 1 at
# 1280x720 in a fresh config folder on its own Xvfb server, then prints
#   first frame   ms from the launch to the first frame swapped to the screen
#   peak RSS      VmHWM of /proc/PID/status 5 s after the first frame (MB = 10^6 bytes)
#   idle CPU      utime + stime of /proc/PID/stat over the next 10 s with no input
# Also the old way to time a start: `bufferlab --screenshot x.png --frames 1` wall time.
# Then the floor under the memory figure: BUILD/bench/gl_floor, a bare window that draws one
# textured triangle through the same GL driver, measured the same way.
set -eu
runs=5
if [ "${1:-}" = "-n" ]; then runs=$2; shift 2; fi
[ $# -gt 0 ] || { echo "usage: bench_start.sh [-n RUNS] PATH/TO/bufferlab ..." >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
lesson=$(ls "$here"/../assets/lessons/01-*.md)
probe=$(cd "$(dirname "$1")/.." && pwd)/bench/first_swap_probe.so
[ -f "$probe" ] || { echo "bench_start.sh: build the probe first: $probe" >&2; exit 2; }
work=$(mktemp -d)
display=:$((200 + RANDOM % 500))
Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
export DISPLAY=$display
ticks=$(getconf CLK_TCK)

median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

for app in "$@"; do
  : >"$work/first"; : >"$work/rss"; : >"$work/cpu"; : >"$work/shot"
  for run in $(seq "$runs"); do
    rm -rf "$work/config" "$work/swap"
    mkdir -p "$work/config"
    BENCH_T0_US=${EPOCHREALTIME/./} BENCH_FIRST_SWAP_OUT=$work/swap LD_PRELOAD=$probe \
      XDG_CONFIG_HOME=$work/config "$app" --lesson "$lesson" --size 1280x720 >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 200); do [ -s "$work/swap" ] && break; sleep 0.05; done
    cat "$work/swap" >>"$work/first"
    sleep 5
    awk '/VmHWM/ {printf "%.1f\n", $2 * 1024 / 1e6}' "/proc/$pid/status" >>"$work/rss"
    before=$(cpu_ticks "$pid")
    sleep 10
    after=$(cpu_ticks "$pid")
    echo "$(( after - before )) $ticks" | awk '{printf "%.2f\n", $1 / $2}' >>"$work/cpu"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    # The issue's first measure: a screenshot of the first frame, wall time to exit.
    rm -rf "$work/config"; mkdir -p "$work/config"
    start=${EPOCHREALTIME/./}
    XDG_CONFIG_HOME=$work/config "$app" --lesson "$lesson" --size 1280x720 \
      --screenshot "$work/x.png" --frames 1 >/dev/null 2>&1 || true
    echo $(( ${EPOCHREALTIME/./} - start )) | awk '{printf "%.0f\n", $1 / 1000}' >>"$work/shot"
  done
  echo "$app (median of $runs)"
  echo "  first frame on screen:      $(median <"$work/first") ms"
  echo "  peak RSS, idle, lesson 1:   $(median <"$work/rss") MB"
  echo "  CPU over 10 idle seconds:   $(median <"$work/cpu") s"
  echo "  --screenshot --frames 1:    $(median <"$work/shot") ms wall"
done

floor=$(cd "$(dirname "$1")/.." && pwd)/bench/gl_floor
if [ -x "$floor" ]; then
  : >"$work/floor"
  for run in $(seq "$runs"); do
    "$floor" >"$work/renderer" 2>/dev/null &
    pid=$!
    for _ in $(seq 200); do [ -s "$work/renderer" ] && break; sleep 0.05; done
    sleep 5
    awk '/VmHWM/ {printf "%.1f\n", $2 * 1024 / 1e6}' "/proc/$pid/status" >>"$work/floor"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
  echo "$floor (median of $runs): a bare GL window, one textured triangle"
  echo "  renderer:                   $(head -1 "$work/renderer")"
  echo "  peak RSS:                   $(median <"$work/floor") MB"
fi

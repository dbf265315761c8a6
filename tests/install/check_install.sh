#!/usr/bin/env bash
# Install checks run by CTest (tests/install/CMakeLists.txt): the installed program away from
# the source and build trees, the desktop entry, the AppStream metainfo, the man page and the .deb.
# Usage: check_install.sh CHECK SOURCE_DIR BUILD_DIR VERSION BINARY
#   CHECK is one of: installed-app, desktop-entry, metainfo, man-page, deb-package; BINARY is the
#   bufferlab of the build tree (its --help lists the options the man page must describe).
# Exit 0 passes, 77 skips (a tool it needs is missing), anything else fails.
set -euo pipefail

check="$1" source_dir="$2" build_dir="$3" version="$4" binary="$5"
skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || skip "$1 is not installed (package $2)"; }

scratch="$(mktemp -d "${TMPDIR:-/tmp}/bufferlab-install-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
case "$scratch/" in
  "$source_dir"/* | "$build_dir"/*) fail "the scratch folder $scratch is inside the trees it must hide" ;;
esac

# Runs inside a private mount namespace: hides both trees under empty tmpfs mounts, then runs
# the installed program from a working directory outside them.
run_hidden() {
  local source_dir="$1" build_dir="$2" prefix="$3" work="$4" version="$5" with_window="$6"
  set -euo pipefail
  # The build tree first: it may be inside the source tree.
  mount -t tmpfs -o size=1m,mode=0755 bufferlab-hidden "$build_dir"
  mount -t tmpfs -o size=1m,mode=0755 bufferlab-hidden "$source_dir"
  [ ! -e "$source_dir/CMakeLists.txt" ] && [ ! -e "$build_dir/CMakeCache.txt" ] ||
    { echo "FAIL: the trees are still reachable" >&2; return 1; }
  cd "$work"
  local app="$prefix/bin/bufferlab"

  local printed
  printed="$("$app" --version)"
  echo "bufferlab --version: $printed"
  [ "$printed" = "bufferlab $version" ] || { echo "FAIL: expected 'bufferlab $version'" >&2; return 1; }

  local lesson
  lesson="$(echo "$prefix"/share/bufferlab/lessons/01-*.md)"
  echo "running $lesson --run-all"
  local status=0
  "$app" --lesson "$lesson" --run-all >"$work/run-all.txt" 2>"$work/run-all.err" || status=$?
  [ "$status" -eq 0 ] || { cat "$work/run-all.err" >&2; echo "FAIL: --run-all exited $status" >&2; return 1; }
  [ -s "$work/run-all.txt" ] || { echo "FAIL: --run-all printed nothing" >&2; return 1; }
  echo "--run-all printed $(wc -l <"$work/run-all.txt") lines"
  # The file named alone, as the desktop entry's `bufferlab %f` passes it, is the same lesson.
  "$app" "$lesson" --run-all 2>/dev/null | cmp -s - "$work/run-all.txt" ||
    { echo "FAIL: 'bufferlab FILE.md --run-all' differs from --lesson FILE.md" >&2; return 1; }

  [ "$with_window" = yes ] || return 0
  # An Xvfb of its own on a free display (it writes the number to fd 3 when it is ready).
  Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
  local xvfb=$!
  for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
  [ -s "$work/display" ] || { kill "$xvfb"; echo "FAIL: Xvfb did not start" >&2; return 1; }
  status=0
  # No --lesson: the window opens on the first built-in lesson it finds next to itself.
  DISPLAY=":$(head -n1 "$work/display")" XDG_CONFIG_HOME="$work/config" \
    "$app" --screenshot "$work/shot.png" --size 1280x800 2>"$work/shot.err" || status=$?
  kill "$xvfb"; wait "$xvfb" 2>/dev/null || true
  [ "$status" -eq 0 ] || { cat "$work/shot.err" >&2; echo "FAIL: --screenshot exited $status" >&2; return 1; }
  # PNG width and height: big-endian 32-bit numbers at bytes 16 and 20.
  local size
  size="$(od -An -tu1 -j16 -N8 "$work/shot.png" | awk '{ printf "%dx%d", $3 * 256 + $4, $7 * 256 + $8 }')"
  echo "screenshot: $size, $(stat -c %s "$work/shot.png") bytes"
  [ "$size" = 1280x800 ] || { echo "FAIL: the screenshot is $size" >&2; return 1; }
  # A rendered window compresses far worse than an empty one.
  [ "$(stat -c %s "$work/shot.png")" -gt 20000 ] || { echo "FAIL: the screenshot looks empty" >&2; return 1; }
}

case "$check" in
  installed-app)
    [ "$(id -u)" -eq 0 ] || skip "hiding the trees needs root (mount namespaces)"
    need unshare util-linux
    prefix="$scratch/prefix"
    cmake --install "$build_dir" --prefix "$prefix" --strip >/dev/null
    for file in bin/bufferlab share/man/man1/bufferlab.1 share/bufferlab/lessons; do
      [ -e "$prefix/$file" ] || fail "$file was not installed"
    done
    # No path of the build machine in the program: it must not look for anything there.
    if strings "$prefix/bin/bufferlab" | grep -F -e "$source_dir" -e "$build_dir"; then
      fail "the installed program names the source or build tree"
    fi
    with_window=no
    if [ -e "$prefix/share/applications/bufferlab.desktop" ]; then
      need Xvfb xvfb
      with_window=yes
    fi
    mkdir "$scratch/work"
    unshare --mount --propagation private -- bash -c "$(declare -f run_hidden); run_hidden \"\$@\"" \
      run_hidden "$source_dir" "$build_dir" "$prefix" "$scratch/work" "$version" "$with_window"
    ;;
  desktop-entry)
    need desktop-file-validate desktop-file-utils
    desktop-file-validate "$source_dir/assets/bufferlab.desktop"
    grep -qx 'Exec=bufferlab %f' "$source_dir/assets/bufferlab.desktop" || fail "Exec does not pass the file"
    echo "desktop-file-validate: ok"
    ;;
  metainfo)
    need appstreamcli appstream
    metainfo="$build_dir/share/metainfo/org.bufferlab.BufferLab.metainfo.xml"
    appstreamcli validate --no-net "$metainfo"
    grep -q "<release version=\"$version\"" "$metainfo" || fail "the metainfo has no release $version"
    ;;
  man-page)
    need man man-db
    need groff groff-base
    page="$source_dir/docs/bufferlab.1"
    warnings="$(groff -man -Tutf8 -ww -z "$page" 2>&1)"
    [ -z "$warnings" ] || fail "groff warns: $warnings"
    MANWIDTH=100 man -l "$page" >"$scratch/page.txt" 2>"$scratch/man.err"
    [ ! -s "$scratch/man.err" ] || fail "man -l: $(cat "$scratch/man.err")"
    grep -q "EXIT STATUS" "$scratch/page.txt" || fail "the page did not render"
    # Every option of the usage text is in the page.
    for option in $("$binary" --help | grep -o -e '--[a-z-]*' | sort -u); do
      grep -q -e "$option" "$scratch/page.txt" || fail "the man page does not describe $option"
    done
    echo "man -l: $(wc -l <"$scratch/page.txt") lines, every option of --help described"
    ;;
  deb-package)
    need dpkg-deb dpkg
    need dpkg-shlibdeps dpkg-dev
    cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$scratch/deb" >"$scratch/cpack.log" 2>&1 ||
      { cat "$scratch/cpack.log"; fail "cpack -G DEB failed"; }
    deb="$(echo "$scratch"/deb/bufferlab_"$version"_*.deb)"
    [ -f "$deb" ] || fail "no bufferlab_${version}_*.deb was made"
    dpkg-deb -I "$deb"
    depends="$(dpkg-deb -f "$deb" Depends)"
    for package in libpython3.11 python3-numpy libmd4c0; do
      grep -q -e "\b$package\b" <<<"$depends" || fail "Depends does not name $package"
    done
    dpkg-deb -c "$deb" >"$scratch/contents.txt"
    if grep -q 'share/applications/bufferlab.desktop$' "$scratch/contents.txt"; then
      for package in libglfw3 fonts-dejavu-core libgl1-mesa-dri; do
        grep -q -e "\b$package\b" <<<"$depends" || fail "Depends does not name $package"
      done
    fi
    grep -q ' \./usr/bin/bufferlab$' "$scratch/contents.txt" || fail "the package has no /usr/bin/bufferlab"
    grep -q ' \./usr/share/bufferlab/lessons/01-' "$scratch/contents.txt" || fail "the package has no lessons"
    echo "$(basename "$deb"): $(grep -c -v '/$' "$scratch/contents.txt") files"
    ;;
  *)
    fail "unknown check '$check'"
    ;;
esac

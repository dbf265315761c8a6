#!/usr/bin/env bash
# Installs what Buffer Lab needs from Debian's packages (only what is missing) and builds it.
# Usage: scripts/setup.sh [BUILD_DIR] [extra cmake arguments...]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
shift || true

packages=(
  cmake ninja-build g++ pkg-config
  libimgui-dev libglfw3-dev python3-glad libstb-dev
  libpython3.11-dev python3-numpy
  doctest-dev nlohmann-json3-dev libmd4c-dev
  fonts-dejavu-core xvfb xauth
  xdotool  # a test drives the real window's keys as a user would
  python3-nbformat  # tests validate exported notebooks with Jupyter's own checker
  python3-pil  # Pillow: lessons show PIL reading a bytearray in place (Image.frombuffer)
  libgl1-mesa-dri libglx-mesa0  # Mesa's software renderer: the window under Xvfb and in CI
  desktop-file-utils appstream man-db dpkg-dev file  # install checks (tests/install), cpack -G DEB
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

cmake -S "$root" -B "$build" -G Ninja "$@"
cmake --build "$build" --parallel "$(nproc)"

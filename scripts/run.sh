#!/usr/bin/env bash
# Sets up and builds Buffer Lab, then opens it (on the first built-in lesson).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh" "$root/build"
exec "$root/build/app/bufferlab" "$@"

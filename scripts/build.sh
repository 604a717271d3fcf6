#!/usr/bin/env bash
# Configures and builds corridor in build/ (Release), against Debian's /usr/bin/python3.
# Extra arguments go to the CMake configure step.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${CORRIDOR_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPython_EXECUTABLE=/usr/bin/python3 "$@"
cmake --build "$build" -j"$(nproc)"

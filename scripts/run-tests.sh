#!/usr/bin/env bash
# README command 2: install what is needed, build, and run every test (CI runs exactly this).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "$root/build"
ctest --output-on-failure -j2 --timeout 1200

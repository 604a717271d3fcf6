#!/usr/bin/env bash
# README command 1: install what is needed, build, and run the main job on the bundled sample case.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
corridor="$root/build/corridor"
sample="$root/examples/data/sample-case"
if "$corridor" analyze --help > /dev/null 2>&1; then
  "$corridor" analyze --out "$root/out/sample-report"
else
  "$corridor" validate "$sample"
  "$corridor" info "$sample"
fi

#!/usr/bin/env bash
# README command 2: install what is needed, build, and run every test (CI runs exactly this):
# the Release build's tests (unit, command, examples, consumer package, Python, browser), then
# the whole suite again under AddressSanitizer + UBSan, then each fuzzer for a bounded time
# with its corpus replayed.
#   SKIP_HARDENING=1   only the Release build's tests (a quick local run)
#   FUZZ_SECONDS=N     seconds per fuzzer (default 25 here: six fuzzers in about the 150 s five took)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
(cd "$root/build" && ctest --output-on-failure -j2 --timeout 1200)
if [ "${SKIP_HARDENING:-0}" != "1" ]; then
  "$root/scripts/run-sanitizers.sh"
  FUZZ_SECONDS=${FUZZ_SECONDS:-25} "$root/scripts/run-fuzz.sh"
fi

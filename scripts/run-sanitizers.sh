#!/usr/bin/env bash
# Builds the library, the command, the examples and every test with clang under AddressSanitizer
# + UndefinedBehaviorSanitizer in build-asan/ and runs the test suite; any sanitizer report fails
# the run (halt_on_error; UBSan is built with -fno-sanitize-recover). Idempotent: re-running
# reuses the build directory. Extra arguments go to ctest (e.g. -R "io: ").
#   BUILD_DIR   build directory (default <repo>/build-asan)
#   JOBS        parallel build and test jobs (default: nproc)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-asan}
jobs=${JOBS:-$(nproc)}
start=$(date +%s)
mkdir -p "$build"

# OpenMP is kept on: clang finds libomp (libomp-14-dev). -O1 keeps the algorithm tests fast
# enough while stack traces stay readable.
# The library is built shared here (libcorridor.so with its SONAME) and static in the Release
# build, so CI covers both at the cost of one build: both run the consumer test.
CC=${CC:-clang} CXX=${CXX:-clang++} cmake -S "$root" -B "$build" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCORRIDOR_SANITIZE=ON -DBUILD_SHARED_LIBS=ON -DCORRIDOR_BUILD_PYTHON=OFF -DCORRIDOR_BUILD_BENCHMARKS=OFF \
  -DCORRIDOR_BUILD_EXAMPLES=ON -DCORRIDOR_FUZZ=OFF -DCORRIDOR_OPENMP=${CORRIDOR_OPENMP:-ON} > "$build/configure.log" \
  || { cat "$build/configure.log"; exit 1; }
cmake --build "$build" -j"$jobs"

# detect_leaks stays on (LeakSanitizer); libomp's thread pool is reachable at exit, not leaked.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
cd "$build"
ctest --output-on-failure -j"$jobs" --timeout 1800 "$@"
echo "run-sanitizers: ASan+UBSan build and tests passed in $(( $(date +%s) - start )) s"

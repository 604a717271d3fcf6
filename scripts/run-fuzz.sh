#!/usr/bin/env bash
# Builds the libFuzzer harnesses (clang, ASan + UBSan + libFuzzer) in build-fuzz/, runs each for
# a bounded time on a copy of its seed corpus (tests/fuzz/corpus/<harness>/), then replays the
# seed corpus and every input found. A crash, leak, sanitizer report or timeout fails the run;
# the input that caused it is kept in build-fuzz/fuzz-artifacts/ for a regression test.
# Idempotent: re-running reuses the build directory and starts from the seed corpus again.
#   FUZZ_SECONDS   seconds per harness (default 60)
#   FUZZ_TARGETS   harnesses to run (default: all)
#   BUILD_DIR      build directory (default <repo>/build-fuzz)
#   JOBS           parallel build jobs (default: nproc)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-60}
jobs=${JOBS:-$(nproc)}
targets=${FUZZ_TARGETS:-"fuzz_csv fuzz_case fuzz_graphml fuzz_snapshot fuzz_cli fuzz_folder"}
start=$(date +%s)
mkdir -p "$build"

# Tests, examples and OpenMP are not needed by the harnesses: only the library and the harnesses
# are built.
CC=${CC:-clang} CXX=${CXX:-clang++} cmake -S "$root" -B "$build" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCORRIDOR_SANITIZE=ON -DCORRIDOR_FUZZ=ON -DCORRIDOR_OPENMP=OFF -DCORRIDOR_BUILD_TESTS=OFF \
  -DCORRIDOR_BUILD_EXAMPLES=OFF -DCORRIDOR_BUILD_BENCHMARKS=OFF -DCORRIDOR_BUILD_PYTHON=OFF \
  > "$build/configure.log" || { cat "$build/configure.log"; exit 1; }
# shellcheck disable=SC2086
cmake --build "$build" -j"$jobs" --target $targets

export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:allocator_may_return_null=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
status=0
for t in $targets; do
  seed="$root/tests/fuzz/corpus/$t"
  work="$build/fuzz-corpus/$t"
  rm -rf "$work"
  mkdir -p "$work"
  cp "$seed"/* "$work"/
  echo "run-fuzz: $t for ${seconds} s"
  # -close_fd_mask=3 keeps the harness's own output (the command's messages) out of the log;
  # libFuzzer still reports crashes. Inputs stay small so each run is fast; a run over 10 s or
  # 2 GB is a finding (a hang or a runaway allocation).
  if ! "$build/tests/fuzz/$t" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
       -close_fd_mask=3 -print_final_stats=1 -artifact_prefix="$artifacts/$t-" "$work" \
       > "$build/$t.log" 2>&1; then
    echo "run-fuzz: $t FAILED; log: $build/$t.log" >&2
    tail -n 60 "$build/$t.log" >&2
    status=1
    continue
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$build/$t.log" | tr '\n' ' ' || true
  echo
  # Replay: every seed and every input found, once each.
  if ! "$build/tests/fuzz/$t" -runs=0 -close_fd_mask=3 "$seed" "$work" > "$build/$t.replay.log" 2>&1; then
    echo "run-fuzz: $t corpus replay FAILED; log: $build/$t.replay.log" >&2
    tail -n 60 "$build/$t.replay.log" >&2
    status=1
  fi
done
rm -rf /dev/shm/corridor-fuzz-* 2>/dev/null || true
echo "run-fuzz: done in $(( $(date +%s) - start )) s (status $status)"
exit $status

#!/usr/bin/env bash
# corridor-mpi on generated cases, 1 and 2 ranks, with the single-machine command beside it on the
# same case in the same run (benchmarks/run.sh calls this; it also runs on its own).
#
#   benchmarks/mpi_bench.sh [--build DIR] [--work DIR] PRESET...     e.g. medium large
#
# Appends one line per run to WORK/mpi.csv (case, command, ranks (0 = the single-machine command),
# wall s, mpirun's or corridor's peak RSS in KB, load average, the run's --stats file); answers go
# to WORK/answers/. report.py turns them into the corridor-mpi table of RESULTS.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="$here/../build"
work="$here/work"
presets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --build) build="$(cd "$2" && pwd)"; shift ;;
    --work) work="$2"; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) presets+=("$1") ;;
  esac
  shift
done
cli="$build/corridor"
mpi_bin="$build/src/mpi/corridor-mpi"
if [[ ! -x "$mpi_bin" || ! -x "$cli" ]] || ! command -v mpirun >/dev/null; then
  echo "mpi_bench: corridor-mpi, corridor or mpirun missing (build with MPI: libboost-graph-parallel-dev libboost-mpi-dev libopenmpi-dev openmpi-bin)" >&2
  exit 0
fi
mkdir -p "$work/answers"
touch "$work/mpi.csv" "$work/commands.txt"
mpi_env=()
# Open MPI refuses root unless told, and more ranks than cores unless told.
[[ $(id -u) == 0 ]] && mpi_env=(env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1)
for preset in "${presets[@]}"; do
  if [[ ! -f "$work/$preset/edges.csv" ]]; then
    echo "$cli generate --preset $preset --seed 1 --out $work/$preset" >>"$work/commands.txt"
    "$cli" generate --preset "$preset" --seed 1 --out "$work/$preset" >&2
  fi
  for cmd in components pagerank propagate; do
    "$mpi_bin" --help 2>/dev/null | grep -qE "^ +$cmd( |$)" || continue  # commands of this build
    single=""
    case "$cmd" in
      pagerank) single="centrality $work/$preset --measures pagerank" ;;
      propagate) single="propagate $work/$preset" ;;
    esac
    if [[ -n "$single" ]]; then
      echo "$cli $single --out $work/answers/single-$cmd-$preset.csv" >>"$work/commands.txt"
      if /usr/bin/time -q -f "%e,%M" -o "$work/mpi-single.txt" "$cli" --quiet $single \
        --out "$work/answers/single-$cmd-$preset.csv" >&2; then
        echo "$preset,$cmd,0,$(cat "$work/mpi-single.txt"),$(cut -d' ' -f1 /proc/loadavg)," >>"$work/mpi.csv"
      else
        echo "mpi_bench: corridor $cmd on $preset failed" >&2
      fi
    fi
    for ranks in 1 2; do
      stats="$work/mpi-$preset-$cmd-$ranks.csv"
      echo "mpirun -n $ranks corridor-mpi --stats $stats $cmd $work/$preset --out $work/answers/mpi-$cmd-$preset-$ranks.csv" \
        >>"$work/commands.txt"
      rm -f "$stats"
      if /usr/bin/time -q -f "%e,%M" -o "$work/mpi-time.txt" "${mpi_env[@]}" mpirun --oversubscribe -n "$ranks" "$mpi_bin" \
        --quiet --stats "$stats" "$cmd" "$work/$preset" --out "$work/answers/mpi-$cmd-$preset-$ranks.csv" >&2; then
        echo "$preset,$cmd,$ranks,$(cat "$work/mpi-time.txt"),$(cut -d' ' -f1 /proc/loadavg),$stats" >>"$work/mpi.csv"
      else
        echo "mpi_bench: corridor-mpi $cmd on $preset with $ranks ranks failed" >&2
        echo "$preset,$cmd,$ranks,,,$(cut -d' ' -f1 /proc/loadavg),$stats" >>"$work/mpi.csv"
      fi
    done
  done
done

#!/usr/bin/env bash
# The benchmark harness: corridor side by side with igraph, graph-tool and NetworkX on the same
# edge lists, with the same parameters, in one run. Builds nothing itself.
#
#   benchmarks/run.sh [--quick] [--large] [--build DIR] [--repeat R] [--peer-timeout S]
#
#   --build DIR        build directory configured with -DCORRIDOR_BUILD_BENCHMARKS=ON (default build/)
#   --quick            one repeat instead of three
#   --smoke            small graphs and one repeat: checks the harness end to end in a minute or two
#   --large            also the large preset (about 1M nodes / 10M edges); well beyond 30 minutes
#   --repeat R         repeats per (graph, algorithm, library); the median is reported
#   --peer-timeout S   wall-clock cap per Python peer run (default 120 s); a capped run shows "> S s"
#
# Writes the work files under benchmarks/work/ (ignored by git), a table on stdout and
# benchmarks/RESULTS.md. Parameters for everyone: damping 0.85, tolerance 1e-10, resolution 1,
# Leiden 2 iterations (beta/randomness 0.01), seed 1.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build="$root/build"
repeat=3
large=0
smoke=0
peer_timeout=120
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) repeat=1 ;;
    --smoke) repeat=1; smoke=1 ;;
    --large) large=1 ;;
    --build) build="$(cd "$2" && pwd)"; shift ;;
    --repeat) repeat="$2"; shift ;;
    --peer-timeout) peer_timeout="$2"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

py=/usr/bin/python3
bench="$build/benchmarks/corridor-bench"
igraph_bin="$build/benchmarks/corridor-bench-igraph"
stream_bin="$build/benchmarks/corridor-stream"
foundation_bin="$build/benchmarks/corridor-bench-foundation"
cli="$build/corridor"
work="$here/work"
[[ $smoke == 1 ]] && work="$here/work/smoke"
mkdir -p "$work/answers"
log="$work/log.txt"
results="$work/results.csv"
commands="$work/commands.txt"
: >"$log"
: >"$commands"
echo "library,algorithm,graph,threads,load_s,compute_s,peak_rss_mb,quality,repeat,status" >"$results"
start=$(date +%s)

note() { echo "[run.sh $(( $(date +%s) - start ))s] $*" | tee -a "$log" >&2; }

if [[ ! -x "$bench" ]]; then
  echo "run.sh: $bench not found. Build it first:" >&2
  echo "  cmake -S . -B build -DCORRIDOR_BUILD_BENCHMARKS=ON && cmake --build build --target corridor-bench corridor-bench-igraph corridor-stream corridor-bench-foundation corridor_cli" >&2
  exit 2
fi

# ---- machine ---------------------------------------------------------------------------------
{
  echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
  echo "nproc=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "memory_gb=$(awk '/MemTotal/ {printf "%.1f", $2/1048576}' /proc/meminfo)"
  echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "corridor=$([[ -x "$cli" ]] && "$cli" --version 2>/dev/null | head -1 || echo "?")"
  echo "igraph=$(pkg-config --modversion igraph 2>/dev/null || echo absent)"
  echo "networkx=$($py -c 'import networkx; print(networkx.__version__)' 2>/dev/null || echo absent)"
  echo "graph_tool=$($py -W ignore -c 'import graph_tool; print(graph_tool.__version__.split()[0])' 2>/dev/null || echo absent)"
  echo "compiler=$(c++ --version | head -1)"
  echo "repeat=$repeat"
  echo "peer_timeout=$peer_timeout"
} >"$work/machine.txt"

# ---- graphs ----------------------------------------------------------------------------------
medium=medium; sbm_nodes=200000; sbm_edges=2000000; er_nodes=10000; er_edges=50000
if [[ $smoke == 1 ]]; then medium=small; sbm_nodes=20000; sbm_edges=200000; er_nodes=2000; er_edges=10000; fi

# ---- bandwidth and foundation (the foundation program also generates the case through the library)
if [[ -x "$stream_bin" ]]; then
  note "memory bandwidth (STREAM triad, 1 thread)"
  "$stream_bin" >"$work/stream.txt" 2>>"$log" || true
fi
: >"$work/foundation.txt"
if [[ -x "$foundation_bin" ]]; then
  for preset in $medium $([[ $large == 1 ]] && echo large); do
    note "foundation benchmark ($preset preset)"
    echo "$foundation_bin --preset $preset --seed 1 --work $work/foundation-$preset" >>"$commands"
    "$foundation_bin" --preset "$preset" --seed 1 --work "$work/foundation-$preset" >>"$work/foundation.txt" 2>>"$log" \
      || note "foundation benchmark ($preset) failed (see $log)"
  done
fi

have_case=0
make_case() {  # preset -> $work/case-<preset>.txt
  local preset="$1"
  if [[ ! -f "$work/$preset/edges.csv" ]]; then
    note "corridor generate --preset $preset --seed 1"
    echo "$cli generate --preset $preset --seed 1 --out $work/$preset" >>"$commands"
    if [[ ! -x "$cli" ]] || ! "$cli" generate --preset "$preset" --seed 1 --out "$work/$preset" >>"$log" 2>&1; then
      rm -rf "${work:?}/$preset"
      if [[ -f "$work/foundation-$preset/case/edges.csv" ]]; then
        note "no working corridor command at $cli: using the case the foundation benchmark generated (same generator, seed 1)"
        ln -sfn "$work/foundation-$preset/case" "$work/$preset"
      else
        note "cannot generate the $preset case (see $log): the case graph is skipped"
        return 1
      fi
    fi
  fi
  if [[ ! -f "$work/case-$preset.txt" ]]; then
    $py "$here/gen_graphs.py" case "$work/$preset" --out "$work/case-$preset.txt" --seeds-out "$work/case-$preset.seeds" 2>>"$log"
  fi
}
if make_case $medium; then have_case=1; fi
if [[ $large == 1 ]] && make_case large; then have_case=2; fi
if [[ ! -f "$work/sbm.txt" ]]; then
  note "stochastic block model $sbm_nodes / $sbm_edges (weighted, blocks of 200, mixing 0.25)"
  $py "$here/gen_graphs.py" sbm --nodes $sbm_nodes --edges $sbm_edges --block 200 --mixing 0.25 --weighted --seed 1 \
    --out "$work/sbm.txt" --truth "$work/sbm.truth" 2>>"$log"
fi
if [[ ! -f "$work/er.txt" ]]; then
  note "random graph $er_nodes / $er_edges (weighted)"
  $py "$here/gen_graphs.py" random --nodes $er_nodes --edges $er_edges --weighted --seed 1 --out "$work/er.txt" 2>>"$log"
fi

# ---- the jobs ----------------------------------------------------------------------------------
# graph file | name shown | weighted | algorithm | libraries | extra arguments
jobs=()
case_graphs=()
[[ $have_case -ge 1 ]] && case_graphs+=($medium)
[[ $have_case -ge 2 ]] && case_graphs+=(large)
for preset in "${case_graphs[@]}"; do
  jobs+=("case-$preset.txt|case-$preset|1|pagerank|corridor igraph graph-tool networkx|")
  jobs+=("case-$preset.txt|case-$preset|1|pagerank-l1|corridor|")
  jobs+=("case-$preset.txt|case-$preset|1|ppr|corridor igraph graph-tool|--seeds $work/case-$preset.seeds")
  jobs+=("case-$preset.txt|case-$preset|1|leiden|corridor igraph|")
  jobs+=("case-$preset.txt|case-$preset|1|components|corridor igraph|")
done
jobs+=("sbm.txt|sbm|1|pagerank|corridor igraph graph-tool|")
jobs+=("sbm.txt|sbm|1|pagerank-l1|corridor|")
jobs+=("sbm.txt|sbm|1|leiden|corridor igraph|")
jobs+=("sbm.txt|sbm|1|louvain|corridor igraph networkx|")
jobs+=("sbm.txt|sbm|1|labelprop|corridor igraph networkx|")
jobs+=("sbm.txt|sbm|0|components|corridor igraph graph-tool networkx|")
jobs+=("er.txt|er|0|betweenness|corridor igraph graph-tool networkx|")
jobs+=("er.txt|er|1|betweenness|corridor igraph graph-tool|")
jobs+=("er.txt|er|0|betweenness-approx|corridor|--epsilon 0.02 --delta 0.1")
jobs+=("er.txt|er|0|closeness|corridor igraph graph-tool networkx|")

common="--damping 0.85 --tolerance 1e-10 --resolution 1 --iterations 2 --seed 1"

# One run of one library on one job; appends its CSV line(s) to $results.
run_one() {
  local runner="$1" file="$2" name="$3" weighted="$4" alg="$5" extra="$6" rep="$7"
  local wflag="" gname="$name"
  if [[ $weighted == 1 ]]; then wflag="--weighted"; gname="$name-w"; fi
  local out="$work/answers/$runner.$alg.$gname.txt"
  local args="--edges $work/$file $wflag --algorithm $alg --graph $gname --repeat 1 $common $extra"
  [[ $rep == 1 ]] && args="$args --out $out"
  local cmd threads=1 limit=""
  case "$runner" in
    corridor-1) cmd="$bench --threads 1" ;;
    corridor-2) cmd="$bench --threads 2"; threads=2 ;;
    igraph) [[ -x "$igraph_bin" ]] || return 0; cmd="$igraph_bin" ;;
    graph-tool) cmd="$py $here/peers.py --library graph-tool"; limit="timeout $peer_timeout" ;;
    networkx) cmd="$py $here/peers.py --library networkx"; limit="timeout $peer_timeout" ;;
  esac
  [[ $rep == 1 ]] && echo "$cmd $args" >>"$commands"
  local line rc=0
  line=$($limit $cmd $args 2>>"$log") || rc=$?
  local lib="${runner%-[12]}"
  if [[ $rc == 0 && -n "$line" ]]; then
    echo "$line,$rep,ok" >>"$results"
  elif [[ $rc == 124 ]]; then
    echo "$lib,$alg,$gname,$threads,,,,,$rep,timeout" >>"$results"
  elif [[ $rc == 3 || $rc == 4 ]]; then
    echo "$lib,$alg,$gname,$threads,,,,,$rep,n/a" >>"$results"
  else
    echo "$lib,$alg,$gname,$threads,,,,,$rep,failed" >>"$results"
    note "$runner $alg on $gname failed (exit $rc, see $log)"
  fi
}

have_python_lib() { $py -W ignore -c "import ${1//-/_}" 2>/dev/null; }
peers_here=""
have_python_lib networkx && peers_here+=" networkx" || note "python3-networkx absent: NetworkX skipped"
have_python_lib graph-tool && peers_here+=" graph-tool" || note "python3-graph-tool absent: graph-tool skipped"
[[ -x "$igraph_bin" ]] || note "corridor-bench-igraph absent (libigraph-dev?): igraph skipped"

for ((rep = 1; rep <= repeat; ++rep)); do
  for job in "${jobs[@]}"; do
    IFS='|' read -r file name weighted alg libs extra <<<"$job"
    runners=()
    for lib in $libs; do
      case "$lib" in
        corridor) runners+=(corridor-1 corridor-2) ;;
        igraph) runners+=(igraph) ;;
        # The Python peers are reference points: one run each (they are slow), in the first round.
        graph-tool|networkx) [[ $rep == 1 && " $peers_here " == *" $lib "* ]] && runners+=("$lib") ;;
      esac
    done
    # Interleave: rotate the order each round so no library always runs on a warm or cold machine.
    count=${#runners[@]}
    for ((k = 0; k < count; ++k)); do
      runner="${runners[$(( (k + rep - 1) % count ))]}"
      note "round $rep/$repeat: $runner $alg on $name$([[ $weighted == 1 ]] && echo ' (weighted)')"
      run_one "$runner" "$file" "$name" "$weighted" "$alg" "$extra" "$rep"
    done
  done
done

# ---- propagation and analyze ---------------------------------------------------------------------
: >"$work/propagation.txt"
if [[ -x "$foundation_bin" && $have_case -ge 1 ]]; then
  for preset in "${case_graphs[@]}"; do
    note "propagation timing on the $preset case"
    echo "$foundation_bin --propagate $work/$preset" >>"$commands"
    "$foundation_bin" --propagate "$work/$preset" >>"$work/propagation.txt" 2>>"$log" \
      || note "propagation timing on $preset failed (see $log)"
  done
fi
if [[ $large == 1 && -x "$cli" && -d "$work/large" ]] && "$cli" analyze --help >/dev/null 2>&1; then
  note "corridor analyze on the large case"
  echo "$cli analyze $work/large --out $work/analyze-large" >>"$commands"
  /usr/bin/time -f "analyze,%e,%M" -o "$work/analyze.txt" "$cli" analyze "$work/large" --out "$work/analyze-large" >>"$log" 2>&1 \
    || note "corridor analyze failed (see $log)"
fi

# One smuggler tied to 10^6 migrants (10^5 in a smoke run): every stage of analyze must stay
# near-linear in the largest degree (brokerage was quadratic in it and never finished).
hub_degree=1000000
[[ $smoke == 1 ]] && hub_degree=100000
rm -f "$work/analyze-hub.txt"
if [[ -x "$cli" ]] && "$cli" analyze --help >/dev/null 2>&1; then
  if [[ ! -f "$work/hub/edges.csv" ]]; then
    note "hub case: one smuggler with $hub_degree migrants"
    echo "$py $here/gen_graphs.py hubcase --degree $hub_degree --seed 1 --out $work/hub" >>"$commands"
    $py "$here/gen_graphs.py" hubcase --degree "$hub_degree" --seed 1 --out "$work/hub" 2>>"$log"
  fi
  note "corridor analyze on the hub case"
  echo "$cli analyze $work/hub --out $work/analyze-hub" >>"$commands"
  /usr/bin/time -f "analyze-hub,%e,%M" -o "$work/analyze-hub.txt" "$cli" analyze "$work/hub" --out "$work/analyze-hub" \
    >>"$log" 2>&1 || note "corridor analyze on the hub case failed (see $log)"
fi

# ---- the report page in headless chromium (size, time until interactive) ------------------------
: >"$work/page.csv"
if [[ -x "$cli" ]] && command -v node >/dev/null && [[ -d "$root/web/node_modules/playwright-core" ]] &&
   [[ -x /usr/bin/chromium || -n "${CHROMIUM:-}" ]]; then
  page_cases=("sample:$root/examples/data/sample-case")
  [[ -d "$work/$medium" ]] && page_cases+=("$medium:$work/$medium")
  [[ $large == 1 && -d "$work/large" ]] && page_cases+=("large:$work/large")
  for item in "${page_cases[@]}"; do
    pname="${item%%:*}" pdir="${item#*:}" pout="$work/page-${item%%:*}"
    if [[ $pname == large && -f "$work/analyze-large/report.html" ]]; then
      pout="$work/analyze-large"
    else
      note "corridor analyze on the $pname case (for the report page)"
      echo "$cli analyze $pdir --out $pout" >>"$commands"
      "$cli" analyze "$pdir" --out "$pout" --quiet >>"$log" 2>&1 || { note "analyze $pname failed (see $log)"; continue; }
    fi
    note "report page of the $pname case in headless chromium"
    echo "node benchmarks/page_bench.mjs --report $pout/report.html --name $pname --repeat $repeat" >>"$commands"
    node "$here/page_bench.mjs" --report "$pout/report.html" --name "$pname" --repeat "$repeat" \
      >>"$work/page.csv" 2>>"$log" || note "page benchmark of $pname failed (see $log)"
  done
else
  note "node, web/node_modules or chromium missing: the report page benchmark is skipped"
fi

# ---- corridor-mpi: the case on 1 and 2 ranks (Parallel BGL over MPI) ------------------------------
: >"$work/mpi.csv"
if [[ $have_case -ge 1 ]]; then
  note "corridor-mpi on ${case_graphs[*]} (1 and 2 ranks, the single-machine command beside it)"
  "$here/mpi_bench.sh" --build "$build" --work "$work" "${case_graphs[@]}" 2>>"$log" \
    || note "corridor-mpi runs failed (see $log)"
fi

echo "elapsed_s=$(( $(date +%s) - start ))" >>"$work/machine.txt"
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$work/machine.txt"
# A smoke run checks the harness; it never overwrites the recorded results.
$py "$here/report.py" --work "$work" --out "$([[ $smoke == 1 ]] && echo "$work/RESULTS.md" || echo "$here/RESULTS.md")"

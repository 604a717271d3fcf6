#!/usr/bin/env bash
# The benchmark harness: corridor side by side with igraph, graph-tool and NetworkX on the same
# edge lists, with the same parameters, in one run. Builds nothing itself.
#
#   benchmarks/run.sh [--quick] [--large] [--build DIR] [--repeat R] [--peer-timeout S]
#   benchmarks/run.sh --mpi-only [--build DIR]
#
#   --build DIR        build directory configured with -DCORRIDOR_BUILD_BENCHMARKS=ON (default build/)
#   --quick            one round instead of three (corridor's runs: best of three in-process), peers capped at 60 s (Python) and 120 s (igraph and
#                      GraphBLAS on the 1M graph) unless given: every table filled in about half the time
#   --smoke            small graphs and one repeat: checks the harness end to end in a minute or two
#   --large            also the algorithm table on the large preset's case graph (the large preset's
#                      ingest and `corridor analyze` run in every full run)
#   --repeat R         repeats per (graph, algorithm, library); the best (minimum) time is reported
#   --peer-timeout S   wall-clock cap per Python peer run (default 120 s); a capped run shows "> S s"
#   --igraph-timeout S wall-clock cap per igraph/GraphBLAS run on the 1M-vertex graph (default 300 s)
#   --order ORDER      vertex order corridor renumbers its graph by when loading: locality
#                      (default, as a view would), degree or input
#   --mpi-only         only corridor-mpi on the large preset (1 and 2 ranks, the single-machine
#                      command beside it), in benchmarks/work/mpi/; replaces only the corridor-mpi
#                      section of benchmarks/RESULTS.md (needs corridor and corridor-mpi, no peers)
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
peer_timeout=
igraph_timeout=
quick=0
mpi_only=0
order=locality
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) repeat=1; quick=1 ;;
    --smoke) repeat=1; smoke=1 ;;
    --large) large=1 ;;
    --build) build="$(cd "$2" && pwd)"; shift ;;
    --repeat) repeat="$2"; shift ;;
    --peer-timeout) peer_timeout="$2"; shift ;;
    --igraph-timeout) igraph_timeout="$2"; shift ;;
    --order) order="$2"; shift ;;
    --mpi-only) mpi_only=1 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
# With fewer than three rounds, each compiled library's run repeats in its process (the graph
# reloaded each time), so that corridor's 1- and 2-thread times, from which the 2-thread
# speed-ups are taken, are the best of three runs at least. igraph and GraphBLAS repeat as often:
# a best of three against a single run would flatter corridor whenever the machine is busy.
runs_per_round=$(( repeat < 3 ? 4 - repeat : 1 ))
# The caps only bound peers that would not finish (igraph's label propagation on the 1M graph,
# NetworkX on 200k): a capped cell reads "> S s" either way.
[[ -z $peer_timeout ]] && peer_timeout=$([[ $quick == 1 ]] && echo 60 || echo 120)
[[ -z $igraph_timeout ]] && igraph_timeout=$([[ $quick == 1 ]] && echo 120 || echo 300)

py=/usr/bin/python3
bench="$build/benchmarks/corridor-bench"
igraph_bin="$build/benchmarks/corridor-bench-igraph"
graphblas_bin="$build/benchmarks/corridor-bench-graphblas"
stream_bin="$build/benchmarks/corridor-stream"
foundation_bin="$build/benchmarks/corridor-bench-foundation"
cli="$build/corridor"
work="$here/work"
[[ $smoke == 1 ]] && work="$here/work/smoke"
[[ $mpi_only == 1 ]] && work="$here/work/mpi"
mkdir -p "$work/answers"
log="$work/log.txt"
results="$work/results.csv"
commands="$work/commands.txt"
: >"$log"
: >"$commands"
echo "library,algorithm,graph,threads,load_s,compute_s,peak_rss_mb,quality,repeat,status" >"$results"
: >"$work/loads.txt"
start=$(date +%s)

# Every note also samples the load average, so the report can say whether others used the machine.
note() {
  echo "[run.sh $(( $(date +%s) - start ))s] $*" | tee -a "$log" >&2
  echo "$(cut -d' ' -f1 /proc/loadavg)" >>"$work/loads.txt"
}

# ---- --mpi-only: the corridor-mpi figures alone, spliced into RESULTS.md --------------------------
if [[ $mpi_only == 1 ]]; then
  {
    echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
    echo "nproc=$(nproc)"
    echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  } >"$work/machine.txt"
  : >"$work/mpi.csv"
  note "corridor-mpi on the large preset (1 and 2 ranks, the single-machine command beside it)"
  "$here/mpi_bench.sh" --build "$build" --work "$work" large 2>>"$log" || note "corridor-mpi runs failed (see $log)"
  echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$work/machine.txt"
  $py "$here/report.py" --work "$work" --mpi-only --out "$here/RESULTS.md"
  exit $?
fi

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
  echo "runs_per_round=$runs_per_round"
  echo "peer_timeout=$peer_timeout"
  echo "igraph_timeout=$igraph_timeout"
  echo "graphblas=$([[ -x "$graphblas_bin" ]] && echo "SuiteSparse:GraphBLAS $(dpkg-query -W -f='${Version}' libgraphblas-dev 2>/dev/null || echo '?')" || echo absent)"
  echo "order=$order"
} >"$work/machine.txt"

# ---- graphs ----------------------------------------------------------------------------------
# Degree-corrected stochastic block models (heavy-tailed degrees, blocks of 200, a quarter of the
# ties between blocks, vertex numbers shuffled): 200k/2M and 1M/10M, weighted.
medium=medium; large_preset=large; mid_nodes=200000; mid_edges=2000000; big_nodes=1000000; big_edges=10000000
er_nodes=10000; er_edges=50000; mid=dcsbm-200k; big=dcsbm-1m
if [[ $smoke == 1 ]]; then
  medium=small; large_preset=small; mid_nodes=20000; mid_edges=200000; big_nodes=50000; big_edges=500000
  er_nodes=2000; er_edges=10000; mid=dcsbm-20k; big=dcsbm-50k
fi

# ---- bandwidth and foundation (the foundation program also generates the case through the library)
: >"$work/stream.txt"
stream() {  # the STREAM triad on 1 and 2 threads, sampled several times during the run
  [[ -x "$stream_bin" ]] || return 0
  for t in 1 2; do
    "$stream_bin" --threads $t 2>>"$log" | sed "s/^/threads=$t,/" >>"$work/stream.txt" || true
  done
}
note "memory bandwidth (STREAM triad, 1 and 2 threads)"
stream
: >"$work/foundation.txt"
if [[ -x "$foundation_bin" ]]; then
  for preset in $(echo $medium $large_preset | tr ' ' '\n' | sort -u); do
    note "foundation benchmark ($preset preset)"
    echo "$foundation_bin --preset $preset --seed 1 --work $work/foundation-$preset" >>"$commands"
    "$foundation_bin" --preset "$preset" --seed 1 --work "$work/foundation-$preset" >>"$work/foundation.txt" 2>>"$log" \
      || note "foundation benchmark ($preset) failed (see $log)"
  done
fi

# Ingest by the command, in its own process: `corridor validate` reads the case the foundation
# program wrote (parse, intern, freeze, checks); its peak RSS against the frozen case's bytes is
# the ingest's memory overhead.
: >"$work/ingest.txt"
if [[ -x "$cli" && -f "$work/foundation-$large_preset/case/edges.csv" ]]; then
  note "corridor validate on the $large_preset case (ingest time and peak memory)"
  echo "$cli validate $work/foundation-$large_preset/case" >>"$commands"
  /usr/bin/time -f "validate,%e,%M" -o "$work/ingest.txt" "$cli" --quiet validate "$work/foundation-$large_preset/case" \
    >>"$log" 2>&1 || note "corridor validate on $large_preset failed (see $log)"
  echo "preset,$large_preset" >>"$work/ingest.txt"
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
for spec in "$mid:$mid_nodes:$mid_edges" "$big:$big_nodes:$big_edges"; do
  IFS=: read -r gname gnodes gedges <<<"$spec"
  if [[ ! -f "$work/$gname.txt" ]]; then
    note "degree-corrected block model $gnodes / $gedges (weighted, blocks of 200, mixing 0.25, exponent 2.5)"
    $py "$here/gen_graphs.py" dcsbm --nodes $gnodes --edges $gedges --block 200 --mixing 0.25 --exponent 2.5 \
      --weighted --seed 1 --out "$work/$gname.txt" --truth "$work/$gname.truth" --seeds-out "$work/$gname.seeds" 2>>"$log"
  fi
done
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
  jobs+=("case-$preset.txt|case-$preset|1|pagerank|corridor igraph graphblas graph-tool networkx|")
  jobs+=("case-$preset.txt|case-$preset|1|pagerank-l1|corridor|")
  jobs+=("case-$preset.txt|case-$preset|1|ppr|corridor igraph graphblas graph-tool|--seeds $work/case-$preset.seeds")
  jobs+=("case-$preset.txt|case-$preset|1|leiden|corridor igraph|")
  jobs+=("case-$preset.txt|case-$preset|1|components|corridor igraph|")
done
jobs+=("$mid.txt|$mid|1|pagerank|corridor igraph graphblas graph-tool|")
jobs+=("$mid.txt|$mid|1|pagerank-l1|corridor|")
jobs+=("$mid.txt|$mid|1|leiden|corridor igraph|")
jobs+=("$mid.txt|$mid|1|leiden|corridor-seq|")
jobs+=("$mid.txt|$mid|1|louvain|corridor igraph networkx|")
jobs+=("$mid.txt|$mid|1|louvain|corridor-seq|")
jobs+=("$mid.txt|$mid|1|labelprop|corridor igraph networkx|")
jobs+=("$mid.txt|$mid|1|labelprop|corridor-seq|")
jobs+=("$mid.txt|$mid|0|components|corridor igraph graph-tool networkx|")
jobs+=("$big.txt|$big|1|pagerank|corridor igraph graphblas graph-tool|")
jobs+=("$big.txt|$big|1|pagerank-l1|corridor|")
jobs+=("$big.txt|$big|1|pagerank-l1|corridor-input|")
jobs+=("$big.txt|$big|1|ppr|corridor igraph graphblas|--seeds $work/$big.seeds")
jobs+=("$big.txt|$big|1|leiden|corridor igraph|")
jobs+=("$big.txt|$big|1|leiden|corridor-seq|")
jobs+=("$big.txt|$big|1|louvain|corridor igraph|")
jobs+=("$big.txt|$big|1|louvain|corridor-seq|")
jobs+=("$big.txt|$big|1|labelprop|corridor igraph|")
jobs+=("$big.txt|$big|1|labelprop|corridor-seq|")
jobs+=("$big.txt|$big|0|components|corridor igraph|")
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
  # corridor renumbers its graph by --order while loading (part of load time, as a view would);
  # the corridor-input rows keep the file's numbering, to show what the order is worth.
  # The corridor-seq rows run the sequential schedule of the community methods (one block of
  # nodes at a time, the textbook method) on one thread, to set quality and time beside the
  # parallel schedule.
  local corder="--order $order"
  if [[ $runner == corridor-input-* ]]; then corder="--order input"; gname="$gname-input"; runner="${runner/-input/}"; fi
  if [[ $runner == corridor-seq-* ]]; then corder="$corder --schedule sequential"; gname="$gname-seq"; runner="${runner/-seq/}"; fi
  local out="$work/answers/$runner.$alg.$gname.txt"
  local reps=1
  [[ $runner == corridor-* || $runner == igraph || $runner == graphblas ]] && reps=$runs_per_round
  local args="--edges $work/$file $wflag --algorithm $alg --graph $gname --repeat $reps $common $extra"
  [[ $rep == 1 ]] && args="$args --out $out"
  local cmd threads=1 limit=""
  [[ $name == "$big" ]] && limit="timeout $igraph_timeout"
  case "$runner" in
    corridor-1) cmd="$bench --threads 1 $corder"; limit="" ;;
    corridor-2) cmd="$bench --threads 2 $corder"; threads=2; limit="" ;;
    igraph) [[ -x "$igraph_bin" ]] || return 0; cmd="$igraph_bin" ;;
    graphblas) [[ -x "$graphblas_bin" ]] || return 0; cmd="$graphblas_bin" ;;
    graph-tool) cmd="$py $here/peers.py --library graph-tool"; limit="timeout $peer_timeout" ;;
    networkx) cmd="$py $here/peers.py --library networkx"; limit="timeout $peer_timeout" ;;
  esac
  [[ $rep == 1 ]] && echo "$cmd $args" >>"$commands"
  local line rc=0
  line=$($limit $cmd $args 2>>"$log") || rc=$?
  local lib="${runner%-[12]}"
  if [[ $rc == 0 && -n "$line" ]]; then
    # One line per run (each program prints one per in-process repeat); the report keeps the minimum.
    while IFS= read -r one; do echo "$one,$rep,ok"; done <<<"$line" >>"$results"
  elif [[ $rc == 124 && -n "$line" ]]; then
    # The cap ended a process after some of its repeats: the runs that finished count.
    while IFS= read -r one; do echo "$one,$rep,ok"; done <<<"$line" >>"$results"
    timed_out["$runner|$alg|$name|$weighted"]=1
  elif [[ $rc == 124 ]]; then
    echo "$lib,$alg,$gname,$threads,,,,,$rep,timeout" >>"$results"
    timed_out["$runner|$alg|$name|$weighted"]=1
  elif [[ $rc == 3 || $rc == 4 ]]; then
    echo "$lib,$alg,$gname,$threads,,,,,$rep,n/a" >>"$results"
  else
    echo "$lib,$alg,$gname,$threads,,,,,$rep,failed" >>"$results"
    note "$runner $alg on $gname failed (exit $rc, see $log)"
  fi
}

# A peer run that hit its time cap is not repeated: another round would only spend the cap again
# (igraph's label propagation on the 1M graph alone cost 3 x 300 s).
declare -A timed_out=()

have_python_lib() { $py -W ignore -c "import ${1//-/_}" 2>/dev/null; }
peers_here=""
have_python_lib networkx && peers_here+=" networkx" || note "python3-networkx absent: NetworkX skipped"
have_python_lib graph-tool && peers_here+=" graph-tool" || note "python3-graph-tool absent: graph-tool skipped"
[[ -x "$igraph_bin" ]] || note "corridor-bench-igraph absent (libigraph-dev?): igraph skipped"
[[ -x "$graphblas_bin" ]] || note "corridor-bench-graphblas absent (libgraphblas-dev?): GraphBLAS skipped"

for ((rep = 1; rep <= repeat; ++rep)); do
  for job in "${jobs[@]}"; do
    IFS='|' read -r file name weighted alg libs extra <<<"$job"
    runners=()
    for lib in $libs; do
      case "$lib" in
        corridor) runners+=(corridor-1 corridor-2) ;;
        corridor-input) runners+=(corridor-input-1 corridor-input-2) ;;
        corridor-seq) runners+=(corridor-seq-1) ;;
        igraph) runners+=(igraph) ;;
        graphblas) runners+=(graphblas) ;;
        # The Python peers are reference points: one run each (they are slow), in the first round.
        graph-tool|networkx) [[ $rep == 1 && " $peers_here " == *" $lib "* ]] && runners+=("$lib") ;;
      esac
    done
    # Interleave: rotate the order each round so no library always runs on a warm or cold machine.
    count=${#runners[@]}
    for ((k = 0; k < count; ++k)); do
      runner="${runners[$(( (k + rep - 1) % count ))]}"
      [[ -n "${timed_out["$runner|$alg|$name|$weighted"]:-}" ]] && continue
      note "round $rep/$repeat: $runner $alg on $name$([[ $weighted == 1 ]] && echo ' (weighted)')"
      run_one "$runner" "$file" "$name" "$weighted" "$alg" "$extra" "$rep"
    done
  done
  note "memory bandwidth again (STREAM triad, 1 and 2 threads), round $rep"
  stream
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
# Ranking quality: average precision over varied, classic and holdout cases (the AP table).
rm -f "$work/ap.csv"
if [[ -x "$cli" ]]; then
  ap_cases=24
  [[ $smoke == 1 ]] && ap_cases=4
  note "ranking quality (AP) on $ap_cases varied, 8 classic and $ap_cases holdout cases"
  echo "$py $here/ap_table.py --corridor $cli --work $work/ap --cases $ap_cases --out $work/ap.csv" >>"$commands"
  $py "$here/ap_table.py" --corridor "$cli" --work "$work/ap" --cases "$ap_cases" --out "$work/ap.csv" 2>>"$log" \
    || note "AP table failed (see $log)"
fi
# The main job: `corridor analyze` on the large preset (small in a smoke run), run as often as a
# compiled library's runs (rounds x runs per round); the best run's time and progress lines are
# kept (they say where the time goes), and every run's wall time beside them.
: >"$work/analyze.txt"
analyze_case="$work/foundation-$large_preset/case"
if [[ -x "$cli" && -f "$analyze_case/edges.csv" ]] && "$cli" analyze --help >/dev/null 2>&1; then
  echo "$cli analyze $analyze_case --out $work/analyze-$large_preset" >>"$commands"
  analyze_runs=$((repeat * runs_per_round))
  walls=() best=""
  for ((r = 1; r <= analyze_runs; ++r)); do
    note "corridor analyze on the $large_preset case, run $r/$analyze_runs"
    rm -rf "${work:?}/analyze-$large_preset"
    if /usr/bin/time -f "analyze,%e,%M,%U,%S" -o "$work/analyze-run.txt" "$cli" analyze "$analyze_case" \
      --out "$work/analyze-$large_preset" >"$work/analyze-run-progress.txt" 2>&1; then
      wall=$(cut -d, -f2 "$work/analyze-run.txt")
      walls+=("$wall")
      if [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
        best=$wall
        cp "$work/analyze-run.txt" "$work/analyze.txt"
        cp "$work/analyze-run-progress.txt" "$work/analyze-progress.txt"
      fi
    else
      cp "$work/analyze-run-progress.txt" "$work/analyze-progress.txt"
      note "corridor analyze failed (see $work/analyze-progress.txt)"
      break
    fi
  done
  rm -f "$work/analyze-run.txt" "$work/analyze-run-progress.txt"
  echo "preset,$large_preset" >>"$work/analyze.txt"
  echo "runs,$(IFS=';'; echo "${walls[*]}")" >>"$work/analyze.txt"
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

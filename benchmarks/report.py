#!/usr/bin/python3
"""Turns the harness's work files into the table on stdout and benchmarks/RESULTS.md.

  report.py --work benchmarks/work --out benchmarks/RESULTS.md

Reads results.csv (one line per run), machine.txt, stream.txt, loads.txt, foundation.txt,
propagation.txt, analyze.txt, commands.txt, log.txt (the graph sizes corridor-bench prints) and
answers/ (each library's scores or membership from its first run), and reports the best time of
the repeats, ratios, the answers' agreement and which targets of the issues are met.
"""
import argparse
import collections
import csv
import json
import os
import re
import statistics
import sys

LIBS = ["corridor-1", "corridor-2", "igraph", "graphblas", "graph-tool", "networkx"]
SCORE_ALGS = {"pagerank", "pagerank-l1", "ppr", "betweenness", "betweenness-approx", "closeness"}
PARTITION_ALGS = {"leiden", "louvain", "labelprop"}


def read_kv(path):
    out = {}
    if os.path.exists(path):
        for line in open(path):
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                out[k] = v
    return out


def read_metrics(path):
    """Lines `scope,metric,value[,unit]` -> {(scope, metric): (value, unit)}."""
    out = {}
    if os.path.exists(path):
        for row in csv.reader(open(path)):
            if len(row) >= 3 and not row[0].startswith("#"):
                try:
                    out[(row[0], row[1])] = (float(row[2]), row[3] if len(row) > 3 else "")
                except ValueError:
                    pass
    return out


def load_answer(path):
    if not os.path.exists(path):
        return None
    vals = []
    for line in open(path):
        line = line.strip()
        if line:
            vals.append(float(line))
    return vals


def top_k_overlap(a, b, k=100):
    if a is None or b is None or len(a) != len(b) or not a:
        return None
    k = min(k, len(a))
    ta = set(sorted(range(len(a)), key=lambda i: (-a[i], i))[:k])
    tb = set(sorted(range(len(b)), key=lambda i: (-b[i], i))[:k])
    return len(ta & tb) / k


def fmt_s(x):
    if x is None:
        return "-"
    if isinstance(x, str):
        return x
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def fmt_mb(x):
    return f"{x:.0f}" if isinstance(x, float) else fmt_s(x)


def fmt_bytes(n):
    n = float(n)
    for unit, k in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= k:
            return f"{n / k:.3g} {unit}"
    return f"{n:.0f} B"


def score_column(path, name):
    """The named column of a result table by id."""
    out = {}
    if not os.path.exists(path):
        return out
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            out[row["id"]] = row.get(name, "")
    return out


def max_diff(a, b):
    if not a or not b or a.keys() != b.keys():
        return None
    worst = 0.0
    for k, x in a.items():
        y = b[k]
        if (x == "") != (y == ""):
            return float("inf")
        if x != "":
            worst = max(worst, abs(float(x) - float(y)))
    return worst


def mpi_table(w):
    """Rows of the corridor-mpi table from mpi.csv and the runs' --stats files."""
    path = f"{w}/mpi.csv"
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return []
    runs = [line.rstrip("\n").split(",") for line in open(path) if line.strip()]
    single = {}
    for r in runs:
        if r[2] == "0" and len(r) >= 5:
            single[(r[0], r[1])] = r
    rows = []
    for r in runs:
        preset, cmd, ranks = r[0], r[1], r[2]
        if ranks == "0" or len(r) < 6:
            continue
        wall, load, stats_path = r[3], r[5], r[6] if len(r) > 6 else ""
        st = read_kv_csv(stats_path)
        column = "score" if cmd == "propagate" else cmd if cmd == "pagerank" else "component"
        mine = score_column(f"{w}/answers/mpi-{cmd}-{preset}-{ranks}.csv", column)
        ref = (score_column(f"{w}/answers/single-{cmd}-{preset}.csv", column) if cmd != "components"
               else score_column(f"{w}/answers/mpi-{cmd}-{preset}-1.csv", column))
        d = max_diff(mine, ref)
        per_iter = st.get("per_iteration_bytes")
        per_iter_text = (f"{fmt_bytes(per_iter)} ({fmt_bytes(st.get('per_iteration_bytes_max_rank', 0))})"
                         if per_iter not in (None, "") else "")
        setup = st.get("setup_bytes")
        setup_text = (f"{fmt_bytes(setup)} ({fmt_bytes(st.get('setup_bytes_max_rank', 0))})"
                      if setup not in (None, "") else "")
        mem = st.get("peak_rss_mb_per_rank", "")
        mem_text = " / ".join(f"{float(m):.0f} MB" for m in mem.split()) if mem else ""
        srow = single.get((preset, cmd))
        if srow and len(srow) >= 5 and srow[3]:
            single_text = f" (single: {fmt_s(float(srow[3]))}, {float(srow[4]) / 1024:.0f} MB)"
        else:
            single_text = ""
        rows.append([preset, cmd, ranks, (fmt_s(float(wall.split(',')[0])) if wall else "failed") + single_text,
                     fmt_s(float(st["read_s"])) if "read_s" in st else "",
                     fmt_s(float(st["pairs_s"])) if "pairs_s" in st else "",
                     fmt_s(float(st["distribute_s"])) if "distribute_s" in st else "",
                     fmt_s(float(st["compute_s"])) if "compute_s" in st else "",
                     st.get("iterations", ""), per_iter_text, setup_text, mem_text,
                     "" if d is None else f"{d:.1e}", load])
    return rows


def read_kv_csv(path):
    out = {}
    if not path or not os.path.exists(path):
        return out
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            out[row["key"]] = row["value"]
    return out


def mpi_section(w, P, note=None):
    """The corridor-mpi section (nothing when there were no runs); `note` goes under its heading."""
    mpi_rows = mpi_table(w)
    if not mpi_rows:
        return
    P("## corridor-mpi: the case on 1 and 2 ranks (Parallel BGL over MPI)")
    P("")
    if note:
        P(note)
        P("")
    P("`mpirun -n N corridor-mpi COMMAND CASE` on this one machine (ranks share its cores and memory "
      "bandwidth, so 2 ranks show the cost of distribution, not a speed-up). Wall: mpirun's, start-up "
      "included; phases: the slowest rank's (read its share, gather each pair's evidence and build "
      "the ties by the library's rules, distribute the Parallel BGL graph, compute). Bytes: sent "
      "between ranks, all ranks together (the largest rank's in brackets). Single: the `corridor` "
      "command on the same case in the same run; max |diff|: the largest difference of a score "
      "(components: number) against it (against 1 rank for components).")
    P("")
    P("| case | command | ranks | wall | read | pairs | distribute | compute | iterations | bytes per iteration "
      "| setup bytes | peak memory per rank | max \\|diff\\| | load |")
    P("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in mpi_rows:
        P("| " + " | ".join(r) + " |")
    P("")


def splice_mpi_section(w, out):
    """Replaces (or adds, before the targets) the corridor-mpi section of an existing RESULTS.md,
    leaving every other section as the last full run wrote it."""
    machine = read_kv(f"{w}/machine.txt")
    note = (f"Measured on its own (`benchmarks/run.sh --mpi-only`, {machine.get('date', '?')}), not in the run "
            f"the other sections come from. **The machine was shared with other builds and test runs**: load "
            f"average {machine.get('load_before', '?')} before, {machine.get('load_after', '?')} after (1, 5, 15 "
            f"minutes; {machine.get('nproc', '?')} cores), so the times are inflated and say little; memory and "
            f"bytes sent do not depend on the load.")
    lines = []
    mpi_section(w, lines.append, note)
    if not lines:
        print("report.py: no corridor-mpi runs in", w, file=sys.stderr)
        return 1
    old = open(out).read().split("\n") if os.path.exists(out) else []
    start = next((i for i, l in enumerate(old) if l.startswith("## corridor-mpi")), None)
    if start is not None:
        end = next((i for i in range(start + 1, len(old)) if old[i].startswith("## ")), len(old))
    else:
        start = end = next((i for i, l in enumerate(old) if l.startswith("## Targets")), len(old))
    text = "\n".join(old[:start] + lines + old[end:])
    with open(out, "w") as f:
        f.write(text)
    print("\n".join(lines))
    print(f"written to {out}")
    return 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--work", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--mpi-only", action="store_true",
                   help="replace only the corridor-mpi section of an existing --out (run.sh --mpi-only)")
    a = p.parse_args()
    w = a.work
    if a.mpi_only:
        sys.exit(splice_mpi_section(w, a.out))
    machine = read_kv(f"{w}/machine.txt")
    # STREAM triad samples taken through the run, on 1 and 2 threads: the best of each, as STREAM
    # reports (older work folders have plain `triad_gb_s,X` lines: 1 thread).
    bw = {}
    if os.path.exists(f"{w}/stream.txt"):
        for line in open(f"{w}/stream.txt"):
            m = re.match(r"(?:threads=(\d+),)?triad_gb_s,([\d.]+)", line)
            if m:
                t = int(m.group(1) or 1)
                bw[t] = max(bw.get(t, 0.0), float(m.group(2)))
    bandwidth = bw.get(1)
    loads = []
    if os.path.exists(f"{w}/loads.txt"):
        for line in open(f"{w}/loads.txt"):
            try:
                loads.append(float(line))
            except ValueError:
                pass
    graph_info = {}
    order_s = {}
    capped_s = {}  # (alg, graph, threads) -> best time of the solve capped at one iteration
    read_s = {}    # (alg, graph, threads) -> best time of one gather-free pass over the CSR
    warm_s = {}      # (alg, graph, threads) -> best time of the full solve run again after the capped one
    first_sys = {}   # (alg, graph, threads) -> (time, kernel CPU time) of the fastest first full solve
    if os.path.exists(f"{w}/log.txt"):
        for line in open(f"{w}/log.txt"):
            m = re.match(r"# graph=(\S+) vertices=(\d+) arcs=(\d+) weighted=(\d) csr_bytes=(\d+)", line)
            if m:
                graph_info[m.group(1)] = dict(vertices=int(m.group(2)), arcs=int(m.group(3)),
                                              weighted=int(m.group(4)), csr_bytes=int(m.group(5)))
            m = re.match(r"# graph=(\S+) order=(\S+) order_s=([\d.]+)", line)
            if m:
                order_s.setdefault(m.group(1), []).append(float(m.group(3)))
            # corridor-bench times the PageRank solve three times per run: first (on fresh memory,
            # with its kernel CPU time), then capped at one iteration (= set-up + one iteration)
            # and whole again, both on memory touched before. The best capped and the best second
            # whole solve are kept per (algorithm, graph, threads) and set against each other
            # below: a difference taken within one run and then minimised would pick the run whose
            # capped solve happened to be slow.
            m = re.match(r"# graph=(\S+) algorithm=(\S+) threads=(\d+) first_s=([\d.]+) first_sys_s=([\d.]+) "
                         r"capped_s=([\d.]+) capped_sys_s=([\d.]+) warm_s=([\d.]+)", line)
            if m:
                k = (m.group(2), m.group(1), int(m.group(3)))
                first, sy, capped, warm = float(m.group(4)), float(m.group(5)), float(m.group(6)), float(m.group(8))
                if k not in first_sys or first < first_sys[k][0]:
                    first_sys[k] = (first, sy)
                capped_s[k] = min(capped, capped_s.get(k, capped))
                warm_s[k] = min(warm, warm_s.get(k, warm))
            # ... and one pass over the rows reading exactly the bytes the bound counts, no gather.
            m = re.match(r"# graph=(\S+) algorithm=(\S+) threads=(\d+) csr_read_s=([\d.]+)", line)
            if m:
                k = (m.group(2), m.group(1), int(m.group(3)))
                read_s[k] = min(float(m.group(4)), read_s.get(k, float(m.group(4))))

    runs = collections.defaultdict(list)  # (alg, graph, lib) -> rows
    order = []
    for row in csv.DictReader(open(f"{w}/results.csv")):
        lib = row["library"]
        if lib == "corridor":
            lib = f"corridor-{row['threads']}"
        key = (row["algorithm"], row["graph"])
        if key not in order:
            order.append(key)
        runs[key + (lib,)].append(row)

    def best(key, lib, field):
        """The minimum over the repeats: other processes only ever add time (peak RSS: the largest)."""
        rows = [r for r in runs.get(key + (lib,), []) if r["status"] == "ok" and r[field] != ""]
        if not rows:
            st = [r["status"] for r in runs.get(key + (lib,), [])]
            if "timeout" in st:
                cap = machine.get("igraph_timeout", "?") if lib in ("igraph", "graphblas") else machine.get("peer_timeout", "?")
                return f"> {cap} s"
            if "n/a" in st:
                return "n/a"
            if "failed" in st:
                return "failed"
            return None
        values = [float(r[field]) for r in rows]
        return max(values) if field == "peak_rss_mb" else min(values)

    def quality(key, lib):
        rows = [r for r in runs.get(key + (lib,), []) if r["status"] == "ok"]
        return rows[0]["quality"] if rows else ""

    def num(x):
        return x if isinstance(x, float) else None

    lines = []
    P = lines.append
    P("# Benchmark results")
    P("")
    P("Produced by `benchmarks/run.sh` (see benchmarks/README.md); regenerate rather than edit.")
    P("")
    P("## Machine")
    P("")
    for k in ["date", "nproc", "cpu", "memory_gb", "load_before", "load_after", "compiler", "corridor", "igraph",
              "graphblas", "networkx", "graph_tool", "repeat", "runs_per_round", "peer_timeout", "igraph_timeout", "order", "elapsed_s"]:
        if k in machine:
            P(f"- {k}: {machine[k]}")
    for t in sorted(bw):
        P(f"- memory bandwidth (STREAM triad, {t} thread{'s' if t > 1 else ''}, best of the samples): {bw[t]:.1f} GB/s")
    if loads:
        P(f"- load average (1 min) sampled at each step: median {statistics.median(loads):.2f}, max {max(loads):.2f}")
    P("")
    # Busy: someone else ran before we started (load > 1 with nothing of ours running), or the
    # load during the run exceeded what our own jobs make (at most one per core) by half a core.
    try:
        nproc = float(machine.get("nproc", "1"))
        before = float(machine.get("load_before", "0").split()[0])
        during = statistics.median(loads) if loads else 0.0
        busy = before > 1.0 or during > nproc + 0.5
    except ValueError:
        busy = False
    # Busy outside this machine: a virtual machine's load average does not see the host's other
    # guests, but the memory bandwidth does. On a quiet host two threads stream about twice what
    # one does (80.9 against 40.6 GB/s here); the best 2-thread sample of the whole run below 1.5
    # times the 1-thread one means the second core or the memory was shared all along.
    host_busy = 1 in bw and 2 in bw and bw[2] < 1.5 * bw[1]
    if busy:
        P(f"**Caution: the machine was busy** (load average {machine.get('load_before')} before, "
          f"median {during:.2f} during and {machine.get('load_after', '?')} after, on {machine.get('nproc')} cores: "
          "other processes ran at the same time). "
          "Every library ran under the same load, interleaved, so ratios between libraries stand, but absolute "
          "times are inflated, and the 2-thread speed-ups, the bandwidth figure and the PageRank-bound ratio "
          "measure the contention, not corridor. Rerun on a quiet machine for those.")
        P("")
    if host_busy:
        P(f"**Caution: the host was busy** (the best STREAM triad on 2 threads, {bw[2]:.1f} GB/s, is "
          f"{bw[2] / bw[1]:.2f} times the 1-thread one, {bw[1]:.1f} GB/s; about 2 on a quiet host): something "
          "outside this machine shared its cores or its memory during the run, which the load average does not "
          "show. Libraries ran interleaved, so ratios between them mostly stand, but absolute times, the 2-thread "
          "speed-ups and the PageRank-bound ratios measure the contention, not corridor. Rerun for those.")
        P("")
    P("Times are the best (minimum) of the repeats, in seconds: other processes can only add time; corridor,")
    P("igraph and GraphBLAS run equally often (rounds x runs per round), and a run the time cap stopped midway")
    P("keeps the repeats it finished. Compute")
    P("excludes load (reading the edge list and building the library's graph; for corridor also renumbering")
    P("it by the vertex order, as a view does). corridor runs with 1 and 2 OpenMP threads, igraph with 1")
    P("(it is serial), GraphBLAS with 1 thread, graph-tool with 1 OpenMP thread, NetworkX (pure Python) once")
    P("each with a time cap. Peak RSS is of the whole process (MiB). Speed-up = peer time / corridor 1-thread")
    P("time (> 1 means corridor is faster).")
    P("")
    P("## Algorithms")
    P("")
    P("| algorithm | graph | corridor 1t | corridor 2t | 2t speed-up | igraph | GraphBLAS | graph-tool | networkx | vs igraph | load corridor / igraph | peak RSS corridor / igraph (MiB) | quality corridor / igraph / others | top-100 overlap |")
    P("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    summary = {}
    for key in order:
        alg, graph = key
        # Peers have one PageRank; pagerank-l1 (corridor at igraph's accuracy) is set against it.
        # The -input rows (corridor on the file's numbering) and the -seq rows (the sequential
        # schedule of the community methods) are set against the same peers.
        peer_graph = re.sub(r"-(input|seq)$", "", graph)
        peer_key = ("pagerank" if alg == "pagerank-l1" else alg, peer_graph)
        t = {lib: best(key if lib.startswith("corridor") else peer_key, lib, "compute_s") for lib in LIBS}
        ld = {lib: best(key if lib.startswith("corridor") else peer_key, lib, "load_s") for lib in LIBS}
        rss = {lib: best(key if lib.startswith("corridor") else peer_key, lib, "peak_rss_mb") for lib in LIBS}
        c1, c2, ig = num(t["corridor-1"]), num(t["corridor-2"]), num(t["igraph"])
        sp2 = f"{c1 / c2:.2f}x" if c1 and c2 else "-"
        vs_ig = f"{ig / c1:.2f}x" if c1 and ig else "-"
        q = [quality(key if lib.startswith("corridor") else peer_key, lib) for lib in ["corridor-1", "igraph"]]
        others = [f"{lib} {quality(peer_key, lib)}" for lib in ["graphblas", "graph-tool", "networkx"] if quality(peer_key, lib)]
        qtext = " / ".join(x or "-" for x in q) + ("; " + ", ".join(others) if others else "")
        agree = ""
        if alg in SCORE_ALGS:
            base = load_answer(f"{w}/answers/corridor-1.{alg}.{graph}.txt")
            parts = []
            for lib in ["corridor-2", "igraph", "graphblas", "graph-tool", "networkx"]:
                peer_alg = alg if lib.startswith("corridor") else peer_key[0]
                peer_g = graph if lib.startswith("corridor") else peer_graph
                ov = top_k_overlap(base, load_answer(f"{w}/answers/{lib}.{peer_alg}.{peer_g}.txt"))
                if ov is not None:
                    parts.append(f"{lib} {ov:.2f}")
            agree = ", ".join(parts)
        elif alg in PARTITION_ALGS:
            base = load_answer(f"{w}/answers/corridor-1.{alg}.{graph}.txt")
            other = load_answer(f"{w}/answers/corridor-2.{alg}.{graph}.txt")
            if base is not None and other is not None:
                agree = "same partition on 2t" if base == other else "2t partition differs"
        summary[key] = dict(c1=c1, c2=c2, ig=ig, q=q, rss1=num(rss["corridor-1"]), rss_ig=num(rss["igraph"]),
                            gb=num(t["graphblas"]))
        P(f"| {alg} | {graph} | {fmt_s(t['corridor-1'])} | {fmt_s(t['corridor-2'])} | {sp2} | {fmt_s(t['igraph'])} | "
          f"{fmt_s(t['graphblas'])} | {fmt_s(t['graph-tool'])} | {fmt_s(t['networkx'])} | {vs_ig} | {fmt_s(ld['corridor-1'])} / {fmt_s(ld['igraph'])} | "
          f"{fmt_mb(rss['corridor-1'])} / {fmt_mb(rss['igraph'])} | {qtext} | {agree} |")
    P("")
    P("quality: modularity (resolution 1, one formula for every library) for partitions, iterations for")
    P("PageRank (corridor, graph-tool), number of components for components. `pagerank` stops corridor at an")
    P("L1 change below n x 1e-10 (networkx's rule, corridor's default); `pagerank-l1` at an L1 change below")
    P("1e-10, the accuracy PRPACK (igraph) solves to, so `pagerank-l1` is the like-for-like row against igraph")
    P("(its peer columns repeat the peers' single PageRank run).")
    P("Betweenness with `-w` uses the weights as lengths in every library. Rows ending in `-seq` run the community")
    P("methods' sequential schedule (one block of nodes at a time: the textbook method) on one thread; their")
    P("modularity beside the parallel rows' is what the parallel schedule costs in quality. Rows ending in `-input`")
    P("run corridor on the file's vertex numbering instead of the locality order.")
    P("")

    # PageRank against the bandwidth bound.
    P("## PageRank against the memory bound")
    P("")
    if bandwidth:
        bw2 = bw.get(2)
        P("Bound = the time to read the CSR once per iteration: (offsets 8(n+1) + targets 4m + weights 8m) bytes at")
        P(f"the STREAM triad bandwidth of the same run ({bandwidth:.1f} GB/s on 1 thread"
          + (f", {bw2:.1f} GB/s on 2" if bw2 else "") + "). Time per iteration = (full solve - the same solve capped")
        P("at one iteration) / (iterations - 1), each the best of its runs: the iterations alone. The solver's one-off set-up")
        P("(out-strengths, vectors, single-precision weights when used) is the capped solve minus one iteration, in")
        P("its own column (a row without it falls back to compute time / iterations). Weights: `double` reads the graph's")
        P("8-byte weights; `float` reads 4-byte transition weights, which corridor uses only when n x tolerance leaves")
        P("room for their rounding (see PageRank's documentation); `unit` reads none. Rows ending in -input run on")
        P("the file's vertex numbering instead of the locality order. CSR read = one pass over the rows reading the")
        P("bytes the bound counts and nothing else (no gather, no vector written; corridor-bench, best of 5 passes")
        P("per run, best of the runs): what a pass over rows reaches on this machine, beside what the triad")
        P("promises; `/ read` is the time per iteration over it. `2t speed-up` = per iteration 1t / per iteration 2t:")
        P("the iterations alone, beside the whole solve's speed-up in the algorithms table, which also counts the")
        P("set-up. The algorithms table times the first solve of each run, on fresh memory; the capped solve and")
        P("the full one it is subtracted from run after it, on memory touched before, so that first touches do not")
        P("land in the per-iteration figure. `first solve` gives the first solve's time and, in brackets, its kernel")
        P("CPU time (page faults; all threads), the fastest run's: on this virtual machine, which hands freed memory")
        P("back to its host, touching such memory again can cost the kernel more than the solve's arithmetic.")
        P("")
        P("| graph | rows | weights | iterations | set-up 1t | per iteration 1t | bound 1t | ratio 1t | CSR read 1t | / read 1t | set-up 2t | per iteration 2t | 2t speed-up | bound 2t | ratio 2t | CSR read 2t | first solve 1t / 2t |")
        P("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for key in order:
            alg, graph = key
            if alg not in ("pagerank", "pagerank-l1", "ppr") or graph not in graph_info:
                continue
            c1, c2 = summary[key]["c1"], summary[key]["c2"]
            it = summary[key]["q"][0]
            if not c1 or not it:
                continue
            info = graph_info[graph]
            n = info["vertices"]
            tol = 1e-10 if alg != "pagerank-l1" else 1e-10 / max(n, 1)
            if not info["weighted"]:
                kind = "unit"
            else:
                # compact_fits_budget in src/centrality/spectral.cpp, at damping 0.85
                kind = "float" if n * tol >= 32 * 0.85 * 2.0 ** -24 else "double"
            def iteration_alone(threads, compute):
                """(time per iteration, set-up): (best second full solve - best capped) / (iterations - 1),
                or compute / iterations (set-up unknown) without those times or a usable difference."""
                capped, iters = capped_s.get((alg, graph, threads)), float(it)
                compute = warm_s.get((alg, graph, threads), compute)
                if capped is None or iters < 2 or compute <= capped:
                    return compute / iters, None
                per_it = (compute - capped) / (iters - 1)
                return per_it, max(0.0, capped - per_it)
            per, setup = iteration_alone(1, c1)
            bound = info["csr_bytes"] / (bandwidth * 1e9)
            summary[key]["bound_ratio"] = per / bound
            read1, read2 = read_s.get((alg, graph, 1)), read_s.get((alg, graph, 2))
            read_cells = (f"{read1 * 1e3:.2f} ms ({read1 / bound:.2f}x the bound) | {per / read1:.2f}x"
                          if read1 else "- | -")
            def setup_cell(value):
                return f"{value * 1e3:.1f} ms" if value is not None else "-"
            def first_cell(threads):
                f = first_sys.get((alg, graph, threads))
                return f"{f[0] * 1e3:.0f} ms ({f[1] * 1e3:.0f} ms kernel)" if f else "-"
            cells2 = "- | - | - | - | - | -"
            if c2 and bw2:
                per2, setup2 = iteration_alone(2, c2)
                bound2 = info["csr_bytes"] / (bw2 * 1e9)
                summary[key]["bound_ratio2"] = per2 / bound2
                summary[key]["iteration_speedup2"] = per / per2
                cells2 = (f"{setup_cell(setup2)} | {per2 * 1e3:.2f} ms | {per / per2:.2f}x | {bound2 * 1e3:.2f} ms | "
                          f"{per2 / bound2:.2f}x | " + (f"{read2 * 1e3:.2f} ms" if read2 else "-"))
            P(f"| {graph} | {alg} | {kind} | {it} | {setup_cell(setup)} | {per * 1e3:.2f} ms | {bound * 1e3:.2f} ms | "
              f"{per / bound:.2f}x | {read_cells} | {cells2} | {first_cell(1)} / {first_cell(2)} |")
        if order_s:
            P("")
            P("Renumbering by the vertex order (part of corridor's load time above), best of the runs: " +
              ", ".join(f"{g} {min(v):.3f} s" for g, v in order_s.items()) + ".")
    else:
        P("No bandwidth figure (corridor-stream missing).")
    P("")

    # Foundation.
    found = read_metrics(f"{w}/foundation.txt")
    if found:
        P("## Foundation: ingest, snapshots, memory")
        P("")
        P("| preset | metric | value |")
        P("|---|---|---|")
        for (scope, metric), (value, unit) in found.items():
            P(f"| {scope} | {metric} | {value:g} {unit} |")
        P("")
    prop = read_metrics(f"{w}/propagation.txt")
    if prop:
        P("## Propagation timing (the AP table is the propagation module's)")
        P("")
        P("| case | metric | value |")
        P("|---|---|---|")
        for (scope, metric), (value, unit) in prop.items():
            P(f"| {scope} | {metric} | {value:g} {unit} |")
        P("")
        if bandwidth:
            for scope in sorted({k[0] for k in prop}):
                it_s, csr = prop.get((scope, "walk_iteration_s")), prop.get((scope, "walk_csr_bytes"))
                if it_s and csr:
                    bound = csr[0] / (bandwidth * 1e9)
                    prop[(scope, "walk_bound_ratio")] = (it_s[0] / bound, "x")
                    setup = prop.get((scope, "walk_setup_s"))
                    P(f"Propagation walk on {scope}, 1 thread: {it_s[0] * 1e3:.2f} ms per iteration ("
                      + (f"the set-up apart: {setup[0] * 1e3:.1f} ms, from the same propagation capped at one iteration"
                         if setup else "set-up included") + ") against "
                      f"{bound * 1e3:.2f} ms to read its CSR once ({csr[0] / 1e6:.1f} MB at {bandwidth:.1f} GB/s): "
                      f"{it_s[0] / bound:.2f}x the bound.")
            P("")
    if os.path.exists(f"{w}/ap.csv"):
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import ap_table  # the AP table's layout lives beside the script that measures it
        lines.extend(ap_table.render(f"{w}/ap.csv"))
    # Ingest by the command in its own process: wall time and peak RSS against the frozen case.
    ingest = {}
    if os.path.exists(f"{w}/ingest.txt"):
        for line in open(f"{w}/ingest.txt"):
            f = line.strip().split(",")
            if f[0] == "validate" and len(f) >= 3:
                ingest.update(wall=float(f[1]), peak_mb=float(f[2]) / 1024.0)
            elif f[0] == "preset" and len(f) == 2:
                ingest["preset"] = f[1]
    if ingest.get("wall") is not None:
        scope = ingest.get("preset", "?")
        csv_b = found.get((scope, "csv_bytes")) if found else None
        bpe, ev = (found.get((scope, "case_bytes_per_evidence")), found.get((scope, "evidence"))) if found else (None, None)
        P(f"## Ingest by the command ({scope} preset)")
        P("")
        line = f"`corridor validate` (read, intern, freeze, every check) took {ingest['wall']:.2f} s"
        if csv_b:
            ingest["mb_per_s"] = csv_b[0] / 1e6 / ingest["wall"]
            line += f" for {csv_b[0] / 1e6:.1f} MB of CSV ({ingest['mb_per_s']:.0f} MB/s, process start and checks included)"
        line += f"; peak RSS {ingest['peak_mb']:.0f} MiB"
        if bpe and ev:
            frozen_mb = bpe[0] * ev[0] / 1048576.0
            ingest["ratio"] = ingest["peak_mb"] / frozen_mb
            line += f", {ingest['ratio']:.2f}x the frozen case ({frozen_mb:.0f} MiB)"
        P(line + ".")
        P("")
    analyze = {}
    if os.path.exists(f"{w}/analyze.txt"):
        for line in open(f"{w}/analyze.txt"):
            f = line.strip().split(",")
            if f[0] == "analyze" and len(f) >= 3:
                analyze.update(wall=float(f[1]), peak_mb=float(f[2]) / 1024.0)
                if len(f) >= 5:
                    analyze.update(user=float(f[3]), sys=float(f[4]))
            elif f[0] == "preset" and len(f) == 2:
                analyze["preset"] = f[1]
            elif f[0] == "runs" and len(f) == 2 and f[1]:
                analyze["runs"] = [float(x) for x in f[1].split(";")]
    if analyze.get("wall") is not None:
        P(f"## corridor analyze ({analyze.get('preset', '?')} preset)")
        P("")
        runs = analyze.get("runs", [])
        of = (f"the best of {len(runs)} runs (wall " + ", ".join(f"{x:.1f}" for x in runs) + " s); ") if len(runs) > 1 else ""
        P(f"Wall {analyze['wall']:.1f} s, {of}CPU {analyze.get('user', 0) + analyze.get('sys', 0):.1f} s "
          f"(2 threads), peak RSS {analyze['peak_mb']:.0f} MiB. Its progress lines (time since start, stage):")
        P("")
        P("```")
        if os.path.exists(f"{w}/analyze-progress.txt"):
            P(open(f"{w}/analyze-progress.txt").read().strip())
        P("```")
        P("")

    if os.path.exists(f"{w}/analyze-hub.txt"):
        # "analyze-hub,<wall s>,<peak KB>" from /usr/bin/time; phases from the report's manifest
        fields = open(f"{w}/analyze-hub.txt").read().strip().splitlines()[-1].split(",")
        P("## corridor analyze on a hub (one smuggler tied to every migrant)")
        P("")
        try:
            m = json.load(open(f"{w}/analyze-hub/manifest.json"))
            P(f"{m['counts']['nodes']} nodes, {m['counts']['evidence']} pieces of evidence; "
              f"wall {fields[1]} s, peak RSS {int(fields[2]) / 1024:.0f} MB.")
            P("")
            # What was approximated to stay near-linear, as the report itself states it.
            par = m.get("parameters", {})
            P(f"Approximations: betweenness {par.get('betweenness', '?')}; closeness {par.get('closeness', '?')}; "
              "brokerage (constraint, effective size, Gould-Fernandez roles) exact, in time summed over ties "
              "of the smaller end's degree times a log, not quadratic in the hub's degree.")
            P("")
            P("| phase | seconds |")
            P("|---|---|")
            for phase, sec in m["timings_seconds"].items():
                P(f"| {phase} | {sec:.2f} |")
        except (OSError, ValueError, KeyError, IndexError):
            P("```")
            P(",".join(fields))
            P("```")
        P("")

    mpi_section(w, P)

    pages = []
    if os.path.exists(f"{w}/page.csv"):
        for line in open(f"{w}/page.csv"):
            f = line.strip().split(",")
            if len(f) == 7:
                pages.append((f[0], int(f[1]), float(f[2]), float(f[3]), float(f[4]), int(f[5]), int(f[6])))
    if pages:
        P("## The report page in headless chromium")
        P("")
        P("report.html of `corridor analyze` opened from disk in Debian's chromium (headless, software "
          "rendering, 1400 x 1000). Interactive: from navigation start to the first frame after the view "
          "is drawn and wired (median of the repeats); search: a lead's id typed and Enter until its "
          "panel shows; filter: one community chosen until the view has changed. Under load these times "
          "are inflated.")
        P("")
        P("| case | page | interactive | search | filter | nodes / ties in the view |")
        P("|---|---|---|---|---|---|")
        for name, size, ready, search, filt, nodes, ties in pages:
            P(f"| {name} | {size / 1e6:.1f} MB | {ready / 1000:.2f} s | {search:.0f} ms | {filt:.0f} ms | "
              f"{nodes:,} / {ties:,} |")
        P("")

    # Targets.
    P("## Targets")
    P("")

    def check(label, ok, detail):
        mark = "met" if ok else ("not met" if ok is not None else "not measured")
        P(f"- {label}: **{mark}** ({detail})")

    def find(alg, graph_prefix):
        for key in order:
            if key[0] == alg and key[1].startswith(graph_prefix):
                return key, summary[key]
        return None, None

    for alg, graph, factor in [("pagerank-l1", "dcsbm-200k", 3), ("pagerank-l1", "case", 3), ("betweenness", "er", 2),
                               ("betweenness", "er-w", 2), ("leiden", "dcsbm-200k", 2), ("louvain", "dcsbm-200k", 2),
                               ("labelprop", "dcsbm-200k", 10), ("leiden", "dcsbm-1m", 5), ("leiden", "dcsbm-200k", 5)]:
        key, s = find(alg, graph)
        if not s:
            check(f"{alg} on {graph} >= {factor}x igraph", None, "no data")
            continue
        if alg == "betweenness" and graph == "er" and key[1] != "er":
            key, s = ("betweenness", "er"), summary.get(("betweenness", "er"))
        if s and s["c1"] and s["ig"]:
            ok = s["ig"] / s["c1"] >= factor
            detail = f"{s['ig'] / s['c1']:.2f}x on {key[1]}"
            if alg in PARTITION_ALGS:
                try:
                    qc, qi = float(s["q"][0]), float(s["q"][1])
                    slack = 0.002 if alg != "labelprop" else 0.0
                    okq = qc >= qi - slack
                    detail += f"; modularity {qc:.4f} vs {qi:.4f} ({'ok' if okq else 'lower'})"
                    ok = ok and okq
                except ValueError:
                    pass
            check(f"{alg} >= {factor}x igraph, 1 thread ({key[1]})", ok, detail)
        else:
            check(f"{alg} on {graph} >= {factor}x igraph", None, "missing run")
    # Issue 17: the second core.
    for alg, graph, factor in [("pagerank", "dcsbm-1m-w", 1.7), ("pagerank-l1", "dcsbm-1m-w", 1.7),
                               ("ppr", "dcsbm-1m-w", 1.7), ("betweenness", "er", 1.7),
                               ("leiden", "dcsbm-1m-w", 1.6), ("louvain", "dcsbm-1m-w", 1.6),
                               ("labelprop", "dcsbm-1m-w", 1.6), ("components", "dcsbm-1m", 1.6),
                               ("leiden", "dcsbm-200k-w", 1.6), ("louvain", "dcsbm-200k-w", 1.6),
                               ("labelprop", "dcsbm-200k-w", 1.6), ("components", "dcsbm-200k", 1.6)]:
        s = summary.get((alg, graph))
        if s and s["c1"] and s["c2"]:
            check(f"{alg} on {graph}: 2 threads >= {factor}x 1 thread", s["c1"] / s["c2"] >= factor, f"{s['c1'] / s['c2']:.2f}x")
        else:
            check(f"{alg} on {graph}: 2 threads >= {factor}x 1 thread", None, "no data")
    # The same, per iteration (the set-up apart; see the bound table).
    for alg in ("pagerank", "pagerank-l1", "ppr"):
        s = summary.get((alg, "dcsbm-1m-w"))
        label = f"{alg} on dcsbm-1m-w, per iteration: 2 threads >= 1.7x 1 thread"
        if s and "iteration_speedup2" in s:
            check(label, s["iteration_speedup2"] >= 1.7, f"{s['iteration_speedup2']:.2f}x")
        else:
            check(label, None, "no data")
    for key in order:
        s = summary[key]
        if "bound_ratio" in s and key[0] in ("pagerank", "pagerank-l1") and key[1].startswith("dcsbm-1m") \
                and not key[1].endswith("-input"):
            check(f"{key[0]} time per iteration within 2x of the CSR-read bound, 1 thread ({key[1]})",
                  s["bound_ratio"] <= 2.0, f"{s['bound_ratio']:.2f}x")
    s = summary.get(("pagerank", "dcsbm-1m-w"))
    if s and s.get("rss1") and s.get("rss_ig"):
        check("PageRank run peak memory at or below igraph's (dcsbm-1m-w)", s["rss1"] <= s["rss_ig"],
              f"{s['rss1']:.0f} MiB vs {s['rss_ig']:.0f} MiB")
    gb = [k for k in order if summary[k].get("gb")]
    check("GraphBLAS peer measured beside igraph", bool(gb) or None,
          ", ".join(f"{k[0]} on {k[1]}" for k in gb) if gb else "corridor-bench-graphblas absent")
    if analyze.get("wall") is not None and analyze.get("preset") == "large":
        check("corridor analyze on the large preset within 30 s", analyze["wall"] <= 30.0, f"{analyze['wall']:.1f} s")
    for scope in sorted({k[0] for k in found}):
        mbs = found.get((scope, "csv_ingest_mb_per_s"))
        if mbs:
            check(f"CSV ingest >= 200 MB/s, 1 thread ({scope})", mbs[0] >= 200, f"{mbs[0]:.1f} MB/s")
        sp = found.get((scope, "snapshot_load_speedup"))
        if sp:
            check(f"snapshot load >= 10x faster than CSV ({scope})", sp[0] >= 10, f"{sp[0]:.1f}x")
        bpe = found.get((scope, "case_bytes_per_evidence"))
        if bpe:
            check(f"<= 48 bytes per edge ({scope})", bpe[0] <= 48, f"{bpe[0]:.1f} B")
    if ingest.get("ratio") is not None:
        check(f"CSV ingest peak memory <= 1.5x the frozen case ({ingest.get('preset', '?')}, corridor validate)",
              ingest["ratio"] <= 1.5, f"{ingest['ratio']:.2f}x")
    for scope in sorted({k[0] for k in prop}):
        wr = prop.get((scope, "walk_bound_ratio"))
        if wr:
            check(f"propagation walk within 2x of the CSR-read bound per iteration, 1 thread ({scope})", wr[0] <= 2.0,
                  f"{wr[0]:.2f}x" + ("" if prop.get((scope, "walk_setup_s")) else ", set-up included"))
        r = prop.get((scope, "propagate_over_pagerank"))
        if r:
            check(f"propagation <= 1.5x PageRank on the same graph ({scope})", r[0] <= 1.5, f"{r[0]:.2f}x")
        e = prop.get((scope, "explain_top1000_s"))
        if e:
            check(f"explanations for the top 1,000 in < 1 s ({scope})", e[0] < 1.0, f"{e[0]:.2f} s")
    for name, size, ready, *_ in pages:
        if name in ("medium", "large"):
            check(f"report page of the {name} preset under 15 MB", size < 15e6, f"{size / 1e6:.1f} MB")
            check(f"report page of the {name} preset interactive within 3 s", ready < 3000, f"{ready / 1000:.2f} s")
    P("")
    P("## Commands")
    P("")
    P("```")
    if os.path.exists(f"{w}/commands.txt"):
        seen = []
        for line in open(f"{w}/commands.txt"):
            root = os.path.dirname(os.path.dirname(os.path.abspath(a.out)))
            line = line.strip().replace(root + "/", "")
            if line and line not in seen:
                seen.append(line)
        P("\n".join(seen))
    P("```")
    text = "\n".join(lines) + "\n"
    with open(a.out, "w") as f:
        f.write(text)
    # The table on stdout: the algorithms section and the targets.
    show = False
    for line in lines:
        if line.startswith("## Algorithms") or line.startswith("## PageRank") or line.startswith("## Foundation") \
                or line.startswith("## Propagation") or line.startswith("## Targets"):
            show = True
        elif line.startswith("## Commands"):
            show = False
        if show:
            print(line)
    print(f"\nwritten to {a.out}")


if __name__ == "__main__":
    main()

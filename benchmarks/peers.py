#!/usr/bin/python3
"""NetworkX and graph-tool peers of corridor-bench: same command line, same CSV line.

  peers.py --library networkx|graph-tool --edges FILE [--weighted] [--directed]
           --algorithm pagerank|ppr|betweenness|closeness|louvain|labelprop|components
           [--repeat R] [--seeds FILE] [--graph NAME] [--out FILE]

prints `library,algorithm,graph,threads,load_s,compute_s,peak_rss_mb,quality` per repeat.
load_s covers parsing the file with numpy and building the library's graph; compute_s the
algorithm alone. Quality of partitions is modularity (resolution 1) computed by one numpy
formula for every library. Both run on one thread (graph-tool's OpenMP is set to 1).
Exit status 3 means "this library has no such algorithm" (graph-tool has no modularity method;
networkx 2.8 has no Leiden); the harness shows it as n/a.
"""
import argparse
import resource
import sys
import time
import warnings

import numpy as np


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def read_edges(path, weighted):
    with open(path, "rb") as f:
        data = f.read()
    if b"#" in data or b"%" in data:
        data = b"\n".join(ln for ln in data.split(b"\n") if not ln.startswith((b"#", b"%")))
    data = data.replace(b",", b" ").strip()
    first = data.split(b"\n", 1)[0]
    cols = len(first.split()) if data else 2
    # np.fromstring with a separator parses text in C, far faster than a Python loop.
    arr = np.fromstring(data.decode(), sep=" ").reshape(-1, cols)
    u = arr[:, 0].astype(np.int64)
    v = arr[:, 1].astype(np.int64)
    w = arr[:, 2] if (weighted and cols > 2) else np.ones(len(u))
    n = int(max(u.max(), v.max()) + 1) if len(u) else 0
    return n, u, v, w


def modularity(n, u, v, w, membership):
    """Newman modularity, resolution 1, undirected, of a membership array (self-loops absent)."""
    membership = np.asarray(membership)
    two_m = 2.0 * w.sum()
    strength = np.bincount(u, weights=w, minlength=n) + np.bincount(v, weights=w, minlength=n)
    same = membership[u] == membership[v]
    internal = 2.0 * w[same].sum()
    tot = np.bincount(membership, weights=strength)
    return internal / two_m - float(((tot / two_m) ** 2).sum())


class Unsupported(Exception):
    pass


def run_networkx(a, n, u, v, w, seeds):
    import networkx as nx

    t0 = time.perf_counter()
    G = nx.DiGraph() if a.directed else nx.Graph()
    G.add_nodes_from(range(n))
    G.add_weighted_edges_from(zip(u.tolist(), v.tolist(), w.tolist()))
    load = time.perf_counter() - t0
    weight = "weight" if a.weighted else None
    alg = a.algorithm
    t1 = time.perf_counter()
    scores = labels = None
    quality = ""
    if alg in ("pagerank", "ppr"):
        pers = None
        if alg == "ppr":
            pers = {s: 1.0 for s in seeds}
        d = nx.pagerank(G, alpha=a.damping, tol=a.tolerance, max_iter=1000, weight=weight, personalization=pers)
        scores = [d[i] for i in range(n)]
    elif alg == "betweenness":
        d = nx.betweenness_centrality(G, weight=weight, normalized=True)
        scores = [d[i] for i in range(n)]
    elif alg == "closeness":
        d = nx.closeness_centrality(G, distance=weight)
        scores = [d[i] for i in range(n)]
    elif alg == "louvain":
        comms = nx.community.louvain_communities(G, weight=weight, resolution=a.resolution, seed=a.seed)
        labels = np.empty(n, dtype=np.int64)
        for i, c in enumerate(comms):
            labels[list(c)] = i
    elif alg == "labelprop":
        comms = nx.community.asyn_lpa_communities(G, weight=weight, seed=a.seed)
        labels = np.empty(n, dtype=np.int64)
        for i, c in enumerate(comms):
            labels[list(c)] = i
    elif alg == "components":
        comps = nx.weakly_connected_components(G) if a.directed else nx.connected_components(G)
        labels = np.empty(n, dtype=np.int64)
        k = 0
        for k, c in enumerate(comps, 1):
            labels[list(c)] = k - 1
        quality = str(k)
    else:
        raise Unsupported(alg)
    compute = time.perf_counter() - t1
    return load, compute, scores, labels, quality


def run_graph_tool(a, n, u, v, w, seeds):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import graph_tool.all as gt
    gt.openmp_set_num_threads(1)
    alg = a.algorithm
    if alg in ("louvain", "labelprop", "leiden", "betweenness-approx"):
        raise Unsupported(alg)
    t0 = time.perf_counter()
    g = gt.Graph(directed=a.directed)
    g.add_vertex(n)
    wp = g.new_edge_property("double")
    g.add_edge_list(np.column_stack([u, v, w]), eprops=[wp])
    load = time.perf_counter() - t0
    weight = wp if a.weighted else None
    t1 = time.perf_counter()
    scores = labels = None
    quality = ""
    if alg in ("pagerank", "ppr"):
        pers = None
        if alg == "ppr":
            pers = g.new_vertex_property("double")
            for s in seeds:
                pers.a[s] += 1.0 / len(seeds)
        pr, iters = gt.pagerank(g, damping=a.damping, pers=pers, weight=weight, epsilon=a.tolerance,
                                max_iter=0, ret_iter=True)
        scores = pr.a.copy()
        quality = str(iters)
    elif alg == "betweenness":
        vb, _ = gt.betweenness(g, weight=weight, norm=True)
        scores = vb.a.copy()
    elif alg == "closeness":
        c = gt.closeness(g, weight=weight, norm=True)
        scores = np.nan_to_num(c.a.copy())
    elif alg == "components":
        comp, hist = gt.label_components(g, directed=False)
        labels = comp.a.copy()
        quality = str(len(hist))
    else:
        raise Unsupported(alg)
    compute = time.perf_counter() - t1
    return load, compute, scores, labels, quality


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--library", required=True, choices=["networkx", "graph-tool"])
    p.add_argument("--edges", required=True)
    p.add_argument("--algorithm", required=True)
    p.add_argument("--weighted", action="store_true")
    p.add_argument("--directed", action="store_true")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--seeds")
    p.add_argument("--graph")
    p.add_argument("--out")
    p.add_argument("--damping", type=float, default=0.85)
    p.add_argument("--tolerance", type=float, default=1e-10)
    p.add_argument("--resolution", type=float, default=1.0)
    p.add_argument("--iterations", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--epsilon", type=float)
    p.add_argument("--delta", type=float)
    a = p.parse_args()
    name = a.graph or a.edges.rsplit("/", 1)[-1].split(".")[0]
    try:
        if a.library == "networkx":
            import networkx  # noqa: F401
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                import graph_tool  # noqa: F401
    except ImportError:
        print(f"peers.py: {a.library} is not installed (Debian: python3-{a.library})", file=sys.stderr)
        return 4
    run = run_networkx if a.library == "networkx" else run_graph_tool
    for rep in range(a.repeat):
        t0 = time.perf_counter()
        n, u, v, w = read_edges(a.edges, a.weighted)
        seeds = []
        if a.seeds:
            seeds = [int(x.split()[0]) for x in open(a.seeds) if x.strip()]
        parse = time.perf_counter() - t0
        try:
            load, compute, scores, labels, quality = run(a, n, u, v, w, seeds)
        except Unsupported as e:
            print(f"peers.py: {a.library} has no {e}", file=sys.stderr)
            return 3
        if labels is not None and a.algorithm != "components":
            quality = "%.6f" % modularity(n, u, v, w, labels)
        print(f"{a.library},{a.algorithm},{name},1,{parse + load:.4f},{compute:.4f},{peak_rss_mb():.1f},{quality}",
              flush=True)
        if rep == 0 and a.out:
            with open(a.out, "w") as f:
                vals = scores if scores is not None else labels
                f.write("\n".join(("%.17g" % x) if scores is not None else str(int(x)) for x in vals) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

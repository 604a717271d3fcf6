#!/usr/bin/python3
"""Writes the harness's plain edge lists (`u v w` lines, 0-based ids, each undirected edge once,
no self-loops, no duplicates) so that every library reads the very same simple graph.

  gen_graphs.py sbm --nodes 200000 --edges 2000000 --block 200 --mixing 0.25 --seed 1 --out sbm.txt
  gen_graphs.py dcsbm --nodes 1000000 --edges 10000000 --block 200 --mixing 0.25 --seed 1 --out big.txt
  gen_graphs.py random --nodes 10000 --edges 50000 --seed 1 --out er.txt
  gen_graphs.py case DIR --out case.txt [--seeds-out seeds.txt]
  gen_graphs.py hubcase --degree 1000000 --seed 1 --out DIR

`hubcase` writes a corridor case folder around one smuggler tied to --degree migrants (smuggled,
half of them also paid), beside a ring of 40 smugglers tied to an armed group, 10 origin
countries, and a few migrants also moved by ring members (so the hub's neighbourhood holds some
triangles): the shape that made brokerage quadratic in the largest degree.

`case` reads a corridor case folder (nodes.csv, edges.csv): every node becomes a vertex in file
order; an edge weighs weight x confidence (1 when absent), parallel evidence is summed.
Random choices come from numpy's seeded generator, so a seed always gives the same file.
"""
import argparse
import csv
import sys

import numpy as np


def write_edges(path, u, v, w, target=None, rng=None):
    lo = np.minimum(u, v)
    hi = np.maximum(u, v)
    keep = lo != hi
    lo, hi, w = lo[keep], hi[keep], w[keep]
    key = lo.astype(np.int64) * (1 << 32) + hi.astype(np.int64)
    order = np.argsort(key, kind="stable")
    key, w = key[order], w[order]
    uniq, start = np.unique(key, return_index=True)
    wsum = np.add.reduceat(w, start) if len(w) else w
    if target is not None and len(uniq) > target:
        pick = np.sort(rng.choice(len(uniq), target, replace=False))
        uniq, wsum = uniq[pick], wsum[pick]
    lo = (uniq >> 32).astype(np.int64)
    hi = (uniq & 0xFFFFFFFF).astype(np.int64)
    with open(path, "w") as f:
        # Formatted blocks are much faster than a line at a time; chunks bound the memory.
        step = 1 << 20
        for s in range(0, len(lo), step):
            a, b, c = lo[s:s + step], hi[s:s + step], wsum[s:s + step]
            lines = np.char.add(np.char.add(a.astype(str), " "), np.char.add(b.astype(str), " "))
            ws = np.char.mod("%.6g", c)
            f.write("\n".join(np.char.add(lines, ws).tolist()))
            f.write("\n")
    return len(uniq)


def cmd_sbm(a):
    rng = np.random.default_rng(a.seed)
    n, block = a.nodes, a.block
    m = int(a.edges * 1.06)  # duplicates and self-loops are merged away, then cut to size
    u = rng.integers(0, n, m)
    inside = rng.random(m) >= a.mixing
    bu = u // block
    lo = bu * block
    hi = np.minimum(lo + block, n)
    v_in = lo + (rng.random(m) * (hi - lo)).astype(np.int64)
    v_out = rng.integers(0, n, m)
    v = np.where(inside, v_in, v_out)
    w = rng.uniform(0.5, 1.5, m) if a.weighted else np.ones(m)
    k = write_edges(a.out, u, v, w, a.edges, rng)
    if a.truth:
        np.savetxt(a.truth, np.arange(n) // block, fmt="%d")
    print(f"sbm: {n} vertices, {k} edges, blocks of {block}, mixing {a.mixing}", file=sys.stderr)


def cmd_dcsbm(a):
    """Degree-corrected SBM (Karrer & Newman 2011): each vertex has a propensity theta drawn from
    a power law (exponent --exponent, so degrees are heavy-tailed as in real networks); an edge
    picks its first end proportionally to theta, and its second proportionally to theta inside
    the first end's block (probability 1 - mixing) or in the whole graph. Vertex ids are then
    shuffled, so the file's order carries no community or degree information (as in real data:
    a library that wants locality must find it)."""
    rng = np.random.default_rng(a.seed)
    n, block = a.nodes, a.block
    theta = (1.0 - rng.random(n)) ** (-1.0 / (a.exponent - 1.0))  # Pareto, minimum 1
    theta = np.minimum(theta, np.sqrt(n))  # no vertex expects more than ~sqrt(2m) ties
    cum = np.cumsum(theta)
    total = cum[-1]
    perm = rng.permutation(n)
    us, vs, have = [], [], 0
    while have < a.edges:
        m = int((a.edges - have) * 1.15) + 1000
        u = np.searchsorted(cum, rng.random(m) * total, side="right")
        u = np.minimum(u, n - 1)
        inside = rng.random(m) >= a.mixing
        lo = (u // block) * block
        hi = np.minimum(lo + block, n)
        base = np.where(lo > 0, cum[lo - 1], 0.0)
        r_in = base + rng.random(m) * (cum[hi - 1] - base)
        r_out = rng.random(m) * total
        v = np.searchsorted(cum, np.where(inside, r_in, r_out), side="right")
        v = np.minimum(v, n - 1)
        us.append(u)
        vs.append(v)
        uu, vv = np.concatenate(us), np.concatenate(vs)
        lo2, hi2 = np.minimum(uu, vv), np.maximum(uu, vv)
        key = lo2[lo2 != hi2].astype(np.int64) * (1 << 32) + hi2[lo2 != hi2]
        have = len(np.unique(key))
    u, v = np.concatenate(us), np.concatenate(vs)
    w = rng.uniform(0.5, 1.5, len(u)) if a.weighted else np.ones(len(u))
    k = write_edges(a.out, perm[u], perm[v], w, a.edges, rng)
    if a.truth:
        truth = np.empty(n, dtype=np.int64)
        truth[perm] = np.arange(n) // block
        np.savetxt(a.truth, truth, fmt="%d")
    if a.seeds_out:
        # Ten seeds for personalised PageRank, from a generator of their own (the graph stays the
        # same with or without them).
        seeds = np.random.default_rng(a.seed + 1).choice(n, 10, replace=False)
        np.savetxt(a.seeds_out, np.sort(seeds), fmt="%d")
    print(f"dcsbm: {n} vertices, {k} edges, blocks of {block}, mixing {a.mixing}, exponent {a.exponent}",
          file=sys.stderr)


def cmd_random(a):
    rng = np.random.default_rng(a.seed)
    m = int(a.edges * 1.01) + 10
    u = rng.integers(0, a.nodes, m)
    v = rng.integers(0, a.nodes, m)
    w = rng.uniform(0.5, 1.5, m) if a.weighted else np.ones(m)
    k = write_edges(a.out, u, v, w, a.edges, rng)
    print(f"random: {a.nodes} vertices, {k} edges", file=sys.stderr)


def cmd_case(a):
    csv.field_size_limit(1 << 24)
    index = {}
    with open(f"{a.folder}/nodes.csv", newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            index[row["id"]] = len(index)
    us, vs, ws = [], [], []
    with open(f"{a.folder}/edges.csv", newline="", encoding="utf-8-sig") as f:
        r = csv.DictReader(f)
        has_w = "weight" in r.fieldnames
        has_c = "confidence" in r.fieldnames
        for row in r:
            us.append(index[row["source"]])
            vs.append(index[row["target"]])
            w = float(row["weight"]) if has_w and row["weight"] else 1.0
            if has_c and row["confidence"]:
                w *= float(row["confidence"])
            ws.append(w if w > 0 else 1e-6)
    k = write_edges(a.out, np.array(us), np.array(vs), np.array(ws))
    if a.seeds_out:
        seeds = []
        try:
            with open(f"{a.folder}/seeds.csv", newline="", encoding="utf-8-sig") as f:
                seeds = [index[row["id"]] for row in csv.DictReader(f) if row["id"] in index]
        except FileNotFoundError:
            pass
        if not seeds:
            seeds = list(np.random.default_rng(1).integers(0, len(index), 10))
        with open(a.seeds_out, "w") as f:
            f.write("\n".join(str(s) for s in seeds) + "\n")
    print(f"case {a.folder}: {len(index)} vertices, {k} edges", file=sys.stderr)


def cmd_hubcase(a):
    import os
    rng = np.random.default_rng(a.seed)
    d = a.degree
    os.makedirs(a.out, exist_ok=True)
    ring = [f"S{i:03d}" for i in range(40)]
    countries = [f"C{i:02d}" for i in range(10)]
    with open(os.path.join(a.out, "nodes.csv"), "w") as f:
        f.write("id,kind,label,role,country\n")
        f.write("O-1,organization,Armed group,armed_group,\n")
        f.write("S-HUB,smuggler,Hub smuggler,driver,\n")
        for s_ in ring:
            f.write(f"{s_},smuggler,,organizer,\n")
        for c in countries:
            f.write(f"{c},country,,,{c}\n")
        origin = rng.integers(0, len(countries), d)
        f.write("".join(f"M{i:07d},migrant,,,C{origin[i]:02d}\n" for i in range(d)))
    with open(os.path.join(a.out, "edges.csv"), "w") as f:
        f.write("source,target,relation,grade,time\n")
        for i, s_ in enumerate(ring):
            f.write(f"{s_},{ring[(i + 1) % len(ring)]},communicated,B2,2021-05-01\n")
            if i < 8:
                f.write(f"{s_},O-1,member_of,B2,2021-05-01\n")
            f.write(f"S-HUB,{s_},communicated,C3,2021-06-01\n")
        day = rng.integers(1, 28, d)
        f.write("".join(f"S-HUB,M{i:07d},smuggled,B2,2022-03-{day[i]:02d}\n" for i in range(d)))
        f.write("".join(f"M{i:07d},S-HUB,paid,C3,2022-03-{day[i]:02d}\n" for i in range(0, d, 2)))
        f.write("".join(f"M{i:07d},C{origin[i]:02d},originates_from,B1,2022-01-01\n" for i in range(0, d, 10)))
        also = rng.choice(d, min(d, max(1, d // 100)), replace=False)
        f.write("".join(f"{ring[i % len(ring)]},M{m:07d},smuggled,C3,2022-04-01\n" for i, m in enumerate(also)))
    with open(os.path.join(a.out, "seeds.csv"), "w") as f:
        f.write("id,confidence,note\nO-1,1,the armed group\nS000,0.9,known member\n")
    print(f"hubcase {a.out}: a smuggler with {d} migrants", file=sys.stderr)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sbm")
    s.add_argument("--nodes", type=int, default=200000)
    s.add_argument("--edges", type=int, default=2000000)
    s.add_argument("--block", type=int, default=200)
    s.add_argument("--mixing", type=float, default=0.25)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--weighted", action="store_true")
    s.add_argument("--truth")
    s.add_argument("--out", required=True)
    d = sub.add_parser("dcsbm")
    d.add_argument("--nodes", type=int, default=1000000)
    d.add_argument("--edges", type=int, default=10000000)
    d.add_argument("--block", type=int, default=200)
    d.add_argument("--mixing", type=float, default=0.25)
    d.add_argument("--exponent", type=float, default=2.5)
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--weighted", action="store_true")
    d.add_argument("--truth")
    d.add_argument("--seeds-out")
    d.add_argument("--out", required=True)
    r = sub.add_parser("random")
    r.add_argument("--nodes", type=int, default=10000)
    r.add_argument("--edges", type=int, default=50000)
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--weighted", action="store_true")
    r.add_argument("--out", required=True)
    c = sub.add_parser("case")
    c.add_argument("folder")
    c.add_argument("--out", required=True)
    c.add_argument("--seeds-out")
    h = sub.add_parser("hubcase")
    h.add_argument("--degree", type=int, default=1000000)
    h.add_argument("--seed", type=int, default=1)
    h.add_argument("--out", required=True)
    a = p.parse_args()
    {"sbm": cmd_sbm, "dcsbm": cmd_dcsbm, "random": cmd_random, "case": cmd_case, "hubcase": cmd_hubcase}[a.cmd](a)


if __name__ == "__main__":
    main()

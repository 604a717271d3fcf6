#!/usr/bin/python3
"""Writes the harness's plain edge lists (`u v w` lines, 0-based ids, each undirected edge once,
no self-loops, no duplicates) so that every library reads the very same simple graph.

  gen_graphs.py sbm --nodes 200000 --edges 2000000 --block 200 --mixing 0.25 --seed 1 --out sbm.txt
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
        # One formatted block is much faster than a line at a time.
        lines = np.char.add(np.char.add(lo.astype(str), " "), np.char.add(hi.astype(str), " "))
        ws = np.char.mod("%.6g", wsum)
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
    {"sbm": cmd_sbm, "random": cmd_random, "case": cmd_case, "hubcase": cmd_hubcase}[a.cmd](a)


if __name__ == "__main__":
    main()

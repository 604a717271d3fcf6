#!/usr/bin/env python3
"""Loads every corridor export in the tools analysts use and compares it with the case.

For each case given (the sample case and tests/data/exchange/tricky-case, whose labels hold quotes,
commas, newlines and non-ASCII text), the script runs `corridor export` (with results) and
`corridor convert` (the case alone) into GraphML, GEXF 1.3 and 1.2, node-link JSON and DOT, then:

  - networkx (Debian's 2.8): read_graphml, read_gexf (1.2; networkx 2.x knows no GEXF 1.3),
    node_link_graph with its default arguments;
  - networkx 3.x, when --networkx3 names a networkx 3.x source tree (not in Debian 12): the same,
    with read_gexf on GEXF 1.3 and node_link_graph's 3.x defaults;
  - python-igraph: Graph.Read_GraphML, and Graph.DictList on the node-link JSON;
  - xmllint: GraphML and GEXF are well-formed UTF-8;
  - graphviz: dot -Tsvg renders the DOT export;

and compares node and edge counts, directions and attributes with the case as corridor's CSV
writer gives it (`corridor convert CASE folder`), read here with Python's csv module. The
direction of each relation is the documented one (README: communicated, coordinated and
associated are undirected, every other built-in relation is directed; relations.csv may add
more). Exit code 0 when every check passed, 1 otherwise (each failure printed).
"""
import argparse
import csv
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

UNDIRECTED_BUILTINS = {"communicated", "coordinated", "associated"}
RESULT_COLUMNS = ["score", "rank", "top_seed", "community", "degree", "betweenness", "pagerank", "closeness"]
CONTEXT_KINDS = {"country", "location"}

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what, flush=True)
    return ok


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise SystemExit(f"command failed ({r.returncode}): {' '.join(cmd)}\n{r.stderr}")
    return r


class Case:
    """The case as corridor's CSV writer gives it: the ground truth of every comparison."""

    def __init__(self, folder):
        def rows(name):
            path = os.path.join(folder, name)
            if not os.path.exists(path):
                return []
            with open(path, newline="", encoding="utf-8") as f:
                return list(csv.DictReader(f))

        self.nodes = {r["id"]: r for r in rows("nodes.csv")}
        self.edges = rows("edges.csv")
        self.undirected = set(UNDIRECTED_BUILTINS)
        for r in rows("relations.csv"):
            (self.undirected.add if r["directed"].lower() in ("false", "no", "0") else self.undirected.discard)(r["name"])

    def directed(self, relation):
        return relation not in self.undirected

    def edge_keys(self):
        """Multiset of (source, target, relation, directed, weight, grade, time, source_ref)."""
        out = []
        for e in self.edges:
            out.append((e["source"], e["target"], e["relation"], self.directed(e["relation"]),
                        float(e.get("weight") or 1), e.get("grade") or "", e.get("time") or "",
                        e.get("source_ref") or ""))
        return sorted(out)


def attempt(tool, read, *args, **kw):
    """A reader's result, or None (a failure) when it raises: "opens without error" is a check too."""
    try:
        return read(*args, **kw)
    except Exception as e:  # noqa: BLE001 - any reader error is the finding
        check(False, f"{tool}: {type(e).__name__}: {e}")
        return None


def edge_key(s, t, d):
    return (s, t, d.get("relation"), bool(d.get("directed")), float(d.get("weight", 1.0)),
            d.get("grade") or "", d.get("time") or "", d.get("source_ref") or "")


def close(a, b):
    return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-12)


def compare_nx(tool, g, case, results, label_default_id=False):
    """A networkx MultiDiGraph against the case."""
    if g is None:
        return
    check(g.is_directed() and g.is_multigraph(), f"{tool}: a directed multigraph ({type(g).__name__})")
    check(g.number_of_nodes() == len(case.nodes), f"{tool}: {g.number_of_nodes()} nodes, expected {len(case.nodes)}")
    check(g.number_of_edges() == len(case.edges), f"{tool}: {g.number_of_edges()} edges, expected {len(case.edges)}")
    for nid, row in case.nodes.items():
        if not check(nid in g, f"{tool}: node {nid!r} missing"):
            continue
        d = g.nodes[nid]
        check(d.get("kind") == row["kind"], f"{tool}: {nid!r} kind {d.get('kind')!r}, expected {row['kind']!r}")
        label = row.get("label") or ""
        want = label if label or not label_default_id else nid
        check((d.get("label") or "") == want, f"{tool}: {nid!r} label {d.get('label')!r}, expected {want!r}")
        for col in ("role", "country", "alias"):
            if row.get(col):
                check(d.get(col) == row[col], f"{tool}: {nid!r} {col} {d.get(col)!r}, expected {row[col]!r}")
        if results:
            actor = row["kind"] not in CONTEXT_KINDS
            for col in ("community", "degree", "pagerank", "betweenness"):
                check((col in d) == actor, f"{tool}: {nid!r} ({row['kind']}) has {col}: {col in d}")
            if actor:
                check(isinstance(d["community"], int), f"{tool}: {nid!r} community is {type(d['community']).__name__}")
                check(0.0 <= float(d["score"]) <= 1.0, f"{tool}: {nid!r} score {d.get('score')!r} in [0,1]")
    got = sorted(edge_key(s, t, d) for s, t, d in g.edges(data=True))
    want = case.edge_keys()
    check(len(got) == len(want) and all(a[:4] == b[:4] and close(a[4], b[4]) and a[5:] == b[5:]
                                        for a, b in zip(got, want)),
          f"{tool}: edges (source, target, relation, directed, weight, grade, time, source_ref) differ; "
          f"first difference {next(((a, b) for a, b in zip(got, want) if a != b), None)}")
    for d in (d for _, _, d in g.edges(data=True)):
        check(isinstance(d.get("directed"), bool), f"{tool}: edge attribute directed is {d.get('directed')!r}")
        break


def check_gexf_extras(tool, g, case):
    """Spells carry evidence dates; viz carries colour and size; edge label is the relation."""
    if g is None:
        return
    dated = sorted(e["time"] for e in case.edges if e.get("time"))
    spells = sorted(d["spells"][0][0] for _, _, d in g.edges(data=True) if d.get("spells"))
    check(spells == dated, f"{tool}: spells {spells[:3]}... differ from evidence dates {dated[:3]}...")
    check(all("viz" in d and "color" in d["viz"] and "size" in d["viz"] for _, d in g.nodes(data=True)),
          f"{tool}: every node has viz colour and size")
    check(all(d.get("label") == d.get("relation") for _, _, d in g.edges(data=True)),
          f"{tool}: edge label is the relation")


def check_networkx(nx, tool, files, case):
    for results, key in ((True, "results"), (False, "plain")):
        f = files[key]
        compare_nx(f"{tool} read_graphml ({key})", attempt(tool, nx.read_graphml, f["graphml"]), case, results)
        with open(f["json"], encoding="utf-8") as fh:
            data = json.load(fh)
        compare_nx(f"{tool} node_link_graph ({key})", attempt(tool, nx.node_link_graph, data), case, results)
        major = int(nx.__version__.split(".")[0])
        gexf = f["gexf13"] if major >= 3 else f["gexf12"]
        g = attempt(tool, nx.read_gexf, gexf)
        compare_nx(f"{tool} read_gexf {'1.3' if major >= 3 else '1.2'} ({key})", g, case, results,
                   label_default_id=True)
        check_gexf_extras(f"{tool} read_gexf ({key})", g, case)
        if major >= 3:
            # The 1.2draft file reads in 3.x too.
            compare_nx(f"{tool} read_gexf 1.2 ({key})", attempt(tool, nx.read_gexf, f["gexf12"]), case, results,
                       label_default_id=True)


def check_igraph(ig, files, case):
    for results, key in ((True, "results"), (False, "plain")):
        f = files[key]
        tool = f"igraph Read_GraphML ({key})"
        g = attempt(tool, ig.Graph.Read_GraphML, f["graphml"])
        if g is None:
            continue
        check(g.is_directed(), f"{tool}: directed")
        check(g.vcount() == len(case.nodes), f"{tool}: {g.vcount()} vertices, expected {len(case.nodes)}")
        check(g.ecount() == len(case.edges), f"{tool}: {g.ecount()} edges, expected {len(case.edges)}")
        ids = g.vs["id"]
        check(sorted(ids) == sorted(case.nodes), f"{tool}: vertex ids differ")
        for v in g.vs:
            row = case.nodes[v["id"]]
            check(v["kind"] == row["kind"], f"{tool}: {v['id']!r} kind {v['kind']!r}")
            check(v["label"] == (row.get("label") or ""), f"{tool}: {v['id']!r} label {v['label']!r}")
        got = sorted((ids[e.source], ids[e.target], e["relation"], bool(e["directed"]), float(e["weight"]),
                      e["grade"] or "", e["time"] or "", e["source_ref"] or "") for e in g.es)
        want = case.edge_keys()
        check(len(got) == len(want) and all(a[:4] == b[:4] and close(a[4], b[4]) and a[5:] == b[5:]
                                            for a, b in zip(got, want)),
              f"{tool}: edges differ; first difference {next(((a, b) for a, b in zip(got, want) if a != b), None)}")
        # An undirected relation keeps its meaning: the attribute says so.
        for e in g.es:
            check(bool(e["directed"]) == case.directed(e["relation"]),
                  f"{tool}: relation {e['relation']} directed={e['directed']}")
        if results:
            for v in g.vs:
                actor = case.nodes[v["id"]]["kind"] not in CONTEXT_KINDS
                check(math.isnan(v["pagerank"]) != actor, f"{tool}: {v['id']!r} pagerank {v['pagerank']!r}")
        with open(f["json"], encoding="utf-8") as fh:
            data = json.load(fh)
        tool = f"igraph DictList on node-link JSON ({key})"
        g = ig.Graph.DictList(data["nodes"], data["edges"], directed=True, vertex_name_attr="id",
                              edge_foreign_keys=("source", "target"))
        check(g.vcount() == len(case.nodes) and g.ecount() == len(case.edges), f"{tool}: counts")
        check(sorted(g.vs["label"]) == sorted((r.get("label") or "") for r in case.nodes.values()), f"{tool}: labels")
        check(sorted(g.es["directed"]) == sorted(case.directed(e["relation"]) for e in case.edges), f"{tool}: directed")


def check_tools(files, case, name):
    xmllint = shutil.which("xmllint")
    for key in ("results", "plain"):
        f = files[key]
        if xmllint:
            for fmt in ("graphml", "gexf13", "gexf12"):
                r = subprocess.run([xmllint, "--noout", f[fmt]], capture_output=True, text=True)
                check(r.returncode == 0, f"xmllint {f[fmt]}: {r.stderr.strip()[:300]}")
    dot = shutil.which("dot")
    if dot:
        out = files["results"]["dot"] + ".svg"
        r = subprocess.run([dot, "-Tsvg", files["results"]["dot"], "-o", out], capture_output=True, text=True,
                           timeout=300)
        check(r.returncode == 0 and os.path.getsize(out) > 0, f"dot -Tsvg {name}: {r.stderr.strip()[:300]}")
        shown = [i for i, row in case.nodes.items() if row["kind"] not in CONTEXT_KINDS]
        with open(out, encoding="utf-8") as fh:
            svg = fh.read()
        drawn = svg.count('class="node"')
        check(drawn == len(shown), f"dot -Tsvg {name}: {drawn} nodes drawn, expected {len(shown)} "
              "(countries and locations left out)")
    else:
        print("note: graphviz (dot) not found; DOT rendering not checked")


def export_all(corridor, case_dir, work):
    files = {}
    for key, extra in (("results", []), ("plain", ["--no-results"])):
        f = files[key] = {}
        for fmt, ext, more in (("graphml", "graphml", []), ("gexf13", "gexf", []),
                               ("gexf12", "gexf", ["--gexf-version", "1.2"]), ("json", "json", []),
                               ("dot", "dot", [])):
            path = os.path.join(work, f"{key}-{fmt}.{ext}")
            run([corridor, "-q", "export", case_dir, "-o", path] + extra + more)
            f[fmt] = path
    canon = os.path.join(work, "canonical")
    run([corridor, "-q", "convert", case_dir, canon])
    return files, Case(canon)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corridor", required=True, help="the corridor command")
    ap.add_argument("--work", help="scratch folder (default: a temporary one)")
    ap.add_argument("--networkx3", default=os.environ.get("CORRIDOR_NETWORKX3_PATH"),
                    help="a networkx 3.x source tree to check with as well")
    ap.add_argument("cases", nargs="+", help="case folders")
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="corridor-exchange-")
    os.makedirs(work, exist_ok=True)

    import networkx as nx
    import igraph as ig
    print(f"networkx {nx.__version__}, python-igraph {ig.__version__}")
    for case_dir in args.cases:
        name = os.path.basename(os.path.normpath(case_dir))
        cw = os.path.join(work, name)
        shutil.rmtree(cw, ignore_errors=True)
        os.makedirs(cw)
        files, case = export_all(args.corridor, case_dir, cw)
        print(f"{name}: {len(case.nodes)} nodes, {len(case.edges)} pieces of evidence")
        check_networkx(nx, f"networkx {nx.__version__}", files, case)
        check_igraph(ig, files, case)
        check_tools(files, case, name)
        if args.networkx3:
            # A separate interpreter, so the 3.x package replaces Debian's 2.8 on its path.
            env = dict(os.environ, PYTHONPATH=args.networkx3)
            r = subprocess.run([sys.executable, __file__, "--nx3-worker", json.dumps(files), cw],
                               env=env, capture_output=True, text=True)
            print(r.stdout, end="")
            check(r.returncode == 0, f"networkx 3.x checks of {name}: {r.stderr.strip()[-500:]}")
        else:
            print("note: no --networkx3 source tree given; networkx 3.x readers not run")
    if failures:
        print(f"{len(failures)} checks failed")
        return 1
    print("all exports load with the same counts, directions and attributes")
    return 0


def nx3_worker(files_json, case_work):
    import networkx as nx
    if int(nx.__version__.split(".")[0]) < 3:
        print(f"FAIL: expected networkx 3.x on PYTHONPATH, found {nx.__version__}")
        return 1
    case = Case(os.path.join(case_work, "canonical"))
    check_networkx(nx, f"networkx {nx.__version__}", json.loads(files_json), case)
    print(f"networkx {nx.__version__}: {'ok' if not failures else f'{len(failures)} failures'}")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--nx3-worker":
        sys.exit(nx3_worker(sys.argv[2], sys.argv[3]))
    sys.exit(main())

#!/usr/bin/python3
"""Ranking quality (average precision) of the propagation methods over many cases of varied shapes.

Three sets of cases, each with planted affiliates (truth.csv), scored with `corridor evaluate`
(average precision over the non-seed ranking, recall and innocents within the review budget of
twice the hidden affiliates), each method beside the naive baseline (untyped personalized
PageRank):

  varied   `corridor generate --preset small --varied --seed 1..N`: structure drawn per seed
           (organization not a seed or absent, volumes, busy business contacts, innocent callers
           of the seeds, D-F rumours, affiliated travellers, 1-8 individual seeds);
  classic  `corridor generate --preset small --seed 1..8`: the shape the methods were developed
           on (organization O-1 a seed), for continuity with earlier figures;
  holdout  benchmarks/holdout_cases.py: cases written from the issue's description only, by
           different code; the methods are never tuned against them.

Writes one CSV row per (set, case, method) to --out; report.py turns it into the AP table.

    /usr/bin/python3 benchmarks/ap_table.py --corridor build/corridor --work /tmp/ap --out /tmp/ap/ap.csv
"""
import argparse
import csv
import os
import subprocess
import sys

METHODS = ["ppr_degree", "ppr", "spread"]  # the default method (PropagationParams) first
HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def evaluate(corridor, folder, method):
    out = run([corridor, "evaluate", folder, "--method", method, "--truth", os.path.join(folder, "truth.csv")])
    row = {}
    for line in out.splitlines():
        for key, label in (("ap", "average precision"), ("recall", "recall within budget"),
                           ("countries", "countries/locations within budget"),
                           ("migrants", "innocent migrants within budget")):
            if line.startswith(label):
                a, b = line[len(label):].split()
                row[key], row["naive_" + key] = a, b
    return row


def shape(folder):
    """A short description of a case's shape: organization node, seeds, volumes."""
    with open(os.path.join(folder, "nodes.csv")) as f:
        kinds = {r["id"]: r["kind"] for r in csv.DictReader(f)}
    with open(os.path.join(folder, "seeds.csv")) as f:
        seeds = [r["id"] for r in csv.DictReader(f)]
    orgs_seeded = [s for s in seeds if kinds.get(s) == "organization"]
    groups = [i for i, k in kinds.items() if k == "organization"]
    with open(os.path.join(folder, "edges.csv")) as f:
        rows = csv.DictReader(f)
        volumes = "weight" in (rows.fieldnames or []) and any(r.get("weight") not in ("", "1", None) for r in rows)
    org = "organization a seed" if orgs_seeded else ("organization not a seed" if groups else "no organization")
    people = len(seeds) - len(orgs_seeded)
    return "%s, %d known %s%s" % (org, people, "person" if people == 1 else "persons", ", volumes" if volumes else "")


def render(path):
    """The AP table (markdown lines) from the CSV main() writes."""
    rows = list(csv.DictReader(open(path)))
    out = []
    P = out.append
    P("## Ranking quality: average precision (AP table)")
    P("")
    P("`benchmarks/ap_table.py` (run by run.sh): `corridor evaluate` on each case, review budget twice "
      "the hidden affiliates. varied: `corridor generate --preset small --varied --seed 1..N` (structure "
      "drawn per seed); classic: the shape the methods were developed on (organization a seed); "
      "holdout: `benchmarks/holdout_cases.py`, written from the issue's description only, never "
      "tuned against. naive = untyped personalized PageRank over everything. %s is the default method." % METHODS[0])
    P("")
    P("| cases | n | " + " | ".join(METHODS) + " | naive | worst case (%s) | innocent migrants in budget (%s) |"
      % (METHODS[0], "/".join(METHODS)))
    P("|---|---|" + "---|" * len(METHODS) + "---|---|---|")
    for name in ("varied", "classic", "holdout"):
        sel = [r for r in rows if r["set"] == name]
        if not sel:
            continue
        cases = sorted({r["case"] for r in sel})
        means = []
        for m in METHODS:
            aps = [float(r["ap"]) for r in sel if r["method"] == m]
            means.append("%.3f" % (sum(aps) / len(aps)))
        naive = [float(r["naive_ap"]) for r in sel if r["method"] == METHODS[0]]
        first = [float(r["ap"]) for r in sel if r["method"] == METHODS[0]]
        migrants = "/".join(str(sum(int(r["innocent_migrants"]) for r in sel if r["method"] == m)) for m in METHODS)
        P("| %s | %d | %s | %.3f | %.3f | %s |" % (name, len(cases), " | ".join(means), sum(naive) / len(naive),
                                                 min(first), migrants))
    P("")
    P("Per case (AP of each method; naive beside):")
    P("")
    P("| case | shape | " + " | ".join(METHODS) + " | naive |")
    P("|---|---|" + "---|" * len(METHODS) + "---|")
    for name in ("varied", "holdout"):
        for case in sorted({r["case"] for r in rows if r["set"] == name}):
            sel = {r["method"]: r for r in rows if r["set"] == name and r["case"] == case}
            first = sel[METHODS[0]]
            P("| %s | %s | %s | %s |" % (case, first["shape"], " | ".join(sel[m]["ap"] for m in METHODS),
                                         first["naive_ap"]))
    P("")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corridor", required=True, help="the corridor command")
    ap.add_argument("--work", required=True, help="folder for the generated cases")
    ap.add_argument("--out", required=True, help="CSV to write")
    ap.add_argument("--cases", type=int, default=24, help="varied and holdout cases (default 24)")
    ap.add_argument("--classic", type=int, default=8, help="classic cases (default 8)")
    ap.add_argument("--print", action="store_true", help="print the markdown table of --out (no run)")
    a = ap.parse_args()
    if a.print:
        print("\n".join(render(a.out)))
        return

    sets = []
    for s in range(1, a.cases + 1):
        d = os.path.join(a.work, "varied", "v%02d" % s)
        run([a.corridor, "--quiet", "generate", "--preset", "small", "--varied", "--seed", str(s), "--out", d])
        sets.append(("varied", "v%02d" % s, d))
    for s in range(1, a.classic + 1):
        d = os.path.join(a.work, "classic", "c%02d" % s)
        run([a.corridor, "--quiet", "generate", "--preset", "small", "--seed", str(s), "--out", d])
        sets.append(("classic", "c%02d" % s, d))
    holdout = os.path.join(a.work, "holdout")
    run([sys.executable, os.path.join(HERE, "holdout_cases.py"), "--out", holdout, "--cases", str(a.cases), "--seed", "1"])
    for i in range(1, a.cases + 1):
        sets.append(("holdout", "h%02d" % i, os.path.join(holdout, "h%02d" % i)))

    with open(a.out, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["set", "case", "shape", "method", "ap", "naive_ap", "recall", "naive_recall",
                    "innocent_migrants", "naive_innocent_migrants", "countries", "naive_countries"])
        for name, case, folder in sets:
            desc = shape(folder)
            for m in METHODS:
                r = evaluate(a.corridor, folder, m)
                w.writerow([name, case, desc, m, r["ap"], r["naive_ap"], r["recall"], r["naive_recall"],
                            r["migrants"], r["naive_migrants"], r["countries"], r["naive_countries"]])


if __name__ == "__main__":
    main()

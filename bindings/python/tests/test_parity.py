"""The command and Python give identical results for every measure and option on one case.

Both front ends translate their options into the library's specs (corridor/spec) and its results
into tables, so a request made either way must give the same numbers, bit for bit: the command
writes each number in the shortest text that reads back to the same double, so float(text) must
equal Python's value exactly. Each row of a table below is one request, as command-line arguments
and as Python keywords; add a row when a front end gains an option.

The case is the synthetic sample case (examples/data/sample-case).
"""
import csv
import io
import math
import os
import subprocess

import numpy as np
import pytest

import corridor

SOURCE = os.environ.get("CORRIDOR_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SAMPLE = os.path.join(SOURCE, "examples", "data", "sample-case")
CLI = os.environ.get("CORRIDOR_CLI")

ALL_MEASURES = ["degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank", "katz", "kcore",
                "betweenness_approx"]


@pytest.fixture(scope="module")
def case():
    return corridor.load(SAMPLE)


def cli_table(*args):
    """Runs `corridor ARGS` and returns its CSV rows as dicts."""
    assert CLI, "CORRIDOR_CLI is set by ctest"
    out = subprocess.run([CLI, "--quiet", *args], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return list(csv.DictReader(io.StringIO(out.stdout)))


def same_number(text, value):
    """A CSV cell and a Python number are the same value (empty cell = NaN)."""
    if text == "":
        return math.isnan(value)
    return float(text) == value


# ---- centrality --------------------------------------------------------------------------------

# (command-line options, Python keywords): the same request.
CENTRALITY_CASES = [
    (["--measures", ",".join(ALL_MEASURES)], dict(measures=ALL_MEASURES)),
    ([], dict()),  # the defaults of both front ends
    (["--weighted", "--measures", "degree,betweenness,closeness,harmonic,eigenvector,pagerank,katz"],
     dict(weighted=True, measures=["degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank",
                                   "katz"])),
    (["--weighted", "--path-weights", "distance", "--measures", "betweenness,closeness,harmonic"],
     dict(weighted=True, path_weights="distance", measures=["betweenness", "closeness", "harmonic"])),
    (["--weighted", "--path-weights", "hops", "--measures", "betweenness"],
     dict(weighted=True, path_weights="hops", measures=["betweenness"])),
    (["--directed", "--degree-mode", "in", "--measures", "degree,pagerank,katz"],
     dict(directed=True, degree_mode="in", measures=["degree", "pagerank", "katz"])),
    (["--directed", "--degree-mode", "out", "--measures", "degree"],
     dict(directed=True, degree_mode="out", measures=["degree"])),
    (["--no-normalized", "--endpoints", "--measures", "betweenness"],
     dict(normalized=False, endpoints=True, measures=["betweenness"])),
    (["--damping", "0.7", "--personalization", "S00035=1", "--personalization", "F00002=2", "--measures", "pagerank"],
     dict(damping=0.7, personalization={"S00035": 1, "F00002": 2}, measures=["pagerank"])),
    (["--katz-alpha", "0.01", "--katz-beta", "2", "--measures", "katz"],
     dict(katz_alpha=0.01, katz_beta=2.0, measures=["katz"])),
    (["--max-iterations", "20", "--measures", "eigenvector,pagerank"],
     dict(max_iterations=20, measures=["eigenvector", "pagerank"])),
    (["--epsilon", "0.05", "--delta", "0.2", "--seed", "9", "--measures", "betweenness_approx"],
     dict(epsilon=0.05, delta=0.2, seed=9, measures=["betweenness_approx"])),
    (["--kinds", "smuggler,facilitator,organization", "--relations", "communicated,coordinated,member_of",
      "--from", "2020-01-01", "--to", "2022-12-31", "--measures", "degree,betweenness,pagerank"],
     dict(kinds=["smuggler", "facilitator", "organization"], relations=["communicated", "coordinated", "member_of"],
          time_from="2020-01-01", time_to="2022-12-31", measures=["degree", "betweenness", "pagerank"])),
    (["--include-context", "--measures", "degree,closeness"],
     dict(include_context=True, measures=["degree", "closeness"])),
]


@pytest.mark.parametrize("args,kwargs", CENTRALITY_CASES, ids=[" ".join(a) or "defaults" for a, _ in CENTRALITY_CASES])
def test_centrality(case, args, kwargs):
    rows = cli_table("centrality", SAMPLE, *args)
    scores = corridor.centrality(case, **kwargs)
    assert [r["id"] for r in rows] == case.ids
    assert list(rows[0].keys())[3:] == list(scores.keys())
    for name, values in scores.items():
        for i, r in enumerate(rows):
            assert same_number(r[name], values[i]), (name, r["id"], r[name], values[i])


def test_edge_betweenness_and_bridges(case):
    for args, kwargs in [([], {}), (["--weighted", "--no-normalized"], dict(weighted=True, normalized=False)),
                         (["--weighted", "--path-weights", "distance"], dict(weighted=True, path_weights="distance"))]:
        rows = cli_table("centrality", SAMPLE, "--edges", *args)
        t = corridor.edge_betweenness(case, **kwargs)
        assert [r["source"] for r in rows] == t["source"]
        assert [r["target"] for r in rows] == t["target"]
        assert all(same_number(r["betweenness"], x) for r, x in zip(rows, t["betweenness"]))
        assert [r["bridge"] == "true" for r in rows] == list(t["bridge"])
    bridges = {tuple(sorted(b)) for b in corridor.bridges(case)}
    flagged = {tuple(sorted((s, d))) for s, d, b in zip(t["source"], t["target"], t["bridge"]) if b}
    assert bridges == flagged


# ---- communities -------------------------------------------------------------------------------

COMMUNITY_CASES = [
    ([], dict()),
    (["--method", "louvain", "--seed", "5", "--resolution", "1.5"], dict(method="louvain", seed=5, resolution=1.5)),
    (["--method", "labelprop", "--seed", "2", "--max-iterations", "50"],
     dict(method="labelprop", seed=2, max_iterations=50)),
    (["--objective", "cpm", "--resolution", "0.05", "--iterations", "-1"],
     dict(objective="cpm", resolution=0.05, iterations=-1)),
    (["--randomness", "0.1", "--seed", "4", "--weighted"], dict(randomness=0.1, seed=4, weighted=True)),
    (["--include-context", "--relations", "communicated,originates_from"],
     dict(include_context=True, relations=["communicated", "originates_from"])),
]


@pytest.mark.parametrize("args,kwargs", COMMUNITY_CASES, ids=[" ".join(a) or "defaults" for a, _ in COMMUNITY_CASES])
def test_communities(case, args, kwargs):
    rows = cli_table("communities", SAMPLE, *args)
    r = corridor.communities(case, levels=True, **kwargs)
    levels = [k for k in rows[0] if k.startswith("level_")]
    assert len(levels) == len(r["levels"])
    for i, row in enumerate(rows):
        assert row["community"] == ("" if r["membership"][i] < 0 else str(r["membership"][i]))
        for k, level in enumerate(r["levels"]):
            assert row[f"level_{k}"] == ("" if level[i] < 0 else str(level[i]))
    # the plain call gives the membership alone
    assert np.array_equal(corridor.communities(case, **kwargs), r["membership"])


# ---- key players and brokers -------------------------------------------------------------------

@pytest.mark.parametrize("args,kwargs", [
    (["--k", "4"], dict(k=4)),
    (["--k", "3", "--mode", "pos", "--distance", "2"], dict(k=3, mode="pos", max_distance=2)),
    (["--k", "2", "--kinds", "smuggler,facilitator"], dict(k=2, kinds=["smuggler", "facilitator"])),
])
def test_keyplayers(case, args, kwargs):
    rows = cli_table("keyplayers", SAMPLE, *args)
    r = corridor.key_players(case, **kwargs)
    ranked = [row for row in rows if row["rank"]]
    assert [row["id"] for row in ranked] == r["players"]
    assert all(same_number(row["marginal"], x) for row, x in zip(ranked, r["marginal"]))
    cuts = {row["id"] for row in rows if row["articulation_point"] == "true"}
    assert cuts == set(r["articulation_points"])


@pytest.mark.parametrize("args,kwargs", [
    (["--by", "country"], dict(by="country")),
    (["--by", "role", "--weighted", "--directed"], dict(by="role", weighted=True, directed=True)),
])
def test_brokers(case, args, kwargs):
    rows = cli_table("brokers", SAMPLE, *args)
    r = corridor.brokerage(case, **kwargs)
    for name, values in r.items():
        for i, row in enumerate(rows):
            assert same_number(row[name], values[i]), (name, row["id"])


# ---- propagation -------------------------------------------------------------------------------

# (command-line options, Python keywords) for `corridor propagate` and corridor.propagate().
PROPAGATION_CASES = [
    ([], dict()),
    (["--method", "ppr"], dict(method="ppr")),
    (["--method", "spread"], dict(method="spread")),
    (["--method", "naive"], dict(method="naive")),
    (["--restart", "0.3"], dict(restart=0.3)),
    (["--client-factor", "0.05"], dict(client_factor=0.05)),
    (["--countries-pass", "--transmission", "originates_from=0.2"],
     dict(countries_pass=True, transmission={"originates_from": 0.2})),
    (["--transmission", "communicated=0.45", "--transmission", "paid=0.02"],
     dict(transmission={"communicated": 0.45, "paid": 0.02})),
    (["--half-life", "365"], dict(half_life_days=365)),
    (["--half-life", "200", "--as-of", "2022-01-01"], dict(half_life_days=200, as_of="2022-01-01")),
    (["--group-seeds", "group"], dict(group_seeds="group")),
    (["--group-seeds", "off"], dict(group_seeds="off")),
    (["--seed-ids", "S00041,F00022"], dict(seeds=["S00041", "F00022"])),
    (["--cleared-ids", "S00045"], dict(cleared=["S00045"])),
    (["--seed-ids", "S00041", "--cleared-ids", "S00045,S00018", "--method", "ppr_degree", "--restart", "0.2"],
     dict(seeds=["S00041"], cleared=["S00045", "S00018"], method="ppr_degree", restart=0.2)),
]


@pytest.mark.parametrize("args,kwargs", PROPAGATION_CASES, ids=[" ".join(a) or "defaults" for a, _ in PROPAGATION_CASES])
def test_propagation(case, args, kwargs):
    rows = cli_table("propagate", SAMPLE, *args)
    r = corridor.propagate(case, **kwargs)
    index = {i: k for k, i in enumerate(case.ids)}
    for row in rows:
        assert same_number(row["score"], r.scores[index[row["id"]]]), row["id"]


def test_propagation_seeds_and_cleared_from_files(case, tmp_path):
    seeds = tmp_path / "seeds.csv"
    seeds.write_text("id,confidence,note\nS00041,0.8,x\nF00022,0.5,y\n")
    cleared = tmp_path / "cleared.csv"
    cleared.write_text("id,confidence,note\nS00045,0.7,checked\n")
    rows = cli_table("propagate", SAMPLE, "--seeds", str(seeds), "--cleared", str(cleared))
    r = corridor.propagate(case, seeds=str(seeds), cleared=str(cleared))
    index = {i: k for k, i in enumerate(case.ids)}
    assert r.scores[index["S00045"]] == 0  # a cleared person scores 0
    default = corridor.propagate(case)
    assert not np.allclose(r.scores, default.scores)  # the files change the answer
    for row in rows:
        assert same_number(row["score"], r.scores[index[row["id"]]]), row["id"]


def test_evaluate_takes_a_truth_file_or_ids(case):
    truth_file = os.path.join(SAMPLE, "truth.csv")
    by_file = corridor.evaluate(case, truth_file)
    with open(truth_file, newline="") as f:
        ids = [row["id"] for row in csv.DictReader(f)]
    assert corridor.evaluate(case, ids) == by_file
    out = subprocess.run([CLI, "evaluate", SAMPLE, "--truth", truth_file], capture_output=True, text=True, check=True)
    line = next(l for l in out.stdout.splitlines() if l.startswith("average precision"))
    ours, naive = (float(x) for x in line.split()[-2:])
    assert ours == pytest.approx(by_file["method"]["average_precision"], abs=5e-4)
    assert naive == pytest.approx(by_file["naive"]["average_precision"], abs=5e-4)

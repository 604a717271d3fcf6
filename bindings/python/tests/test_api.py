"""Python at parity with the C++ library: every parameter reachable, checked against networkx on
public research networks (Zachary's karate club, Les Miserables) and on synthetic cases."""
import math
import os
import tempfile

import numpy as np
import pytest

import corridor

nx = pytest.importorskip("networkx")

SOURCE = os.environ.get("CORRIDOR_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SAMPLE = os.path.join(SOURCE, "examples", "data", "sample-case")


def karate():
    return corridor.from_networkx(nx.karate_club_graph(), kind="person", relation="associated")


def by_id(case, values):
    return dict(zip(case.ids, values))


# ---- building cases from networkx and pandas -----------------------------------------------------

def test_from_networkx_keeps_nodes_edges_and_attributes():
    g = nx.MultiDiGraph()
    g.add_node("S1", kind="smuggler", label="boss", phone="+00 1")
    g.add_node("M1", kind="migrant", country="AA")
    g.add_node("P1")  # no kind: the default
    g.add_edge("S1", "M1", relation="smuggled", grade="B2", time="2021-03-04", channel="boat")
    g.add_edge("S1", "M1", relation="paid", weight=3.0)
    g.add_edge("S1", "P1")  # no relation: the default
    case = corridor.from_networkx(g, kind="person", relation="communicated")
    assert case.ids == ["S1", "M1", "P1"]
    assert case.kinds == ["smuggler", "migrant", "person"]
    assert case.countries == ["", "AA", ""]
    ev = case.evidence()
    assert ev["relation"] == ["smuggled", "paid", "communicated"]
    assert ev["weight"] == [1.0, 3.0, 1.0]
    assert ev["grade"] == ["B2", "", ""]
    # and back: to_networkx gives the same nodes and evidence again
    again = corridor.from_networkx(case.to_networkx())
    assert again.ids == case.ids and again.kinds == case.kinds
    ev2 = again.evidence()
    for column in ("source", "target", "relation", "weight", "grade", "time", "source_ref"):
        assert ev2[column] == ev[column]
    assert ev2["confidence"] == pytest.approx(ev["confidence"], abs=1e-7)


def test_from_networkx_names_the_bad_node_or_edge():
    g = nx.Graph()
    g.add_node("A", kind="pirate")
    with pytest.raises(corridor.Error, match=r"node 'A'.*valid kinds"):
        corridor.from_networkx(g)
    g = nx.Graph()
    g.add_edge("A", "B", weight=-1)
    with pytest.raises(corridor.Error, match=r"edge 'A' -> 'B'.*weight"):
        corridor.from_networkx(g)


def test_from_pandas_reads_frames_laid_out_as_case_files():
    pd = pytest.importorskip("pandas")
    nodes = pd.DataFrame({"id": ["S1", "M1", "O1"], "kind": ["smuggler", "migrant", None],
                          "label": ["boss", None, "group"], "phone": ["1", float("nan"), "3"]})
    edges = pd.DataFrame({"source": ["S1", "S1"], "target": ["M1", "O1"], "relation": ["smuggled", "member_of"],
                          "confidence": [float("nan"), 0.5], "grade": ["B2", None]})
    case = corridor.from_pandas(nodes, edges, kind="organization")
    assert case.kinds == ["smuggler", "migrant", "organization"]
    assert case.labels == ["boss", "", "group"]
    ev = case.evidence()
    assert ev["confidence"] == pytest.approx([0.64, 0.5])  # B2's confidence, then the given one
    with pytest.raises(corridor.Error, match=r"edges row 1: .*\"X9\""):
        corridor.from_pandas(nodes, pd.DataFrame({"source": ["S1", "X9"], "target": ["M1", "M1"],
                                                  "relation": ["smuggled", "smuggled"]}))
    with pytest.raises(corridor.Error, match="missing column 'target'"):
        corridor.from_pandas(nodes, pd.DataFrame({"source": ["S1"]}))


# ---- errors and validation ---------------------------------------------------------------------

def test_error_problems_lists_every_problem_with_file_line_field():
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "nodes.csv"), "w") as f:
            f.write("id,kind\n" + "".join(f"P{i},pirate\n" for i in range(13)))
        with open(os.path.join(d, "edges.csv"), "w") as f:
            f.write("source,target,relation\n")
        with pytest.raises(corridor.Error) as info:
            corridor.load(d)
        problems = info.value.problems
        assert len(problems) == 13
        assert "more problems" in str(info.value)
        file, line, field, message = problems[12]
        assert (file, line, field) == ("nodes.csv", 14, "kind")
        assert 'unknown kind "pirate"' in message
        assert problems[0].severity == "error"
        # the same list without raising
        listed = corridor.validate(d)
        assert [tuple(p) for p in listed] == [tuple(p) for p in problems]
        assert len(corridor.validate(d, max_problems=2)) == 3  # two, then the note that more were cut
    assert corridor.validate(SAMPLE) == []
    # an error that is not about input data has no problems
    with pytest.raises(corridor.Error) as info:
        corridor.centrality(corridor.load(SAMPLE), measures=["influence"])
    assert info.value.problems == []


# ---- centrality with every parameter, against networkx -----------------------------------------

def test_betweenness_endpoints_and_edge_betweenness_match_networkx():
    g = nx.karate_club_graph()
    case = karate()
    ours = by_id(case, corridor.betweenness(case, normalized=False, endpoints=True))
    theirs = nx.betweenness_centrality(g, normalized=False, endpoints=True)
    for v, x in theirs.items():
        assert ours[str(v)] == pytest.approx(x, rel=1e-12)
    eb = corridor.edge_betweenness(case)
    theirs = nx.edge_betweenness_centrality(g)
    assert len(eb["source"]) == g.number_of_edges()
    for s, t, x in zip(eb["source"], eb["target"], eb["betweenness"]):
        ref = theirs[(int(s), int(t))] if (int(s), int(t)) in theirs else theirs[(int(t), int(s))]
        assert x == pytest.approx(ref, rel=1e-12)
    # one bridge, to member 11 (who knows only 0), so 0 is the one cut vertex (REFERENCE.md)
    assert {frozenset(map(int, b)) for b in corridor.bridges(case)} == {frozenset(b) for b in nx.bridges(g)} \
        == {frozenset((0, 11))}
    assert [(s, t) for s, t, b in zip(eb["source"], eb["target"], eb["bridge"]) if b] == [("0", "11")]
    assert corridor.articulation_points(case) == ["0"]


def test_weights_as_distances_stay_exact():
    # Les Miserables with its co-appearance counts as distances (networkx weight="weight"): integer
    # lengths are exact, so equal paths tie as in networkx, with no 1/float32(1/w) drift.
    g = nx.les_miserables_graph()
    case = corridor.from_networkx(g)
    ours = by_id(case, corridor.betweenness(case, weighted=True, path_weights="distance"))
    theirs = nx.betweenness_centrality(g, weight="weight")
    for v, x in theirs.items():
        assert ours[v] == pytest.approx(x, rel=1e-9, abs=1e-12)
    closeness = by_id(case, corridor.centrality(case, measures=["closeness"], weighted=True,
                                                path_weights="distance")["closeness"])
    for v, x in nx.closeness_centrality(g, distance="weight").items():
        assert closeness[v] == pytest.approx(x, rel=1e-9)


def test_pagerank_personalization_and_katz_beta_match_networkx():
    # networkx 2.8's karate club carries interaction counts as weights; the unweighted view
    # compares with networkx's weight=None
    g = nx.karate_club_graph()
    case = karate()
    pers = {"0": 1.0, "33": 3.0}
    ours = by_id(case, corridor.centrality(case, measures=["pagerank"], personalization=pers)["pagerank"])
    theirs = nx.pagerank(g, personalization={0: 1.0, 33: 3.0}, tol=1e-12, max_iter=1000, weight=None)
    for v, x in theirs.items():  # corridor stops at an L1 change below n * 1e-10, networkx n * 1e-12
        assert ours[str(v)] == pytest.approx(x, rel=1e-6)
    exact = by_id(case, corridor.pagerank(case, personalization=pers, tolerance=1e-12))
    for v, x in theirs.items():
        assert exact[str(v)] == pytest.approx(x, rel=1e-9)
    katz = by_id(case, corridor.centrality(case, measures=["katz"], katz_alpha=0.1, katz_beta=2.0,
                                           katz_normalized=False)["katz"])
    theirs = nx.katz_centrality(g, alpha=0.1, beta=2.0, normalized=False, tol=1e-12, max_iter=10000, weight=None)
    for v, x in theirs.items():
        assert katz[str(v)] == pytest.approx(x, rel=1e-8)


def test_katz_alpha_is_lowered_with_a_warning_and_caps_are_reported_not_raised():
    case = corridor.from_networkx(nx.les_miserables_graph())  # lambda_max 12.0058: 0.1 diverges
    with pytest.warns(UserWarning, match="Katz alpha lowered from 0.1 to 0.074964"):
        corridor.centrality(case, measures=["katz"])
    with pytest.warns(UserWarning, match="eigenvector stopped at its cap of 3 iterations"):
        capped = corridor.centrality(case, measures=["eigenvector"], max_iterations=3)["eigenvector"]
    assert np.nansum(capped ** 2) == pytest.approx(1.0)


def test_degree_modes_on_a_directed_view():
    sample = corridor.load(SAMPLE)
    d = corridor.centrality(sample, measures=["degree"], directed=True, degree_mode="in")["degree"]
    out = corridor.degree(sample, mode="out", directed=True)
    both = corridor.degree(sample, directed=True)
    assert np.allclose(np.nan_to_num(d + out), np.nan_to_num(both))


# ---- communities ---------------------------------------------------------------------------------

def test_communities_levels_objective_and_quality():
    case = karate()
    r = corridor.communities(case, levels=True, seed=1)
    assert np.array_equal(r["levels"][-1], r["membership"])
    assert r["quality"] == pytest.approx(corridor.modularity(case, r["membership"]), abs=1e-12)
    assert 0.41 < r["quality"] <= 0.419790 + 1e-6  # the optimum (REFERENCE.md)
    louvain = corridor.communities(case, method="louvain", levels=True)
    for finer, coarser in zip(louvain["levels"], louvain["levels"][1:]):  # nested
        assert all(len({c for f2, c in zip(finer, coarser) if f2 == f}) == 1 for f in set(finer))
    cpm = corridor.communities(case, objective="cpm", resolution=0.1, levels=True)
    assert cpm["quality"] == pytest.approx(corridor.cpm_quality(case, cpm["membership"], 0.1), abs=1e-12)
    with pytest.raises(corridor.Error, match="leiden method only"):
        corridor.communities(case, method="louvain", objective="cpm")

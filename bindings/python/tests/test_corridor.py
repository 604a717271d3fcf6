"""Tests of the Python module: the same answers as the C++ command, on synthetic cases only."""
import csv
import io
import math
import os
import subprocess
import tempfile

import numpy as np
import pytest

import corridor

SOURCE = os.environ.get("CORRIDOR_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SAMPLE = os.path.join(SOURCE, "examples", "data", "sample-case")
CLI = os.environ.get("CORRIDOR_CLI")


@pytest.fixture(scope="module")
def sample():
    return corridor.load(SAMPLE)


def run_cli(*args):
    assert CLI, "CORRIDOR_CLI is set by ctest"
    out = subprocess.run([CLI, *args], capture_output=True, text=True, check=True)
    return list(csv.DictReader(io.StringIO(out.stdout)))


def test_load_sample_case_aligned_tables(sample):
    assert sample.num_nodes == len(sample.ids) == len(sample.kinds) > 100
    assert set(sample.kinds) <= {"smuggler", "facilitator", "migrant", "person", "organization", "country",
                                 "location", "asset"}
    assert len(sample.seeds) >= 5
    assert sample.index(sample.ids[7]) == 7


def test_build_a_case_in_code():
    b = corridor.CaseBuilder()
    b.add_node("S1", "smuggler", label='the "boss", senior')
    b.add_node("M1", "migrant")
    b.add_node("O1", "organization")
    b.add_evidence("S1", "M1", "smuggled", grade="B2", time="2021-03-04")
    b.add_evidence("S1", "O1", "member_of", confidence=0.8)
    b.add_seed("O1")
    case = b.freeze()
    assert case.ids == ["S1", "M1", "O1"]
    assert case.labels[0] == 'the "boss", senior'
    ev = case.evidence()
    assert ev["grade"] == ["B2", ""]
    assert ev["confidence"][0] == pytest.approx(0.64)
    assert case.info()["relations"] == {"smuggled": 1, "member_of": 1}


def test_errors_are_corridor_error_with_the_cpp_message():
    b = corridor.CaseBuilder()
    b.add_node("A", "person")
    with pytest.raises(corridor.Error, match='duplicate node id "A"'):
        b.add_node("A", "person")
    with pytest.raises(corridor.Error, match="valid kinds"):
        b.add_node("B", "pirate")
    with pytest.raises(corridor.Error, match="no such file"):
        corridor.load("/nonexistent/case")


def test_centrality_matches_the_command(sample):
    c = corridor.centrality(sample, measures=["degree", "betweenness", "pagerank"])
    rows = run_cli("centrality", SAMPLE, "--measures", "degree,betweenness,pagerank")
    assert [r["id"] for r in rows] == sample.ids
    for name in ("degree", "betweenness", "pagerank"):
        for i, r in enumerate(rows):
            if r[name] == "":
                assert math.isnan(c[name][i])
            else:
                assert c[name][i] == pytest.approx(float(r[name]), rel=1e-12, abs=1e-15)
    assert np.nansum(c["pagerank"]) == pytest.approx(1.0)
    # countries are left out of path measures
    kinds = np.array(sample.kinds)
    assert np.all(np.isnan(c["betweenness"][kinds == "country"]))


def test_communities_match_the_command(sample):
    labels = corridor.communities(sample, method="leiden", seed=3)
    rows = run_cli("communities", SAMPLE, "--method", "leiden", "--seed", "3")
    for i, r in enumerate(rows):
        assert (labels[i] == -1) == (r["community"] == "")
        if r["community"]:
            assert labels[i] == int(r["community"])
    assert labels.dtype == np.int64
    assert np.all(labels[np.array(sample.kinds) == "country"] == -1)
    assert 0.3 < corridor.modularity(sample, labels) <= 1.0
    again = corridor.communities(sample, method="leiden", seed=3)
    assert np.array_equal(labels, again)
    assert corridor.nmi(list(labels), list(again)) == pytest.approx(1.0)


def test_propagation_matches_the_command_and_explains(sample):
    r = corridor.propagate(sample)
    rows = run_cli("propagate", SAMPLE)
    assert len(rows) == sample.num_nodes
    by_id = {row["id"]: row for row in rows}
    for i, node in enumerate(sample.ids):
        assert r.scores[i] == pytest.approx(float(by_id[node]["score"]), rel=1e-9, abs=1e-15)
    kinds = np.array(sample.kinds)
    assert np.all(r.scores[kinds == "country"] == 0)
    top = [i for i in np.argsort(-r.scores) if sample.ids[i] not in sample.seeds][0]
    why = r.explain(sample.ids[top], k=3)
    assert why["paths"], "every non-zero score has a path"
    implicit = {s["id"]: s for s in r.implicit_seeds}
    first = why["paths"][0]["nodes"][0]
    assert first in sample.seeds or first in implicit
    if first in implicit and implicit[first]["kind"] == "organizational_tie":
        assert why["paths"][0]["seed_via"] == implicit[first]["via"]
        assert "(seed by its tie to" in why["paths"][0]["text"]
    assert sum(why["seed_shares"].values()) == pytest.approx(1.0)
    assert sum(p["contribution"] for p in why["paths"]) <= why["score"] * (1 + 1e-9)
    assert why["paths"][0]["contribution"] == pytest.approx(why["paths"][0]["share"] * why["suspicion"])
    assert r.position[top] >= 1
    assert r.order[r.position[top] - 1] == sample.ids[top]


def test_linearity_in_seeds(sample):
    seeds = sample.seeds[:2]
    # implicit seeds (the seeds' group and direct organizational ties) are not linear in the seeds
    a = corridor.propagate(sample, seeds=[seeds[0]], group_seeds="off").scores
    b = corridor.propagate(sample, seeds=[seeds[1]], group_seeds="off").scores
    ab = corridor.propagate(sample, seeds=seeds, group_seeds="off").scores
    # scores are normalised by the total seed weight, so the pair is the mean of the singles
    assert np.allclose(ab, (a + b) / 2, atol=1e-9)


def test_cleared_persons_as_the_command_sees_them(sample):
    # The same spec behind both: cleared ids in Python, --cleared-ids in the command.
    r0 = corridor.propagate(sample)
    top = [i for i in np.argsort(-r0.scores) if sample.ids[i] not in sample.seeds][0]
    cleared = sample.ids[top]
    r = corridor.propagate(sample, cleared=[cleared])
    rows = {row["id"]: row for row in run_cli("propagate", SAMPLE, "--cleared-ids", cleared)}
    for i, node in enumerate(sample.ids):
        assert r.scores[i] == pytest.approx(float(rows[node]["score"]), rel=1e-9, abs=1e-15)
    assert r.scores[top] == 0
    assert np.all(r.scores <= r0.scores + 1e-12)  # a cleared person never raises a score
    assert np.allclose(r.scores, np.maximum(0, r.suspicion - r.clearance))
    with pytest.raises(corridor.Error, match="both a seed"):
        corridor.propagate(sample, seeds=[sample.seeds[0]], cleared=[sample.seeds[0]])


def test_generate_and_evaluate_beats_naive():
    case, truth = corridor.generate("small", 2)
    result = corridor.evaluate(case, truth)
    assert result["method"]["average_precision"] >= result["naive"]["average_precision"] + 0.15
    assert result["method"]["countries_in_budget"] == 0
    assert result["method"]["innocent_migrants_in_budget"] == 0


def test_save_and_reload_snapshot_and_graphml(sample):
    with tempfile.TemporaryDirectory() as d:
        for name in ("case.corridor", "case.graphml"):
            path = os.path.join(d, name)
            sample.save(path)
            back = corridor.load(path)
            assert back.ids == sample.ids
            assert back.evidence() == sample.evidence()


def test_optional_adapters(sample):
    nx = pytest.importorskip("networkx")
    g = sample.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_nodes() == sample.num_nodes
    assert g.number_of_edges() == sample.num_evidence
    # The relation's direction travels as data, as in the exports.
    ev = sample.evidence()
    undirected = {r for r, d in zip(ev["relation"], ev["directed"]) if not d}
    assert "communicated" in undirected and undirected <= {"communicated", "coordinated", "associated"}
    assert all(isinstance(d["directed"], bool) for _, _, d in g.edges(data=True))


def test_encodings_never_reach_python_as_bad_bytes(tmp_path):
    # Issue 15: a cp1252 file (a label saved by Excel) used to load and then break to_networkx()
    # with UnicodeDecodeError. It is now corridor.Error naming the byte, or read with encoding=.
    case = tmp_path / "cp1252"
    case.mkdir()
    (case / "nodes.csv").write_bytes("id,kind,label\nS1,smuggler,José Muñoz\nM1,migrant,\n".encode("cp1252"))
    (case / "edges.csv").write_bytes(b"source,target,relation\nS1,M1,smuggled\n")
    with pytest.raises(corridor.Error, match=r"nodes.csv:2: column 16: byte 0xE9 is not valid UTF-8.*--encoding cp1252"):
        corridor.load(str(case))
    c = corridor.load(str(case), encoding="cp1252")
    assert c.labels[0] == "José Muñoz"
    pytest.importorskip("networkx")
    g = c.to_networkx()
    assert g.nodes["S1"]["label"] == "José Muñoz"
    with pytest.raises(corridor.Error, match="valid encodings"):
        corridor.load(str(case), encoding="ebcdic")


def test_gephi_graphml_keeps_the_migrant_and_strict_refuses_fallbacks(tmp_path):
    # Issue 15: type="migrant" and type="smuggled" (Gephi's habit) used to become person and
    # associated without a word. They are read as written; what falls back is a warning.
    f = tmp_path / "gephi.graphml"
    f.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
        '<key id="t" for="node" attr.name="type"/><key id="et" for="edge" attr.name="type"/>\n'
        '<graph><node id="s"><data key="t">smuggler</data></node>'
        '<node id="m"><data key="t">migrant</data></node><node id="x"/>\n'
        '<edge source="s" target="m"><data key="et">smuggled</data></edge></graph></graphml>\n')
    c = corridor.load(str(f))
    info = c.info()
    assert info["kinds"] == {"smuggler": 1, "migrant": 1, "person": 1}
    assert info["warnings"] == 1
    with pytest.raises(corridor.Error, match=r'gephi.graphml:4: kind: 1 node has no kind and was read as "person"'):
        corridor.load(str(f), strict=True)


def test_delimiter_and_strict(tmp_path):
    case = tmp_path / "semi"
    case.mkdir()
    (case / "nodes.csv").write_text("id;kind\nS1;smuggler\nM1;migrant\n")
    (case / "edges.csv").write_text("source;target;relation\nS1;M1;smuggled\nS1;S1;associated\n")
    with pytest.raises(corridor.Error, match="separated by ';'"):
        corridor.load(str(case))
    assert corridor.load(str(case), delimiter=";").num_evidence == 2
    with pytest.raises(corridor.Error, match="strict: warnings are errors"):
        corridor.load(str(case), delimiter=";", strict=True)


def test_ids_that_only_look_alike_warn_and_normalize_ids_joins_them(tmp_path):
    # "José" composed (NFC) in nodes.csv, decomposed (NFD, as macOS file names give it) in
    # edges.csv; a zero-width space after "P2" in one place.
    case = tmp_path / "lookalike"
    case.mkdir()
    (case / "nodes.csv").write_text("id,kind\nJos\u00e9,smuggler\nP2\u200b,person\nP2,person\n", encoding="utf-8")
    (case / "edges.csv").write_text("source,target,relation\nJose\u0301,P2,communicated\n", encoding="utf-8")
    with pytest.raises(corridor.Error, match="looks the same as the node") as e:
        corridor.load(str(case))
    assert "NFD" in str(e.value)
    problems = corridor.validate(str(case))
    warnings = [p for p in problems if p.severity == "warning"]
    assert [(p.line, p.field) for p in warnings] == [(4, "id")]
    assert warnings[0].message.startswith('"P2" looks the same as "P2<U+200B>" (nodes.csv:3)')
    with pytest.raises(corridor.Error, match=r'nodes.csv:4: id: duplicate id "P2" \(first on line 3\)'):
        corridor.load(str(case), normalize_ids=True)
    (case / "nodes.csv").write_text("id,kind\nJos\u00e9,smuggler\nP2\u200b,person\n", encoding="utf-8")
    c = corridor.load(str(case), normalize_ids=True)
    assert sorted(c.ids) == ["Jos\u00e9", "P2"]
    assert c.num_evidence == 1
    assert corridor.validate(str(case), normalize_ids=True) == []

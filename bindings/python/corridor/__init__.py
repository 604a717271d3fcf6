"""corridor: link analysis of human-smuggling networks.

Scores and rankings are investigative leads, never findings. The people in a case are mostly
smuggled persons; nationality is not evidence, and country nodes never pass a score on.

    import corridor
    case = corridor.load("examples/data/sample-case")   # folder, .corridor or .graphml
    case.ids, case.kinds                                # aligned with every result array
    c = corridor.centrality(case, measures=["pagerank", "betweenness"])  # dict: name -> numpy array
    labels = corridor.communities(case, method="leiden", seed=1)       # numpy int array, -1 = left out
    r = corridor.propagate(case)                                       # seeds from seeds.csv
    r.scores, r.explain(case.ids[0])

Errors arrive as corridor.Error with the same message as in C++; e.problems lists every problem
(file, line, field, message) of bad input, and corridor.validate(path) returns them without raising.
"""
from ._core import *  # noqa: F401,F403
from ._core import Case, CaseBuilder, Error, __version__  # noqa: F401

def to_pandas(case, **columns):
    """The node table as a pandas DataFrame (id, kind, label, role, country) plus any result
    arrays given as keyword arguments, e.g. to_pandas(case, pagerank=c["pagerank"]).
    Needs pandas (Debian: python3-pandas); corridor itself never does."""
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("to_pandas needs pandas (apt-get install python3-pandas)") from e
    data = {"id": case.ids, "kind": case.kinds, "label": case.labels, "role": case.roles,
            "country": case.countries}
    for name, values in columns.items():
        if len(values) != case.num_nodes:
            raise Error(f"column {name!r} has {len(values)} values, the case has {case.num_nodes} nodes")
        data[name] = values
    return pd.DataFrame(data)


def to_networkx(case):
    """The case as a networkx MultiDiGraph: one edge per piece of evidence, with its relation,
    directed (False for an undirected relation such as communicated), weight, confidence, grade,
    time and source_ref; nodes carry kind, label, role and country (as corridor's exports do).
    Needs networkx (Debian: python3-networkx); corridor itself never does."""
    try:
        import networkx as nx
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("to_networkx needs networkx (apt-get install python3-networkx)") from e
    g = nx.MultiDiGraph()
    for i, kind, label, role, country in zip(case.ids, case.kinds, case.labels, case.roles, case.countries):
        g.add_node(i, kind=kind, label=label, role=role, country=country)
    ev = case.evidence()
    keys = [k for k in ev if k not in ("source", "target")]
    for j, (s, t) in enumerate(zip(ev["source"], ev["target"])):
        g.add_edge(s, t, **{k: ev[k][j] for k in keys})
    return g


# The standard columns of nodes.csv and edges.csv; every other column or attribute is an extra
# attribute of the node or the evidence (kept as text).
_NODE_FIELDS = ("kind", "label", "role", "country")
_EVIDENCE_FIELDS = ("relation", "weight", "confidence", "grade", "time", "source_ref")


def _missing(value):
    """None, NaN (pandas' empty cell) and '' all mean 'no value'."""
    return value is None or value == "" or (isinstance(value, float) and value != value)


def _text(value):
    return "" if _missing(value) else str(value)


def _add_node(builder, node_id, data, kind):
    attrs = {str(k): _text(v) for k, v in data.items() if k not in _NODE_FIELDS and k != "id" and not _missing(v)}
    builder.add_node(str(node_id), kind=_text(data.get("kind")) or kind, label=_text(data.get("label")),
                     role=_text(data.get("role")), country=_text(data.get("country")), attributes=attrs)


def _add_evidence(builder, source, target, data, relation):
    attrs = {str(k): _text(v) for k, v in data.items()
             if k not in _EVIDENCE_FIELDS and k not in ("source", "target", "key", "directed") and not _missing(v)}
    weight = data.get("weight")
    confidence = data.get("confidence")
    builder.add_evidence(str(source), str(target), _text(data.get("relation")) or relation,
                         weight=1.0 if _missing(weight) else float(weight),
                         confidence=None if _missing(confidence) else float(confidence),
                         grade=_text(data.get("grade")), time=_text(data.get("time")),
                         source_ref=_text(data.get("source_ref")), attributes=attrs)


def from_networkx(G, kind="person", relation="associated"):
    """A Case from a networkx graph (Graph, DiGraph, MultiGraph or MultiDiGraph).

    Nodes become nodes with id str(node); a node attribute "kind" (else `kind`), "label", "role" and
    "country" fill the standard columns, other attributes become extra node columns. Each edge
    becomes one piece of evidence: an edge attribute "relation" (else `relation`; the default
    "associated" is undirected, so an undirected graph stays undirected), "weight", "confidence",
    "grade", "time" and "source_ref" fill the standard columns, others become extra evidence
    columns ("directed", which to_networkx writes, is the relation's and is not read back). Raises
    corridor.Error naming the node or edge on bad values (an unknown kind, a weight <= 0)."""
    b = CaseBuilder()
    for node, data in G.nodes(data=True):
        try:
            _add_node(b, node, data, kind)
        except Error as e:
            raise Error(f"node {node!r}: {e}") from e
    for u, v, data in G.edges(data=True):
        try:
            _add_evidence(b, u, v, data, relation)
        except Error as e:
            raise Error(f"edge {u!r} -> {v!r}: {e}") from e
    return b.freeze()


def from_pandas(nodes, edges, kind="person", relation="associated"):
    """A Case from two pandas DataFrames laid out as nodes.csv and edges.csv.

    nodes: a column "id", and optionally "kind" (else `kind`), "label", "role", "country" and
    extra columns. edges: "source" and "target", and optionally "relation" (else `relation`),
    "weight", "confidence", "grade", "time", "source_ref" and extra columns. Empty cells (NaN,
    None, "") mean no value. Raises corridor.Error naming the row (by its index) on bad values."""
    for frame, need, name in ((nodes, ("id",), "nodes"), (edges, ("source", "target"), "edges")):
        missing = [c for c in need if c not in frame.columns]
        if missing:
            raise Error(f"{name}: missing column {missing[0]!r} (columns: {', '.join(map(str, frame.columns))})")
    b = CaseBuilder()
    for index, row in zip(nodes.index, nodes.to_dict("records")):
        try:
            _add_node(b, _text(row["id"]), row, kind)
        except Error as e:
            raise Error(f"nodes row {index!r}: {e}") from e
    for index, row in zip(edges.index, edges.to_dict("records")):
        try:
            _add_evidence(b, _text(row["source"]), _text(row["target"]), row, relation)
        except Error as e:
            raise Error(f"edges row {index!r}: {e}") from e
    return b.freeze()


Case.to_pandas = to_pandas
Case.to_networkx = to_networkx

__all__ = [name for name in dir() if not name.startswith("_")]

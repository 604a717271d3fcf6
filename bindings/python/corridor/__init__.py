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

Errors arrive as corridor.Error with the same message as in C++.
"""
from ._core import *  # noqa: F401,F403
from ._core import Case, Error, __version__  # noqa: F401

__all__ = [name for name in dir() if not name.startswith("_")]


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


Case.to_pandas = to_pandas
Case.to_networkx = to_networkx

"""The sample analysis from Python: brokers, rings and leads on the bundled synthetic case.

    PYTHONPATH=build/python /usr/bin/python3 examples/python/sample_analysis.py [CASE]

Scores are investigative leads, never findings.
"""
import os
import sys

import numpy as np

import corridor

here = os.path.dirname(os.path.abspath(__file__))
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "data", "sample-case")
case = corridor.load(path)
print(case, case.info()["kinds"])

c = corridor.centrality(case, measures=["betweenness", "pagerank"])
top = np.argsort(-np.nan_to_num(c["betweenness"], nan=-1))[:5]
print("brokers (betweenness):")
for i in top:
    print(f"  {case.ids[i]:10} {case.kinds[i]:12} {c['betweenness'][i]:.4f}")

labels = corridor.communities(case, method="leiden", seed=1)
sizes = np.bincount(labels[labels >= 0])
print(f"rings: {len(sizes)} communities, modularity {corridor.modularity(case, labels):.3f}, largest {sizes.max()}")

result = corridor.propagate(case)
seeds = set(case.seeds)
leads = [i for i in np.argsort(-result.scores) if case.ids[i] not in seeds][:5]
print("leads (not findings):")
for i in leads:
    why = result.explain(case.ids[i], k=1)
    top = why["paths"][0]
    print(f"  #{result.position[i]:<3} {case.ids[i]:10} {result.scores[i]:.5f}  {top['share']:5.1%} {top['text']}")

// Builds a small synthetic case in code, propagates from two seeds and prints the top leads with
// the evidence paths that explain them. Scores are investigative leads, never findings.
//
//   example_leads            (an argument, such as the sample case folder, is ignored)
#include <corridor/corridor.hpp>
#include <corridor/propagation/explain.hpp>
#include <corridor/propagation/propagate.hpp>

#include <cstdio>
#include <string>

int main() {
  using namespace corridor;
  CaseBuilder b;
  b.add_node({.id = "O-1", .kind = NodeKind::organization, .label = "armed group"});
  b.add_node({.id = "S-1", .kind = NodeKind::smuggler, .label = "ring organizer"});
  b.add_node({.id = "F-1", .kind = NodeKind::facilitator, .label = "money handler"});
  b.add_node({.id = "F-2", .kind = NodeKind::facilitator, .label = "forger"});
  b.add_node({.id = "P-1", .kind = NodeKind::person, .label = "recruiter"});
  b.add_node({.id = "C-1", .kind = NodeKind::country, .label = "origin"});
  b.add_evidence({.source = "S-1", .target = "O-1", .relation = "affiliated_with", .grade = "B2", .time = "2022-03-01", .source_ref = "R-101"});
  b.add_evidence({.source = "F-1", .target = "S-1", .relation = "financed", .grade = "B2", .time = "2022-04-11", .source_ref = "R-102"});
  b.add_evidence({.source = "P-1", .target = "O-1", .relation = "recruited", .grade = "C3", .time = "2021-11-20", .source_ref = "R-103"});
  b.add_evidence({.source = "F-2", .target = "S-1", .relation = "supplied_documents", .grade = "C3", .time = "2022-05-02", .source_ref = "R-104"});
  b.add_evidence({.source = "F-1", .target = "P-1", .relation = "communicated", .weight = 4, .grade = "B3", .source_ref = "R-105"});
  for (int i = 0; i < 30; ++i) {  // the ring's clients: moved, not affiliated
    const std::string m = "M-" + std::to_string(i);
    b.add_node(m, NodeKind::migrant);
    b.add_evidence({.source = "S-1", .target = m, .relation = "smuggled", .grade = "A2", .source_ref = "R-2" + std::to_string(i)});
    b.add_evidence({.source = m, .target = "C-1", .relation = "originates_from", .grade = "A1"});
  }
  b.add_seed("O-1");
  b.add_seed("S-1", 0.8, "named in two independent reports");
  const Case c = std::move(b).freeze();

  const PropagationResult r = propagate(c, c.seeds());
  const ExplainIndex idx = build_explain_index(c, r);
  std::printf("top leads (seeds excluded), %s, %d iterations:\n", std::string(to_string(r.params.method)).c_str(), r.iterations);
  int shown = 0;
  for (NodeId v : r.order) {
    if (r.seed_weight[v] > 0 || r.scores[v] <= 0) continue;
    std::printf("%d. %-5s %-12s score %.5f\n", ++shown, std::string(c.node_id(v)).c_str(),
                std::string(to_string(c.kind(v))).c_str(), r.scores[v]);
    for (const EvidencePath& p : strongest_paths(idx, v, {.k = 2}))
      std::printf("     %.5f (%4.1f%% of the score)  %s\n", p.contribution, 100 * p.share, path_text(c, p).c_str());
    if (shown == 5) break;
  }
  // The clients and their country of origin stay at the bottom.
  const NodeId m0 = c.require("M-0"), country = c.require("C-1"), f2 = c.require("F-2");
  std::printf("a client: %.6f, the country: %.6f\n", r.scores[m0], r.scores[country]);
  return r.scores[country] == 0.0 && r.scores[m0] < r.scores[f2] ? 0 : 1;
}

// Orderings an analyst expects, checked over many generated cases of varied shapes (the
// generator's --varied mode: organization not a seed or absent, volumes, innocent callers of the
// seeds, D-F rumours, affiliated travellers, 1 to 8 known seeds), not on one tuned case:
//  - a person with a direct organizational tie graded C3 or better to a seed, or to the
//    organization the seeds are tied to, outranks every person whose only paths to the seeds
//    are communications through a third party (here: every tie of theirs is a communication,
//    none with a seed or the group, and none of their contacts has anything but
//    communications with a seed or the group);
//  - no migrant whose only ties are client ties enters the review budget (twice the hidden
//    affiliates);
//  - no country or location ever scores.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "corridor/generate/generate.hpp"
#include "corridor/graph/view.hpp"
#include "corridor/propagation/evaluate.hpp"
#include "corridor/propagation/propagate.hpp"

using namespace corridor;

namespace {

bool context_kind(NodeKind k) { return k == NodeKind::country || k == NodeKind::location; }

RelationClass cls(const Case& c, EvidenceId e) { return c.relations().info(c.relation(e)).cls; }

template <class F>
void for_each_tie(const Case& c, NodeId v, F&& f) {
  for (EvidenceId e : c.out_evidence(v)) f(e, c.target(e));
  for (EvidenceId e : c.in_evidence(v)) f(e, c.source(e));
}

struct Groups {
  std::vector<NodeId> org_tied;    // direct organizational tie >= C3 to a seed or the seeds' organization
  std::vector<NodeId> calls_only;  // reaches the seeds by communications through a third party only
  std::vector<NodeId> client_only_migrants;
};

Groups classify(const Case& c) {
  std::vector<std::uint8_t> seed(c.num_nodes(), 0), anchor(c.num_nodes(), 0);
  for (const Seed& s : c.seeds()) seed[s.node] = anchor[s.node] = 1;
  // The organizations the seeds are organizationally tied to stand for the group.
  for (const Seed& s : c.seeds())
    for_each_tie(c, s.node, [&](EvidenceId e, NodeId o) {
      if (c.kind(o) == NodeKind::organization && cls(c, e) == RelationClass::organizational) anchor[o] = 1;
    });
  const double c3 = grade_confidence(*parse_grade("C3"));
  Groups g;
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    if (anchor[v] || context_kind(c.kind(v)) || c.kind(v) == NodeKind::organization) continue;
    bool org_to_anchor = false, any_anchor = false, only_calls = true, only_client = true, any = false;
    for_each_tie(c, v, [&](EvidenceId e, NodeId o) {
      if (context_kind(c.kind(o))) return;
      any = true;
      any_anchor |= anchor[o] != 0;
      if (anchor[o] && cls(c, e) == RelationClass::organizational && c.confidence(e) >= c3) org_to_anchor = true;
      only_calls &= cls(c, e) == RelationClass::communication;
      only_client &= is_client_tie(c, e);
    });
    if (org_to_anchor) g.org_tied.push_back(v);
    else if (any && only_calls && !any_anchor) {
      // The third parties: their ties to a seed or the group are communications too.
      bool third_party_calls = true;
      for_each_tie(c, v, [&](EvidenceId, NodeId u) {
        for_each_tie(c, u, [&](EvidenceId f, NodeId a) {
          if (anchor[a] && cls(c, f) != RelationClass::communication) third_party_calls = false;
        });
      });
      if (third_party_calls) g.calls_only.push_back(v);
    }
    if (c.kind(v) == NodeKind::migrant && any && only_client) g.client_only_migrants.push_back(v);
  }
  return g;
}

}  // namespace

TEST_CASE("orderings hold over many generated cases of varied shapes") {
  int cases = 0, org_tied_seen = 0, calls_only_seen = 0, absent = 0, not_seed = 0;
  for (const char* preset : {"tiny", "small"}) {
    const std::uint64_t last = std::string_view(preset) == "tiny" ? 30 : 8;
    for (std::uint64_t seed = 1; seed <= last; ++seed) {
      const GeneratedCase gen = generate_case({.preset = preset, .seed = seed, .varied = true});
      const Case& c = gen.c;
      CAPTURE(preset, seed);
      const Groups g = classify(c);
      const std::optional<NodeId> group = c.find("O-1");
      if (!group) ++absent;
      else if (std::none_of(c.seeds().begin(), c.seeds().end(), [&](const Seed& s) { return s.node == *group; }))
        ++not_seed;
      for (Method m : {Method::ppr, Method::spread, Method::ppr_degree}) {
        CAPTURE(to_string(m));
        const PropagationResult r = propagate(c, c.seeds(), {.method = m});
        for (NodeId v = 0; v < c.num_nodes(); ++v)
          if (context_kind(c.kind(v))) CHECK(r.scores[v] == 0.0);
        double worst_org = 1.0, best_calls = 0.0;
        NodeId worst_org_node = kNoNode, best_calls_node = kNoNode;
        for (NodeId v : g.org_tied)
          if (r.scores[v] < worst_org) worst_org = r.scores[v], worst_org_node = v;
        for (NodeId v : g.calls_only)
          if (r.scores[v] > best_calls) best_calls = r.scores[v], best_calls_node = v;
        if (worst_org_node != kNoNode && best_calls_node != kNoNode) {
          CAPTURE(c.node_id(worst_org_node), c.node_id(best_calls_node));
          CHECK(worst_org > best_calls);
        }
        const RankingQuality q = evaluate_ranking(c, r.scores, c.seeds(), gen.affiliated);
        CHECK(q.countries_in_budget == 0);
        // The review list: the first `budget` non-seed nodes with a positive score.
        std::set<NodeId> seeds;
        for (const Seed& s : c.seeds()) seeds.insert(s.node);
        std::set<NodeId> reviewed;
        for (NodeId v : r.order) {
          if (reviewed.size() >= q.budget || r.scores[v] <= 0) break;
          if (!seeds.count(v)) reviewed.insert(v);
        }
        for (NodeId v : g.client_only_migrants) {
          CAPTURE(c.node_id(v));
          CHECK_FALSE(reviewed.count(v));
        }
      }
      ++cases;
      org_tied_seen += !g.org_tied.empty();
      calls_only_seen += !g.calls_only.empty();
    }
  }
  // The cases exercise what the orderings are about.
  CHECK(cases == 38);
  CHECK(org_tied_seen >= 30);
  CHECK(calls_only_seen >= 15);
  CHECK(absent >= 3);
  CHECK(not_seed >= 10);
}

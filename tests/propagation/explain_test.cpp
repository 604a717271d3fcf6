// Explanations: k strongest evidence paths (Yen + A*) against brute-force enumeration, the path
// text, and per-seed shares against one propagation per seed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

#include "corridor/propagation/explain.hpp"
#include "propagation/fixtures.hpp"

using namespace corridor;
using corridor::testing::random_case;

namespace {

// Every simple path from v to a seed that meets no other seed on the way, by strength, strongest first.
std::vector<double> all_path_strengths(const ExplainIndex& idx, NodeId v) {
  std::vector<double> out;
  std::vector<char> on(idx.graph.num_vertices(), 0);
  std::function<void(NodeId, double)> dfs = [&](NodeId u, double strength) {
    if (idx.seed_weight[u] > 0) {
      out.push_back(strength * std::min(idx.seed_weight[u], 1.0));
      return;
    }
    on[u] = 1;
    auto nb = idx.graph.out_neighbors(u);
    auto w = idx.graph.out_weights(u);
    for (std::size_t i = 0; i < nb.size(); ++i)
      if (!on[nb[i]]) dfs(nb[i], strength * w[i]);
    on[u] = 0;
  };
  dfs(v, 1.0);
  std::sort(out.rbegin(), out.rend());
  return out;
}

}  // namespace

TEST_CASE("path text names relation and grade of the strongest evidence") {
  //  P00172 (seed) --affiliated_with B2--> O-1 <--affiliated_with C3-- M00012
  //                                            <--communicated E5----- M00012 (weaker, not shown)
  CaseBuilder b;
  b.add_node("P00172", NodeKind::person);
  b.add_node("O-1", NodeKind::organization);
  b.add_node("M00012", NodeKind::migrant);
  b.add_evidence({.source = "P00172", .target = "O-1", .relation = "affiliated_with", .grade = "B2",
                  .time = "2021-03-04", .source_ref = "R-17"});
  b.add_evidence({.source = "M00012", .target = "O-1", .relation = "communicated", .grade = "E5"});
  b.add_evidence({.source = "M00012", .target = "O-1", .relation = "affiliated_with", .grade = "C3"});
  b.add_seed("P00172");
  const Case c = std::move(b).freeze();
  // Implicit seeds off: with them, O-1 (the seed's group) is a seed and the path starts there.
  CHECK(path_text(c, strongest_paths(build_explain_index(c, c.seeds()), c.require("M00012"), {.k = 5}).at(0)) ==
        "O-1 -[affiliated_with C3]-> M00012");
  const ExplainIndex idx = build_explain_index(c, c.seeds(), {.group_seeds = GroupSeeds::off});
  const auto paths = strongest_paths(idx, c.require("M00012"), {.k = 5});
  REQUIRE(paths.size() == 1);
  CHECK(path_text(c, paths[0]) == "P00172 -[affiliated_with B2]-> O-1 -[affiliated_with C3]-> M00012");
  CHECK(paths[0].seed() == c.require("P00172"));
  CHECK(c.source_ref(paths[0].evidence[0]) == "R-17");
  CHECK(c.time(paths[0].evidence[0]).to_string() == "2021-03-04");
  const double t1 = 0.9 * 0.64, t2 = 1 - (1 - 0.9 * 0.36) * (1 - 0.3 * 0.04);
  CHECK(paths[0].strength == Approx(t1 * t2));
  // A seed's own explanation is itself.
  const auto self = strongest_paths(idx, c.require("P00172"));
  REQUIRE(self.size() == 1);
  CHECK(path_text(c, self[0]) == "P00172");
  CHECK(self[0].strength == 1.0);
  // An ungraded tie shows the relation alone.
  CaseBuilder b2;
  b2.add_node("A", NodeKind::person);
  b2.add_node("B", NodeKind::person);
  b2.add_evidence({.source = "A", .target = "B", .relation = "financed"});
  b2.add_seed("A");
  const Case c2 = std::move(b2).freeze();
  CHECK(path_text(c2, strongest_paths(build_explain_index(c2, c2.seeds()), 1)[0]) == "A -[financed]-> B");
}

TEST_CASE("k strongest paths match brute-force enumeration on random cases") {
  for (std::uint32_t seed = 1; seed <= 25; ++seed) {
    const Case c = random_case(seed, 9, 18, 1 + seed % 2);
    const ExplainIndex idx = build_explain_index(c, c.seeds());
    for (NodeId v = 0; v < c.num_nodes(); ++v) {
      INFO("case " << seed << ", node " << v);
      const std::vector<double> all = all_path_strengths(idx, v);
      const auto paths = strongest_paths(idx, v, {.k = 4, .min_relative_strength = 0.0});
      REQUIRE(paths.size() == std::min<std::size_t>(4, all.size()));
      for (std::size_t i = 0; i < paths.size(); ++i) {
        CHECK(paths[i].strength == Approx(all[i]).epsilon(1e-6));
        CHECK(paths[i].nodes.back() == v);
        CHECK(idx.seed_weight[paths[i].seed()] > 0);
        // simple, seeds only at the start, consecutive nodes tied
        std::vector<NodeId> sorted = paths[i].nodes;
        std::sort(sorted.begin(), sorted.end());
        CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
        for (std::size_t j = 1; j < paths[i].nodes.size(); ++j) {
          CHECK(idx.graph.has_edge(paths[i].nodes[j - 1], paths[i].nodes[j]));
          CHECK(idx.seed_weight[paths[i].nodes[j]] == 0);
        }
      }
    }
  }
}

TEST_CASE("every node with a non-zero score has a path") {
  for (std::uint32_t seed = 30; seed < 40; ++seed) {
    const Case c = random_case(seed, 80, 160, 2);
    for (Method m : {Method::ppr, Method::spread, Method::ppr_degree, Method::naive}) {
      const PropagationParams p{.method = m};
      const PropagationResult r = propagate(c, c.seeds(), p);
      const ExplainIndex idx = build_explain_index(c, c.seeds(), p);
      std::size_t reached = 0;
      for (NodeId v = 0; v < c.num_nodes(); ++v) {
        const auto paths = strongest_paths(idx, v, {.k = 1});
        if (r.scores[v] > 0) {
          ++reached;
          REQUIRE(paths.size() == 1);
          CHECK(paths[0].seed() == r.top_seed[v]);
        }
        if (paths.empty()) CHECK(r.scores[v] == 0.0);
      }
      CHECK(reached > c.seeds().size());  // the check saw more than the seeds
    }
  }
}

TEST_CASE("seed shares add up to the score and match one propagation per seed") {
  for (std::uint32_t seed = 50; seed < 54; ++seed) {
    const Case c = random_case(seed, 40, 120, 3);
    for (Method m : {Method::ppr, Method::spread, Method::ppr_degree}) {
      // Per given seed: implicit seeds off (they are not linear in the seeds).
      const PropagationParams p{.method = m, .group_seeds = GroupSeeds::off, .tolerance = 1e-14};
      const PropagationResult r = propagate(c, c.seeds(), p);
      double total_conf = 0;
      for (const Seed& s : c.seeds()) total_conf += s.confidence;
      std::vector<PropagationResult> alone;
      for (const Seed& s : c.seeds()) alone.push_back(propagate(c, std::vector<Seed>{s}, p));
      for (NodeId v = 0; v < c.num_nodes(); v += 3) {
        INFO("case " << seed << ", method " << to_string(m) << ", node " << v);
        const auto shares = seed_shares(c, c.seeds(), v, p);
        REQUIRE(shares.size() == c.seeds().size());
        double sum = 0, fractions = 0;
        for (const SeedShare& s : shares) {
          sum += s.contribution;
          fractions += s.fraction;
          std::size_t k = 0;
          while (c.seeds()[k].node != s.seed) ++k;
          CHECK(s.contribution == Approx(c.seeds()[k].confidence / total_conf * alone[k].scores[v]).margin(1e-10));
        }
        CHECK(sum == Approx(r.scores[v]).margin(1e-10));
        if (r.scores[v] > 0) CHECK(fractions == Approx(1.0));
        for (std::size_t i = 1; i < shares.size(); ++i) CHECK(shares[i - 1].contribution >= shares[i].contribution);
      }
    }
  }
}

TEST_CASE("explanation parameters are checked") {
  const Case c = random_case(3, 10, 20, 1);
  const ExplainIndex idx = build_explain_index(c, c.seeds());
  CHECK_THROWS_WITH(strongest_paths(idx, 0, {.k = 0}), Catch::Contains("[1, 1000]"));
  CHECK_THROWS_WITH(strongest_paths(idx, 0, {.k = kMaxPaths + 1}), Catch::Contains("[1, 1000]"));
  CHECK_THROWS_AS(strongest_paths(idx, 999), ParamError);
  CHECK_THROWS_AS(seed_shares(c, c.seeds(), 999), ParamError);
}

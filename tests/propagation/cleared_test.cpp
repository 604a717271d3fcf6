// Cleared persons: a negative prior that passes no suspicion on, scores 0, and pulls its
// neighbourhood down; adding one never raises any score.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "corridor/propagation/propagate.hpp"
#include "propagation/fixtures.hpp"

using namespace corridor;
using corridor::testing::random_case;

TEST_CASE("a cleared person scores 0, passes no suspicion on, and lowers its neighbours") {
  //  S (seed) --recruited B2-- C (cleared) --recruited B2-- X
  //  S --communicated B2-- N --communicated B2-- C
  CaseBuilder b;
  for (const char* id : {"S", "C", "X", "N"}) b.add_node(id, NodeKind::person);
  b.add_evidence({.source = "S", .target = "C", .relation = "recruited", .grade = "B2"});
  b.add_evidence({.source = "C", .target = "X", .relation = "recruited", .grade = "B2"});
  b.add_evidence({.source = "S", .target = "N", .relation = "communicated", .grade = "B2"});
  b.add_evidence({.source = "N", .target = "C", .relation = "communicated", .grade = "B2"});
  b.add_seed("S");
  const Case c = std::move(b).freeze();
  const NodeId C = c.require("C"), X = c.require("X"), N = c.require("N");
  const PropagationResult before = propagate(c, c.seeds());
  const std::vector<Seed> cleared{{C, 0.3, "alibi"}};
  const PropagationResult after = propagate(c, c.seeds(), {}, cleared);
  CHECK(before.scores[C] > 0);
  CHECK(after.scores[C] == 0.0);
  CHECK(after.suspicion[X] == 0.0);  // X is reached only through C
  CHECK(after.scores[X] == 0.0);
  CHECK(after.scores[N] > 0);
  CHECK(after.scores[N] < before.scores[N]);
  CHECK(after.clearance[N] > 0);
  CHECK(after.scores[N] == Approx(after.suspicion[N] - after.clearance[N]));
  CHECK(after.cleared_weight[C] == 0.3);
  CHECK(after.top_seed[X] == kNoNode);
  // A weaker clearance lowers less; a certain one outweighs the seed's suspicion of N.
  const std::vector<Seed> weak{{C, 0.1, ""}}, sure{{C, 1.0, ""}};
  CHECK(propagate(c, c.seeds(), {}, weak).scores[N] > after.scores[N]);
  const PropagationResult cleared_for_sure = propagate(c, c.seeds(), {}, sure);
  CHECK(cleared_for_sure.suspicion[N] < cleared_for_sure.clearance[N]);
  CHECK(cleared_for_sure.scores[N] == 0.0);
}

TEST_CASE("property: adding a cleared person never raises any score") {
  std::mt19937 rng(4);
  for (std::uint32_t seed = 1; seed <= 30; ++seed) {
    const Case c = random_case(seed, 25 + seed % 10, 70 + 3 * seed, 1 + seed % 3);
    for (Method m : {Method::ppr, Method::spread, Method::ppr_degree}) {
      const PropagationParams p{.method = m, .tolerance = 1e-13};
      std::vector<Seed> cleared;
      PropagationResult prev = propagate(c, c.seeds(), p, cleared);
      for (int round = 0; round < 4; ++round) {
        NodeId v;
        do v = static_cast<NodeId>(rng() % c.num_nodes());
        while (prev.seed_weight[v] > 0 || prev.cleared_weight[v] > 0);
        cleared.push_back({v, 0.1 + 0.9 * static_cast<double>(rng() % 10) / 9.0, ""});
        const PropagationResult next = propagate(c, c.seeds(), p, cleared);
        INFO("case " << seed << ", method " << to_string(m) << ", " << cleared.size() << " cleared");
        for (NodeId x = 0; x < c.num_nodes(); ++x) CHECK(next.scores[x] <= prev.scores[x] + 1e-12);
        CHECK(next.scores[v] == 0.0);
        prev = next;
      }
    }
  }
}

TEST_CASE("a node both seed and cleared is refused, with both named") {
  const Case c = random_case(2, 10, 20, 2);
  const std::vector<Seed> cleared{{c.seeds()[0].node, 1.0, ""}};
  CHECK_THROWS_WITH(propagate(c, c.seeds(), {}, cleared), Catch::Contains("both a seed and a cleared person"));
  const std::vector<Seed> bad{{999, 1.0, ""}};
  CHECK_THROWS_AS(propagate(c, c.seeds(), {}, bad), ParamError);
  const std::vector<Seed> zero{{5, 0.0, ""}};
  CHECK_THROWS_WITH(propagate(c, c.seeds(), {}, zero), Catch::Contains("(0,1]"));
}

TEST_CASE("the naive baseline ignores cleared persons") {
  const Case c = random_case(3, 20, 60, 2);
  const std::vector<Seed> cleared{{15, 1.0, ""}};
  const PropagationResult a = propagate(c, c.seeds(), {.method = Method::naive});
  const PropagationResult b = propagate(c, c.seeds(), {.method = Method::naive}, cleared);
  CHECK(a.scores == b.scores);
  CHECK(b.clearance.empty());
}

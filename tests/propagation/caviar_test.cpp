// The check on real data: CAVIAR (Morselli 2009; intercepted calls between 110
// participants of a drug-trafficking network, tests/data/caviar). With N12 as the only seed, the
// explanation of N41 must start with their direct tie, and no chain of `communicated` ties may
// look stronger than one such tie.
#include <catch2/catch.hpp>

#include <string>

#include "corridor/io/case_io.hpp"
#include "corridor/propagation/explain.hpp"

using namespace corridor;

namespace {
Case caviar() { return read_case(std::string(CORRIDOR_TEST_DATA) + "/caviar"); }
}  // namespace

TEST_CASE("CAVIAR: explain N41 from N12 lists the direct tie first, chains stay weaker") {
  const Case c = caviar();
  REQUIRE(c.num_nodes() == 110);
  const NodeId n12 = c.require("N12"), n41 = c.require("N41");
  const std::vector<Seed> seeds{{n12, 1.0, ""}};
  const PropagationResult r = propagate(c, seeds);
  const ExplainIndex idx = build_explain_index(c, r);
  const Explanation e = explain(idx, n41, {.k = 10});
  REQUIRE(e.paths.size() == 10);
  CHECK(e.paths[0].nodes == std::vector<NodeId>{n12, n41});
  const double direct = e.paths[0].contribution;
  double covered = 0.0;
  for (const EvidencePath& p : e.paths) {
    INFO(path_text(c, p));
    covered += p.contribution;
    CHECK(p.contribution <= e.score);
    double chain = 1.0;
    for (std::size_t i = 0; i < p.evidence.size(); ++i) {
      CHECK(c.relation_name(p.evidence[i]) == "communicated");
      CHECK(p.tie_strength[i] <= 0.3 + 1e-12);  // however many calls
      chain *= p.tie_strength[i];
    }
    if (p.nodes.size() > 2) {
      CHECK(chain <= 0.3 * 0.3 + 1e-12);
      CHECK(p.contribution < direct);
    }
  }
  CHECK(e.covered == Approx(covered / e.score));
  CHECK(e.truncation == 0.0);  // a small case: exact
  REQUIRE(e.shares.size() == 1);
  CHECK(e.shares[0].contribution == Approx(e.score).epsilon(1e-9));
}

TEST_CASE("CAVIAR: the paths from N12 alone to N41 start with the direct tie and add up to N41's score") {
  // What `corridor paths --from N12 --to N41` lists (report/lead.hpp: N12 the only seed, weight 1).
  const Case c = caviar();
  const NodeId n12 = c.require("N12"), n41 = c.require("N41");
  const std::vector<Seed> alone{{n12, 1.0, ""}};
  const ExplainIndex idx = build_explain_index(c, alone, {.group_seeds = GroupSeeds::off});
  const auto paths = strongest_paths(idx, n41, {.k = 5, .min_relative_strength = 0.0});
  REQUIRE(paths.size() == 5);
  CHECK(paths[0].nodes == std::vector<NodeId>{n12, n41});
  for (const EvidencePath& p : paths) {
    CHECK(p.share == Approx(p.contribution / idx.scores[n41]));
    CHECK(p.contribution <= paths[0].contribution);
  }
}

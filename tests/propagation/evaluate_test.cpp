// Ranking quality against ground truth, by hand on a tiny ranking, and the product's acceptance
// bar on the generator's cases.
#include <catch2/catch.hpp>

#include "corridor/generate/generate.hpp"
#include "corridor/propagation/evaluate.hpp"
#include "propagation/fixtures.hpp"

using namespace corridor;

TEST_CASE("average precision, budget, countries and innocent migrants by hand") {
  // nodes: 0 seed, 1..3 hidden affiliates, 4 country, 5 migrant, 6 person
  CaseBuilder b;
  b.add_node("S", NodeKind::person);
  b.add_node("H1", NodeKind::person);
  b.add_node("H2", NodeKind::person);
  b.add_node("H3", NodeKind::migrant);
  b.add_node("C", NodeKind::country);
  b.add_node("M", NodeKind::migrant);
  b.add_node("P", NodeKind::person);
  b.add_seed("S");
  const Case c = std::move(b).freeze();
  const std::vector<NodeId> truth{0, 1, 2, 3};
  // ranking of non-seeds: H1 (0.9), C (0.8), H2 (0.7), M (0.6), P (0.5); H3 scores 0
  const std::vector<double> scores{1.0, 0.9, 0.7, 0.0, 0.8, 0.6, 0.5};
  const RankingQuality q = evaluate_ranking(c, scores, c.seeds(), truth);
  CHECK(q.hidden == 3);
  CHECK(q.budget == 6);
  CHECK(q.reviewed == 5);  // only positive scores are proposed
  CHECK(q.average_precision == Approx((1.0 / 1 + 2.0 / 3) / 3));
  CHECK(q.hits_in_budget == 2);
  CHECK(q.recall_at_budget == Approx(2.0 / 3));
  CHECK(q.countries_in_budget == 1);
  CHECK(q.innocent_migrants_in_budget == 1);
  const RankingQuality tight = evaluate_ranking(c, scores, c.seeds(), truth, {.budget_factor = 1.0});
  CHECK(tight.budget == 3);
  CHECK(tight.hits_in_budget == 2);
  CHECK(tight.innocent_migrants_in_budget == 0);
  CHECK_THROWS_WITH(evaluate_ranking(c, scores, c.seeds(), std::vector<NodeId>{0}), Catch::Contains("besides the seeds"));
  CHECK_THROWS_AS(evaluate_ranking(c, std::vector<double>{1.0}, c.seeds(), truth), ParamError);
  CHECK_THROWS_AS(evaluate_ranking(c, scores, c.seeds(), truth, {.budget_factor = 0}), ParamError);
}

TEST_CASE("acceptance: on the generator's small cases corridor beats the naive baseline by 0.15 AP") {
  double ap = 0, naive_ap = 0;
  std::size_t naive_context = 0;
  const int cases = 4;
  for (int seed = 1; seed <= cases; ++seed) {
    INFO("generator seed " << seed);
    const GeneratedCase g = generate_case({.preset = "small", .seed = static_cast<std::uint64_t>(seed)});
    REQUIRE(g.c.seeds().size() >= 5);
    const MethodComparison m = compare_with_naive(g.c, g.c.seeds(), g.affiliated);
    CHECK(m.quality.countries_in_budget == 0);
    CHECK(m.quality.innocent_migrants_in_budget == 0);
    CHECK(m.quality.recall_at_budget >= 0.9);
    ap += m.quality.average_precision;
    naive_ap += m.naive.average_precision;
    naive_context += m.naive.countries_in_budget;
  }
  ap /= cases;
  naive_ap /= cases;
  CHECK(ap >= naive_ap + 0.15);
  CHECK(ap >= 0.75);
  CHECK(naive_context > 0);  // the trap is real: the baseline reviews countries
}

TEST_CASE("the other methods keep the promise too on a generated case") {
  const GeneratedCase g = generate_case({.preset = "small", .seed = 11});
  for (Method m : {Method::spread, Method::ppr_degree}) {
    INFO("method " << to_string(m));
    const MethodComparison cmp = compare_with_naive(g.c, g.c.seeds(), g.affiliated, {.method = m});
    CHECK(cmp.quality.countries_in_budget == 0);
    CHECK(cmp.quality.innocent_migrants_in_budget == 0);
    CHECK(cmp.quality.average_precision >= cmp.naive.average_precision + 0.15);
  }
}

// Explaining many leads at once (a scores table's path column, a report's leads): the same paths,
// contributions and truncations as one call per lead, the same per-seed shares as one call per
// node, and the same output on one and on two threads.
#include <catch2/catch.hpp>

#include <vector>

#include "corridor/generate/generate.hpp"
#include "corridor/propagation/explain.hpp"
#include "propagation/fixtures.hpp"
#include "propagation/operator_impl.hpp"

#if defined(CORRIDOR_HAVE_OPENMP) || defined(_OPENMP)
#include <omp.h>
#define BULK_TEST_OPENMP 1
#endif

using namespace corridor;

namespace {

// More than 1000 nodes, so the closed-walk sums come from the local push (smaller cases are
// exact from one dense solve at indexing and share nothing between leads).
Case generated_case() {
  return generate_case({.preset = "small", .seed = 11, .migrants = 1400, .varied = true}).c;
}

void same_paths(const std::vector<EvidencePath>& a, const std::vector<EvidencePath>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t j = 0; j < a.size(); ++j) {
    CHECK(a[j].nodes == b[j].nodes);
    CHECK(a[j].evidence == b[j].evidence);
    // The memo across leads holds values that depend on their key alone: equal to the bit.
    CHECK(a[j].contribution == b[j].contribution);
    CHECK(a[j].error == b[j].error);
    CHECK(a[j].share == b[j].share);
  }
}

void same_shares(const std::vector<SeedShare>& a, const std::vector<SeedShare>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t j = 0; j < a.size(); ++j) {
    CHECK(a[j].seed == b[j].seed);
    CHECK(a[j].cleared == b[j].cleared);
    CHECK(a[j].contribution == b[j].contribution);
  }
}

}  // namespace

TEST_CASE("many leads at once: the same paths as one lead at a time") {
  const Case c = generated_case();
  REQUIRE(c.num_nodes() > 1000);
  const PropagationResult r = propagate(c, c.seeds());
  const ExplainIndex idx = build_explain_index(c, r);
  REQUIRE(idx.green == nullptr);
  std::size_t reached = 0;
  for (double s : r.scores) reached += s > 0;
  const std::size_t leads = std::min<std::size_t>(50, reached);
  REQUIRE(leads == 50);
  const std::span<const NodeId> top(r.order.data(), leads);
  // Per-lead params: three paths for the first leads, one for the rest, as analyze asks.
  std::vector<PathParams> params;
  for (std::size_t i = 0; i < leads; ++i) params.push_back(bulk_path_params(i < 15 ? 3 : 1));
  const auto many = strongest_paths(idx, top, params);
  REQUIRE(many.size() == leads);
  std::size_t long_paths = 0;
  for (std::size_t i = 0; i < leads; ++i) {
    INFO("lead " << i << " (" << c.node_id(top[i]) << ")");
    const auto one = strongest_paths(idx, top[i], params[i]);
    CHECK(!one.empty());
    same_paths(many[i], one);
    for (const EvidencePath& p : one) long_paths += p.nodes.size() >= 3;
  }
  CHECK(long_paths > 0);  // the memo was exercised beyond a seed's first hops
  // One params for all.
  const PathParams k2 = bulk_path_params(2);
  const auto all_k2 = strongest_paths(idx, top.first(10), std::span<const PathParams>(&k2, 1));
  for (std::size_t i = 0; i < 10; ++i) same_paths(all_k2[i], strongest_paths(idx, top[i], k2));
}

TEST_CASE("many leads at once: shares equal one call per node") {
  const Case c = generated_case();
  const std::vector<Seed> cleared{{c.require("M00005"), 1.0, ""}};
  const PropagationResult r = propagate(c, c.seeds(), {}, cleared);
  const ExplainIndex idx = build_explain_index(c, r);
  std::size_t seeds = 0;
  for (double w : idx.seed_weight) seeds += w > 0;
  // Fewer nodes than seeds and cleared persons: one transposed solve per node, as seed_shares(v).
  const std::span<const NodeId> few(r.order.data(), std::min<std::size_t>(seeds, 9));
  const auto few_shares = seed_shares(idx, few);
  for (std::size_t i = 0; i < few.size(); ++i) same_shares(few_shares[i], seed_shares(idx, few[i]));
  // More nodes: one forward solve per seed; the same numbers within the solves' tolerance.
  const std::span<const NodeId> more(r.order.data(), seeds + 5);
  const auto more_shares = seed_shares(idx, more);
  for (std::size_t i = 0; i < more.size(); ++i) {
    const auto one = seed_shares(idx, more[i]);
    REQUIRE(one.size() == more_shares[i].size());
    double sum = 0;
    for (std::size_t j = 0; j < one.size(); ++j) {
      CHECK(one[j].seed == more_shares[i][j].seed);
      CHECK(more_shares[i][j].contribution == Approx(one[j].contribution).margin(1e-12));
      sum += more_shares[i][j].contribution;
    }
    CHECK(sum == Approx(r.scores[more[i]]).margin(1e-10));  // they add up to the score
  }
}

TEST_CASE("many leads at once: params are checked before the work") {
  const Case c = testing::random_case(3, 10, 20, 1);
  const ExplainIndex idx = build_explain_index(c, c.seeds());
  const std::vector<NodeId> nodes{0, 1, 2};
  const std::vector<PathParams> two(2);
  CHECK_THROWS_WITH(strongest_paths(idx, nodes, two), Catch::Contains("one per node"));
  const std::vector<NodeId> bad{0, 999};
  const PathParams one{};
  CHECK_THROWS_AS(strongest_paths(idx, bad, std::span<const PathParams>(&one, 1)), ParamError);
  CHECK(strongest_paths(idx, std::span<const NodeId>(), std::span<const PathParams>(&one, 1)).empty());
}

#ifdef BULK_TEST_OPENMP
TEST_CASE("many leads at once: the same output on 1 and 2 threads") {
  const Case c = generated_case();
  const PropagationResult r = propagate(c, c.seeds());
  const ExplainIndex idx = build_explain_index(c, r);
  const std::span<const NodeId> top(r.order.data(), 40);
  const PathParams p = bulk_path_params(3);
  const int before = omp_get_max_threads();
  omp_set_num_threads(1);
  const auto paths1 = strongest_paths(idx, top, std::span<const PathParams>(&p, 1));
  const auto shares1 = seed_shares(idx, top.first(6));
  omp_set_num_threads(2);
  const auto paths2 = strongest_paths(idx, top, std::span<const PathParams>(&p, 1));
  const auto shares2 = seed_shares(idx, top.first(6));
  omp_set_num_threads(before);
  for (std::size_t i = 0; i < top.size(); ++i) same_paths(paths1[i], paths2[i]);
  for (std::size_t i = 0; i < shares1.size(); ++i) same_shares(shares1[i], shares2[i]);
}
#endif

TEST_CASE("the index takes the result's own walk, and explains exactly as with one built again") {
  const Case c = generated_case();
  const std::vector<Seed> cleared{{static_cast<NodeId>(c.num_nodes() - 1), 0.6, ""}};
  for (const std::vector<Seed>& cl : {std::vector<Seed>{}, cleared}) {
    const PropagationResult r = propagate(c, c.seeds(), {}, cl);
    REQUIRE(r.walk);
    const ExplainIndex reused = build_explain_index(c, r);
    CHECK(&reused.plain->graph() == &r.walk->graph());  // shared, not built again
    PropagationResult bare = r;
    bare.walk.reset();  // a result put together by hand
    const ExplainIndex rebuilt = build_explain_index(c, bare);
    CHECK(&rebuilt.plain->graph() != &r.walk->graph());
    // Other params than the walk was built with: built again from the case and those params.
    PropagationResult changed = r;
    changed.params.restart = 0.3;
    CHECK(&build_explain_index(c, changed).plain->graph() != &r.walk->graph());
    // Every params field counts, the strength rule's too.
    PropagationResult decayed = r;
    decayed.params.strength.half_life_days = 365;
    CHECK(&build_explain_index(c, decayed).plain->graph() != &r.walk->graph());
    // A walk is this case's only while the case at that address has its counts (the address of
    // a destroyed case can be reused by another).
    CHECK(detail::built_from(*r.walk, c, r.params));
    detail::PropagationOperator stale = *r.walk;
    stale.source_evidence += 1;
    CHECK_FALSE(detail::built_from(stale, c, r.params));
    std::vector<NodeId> leads(r.order.begin(), r.order.begin() + 40);
    const PathParams bulk = bulk_path_params(3);
    const auto a = strongest_paths(reused, leads, std::span<const PathParams>(&bulk, 1));
    const auto b = strongest_paths(rebuilt, leads, std::span<const PathParams>(&bulk, 1));
    for (std::size_t i = 0; i < leads.size(); ++i) same_paths(a[i], b[i]);
    same_shares(seed_shares(reused, leads[3]), seed_shares(rebuilt, leads[3]));
  }
}

// Quality and comparison measures: modularity and CPM against a direct double sum over vertex
// pairs, literature values on Zachary's karate club, NMI and ARI against hand-computed values.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "community/test_graphs.hpp"
#include "corridor/community/partition.hpp"
#include "corridor/community/quality.hpp"
#include "corridor/error.hpp"

using namespace corridor;
using community_test::SplitMix;

namespace {

double weight(const Graph& g, vertex_t i, vertex_t j) {
  auto a = g.find_arc(i, j);
  return a < 0 ? 0.0 : g.arc_weights()[static_cast<std::size_t>(a)];
}

// Q = 1/2m sum over all ordered pairs (A_ij - gamma k_i k_j / 2m) delta(c_i, c_j).
double brute_modularity(const Graph& g, const std::vector<std::int64_t>& c, double gamma) {
  const vertex_t n = g.num_vertices();
  std::vector<double> k(n, 0.0);
  double two_m = 0.0;
  for (vertex_t i = 0; i < n; ++i)
    for (vertex_t j = 0; j < n; ++j) k[i] += weight(g, i, j);
  for (double x : k) two_m += x;
  double q = 0.0;
  for (vertex_t i = 0; i < n; ++i)
    for (vertex_t j = 0; j < n; ++j)
      if (c[i] == c[j]) q += weight(g, i, j) - gamma * k[i] * k[j] / two_m;
  return q / two_m;
}

// H = sum over unordered pairs in the same community of (A_ij - gamma).
double brute_cpm(const Graph& g, const std::vector<std::int64_t>& c, double gamma) {
  double h = 0.0;
  for (vertex_t i = 0; i < g.num_vertices(); ++i)
    for (vertex_t j = i + 1; j < g.num_vertices(); ++j)
      if (c[i] == c[j]) h += weight(g, i, j) - gamma;
  return h;
}

std::vector<std::int64_t> random_membership(vertex_t n, std::uint32_t k, SplitMix& rng) {
  std::vector<std::int64_t> c(n);
  for (auto& x : c) x = 3 * static_cast<std::int64_t>(rng.below(k)) + 5;  // sparse labels on purpose
  return c;
}

}  // namespace

TEST_CASE("modularity and CPM equal the direct pair sums on random graphs") {
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    SplitMix rng(seed * 7919);
    const vertex_t n = 5 + rng.below(40);
    const bool weighted = seed % 2 == 0;
    Graph g = community_test::random_graph(n, 0.05 + 0.3 * rng.uniform(), seed, weighted);
    if (g.num_edges() == 0) continue;
    for (double gamma : {0.0, 0.5, 1.0, 2.5}) {
      auto c = random_membership(n, 1 + rng.below(6), rng);
      INFO("seed " << seed << " gamma " << gamma);
      CHECK(modularity(g, c, gamma) == Approx(brute_modularity(g, c, gamma)).margin(1e-12));
      CHECK(cpm_quality(g, c, gamma) == Approx(brute_cpm(g, c, gamma)).margin(1e-9));
    }
  }
}

TEST_CASE("modularity of known karate club partitions") {
  Graph g = community_test::read_graph("karate.txt");
  REQUIRE(g.num_vertices() == 34);
  REQUIRE(g.num_edges() == 78);
  // Zachary's observed split: Mr. Hi's club against the officer's (REFERENCE.md: 0.358235).
  std::vector<std::int64_t> split(34, 1);
  for (int v : {0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 16, 17, 19, 21}) split[v] = 0;
  CHECK(modularity(g, split) == Approx(0.358235).margin(1e-6));
  CHECK(modularity(g, split, 0.5) == Approx(0.6086045364891519).margin(1e-9));  // networkx
  // The optimum (igraph optimal_modularity, REFERENCE.md).
  std::vector<std::int64_t> best(34, 3);
  for (int v : {0, 1, 2, 3, 7, 11, 12, 13, 17, 19, 21}) best[v] = 0;
  for (int v : {4, 5, 6, 10, 16}) best[v] = 1;
  for (int v : {23, 24, 25, 27, 28, 31}) best[v] = 2;
  CHECK(modularity(g, best) == Approx(0.419790).margin(1e-6));
  // All in one community: 1 - gamma.
  std::vector<std::int64_t> one(34, 0);
  CHECK(modularity(g, one) == Approx(0.0).margin(1e-12));
  CHECK(modularity(g, one, 0.25) == Approx(0.75));
}

TEST_CASE("modularity errors and the edgeless graph") {
  Graph g = community_test::read_graph("karate.txt");
  std::vector<std::int64_t> short_membership(10, 0);
  CHECK_THROWS_AS(modularity(g, short_membership), ParamError);
  std::vector<std::int64_t> negative(34, 0);
  negative[3] = -1;
  CHECK_THROWS_AS(modularity(g, negative), ParamError);
  std::vector<std::int64_t> ok(34, 0);
  CHECK_THROWS_AS(modularity(g, ok, -1.0), ParamError);
  CHECK_THROWS_AS(cpm_quality(g, ok, std::nan("")), ParamError);
  Graph empty = Graph::from_edges(3, std::vector<Graph::Edge>{}, Direction::undirected);
  std::vector<std::int64_t> three{0, 1, 2};
  CHECK(std::isnan(modularity(empty, three)));
  CHECK(cpm_quality(empty, three, 0.5) == 0.0);
}

TEST_CASE("NMI and ARI against hand-computed values") {
  using V = std::vector<std::int64_t>;
  V a{0, 0, 1, 1, 2, 2};
  V relabelled{7, 7, -3, -3, 4, 4};
  CHECK(nmi(a, a) == Approx(1.0));
  CHECK(nmi(a, relabelled) == Approx(1.0));
  CHECK(adjusted_rand_index(a, a) == Approx(1.0));
  CHECK(adjusted_rand_index(a, relabelled) == Approx(1.0));
  // b refines a: I = H(a) = ln 2, H(b) = 1.5 ln 2, NMI = ln 2 / (1.25 ln 2) = 0.8.
  // ARI: sum C(n_ij,2) = 1, sum C(a_i,2) = 2, sum C(b_j,2) = 1, C(4,2) = 6:
  // (1 - 2/6) / (1.5 - 2/6) = 4/7.
  CHECK(nmi(V{0, 0, 1, 1}, V{0, 0, 1, 2}) == Approx(0.8));
  CHECK(adjusted_rand_index(V{0, 0, 1, 1}, V{0, 0, 1, 2}) == Approx(4.0 / 7.0));
  CHECK(adjusted_rand_index(V{0, 0, 1, 2}, V{0, 0, 1, 1}) == Approx(4.0 / 7.0));
  // Independent halves: no information, ARI below chance: (0 - 2*2/6) / (2 - 4/6) = -1/2.
  CHECK(nmi(V{0, 0, 1, 1}, V{0, 1, 0, 1}) == Approx(0.0).margin(1e-12));
  CHECK(adjusted_rand_index(V{0, 0, 1, 1}, V{0, 1, 0, 1}) == Approx(-0.5));
  // a = 000111, b = 001122: cells 2,1,1,2 -> 2 pairs; a 6 pairs, b 3, C(6,2) = 15:
  // ARI = (2 - 18/15) / (4.5 - 18/15) = 0.8 / 3.3.
  CHECK(adjusted_rand_index(V{0, 0, 0, 1, 1, 1}, V{0, 0, 1, 1, 2, 2}) == Approx(0.8 / 3.3));
  // H(a) = ln 2, H(b) = ln 3, H(a,b) = -(2 (1/3) ln(1/3) + 2 (1/6) ln(1/6)).
  const double ha = std::log(2.0), hb = std::log(3.0);
  const double hab = -(2.0 / 3.0 * std::log(1.0 / 3.0) + 1.0 / 3.0 * std::log(1.0 / 6.0));
  CHECK(nmi(V{0, 0, 0, 1, 1, 1}, V{0, 0, 1, 1, 2, 2}) == Approx((ha + hb - hab) / ((ha + hb) / 2)));
  CHECK(nmi(V{0, 0, 0, 1, 1, 1}, V{0, 0, 1, 1, 2, 2}) == Approx(0.5158037429793887));
  // Degenerate cases follow scikit-learn.
  CHECK(adjusted_rand_index(V{0, 0, 0, 0}, V{0, 1, 2, 3}) == Approx(0.0).margin(1e-12));
  CHECK(nmi(V{0, 0, 0, 0}, V{0, 1, 2, 3}) == Approx(0.0).margin(1e-12));
  CHECK(nmi(V{1, 1, 1}, V{2, 2, 2}) == 1.0);
  CHECK(adjusted_rand_index(V{0, 1, 2}, V{5, 6, 7}) == 1.0);
  CHECK_THROWS_AS(nmi(V{0, 1}, V{0}), ParamError);
  CHECK_THROWS_AS(adjusted_rand_index(V{0, 1}, V{0}), ParamError);
}

TEST_CASE("NMI and ARI are symmetric and bounded on random labelings") {
  SplitMix rng(99);
  for (int t = 0; t < 50; ++t) {
    std::vector<std::int64_t> a(40), b(40);
    for (auto& x : a) x = rng.below(4);
    for (auto& x : b) x = rng.below(6);
    CHECK(nmi(a, b) == Approx(nmi(b, a)));
    CHECK(adjusted_rand_index(a, b) == Approx(adjusted_rand_index(b, a)));
    CHECK(nmi(a, b) >= 0.0);
    CHECK(nmi(a, b) < 1.0);
    CHECK(adjusted_rand_index(a, b) < 1.0);
  }
}

TEST_CASE("normalize_membership numbers by first vertex") {
  std::vector<std::int64_t> labels{9, 4, 9, -2, 4, 100};
  auto p = normalize_membership(labels);
  CHECK(p.count == 4);
  CHECK(p.membership == std::vector<std::int64_t>{0, 1, 0, 2, 1, 3});
  std::vector<std::int64_t> dense{2, 2, 0, 1};
  auto q = normalize_membership(dense);
  CHECK(q.membership == std::vector<std::int64_t>{0, 0, 1, 2});
  CHECK(community_sizes(q.membership) == std::vector<std::size_t>{2, 1, 1});
  CHECK_THROWS_AS(community_sizes(labels), ParamError);
}

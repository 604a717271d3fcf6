// Leiden, Louvain and label propagation: literature optima on small graphs, connected Leiden
// communities on many random graphs, planted partitions recovered, determinism, the hierarchy,
// semi-supervised labels, edge cases and parameter errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <queue>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "community/test_graphs.hpp"
#include "corridor/community/label_propagation.hpp"
#include "corridor/community/leiden.hpp"
#include "corridor/community/louvain.hpp"
#include "corridor/community/partition.hpp"
#include "corridor/community/quality.hpp"
#include "corridor/error.hpp"

using namespace corridor;
using community_test::SplitMix;

namespace {

// Every community induces a connected subgraph: BFS from one member inside the community
// reaches all its members.
bool all_connected(const Graph& g, const std::vector<std::int64_t>& membership, std::size_t count) {
  const vertex_t n = g.num_vertices();
  std::vector<std::size_t> size(count, 0), reached(count, 0);
  for (auto c : membership) ++size[static_cast<std::size_t>(c)];
  std::vector<char> started(count, 0), seen(n, 0);
  for (vertex_t s = 0; s < n; ++s) {
    const auto c = static_cast<std::size_t>(membership[s]);
    if (started[c]) continue;
    started[c] = 1;
    std::queue<vertex_t> q;
    q.push(s);
    seen[s] = 1;
    while (!q.empty()) {
      vertex_t v = q.front();
      q.pop();
      ++reached[c];
      for (vertex_t u : g.out_neighbors(v))
        if (!seen[u] && static_cast<std::size_t>(membership[u]) == c) {
          seen[u] = 1;
          q.push(u);
        }
    }
  }
  return reached == size;
}

// Numbered 0..count-1 by smallest vertex: each new number appears in increasing order.
bool numbered_by_first_vertex(const std::vector<std::int64_t>& m, std::size_t count) {
  std::int64_t next = 0;
  for (auto c : m) {
    if (c > next) return false;
    if (c == next) ++next;
  }
  return static_cast<std::size_t>(next) == count;
}

// Each group of level i+1 is a union of groups of level i.
bool nested(const std::vector<std::int64_t>& fine, const std::vector<std::int64_t>& coarse) {
  std::vector<std::int64_t> parent(fine.size() + 1, -1);
  for (std::size_t v = 0; v < fine.size(); ++v) {
    auto& p = parent[static_cast<std::size_t>(fine[v])];
    if (p < 0) p = coarse[v];
    else if (p != coarse[v]) return false;
  }
  return true;
}

void check_result_shape(const Graph& g, const CommunityResult& r) {
  REQUIRE(r.membership.size() == g.num_vertices());
  CHECK(numbered_by_first_vertex(r.membership, r.count));
  REQUIRE_FALSE(r.levels.empty());
  CHECK(r.levels.back() == r.membership);
  for (std::size_t i = 0; i + 1 < r.levels.size(); ++i) CHECK(nested(r.levels[i], r.levels[i + 1]));
}

}  // namespace

TEST_CASE("Leiden reaches the known modularity optima") {
  struct Case {
    const char* file;
    double optimum;
  };
  // REFERENCE.md (igraph optimal_modularity), unweighted graphs.
  for (Case c : {Case{"karate.txt", 0.419790}, Case{"lesmis.txt", 0.560008}, Case{"florentine.txt", 0.398750}}) {
    Graph g = community_test::read_graph(c.file);
    double best = -1;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
      auto r = leiden(g, {.seed = seed});
      INFO(c.file << " seed " << seed << " Q " << r.quality);
      CHECK(r.quality == Approx(modularity(g, r.membership)).margin(1e-12));
      CHECK(r.quality >= c.optimum - 0.01);
      CHECK(r.quality <= c.optimum + 1e-6);
      CHECK(all_connected(g, r.membership, r.count));
      check_result_shape(g, r);
      best = std::max(best, r.quality);
    }
    INFO(c.file);
    CHECK(best == Approx(c.optimum).margin(1e-6));
  }
}

TEST_CASE("Leiden finds the karate club's optimal four communities") {
  Graph g = community_test::read_graph("karate.txt");
  std::vector<std::int64_t> best(34, 3);
  for (int v : {0, 1, 2, 3, 7, 11, 12, 13, 17, 19, 21}) best[v] = 0;
  for (int v : {4, 5, 6, 10, 16}) best[v] = 1;
  for (int v : {23, 24, 25, 27, 28, 31}) best[v] = 2;
  bool found = false;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    auto r = leiden(g, {.iterations = -1, .seed = seed});
    found = found || r.membership == normalize_membership(best).membership;
  }
  CHECK(found);
}

TEST_CASE("Leiden communities are connected on many random graphs") {
  int checked = 0;
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    SplitMix rng(seed);
    const vertex_t n = 10 + rng.below(150);
    const double p = (1.0 + 6.0 * rng.uniform()) / n;  // sparse: many small, loose groups
    Graph g = community_test::random_graph(n, p, seed, seed % 3 != 0);
    LeidenParams params{.seed = seed};
    if (seed % 4 == 0) params.resolution = 0.3 + 2.0 * rng.uniform();
    if (seed % 5 == 0) {
      params.objective = Objective::cpm;
      params.resolution = 0.05 + 0.5 * rng.uniform();
    }
    if (seed % 7 == 0) params.iterations = -1;
    if (seed % 6 == 0) params.randomness = 1.0;
    auto r = leiden(g, params);
    INFO("seed " << seed << " n " << n);
    CHECK(all_connected(g, r.membership, r.count));
    check_result_shape(g, r);
    if (params.objective == Objective::cpm)
      CHECK(r.quality == Approx(cpm_quality(g, r.membership, params.resolution)).margin(1e-9));
    else if (g.num_edges() > 0)
      CHECK(r.quality == Approx(modularity(g, r.membership, params.resolution)).margin(1e-12));
    ++checked;
  }
  CHECK(checked == 150);
}

TEST_CASE("Leiden and Louvain beat or match singletons and never lose modularity to a pass") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Graph g = community_test::random_graph(80, 0.06, seed);
    auto one = leiden(g, {.iterations = 1, .seed = seed});
    auto stable = leiden(g, {.iterations = -1, .seed = seed});
    auto lv = louvain(g, {.seed = seed});
    std::vector<std::int64_t> singletons(80);
    for (std::int64_t v = 0; v < 80; ++v) singletons[v] = v;
    const double base = modularity(g, singletons);
    CHECK(one.quality > base);
    CHECK(lv.quality > base);
    CHECK(stable.quality >= one.quality - 1e-12);  // later passes start from the earlier result
    CHECK(lv.quality == Approx(modularity(g, lv.membership)).margin(1e-12));
    check_result_shape(g, lv);
  }
}

TEST_CASE("planted partitions are recovered (NMI >= 0.95)") {
  for (bool weighted : {true, false}) {
    auto planted = community_test::planted_partition(20, 50, 16, 3, weighted ? 11 : 12, weighted);
    const Graph& g = planted.graph;
    auto ld = leiden(g, {.seed = 3});
    auto lv = louvain(g, {.seed = 3});
    auto lp = label_propagation(g, {.seed = 3});
    INFO("weighted " << weighted << " leiden " << ld.count << " louvain " << lv.count << " lpa " << lp.count);
    CHECK(nmi(ld.membership, planted.truth) >= 0.95);
    CHECK(nmi(lv.membership, planted.truth) >= 0.95);
    CHECK(adjusted_rand_index(ld.membership, planted.truth) >= 0.9);
    CHECK(nmi(lp.membership, planted.truth) >= 0.9);
    CHECK(ld.quality >= modularity(g, planted.truth) - 0.01);
    CHECK(all_connected(g, ld.membership, ld.count));
  }
}

TEST_CASE("CPM resolution separates cliques and isolates vertices") {
  //  two 5-cliques joined by one edge 4-5
  std::vector<Graph::Edge> edges;
  for (vertex_t b : {0u, 5u})
    for (vertex_t i = 0; i < 5; ++i)
      for (vertex_t j = i + 1; j < 5; ++j) edges.push_back({b + i, b + j});
  edges.push_back({4, 5});
  Graph g = Graph::from_edges(10, edges, Direction::undirected);
  auto two = leiden(g, {.objective = Objective::cpm, .resolution = 0.5});
  CHECK(two.count == 2);
  CHECK(two.membership == std::vector<std::int64_t>{0, 0, 0, 0, 0, 1, 1, 1, 1, 1});
  CHECK(two.quality == Approx(2 * (10 - 0.5 * 10)));
  // Density threshold above every possible density: everyone alone, quality 0.
  auto alone = leiden(g, {.objective = Objective::cpm, .resolution = 1.5});
  CHECK(alone.count == 10);
  CHECK(alone.quality == Approx(0.0).margin(1e-12));
  // Low threshold: one group, 21 edges - 0.01 * 45 pairs.
  auto whole = leiden(g, {.objective = Objective::cpm, .resolution = 0.01});
  CHECK(whole.count == 1);
  CHECK(whole.quality == Approx(21 - 0.01 * 45));
}

TEST_CASE("same seed, same partition; on 1 and 2 threads") {
  auto planted = community_test::planted_partition(30, 40, 10, 4, 5);
  const Graph& g = planted.graph;
  auto run_all = [&](std::uint64_t seed) {
    return std::vector<CommunityResult>{leiden(g, {.seed = seed}), louvain(g, {.seed = seed}),
                                        label_propagation(g, {.seed = seed})};
  };
#ifdef _OPENMP
  omp_set_num_threads(1);
#endif
  auto a = run_all(42);
#ifdef _OPENMP
  omp_set_num_threads(2);
#endif
  auto b = run_all(42);
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].membership == b[i].membership);
    CHECK(a[i].levels == b[i].levels);
    CHECK(a[i].quality == b[i].quality);
  }
  // A different seed explores differently on a graph with many near-ties.
  Graph noisy = community_test::random_graph(300, 0.02, 8);
  auto x = label_propagation(noisy, {.seed = 1});
  auto y = label_propagation(noisy, {.seed = 2});
  auto z = label_propagation(noisy, {.seed = 1});
  CHECK(x.membership == z.membership);
  CHECK(x.membership != y.membership);
}

TEST_CASE("Louvain levels form a dendrogram") {
  auto planted = community_test::planted_partition(16, 30, 12, 2, 21);
  auto r = louvain(planted.graph, {.seed = 9});
  CHECK(r.iterations >= 1);
  CHECK(r.levels.size() == static_cast<std::size_t>(r.iterations));
  check_result_shape(planted.graph, r);
  for (std::size_t i = 0; i + 1 < r.levels.size(); ++i)
    CHECK(normalize_membership(r.levels[i]).count > normalize_membership(r.levels[i + 1]).count);
  // Higher resolution, smaller communities.
  auto fine = louvain(planted.graph, {.resolution = 30.0, .seed = 9});
  CHECK(fine.count > r.count);
}

TEST_CASE("label propagation: every node ends with a most frequent neighbour label") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Graph g = community_test::random_graph(60, 0.08, seed, seed % 2 == 0);
    auto r = label_propagation(g, {.seed = seed, .max_iterations = 1000});
    REQUIRE(r.converged);
    check_result_shape(g, r);
    CHECK(r.quality == Approx(modularity(g, r.membership)).margin(1e-12));
    for (vertex_t v = 0; v < g.num_vertices(); ++v) {
      if (g.out_degree(v) == 0) continue;
      std::vector<double> w(r.count, 0.0);
      auto nb = g.out_neighbors(v);
      auto ws = g.out_weights(v);
      for (std::size_t i = 0; i < nb.size(); ++i) w[static_cast<std::size_t>(r.membership[nb[i]])] += ws[i];
      const double top = *std::max_element(w.begin(), w.end());
      CHECK(w[static_cast<std::size_t>(r.membership[v])] >= top * (1 - 1e-9));
    }
  }
}

TEST_CASE("semi-supervised label propagation keeps fixed labels") {
  //  clique 0-4 and clique 5-9 joined by a weak edge 4-5 (0.5); a path 10-11 apart; 12 isolated
  std::vector<Graph::Edge> edges;
  for (vertex_t b : {0u, 5u})
    for (vertex_t i = 0; i < 5; ++i)
      for (vertex_t j = i + 1; j < 5; ++j) edges.push_back({b + i, b + j});
  edges.push_back({4, 5, 0.5});
  edges.push_back({10, 11});
  Graph g = Graph::from_edges(13, edges, Direction::undirected);
  std::vector<std::int64_t> fixed(13, -1);
  fixed[0] = 7;  // ring seven
  fixed[9] = 3;  // ring three
  fixed[5] = 3;
  fixed[8] = 7;  // a fixed node outvoted by its clique keeps its label
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    auto r = label_propagation(g, {.seed = seed, .fixed_labels = fixed});
    CHECK(r.converged);
    for (vertex_t v = 0; v < 13; ++v)
      if (fixed[v] >= 0) CHECK(r.membership[v] == fixed[v]);
    for (vertex_t v : {1u, 2u, 3u, 4u}) CHECK(r.membership[v] == 7);
    for (vertex_t v : {6u, 7u}) CHECK(r.membership[v] == 3);
    // Unreached nodes get fresh labels after the largest fixed one: 10-11 together, 12 alone.
    CHECK(r.membership[10] == r.membership[11]);
    CHECK(r.membership[10] >= 8);
    CHECK(r.membership[12] >= 8);
    CHECK(r.membership[12] != r.membership[10]);
    CHECK(r.count == 4);
  }
  CHECK_THROWS_AS(label_propagation(g, {.fixed_labels = std::vector<std::int64_t>(5, -1)}), ParamError);
  std::vector<std::int64_t> bad(13, -1);
  bad[2] = -4;
  CHECK_THROWS_AS(label_propagation(g, {.fixed_labels = bad}), ParamError);
}

TEST_CASE("edge cases: empty, single vertex, edgeless, directed, unweighted") {
  Graph empty;
  for (const auto& r : {leiden(empty), louvain(empty), label_propagation(empty)}) {
    CHECK(r.membership.empty());
    CHECK(r.count == 0);
  }
  Graph edgeless = Graph::from_edges(4, std::vector<Graph::Edge>{}, Direction::undirected);
  for (const auto& r : {leiden(edgeless), louvain(edgeless), label_propagation(edgeless)}) {
    CHECK(r.membership == std::vector<std::int64_t>{0, 1, 2, 3});
    CHECK(r.count == 4);
    CHECK(std::isnan(r.quality));
  }
  // A directed triangle pair reads as undirected.
  std::vector<Graph::Edge> arcs{{0, 1}, {1, 2}, {2, 0}, {3, 4}, {4, 5}, {5, 3}, {2, 3}};
  Graph directed = Graph::from_edges(6, arcs, Direction::directed);
  auto r = leiden(directed);
  CHECK(r.membership == std::vector<std::int64_t>{0, 0, 0, 1, 1, 1});
  CHECK(louvain(directed).membership == r.membership);
  // Unweighted ignores a heavy bridge that would otherwise merge the triangles.
  std::vector<Graph::Edge> edges{{0, 1}, {1, 2}, {2, 0}, {3, 4}, {4, 5}, {5, 3}, {2, 3, 50.0}};
  Graph heavy = Graph::from_edges(6, edges, Direction::undirected);
  CHECK(leiden(heavy, {.weighted = false}).count == 2);
  CHECK(leiden(heavy).membership[2] == leiden(heavy).membership[3]);
}

TEST_CASE("parameter errors name the valid range") {
  Graph g = community_test::read_graph("karate.txt");
  CHECK_THROWS_AS(leiden(g, {.resolution = -1}), ParamError);
  CHECK_THROWS_AS(leiden(g, {.randomness = 0}), ParamError);
  CHECK_THROWS_AS(leiden(g, {.iterations = 0}), ParamError);
  CHECK_THROWS_AS(leiden(g, {.iterations = -2}), ParamError);
  CHECK_THROWS_AS(louvain(g, {.resolution = std::nan("")}), ParamError);
  CHECK_THROWS_AS(louvain(g, {.min_gain = -1}), ParamError);
  CHECK_THROWS_AS(label_propagation(g, {.max_iterations = 0}), ParamError);
  CHECK_THROWS_WITH(leiden(g, {.randomness = -1}), Catch::Contains("randomness must be"));
}

TEST_CASE("parallel sweeps: the same partition on 1, 2 and 3 threads on a graph of many blocks") {
  // 30,000 nodes (235 blocks of 128 in local moving, batches of 14 blocks; 59 blocks of 512,
  // batches of 3, in label propagation) with shuffled numbers, so blocks that run side by side
  // share many ties; recovered as well as a sequential sweep would.
  auto planted = community_test::planted_partition(200, 150, 12, 3, 77);
  std::vector<vertex_t> order(planted.graph.num_vertices());
  for (vertex_t v = 0; v < order.size(); ++v) order[v] = v;
  community_test::SplitMix shuffle_rng(5);
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[shuffle_rng.below(i)]);
  const Graph g = planted.graph.renumbered(order);
  std::vector<std::int64_t> truth(order.size());
  for (vertex_t i = 0; i < order.size(); ++i) truth[i] = planted.truth[order[i]];
  auto run_all = [&](int threads) {
#ifdef _OPENMP
    omp_set_num_threads(threads);
#else
    (void)threads;
#endif
    return std::vector<CommunityResult>{leiden(g, {.seed = 4}), louvain(g, {.seed = 4}), label_propagation(g, {.seed = 4}),
                                        leiden(g, {.objective = Objective::cpm, .resolution = 0.05, .seed = 4})};
  };
  const auto one = run_all(1);
  for (int threads : {2, 3}) {
    const auto many = run_all(threads);
    for (std::size_t i = 0; i < one.size(); ++i) {
      INFO("method " << i << " threads " << threads);
      CHECK(one[i].membership == many[i].membership);
      CHECK(one[i].levels == many[i].levels);
      CHECK(one[i].quality == many[i].quality);
      CHECK(one[i].iterations == many[i].iterations);
    }
  }
#ifdef _OPENMP
  omp_set_num_threads(2);
#endif
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("method " << i << " communities " << one[i].count);
    CHECK(nmi(one[i].membership, truth) >= 0.95);
    CHECK(one[i].quality == Approx(modularity(g, one[i].membership)).margin(1e-12));
    check_result_shape(g, one[i]);
  }
  CHECK(all_connected(g, one[0].membership, one[0].count));
  CHECK(one[0].quality >= modularity(g, truth) - 0.005);
  // The sequential schedule (one block at a time) is the textbook method: the parallel one
  // loses no quality against it, and it is thread-count independent as well.
  const auto seq_leiden = leiden(g, {.seed = 4, .schedule = Schedule::sequential});
  const auto seq_louvain = louvain(g, {.seed = 4, .schedule = Schedule::sequential});
  CHECK(one[0].quality >= seq_leiden.quality - 0.002);
  CHECK(one[1].quality >= seq_louvain.quality - 0.002);
  CHECK(nmi(seq_leiden.membership, truth) >= 0.95);
#ifdef _OPENMP
  omp_set_num_threads(1);
#endif
  CHECK(leiden(g, {.seed = 4, .schedule = Schedule::sequential}).membership == seq_leiden.membership);
#ifdef _OPENMP
  omp_set_num_threads(2);
#endif
}

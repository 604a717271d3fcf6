// Burt's constraint and effective size, Gould-Fernandez brokerage roles: networkx's documented
// values, hand-drawn triads, and literal re-implementations on small seeded random graphs.
#include <catch2/catch.hpp>

#include "support/graphs.hpp"

#include <cmath>
#include <cstring>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include "corridor/centrality/brokerage.hpp"
#include "corridor/error.hpp"

#ifdef _OPENMP
#include <omp.h>
#endif

using namespace corridor;

namespace {

Graph read_edge_list(const std::string& name) { return corridor::test::read_test_graph(name).graph; }

// networkx test_structuralholes.py: D = 0->1, 0->2, 1->0, 2->1 (weights 2, 2, 1, 1).
Graph nx_directed(bool weighted) {
  std::vector<Graph::Edge> e{{0, 1, weighted ? 2.0 : 1.0}, {0, 2, weighted ? 2.0 : 1.0}, {1, 0, 1}, {2, 1, 1}};
  return Graph::from_edges(3, e, Direction::directed);
}

// networkx test_structuralholes.py, Borgatti's example: A..G = 0..6.
//      C
//      |
//  E - G - D
//  | / | \ |
//  A - F  B
//  \_______/ (A - B)
Graph nx_undirected(bool weighted, bool with_isolated = false) {
  enum { A, B, C, D, E, F, G };
  std::vector<Graph::Edge> e{{A, B, 2}, {A, F, 3}, {A, G, 5}, {A, E, 2}, {E, G, 8},
                             {F, G, 3}, {B, G, 4}, {B, D, 1}, {D, G, 3}, {G, C, 10}};
  if (!weighted)
    for (auto& x : e) x.w = 1;
  return Graph::from_edges(with_isolated ? 8 : 7, e, Direction::undirected);
}

// networkx's formulas, written out literally with arc look-ups.
double a(const Graph& g, vertex_t u, vertex_t v, bool weighted) {
  auto i = g.find_arc(u, v);
  if (i < 0) return 0;
  return weighted ? g.arc_weights()[static_cast<std::size_t>(i)] : 1.0;
}
double mutual(const Graph& g, vertex_t u, vertex_t v, bool w) { return a(g, u, v, w) + a(g, v, u, w); }
std::set<vertex_t> all_neighbors(const Graph& g, vertex_t v) {
  std::set<vertex_t> s;
  for (auto x : g.out_neighbors(v)) s.insert(x);
  for (auto x : g.in_neighbors(v)) s.insert(x);
  return s;
}
double nmw(const Graph& g, vertex_t u, vertex_t v, bool w, bool use_max) {
  double scale = 0;
  for (auto x : all_neighbors(g, u)) scale = use_max ? std::max(scale, mutual(g, u, x, w)) : scale + mutual(g, u, x, w);
  return scale == 0 ? 0 : mutual(g, u, v, w) / scale;
}
double ref_constraint(const Graph& g, vertex_t v, bool w) {
  double c = 0;
  for (auto j : all_neighbors(g, v)) {
    double ind = 0;
    for (auto q : all_neighbors(g, v)) ind += nmw(g, v, q, w, false) * nmw(g, q, j, w, false);
    c += std::pow(nmw(g, v, j, w, false) + ind, 2);
  }
  return c;
}
double ref_effective_size(const Graph& g, vertex_t v, bool w) {
  double e = 0;
  for (auto u : all_neighbors(g, v)) {
    double r = 0;
    for (auto x : all_neighbors(g, v)) r += nmw(g, v, x, w, false) * nmw(g, u, x, w, true);
    e += 1 - r;
  }
  return e;
}

std::array<std::uint64_t, 5> role_counts(const Graph& g, std::vector<std::int64_t> group, vertex_t v) {
  return brokerage(g, group).roles[v];
}

}  // namespace

TEST_CASE("constraint and effective size: networkx's documented values") {
  SECTION("directed, unweighted") {
    auto r = brokerage(nx_directed(false), {});
    CHECK(r.constraint[0] == Approx(1.003).margin(1e-3));
    CHECK(r.constraint[1] == Approx(1.003).margin(1e-3));
    CHECK(r.constraint[2] == Approx(1.389).margin(1e-3));
    CHECK(r.effective_size[0] == Approx(1.167).margin(1e-3));
    CHECK(r.effective_size[1] == Approx(1.167).margin(1e-3));
    CHECK(r.effective_size[2] == Approx(1.0).margin(1e-3));
    CHECK(r.roles.empty());
  }
  SECTION("directed, weighted") {
    auto r = brokerage(nx_directed(true), {});
    CHECK(r.constraint[0] == Approx(0.840).margin(1e-3));
    CHECK(r.constraint[1] == Approx(1.143).margin(1e-3));
    CHECK(r.constraint[2] == Approx(1.378).margin(1e-3));
    CHECK(r.effective_size[0] == Approx(1.567).margin(1e-3));
    CHECK(r.effective_size[1] == Approx(1.083).margin(1e-3));
    CHECK(r.effective_size[2] == Approx(1.0).margin(1e-3));
    // weighted = false reads the same graph as networkx's weight=None
    auto u = brokerage(nx_directed(true), {}, {.weighted = false});
    CHECK(u.constraint[2] == Approx(1.389).margin(1e-3));
  }
  SECTION("undirected, unweighted (Borgatti's example)") {
    auto r = brokerage(nx_undirected(false), {});
    CHECK(r.constraint[6] == Approx(0.400).margin(1e-3));  // G
    CHECK(r.constraint[0] == Approx(0.595).margin(1e-3));  // A
    CHECK(r.constraint[2] == Approx(1.0).margin(1e-3));    // C
    CHECK(r.effective_size[6] == Approx(4.67).margin(1e-2));
    CHECK(r.effective_size[0] == Approx(2.50).margin(1e-2));
    CHECK(r.effective_size[2] == Approx(1.0).margin(1e-2));
  }
  SECTION("undirected, weighted") {
    auto r = brokerage(nx_undirected(true), {});
    CHECK(r.constraint[6] == Approx(0.299).margin(1e-3));
    CHECK(r.constraint[0] == Approx(0.795).margin(1e-3));
    CHECK(r.constraint[2] == Approx(1.0).margin(1e-2));
    CHECK(r.effective_size[6] == Approx(5.47).margin(1e-2));
    CHECK(r.effective_size[0] == Approx(2.47).margin(1e-2));
    CHECK(r.effective_size[2] == Approx(1.0).margin(1e-2));
  }
  SECTION("an isolated vertex has no defined constraint") {
    auto r = brokerage(nx_undirected(false, true), {});
    CHECK(std::isnan(r.constraint[7]));
    CHECK(std::isnan(r.effective_size[7]));
  }
}

TEST_CASE("constraint and effective size on karate and Florentine families (networkx 2.8.8)") {
  auto k = brokerage(read_edge_list("karate.txt"), {});
  CHECK(k.constraint[0] == Approx(0.1554232976).margin(1e-9));
  CHECK(k.constraint[33] == Approx(0.1564186851).margin(1e-9));
  CHECK(k.effective_size[0] == Approx(13.75).margin(1e-12));
  CHECK(k.effective_size[33] == Approx(15.2352941176).margin(1e-9));
  auto f = brokerage(read_edge_list("florentine.txt"), {});
  CHECK(f.constraint[1] == Approx(0.2098765432).margin(1e-9));  // Medici
  CHECK(f.constraint[12] == Approx(0.25).margin(1e-12));        // Guadagni
  CHECK(f.constraint[0] == Approx(1.0).margin(1e-12));          // Acciaiuoli, one tie
  CHECK(f.effective_size[1] == Approx(5.6666666667).margin(1e-9));
  CHECK(f.effective_size[12] == Approx(4.0).margin(1e-12));
}

TEST_CASE("constraint and effective size agree with networkx's formulas on random graphs") {
  std::mt19937_64 rng(314);
  std::uniform_real_distribution<double> coin(0, 1), weight(0.2, 4);
  for (int trial = 0; trial < 80; ++trial) {
    const auto n = static_cast<vertex_t>(2 + trial % 17);
    const Direction dir = trial % 2 ? Direction::directed : Direction::undirected;
    std::vector<Graph::Edge> edges;
    for (vertex_t u = 0; u < n; ++u)
      for (vertex_t v = 0; v < n; ++v)
        if (u != v && coin(rng) < 0.3) edges.push_back({u, v, weight(rng)});
    Graph g = Graph::from_edges(n, edges, dir, Merge::max);
    for (bool w : {true, false}) {
      auto r = brokerage(g, {}, {.weighted = w});
      for (vertex_t v = 0; v < n; ++v) {
        INFO("trial " << trial << " vertex " << v << " weighted " << w);
        if (all_neighbors(g, v).empty()) {
          CHECK(std::isnan(r.constraint[v]));
          continue;
        }
        CHECK(r.constraint[v] == Approx(ref_constraint(g, v, w)).margin(1e-12));
        CHECK(r.effective_size[v] == Approx(ref_effective_size(g, v, w)).margin(1e-12));
      }
    }
  }
}

TEST_CASE("Gould-Fernandez roles of a single open triad u -> v -> w") {
  // 0 -> 1 -> 2, broker 1
  Graph g = Graph::from_edges(3, std::vector<Graph::Edge>{{0, 1}, {1, 2}}, Direction::directed);
  using R = std::array<std::uint64_t, 5>;  // coordinator, itinerant, gatekeeper, representative, liaison
  CHECK(role_counts(g, {7, 7, 7}, 1) == R{1, 0, 0, 0, 0});
  CHECK(role_counts(g, {7, 8, 7}, 1) == R{0, 1, 0, 0, 0});
  CHECK(role_counts(g, {7, 8, 8}, 1) == R{0, 0, 1, 0, 0});
  CHECK(role_counts(g, {7, 7, 8}, 1) == R{0, 0, 0, 1, 0});
  CHECK(role_counts(g, {7, 8, 9}, 1) == R{0, 0, 0, 0, 1});
  CHECK(role_counts(g, {-1, 8, 9}, 1) == R{0, 0, 0, 0, 0});  // unknown group: not counted
  CHECK(role_counts(g, {7, 8, 9}, 0) == R{0, 0, 0, 0, 0});   // ends broker nothing
  CHECK(to_string(BrokerageRole::gatekeeper) == "gatekeeper");

  // Closing the triad (0 -> 2) removes the brokerage; the reverse arc 2 -> 0 does not.
  Graph closed = Graph::from_edges(3, std::vector<Graph::Edge>{{0, 1}, {1, 2}, {0, 2}}, Direction::directed);
  CHECK(role_counts(closed, {7, 8, 9}, 1) == R{0, 0, 0, 0, 0});
  Graph back = Graph::from_edges(3, std::vector<Graph::Edge>{{0, 1}, {1, 2}, {2, 0}}, Direction::directed);
  CHECK(role_counts(back, {7, 8, 9}, 1) == R{0, 0, 0, 0, 1});

  // Undirected: the path counts both ways, so A - A - B is representative once and gatekeeper once.
  Graph path = Graph::from_edges(3, std::vector<Graph::Edge>{{0, 1}, {1, 2}}, Direction::undirected);
  CHECK(role_counts(path, {7, 7, 8}, 1) == R{0, 0, 1, 1, 0});
  CHECK(role_counts(path, {7, 7, 7}, 1) == R{2, 0, 0, 0, 0});
}

TEST_CASE("Gould-Fernandez roles: a star of three groups, drawn by hand") {
  //  0(A) -> 4(B) -> 1(A)      4 brokers every ordered pair of its in- and out-neighbours:
  //  2(B) -> 4    -> 3(C)      in {0, 2}, out {1, 3}; 0 -> 1 exists, so (0,4,1) is closed.
  Graph g = Graph::from_edges(5, std::vector<Graph::Edge>{{0, 4}, {2, 4}, {4, 1}, {4, 3}, {0, 1}}, Direction::directed);
  auto r = brokerage(g, std::vector<std::int64_t>{0, 0, 1, 2, 1});
  // (0,4,3): A B C liaison; (2,4,1): B B A representative; (2,4,3): B B C representative.
  CHECK(r.roles[4] == std::array<std::uint64_t, 5>{0, 0, 0, 2, 1});
  CHECK(r.roles[0] == std::array<std::uint64_t, 5>{0, 0, 0, 0, 0});
}

TEST_CASE("Gould-Fernandez roles agree with enumeration of all triads on random digraphs") {
  std::mt19937_64 rng(2718);
  std::uniform_real_distribution<double> coin(0, 1);
  for (int trial = 0; trial < 60; ++trial) {
    const auto n = static_cast<vertex_t>(3 + trial % 20);
    const Direction dir = trial % 3 == 0 ? Direction::undirected : Direction::directed;
    std::vector<Graph::Edge> edges;
    for (vertex_t u = 0; u < n; ++u)
      for (vertex_t v = 0; v < n; ++v)
        if (u != v && coin(rng) < 0.25) edges.push_back({u, v});
    Graph g = Graph::from_edges(n, edges, dir);
    std::vector<std::int64_t> group(n);
    for (auto& x : group) x = static_cast<std::int64_t>(coin(rng) * 4) - 1;  // -1..2
    auto r = brokerage(g, group);
    for (vertex_t v = 0; v < n; ++v) {
      std::array<std::uint64_t, 5> ref{};
      for (vertex_t u = 0; u < n; ++u)
        for (vertex_t w = 0; w < n; ++w) {
          if (u == v || w == v || u == w || !g.has_edge(u, v) || !g.has_edge(v, w) || g.has_edge(u, w)) continue;
          if (group[u] < 0 || group[v] < 0 || group[w] < 0) continue;
          const auto gu = group[u], gv = group[v], gw = group[w];
          int role = gu == gv && gv == gw ? 0 : gu == gw ? 1 : gv == gw ? 2 : gu == gv ? 3 : 4;
          ++ref[static_cast<std::size_t>(role)];
        }
      INFO("trial " << trial << " vertex " << v);
      CHECK(r.roles[v] == ref);
    }
  }
}

TEST_CASE("brokerage around hubs agrees with the literal formulas and enumeration") {
  // A few hubs tied to most vertices, a sparse rest with some triangles: the common neighbours of
  // a tie are found from either end, both ways must give the literal values.
  std::mt19937_64 rng(4242);
  std::uniform_real_distribution<double> coin(0, 1), weight(0.2, 4);
  for (int trial = 0; trial < 16; ++trial) {
    const auto n = static_cast<vertex_t>(16 + trial * 2);
    const Direction dir = trial % 2 ? Direction::directed : Direction::undirected;
    std::vector<Graph::Edge> edges;
    const vertex_t hubs = 1 + trial % 3;
    for (vertex_t h = 0; h < hubs; ++h)
      for (vertex_t v = hubs; v < n; ++v) {
        if (coin(rng) < 0.9) edges.push_back({h, v, weight(rng)});
        if (dir == Direction::directed && coin(rng) < 0.3) edges.push_back({v, h, weight(rng)});
      }
    for (vertex_t u = hubs; u < n; ++u)
      for (vertex_t v = hubs; v < n; ++v)
        if (u != v && coin(rng) < 2.5 / n) edges.push_back({u, v, weight(rng)});
    Graph g = Graph::from_edges(n, edges, dir, Merge::max);
    std::vector<std::int64_t> group(n);
    for (auto& x : group) x = static_cast<std::int64_t>(coin(rng) * 4) - 1;  // -1..2
    for (bool w : {true, false}) {
      auto r = brokerage(g, group, {.weighted = w});
      for (vertex_t v = 0; v < n; ++v) {
        INFO("trial " << trial << " vertex " << v << " weighted " << w);
        if (all_neighbors(g, v).empty()) continue;
        CHECK(r.constraint[v] == Approx(ref_constraint(g, v, w)).margin(1e-12));
        CHECK(r.effective_size[v] == Approx(ref_effective_size(g, v, w)).margin(1e-12));
      }
      if (!w) continue;
      for (vertex_t v = 0; v < n; ++v) {
        std::array<std::uint64_t, 5> ref{};
        if (group[v] >= 0)
          for (vertex_t u : g.in_neighbors(v))
            for (vertex_t x : g.out_neighbors(v)) {
              if (u == x || g.has_edge(u, x) || group[u] < 0 || group[x] < 0) continue;
              const auto gu = group[u], gv = group[v], gx = group[x];
              ++ref[static_cast<std::size_t>(gu == gv && gv == gx ? 0 : gu == gx ? 1 : gv == gx ? 2 : gu == gv ? 3 : 4)];
            }
        INFO("trial " << trial << " vertex " << v);
        CHECK(r.roles[v] == ref);
      }
    }
  }
}

TEST_CASE("a smuggler with a million clients: brokerage in closed form, not in d^2 steps") {
  // A star: centre 0, leaves 1..L in groups (i % 3). No tie among the leaves, so the centre's
  // constraint is L (1/L)^2 = 1/L, its effective size L, and it brokers every ordered pair of
  // distinct leaves. Counting those pairs one by one (10^12 of them) never finished.
  constexpr vertex_t L = 1000000;
  std::vector<Graph::Edge> edges;
  edges.reserve(L);
  for (vertex_t i = 1; i <= L; ++i) edges.push_back({0, i, 1.0});
  const Graph g = Graph::from_edges(L + 1, edges, Direction::undirected);
  std::vector<std::int64_t> group(L + 1);
  std::array<std::uint64_t, 3> size{};
  for (vertex_t i = 1; i <= L; ++i) ++size[i % 3], group[i] = i % 3;
  group[0] = 0;
  const auto r = brokerage(g, group, {.weighted = false});
  CHECK(r.constraint[0] == Approx(1.0 / L).epsilon(1e-9));
  CHECK(r.effective_size[0] == Approx(static_cast<double>(L)).epsilon(1e-12));
  CHECK(r.constraint[7] == Approx(1.0));
  CHECK(r.effective_size[7] == Approx(1.0));
  const std::uint64_t A = size[0], B = size[1], C = size[2];
  // coordinator, itinerant, gatekeeper, representative, liaison
  CHECK(r.roles[0] == std::array<std::uint64_t, 5>{A * (A - 1), B * (B - 1) + C * (C - 1), (B + C) * A, A * (B + C),
                                                   2 * B * C});
  CHECK(r.roles[7] == std::array<std::uint64_t, 5>{});
}

TEST_CASE("brokerage parameter errors and thread-count independence") {
  Graph g = nx_undirected(false);
  CHECK_THROWS_WITH(brokerage(g, std::vector<std::int64_t>{1, 2}), Catch::Contains("7 labels, got 2"));
  CHECK_THROWS_WITH(brokerage(g, std::vector<std::int64_t>{0, 0, 0, -2, 0, 0, 0}), Catch::Contains("vertex 3"));
  CHECK(brokerage(Graph{}, {}).constraint.empty());
#ifdef _OPENMP
  std::mt19937_64 rng(1);
  std::uniform_int_distribution<vertex_t> pick(0, 2999);
  std::vector<Graph::Edge> edges;
  for (int i = 0; i < 20000; ++i) edges.push_back({pick(rng), pick(rng), 1.0 + pick(rng) % 5});
  Graph big = Graph::from_edges(3000, edges, Direction::directed);
  std::vector<std::int64_t> group(3000);
  for (vertex_t v = 0; v < 3000; ++v) group[v] = v % 7;
  const int before = omp_get_max_threads();
  omp_set_num_threads(1);
  auto r1 = brokerage(big, group);
  omp_set_num_threads(2);
  auto r2 = brokerage(big, group);
  omp_set_num_threads(before);
  // Bitwise comparison: NaN (isolated vertices) must match too.
  CHECK(std::memcmp(r1.constraint.data(), r2.constraint.data(), 3000 * sizeof(double)) == 0);
  CHECK(std::memcmp(r1.effective_size.data(), r2.effective_size.data(), 3000 * sizeof(double)) == 0);
  CHECK(r1.roles == r2.roles);
#endif
}

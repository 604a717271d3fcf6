// Path-based centrality: betweenness (exact, sampled, edges), closeness, harmonic, degree and
// k-cores, against published values, brute-force references on seeded random graphs, and
// invariants.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#ifdef _OPENMP  // defined when the library (and so this test) is built with OpenMP
#include <omp.h>
#endif

#include "centrality/paths_fixtures.hpp"
#include "corridor/centrality/betweenness.hpp"
#include "corridor/centrality/closeness.hpp"
#include "corridor/centrality/degree.hpp"
#include "corridor/centrality/kcore.hpp"
#include "corridor/error.hpp"

using namespace corridor;
using namespace paths_test;

namespace {

Graph from(vertex_t n, std::vector<Graph::Edge> e, Direction d = Direction::undirected) {
  return Graph::from_edges(n, e, d);
}

void set_threads(int t) {
#ifdef _OPENMP
  omp_set_num_threads(t);
#else
  (void)t;
#endif
}

int default_threads() {
#ifdef _OPENMP
  return omp_get_max_threads();
#else
  return 1;
#endif
}

}  // namespace

TEST_CASE("karate club: betweenness, closeness, cores match the reference") {
  const auto k = read_fixture("karate.txt");
  REQUIRE(k.graph.num_vertices() == 34);
  REQUIRE(k.graph.num_edges() == 78);
  const auto b = betweenness(k.graph);
  CHECK(b.scores[0] == Approx(0.437635).margin(1e-6));
  CHECK(b.scores[33] == Approx(0.304075).margin(1e-6));
  const auto c = closeness(k.graph);
  CHECK(c.scores[0] == Approx(0.568966).margin(1e-6));
  const auto cores = core_numbers(k.graph);
  CHECK(cores.scores[0] == 4);
  CHECK(*std::max_element(cores.scores.begin(), cores.scores.end()) == 4);
  const auto d = degree_centrality(k.graph);
  CHECK(d.scores[33] == 17);
  CHECK(d.scores[0] == 16);
}

TEST_CASE("Florentine families: betweenness and closeness as networkx") {
  const auto f = read_fixture("florentine.txt");
  REQUIRE(f.graph.num_vertices() == 15);
  REQUIRE(f.graph.num_edges() == 20);
  const auto b = betweenness(f.graph);
  const auto c = closeness(f.graph);
  const auto h = harmonic(f.graph);
  // published (REFERENCE.md, networkx's own tests), three decimals
  struct Pub { const char* name; double b; };
  for (auto [name, value] : {Pub{"Medici", .522}, {"Guadagni", .255}, {"Albizzi", .212}, {"Salviati", .143},
                             {"Ridolfi", .114}, {"Bischeri", .104}, {"Strozzi", .103}, {"Barbadori", .093},
                             {"Tornabuoni", .092}, {"Castellani", .055}, {"Peruzzi", .022}, {"Pazzi", 0.0},
                             {"Ginori", 0.0}, {"Lamberteschi", 0.0}, {"Acciaiuoli", 0.0}}) {
    INFO(name);
    CHECK(b.scores[index_of(f, name)] == Approx(value).margin(5e-4));
  }
  CHECK(c.scores[index_of(f, "Medici")] == Approx(0.560).margin(5e-4));
  CHECK(c.scores[index_of(f, "Ridolfi")] == Approx(0.500).margin(5e-4));
  CHECK(c.scores[index_of(f, "Albizzi")] == Approx(0.483).margin(5e-4));
  CHECK(c.scores[index_of(f, "Tornabuoni")] == Approx(0.483).margin(5e-4));
  // full precision: exact fractions (pair counts over 14 * 13 = 182), as networkx 2.8.8 prints
  CHECK(b.scores[index_of(f, "Medici")] == Approx(95.0 / 182).margin(1e-12));
  CHECK(b.scores[index_of(f, "Guadagni")] == Approx(0.2545787545787546).margin(1e-12));
  CHECK(b.scores[index_of(f, "Albizzi")] == Approx(0.21245421245421245).margin(1e-12));
  CHECK(c.scores[index_of(f, "Lamberteschi")] == Approx(0.32558139534883723).margin(1e-12));
  CHECK(h.scores[index_of(f, "Medici")] == Approx(9.5).margin(1e-12));
  CHECK(h.scores[index_of(f, "Pazzi")] == Approx(4.766666666666667).margin(1e-12));
}

TEST_CASE("betweenness on hand-drawn graphs") {
  SECTION("path 0-1-2-3-4: vertex i lies between i * (4 - i) pairs") {
    auto g = from(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}});
    auto raw = betweenness(g, {.normalized = false});
    for (vertex_t i = 0; i < 5; ++i) CHECK(raw.scores[i] == Approx(i * (4.0 - i)));
    auto norm = betweenness(g);
    CHECK(norm.scores[2] == Approx(4.0 / 6.0));  // 4 of the C(4,2) = 6 pairs of the others
    auto ends = betweenness(g, {.normalized = false, .endpoints = true});
    CHECK(ends.scores[0] == Approx(4.0));        // endpoint of its 4 pairs
    CHECK(ends.scores[2] == Approx(4.0 + 4.0));
  }
  SECTION("star with 6 leaves: the centre is on every path, leaves on none") {
    std::vector<Graph::Edge> e;
    for (vertex_t v = 1; v <= 6; ++v) e.push_back({0, v});
    auto g = from(7, e);
    auto b = betweenness(g);
    CHECK(b.scores[0] == Approx(1.0));
    for (vertex_t v = 1; v <= 6; ++v) CHECK(b.scores[v] == 0.0);
    CHECK(betweenness(g, {.normalized = false}).scores[0] == Approx(15.0));
    auto eb = edge_betweenness(g, {.normalized = false});
    REQUIRE(eb.scores.size() == 6);
    for (double s : eb.scores) CHECK(s == Approx(6.0));  // a leaf's edge carries its 6 pairs
  }
  SECTION("square 0-1-2-3-0: two equal paths split the credit") {
    //  0 - 1
    //  |   |
    //  3 - 2
    auto g = from(4, {{0, 1}, {1, 2}, {2, 3}, {3, 0}});
    auto b = betweenness(g, {.normalized = false});
    for (double s : b.scores) CHECK(s == Approx(0.5));
  }
  SECTION("weights: a strong detour beats a weak direct tie") {
    //  0 --(strength 1)-- 2, and 0 -(4)- 1 -(4)- 2: lengths 1 vs 0.25 + 0.25
    auto g = from(3, {{0, 2, 1.0}, {0, 1, 4.0}, {1, 2, 4.0}});
    CHECK(betweenness(g, {.normalized = false}).scores[1] == 0.0);
    CHECK(betweenness(g, {.normalized = false, .weights = PathWeights::strength}).scores[1] == Approx(1.0));
    CHECK(betweenness(g, {.normalized = false, .weights = PathWeights::distance}).scores[1] == 0.0);
  }
  SECTION("strengths: 1/3 + 1/3 + 1/3 ties with 1, although the doubles differ") {
    //  0 -(3)- 1 -(3)- 2 -(3)- 3, and 0 -(1)- 3: the pair (0, 3) has two shortest paths
    auto g = from(4, {{0, 1, 3.0}, {1, 2, 3.0}, {2, 3, 3.0}, {0, 3, 1.0}});
    auto b = betweenness(g, {.normalized = false, .weights = PathWeights::strength});
    CHECK(b.scores == std::vector<double>{0.0, 1.5, 1.5, 0.0});
    auto e = edge_betweenness(g, {.normalized = false, .weights = PathWeights::strength});
    REQUIRE(e.u == std::vector<vertex_t>{0, 0, 1, 2});
    CHECK(e.scores[1] == Approx(0.5));  // edge 0-3 carries half of the pair (0, 3) only
    CHECK(e.scores[0] == Approx(2.5));  // edge 0-1: (0, 1), (0, 2) and half of (0, 3)
    CHECK(harmonic(g, {.weights = PathWeights::strength}).scores[0] == Approx(3.0 + 1.5 + 1.0));
  }
  SECTION("directed chain 0 -> 1 -> 2: only the ordered pair (0, 2) passes 1") {
    auto g = from(3, {{0, 1}, {1, 2}}, Direction::directed);
    CHECK(betweenness(g, {.normalized = false}).scores[1] == Approx(1.0));
    CHECK(betweenness(g).scores[1] == Approx(0.5));  // over (n-1)(n-2) = 2 ordered pairs
  }
  SECTION("empty, single vertex, two vertices") {
    CHECK(betweenness(Graph::from_edges(0, {}, Direction::undirected)).scores.empty());
    CHECK(betweenness(from(1, {})).scores == std::vector<double>{0.0});
    CHECK(betweenness(from(2, {{0, 1}})).scores == std::vector<double>{0.0, 0.0});
    CHECK(closeness(from(1, {})).scores == std::vector<double>{0.0});
    CHECK(harmonic(from(2, {})).scores == std::vector<double>{0.0, 0.0});
    CHECK(edge_betweenness(from(2, {{0, 1}})).scores == std::vector<double>{1.0});  // 2 ordered pairs / n(n-1)
    CHECK(core_numbers(Graph::from_edges(0, {}, Direction::undirected)).scores.empty());
  }
}

TEST_CASE("betweenness and edge betweenness match all shortest paths on random graphs") {
  std::mt19937 rng(20261125);
  int checked = 0;
  for (int trial = 0; trial < 60; ++trial) {
    const auto n = static_cast<vertex_t>(6 + rng() % 7);
    const bool directed = trial % 2 == 1;
    const double p = (trial % 3 == 0) ? 0.15 : 0.35;  // the sparse third are mostly disconnected
    const int kind = trial % 5;                        // 0,1: hops; 2,3: integer lengths; 4: strengths
    const PathWeights mode = kind < 2 ? PathWeights::ignore : kind < 4 ? PathWeights::distance : PathWeights::strength;
    const std::vector<double> weights = kind < 2 ? std::vector<double>{} : kind < 4 ? std::vector<double>{1, 2, 3}
                                                                                      : std::vector<double>{1, 2, 4};
    const Graph g = random_graph(rng, n, p, directed, weights);
    for (bool normalized : {true, false})
      for (bool endpoints : {false, true}) {
        const BetweennessParams bp{.normalized = normalized, .weights = mode, .endpoints = endpoints};
        const auto want = brute_betweenness(g, bp);
        const auto got = betweenness(g, bp);
        INFO("trial " << trial << " n " << n << (directed ? " directed" : " undirected") << " mode " << kind
                      << " normalized " << normalized << " endpoints " << endpoints);
        for (vertex_t v = 0; v < n; ++v) CHECK(got.scores[v] == Approx(want.vertex[v]).margin(1e-12));
        if (endpoints) continue;
        const auto e = edge_betweenness(g, bp);
        const double nn = n;
        const double scale = normalized ? 1.0 / (nn * (nn - 1)) : directed ? 1.0 : 0.5;
        REQUIRE(e.scores.size() == g.num_edges());
        for (std::size_t i = 0; i < e.scores.size(); ++i) {
          double raw = want.arc[static_cast<std::size_t>(g.find_arc(e.u[i], e.v[i]))];
          if (!directed) {
            CHECK(e.u[i] < e.v[i]);
            raw += want.arc[static_cast<std::size_t>(g.find_arc(e.v[i], e.u[i]))];
          }
          CHECK(e.scores[i] == Approx(raw * scale).margin(1e-12));
        }
        ++checked;
      }
  }
  CHECK(checked == 120);
}

TEST_CASE("closeness and harmonic match Floyd-Warshall on random graphs") {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 60; ++trial) {
    const auto n = static_cast<vertex_t>(6 + rng() % 7);
    const bool directed = trial % 2 == 0;
    const int kind = trial % 3;
    const PathWeights mode = kind == 0 ? PathWeights::ignore : kind == 1 ? PathWeights::distance : PathWeights::strength;
    const Graph g = random_graph(rng, n, trial % 4 == 0 ? 0.12 : 0.3, directed,
                                 kind == 0 ? std::vector<double>{} : kind == 1 ? std::vector<double>{1, 2, 3}
                                                                               : std::vector<double>{1, 2, 4});
    const auto d = floyd_warshall(g, mode);
    for (bool wf : {true, false}) {
      const auto c = closeness(g, {.weights = mode, .wf_improved = wf});
      const auto h = harmonic(g, {.weights = mode, .wf_improved = wf});
      for (vertex_t u = 0; u < n; ++u) {
        // networkx: distances TO u (the reversed view of a directed graph)
        double total = 0, harm = 0, reach = 1;
        for (vertex_t v = 0; v < n; ++v) {
          if (v == u || d[v][u] == kInf) continue;
          total += d[v][u];
          harm += 1.0 / d[v][u];
          reach += 1;
        }
        double want = 0;
        if (total > 0) {
          want = (reach - 1) / total;
          if (wf) want *= (reach - 1) / (n - 1.0);
        }
        INFO("trial " << trial << " vertex " << u);
        CHECK(c.scores[u] == Approx(want).margin(1e-12));
        CHECK(h.scores[u] == Approx(harm).margin(1e-12));
      }
    }
  }
}

TEST_CASE("degree: neighbour count, in, out, strength") {
  //  0 -> 1 (w 2), 1 -> 0 (w 3), 1 -> 2 (w 0.5)
  auto d = from(3, {{0, 1, 2.0}, {1, 0, 3.0}, {1, 2, 0.5}}, Direction::directed);
  CHECK(degree_centrality(d).scores == std::vector<double>{2, 3, 1});
  CHECK(degree_centrality(d, {.mode = DegreeMode::in}).scores == std::vector<double>{1, 1, 1});
  CHECK(degree_centrality(d, {.mode = DegreeMode::out}).scores == std::vector<double>{1, 2, 0});
  CHECK(degree_centrality(d, {.mode = DegreeMode::out, .weighted = true}).scores == std::vector<double>{2, 3.5, 0});
  CHECK(degree_centrality(d, {.mode = DegreeMode::all, .weighted = true}).scores == std::vector<double>{5, 5.5, 0.5});
  auto u = from(3, {{0, 1, 2.0}, {1, 2, 0.5}});
  for (auto m : {DegreeMode::all, DegreeMode::in, DegreeMode::out})
    CHECK(degree_centrality(u, {.mode = m}).scores == std::vector<double>{1, 2, 1});
  CHECK(degree_centrality(u, {.weighted = true}).scores == std::vector<double>{2, 2.5, 0.5});
}

TEST_CASE("core numbers match repeated peeling on random graphs") {
  std::mt19937 rng(99);
  for (int trial = 0; trial < 50; ++trial) {
    const auto n = static_cast<vertex_t>(6 + rng() % 10);
    const Graph g = random_graph(rng, n, 0.1 + 0.05 * (trial % 8), trial % 4 == 3, {});
    const Graph u = g.to_undirected();
    std::vector<double> want(n, 0);
    for (int k = 1;; ++k) {
      std::vector<char> alive(n, 1);
      for (bool changed = true; changed;) {
        changed = false;
        for (vertex_t v = 0; v < n; ++v) {
          if (!alive[v]) continue;
          int deg = 0;
          for (vertex_t x : u.out_neighbors(v)) deg += alive[x];
          if (deg < k) alive[v] = 0, changed = true;
        }
      }
      bool any = false;
      for (vertex_t v = 0; v < n; ++v)
        if (alive[v]) want[v] = k, any = true;
      if (!any) break;
    }
    INFO("trial " << trial);
    CHECK(core_numbers(g).scores == want);
  }
}

TEST_CASE("1 and 2 threads give bit-identical results") {
  const int restore = default_threads();
  std::mt19937 rng(5);
  const Graph unweighted = random_graph(rng, 400, 0.02, false, {});
  const Graph weighted = random_graph(rng, 300, 0.03, true, {1, 2, 3, 0.5, 7});
  for (const Graph* g : {&unweighted, &weighted}) {
    const auto mode = g->weighted() ? PathWeights::strength : PathWeights::ignore;
    set_threads(1);
    const auto b1 = betweenness(*g, {.weights = mode});
    const auto e1 = edge_betweenness(*g, {.weights = mode});
    const auto c1 = closeness(*g, {.weights = mode});
    const auto a1 = approximate_betweenness(*g, {.epsilon = 0.05, .seed = 3, .weights = mode});
    set_threads(2);
    const auto b2 = betweenness(*g, {.weights = mode});
    const auto e2 = edge_betweenness(*g, {.weights = mode});
    const auto c2 = closeness(*g, {.weights = mode});
    const auto a2 = approximate_betweenness(*g, {.epsilon = 0.05, .seed = 3, .weights = mode});
    CHECK(b1.scores == b2.scores);
    CHECK(e1.scores == e2.scores);
    CHECK(c1.scores == c2.scores);
    CHECK(a1.scores == a2.scores);
    CHECK(a1.iterations == a2.iterations);
    CHECK(*std::max_element(b1.scores.begin(), b1.scores.end()) > 0.0);
  }
  set_threads(restore);
}

TEST_CASE("sampled betweenness stays within its stated bound") {
  std::mt19937 rng(11);
  const Graph g = random_graph(rng, 300, 0.015, false, {});
  const Graph w = random_graph(rng, 250, 0.02, true, {1, 2, 3});
  for (const Graph* graph : {&g, &w}) {
    const auto mode = graph->weighted() ? PathWeights::distance : PathWeights::ignore;
    const double eps = 0.02;
    const auto exact = betweenness(*graph, {.weights = mode});
    const auto approx = approximate_betweenness(*graph, {.epsilon = eps, .delta = 0.1, .seed = 42, .weights = mode});
    const double n = graph->num_vertices();
    double worst = 0;
    for (std::size_t v = 0; v < exact.scores.size(); ++v)
      worst = std::max(worst, std::abs(exact.scores[v] - approx.scores[v]));
    INFO("worst error " << worst << " with " << approx.iterations << " samples");
    CHECK(worst <= eps * n / (n - 2));
    CHECK(approx.iterations >= static_cast<int>(0.5 / (eps * eps) * (1 + std::log(10.0))));
    // the raw scale is the same estimate times the pair count
    const auto raw = approximate_betweenness(*graph, {.epsilon = eps, .delta = 0.1, .seed = 42, .weights = mode,
                                                      .normalized = false});
    const double pairs = graph->directed() ? n * (n - 1) : n * (n - 1) / 2;
    for (std::size_t v = 0; v < exact.scores.size(); v += 37)
      CHECK(raw.scores[v] == Approx(approx.scores[v] * (n - 2) / n * pairs).epsilon(1e-9));
  }
  // a different seed draws different paths
  CHECK(approximate_betweenness(g, {.seed = 1}).scores != approximate_betweenness(g, {.seed = 2}).scores);
}

TEST_CASE("bad parameters are refused with the valid range") {
  auto g = from(4, {{0, 1}, {1, 2}, {2, 3}});
  CHECK_THROWS_AS(approximate_betweenness(g, {.epsilon = 0}), ParamError);
  CHECK_THROWS_WITH(approximate_betweenness(g, {.epsilon = 1.5}), Catch::Contains("epsilon must be in (0, 1)"));
  CHECK_THROWS_WITH(approximate_betweenness(g, {.delta = 1.0}), Catch::Contains("delta must be in (0, 1)"));
  CHECK_THROWS_AS(approximate_betweenness(g, {.epsilon = std::nan("")}), ParamError);
  CHECK_THROWS_WITH(edge_betweenness(g, {.endpoints = true}), Catch::Contains("endpoints"));
}

TEST_CASE("sampled betweenness draws shortest paths uniformly (grids and a random digraph)") {
  // A grid has many shortest paths of equal length between most pairs, with vertices on very
  // different numbers of them: a draw that were not uniform over the paths (or over the
  // touching vertices of the two searches) would show as a bias far above the sampling noise.
  // 180,000 samples: the standard error of each estimate is below 0.0012.
  auto grid = [](vertex_t w, vertex_t h, Direction dir) {
    std::vector<Graph::Edge> e;
    for (vertex_t y = 0; y < h; ++y)
      for (vertex_t x = 0; x < w; ++x) {
        const vertex_t v = y * w + x;
        if (x + 1 < w) e.push_back({v, v + 1});
        if (y + 1 < h) e.push_back({v, v + w});
        if (dir == Direction::directed && x + 1 < w && y + 1 < h) e.push_back({v + w + 1, v});  // back diagonals
      }
    return Graph::from_edges(w * h, e, dir);
  };
  std::mt19937 rng(5);
  const Graph digraph = random_graph(rng, 60, 0.08, true, {});
  for (const Graph& g : {grid(7, 5, Direction::undirected), grid(6, 6, Direction::directed), digraph}) {
    const auto exact = betweenness(g);
    const auto approx = approximate_betweenness(g, {.epsilon = 0.004, .delta = 0.1, .seed = 9});
    REQUIRE(approx.iterations > 150000);
    double worst = 0;
    for (std::size_t v = 0; v < exact.scores.size(); ++v)
      worst = std::max(worst, std::abs(exact.scores[v] - approx.scores[v]));
    INFO("worst error " << worst << " with " << approx.iterations << " samples, directed " << g.directed());
    CHECK(worst < 0.006);
  }
}

// PageRank, eigenvector and Katz centrality, and the spectral radius: published values, dense
// linear algebra on small seeded random graphs, invariants and error paths.
#include <catch2/catch.hpp>

#include "support/graphs.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <iterator>
#include <cmath>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>
#include <string>

#include "corridor/centrality/spectral.hpp"
#include "corridor/graph/order.hpp"
#include "corridor/error.hpp"

#ifdef _OPENMP
#include <omp.h>
#endif

using namespace corridor;

namespace {

Graph read_graph_file(const std::string& name, Direction dir = Direction::undirected) {
  return corridor::test::read_test_graph(name, /*weighted=*/true, dir).graph;
}

struct RandomGraphSpec {
  Direction dir = Direction::undirected;
  bool weighted = true;
  bool connected = false;  // add a spanning path (undirected) or Hamiltonian cycle (directed)
};

Graph random_graph(std::mt19937_64& rng, vertex_t n, double p, const RandomGraphSpec& s) {
  std::uniform_real_distribution<double> coin(0, 1), weight(0.25, 3.0);
  std::vector<Graph::Edge> edges;
  for (vertex_t u = 0; u < n; ++u)
    for (vertex_t v = 0; v < n; ++v) {
      if (u == v || (s.dir == Direction::undirected && v < u)) continue;
      if (coin(rng) < p) edges.push_back({u, v, s.weighted ? weight(rng) : 1.0});
    }
  if (s.connected) {
    for (vertex_t u = 0; u + 1 < n; ++u) edges.push_back({u, u + 1, s.weighted ? weight(rng) : 1.0});
    if (s.dir == Direction::directed && n > 1) edges.push_back({n - 1, 0, s.weighted ? weight(rng) : 1.0});
  }
  return Graph::from_edges(n, edges, s.dir, Merge::max);
}

Eigen::MatrixXd adjacency(const Graph& g, bool weighted = true) {
  const vertex_t n = g.num_vertices();
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n);
  for (vertex_t u = 0; u < n; ++u) {
    auto nb = g.out_neighbors(u);
    auto ws = g.out_weights(u);
    for (std::size_t i = 0; i < nb.size(); ++i) a(u, nb[i]) = weighted ? ws[i] : 1.0;
  }
  return a;
}

// Solves x = d P'^T x + (1 - d) p, P' = row-normalised A with dangling rows replaced by p.
Eigen::VectorXd dense_pagerank(const Graph& g, double d, const std::vector<double>& pers, bool weighted) {
  const vertex_t n = g.num_vertices();
  Eigen::MatrixXd a = adjacency(g, weighted);
  Eigen::VectorXd p(n);
  if (pers.empty()) p.setConstant(1.0 / n);
  else
    for (vertex_t i = 0; i < n; ++i) p(i) = pers[i];
  p /= p.sum();
  for (vertex_t u = 0; u < n; ++u) {
    const double s = a.row(u).sum();
    if (s > 0) a.row(u) /= s;
    else a.row(u) = p.transpose();
  }
  Eigen::MatrixXd m = Eigen::MatrixXd::Identity(n, n) - d * a.transpose();
  return m.partialPivLu().solve((1 - d) * p);
}

}  // namespace

TEST_CASE("PageRank on Zachary's karate club matches networkx") {
  Graph g = read_graph_file("karate.txt");
  REQUIRE(g.num_vertices() == 34);
  auto r = pagerank(g);
  REQUIRE(r.converged);
  CHECK(r.scores[33] == Approx(0.100919).margin(1e-6));
  CHECK(r.scores[0] == Approx(0.096997).margin(1e-6));
  CHECK(r.residual < 34 * 1e-10);
  CHECK(std::accumulate(r.scores.begin(), r.scores.end(), 0.0) == Approx(1.0).margin(1e-14));
}

TEST_CASE("PageRank on the Langville-Meyer digraph (damping 0.9, dangling vertex 2)") {
  //  1 -> 2, 1 -> 3, 3 -> 1, 3 -> 2, 3 -> 5, 4 -> 5, 4 -> 6, 5 -> 4, 5 -> 6, 6 -> 4
  //  (vertex k stored as k - 1; vertex 2 has no out-arc)
  std::vector<Graph::Edge> e{{0, 1}, {0, 2}, {2, 0}, {2, 1}, {2, 4}, {3, 4}, {3, 5}, {4, 3}, {4, 5}, {5, 3}};
  Graph g = Graph::from_edges(6, e, Direction::directed);
  auto r = pagerank(g, {.damping = 0.9});
  const double expected[] = {.03721197, .05395735, .04150565, .37508082, .20599833, .28624589};
  for (int i = 0; i < 6; ++i) CHECK(r.scores[i] == Approx(expected[i]).margin(1e-8));
}

TEST_CASE("PageRank agrees with dense linear algebra on random graphs") {
  std::mt19937_64 rng(20261125);
  for (int trial = 0; trial < 120; ++trial) {
    const auto n = static_cast<vertex_t>(2 + trial % 29);
    const Direction dir = trial % 2 ? Direction::directed : Direction::undirected;
    const bool weighted = trial % 3 != 0;
    Graph g = random_graph(rng, n, 0.15, {.dir = dir, .weighted = weighted});
    std::vector<double> pers;
    if (trial % 4 == 1) {
      std::uniform_real_distribution<double> u(0, 1);
      pers.resize(n);
      for (auto& x : pers) x = u(rng) < 0.3 ? 0.0 : u(rng);
      pers[0] = 0.5;  // not all zero
    }
    const double d = trial % 5 == 0 ? 0.5 : 0.85;
    for (bool use_weights : {true, false}) {
      INFO("trial " << trial << " n " << n << " directed " << (dir == Direction::directed) << " weights " << use_weights);
      auto r = pagerank(g, {.damping = d, .tolerance = 1e-13, .weighted = use_weights, .personalization = pers});
      REQUIRE(r.converged);
      Eigen::VectorXd ref = dense_pagerank(g, d, pers, use_weights);
      double total = 0;
      for (vertex_t v = 0; v < n; ++v) {
        CHECK(r.scores[v] == Approx(ref(v)).margin(1e-9));
        CHECK(r.scores[v] >= 0);
        total += r.scores[v];
      }
      CHECK(total == Approx(1.0).margin(1e-12));
    }
  }
}

TEST_CASE("PageRank's fixed point: one more step changes nothing (gapbs PRVerifier)") {
  std::mt19937_64 rng(7);
  Graph g = random_graph(rng, 300, 0.02, {.dir = Direction::directed});
  auto r = pagerank(g, {.tolerance = 1e-14});
  REQUIRE(r.converged);
  // Recompute one Jacobi step by push from the returned scores.
  const vertex_t n = g.num_vertices();
  std::vector<double> next(n, 0.0);
  double dangling = 0;
  for (vertex_t u = 0; u < n; ++u) {
    const double s = g.out_strength(u);
    if (s == 0) {
      dangling += r.scores[u];
      continue;
    }
    auto nb = g.out_neighbors(u);
    auto ws = g.out_weights(u);
    for (std::size_t i = 0; i < nb.size(); ++i) next[nb[i]] += 0.85 * r.scores[u] * ws[i] / s;
  }
  double change = 0;
  for (vertex_t v = 0; v < n; ++v) change += std::abs(next[v] + (0.15 + 0.85 * dangling) / n - r.scores[v]);
  CHECK(change < 1e-11);
}

TEST_CASE("PageRank edge cases and parameter errors") {
  CHECK(pagerank(Graph{}).scores.empty());
  Graph one = Graph::from_edges(1, std::vector<Graph::Edge>{}, Direction::directed);
  CHECK(pagerank(one).scores == std::vector<double>{1.0});
  // Only dangling vertices: the walk always teleports, scores equal the personalization.
  Graph empty3 = Graph::from_edges(3, std::vector<Graph::Edge>{}, Direction::directed);
  auto r = pagerank(empty3, {.personalization = {1, 0, 3}});
  CHECK(r.scores[0] == Approx(0.25));
  CHECK(r.scores[1] == 0.0);
  CHECK(r.scores[2] == Approx(0.75));
  // A cap that is reached is reported, not thrown.
  Graph k = read_graph_file("karate.txt");
  auto capped = pagerank(k, {.max_iterations = 2});
  CHECK_FALSE(capped.converged);
  CHECK(capped.iterations == 2);
  CHECK(capped.residual > 0);

  CHECK_THROWS_WITH(pagerank(k, {.damping = 1.0}), Catch::Contains("[0, 1)"));
  CHECK_THROWS_AS(pagerank(k, {.damping = -0.1}), ParamError);
  CHECK_THROWS_WITH(pagerank(k, {.tolerance = 0}), Catch::Contains("tolerance"));
  CHECK_THROWS_WITH(pagerank(k, {.max_iterations = 0}), Catch::Contains("max_iterations"));
  CHECK_THROWS_WITH(pagerank(k, {.personalization = {1, 2}}), Catch::Contains("34 values, got 2"));
  CHECK_THROWS_WITH(pagerank(k, {.personalization = std::vector<double>(34, 0.0)}), Catch::Contains("all zero"));
  std::vector<double> neg(34, 1.0);
  neg[5] = -1;
  CHECK_THROWS_WITH(pagerank(k, {.personalization = neg}), Catch::Contains("vertex 5"));
}

TEST_CASE("eigenvector centrality matches networkx on karate and Florentine families") {
  auto k = eigenvector(read_graph_file("karate.txt"));
  REQUIRE(k.converged);
  CHECK(k.scores[33] == Approx(0.373363).margin(1e-6));
  CHECK(k.scores[0] == Approx(0.355491).margin(1e-6));
  // Florentine families: networkx 2.8.8, Medici 0.430308, Guadagni 0.289116.
  auto f = eigenvector(read_graph_file("florentine.txt"));
  CHECK(f.scores[1] == Approx(0.430308094).margin(1e-8));
  CHECK(f.scores[12] == Approx(0.289115599).margin(1e-8));
  double norm = 0;
  for (double x : f.scores) norm += x * x;
  CHECK(norm == Approx(1.0).margin(1e-12));
}

TEST_CASE("eigenvector centrality agrees with a dense eigensolver on random connected graphs") {
  std::mt19937_64 rng(42);
  for (int trial = 0; trial < 60; ++trial) {
    const auto n = static_cast<vertex_t>(3 + trial % 25);
    const Direction dir = trial % 2 ? Direction::directed : Direction::undirected;
    Graph g = random_graph(rng, n, 0.2, {.dir = dir, .weighted = trial % 3 != 0, .connected = true});
    INFO("trial " << trial << " n " << n);
    auto r = eigenvector(g, {.tolerance = 1e-14, .max_iterations = 200000});
    // networkx iterates x <- A^T x: the Perron vector of A^T.
    Eigen::MatrixXd at = adjacency(g).transpose();
    Eigen::VectorXd ref(n);
    if (dir == Direction::undirected) {
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(at);
      ref = es.eigenvectors().col(n - 1).cwiseAbs();
    } else {
      Eigen::EigenSolver<Eigen::MatrixXd> es(at);
      Eigen::Index best = 0;
      es.eigenvalues().real().maxCoeff(&best);
      ref = es.eigenvectors().col(best).real().cwiseAbs();
    }
    ref.normalize();
    for (vertex_t v = 0; v < n; ++v) CHECK(r.scores[v] == Approx(ref(v)).margin(1e-8));
  }
}

TEST_CASE("eigenvector centrality at its cap returns the last iterate with converged = false") {
  Graph k = read_graph_file("karate.txt");
  const ScoreResult capped = eigenvector(k, {.max_iterations = 3});
  CHECK_FALSE(capped.converged);
  CHECK(capped.iterations == 3);
  CHECK(capped.residual >= 34 * 1e-9);  // the stopping rule was not met
  double norm = 0;
  for (double x : capped.scores) norm += x * x;
  CHECK(norm == Approx(1.0));  // normalised like a converged answer
  // it is the iterate a longer run passes through: a 4-iteration run moves on from it
  const ScoreResult full = eigenvector(k);
  CHECK(full.converged);
  CHECK(full.iterations > 3);
  CHECK(capped.scores != full.scores);
  CHECK_THROWS_AS(eigenvector(k, {.tolerance = -1}), ParamError);
}

TEST_CASE("Katz centrality: P3, karate and Florentine families as networkx") {
  Graph p3 = Graph::from_edges(3, std::vector<Graph::Edge>{{0, 1}, {1, 2}}, Direction::undirected);
  auto r = katz(p3, {.alpha = 0.1});
  CHECK(r.scores[0] == Approx(.5598852584).margin(1e-9));
  CHECK(r.scores[1] == Approx(.6107839183).margin(1e-9));
  CHECK(r.scores[2] == Approx(.5598852584).margin(1e-9));
  // networkx 2.8.8: katz_centrality(karate, alpha=0.1), florentine alpha=0.25.
  auto k = katz(read_graph_file("karate.txt"), {.alpha = 0.1, .tolerance = 1e-12});
  CHECK(k.scores[33] == Approx(0.3314064274).margin(1e-9));
  CHECK(k.scores[0] == Approx(0.3213246219).margin(1e-9));
  auto f = katz(read_graph_file("florentine.txt"), {.alpha = 0.25, .tolerance = 1e-12, .max_iterations = 10000});
  CHECK(f.scores[1] == Approx(0.4143806123).margin(1e-9));
  CHECK(f.scores[12] == Approx(0.2966629469).margin(1e-9));
  auto raw = katz(p3, {.alpha = 0.1, .normalized = false});
  CHECK(raw.scores[1] == Approx(1.2 / 0.98).margin(1e-9));  // x1 = 1 + 0.1 (x0 + x2), x0 = 1 + 0.1 x1
}

TEST_CASE("Katz centrality agrees with (I - alpha A^T)^-1 beta on random graphs") {
  std::mt19937_64 rng(99);
  for (int trial = 0; trial < 60; ++trial) {
    const auto n = static_cast<vertex_t>(2 + trial % 27);
    const Direction dir = trial % 2 ? Direction::directed : Direction::undirected;
    Graph g = random_graph(rng, n, 0.2, {.dir = dir, .weighted = trial % 3 != 0});
    const double lambda = spectral_radius(g);
    const double alpha = lambda > 0 ? 0.7 / lambda : 0.3;
    INFO("trial " << trial << " n " << n << " lambda " << lambda);
    auto r = katz(g, {.alpha = alpha, .beta = 2.0, .tolerance = 1e-14, .max_iterations = 100000, .normalized = false});
    Eigen::MatrixXd m = Eigen::MatrixXd::Identity(n, n) - alpha * adjacency(g).transpose();
    Eigen::VectorXd ref = m.partialPivLu().solve(Eigen::VectorXd::Constant(n, 2.0));
    for (vertex_t v = 0; v < n; ++v) CHECK(r.scores[v] == Approx(ref(v)).margin(1e-8));
  }
}

TEST_CASE("Katz rejects alpha at or above 1/lambda_max, stating the bound") {
  Graph k = read_graph_file("karate.txt");
  CHECK_THROWS_AS(katz(k, {.alpha = 0.15}), ParamError);
  CHECK_THROWS_WITH(katz(k, {.alpha = 0.15}), Catch::Contains("0.148683") && Catch::Contains("6.7257"));
  CHECK_NOTHROW(katz(k, {.alpha = 0.148, .max_iterations = 100000}));
  CHECK_THROWS_AS(katz(k, {.alpha = -0.1}), ParamError);
  CHECK_THROWS_AS(katz(k, {.beta = 0}), ParamError);
  const ScoreResult capped = katz(k, {.alpha = 0.1, .max_iterations = 2, .normalized = false});
  CHECK_FALSE(capped.converged);
  CHECK(capped.iterations == 2);
  // two steps from x = 0: x1 = beta, x2 = beta + alpha A^T x1 = 1 + 0.1 deg
  CHECK(capped.scores[33] == Approx(1 + 0.1 * 17));
}

TEST_CASE("spectral radius: published values, dense and sparse paths agree") {
  CHECK(spectral_radius(read_graph_file("karate.txt")) == Approx(6.7257).margin(1e-4));
  CHECK(spectral_radius(read_graph_file("florentine.txt")) == Approx(3.2561).margin(1e-4));
  Graph lesmis = read_graph_file("lesmis.txt");
  CHECK(spectral_radius(lesmis, false) == Approx(12.0058).margin(1e-4));
  CHECK(spectral_radius(lesmis, true) == Approx(65.02628035526).margin(1e-8));
  CHECK(spectral_radius(Graph{}) == 0.0);
  // Above 400 vertices the power iteration runs; compare with the dense solver here.
  std::mt19937_64 rng(5);
  for (Direction dir : {Direction::undirected, Direction::directed}) {
    Graph g = random_graph(rng, 450, 0.01, {.dir = dir, .connected = true});
    Eigen::MatrixXd a = adjacency(g);
    double ref = 0;
    if (dir == Direction::undirected) ref = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(a).eigenvalues().cwiseAbs().maxCoeff();
    else ref = Eigen::EigenSolver<Eigen::MatrixXd>(a, false).eigenvalues().cwiseAbs().maxCoeff();
    CHECK(spectral_radius(g) == Approx(ref).epsilon(1e-8));
  }
}

TEST_CASE("spectral kernels give identical results on 1 and 2 threads") {
#ifdef _OPENMP
  std::mt19937_64 rng(11);
  std::vector<Graph::Edge> edges;
  std::uniform_int_distribution<vertex_t> pick(0, 9999);
  std::uniform_real_distribution<double> w(0.1, 2);
  for (int i = 0; i < 60000; ++i) edges.push_back({pick(rng), pick(rng), w(rng)});
  for (Direction dir : {Direction::undirected, Direction::directed}) {
    Graph g = Graph::from_edges(10000, edges, dir);
    const int before = omp_get_max_threads();
    omp_set_num_threads(1);
    auto p1 = pagerank(g);
    auto e1 = eigenvector(g, {.tolerance = 1e-6, .max_iterations = 100000});
    auto k1 = katz(g, {.alpha = 0.5 / spectral_radius(g)});
    omp_set_num_threads(2);
    auto p2 = pagerank(g);
    auto e2 = eigenvector(g, {.tolerance = 1e-6, .max_iterations = 100000});
    auto k2 = katz(g, {.alpha = 0.5 / spectral_radius(g)});
    omp_set_num_threads(before);
    CHECK(p1.scores == p2.scores);
    CHECK(p1.iterations == p2.iterations);
    CHECK(p1.residual == p2.residual);
    CHECK(e1.scores == e2.scores);
    CHECK(k1.scores == k2.scores);
  }
#else
  SUCCEED("built without OpenMP");
#endif
}

TEST_CASE("PageRank with single-precision transition weights stays within its error budget") {
  // n * tolerance = 2e-6 >= 32 d 2^-24: the kernel reads float weights w/out-strength. Its answer
  // must be as close to the exact fixed point as the stopping rule promises: L1 error below
  // n * tolerance / (1 - d) plus the float rounding bound d/(1-d) 2^-24.
  std::mt19937_64 rng(99);
  for (Direction dir : {Direction::undirected, Direction::directed}) {
    std::vector<Graph::Edge> edges;
    std::uniform_int_distribution<vertex_t> node(0, 19999);
    std::uniform_real_distribution<double> weight(0.25, 3.0);
    for (int i = 0; i < 120000; ++i) edges.push_back({node(rng), node(rng), weight(rng)});
    Graph g = Graph::from_edges(20000, edges, dir, Merge::sum);
    const double d = 0.85;
    auto fast = pagerank(g, {.damping = d, .tolerance = 1e-10});
    auto exact = pagerank(g, {.damping = d, .tolerance = 1e-16});
    REQUIRE(fast.converged);
    double l1 = 0;
    for (vertex_t v = 0; v < g.num_vertices(); ++v) l1 += std::abs(fast.scores[v] - exact.scores[v]);
    CHECK(l1 < 20000 * 1e-10 / (1 - d) + d / (1 - d) * 0x1.0p-24);
    CHECK(std::accumulate(fast.scores.begin(), fast.scores.end(), 0.0) == Approx(1.0).margin(1e-12));
    // The hundred best-ranked vertices are the same.
    auto top = [](const std::vector<double>& s) {
      std::vector<vertex_t> idx(s.size());
      std::iota(idx.begin(), idx.end(), vertex_t{0});
      std::partial_sort(idx.begin(), idx.begin() + 100, idx.end(), [&](vertex_t a, vertex_t b) { return s[a] > s[b]; });
      idx.resize(100);
      std::sort(idx.begin(), idx.end());
      return idx;
    };
    std::vector<vertex_t> a = top(fast.scores), b = top(exact.scores), both;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
    CHECK(both.size() >= 98);
  }
}

TEST_CASE("PageRank on a graph large enough for tiles matches the exact iteration, on 1 and 2 threads") {
  // 2^19 + 1000 vertices: the single-precision weights laid out by tiles of 2^15 vertex numbers,
  // the last one partial, with x gathered in single precision between tiles. Half the edges
  // join nearby numbers (within a tile, mostly) and half any two vertices, plus a few dangling
  // vertices (no out-arcs) and a personalization. Tolerance 4e-12, about the smallest that still
  // takes single precision here (n * tolerance >= 32 d 2^-24), so that the stopping rule's error
  // (n * tolerance / (1 - d), 1.4e-5) leaves little room beside both roundings' bound
  // 2 d/(1-d) 2^-24: the answer must stay within their sum of the double-weight iteration run to
  // 1e-13 (its own error: below 1e-13 n / (1 - d)), and be the same bits on 1 and 2 threads.
  const vertex_t n = (vertex_t{1} << 19) + 1000;
  std::mt19937_64 rng(17);
  std::uniform_int_distribution<vertex_t> node(0, n - 1), step(1, 300);
  std::uniform_real_distribution<double> weight(0.25, 3.0);
  std::vector<Graph::Edge> edges;
  for (vertex_t i = 0; i < 3 * n; ++i) {
    const vertex_t u = node(rng);
    const vertex_t v = i % 2 == 0 ? (u + step(rng)) % n : node(rng);
    if (u % 1000 == 7) continue;  // about n/1000 vertices without out-arcs
    edges.push_back({u, v, weight(rng)});
  }
  Graph g = Graph::from_edges(n, edges, Direction::directed, Merge::sum);
  const double d = 0.85;
  std::vector<double> pers(n, 1.0);
  for (vertex_t v = 0; v < n; v += 97) pers[v] = 50.0;
  for (const bool personalized : {false, true}) {
    PageRankParams fast{.damping = d, .tolerance = 4e-12};
    if (personalized) fast.personalization = pers;
    PageRankParams exact = fast;
    exact.tolerance = 1e-13;
    exact.max_iterations = 1000;
#ifdef _OPENMP
    omp_set_num_threads(1);
#endif
    const ScoreResult one = pagerank(g, fast);
#ifdef _OPENMP
    omp_set_num_threads(2);
#endif
    const ScoreResult two = pagerank(g, fast);
    const ScoreResult ref = pagerank(g, exact);
    REQUIRE(one.converged);
    REQUIRE(ref.converged);
    CHECK(one.scores == two.scores);
    CHECK(one.iterations == two.iterations);
    double l1 = 0;
    for (vertex_t v = 0; v < n; ++v) l1 += std::abs(one.scores[v] - ref.scores[v]);
    INFO("personalized " << personalized << ", L1 distance " << l1);
    CHECK(l1 < n * 4e-12 / (1 - d) + 2 * d / (1 - d) * 0x1.0p-24 + n * 1e-13 / (1 - d));
  }
}

TEST_CASE("PageRank with single-precision weights keeps the mass of dangling vertices in one chunk") {
  // Vertices without out-arcs only in 9000..9099 (one of the kernel's fixed chunks; the
  // float-weight kernel looks for them only in chunks that hold one). Their mass goes back by
  // teleport, so the iterates keep total 1 and the residual the kernel reports (the L1 change of
  // its unnormalised iterate) equals the L1 change of the normalised scores of two capped runs.
  // Mass lost at the dangling vertices would only rescale the fixed point (hidden by the final
  // normalisation) but would show here as a residual larger by about d x the dangling mass.
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<vertex_t> node(0, 9999);
  std::uniform_real_distribution<double> weight(0.25, 3.0);
  std::vector<Graph::Edge> edges;
  for (int i = 0; i < 60000; ++i) {
    const vertex_t u = node(rng), v = node(rng);
    if (u < 9000 || u >= 9100) edges.push_back({u, v, weight(rng)});
  }
  Graph g = Graph::from_edges(10000, edges, Direction::directed, Merge::sum);
  for (vertex_t v = 9000; v < 9100; ++v) REQUIRE(g.out_degree(v) == 0);
  for (int threads : {1, 2}) {
#ifdef _OPENMP
    omp_set_num_threads(threads);
#endif
    INFO(threads << " threads");
    for (int k = 2; k <= 5; ++k) {
      // n * tolerance = 2e-6 >= 32 d 2^-24: float transition weights (the runs stop at the cap).
      auto a = pagerank(g, {.tolerance = 2e-10, .max_iterations = k});
      auto b = pagerank(g, {.tolerance = 2e-10, .max_iterations = k + 1});
      double change = 0;
      for (vertex_t v = 0; v < g.num_vertices(); ++v) change += std::abs(b.scores[v] - a.scores[v]);
      INFO("iteration " << k + 1);
      CHECK(b.residual == Approx(change).epsilon(1e-4));
    }
  }
}

TEST_CASE("PageRank, eigenvector and Katz are bit-identical on 1 and 2 threads") {
  // Large enough for many chunks of the parallel loops, on each of PageRank's three paths
  // (unit weights, exact double weights, compact float weights).
  std::mt19937_64 rng(4);
  std::vector<Graph::Edge> edges;
  std::uniform_int_distribution<vertex_t> node(0, 29999);
  std::uniform_real_distribution<double> weight(0.25, 3.0);
  for (int i = 0; i < 150000; ++i) edges.push_back({node(rng), node(rng), weight(rng)});
  Graph g = Graph::from_edges(30000, edges, Direction::directed, Merge::sum);
  auto run = [&] {
    return std::vector<std::vector<double>>{
        pagerank(g, {.weighted = false}).scores, pagerank(g, {.tolerance = 1e-15}).scores,
        pagerank(g, {.tolerance = 1e-10}).scores, eigenvector(g, {.tolerance = 1e-8}).scores,
        katz(g, {.alpha = 0.05}).scores};
  };
#ifdef _OPENMP
  omp_set_num_threads(1);
#endif
  auto one = run();
#ifdef _OPENMP
  omp_set_num_threads(2);
#endif
  auto two = run();
  for (std::size_t k = 0; k < one.size(); ++k) CHECK(one[k] == two[k]);
}

TEST_CASE("PageRank on a renumbered graph maps back to the same scores") {
  std::mt19937_64 rng(8);
  Graph g = random_graph(rng, 400, 0.02, {.dir = Direction::directed});
  auto order = vertex_order(g);
  Graph h = g.renumbered(order);
  auto a = pagerank(g, {.tolerance = 1e-15});
  auto b = pagerank(h, {.tolerance = 1e-15});
  auto back = in_input_order(b.scores, order);
  for (vertex_t v = 0; v < g.num_vertices(); ++v) CHECK(back[v] == Approx(a.scores[v]).margin(1e-15));
  CHECK_THROWS_AS(in_input_order(std::vector<double>{1.0}, order), ParamError);
}

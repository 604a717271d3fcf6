// Invariants of the algorithms on seeded random cases, through the whole pipeline (case ->
// view -> algorithm), on 1 and 2 threads. The module tests check values on plain graphs; these
// check what must hold for any case a user loads: PageRank is a probability distribution,
// centrality scores are non-negative, modularity stays in [-1/2, 1] and matches the reported
// quality, betweenness of a path has its closed form, and propagation scores are non-negative.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>

#include "corridor/corridor.hpp"
#include "corridor/propagation/propagate.hpp"

// Test programs are compiled with the library's OpenMP flags (CORRIDOR_HAVE_OPENMP is private to
// the library), so _OPENMP tells whether threads can be set.
#ifdef _OPENMP
#include <omp.h>
#endif

using namespace corridor;

namespace {

struct Threads {
  int saved = 1;
  Threads() {
#ifdef _OPENMP
    saved = omp_get_max_threads();
#endif
  }
  ~Threads() { set(saved); }
  static void set(int t) {
#ifdef _OPENMP
    omp_set_num_threads(t);
#else
    (void)t;
#endif
  }
};
constexpr int kThreadCounts[] = {1, 2};

// A random case of synthetic people: a few kinds, every relation class, repeated evidence,
// self-loops, isolated nodes, grades and dates.
Case random_case(std::uint64_t seed, int n, int m) {
  std::mt19937_64 rng(seed);
  const NodeKind kinds[] = {NodeKind::smuggler, NodeKind::facilitator, NodeKind::migrant, NodeKind::organization,
                            NodeKind::person,   NodeKind::country,     NodeKind::location};
  const char* relations[] = {"smuggled", "paid", "communicated", "financed", "member_of", "housed",
                             "transported", "associated", "coordinated", "originates_from", "uses"};
  const char* grades[] = {"", "A1", "B2", "C3", "F6"};
  CaseBuilder b;
  for (int i = 0; i < n; ++i)
    b.add_node({.id = "N" + std::to_string(i), .kind = kinds[rng() % std::size(kinds)]});
  for (int k = 0; k < m; ++k) {
    const int u = static_cast<int>(rng() % n), v = static_cast<int>(rng() % n);
    const int day = 1 + static_cast<int>(rng() % 28), month = 1 + static_cast<int>(rng() % 12);
    b.add_evidence({.source = "N" + std::to_string(u),
                    .target = "N" + std::to_string(v),
                    .relation = relations[rng() % std::size(relations)],
                    .grade = grades[rng() % std::size(grades)],
                    .time = (rng() % 3 == 0) ? std::string() : "2021-" + std::string(month < 10 ? "0" : "") +
                                                                  std::to_string(month) + "-" +
                                                                  (day < 10 ? "0" : "") + std::to_string(day)});
  }
  return std::move(b).freeze();
}

std::vector<Case> cases() {
  std::vector<Case> out;
  for (std::uint64_t s = 1; s <= 6; ++s) out.push_back(random_case(s, 20 + 15 * static_cast<int>(s), 60 * static_cast<int>(s)));
  out.push_back(generate_case({.preset = "tiny", .seed = 3}).c);
  return out;
}

std::vector<ViewParams> views() {
  std::vector<ViewParams> out;
  for (auto dir : {Direction::undirected, Direction::directed})
    for (auto w : {Weighting::unit, Weighting::strength, Weighting::transmission})
      out.push_back(ViewParams{.direction = dir, .weighting = w});
  return out;
}

void check_scores(const std::vector<double>& s, std::size_t n, const char* what) {
  INFO(what);
  REQUIRE(s.size() == n);
  for (double x : s) {
    CHECK(std::isfinite(x));
    CHECK(x >= 0.0);
  }
}

// Connected parts of the undirected graph, to tell whether eigenvector centrality applies.
bool connected(const Graph& g) {
  if (g.num_vertices() == 0) return true;
  std::vector<char> seen(g.num_vertices(), 0);
  std::vector<vertex_t> stack{0};
  seen[0] = 1;
  std::size_t count = 1;
  while (!stack.empty()) {
    const vertex_t v = stack.back();
    stack.pop_back();
    for (auto w : g.out_neighbors(v))
      if (!seen[w]) seen[w] = 1, ++count, stack.push_back(w);
    for (auto w : g.in_neighbors(v))
      if (!seen[w]) seen[w] = 1, ++count, stack.push_back(w);
  }
  return count == g.num_vertices();
}

}  // namespace

TEST_CASE("PageRank is a probability distribution on every view of random cases, on 1 and 2 threads") {
  Threads guard;
  std::size_t checked = 0;
  for (const Case& c : cases())
    for (const ViewParams& vp : views()) {
      const View v = make_view(c, vp);
      const auto n = v.graph.num_vertices();
      if (n == 0) continue;
      std::mt19937 rng(n);
      std::vector<double> personal(n);
      for (auto& x : personal) x = (rng() % 3 == 0) ? 0.0 : std::uniform_real_distribution<double>(0, 2)(rng);
      personal[0] = 1.0;
      std::vector<std::vector<double>> by_threads;
      for (int t : kThreadCounts) {
        Threads::set(t);
        for (const auto& p : {PageRankParams{}, PageRankParams{.damping = 0.5, .weighted = false},
                              PageRankParams{.damping = 0.95, .personalization = personal}}) {
          const ScoreResult r = pagerank(v.graph, p);
          check_scores(r.scores, n, "pagerank");
          CHECK(r.converged);
          CHECK(std::accumulate(r.scores.begin(), r.scores.end(), 0.0) == Approx(1.0).margin(1e-9));
          by_threads.push_back(r.scores);
          ++checked;
        }
      }
      for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t k = 0; k < n; ++k) CHECK(by_threads[i][k] == Approx(by_threads[i + 3][k]).margin(1e-12));
    }
  CHECK(checked >= 7 * 6 * 6);
}

TEST_CASE("every centrality score is finite and non-negative on random cases, on 1 and 2 threads") {
  Threads guard;
  for (const Case& c : cases())
    for (const ViewParams& vp : views()) {
      const View v = make_view(c, vp);
      const Graph& g = v.graph;
      const auto n = g.num_vertices();
      for (int t : kThreadCounts) {
        Threads::set(t);
        for (auto w : {PathWeights::ignore, PathWeights::strength}) {
          check_scores(betweenness(g, {.weights = w}).scores, n, "betweenness");
          check_scores(betweenness(g, {.normalized = false, .weights = w, .endpoints = true}).scores, n,
                       "betweenness with endpoints");
          check_scores(closeness(g, {.weights = w}).scores, n, "closeness");
          check_scores(harmonic(g, {.weights = w}).scores, n, "harmonic");
        }
        check_scores(degree_centrality(g, {.weighted = true}).scores, n, "strength");
        const double lambda = spectral_radius(g);
        CHECK(lambda >= 0.0);
        if (lambda > 0.0) check_scores(katz(g, {.alpha = 0.5 / lambda}).scores, n, "katz");
        if (n > 2 && !g.directed() && connected(g)) {
          // A bipartite component can oscillate (converged = false); the scores are still valid.
          check_scores(eigenvector(g).scores, n, "eigenvector");
        }
      }
    }
}

TEST_CASE("modularity of any partition lies in [-1/2, 1]; community results report it exactly") {
  Threads guard;
  for (const Case& c : cases())
    for (const ViewParams& vp : views()) {
      if (vp.direction == Direction::directed) continue;  // modularity here is for undirected graphs
      const View v = make_view(c, vp);
      const Graph& g = v.graph;
      const auto n = g.num_vertices();
      if (n == 0 || g.num_arcs() == 0) continue;
      std::mt19937 rng(static_cast<unsigned>(n));
      for (int k : {1, 2, 3, 7, static_cast<int>(n)}) {
        std::vector<std::int64_t> labels(n);
        for (auto& l : labels) l = static_cast<std::int64_t>(rng() % static_cast<unsigned>(k));
        const double q = modularity(g, labels);
        CHECK(q >= -0.5 - 1e-12);
        CHECK(q <= 1.0 + 1e-12);
      }
      std::vector<std::int64_t> first;
      for (int t : kThreadCounts) {
        Threads::set(t);
        const CommunityResult l = leiden(g, {.seed = 7});
        const CommunityResult lv = louvain(g, {.seed = 7});
        const CommunityResult lp = label_propagation(g, {.seed = 7});
        for (const CommunityResult* r : {&l, &lv, &lp}) {
          REQUIRE(r->membership.size() == n);
          const double q = modularity(g, r->membership);
          CHECK(q >= -0.5 - 1e-12);
          CHECK(q <= 1.0 + 1e-12);
        }
        CHECK(l.quality == Approx(modularity(g, l.membership)).margin(1e-9));
        CHECK(lv.quality == Approx(modularity(g, lv.membership)).margin(1e-9));
        CHECK(modularity(g, l.membership) >= -1e-12);  // never worse than one community
        if (first.empty())
          first = l.membership;
        else
          CHECK(l.membership == first);
      }
    }
}

TEST_CASE("betweenness of a path has its closed form i(n-1-i), through a case and a view") {
  for (int n = 2; n <= 40; n += (n < 8 ? 1 : 7)) {
    INFO("path of " << n);
    for (const char* relation : {"communicated", "member_of"}) {  // undirected, directed
      CaseBuilder b;
      for (int i = 0; i < n; ++i) b.add_node({.id = "P" + std::to_string(1000 + i), .kind = NodeKind::smuggler});
      for (int i = 0; i + 1 < n; ++i)
        b.add_evidence({.source = "P" + std::to_string(1000 + i), .target = "P" + std::to_string(1001 + i),
                        .relation = relation});
      const Case c = std::move(b).freeze();
      for (auto dir : {Direction::undirected, Direction::directed}) {
        const View v = make_view(c, ViewParams{.direction = dir});
        const bool directed = v.graph.directed();
        const auto raw = betweenness(v.graph, {.normalized = false}).scores;
        const auto norm = betweenness(v.graph, {}).scores;
        for (int i = 0; i < n; ++i) {
          const vertex_t x = v.vertex_of[static_cast<std::size_t>(i)];
          const double pairs = static_cast<double>(i) * (n - 1 - i);
          // A directed view of an undirected relation has arcs both ways: every pair counts in
          // both directions. A directed relation gives a one-way path.
          const bool both_ways = directed && std::string(relation) == "communicated";
          CHECK(raw[x] == Approx(both_ways ? 2 * pairs : pairs));
          const double scale =
              n > 2 ? ((directed && !both_ways) ? 1.0 : 2.0) / ((n - 1.0) * (n - 2.0)) : 0.0;
          CHECK(norm[x] == Approx(pairs * scale).margin(1e-12));
        }
      }
    }
  }
}

TEST_CASE("propagation scores are finite and non-negative for any seeds, the same on 1 and 2 threads") {
  Threads guard;
  for (const Case& c : cases()) {
    std::mt19937 rng(static_cast<unsigned>(c.num_nodes()));
    std::vector<Seed> seeds;
    for (int k = 0; k < 3; ++k)
      seeds.push_back(Seed{.node = static_cast<NodeId>(rng() % c.num_nodes()), .confidence = 0.5 + 0.1 * k});
    std::sort(seeds.begin(), seeds.end(), [](const Seed& a, const Seed& b) { return a.node < b.node; });
    seeds.erase(std::unique(seeds.begin(), seeds.end(), [](const Seed& a, const Seed& b) { return a.node == b.node; }),
                seeds.end());
    std::vector<Seed> more = seeds;
    for (NodeId v = 0; v < c.num_nodes() && more.size() == seeds.size(); ++v)
      if (std::none_of(seeds.begin(), seeds.end(), [&](const Seed& s) { return s.node == v; }))
        more.push_back(Seed{.node = v, .confidence = 1.0});
    for (Method m : {Method::ppr, Method::spread, Method::ppr_degree, Method::naive}) {
      INFO("method " << to_string(m));
      std::vector<double> first;
      for (int t : kThreadCounts) {
        Threads::set(t);
        const PropagationResult a = propagate(c, seeds, {.method = m});
        const PropagationResult b = propagate(c, more, {.method = m});
        check_scores(a.scores, c.num_nodes(), "scores");
        check_scores(b.scores, c.num_nodes(), "scores with one more seed");
        if (first.empty())
          first = a.scores;
        else
          for (NodeId v = 0; v < c.num_nodes(); ++v) CHECK(a.scores[v] == Approx(first[v]).margin(1e-12));
      }
    }
  }
}

// Articulation points, bridges and key player sets: against remove-and-count and exhaustive
// search on small seeded random graphs, plus the karate club and hand-drawn cases.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "centrality/paths_fixtures.hpp"
#include "corridor/centrality/keyplayers.hpp"
#include "corridor/error.hpp"

using namespace corridor;
using namespace paths_test;

namespace {

// Fragmentation as documented: players count as isolated vertices, n is the full vertex count.
double fragmentation(const Graph& g, const std::vector<vertex_t>& players) {
  const vertex_t n = g.num_vertices();
  std::vector<char> removed(n, 0);
  for (vertex_t v : players) removed[v] = 1;
  std::vector<std::size_t> sizes;
  components(g, removed, kNoVertex, kNoVertex, &sizes);
  double pairs = 0;
  for (auto s : sizes) pairs += static_cast<double>(s) * (static_cast<double>(s) - 1);
  return n < 2 ? 1.0 : 1.0 - pairs / (static_cast<double>(n) * (n - 1.0));
}

// Players plus every vertex within d of one of them, by BFS from each player.
std::size_t closed_coverage(const Graph& g, const std::vector<vertex_t>& players, int d) {
  std::vector<char> cov(g.num_vertices(), 0);
  for (vertex_t p : players) {
    std::vector<int> dist(g.num_vertices(), -1);
    std::vector<vertex_t> q{p};
    dist[p] = 0;
    for (std::size_t h = 0; h < q.size(); ++h)
      for (vertex_t x : g.out_neighbors(q[h]))
        if (dist[x] < 0 && dist[q[h]] < d) dist[x] = dist[q[h]] + 1, q.push_back(x);
    for (vertex_t v : q) cov[v] = 1;
  }
  std::size_t c = 0;
  for (char x : cov) c += x;
  return c;
}

double reach_share(const Graph& g, const std::vector<vertex_t>& players, int d) {
  const std::size_t others = g.num_vertices() - players.size();
  return others == 0 ? 0.0 : static_cast<double>(closed_coverage(g, players, d) - players.size()) / others;
}

void for_each_subset(vertex_t n, std::size_t k, const std::function<void(const std::vector<vertex_t>&)>& f) {
  std::vector<vertex_t> s;
  std::function<void(vertex_t)> rec = [&](vertex_t from) {
    if (s.size() == k) return f(s);
    for (vertex_t v = from; v < n; ++v) {
      s.push_back(v);
      rec(v + 1);
      s.pop_back();
    }
  };
  rec(0);
}

}  // namespace

TEST_CASE("karate club: vertex 0 is the only articulation point") {
  const auto k = read_fixture("karate.txt");
  CHECK(articulation_points(k.graph) == std::vector<vertex_t>{0});
  // vertex 11 hangs on vertex 0 alone
  CHECK(bridges(k.graph) == std::vector<std::pair<vertex_t, vertex_t>>{{0, 11}});
  const auto kp = key_players(k.graph, {.k = 2});
  CHECK(kp.players.size() == 2);
  CHECK(kp.score == Approx(fragmentation(k.graph, kp.players)).margin(1e-12));
  CHECK(kp.score > 0.3);  // removing two leaders splits the club
}

TEST_CASE("articulation points and bridges on hand-drawn graphs") {
  //  0 - 1 - 2      5
  //      |   |      |
  //      4 - 3      6 - 7
  auto g = Graph::from_edges(8, std::vector<Graph::Edge>{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 1}, {5, 6}, {6, 7}},
                             Direction::undirected);
  CHECK(articulation_points(g) == std::vector<vertex_t>{1, 6});
  CHECK(bridges(g) == std::vector<std::pair<vertex_t, vertex_t>>{{0, 1}, {5, 6}, {6, 7}});
  // a directed graph is read as undirected
  auto d = Graph::from_edges(3, std::vector<Graph::Edge>{{0, 1}, {2, 1}}, Direction::directed);
  CHECK(articulation_points(d) == std::vector<vertex_t>{1});
  CHECK(bridges(d).size() == 2);
  CHECK(articulation_points(Graph::from_edges(0, {}, Direction::undirected)).empty());
}

TEST_CASE("articulation points and bridges match remove-and-count on random graphs") {
  std::mt19937 rng(314);
  for (int trial = 0; trial < 80; ++trial) {
    const auto n = static_cast<vertex_t>(5 + rng() % 10);
    const Graph g = random_graph(rng, n, 0.12 + 0.03 * (trial % 6), trial % 3 == 0, {});
    const Graph u = g.to_undirected();
    const std::vector<char> none(n, 0);
    const std::size_t base = components(u, none, kNoVertex, kNoVertex);
    std::vector<vertex_t> cut;
    for (vertex_t v = 0; v < n; ++v) {
      std::vector<char> removed(n, 0);
      removed[v] = 1;
      // removing v loses v's own component only when v was isolated
      const std::size_t after = components(u, removed, kNoVertex, kNoVertex) + (u.out_degree(v) == 0 ? 1 : 0);
      if (after > base) cut.push_back(v);
    }
    std::vector<std::pair<vertex_t, vertex_t>> br;
    for (vertex_t a = 0; a < n; ++a)
      for (vertex_t b : u.out_neighbors(a))
        if (a < b && components(u, none, a, b) > base) br.emplace_back(a, b);
    INFO("trial " << trial);
    CHECK(articulation_points(g) == cut);
    CHECK(bridges(g) == br);
  }
}

TEST_CASE("KPP-Neg: exact score, 1-swap optimal, usually the exhaustive optimum") {
  std::mt19937 rng(2718);
  int optimal = 0, cases = 0;
  for (int trial = 0; trial < 60; ++trial) {
    const auto n = static_cast<vertex_t>(6 + rng() % 6);
    const Graph g = random_graph(rng, n, 0.2 + 0.05 * (trial % 5), trial % 4 == 1, {});
    const Graph u = g.to_undirected();
    for (std::size_t k = 1; k <= 3; ++k) {
      const auto r = key_players(g, {.k = k});
      INFO("trial " << trial << " k " << k);
      REQUIRE(r.players.size() == k);
      CHECK(r.score == Approx(fragmentation(u, r.players)).margin(1e-12));
      // Each marginal is the step from one prefix of the players to the next: the running sum
      // is the score of every prefix, not only of the whole set.
      REQUIRE(r.marginal.size() == k);
      double sum = fragmentation(u, {});
      for (std::size_t i = 0; i < k; ++i) {
        sum += r.marginal[i];
        const std::vector<vertex_t> prefix(r.players.begin(), r.players.begin() + static_cast<std::ptrdiff_t>(i + 1));
        CHECK(sum == Approx(fragmentation(u, prefix)).margin(1e-12));
      }
      CHECK(sum == Approx(r.score).margin(1e-12));
      double best = 0;
      for_each_subset(n, k, [&](const std::vector<vertex_t>& s) { best = std::max(best, fragmentation(u, s)); });
      CHECK(r.score <= best + 1e-12);
      // no exchange of one player for one other vertex does better
      for (std::size_t i = 0; i < k; ++i)
        for (vertex_t c = 0; c < n; ++c) {
          if (std::find(r.players.begin(), r.players.end(), c) != r.players.end()) continue;
          auto s = r.players;
          s[i] = c;
          CHECK(fragmentation(u, s) <= r.score + 1e-12);
        }
      ++cases;
      optimal += r.score >= best - 1e-12;
    }
  }
  INFO(optimal << " of " << cases << " at the optimum");
  CHECK(optimal >= cases * 9 / 10);
}

TEST_CASE("KPP-Pos: reach share, (1 - 1/e) of the best coverage, 1-swap optimal") {
  std::mt19937 rng(1618);
  for (int trial = 0; trial < 60; ++trial) {
    const auto n = static_cast<vertex_t>(6 + rng() % 6);
    const Graph g = random_graph(rng, n, 0.1 + 0.04 * (trial % 5), trial % 4 == 2, {});
    const Graph u = g.to_undirected();
    for (int d : {1, 2})
      for (std::size_t k = 1; k <= 3; ++k) {
        const auto r = key_players(g, {.k = k, .mode = KeyPlayerMode::positive, .max_distance = d});
        INFO("trial " << trial << " d " << d << " k " << k);
        REQUIRE(r.players.size() == k);
        CHECK(r.score == Approx(reach_share(u, r.players, d)).margin(1e-12));
        std::size_t best = 0;
        for_each_subset(n, k, [&](const std::vector<vertex_t>& s) { best = std::max(best, closed_coverage(u, s, d)); });
        const std::size_t got = closed_coverage(u, r.players, d);
        CHECK(static_cast<double>(got) >= (1 - 1 / std::exp(1.0)) * static_cast<double>(best));
        for (std::size_t i = 0; i < k; ++i)
          for (vertex_t c = 0; c < n; ++c) {
            if (std::find(r.players.begin(), r.players.end(), c) != r.players.end()) continue;
            auto s = r.players;
            s[i] = c;
            CHECK(closed_coverage(u, s, d) <= got);
          }
      }
  }
}

TEST_CASE("key players: edge cases and bad parameters") {
  auto g = Graph::from_edges(4, std::vector<Graph::Edge>{{0, 1}, {1, 2}, {2, 3}}, Direction::undirected);
  // path 0-1-2-3: removing 1 (or 2) leaves pairs {2,3} (or {0,1}) connected: F = 1 - 2/12
  auto one = key_players(g, {.k = 1});
  CHECK(one.players == std::vector<vertex_t>{1});
  CHECK(one.score == Approx(1.0 - 2.0 / 12.0));
  CHECK(key_players(g, {.k = 0}).players.empty());
  CHECK(key_players(g, {.k = 0}).score == 0.0);
  CHECK(key_players(g, {.k = 4}).score == 1.0);
  CHECK(key_players(g, {.k = 4, .mode = KeyPlayerMode::positive}).score == 0.0);
  auto pos = key_players(g, {.k = 1, .mode = KeyPlayerMode::positive, .max_distance = 1});
  CHECK(pos.players == std::vector<vertex_t>{1});
  CHECK(pos.score == Approx(2.0 / 3.0));
  CHECK_THROWS_AS(key_players(g, {.k = 5}), ParamError);
  CHECK_THROWS_WITH(key_players(g, {.k = 5}), Catch::Contains("k must be in [0, 4]"));
  CHECK_THROWS_WITH(key_players(g, {.k = 1, .mode = KeyPlayerMode::positive, .max_distance = 0}),
                    Catch::Contains("max_distance must be >= 1"));
}

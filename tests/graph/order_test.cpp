// Building the CSR (against a brute-force reference), renumbering a graph, and the vertex orders
// that make kernels cache friendly.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <random>
#include <tuple>

#include "corridor/corridor.hpp"
#include "corridor/graph/order.hpp"

#ifdef _OPENMP
#include <omp.h>
#endif

using namespace corridor;

namespace {

void set_threads(int t) {
#ifdef _OPENMP
  omp_set_num_threads(t);
#else
  (void)t;
#endif
}

// A multigraph with repeated pairs (in both directions), self-loops and tags.
std::vector<Graph::Edge> random_multigraph(std::mt19937_64& rng, vertex_t n, std::size_t m, bool unit_weights) {
  std::uniform_int_distribution<vertex_t> node(0, n - 1);
  std::uniform_real_distribution<double> weight(0.05, 0.95);
  std::vector<Graph::Edge> edges;
  for (std::size_t i = 0; i < m; ++i) {
    const vertex_t u = node(rng), v = rng() % 5 == 0 && !edges.empty() ? edges.back().v : node(rng);
    edges.push_back({u, v, unit_weights ? 1.0 : weight(rng), static_cast<std::uint32_t>(rng() % 50)});
  }
  return edges;
}

double combine(Merge m, double a, double b) {
  switch (m) {
    case Merge::sum: return a + b;
    case Merge::max: return std::max(a, b);
    case Merge::noisy_or: return 1.0 - (1.0 - a) * (1.0 - b);
  }
  return 0;
}

// The definition, written plainly: every arc of a pair in input order, merged; the tag of the
// first largest weight among the arcs taken in (tag, input) order.
struct RefArc {
  double w;
  std::uint32_t tag;
};
std::map<std::pair<vertex_t, vertex_t>, RefArc> reference(const std::vector<Graph::Edge>& edges, Direction dir,
                                                         Merge merge) {
  std::map<std::pair<vertex_t, vertex_t>, std::vector<std::tuple<std::uint32_t, std::size_t, double>>> arcs;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const auto& e = edges[i];
    if (e.u == e.v) continue;
    arcs[{e.u, e.v}].push_back({e.tag, i, e.w});
    if (dir == Direction::undirected) arcs[{e.v, e.u}].push_back({e.tag, i, e.w});
  }
  std::map<std::pair<vertex_t, vertex_t>, RefArc> out;
  for (auto& [key, list] : arcs) {
    std::sort(list.begin(), list.end());
    double w = std::get<2>(list[0]), best = w;
    std::uint32_t tag = std::get<0>(list[0]);
    for (std::size_t k = 1; k < list.size(); ++k) {
      w = combine(merge, w, std::get<2>(list[k]));
      if (std::get<2>(list[k]) > best) best = std::get<2>(list[k]), tag = std::get<0>(list[k]);
    }
    out[key] = {w, tag};
  }
  return out;
}

void check_against_reference(const Graph& g, const std::map<std::pair<vertex_t, vertex_t>, RefArc>& ref) {
  std::size_t arcs = 0;
  for (vertex_t u = 0; u < g.num_vertices(); ++u) {
    auto nb = g.out_neighbors(u);
    auto w = g.out_weights(u);
    auto t = g.out_tags(u);
    CHECK(std::is_sorted(nb.begin(), nb.end()));
    CHECK(std::adjacent_find(nb.begin(), nb.end()) == nb.end());
    for (std::size_t i = 0; i < nb.size(); ++i) {
      auto it = ref.find({u, nb[i]});
      REQUIRE(it != ref.end());
      CHECK(w[i] == it->second.w);  // same additions in the same order: the very same number
      CHECK(t[i] == it->second.tag);
      ++arcs;
    }
  }
  CHECK(arcs == ref.size());
  if (g.directed()) {
    // The in-CSR is the exact transpose.
    std::size_t in_arcs = 0;
    for (vertex_t v = 0; v < g.num_vertices(); ++v) {
      auto in = g.in_neighbors(v);
      auto iw = g.in_weights(v);
      CHECK(std::is_sorted(in.begin(), in.end()));
      for (std::size_t i = 0; i < in.size(); ++i) {
        CHECK(iw[i] == ref.at({in[i], v}).w);
        ++in_arcs;
      }
    }
    CHECK(in_arcs == ref.size());
  }
}

// Every arc of g appears in h = g.renumbered(order) between the renumbered ends, with the same
// weight and tag, and h has nothing else.
void check_renumbered(const Graph& g, const Graph& h, const std::vector<vertex_t>& order) {
  std::vector<vertex_t> rank(order.size());
  for (vertex_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  REQUIRE(h.num_vertices() == g.num_vertices());
  REQUIRE(h.num_arcs() == g.num_arcs());
  CHECK(h.directed() == g.directed());
  CHECK(h.weighted() == g.weighted());
  CHECK(h.total_arc_weight() == g.total_arc_weight());
  for (vertex_t u = 0; u < g.num_vertices(); ++u) {
    auto nb = g.out_neighbors(u);
    auto w = g.out_weights(u);
    auto t = g.out_tags(u);
    REQUIRE(h.out_degree(rank[u]) == nb.size());
    CHECK(h.in_degree(rank[u]) == g.in_degree(u));
    auto hn = h.out_neighbors(rank[u]);
    CHECK(std::is_sorted(hn.begin(), hn.end()));
    for (std::size_t i = 0; i < nb.size(); ++i) {
      const auto a = h.find_arc(rank[u], rank[nb[i]]);
      REQUIRE(a >= 0);
      CHECK(h.arc_weights()[static_cast<std::size_t>(a)] == w[i]);
      CHECK(h.arc_tags()[static_cast<std::size_t>(a)] == t[i]);
    }
    if (g.directed()) {
      auto in = g.in_neighbors(u);
      auto hin = h.in_neighbors(rank[u]);
      CHECK(std::is_sorted(hin.begin(), hin.end()));
      std::vector<vertex_t> mapped;
      for (vertex_t x : in) mapped.push_back(rank[x]);
      std::sort(mapped.begin(), mapped.end());
      CHECK(std::vector<vertex_t>(hin.begin(), hin.end()) == mapped);
    }
  }
}

// Two groups of k vertices, each a clique, joined by one edge; vertex numbers shuffled.
Graph two_cliques(vertex_t k, std::uint64_t seed, std::vector<int>& side) {
  std::vector<vertex_t> id(2 * k);
  std::iota(id.begin(), id.end(), vertex_t{0});
  std::mt19937_64 rng(seed);
  std::shuffle(id.begin(), id.end(), rng);
  side.assign(2 * k, 0);
  std::vector<Graph::Edge> edges;
  for (int c = 0; c < 2; ++c)
    for (vertex_t i = 0; i < k; ++i) {
      side[id[c * k + i]] = c;
      for (vertex_t j = i + 1; j < k; ++j) edges.push_back({id[c * k + i], id[c * k + j]});
    }
  edges.push_back({id[0], id[k]});
  return Graph::from_edges(2 * k, edges, Direction::undirected);
}

}  // namespace

TEST_CASE("from_edges matches the definition on random multigraphs, on 1 and 2 threads") {
  std::mt19937_64 rng(20261206);
  for (int trial = 0; trial < 60; ++trial) {
    const auto n = static_cast<vertex_t>(1 + trial % 23);
    const Direction dir = trial % 2 ? Direction::directed : Direction::undirected;
    const Merge merge = trial % 3 == 0 ? Merge::sum : trial % 3 == 1 ? Merge::max : Merge::noisy_or;
    const auto edges = random_multigraph(rng, n, 4 * n + trial, trial % 7 == 0);
    INFO("trial " << trial);
    const auto ref = reference(edges, dir, merge);
    set_threads(1);
    Graph one = Graph::from_edges(n, edges, dir, merge);
    set_threads(2);
    Graph two = Graph::from_edges(n, edges, dir, merge);
    check_against_reference(one, ref);
    check_against_reference(two, ref);
  }
  // Rows long enough for the parallel row pass to split them among threads.
  std::mt19937_64 big_rng(5);
  const auto edges = random_multigraph(big_rng, 5000, 60000, false);
  const auto ref = reference(edges, Direction::undirected, Merge::sum);
  set_threads(2);
  check_against_reference(Graph::from_edges(5000, edges, Direction::undirected), ref);
}

TEST_CASE("renumbered keeps every arc, weight and tag") {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 20; ++trial) {
    const auto n = static_cast<vertex_t>(2 + 37 * trial);
    const Direction dir = trial % 2 ? Direction::directed : Direction::undirected;
    Graph g = Graph::from_edges(n, random_multigraph(rng, n, 6 * n, false), dir, Merge::sum);
    std::vector<vertex_t> order(n);
    std::iota(order.begin(), order.end(), vertex_t{0});
    std::shuffle(order.begin(), order.end(), rng);
    INFO("trial " << trial);
    check_renumbered(g, g.renumbered(order), order);
  }
  Graph g = Graph::from_edges(3, std::vector<Graph::Edge>{{0, 1}, {1, 2}}, Direction::undirected);
  CHECK_THROWS_AS(g.renumbered(std::vector<vertex_t>{0, 1}), ParamError);
  CHECK_THROWS_AS(g.renumbered(std::vector<vertex_t>{0, 1, 1}), ParamError);
  CHECK_THROWS_AS(g.renumbered(std::vector<vertex_t>{0, 1, 3}), ParamError);
}

TEST_CASE("vertex orders are permutations; the same on 1 and 2 threads") {
  std::mt19937_64 rng(3);
  for (Direction dir : {Direction::undirected, Direction::directed}) {
    Graph g = Graph::from_edges(20000, random_multigraph(rng, 20000, 120000, false), dir, Merge::sum);
    for (VertexOrder o : {VertexOrder::input, VertexOrder::degree, VertexOrder::locality}) {
      set_threads(1);
      auto a = vertex_order(g, {.order = o});
      set_threads(2);
      auto b = vertex_order(g, {.order = o});
      CHECK(a == b);
      std::vector<vertex_t> sorted = a;
      std::sort(sorted.begin(), sorted.end());
      for (vertex_t i = 0; i < sorted.size(); ++i) REQUIRE(sorted[i] == i);
      check_renumbered(g, g.renumbered(a), a);
    }
  }
  auto deg = vertex_order(Graph::from_edges(4, std::vector<Graph::Edge>{{0, 3}, {1, 3}, {2, 3}, {1, 2}}, Direction::undirected),
                          {.order = VertexOrder::degree});
  CHECK(deg == std::vector<vertex_t>{3, 1, 2, 0});
  CHECK_THROWS_AS(vertex_order(Graph{}, {.rounds = 0}), ParamError);
  CHECK(vertex_order(Graph{}).empty());
}

TEST_CASE("the locality order puts each of two cliques in one run") {
  std::vector<int> side;
  Graph g = two_cliques(30, 17, side);
  auto order = vertex_order(g, {.order = VertexOrder::locality});
  int changes = 0;
  for (std::size_t i = 1; i < order.size(); ++i) changes += side[order[i]] != side[order[i - 1]];
  CHECK(changes == 1);
}

TEST_CASE("inside a locality group, vertices come by decreasing row length, ties by number") {
  // Two cliques joined by one edge, with pendant vertices hung on some members (one to three
  // each) so that row lengths differ inside each group; a pendant joins its neighbour's group.
  std::vector<int> side;
  Graph cliques = two_cliques(30, 17, side);
  std::vector<Graph::Edge> edges;
  for (vertex_t u = 0; u < cliques.num_vertices(); ++u)
    for (vertex_t v : cliques.out_neighbors(u))
      if (u < v) edges.push_back({u, v});
  vertex_t next = cliques.num_vertices();
  for (vertex_t u = 0; u < 12; ++u)
    for (vertex_t k = 0; k <= u % 3; ++k) {
      edges.push_back({u, next++});
      side.push_back(side[u]);
    }
  const Graph g = Graph::from_edges(next, edges, Direction::undirected);
  for (int threads : {1, 2}) {
    set_threads(threads);
    auto order = vertex_order(g, {.order = VertexOrder::locality});
    int changes = 0;
    for (std::size_t i = 1; i < order.size(); ++i) {
      if (side[order[i]] != side[order[i - 1]]) {
        ++changes;
        continue;
      }
      const auto a = g.out_degree(order[i - 1]), b = g.out_degree(order[i]);
      INFO("position " << i << ": vertex " << order[i - 1] << " (degree " << a << ") then " << order[i] << " (degree " << b << ")");
      CHECK((a > b || (a == b && order[i - 1] < order[i])));
    }
    CHECK(changes == 1);
    // The pendants (degree 1) close their group's run.
    CHECK(g.out_degree(order.back()) == 1);
  }
}

TEST_CASE("a renumbered view maps vertices to the same case nodes") {
  CaseBuilder b;
  for (int i = 0; i < 8; ++i) b.add_node("P" + std::to_string(i), NodeKind::smuggler);
  b.add_node("C", NodeKind::country);
  for (auto [u, v] : std::vector<std::pair<int, int>>{{0, 1}, {1, 2}, {2, 0}, {3, 4}, {4, 5}, {5, 3}, {6, 7}, {2, 3}})
    b.add_evidence({.source = "P" + std::to_string(u), .target = "P" + std::to_string(v), .relation = "communicated"});
  const Case c = std::move(b).freeze();
  View v = make_view(c);
  const View original = make_view(c);
  const std::vector<vertex_t> order{7, 3, 0, 6, 1, 5, 2, 4};
  renumber(v, order);
  REQUIRE(v.node_of.size() == 8);
  for (vertex_t i = 0; i < 8; ++i) {
    CHECK(v.node_of[i] == original.node_of[order[i]]);
    CHECK(v.vertex_of[v.node_of[i]] == i);
  }
  CHECK(v.vertex_of[c.find("C").value()] == kNoVertex);
  // Every tie joins the same two case nodes as before.
  for (vertex_t x = 0; x < 8; ++x)
    for (vertex_t y : v.graph.out_neighbors(x))
      CHECK(original.graph.has_edge(original.vertex_of[v.node_of[x]], original.vertex_of[v.node_of[y]]));
  CHECK(v.graph.num_edges() == original.graph.num_edges());
  CHECK_THROWS_AS(renumber(v, std::vector<vertex_t>{0, 1}), ParamError);
}

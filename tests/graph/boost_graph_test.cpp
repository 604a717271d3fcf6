// corridor::Graph as a Boost.Graph graph: the concepts hold, and Boost's own algorithms run on
// corridor graphs (karate, Florentine families, CAVIAR, seeded random graphs) with the same
// answers as corridor's functions on the same graph.
#include <catch2/catch.hpp>

#include <boost/concept/assert.hpp>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/graph_concepts.hpp>
#include <boost/graph/page_rank.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/graph/undirected_dfs.hpp>
#include <boost/property_map/transform_value_property_map.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "corridor/centrality/betweenness.hpp"
#include "corridor/centrality/closeness.hpp"
#include "corridor/centrality/keyplayers.hpp"
#include "corridor/centrality/spectral.hpp"
#include "corridor/graph/boost_graph.hpp"
#include "corridor/graph/view.hpp"
#include "corridor/io/case_io.hpp"
#include "support/graphs.hpp"

using corridor::Direction;
using corridor::Graph;
using corridor::vertex_t;
namespace bgl = corridor::bgl;

// ---- the concepts --------------------------------------------------------------------------

BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<Graph>));
BOOST_CONCEPT_ASSERT((boost::EdgeListGraphConcept<Graph>));
BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<Graph>));
BOOST_CONCEPT_ASSERT((boost::AdjacencyGraphConcept<Graph>));
BOOST_CONCEPT_ASSERT((boost::BidirectionalGraphConcept<Graph>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<Graph, vertex_t, boost::vertex_index_t>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<Graph, bgl::arc, boost::edge_index_t>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<Graph, bgl::arc, boost::edge_weight_t>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<Graph, bgl::arc, bgl::edge_evidence_t>));

BOOST_CONCEPT_ASSERT((boost::VertexListGraphConcept<bgl::undirected_graph>));
BOOST_CONCEPT_ASSERT((boost::EdgeListGraphConcept<bgl::undirected_graph>));
BOOST_CONCEPT_ASSERT((boost::IncidenceGraphConcept<bgl::undirected_graph>));
BOOST_CONCEPT_ASSERT((boost::AdjacencyGraphConcept<bgl::undirected_graph>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<bgl::undirected_graph, bgl::tie, boost::edge_index_t>));
BOOST_CONCEPT_ASSERT((boost::ReadablePropertyGraphConcept<bgl::undirected_graph, bgl::tie, boost::edge_weight_t>));

namespace {

// ---- graphs --------------------------------------------------------------------------------

struct Named {
  std::string name;
  Graph graph;
  bool integer_weights = true;  // equal-length paths compare exactly (Boost has no tolerance)
};

// CAVIAR (tests/data/caviar): 110 people, 205 ties weighted by intercepted calls. Built from the
// case's own evidence volume, so the weights are the integer call counts whatever the strength
// rule of the view is.
Graph caviar_calls() {
  const corridor::Case c = corridor::read_case(std::string(CORRIDOR_TEST_DATA) + "/caviar");
  std::vector<Graph::Edge> edges;
  for (corridor::EvidenceId e = 0; e < c.num_evidence(); ++e)
    edges.push_back({c.source(e), c.target(e), static_cast<double>(c.weight(e)), e});
  return Graph::from_edges(static_cast<vertex_t>(c.num_nodes()), edges, Direction::undirected, corridor::Merge::sum);
}

// A seeded random graph: G(n, p) plus, when `strongly`, a cycle through every vertex (so no
// vertex is dangling and a directed graph is strongly connected); integer weights 1..4.
Graph random_graph(std::uint32_t seed, vertex_t n, double p, Direction d, bool strongly) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> coin(0.0, 1.0);
  std::uniform_int_distribution<int> weight(1, 4);
  std::vector<Graph::Edge> edges;
  for (vertex_t u = 0; u < n; ++u)
    for (vertex_t v = 0; v < n; ++v)
      if (u != v && (d == Direction::directed || u < v) && coin(rng) < p)
        edges.push_back({u, v, static_cast<double>(weight(rng))});
  if (strongly)
    for (vertex_t u = 0; u < n; ++u) edges.push_back({u, (u + 1) % n, static_cast<double>(weight(rng))});
  return Graph::from_edges(n, edges, d);
}

std::vector<Named> undirected_graphs() {
  std::vector<Named> out;
  out.push_back({"karate", corridor::test::read_test_graph("karate.txt").graph});
  out.push_back({"florentine", corridor::test::read_test_graph("florentine.txt").graph});
  out.push_back({"lesmis weighted", corridor::test::read_test_graph("lesmis.txt", true).graph});
  out.push_back({"caviar calls", caviar_calls()});
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    const vertex_t n = 8 + 4 * seed;
    // Sparse enough to have several components, cut vertices and bridges.
    out.push_back({"random " + std::to_string(seed), random_graph(seed, n, 1.6 / n, Direction::undirected, false)});
  }
  return out;
}

constexpr double kInf = std::numeric_limits<double>::infinity();

// Distances from s by Boost's Dijkstra over the arc weights (or by BFS, all arcs 1).
template <class G>
std::vector<double> boost_distances(const G& g, vertex_t s, bool weighted) {
  const vertex_t n = static_cast<vertex_t>(num_vertices(g));
  std::vector<double> dist(n, kInf);
  if (weighted) {
    boost::dijkstra_shortest_paths(g, s, boost::distance_map(dist.data()).distance_inf(kInf));
  } else {
    std::vector<std::uint32_t> hops(n, std::numeric_limits<std::uint32_t>::max());
    hops[s] = 0;
    boost::breadth_first_search(
        g, s, boost::visitor(boost::make_bfs_visitor(boost::record_distances(hops.data(), boost::on_tree_edge()))));
    for (vertex_t v = 0; v < n; ++v)
      if (hops[v] != std::numeric_limits<std::uint32_t>::max()) dist[v] = hops[v];
  }
  return dist;
}

// Harmonic closeness from Boost's shortest paths: sum over v reaching u of 1 / d(v, u). On a
// directed graph the distances to u are the distances from u in the reversed graph (Boost's
// reverse_graph, which walks corridor's in-arcs).
std::vector<double> boost_harmonic(const Graph& g, bool weighted) {
  const vertex_t n = g.num_vertices();
  std::vector<double> h(n, 0.0);
  for (vertex_t u = 0; u < n; ++u) {
    const auto d = g.directed() ? boost_distances(boost::make_reverse_graph(g), u, weighted)
                                : boost_distances(g, u, weighted);
    for (vertex_t v = 0; v < n; ++v)
      if (v != u && d[v] < kInf) h[u] += 1.0 / d[v];
  }
  return h;
}

void check_close(const std::vector<double>& a, const std::vector<double>& b, double tol) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("vertex " << i);
    CHECK(a[i] == Approx(b[i]).margin(tol).epsilon(tol));
  }
}

}  // namespace

// ---- the model: what Boost sees --------------------------------------------------------------

TEST_CASE("Boost sees an undirected Graph as its symmetric arcs, in place") {
  //   0 -- 1 -- 2     3 (isolated)
  //    \  /
  //     4      weights: 0-1 2, 1-2 3, 0-4 5, 1-4 7; tags = edge number
  const std::vector<Graph::Edge> list{{0, 1, 2, 10}, {1, 2, 3, 11}, {0, 4, 5, 12}, {1, 4, 7, 13}};
  const Graph g = Graph::from_edges(5, list, Direction::undirected);
  CHECK(num_vertices(g) == 5);
  CHECK(num_edges(g) == 8);  // arcs
  CHECK(out_degree(1, g) == 3);
  CHECK(in_degree(1, g) == 3);
  CHECK(degree(1, g) == 6);
  CHECK(out_degree(3, g) == 0);

  std::vector<vertex_t> nb;
  for (auto [a, b] = adjacent_vertices(1, g); a != b; ++a) nb.push_back(*a);
  CHECK(nb == std::vector<vertex_t>{0, 2, 4});

  const auto w = get(boost::edge_weight, g);
  const auto tag = get(bgl::edge_evidence, g);
  const auto index = get(boost::edge_index, g);
  std::vector<std::tuple<vertex_t, vertex_t, double, std::uint32_t>> arcs;
  std::set<bgl::arc_index_t> indices;
  for (auto [a, b] = edges(g); a != b; ++a) {
    arcs.emplace_back(source(*a, g), target(*a, g), get(w, *a), get(tag, *a));
    indices.insert(get(index, *a));
  }
  CHECK(arcs.size() == 8);
  CHECK(indices.size() == 8);
  CHECK(*indices.rbegin() == 7);
  CHECK(arcs.front() == std::tuple<vertex_t, vertex_t, double, std::uint32_t>{0, 1, 2.0, 10});
  CHECK(arcs.back() == std::tuple<vertex_t, vertex_t, double, std::uint32_t>{4, 1, 7.0, 13});

  // An in-arc is the same descriptor as the out-arc it reverses.
  for (auto [a, b] = in_edges(4, g); a != b; ++a) {
    const auto [e, found] = edge(source(*a, g), 4, g);
    REQUIRE(found);
    CHECK(e == *a);
    CHECK(get(w, *a) == get(w, e));
  }
  CHECK_FALSE(edge(0, 2, g).second);
  CHECK(edge(2, 1, g).second);
  CHECK(get(boost::vertex_index, g, 3u) == 3);
}

TEST_CASE("bgl::undirected lists each tie once and names it the same from both ends") {
  const std::vector<Graph::Edge> list{{0, 1, 2, 10}, {1, 2, 3, 11}, {0, 4, 5, 12}, {1, 4, 7, 13}};
  const Graph g = Graph::from_edges(5, list, Direction::undirected);
  const bgl::undirected_graph u = bgl::undirected(g);
  CHECK(num_edges(u) == 4);
  std::vector<std::pair<vertex_t, vertex_t>> ties;
  for (auto [a, b] = edges(u); a != b; ++a) ties.emplace_back(source(*a, u), target(*a, u));
  CHECK(ties == std::vector<std::pair<vertex_t, vertex_t>>{{0, 1}, {0, 4}, {1, 2}, {1, 4}});
  const auto index = get(boost::edge_index, u);
  const auto w = get(boost::edge_weight, u);
  for (vertex_t v = 0; v < 5; ++v)
    for (auto [a, b] = out_edges(v, u); a != b; ++a) {
      CHECK(source(*a, u) == v);
      const auto [back, found] = edge(target(*a, u), v, u);
      REQUIRE(found);
      CHECK(back == *a);
      CHECK(get(index, back) == get(index, *a));
      CHECK(get(w, back) == get(w, *a));
    }
  CHECK_THROWS_AS(bgl::undirected(Graph::from_edges(5, list, Direction::directed)), corridor::ParamError);
}

TEST_CASE("Boost sees a directed Graph's in-arcs through its transposed CSR") {
  //  0 -> 1 -> 2 -> 0,  0 -> 2,  3 -> 2
  const std::vector<Graph::Edge> list{{0, 1, 1, 0}, {1, 2, 2, 1}, {2, 0, 3, 2}, {0, 2, 4, 3}, {3, 2, 5, 4}};
  const Graph g = Graph::from_edges(4, list, Direction::directed);
  CHECK(num_edges(g) == 5);
  CHECK(in_degree(2, g) == 3);
  CHECK(out_degree(2, g) == 1);
  std::vector<std::pair<vertex_t, double>> in;
  const auto w = get(boost::edge_weight, g);
  for (auto [a, b] = in_edges(2, g); a != b; ++a) {
    CHECK(target(*a, g) == 2);
    in.emplace_back(source(*a, g), get(w, *a));
  }
  CHECK(in == std::vector<std::pair<vertex_t, double>>{{0, 4.0}, {1, 2.0}, {3, 5.0}});
}

// ---- Boost's algorithms against corridor's ---------------------------------------------------

TEST_CASE("Boost's Dijkstra and BFS give corridor's harmonic closeness") {
  for (const Named& t : undirected_graphs()) {
    INFO(t.name);
    check_close(boost_harmonic(t.graph, false), corridor::harmonic(t.graph).scores, 1e-12);
    check_close(boost_harmonic(t.graph, true),
                corridor::harmonic(t.graph, {.weights = corridor::PathWeights::distance}).scores, 1e-12);
  }
  for (std::uint32_t seed = 1; seed <= 8; ++seed) {
    const Graph g = random_graph(100 + seed, 10 + 3 * seed, 0.15, Direction::directed, false);
    INFO("directed random " << seed);
    check_close(boost_harmonic(g, true), corridor::harmonic(g, {.weights = corridor::PathWeights::distance}).scores,
                1e-12);
  }
}

TEST_CASE("Boost's Dijkstra runs on a view of a case with tie strengths as weights") {
  const corridor::Case c = corridor::read_case(std::string(CORRIDOR_TEST_DATA) + "/caviar");
  const corridor::View view = corridor::make_view(c, {.weighting = corridor::Weighting::strength});
  const Graph& g = view.graph;
  // Strong ties are short: length 1 / strength, as corridor's PathWeights::strength.
  const auto w = get(boost::edge_weight, g);
  auto length = boost::make_transform_value_property_map([](double s) { return 1.0 / s; }, w);
  std::vector<double> h(g.num_vertices(), 0.0), dist(g.num_vertices());
  for (vertex_t u = 0; u < g.num_vertices(); ++u) {
    boost::dijkstra_shortest_paths(g, u, boost::weight_map(length).distance_map(dist.data()).distance_inf(kInf));
    for (vertex_t v = 0; v < g.num_vertices(); ++v)
      if (v != u && dist[v] < kInf) h[u] += 1.0 / dist[v];
  }
  check_close(h, corridor::harmonic(g, {.weights = corridor::PathWeights::strength}).scores, 1e-12);
}

TEST_CASE("Boost's connected_components gives corridor's fragmentation") {
  for (const Named& t : undirected_graphs()) {
    INFO(t.name);
    const Graph& g = t.graph;
    std::vector<std::uint32_t> comp(g.num_vertices());
    const auto count = boost::connected_components(g, comp.data());
    // Same partition through the undirected view (named-parameter form needs undirected_tag).
    std::vector<std::uint32_t> comp2(g.num_vertices());
    std::vector<boost::default_color_type> color(g.num_vertices());
    CHECK(boost::connected_components(bgl::undirected(g), comp2.data(), boost::color_map(color.data())) == count);
    CHECK(comp2 == comp);
    // Components are what BFS reaches.
    for (vertex_t s = 0; s < g.num_vertices(); ++s) {
      const auto d = boost_distances(g, s, false);
      for (vertex_t v = 0; v < g.num_vertices(); ++v) CHECK((d[v] < kInf) == (comp[v] == comp[s]));
    }
    // corridor's key_players with k = 0 scores the graph's own fragmentation.
    std::vector<double> sizes(count, 0.0);
    for (auto x : comp) sizes[x] += 1;
    const double n = g.num_vertices();
    double connected = 0;
    for (double s : sizes) connected += s * (s - 1);
    const double fragmentation = n < 2 ? 1.0 : 1.0 - connected / (n * (n - 1));
    CHECK(corridor::key_players(g, {.k = 0}).score == Approx(fragmentation).epsilon(1e-14));
  }
}

TEST_CASE("Boost's biconnected_components gives corridor's articulation points and bridges") {
  std::size_t cut_total = 0, bridge_total = 0;
  for (const Named& t : undirected_graphs()) {
    INFO(t.name);
    const Graph& g = t.graph;
    // The component of a tie is written through one of its arcs; edge_index of the undirected
    // view maps both arcs of a tie to one slot.
    std::vector<std::size_t> comp(g.num_arcs(), static_cast<std::size_t>(-1));
    const auto u = bgl::undirected(g);
    auto comp_map = boost::make_iterator_property_map(comp.begin(), get(boost::edge_index, u));
    std::vector<vertex_t> cuts;
    const auto [count, out] = boost::biconnected_components(u, comp_map, std::back_inserter(cuts));
    (void)out;
    std::sort(cuts.begin(), cuts.end());
    CHECK(cuts == corridor::articulation_points(g));
    // A bridge is a biconnected component of one tie.
    std::vector<std::size_t> ties_in(count, 0);
    for (auto [a, b] = edges(u); a != b; ++a) ++ties_in[get(comp_map, *a)];
    std::vector<std::pair<vertex_t, vertex_t>> bridges;
    for (auto [a, b] = edges(u); a != b; ++a)
      if (ties_in[get(comp_map, *a)] == 1) bridges.emplace_back(source(*a, u), target(*a, u));
    std::sort(bridges.begin(), bridges.end());
    CHECK(bridges == corridor::bridges(g));
    // The plain Graph (symmetric arcs, directed DFS) finds the same cut vertices.
    std::vector<std::size_t> comp2(g.num_arcs());
    std::vector<vertex_t> cuts2;
    boost::biconnected_components(g, boost::make_iterator_property_map(comp2.begin(), get(boost::edge_index, g)),
                                  std::back_inserter(cuts2));
    std::sort(cuts2.begin(), cuts2.end());
    CHECK(cuts2 == cuts);
    cut_total += cuts.size();
    bridge_total += bridges.size();
  }
  CHECK(cut_total > 20);  // the graphs exercise the rule
  CHECK(bridge_total > 20);
  SECTION("karate's one cut vertex (REFERENCE.md)") {
    const Graph g = corridor::test::read_test_graph("karate.txt").graph;
    std::vector<vertex_t> cuts;
    boost::articulation_points(g, std::back_inserter(cuts));
    CHECK(cuts == std::vector<vertex_t>{0});
  }
}

TEST_CASE("Boost's brandes_betweenness_centrality gives corridor's betweenness") {
  for (const Named& t : undirected_graphs()) {
    INFO(t.name);
    const Graph& g = t.graph;
    const auto ours = corridor::betweenness(g, {.normalized = false}).scores;
    // Through the undirected view: each unordered pair once, as corridor (and networkx) count.
    std::vector<double> b(g.num_vertices());
    boost::brandes_betweenness_centrality(bgl::undirected(g), boost::centrality_map(b.data()));
    check_close(b, ours, 1e-9);
    // On the Graph itself Boost walks the symmetric arcs: every pair in both directions.
    std::vector<double> both(g.num_vertices());
    boost::brandes_betweenness_centrality(g, boost::centrality_map(both.data()));
    for (double& x : both) x /= 2;
    check_close(both, ours, 1e-9);
    // Weighted: arc weights as lengths (integer, so equal-length paths tie exactly in both).
    if (t.integer_weights && g.weighted()) {
      std::vector<double> bw(g.num_vertices());
      const auto u = bgl::undirected(g);
      boost::brandes_betweenness_centrality(u, boost::centrality_map(bw.data()).weight_map(get(boost::edge_weight, u)));
      check_close(bw, corridor::betweenness(g, {.normalized = false, .weights = corridor::PathWeights::distance}).scores,
                  1e-9);
    }
  }
  SECTION("Florentine families, normalised as networkx (REFERENCE.md)") {
    const auto f = corridor::test::read_test_graph("florentine.txt");
    std::vector<double> b(f.graph.num_vertices());
    boost::brandes_betweenness_centrality(bgl::undirected(f.graph), boost::centrality_map(b.data()));
    const double n = f.graph.num_vertices();
    const auto medici = static_cast<std::size_t>(std::find(f.names.begin(), f.names.end(), "Medici") - f.names.begin());
    REQUIRE(medici < f.names.size());
    CHECK(b[medici] / ((n - 1) * (n - 2) / 2) == Approx(0.522).margin(5e-4));
  }
  for (std::uint32_t seed = 1; seed <= 8; ++seed) {
    const Graph g = random_graph(200 + seed, 10 + 3 * seed, 0.15, Direction::directed, false);
    INFO("directed random " << seed);
    std::vector<double> b(g.num_vertices());
    boost::brandes_betweenness_centrality(g, boost::centrality_map(b.data()).weight_map(get(boost::edge_weight, g)));
    check_close(b, corridor::betweenness(g, {.normalized = false, .weights = corridor::PathWeights::distance}).scores,
                1e-9);
  }
}

TEST_CASE("Boost's page_rank gives corridor's PageRank where no vertex is dangling") {
  // Boost iterates r = (1 - d) + d sum r_u / outdeg(u) a fixed number of times, unweighted and
  // unnormalised (ranks sum to n when no vertex is dangling); corridor's PageRank is networkx's.
  // Their fixed points agree up to the factor n on graphs where every vertex has an out-arc.
  auto check = [](const Graph& g) {
    const vertex_t n = g.num_vertices();
    std::vector<double> r(n);
    boost::graph::page_rank(g, boost::make_iterator_property_map(r.begin(), get(boost::vertex_index, g)),
                            boost::graph::n_iterations(300), 0.85, n);
    for (double& x : r) x /= n;
    check_close(r, corridor::pagerank(g, {.tolerance = 1e-15, .weighted = false}).scores, 1e-12);
  };
  SECTION("karate") { check(corridor::test::read_test_graph("karate.txt").graph); }
  SECTION("Florentine families") { check(corridor::test::read_test_graph("florentine.txt").graph); }
  SECTION("CAVIAR") { check(caviar_calls()); }
  SECTION("seeded random graphs, undirected and directed (Boost walks the in-arcs)") {
    for (std::uint32_t seed = 1; seed <= 10; ++seed) {
      INFO("seed " << seed);
      check(random_graph(300 + seed, 12 + 4 * seed, 0.1, Direction::undirected, true));
      check(random_graph(400 + seed, 12 + 4 * seed, 0.1, Direction::directed, true));
    }
  }
  SECTION("karate's reference values (REFERENCE.md)") {
    const Graph g = corridor::test::read_test_graph("karate.txt").graph;
    std::vector<double> r(g.num_vertices());
    boost::graph::page_rank(g, boost::make_iterator_property_map(r.begin(), get(boost::vertex_index, g)),
                            boost::graph::n_iterations(300));
    CHECK(r[33] / g.num_vertices() == Approx(0.100919).margin(1e-6));
    CHECK(r[0] / g.num_vertices() == Approx(0.096997).margin(1e-6));
  }
}

TEST_CASE("Boost's undirected_dfs classifies each tie once") {
  const Graph g = corridor::test::read_test_graph("karate.txt").graph;
  const auto u = bgl::undirected(g);
  struct Counter : boost::default_dfs_visitor {
    std::size_t* tree;
    std::size_t* back;
    void tree_edge(const bgl::tie&, const bgl::undirected_graph&) { ++*tree; }
    void back_edge(const bgl::tie&, const bgl::undirected_graph&) { ++*back; }
  };
  std::size_t tree = 0, back = 0;
  Counter vis;
  vis.tree = &tree;
  vis.back = &back;
  std::vector<boost::default_color_type> vcolor(g.num_vertices()), ecolor(g.num_arcs());
  boost::undirected_dfs(u, vis, boost::make_iterator_property_map(vcolor.begin(), get(boost::vertex_index, u)),
                        boost::make_iterator_property_map(ecolor.begin(), get(boost::edge_index, u)));
  CHECK(tree == 33);  // a spanning tree of the 34 members
  CHECK(tree + back == 78);
}

// corridor-bench-bgl: Boost.Graph's algorithms run on a corridor Graph (through
// corridor/graph/boost_graph.hpp) beside corridor's own functions for the same answer, in one
// run, so the ratio holds on a busy machine. It decides where corridor uses Boost instead of its
// own code (README, "Boost.Graph").
//
//   corridor-bench-bgl [--n N] [--degree D] [--repeat R] [--only corridor|boost] [--task T]
//
// Tasks: cut (articulation points: corridor's lowpoint DFS against Boost's articulation_points
// on bgl::undirected), bridges (corridor's bridges against the one-tie components of
// biconnected_components), bfs (hop distances from vertex 0: a plain CSR
// BFS against breadth_first_search), dijkstra (distances from vertex 0 with arc weights as lengths:
// corridor's harmonic closeness needs one per vertex, so one source is timed against Boost's
// dijkstra_shortest_paths). The graph is a seeded sparse G(n, m) with m = n * D / 2 (D = 3 leaves
// many cut vertices and bridges). Prints the minimum over R repeats of each side and their ratio;
// --only runs one side (for instruction counts under valgrind --tool=callgrind).
#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>
#include <queue>
#include <random>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "corridor/centrality/keyplayers.hpp"
#include "corridor/graph/boost_graph.hpp"

namespace {

using corridor::Graph;
using corridor::vertex_t;

Graph sparse_graph(vertex_t n, double degree, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<vertex_t> any(0, n - 1);
  std::uniform_int_distribution<int> weight(1, 10);
  const auto m = static_cast<std::size_t>(n * degree / 2);
  std::vector<Graph::Edge> edges;
  edges.reserve(m);
  while (edges.size() < m) {
    const vertex_t u = any(rng), v = any(rng);
    if (u != v) edges.push_back({u, v, static_cast<double>(weight(rng)), 0});
  }
  return Graph::from_edges(n, edges, corridor::Direction::undirected);
}

// Answer checksums keep the work from being optimised away and show both sides agree.
std::size_t corridor_cut(const Graph& g) { return corridor::articulation_points(g).size(); }

std::size_t boost_cut(const Graph& g) {
  std::vector<vertex_t> cuts;
  boost::articulation_points(corridor::bgl::undirected(g), std::back_inserter(cuts));
  return cuts.size();
}

std::size_t corridor_bridges(const Graph& g) { return corridor::bridges(g).size(); }

// Bridges are the biconnected components of one tie.
std::size_t boost_bridges(const Graph& g) {
  const auto u = corridor::bgl::undirected(g);
  std::vector<std::size_t> comp(g.num_arcs());
  auto comp_map = boost::make_iterator_property_map(comp.begin(), get(boost::edge_index, u));
  const std::size_t count = boost::biconnected_components(u, comp_map);
  std::vector<std::uint32_t> ties(count, 0);
  for (auto [a, b] = edges(u); a != b; ++a) ++ties[get(comp_map, *a)];
  std::size_t bridges = 0;
  for (auto t : ties) bridges += t == 1;
  return bridges;
}

std::size_t corridor_bfs(const Graph& g) {
  // The plain CSR BFS that corridor's kernels use (paths_impl), written out.
  std::vector<std::uint32_t> d(g.num_vertices(), std::numeric_limits<std::uint32_t>::max());
  std::vector<vertex_t> frontier{0};
  d[0] = 0;
  std::size_t sum = 0;
  for (std::size_t head = 0; head < frontier.size(); ++head) {
    const vertex_t v = frontier[head];
    sum += d[v];
    for (vertex_t x : g.out_neighbors(v))
      if (d[x] == std::numeric_limits<std::uint32_t>::max()) {
        d[x] = d[v] + 1;
        frontier.push_back(x);
      }
  }
  return sum;
}

std::size_t boost_bfs(const Graph& g) {
  std::vector<std::uint32_t> d(g.num_vertices(), std::numeric_limits<std::uint32_t>::max());
  d[0] = 0;
  boost::breadth_first_search(
      g, vertex_t{0}, boost::visitor(boost::make_bfs_visitor(boost::record_distances(d.data(), boost::on_tree_edge()))));
  std::size_t sum = 0;
  for (auto x : d)
    if (x != std::numeric_limits<std::uint32_t>::max()) sum += x;
  return sum;
}

std::size_t corridor_dijkstra(const Graph& g) {
  // Binary-heap Dijkstra over the CSR, as corridor's path kernels run it.
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> d(g.num_vertices(), inf);
  using Item = std::pair<double, vertex_t>;
  std::priority_queue<Item, std::vector<Item>, std::greater<>> q;
  d[0] = 0;
  q.push({0.0, 0});
  while (!q.empty()) {
    const auto [dv, v] = q.top();
    q.pop();
    if (dv > d[v]) continue;
    const auto nb = g.out_neighbors(v);
    const auto w = g.out_weights(v);
    for (std::size_t i = 0; i < nb.size(); ++i)
      if (dv + w[i] < d[nb[i]]) {
        d[nb[i]] = dv + w[i];
        q.push({d[nb[i]], nb[i]});
      }
  }
  double sum = 0;
  for (double x : d)
    if (x < inf) sum += x;
  return static_cast<std::size_t>(sum);
}

std::size_t boost_dijkstra(const Graph& g) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> d(g.num_vertices(), inf);
  boost::dijkstra_shortest_paths(g, vertex_t{0}, boost::distance_map(d.data()).distance_inf(inf));
  double sum = 0;
  for (double x : d)
    if (x < inf) sum += x;
  return static_cast<std::size_t>(sum);
}

}  // namespace

int main(int argc, char** argv) {
  vertex_t n = 1u << 20;
  double degree = 3.0;
  int repeat = 5;
  std::string only, task = "cut";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "corridor-bench-bgl: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--n") n = static_cast<vertex_t>(std::stoul(next()));
    else if (a == "--degree") degree = std::stod(next());
    else if (a == "--repeat") repeat = std::stoi(next());
    else if (a == "--only") only = next();
    else if (a == "--task") task = next();
    else {
      std::fprintf(stderr, "usage: corridor-bench-bgl [--n N] [--degree D] [--repeat R] [--only corridor|boost] [--task cut|bridges|bfs|dijkstra]\n");
      return 2;
    }
  }
  using Fn = std::size_t (*)(const Graph&);
  Fn ours = nullptr, theirs = nullptr;
  if (task == "cut") ours = corridor_cut, theirs = boost_cut;
  else if (task == "bridges") ours = corridor_bridges, theirs = boost_bridges;
  else if (task == "bfs") ours = corridor_bfs, theirs = boost_bfs;
  else if (task == "dijkstra") ours = corridor_dijkstra, theirs = boost_dijkstra;
  else {
    std::fprintf(stderr, "corridor-bench-bgl: unknown task %s (cut, bridges, bfs, dijkstra)\n", task.c_str());
    return 2;
  }
  const Graph g = sparse_graph(n, degree, 1);
  double best_ours = 1e300, best_theirs = 1e300;
  std::size_t answer_ours = 0, answer_theirs = 0;
  for (int r = 0; r < repeat; ++r) {
    // Alternate the order so neither side always runs on a warm cache.
    for (int side = 0; side < 2; ++side) {
      const bool corridor_side = (side == 0) == (r % 2 == 0);
      if (!only.empty() && (only == "corridor") != corridor_side) continue;
      const double t0 = corridor::bench::now_s();
      const std::size_t a = corridor_side ? ours(g) : theirs(g);
      const double t = corridor::bench::now_s() - t0;
      if (corridor_side) best_ours = std::min(best_ours, t), answer_ours = a;
      else best_theirs = std::min(best_theirs, t), answer_theirs = a;
    }
  }
  std::printf("task %s, n %u, ties %llu, repeat %d\n", task.c_str(), g.num_vertices(),
              static_cast<unsigned long long>(g.num_edges()), repeat);
  if (only != "boost") std::printf("corridor  %.4f s  (answer %zu)\n", best_ours, answer_ours);
  if (only != "corridor") std::printf("boost     %.4f s  (answer %zu)\n", best_theirs, answer_theirs);
  if (only.empty()) {
    std::printf("boost / corridor = %.2f\n", best_theirs / best_ours);
    if (answer_ours != answer_theirs) {
      std::printf("answers differ\n");
      return 1;
    }
  }
  return 0;
}

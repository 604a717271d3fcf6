// Test helpers for the path-based centrality tests: fixture readers, seeded random graphs and
// brute-force references (Floyd-Warshall, all shortest paths by DFS, remove-and-count).
#pragma once

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "corridor/centrality/betweenness.hpp"
#include "corridor/graph/graph.hpp"
#include "support/graphs.hpp"

namespace paths_test {

using corridor::Graph;
using corridor::vertex_t;

using Fixture = corridor::test::TestGraph;

// Reads tests/data/graphs/<file> (unweighted, undirected).
inline Fixture read_fixture(const std::string& file) { return corridor::test::read_test_graph(file); }

inline vertex_t index_of(const Fixture& f, const std::string& name) {
  auto it = std::find(f.names.begin(), f.names.end(), name);
  if (it == f.names.end()) throw std::runtime_error("no vertex named " + name);
  return static_cast<vertex_t>(it - f.names.begin());
}

// A seeded random graph: G(n, p) with weights drawn from `weights` (all 1 when empty).
inline Graph random_graph(std::mt19937& rng, vertex_t n, double p, bool directed, const std::vector<double>& weights) {
  std::vector<Graph::Edge> edges;
  for (vertex_t u = 0; u < n; ++u)
    for (vertex_t v = directed ? 0 : u + 1; v < n; ++v) {
      if (u == v) continue;
      if (static_cast<double>(rng() % 1000000) / 1e6 >= p) continue;
      double w = weights.empty() ? 1.0 : weights[rng() % weights.size()];
      edges.push_back({u, v, w});
    }
  return Graph::from_edges(n, edges, directed ? corridor::Direction::directed : corridor::Direction::undirected);
}

inline constexpr double kInf = std::numeric_limits<double>::infinity();

inline double arc_length(double w, corridor::PathWeights mode) {
  switch (mode) {
    case corridor::PathWeights::ignore: return 1.0;
    case corridor::PathWeights::strength: return 1.0 / w;
    case corridor::PathWeights::distance: return w;
  }
  return 1.0;
}

// Dense all-pairs distances d[s][t] by Floyd-Warshall.
inline std::vector<std::vector<double>> floyd_warshall(const Graph& g, corridor::PathWeights mode) {
  const vertex_t n = g.num_vertices();
  std::vector<std::vector<double>> d(n, std::vector<double>(n, kInf));
  for (vertex_t u = 0; u < n; ++u) {
    d[u][u] = 0;
    auto nb = g.out_neighbors(u);
    auto ws = g.out_weights(u);
    for (std::size_t i = 0; i < nb.size(); ++i) d[u][nb[i]] = std::min(d[u][nb[i]], arc_length(ws[i], mode));
  }
  for (vertex_t k = 0; k < n; ++k)
    for (vertex_t i = 0; i < n; ++i)
      for (vertex_t j = 0; j < n; ++j)
        if (d[i][k] + d[k][j] < d[i][j]) d[i][j] = d[i][k] + d[k][j];
  return d;
}

// networkx-scaled vertex and arc betweenness from every shortest path, enumerated one by one by
// a DFS along arcs that stay on a shortest s-t path (exact for lengths that are sums of powers
// of two or integers, as the tests use).
struct BruteBetweenness {
  std::vector<double> vertex;  // networkx scale
  std::vector<double> arc;     // raw, per out-arc position (ordered pairs)
};

inline BruteBetweenness brute_betweenness(const Graph& g, const corridor::BetweennessParams& p) {
  const vertex_t n = g.num_vertices();
  const auto d = floyd_warshall(g, p.weights);
  std::vector<double> raw(n, 0.0), arc(g.num_arcs(), 0.0);
  const auto off = g.out_offsets();
  for (vertex_t s = 0; s < n; ++s)
    for (vertex_t t = 0; t < n; ++t) {
      if (s == t || d[s][t] == kInf) continue;
      std::vector<double> through(n, 0.0), through_arc(g.num_arcs(), 0.0);
      double paths = 0;
      std::vector<vertex_t> stack_v{s};
      std::vector<std::uint64_t> stack_a;
      std::function<void(vertex_t)> dfs = [&](vertex_t u) {
        if (u == t) {
          paths += 1;
          for (vertex_t x : stack_v) through[x] += 1;
          for (auto a : stack_a) through_arc[a] += 1;
          return;
        }
        auto nb = g.out_neighbors(u);
        auto ws = g.out_weights(u);
        for (std::size_t i = 0; i < nb.size(); ++i) {
          const vertex_t x = nb[i];
          if (d[s][u] + arc_length(ws[i], p.weights) + d[x][t] != d[s][t]) continue;
          stack_v.push_back(x);
          stack_a.push_back(off[u] + i);
          dfs(x);
          stack_v.pop_back();
          stack_a.pop_back();
        }
      };
      dfs(s);
      for (vertex_t v = 0; v < n; ++v)
        if (v != s && v != t) raw[v] += through[v] / paths;
      if (p.endpoints) raw[s] += 1, raw[t] += 1;
      for (std::size_t a = 0; a < arc.size(); ++a) arc[a] += through_arc[a] / paths;
    }
  const double nn = n;
  double scale = 1.0;
  if (p.normalized) {
    if (p.endpoints) scale = n < 2 ? 1.0 : 1.0 / (nn * (nn - 1));
    else scale = n <= 2 ? 1.0 : 1.0 / ((nn - 1) * (nn - 2));
  } else if (!g.directed()) {
    scale = 0.5;
  }
  for (double& x : raw) x *= scale;
  return {raw, arc};
}

// Number of connected components of the undirected graph g without the flagged vertices and
// without the edge {skip_u, skip_v}; sizes receives the component sizes.
inline std::size_t components(const Graph& g, const std::vector<char>& removed, vertex_t skip_u, vertex_t skip_v,
                              std::vector<std::size_t>* sizes = nullptr) {
  const vertex_t n = g.num_vertices();
  std::vector<char> seen(n, 0);
  std::size_t count = 0;
  for (vertex_t r = 0; r < n; ++r) {
    if (removed[r] || seen[r]) continue;
    ++count;
    std::size_t size = 0;
    std::vector<vertex_t> stack{r};
    seen[r] = 1;
    while (!stack.empty()) {
      vertex_t v = stack.back();
      stack.pop_back();
      ++size;
      for (vertex_t x : g.out_neighbors(v)) {
        if (removed[x] || seen[x]) continue;
        if ((v == skip_u && x == skip_v) || (v == skip_v && x == skip_u)) continue;
        seen[x] = 1;
        stack.push_back(x);
      }
    }
    if (sizes) sizes->push_back(size);
  }
  return count;
}

}  // namespace paths_test

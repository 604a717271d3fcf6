// Batagelj-Zaversnik core decomposition: vertices kept in an array sorted by current degree with
// bucket starts, so taking the minimum and lowering a neighbour's degree are both O(1).
#include "corridor/centrality/kcore.hpp"

#include <algorithm>

namespace corridor {

ScoreResult core_numbers(const Graph& graph) {
  const Graph* gp = &graph;
  Graph undirected;
  if (graph.directed()) {
    undirected = graph.to_undirected();
    gp = &undirected;
  }
  const Graph& g = *gp;
  const vertex_t n = g.num_vertices();
  ScoreResult r;
  r.scores.assign(n, 0.0);
  if (n == 0) return r;
  std::vector<vertex_t> deg(n), pos(n), vert(n);
  vertex_t maxdeg = 0;
  for (vertex_t v = 0; v < n; ++v) {
    deg[v] = static_cast<vertex_t>(g.out_degree(v));
    maxdeg = std::max(maxdeg, deg[v]);
  }
  std::vector<vertex_t> bin(static_cast<std::size_t>(maxdeg) + 1, 0);
  for (vertex_t v = 0; v < n; ++v) ++bin[deg[v]];
  vertex_t start = 0;
  for (auto& b : bin) {
    const vertex_t num = b;
    b = start;
    start += num;
  }
  for (vertex_t v = 0; v < n; ++v) {
    pos[v] = bin[deg[v]]++;
    vert[pos[v]] = v;
  }
  for (vertex_t d = maxdeg; d > 0; --d) bin[d] = bin[d - 1];
  bin[0] = 0;
  for (vertex_t i = 0; i < n; ++i) {
    const vertex_t v = vert[i];
    for (vertex_t u : g.out_neighbors(v)) {
      if (deg[u] > deg[v]) {
        // move u to the front of its bucket, then shrink the bucket by one
        const vertex_t du = deg[u], pu = pos[u], pw = bin[du], w = vert[pw];
        if (u != w) {
          pos[u] = pw;
          vert[pu] = w;
          pos[w] = pu;
          vert[pw] = u;
        }
        ++bin[du];
        --deg[u];
      }
    }
  }
  for (vertex_t v = 0; v < n; ++v) r.scores[v] = deg[v];
  return r;
}

}  // namespace corridor

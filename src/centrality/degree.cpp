#include "corridor/centrality/degree.hpp"

namespace corridor {

ScoreResult degree_centrality(const Graph& g, const DegreeParams& p) {
  const vertex_t n = g.num_vertices();
  ScoreResult r;
  r.scores.assign(n, 0.0);
  // an undirected graph's in-view is its out-view; count it once whatever the mode
  const bool use_out = !g.directed() || p.mode != DegreeMode::in;
  const bool use_in = g.directed() && p.mode != DegreeMode::out;
  for (vertex_t v = 0; v < n; ++v) {
    double d = 0.0;
    if (use_out) d += p.weighted ? g.out_strength(v) : static_cast<double>(g.out_degree(v));
    if (use_in) d += p.weighted ? g.in_strength(v) : static_cast<double>(g.in_degree(v));
    r.scores[v] = d;
  }
  return r;
}

}  // namespace corridor

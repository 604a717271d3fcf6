// Closeness and harmonic closeness: one shortest-path search per vertex along in-arcs (distances
// TO the vertex, as networkx's reversed view of a DiGraph), parallel over vertices. Each score is
// computed by one thread from one search, so results do not depend on the thread count.
#include "corridor/centrality/closeness.hpp"

#include "centrality/paths_impl.hpp"

namespace corridor {

namespace {

template <class Score>
ScoreResult per_vertex(const Graph& g, const ClosenessParams& p, Score score) {
  const vertex_t n = g.num_vertices();
  ScoreResult r;
  r.scores.assign(n, 0.0);
  const auto c = detail::make_path_csr(g, p.weights, true);
  const bool weighted = c.len != nullptr;
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel
#endif
  {
    detail::SsspWork w(n, g.num_arcs(), weighted, detail::Record::none);
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp for schedule(dynamic, 16)
#endif
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(n); ++i) {
      const auto u = static_cast<vertex_t>(i);
      w.run(c, u, detail::Record::none);
      r.scores[u] = score(w, weighted);
      w.reset();
    }
  }
  return r;
}

}  // namespace

ScoreResult closeness(const Graph& g, const ClosenessParams& p) {
  const double n = g.num_vertices();
  return per_vertex(g, p, [&](const detail::SsspWork& w, bool weighted) {
    double total = 0.0;
    for (std::size_t i = 0; i < w.order_size; ++i) {
      const vertex_t v = w.order[i];
      total += weighted ? w.dist[v] : static_cast<double>(w.hops[v]);
    }
    const double reached = static_cast<double>(w.order_size);
    if (!(total > 0.0) || n <= 1) return 0.0;
    double c = (reached - 1.0) / total;
    if (p.wf_improved) c *= (reached - 1.0) / (n - 1.0);
    return c;
  });
}

ScoreResult harmonic(const Graph& g, const ClosenessParams& p) {
  return per_vertex(g, p, [](const detail::SsspWork& w, bool weighted) {
    double h = 0.0;
    for (std::size_t i = 1; i < w.order_size; ++i) {
      const vertex_t v = w.order[i];
      h += 1.0 / (weighted ? w.dist[v] : static_cast<double>(w.hops[v]));
    }
    return h;
  });
}

}  // namespace corridor

#include "corridor/graph/graph.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "corridor/error.hpp"

namespace corridor {

namespace {

struct Arc {
  vertex_t u, v;
  double w;
  std::uint32_t tag;
};

double combine(Merge m, double a, double b) {
  switch (m) {
    case Merge::sum: return a + b;
    case Merge::max: return std::max(a, b);
    case Merge::noisy_or: return 1.0 - (1.0 - a) * (1.0 - b);
  }
  return a + b;
}

// Sorts arcs by (u, v) with a counting sort on u, then merges duplicates.
void build_csr(vertex_t n, std::vector<Arc>& arcs, Merge merge, std::vector<std::uint64_t>& offsets,
               std::vector<vertex_t>& targets, std::vector<double>& weights, std::vector<std::uint32_t>* tags) {
  std::vector<std::uint64_t> count(static_cast<std::size_t>(n) + 1, 0);
  for (const auto& a : arcs) ++count[a.u + 1];
  std::partial_sum(count.begin(), count.end(), count.begin());
  std::vector<Arc> sorted(arcs.size());
  {
    std::vector<std::uint64_t> pos(count.begin(), count.end() - 1);
    for (const auto& a : arcs) sorted[pos[a.u]++] = a;
  }
  std::vector<Arc>().swap(arcs);
  offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  targets.clear();
  weights.clear();
  if (tags) tags->clear();
  targets.reserve(sorted.size());
  weights.reserve(sorted.size());
  if (tags) tags->reserve(sorted.size());
  for (vertex_t u = 0; u < n; ++u) {
    auto first = sorted.begin() + static_cast<std::ptrdiff_t>(count[u]);
    auto last = sorted.begin() + static_cast<std::ptrdiff_t>(count[u + 1]);
    std::sort(first, last, [](const Arc& a, const Arc& b) { return a.v < b.v || (a.v == b.v && a.tag < b.tag); });
    for (auto it = first; it != last;) {
      double w = it->w, best = it->w;
      std::uint32_t tag = it->tag;
      auto jt = it + 1;
      for (; jt != last && jt->v == it->v; ++jt) {
        w = combine(merge, w, jt->w);
        if (jt->w > best) best = jt->w, tag = jt->tag;
      }
      targets.push_back(it->v);
      weights.push_back(w);
      if (tags) tags->push_back(tag);
      it = jt;
    }
    offsets[u + 1] = targets.size();
  }
}

}  // namespace

Graph Graph::from_edges(vertex_t n, std::span<const Edge> edges, Direction direction, Merge merge) {
  if (n == kNoVertex) throw ParamError("too many vertices");
  std::vector<Arc> arcs;
  arcs.reserve(direction == Direction::undirected ? 2 * edges.size() : edges.size());
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const auto& e = edges[i];
    if (e.u >= n || e.v >= n)
      throw ParamError("edge " + std::to_string(i) + " (" + std::to_string(e.u) + ", " + std::to_string(e.v) +
                       ") has an endpoint >= the vertex count " + std::to_string(n));
    if (!(std::isfinite(e.w) && e.w > 0))
      throw ParamError("edge " + std::to_string(i) + " has weight " + std::to_string(e.w) +
                       "; weights must be finite and > 0");
    if (merge == Merge::noisy_or && e.w > 1.0)
      throw ParamError("edge " + std::to_string(i) + " has weight > 1, not allowed with noisy-OR merging");
    if (e.u == e.v) continue;
    arcs.push_back({e.u, e.v, e.w, e.tag});
    if (direction == Direction::undirected) arcs.push_back({e.v, e.u, e.w, e.tag});
  }
  Graph g;
  g.n_ = n;
  g.directed_ = direction == Direction::directed;
  std::vector<Arc> copy;
  if (g.directed_) copy = arcs;  // for the transposed CSR
  build_csr(n, arcs, merge, g.offsets_, g.targets_, g.weights_, &g.tags_);
  if (g.directed_) {
    for (auto& a : copy) std::swap(a.u, a.v);
    build_csr(n, copy, merge, g.in_offsets_, g.in_sources_, g.in_weights_, nullptr);
  }
  g.weighted_ = std::any_of(g.weights_.begin(), g.weights_.end(), [](double w) { return w != 1.0; });
  g.total_arc_weight_ = std::accumulate(g.weights_.begin(), g.weights_.end(), 0.0);
  return g;
}

double Graph::out_strength(vertex_t v) const {
  double s = 0;
  for (double w : out_weights(v)) s += w;
  return s;
}

double Graph::in_strength(vertex_t v) const {
  double s = 0;
  for (double w : in_weights(v)) s += w;
  return s;
}

std::int64_t Graph::find_arc(vertex_t u, vertex_t v) const {
  auto nb = out_neighbors(u);
  auto it = std::lower_bound(nb.begin(), nb.end(), v);
  if (it == nb.end() || *it != v) return -1;
  return static_cast<std::int64_t>(offsets_[u] + static_cast<std::uint64_t>(it - nb.begin()));
}

Graph Graph::to_undirected(Merge merge) const {
  if (!directed_) return *this;
  std::vector<Edge> edges;
  edges.reserve(targets_.size());
  for (vertex_t u = 0; u < n_; ++u)
    for (auto i = offsets_[u]; i < offsets_[u + 1]; ++i) edges.push_back({u, targets_[i], weights_[i], tags_[i]});
  return from_edges(n_, edges, Direction::undirected, merge);
}

Graph Graph::unweighted() const {
  Graph g = *this;
  std::fill(g.weights_.begin(), g.weights_.end(), 1.0);
  std::fill(g.in_weights_.begin(), g.in_weights_.end(), 1.0);
  g.weighted_ = false;
  g.total_arc_weight_ = static_cast<double>(g.targets_.size());
  return g;
}

std::size_t Graph::memory_bytes() const noexcept {
  return offsets_.capacity() * 8 + targets_.capacity() * 4 + weights_.capacity() * 8 + tags_.capacity() * 4 +
         in_offsets_.capacity() * 8 + in_sources_.capacity() * 4 + in_weights_.capacity() * 8;
}

}  // namespace corridor

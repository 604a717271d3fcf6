#include "corridor/graph/graph.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "corridor/error.hpp"

namespace corridor {

namespace {

double combine(Merge m, double a, double b) {
  switch (m) {
    case Merge::sum: return a + b;
    case Merge::max: return std::max(a, b);
    case Merge::noisy_or: return 1.0 - (1.0 - a) * (1.0 - b);
  }
  return a + b;
}

// One arc of a row while it is sorted: target, tag, position in the input (so equal targets
// combine in input order, whatever the sort does) and weight.
struct RowArc {
  vertex_t v;
  std::uint32_t tag;
  std::uint32_t pos;
  double w;
};

// Rows are independent, so the row passes below run in parallel; each row's result depends on
// its own arcs only, so the graph is the same for any thread count.
constexpr std::int64_t kRowGrain = 1024;

// Builds the out-CSR straight into its final arrays (no arc list, no sorted copy): count the
// out-degrees, scatter each arc to its row in input order, then sort each row by target and
// merge parallel arcs in place. `for_each_arc(f)` calls f(u, v, w, tag) for every arc.
// Peak memory is the final arrays plus one row of scratch per thread.
template <class ForEachArc>
void build_csr(vertex_t n, ForEachArc for_each_arc, Merge merge, std::vector<std::uint64_t>& offsets,
               std::vector<vertex_t>& targets, std::vector<double>& weights, std::vector<std::uint32_t>& tags) {
  offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  for_each_arc([&](vertex_t u, vertex_t, double, std::uint32_t) { ++offsets[u + 1]; });
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  const std::uint64_t m = offsets[n];
  targets.resize(m);
  weights.resize(m);
  tags.resize(m);
  {
    std::vector<std::uint64_t> pos(offsets.begin(), offsets.end() - 1);
    for_each_arc([&](vertex_t u, vertex_t v, double w, std::uint32_t tag) {
      const std::uint64_t a = pos[u]++;
      targets[a] = v;
      weights[a] = w;
      tags[a] = tag;
    });
  }
  // Sort and merge each row in place; `kept` = the row's length after merging.
  std::vector<std::uint64_t> kept(n, 0);
  bool merged_any = false;
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel reduction(|| : merged_any) if (n > kRowGrain)
#endif
  {
    std::vector<RowArc> row;
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp for schedule(dynamic, kRowGrain)
#endif
    for (std::int64_t ui = 0; ui < static_cast<std::int64_t>(n); ++ui) {
      const auto u = static_cast<vertex_t>(ui);
      const std::uint64_t first = offsets[u], last = offsets[u + 1];
      bool sorted = true;
      for (std::uint64_t a = first + 1; a < last && sorted; ++a) sorted = targets[a - 1] < targets[a];
      if (sorted) {
        kept[u] = last - first;
        continue;
      }
      row.clear();
      for (std::uint64_t a = first; a < last; ++a)
        row.push_back({targets[a], tags[a], static_cast<std::uint32_t>(a - first), weights[a]});
      std::sort(row.begin(), row.end(), [](const RowArc& x, const RowArc& y) {
        return x.v != y.v ? x.v < y.v : x.tag != y.tag ? x.tag < y.tag : x.pos < y.pos;
      });
      std::uint64_t out = first;
      for (std::size_t i = 0; i < row.size();) {
        double w = row[i].w, best = row[i].w;
        std::uint32_t tag = row[i].tag;
        std::size_t j = i + 1;
        for (; j < row.size() && row[j].v == row[i].v; ++j) {
          w = combine(merge, w, row[j].w);
          if (row[j].w > best) best = row[j].w, tag = row[j].tag;
        }
        targets[out] = row[i].v;
        weights[out] = w;
        tags[out] = tag;
        ++out;
        i = j;
      }
      kept[u] = out - first;
      if (out != last) merged_any = true;
    }
  }
  if (!merged_any) return;
  // Close the gaps left by merged arcs, row by row from the left (a row only moves left).
  std::uint64_t out = 0;
  for (vertex_t u = 0; u < n; ++u) {
    const std::uint64_t first = offsets[u];
    if (out != first) {
      std::copy_n(targets.begin() + static_cast<std::ptrdiff_t>(first), kept[u], targets.begin() + static_cast<std::ptrdiff_t>(out));
      std::copy_n(weights.begin() + static_cast<std::ptrdiff_t>(first), kept[u], weights.begin() + static_cast<std::ptrdiff_t>(out));
      std::copy_n(tags.begin() + static_cast<std::ptrdiff_t>(first), kept[u], tags.begin() + static_cast<std::ptrdiff_t>(out));
    }
    offsets[u] = out;
    out += kept[u];
  }
  offsets[n] = out;
  targets.resize(out);
  weights.resize(out);
  tags.resize(out);
  // Give back the merged arcs' memory when it is worth a copy.
  if (out < m - m / 8) {
    targets.shrink_to_fit();
    weights.shrink_to_fit();
    tags.shrink_to_fit();
  }
}

// The transposed CSR of (offsets, targets, weights): in-arcs sorted by source, weights copied
// exactly (no second merge, so in- and out-weights of an arc are the same number).
void transpose(vertex_t n, const std::vector<std::uint64_t>& offsets, const std::vector<vertex_t>& targets,
               const std::vector<double>& weights, std::vector<std::uint64_t>& in_offsets,
               std::vector<vertex_t>& in_sources, std::vector<double>& in_weights) {
  in_offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  for (vertex_t v : targets) ++in_offsets[v + 1];
  std::partial_sum(in_offsets.begin(), in_offsets.end(), in_offsets.begin());
  in_sources.resize(targets.size());
  in_weights.resize(targets.size());
  std::vector<std::uint64_t> pos(in_offsets.begin(), in_offsets.end() - 1);
  for (vertex_t u = 0; u < n; ++u)
    for (std::uint64_t a = offsets[u]; a < offsets[u + 1]; ++a) {
      const std::uint64_t b = pos[targets[a]]++;
      in_sources[b] = u;
      in_weights[b] = weights[a];
    }
}

}  // namespace

Graph Graph::from_edges(vertex_t n, std::span<const Edge> edges, Direction direction, Merge merge) {
  if (n == kNoVertex) throw ParamError("too many vertices");
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
  }
  Graph g;
  g.n_ = n;
  g.directed_ = direction == Direction::directed;
  const bool both = direction == Direction::undirected;
  build_csr(
      n,
      [&](auto&& f) {
        for (const Edge& e : edges) {
          if (e.u == e.v) continue;
          f(e.u, e.v, e.w, e.tag);
          if (both) f(e.v, e.u, e.w, e.tag);
        }
      },
      merge, g.offsets_, g.targets_, g.weights_, g.tags_);
  if (g.directed_) transpose(n, g.offsets_, g.targets_, g.weights_, g.in_offsets_, g.in_sources_, g.in_weights_);
  g.weighted_ = std::any_of(g.weights_.begin(), g.weights_.end(), [](double w) { return w != 1.0; });
  g.total_arc_weight_ = std::accumulate(g.weights_.begin(), g.weights_.end(), 0.0);
  return g;
}

Graph Graph::renumbered(std::span<const vertex_t> order) const {
  if (order.size() != n_)
    throw ParamError("renumbered: the order has " + std::to_string(order.size()) + " entries for " +
                     std::to_string(n_) + " vertices");
  std::vector<vertex_t> rank(n_, kNoVertex);
  for (vertex_t i = 0; i < n_; ++i) {
    if (order[i] >= n_ || rank[order[i]] != kNoVertex)
      throw ParamError("renumbered: the order is not a permutation of the vertices (entry " + std::to_string(i) + ")");
    rank[order[i]] = i;
  }
  Graph g;
  g.n_ = n_;
  g.directed_ = directed_;
  g.weighted_ = weighted_;
  // Rows are copied in the new order and re-sorted by new target, so binary search still works.
  auto permute = [&](const std::vector<std::uint64_t>& off, const std::vector<vertex_t>& tgt,
                     const std::vector<double>& w, const std::vector<std::uint32_t>* tg,
                     std::vector<std::uint64_t>& noff, std::vector<vertex_t>& ntgt, std::vector<double>& nw,
                     std::vector<std::uint32_t>* ntg) {
    noff.assign(static_cast<std::size_t>(n_) + 1, 0);
    for (vertex_t i = 0; i < n_; ++i) noff[i + 1] = noff[i] + (off[order[i] + 1] - off[order[i]]);
    ntgt.resize(tgt.size());
    nw.resize(w.size());
    if (ntg) ntg->resize(tgt.size());
    if (!directed_) {
      // Undirected: arc (u, v) and (v, u) carry the same weight and tag, so walking the vertices
      // v in their new order and appending i = rank(v) to the row of each neighbour u fills
      // every row already sorted by new target, with no sort.
      std::vector<std::uint64_t> pos(noff.begin(), noff.end() - 1);
      for (vertex_t i = 0; i < n_; ++i) {
        const vertex_t v = order[i];
        for (std::uint64_t a = off[v]; a < off[v + 1]; ++a) {
          const std::uint64_t b = pos[rank[tgt[a]]]++;
          ntgt[b] = i;
          nw[b] = w[a];
          if (ntg) (*ntg)[b] = (*tg)[a];
        }
      }
      return;
    }
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel if (n_ > kRowGrain)
#endif
    {
      std::vector<RowArc> row;
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp for schedule(dynamic, kRowGrain)
#endif
      for (std::int64_t ii = 0; ii < static_cast<std::int64_t>(n_); ++ii) {
        const auto i = static_cast<vertex_t>(ii);
        const vertex_t u = order[i];
        row.clear();
        for (std::uint64_t a = off[u]; a < off[u + 1]; ++a)
          row.push_back({rank[tgt[a]], tg ? (*tg)[a] : 0u, 0u, w[a]});
        std::sort(row.begin(), row.end(), [](const RowArc& x, const RowArc& y) { return x.v < y.v; });
        std::uint64_t b = noff[i];
        for (const RowArc& r : row) {
          ntgt[b] = r.v;
          nw[b] = r.w;
          if (ntg) (*ntg)[b] = r.tag;
          ++b;
        }
      }
    }
  };
  permute(offsets_, targets_, weights_, &tags_, g.offsets_, g.targets_, g.weights_, &g.tags_);
  if (directed_) permute(in_offsets_, in_sources_, in_weights_, nullptr, g.in_offsets_, g.in_sources_, g.in_weights_, nullptr);
  g.total_arc_weight_ = total_arc_weight_;  // the same arcs: keep the very same total
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

// Shared pieces of the shortest-path kernels (betweenness, closeness): a CSR with arc lengths,
// per-thread single-source workspaces, and the fixed-point sums that make parallel results
// independent of the thread count. Private to src/centrality.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <utility>
#include <vector>

#include "corridor/centrality/betweenness.hpp"
#include "corridor/graph/graph.hpp"

#ifdef CORRIDOR_HAVE_OPENMP
#include <omp.h>
#endif

namespace corridor::detail {

__extension__ typedef __int128 fixed_t;

inline int max_threads() {
#ifdef CORRIDOR_HAVE_OPENMP
  return omp_get_max_threads();
#else
  return 1;
#endif
}

inline int thread_id() {
#ifdef CORRIDOR_HAVE_OPENMP
  return omp_get_thread_num();
#else
  return 0;
#endif
}

/// One direction of a graph with the lengths the shortest-path kernels use; len == nullptr
/// means every arc has length 1 (breadth-first search).
struct PathCsr {
  vertex_t n = 0;
  const std::uint64_t* off = nullptr;
  const vertex_t* adj = nullptr;
  const double* len = nullptr;
  std::vector<double> storage;  // owns the lengths when there are any
};

/// The out-arcs (reverse = false) or in-arcs (reverse = true) of g with lengths from `w`.
/// Weights are only used when they differ from 1, so unweighted graphs always take the BFS path.
inline PathCsr make_path_csr(const Graph& g, PathWeights w, bool reverse) {
  PathCsr c;
  c.n = g.num_vertices();
  c.off = reverse ? g.in_offsets().data() : g.out_offsets().data();
  c.adj = reverse ? g.in_sources().data() : g.out_targets().data();
  if (w == PathWeights::ignore || !g.weighted()) return c;
  c.storage.reserve(g.num_arcs());
  for (vertex_t v = 0; v < c.n; ++v) {
    auto ws = reverse ? g.in_weights(v) : g.out_weights(v);
    for (double x : ws) c.storage.push_back(w == PathWeights::strength ? 1.0 / x : x);
  }
  c.len = c.storage.data();
  return c;
}

// Weighted path lengths are sums of doubles; two paths whose lengths agree to a relative 1e-10
// count as equally short, so 1/3 + 1/3 + 1/3 and 1 tie, as they would in exact arithmetic.
// Integer lengths differ by at least 1 and are compared exactly.
inline constexpr double kRelTol = 1e-10;
inline bool shorter(double a, double b) { return a < b * (1.0 - kRelTol); }
inline bool not_longer(double a, double b) { return a <= b * (1.0 + kRelTol); }
inline bool same_length(double a, double b) { return !shorter(a, b) && not_longer(a, b); }

inline constexpr double kInf = std::numeric_limits<double>::infinity();

/// Workspace of one thread for single-source shortest paths with path counts. After a run,
/// `order` lists the reached vertices by non-decreasing distance, source first; hops (BFS) or
/// dist (Dijkstra) and sigma are valid for them. reset() clears only what the run touched.
struct SsspWork {
  std::vector<std::int32_t> hops;  // -1: not reached
  std::vector<double> dist;        // kInf: not reached
  std::vector<double> sigma;
  std::vector<double> coef;        // backward phase scratch
  std::vector<vertex_t> order;
  std::vector<vertex_t> touched;   // Dijkstra: every vertex whose dist was set
  std::vector<std::pair<double, vertex_t>> heap;

  explicit SsspWork(vertex_t n, bool weighted)
      : sigma(n, 0.0), coef(n, 0.0) {
    if (weighted) dist.assign(n, kInf); else hops.assign(n, -1);
    order.reserve(n);
  }

  /// Breadth-first search from s; stops after settling `stop` when it is not kNoVertex.
  void bfs(const PathCsr& c, vertex_t s, vertex_t stop = kNoVertex) {
    order.clear();
    hops[s] = 0;
    sigma[s] = 1.0;
    order.push_back(s);
    for (std::size_t head = 0; head < order.size(); ++head) {
      const vertex_t v = order[head];
      if (v == stop) break;
      const std::int32_t dn = hops[v] + 1;
      const double sv = sigma[v];
      for (auto a = c.off[v], e = c.off[v + 1]; a < e; ++a) {
        const vertex_t x = c.adj[a];
        if (hops[x] < 0) {
          hops[x] = dn;
          sigma[x] = sv;
          order.push_back(x);
        } else if (hops[x] == dn) {
          sigma[x] += sv;
        }
      }
    }
  }

  /// Dijkstra from s with a binary heap (lazy deletion); `order` holds the settled vertices.
  void dijkstra(const PathCsr& c, vertex_t s, vertex_t stop = kNoVertex) {
    order.clear();
    touched.clear();
    heap.clear();
    dist[s] = 0.0;
    sigma[s] = 1.0;
    touched.push_back(s);
    heap.emplace_back(0.0, s);
    const auto cmp = std::greater<std::pair<double, vertex_t>>();
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), cmp);
      const auto [d, v] = heap.back();
      heap.pop_back();
      if (d > dist[v] || coef[v] < 0) continue;  // stale entry, or already settled
      coef[v] = -1.0;                             // settled mark, cleared by reset()
      order.push_back(v);
      if (v == stop) break;
      const double sv = sigma[v];
      for (auto a = c.off[v], e = c.off[v + 1]; a < e; ++a) {
        const vertex_t x = c.adj[a];
        const double alt = d + c.len[a];
        const double dx = dist[x];
        if (shorter(alt, dx)) {
          if (dx == kInf) touched.push_back(x);
          dist[x] = alt;
          sigma[x] = sv;
          heap.emplace_back(alt, x);
          std::push_heap(heap.begin(), heap.end(), cmp);
        } else if (not_longer(alt, dx) && coef[x] >= 0) {
          sigma[x] += sv;
        }
      }
    }
  }

  void run(const PathCsr& c, vertex_t s, vertex_t stop = kNoVertex) {
    if (c.len) dijkstra(c, s, stop); else bfs(c, s, stop);
  }

  void reset() {
    if (!hops.empty()) {
      // after an early stop `order` also holds the discovered but unsettled vertices
      for (vertex_t v : order) hops[v] = -1, sigma[v] = 0.0, coef[v] = 0.0;
    } else {
      for (vertex_t v : touched) dist[v] = kInf, sigma[v] = 0.0, coef[v] = 0.0;
    }
  }
};

/// Fixed-point accumulator: sums of non-negative doubles below 2^max_log2 that give the same bits
/// whatever the order of the additions, so thread-count-independent parallel sums are possible.
struct FixedSum {
  int frac_bits = 0;
  explicit FixedSum(int max_log2) : frac_bits(125 - max_log2) {}
  fixed_t to_fixed(double x) const { return static_cast<fixed_t>(std::ldexp(x, frac_bits)); }
  double to_double(fixed_t x) const { return std::ldexp(static_cast<double>(x), -frac_bits); }
};

/// log2 bound of n^2, the largest pair count any betweenness entry can reach.
inline int pair_count_log2(std::uint64_t n) { return 2 * static_cast<int>(std::bit_width(n)); }

/// Number of source chunks of the exact kernels: fixed by n alone (never by the thread count) so
/// the sums, and hence the bits of the result, do not depend on the machine.
inline std::size_t source_chunks(vertex_t n) { return std::min<std::size_t>(n, 256); }

}  // namespace corridor::detail

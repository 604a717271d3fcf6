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
/// `order` lists the reached vertices by non-decreasing distance, source first (after an early
/// stop: the settled ones, then, for BFS, the discovered ones); hops (BFS) or dist (Dijkstra) and
/// sigma are valid for settled vertices. With `record`, the run also keeps the shortest-path DAG:
///  - BFS: the arcs leaving order[i] towards the next level are dag[seg[i] .. seg[i+1]) (arc ids),
///    so the backward phase reads them sequentially instead of rescanning every arc;
///  - Dijkstra: the predecessor arcs of x form a list from pred_head[x] through pred_next, reset
///    whenever x's distance strictly improves.
/// reset() clears only what the run touched.
/// What a search keeps of its shortest-path DAG: nothing, the successor vertices (vertex
/// betweenness), or the arcs themselves (edge betweenness).
enum class Record { none, vertices, arcs };

struct SsspWork {
  static constexpr std::uint32_t kNil = static_cast<std::uint32_t>(-1);
  static constexpr std::uint32_t kSettled = static_cast<std::uint32_t>(-2);

  std::vector<std::int32_t> hops;  // -1: not reached
  std::vector<double> dist;        // kInf: not reached
  std::vector<double> sigma;
  std::vector<double> delta;       // backward phase scratch, zero between runs
  std::vector<vertex_t> order;
  std::size_t order_size = 0;
  // BFS DAG
  std::vector<vertex_t> dag_v;
  std::vector<std::uint64_t> dag_a, seg;
  // Dijkstra: indexed 4-ary heap and predecessor lists
  struct HeapEntry { double d; vertex_t v; };
  std::vector<HeapEntry> heap;
  std::vector<std::uint32_t> pos;  // heap position, kNil (never queued) or kSettled
  std::vector<vertex_t> touched;
  std::vector<std::uint32_t> pred_head, pred_next;
  std::vector<vertex_t> pred_from;
  std::vector<std::uint64_t> pred_arc;

  SsspWork(vertex_t n, std::uint64_t arcs, bool weighted, Record record)
      : sigma(n, 0.0), delta(n, 0.0), order(n) {
    if (weighted) {
      dist.assign(n, kInf);
      pos.assign(n, kNil);
      heap.reserve(n);
      touched.reserve(n);
      if (record != Record::none) {
        pred_head.assign(n, kNil);
        pred_next.resize(arcs);
        pred_from.resize(arcs);
        if (record == Record::arcs) pred_arc.resize(arcs);
      }
    } else {
      hops.assign(n, -1);
      if (record == Record::vertices) dag_v.resize(arcs);
      if (record == Record::arcs) dag_a.resize(arcs);
      if (record != Record::none) seg.resize(static_cast<std::size_t>(n) + 1);
    }
  }

  bool settled(vertex_t v) const { return hops.empty() ? pos[v] == kSettled : hops[v] >= 0; }

  /// Breadth-first search from s; stops after settling `stop` when it is not kNoVertex.
  template <Record R>
  void bfs(const PathCsr& c, vertex_t s, vertex_t stop) {
    vertex_t* q = order.data();
    std::size_t tail = 0;
    std::uint64_t ndag = 0;
    hops[s] = 0;
    sigma[s] = 1.0;
    q[tail++] = s;
    std::size_t head = 0;
    for (; head < tail; ++head) {
      const vertex_t v = q[head];
      if constexpr (R != Record::none) seg[head] = ndag;
      if (v == stop) break;
      const std::int32_t dn = hops[v] + 1;
      const double sv = sigma[v];
      for (auto a = c.off[v], e = c.off[v + 1]; a < e; ++a) {
        const vertex_t x = c.adj[a];
        const std::int32_t hx = hops[x];
        if (hx < 0) {
          hops[x] = dn;
          sigma[x] = sv;
          q[tail++] = x;
          if constexpr (R == Record::vertices) dag_v[ndag++] = x;
          if constexpr (R == Record::arcs) dag_a[ndag++] = a;
        } else if (hx == dn) {
          sigma[x] += sv;
          if constexpr (R == Record::vertices) dag_v[ndag++] = x;
          if constexpr (R == Record::arcs) dag_a[ndag++] = a;
        }
      }
    }
    if constexpr (R != Record::none) seg[head] = ndag;
    order_size = tail;
  }

  void sift_up(std::uint32_t i, HeapEntry e) {
    while (i > 0) {
      const std::uint32_t p = (i - 1) / 4;
      if (heap[p].d <= e.d) break;
      heap[i] = heap[p];
      pos[heap[i].v] = i;
      i = p;
    }
    heap[i] = e;
    pos[e.v] = i;
  }

  vertex_t pop_min() {
    const vertex_t top = heap[0].v;
    const HeapEntry last = heap.back();
    heap.pop_back();
    const auto size = static_cast<std::uint32_t>(heap.size());
    if (size > 0) {
      std::uint32_t i = 0;
      while (true) {
        const std::uint32_t first = 4 * i + 1;
        if (first >= size) break;
        std::uint32_t best = first;
        const std::uint32_t end = std::min(first + 4, size);
        for (std::uint32_t j = first + 1; j < end; ++j)
          if (heap[j].d < heap[best].d) best = j;
        if (!(heap[best].d < last.d)) break;
        heap[i] = heap[best];
        pos[heap[i].v] = i;
        i = best;
      }
      heap[i] = last;
      pos[last.v] = i;
    }
    pos[top] = kSettled;
    return top;
  }

  /// Dijkstra from s; stops after settling `stop` when it is not kNoVertex.
  template <Record R>
  void dijkstra(const PathCsr& c, vertex_t s, vertex_t stop) {
    std::size_t n_order = 0;
    std::uint32_t npred = 0;
    touched.clear();
    heap.clear();
    dist[s] = 0.0;
    sigma[s] = 1.0;
    touched.push_back(s);
    heap.push_back({0.0, s});
    pos[s] = 0;
    while (!heap.empty()) {
      const vertex_t v = pop_min();
      order[n_order++] = v;
      if (v == stop) break;
      const double dv = dist[v];
      const double sv = sigma[v];
      for (auto a = c.off[v], e = c.off[v + 1]; a < e; ++a) {
        const vertex_t x = c.adj[a];
        const std::uint32_t px = pos[x];
        if (px == kSettled) continue;
        const double alt = dv + c.len[a];
        const double dx = dist[x];
        if (shorter(alt, dx)) {
          dist[x] = alt;
          sigma[x] = sv;
          if (px == kNil) {
            touched.push_back(x);
            heap.push_back({alt, x});
            sift_up(static_cast<std::uint32_t>(heap.size() - 1), {alt, x});
          } else {
            sift_up(px, {alt, x});
          }
          if constexpr (R != Record::none) {
            pred_from[npred] = v;
            if constexpr (R == Record::arcs) pred_arc[npred] = a;
            pred_next[npred] = kNil;
            pred_head[x] = npred++;
          }
        } else if (not_longer(alt, dx)) {
          sigma[x] += sv;
          if constexpr (R != Record::none) {
            pred_from[npred] = v;
            if constexpr (R == Record::arcs) pred_arc[npred] = a;
            pred_next[npred] = pred_head[x];
            pred_head[x] = npred++;
          }
        }
      }
    }
    order_size = n_order;
  }

  /// One search from s keeping `record` of the DAG, stopping after `stop` if given.
  void run(const PathCsr& c, vertex_t s, Record record, vertex_t stop = kNoVertex) {
    switch (record) {
      case Record::none: return c.len ? dijkstra<Record::none>(c, s, stop) : bfs<Record::none>(c, s, stop);
      case Record::vertices:
        return c.len ? dijkstra<Record::vertices>(c, s, stop) : bfs<Record::vertices>(c, s, stop);
      case Record::arcs: return c.len ? dijkstra<Record::arcs>(c, s, stop) : bfs<Record::arcs>(c, s, stop);
    }
  }

  void reset() {
    if (!hops.empty()) {
      for (std::size_t i = 0; i < order_size; ++i) {
        const vertex_t v = order[i];
        hops[v] = -1, sigma[v] = 0.0, delta[v] = 0.0;
      }
    } else {
      const bool rec = !pred_head.empty();
      for (vertex_t v : touched) {
        dist[v] = kInf, sigma[v] = 0.0, delta[v] = 0.0, pos[v] = kNil;
        if (rec) pred_head[v] = kNil;
      }
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

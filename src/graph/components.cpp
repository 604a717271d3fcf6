#include "corridor/graph/components.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <unordered_map>

#include "random.hpp"

namespace corridor {

namespace {

// The parent array is shared by the threads; every access goes through atomic_ref (relaxed:
// correctness rests on the compare-and-swap alone, as in the GAP benchmark's Afforest).
using Ref = std::atomic_ref<vertex_t>;

inline vertex_t load(std::vector<vertex_t>& comp, vertex_t v) { return Ref(comp[v]).load(std::memory_order_relaxed); }

// Joins the trees of u and v: the larger root is hung under the smaller one.
inline void link(std::vector<vertex_t>& comp, vertex_t u, vertex_t v) {
  vertex_t p1 = load(comp, u), p2 = load(comp, v);
  while (p1 != p2) {
    const vertex_t high = std::max(p1, p2), low = std::min(p1, p2);
    vertex_t p_high = load(comp, high);
    if (p_high == low) break;  // already joined
    if (p_high == high && Ref(comp[high]).compare_exchange_strong(p_high, low, std::memory_order_relaxed)) break;
    p1 = load(comp, load(comp, high));
    p2 = load(comp, low);
  }
}

void compress(std::vector<vertex_t>& comp) {
  const auto n = static_cast<std::int64_t>(comp.size());
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(static, 16384) if (n > 16384)
#endif
  for (std::int64_t i = 0; i < n; ++i) {
    const auto v = static_cast<vertex_t>(i);
    while (load(comp, v) != load(comp, load(comp, v))) Ref(comp[v]).store(load(comp, load(comp, v)), std::memory_order_relaxed);
  }
}

}  // namespace

ComponentsResult connected_components(const Graph& g) {
  const vertex_t n = g.num_vertices();
  ComponentsResult r;
  if (n == 0) return r;
  std::vector<vertex_t> comp(n);
  for (vertex_t v = 0; v < n; ++v) comp[v] = v;
  const std::uint64_t* off = g.out_offsets().data();
  const vertex_t* tgt = g.out_targets().data();
  const auto count = static_cast<std::int64_t>(n);
  constexpr int kSampledNeighbours = 2;
  for (int k = 0; k < kSampledNeighbours; ++k) {
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(dynamic, 16384) if (count > 16384)
#endif
    for (std::int64_t i = 0; i < count; ++i) {
      const auto u = static_cast<vertex_t>(i);
      if (off[u] + static_cast<std::uint64_t>(k) < off[u + 1]) link(comp, u, tgt[off[u] + static_cast<std::uint64_t>(k)]);
    }
    compress(comp);
  }
  // The component most vertices are in so far, from a fixed sample (it only decides which arcs
  // can be skipped, never the answer).
  vertex_t giant = comp[0];
  {
    detail::Rng rng(0x5eed);
    std::unordered_map<vertex_t, int> seen;
    int best = 0;
    for (int s = 0; s < 1024; ++s) {
      const vertex_t c = comp[static_cast<vertex_t>(rng.below(n))];
      if (++seen[c] > best || (seen[c] == best && c < giant)) best = seen[c], giant = c;
    }
  }
  const bool directed = g.directed();
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(dynamic, 16384) if (count > 16384)
#endif
  for (std::int64_t i = 0; i < count; ++i) {
    const auto u = static_cast<vertex_t>(i);
    // A directed graph's in-arcs of u are other vertices' out-arcs, which may all be skipped
    // when those vertices are in the giant component: link them from u's side too.
    if (directed) {
      auto in = g.in_neighbors(u);
      for (vertex_t v : in) link(comp, u, v);
    }
    if (load(comp, u) == giant) continue;
    for (std::uint64_t a = off[u] + kSampledNeighbours; a < off[u + 1]; ++a) link(comp, u, tgt[a]);
  }
  compress(comp);
  // Every root is its component's smallest vertex: number the roots in vertex order.
  r.membership.assign(n, 0);
  std::vector<vertex_t> index(n, kNoVertex);
  for (vertex_t v = 0; v < n; ++v) {
    const vertex_t root = comp[v];
    if (root == v) {
      index[v] = static_cast<vertex_t>(r.count++);
      r.sizes.push_back(0);
    }
    r.membership[v] = index[root];
    ++r.sizes[index[root]];
  }
  r.largest_size = *std::max_element(r.sizes.begin(), r.sizes.end());
  return r;
}

}  // namespace corridor

// Internals shared by the community methods: a seeded generator with a fixed algorithm (so a
// seed means the same partition on every platform and standard library), the weighted CSR of one
// aggregation level (which, unlike corridor::Graph, keeps self-loop weight), and renumbering.
#pragma once

#include <cstdint>
#include <memory>
#include <type_traits>
#include <span>
#include <utility>
#include <vector>

#include "corridor/graph/graph.hpp"
#include "random.hpp"

namespace corridor::detail {

/// A seeded random visiting order of 0..n-1 that stays cache friendly on large graphs: runs of
/// kOrderBlock consecutive nodes in random order, each run shuffled. Small graphs (n <=
/// kOrderBlock) get a plain uniform shuffle.
inline constexpr std::uint32_t kOrderBlock = 512;
inline std::vector<std::uint32_t> random_order(std::uint32_t n, Rng& rng) {
  std::vector<std::uint32_t> order(n);
  if (n <= kOrderBlock) {
    for (std::uint32_t v = 0; v < n; ++v) order[v] = v;
    rng.shuffle(order);
    return order;
  }
  std::vector<std::uint32_t> blocks((n + kOrderBlock - 1) / kOrderBlock);
  for (std::uint32_t b = 0; b < blocks.size(); ++b) blocks[b] = b;
  rng.shuffle(blocks);
  std::size_t i = 0;
  for (std::uint32_t b : blocks) {
    const std::size_t first = i;
    for (std::uint32_t v = b * kOrderBlock; v < n && v < (b + 1) * kOrderBlock; ++v) order[i++] = v;
    for (std::size_t j = i - first; j > 1; --j) std::swap(order[first + j - 1], order[first + rng.below(j)]);
  }
  return order;
}

/// An allocator whose resize leaves new elements of trivial types uninitialised: for arrays
/// that are written right after, where value-initialising them first would touch every page of
/// fresh memory once more (or, for room reserved ahead, at all).
template <class T>
struct NoInitAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = NoInitAllocator<U>;
  };
  NoInitAllocator() = default;
  template <class U>
  NoInitAllocator(const NoInitAllocator<U>&) noexcept {}
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
template <class T>
using NoInitVector = std::vector<T, NoInitAllocator<T>>;

/// An undirected weighted graph of one aggregation level: CSR without self-loops in the arcs,
/// and per node the self-loop weight (the weight inside the node, counted from both ends as
/// A_vv in modularity), the strength (arcs + self) and the number of original vertices. The CSR
/// arrays are views: of the input Graph at level 0 (no copy of a large graph), of the owned
/// vectors at aggregated levels. Movable, not copyable (the views follow the moved buffers).
/// Row v is [begin(v), end(v)). At aggregated levels the rows fill the front of the arrays but
/// not always in node order (runs of groups land as threads finish them; see aggregate()), and
/// the arrays run on past them: read a row up to end(v), never up to begin(v + 1), and count
/// arcs with `arcs`, not targets.size().
struct LevelGraph {
  std::uint32_t n = 0;
  std::uint64_t arcs = 0;
  std::span<const std::uint64_t> offsets;  // row starts
  std::span<const std::uint64_t> ends;     // row ends
  std::span<const std::uint32_t> targets;
  std::span<const double> weights;
  std::vector<double> self;
  std::vector<double> strength;
  std::vector<double> size;
  double total = 0.0;  ///< sum of strengths = 2m

  // Storage behind the views when they are not the caller's Graph.
  NoInitVector<std::uint64_t> own_offsets, own_ends;
  NoInitVector<std::uint32_t> own_targets;
  NoInitVector<double> own_weights;
  Graph own_graph;

  LevelGraph() = default;
  LevelGraph(LevelGraph&&) = default;
  LevelGraph& operator=(LevelGraph&&) = default;
  LevelGraph(const LevelGraph&) = delete;
  LevelGraph& operator=(const LevelGraph&) = delete;

  std::uint64_t begin(std::uint32_t v) const { return offsets[v]; }
  std::uint64_t end(std::uint32_t v) const { return ends[v]; }
  /// Asks for the first cache line of v's targets and weights, and with `ends` for their last
  /// lines and the weights' second: for loops that visit nodes in an order the hardware cannot
  /// guess (shuffled blocks, scattered group members), a few nodes ahead. Only a hint.
  void prefetch_arcs(std::uint32_t v, bool ends = false) const {
#if defined(__GNUC__)
    const std::uint64_t at = begin(v);
    __builtin_prefetch(targets.data() + at);
    __builtin_prefetch(weights.data() + at);
    if (ends && end(v) > at + 8) {  // a typical list spans 2 or 3 lines
      __builtin_prefetch(targets.data() + end(v) - 1);
      __builtin_prefetch(weights.data() + at + 8);
      __builtin_prefetch(weights.data() + end(v) - 1);
    }
#else
    (void)v, (void)ends;
#endif
  }
};

/// The level-0 graph of g (which must outlive it): a directed g is made undirected (weights
/// summed); weighted = false gives every edge weight 1.
LevelGraph level_graph(const Graph& g, bool weighted);

/// Scratch of aggregate(), kept between levels so large buffers are not mapped afresh each time.
/// What one thread writes sits in its own cache lines (alignas(64)): two cores writing one line
/// would pass it back and forth.
struct AggregateScratch {
  std::vector<std::uint32_t> start, members, fill, run_start;
  std::vector<std::uint64_t> work, run_bound;  // run_bound: room per run, its members' arcs
  struct Sum {
    double weight;
    std::uint32_t group;
  };
  struct alignas(64) Thread {
    std::vector<Sum> acc;
    std::vector<std::uint32_t> list;
    NoInitVector<std::uint32_t> targets;  // the arcs of the run at hand
    NoInitVector<double> weights;
  };
  std::vector<Thread> threads;
};

/// Collapses each group of `group` (values 0..k-1) into one node, into `out` (reusing its
/// buffers; `out` must not be `g`). Groups are cut into runs that threads share; a thread gathers
/// a run in its own buffer, reused from run to run, and copies it to the front of out's arrays.
/// Fresh memory costs a page fault per 4 KiB (about 2 us on the benchmark machine, 13 times the
/// cost of writing the page): a buffer per run, or room per run sized for its members' arcs,
/// mapped hundreds of megabytes more per call on large graphs.
void aggregate(const LevelGraph& g, std::span<const std::uint32_t> group, std::uint32_t k, LevelGraph& out,
               AggregateScratch& scratch);
inline LevelGraph aggregate(const LevelGraph& g, std::span<const std::uint32_t> group, std::uint32_t k) {
  LevelGraph out;
  AggregateScratch scratch;
  aggregate(g, group, k, out, scratch);
  return out;
}

/// Renumbers values in [0, bound) to 0..k-1 in order of first occurrence; returns k.
std::uint32_t renumber_dense(std::vector<std::uint32_t>& values, std::uint32_t bound);

/// Modularity of a dense partition (values 0..k-1) of a level graph; NaN when total == 0.
double level_modularity(const LevelGraph& g, std::span<const std::uint32_t> group, std::uint32_t k,
                        double resolution);
/// CPM quality of a dense partition of a level graph (sizes from g.size).
double level_cpm(const LevelGraph& g, std::span<const std::uint32_t> group, std::uint32_t k,
                 double resolution);

std::vector<std::int64_t> to_int64(std::span<const std::uint32_t> v);

}  // namespace corridor::detail

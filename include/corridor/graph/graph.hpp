// corridor/graph/graph.hpp: the immutable weighted graph every algorithm reads.
//
// A simple graph in compressed sparse row form over dense vertices 0..n-1: no self-loops, at most
// one arc per ordered pair (parallel input edges are merged), a weight per arc. An undirected
// graph stores each edge as two arcs and its in-view is its out-view; a directed graph also
// stores the transposed CSR so pull-style kernels (PageRank) read in-arcs without atomics.
// Each arc can carry a tag (for views: the strongest piece of evidence behind it).
//
// Algorithms take `const Graph&` and never see the case; corridor/graph/view.hpp makes a Graph
// from a Case, and Graph::from_edges makes one from any edge list (tests, benchmarks).
//
//   std::vector<corridor::Graph::Edge> edges{{0, 1}, {1, 2, 2.5}};
//   auto g = corridor::Graph::from_edges(3, edges, corridor::Direction::undirected);
//   for (auto v : g.out_neighbors(1)) ...;   // 0, 2
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace corridor {

using vertex_t = std::uint32_t;
inline constexpr vertex_t kNoVertex = static_cast<vertex_t>(-1);

enum class Direction { undirected, directed };

/// How parallel input edges between the same ordered pair combine into one arc weight.
enum class Merge {
  sum,        ///< add weights (default: repeated evidence adds up for flow-like measures)
  max,        ///< keep the largest
  noisy_or,   ///< 1 - prod(1 - w); weights must be in [0,1] (probabilities of transmission)
};

class Graph {
 public:
  struct Edge {
    vertex_t u = 0;
    vertex_t v = 0;
    double w = 1.0;
    std::uint32_t tag = 0;  ///< carried to the arc; on merge, the tag of the largest weight wins
  };

  Graph() = default;

  /// Builds from an edge list. Self-loops are dropped. For an undirected graph (u,v) and (v,u)
  /// are the same edge. Throws ParamError when an endpoint is >= n or a weight is not finite
  /// and > 0. O(n + m log(max degree)).
  static Graph from_edges(vertex_t n, std::span<const Edge> edges, Direction direction,
                          Merge merge = Merge::sum);

  vertex_t num_vertices() const noexcept { return n_; }
  /// Undirected: number of edges (each stored as two arcs). Directed: number of arcs.
  std::uint64_t num_edges() const noexcept { return directed_ ? targets_.size() : targets_.size() / 2; }
  /// Number of stored out-arcs.
  std::uint64_t num_arcs() const noexcept { return targets_.size(); }
  bool directed() const noexcept { return directed_; }
  /// False when every weight is 1 (lets kernels take the unweighted path).
  bool weighted() const noexcept { return weighted_; }

  std::span<const vertex_t> out_neighbors(vertex_t v) const {
    return {targets_.data() + offsets_[v], targets_.data() + offsets_[v + 1]};
  }
  std::span<const double> out_weights(vertex_t v) const {
    return {weights_.data() + offsets_[v], weights_.data() + offsets_[v + 1]};
  }
  std::span<const std::uint32_t> out_tags(vertex_t v) const {
    return {tags_.data() + offsets_[v], tags_.data() + offsets_[v + 1]};
  }
  std::span<const vertex_t> in_neighbors(vertex_t v) const {
    if (!directed_) return out_neighbors(v);
    return {in_sources_.data() + in_offsets_[v], in_sources_.data() + in_offsets_[v + 1]};
  }
  std::span<const double> in_weights(vertex_t v) const {
    if (!directed_) return out_weights(v);
    return {in_weights_.data() + in_offsets_[v], in_weights_.data() + in_offsets_[v + 1]};
  }
  std::uint64_t out_degree(vertex_t v) const { return offsets_[v + 1] - offsets_[v]; }
  std::uint64_t in_degree(vertex_t v) const {
    return directed_ ? in_offsets_[v + 1] - in_offsets_[v] : out_degree(v);
  }
  /// Sum of out-arc weights.
  double out_strength(vertex_t v) const;
  /// Sum of in-arc weights.
  double in_strength(vertex_t v) const;
  /// Sum of all arc weights (undirected: twice the total edge weight).
  double total_arc_weight() const noexcept { return total_arc_weight_; }
  /// Position of arc (u,v) in the out-CSR, or -1 (binary search: neighbors are sorted).
  std::int64_t find_arc(vertex_t u, vertex_t v) const;
  bool has_edge(vertex_t u, vertex_t v) const { return find_arc(u, v) >= 0; }

  // Raw CSR arrays, for kernels and BGL adaptors.
  std::span<const std::uint64_t> out_offsets() const noexcept { return offsets_; }
  std::span<const vertex_t> out_targets() const noexcept { return targets_; }
  std::span<const double> arc_weights() const noexcept { return weights_; }
  std::span<const std::uint32_t> arc_tags() const noexcept { return tags_; }
  std::span<const std::uint64_t> in_offsets() const noexcept {
    return directed_ ? std::span<const std::uint64_t>(in_offsets_) : out_offsets();
  }
  std::span<const vertex_t> in_sources() const noexcept {
    return directed_ ? std::span<const vertex_t>(in_sources_) : out_targets();
  }

  /// The same graph with every arc's direction kept but seen as undirected (u-v if u->v or
  /// v->u; weights of both directions merged by `merge`). Returns a copy if already undirected.
  Graph to_undirected(Merge merge = Merge::sum) const;
  /// The same topology with every weight 1.
  Graph unweighted() const;

  /// The same graph with its vertices renumbered: vertex order[i] becomes vertex i (arcs keep
  /// their weights and tags; rows stay sorted). Kernels that gather along arcs run faster when
  /// neighbours have nearby numbers, so a caller may renumber once by vertex_order()
  /// (corridor/graph/order.hpp) and map results back through `order`. Throws ParamError when
  /// order is not a permutation of 0..n-1. O(n + m log(max degree)), parallel over rows.
  Graph renumbered(std::span<const vertex_t> order) const;

  std::size_t memory_bytes() const noexcept;

 private:
  vertex_t n_ = 0;
  bool directed_ = false;
  bool weighted_ = false;
  double total_arc_weight_ = 0.0;
  std::vector<std::uint64_t> offsets_{0};
  std::vector<vertex_t> targets_;
  std::vector<double> weights_;
  std::vector<std::uint32_t> tags_;
  std::vector<std::uint64_t> in_offsets_;
  std::vector<vertex_t> in_sources_;
  std::vector<double> in_weights_;
};

}  // namespace corridor

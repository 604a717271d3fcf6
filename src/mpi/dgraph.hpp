// corridor-mpi: a corridor graph spread over the ranks with Parallel BGL (private to src/mpi).
//
// Each rank brings the arcs of the pairs it owns (built by the library: make_view or
// propagation_graph on its by_pair() case); DistributedGraph sends every arc to the rank that
// owns its source under Parallel BGL's block distribution and builds Parallel BGL's distributed
// compressed_sparse_row_graph from them. The iterative kernels (components, PageRank, propagation) read the rank's local part compiled once into a
// plain CSR whose targets are either local vertices or "ghost" slots, one per remote vertex the
// rank's arcs reach: an iteration accumulates into the ghosts and push() sends each ghost's value
// to its owner once (8 bytes per ghost, no keys), which is the whole network volume of an
// iteration besides two scalars.
#pragma once

#include <mpi.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "corridor/graph/graph.hpp"
#include "mpi/exchange.hpp"

namespace corridor::mpi {

class DistributedGraph {
 public:
  /// Collective. `pairs`: the arcs of this rank's pairs over the global vertices 0..n-1 (every
  /// rank passes a Graph with the same vertex count; arc tags are not kept).
  DistributedGraph(MPI_Comm comm, const Graph& pairs, Traffic* traffic = nullptr);
  ~DistributedGraph();
  DistributedGraph(const DistributedGraph&) = delete;
  DistributedGraph& operator=(const DistributedGraph&) = delete;

  MPI_Comm comm() const noexcept { return comm_; }
  vertex_t num_vertices() const noexcept { return n_; }
  /// Global index of this rank's first vertex; its vertices are [first, first + local).
  vertex_t first() const noexcept { return first_; }
  vertex_t local() const noexcept { return local_; }
  /// Arcs stored on this rank (out-arcs of its vertices) and in the whole graph.
  std::uint64_t local_arcs() const noexcept { return targets_.size(); }
  std::uint64_t arcs() const noexcept { return arcs_; }
  /// Remote vertices this rank's arcs reach (the values push() sends).
  std::uint64_t ghosts() const noexcept { return ghost_owner_.size(); }
  /// True when some arc of the graph weighs other than 1 (Graph::weighted() of the whole graph).
  bool weighted() const noexcept { return weighted_; }

  /// The local part: out-arcs of local vertex u are [offsets()[u], offsets()[u+1]); a target
  /// below local() is a local vertex, else ghost slot target - local().
  const std::vector<std::uint64_t>& offsets() const noexcept { return offsets_; }
  const std::vector<std::uint32_t>& targets() const noexcept { return targets_; }
  const std::vector<double>& weights() const noexcept { return weights_; }

  /// acc holds local() + ghosts() sums; adds every ghost's sum into its owner's acc (received
  /// in rank order, so the sum is deterministic for a given number of ranks). Collective.
  void push(std::vector<double>& acc, Traffic* traffic = nullptr) const;

  /// Like push(), with min instead of +: every ghost's value lowers its owner's acc. Collective.
  void push_min(std::vector<std::uint64_t>& acc, Traffic* traffic = nullptr) const;

  /// Connected components (the arcs must be symmetric): for each local vertex, the global index
  /// of its component's smallest vertex, by label propagation over the ghost exchange (rounds:
  /// about the largest distance between two vertices of a component). Collective.
  std::vector<std::uint64_t> component_roots(int* rounds = nullptr) const;

  /// The same by Parallel BGL's connected_components (each root: some vertex of the component).
  /// Kept for comparison: under two ranks on one machine it took 44 times the time of one rank
  /// (docs/scale.md). Collective.
  std::vector<std::uint64_t> component_roots_pbgl() const;

 private:
  struct Pbgl;
  MPI_Comm comm_;
  std::unique_ptr<Pbgl> pbgl_;
  vertex_t n_ = 0, first_ = 0, local_ = 0;
  std::uint64_t arcs_ = 0;
  bool weighted_ = false;
  std::vector<std::uint64_t> offsets_;
  std::vector<std::uint32_t> targets_;
  std::vector<double> weights_;
  // Ghost slots, grouped by owner rank: send_counts_/send_displs_ per rank; the owner adds the
  // values it receives to recv_local_[i] in order.
  std::vector<int> ghost_owner_;
  std::vector<int> send_counts_, send_displs_, recv_counts_, recv_displs_;
  std::vector<std::uint32_t> recv_local_;
  mutable std::vector<double> recv_buf_;
};

}  // namespace corridor::mpi

// Strongest paths from the seeds over a propagation graph, shared by propagate() (top seed of
// every node) and explain() (k strongest paths). Private to src/propagation.
#pragma once

#include <cmath>
#include <span>
#include <vector>

#include "corridor/graph/graph.hpp"
#include "corridor/model/case.hpp"

namespace corridor::detail {

/// Length of an arc: -log strength, plus a tiny per-hop term so that ties (all strengths 1, as
/// in the naive graph) go to the path with fewer hops.
inline double arc_cost(double w) { return -std::log(std::min(w, 1.0)) + 1e-9; }

/// Multi-source Dijkstra from every seed (start length -log confidence), seeds as terminals.
struct SeedTree {
  std::vector<double> dist;     ///< length to the nearest seed; +inf when unreachable
  std::vector<NodeId> parent;   ///< next vertex towards that seed; kNoNode at seeds / unreachable
  std::vector<NodeId> root;     ///< the seed reached; kNoNode when unreachable
};

/// `seed_weight` has one entry per vertex, > 0 at seeds. O(m log n).
SeedTree seed_tree(const Graph& g, std::span<const double> seed_weight);

}  // namespace corridor::detail

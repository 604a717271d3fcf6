// The strongest walk paths from the seeds, shared by propagate() (top seed of every node) and
// the explanations (Yen's candidates). Lengths are -log of the walk's step weights, so per-hop
// loss and the strength normalisation count. Private to src/propagation.
#pragma once

#include <cmath>
#include <limits>
#include <span>
#include <vector>

#include "corridor/model/case.hpp"
#include "propagation/operator_impl.hpp"

namespace corridor::detail {

/// Length of a step of weight s in (0, 1]: -log s, plus a tiny per-hop term so that ties (all
/// steps equal, as in the naive graph) go to the path with fewer hops. +inf for s <= 0.
inline double step_cost(double s) {
  return s > 0 ? -std::log(std::min(s, 1.0)) + 1e-9 : std::numeric_limits<double>::infinity();
}

/// Multi-source Dijkstra in the walk's direction from every seed (start length -log y_s), seeds
/// passed through like any node. dist[x] is also the exact length from x back to the nearest
/// seed, the A* heuristic of the spur searches.
struct SeedTree {
  std::vector<double> dist;     ///< length of the strongest walk path to x; +inf when unreachable
  std::vector<NodeId> parent;   ///< previous vertex on it (towards its seed); kNoNode at its seed / unreachable
  std::vector<NodeId> root;     ///< the seed it starts from; kNoNode when unreachable
};

/// `y` has one entry per vertex, > 0 at seeds. O(m log n).
SeedTree seed_tree(const PropagationOperator& op, std::span<const double> y);

}  // namespace corridor::detail

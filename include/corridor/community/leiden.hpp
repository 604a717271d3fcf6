// corridor/community/leiden.hpp: the Leiden algorithm (Traag, Waltman & van Eck 2019).
//
// Leiden improves on Louvain with a refinement phase: before a level is aggregated, each
// community is split into well-connected subcommunities, and only those are merged into the
// nodes of the next level. Every community it returns is therefore connected (Louvain can return
// disconnected ones). It optimises modularity (with a resolution) or the Constant Potts Model.
//
//   auto r = corridor::leiden(g, {.resolution = 1.0, .iterations = -1, .seed = 3});
//   std::cout << r.count << " communities, modularity " << r.quality << '\n';
#pragma once

#include <cstdint>

#include "corridor/community/partition.hpp"
#include "corridor/graph/graph.hpp"

namespace corridor {

enum class Objective {
  modularity,  ///< Newman-Girvan modularity with resolution (see quality.hpp)
  cpm,         ///< Constant Potts Model: resolution is the density threshold between groups
};

struct LeidenParams {
  Objective objective = Objective::modularity;
  /// gamma >= 0. Modularity: 1 is the classic value, larger finds smaller communities. CPM:
  /// communities have internal density above gamma (in edge-weight units), e.g. 0.05.
  double resolution = 1.0;
  /// theta > 0: randomness of the refinement's merge choice, in edge-weight units as in igraph
  /// (a merge of gain d is picked with probability proportional to exp(d / theta)).
  double randomness = 0.01;
  /// Passes of the whole algorithm, each starting from the previous partition (>= 1), or -1 to
  /// repeat until a pass changes nothing (at most 1000 passes).
  int iterations = 2;
  std::uint64_t seed = 1;  ///< same seed, same partition
  bool weighted = true;    ///< false: every edge weighs 1
  Schedule schedule = Schedule::parallel;  ///< see partition.hpp
};

/// Leiden community detection on an undirected graph (a directed one is read as
/// g.to_undirected(Merge::sum)). Each pass runs, per level: the queue-based fast local moving
/// of nodes (a node may also make one move per level to a community tied with its own, chosen at
/// random, which lets the search leave plateaus), the randomised refinement (a node joins a well-connected subcommunity with
/// probability ~ exp(gain/theta), gains >= 0 only), and aggregation of the refined partition,
/// with the unrefined partition as the start of the next level; levels stop when refinement
/// leaves every node alone. Guarantees every community is connected. The result's levels are the
/// refined groups of the last pass (nested), ending with the final membership; quality is the
/// modularity or CPM quality of the result.
/// Parallel with OpenMP and deterministic: local moving visits the nodes in blocks of 512
/// consecutive numbers (fewer on small levels; blocks and nodes in seeded random orders), running the blocks of a batch
/// side by side (Schedule::parallel; Schedule::sequential runs one block at a time); a node sees its own block's moves at once and the other blocks of its batch as
/// they were when the batch began, and batches commit in order. Refinement runs community by
/// community, each with its own seeded generator. The answer depends only on the seed, never on
/// the thread count, and its quality matches the sequential method's (benchmarks/RESULTS.md).
/// Renumbering the graph by vertex_order() (corridor/graph/order.hpp) first puts tied nodes in
/// the same block: faster, and closer still to a sequential sweep.
/// Throws ParamError on resolution < 0 or not finite, randomness <= 0 or not finite, iterations
/// 0 or < -1. Roughly O(m) per level, a handful of levels per pass.
CommunityResult leiden(const Graph& g, const LeidenParams& p = {});

}  // namespace corridor

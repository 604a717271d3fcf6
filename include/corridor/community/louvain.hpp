// corridor/community/louvain.hpp: the Louvain method (Blondel, Guillaume, Lambiotte & Lefebvre
// 2008).
//
// Louvain moves single nodes to the neighbouring community with the best modularity gain until
// no sweep gains enough, aggregates each community into one node, and repeats on the smaller
// graph. It is fast and well known; unlike Leiden it may return a disconnected community.
//
//   auto r = corridor::louvain(g, {.resolution = 1.0, .seed = 2});
//   for (std::size_t i = 0; i < r.levels.size(); ++i) ...;   // the dendrogram, finest first
#pragma once

#include <cstdint>

#include "corridor/community/partition.hpp"
#include "corridor/graph/graph.hpp"

namespace corridor {

struct LouvainParams {
  double resolution = 1.0;  ///< gamma >= 0; larger finds smaller communities
  std::uint64_t seed = 1;   ///< orders the node visits; same seed, same partition
  bool weighted = true;     ///< false: every edge weighs 1
  /// A level stops sweeping when one sweep gains less modularity than this (>= 0).
  double min_gain = 1e-7;
  Schedule schedule = Schedule::parallel;  ///< see partition.hpp
};

/// Louvain community detection maximising modularity with resolution on an undirected graph (a
/// directed one is read as g.to_undirected(Merge::sum)). Each level sweeps the nodes in a seeded
/// random order, moving each to the neighbouring community of largest positive gain (or, once
/// per node and level, to a randomly chosen community tied with its own); later rounds visit
/// only nodes a neighbour's move may have changed (as Leiden's fast local moving does), until a
/// round gains less than min_gain or nothing is left to visit; then the communities become the
/// nodes of the next level.
/// Stops when a level moves nothing. levels[i] is the partition after level i (nested), the
/// last equal to membership; iterations = number of levels. Parallel with OpenMP and
/// deterministic, as leiden() (blocks of consecutive nodes side by side in batches): the answer
/// depends only on the seed, never on the thread count. Throws ParamError on resolution or
/// min_gain negative or not finite. Roughly O(m) per sweep.
CommunityResult louvain(const Graph& g, const LouvainParams& p = {});

}  // namespace corridor

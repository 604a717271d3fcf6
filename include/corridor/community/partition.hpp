// corridor/community/partition.hpp: what every community method returns, and small helpers.
//
// A partition gives each vertex a community number. The methods number communities
// deterministically, 0..count-1 in the order of their smallest vertex, so two runs that find the
// same groups print the same numbers. Results also keep the hierarchy the multilevel methods
// (Louvain, Leiden) pass through, and diagnostics (quality, iterations, converged).
//
//   auto r = corridor::leiden(g, {.seed = 7});
//   auto sizes = corridor::community_sizes(r.membership);   // sizes[c] = members of community c
//   for (const auto& level : r.levels) ...;                  // finest to coarsest, last = membership
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace corridor {

/// How the node-moving methods (Leiden, Louvain, label propagation) sweep the nodes. Both visit
/// blocks of 512 consecutive node numbers in a seeded random order, the nodes of a block in a
/// seeded random order; both give the same answer for a seed on any thread count. (The parallel
/// schedule of Louvain and Leiden cuts the blocks of a small level, under about 64,000 nodes, down
/// to 32 nodes, so that its blocks can run side by side; the size depends on the level only.)
enum class Schedule {
  /// The blocks of a batch (up to 32 blocks, at least 16 batches a sweep) run side by side: a
  /// node sees its own block's moves at once and the other blocks of its batch as they were when
  /// the batch began. Uses every core; quality matches the sequential schedule's.
  parallel,
  /// One block after the other: every node sees every earlier move, the textbook sequential
  /// method. Local moving uses one core.
  sequential,
};

/// A plain partition: membership[v] in 0..count-1.
struct Partition {
  std::vector<std::int64_t> membership;
  std::size_t count = 0;
};

/// The result of a community method.
struct CommunityResult {
  /// Community of each vertex, 0..count-1, numbered by smallest vertex (label propagation with
  /// fixed labels keeps the fixed label values; see label_propagation.hpp).
  std::vector<std::int64_t> membership;
  std::size_t count = 0;  ///< number of communities
  /// Quality of `membership`: modularity with the method's resolution (Louvain, label
  /// propagation, Leiden with Objective::modularity) or CPM quality (Leiden with Objective::cpm).
  /// NaN for modularity when the graph has no edge weight (modularity is undefined there).
  double quality = 0.0;
  /// The hierarchy, finest to coarsest: levels[i][v] is the group of original vertex v at
  /// aggregation level i, numbered by smallest vertex. Groups of a level are unions of groups of
  /// the level before; the last level equals `membership`. Label propagation has one level.
  std::vector<std::vector<std::int64_t>> levels;
  int iterations = 0;     ///< Leiden: passes run; Louvain: levels; label propagation: sweeps
  bool converged = true;  ///< false when label propagation stopped at max_iterations
};

/// Renumbers labels to 0..k-1 in the order of their first occurrence (so by smallest vertex);
/// returns the partition. Labels may be any integers. O(n log n).
Partition normalize_membership(std::span<const std::int64_t> labels);

/// Number of members of each community; membership values must be in [0, k) (k = max + 1).
/// Throws ParamError on a negative value. O(n).
std::vector<std::size_t> community_sizes(std::span<const std::int64_t> membership);

}  // namespace corridor

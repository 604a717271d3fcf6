// corridor/community/label_propagation.hpp: label propagation (Raghavan, Albert & Kumara 2007),
// plain and semi-supervised.
//
// Every node repeatedly takes the label carried by most (by weight) of its neighbours; groups
// emerge where a label floods a dense region. It is the fastest method here and needs no
// objective, but its partitions vary more with the seed. With fixed labels it spreads known
// groups (say, the rings an analyst has already confirmed) to the unlabelled nodes.
//
//   std::vector<std::int64_t> fixed(g.num_vertices(), -1);
//   fixed[4] = 0; fixed[17] = 1;                       // two known rings
//   auto r = corridor::label_propagation(g, {.fixed_labels = fixed});
#pragma once

#include <cstdint>
#include <vector>

#include "corridor/community/partition.hpp"
#include "corridor/graph/graph.hpp"

namespace corridor {

struct LabelPropagationParams {
  std::uint64_t seed = 1;    ///< visit order and tie breaks; same seed, same partition
  int max_iterations = 100;  ///< sweeps over the nodes, >= 1
  bool weighted = true;      ///< false: every edge weighs 1
  /// Semi-supervised mode when not empty: one entry per vertex, -1 = free, else a label >= 0
  /// that the vertex keeps.
  std::vector<std::int64_t> fixed_labels;
  Schedule schedule = Schedule::parallel;  ///< see partition.hpp
};

/// Asynchronous label propagation on an undirected graph (a directed one is read as
/// g.to_undirected(Merge::sum)). Each sweep visits the free nodes in a fresh seeded random
/// order; a node takes the label of largest total neighbour weight, keeping its own when that is
/// among the largest, otherwise choosing among the tied labels at random. After the first sweep
/// only nodes whose neighbours changed label are visited again (the others still carry a most
/// frequent label). It stops when a sweep changes nothing, i.e. when every node carries a most
/// frequent label of its neighbourhood (converged = true), or after max_iterations sweeps
/// (converged = false). Parallel with OpenMP and deterministic, as leiden() (blocks of
/// consecutive nodes side by side in batches, each with its own seeded generator): the answer
/// depends only on the seed, never on the thread count.
///
/// Plain mode: every node starts with its own label; communities are numbered by smallest
/// vertex. Semi-supervised mode (fixed_labels given): free nodes start unlabelled and unlabelled
/// neighbours do not vote; fixed nodes never change. Communities then keep the value of their
/// fixed label, and free nodes that no label reaches get new labels (one per connected group of
/// such nodes) numbered from max fixed label + 1. Isolated free nodes stay alone.
/// quality = modularity (resolution 1). Throws ParamError on max_iterations < 1 or a
/// fixed_labels of the wrong size or with values < -1. O(m) per sweep.
CommunityResult label_propagation(const Graph& g, const LabelPropagationParams& p = {});

}  // namespace corridor

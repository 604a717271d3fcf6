// corridor/community/quality.hpp: how good a partition is, and how alike two partitions are.
//
// modularity() and cpm_quality() score a partition of a graph (the objectives Louvain and Leiden
// optimise); nmi() and adjusted_rand_index() compare two partitions of the same vertices, e.g. a
// result against a planted ground truth, or two runs with different seeds.
//
//   double q = corridor::modularity(g, r.membership);             // resolution 1
//   double agreement = corridor::nmi(r.membership, truth);        // 1 = identical groups
#pragma once

#include <cstdint>
#include <span>

#include "corridor/graph/graph.hpp"

namespace corridor {

/// Newman-Girvan modularity with resolution gamma, weighted by arc weight:
///   Q = 1/(2m) sum_ij (A_ij - gamma k_i k_j / (2m)) delta(c_i, c_j),
/// where A is the symmetric weight matrix, k_i the strength of i and 2m the total arc weight
/// (Newman & Girvan 2004; resolution as Reichardt & Bornholdt 2006). Pass g.unweighted() for the
/// unweighted value. A directed graph is read as g.to_undirected(Merge::sum). Membership values
/// are any non-negative integers (need not be contiguous). Returns NaN when the graph has no
/// edge (2m = 0), as igraph does. Throws ParamError when membership.size() != n, a value is
/// negative, or gamma is negative or not finite. O(n log n + m).
double modularity(const Graph& g, std::span<const std::int64_t> membership, double resolution = 1.0);

/// Constant Potts Model quality (Traag, Van Dooren & Nesterov 2011), as leidenalg defines it:
///   H = sum_c (e_c - gamma n_c (n_c - 1) / 2),
/// where e_c is the total weight of the edges inside community c (each edge once) and n_c its
/// number of vertices. Not normalised: it grows with the graph. A directed graph is read as
/// g.to_undirected(Merge::sum). Throws as modularity(). O(n log n + m).
double cpm_quality(const Graph& g, std::span<const std::int64_t> membership, double resolution);

/// Normalised mutual information of two labelings, I(a;b) / ((H(a) + H(b)) / 2) with natural
/// logarithms: the arithmetic-mean normalisation, scikit-learn's default. In [0,1]; 1 for equal
/// partitions whatever the label values. Two constant labelings (and two empty ones) give 1; a
/// constant labeling against a non-constant one gives 0. Labels are any integers. Throws
/// ParamError when the sizes differ. O(n log n).
double nmi(std::span<const std::int64_t> a, std::span<const std::int64_t> b);

/// Adjusted Rand index (Hubert & Arabie 1985): the Rand index corrected for chance, 1 for equal
/// partitions, about 0 for independent ones, negative below chance. When
/// the expected and maximum index coincide (both labelings all singletons, or both one group)
/// it returns 1, as scikit-learn does. Throws ParamError when the sizes differ. O(n log n).
double adjusted_rand_index(std::span<const std::int64_t> a, std::span<const std::int64_t> b);

}  // namespace corridor

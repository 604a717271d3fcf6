// corridor-mpi: the iterative kernels over a DistributedGraph (private to src/mpi).
//
// Each mirrors the library's single-machine kernel step for step (same start vector, same
// update, same stopping rule on the same global residual), so the results agree with the
// command's to rounding: the sums only run in a different order.
#pragma once

#include <vector>

#include "corridor/centrality/result.hpp"
#include "corridor/centrality/spectral.hpp"
#include "mpi/dgraph.hpp"

namespace corridor::mpi {

/// What an iterative kernel sent: in total, and in its iterations only.
struct KernelTraffic {
  Traffic iterations;
  int count = 0;  ///< iterations run
};

/// corridor::pagerank (networkx's PageRank, uniform teleport, dangling mass by teleport) on the
/// distributed graph: scores of this rank's vertices, normalised over the whole graph; iterations,
/// residual and converged as the library reports them. p.personalization (one value per vertex
/// of the whole graph, as pagerank_params() gives it) must be the same on every rank. Collective.
ScoreResult pagerank(const DistributedGraph& g, const PageRankParams& p, KernelTraffic* traffic = nullptr);

/// The walk sums of affiliation propagation (corridor::propagate's Jacobi solve for ppr,
/// ppr_degree and naive) on the distributed tie graph, which must be symmetric:
///   x = y + receive o W (step o x),  from x = y, until the L1 change of an iteration (summed over the
/// ranks) falls below tolerance x |y|_1 or max_iterations is reached. y and step are this rank's
/// slices (one value per local vertex); step[u] is the share of u's sum that a walk carries along
/// each unit of tie weight, (1 - restart) / the method's divisor of u. `receive` (empty = 1
/// everywhere) scales what a vertex receives: 0 at an absorbing vertex (a cleared person, which
/// neither receives nor passes on suspicion: step is 0 there too), as the library's operator
/// without() does. Returns x of the local vertices in `scores`, with iterations, residual and
/// converged. Collective.
ScoreResult walk_sums(const DistributedGraph& g, const std::vector<double>& y, const std::vector<double>& step,
                      const std::vector<double>& receive, double tolerance, int max_iterations,
                      KernelTraffic* traffic = nullptr);

}  // namespace corridor::mpi

// The linear operator behind each propagation method, shared by propagate() (forward solve:
// scores from the seed vector) and seed_shares() (transposed solve: one node's score split by
// seed). Private to src/propagation.
#pragma once

#include <span>
#include <vector>

#include "corridor/graph/graph.hpp"
#include "corridor/propagation/propagate.hpp"

namespace corridor::detail {

struct PropagationOperator {
  Method method = Method::ppr;
  double restart = 0.15;
  Graph graph;                 ///< undirected, vertex = NodeId
  std::vector<double> norm;    ///< ppr/naive: divisor of a vertex's outflow; spread: D^-1/2
  std::vector<double> post;    ///< output scale per vertex (ppr_degree divisor); empty = 1
  double tolerance = 1e-10;
  int max_iterations = 1000;
};

struct SolveOutput {
  std::vector<double> x;
  int iterations = 0;
  double residual = 0.0;
  bool converged = true;
};

/// Validates p and builds the operator of p.method over c.
PropagationOperator build_operator(const Case& c, const PropagationParams& p);

/// score = A y (forward) for the operator's method, with y as given (not normalised).
SolveOutput apply_forward(const PropagationOperator& op, std::span<const double> y);

/// z with z_s = A[v, s] for every s (row v of A), so score_v = sum_s z_s y_s.
SolveOutput apply_row(const PropagationOperator& op, NodeId v);

/// The seed vector: confidences per node, summed over duplicate seeds; throws ParamError.
std::vector<double> seed_vector(const Case& c, std::span<const Seed> seeds);

/// seed_vector plus the implicit seeds of p.group_seeds (returned in *implicit when given): the
/// vector every solve and every share uses, so explanations add up to the scores.
std::vector<double> full_seed_vector(const Case& c, std::span<const Seed> seeds, const PropagationParams& p,
                                     std::vector<ImplicitSeed>* implicit = nullptr);

}  // namespace corridor::detail

// The linear operator behind each propagation method, shared by propagate() (forward solves:
// scores from the seed and cleared vectors), the explanations (transposed solves: one node's
// score split by seed; closed-walk sums for path contributions). Private to src/propagation.
//
// Every method is a walk on the tie graph W (symmetric): a walk leaves u for w with weight
//   step(u -> w) = left[u] x w_uw x right[w]
// and the walk sums G = (I - P)^-1, P[u][w] = step(u -> w), give the scores
//   score_v = out[v] x sum_s y_s G[s][v],   y = seed confidences / their sum.
//   ppr, ppr_degree: left = (1 - restart) / max(s_u, 1), right = 1; out = restart (x post[v])
//   naive:           left = (1 - restart) / s_u (1 when s_u = 0), right = 1; out = restart / sum
//   spread:          left = (1 - restart) d_u, right = d_w, d = max(s, 1)^-1/2 (symmetric)
// Cleared persons are absorbing for suspicion: the positive operator has left = right = 0 at
// them (no walk enters or leaves them); their own negative mass walks on the plain operator.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "corridor/graph/graph.hpp"
#include "corridor/propagation/propagate.hpp"

namespace corridor::detail {

struct PropagationOperator {
  /// What build_operator() made it from (method, restart, tolerance, iteration cap among them).
  /// A result's walk is reused only for the same case and the same params (built_from).
  PropagationParams params;
  std::shared_ptr<const Graph> tie_graph;  ///< undirected, vertex = NodeId; shared by copies
  std::vector<double> left;    ///< step(u->w) = left[u] w_uw right[w]
  std::vector<double> right;
  std::vector<double> out;     ///< score_v = out[v] x walk sum (restart, ppr_degree's divisor)
  /// Per arc of graph() in CSR order, step(u, w, weight) along it: filled by the explanations'
  /// index for its pushes (which would otherwise look up right[w] at a random place per arc);
  /// empty otherwise.
  std::vector<double> arc_step;
  /// The case it was built from: its address, and its counts (built_from).
  const Case* source = nullptr;
  std::size_t source_nodes = 0, source_evidence = 0;

  const Graph& graph() const { return *tie_graph; }
  double step(vertex_t u, vertex_t w, double weight) const { return left[u] * weight * right[w]; }
  /// The same walk with `absorbing` vertices cut out (left = right = 0 there).
  PropagationOperator without(std::span<const NodeId> absorbing) const;
};

struct SolveOutput {
  std::vector<double> x;
  int iterations = 0;
  double residual = 0.0;
  bool converged = true;
};

/// Validates p and builds the operator of p.method over c.
PropagationOperator build_operator(const Case& c, const PropagationParams& p);

/// Whether op is what build_operator(c, p) builds: made from this very case (its address and
/// counts) with equal params.
bool built_from(const PropagationOperator& op, const Case& c, const PropagationParams& p);

/// x = G^T y: the walk sums from y, x_v = sum_s y_s G[s][v] (before `out`).
SolveOutput walk_sums(const PropagationOperator& op, std::span<const double> y);

/// z = G e_v: z_s = G[s][v] for every s (row v of G^T), so x_v = sum_s y_s z_s (before `out`).
/// One thread (Gauss-Seidel sweeps in vertex order), the same bits on any thread count.
SolveOutput walk_sums_to(const PropagationOperator& op, NodeId v);

/// walk_sums(op, e_s), on one thread like walk_sums_to: agrees with walk_sums to the tolerance,
/// not to the bit.
SolveOutput walk_sums_from(const PropagationOperator& op, NodeId s);

/// walk_sums_from(op, s) for each s of `sources` (to = false), or walk_sums_to(op, s) (to = true),
/// the same to the bit: one solve per thread at a time. Memory n doubles per thread beyond the
/// results (spread: its conjugate gradient's matrix and vectors).
std::vector<SolveOutput> walk_sums_many(const PropagationOperator& op, std::span<const NodeId> sources, bool to);

/// The seed vector: confidences per node, summed over duplicate seeds; throws ParamError.
std::vector<double> seed_vector(const Case& c, std::span<const Seed> seeds);

/// seed_vector plus the implicit seeds of p.group_seeds (returned in *implicit when given): the
/// vector every solve and every share uses, so explanations add up to the scores.
std::vector<double> full_seed_vector(const Case& c, std::span<const Seed> seeds, const PropagationParams& p,
                                     std::vector<ImplicitSeed>* implicit = nullptr);

}  // namespace corridor::detail

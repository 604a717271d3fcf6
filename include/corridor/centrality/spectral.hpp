// corridor/centrality/spectral.hpp: PageRank, eigenvector and Katz centrality, and the spectral
// radius that bounds Katz's alpha.
//
// All three are fixed points of a linear map built from the arcs of the graph; a vertex scores
// high when high-scoring vertices point at it. Values match networkx's `pagerank`,
// `eigenvector_centrality` and `katz_centrality` (same iteration, same stopping rule), so a score
// computed here can be checked against a networkx run on the same edge list. The kernels pull
// along in-arcs (the transposed CSR of a directed graph), so they need no atomics, and their
// results do not depend on the number of OpenMP threads.
//
// Scores are investigative leads: a high PageRank says "many well-connected ties lead here",
// not "this person is a smuggler".
//
//   auto g = corridor::Graph::from_edges(3, edges, corridor::Direction::directed);
//   corridor::ScoreResult pr = corridor::pagerank(g, {.damping = 0.85});
//   if (!pr.converged) std::cerr << "PageRank stopped after " << pr.iterations << " iterations\n";
#pragma once

#include <vector>

#include "corridor/centrality/result.hpp"
#include "corridor/graph/graph.hpp"

namespace corridor {

/// Parameters of pagerank().
struct PageRankParams {
  /// Probability of following an arc (networkx's alpha); in [0, 1).
  double damping = 0.85;
  /// Stop when the L1 change of the score vector between two iterations is below
  /// n * tolerance (networkx's rule); > 0.
  double tolerance = 1e-10;
  /// Iteration cap; >= 1. Reaching it is not an error: the result says converged = false.
  int max_iterations = 1000;
  /// Use arc weights (tie strength) as transition weights; false = every arc weighs 1.
  bool weighted = true;
  /// Teleport distribution: empty = uniform; else one value >= 0 per vertex, not all zero,
  /// normalised internally. Dangling vertices (no out-arc) also jump by this distribution.
  std::vector<double> personalization;
};

/// PageRank as networkx's `pagerank`: the stationary distribution of a walk that follows an
/// out-arc with probability `damping` (chosen proportionally to its weight) and otherwise jumps
/// by the personalization vector; a vertex without out-arcs jumps by it too. An undirected
/// graph is walked both ways along each edge.
///
/// Power (Jacobi) iteration from the uniform vector, x' = d (x P + s(x) p) + (1 - d) p with s(x)
/// the dangling mass; stops when |x' - x|_1 < n * tolerance; scores are returned normalised to
/// sum to 1 (each score >= 0). residual = last L1 change.
/// Precision: when the stopping threshold n * tolerance is at least 32 d 2^-24 (1.6e-6 at d =
/// 0.85; the default tolerance from about 16,000 vertices on), the weighted iteration reads
/// single-precision transition weights w(u,v)/out-strength(u), accumulating in double, and each
/// iteration streams 8 instead of 12 bytes per arc. From 2^19 vertices on (unless the graph is
/// very sparse for its size), the arcs are also grouped by blocks of 2^15 vertex numbers so that
/// the gathers stay in the cache, and x is gathered in single precision along arcs between
/// blocks. The roundings move the answer by at most 2 d/(1-d) 2^-24 in L1, a sixteenth of the
/// error the threshold already accepts. Tighter tolerances use the double weights.
/// Time O(iterations * (n + m)), memory O(n) beyond the graph (plus 4 bytes per arc with
/// single-precision weights; 8 bytes per arc and 16 per vertex in blocks). Parallel with OpenMP;
/// the result is bit-identical for any thread count. On large graphs whose vertex numbers carry
/// no structure, renumbering the graph by vertex_order() first (corridor/graph/order.hpp) makes
/// each iteration much faster.
/// Throws ParamError for damping outside [0,1), tolerance <= 0, max_iterations < 1 or a bad
/// personalization vector.
/// Page, Brin, Motwani, Winograd (1999), "The PageRank citation ranking: bringing order to the
/// web"; Langville and Meyer (2006), "Google's PageRank and Beyond".
ScoreResult pagerank(const Graph& g, const PageRankParams& p = {});

/// Parameters of eigenvector().
struct EigenvectorParams {
  /// Stop when the L1 change between two (L2-normalised) iterates is below n * tolerance; > 0.
  double tolerance = 1e-9;
  /// Iteration cap; >= 1. Reaching it is not an error: the result says converged = false.
  int max_iterations = 1000;
  /// Use arc weights; false = every arc weighs 1 (networkx's default weight=None).
  bool weighted = true;
};

/// Eigenvector centrality as networkx's `eigenvector_centrality`: the principal eigenvector of
/// the (in-arc) adjacency matrix, x_v proportional to the sum of x_u over arcs u->v, L2-normalised
/// with non-negative entries. Computed by power iteration on A + I from the uniform vector (the
/// shift makes bipartite graphs converge, as in networkx).
/// On a disconnected graph the answer is the limit of that iteration (components other than the
/// dominant one fade out), as networkx returns it.
/// Time O(iterations * (n + m)). Deterministic for any thread count.
/// At the iteration cap the last iterate is returned (L2-normalised) with converged = false and
/// the remaining change in residual; a bipartite-like graph whose iteration oscillates slowly is
/// the usual cause (PageRank always converges).
/// Throws ParamError for tolerance <= 0 or max_iterations < 1.
/// Bonacich (1972), "Factoring and weighting approaches to status scores and clique
/// identification".
ScoreResult eigenvector(const Graph& g, const EigenvectorParams& p = {});

/// Parameters of katz().
struct KatzParams {
  /// Attenuation per step; in [0, 1/lambda_max) where lambda_max is spectral_radius(g, weighted).
  double alpha = 0.1;
  /// Score every vertex receives for itself; finite and > 0.
  double beta = 1.0;
  /// Stop when the L1 change between two iterates is below n * tolerance; > 0.
  double tolerance = 1e-9;
  /// Iteration cap; >= 1. Reaching it is not an error: the result says converged = false.
  int max_iterations = 1000;
  /// Use arc weights; false = every arc weighs 1 (networkx's default weight=None).
  bool weighted = true;
  /// L2-normalise the scores (networkx's default); false = the raw fixed point.
  bool normalized = true;
};

/// Katz centrality as networkx's `katz_centrality`: x = alpha A^T x + beta, i.e. a vertex
/// collects beta from every vertex that reaches it, attenuated by alpha per step. Iterated from
/// x = 0 until the L1 change is below n * tolerance; then L2-normalised when `normalized`.
/// The series converges only for alpha < 1/lambda_max; a larger alpha is rejected up front with
/// the bound in the message (networkx would run until max_iterations and return nothing
/// useful). lambda_max is computed by spectral_radius().
/// Time O(iterations * (n + m)) plus the spectral radius. Deterministic for any thread count.
/// At the iteration cap the last iterate is returned (normalised as asked) with converged =
/// false and the remaining change in residual.
/// Throws ParamError (alpha out of range, beta <= 0, tolerance <= 0, max_iterations < 1).
/// Katz (1953), "A new status index derived from sociometric analysis".
ScoreResult katz(const Graph& g, const KatzParams& p = {});

/// The spectral radius lambda_max of the adjacency matrix (weights used when `weighted`; an
/// undirected graph's matrix is symmetric). 0 for a graph without arcs.
/// Graphs up to 400 vertices use a dense eigensolver (Eigen), exact to rounding. Larger ones use
/// power iteration on B = A + I (non-negative, so its dominant eigenvalue is lambda_max + 1):
/// the largest ratio (Bx)_i / x_i is an upper bound (Collatz-Wielandt) and the Rayleigh quotient
/// (symmetric) or the growth of |x|_1 (directed) an estimate from below; iteration stops when
/// they agree to 1e-10 relative or after 3000 iterations, and the midpoint is returned. On
/// directed graphs with long acyclic parts the estimate converges slowly and is less precise.
/// Time O(n^3) dense, O(iterations * (n + m)) sparse.
double spectral_radius(const Graph& g, bool weighted = true);

}  // namespace corridor

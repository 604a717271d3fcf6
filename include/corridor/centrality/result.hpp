// corridor/centrality/result.hpp: the result type shared by centrality measures.
//
// Every measure returns one score per graph vertex plus diagnostics, so callers can tell a
// converged answer from a capped one. This is the one failure contract of corridor's iterative
// methods (PageRank, eigenvector, Katz, label propagation, propagation): reaching the iteration
// cap is not an exception; the result holds the last iterate with converged = false, the
// iterations used and the remaining change, and the front ends say so (the command prints a
// warning, Python issues a UserWarning). A caller that needs convergence checks `converged`.
//
//   corridor::ScoreResult r = corridor::pagerank(view.graph, {});
//   if (!r.converged) std::cerr << "stopped after " << r.iterations << " iterations\n";
#pragma once

#include <vector>

namespace corridor {

struct ScoreResult {
  std::vector<double> scores;  ///< one per vertex of the graph
  int iterations = 0;          ///< iterations used (0 for direct methods)
  double residual = 0.0;       ///< last change (L1) for iterative methods
  bool converged = true;       ///< false when an iterative method hit its iteration cap (scores: the last iterate)
};

}  // namespace corridor

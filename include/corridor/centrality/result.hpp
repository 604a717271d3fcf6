// corridor/centrality/result.hpp: the result type shared by centrality measures.
//
// Every measure returns one score per graph vertex plus diagnostics, so callers can tell a
// converged answer from a capped one.
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
  bool converged = true;       ///< false when an iterative method hit its iteration cap
};

}  // namespace corridor

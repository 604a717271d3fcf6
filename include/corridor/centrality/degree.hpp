// corridor/centrality/degree.hpp: degree and strength, the simplest lead.
//
// A vertex's degree counts its ties; its strength adds their weights. On an undirected graph this
// is networkx's `G.degree` (the neighbour count, not the normalised `degree_centrality`); on a
// directed graph the mode chooses in-, out- or total (in + out, as networkx's DiGraph.degree).
// A high degree is a lead to look at, not evidence of a role: a migrant who paid many people has
// a high degree too.
//
//   auto d = corridor::degree_centrality(g, {.mode = corridor::DegreeMode::in, .weighted = true});
//   double strongest = *std::max_element(d.scores.begin(), d.scores.end());
#pragma once

#include "corridor/centrality/result.hpp"
#include "corridor/graph/graph.hpp"

namespace corridor {

/// Which arcs degree_centrality() counts on a directed graph (ignored on an undirected one,
/// where every mode gives the neighbour count).
enum class DegreeMode {
  all,  ///< in + out (a reciprocated pair counts twice, as in networkx)
  in,   ///< arcs pointing at the vertex
  out,  ///< arcs leaving the vertex
};

/// Parameters of degree_centrality().
struct DegreeParams {
  DegreeMode mode = DegreeMode::all;  ///< see DegreeMode
  bool weighted = false;              ///< true: sum arc weights (strength) instead of counting arcs
};

/// Degree (or strength) of every vertex: scores[v] is the number (or total weight) of the arcs
/// selected by `p.mode`. Unnormalised. O(n) for counts, O(n + m) for strengths. Never throws.
ScoreResult degree_centrality(const Graph& g, const DegreeParams& p = {});

}  // namespace corridor

// corridor/centrality/keyplayers.hpp: articulation points, bridges and Borgatti's key players.
//
// Who holds a network together? An articulation point is a person whose removal splits it; a
// bridge is a tie whose loss does the same. Key players generalise this to sets: KPP-Neg picks the
// k people whose removal fragments the network most, KPP-Pos the k people who reach most others
// within d steps (for example, to place outreach where it reaches most migrants). These are leads
// for an analyst, never findings. All functions use the undirected version of a directed graph
// and ignore weights.
//
//   auto cut = corridor::articulation_points(g);
//   auto kp = corridor::key_players(g, {.k = 3, .mode = corridor::KeyPlayerMode::negative});
//   // kp.players: 3 vertices; kp.score: fragmentation after removing them
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

#include "corridor/graph/graph.hpp"

namespace corridor {

/// Vertices whose removal increases the number of connected components, sorted ascending
/// (networkx's articulation_points as a sorted list). Iterative Hopcroft-Tarjan DFS, O(n + m).
std::vector<vertex_t> articulation_points(const Graph& g);

/// Edges whose removal increases the number of connected components, each as (u, v) with u < v,
/// sorted. O(n + m).
std::vector<std::pair<vertex_t, vertex_t>> bridges(const Graph& g);

/// What key_players() optimises.
enum class KeyPlayerMode {
  negative,  ///< KPP-Neg: removal fragments the network most
  positive,  ///< KPP-Pos: the set reaches most other vertices within max_distance steps
};

/// Parameters of key_players().
struct KeyPlayerParams {
  std::size_t k = 5;                              ///< set size; in [0, n]
  KeyPlayerMode mode = KeyPlayerMode::negative;   ///< see KeyPlayerMode
  int max_distance = 1;                           ///< d for KPP-Pos; >= 1 (ignored for KPP-Neg)
};

/// Result of key_players().
struct KeyPlayerResult {
  /// The chosen vertices, in the order the greedy pass added them (swaps keep positions).
  std::vector<vertex_t> players;
  /// KPP-Neg: fragmentation F = 1 - sum_k s_k (s_k - 1) / (n (n - 1)) of the graph with the
  /// players removed (s_k: component sizes; players count as isolated vertices, so F stays
  /// comparable across k; F = 1 when n < 2). KPP-Pos: the share of the n - k other vertices
  /// within max_distance of some player (0 when k = n).
  double score = 0;
  /// marginal[i]: score of players[0..i] minus score of players[0..i-1] (the empty set scores
  /// the graph's own fragmentation for KPP-Neg and 0 for KPP-Pos).
  std::vector<double> marginal;
};

/// Key player set (Borgatti 2006, "Identifying sets of key players in a social network",
/// Comput. Math. Organ. Theory 12(1)). Greedy: add the vertex with the best score gain (lowest
/// id on ties); then, position by position, replace a player by the best other vertex when that
/// strictly improves the score, repeating such passes until one changes nothing (at most 100).
/// Deterministic. Guarantees: the result is 1-swap optimal (no exchange of one player for one
/// non-player improves it, unless the pass cap was hit); for KPP-Pos the covered set (players and
/// the vertices they reach) is at least (1 - 1/e) of the largest possible one, since coverage is
/// submodular and greedy comes first.
/// Cost: KPP-Neg O(k (n + m)) per greedy pass and swap pass (each candidate is scored at once from
/// a DFS, as for articulation points); KPP-Pos O(k n B) where B is the size of a d-ball.
/// Throws ParamError when k > n or max_distance < 1.
KeyPlayerResult key_players(const Graph& g, const KeyPlayerParams& p = {});

}  // namespace corridor

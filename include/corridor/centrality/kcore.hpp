// corridor/centrality/kcore.hpp: k-core numbers.
//
// The k-core is the largest subgraph in which everyone has at least k ties inside it; a
// vertex's core number is the largest such k. A dense inner core of a smuggling network often
// holds its organisers, while migrants sit in the 1-core. Values match networkx's
// core_number(G.to_undirected()); on a directed graph networkx's core_number(G) counts in- plus
// out-degree, so a reciprocated pair counts twice there (a directed triangle with every arc both
// ways is a 4-core in networkx and a 2-core here).
//
//   corridor::ScoreResult c = corridor::core_numbers(g);
//   // c.scores[v] == 3: v belongs to a group where everyone has >= 3 ties inside the group
#pragma once

#include "corridor/centrality/result.hpp"
#include "corridor/graph/graph.hpp"

namespace corridor {

/// Core number of every vertex of the undirected version of g (g.to_undirected() for a directed
/// graph; weights ignored), by bucket peeling (Batagelj and Zaversnik 2003, "An O(m) algorithm
/// for cores decomposition of networks"). Scores are whole numbers. O(n + m). Never throws.
ScoreResult core_numbers(const Graph& g);

}  // namespace corridor

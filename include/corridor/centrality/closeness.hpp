// corridor/centrality/closeness.hpp: closeness and harmonic closeness.
//
// Closeness is high for people who reach everyone else in few steps, such as a coordinator who
// talks to every cell of a network. Values follow networkx's `closeness_centrality`
// (Wasserman-Faust scaling for disconnected graphs) and `harmonic_centrality`. On a directed graph
// both use INCOMING distances, as networkx does: closeness of u measures how easily others reach u.
//
//   corridor::ScoreResult c = corridor::closeness(g);                  // networkx default
//   corridor::ScoreResult h = corridor::harmonic(g, {.weights = corridor::PathWeights::strength});
#pragma once

#include "corridor/centrality/betweenness.hpp"
#include "corridor/centrality/result.hpp"
#include "corridor/graph/graph.hpp"

namespace corridor {

/// Parameters of closeness() and harmonic().
struct ClosenessParams {
  PathWeights weights = PathWeights::ignore;  ///< see PathWeights
  /// closeness() only: scale by the share of the graph a vertex reaches (Wasserman and Faust
  /// 1994), so a vertex in a small component does not look central. networkx's wf_improved.
  bool wf_improved = true;
};

/// Closeness of u: (r - 1) / S where r counts the vertices that reach u (u included) and S is the
/// sum of their distances to u, times (r - 1)/(n - 1) when wf_improved; 0 when nothing reaches u.
/// As networkx's closeness_centrality. Time O(n m) unweighted, O(n m log n) weighted, parallel
/// over vertices. Never throws for a valid graph.
ScoreResult closeness(const Graph& g, const ClosenessParams& p = {});

/// Harmonic closeness of u: the sum of 1/d(v, u) over every v != u that reaches u (Boldi and
/// Vigna 2014, "Axioms for centrality"), unnormalised as networkx's harmonic_centrality.
/// wf_improved is ignored. Same cost as closeness().
ScoreResult harmonic(const Graph& g, const ClosenessParams& p = {});

}  // namespace corridor

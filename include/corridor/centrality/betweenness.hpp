// corridor/centrality/betweenness.hpp: shortest-path betweenness of vertices and edges, exact
// (Brandes) and sampled (Riondato-Kornaropoulos).
//
// Betweenness counts how often a vertex (or a tie) lies on the shortest paths between other
// pairs: in a smuggling network it points at people who connect otherwise separate groups, such
// as a coordinator between recruiters in one country and drivers in another. It is a lead for an
// analyst, never a finding. Values follow networkx's `betweenness_centrality` and
// `edge_betweenness_centrality` (same normalisation, same endpoint rule, same treatment of equal
// weighted paths), so a result can be checked against a networkx run on the same edge list.
//
// The exact kernels run one shortest-path search per source vertex, in parallel over sources
// when OpenMP is available; results are bit-identical for any number of threads.
//
//   auto g = corridor::Graph::from_edges(n, edges, corridor::Direction::undirected);
//   corridor::ScoreResult b = corridor::betweenness(g, {.weights = corridor::PathWeights::strength});
//   auto fast = corridor::approximate_betweenness(g, {.epsilon = 0.005, .seed = 7});
#pragma once

#include <cstdint>
#include <vector>

#include "corridor/centrality/result.hpp"
#include "corridor/graph/graph.hpp"

namespace corridor {

/// How arc weights turn into path lengths for path-based measures.
enum class PathWeights {
  ignore,    ///< every arc has length 1 (hop count; networkx weight=None)
  strength,  ///< weights are tie strengths: length = 1 / weight, so strong ties are short
  distance,  ///< weights already are lengths (networkx weight="weight")
};

/// Parameters of betweenness() and edge_betweenness().
struct BetweennessParams {
  /// true: divide by the number of pairs, as networkx's normalized=True: vertex scores by
  /// (n-1)(n-2) (n(n-1) with endpoints) over ordered pairs, so an undirected score is the share of
  /// unordered pairs of the other vertices; edge scores by n(n-1). false: raw pair counts
  /// (each unordered pair counted once on undirected graphs).
  bool normalized = true;
  PathWeights weights = PathWeights::ignore;  ///< see PathWeights
  /// true: a path also counts for its two end vertices (networkx endpoints=True). Vertex
  /// betweenness only; edge_betweenness() throws ParamError when it is set.
  bool endpoints = false;
};

/// Exact betweenness of every vertex (Brandes 2001, "A faster algorithm for betweenness
/// centrality", J. Math. Sociol. 25(2)), as networkx's betweenness_centrality. Directed graphs
/// follow arcs. Weighted paths of equal length (within a relative 1e-10, exact for integer
/// weights) all count, as networkx does. Time O(n m) unweighted, O(n m log n) weighted; memory
/// O(n + m) per thread (the shortest-path DAG of the current source). Never throws for a valid
/// graph.
ScoreResult betweenness(const Graph& g, const BetweennessParams& p = {});

/// Parameters of approximate_betweenness().
struct ApproxBetweennessParams {
  double epsilon = 0.01;   ///< additive error bound on the [0,1] scale; in (0, 1)
  double delta = 0.1;      ///< failure probability; in (0, 1)
  std::uint64_t seed = 1;  ///< same seed, same answer (for any number of threads)
  PathWeights weights = PathWeights::ignore;  ///< see PathWeights
  bool normalized = true;  ///< scale as BetweennessParams::normalized
};

/// Sampled betweenness (Riondato and Kornaropoulos 2016, "Fast approximation of betweenness
/// centrality through sampling", Data Min. Knowl. Disc. 30(2)): r = ceil(0.5 / epsilon^2 *
/// (floor(log2(VD - 2)) + 1 + ln(1 / delta))) shortest paths, each between a uniform random pair
/// and chosen uniformly among that pair's shortest paths; VD is an upper bound on the vertex
/// diameter (two BFS/Dijkstra radii per component on undirected graphs, the largest weakly
/// connected component on directed ones).
///
/// Guarantee: with probability at least 1 - delta, every vertex's estimate of b(v) =
/// sum over ordered pairs of sigma_st(v)/sigma_st, divided by n(n-1), is within epsilon of the
/// truth. Reported on networkx's scale, the bound becomes epsilon * n/(n-2) (normalized) or
/// epsilon * n(n-1) (unnormalised; halved on undirected graphs). `iterations` holds r.
/// Each unweighted sample is drawn by a balanced bidirectional breadth-first search between the
/// pair, as KADABRA does (Borassi & Natale 2019): the two balls grow until they touch, which on
/// small-world graphs scans a tiny fraction of the arcs a one-sided search would. Weighted
/// samples run Dijkstra from one end until the other is settled.
/// Time O(r (n + m)) at worst, usually far less. Throws ParamError when epsilon or delta is
/// outside (0, 1).
ScoreResult approximate_betweenness(const Graph& g, const ApproxBetweennessParams& p = {});

/// Scores of ties: edge (u[i], v[i]) has scores[i]. Undirected: u < v; directed: the arc u -> v.
/// Sorted by (u, v).
struct EdgeScores {
  std::vector<vertex_t> u, v;
  std::vector<double> scores;
};

/// Exact edge betweenness (Brandes 2008, "On variants of shortest-path betweenness centrality
/// and their generic computation", Social Networks 30(2)), as networkx's
/// edge_betweenness_centrality: normalized divides by n(n-1), unnormalised undirected scores
/// count each unordered pair once. Same cost as betweenness() plus O(m) memory per thread.
/// Throws ParamError when p.endpoints is set (it has no meaning for edges).
EdgeScores edge_betweenness(const Graph& g, const BetweennessParams& p = {});

}  // namespace corridor

// corridor/propagation/explain.hpp: why a node ranks where it does.
//
// Two answers, both needed before anyone acts on a lead:
//  - the strongest evidence paths from the seeds to the node. A path's strength is the seed's
//    confidence times the product of its ties' strengths (the same role-aware strengths the
//    method walks on), so the k strongest are the k shortest paths for the length -log strength:
//    Yen's algorithm (1971), each spur search an A* guided by the exact distance-to-nearest-seed
//    computed once for the whole graph (a multi-source Dijkstra). Each tie names the strongest
//    piece of evidence behind it (relation, grade, date, source reference).
//  - each seed's share of the score: the methods are linear in the seed vector, so a node's score
//    splits exactly into per-seed contributions, read off one transposed solve (cost of one
//    propagation; use it for a few nodes, not for thousands).
// Every node with a non-zero score has at least one path (the method and the paths see the same
// ties).
//
//   corridor::ExplainIndex idx = corridor::build_explain_index(c, c.seeds());
//   for (const auto& path : corridor::strongest_paths(idx, *c.find("M00012"), {.k = 3}))
//     std::cout << corridor::path_text(c, path) << '\n';
//   // P00172 -[affiliated_with B2]-> O-1 -[affiliated_with C3]-> M00012
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/propagation/propagate.hpp"

namespace corridor {

/// One evidence path, seed first, explained node last.
struct EvidencePath {
  std::vector<NodeId> nodes;          ///< seed, ..., node (a seed's own path is just itself)
  std::vector<EvidenceId> evidence;   ///< per tie (nodes.size() - 1): the strongest evidence behind it
  std::vector<double> tie_strength;   ///< per tie: the pair's combined strength in (0,1]
  double strength = 0.0;              ///< seed confidence x product of tie strengths
  NodeId seed() const { return nodes.front(); }
};

/// Precomputed once per (case, seeds, params): the method's graph and each node's distance to
/// its nearest seed. Memory O(n + m).
struct ExplainIndex {
  Graph graph;                     ///< as propagation_graph(c, params)
  std::vector<double> seed_weight; ///< per node: seed confidence, implicit groups added (0 elsewhere)
  std::vector<double> dist;        ///< per node: -log of the strongest path strength; +inf if none
  std::vector<NodeId> parent;      ///< per node: next node towards that seed
  std::vector<NodeId> root;        ///< per node: the seed of its strongest path; kNoNode if none
};

/// Builds the index: O(evidence log d + m log n). Throws ParamError as propagate() does.
ExplainIndex build_explain_index(const Case& c, std::span<const Seed> seeds, const PropagationParams& p = {});

/// Most paths one call of strongest_paths() or evidence_paths() returns. Yen's algorithm runs
/// about k x (path length) spur searches and compares each against the k accepted paths, so k
/// bounds the work; an analyst reads a handful of paths, and k = 100000 never finished.
inline constexpr int kMaxPaths = 1000;

struct PathParams {
  /// Number of paths, in [1, kMaxPaths] (fewer come back when fewer simple paths exist).
  int k = 3;
  /// Cap on the vertices one spur search may settle, >= 1; a spur search that hits it is dropped
  /// (it only costs alternatives much weaker than the ones found).
  std::size_t max_expansions = 200000;
  /// Paths weaker than this fraction of the strongest one are not searched for, in [0,1); 0 =
  /// no limit. A path a million times weaker explains nothing, and the bound keeps spur
  /// searches from crossing a large case.
  double min_relative_strength = 1e-6;
};

/// Throws ParamError unless k is in [1, kMaxPaths]: front ends check a path count before the work.
void check_path_count(int k);

/// The k strongest simple paths from any seed to v, strongest first (at most k; fewer when
/// fewer exist above min_relative_strength); empty when no seed reaches v. Paths do not pass through a seed (each ends at the first seed met). Yen's algorithm with
/// A*: about k * path length spur searches, each typically settling a few vertices. The first
/// path costs O(path length); the whole call at most k * (path length) spur searches of at most
/// max_expansions settled vertices each. Throws ParamError for k outside [1, kMaxPaths] or v out
/// of range.
std::vector<EvidencePath> strongest_paths(const ExplainIndex& index, NodeId v, const PathParams& p = {});

/// `P00172 -[affiliated_with B2]-> O-1 -[affiliated_with C3]-> M00012`: node ids from the seed to
/// the node; each tie shows the relation and grade (if any) of its strongest evidence. The arrow
/// is the direction of the path, not of the relation.
std::string path_text(const Case& c, const EvidencePath& path);

/// One line per tie of a path with the evidence behind it, each starting with `indent`:
/// "A - B: financed A -> B, grade B2, date 2021-03-04, source_ref R-17, tie strength 0.72\n".
/// Missing grade, date or source_ref print as "-". Used by `corridor explain` and `corridor paths`.
std::string path_evidence_lines(const Case& c, const EvidencePath& path, std::string_view indent = "     ");

/// One seed's part of a node's score.
struct SeedShare {
  NodeId seed = kNoNode;
  double contribution = 0.0;  ///< part of the score from this seed (contributions sum to the score;
                              ///< for Method::naive, before its final normalisation)
  double fraction = 0.0;      ///< contribution / sum of contributions; 0 when the score is 0
};

/// Each seed's share of v's score under p, largest first (one entry per distinct seed). One
/// transposed solve: O(iterations * m). Throws ParamError as propagate() does.
std::vector<SeedShare> seed_shares(const Case& c, std::span<const Seed> seeds, NodeId v,
                                   const PropagationParams& p = {});

}  // namespace corridor

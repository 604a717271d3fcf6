// corridor/propagation/explain.hpp: why a node scores what it does, in numbers that add up.
//
// A score is a sum over walks (see propagate.hpp): for ppr,
//   score_v = restart x sum_s y_s x sum over walks s -> v of prod over steps u -> w of
//             (1 - restart) x tie_uw / max(s_u, 1),
// y the seed weights normalised to sum 1 (the other methods differ only in the step weight and
// an output factor). The explanation splits that sum two ways, both exact:
//  - by seed: each seed's share (one transposed solve); shares add up to the seeds' part of the
//    score, and cleared persons' shares (negative) bring it down to the score.
//  - by evidence path: walks revisit nodes, so a walk is not a path. Every walk from s to v
//    reduces to one simple path once its loops are erased in the order they close (Lawler's
//    loop-erased walk), and the walks that reduce to the path P = v0 (= s), ..., vk (= v) weigh
//      contribution(P) = out_v x y_s x prod_i step(v_i -> v_i+1) x prod_i G_Di(v_i, v_i),
//    G_Di(x, x) the closed walks at x that avoid v0..v_i-1 (Fomin 2001). The contributions of
//    all simple paths add up exactly to the seeds' part of the score, so each path is listed
//    with its contribution and its share, and the listed paths say how much they cover. The
//    closed-walk sums are exact on small cases (one dense solve at indexing) and where the walks
//    can reach few vertices (a small dense solve), and otherwise come from a local push on the walk's operator, stopped
//    when the neglected walks are provably below `tolerance` of each sum (the truncation,
//    reported per path).
// Candidate paths are the strongest walks' paths (Yen's k shortest simple paths on -log step,
// so per-hop loss and the strength normalisation count: a chain of nine 0.3 ties never looks
// as strong as one), scored exactly, re-ranked by contribution; a direct tie to a seed, where
// one exists, is always listed.
//
//   corridor::PropagationResult r = corridor::propagate(c, c.seeds());
//   corridor::ExplainIndex idx = corridor::build_explain_index(c, r);
//   corridor::Explanation why = corridor::explain(idx, *c.find("M00012"), {.k = 3});
//   for (const auto& path : why.paths)
//     std::cout << path.contribution << ' ' << corridor::path_text(c, path) << '\n';
//   // 0.0012 P00172 -[affiliated_with B2]-> O-1 -[affiliated_with C3]-> M00012
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/propagation/propagate.hpp"

namespace corridor {

namespace detail {
struct PropagationOperator;
}

/// One evidence path, seed first, explained node last, with its part of the node's score.
struct EvidencePath {
  std::vector<NodeId> nodes;          ///< seed, ..., node (a seed's own path is just itself)
  std::vector<EvidenceId> evidence;   ///< per tie (nodes.size() - 1): the strongest evidence behind it
  std::vector<double> tie_strength;   ///< per tie: the pair's tie in (0,1] (the evidence rule)
  std::vector<double> step;           ///< per tie: the walk's step weight along it (per-hop loss and
                                      ///< the strength of the node left included)
  /// The part of the node's score made by the walks whose loop erasure is this path (see the
  /// top of this header): >= 0, never above the seeds' part of the score; all paths' add up to it.
  double contribution = 0.0;
  double share = 0.0;                 ///< contribution / the seeds' part of the node's score
  double error = 0.0;                 ///< bound on the relative truncation error of contribution
  /// When the path starts at a person made a seed by a direct organizational tie
  /// (ImplicitSeed::Kind::organizational_tie): the groups and seeds that tie leads to, so the
  /// path can say why it starts there; empty otherwise.
  std::vector<NodeId> seed_via;
  NodeId seed() const { return nodes.front(); }
};

/// Precomputed once per propagation: the walk's operator (suspicion side: cleared persons cut
/// out), the scores, and each node's strongest walk path from the seeds (a multi-source
/// Dijkstra on -log step). Memory O(n + m).
struct ExplainIndex {
  PropagationParams params;
  std::vector<double> seed_weight;     ///< per node: seed weight (implicit seeds included)
  std::vector<double> cleared_weight;  ///< per node: cleared confidence
  std::vector<ImplicitSeed> implicit_seeds;
  double total = 1.0;                  ///< sum of seed weights (y = seed_weight / total)
  std::vector<double> scores, suspicion, clearance;  ///< as in PropagationResult (clearance may be empty)
  std::vector<double> dist;            ///< per node: -log of its strongest walk path's weight; +inf if none
  std::vector<NodeId> parent;          ///< per node: previous node of that path (towards its seed)
  std::vector<NodeId> root;            ///< per node: the seed of that path; kNoNode if none
  std::shared_ptr<const detail::PropagationOperator> walk;     ///< suspicion side
  std::shared_ptr<const detail::PropagationOperator> plain;    ///< clearance side (= walk without cleared)
  double output_scale = 1.0;           ///< Method::naive's final normalisation (1 for the others)
  /// Small cases (at most 1000 nodes): every walk sum G[s][v] of the suspicion side, row-major
  /// n x n, so path contributions are exact; null on larger cases.
  std::shared_ptr<const std::vector<double>> green;
  /// The tie graph the method walks on (propagation_graph).
  const Graph& graph() const;
};

/// The index of a propagation result (no new propagation): the walk the result came from
/// (PropagationResult::walk) when it was built from this case with these params, else the same
/// walk built again from the case, O(evidence log d); then the seed tree, O(m log n), and each
/// tie's step, O(m) memory.
ExplainIndex build_explain_index(const Case& c, const PropagationResult& r);
/// Propagates, then indexes. Throws ParamError as propagate() does.
ExplainIndex build_explain_index(const Case& c, std::span<const Seed> seeds, const PropagationParams& p = {},
                                 std::span<const Seed> cleared = {});

/// Most paths one call of strongest_paths() or evidence_paths() returns. Yen's algorithm runs
/// about k x (path length) spur searches and compares each against the k accepted paths, so k
/// bounds the work; an analyst reads a handful of paths, and k = 100000 never finished.
inline constexpr int kMaxPaths = 1000;

struct PathParams {
  /// Number of paths, in [1, kMaxPaths] (fewer come back when fewer simple paths exist).
  int k = 3;
  /// Candidate paths scored exactly before the best k by contribution are kept, >= k; 0 = max(3k,
  /// k + 8). Direct ties to seeds are always candidates besides these.
  int candidates = 0;
  /// Truncation of the closed-walk sums, in (0, 0.1]: each factor's neglected walks are at most
  /// this fraction of it.
  double tolerance = 1e-6;
  /// Cap on the push operations of one closed-walk sum, >= 1; when it is reached the achieved
  /// bound is reported in EvidencePath::error instead.
  std::size_t max_pushes = 200000;
  /// A closed-walk sum whose walks can reach at most this many vertices is solved exactly (dense
  /// LU, error 0) instead of pushed, in [0, 2000]; 0 = always push, even on small cases (whose
  /// walk sums are otherwise all known from indexing).
  std::size_t exact_below = 64;
  /// Cap on the vertices one spur search may settle, >= 1; a spur search that hits it is dropped
  /// (it only costs alternatives much weaker than the ones found).
  std::size_t max_expansions = 200000;
  /// Candidates whose walk weight is below this fraction of the strongest are not searched for,
  /// in [0,1); 0 = no limit.
  double min_relative_strength = 1e-6;
};

/// PathParams for explaining many leads at once (a scores table's path column, a report's leads):
/// 2k candidates and a coarser truncation (1e-3, at most 2000 pushes per closed-walk sum), so a
/// thousand leads of a large case take seconds, not hours; each path still reports its
/// truncation, and small cases (see ExplainIndex::green) stay exact.
PathParams bulk_path_params(int k);

/// Throws ParamError unless k is in [1, kMaxPaths]: front ends check a path count before the work.
void check_path_count(int k);

/// The k paths from the seeds to v that contribute most to its score, largest contribution
/// first; empty when no seed reaches v. Throws ParamError for bad params (k outside
/// [1, kMaxPaths]) or v out of range.
std::vector<EvidencePath> strongest_paths(const ExplainIndex& index, NodeId v, const PathParams& p = {});

/// strongest_paths() for each of `nodes`: result i holds nodes[i]'s paths, found with params[i]
/// (or params[0] for every node when one is given), the same as one call per node. Explains the
/// nodes on all threads (one result slot each, so the output is the same on any thread count)
/// and keeps the closed-walk sums that paths from the same seed share, across nodes. Throws
/// ParamError, before any work, for bad params, a node out of range or a params count that is
/// neither 1 nor nodes.size().
std::vector<std::vector<EvidencePath>> strongest_paths(const ExplainIndex& index, std::span<const NodeId> nodes,
                                                       std::span<const PathParams> params);

/// The contribution of one simple path (seed first, v last) to v's score, with its error bound
/// filled in; 0 when a tie is missing, a node repeats, the first node is not a seed or a node is
/// a cleared person. For tests and tools that enumerate paths themselves.
EvidencePath path_contribution(const ExplainIndex& index, std::span<const NodeId> nodes, const PathParams& p = {});

/// One seed's (or cleared person's) part of a node's score.
struct SeedShare {
  NodeId seed = kNoNode;
  double contribution = 0.0;  ///< part of the score from this seed; negative for a cleared person.
                              ///< Seeds' and cleared persons' contributions add up to the raw score
                              ///< suspicion - clearance (for Method::naive, before its normalisation)
  double fraction = 0.0;      ///< contribution / the seeds' part of the score (negative for cleared)
  bool cleared = false;       ///< a cleared person, not a seed
  bool implicit = false;      ///< an implicit seed (the seeds' organization)
};

/// Each seed's share of v's score, largest first, then each cleared person's (negative), most
/// lowering first: one transposed solve (two with cleared persons), O(iterations x m). Use it
/// for a few nodes, not thousands. Throws ParamError when v is out of range.
std::vector<SeedShare> seed_shares(const ExplainIndex& index, NodeId v);

/// seed_shares() for each of `nodes`, by whichever takes fewer solves: one forward solve per seed
/// and cleared person (the score is linear in the seed vector, so one walk from each seed gives
/// its part of every node's score), or one transposed solve per node. O(min(seeds + cleared,
/// nodes) x iterations x m) time, O(n + (seeds + cleared) x nodes.size()) memory. Each solve
/// sweeps Gauss-Seidel on one thread (about half the passes of the score's own Jacobi solve),
/// solves run side by side, so shares are the same on any thread count and add up to the score
/// within the propagation's tolerance. Throws ParamError when a node is out of range.
std::vector<std::vector<SeedShare>> seed_shares(const ExplainIndex& index, std::span<const NodeId> nodes);

/// Everything explain() says about one node.
struct Explanation {
  NodeId node = kNoNode;
  double score = 0.0;          ///< the node's score
  double suspicion = 0.0;      ///< the seeds' part
  double clearance = 0.0;      ///< the cleared persons' part (score = max(0, suspicion - clearance))
  std::vector<SeedShare> shares;      ///< seeds by contribution, then cleared persons by how much they lowered it
  std::vector<EvidencePath> paths;    ///< as strongest_paths()
  double covered = 0.0;        ///< sum of the listed paths' contributions / suspicion, in [0,1]
  double truncation = 0.0;     ///< largest relative truncation error among the listed paths
  int iterations = 0;          ///< of the transposed solves behind the shares
  bool converged = true;
};

/// Explains v's score: shares by seed (one transposed solve, two with cleared persons) and the k
/// paths that contribute most. Throws ParamError for bad params or v out of range.
Explanation explain(const ExplainIndex& index, NodeId v, const PathParams& p = {});

/// `P00172 -[affiliated_with B2]-> O-1 -[affiliated_with C3]-> M00012`: node ids from the seed to
/// the node; each tie shows the relation and grade (if any) of its strongest evidence. The arrow
/// is the direction of the path, not of the relation. A path from a person seeded by a direct
/// organizational tie says so: `T (seed by its tie to O-1) -[communicated B2]-> P3`.
std::string path_text(const Case& c, const EvidencePath& path);
/// path_text() with each node written as `name` says (a report's pseudonyms, say): the one place
/// that decides how a path reads.
std::string path_text(const Case& c, const EvidencePath& path, const std::function<std::string(NodeId)>& name);

/// One line per tie of a path with the evidence behind it, each starting with `indent`:
/// "A - B: financed A -> B, grade B2, date 2021-03-04, source_ref R-17, tie 0.72, step 0.41\n".
/// Missing grade, date or source_ref print as "-". Used by `corridor explain` and `corridor paths`.
std::string path_evidence_lines(const Case& c, const EvidencePath& path, std::string_view indent = "     ");

}  // namespace corridor

// corridor/spec/centrality.hpp: centrality measures by name, their parameters, and their tables.
//
// The command (`corridor centrality`, `brokers`, `keyplayers`), the report and Python all come
// here to turn a request ("pagerank,katz on the weighted view") into library calls and the
// answers into a table, so each choice is made once:
//  - which measures exist and what they are called (Measure, parse_measures);
//  - how the view's weighting reaches each measure: degree sums strengths, path measures read a
//    weighted view's ties as strengths (length 1/w) unless told they are distances, spectral
//    measures use the weights as they are;
//  - Katz's alpha when none is given: networkx's 0.1, lowered to 0.9/lambda_max when 0.1 would
//    diverge (lambda_max >= 9: Les Miserables has 12), with a note saying so;
//  - the iteration cap of the iterative measures: 100000, far above what a convergent run needs
//    (the power iteration on A + I converges slowly when the two leading eigenvalues are close),
//    so a cap is a safety net and not a limit a user meets by surprise; a measure that reaches
//    it returns its last iterate with converged = false and a note (the one failure contract,
//    corridor/centrality/result.hpp).
//
//   corridor::View view = corridor::make_view(c, corridor::resolve_view(c, {.weighted = true}));
//   corridor::CentralitySpec spec{.measures = corridor::parse_measures("pagerank,katz")};
//   corridor::CentralityResult r = corridor::compute_centrality(c, view, spec);
//   corridor::write_csv(corridor::centrality_table(c, view, r), std::cout);
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "corridor/centrality/betweenness.hpp"
#include "corridor/centrality/brokerage.hpp"
#include "corridor/centrality/degree.hpp"
#include "corridor/centrality/keyplayers.hpp"
#include "corridor/centrality/result.hpp"
#include "corridor/centrality/spectral.hpp"
#include "corridor/graph/view.hpp"
#include "corridor/model/case.hpp"
#include "corridor/spec/table.hpp"

namespace corridor {

/// The node centrality measures, by the names the command, the tables and Python use.
enum class Measure {
  degree,              ///< degree_centrality (strength on a weighted view)
  betweenness,         ///< betweenness (Brandes)
  closeness,           ///< closeness (Wasserman-Faust improved)
  harmonic,            ///< harmonic closeness
  eigenvector,         ///< eigenvector centrality
  pagerank,            ///< PageRank
  katz,                ///< Katz centrality
  kcore,               ///< core number
  betweenness_approx,  ///< sampled betweenness (Riondato-Kornaropoulos)
};
inline constexpr std::size_t kMeasureCount = 9;

/// "degree", "betweenness", ..., "betweenness_approx" (also the table's column names).
std::string_view to_string(Measure m) noexcept;
/// A measure by name (exact, lower case); throws ParamError listing the valid names.
Measure parse_measure(std::string_view name);
/// Comma-separated names ("degree, pagerank"); duplicates are dropped, order kept. Throws
/// ParamError on an unknown name or an empty list.
std::vector<Measure> parse_measures(std::string_view list);
/// "degree, betweenness, closeness, harmonic, eigenvector, pagerank, katz, kcore, betweenness_approx".
std::string valid_measures();
/// What `corridor centrality` computes unless told: every measure but kcore and
/// betweenness_approx.
std::vector<Measure> default_measures();

/// How arc weights become path lengths, by name: "hops" (ignore weights), "strength" (length
/// 1/w: strong ties are short), "distance" (the weights are lengths). Throws ParamError.
PathWeights parse_path_weights(std::string_view name);
std::string_view to_string(PathWeights w) noexcept;
/// "all", "in" or "out". Throws ParamError.
DegreeMode parse_degree_mode(std::string_view name);

/// Everything a centrality request may set; each default is what the command does unless told.
struct CentralitySpec {
  std::vector<Measure> measures = default_measures();
  /// Path lengths of betweenness, closeness and harmonic; empty = strength on a weighted view
  /// (the view's weighting is not unit), hops otherwise. Give distance when the case's weight
  /// column holds lengths (kept in double from the case, so equal paths stay equal).
  std::optional<PathWeights> path_weights;
  DegreeMode degree_mode = DegreeMode::all;
  bool normalized = true;  ///< betweenness: divide by the number of pairs (networkx's default)
  bool endpoints = false;  ///< betweenness: paths count for their end vertices too
  bool wf_improved = true;  ///< closeness: scale by the share of the graph reached
  double approx_epsilon = 0.01;  ///< betweenness_approx: error bound, in (0,1)
  double approx_delta = 0.1;     ///< betweenness_approx: failure probability, in (0,1)
  std::uint64_t seed = 1;        ///< betweenness_approx: same seed, same answer
  double damping = 0.85;         ///< pagerank: probability of following an arc, in [0,1)
  /// pagerank: teleport weight by node id (others 0); empty = uniform. Every id must be a node
  /// of the view; at least one weight must be > 0.
  std::vector<std::pair<std::string, double>> personalization;
  /// katz: attenuation; empty = 0.1, lowered to 0.9/lambda_max when 0.1 >= 0.9/lambda_max.
  /// A given alpha must be in [0, 1/lambda_max).
  std::optional<double> katz_alpha;
  double katz_beta = 1.0;       ///< katz: score each node gives itself, > 0
  bool katz_normalized = true;  ///< katz: L2-normalise (networkx's default)
  /// Iteration cap of eigenvector, pagerank and katz (see the header comment); >= 1.
  int max_iterations = 100000;
};

/// One measure's scores (per view vertex) and diagnostics.
struct MeasureScores {
  Measure measure = Measure::degree;
  ScoreResult result;
};

/// The answer to a CentralitySpec: scores in the order of spec.measures.
struct CentralityResult {
  std::vector<MeasureScores> measures;
  /// Katz's alpha as used (NaN when katz was not asked for).
  double katz_alpha = 0.0;
  /// Things the caller should tell the user: "Katz alpha lowered from 0.1 to ...", "PageRank
  /// stopped after ... iterations". The command prints them; Python attaches them.
  std::vector<std::string> notes;
  /// The scores of one measure; throws ParamError when it was not computed.
  const ScoreResult& scores(Measure m) const;
};

/// Computes every measure of the spec on the view's graph (in the spec's order). Throws
/// ParamError for a parameter out of range (the message names it and its range).
CentralityResult compute_centrality(const Case& c, const View& view, const CentralitySpec& spec = {});

/// The path lengths the spec gives path measures on this view (spec.path_weights, else strength
/// on a weighted view and hops on an unweighted one).
PathWeights path_weights_of(const View& view, const CentralitySpec& spec);

/// The spec's PageRank personalization over the view's vertices (empty = uniform). Throws
/// ParamError for an unknown id, a node outside the view or a weight that is not finite and >= 0.
std::vector<double> pagerank_personalization(const Case& c, const View& view, const CentralitySpec& spec);

/// Edge betweenness of the view's ties with the spec's normalisation and path weights (the
/// spec's measures are not used). Throws ParamError when spec.endpoints is set.
EdgeScores compute_edge_betweenness(const View& view, const CentralitySpec& spec = {});

/// The edge table: source, target (ids; an undirected tie once, directed ties as arcs),
/// betweenness, bridge (true when losing the tie disconnects the view); one row per tie, sorted by
/// the view's vertex order.
Table edge_table(const Case& c, const View& view, const EdgeScores& scores, const NodeNamer& names = {});

/// The PageRank parameters a spec asks for on a view: damping, the iteration cap and the
/// personalization spread over the view's vertices (empty = uniform), as compute_centrality()
/// runs Measure::pagerank (corridor-mpi runs the same). Throws ParamError for a personalization id
/// that is not a node of the view or a weight that is negative or not finite.
PageRankParams pagerank_params(const Case& c, const View& view, const CentralitySpec& spec);

/// The centrality table: id, kind, label, then one real column per measure named
/// to_string(measure); one row per case node, empty cells for nodes the view leaves out.
Table centrality_table(const Case& c, const View& view, const CentralityResult& r, const NodeNamer& names = {});

// ---- key players -----------------------------------------------------------------------------

/// "neg" (KPP-Neg) or "pos" (KPP-Pos); throws ParamError.
KeyPlayerMode parse_key_player_mode(std::string_view name);
std::string_view to_string(KeyPlayerMode m) noexcept;

/// Key players of a view (ids as case nodes), with the view's articulation points.
struct KeyPlayers {
  KeyPlayerResult result;                ///< players as view vertices
  std::vector<NodeId> players;           ///< the same players as case nodes, in pick order
  std::vector<NodeId> articulation_points;  ///< case nodes, ascending vertex order
};

/// key_players() and articulation_points() on the view. Throws ParamError when k exceeds the
/// number of nodes in the view (naming that number) or another parameter is out of range.
KeyPlayers find_key_players(const View& view, const KeyPlayerParams& p);

/// The key player table: rank (1-based pick order), id, kind, label, marginal (the score gain
/// of adding that player), articulation_point; then the articulation points that are not key
/// players, with empty rank and marginal.
Table keyplayers_table(const Case& c, std::span<const NodeId> players, std::span<const double> marginal,
                       std::span<const NodeId> articulation_points, const NodeNamer& names = {});

// ---- brokerage -------------------------------------------------------------------------------

/// Groups of the view's vertices by a node attribute (kind, role, country, label, id or an extra
/// column): equal trimmed values share a group, an empty value is -1. Throws ParamError naming
/// the available attributes when the case has no such attribute.
std::vector<std::int64_t> groups_by_attribute(const Case& c, const View& view, std::string_view attribute);

/// The brokerage table: id, kind, label, group (the attribute's value), constraint,
/// effective_size, then one integer column per brokerage role; one row per case node, empty
/// cells for nodes the view leaves out.
Table brokerage_table(const Case& c, const View& view, std::string_view attribute, const BrokerageResult& r,
                      const NodeNamer& names = {});

}  // namespace corridor

// corridor/graph/view.hpp: from a Case to the Graph an algorithm reads.
//
// A view picks the nodes (by kind), the evidence (by relation and time window), the direction,
// and how evidence becomes a weight, then builds a simple Graph over the kept nodes. This is the
// one place that decides "what counts as a tie", shared by centrality, communities and
// propagation:
//  - unit:      every kept pair weighs 1 (the networkx-default semantics of measures);
//  - strength:  sum over the pair's evidence of weight x confidence x decay (--weighted): volume
//               as flow, the semantics of weighted centrality;
//  - transmission: how much potential affiliation the pair's tie can carry, by the evidence rule
//               below (tie_strength), in [0, 1]. Propagation walks on this.
//
// The evidence rule (transmission weighting). Each piece e of relation r between a pair has a
// confidence c_e = confidence (grade or column) x decay (age), and stands for o_e observations
// by its weight and the relation's volume kind (count: o = weight; amount: o = 1 + log10(max(
// weight, 1)); ignore: o = 1; see model/relations.hpp). Per relation of the pair:
//     c* = max_e c_e                                 the best report
//     O  = max(1, sum_e o_e c_e / c*)                observations, weak ones corroborating weakly
//     g  = 1 - 1 / (1 + ln O)                        0 at 1, .41 at 2, .79 at 46, .85 at 337
//     C_r = c* + (1 - c*) c* g                       volume moves the confidence at most as far
//                                                    as one more independent report of grade c*
//     tie_r = transmission_r x C_r                   never above the relation's transmission
// and the pair's tie combines its distinct relations: 1 - prod_r (1 - tie_r). So ten reports of
// confidence 0.3 make 0.447, not 0.97; calls can never make a contact as strong as a membership
// of the same grade (0.3 c (2 - c) <= 0.6 c < 0.7 c, the smallest organizational transmission);
// and more evidence never lowers a tie. Worked example (B2 = 0.64): 2 calls give 0.220, 46 calls
// 0.247, one member_of 0.576.
//
// Country and location nodes are left out by default: a nationality is not a tie between actors.
//
//   corridor::View v = corridor::make_view(c, {.weighting = corridor::Weighting::strength});
//   auto scores = corridor::pagerank(v.graph, {});
//   for (corridor::vertex_t x = 0; x < v.graph.num_vertices(); ++x)
//     std::cout << c.node_id(v.node_of[x]) << ' ' << scores.scores[x] << '\n';
#pragma once

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "corridor/graph/graph.hpp"
#include "corridor/model/case.hpp"

namespace corridor {

enum class Weighting { unit, strength, transmission };

/// How one piece of evidence becomes a number (used by Weighting::strength and ::transmission).
struct StrengthParams {
  /// Evidence dated before as_of loses half its strength every half_life_days; 0 = no decay.
  /// Undated evidence is not decayed. Evidence after as_of is not boosted.
  double half_life_days = 0.0;
  Timestamp as_of = Timestamp::none();  ///< reference date for decay; none = latest evidence date
  /// Transmission overrides by relation name, applied over the case's registry.
  std::vector<std::pair<std::string, double>> transmission_overrides;
  bool operator==(const StrengthParams&) const = default;
};

/// Decay factor in (0,1] of evidence dated t, seen from as_of.
double decay_factor(Timestamp t, Timestamp as_of, double half_life_days) noexcept;

/// Observations one piece of evidence stands for, from its weight (> 0) and its relation's volume
/// kind: count -> weight, amount -> 1 + log10(max(weight, 1)), ignore -> 1.
double observations(double weight, Volume volume) noexcept;

/// The diminishing return of volume, g(O) = 1 - 1 / (1 + ln O) for O >= 1 (0 at 1, 0.41 at 2,
/// 0.79 at 46, 0.85 at 337, below 1 forever); 0 for O <= 1.
double volume_gain(double observations) noexcept;

/// One piece of evidence as the evidence rule reads it.
struct TiePiece {
  RelationId relation = 0;
  double confidence = 1.0;    ///< c_e: confidence (grade or column) x decay, in [0,1]
  double observations = 1.0;  ///< o_e: see observations(); > 0
};

/// The tie of one pair under the evidence rule.
struct TieStrength {
  double strength = 0.0;      ///< 1 - prod_r (1 - transmission_r x C_r), in [0,1]
  std::size_t strongest = 0;  ///< index of the piece with the largest transmission x confidence
};

/// The evidence rule (see the top of this header) over the pieces of ONE pair, in any order:
/// grouped by relation, each relation's confidence raised by its volume, bounded by its
/// transmission, the distinct relations combined by noisy-OR. `relations` gives transmissions
/// (after overrides). Pure: the MPI driver applies it to its share of the pairs. O(k log k) for
/// k pieces (O(k) when they come sorted by relation). An empty span gives strength 0.
TieStrength tie_strength(std::span<const TiePiece> pieces, const RelationRegistry& relations);

/// True when e is client evidence: a migrant at one end, and either a relation of class client
/// (smuggled, paid) or a smuggler or facilitator at the other end with any relation class but
/// organizational. Being moved by a suspect is not evidence of affiliation.
bool is_client_tie(const Case& c, EvidenceId e);

struct ViewParams {
  KindSet kinds = KindSet::actors_and_assets();  ///< nodes kept (default: no country, location)
  RelationSet relations;                         ///< evidence kept by relation (default: all)
  Timestamp from = Timestamp::none();            ///< keep evidence dated >= from (undated kept)
  Timestamp to = Timestamp::none();              ///< keep evidence dated <= to (undated kept)
  Direction direction = Direction::undirected;   ///< directed: follow relation direction;
                                                 ///< undirected relations give both arcs
  Weighting weighting = Weighting::unit;
  StrengthParams strength;
  /// Weighting::transmission only: a pair's client evidence (is_client_tie) combines apart and
  /// passes at most client_cap, in [0,1], and the client ties of one node together weigh at
  /// most client_cap (each tie scaled down by the busier end's share), so a smuggler's 400
  /// clients weigh together as one client tie and do not dilute its other ties. None: client
  /// evidence counts as any other.
  std::optional<double> client_cap;
  /// kept: vertices are the nodes of the kept kinds. all: every case node is a vertex (vertex =
  /// NodeId), nodes of other kinds without ties; for callers indexing by NodeId.
  enum class Vertices { kept, all } vertices = Vertices::kept;
};

struct View {
  Graph graph;                    ///< over the kept nodes; arc tags = strongest EvidenceId
  std::vector<NodeId> node_of;    ///< graph vertex -> case node
  std::vector<vertex_t> vertex_of;  ///< case node -> graph vertex, kNoVertex when left out
  std::size_t evidence_kept = 0;  ///< pieces of evidence that contributed
  ViewParams params;
};

/// Weighting::transmission in two stages, so that processes that each hold every piece of
/// evidence of some pairs (corridor-mpi) build the ties make_view builds: first each pair's tie
/// from its own evidence (transmission_ties), then the per-node client budget, which needs every
/// tie at a node (client_share, transmission_edge). make_view runs exactly these.
struct PairTie {
  vertex_t u = 0, v = 0;   ///< view vertices (u < v when undirected; the arc u -> v when directed)
  double other = 0.0;      ///< the evidence rule over the pair's non-client evidence
  double client = 0.0;     ///< the evidence rule over its client evidence, at most client_cap
  EvidenceId other_tag = 0, client_tag = 0;  ///< the strongest piece of each
};

/// The view's vertices (graph left empty, evidence_kept counted) and the pair ties of its
/// evidence before the per-node client budget, pairs in (u, v) order. Throws as make_view.
struct PairTies {
  View view;
  std::vector<PairTie> ties;
};
PairTies transmission_ties(const Case& c, const ViewParams& p);

/// The share of its client ties a node keeps under the budget: cap / total when its ties' client
/// strengths sum to more than the cap, else 1.
double client_share(double client_total, double cap) noexcept;

/// A pair tie's edge once its ends' shares are known: w = 1 - (1 - other)(1 - client x min(share_u,
/// share_v)), at most 1 (0 when nothing passes: no edge); tag = the strongest piece of the larger
/// part.
Graph::Edge transmission_edge(const PairTie& t, double share_u, double share_v) noexcept;

/// Each of the n vertices' client total: the sum of the client strengths of its pair ties. The
/// totals of disjoint sets of ties add up, so processes that each hold some pairs sum theirs
/// (an all-reduce) before transmission_edges.
std::vector<double> client_totals(const std::vector<PairTie>& ties, vertex_t n);

/// The edges of the pair ties under the per-node client budget: each tie through
/// transmission_edge with its ends' client_share of client_total (ignored, and may be empty,
/// without a cap); ties through which nothing passes give no edge.
std::vector<Graph::Edge> transmission_edges(const std::vector<PairTie>& ties, const std::vector<double>& client_total,
                                            std::optional<double> cap);

/// View choices as text, the way the command line and the Python module take them. Empty
/// strings mean the defaults of ViewParams.
struct ViewSpec {
  std::string kinds;      ///< "smuggler,migrant"; empty = all but country and location
  std::string relations;  ///< "member_of,financed"; empty = all
  std::string from;       ///< ISO 8601 date; empty = open
  std::string to;         ///< ISO 8601 date; empty = open
  bool weighted = false;  ///< Weighting::strength instead of unit
  bool directed = false;  ///< follow relation direction
  bool include_context = false;  ///< keep country and location nodes (when kinds is empty)
};

/// Resolves a ViewSpec against a case; throws ParamError naming the bad kind, relation or date.
ViewParams resolve_view(const Case& c, const ViewSpec& spec);

/// Every relation of a registry except originates_from and transited: a shared nationality or
/// route is context, not a tie between actors (communities and the report use this).
RelationSet actor_relations(const RelationRegistry& relations);

/// Builds a view; throws ParamError on an inverted time window or a bad override. O(n + m log d).
View make_view(const Case& c, const ViewParams& p = {});

/// Strength of one piece of evidence on its own under a weighting: 1 for unit, weight x
/// confidence x decay for strength, transmission x confidence x decay for transmission (what the
/// piece would make of a tie alone with one observation).
double evidence_strength(const Case& c, EvidenceId e, Weighting w, const StrengthParams& p,
                         const RelationRegistry& effective_relations, Timestamp as_of);

/// The registry with p.transmission_overrides applied; throws ParamError on unknown names.
RelationRegistry effective_relations(const Case& c, const StrengthParams& p);

/// The latest evidence date of the case (none when nothing is dated).
Timestamp latest_time(const Case& c);

}  // namespace corridor

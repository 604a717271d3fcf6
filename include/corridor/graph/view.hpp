// corridor/graph/view.hpp: from a Case to the Graph an algorithm reads.
//
// A view picks the nodes (by kind), the evidence (by relation and time window), the direction,
// and how evidence becomes a weight, then builds a simple Graph over the kept nodes. This is the
// one place that decides "what counts as a tie", shared by centrality, communities and
// propagation:
//  - unit:      every kept pair weighs 1 (the networkx-default semantics of measures);
//  - strength:  sum over the pair's evidence of weight x confidence x decay (--weighted);
//  - transmission: noisy-OR over the pair's evidence of transmission x confidence x decay, each
//               piece counted `weight` times: 1 - prod (1 - p_e)^w_e. Repeated evidence has
//               diminishing returns and the result stays in [0,1].
// Country and location nodes are left out by default: a nationality is not a tie between actors.
//
//   corridor::View v = corridor::make_view(c, {.weighting = corridor::Weighting::strength});
//   auto scores = corridor::pagerank(v.graph, {});
//   for (corridor::vertex_t x = 0; x < v.graph.num_vertices(); ++x)
//     std::cout << c.node_id(v.node_of[x]) << ' ' << scores.scores[x] << '\n';
#pragma once

#include <optional>
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
};

/// Decay factor in (0,1] of evidence dated t, seen from as_of.
double decay_factor(Timestamp t, Timestamp as_of, double half_life_days) noexcept;

struct ViewParams {
  KindSet kinds = KindSet::actors_and_assets();  ///< nodes kept (default: no country, location)
  RelationSet relations;                         ///< evidence kept by relation (default: all)
  Timestamp from = Timestamp::none();            ///< keep evidence dated >= from (undated kept)
  Timestamp to = Timestamp::none();              ///< keep evidence dated <= to (undated kept)
  Direction direction = Direction::undirected;   ///< directed: follow relation direction;
                                                 ///< undirected relations give both arcs
  Weighting weighting = Weighting::unit;
  StrengthParams strength;
};

struct View {
  Graph graph;                    ///< over the kept nodes; arc tags = strongest EvidenceId
  std::vector<NodeId> node_of;    ///< graph vertex -> case node
  std::vector<vertex_t> vertex_of;  ///< case node -> graph vertex, kNoVertex when left out
  std::size_t evidence_kept = 0;  ///< pieces of evidence that contributed
  ViewParams params;
};

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

/// Strength of one piece of evidence under a weighting (1 for unit).
double evidence_strength(const Case& c, EvidenceId e, Weighting w, const StrengthParams& p,
                         const RelationRegistry& effective_relations, Timestamp as_of);

/// The registry with p.transmission_overrides applied; throws ParamError on unknown names.
RelationRegistry effective_relations(const Case& c, const StrengthParams& p);

/// The latest evidence date of the case (none when nothing is dated).
Timestamp latest_time(const Case& c);

}  // namespace corridor

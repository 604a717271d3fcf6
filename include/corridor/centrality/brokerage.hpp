// corridor/centrality/brokerage.hpp: structural holes and brokerage roles.
//
// Two views of "who stands between others". Burt's constraint and effective size measure how far
// a vertex's contacts are themselves tied together (low constraint, high effective size = the
// vertex spans structural holes). Gould and Fernandez's roles count, for each vertex v, the open
// two-paths u -> v -> w (no arc u -> w) it brokers, classified by the groups of u, v and w: in a
// smuggling case the groups can be countries of origin, communities, or roles, so a
// "gatekeeper" is someone through whom outsiders reach their group.
//
// These are leads for an analyst: a migrant who paid two smugglers of different networks is a
// liaison in this arithmetic and nothing more.
//
//   std::vector<std::int64_t> group = ...;   // one label per vertex, -1 = unknown
//   corridor::BrokerageResult b = corridor::brokerage(g, group);
//   std::uint64_t gatekeeping = b.roles[v][static_cast<int>(corridor::BrokerageRole::gatekeeper)];
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "corridor/graph/graph.hpp"

namespace corridor {

/// The five Gould-Fernandez roles of a broker v on an open two-path u -> v -> w, by groups
/// g(u), g(v), g(w). The enum value is the index into BrokerageResult::roles[v].
enum class BrokerageRole {
  coordinator,     ///< g(u) = g(v) = g(w): brokers within its own group
  itinerant,       ///< g(u) = g(w) != g(v): an outsider brokering within another group (consultant)
  gatekeeper,      ///< g(u) != g(v) = g(w): controls what enters its group
  representative,  ///< g(u) = g(v) != g(w): carries its group's ties outwards
  liaison,         ///< all three groups differ
};
inline constexpr std::size_t kBrokerageRoleCount = 5;

/// "coordinator", "itinerant", "gatekeeper", "representative", "liaison".
std::string_view to_string(BrokerageRole r) noexcept;

/// Parameters of brokerage().
struct BrokerageParams {
  /// Constraint and effective size use arc weights (tie strength) as networkx's weight="weight";
  /// false = every arc weighs 1 (networkx's default weight=None; the same on an unweighted
  /// graph). Roles never use weights.
  bool weighted = true;
};

/// Result of brokerage(), one entry per vertex.
struct BrokerageResult {
  /// Burt's constraint; NaN for a vertex without neighbours (undefined, as networkx).
  std::vector<double> constraint;
  /// Burt's effective size; NaN for a vertex without neighbours.
  std::vector<double> effective_size;
  /// Counts of brokered open two-paths per role (index by BrokerageRole). Empty when no group
  /// labels were given.
  std::vector<std::array<std::uint64_t, kBrokerageRoleCount>> roles;
};

/// Burt's constraint and effective size, and Gould-Fernandez brokerage role counts.
///
/// Constraint and effective size follow networkx's `constraint` and `effective_size`: the
/// mutual weight of u and v is a(u,v) + a(v,u) (an undirected edge counts in both terms; the
/// ratios below are unaffected), p(u,v) = mutual(u,v) / sum_w mutual(u,w) over the neighbours
/// (in or out) of u, m(u,v) = mutual(u,v) / max_w mutual(u,w);
/// constraint(v) = sum_{j in N(v)} (p(v,j) + sum_{q in N(v)} p(v,q) p(q,j))^2;
/// effective_size(v) = sum_{u in N(v)} (1 - sum_{w in N(v)} p(v,w) m(u,w)), which for an
/// unweighted undirected graph equals Borgatti's |N(v)| - 2 t / |N(v)| (t = ties among N(v)).
/// One deliberate difference: on a directed graph networkx marks a vertex with in-arcs but no
/// out-arc as NaN; here only vertices without any neighbour are NaN.
///
/// Roles: for every ordered pair of arcs u -> v -> w with u != w and no arc u -> w, v is counted
/// once in the role its groups give. Two-paths touching a vertex whose group is -1 are not
/// counted. An undirected graph is read as two arcs per edge, so each open path u - v - w counts
/// twice (u -> v -> w and w -> v -> u): coordinator, itinerant and liaison counts come out even,
/// and gatekeeper and representative counts are equal.
///
/// `group` is empty (no roles) or has one label per vertex (any non-negative integer, e.g. an
/// interned country or a community id; -1 = unknown).
/// Time: O(sum over ties (u,v) of min(deg u, deg v log deg)) for constraint and effective size
/// (the common neighbours of each tie's ends, found by scanning the shorter list), and
/// O(sum_v out(v) log out(v) + sum over arcs u->v of min(out u, out v log out u)) for roles
/// (counted from a histogram of groups, closed two-paths taken back out): a vertex of degree d
/// with few ties among its neighbours costs O(d log d), not d^2; only dense neighbourhoods
/// (many triangles) cost more, at most O(m sqrt m) overall. Memory O(n + m). Parallel over
/// vertices; results do not depend on the thread count.
/// Throws ParamError when group has the wrong length or a label below -1.
/// Burt (1992), "Structural Holes"; Borgatti (1997), "Structural holes: unpacking Burt's
/// redundancy measures"; Gould and Fernandez (1989), "Structures of mediation: a formal approach
/// to brokerage in transaction networks".
BrokerageResult brokerage(const Graph& g, std::span<const std::int64_t> group, const BrokerageParams& p = {});

}  // namespace corridor

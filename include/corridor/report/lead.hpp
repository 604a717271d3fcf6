// corridor/report/lead.hpp: following one lead to its evidence.
//
// Two questions an analyst asks of a name in a report: how is it tied to this other name (the k
// strongest evidence paths between them), and what is around it (its ego network, as a case
// folder of its own that every other command can read).
//
//   corridor::Case c = corridor::read_case("examples/data/sample-case");
//   for (const auto& p : corridor::evidence_paths(c, c.require("O-1"), c.require("S00035"), {.k = 3}))
//     std::cout << p.strength << ' ' << corridor::path_text(c, p) << '\n';
//   corridor::Case ego = corridor::ego_case(c, c.require("S00035"), {.hops = 2});
#pragma once

#include <vector>

#include "corridor/model/case.hpp"
#include "corridor/propagation/explain.hpp"

namespace corridor {

/// Parameters of evidence_paths().
struct EvidencePathParams {
  int k = 3;                    ///< number of paths, >= 1
  PropagationParams strength;   ///< how evidence becomes a tie strength (client cap, decay, overrides)
};

/// The k strongest simple evidence paths from `from` to `to`, strongest first (fewer when fewer
/// exist). A path's strength is the product of its ties' strengths, each tie the role-aware
/// strength propagation uses (transmission x confidence x decay, noisy-OR over repeated
/// evidence, client ties capped, countries and locations passing nothing), so the k strongest
/// are the k shortest paths for the length -log strength: Yen's algorithm (1971), through the
/// propagation module's explanation machinery with `from` as the only seed. Each tie names its
/// strongest piece of evidence (relation, grade, date, source_ref). Empty when no path exists
/// (e.g. an end is a country) ; a single one-node path when from == to. Throws ParamError for
/// k outside [1, kMaxPaths], an id out of range, or bad strength params.
std::vector<EvidencePath> evidence_paths(const Case& c, NodeId from, NodeId to, const EvidencePathParams& p = {});

/// Largest ego_case() radius: in a connected smuggling case a few hops reach most people, so a
/// larger radius is a typing error or a whole-case copy (which `convert` does).
inline constexpr int kMaxEgoHops = 100;

/// Parameters of ego_case().
struct EgoParams {
  int hops = 2;  ///< radius in ties, in [0, kMaxEgoHops] (0 = the node alone)
};

/// Throws ParamError unless hops is in [0, kMaxEgoHops] (front ends check before loading a case).
void check_ego_hops(int hops);

/// The ego network of `center` as a new case: every node within `hops` ties of the center
/// (evidence of any relation, followed in both directions), and every piece of evidence among
/// them, with its grade, date, source_ref and extra columns; relations and node attributes are
/// kept, and so are the seeds that fall inside. Country and location nodes are included when
/// they are tied to a node inside but are never walked through: a shared nationality or route
/// does not bring in everyone else of that country. Node and evidence order follows the input
/// case. O(nodes + evidence of the case). Throws ParamError for hops outside [0, kMaxEgoHops] or
/// an id out of range.
Case ego_case(const Case& c, NodeId center, const EgoParams& p = {});

}  // namespace corridor

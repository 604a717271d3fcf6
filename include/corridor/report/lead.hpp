// corridor/report/lead.hpp: following one lead to its evidence.
//
// The question an analyst asks of two names in a report: how are they tied (the k evidence
// paths from one that make most of the other's score). What is around one name, its ego network, is a model operation:
// corridor/model/ego.hpp.
//
//   corridor::Case c = corridor::read_case("examples/data/sample-case");
//   for (const auto& p : corridor::evidence_paths(c, c.require("O-1"), c.require("S00035"), {.k = 3}))
//     std::cout << p.contribution << ' ' << corridor::path_text(c, p) << '\n';
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

/// The k simple evidence paths from `from` to `to` that contribute most to `to`'s score when
/// `from` is the only seed, with confidence 1 (no implicit group seeds): each path's number is
/// the contribution to `to`'s score of the walks started at `from` with weight 1 that reduce to
/// it once their loops are erased (see propagation/explain.hpp), largest first, and the
/// contributions of all simple paths add up to that score. The walk is the propagation's
/// (p.strength: method, restart, client cap, decay, overrides; countries and locations pass
/// nothing). Each tie names its strongest piece of evidence (relation, grade, date, source_ref).
/// Empty when no path exists (e.g. an end is a country); the one-node path when from == to.
/// Throws ParamError for k outside [1, kMaxPaths], an id out of range, or bad params.
std::vector<EvidencePath> evidence_paths(const Case& c, NodeId from, NodeId to, const EvidencePathParams& p = {});

}  // namespace corridor

// corridor/report/lead.hpp: following one lead to its evidence.
//
// The question an analyst asks of two names in a report: how are they tied (the k strongest
// evidence paths between them). What is around one name, its ego network, is a model operation:
// corridor/model/ego.hpp.
//
//   corridor::Case c = corridor::read_case("examples/data/sample-case");
//   for (const auto& p : corridor::evidence_paths(c, c.require("O-1"), c.require("S00035"), {.k = 3}))
//     std::cout << p.strength << ' ' << corridor::path_text(c, p) << '\n';
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

}  // namespace corridor

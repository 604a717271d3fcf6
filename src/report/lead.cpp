#include "corridor/report/lead.hpp"

#include <cmath>
#include <string>

#include "corridor/error.hpp"

namespace corridor {

std::vector<EvidencePath> evidence_paths(const Case& c, NodeId from, NodeId to, const EvidencePathParams& p) {
  check_path_count(p.k);
  if (from >= c.num_nodes() || to >= c.num_nodes())
    throw ParamError("node id out of range: the case has " + std::to_string(c.num_nodes()) + " nodes");
  const Seed seed{from, 1.0, {}};
  PropagationParams walk = p.strength;
  walk.group_seeds = GroupSeeds::off;  // a walk from `from` alone
  const ExplainIndex index = build_explain_index(c, std::span<const Seed>(&seed, 1), walk);
  // Relative cut-off off: the analyst asked for these two ends, however weak the alternatives.
  return strongest_paths(index, to, {.k = p.k, .min_relative_strength = 0.0});
}

}  // namespace corridor

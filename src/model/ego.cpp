#include "corridor/model/ego.hpp"

#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/model/builder.hpp"

namespace corridor {

void check_ego_hops(int hops) {
  if (hops < 0 || hops > kMaxEgoHops)
    throw ParamError("hops must be in [0, " + std::to_string(kMaxEgoHops) + "], got " + std::to_string(hops) +
                     "; a few hops already reach most of a connected case (convert copies a whole case)");
}

Case ego_case(const Case& c, NodeId center, const EgoParams& p) {
  check_ego_hops(p.hops);
  if (center >= c.num_nodes())
    throw ParamError("node id out of range: the case has " + std::to_string(c.num_nodes()) + " nodes");
  const auto context = [&](NodeId v) { return !is_actor(c.kind(v)) && c.kind(v) != NodeKind::asset; };

  // Breadth-first ball; context nodes join but their ties are not followed.
  std::vector<int> depth(c.num_nodes(), -1);
  std::vector<NodeId> frontier{center}, next;
  depth[center] = 0;
  for (int d = 0; d < p.hops && !frontier.empty(); ++d) {
    next.clear();
    for (NodeId u : frontier) {
      if (u != center && context(u)) continue;
      for (auto list : {c.out_evidence(u), c.in_evidence(u)}) {
        for (EvidenceId e : list) {
          const NodeId w = c.other(e, u);
          if (depth[w] >= 0) continue;
          depth[w] = d + 1;
          next.push_back(w);
        }
      }
    }
    frontier.swap(next);
  }

  CaseBuilder b(c.relations());
  std::vector<NodeId> new_id(c.num_nodes(), kNoNode);
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    if (depth[v] < 0) continue;
    NodeRecord r{std::string(c.node_id(v)), c.kind(v), std::string(c.label(v)), std::string(c.role(v)),
                 std::string(c.country(v)), {}};
    for (const auto& col : c.node_attributes()) r.attributes.emplace_back(col.name, std::string(col.values[v]));
    new_id[v] = b.add_node(r);
  }
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    const NodeId s = new_id[c.source(e)], t = new_id[c.target(e)];
    if (s == kNoNode || t == kNoNode) continue;
    EvidenceValues values;
    values.weight = c.weight(e);
    if (c.has_explicit_confidence(e)) values.confidence = static_cast<double>(c.raw_confidence(e));
    values.grade = c.grade(e);
    values.time = c.time(e);
    values.source_ref = c.source_ref(e);
    const EvidenceId ne = b.add_evidence(s, t, c.relation(e), values);
    for (const auto& col : c.evidence_attributes())
      if (!col.values[e].empty()) b.set_evidence_attribute(ne, col.name, col.values[e]);
  }
  for (const Seed& s : c.seeds())
    if (new_id[s.node] != kNoNode) b.add_seed(Seed{new_id[s.node], s.confidence, s.note});
  Case out = std::move(b).freeze();
  out.set_origin(c.origin().empty() ? std::string() : c.origin() + " (ego network of " + std::string(c.node_id(center)) + ")");
  return out;
}

}  // namespace corridor

#include "corridor/graph/view.hpp"

#include <cmath>

#include "src_util.hpp"

namespace corridor {

double decay_factor(Timestamp t, Timestamp as_of, double half_life_days) noexcept {
  if (half_life_days <= 0 || t.empty() || as_of.empty() || t.seconds >= as_of.seconds) return 1.0;
  const double age_days = static_cast<double>(as_of.seconds - t.seconds) / 86400.0;
  return std::exp2(-age_days / half_life_days);
}

Timestamp latest_time(const Case& c) {
  Timestamp best = Timestamp::none();
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    auto t = c.time(e);
    if (!t.empty() && (best.empty() || t.seconds > best.seconds)) best = t;
  }
  return best;
}

RelationRegistry effective_relations(const Case& c, const StrengthParams& p) {
  RelationRegistry reg = c.relations();
  for (const auto& [name, t] : p.transmission_overrides) reg.set_transmission(name, t);
  return reg;
}

double evidence_strength(const Case& c, EvidenceId e, Weighting w, const StrengthParams& p,
                         const RelationRegistry& reg, Timestamp as_of) {
  switch (w) {
    case Weighting::unit: return 1.0;
    case Weighting::strength:
      return c.weight(e) * c.confidence(e) * decay_factor(c.time(e), as_of, p.half_life_days);
    case Weighting::transmission:
      return reg.info(c.relation(e)).transmission * c.confidence(e) *
             decay_factor(c.time(e), as_of, p.half_life_days);
  }
  return 1.0;
}

View make_view(const Case& c, const ViewParams& p) {
  if (!p.from.empty() && !p.to.empty() && p.from.seconds > p.to.seconds)
    throw ParamError("the time window is empty: --from " + p.from.to_string() + " is after --to " + p.to.to_string());
  if (p.strength.half_life_days < 0 || !std::isfinite(p.strength.half_life_days))
    throw ParamError("half-life must be a finite number of days >= 0 (0 = no decay)");
  const RelationRegistry reg = effective_relations(c, p.strength);
  const Timestamp as_of = p.strength.as_of.empty() ? latest_time(c) : p.strength.as_of;

  View view;
  view.params = p;
  view.vertex_of.assign(c.num_nodes(), kNoVertex);
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    if (!p.kinds.contains(c.kind(v))) continue;
    view.vertex_of[v] = static_cast<vertex_t>(view.node_of.size());
    view.node_of.push_back(v);
  }
  std::vector<Graph::Edge> edges;
  edges.reserve(c.num_evidence());
  const bool directed = p.direction == Direction::directed;
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    const vertex_t a = view.vertex_of[c.source(e)], b = view.vertex_of[c.target(e)];
    if (a == kNoVertex || b == kNoVertex || a == b) continue;
    if (!p.relations.contains(c.relation(e))) continue;
    const Timestamp t = c.time(e);
    if (!t.empty() && ((!p.from.empty() && t.seconds < p.from.seconds) || (!p.to.empty() && t.seconds > p.to.seconds)))
      continue;
    double w = evidence_strength(c, e, p.weighting, p.strength, reg, as_of);
    if (!(w > 0)) continue;  // zero transmission or confidence: no tie
    if (p.weighting == Weighting::transmission) {
      // Counting a piece of evidence `weight` times under noisy-OR: 1 - (1-p)^weight.
      w = 1.0 - std::pow(1.0 - std::min(w, 1.0), c.weight(e));
      if (!(w > 0)) continue;
    }
    ++view.evidence_kept;
    edges.push_back({a, b, w, e});
    if (directed && !c.directed(e)) edges.push_back({b, a, w, e});
  }
  const Merge merge = p.weighting == Weighting::transmission ? Merge::noisy_or
                      : p.weighting == Weighting::unit      ? Merge::max
                                                            : Merge::sum;
  view.graph = Graph::from_edges(static_cast<vertex_t>(view.node_of.size()), edges, p.direction, merge);
  return view;
}

ViewParams resolve_view(const Case& c, const ViewSpec& spec) {
  ViewParams p;
  if (!spec.kinds.empty()) p.kinds = parse_kind_set(spec.kinds);
  else if (spec.include_context) p.kinds = KindSet::all();
  if (!spec.relations.empty()) p.relations = RelationSet::parse(spec.relations, c.relations());
  auto date = [](const std::string& text, const char* name) {
    if (text.empty()) return Timestamp::none();
    auto t = parse_time(text);
    if (!t) throw ParamError(std::string(name) + " " + detail::quoted(text) + " is not an ISO 8601 date (e.g. 2021-03-04)");
    return *t;
  };
  p.from = date(spec.from, "from");
  p.to = date(spec.to, "to");
  p.weighting = spec.weighted ? Weighting::strength : Weighting::unit;
  p.direction = spec.directed ? Direction::directed : Direction::undirected;
  return p;
}

RelationSet actor_relations(const RelationRegistry& relations) {
  RelationSet set = RelationSet::none();
  const auto origin = static_cast<RelationId>(Relation::originates_from);
  const auto transit = static_cast<RelationId>(Relation::transited);
  for (RelationId r = 0; r < relations.size(); ++r)
    if (r != origin && r != transit) set.insert(r);
  return set;
}

}  // namespace corridor

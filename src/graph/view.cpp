#include "corridor/graph/view.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

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

double observations(double weight, Volume volume) noexcept {
  switch (volume) {
    case Volume::count: return weight;
    case Volume::amount: return 1.0 + std::log10(std::max(weight, 1.0));
    case Volume::ignore: return 1.0;
  }
  return 1.0;
}

double volume_gain(double o) noexcept {
  if (!(o > 1.0)) return 0.0;
  return 1.0 - 1.0 / (1.0 + std::log(o));
}

namespace {

// One relation's part of a pair's tie: transmission x C_r over pieces [first, last) of that
// relation. Also reports the piece with the largest transmission x confidence.
template <class It>
double relation_tie(It first, It last, double transmission, std::size_t base, std::size_t& best_index,
                    double& best_value) {
  double top = 0.0, weighted = 0.0;
  for (It it = first; it != last; ++it) {
    const double c = std::clamp(it->confidence, 0.0, 1.0);
    if (c > top) top = c;
    weighted += std::max(it->observations, 0.0) * c;
    if (transmission * c > best_value) {
      best_value = transmission * c;
      best_index = base + static_cast<std::size_t>(it - first);
    }
  }
  if (!(top > 0.0)) return 0.0;
  const double gain = volume_gain(weighted / top);  // O = max(1, sum o_e c_e / c*)
  return transmission * (top + (1.0 - top) * top * gain);
}

}  // namespace

TieStrength tie_strength(std::span<const TiePiece> pieces, const RelationRegistry& relations) {
  TieStrength out;
  if (pieces.empty()) return out;
  if (pieces.size() == 1) {  // the common case: C_r = c*, no volume beyond one observation counts
    const double g = volume_gain(pieces[0].observations);
    const double c = std::clamp(pieces[0].confidence, 0.0, 1.0);
    out.strength = std::min(relations.info(pieces[0].relation).transmission * (c + (1.0 - c) * c * g), 1.0);
    return out;
  }
  const bool sorted = std::is_sorted(pieces.begin(), pieces.end(),
                                     [](const TiePiece& a, const TiePiece& b) { return a.relation < b.relation; });
  std::vector<std::size_t> order;
  if (!sorted) {
    order.resize(pieces.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return pieces[a].relation < pieces[b].relation; });
  }
  std::vector<TiePiece> local;
  if (!sorted) {
    local.reserve(pieces.size());
    for (std::size_t i : order) local.push_back(pieces[i]);
  }
  const std::span<const TiePiece> run = sorted ? pieces : std::span<const TiePiece>(local);
  double keep = 1.0, best_value = -1.0;
  std::size_t best = 0;
  for (std::size_t i = 0; i < run.size();) {
    std::size_t j = i + 1;
    while (j < run.size() && run[j].relation == run[i].relation) ++j;
    const double t = relations.info(run[i].relation).transmission;
    keep *= 1.0 - std::min(relation_tie(run.begin() + static_cast<std::ptrdiff_t>(i),
                                        run.begin() + static_cast<std::ptrdiff_t>(j), t, i, best, best_value),
                           1.0);
    i = j;
  }
  out.strength = 1.0 - keep;
  out.strongest = sorted ? best : order[best];
  return out;
}

bool is_client_tie(const Case& c, EvidenceId e) {
  const NodeKind a = c.kind(c.source(e)), b = c.kind(c.target(e));
  const bool ma = a == NodeKind::migrant, mb = b == NodeKind::migrant;
  if (!ma && !mb) return false;
  const RelationClass cls = c.relations().info(c.relation(e)).cls;
  if (cls == RelationClass::client) return true;           // smuggled, paid: whoever moved them
  if (cls == RelationClass::organizational) return false;  // the migrant's own ties count
  auto mover = [](NodeKind k) { return k == NodeKind::smuggler || k == NodeKind::facilitator; };
  return (ma && mover(b)) || (mb && mover(a));
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

namespace {

// A piece of evidence on its way into a transmission tie: its arc, whether it is client
// evidence (capped apart), and its id (for the relation, the confidence and the tag).
struct PieceRecord {
  vertex_t u, v;
  EvidenceId e;
  RelationId relation;
  std::uint8_t client;
  double confidence;  // c_e = confidence x decay
  // Within u's bucket: other end, client flag, relation (then evidence id).
  std::uint64_t key() const {
    return (static_cast<std::uint64_t>(v) << 32) | (static_cast<std::uint64_t>(client) << 16) | relation;
  }
};

void check_view_params(const ViewParams& p) {
  if (!p.from.empty() && !p.to.empty() && p.from.seconds > p.to.seconds)
    throw ParamError("the time window is empty: --from " + p.from.to_string() + " is after --to " + p.to.to_string());
  if (p.strength.half_life_days < 0 || !std::isfinite(p.strength.half_life_days))
    throw ParamError("half-life must be a finite number of days >= 0 (0 = no decay)");
  if (p.client_cap && !(*p.client_cap >= 0.0 && *p.client_cap <= 1.0))
    throw ParamError("client cap must be in [0,1], got " + detail::format_double(*p.client_cap));
}

// The view's vertices: the nodes of the kept kinds (or every node), in NodeId order.
View view_vertices(const Case& c, const ViewParams& p) {
  View view;
  view.params = p;
  view.vertex_of.assign(c.num_nodes(), kNoVertex);
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    if (p.vertices == ViewParams::Vertices::kept && !p.kinds.contains(c.kind(v))) continue;
    view.vertex_of[v] = static_cast<vertex_t>(view.node_of.size());
    view.node_of.push_back(v);
  }
  return view;
}

// Evidence comes in file order, so the kinds and vertex numbers of its ends are scattered reads
// (a miss each on a large case): the loops over every piece ask for those of the piece sixteen
// ahead. Only a hint.
inline void prefetch_ends(const Case& c, const View& view, EvidenceId e) {
#if defined(__GNUC__)
  if (e + 16 >= c.num_evidence()) return;
  const NodeId s = c.source(e + 16), t = c.target(e + 16);
  __builtin_prefetch(c.columns().kinds.data() + s);
  __builtin_prefetch(c.columns().kinds.data() + t);
  __builtin_prefetch(view.vertex_of.data() + s);
  __builtin_prefetch(view.vertex_of.data() + t);
#else
  (void)c, (void)view, (void)e;
#endif
}

// Whether evidence e enters the view (kinds, distinct ends, relation, time window).
bool kept(const Case& c, const ViewParams& p, EvidenceId e) {
  const NodeId s = c.source(e), t = c.target(e);
  if (s == t || !p.kinds.contains(c.kind(s)) || !p.kinds.contains(c.kind(t))) return false;
  if (!p.relations.contains(c.relation(e))) return false;
  const Timestamp time = c.time(e);
  return time.empty() || !((!p.from.empty() && time.seconds < p.from.seconds) || (!p.to.empty() && time.seconds > p.to.seconds));
}

}  // namespace

PairTies transmission_ties(const Case& c, const ViewParams& p) {
  check_view_params(p);
  const RelationRegistry reg = effective_relations(c, p.strength);
  const Timestamp as_of = p.strength.as_of.empty() ? latest_time(c) : p.strength.as_of;
  PairTies out;
  out.view = view_vertices(c, p);
  const View& view = out.view;
  const auto n = static_cast<vertex_t>(view.node_of.size());
  const bool directed = p.direction == Direction::directed;
  std::vector<PieceRecord> records;
  records.reserve(directed ? 2 * c.num_evidence() : c.num_evidence());
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    prefetch_ends(c, view, e);
    if (!kept(c, p, e)) continue;
    const vertex_t a = view.vertex_of[c.source(e)], b = view.vertex_of[c.target(e)];
    const RelationId r = c.relation(e);
    const double confidence = c.confidence(e) * decay_factor(c.time(e), as_of, p.strength.half_life_days);
    if (!(reg.info(r).transmission * confidence > 0)) continue;  // zero transmission or confidence: no tie
    ++out.view.evidence_kept;
    const std::uint8_t client = p.client_cap && is_client_tie(c, e) ? 1 : 0;
    if (directed) {
      records.push_back({a, b, e, r, client, confidence});
      if (!c.directed(e)) records.push_back({b, a, e, r, client, confidence});
    } else {
      records.push_back({std::min(a, b), std::max(a, b), e, r, client, confidence});
    }
  }
  // Records are grouped with a counting sort on u and a sort of each u's bucket, the same cost as
  // building the CSR itself.
  std::vector<std::uint64_t> start(static_cast<std::size_t>(n) + 1, 0);
  for (const PieceRecord& r : records) ++start[r.u + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<PieceRecord> sorted(records.size());
  {
    std::vector<std::uint64_t> pos(start.begin(), start.end() - 1);
    for (const PieceRecord& r : records) sorted[pos[r.u]++] = r;
  }
  std::vector<PieceRecord>().swap(records);

  std::vector<PairTie>& ties = out.ties;
  ties.reserve(sorted.size() / 2 + 1);
  std::vector<TiePiece> pieces;
  const double cap = p.client_cap.value_or(1.0);
  const auto* const weight_of = c.columns().weight.data();
  for (vertex_t u = 0; u < n; ++u) {
#if defined(__GNUC__)
    // A bucket's records come grouped by end, so their evidence weights lie anywhere in the case:
    // ask for the next bucket's while this one is sorted and summed (one miss per piece of
    // evidence otherwise, nearly half of this function's time on a large case).
    if (u + 1 < n)
      for (std::uint64_t a = start[u + 1], end = std::min(start[u + 2], start[u + 1] + 64); a < end; ++a)
        __builtin_prefetch(weight_of + sorted[a].e);
#endif
    auto first = sorted.begin() + static_cast<std::ptrdiff_t>(start[u]);
    auto last = sorted.begin() + static_cast<std::ptrdiff_t>(start[u + 1]);
    std::sort(first, last, [](const PieceRecord& a, const PieceRecord& b) {
      const std::uint64_t ka = a.key(), kb = b.key();
      return ka != kb ? ka < kb : a.e < b.e;
    });
    for (auto it = first; it != last;) {
      PairTie tie{u, it->v, 0.0, 0.0, it->e, it->e};
      auto pair_end = it;
      while (pair_end != last && pair_end->v == it->v) ++pair_end;
      for (auto group = it; group != pair_end;) {
        auto group_end = group;
        while (group_end != pair_end && group_end->client == group->client) ++group_end;
        pieces.clear();
        for (auto x = group; x != group_end; ++x)
          pieces.push_back({x->relation, x->confidence, observations(c.weight(x->e), reg.info(x->relation).volume)});
        const TieStrength t = tie_strength(pieces, reg);
        const EvidenceId tag = (group + static_cast<std::ptrdiff_t>(t.strongest))->e;
        if (group->client) {
          tie.client = std::min(t.strength, cap);
          tie.client_tag = tag;
        } else {
          tie.other = t.strength;
          tie.other_tag = tag;
        }
        group = group_end;
      }
      if (tie.other > 0.0 || tie.client > 0.0) ties.push_back(tie);
      it = pair_end;
    }
  }
  return out;
}

double client_share(double client_total, double cap) noexcept {
  return client_total > cap ? cap / client_total : 1.0;
}

Graph::Edge transmission_edge(const PairTie& t, double share_u, double share_v) noexcept {
  const double client = t.client * std::min(share_u, share_v);
  const double w = 1.0 - (1.0 - t.other) * (1.0 - client);
  return {t.u, t.v, w > 0.0 ? std::min(w, 1.0) : 0.0, t.other >= client ? t.other_tag : t.client_tag};
}

std::vector<double> client_totals(const std::vector<PairTie>& ties, vertex_t n) {
  std::vector<double> total(n, 0.0);
  for (const PairTie& t : ties) {
    total[t.u] += t.client;
    total[t.v] += t.client;
  }
  return total;
}

std::vector<Graph::Edge> transmission_edges(const std::vector<PairTie>& ties, const std::vector<double>& client_total,
                                            std::optional<double> cap) {
  auto share = [&](vertex_t x) { return cap ? client_share(client_total[x], *cap) : 1.0; };
  std::vector<Graph::Edge> edges;
  edges.reserve(ties.size());
  for (const PairTie& t : ties) {
    const Graph::Edge e = transmission_edge(t, share(t.u), share(t.v));
    if (e.w > 0.0) edges.push_back(e);
  }
  return edges;
}

View make_view(const Case& c, const ViewParams& p) {
  check_view_params(p);
  if (p.weighting == Weighting::transmission) {
    PairTies pt = transmission_ties(c, p);
    View view = std::move(pt.view);
    const auto n = static_cast<vertex_t>(view.node_of.size());
    // The per-node client budget: a node's client ties together weigh at most the cap, so many
    // clients do not dilute what a smuggler passes along its other ties. Each client tie takes
    // the smaller share of its two ends (symmetric, so the graph stays undirected).
    std::vector<double> total;
    if (p.client_cap) total = client_totals(pt.ties, n);
    const std::vector<Graph::Edge> edges = transmission_edges(pt.ties, total, p.client_cap);
    view.graph = Graph::from_edges(n, edges, p.direction, Merge::max);
    return view;
  }
  const RelationRegistry reg = effective_relations(c, p.strength);
  const Timestamp as_of = p.strength.as_of.empty() ? latest_time(c) : p.strength.as_of;
  View view = view_vertices(c, p);
  const auto n = static_cast<vertex_t>(view.node_of.size());
  const bool directed = p.direction == Direction::directed;
  std::vector<Graph::Edge> edges;
  edges.reserve(c.num_evidence());
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    prefetch_ends(c, view, e);
    if (!kept(c, p, e)) continue;
    const vertex_t a = view.vertex_of[c.source(e)], b = view.vertex_of[c.target(e)];
    const double w = evidence_strength(c, e, p.weighting, p.strength, reg, as_of);
    if (!(w > 0)) continue;  // zero confidence: no tie
    ++view.evidence_kept;
    edges.push_back({a, b, w, e});
    if (directed && !c.directed(e)) edges.push_back({b, a, w, e});
  }
  const Merge merge = p.weighting == Weighting::strength ? Merge::sum : Merge::max;
  view.graph = Graph::from_edges(n, edges, p.direction, merge);
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

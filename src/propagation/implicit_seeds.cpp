// Implicit seeds: the group the seeds belong to, and the people directly tied to it or to a seed
// by organizational evidence (see GroupSeeds in propagate.hpp for the why).
#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <utility>

#include "corridor/propagation/propagate.hpp"
#include "propagation/operator_impl.hpp"

namespace corridor {

namespace {

bool context_or_group(NodeKind k) {
  return k == NodeKind::organization || k == NodeKind::country || k == NodeKind::location;
}

// The organizational ties of `a` by the view's evidence rule, one per neighbour (ascending),
// over the neighbours `keep` accepts. O(d log d) for a's d pieces of evidence, so a group with
// thousands of members costs one sort, not a scan per member.
template <class Keep>
std::vector<std::pair<NodeId, double>> organizational_ties(const Case& c, NodeId a, const RelationRegistry& reg,
                                                           const StrengthParams& sp, Timestamp as_of, Keep&& keep) {
  std::vector<std::pair<NodeId, TiePiece>> pieces;
  for (auto list : {c.out_evidence(a), c.in_evidence(a)})
    for (EvidenceId e : list) {
      const NodeId o = c.other(e, a);
      if (o == a || reg.info(c.relation(e)).cls != RelationClass::organizational || !keep(o)) continue;
      pieces.push_back({o, TiePiece{c.relation(e), c.confidence(e) * decay_factor(c.time(e), as_of, sp.half_life_days),
                                    observations(c.weight(e), reg.info(c.relation(e)).volume)}});
    }
  std::sort(pieces.begin(), pieces.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first < y.first : x.second.relation < y.second.relation;
  });
  std::vector<std::pair<NodeId, double>> out;
  std::vector<TiePiece> group;
  for (std::size_t i = 0; i < pieces.size();) {
    std::size_t j = i;
    group.clear();
    while (j < pieces.size() && pieces[j].first == pieces[i].first) group.push_back(pieces[j++].second);
    const double t = tie_strength(group, reg).strength;
    if (t > 0.0) out.push_back({pieces[i].first, t});
    i = j;
  }
  return out;
}

// Noisy-OR accumulation of weights per node, with the anchors behind each.
struct Accumulator {
  std::unordered_map<NodeId, std::size_t> index;
  std::vector<ImplicitSeed> seeds;
  std::vector<double> miss;  // prod (1 - w_a t_a)
  void add(NodeId v, NodeId via, double x, ImplicitSeed::Kind kind) {
    auto [it, fresh] = index.try_emplace(v, seeds.size());
    if (fresh) {
      seeds.push_back({v, 0.0, {}, kind});
      miss.push_back(1.0);
    }
    miss[it->second] *= 1.0 - std::clamp(x, 0.0, 1.0);
    seeds[it->second].via.push_back(via);
  }
  std::vector<ImplicitSeed> take() {
    std::vector<ImplicitSeed> out;
    for (std::size_t i = 0; i < seeds.size(); ++i) {
      seeds[i].weight = 1.0 - miss[i];
      if (seeds[i].weight > 0.0) out.push_back(std::move(seeds[i]));
    }
    std::sort(out.begin(), out.end(), [](const ImplicitSeed& a, const ImplicitSeed& b) { return a.node < b.node; });
    return out;
  }
};

constexpr std::string_view kGroupSeedNames[] = {"implicit", "group", "off"};

}  // namespace

std::string_view to_string(GroupSeeds g) noexcept { return kGroupSeedNames[static_cast<unsigned>(g)]; }

GroupSeeds parse_group_seeds(std::string_view name) {
  for (unsigned i = 0; i < std::size(kGroupSeedNames); ++i)
    if (kGroupSeedNames[i] == name) return static_cast<GroupSeeds>(i);
  throw ParamError("unknown group seeds \"" + std::string(name) + "\"; valid: implicit, group, off");
}

std::vector<ImplicitSeed> implicit_seeds(const Case& c, std::span<const Seed> seeds, std::span<const Seed> cleared,
                                         const PropagationParams& p) {
  if (p.group_seeds == GroupSeeds::off || p.method == Method::naive) return {};
  const RelationRegistry reg = effective_relations(c, p.strength);
  const Timestamp as_of =
      p.strength.as_of.empty() ? (p.strength.half_life_days > 0 ? latest_time(c) : Timestamp::none()) : p.strength.as_of;
  std::vector<double> weight(c.num_nodes(), 0.0);  // the given seeds' confidences (duplicates summed, at most 1)
  std::vector<std::uint8_t> excluded(c.num_nodes(), 0);
  for (const Seed& s : seeds)
    if (s.node < c.num_nodes()) {
      weight[s.node] = std::min(1.0, weight[s.node] + s.confidence);
      excluded[s.node] = 1;
    }
  for (const Seed& s : cleared)
    if (s.node < c.num_nodes()) excluded[s.node] = 1;

  // 1. The group: organizations the seeds are organizationally tied to.
  Accumulator groups;
  std::vector<NodeId> anchors;
  for (NodeId s = 0; s < c.num_nodes(); ++s) {
    if (!(weight[s] > 0)) continue;
    anchors.push_back(s);
    const auto ties = organizational_ties(c, s, reg, p.strength, as_of, [&](NodeId o) {
      return c.kind(o) == NodeKind::organization && !excluded[o];
    });
    for (const auto& [o, t] : ties) groups.add(o, s, weight[s] * t, ImplicitSeed::Kind::group);
  }
  std::vector<ImplicitSeed> out = groups.take();
  if (p.group_seeds == GroupSeeds::group) return out;

  // 2. People with a direct organizational tie to a seed or to the group: the tie is evidence
  // about them, worth anchor weight x tie, whatever the size of the group or the seed's circle.
  for (const ImplicitSeed& g : out) weight[g.node] = g.weight;
  for (const ImplicitSeed& g : out) anchors.push_back(g.node);
  std::sort(anchors.begin(), anchors.end());
  std::vector<std::uint8_t> is_group(c.num_nodes(), 0);
  for (const ImplicitSeed& g : out) is_group[g.node] = 1;
  Accumulator members;
  for (NodeId a : anchors) {
    const auto ties = organizational_ties(c, a, reg, p.strength, as_of, [&](NodeId v) {
      return !excluded[v] && !is_group[v] && !context_or_group(c.kind(v));
    });
    for (const auto& [v, t] : ties) members.add(v, a, weight[a] * t, ImplicitSeed::Kind::organizational_tie);
  }
  std::vector<ImplicitSeed> direct = members.take();
  out.insert(out.end(), std::make_move_iterator(direct.begin()), std::make_move_iterator(direct.end()));
  std::sort(out.begin(), out.end(), [](const ImplicitSeed& a, const ImplicitSeed& b) { return a.node < b.node; });
  return out;
}

namespace detail {

std::vector<double> full_seed_vector(const Case& c, std::span<const Seed> seeds, const PropagationParams& p,
                                     std::vector<ImplicitSeed>* implicit) {
  std::vector<double> y = seed_vector(c, seeds);
  std::vector<ImplicitSeed> extra = implicit_seeds(c, seeds, {}, p);
  for (const ImplicitSeed& s : extra) y[s.node] += s.weight;
  if (implicit) *implicit = std::move(extra);
  return y;
}

}  // namespace detail

}  // namespace corridor

// The report's drawings: the overview (individual actors and groups, laid out by
// Fruchterman-Reingold through Boost.Graph) and the bounded set of nodes and ties the interactive
// view embeds, each placed deterministically around what represents it in the overview.
#include "report/drawing_impl.hpp"

#include <algorithm>
#include <array>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/fruchterman_reingold.hpp>
#include <boost/graph/random_layout.hpp>
#include <boost/graph/topology.hpp>
#include <boost/random/linear_congruential.hpp>
#include <cmath>
#include <map>
#include <numeric>
#include <tuple>

namespace corridor::detail {

namespace {

constexpr std::uint32_t kNone32 = static_cast<std::uint32_t>(-1);


// Fruchterman-Reingold's attraction d^2/k, weakened on the ties to the hidden centre vertex:
// those ties act as gravity, so that loosely tied nodes do not drift to the walls of the box.
// Ties between two groups pull less: on a large case the groups tie to one another so densely
// that full attraction piles them on top of each other.
struct GravityAttraction {
  std::size_t centre;
  double gravity;
  const std::vector<char>* group;
  template <typename Edge, typename Graph>
  double operator()(Edge e, double k, double d, const Graph& g) const {
    const auto u = boost::source(e, g), v = boost::target(e, g);
    const bool to_centre = u == centre || v == centre;
    const bool between_groups = !to_centre && (*group)[u] && (*group)[v];
    return (to_centre ? gravity : between_groups ? 0.15 : 1.0) * d * d / k;
  }
};

// Fruchterman-Reingold's repulsion k^2/d, except from the hidden centre vertex (which would push
// everything outwards).
struct CentreFreeRepulsion {
  std::size_t centre;
  template <typename Vertex, typename Graph>
  double operator()(Vertex u, Vertex v, double k, double d, const Graph&) const {
    return u == centre || v == centre ? 0.0 : k * k / d;
  }
};

// Layout by Fruchterman-Reingold (Boost.Graph) on the drawn graph plus a centre vertex tied to
// every node; positions scaled into [0,1]^2.
void layout(Drawing& d, std::uint64_t seed) {
  using G = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
  using Topology = boost::rectangle_topology<boost::minstd_rand>;
  using Point = Topology::point_type;
  const std::size_t n = d.nodes.size();
  d.layout = "fruchterman_reingold";
  if (n == 0) return;
  if (n == 1) {
    d.nodes[0].x = d.nodes[0].y = 0.5;
    return;
  }
  G g(n + 1);
  for (const DrawEdge& e : d.edges) boost::add_edge(e.a, e.b, g);
  for (std::size_t i = 0; i < n; ++i) boost::add_edge(i, n, g);
  std::vector<char> group(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) group[i] = d.nodes[i].node == kNoNode;
  const double side = 100.0 * std::sqrt(static_cast<double>(n));
  boost::minstd_rand gen(static_cast<std::uint32_t>(seed % 2147483646u) + 1u);
  Topology topo(gen, -side / 2, -side / 2, side / 2, side / 2);
  std::vector<Point> pos(n + 1);
  auto pm = boost::make_iterator_property_map(pos.begin(), boost::get(boost::vertex_index, g));
  boost::random_graph_layout(g, pm, topo);
  boost::fruchterman_reingold_force_directed_layout(
      g, pm, topo,
      boost::attractive_force(GravityAttraction{n, 0.6, &group})
          .repulsive_force(CentreFreeRepulsion{n})
          .cooling(boost::linear_cooling<double>(300)));
  pos.pop_back();
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  bool finite = true;
  for (const Point& q : pos) {
    if (!std::isfinite(q[0]) || !std::isfinite(q[1])) finite = false;
    x0 = std::min(x0, q[0]), x1 = std::max(x1, q[0]);
    y0 = std::min(y0, q[1]), y1 = std::max(y1, q[1]);
  }
  const double pi = std::acos(-1.0);
  for (std::size_t i = 0; i < n; ++i) {
    if (!finite) {  // degenerate layout: fall back to a circle rather than draw nothing
      d.nodes[i].x = 0.5 + 0.5 * std::cos(2 * pi * static_cast<double>(i) / static_cast<double>(n));
      d.nodes[i].y = 0.5 + 0.5 * std::sin(2 * pi * static_cast<double>(i) / static_cast<double>(n));
      continue;
    }
    d.nodes[i].x = x1 > x0 ? (pos[i][0] - x0) / (x1 - x0) : 0.5;
    d.nodes[i].y = y1 > y0 ? (pos[i][1] - y0) / (y1 - y0) : 0.5;
  }
}

// Individual actors first (seeds, key players, top leads, then by weight), the rest grouped by
// community and kind (migrants also by origin country); groups beyond the budget are left out.
// slot[v]: the DrawNode that stands for case node v (itself or its group), kNone32 when left out.
Drawing overview(const Case& c, const View& view, const AnalysisResult& r, const std::vector<double>& weight,
                 const AnalyzeParams& p, std::vector<std::uint32_t>& slot) {
  Drawing d;
  const vertex_t n = view.graph.num_vertices();
  const std::size_t individual_budget = std::max<std::size_t>(5, p.max_drawn * 3 / 5);
  slot.assign(c.num_nodes(), kNone32);
  auto add_individual = [&](NodeId v) {
    if (slot[v] != kNone32 || view.vertex_of[v] == kNoVertex) return;
    if (d.nodes.size() >= individual_budget) return;
    slot[v] = static_cast<std::uint32_t>(d.nodes.size());
    d.nodes.push_back({v, c.kind(v), 1, r.community[v], {}, weight[v], 0, 0, false});
  };
  for (const Seed& s : r.seeds) add_individual(s.node);
  for (const Seed& s : r.cleared) add_individual(s.node);  // drawn with their ring, apart from the leads
  for (NodeId v : r.key_players) add_individual(v);
  if (r.has_scores)
    for (std::size_t i = 0; i < std::min<std::size_t>(20, r.scores.order.size()); ++i)
      if (r.scores.scores[r.scores.order[i]] > 0) add_individual(r.scores.order[i]);
  {
    std::vector<NodeId> order;
    for (vertex_t x = 0; x < n; ++x)
      if (c.kind(view.node_of[x]) != NodeKind::migrant) order.push_back(view.node_of[x]);
    std::stable_sort(order.begin(), order.end(), [&](NodeId a, NodeId b) { return weight[a] > weight[b]; });
    for (NodeId v : order) {
      if (d.nodes.size() >= individual_budget) break;
      add_individual(v);
    }
  }
  const std::size_t individuals = d.nodes.size();

  // Groups of the others.
  struct Group {
    std::int64_t community;
    NodeKind kind;
    std::string country;
    std::vector<NodeId> members;
    double weight = 0;
  };
  // The finest grouping that fits the budget: by community, kind and (migrants) origin country;
  // else by community and kind; else by community alone (largest communities first).
  const std::size_t group_budget = p.max_drawn - std::min(p.max_drawn, d.nodes.size());
  std::vector<Group> groups;
  std::vector<char> mixed;
  for (int level = 0; level < 3; ++level) {
    std::map<std::tuple<std::int64_t, int, std::string>, std::size_t> group_of;
    groups.clear();
    for (vertex_t x = 0; x < n; ++x) {
      const NodeId v = view.node_of[x];
      if (slot[v] != kNone32) continue;
      const NodeKind k = c.kind(v);
      const std::string country = level == 0 && k == NodeKind::migrant ? std::string(c.country(v)) : std::string();
      const auto key = std::make_tuple(r.community[v], level == 2 ? -1 : static_cast<int>(k), country);
      auto [it, fresh] = group_of.emplace(key, groups.size());
      if (fresh) groups.push_back({r.community[v], k, country, {}, 0});
      groups[it->second].members.push_back(v);
      groups[it->second].weight += weight[v];
    }
    mixed.assign(groups.size(), 0);
    if (level == 2) {  // a group of several kinds shows its most common kind
      for (std::size_t gi = 0; gi < groups.size(); ++gi) {
        std::array<std::size_t, kNodeKindCount> kinds{};
        for (NodeId v : groups[gi].members) ++kinds[static_cast<std::size_t>(c.kind(v))];
        const auto top = std::max_element(kinds.begin(), kinds.end()) - kinds.begin();
        groups[gi].kind = static_cast<NodeKind>(top);
        mixed[gi] = kinds[static_cast<std::size_t>(top)] != groups[gi].members.size();
      }
    }
    if (groups.size() <= group_budget) break;
  }
  std::vector<std::size_t> order(groups.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return groups[a].members.size() > groups[b].members.size(); });
  for (std::size_t gi : order) {
    Group& g = groups[gi];
    if (d.nodes.size() >= p.max_drawn) {
      d.nodes_left_out += g.members.size();
      continue;
    }
    if (g.members.size() == 1) {  // a group of one is drawn as the node itself
      const NodeId v = g.members[0];
      slot[v] = static_cast<std::uint32_t>(d.nodes.size());
      d.nodes.push_back({v, c.kind(v), 1, r.community[v], {}, weight[v], 0, 0, false});
      continue;
    }
    const auto idx = static_cast<std::uint32_t>(d.nodes.size());
    for (NodeId v : g.members) slot[v] = idx;
    d.nodes.push_back({kNoNode, g.kind, g.members.size(), g.community, g.country, g.weight, 0, 0, false, mixed[gi] != 0});
  }
  d.nodes_shown = n - d.nodes_left_out;

  // Ties between drawn nodes, merged.
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> ties;
  for (vertex_t x = 0; x < n; ++x) {
    const std::uint32_t a = slot[view.node_of[x]];
    if (a == kNone32) continue;
    for (vertex_t y : view.graph.out_neighbors(x)) {
      if (y <= x) continue;
      const std::uint32_t b = slot[view.node_of[y]];
      if (b == kNone32 || a == b) continue;
      ++ties[{std::min(a, b), std::max(a, b)}];
    }
  }
  for (const auto& [key, count] : ties) d.edges.push_back({key.first, key.second, count});

  // Labels: the heaviest individuals, then the largest groups.
  std::vector<std::uint32_t> ind(individuals);
  std::iota(ind.begin(), ind.end(), 0u);
  std::stable_sort(ind.begin(), ind.end(), [&](auto a, auto b) { return d.nodes[a].weight > d.nodes[b].weight; });
  const std::size_t group_labels = p.labels / 3;
  for (std::size_t i = 0; i < ind.size() && i < p.labels - std::min(p.labels, group_labels); ++i)
    d.nodes[ind[i]].labelled = true;
  std::vector<std::uint32_t> grp;
  for (std::uint32_t i = 0; i < d.nodes.size(); ++i)
    if (d.nodes[i].node == kNoNode) grp.push_back(i);
  std::stable_sort(grp.begin(), grp.end(), [&](auto a, auto b) { return d.nodes[a].members > d.nodes[b].members; });
  for (std::size_t i = 0; i < grp.size() && i < group_labels; ++i) d.nodes[grp[i]].labelled = true;

  layout(d, p.seed);
  return d;
}

// ---- the interactive view's nodes ---------------------------------------------------------------

// Picks the case nodes the page embeds, within p.page_nodes, in order of what an analyst asks for
// first: the nodes drawn alone; the top leads and every node on their paths; the neighbours of
// the nodes drawn alone, strongest ties first; then each group's best members (by weight), every
// group getting a share of what is left in proportion to its size; finally the countries and
// places tied to the chosen nodes (shown only on request).
class PagePicker {
 public:
  PagePicker(const Case& c, Drawing& d, const std::vector<std::uint32_t>& slot, std::size_t budget)
      : c_(c), d_(d), slot_(slot), budget_(budget), index_(c.num_nodes(), kNone32) {}

  bool full() const { return d_.page.size() >= budget_; }
  bool has(NodeId v) const { return index_[v] != kNone32; }

  void add(NodeId v) {
    if (has(v) || full()) return;
    const bool context = !is_actor(c_.kind(v)) && c_.kind(v) != NodeKind::asset;
    // Only actors the overview stands for, or context nodes; an actor of a group left out of
    // the overview has nowhere to be shown.
    if (!context && slot_[v] == kNone32) return;
    index_[v] = static_cast<std::uint32_t>(d_.page.size());
    d_.page.push_back({v, context ? -1 : static_cast<std::int64_t>(slot_[v]), 0.0, 0.0});
  }

  const std::vector<std::uint32_t>& index() const { return index_; }

 private:
  const Case& c_;
  Drawing& d_;
  const std::vector<std::uint32_t>& slot_;
  std::size_t budget_;
  std::vector<std::uint32_t> index_;
};

// Members of each group, best first (weight, then NodeId).
std::vector<std::vector<NodeId>> group_members(const Drawing& d, const std::vector<std::uint32_t>& slot,
                                               const std::vector<double>& weight) {
  std::vector<std::vector<NodeId>> members(d.nodes.size());
  for (NodeId v = 0; v < slot.size(); ++v)
    if (slot[v] != kNone32 && d.nodes[slot[v]].node == kNoNode) members[slot[v]].push_back(v);
  for (auto& m : members)
    std::stable_sort(m.begin(), m.end(), [&](NodeId a, NodeId b) { return weight[a] > weight[b]; });
  return members;
}

void pick_page_nodes(const Case& c, Drawing& d, const std::vector<std::uint32_t>& slot, const AnalysisResult& r,
                     const Graph& strength, const std::vector<double>& weight, const AnalyzeParams& p,
                     PagePicker& pick) {
  for (const DrawNode& n : d.nodes)
    if (n.node != kNoNode) pick.add(n.node);
  for (std::size_t i = 0; i < r.lead_paths.size(); ++i) {
    pick.add(r.scores.order[i]);
    for (const EvidencePath& path : r.lead_paths[i])
      for (NodeId v : path.nodes) pick.add(v);
  }
  // Neighbourhoods of the nodes drawn alone, strongest ties first, at most 200 each so that one
  // hub does not take the whole budget.
  const std::size_t individuals = d.page.size();
  for (std::size_t i = 0; i < individuals && !pick.full(); ++i) {
    const NodeId u = d.page[i].node;
    const auto nb = strength.out_neighbors(u);
    const auto w = strength.out_weights(u);
    std::vector<std::size_t> order(nb.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return w[a] > w[b]; });
    for (std::size_t j = 0; j < order.size() && j < 200; ++j) pick.add(nb[order[j]]);
  }
  // Group members: each group a share of the rest in proportion to its size (at least 20).
  const auto members = group_members(d, slot, weight);
  std::size_t total = 0;
  for (const auto& m : members) total += m.size();
  const double left = static_cast<double>(p.page_nodes - std::min(p.page_nodes, d.page.size()));
  for (std::size_t g = 0; g < members.size() && !pick.full(); ++g) {
    const double share = total ? left * static_cast<double>(members[g].size()) / static_cast<double>(total) : 0.0;
    const std::size_t quota = std::max<std::size_t>(20, static_cast<std::size_t>(share));
    std::size_t taken = 0;
    for (NodeId v : members[g]) {
      if (taken >= quota || pick.full()) break;
      taken += !pick.has(v);
      pick.add(v);
    }
  }
  // Countries and places tied to a chosen node.
  const std::size_t chosen = d.page.size();
  for (std::size_t i = 0; i < chosen && !pick.full(); ++i) {
    const NodeId u = d.page[i].node;
    for (auto list : {c.out_evidence(u), c.in_evidence(u)})
      for (EvidenceId e : list) {
        const NodeId w = c.other(e, u);
        if (!is_actor(c.kind(w)) && c.kind(w) != NodeKind::asset) pick.add(w);
      }
  }
}

// Positions: a node drawn alone sits where the overview put it; a group's members fill a disc
// around the group (sunflower pattern, best member in the middle); countries and places, and
// actors on lead paths whose group the overview left out, sit on rings outside the drawing.
void place_page_nodes(const Case& c, Drawing& d) {
  constexpr double kGolden = 2.39996322972865332;  // pi (3 - sqrt 5)
  const double pi = std::acos(-1.0);
  d.group_embedded.assign(d.nodes.size(), 0);
  for (const PageNode& n : d.page)
    if (n.draw >= 0 && d.nodes[static_cast<std::size_t>(n.draw)].node == kNoNode)
      ++d.group_embedded[static_cast<std::size_t>(n.draw)];
  std::vector<std::uint32_t> placed(d.nodes.size(), 0);
  std::vector<std::size_t> outside;
  for (std::size_t i = 0; i < d.page.size(); ++i) {
    PageNode& n = d.page[i];
    if (n.draw < 0) {
      outside.push_back(i);
      continue;
    }
    const DrawNode& g = d.nodes[static_cast<std::size_t>(n.draw)];
    if (g.node != kNoNode) {
      n.x = g.x, n.y = g.y;
      continue;
    }
    const auto total = static_cast<double>(d.group_embedded[static_cast<std::size_t>(n.draw)]);
    const auto k = static_cast<double>(placed[static_cast<std::size_t>(n.draw)]++);
    const double radius = 0.004 * std::sqrt(total) * std::sqrt((k + 0.5) / total);
    n.x = g.x + radius * std::cos(k * kGolden);
    n.y = g.y + radius * std::sin(k * kGolden);
  }
  // Outside: context nodes on the outer ring by kind and id, other actors on an inner one.
  std::stable_sort(outside.begin(), outside.end(), [&](std::size_t a, std::size_t b) {
    const NodeId u = d.page[a].node, v = d.page[b].node;
    return std::make_tuple(c.kind(u), c.node_id(u)) < std::make_tuple(c.kind(v), c.node_id(v));
  });
  for (std::size_t j = 0; j < outside.size(); ++j) {
    PageNode& n = d.page[outside[j]];
    const bool context = !is_actor(c.kind(n.node)) && c.kind(n.node) != NodeKind::asset;
    const double angle = 2 * pi * static_cast<double>(j) / static_cast<double>(outside.size());
    const double radius = context ? 0.66 : 0.6;
    n.x = 0.5 + radius * std::cos(angle);
    n.y = 0.5 + radius * std::sin(angle);
  }
}

// Ties among page nodes: every pair with evidence between them, once; strength from the
// propagation graph (0 where propagation passes nothing, e.g. a nationality).
void page_ties(const Case& c, Drawing& d, const std::vector<std::uint32_t>& index, const Graph& strength) {
  for (std::uint32_t i = 0; i < d.page.size(); ++i) {
    const NodeId u = d.page[i].node;
    std::vector<std::uint32_t> others;
    for (auto list : {c.out_evidence(u), c.in_evidence(u)})
      for (EvidenceId e : list) {
        const std::uint32_t j = index[c.other(e, u)];
        if (j != kNone32 && j > i) others.push_back(j);
      }
    std::sort(others.begin(), others.end());
    others.erase(std::unique(others.begin(), others.end()), others.end());
    for (std::uint32_t j : others) {
      const std::int64_t arc = strength.find_arc(u, d.page[j].node);
      d.page_ties.push_back({i, j, arc >= 0 ? strength.arc_weights()[static_cast<std::size_t>(arc)] : 0.0});
    }
  }
}

}  // namespace

Drawing make_drawing(const Case& c, const View& view, const AnalysisResult& r, const std::vector<double>& weight,
                     const Graph& strength, const AnalyzeParams& p) {
  std::vector<std::uint32_t> slot;
  Drawing d = overview(c, view, r, weight, p, slot);
  PagePicker pick(c, d, slot, p.page_nodes);
  pick_page_nodes(c, d, slot, r, strength, weight, p, pick);
  place_page_nodes(c, d);
  page_ties(c, d, pick.index(), strength);
  d.draw_of = std::move(slot);
  return d;
}

}  // namespace corridor::detail

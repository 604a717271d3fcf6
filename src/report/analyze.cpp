// The analysis pipeline behind `corridor analyze`: every measure on one actor graph, then the
// community portraits and the aggregated drawing the report shows.
#include "corridor/report/analyze.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/fruchterman_reingold.hpp>
#include <boost/graph/random_layout.hpp>
#include <boost/graph/topology.hpp>
#include <boost/random/linear_congruential.hpp>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <map>
#include <numeric>
#include <unordered_map>

#include "corridor/centrality/betweenness.hpp"
#include "corridor/centrality/closeness.hpp"
#include "corridor/centrality/degree.hpp"
#include "corridor/centrality/keyplayers.hpp"
#include "corridor/centrality/spectral.hpp"
#include "corridor/community/leiden.hpp"
#include "corridor/community/quality.hpp"
#include "corridor/error.hpp"
#include "corridor/graph/view.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/report/pseudonym.hpp"

namespace corridor {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string utc_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void check_params(const AnalyzeParams& p) {
  if (!(p.epsilon == 0.0 || (p.epsilon > 0.0 && p.epsilon < 1.0)))
    throw ParamError(fmt::format("epsilon must be in (0,1), or 0 for automatic; got {}", p.epsilon));
  if (!(p.resolution >= 0.0) || !std::isfinite(p.resolution))
    throw ParamError(fmt::format("resolution must be >= 0 (1 is the classic modularity); got {}", p.resolution));
  if (p.table_rows < 1) throw ParamError("table_rows must be >= 1");
  if (p.max_drawn < 10 || p.max_drawn > 2000)
    throw ParamError(fmt::format("max_drawn must be in [10, 2000]; got {}", p.max_drawn));
  for (Format f : p.exports)
    if (f != Format::graphml && f != Format::gexf && f != Format::json && f != Format::dot)
      throw ParamError("exports: only graphml, gexf, json and dot are graph exports");
  if (!p.exports.empty() && !p.pseudonym_key.empty())
    throw ParamError("a graph export holds every id and label, so it cannot be pseudonymised; leave out the export "
                     "or the pseudonym key");
}

// Phase timing and progress in one place.
class Phases {
 public:
  Phases(AnalysisResult& r, const ProgressFn& f) : r_(r), f_(f) {}
  void start(const std::string& phase, std::string_view message) {
    phase_ = phase;
    t0_ = std::chrono::steady_clock::now();
    if (f_) f_(phase_, 0.0, message);
  }
  void step(double fraction, std::string_view message) {
    if (f_) f_(phase_, fraction, message);
  }
  void finish(std::string_view message) {
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count();
    r_.timings.push_back({phase_, s});
    if (f_) f_(phase_, 1.0, message);
  }

 private:
  AnalysisResult& r_;
  const ProgressFn& f_;
  std::string phase_;
  std::chrono::steady_clock::time_point t0_;
};

std::vector<std::pair<std::string, std::size_t>> top_counts(const std::map<std::string, std::size_t>& counts,
                                                            std::size_t k) {
  std::vector<std::pair<std::string, std::size_t>> v(counts.begin(), counts.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (v.size() > k) v.resize(k);
  return v;
}

std::vector<InputDigest> digest_inputs(const Case& c, const AnalyzeParams& p) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files = p.input_files;
  if (files.empty() && !c.origin().empty()) {
    const fs::path origin = c.origin();
    std::error_code ec;
    if (fs::is_directory(origin, ec)) {
      for (const char* name : {"nodes.csv", "edges.csv", "seeds.csv", "relations.csv"})
        if (fs::is_regular_file(origin / name, ec)) files.push_back(origin / name);
    } else if (fs::is_regular_file(origin, ec)) {
      files.push_back(origin);
    }
    if (!p.seeds_file.empty()) files.push_back(p.seeds_file);
  }
  std::vector<InputDigest> out;
  for (const auto& f : files) {
    std::error_code ec;
    const auto bytes = fs::file_size(f, ec);
    out.push_back({f.string(), sha256_file(f), ec ? 0 : bytes});
  }
  return out;
}

// ---- the drawing --------------------------------------------------------------------------------

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
Drawing make_drawing(const Case& c, const View& view, const AnalysisResult& r, const std::vector<double>& weight,
                     const AnalyzeParams& p) {
  Drawing d;
  const vertex_t n = view.graph.num_vertices();
  const std::size_t individual_budget = std::max<std::size_t>(5, p.max_drawn * 3 / 5);
  std::vector<std::uint32_t> slot(c.num_nodes(), static_cast<std::uint32_t>(-1));
  auto add_individual = [&](NodeId v) {
    if (slot[v] != static_cast<std::uint32_t>(-1) || view.vertex_of[v] == kNoVertex) return;
    if (d.nodes.size() >= individual_budget) return;
    slot[v] = static_cast<std::uint32_t>(d.nodes.size());
    d.nodes.push_back({v, c.kind(v), 1, r.community[v], {}, weight[v], 0, 0, false});
  };
  for (const Seed& s : r.seeds) add_individual(s.node);
  for (NodeId v : r.key_players) add_individual(v);
  if (r.has_scores)
    for (std::size_t i = 0; i < std::min<std::size_t>(20, r.scores.rank.size()); ++i)
      if (r.scores.scores[r.scores.rank[i]] > 0) add_individual(r.scores.rank[i]);
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
      if (slot[v] != static_cast<std::uint32_t>(-1)) continue;
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
    if (a == static_cast<std::uint32_t>(-1)) continue;
    for (vertex_t y : view.graph.out_neighbors(x)) {
      if (y <= x) continue;
      const std::uint32_t b = slot[view.node_of[y]];
      if (b == static_cast<std::uint32_t>(-1) || a == b) continue;
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

}  // namespace

AnalysisResult analyze(const Case& c, const AnalyzeParams& p, const ProgressFn& progress) {
  check_params(p);
  AnalysisResult r;
  r.params = p;
  r.origin = c.origin();
  r.date = utc_now();
  r.warnings = c.warnings().size();
  Phases ph(r, progress);
  const std::size_t N = c.num_nodes();

  ph.start("inputs", "hashing the input files");
  r.inputs = digest_inputs(c, p);
  r.seeds = p.seeds_file.empty() ? c.seeds() : read_seeds(p.seeds_file, c);
  ph.finish(fmt::format("{} files hashed (SHA-256); {} nodes, {} pieces of evidence, {} seeds", r.inputs.size(), N,
                        c.num_evidence(), r.seeds.size()));

  ph.start("graph", "building the actor graph");
  ViewParams vp;
  vp.relations = actor_relations(c.relations());
  const View view = make_view(c, vp);
  const Graph& g = view.graph;
  const vertex_t n = g.num_vertices();
  r.graph_vertices = n;
  r.graph_edges = g.num_edges();
  ph.finish(fmt::format("{} actors and assets, {} ties (countries, locations, nationality and transit left out)", n,
                        r.graph_edges));

  auto per_node = [&](const std::vector<double>& scores) {
    std::vector<double> out(N, kNaN);
    for (vertex_t x = 0; x < n; ++x) out[view.node_of[x]] = scores[x];
    return out;
  };
  const bool exact = !p.approximate && n <= p.exact_limit;
  ph.start("centrality", exact ? "degree, PageRank, betweenness (exact), closeness"
                               : "degree, PageRank, betweenness (sampled)");
  r.degree = per_node(degree_centrality(g).scores);
  {
    const ScoreResult pr = pagerank(g);
    r.pagerank = per_node(pr.scores);
    r.pagerank_iterations = pr.iterations;
    r.pagerank_converged = pr.converged;
  }
  ph.step(0.2, "betweenness");
  if (exact) {
    r.betweenness = per_node(betweenness(g).scores);
    r.betweenness_method = "exact (Brandes)";
  } else {
    const double eps = p.epsilon > 0 ? p.epsilon : (n <= 200000 ? 0.01 : 0.05);
    const ScoreResult b = approximate_betweenness(g, {.epsilon = eps, .seed = p.seed});
    r.betweenness = per_node(b.scores);
    r.betweenness_method = fmt::format("sampled (Riondato-Kornaropoulos, epsilon {}, delta 0.1, {} paths)", eps,
                                       b.iterations);
  }
  ph.step(0.6, "closeness");
  r.closeness_computed = n <= p.exact_limit;
  r.closeness = r.closeness_computed ? per_node(closeness(g).scores) : std::vector<double>(N, kNaN);
  ph.finish(fmt::format("degree, PageRank ({} iterations), betweenness {}, closeness {}", r.pagerank_iterations,
                        r.betweenness_method,
                        r.closeness_computed ? "exact" : fmt::format("left out (more than {} vertices)", p.exact_limit)));

  ph.start("communities", "Leiden");
  const CommunityResult cr = leiden(g, {.resolution = p.resolution, .seed = p.seed});
  r.community.assign(N, -1);
  for (vertex_t x = 0; x < n; ++x) r.community[view.node_of[x]] = cr.membership[x];
  r.community_count = cr.count;
  r.modularity = n > 0 && g.num_edges() > 0 ? modularity(g, cr.membership, p.resolution) : kNaN;
  ph.finish(fmt::format("{} communities, modularity {:.4f}", cr.count, r.modularity));

  ph.start("brokerage", "constraint, effective size and brokerage roles between communities");
  {
    const BrokerageResult b = brokerage(g, cr.membership, {.weighted = false});
    r.constraint = per_node(b.constraint);
    r.effective_size = per_node(b.effective_size);
    r.roles.assign(N, {});
    for (vertex_t x = 0; x < n; ++x) r.roles[view.node_of[x]] = b.roles[x];
  }
  ph.finish("brokerage roles counted");

  ph.start("keyplayers", "KPP-Neg and articulation points");
  {
    const KeyPlayerResult kp = key_players(g, {.k = std::min<std::size_t>(p.key_players, n)});
    for (std::size_t i = 0; i < kp.players.size(); ++i) {
      r.key_players.push_back(view.node_of[kp.players[i]]);
      r.key_marginal.push_back(kp.marginal[i]);
    }
    r.fragmentation = kp.score;
    for (vertex_t x : articulation_points(g)) r.articulation_points.push_back(view.node_of[x]);
    std::sort(r.articulation_points.begin(), r.articulation_points.end());
  }
  ph.finish(fmt::format("{} key players (fragmentation {:.4f}), {} articulation points", r.key_players.size(),
                        r.fragmentation, r.articulation_points.size()));

  if (!r.seeds.empty()) {
    ph.start("scores", "affiliation propagation from the seeds");
    r.scores = propagate(c, r.seeds, p.propagation);
    r.has_scores = true;
    for (double s : r.scores.scores) r.reached += s > 0;
    const ExplainIndex index = build_explain_index(c, r.seeds, p.propagation);
    const std::size_t todo = std::min(p.explain_top, r.reached);
    for (std::size_t i = 0; i < todo; ++i) {
      const NodeId v = r.scores.rank[i];
      auto found = strongest_paths(index, v, {.k = 1});
      r.paths.push_back(found.empty() ? EvidencePath{} : std::move(found[0]));
      if (i % 64 == 63) ph.step(static_cast<double>(i + 1) / static_cast<double>(todo), "explaining the top leads");
    }
    ph.finish(fmt::format("{} of {} nodes reached from {} seeds ({} iterations{}); top {} explained", r.reached, N,
                          r.seeds.size(), r.scores.iterations, r.scores.converged ? "" : ", NOT converged", todo));
  }

  ph.start("summaries", "community portraits");
  {
    std::vector<std::vector<NodeId>> members(cr.count);
    for (vertex_t x = 0; x < n; ++x) members[static_cast<std::size_t>(cr.membership[x])].push_back(view.node_of[x]);
    std::vector<char> is_seed(N, 0);
    for (const Seed& s : r.seeds) is_seed[s.node] = 1;
    const auto transited = c.relations().find("transited");
    const auto origin_rel = c.relations().find("originates_from");
    for (std::size_t k = 0; k < cr.count; ++k) {
      CommunitySummary s;
      s.id = static_cast<std::int64_t>(k);
      s.size = members[k].size();
      std::map<std::string, std::size_t> roles, origins, transits;
      double score_sum = 0;
      std::vector<NodeId> leaders;
      for (NodeId v : members[k]) {
        ++s.by_kind[static_cast<std::size_t>(c.kind(v))];
        if (!c.role(v).empty()) ++roles[std::string(c.role(v))];
        s.seeds += is_seed[v];
        if (r.has_scores) score_sum += r.scores.scores[v];
        if (c.kind(v) == NodeKind::migrant) {
          bool known = false;
          if (!c.country(v).empty()) ++origins[std::string(c.country(v))], known = true;
          for (EvidenceId e : c.out_evidence(v)) {
            if (transited && c.relation(e) == *transited) ++transits[std::string(c.node_id(c.target(e)))];
            if (!known && origin_rel && c.relation(e) == *origin_rel) ++origins[std::string(c.node_id(c.target(e)))], known = true;
          }
        } else {
          leaders.push_back(v);
          for (EvidenceId e : c.out_evidence(v))
            if (transited && c.relation(e) == *transited) ++transits[std::string(c.node_id(c.target(e)))];
        }
      }
      s.roles = top_counts(roles, 5);
      s.origins = top_counts(origins, 5);
      s.transits = top_counts(transits, 5);
      std::stable_sort(leaders.begin(), leaders.end(), [&](NodeId a, NodeId b) { return r.pagerank[a] > r.pagerank[b]; });
      if (leaders.size() > 5) leaders.resize(5);
      s.top_members = std::move(leaders);
      s.mean_score = s.size ? score_sum / static_cast<double>(s.size) : 0.0;
      r.communities.push_back(std::move(s));
    }
    std::stable_sort(r.communities.begin(), r.communities.end(),
                     [](const CommunitySummary& a, const CommunitySummary& b) { return a.size > b.size; });
  }
  ph.finish(fmt::format("{} communities summarised", cr.count));

  ph.start("layout", "aggregating and laying out the drawing");
  {
    std::vector<double> weight(N, 0.0);
    for (NodeId v = 0; v < N; ++v) {
      const double w = r.has_scores ? r.scores.scores[v] : r.pagerank[v];
      weight[v] = std::isfinite(w) ? w : 0.0;
    }
    r.drawing = make_drawing(c, view, r, weight, p);
  }
  ph.finish(fmt::format("{} drawn nodes ({} groups) and {} ties for {} actors", r.drawing.nodes.size(),
                        std::count_if(r.drawing.nodes.begin(), r.drawing.nodes.end(),
                                      [](const DrawNode& d) { return d.node == kNoNode; }),
                        r.drawing.edges.size(), r.drawing.nodes_shown));
  return r;
}

}  // namespace corridor

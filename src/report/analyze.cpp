// The analysis pipeline behind `corridor analyze`: every measure on one actor graph, the scores
// with their explanations, the community portraits, then the drawings (drawing.cpp). No file is
// read or written here: the caller reads the case and the seeds, write_report() writes.
#include "corridor/report/analyze.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
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
#include "corridor/graph/order.hpp"
#include "corridor/graph/view.hpp"
#include "report/drawing_impl.hpp"
#include "report/report_impl.hpp"

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
  if (!(p.exact_work >= 0.0))
    throw ParamError(fmt::format("exact_work must be >= 0 (work n (n + arcs) allowed for exact betweenness); got {}",
                                 p.exact_work));
  if (p.table_rows < 1) throw ParamError("table_rows must be >= 1");
  if (p.max_drawn < 10 || p.max_drawn > 2000)
    throw ParamError(fmt::format("max_drawn must be in [10, 2000]; got {}", p.max_drawn));
  if (p.page_nodes < 100 || p.page_nodes > 500000)
    throw ParamError(fmt::format("page_nodes must be in [100, 500000]; got {}", p.page_nodes));
  if (p.page_paths < 1 || p.page_paths > 10)
    throw ParamError(fmt::format("page_paths must be in [1, 10]; got {}", p.page_paths));
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

// Per case node (NaN outside the actor graph) from per vertex of the view.
std::vector<double> on_case_nodes(const View& view, std::size_t N, const std::vector<double>& scores) {
  std::vector<double> out(N, kNaN);
  for (vertex_t x = 0; x < view.graph.num_vertices(); ++x) out[view.node_of[x]] = scores[x];
  return out;
}

// Degree, PageRank, betweenness (exact or sampled) and closeness (or its reason to be left out).
void centrality_phase(const View& view, const AnalyzeParams& p, AnalysisResult& r, Phases& ph) {
  const Graph& g = view.graph;
  const vertex_t n = g.num_vertices();
  const std::size_t N = view.vertex_of.size();  // case nodes
  const auto per_node = [&](const std::vector<double>& scores) { return on_case_nodes(view, N, scores); };
  // Exact betweenness and closeness cost one search per vertex: n (n + arcs). Above the vertex
  // limit or the work budget, betweenness is sampled and closeness left out, and the report says why.
  const double work = static_cast<double>(n) * (static_cast<double>(n) + static_cast<double>(g.num_arcs()));
  if (n > p.exact_limit) r.exact_left_out = fmt::format("more than {} vertices", p.exact_limit);
  else if (work > p.exact_work)
    r.exact_left_out = fmt::format("work n (n + arcs) = {:.3g} above the budget of {:.3g}", work, p.exact_work);
  r.closeness_computed = r.exact_left_out.empty();
  if (r.exact_left_out.empty() && p.approximate) r.exact_left_out = "sampled betweenness asked for";
  const bool exact = r.exact_left_out.empty();
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
  r.closeness = r.closeness_computed ? per_node(closeness(g).scores) : std::vector<double>(N, kNaN);
  ph.finish(fmt::format("degree, PageRank ({} iterations), betweenness {}, closeness {}", r.pagerank_iterations,
                        r.betweenness_method,
                        r.closeness_computed ? "exact" : fmt::format("left out ({})", r.exact_left_out)));

}

// Seconds since the last call (or construction): the parts of a phase, for its progress line.
class Lap {
 public:
  double operator()() {
    const auto now = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(now - t_).count();
    t_ = now;
    return s;
  }

 private:
  std::chrono::steady_clock::time_point t_ = std::chrono::steady_clock::now();
};

// The page_paths strongest paths of the top page_leads (the view's panel, as `corridor explain
// --k page_paths` lists them), the strongest path of each of the top explain_top leads
// (scores.csv; a page lead's first path), and the per-seed shares of the top page_shares. Adds
// how long each part took to `timing`.
void explain_leads(const ExplainIndex& index, const AnalyzeParams& p, AnalysisResult& r, Phases& ph, Lap& lap,
                   std::string& timing) {
  const std::size_t todo = std::min(std::max(p.explain_top, p.page_leads), r.reached);
  const std::size_t page = std::min(p.page_leads, todo);
  const std::span<const NodeId> leads(r.scores.order.data(), todo);
  const PathParams page_params = bulk_path_params(p.page_paths), column_params = bulk_path_params(1);
  r.lead_paths = strongest_paths(index, leads.first(page), std::span<const PathParams>(&page_params, 1));
  timing += fmt::format(", {} page leads' paths {:.1f} s", page, lap());
  ph.step(0.3, "explaining the top leads");
  const std::size_t column = std::min(p.explain_top, todo);
  for (std::size_t i = 0; i < std::min(column, page); ++i)
    r.paths.push_back(r.lead_paths[i].empty() ? EvidencePath{} : r.lead_paths[i][0]);
  // The rest of the path column in chunks, so that progress moves.
  constexpr std::size_t kChunk = 250;
  for (std::size_t lo = page; lo < column; lo += kChunk) {
    const auto chunk = leads.subspan(lo, std::min(kChunk, column - lo));
    for (auto& found : strongest_paths(index, chunk, std::span<const PathParams>(&column_params, 1)))
      r.paths.push_back(found.empty() ? EvidencePath{} : std::move(found[0]));
    ph.step(0.3 + 0.6 * static_cast<double>(lo + chunk.size() - page) / static_cast<double>(column - page),
            "explaining the top leads");
  }
  if (column > page) timing += fmt::format(", {} more leads' paths {:.1f} s", column - page, lap());
  // All leads' shares in one call: one walk per seed when there are fewer seeds than leads.
  const std::size_t shares = std::min(p.page_shares, r.reached);
  r.lead_shares = seed_shares(index, std::span<const NodeId>(r.scores.order.data(), shares));
  timing += fmt::format(", {} leads' shares {:.1f} s", shares, lap());
  ph.step(1.0, "per-seed shares of the top leads");
}

// Portraits of the communities (kinds, roles, origins, transit, most central members, seeds,
// mean score), largest first.
void summarise_communities(const Case& c, const View& view, const CommunityResult& cr, AnalysisResult& r) {
  const std::size_t N = c.num_nodes();
  const vertex_t n = view.graph.num_vertices();
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

}  // namespace

// Views with at least this many vertices are renumbered by vertex_order() before the measures
// run: below it everything fits in the caches anyway.
constexpr vertex_t kLocalityOrderFrom = 100000;

AnalysisResult analyze(const Case& c, const AnalyzeParams& p, const ProgressFn& progress) {
  check_params(p);
  AnalysisResult r;
  r.params = p;
  r.origin = c.origin();
  r.date = utc_now();
  r.warnings = c.warning_count();
  Phases ph(r, progress);
  const std::size_t N = c.num_nodes();

  // With a key, every pseudonym is computed and checked for collisions now: a clash fails the
  // run before the work, not after it.
  if (!p.pseudonym_key.empty()) (void)detail::Namer(c, p.pseudonym_key);
  r.seeds = p.seeds.empty() ? c.seeds() : p.seeds;
  for (const Seed& s : r.seeds)
    if (s.node >= N) throw ParamError(fmt::format("a seed names node {} but the case has {} nodes", s.node, N));
  if (!r.seeds.empty()) r.cleared = p.cleared;
  for (const Seed& s : r.cleared)
    if (s.node >= N) throw ParamError(fmt::format("a cleared person names node {} but the case has {} nodes", s.node, N));

  ph.start("graph", "building the actor graph");
  ViewParams vp;
  vp.relations = actor_relations(c.relations());
  View view = make_view(c, vp);
  // A large view is renumbered so that tied actors sit together (graph/order.hpp): PageRank,
  // Leiden and the searches then mostly hit the cache. Every result goes through node_of as
  // before, communities are numbered by smallest node below, and small cases keep their order.
  const bool reordered = view.graph.num_vertices() >= kLocalityOrderFrom;
  if (reordered) renumber(view, vertex_order(view.graph));
  const Graph& g = view.graph;
  const vertex_t n = g.num_vertices();
  r.graph_vertices = n;
  r.graph_edges = g.num_edges();
  ph.finish(fmt::format("{} actors and assets, {} ties (countries, locations, nationality and transit left out){}", n,
                        r.graph_edges, reordered ? "; renumbered for locality" : ""));

  const auto per_node = [&](const std::vector<double>& scores) { return on_case_nodes(view, N, scores); };
  centrality_phase(view, p, r, ph);

  ph.start("communities", "Leiden");
  CommunityResult cr = leiden(g, {.resolution = p.resolution, .seed = p.seed});
  {
    // Communities numbered by their smallest case node (the view's order may differ).
    std::vector<std::int64_t> number(cr.count, -1);
    std::int64_t next = 0;
    for (NodeId v = 0; v < N; ++v)
      if (view.vertex_of[v] != kNoVertex && number[static_cast<std::size_t>(cr.membership[view.vertex_of[v]])] < 0)
        number[static_cast<std::size_t>(cr.membership[view.vertex_of[v]])] = next++;
    for (auto& m : cr.membership) m = number[static_cast<std::size_t>(m)];
  }
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

  Graph strength;  // the propagation graph: tie strengths for the paths and the view
  if (!r.seeds.empty()) {
    ph.start("scores", "affiliation propagation from the seeds");
    Lap lap;
    r.scores = propagate(c, r.seeds, p.propagation, r.cleared);
    r.has_scores = true;
    for (double s : r.scores.scores) r.reached += s > 0;
    std::string timing = fmt::format("propagation {:.1f} s", lap());
    const ExplainIndex index = build_explain_index(c, r.scores);
    r.scores.walk.reset();  // the index holds the walk now; the result outlives it (into the report)
    timing += fmt::format(", path index {:.1f} s", lap());
    explain_leads(index, p, r, ph, lap, timing);
    strength = index.graph();
    ph.finish(fmt::format("{} of {} nodes reached from {} seeds{} ({} iterations{}); top {} explained, {} with {} paths, "
                          "{} with per-seed shares ({})",
                          r.reached, N, r.seeds.size(),
                          r.cleared.empty() ? "" : fmt::format(", {} cleared", r.cleared.size()), r.scores.iterations,
                          r.scores.converged ? "" : ", NOT converged", r.paths.size(), r.lead_paths.size(),
                          p.page_paths, r.lead_shares.size(), timing));
  } else {
    strength = propagation_graph(c, p.propagation);
  }

  ph.start("summaries", "community portraits");
  summarise_communities(c, view, cr, r);
  ph.finish(fmt::format("{} communities summarised", cr.count));

  ph.start("layout", "aggregating and laying out the drawing");
  {
    std::vector<double> weight(N, 0.0);
    for (NodeId v = 0; v < N; ++v) {
      const double w = r.has_scores ? r.scores.scores[v] : r.pagerank[v];
      weight[v] = std::isfinite(w) ? w : 0.0;
    }
    r.drawing = detail::make_drawing(c, view, r, weight, strength, p);
  }
  ph.finish(fmt::format("{} drawn nodes ({} groups) and {} ties for {} actors; {} nodes and {} ties in the view",
                        r.drawing.nodes.size(),
                        std::count_if(r.drawing.nodes.begin(), r.drawing.nodes.end(),
                                      [](const DrawNode& d) { return d.node == kNoNode; }),
                        r.drawing.edges.size(), r.drawing.nodes_shown, r.drawing.page.size(),
                        r.drawing.page_ties.size()));
  return r;
}

}  // namespace corridor

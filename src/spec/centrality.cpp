#include "corridor/spec/centrality.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include "corridor/centrality/closeness.hpp"
#include "corridor/centrality/kcore.hpp"
#include "corridor/centrality/spectral.hpp"
#include "corridor/error.hpp"
#include "src_util.hpp"

namespace corridor {

namespace {

constexpr std::array<std::string_view, kMeasureCount> kMeasureNames = {
    "degree", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank", "katz", "kcore", "betweenness_approx"};

std::string fmt_g(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

std::string_view to_string(Measure m) noexcept { return kMeasureNames[static_cast<std::size_t>(m)]; }

std::string valid_measures() {
  std::string out;
  for (auto n : kMeasureNames) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

Measure parse_measure(std::string_view name) {
  for (std::size_t i = 0; i < kMeasureCount; ++i)
    if (kMeasureNames[i] == name) return static_cast<Measure>(i);
  throw ParamError("unknown measure " + detail::quoted(name) + "; valid measures: " + valid_measures());
}

std::vector<Measure> parse_measures(std::string_view list) {
  std::vector<Measure> out;
  for (auto part : detail::split(list, ',')) {
    const auto name = detail::trim(part);
    if (name.empty()) continue;
    const Measure m = parse_measure(name);
    if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  }
  if (out.empty()) throw ParamError("name at least one measure (e.g. degree,pagerank); valid measures: " + valid_measures());
  return out;
}

std::vector<Measure> default_measures() {
  return {Measure::degree, Measure::betweenness, Measure::closeness, Measure::harmonic,
          Measure::eigenvector, Measure::pagerank, Measure::katz};
}

PathWeights parse_path_weights(std::string_view name) {
  if (name == "hops") return PathWeights::ignore;
  if (name == "strength") return PathWeights::strength;
  if (name == "distance") return PathWeights::distance;
  throw ParamError("path weights must be hops (every tie has length 1), strength (length 1/weight) or distance "
                   "(the weight is the length), got " + detail::quoted(name));
}

std::string_view to_string(PathWeights w) noexcept {
  switch (w) {
    case PathWeights::ignore: return "hops";
    case PathWeights::strength: return "strength";
    case PathWeights::distance: return "distance";
  }
  return "hops";
}

DegreeMode parse_degree_mode(std::string_view name) {
  if (name == "all") return DegreeMode::all;
  if (name == "in") return DegreeMode::in;
  if (name == "out") return DegreeMode::out;
  throw ParamError("degree mode must be all, in or out, got " + detail::quoted(name));
}

const ScoreResult& CentralityResult::scores(Measure m) const {
  for (const auto& s : measures)
    if (s.measure == m) return s.result;
  throw ParamError("measure " + std::string(to_string(m)) + " was not computed");
}

PathWeights path_weights_of(const View& view, const CentralitySpec& s) {
  return s.path_weights.value_or(view.params.weighting == Weighting::unit ? PathWeights::ignore : PathWeights::strength);
}

std::vector<double> pagerank_personalization(const Case& c, const View& view, const CentralitySpec& s) {
  if (s.personalization.empty()) return {};
  std::vector<double> p(view.graph.num_vertices(), 0.0);
  for (const auto& [id, value] : s.personalization) {
    const NodeId v = c.require(id);
    const vertex_t x = view.vertex_of[v];
    if (x == kNoVertex)
      throw ParamError("personalization: node " + detail::quoted(id) + " is not in the view (its kind or relations are "
                       "filtered out)");
    if (!(std::isfinite(value) && value >= 0))
      throw ParamError("personalization: the weight of " + detail::quoted(id) + " must be a finite number >= 0, got " +
                       detail::format_double(value));
    p[x] += value;
  }
  return p;
}

namespace {

// Katz's alpha: the given one, else networkx's 0.1 kept inside 0.9/lambda_max.
double katz_alpha(const Graph& g, const CentralitySpec& s, std::vector<std::string>& notes) {
  if (s.katz_alpha) return *s.katz_alpha;
  double alpha = 0.1;
  const double lambda = spectral_radius(g);
  if (lambda > 0 && alpha >= 0.9 / lambda) {
    alpha = 0.9 / lambda;
    notes.push_back("Katz alpha lowered from 0.1 to " + fmt_g(alpha) + " (0.9 / lambda_max, lambda_max = " +
                    fmt_g(lambda) + "); set it with --katz-alpha (katz_alpha in Python)");
  }
  return alpha;
}

ScoreResult compute_one(Measure m, const Case& c, const View& view, const CentralitySpec& s, CentralityResult& out) {
  const Graph& g = view.graph;
  const PathWeights pw = path_weights_of(view, s);
  switch (m) {
    case Measure::degree: return degree_centrality(g, {.mode = s.degree_mode, .weighted = g.weighted()});
    case Measure::betweenness:
      return betweenness(g, {.normalized = s.normalized, .weights = pw, .endpoints = s.endpoints});
    case Measure::betweenness_approx:
      return approximate_betweenness(g, {.epsilon = s.approx_epsilon, .delta = s.approx_delta, .seed = s.seed,
                                         .weights = pw, .normalized = s.normalized});
    case Measure::closeness: return closeness(g, {.weights = pw, .wf_improved = s.wf_improved});
    case Measure::harmonic: return harmonic(g, {.weights = pw});
    case Measure::kcore: return core_numbers(g);
    case Measure::eigenvector: return eigenvector(g, {.max_iterations = s.max_iterations});
    case Measure::pagerank: return pagerank(g, pagerank_params(c, view, s));
    case Measure::katz: {
      out.katz_alpha = katz_alpha(g, s, out.notes);
      return katz(g, {.alpha = out.katz_alpha, .beta = s.katz_beta, .max_iterations = s.max_iterations,
                      .normalized = s.katz_normalized});
    }
  }
  throw InternalError("internal error: unknown measure");
}

}  // namespace

CentralityResult compute_centrality(const Case& c, const View& view, const CentralitySpec& spec) {
  if (spec.measures.empty())
    throw ParamError("name at least one measure (e.g. degree,pagerank); valid measures: " + valid_measures());
  if (spec.max_iterations < 1)
    throw ParamError("max_iterations must be >= 1, got " + std::to_string(spec.max_iterations));
  if (spec.katz_alpha && !(*spec.katz_alpha >= 0))
    throw ParamError("Katz alpha must be >= 0 and below 1/lambda_max, got " + detail::format_double(*spec.katz_alpha));
  CentralityResult out;
  out.katz_alpha = std::nan("");
  for (Measure m : spec.measures) {
    out.measures.push_back({m, compute_one(m, c, view, spec, out)});
    const ScoreResult& r = out.measures.back().result;
    if (!r.converged)
      out.notes.push_back("warning: " + std::string(to_string(m)) + " stopped at its cap of " +
                          std::to_string(r.iterations) + " iterations (L1 change " + fmt_g(r.residual) +
                          "); the scores are the last iterate, not a converged answer; raise --max-iterations "
                          "(max_iterations in Python)");
  }
  return out;
}

PageRankParams pagerank_params(const Case& c, const View& view, const CentralitySpec& spec) {
  return {.damping = spec.damping, .max_iterations = spec.max_iterations,
          .personalization = pagerank_personalization(c, view, spec)};
}

Table centrality_table(const Case& c, const View& view, const CentralityResult& r, const NodeNamer& names) {
  Table t = node_table(c, names);
  for (const auto& m : r.measures) t.add_real(std::string(to_string(m.measure)), per_node(view, m.result.scores));
  return t;
}

EdgeScores compute_edge_betweenness(const View& view, const CentralitySpec& s) {
  return edge_betweenness(view.graph, {.normalized = s.normalized, .weights = path_weights_of(view, s),
                                       .endpoints = s.endpoints});
}

Table edge_table(const Case& c, const View& view, const EdgeScores& scores, const NodeNamer& names) {
  const std::size_t m = scores.scores.size();
  std::vector<NodeId> sources(m), targets(m);
  for (std::size_t i = 0; i < m; ++i) {
    sources[i] = view.node_of[scores.u[i]];
    targets[i] = view.node_of[scores.v[i]];
  }
  // Bridges are undirected pairs (u < v); a directed arc is a bridge when its pair is.
  std::vector<std::pair<vertex_t, vertex_t>> cut = bridges(view.graph);
  std::vector<std::uint8_t> is_bridge(m, 0);
  for (std::size_t i = 0; i < m; ++i) {
    const auto pair = std::minmax(scores.u[i], scores.v[i]);
    is_bridge[i] = std::binary_search(cut.begin(), cut.end(), std::pair<vertex_t, vertex_t>(pair.first, pair.second));
  }
  const Table from = node_table(c, sources, names), to = node_table(c, targets, names);
  Table t;
  t.add_text(std::string(column::source), from.column(column::id).text);
  t.add_text(std::string(column::target), to.column(column::id).text);
  t.add_real(std::string(to_string(Measure::betweenness)), scores.scores);
  t.add_boolean(std::string(column::bridge), std::move(is_bridge));
  return t;
}

// ---- key players ---------------------------------------------------------------------------

KeyPlayerMode parse_key_player_mode(std::string_view name) {
  if (name == "neg") return KeyPlayerMode::negative;
  if (name == "pos") return KeyPlayerMode::positive;
  throw ParamError("key player mode must be neg (KPP-Neg: removal fragments most) or pos (KPP-Pos: reach most), got " +
                   detail::quoted(name));
}

std::string_view to_string(KeyPlayerMode m) noexcept { return m == KeyPlayerMode::positive ? "pos" : "neg"; }

KeyPlayers find_key_players(const View& view, const KeyPlayerParams& p) {
  const vertex_t n = view.graph.num_vertices();
  if (p.k > n)
    throw ParamError("k must be in [0, " + std::to_string(n) + "] (the number of nodes in the view), got " +
                     std::to_string(p.k));
  KeyPlayers out;
  out.result = key_players(view.graph, p);
  for (vertex_t x : out.result.players) out.players.push_back(view.node_of[x]);
  for (vertex_t x : articulation_points(view.graph)) out.articulation_points.push_back(view.node_of[x]);
  return out;
}

Table keyplayers_table(const Case& c, std::span<const NodeId> players, std::span<const double> marginal,
                       std::span<const NodeId> articulation_points, const NodeNamer& names) {
  CORRIDOR_ASSERT(marginal.size() == players.size());
  std::vector<char> cut(c.num_nodes(), 0), listed(c.num_nodes(), 0);
  for (NodeId v : articulation_points) cut[v] = 1;
  std::vector<NodeId> rows(players.begin(), players.end());
  std::vector<std::int64_t> rank;
  std::vector<double> gain(marginal.begin(), marginal.end());
  for (std::size_t i = 0; i < players.size(); ++i) {
    rank.push_back(static_cast<std::int64_t>(i + 1));
    listed[players[i]] = 1;
  }
  for (NodeId v : articulation_points) {
    if (listed[v]) continue;
    rows.push_back(v);
    rank.push_back(kNoInteger);
    gain.push_back(std::nan(""));
  }
  std::vector<std::uint8_t> is_cut;
  for (NodeId v : rows) is_cut.push_back(cut[v]);
  const Table nodes = node_table(c, rows, names);
  Table t;
  t.add_integer(std::string(column::rank), std::move(rank));
  for (const auto& col : nodes.columns()) t.add_text(col.name, col.text);
  t.add_real(std::string(column::marginal), std::move(gain));
  t.add_boolean(std::string(column::articulation_point), std::move(is_cut));
  return t;
}

// ---- brokerage -------------------------------------------------------------------------------

std::vector<std::int64_t> groups_by_attribute(const Case& c, const View& view, std::string_view attribute) {
  if (c.num_nodes() > 0 && !c.node_attribute(0, attribute)) {
    std::string names = "kind, role, country, label, id";
    for (const auto& a : c.node_attributes()) names += ", " + a.name;
    throw ParamError("the case has no node attribute " + detail::quoted(attribute) + "; available: " + names);
  }
  // Equal attribute values form a group; an empty value is "unknown" (-1).
  std::unordered_map<std::string, std::int64_t> ids;
  std::vector<std::int64_t> group(view.graph.num_vertices(), -1);
  for (vertex_t x = 0; x < group.size(); ++x) {
    const auto value = c.node_attribute(view.node_of[x], attribute);
    if (!value || detail::trim(*value).empty()) continue;
    auto [it, fresh] = ids.emplace(std::string(detail::trim(*value)), static_cast<std::int64_t>(ids.size()));
    group[x] = it->second;
  }
  return group;
}

Table brokerage_table(const Case& c, const View& view, std::string_view attribute, const BrokerageResult& r,
                      const NodeNamer& names) {
  Table t = node_table(c, names);
  std::vector<std::string> group(c.num_nodes());
  for (NodeId v = 0; v < c.num_nodes(); ++v) group[v] = std::string(c.node_attribute(v, attribute).value_or(""));
  t.add_text(std::string(column::group), group);
  t.add_real(std::string(column::constraint), per_node(view, r.constraint));
  t.add_real(std::string(column::effective_size), per_node(view, r.effective_size));
  for (std::size_t k = 0; k < kBrokerageRoleCount; ++k) {
    std::vector<std::int64_t> counts(c.num_nodes(), kNoInteger);
    for (vertex_t x = 0; x < r.roles.size(); ++x) counts[view.node_of[x]] = static_cast<std::int64_t>(r.roles[x][k]);
    t.add_integer(std::string(to_string(static_cast<BrokerageRole>(k))), std::move(counts));
  }
  return t;
}

}  // namespace corridor

// `corridor centrality`, `corridor brokers`, `corridor keyplayers`: one CSV row per case node,
// computed on the view the options select. Nodes outside the view (countries and locations by
// default) keep their row with empty score cells, so the output lines up with nodes.csv.
#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "corridor/centrality/betweenness.hpp"
#include "corridor/centrality/brokerage.hpp"
#include "corridor/centrality/closeness.hpp"
#include "corridor/centrality/degree.hpp"
#include "corridor/centrality/kcore.hpp"
#include "corridor/centrality/keyplayers.hpp"
#include "corridor/centrality/spectral.hpp"
#include "corridor/error.hpp"
#include "src_util.hpp"

namespace corridor::cli {

namespace {

const std::vector<std::string> kMeasures = {"degree",      "betweenness", "closeness", "harmonic",          "eigenvector",
                                            "pagerank",    "katz",        "kcore",     "betweenness_approx"};

std::vector<std::string> parse_measures(const std::string& text) {
  std::vector<std::string> out;
  for (auto part : detail::split(text, ',')) {
    const std::string m(detail::trim(part));
    if (m.empty()) continue;
    if (std::find(kMeasures.begin(), kMeasures.end(), m) == kMeasures.end()) {
      std::string valid;
      for (const auto& k : kMeasures) valid += (valid.empty() ? "" : ", ") + k;
      throw ParamError("--measures: unknown measure " + detail::quoted(m) + "; valid measures: " + valid);
    }
    if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
  }
  if (out.empty()) throw ParamError("--measures: name at least one measure (e.g. degree,pagerank)");
  return out;
}

std::vector<std::string> node_fields(const Case& c, NodeId v) {
  return {std::string(c.node_id(v)), std::string(to_string(c.kind(v))), std::string(c.label(v))};
}

void note(const Globals& g, const std::string& text) {
  if (!g.quiet) fmt::print(stderr, "corridor: {}\n", text);
}

// ---- centrality -------------------------------------------------------------------------------

struct CentralityOptions {
  std::string input;
  std::string measures = "degree,betweenness,closeness,harmonic,eigenvector,pagerank,katz";
  double katz_alpha = -1;  // < 0: not given
  std::string out;
  ViewOptions view;
};

ScoreResult compute(const std::string& m, const Graph& graph, const CentralityOptions& o, const Globals& g) {
  const PathWeights pw = o.view.weighted ? PathWeights::strength : PathWeights::ignore;
  if (m == "degree") return degree_centrality(graph, {.weighted = o.view.weighted});
  if (m == "betweenness") return betweenness(graph, {.weights = pw});
  if (m == "betweenness_approx") return approximate_betweenness(graph, {.weights = pw});
  if (m == "closeness") return closeness(graph, {.weights = pw});
  if (m == "harmonic") return harmonic(graph, {.weights = pw});
  if (m == "kcore") return core_numbers(graph);
  if (m == "eigenvector") return eigenvector(graph, {.max_iterations = 100000});
  if (m == "pagerank") {
    auto r = pagerank(graph);
    if (!r.converged) note(g, fmt::format("warning: PageRank stopped after {} iterations (L1 change {:.3g})", r.iterations, r.residual));
    return r;
  }
  // katz
  double alpha = o.katz_alpha;
  if (alpha < 0) {
    // networkx's default 0.1 diverges once lambda_max >= 10; stay safely inside the bound.
    alpha = 0.1;
    const double lambda = spectral_radius(graph);
    if (lambda > 0 && alpha >= 0.9 / lambda) {
      alpha = 0.9 / lambda;
      note(g, fmt::format("Katz alpha lowered from 0.1 to {:.6g} (0.9 / lambda_max, lambda_max = {:.6g}); "
                          "set it with --katz-alpha",
                          alpha, lambda));
    }
  }
  return katz(graph, {.alpha = alpha, .max_iterations = 100000});
}

void run_centrality(const CentralityOptions& o, const Globals& g) {
  const auto measures = parse_measures(o.measures);
  if (o.katz_alpha != -1 && !(o.katz_alpha >= 0))
    throw ParamError(fmt::format("--katz-alpha must be >= 0 and below 1/lambda_max (got {})", o.katz_alpha));
  const Case c = load_input(o.input);
  const View view = make_view(c, o.view.resolve(c));
  std::vector<ScoreResult> results;
  for (const auto& m : measures) results.push_back(compute(m, view.graph, o, g));

  std::vector<std::string> header{"id", "kind", "label"};
  header.insert(header.end(), measures.begin(), measures.end());
  std::string text = csv_line(header);
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    auto row = node_fields(c, v);
    const vertex_t x = view.vertex_of[v];
    for (const auto& r : results) row.push_back(x == kNoVertex ? std::string() : csv_number(r.scores[x]));
    text += csv_line(row);
  }
  write_output(o.out, text);
}

// ---- brokers ----------------------------------------------------------------------------------

struct BrokersOptions {
  std::string input;
  std::string by;
  std::string out;
  ViewOptions view;
};

void run_brokers(const BrokersOptions& o, const Globals&) {
  const Case c = load_input(o.input);
  const View view = make_view(c, o.view.resolve(c));
  const vertex_t n = view.graph.num_vertices();
  if (c.num_nodes() > 0 && !c.node_attribute(0, o.by)) {
    std::string names = "kind, role, country, label, id";
    for (const auto& a : c.node_attributes()) names += ", " + a.name;
    throw ParamError("--by: the case has no node attribute " + detail::quoted(o.by) + "; available: " + names);
  }
  // Equal attribute values form a group; an empty value is "unknown" (-1).
  std::unordered_map<std::string, std::int64_t> ids;
  std::vector<std::int64_t> group(n, -1);
  for (vertex_t x = 0; x < n; ++x) {
    const auto value = c.node_attribute(view.node_of[x], o.by);
    if (!value || detail::trim(*value).empty()) continue;
    auto [it, fresh] = ids.emplace(std::string(detail::trim(*value)), static_cast<std::int64_t>(ids.size()));
    group[x] = it->second;
  }
  const BrokerageResult r = brokerage(view.graph, group, {.weighted = o.view.weighted});

  std::vector<std::string> header{"id", "kind", "label", "group", "constraint", "effective_size"};
  for (std::size_t k = 0; k < kBrokerageRoleCount; ++k) header.emplace_back(to_string(static_cast<BrokerageRole>(k)));
  std::string text = csv_line(header);
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    auto row = node_fields(c, v);
    row.emplace_back(c.node_attribute(v, o.by).value_or(""));
    const vertex_t x = view.vertex_of[v];
    if (x == kNoVertex) {
      row.resize(row.size() + 2 + kBrokerageRoleCount);
    } else {
      row.push_back(csv_number(r.constraint[x]));
      row.push_back(csv_number(r.effective_size[x]));
      for (auto count : r.roles[x]) row.push_back(std::to_string(count));
    }
    text += csv_line(row);
  }
  write_output(o.out, text);
}

// ---- keyplayers -------------------------------------------------------------------------------

struct KeyPlayerOptions {
  std::string input;
  std::size_t k = 5;
  std::string mode = "neg";
  int distance = 1;
  std::string out;
  ViewOptions view;
};

void run_keyplayers(const KeyPlayerOptions& o, const Globals& g) {
  if (o.mode != "neg" && o.mode != "pos")
    throw ParamError("--mode must be neg (KPP-Neg: removal fragments most) or pos (KPP-Pos: reach most), got " +
                     detail::quoted(o.mode));
  const Case c = load_input(o.input);
  const View view = make_view(c, o.view.resolve(c));
  const vertex_t n = view.graph.num_vertices();
  if (o.k > n)
    throw ParamError(fmt::format("--k must be in [0, {}] (the number of nodes in the view), got {}", n, o.k));
  const KeyPlayerResult kp = key_players(
      view.graph, {.k = o.k,
                   .mode = o.mode == "pos" ? KeyPlayerMode::positive : KeyPlayerMode::negative,
                   .max_distance = o.distance});
  const auto cuts = articulation_points(view.graph);
  std::vector<char> is_cut(n, 0);
  for (vertex_t x : cuts) is_cut[x] = 1;
  note(g, fmt::format("{} of {} key players: {} = {:.6g}", o.mode == "pos" ? "KPP-Pos" : "KPP-Neg", kp.players.size(),
                      o.mode == "pos" ? "reach" : "fragmentation", kp.score));

  std::string text = csv_line({"rank", "id", "kind", "label", "marginal", "articulation_point"});
  std::vector<char> listed(n, 0);
  for (std::size_t i = 0; i < kp.players.size(); ++i) {
    const vertex_t x = kp.players[i];
    listed[x] = 1;
    auto f = node_fields(c, view.node_of[x]);
    text += csv_line({std::to_string(i + 1), f[0], f[1], f[2], csv_number(kp.marginal[i]), is_cut[x] ? "true" : "false"});
  }
  for (vertex_t x : cuts) {
    if (listed[x]) continue;
    auto f = node_fields(c, view.node_of[x]);
    text += csv_line({"", f[0], f[1], f[2], "", "true"});
  }
  write_output(o.out, text);
}

}  // namespace

void add_centrality_commands(CLI::App& app, Globals& g) {
  {
    auto o = std::make_shared<CentralityOptions>();
    auto* cmd = app.add_subcommand(
        "centrality",
        "Centrality scores per node as CSV (id, kind, label, one column per measure). Nodes outside the view "
        "(countries and locations unless --include-context) get empty cells. Scores are leads, not findings.");
    cmd->add_option("CASE", o->input, "case folder, .corridor snapshot or .graphml file")->required();
    cmd->add_option("--measures", o->measures,
                    "comma-separated: degree, betweenness, closeness, harmonic, eigenvector, pagerank, katz, kcore, "
                    "betweenness_approx")
        ->capture_default_str();
    cmd->add_option("--katz-alpha", o->katz_alpha,
                    "Katz attenuation, in [0, 1/lambda_max) (default 0.1, lowered to 0.9/lambda_max when too large)");
    o->view.add_to(cmd);
    cmd->add_option("--out,-o", o->out, "output CSV file (default: standard output)");
    cmd->callback([o, &g] { run_centrality(*o, g); });
  }
  {
    auto o = std::make_shared<BrokersOptions>();
    auto* cmd = app.add_subcommand(
        "brokers",
        "Burt's constraint and effective size, and Gould-Fernandez brokerage role counts (coordinator, itinerant, "
        "gatekeeper, representative, liaison) with groups given by a node attribute, as CSV (id, kind, label, group "
        "= the attribute's value, constraint, effective_size, the five counts). Undirected views count each open "
        "path both ways.");
    cmd->add_option("CASE", o->input, "case folder, .corridor snapshot or .graphml file")->required();
    cmd->add_option("--by", o->by, "node attribute that defines the groups: kind, role, country, or an extra column")
        ->required();
    o->view.add_to(cmd);
    cmd->add_option("--out,-o", o->out, "output CSV file (default: standard output)");
    cmd->callback([o, &g] { run_brokers(*o, g); });
  }
  {
    auto o = std::make_shared<KeyPlayerOptions>();
    auto* cmd = app.add_subcommand(
        "keyplayers",
        "Borgatti's key player set as CSV (rank, id, kind, label, marginal score gain, articulation_point), "
        "followed by the view's other articulation points (empty rank).");
    cmd->add_option("CASE", o->input, "case folder, .corridor snapshot or .graphml file")->required();
    cmd->add_option("--k", o->k, "size of the set")->capture_default_str();
    cmd->add_option("--mode", o->mode, "neg: removal fragments the network most; pos: reach most others")
        ->capture_default_str();
    cmd->add_option("--distance", o->distance, "reach distance for --mode pos (>= 1)")->capture_default_str();
    o->view.add_to(cmd);
    cmd->add_option("--out,-o", o->out, "output CSV file (default: standard output)");
    cmd->callback([o, &g] { run_keyplayers(*o, g); });
  }
}

}  // namespace corridor::cli

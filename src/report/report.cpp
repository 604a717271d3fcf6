// The report folder: CSV tables, report.html (assembled in report_html.cpp) and the manifest;
// written into a temporary folder that replaces the target only when complete.
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <map>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include "corridor/error.hpp"
#include "corridor/io/export.hpp"
#include "corridor/io/folder.hpp"
#include "corridor/io/formats.hpp"
#include "corridor/report/results.hpp"
#include "corridor/report/analyze.hpp"
#include "corridor/report/pseudonym.hpp"
#include "corridor/spec/centrality.hpp"
#include "corridor/spec/table.hpp"
#include "corridor/version.hpp"
#include "report/report_impl.hpp"
#include "src_util.hpp"

namespace corridor {

namespace fs = std::filesystem;
using detail::html_escape;
using detail::Namer;

namespace {

// ---- CSV ----------------------------------------------------------------------------------------
// The tables go through the library's one table type and CSV writer (corridor/spec/table.hpp):
// the same quoting, number format and spreadsheet-formula guard as the command's tables.

// A per-node column with the cells of nodes outside the graph (community -1) left empty.
std::vector<double> inside(const AnalysisResult& r, const std::vector<double>& values) {
  std::vector<double> out(r.community.size(), std::nan(""));
  for (std::size_t v = 0; v < out.size(); ++v)
    if (r.community[v] >= 0) out[v] = values[v];
  return out;
}

std::string centrality_csv(const Case& c, const AnalysisResult& r, const Namer& names) {
  const std::size_t n = c.num_nodes();
  Table t = node_table(c, names.node_namer());
  std::vector<std::int64_t> community(n, kNoInteger);
  std::vector<std::uint8_t> key(n, kNoBoolean), cut(n, kNoBoolean);
  for (NodeId v = 0; v < n; ++v) {
    if (r.community[v] < 0) continue;
    community[v] = r.community[v];
    key[v] = cut[v] = 0;
  }
  for (NodeId v : r.key_players) key[v] = 1;
  for (NodeId v : r.articulation_points) cut[v] = 1;
  t.add_integer(std::string(column::community), std::move(community));
  t.add_real(std::string(to_string(Measure::degree)), inside(r, r.degree));
  t.add_real(std::string(to_string(Measure::betweenness)), inside(r, r.betweenness));
  t.add_real(std::string(to_string(Measure::pagerank)), inside(r, r.pagerank));
  t.add_real(std::string(to_string(Measure::closeness)), inside(r, r.closeness));
  t.add_real(std::string(column::constraint), inside(r, r.constraint));
  t.add_real(std::string(column::effective_size), inside(r, r.effective_size));
  for (std::size_t k = 0; k < kBrokerageRoleCount; ++k) {
    std::vector<std::int64_t> counts(n, kNoInteger);
    for (NodeId v = 0; v < n; ++v)
      if (r.community[v] >= 0) counts[v] = static_cast<std::int64_t>(r.roles[v][k]);
    t.add_integer(std::string(to_string(static_cast<BrokerageRole>(k))), std::move(counts));
  }
  t.add_boolean(std::string(column::key_player), std::move(key));
  t.add_boolean(std::string(column::articulation_point), std::move(cut));
  return to_csv(t);
}

std::string communities_csv(const Case& c, const AnalysisResult& r, const Namer& names) {
  Table t = node_table(c, names.node_namer());
  std::vector<std::int64_t> community(r.community);
  for (auto& k : community)
    if (k < 0) k = kNoInteger;
  t.add_integer(std::string(column::community), std::move(community));
  return to_csv(t);
}

std::string scores_csv(const Case& c, const AnalysisResult& r, const Namer& names) {
  const std::vector<NodeId> order = r.has_scores ? r.scores.order : std::vector<NodeId>{};
  Table t = node_table(c, order, names.node_namer());
  std::vector<double> score;
  std::vector<std::int64_t> rank;
  std::vector<std::string> top_seed, path;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const NodeId v = order[i];
    const NodeId top = r.scores.top_seed[v];
    score.push_back(r.scores.scores[v]);
    rank.push_back(r.scores.scores[v] > 0 ? static_cast<std::int64_t>(i + 1) : kNoInteger);
    top_seed.push_back(top == kNoNode ? std::string() : names.id(top));
    path.push_back(i < r.paths.size() && !r.paths[i].nodes.empty() ? names.path(r.paths[i]) : std::string());
  }
  t.add_real(std::string(column::score), std::move(score));
  t.add_integer(std::string(column::rank), std::move(rank));
  t.add_text(std::string(column::top_seed), top_seed);
  t.add_text(std::string(column::path), path);
  return to_csv(t);
}

std::string keyplayers_csv(const Case& c, const AnalysisResult& r, const Namer& names) {
  return to_csv(keyplayers_table(c, r.key_players, r.key_marginal, r.articulation_points, names.node_namer()));
}

// The manifest's "parameters": how the report was made.
nlohmann::json manifest_parameters(const AnalyzeParams& p, const AnalysisResult& r) {
  nlohmann::json prop = {{"method", std::string(to_string(p.propagation.method))},
                         {"restart", p.propagation.restart},
                         {"client_factor", p.propagation.client_factor},
                         {"countries_pass", p.propagation.countries_pass},
                         {"half_life_days", p.propagation.strength.half_life_days},
                         {"as_of", p.propagation.strength.as_of.to_string()},
                         {"tolerance", p.propagation.tolerance},
                         {"max_iterations", p.propagation.max_iterations}};
  for (const auto& [name, t] : p.propagation.strength.transmission_overrides) prop["transmission"][name] = t;
  nlohmann::json out = {{"approximate", p.approximate},
                        {"exact_limit", p.exact_limit},
                        {"exact_work", p.exact_work},
                        {"epsilon", p.epsilon},
                        {"key_players", p.key_players},
                        {"resolution", p.resolution},
                        {"seed", p.seed},
                        {"explain_top", p.explain_top},
                        {"table_rows", p.table_rows},
                        {"max_drawn", p.max_drawn},
                        {"labels", p.labels},
                        {"page_nodes", p.page_nodes},
                        {"page_leads", p.page_leads},
                        {"page_paths", p.page_paths},
                        {"page_shares", p.page_shares},
                        {"propagation", prop},
                        {"graph", "actors and assets, all relations but originates_from and transited, unit, undirected"},
                        {"pagerank_damping", 0.85},
                        {"betweenness", r.betweenness_method},
                        {"closeness", r.closeness_computed ? "exact" : "left out"}};
  return out;
}

// The manifest's "counts": the case, the graph, the results and the drawing.
nlohmann::json manifest_counts(const Case& c, const AnalysisResult& r) {
  std::size_t groups = 0;
  for (const DrawNode& n : r.drawing.nodes) groups += n.node == kNoNode;
  nlohmann::json kinds;
  std::array<std::size_t, kNodeKindCount> by_kind{};
  for (NodeId v = 0; v < c.num_nodes(); ++v) ++by_kind[static_cast<std::size_t>(c.kind(v))];
  for (NodeKind k : kAllNodeKinds) kinds[std::string(to_string(k))] = by_kind[static_cast<std::size_t>(k)];
  nlohmann::json out = {{"nodes", c.num_nodes()},
                        {"nodes_by_kind", kinds},
                        {"evidence", c.num_evidence()},
                        {"seeds", r.seeds.size()},
                        {"cleared", r.cleared.size()},
                        {"warnings", r.warnings},
                        {"graph_vertices", r.graph_vertices},
                        {"graph_edges", r.graph_edges},
                        {"communities", r.community_count},
                        {"key_players", r.key_players.size()},
                        {"articulation_points", r.articulation_points.size()},
                        {"reached", r.reached},
                        {"explained", r.paths.size()},
                        {"drawing_nodes", r.drawing.nodes.size()},
                        {"drawing_groups", groups},
                        {"drawing_edges", r.drawing.edges.size()},
                        {"drawing_nodes_left_out", r.drawing.nodes_left_out},
                        {"view_nodes", r.drawing.page.size()},
                        {"view_ties", r.drawing.page_ties.size()},
                        {"view_leads", r.lead_paths.size()}};
  return out;
}

}  // namespace

void check_report_folder(const fs::path& dir) { check_output_folder(dir, FolderKind::report); }

std::vector<fs::path> write_report(const Case& c, const AnalysisResult& r, const fs::path& dir_in,
                                   const ProgressFn& progress) {
  const auto t0 = std::chrono::steady_clock::now();
  if (progress) progress("write", 0.0, "writing the report");
  // Written as a whole into a locked temporary sibling and swapped into place, only over a
  // folder corridor wrote as a report (io/folder.hpp).
  FolderWriter folder(dir_in, FolderKind::report);
  const fs::path& dir = folder.dir();
  std::vector<fs::path> written;
  {
    const Namer names(c, r.params.pseudonym_key);
    nlohmann::json outputs = nlohmann::json::array();
    auto put = [&](const std::string& name, const std::string& text) {
      folder.write(name, [&](std::ostream& out) { out << text; });
      outputs.push_back({{"file", name}, {"sha256", sha256_hex(text)}, {"bytes", text.size()}});
      written.push_back(dir / name);
    };
    put("centrality.csv", centrality_csv(c, r, names));
    if (progress) progress("write", 0.2, "centrality.csv");
    put("communities.csv", communities_csv(c, r, names));
    put("scores.csv", scores_csv(c, r, names));
    if (progress) progress("write", 0.5, "scores.csv");
    put("keyplayers.csv", keyplayers_csv(c, r, names));
    put("report.html", detail::report_html(c, r, names));
    if (progress) progress("write", 0.8, "report.html");
    if (!r.params.exports.empty()) {
      if (names.pseudonymized())
        throw ParamError("a graph export holds every id and label, so it cannot be pseudonymised");
      ExportOptions eo;
      eo.results = result_columns(c, r);
      for (Format f : r.params.exports) {
        std::ostringstream text;
        write_export(c, f, text, eo);
        put(f == Format::graphml ? "graph.graphml" : f == Format::gexf ? "graph.gexf" : f == Format::json ? "graph.json"
                                                                                                         : "graph.dot",
            text.str());
      }
    }

    // manifest
    const AnalyzeParams& p = r.params;
    nlohmann::json m;
    m["corridor_version"] = CORRIDOR_VERSION_STRING;
    m["date"] = r.date;
    // Under pseudonyms the command line is withheld (it names the case, the seeds file and the
    // output folder); the parameters below say how the report was made.
    m["command"] = names.pseudonymized() ? std::string("(withheld: pseudonymized report)") : detail::printable_utf8(p.command);
    m["case"] = names.file(r.origin);
    m["pseudonymized"] = names.pseudonymized();
    m["statement"] = "Scores and rankings are investigative leads, never findings; most people in a smuggling case "
                     "are smuggled persons.";
    m["inputs"] = nlohmann::json::array();
    for (const InputDigest& in : r.inputs)
      m["inputs"].push_back({{"path", names.file(in.path)}, {"sha256", in.sha256}, {"bytes", in.bytes}});
    m["parameters"] = manifest_parameters(p, r);
    m["counts"] = manifest_counts(c, r);
    m["interactive"] = report_is_interactive() && p.page == ReportPage::interactive;
    m["results"] = {{"modularity", std::isfinite(r.modularity) ? nlohmann::json(r.modularity) : nlohmann::json()},
                    {"fragmentation", r.fragmentation},
                    {"pagerank_iterations", r.pagerank_iterations},
                    {"pagerank_converged", r.pagerank_converged}};
    if (r.has_scores)
      m["results"]["propagation"] = {{"iterations", r.scores.iterations},
                                     {"residual", r.scores.residual},
                                     {"converged", r.scores.converged}};
    m["timings_seconds"] = nlohmann::json::object();
    for (const PhaseTime& t : r.timings) m["timings_seconds"][t.phase] = t.seconds;
    m["timings_seconds"]["write"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    m["outputs"] = outputs;
    // Paths were made valid UTF-8 above; any other invalid byte (a relation name from a file in
    // another encoding) becomes U+FFFD rather than an exception after the whole analysis.
    const std::string manifest = m.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    folder.write("manifest.json", [&](std::ostream& out) { out << manifest; });
    written.push_back(dir / "manifest.json");

    folder.commit();
  }
  if (progress) progress("write", 1.0, "report written to " + dir.string());
  return written;
}

}  // namespace corridor

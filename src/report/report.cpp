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
#include <unordered_map>

#include "corridor/error.hpp"
#include "corridor/io/formats.hpp"
#include "corridor/report/analyze.hpp"
#include "corridor/report/pseudonym.hpp"
#include "corridor/version.hpp"
#include "report/report_impl.hpp"
#include "src_util.hpp"

namespace corridor {

namespace fs = std::filesystem;
using detail::csv_row;
using detail::html_escape;
using detail::Namer;

namespace {

std::string num(double v) { return std::isfinite(v) ? detail::format_double(v) : std::string(); }

// ---- CSV ----------------------------------------------------------------------------------------

std::string centrality_csv(const Case& c, const AnalysisResult& r, const Namer& names) {
  std::string out;
  std::vector<std::string> header{"id", "kind", "label", "community", "degree", "betweenness", "pagerank", "closeness",
                                  "constraint", "effective_size"};
  for (std::size_t k = 0; k < kBrokerageRoleCount; ++k) header.emplace_back(to_string(static_cast<BrokerageRole>(k)));
  header.emplace_back("key_player");
  header.emplace_back("articulation_point");
  csv_row(out, header);
  std::vector<char> key(c.num_nodes(), 0), cut(c.num_nodes(), 0);
  for (NodeId v : r.key_players) key[v] = 1;
  for (NodeId v : r.articulation_points) cut[v] = 1;
  std::vector<std::string> row;
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    row.assign({names.id(v), std::string(to_string(c.kind(v))), names.label(v)});
    if (r.community[v] < 0) {
      row.resize(header.size());
    } else {
      row.push_back(std::to_string(r.community[v]));
      for (const auto* col : {&r.degree, &r.betweenness, &r.pagerank, &r.closeness, &r.constraint, &r.effective_size})
        row.push_back(num((*col)[v]));
      for (auto count : r.roles[v]) row.push_back(std::to_string(count));
      row.emplace_back(key[v] ? "true" : "false");
      row.emplace_back(cut[v] ? "true" : "false");
    }
    csv_row(out, row);
  }
  return out;
}

std::string communities_csv(const Case& c, const AnalysisResult& r, const Namer& names) {
  std::string out;
  csv_row(out, {"id", "kind", "label", "community"});
  for (NodeId v = 0; v < c.num_nodes(); ++v)
    csv_row(out, {names.id(v), std::string(to_string(c.kind(v))), names.label(v),
                  r.community[v] < 0 ? std::string() : std::to_string(r.community[v])});
  return out;
}

std::string scores_csv(const Case& c, const AnalysisResult& r, const Namer& names) {
  std::string out;
  csv_row(out, {"id", "kind", "label", "score", "rank", "top_seed", "path"});
  if (!r.has_scores) return out;
  for (std::size_t i = 0; i < r.scores.rank.size(); ++i) {
    const NodeId v = r.scores.rank[i];
    const bool reached = r.scores.scores[v] > 0;
    const NodeId top = r.scores.top_seed[v];
    csv_row(out, {names.id(v), std::string(to_string(c.kind(v))), names.label(v), num(r.scores.scores[v]),
                  reached ? std::to_string(i + 1) : std::string(), top == kNoNode ? std::string() : names.id(top),
                  i < r.paths.size() && !r.paths[i].nodes.empty() ? names.path(r.paths[i]) : std::string()});
  }
  return out;
}

std::string keyplayers_csv(const Case& c, const AnalysisResult& r, const Namer& names) {
  std::string out;
  csv_row(out, {"rank", "id", "kind", "label", "marginal", "articulation_point"});
  std::vector<char> cut(c.num_nodes(), 0), listed(c.num_nodes(), 0);
  for (NodeId v : r.articulation_points) cut[v] = 1;
  for (std::size_t i = 0; i < r.key_players.size(); ++i) {
    const NodeId v = r.key_players[i];
    listed[v] = 1;
    csv_row(out, {std::to_string(i + 1), names.id(v), std::string(to_string(c.kind(v))), names.label(v),
                  num(r.key_marginal[i]), cut[v] ? "true" : "false"});
  }
  for (NodeId v : r.articulation_points)
    if (!listed[v]) csv_row(out, {"", names.id(v), std::string(to_string(c.kind(v))), names.label(v), "", "true"});
  return out;
}

}  // namespace

void check_report_folder(const fs::path& dir) {
  std::error_code ec;
  const auto st = fs::status(dir, ec);
  if (!fs::exists(st)) return;
  if (!fs::is_directory(st))
    throw ParamError("the report folder " + dir.string() + " exists and is not a folder; choose another --out");
  if (!fs::is_empty(dir, ec) && !fs::exists(dir / "manifest.json", ec))
    throw ParamError("the report folder " + dir.string() +
                     " is not empty and holds no manifest.json (it is not an earlier report); choose another --out "
                     "or empty it");
}

std::vector<fs::path> write_report(const Case& c, const AnalysisResult& r, const fs::path& dir_in,
                                   const ProgressFn& progress) {
  const auto t0 = std::chrono::steady_clock::now();
  if (progress) progress("write", 0.0, "writing the report");
  const fs::path dir = dir_in.has_filename() ? dir_in : dir_in.parent_path();
  if (dir.empty()) throw ParamError("the report folder must not be empty");
  check_report_folder(dir);
  const fs::path parent = dir.parent_path().empty() ? fs::path(".") : dir.parent_path();
  {
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) throw IoError("cannot create the folder " + parent.string() + " for the report: " + ec.message());
  }
  static std::atomic<unsigned> counter{0};
  const fs::path tmp = parent / fmt::format(".{}.partial-{}-{}", dir.filename().string(), ::getpid(), counter++);
  const fs::path old = parent / fmt::format(".{}.old-{}-{}", dir.filename().string(), ::getpid(), counter++);
  std::vector<fs::path> written;
  try {
    std::error_code ec;
    fs::create_directory(tmp, ec);
    if (ec) throw IoError("cannot create " + tmp.string() + ": " + ec.message());
    const Namer names(c, r.params.pseudonym_key);
    nlohmann::json outputs = nlohmann::json::array();
    auto put = [&](const std::string& name, const std::string& text) {
      write_file_atomically(tmp / name, [&](std::ostream& out) { out << text; });
      outputs.push_back({{"file", name}, {"sha256", sha256_hex(text)}, {"bytes", text.size()}});
      written.push_back(dir / name);
    };
    put("centrality.csv", centrality_csv(c, r, names));
    if (progress) progress("write", 0.2, "centrality.csv");
    put("communities.csv", communities_csv(c, r, names));
    put("scores.csv", scores_csv(c, r, names));
    if (progress) progress("write", 0.5, "scores.csv");
    put("keyplayers.csv", keyplayers_csv(c, r, names));
    put("report.html", report_html(c, r));
    if (progress) progress("write", 0.8, "report.html");

    // manifest
    const AnalyzeParams& p = r.params;
    nlohmann::json m;
    m["corridor_version"] = CORRIDOR_VERSION_STRING;
    m["date"] = r.date;
    m["command"] = p.command;
    m["case"] = r.origin;
    m["pseudonymized"] = names.pseudonymized();
    m["statement"] = "Scores and rankings are investigative leads, never findings; most people in a smuggling case "
                     "are smuggled persons.";
    m["inputs"] = nlohmann::json::array();
    for (const InputDigest& in : r.inputs)
      m["inputs"].push_back({{"path", in.path}, {"sha256", in.sha256}, {"bytes", in.bytes}});
    nlohmann::json prop = {{"method", std::string(to_string(p.propagation.method))},
                           {"restart", p.propagation.restart},
                           {"client_factor", p.propagation.client_factor},
                           {"countries_pass", p.propagation.countries_pass},
                           {"half_life_days", p.propagation.strength.half_life_days},
                           {"as_of", p.propagation.strength.as_of.to_string()},
                           {"tolerance", p.propagation.tolerance},
                           {"max_iterations", p.propagation.max_iterations}};
    for (const auto& [name, t] : p.propagation.strength.transmission_overrides) prop["transmission"][name] = t;
    m["parameters"] = {{"approximate", p.approximate},
                       {"exact_limit", p.exact_limit},
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
    std::size_t groups = 0;
    for (const DrawNode& n : r.drawing.nodes) groups += n.node == kNoNode;
    nlohmann::json kinds;
    std::array<std::size_t, kNodeKindCount> by_kind{};
    for (NodeId v = 0; v < c.num_nodes(); ++v) ++by_kind[static_cast<std::size_t>(c.kind(v))];
    for (NodeKind k : kAllNodeKinds) kinds[std::string(to_string(k))] = by_kind[static_cast<std::size_t>(k)];
    m["counts"] = {{"nodes", c.num_nodes()},
                   {"nodes_by_kind", kinds},
                   {"evidence", c.num_evidence()},
                   {"seeds", r.seeds.size()},
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
    const std::string manifest = m.dump(2) + "\n";
    write_file_atomically(tmp / "manifest.json", [&](std::ostream& out) { out << manifest; });
    written.push_back(dir / "manifest.json");

    // swap in
    bool had_old = false;
    if (fs::exists(dir, ec)) {
      fs::rename(dir, old, ec);
      if (ec) throw IoError("cannot move the earlier report " + dir.string() + " aside: " + ec.message());
      had_old = true;
    }
    fs::rename(tmp, dir, ec);
    if (ec) {
      if (had_old) fs::rename(old, dir, ec);
      throw IoError("cannot move the new report into " + dir.string() + ": " + ec.message());
    }
    if (had_old) fs::remove_all(old, ec);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(tmp, ec);
    throw;
  }
  if (progress) progress("write", 1.0, "report written to " + dir.string());
  return written;
}

}  // namespace corridor

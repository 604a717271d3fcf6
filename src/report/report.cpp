// The report folder: CSV tables, the self-contained HTML page with its SVG drawing, and the
// manifest; written into a temporary folder that replaces the target only when complete.
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
#include "corridor/io/formats.hpp"
#include "corridor/report/results.hpp"
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
std::string short_num(double v) { return std::isfinite(v) ? fmt::format("{:.4g}", v) : std::string("–"); }

std::string plural_kind(NodeKind k, std::size_t n) {
  const std::string name(to_string(k));
  if (n == 1) return name;
  return k == NodeKind::country ? std::string("countries") : name + "s";
}

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

// ---- HTML ---------------------------------------------------------------------------------------

const char* const kPalette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
                                "#e377c2", "#17becf", "#bcbd22", "#393b79", "#ad494a", "#637939"};
constexpr std::size_t kPaletteSize = sizeof kPalette / sizeof kPalette[0];

// A regular polygon (or circle) of radius rad at (x, y) for a kind; groups are dashed.
std::string shape(NodeKind k, double x, double y, double rad, const std::string& fill, bool group) {
  const std::string style = fmt::format(R"( fill="{}" fill-opacity="{}" stroke="#222" stroke-width="{}"{})", fill,
                                        group ? 0.55 : 0.9, group ? 1.2 : 0.8, group ? R"( stroke-dasharray="3 2")" : "");
  int sides = 0;
  double turn = 0;
  const double pi = std::acos(-1.0);
  switch (k) {
    case NodeKind::migrant: return fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}"{}/>)", x, y, rad, style);
    case NodeKind::smuggler: sides = 4, turn = pi / 4; break;
    case NodeKind::facilitator: sides = 4; break;
    case NodeKind::organization: sides = 3, turn = -pi / 2; break;
    case NodeKind::person: sides = 6; break;
    case NodeKind::asset: sides = 5, turn = -pi / 2; break;
    default: sides = 8; break;
  }
  std::string points;
  for (int i = 0; i < sides; ++i) {
    const double a = turn + 2 * pi * i / sides;
    points += fmt::format("{}{:.1f},{:.1f}", i ? " " : "", x + rad * std::cos(a), y + rad * std::sin(a));
  }
  return fmt::format(R"(<polygon points="{}"{}/>)", points, style);
}

std::string counted(const std::vector<std::pair<std::string, std::size_t>>& items, const Namer* places) {
  std::string out;
  for (const auto& [name, count] : items) {
    if (!out.empty()) out += ", ";
    out += html_escape(places ? places->place(name) : name) + fmt::format(" ({})", count);
  }
  return out.empty() ? "–" : out;
}

}  // namespace

std::string report_html(const Case& c, const AnalysisResult& r) {
  const Namer names(c, r.params.pseudonym_key);
  const AnalyzeParams& p = r.params;
  std::string h;
  h.reserve(1 << 20);
  auto id_cell = [&](NodeId v) { return html_escape(names.id(v)); };
  auto label_cell = [&](NodeId v) { return html_escape(names.label(v)); };

  // colour per community: the communities with most nodes in the drawing get the palette, the
  // rest grey (on a large case the largest communities need not be the ones drawn)
  std::unordered_map<std::int64_t, std::string> colour;
  std::vector<std::int64_t> coloured;
  {
    std::map<std::int64_t, std::size_t> drawn;
    for (const DrawNode& n : r.drawing.nodes) ++drawn[n.community];
    std::vector<std::pair<std::int64_t, std::size_t>> by_count(drawn.begin(), drawn.end());
    std::stable_sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (std::size_t i = 0; i < by_count.size() && i < kPaletteSize; ++i) {
      colour[by_count[i].first] = kPalette[i];
      coloured.push_back(by_count[i].first);
    }
  }
  auto colour_of = [&](std::int64_t k) {
    auto it = colour.find(k);
    return it == colour.end() ? std::string("#9a9a9a") : it->second;
  };

  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<title>corridor report</title>\n<style>\n"
       "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:0 auto;"
       "max-width:1200px;padding:12px 20px;color:#222;line-height:1.4}\n"
       "h1{margin:.2em 0}h2{border-bottom:2px solid #ddd;padding-bottom:2px;margin-top:1.4em}\n"
       ".caveat{background:#fff4ce;border-left:5px solid #e0a800;padding:8px 12px}\n"
       "table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0}\n"
       "table.narrow{width:auto;min-width:380px}\n"
       "th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}\n"
       "th{background:#f2f2f2}td.n{text-align:right;font-variant-numeric:tabular-nums}\n"
       "tbody tr:nth-child(even){background:#fafafa}\n"
       "svg#network{width:100%;height:auto;border:1px solid #ddd;background:#fff}\n"
       ".lbl{font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px;fill:#111}\n"
       ".legend span{display:inline-block;margin-right:14px;font-size:13px}\n"
       ".path{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px}\n"
       "</style>\n</head>\n<body>\n";
  h += "<h1>corridor report</h1>\n";
  h += fmt::format("<p>Case <code>{}</code>, analysed {} with corridor {}{}.</p>\n", html_escape(r.origin), r.date,
                   CORRIDOR_VERSION_STRING, names.pseudonymized() ? "; ids and labels are keyed pseudonyms" : "");
  h += "<p class=\"caveat\"><strong>Scores are investigative leads, not findings.</strong> A high score, a central "
       "position or a place in a community says where to look next, never that a person did anything: every lead "
       "must be checked against the evidence behind it (the paths below name each piece). "
       "<strong>Most people in a smuggling case are smuggled persons</strong> (migrants): they are the people the "
       "crime is committed against, and being moved by or paying a smuggler is not evidence of affiliation.</p>\n";

  // ---- drawing
  const Drawing& d = r.drawing;
  const double W = 1000, H = 720, M = 40;
  double wmax = 0, mmax = 1;
  for (const DrawNode& n : d.nodes) {
    if (n.node != kNoNode) wmax = std::max(wmax, n.weight);
    else mmax = std::max(mmax, static_cast<double>(n.members));
  }
  // groups: area grows with members, the largest at radius 6 + min(24, 2.2 sqrt(largest))
  std::size_t group_count = 0;
  for (const DrawNode& n : d.nodes) group_count += n.node == kNoNode;
  const double group_scale = std::min({24.0, 2.2 * std::sqrt(mmax),
                                       180.0 / std::sqrt(static_cast<double>(std::max<std::size_t>(1, group_count)))});
  auto radius = [&](const DrawNode& n) {
    if (n.node == kNoNode) return 6.0 + group_scale * std::sqrt(static_cast<double>(n.members) / mmax);
    return 5.0 + (wmax > 0 ? 11.0 * std::sqrt(std::max(0.0, n.weight) / wmax) : 0.0);
  };
  auto px = [&](const DrawNode& n) { return M + n.x * (W - 2 * M); };
  auto py = [&](const DrawNode& n) { return M + n.y * (H - 2 * M); };
  auto node_text = [&](const DrawNode& n) {
    if (n.node != kNoNode) {
      const std::string label = names.label(n.node);
      return label.empty() ? names.id(n.node) : label;
    }
    std::string t = n.mixed ? fmt::format("{} actors (mostly {})", n.members, plural_kind(n.kind, 2))
                            : fmt::format("{} {}", n.members, plural_kind(n.kind, n.members));
    if (!n.country.empty()) t += " from " + names.place(n.country);
    return t + fmt::format(" in community {}", n.community);
  };
  h += "<h2 id=\"drawing\">The network</h2>\n";
  h += fmt::format(
      "<p>{} drawn nodes stand for {} actors and assets: people who matter individually (seeds, key players, top "
      "leads, then by {}) are drawn alone; the others are grouped by community and kind, migrants also by origin "
      "country, or by community alone when a large case needs it (dashed outlines, size by number of members). Colour: community; shape: kind; size: {}. Countries, "
      "locations, nationality and transit ties are not drawn.{}</p>\n",
      d.nodes.size(), d.nodes_shown, r.has_scores ? "score" : "PageRank",
      r.has_scores ? "affiliation score" : "PageRank",
      d.nodes_left_out ? fmt::format(" {} actors of further small groups are left out of the drawing (they are in the "
                                     "CSV files).",
                                     d.nodes_left_out)
                       : std::string());
  h += fmt::format("<svg id=\"network\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" "
                   "aria-label=\"network drawing\">\n<g class=\"ties\" stroke=\"#777\" stroke-opacity=\"0.35\">\n",
                   W, H);
  for (const DrawEdge& e : d.edges) {
    const DrawNode &a = d.nodes[e.a], &b = d.nodes[e.b];
    h += fmt::format(R"(<line class="tie" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke-width="{:.2f}"/>)",
                     px(a), py(a), px(b), py(b), 0.6 + 0.7 * std::log1p(static_cast<double>(e.ties)));
    h += '\n';
  }
  h += "</g>\n<g class=\"nodes\">\n";
  for (const DrawNode& n : d.nodes) {
    const bool group = n.node == kNoNode;
    h += fmt::format("<g class=\"node\" data-kind=\"{}\" data-members=\"{}\" data-community=\"{}\"><title>{}</title>",
                     to_string(n.kind), n.members, n.community,
                     html_escape(node_text(n) + (group ? std::string() : " (" + std::string(to_string(n.kind)) + ")")));
    h += shape(n.kind, px(n), py(n), radius(n), colour_of(n.community), group);
    h += "</g>\n";
  }
  h += "</g>\n<g class=\"labels\">\n";
  {
    // Labels in order of weight (groups by size); one that would overlap a placed label is left
    // to the node's tooltip, so the drawing stays readable where it is dense.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < d.nodes.size(); ++i)
      if (d.nodes[i].labelled) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return radius(d.nodes[a]) > radius(d.nodes[b]);
    });
    struct Box { double x0, y0, x1, y1; };
    std::vector<Box> placed;
    for (std::size_t i : order) {
      const DrawNode& n = d.nodes[i];
      const std::string text = node_text(n);
      // labels right of the node, or left of it near the right edge
      const double width = 6.3 * static_cast<double>(text.size());
      const bool left = px(n) + radius(n) + 2 + width > W - 4;
      const double x0 = left ? px(n) - radius(n) - 2 - width : px(n) + radius(n) + 2;
      const Box b{x0, py(n) - 7, x0 + width, py(n) + 6};
      bool clash = false;
      for (const Box& o : placed) clash = clash || (b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1);
      if (clash) continue;
      placed.push_back(b);
      h += fmt::format("<text class=\"lbl\" x=\"{:.1f}\" y=\"{:.1f}\"{}>{}</text>\n", left ? b.x1 : b.x0, py(n) + 4,
                       left ? " text-anchor=\"end\"" : "", html_escape(text));
    }
  }
  h += "</g>\n</svg>\n<p class=\"legend\">";
  for (NodeKind k : {NodeKind::smuggler, NodeKind::facilitator, NodeKind::organization, NodeKind::person,
                     NodeKind::migrant, NodeKind::asset})
    h += fmt::format("<span><svg width=\"16\" height=\"16\" viewBox=\"0 0 16 16\">{}</svg> {}</span>",
                     shape(k, 8, 8, 6, "#bbb", false), to_string(k));
  h += "<br>";
  for (std::size_t i = 0; i < coloured.size(); ++i)
    h += fmt::format("<span><svg width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\"{}\"/></svg> "
                     "community {}</span>",
                     kPalette[i], coloured[i]);
  if (colour.size() < r.community_count) h += "<span>other communities: grey</span>";
  h += "</p>\n";

  // ---- counts
  std::array<std::size_t, kNodeKindCount> by_kind{};
  for (NodeId v = 0; v < c.num_nodes(); ++v) ++by_kind[static_cast<std::size_t>(c.kind(v))];
  h += "<h2 id=\"counts\">Counts</h2>\n<table id=\"counts-table\" class=\"narrow\"><tbody>\n";
  auto count_row = [&](const std::string& k, const std::string& v) {
    h += "<tr><th>" + k + "</th><td class=\"n\">" + v + "</td></tr>\n";
  };
  count_row("nodes", std::to_string(c.num_nodes()));
  for (NodeKind k : kAllNodeKinds)
    if (by_kind[static_cast<std::size_t>(k)])
      count_row("&nbsp;&nbsp;" + plural_kind(k, 2), std::to_string(by_kind[static_cast<std::size_t>(k)]));
  count_row("pieces of evidence", std::to_string(c.num_evidence()));
  count_row("actor graph (vertices / ties)", fmt::format("{} / {}", r.graph_vertices, r.graph_edges));
  count_row("communities (Leiden)", std::to_string(r.community_count));
  count_row("seeds", std::to_string(r.seeds.size()));
  count_row("nodes reached by the scores", r.has_scores ? std::to_string(r.reached) : "– (no seeds)");
  count_row("warnings in the case", std::to_string(r.warnings));
  h += "</tbody></table>\n";

  // ---- leads
  h += "<h2 id=\"leads\">Ranked leads</h2>\n";
  if (!r.has_scores) {
    h += "<p>No seeds were given (no seeds.csv in the case and no --seeds file), so there are no affiliation scores. "
         "Give the actors known to be tied to the group under investigation as seeds to rank the others.</p>\n";
  } else {
    h += fmt::format(
        "<p>Affiliation scores spread from {} seeds by {} (restart {}, client ties capped at {}; country and location "
        "nodes pass nothing on). Each lead shows the strongest evidence path from a seed (relation and grade of the "
        "strongest piece of evidence per tie). Top {} of {} reached nodes; scores.csv has all.</p>\n",
        r.seeds.size(), to_string(r.scores.params.method), r.scores.params.restart, r.scores.params.client_factor,
        std::min(p.table_rows, r.reached), r.reached);
    h += "<table id=\"leads-table\"><thead><tr><th>Rank</th><th>Id</th><th>Kind</th><th>Label</th><th>Score</th>"
         "<th>Seed</th><th>Strongest evidence path</th></tr></thead><tbody>\n";
    std::vector<char> is_seed(c.num_nodes(), 0);
    for (const Seed& s : r.seeds) is_seed[s.node] = 1;
    for (std::size_t i = 0; i < std::min(p.table_rows, r.reached); ++i) {
      const NodeId v = r.scores.rank[i];
      h += fmt::format("<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td>"
                       "<td class=\"path\">{}</td></tr>\n",
                       i + 1, id_cell(v), to_string(c.kind(v)), label_cell(v), short_num(r.scores.scores[v]),
                       is_seed[v] ? "seed" : "",
                       i < r.paths.size() ? html_escape(names.path(r.paths[i])) : std::string());
    }
    h += "</tbody></table>\n";
  }

  // ---- key players and brokers
  h += "<h2 id=\"keyplayers\">Key players</h2>\n";
  h += fmt::format(
      "<p>KPP-Neg (Borgatti): the {} actors whose removal fragments the actor graph most (fragmentation {:.4f} "
      "after removal), then the cut vertices (articulation points: removing one splits the graph) with the highest "
      "betweenness; {} cut vertices in all (keyplayers.csv).</p>\n",
      r.key_players.size(), r.fragmentation, r.articulation_points.size());
  h += "<table id=\"keyplayers-table\"><thead><tr><th>Rank</th><th>Id</th><th>Kind</th><th>Label</th><th>Community</th>"
       "<th>Fragmentation gain</th><th>Cut vertex</th><th>Betweenness</th></tr></thead><tbody>\n";
  {
    std::vector<char> cut(c.num_nodes(), 0), listed(c.num_nodes(), 0);
    for (NodeId v : r.articulation_points) cut[v] = 1;
    for (std::size_t i = 0; i < r.key_players.size(); ++i) {
      const NodeId v = r.key_players[i];
      listed[v] = 1;
      h += fmt::format("<tr><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td>"
                       "<td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td></tr>\n",
                       i + 1, id_cell(v), to_string(c.kind(v)), label_cell(v), r.community[v],
                       short_num(r.key_marginal[i]), cut[v] ? "yes" : "no", short_num(r.betweenness[v]));
    }
    std::vector<NodeId> cuts;
    for (NodeId v : r.articulation_points)
      if (!listed[v]) cuts.push_back(v);
    std::stable_sort(cuts.begin(), cuts.end(), [&](NodeId a, NodeId b) { return r.betweenness[a] > r.betweenness[b]; });
    for (std::size_t i = 0; i < cuts.size() && i < p.table_rows; ++i) {
      const NodeId v = cuts[i];
      h += fmt::format("<tr><td></td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td></td><td>yes</td>"
                       "<td class=\"n\">{}</td></tr>\n",
                       id_cell(v), to_string(c.kind(v)), label_cell(v), r.community[v], short_num(r.betweenness[v]));
    }
  }
  h += "</tbody></table>\n";

  h += "<h2 id=\"brokers\">Brokers</h2>\n";
  h += fmt::format(
      "<p>Highest betweenness ({}): who lies on the shortest paths between others. Brokerage roles (Gould and "
      "Fernandez) count the open two-paths a node brokers between communities: a gatekeeper controls what enters "
      "its community, a representative carries its community's ties outwards, a liaison links two other "
      "communities. Low constraint (Burt) means contacts who are not tied to each other. A migrant who paid two "
      "smugglers of different rings is a liaison in this arithmetic and nothing more.</p>\n",
      html_escape(r.betweenness_method));
  h += "<table id=\"brokers-table\"><thead><tr><th>Id</th><th>Kind</th><th>Label</th><th>Community</th>"
       "<th>Betweenness</th><th>Constraint</th><th>Gatekeeper</th><th>Representative</th><th>Liaison</th>"
       "<th>Itinerant</th><th>Coordinator</th></tr></thead><tbody>\n";
  {
    std::vector<NodeId> order;
    for (NodeId v = 0; v < c.num_nodes(); ++v)
      if (std::isfinite(r.betweenness[v]) && r.betweenness[v] > 0) order.push_back(v);
    std::stable_sort(order.begin(), order.end(), [&](NodeId a, NodeId b) { return r.betweenness[a] > r.betweenness[b]; });
    for (std::size_t i = 0; i < order.size() && i < p.table_rows; ++i) {
      const NodeId v = order[i];
      const auto& roles = r.roles[v];
      auto role = [&](BrokerageRole x) { return roles[static_cast<std::size_t>(x)]; };
      h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                       "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                       "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                       id_cell(v), to_string(c.kind(v)), label_cell(v), r.community[v], short_num(r.betweenness[v]),
                       short_num(r.constraint[v]), role(BrokerageRole::gatekeeper),
                       role(BrokerageRole::representative), role(BrokerageRole::liaison),
                       role(BrokerageRole::itinerant), role(BrokerageRole::coordinator));
    }
  }
  h += "</tbody></table>\n";

  // ---- communities
  h += "<h2 id=\"communities\">Communities</h2>\n";
  h += fmt::format(
      "<p>{} communities found by Leiden (modularity {:.4f}, resolution {}) among actors, leaving nationality and "
      "transit out: a shared origin is not a ring. Largest first; {} shown (communities.csv has every node).</p>\n",
      r.community_count, r.modularity, p.resolution, std::min(p.table_rows, r.communities.size()));
  h += "<table id=\"communities-table\"><thead><tr><th>Community</th><th>Size</th><th>Members by kind</th><th>Roles</th>"
       "<th>Origin countries (migrants)</th><th>Transit (records)</th><th>Most central members</th><th>Seeds</th><th>Mean score</th>"
       "</tr></thead><tbody>\n";
  for (std::size_t i = 0; i < r.communities.size() && i < p.table_rows; ++i) {
    const CommunitySummary& s = r.communities[i];
    std::string kinds;
    for (NodeKind k : kAllNodeKinds)
      if (s.by_kind[static_cast<std::size_t>(k)])
        kinds += fmt::format("{}{} {}", kinds.empty() ? "" : ", ", s.by_kind[static_cast<std::size_t>(k)],
                             plural_kind(k, s.by_kind[static_cast<std::size_t>(k)]));
    std::string top;
    for (NodeId v : s.top_members) {
      const std::string label = names.label(v);
      top += (top.empty() ? "" : ", ") + html_escape(names.id(v)) +
             (label.empty() || label == names.id(v) ? std::string() : " (" + html_escape(label) + ")");
    }
    h += fmt::format("<tr><td class=\"n\"><span style=\"color:{}\">&#9632;</span> {}</td><td class=\"n\">{}</td>"
                     "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td>"
                     "<td class=\"n\">{}</td></tr>\n",
                     colour_of(s.id), s.id, s.size, kinds, counted(s.roles, nullptr), counted(s.origins, &names),
                     counted(s.transits, &names), top.empty() ? "–" : top, s.seeds,
                     r.has_scores ? short_num(s.mean_score) : "–");
  }
  h += "</tbody></table>\n";

  // ---- parameters and timings
  h += "<h2 id=\"parameters\">Parameters and timings</h2>\n<table id=\"parameters-table\" class=\"narrow\"><tbody>\n";
  auto prow = [&](const std::string& k, const std::string& v) {
    h += "<tr><th>" + html_escape(k) + "</th><td>" + html_escape(v) + "</td></tr>\n";
  };
  prow("actor graph", "actors and assets; every relation but originates_from and transited; unit ties, undirected");
  prow("betweenness", r.betweenness_method);
  prow("closeness", r.closeness_computed ? "exact (Wasserman-Faust)"
                                         : fmt::format("left out: more than {} vertices (O(n m))", p.exact_limit));
  prow("PageRank", fmt::format("damping 0.85, {} iterations{}", r.pagerank_iterations,
                               r.pagerank_converged ? "" : " (NOT converged)"));
  prow("communities", fmt::format("Leiden, modularity, resolution {}, seed {}", p.resolution, p.seed));
  prow("key players", fmt::format("KPP-Neg, k = {}", p.key_players));
  if (r.has_scores) {
    const PropagationParams& q = r.scores.params;
    prow("scores", fmt::format("{}, restart {}, client factor {}, half-life {} days, {} iterations{}",
                               to_string(q.method), q.restart, q.client_factor, q.strength.half_life_days,
                               r.scores.iterations, r.scores.converged ? "" : " (NOT converged)"));
  }
  prow("drawing", fmt::format("at most {} nodes, Fruchterman-Reingold layout (Boost.Graph), seed {}", p.max_drawn, p.seed));
  prow("pseudonyms", names.pseudonymized() ? "HMAC-SHA-256 keyed pseudonyms for every id and label" : "off");
  for (const InputDigest& in : r.inputs) prow("input " + fs::path(in.path).filename().string(), "SHA-256 " + in.sha256);
  for (const PhaseTime& t : r.timings) prow("time: " + t.phase, fmt::format("{:.3f} s", t.seconds));
  h += "</tbody></table>\n";
  h += "<p>manifest.json holds the parameters, input digests, counts and timings in machine-readable form.</p>\n";
  h += "</body>\n</html>\n";
  return h;
}

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
    m["parameters"] = {{"seeds_file", p.seeds_file.string()},
                       {"approximate", p.approximate},
                       {"exact_limit", p.exact_limit},
                       {"epsilon", p.epsilon},
                       {"key_players", p.key_players},
                       {"resolution", p.resolution},
                       {"seed", p.seed},
                       {"explain_top", p.explain_top},
                       {"table_rows", p.table_rows},
                       {"max_drawn", p.max_drawn},
                       {"labels", p.labels},
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
                   {"drawing_nodes_left_out", r.drawing.nodes_left_out}};
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

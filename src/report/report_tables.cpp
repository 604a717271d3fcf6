// The report's tables: counts, ranked leads, key players, brokers, communities, parameters.
// Plain HTML that reads without script; the page's script makes them sort and filter, and a row
// whose node is in the view (data-node) focuses it when clicked.
#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>

#include "report/report_impl.hpp"

namespace corridor::detail {

namespace fs = std::filesystem;

namespace {

// "name (count), ..." with each name through `show` (a Namer's place or role).
template <class Show>
std::string counted(const std::vector<std::pair<std::string, std::size_t>>& items, Show show) {
  std::string out;
  for (const auto& [name, count] : items) {
    if (!out.empty()) out += ", ";
    out += html_escape(show(name)) + fmt::format(" ({})", count);
  }
  return out.empty() ? "–" : out;
}


struct Tables {
  std::string& h;
  const Case& c;
  const AnalysisResult& r;
  const Namer& names;
  const Colours& colours;
  const std::vector<std::uint32_t>& page_index;

  std::string id_cell(NodeId v) const { return html_escape(names.id(v)); }
  std::string label_cell(NodeId v) const { return html_escape(names.label(v)); }
  // <tr> of a node's row: with data-node when the node is in the view
  std::string row(NodeId v) const {
    if (v < page_index.size() && page_index[v] != static_cast<std::uint32_t>(-1))
      return fmt::format("<tr data-node=\"{}\">", page_index[v]);
    return "<tr>";
  }

  void counts() {
    std::array<std::size_t, kNodeKindCount> by_kind{};
    for (NodeId v = 0; v < c.num_nodes(); ++v) ++by_kind[static_cast<std::size_t>(c.kind(v))];
    h += "<details id=\"counts-section\"><summary><h2 id=\"counts\">Counts</h2></summary>\n<table id=\"counts-table\" class=\"narrow\"><tbody>\n";
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
    count_row("cleared persons", std::to_string(r.cleared.size()));
    count_row("nodes reached by the scores", r.has_scores ? std::to_string(r.reached) : "– (no seeds)");
    count_row("warnings in the case", std::to_string(r.warnings));
    h += "</tbody></table>\n</details>\n";

  }

  void leads() {
    const AnalyzeParams& p = r.params;
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
        const NodeId v = r.scores.order[i];
        h += row(v) + fmt::format("<td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td>"
                         "<td class=\"path\">{}</td></tr>\n",
                         i + 1, id_cell(v), to_string(c.kind(v)), label_cell(v), short_num(r.scores.scores[v]),
                         is_seed[v] ? "seed" : "",
                         i < r.paths.size() ? html_escape(names.path(r.paths[i])) : std::string());
      }
      h += "</tbody></table>\n";
      cleared();
    }

  }

  // Persons checked and cleared, apart from the leads: they score 0 and lowered the scores around
  // them; the table says by how much in all (their part of the scores, summed over the case).
  void cleared() {
    if (r.cleared.empty()) return;
    h += "<h3 id=\"cleared\">Cleared persons</h3>\n";
    h += "<p>Checked and cleared: each scores 0, passes no suspicion on, and lowers the scores of those tied to it "
         "(by the same walk as the seeds, weighted by its confidence). The scores above already include this.</p>\n";
    h += "<table id=\"cleared-table\"><thead><tr><th>Id</th><th>Kind</th><th>Label</th><th>Confidence</th>"
         "<th>Note</th></tr></thead><tbody>\n";
    for (const Seed& s : r.cleared)
      h += row(s.node) + fmt::format("<td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
                                     id_cell(s.node), to_string(c.kind(s.node)), label_cell(s.node),
                                     short_num(s.confidence), names.pseudonymized() ? std::string("(withheld)") : html_escape(s.note));
    h += "</tbody></table>\n";
  }

  void key_players_and_brokers() {
    const AnalyzeParams& p = r.params;
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
        h += row(v) + fmt::format("<td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td>"
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
        h += row(v) + fmt::format("<td></td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td></td><td>yes</td>"
                         "<td class=\"n\">{}</td></tr>\n",
                         id_cell(v), to_string(c.kind(v)), label_cell(v), r.community[v], short_num(r.betweenness[v]));
      }
    }
    h += "</tbody></table>\n";

    h += "<details id=\"brokers-section\"><summary><h2 id=\"brokers\">Brokers</h2></summary>\n";
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
        h += row(v) + fmt::format("<td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                         "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                         "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                         id_cell(v), to_string(c.kind(v)), label_cell(v), r.community[v], short_num(r.betweenness[v]),
                         short_num(r.constraint[v]), role(BrokerageRole::gatekeeper),
                         role(BrokerageRole::representative), role(BrokerageRole::liaison),
                         role(BrokerageRole::itinerant), role(BrokerageRole::coordinator));
      }
    }
    h += "</tbody></table>\n</details>\n";

  }

  void communities() {
    const AnalyzeParams& p = r.params;
    h += "<details id=\"communities-section\"><summary><h2 id=\"communities\">Communities</h2></summary>\n";
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
      h += fmt::format("<tr><td class=\"n\"><span class=\"sw c{}\">&#9632;</span> {}</td><td class=\"n\">{}</td>"
                       "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td>"
                       "<td class=\"n\">{}</td></tr>\n",
                       colours.index(s.id), s.id, s.size, kinds, counted(s.roles, [&](const std::string& x) { return names.role(x); }),
                       counted(s.origins, [&](const std::string& x) { return names.place(x); }),
                       counted(s.transits, [&](const std::string& x) { return names.place(x); }), top.empty() ? "–" : top, s.seeds,
                       r.has_scores ? short_num(s.mean_score) : "–");
    }
    h += "</tbody></table>\n</details>\n";

  }

  void parameters() {
    const AnalyzeParams& p = r.params;
    h += "<details id=\"parameters-section\"><summary><h2 id=\"parameters\">Parameters and timings</h2></summary>\n<table id=\"parameters-table\" class=\"narrow\"><tbody>\n";
    auto prow = [&](const std::string& k, const std::string& v) {
      h += "<tr><th>" + html_escape(k) + "</th><td>" + html_escape(v) + "</td></tr>\n";
    };
    prow("actor graph", "actors and assets; every relation but originates_from and transited; unit ties, undirected");
    prow("betweenness", r.betweenness_method);
    prow("closeness", r.closeness_computed ? "exact (Wasserman-Faust)"
                                           : fmt::format("left out: {} (O(n m))", r.exact_left_out));
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
    prow("view", fmt::format("{} of {} nodes and {} ties embedded (at most {} nodes); {} leads with {} paths each, {} "
                             "with per-seed shares",
                             r.drawing.page.size(), c.num_nodes(), r.drawing.page_ties.size(), p.page_nodes,
                             r.lead_paths.size(), p.page_paths, r.lead_shares.size()));
    prow("pseudonyms", names.pseudonymized() ? "HMAC-SHA-256 keyed pseudonyms (128 bits) for every id, label, role, "
                                               "source reference and file path"
                                             : "off");
    for (const InputDigest& in : r.inputs) prow("input " + fs::path(names.file(in.path)).filename().string(), "SHA-256 " + in.sha256);
    for (const PhaseTime& t : r.timings) prow("time: " + t.phase, fmt::format("{:.3f} s", t.seconds));
    h += "</tbody></table>\n";
    h += "<p>manifest.json holds the parameters, input digests, counts and timings in machine-readable form.</p>\n</details>\n";
  }
};

}  // namespace

void append_tables(std::string& h, const Case& c, const AnalysisResult& r, const Namer& names, const Colours& colours,
                   const std::vector<std::uint32_t>& page_index) {
  Tables t{h, c, r, names, colours, page_index};
  t.leads();
  t.key_players_and_brokers();
  t.communities();
  t.counts();
  t.parameters();
}

}  // namespace corridor::detail

// corridor communities: rings and cells of a case, by Leiden, Louvain or label propagation.
//
// Communities are found among actors by default: countries and locations are left out by the
// view, and so are the originates_from / transited relations, since a shared nationality or
// route is not a ring.
#include <fmt/core.h>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "corridor/community/label_propagation.hpp"
#include "corridor/community/leiden.hpp"
#include "corridor/community/louvain.hpp"
#include "corridor/community/partition.hpp"
#include "corridor/community/quality.hpp"
#include "corridor/error.hpp"
#include "corridor/graph/view.hpp"

namespace corridor::cli {

namespace {

struct CommunityOptions {
  std::string path;
  std::string method = "leiden";
  double resolution = 1.0;
  std::uint64_t seed = 1;
  std::string out;
  ViewOptions view;
};

// Every relation of the case but the context ones (nationality, route).
RelationSet actor_relations(const Case& c) {
  RelationSet set = RelationSet::none();
  const auto origin = static_cast<RelationId>(Relation::originates_from);
  const auto transit = static_cast<RelationId>(Relation::transited);
  for (RelationId r = 0; r < c.relations().size(); ++r)
    if (r != origin && r != transit) set.insert(r);
  return set;
}

void run_communities(const CommunityOptions& o, const Globals& g) {
  if (!(o.resolution >= 0))
    throw ParamError("--resolution must be >= 0 (1 is the classic modularity), got " + fmt::format("{}", o.resolution));
  const Case c = load_input(o.path);
  ViewParams vp = o.view.resolve(c);
  if (o.view.relations.empty()) vp.relations = actor_relations(c);
  const View view = make_view(c, vp);
  const Graph& graph = view.graph;

  CommunityResult r;
  if (o.method == "leiden") {
    r = leiden(graph, {.resolution = o.resolution, .seed = o.seed});
  } else if (o.method == "louvain") {
    r = louvain(graph, {.resolution = o.resolution, .seed = o.seed});
  } else if (o.method == "labelprop") {
    r = label_propagation(graph, {.seed = o.seed});
  } else {
    throw ParamError("--method must be leiden, louvain or labelprop, got \"" + o.method + "\"");
  }

  std::vector<std::string> header{"id", "kind", "label", "community"};
  for (std::size_t i = 0; i < r.levels.size(); ++i) header.push_back(fmt::format("level_{}", i));
  std::string text = csv_line(header);
  std::vector<std::string> row;
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    row.assign({std::string(c.node_id(v)), std::string(to_string(c.kind(v))), std::string(c.label(v))});
    const vertex_t x = view.vertex_of[v];
    if (x == kNoVertex) {
      row.resize(header.size());  // left out of the view: empty cells
    } else {
      row.push_back(std::to_string(r.membership[x]));
      for (const auto& level : r.levels) row.push_back(std::to_string(level[x]));
    }
    text += csv_line(row);
  }
  write_output(o.out, text);

  if (g.quiet) return;
  std::size_t largest = 0;
  for (std::size_t s : community_sizes(r.membership)) largest = std::max(largest, s);
  // Label propagation optimises no resolution: report its plain modularity.
  const double q = modularity(graph, r.membership, o.method == "labelprop" ? 1.0 : o.resolution);
  const std::string summary =
      fmt::format("{}: {} communities among {} nodes, modularity {:.6f}, largest {} nodes\n", o.method,
                  r.count, graph.num_vertices(), q, largest);
  fmt::print(o.out.empty() || o.out == "-" ? stderr : stdout, "{}", summary);
}

}  // namespace

void add_community_commands(CLI::App& app, Globals& g) {
  auto o = std::make_shared<CommunityOptions>();
  auto* cmd = app.add_subcommand(
      "communities",
      "Find rings and cells (communities) among the actors of a case; writes CSV id,kind,label,community,level_0..");
  cmd->add_option("CASE", o->path, "case folder, .corridor snapshot or .graphml file")->required();
  cmd->add_option("--method", o->method, "leiden (default), louvain or labelprop")
      ->check(CLI::IsMember({"leiden", "louvain", "labelprop"}));
  cmd->add_option("--resolution", o->resolution, "modularity resolution gamma >= 0; larger finds smaller groups (default 1)");
  cmd->add_option("--seed", o->seed, "random seed; the same seed gives the same communities (default 1)");
  cmd->add_option("--out", o->out, "write the CSV to this file instead of standard output");
  o->view.add_to(cmd, /*with_directed=*/false);
  cmd->callback([o, &g] { run_communities(*o, g); });
}

}  // namespace corridor::cli

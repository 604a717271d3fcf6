// corridor communities: rings and cells of a case, by Leiden, Louvain or label propagation.
//
// Communities are found among actors by default: countries and locations are left out by the
// view, and so are the originates_from / transited relations, since a shared nationality or
// route is not a ring.
#include <fmt/core.h>

#include <algorithm>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "corridor/community/partition.hpp"
#include "corridor/error.hpp"
#include "corridor/spec/community.hpp"

namespace corridor::cli {

namespace {

struct CommunityOptions {
  std::string path;
  std::string method = "leiden";
  std::string objective = "modularity";
  double resolution = CommunitySpec{}.resolution;
  std::uint64_t seed = CommunitySpec{}.seed;
  double randomness = CommunitySpec{}.randomness;
  int iterations = CommunitySpec{}.iterations;
  int max_iterations = CommunitySpec{}.max_iterations;
  std::string out;
  ViewOptions view;

  CommunitySpec spec() const {
    if (!(resolution >= 0))
      throw ParamError("--resolution must be >= 0 (1 is the classic modularity), got " + fmt::format("{}", resolution));
    return {.method = parse_community_method(method),
            .objective = parse_objective(objective),
            .resolution = resolution,
            .seed = seed,
            .randomness = randomness,
            .iterations = iterations,
            .max_iterations = max_iterations};
  }
};

void run_communities(const CommunityOptions& o, const Globals& g) {
  const CommunitySpec spec = o.spec();
  const Case c = load_input(o.path);
  const View view = make_view(c, community_view(c, o.view.spec()));
  const CommunityResult r = find_communities(view.graph, spec);
  write_table(o.out, communities_table(c, view, r));

  if (g.quiet) return;
  std::size_t largest = 0;
  for (std::size_t s : community_sizes(r.membership)) largest = std::max(largest, s);
  const std::string summary = fmt::format("{}: {} communities among {} nodes, {} {:.6f}, largest {} nodes\n",
                                          to_string(spec.method), r.count, view.graph.num_vertices(),
                                          to_string(spec.objective), r.quality, largest);
  fmt::print(o.out.empty() || o.out == "-" ? stderr : stdout, "{}", summary);
}

}  // namespace

void add_community_commands(CLI::App& app, Globals& g) {
  auto o = std::make_shared<CommunityOptions>();
  auto* cmd = app.add_subcommand(
      "communities",
      "Find rings and cells (communities) among the actors of a case; writes CSV id,kind,label,community,level_0..");
  cmd->add_option("CASE", o->path, "case folder, .corridor snapshot or .graphml file")->required();
  cmd->add_option("--method", o->method, "leiden (default), louvain or labelprop");
  cmd->add_option("--objective", o->objective,
                  "leiden: modularity (default) or cpm (Constant Potts Model: --resolution is a density, e.g. 0.05)");
  cmd->add_option("--resolution", o->resolution, "modularity resolution gamma >= 0; larger finds smaller groups (default 1)");
  cmd->add_option("--seed", o->seed, "random seed; the same seed gives the same communities (default 1)");
  cmd->add_option("--randomness", o->randomness, "leiden: randomness of the refinement, > 0")->capture_default_str();
  cmd->add_option("--iterations", o->iterations, "leiden: passes (>= 1, or -1 until nothing changes)")
      ->capture_default_str();
  cmd->add_option("--max-iterations", o->max_iterations, "labelprop: sweeps over the nodes, >= 1")->capture_default_str();
  add_out_option(cmd, o->out);
  o->view.add_to(cmd, /*with_directed=*/false);
  cmd->callback([o, &g] { run_communities(*o, g); });
}

}  // namespace corridor::cli

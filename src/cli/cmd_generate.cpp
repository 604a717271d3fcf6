// corridor generate: write a synthetic case with its ground truth (truth.csv).
#include <fmt/core.h>

#include <array>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "corridor/generate/generate.hpp"

namespace corridor::cli {

namespace {

struct GenerateOptions {
  std::string preset = "small";
  std::uint64_t seed = 1;
  std::string out;
  int rings = 0, migrants = 0, rumours = 0;
  bool has_rings = false, has_migrants = false, has_rumours = false;
  int affiliated_seeds = 5;
  bool has_affiliated_seeds = false;
  bool varied = false;
};

void run_generate(const GenerateOptions& o, const Globals& g) {
  GenerateParams p{.preset = o.preset, .seed = o.seed, .varied = o.varied};
  if (o.has_affiliated_seeds || !o.varied) p.affiliated_seeds = o.affiliated_seeds;
  if (o.has_rings) p.rings = o.rings;
  if (o.has_migrants) p.migrants = o.migrants;
  if (o.has_rumours) p.rumours = o.rumours;
  GeneratedCase gc = generate_case(p);
  write_generated_case(gc, o.out);
  if (g.quiet) return;
  const Case& c = gc.c;
  std::array<std::size_t, kNodeKindCount> kinds{};
  for (NodeId v = 0; v < c.num_nodes(); ++v) ++kinds[static_cast<std::size_t>(c.kind(v))];
  std::string by_kind;
  for (NodeKind k : kAllNodeKinds)
    if (kinds[static_cast<std::size_t>(k)] > 0)
      by_kind += fmt::format("{}{} {}", by_kind.empty() ? "" : ", ", kinds[static_cast<std::size_t>(k)], to_string(k));
  fmt::print("generated preset {} seed {} into {}\n", gc.preset, gc.seed, o.out);
  fmt::print("nodes: {} ({})\n", c.num_nodes(), by_kind);
  fmt::print("evidence: {}\n", c.num_evidence());
  const bool group_seed = !c.seeds().empty() && c.kind(c.seeds().front().node) == NodeKind::organization;
  const std::size_t known = c.seeds().size() - (group_seed ? 1 : 0);
  fmt::print("seeds: {} ({}{} affiliates)\n", c.seeds().size(), group_seed ? "the organization and " : "", known);
  fmt::print("affiliated (truth.csv): {}, of which hidden (not seeds): {}\n", gc.affiliated.size(),
             gc.affiliated.size() - known);
  fmt::print("synthetic data: no real person is in this case\n");
}

}  // namespace

void add_generate_command(CLI::App& app, Globals& g) {
  auto opts = std::make_shared<GenerateOptions>();
  std::string presets;
  for (const auto& name : generator_presets()) presets += (presets.empty() ? "" : ", ") + name;
  CLI::App* cmd = app.add_subcommand(
      "generate", "Write a synthetic smuggling case with planted affiliates (nodes.csv, edges.csv, seeds.csv, "
                  "truth.csv)");
  cmd->add_option("--preset", opts->preset, "size: " + presets)->capture_default_str();
  cmd->add_option("--seed", opts->seed, "random seed; the same seed gives the same case")->capture_default_str();
  cmd->add_option("--out", opts->out, "case folder to write (created if needed)")->required();
  auto* rings = cmd->add_option("--rings", opts->rings, "number of smuggling rings, >= 2 (default: the preset's)");
  auto* migrants = cmd->add_option("--migrants", opts->migrants, "number of migrants, >= 0 (default: the preset's)");
  auto* rumours = cmd->add_option("--rumours", opts->rumours, "number of weak rumours, >= 0 (default: the preset's)");
  auto* known = cmd->add_option("--affiliated-seeds", opts->affiliated_seeds,
                                "affiliates given as seeds besides the organization (default 5; --varied: 1 to 8)");
  cmd->add_flag("--varied", opts->varied,
                "draw the case's structure from the seed: organization not a seed or absent, volumes, busy "
                "business contacts, D-F rumours, affiliated travellers, hand-offs, 1 to 8 known seeds");
  cmd->callback([opts, rings, migrants, rumours, known, &g] {
    opts->has_affiliated_seeds = known->count() > 0;
    opts->has_rings = rings->count() > 0;
    opts->has_migrants = migrants->count() > 0;
    opts->has_rumours = rumours->count() > 0;
    run_generate(*opts, g);
  });
}

}  // namespace corridor::cli

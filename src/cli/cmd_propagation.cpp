// `corridor propagate`, `corridor explain`, `corridor evaluate`: affiliation propagation from the
// case's seeds (or a seeds file), its explanations, and its quality against ground truth.
// Scores are investigative leads, never findings.
#include <fmt/core.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "corridor/error.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/propagation/evaluate.hpp"
#include "corridor/propagation/explain.hpp"
#include "corridor/propagation/propagate.hpp"
#include "src_util.hpp"

namespace corridor::cli {

namespace {

void note(const Globals& g, const std::string& text) {
  if (!g.quiet) fmt::print(stderr, "corridor: {}\n", text);
}

// The case and the propagation options every propagation subcommand takes.
struct PropagationInput {
  std::string input;
  PropagationOptions options;

  void add_to(CLI::App* cmd) {
    cmd->add_option("CASE", input, "case folder, .corridor snapshot or .graphml file")->required();
    options.add_to(cmd);
  }

  // Parameters, seeds and cleared persons by the library's one spec; its notes become warnings.
  PropagationRequest resolve(const Case& c) const { return options.resolve(c); }
};

void warn_unconverged(const Globals& g, const PropagationResult& r) {
  if (!r.converged)
    note(g, fmt::format("warning: {} stopped after {} iterations (residual {:.3g}); scores are approximate",
                        to_string(r.params.method), r.iterations, r.residual));
}

// ---- propagate --------------------------------------------------------------------------------

struct PropagateOptions {
  PropagationInput common;
  std::string out;
  std::size_t explain_top = 1000;
};

void run_propagate(const PropagateOptions& o, const Globals& g) {
  const Case c = load_input(o.common.input);
  const PropagationRequest q = o.common.resolve(c);
  const PropagationParams& p = q.params;
  const std::vector<Seed>& seeds = q.seeds;
  const PropagationResult r = propagate(c, seeds, p, q.cleared);
  warn_unconverged(g, r);
  const ExplainIndex idx = build_explain_index(c, r);
  std::string text = csv_line({"id", "kind", "label", "score", "rank", "top_seed", "path"});
  text.reserve(c.num_nodes() * 64);
  for (NodeId v : r.order) {
    const bool reached = r.scores[v] > 0;
    std::string path;
    // The path that contributes most, for the first --explain-top leads (each costs a search).
    if (reached && r.position[v] <= o.explain_top) {
      const auto paths = strongest_paths(idx, v, bulk_path_params(1));
      if (!paths.empty()) path = path_text(c, paths[0]);
    }
    text += csv_line({std::string(c.node_id(v)), std::string(to_string(c.kind(v))), std::string(c.label(v)),
                      csv_number(r.scores[v]), reached ? std::to_string(r.position[v]) : std::string(),
                      r.top_seed[v] == kNoNode ? std::string() : std::string(c.node_id(r.top_seed[v])), path});
  }
  write_output(o.out, text);
  std::size_t reached = 0;
  for (double s : r.scores) reached += s > 0;
  note(g, fmt::format("{}: {} of {} nodes reached from {} seeds{} ({} iterations); scores are leads, not findings",
                      to_string(p.method), reached, c.num_nodes(), seeds.size(),
                      q.cleared.empty() ? "" : fmt::format(", {} cleared", q.cleared.size()), r.iterations));
}

// ---- explain ----------------------------------------------------------------------------------

struct ExplainOptions {
  PropagationInput common;
  std::string id;
  int k = 5;
};

// How a node's score is made, in words and numbers that add up (see propagation/explain.hpp).
std::string explanation_text(const Case& c, const PropagationResult& r, const Explanation& e) {
  const NodeId v = e.node;
  std::string text = fmt::format("{} ({}{}{}): score {} ({}), method {}\n", c.node_id(v), to_string(c.kind(v)),
                                 c.label(v).empty() ? "" : ", ", c.label(v), csv_number(e.score),
                                 e.score > 0 ? fmt::format("rank {} of {}", r.position[v], c.num_nodes()) : "not reached",
                                 to_string(r.params.method));
  if (r.seed_weight[v] > 0) text += "it is a seed: its score includes its own weight\n";
  if (!r.cleared_weight.empty() && r.cleared_weight[v] > 0) text += "it is a cleared person: it scores 0 and passes no suspicion on\n";
  text += "the score adds up " + score_meaning(r.params) + "\n";
  if (e.suspicion > 0 || e.clearance > 0) {
    text += "by seed:\n";
    for (const SeedShare& s : e.shares) {
      if (s.cleared || !(s.contribution > 0)) continue;
      std::string note;
      if (s.implicit)
        for (const ImplicitSeed& i : r.implicit_seeds) {
          if (i.node != s.seed) continue;
          std::string via;
          for (std::size_t k = 0; k < i.via.size(); ++k) via += (k ? ", " : "") + std::string(c.node_id(i.via[k]));
          note = i.kind == ImplicitSeed::Kind::group ? "  implicit seed: the organization " + via + (i.via.size() > 1 ? " are" : " is") + " tied to"
                                                     : "  implicit seed: a direct organizational tie to " + via;
        }
      text += fmt::format("  {:<20} {:>10.4g} {:6.1f}%{}\n", c.node_id(s.seed), s.contribution, 100.0 * s.fraction, note);
    }
    bool any = false;
    for (const SeedShare& s : e.shares) {
      if (!s.cleared || !(s.contribution < 0)) continue;
      if (!any) text += "cleared persons lowered it:\n";
      any = true;
      text += fmt::format("  {:<20} {:>10.4g} {:6.1f}%\n", c.node_id(s.seed), s.contribution, 100.0 * s.fraction);
    }
    if (any)
      text += fmt::format("  seeds {:.4g} - cleared {:.4g} = {:.4g}{}\n", e.suspicion, e.clearance, e.suspicion - e.clearance,
                          e.suspicion - e.clearance < 0 ? " (the score stays at 0)" : "");
  }
  if (e.paths.empty()) {
    text += "no evidence path from any seed reaches this node\n";
  } else {
    text += "evidence paths, largest contribution first (a path's contribution: the walks that reduce to it once their "
            "loops are erased; the contributions of all paths add up to the seeds' part of the score):\n";
    for (std::size_t i = 0; i < e.paths.size(); ++i) {
      const EvidencePath& path = e.paths[i];
      text += fmt::format("{}. {:.6g} ({:.1f}%)  {}\n", i + 1, path.contribution, 100.0 * path.share, path_text(c, path));
      text += path_evidence_lines(c, path);
    }
    text += fmt::format("these {} paths make {:.1f}% of the seeds' part (truncation: each contribution within {:.1g} of "
                        "its value)\n",
                        e.paths.size(), 100.0 * e.covered, std::max(e.truncation, 1e-16));
  }
  return text;
}

void run_explain(const ExplainOptions& o, const Globals& g) {
  check_path_count(o.k);  // before the work, not after it
  const Case c = load_input(o.common.input);
  const PropagationRequest q = o.common.resolve(c);
  const NodeId v = c.require(o.id);
  const PropagationResult r = propagate(c, q.seeds, q.params, q.cleared);
  warn_unconverged(g, r);
  const ExplainIndex idx = build_explain_index(c, r);
  std::string text = explanation_text(c, r, explain(idx, v, {.k = o.k}));
  text += "a score is an investigative lead, never a finding\n";
  write_output("", text);
}

// ---- evaluate ---------------------------------------------------------------------------------

struct EvaluateOptions {
  PropagationInput common;
  std::string truth;
  double budget_factor = 2.0;
};

void run_evaluate(const EvaluateOptions& o, const Globals&) {
  const Case c = load_input(o.common.input);
  // The comparison with the naive baseline measures the ranking from the seeds alone.
  PropagationInput in = o.common;
  in.options.spec.case_cleared = false;
  if (!in.options.spec.cleared_file.empty() || !in.options.spec.cleared_ids.empty())
    throw ParamError("evaluate measures the ranking from the seeds alone: leave out --cleared and --cleared-ids");
  const PropagationRequest q = in.resolve(c);
  const PropagationParams& p = q.params;
  const std::vector<Seed>& seeds = q.seeds;
  std::vector<NodeId> truth;
  for (const Seed& s : read_seeds(o.truth, c, input_options())) truth.push_back(s.node);
  const MethodComparison m = compare_with_naive(c, seeds, truth, p, {.budget_factor = o.budget_factor});
  const RankingQuality &a = m.quality, &b = m.naive;
  std::string text;
  text += fmt::format("{:<34}{:>14}{:>14}\n", "", fmt::format("corridor {}", to_string(m.method)), "naive");
  text += fmt::format("{:<34}{:>14.3f}{:>14.3f}\n", "average precision", a.average_precision, b.average_precision);
  text += fmt::format("{:<34}{:>14.3f}{:>14.3f}\n", "recall within budget", a.recall_at_budget, b.recall_at_budget);
  text += fmt::format("{:<34}{:>14}{:>14}\n", "countries/locations within budget", a.countries_in_budget, b.countries_in_budget);
  text += fmt::format("{:<34}{:>14}{:>14}\n", "innocent migrants within budget", a.innocent_migrants_in_budget,
                      b.innocent_migrants_in_budget);
  text += fmt::format("hidden affiliates {} (truth minus {} seeds), review budget {}\n", a.hidden, seeds.size(), a.budget);
  write_output("", text);
}

}  // namespace

void add_propagation_commands(CLI::App& app, Globals& g) {
  {
    auto o = std::make_shared<PropagateOptions>();
    auto* cmd = app.add_subcommand("propagate",
                                   "rank every node by potential affiliation with the seeds; CSV id,kind,label,score,rank,"
                                   "top_seed,path, best first (rank empty where nothing reaches)");
    o->common.add_to(cmd);
    cmd->add_option("--out,-o", o->out, "output CSV file (default: standard output)");
    cmd->add_option("--explain-top", o->explain_top,
                    "fill the path column (the path that contributes most) for this many leads (default 1000)");
    cmd->callback([o, &g] { run_propagate(*o, g); });
  }
  {
    auto o = std::make_shared<ExplainOptions>();
    auto* cmd = app.add_subcommand("explain",
                                   "why a node scores what it does: each seed's share and the evidence paths that "
                                   "contribute most, in numbers that add up to the score");
    o->common.add_to(cmd);
    cmd->add_option("--id", o->id, "the node to explain")->required();
    cmd->add_option("--k", o->k, "number of paths (default 5)");
    cmd->callback([o, &g] { run_explain(*o, g); });
  }
  {
    auto o = std::make_shared<EvaluateOptions>();
    auto* cmd = app.add_subcommand("evaluate",
                                   "average precision and review-budget figures against ground truth, corridor vs naive");
    o->common.add_to(cmd);
    cmd->add_option("--truth", o->truth, "file with an id column listing the true affiliates")->required();
    cmd->add_option("--budget-factor", o->budget_factor, "review budget = factor x hidden affiliates (default 2)");
    cmd->callback([o, &g] { run_evaluate(*o, g); });
  }
}

}  // namespace corridor::cli

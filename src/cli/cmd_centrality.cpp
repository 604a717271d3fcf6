// `corridor centrality`, `corridor brokers`, `corridor keyplayers`: one CSV row per case node,
// computed on the view the options select. Nodes outside the view (countries and locations by
// default) keep their row with empty score cells, so the output lines up with nodes.csv. The
// options become a CentralitySpec and the results a Table (corridor/spec/centrality.hpp): every
// decision about measures and columns is the library's.
#include <fmt/core.h>

#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "corridor/centrality/brokerage.hpp"
#include "corridor/error.hpp"
#include "corridor/spec/centrality.hpp"
#include "src_util.hpp"

namespace corridor::cli {

namespace {

void note(const Globals& g, const std::string& text) {
  if (!g.quiet) fmt::print(stderr, "corridor: {}\n", text);
}

// ---- centrality -------------------------------------------------------------------------------

struct CentralityOptions {
  std::string input;
  std::string measures = "degree,betweenness,closeness,harmonic,eigenvector,pagerank,katz";
  std::string path_weights;  // empty: strength on a weighted view, else hops
  std::string degree_mode = "all";
  bool normalized = true;
  bool endpoints = false;
  double damping = CentralitySpec{}.damping;
  std::vector<std::string> personalization;  // id=weight
  std::optional<double> katz_alpha;
  double katz_beta = CentralitySpec{}.katz_beta;
  int max_iterations = CentralitySpec{}.max_iterations;
  double epsilon = CentralitySpec{}.approx_epsilon;
  double delta = CentralitySpec{}.approx_delta;
  std::uint64_t seed = CentralitySpec{}.seed;
  bool edges = false;
  std::string out;
  ViewOptions view;

  CentralitySpec spec() const {
    CentralitySpec s;
    s.measures = parse_measures(measures);
    if (!path_weights.empty()) s.path_weights = parse_path_weights(path_weights);
    s.degree_mode = parse_degree_mode(degree_mode);
    s.normalized = normalized;
    s.endpoints = endpoints;
    s.damping = damping;
    for (const auto& item : personalization) s.personalization.push_back(parse_assignment("--personalization", item));
    s.katz_alpha = katz_alpha;
    s.katz_beta = katz_beta;
    s.max_iterations = max_iterations;
    s.approx_epsilon = epsilon;
    s.approx_delta = delta;
    s.seed = seed;
    return s;
  }
};

void run_centrality(const CentralityOptions& o, const Globals& g) {
  const CentralitySpec spec = o.spec();
  const Case c = load_input(o.input);
  const View view = make_view(c, o.view.resolve(c));
  if (o.edges) {
    write_table(o.out, edge_table(c, view, compute_edge_betweenness(view, spec)));
    return;
  }
  const CentralityResult r = compute_centrality(c, view, spec);
  for (const auto& text : r.notes) note(g, text);
  write_table(o.out, centrality_table(c, view, r));
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
  const auto group = groups_by_attribute(c, view, o.by);
  const BrokerageResult r = brokerage(view.graph, group, {.weighted = o.view.weighted});
  write_table(o.out, brokerage_table(c, view, o.by, r));
}

// ---- keyplayers -------------------------------------------------------------------------------

struct KeyPlayerOptions {
  std::string input;
  std::size_t k = KeyPlayerParams{}.k;
  std::string mode = "neg";
  int distance = KeyPlayerParams{}.max_distance;
  std::string out;
  ViewOptions view;
};

void run_keyplayers(const KeyPlayerOptions& o, const Globals& g) {
  const KeyPlayerMode mode = parse_key_player_mode(o.mode);
  const Case c = load_input(o.input);
  const View view = make_view(c, o.view.resolve(c));
  const KeyPlayers kp = find_key_players(view, {.k = o.k, .mode = mode, .max_distance = o.distance});
  note(g, fmt::format("{} of {} key players: {} = {:.6g}", mode == KeyPlayerMode::positive ? "KPP-Pos" : "KPP-Neg",
                      kp.players.size(), mode == KeyPlayerMode::positive ? "reach" : "fragmentation", kp.result.score));
  write_table(o.out, keyplayers_table(c, kp.players, kp.result.marginal, kp.articulation_points));
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
    cmd->add_option("--measures", o->measures, "comma-separated: " + valid_measures())->capture_default_str();
    cmd->add_option("--path-weights", o->path_weights,
                    "path lengths of betweenness, closeness, harmonic: hops, strength (1/weight) or distance (the "
                    "weight column holds lengths); default strength with --weighted, else hops");
    cmd->add_option("--degree-mode", o->degree_mode, "degree: all, in or out")->capture_default_str();
    cmd->add_flag("--normalized,!--no-normalized", o->normalized,
                  "betweenness: divide by the number of pairs (default) or give raw pair counts");
    cmd->add_flag("--endpoints", o->endpoints, "betweenness: a path also counts for its two end nodes");
    cmd->add_option("--damping", o->damping, "pagerank: probability of following a tie, in [0,1)")->capture_default_str();
    cmd->add_option("--personalization", o->personalization,
                    "pagerank: teleport weight of a node, id=weight (repeatable; default uniform)");
    cmd->add_option("--katz-alpha", o->katz_alpha,
                    "katz: attenuation in [0, 1/lambda_max) (default 0.1, lowered to 0.9/lambda_max when too large)");
    cmd->add_option("--katz-beta", o->katz_beta, "katz: score each node gives itself, > 0")->capture_default_str();
    cmd->add_option("--max-iterations", o->max_iterations, "eigenvector, pagerank, katz: iteration cap, >= 1")
        ->capture_default_str();
    cmd->add_option("--epsilon", o->epsilon, "betweenness_approx: error bound in (0,1)")->capture_default_str();
    cmd->add_option("--delta", o->delta, "betweenness_approx: failure probability in (0,1)")->capture_default_str();
    cmd->add_option("--seed", o->seed, "betweenness_approx: random seed")->capture_default_str();
    cmd->add_flag("--edges", o->edges,
                  "write the ties instead: source, target, betweenness (edge betweenness, with --path-weights and "
                  "--no-normalized), bridge (true when losing the tie disconnects the view)");
    o->view.add_to(cmd);
    add_out_option(cmd, o->out);
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
    add_out_option(cmd, o->out);
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
    add_out_option(cmd, o->out);
    cmd->callback([o, &g] { run_keyplayers(*o, g); });
  }
}

}  // namespace corridor::cli

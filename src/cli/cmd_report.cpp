// `corridor analyze`, `corridor paths`, `corridor ego`: the analyst's main job (a report from a
// case) and following one lead to its evidence. Thin shells over corridor/report.
#include <fmt/core.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "corridor/error.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/io/export.hpp"
#include "corridor/io/folder.hpp"
#include "corridor/io/formats.hpp"
#include "corridor/report/analyze.hpp"
#include "corridor/model/ego.hpp"
#include "corridor/report/lead.hpp"
#include "src_util.hpp"

namespace corridor::cli {

namespace {

namespace fs = std::filesystem;

// Log lines `corridor: [12:01:02] phase: message`; on a terminal, a bar while a phase runs.
class Progress {
 public:
  explicit Progress(bool quiet) : quiet_(quiet), tty_(::isatty(2) == 1) {}
  ~Progress() { clear(); }

  void log(std::string_view phase, std::string_view message) {
    if (quiet_) return;
    clear();
    fmt::print(stderr, "corridor: [{}] {}: {}\n", clock(), phase, message);
  }

  void operator()(std::string_view phase, double fraction, std::string_view message) {
    if (quiet_) return;
    if (fraction >= 1.0) {
      log(phase, message);
      return;
    }
    if (!tty_) return;
    const auto now = std::chrono::steady_clock::now();
    if (fraction > 0.0 && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    constexpr int kWidth = 30;
    const int done = static_cast<int>(fraction * kWidth + 0.5);
    fmt::print(stderr, "\r\033[Kcorridor: [{}{}] {:3.0f}% {}: {}", std::string(static_cast<std::size_t>(done), '#'),
               std::string(static_cast<std::size_t>(kWidth - done), '-'), 100.0 * fraction, phase, message);
    std::fflush(stderr);
    bar_ = true;
  }

 private:
  static std::string clock() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H:%M:%S", &tm);
    return buf;
  }
  void clear() {
    if (bar_) fmt::print(stderr, "\r\033[K");
    bar_ = false;
  }
  bool quiet_;
  bool tty_;
  bool bar_ = false;
  std::chrono::steady_clock::time_point last_{};
};

// The bundled sample case: $CORRIDOR_SAMPLE_CASE, then beside the executable in a build tree
// (<build>/../examples/data/sample-case) or an installation (<prefix>/share/corridor/sample-case).
fs::path sample_case() {
  if (const char* env = std::getenv("CORRIDOR_SAMPLE_CASE"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  std::vector<fs::path> tried;
  if (!ec) {
    const fs::path dir = exe.parent_path();
    for (const fs::path& candidate : {dir / ".." / "examples" / "data" / "sample-case",
                                      dir / ".." / "share" / "corridor" / "sample-case",
                                      dir / ".." / ".." / "examples" / "data" / "sample-case"}) {
      tried.push_back(candidate.lexically_normal());
      if (fs::exists(candidate / "nodes.csv", ec)) return candidate.lexically_normal();
    }
  }
  std::string where;
  for (const auto& t : tried) where += (where.empty() ? "" : ", ") + t.string();
  throw ParamError("no CASE given and the bundled sample case was not found (looked in " + where +
                   "); give a case folder, or set CORRIDOR_SAMPLE_CASE");
}

struct AnalyzeOptions {
  std::string input;
  PropagationOptions propagation;
  std::string out = "out/report";
  std::string key;
  bool approximate = false;
  bool quiet = false;
  bool static_page = false;
  std::size_t key_players = 5;
  double resolution = 1.0;
  std::uint64_t seed = 1;
  std::size_t rows = 30;
  std::size_t max_drawn = 250;
  std::size_t page_nodes = AnalyzeParams{}.page_nodes;
  std::vector<std::string> exports;  // graphml, gexf, json, dot
  std::vector<std::string> argv;  // for the manifest, with the key masked
};

void run_analyze(const AnalyzeOptions& o, const Globals& g) {
  Progress progress(o.quiet || g.quiet);
  const fs::path input = o.input.empty() ? sample_case() : fs::path(o.input);
  if (o.input.empty()) progress.log("analyze", "no CASE given: the bundled sample case " + input.string());
  check_report_folder(o.out);  // fail before the work, not after
  check_output_is_not_input(o.out, input);
  const PropagationSpec& spec = o.propagation.spec;
  for (const std::string& file : {spec.seeds_file, spec.cleared_file})
    if (!file.empty()) check_output_is_not_input(o.out, file);
  if (!o.key.empty() && o.key.size() < 8)
    throw ParamError("--pseudonymize KEY: use a secret of at least 8 characters (a short key can be guessed)");
  std::vector<Format> exports;
  for (const auto& word : o.exports) exports.push_back(parse_export_format(word));
  if (!exports.empty() && !o.key.empty())
    throw ParamError("--export writes the graph with every id and label, so it cannot be combined with "
                     "--pseudonymize; share the pseudonymised report without --export");

  const auto t0 = std::chrono::steady_clock::now();
  progress("load", 0.0, "reading " + input.string());
  const Case c = load_case(input, input_options());
  const double load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  progress("load", 1.0, fmt::format("{} nodes, {} pieces of evidence{}", c.num_nodes(), c.num_evidence(),
                                    c.warnings().empty() ? "" : fmt::format(", {} warnings", c.warning_count())));

  AnalyzeParams p;
  // Seeds given or in the case: the propagation spec resolves them with the cleared persons.
  // None at all: no scores part, but the options are still checked.
  if (!spec.seeds_file.empty() || !spec.seed_ids.empty() || !c.seeds().empty()) {
    PropagationRequest q = o.propagation.resolve(c);
    p.seeds = std::move(q.seeds);
    p.cleared = std::move(q.cleared);
    p.propagation = q.params;
  } else {
    p.propagation = propagation_params(c, spec);
  }
  p.approximate = o.approximate;
  p.key_players = o.key_players;
  p.resolution = o.resolution;
  p.seed = o.seed;
  p.table_rows = o.rows;
  p.max_drawn = o.max_drawn;
  p.page = o.static_page ? ReportPage::static_drawing : ReportPage::interactive;
  p.page_nodes = o.page_nodes;
  p.pseudonym_key = o.key;
  p.exports = exports;
  for (const auto& a : o.argv) p.command += (p.command.empty() ? "" : " ") + a;
  const auto t1 = std::chrono::steady_clock::now();
  std::vector<fs::path> inputs = case_input_files(c);
  for (const std::string& file : {spec.seeds_file, spec.cleared_file})
    if (!file.empty()) inputs.emplace_back(file);
  std::vector<InputDigest> digests = digest_files(inputs);
  const double digest_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  progress.log("inputs", fmt::format("{} files hashed (SHA-256)", digests.size()));
  AnalysisResult r = analyze(c, p, [&](std::string_view ph, double f, std::string_view m) { progress(ph, f, m); });
  r.inputs = std::move(digests);
  r.timings.insert(r.timings.begin(), {PhaseTime{"load", load_seconds}, PhaseTime{"inputs", digest_seconds}});
  write_report(c, r, o.out, [&](std::string_view ph, double f, std::string_view m) { progress(ph, f, m); });
  std::error_code ec;
  const fs::path html = fs::absolute(fs::path(o.out) / "report.html", ec);
  fmt::print("{}\n", (ec ? fs::path(o.out) / "report.html" : html).string());
  progress.log("analyze", "done; scores are investigative leads, never findings");
}

struct PathsOptions {
  std::string input, from, to;
  int k = 3;
  PropagationOptions walk;  // the propagation's walk, without seeds
};

void run_paths(const PathsOptions& o, const Globals&) {
  check_path_count(o.k);  // before loading the case
  const Case c = load_input(o.input);
  const NodeId a = c.require(o.from), b = c.require(o.to);
  const PropagationParams walk = propagation_params(c, o.walk.spec);
  const auto paths = evidence_paths(c, a, b, {.k = o.k, .strength = walk});
  std::string text;
  if (paths.empty()) {
    text = fmt::format("no evidence path from {} to {} (country and location nodes pass nothing on)\n", o.from, o.to);
  } else {
    const double total = paths[0].share > 0 ? paths[0].contribution / paths[0].share : 0.0;
    double covered = 0.0;
    text += fmt::format(
        "each number is the contribution to {1}'s score of the walks started at {0} with weight 1 that reduce to the "
        "path once their loops are erased (method {2}); all simple paths together make {1}'s score from {0} alone, "
        "{3:.6g}\n",
        o.from, o.to, to_string(walk.method), total);
    for (std::size_t i = 0; i < paths.size(); ++i) {
      const EvidencePath& path = paths[i];
      covered += path.share;
      text += fmt::format("{}. {:.6g} ({:.1f}%)  {}\n", i + 1, path.contribution, 100.0 * path.share, path_text(c, path));
      text += path_evidence_lines(c, path);
    }
    text += fmt::format("these {} paths make {:.1f}% of it\n", paths.size(), 100.0 * covered);
  }
  text += "a path is evidence to check, never a finding\n";
  write_output("", text);
}

struct EgoOptions {
  std::string input, id, out;
  int hops = 2;
};

void run_ego(const EgoOptions& o, const Globals& g) {
  check_ego_hops(o.hops);  // before loading the case
  check_output_folder(o.out, FolderKind::case_folder);
  check_output_is_not_input(o.out, o.input);
  const Case c = load_input(o.input);
  const Case ego = ego_case(c, c.require(o.id), {.hops = o.hops});
  write_case(ego, o.out);
  if (!g.quiet)
    fmt::print(stderr, "corridor: ego network of {} within {} hops: {} nodes, {} pieces of evidence, {} seeds -> {}\n",
               o.id, o.hops, ego.num_nodes(), ego.num_evidence(), ego.seeds().size(), o.out);
}

}  // namespace

void add_report_commands(CLI::App& app, Globals& g) {
  {
    auto o = std::make_shared<AnalyzeOptions>();
    auto* cmd = app.add_subcommand(
        "analyze",
        "The main job: centrality, brokers, communities, key players and (with seeds) affiliation scores with their "
        "evidence paths, written as a report folder: report.html (self-contained), centrality.csv, communities.csv, "
        "scores.csv, keyplayers.csv, manifest.json. Prints the path of report.html. Scores are leads, not findings.");
    cmd->add_option("CASE", o->input, "case folder, .corridor snapshot or .graphml file (default: the bundled sample case)");
    cmd->add_option("--out,-o", o->out, "report folder (replaced only when the new report is complete)")
        ->capture_default_str();
    cmd->add_option("--pseudonymize", o->key,
                    "replace every id and label in all outputs by a keyed pseudonym HMAC-SHA-256(KEY, id); the key is "
                    "never written");
    cmd->add_flag("--approximate", o->approximate, "sampled betweenness even on small graphs (always above 50,000 actors)");
    cmd->add_flag("--quiet,-q", o->quiet, "no progress or log lines on stderr");
    cmd->add_flag("--static", o->static_page,
                  "report.html without script: a static drawing and plain tables instead of the explorable view");
    cmd->add_option("--key-players", o->key_players, "size of the KPP-Neg key player set")->capture_default_str();
    cmd->add_option("--resolution", o->resolution, "Leiden modularity resolution >= 0")->capture_default_str();
    cmd->add_option("--seed", o->seed, "random seed of Leiden, sampling and layout")->capture_default_str();
    cmd->add_option("--rows", o->rows, "rows per table in report.html")->capture_default_str();
    cmd->add_option("--max-drawn", o->max_drawn, "most nodes in the drawing, in [10, 2000]")->capture_default_str();
    cmd->add_option("--page-nodes", o->page_nodes,
                    "most case nodes the interactive view embeds (about 300 bytes of report.html each), in "
                    "[100, 500000]")
        ->capture_default_str();
    cmd->add_option("--export", o->exports,
                    "also write the graph with the results on its nodes into the report folder: graphml, gexf, json "
                    "or dot (graph.<format>; comma-separated or repeated)")
        ->delimiter(',');
    o->propagation.add_to(cmd);
    cmd->callback([o, cmd, &g] {
      o->argv = {"corridor", "analyze"};
      if (!o->input.empty()) o->argv.push_back(o->input);
      for (const auto* opt : cmd->get_options()) {
        if (opt->get_lnames().empty() || opt->count() == 0 || opt->get_lnames()[0] == "help") continue;
        const std::string name = "--" + opt->get_lnames()[0];
        if (opt->get_type_size() == 0) { o->argv.push_back(name); continue; }
        o->argv.push_back(name);
        o->argv.push_back(name == "--pseudonymize" ? std::string("(key not recorded)") : opt->as<std::string>());
      }
      run_analyze(*o, g);
    });
  }
  {
    auto o = std::make_shared<PathsOptions>();
    auto* cmd = app.add_subcommand(
        "paths",
        "The k evidence paths from one node that make most of another's score: each path's number is the "
        "contribution to --to's score of the walks started at --from with weight 1 that reduce to the path once "
        "their loops are erased (the propagation's walk; all paths add up to that score). Each tie with relation, "
        "grade, date and source_ref of its strongest piece of evidence.");
    cmd->add_option("CASE", o->input, "case folder, .corridor snapshot or .graphml file")->required();
    cmd->add_option("--from", o->from, "id of the first node")->required();
    cmd->add_option("--to", o->to, "id of the last node")->required();
    cmd->add_option("--k", o->k, "number of paths, in [1, 1000]")->capture_default_str();
    o->walk.add_to(cmd, false);
    cmd->callback([o, &g] { run_paths(*o, g); });
  }
  {
    auto o = std::make_shared<EgoOptions>();
    auto* cmd = app.add_subcommand(
        "ego",
        "The ego network of a node as a new case folder: every node within --hops ties (countries and locations "
        "joined but not walked through), all evidence among them, the seeds that fall inside.");
    cmd->add_option("CASE", o->input, "case folder, .corridor snapshot or .graphml file")->required();
    cmd->add_option("--id", o->id, "the centre node")->required();
    cmd->add_option("--hops", o->hops, "radius in ties, in [0, 100]")->capture_default_str();
    cmd->add_option("--out,-o", o->out, "case folder to write")->required();
    cmd->callback([o, &g] { run_ego(*o, g); });
  }
}

}  // namespace corridor::cli

// corridor/report/analyze.hpp: the analyst's main job in one call: from a case to a report.
//
// analyze() runs the whole pipeline on a case, reading no file: centrality (degree,
// betweenness, PageRank, closeness), brokerage roles between communities, communities (Leiden),
// key players (KPP-Neg and articulation points), and, when there are seeds, affiliation scores
// with their evidence paths and per-seed shares; then it lays out an overview drawing in which
// migrants are grouped by origin country and community and small actors by community, so that a
// case of a million nodes still draws as a few hundred, and picks the bounded set of nodes and
// ties the interactive view embeds (the leads, seeds, key players, their neighbourhoods, and the
// best members of each group, placed around their group).
//
// write_report() turns the result into a folder: report.html (one self-contained file that opens
// offline: an explorable network view when the library was built with its web bundle, a static
// SVG drawing otherwise; the data embedded as JSON, never as markup), centrality.csv,
// communities.csv, scores.csv, keyplayers.csv, manifest.json (version, SHA-256 of every input
// file, parameters, counts, timings, date) and, when asked, the graph with its results
// (graph.graphml, graph.gexf, graph.json, graph.dot). The caller does the reading: the case, the seeds and
// the input digests (case_input_files(), digest_files()). The `corridor analyze` command is a
// thin shell over these calls (the Python module does not wrap analyze: it returns the measures
// themselves as arrays).
//
// Scores and rankings are investigative leads, never findings, and most people in a smuggling
// case are smuggled persons: the report says so in plain words.
//
//   corridor::Case c = corridor::load_case("examples/data/sample-case");
//   corridor::AnalysisResult r = corridor::analyze(c, {.pseudonym_key = ""});
//   r.inputs = corridor::digest_files(corridor::case_input_files(c));
//   corridor::write_report(c, r, "out/report");   // out/report/report.html, ...
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/centrality/brokerage.hpp"
#include "corridor/io/formats.hpp"
#include "corridor/model/case.hpp"
#include "corridor/propagation/explain.hpp"
#include "corridor/propagation/propagate.hpp"

namespace corridor {

/// What report.html holds.
enum class ReportPage {
  /// The explorable network view (pan, zoom, search, filters, timeline, evidence panel) with the
  /// tables; falls back to static_drawing when the library was built without its web bundle.
  interactive,
  /// No script at all: the overview as an SVG drawing and plain tables (for readers whose
  /// policy bans scripts in documents).
  static_drawing,
};

/// Parameters of analyze(). Defaults suit cases from a few nodes to a few million.
struct AnalyzeParams {
  /// Seeds (read by the caller, e.g. with read_seeds()); empty = the case's own seeds
  /// (CASE/seeds.csv). No seeds at all: the scores part is left out (scores.csv has its header
  /// only).
  std::vector<Seed> seeds;
  /// Persons checked and cleared (a negative prior, see propagate()); used only with seeds.
  /// Resolve seeds and cleared persons with resolve_propagation() (spec/propagation.hpp).
  std::vector<Seed> cleared;
  /// Use sampled betweenness (Riondato-Kornaropoulos) instead of exact Brandes. It is also used
  /// when the actor graph has more than exact_limit vertices or more work than exact_work.
  bool approximate = false;
  /// Largest actor graph (vertices) on which betweenness and closeness are computed exactly, >= 0.
  /// Above it betweenness is sampled and closeness (O(n m)) is left out, which the report says.
  std::size_t exact_limit = 50000;
  /// Largest work n (n + arcs) of the actor graph (one search per vertex) for exact betweenness
  /// and closeness, >= 0: a dense graph under exact_limit vertices would otherwise take hours.
  /// Above it, as above exact_limit. The default lets a sparse 50,000-vertex case (mean degree
  /// 4) stay exact: about 80 s of betweenness and 60 s of closeness on one core of the
  /// development machine (1.6e8 units of work per CPU second).
  double exact_work = 1.25e10;
  /// Additive error of sampled betweenness on the [0,1] scale, in (0,1); 0 = automatic: 0.01 up
  /// to 200,000 vertices, 0.05 above (the number of sampled paths grows as 1/epsilon^2).
  double epsilon = 0.0;
  /// Key players (KPP-Neg) to find, >= 0 (capped at the graph size).
  std::size_t key_players = 5;
  /// Leiden modularity resolution, >= 0.
  double resolution = 1.0;
  /// Seed of every randomized step (Leiden, sampled betweenness, layout): same seed, same report.
  std::uint64_t seed = 1;
  /// How affiliation scores spread from the seeds (see propagation/propagate.hpp).
  PropagationParams propagation;
  /// The strongest evidence path is computed for this many top leads (scores.csv leaves the path
  /// of the others empty), >= 0.
  std::size_t explain_top = 1000;
  /// Rows of each table in report.html (leads, brokers, communities), >= 1. The CSV files hold
  /// every node.
  std::size_t table_rows = 30;
  /// Most nodes the drawing shows (individual actors plus groups), in [10, 2000].
  std::size_t max_drawn = 250;
  /// Nodes of the drawing that get a text label, >= 0.
  std::size_t labels = 25;
  /// What report.html holds (see ReportPage).
  ReportPage page = ReportPage::interactive;
  /// Most case nodes the interactive view embeds, in [100, 500000]: the drawn actors, the top
  /// leads and the nodes on their paths, their neighbourhoods, then the best members of each
  /// group (what "expand" reveals), then the countries and places tied to them. About 150 bytes
  /// of report.html per node with its ties; the rest of a large case stays in the CSV files.
  std::size_t page_nodes = 20000;
  /// Top leads whose page_paths strongest evidence paths (every piece of evidence behind each
  /// tie) the view's side panel shows, >= 0 (capped at the nodes reached).
  std::size_t page_leads = 200;
  /// Paths per lead in the view (k of strongest_paths), in [1, 10].
  int page_paths = 3;
  /// Top leads whose per-seed shares of the score are computed, >= 0: one transposed solve each
  /// (about the cost of one propagation: 0.5 to 1 s on the medium preset), so keep it small.
  std::size_t page_shares = 10;
  /// Non-empty: every id and label in every output is replaced by pseudonym(key, id, kind),
  /// country codes by the pseudonym of their country node, free-text roles, source references
  /// and every file path (case, inputs) by text pseudonyms, and the manifest's command line is
  /// withheld (see report/pseudonym.hpp). analyze() computes every pseudonym first and throws
  /// ParamError when two different ids would share one. Never written to any output.
  std::string pseudonym_key;
  /// The command line or call that produced the run, recorded in the manifest (may be empty).
  std::string command;
  /// Graph exports that write_report() adds to the folder, each as graph.<ext> (graphml, gexf,
  /// json, dot) with the results on the nodes (report/results.hpp), so the analysis opens in
  /// Gephi, networkx or igraph. Only Format::graphml, gexf, json and dot; not together with
  /// pseudonym_key (an export carries every id and label).
  std::vector<Format> exports;
};

/// One input file and its digest.
struct InputDigest {
  std::string path;     ///< as given
  std::string sha256;   ///< 64 hex digits
  std::uintmax_t bytes = 0;
};

/// One community's portrait, for the report.
struct CommunitySummary {
  std::int64_t id = 0;       ///< community number (as in communities.csv)
  std::size_t size = 0;      ///< members
  std::array<std::size_t, kNodeKindCount> by_kind{};            ///< members per NodeKind
  std::vector<std::pair<std::string, std::size_t>> roles;       ///< most frequent roles, largest first (at most 5)
  std::vector<std::pair<std::string, std::size_t>> origins;     ///< migrants' countries, largest first (at most 5)
  std::vector<std::pair<std::string, std::size_t>> transits;    ///< countries or places members transited, largest first (at most 5)
  std::vector<NodeId> top_members;  ///< non-migrant members by PageRank, best first (at most 5)
  std::size_t seeds = 0;            ///< seeds among the members
  double mean_score = 0.0;          ///< mean affiliation score of members (0 without seeds)
};

/// One node of the drawing: an actor of its own, or a group.
struct DrawNode {
  NodeId node = kNoNode;     ///< the case node, or kNoNode for a group
  NodeKind kind = NodeKind::person;  ///< the node's kind, or the group's members' kind
  std::size_t members = 1;   ///< 1 for a node; the group's size otherwise
  std::int64_t community = -1;
  std::string country;       ///< migrant groups: the members' origin country (may be empty)
  double weight = 0.0;       ///< what the size shows: score (with seeds) or PageRank, summed for groups
  double x = 0.0, y = 0.0;   ///< layout position in [0,1] x [0,1]
  bool labelled = false;
  bool mixed = false;        ///< a group of several kinds (kind = the most common one)
};

/// A tie of the drawing: the evidence-backed ties between the case nodes of two drawn nodes.
struct DrawEdge {
  std::uint32_t a = 0, b = 0;  ///< indices into Drawing::nodes
  std::size_t ties = 0;        ///< actor ties merged into this one
};

/// A case node embedded in the interactive view.
struct PageNode {
  NodeId node = kNoNode;
  /// Index into Drawing::nodes: the node's own DrawNode when drawn alone, else the group it
  /// belongs to (shown when the group or a neighbour is expanded); -1 for countries and
  /// locations (shown only when asked for).
  std::int64_t draw = -1;
  double x = 0.0, y = 0.0;  ///< position: the DrawNode's, a disc around its group, or a ring outside
};

/// A tie between two embedded nodes: every piece of evidence between them, in both directions.
struct PageTie {
  std::uint32_t a = 0, b = 0;  ///< indices into Drawing::page, a < b
  double strength = 0.0;       ///< the pair's strength as propagation sees it (0 for context ties)
};

struct Drawing {
  std::vector<DrawNode> nodes;
  std::vector<DrawEdge> edges;
  std::size_t nodes_shown = 0;      ///< case nodes represented (individually or in groups)
  std::size_t nodes_left_out = 0;   ///< actors of communities too small or too many to draw
  std::string layout;               ///< "fruchterman_reingold"
  /// The interactive view's nodes: first every DrawNode drawn alone (in Drawing::nodes order),
  /// then group members and context nodes, at most AnalyzeParams::page_nodes.
  std::vector<PageNode> page;
  std::vector<PageTie> page_ties;   ///< ties among page nodes, sorted by (a, b)
  std::vector<std::uint32_t> group_embedded;  ///< per DrawNode: its members in the page (0 for individuals)
  /// Per case node: the index of the DrawNode that stands for it (itself or its group), or
  /// UINT32_MAX for nodes the drawing leaves out (countries, places, left-out groups).
  std::vector<std::uint32_t> draw_of;
};

struct PhaseTime {
  std::string phase;
  double seconds = 0.0;
};

/// Everything analyze() found. Per-node vectors are indexed by NodeId (size num_nodes()); NaN
/// (or -1 for communities) marks nodes outside the actor graph (countries, locations).
struct AnalysisResult {
  AnalyzeParams params;
  std::vector<InputDigest> inputs;
  std::string origin;                 ///< the case's origin
  std::string date;                   ///< UTC ISO 8601, when analyze() started

  // the actor graph: actors and assets, every relation but originates_from and transited, unit ties
  std::size_t graph_vertices = 0;
  std::size_t graph_edges = 0;
  std::size_t warnings = 0;           ///< warnings of the case (self-loops, ...)

  std::vector<double> degree, betweenness, pagerank, closeness;
  std::string betweenness_method;     ///< "exact" or "sampled (epsilon ...)"
  bool closeness_computed = true;
  /// Why betweenness was sampled and closeness left out ("more than 50000 vertices", the work
  /// over the budget, or "asked for"); empty when both are exact.
  std::string exact_left_out;
  int pagerank_iterations = 0;
  bool pagerank_converged = true;

  std::vector<std::int64_t> community;  ///< Leiden community per node, -1 outside the graph
  std::size_t community_count = 0;
  double modularity = 0.0;
  std::vector<CommunitySummary> communities;  ///< largest first

  /// Brokerage with communities as groups: constraint, effective size, role counts per node.
  std::vector<double> constraint, effective_size;
  std::vector<std::array<std::uint64_t, kBrokerageRoleCount>> roles;

  std::vector<NodeId> key_players;    ///< KPP-Neg set, in the order found
  std::vector<double> key_marginal;   ///< per key player, fragmentation gain
  double fragmentation = 0.0;         ///< fragmentation with the key players removed
  std::vector<NodeId> articulation_points;  ///< ascending NodeId

  std::vector<Seed> seeds;            ///< seeds used (empty: no scores)
  std::vector<Seed> cleared;          ///< cleared persons used (scores.cleared_weight per node)
  bool has_scores = false;
  PropagationResult scores;           ///< valid when has_scores
  std::size_t reached = 0;            ///< nodes with a score > 0
  /// paths[i]: the strongest evidence path of scores.order[i], for the first min(explain_top,
  /// reached) leads.
  std::vector<EvidencePath> paths;
  /// lead_paths[i]: the page_paths strongest paths of scores.order[i], for the first
  /// min(page_leads, reached) leads (what `corridor explain --k page_paths` lists).
  std::vector<std::vector<EvidencePath>> lead_paths;
  /// lead_shares[i]: each seed's share of the score of scores.order[i], for the first
  /// min(page_shares, reached) leads, largest first.
  std::vector<std::vector<SeedShare>> lead_shares;

  Drawing drawing;
  std::vector<PhaseTime> timings;     ///< per phase, in order (a caller may add its own, e.g. "load")
};

/// Progress of a phase: phase name, fraction done in [0,1] (0 = started, 1 = finished), a short
/// message. Called from the calling thread only.
using ProgressFn = std::function<void(std::string_view phase, double fraction, std::string_view message)>;

/// Runs the pipeline on `c`; reads and writes no file. Throws ParamError on bad params (named
/// with their valid range) or bad seeds.
/// Cost: dominated by betweenness (exact O(n m), sampled O(r (n + m))) and closeness (O(n m),
/// skipped above exact_limit); the rest is near-linear. Measured on a 2-core machine shared with
/// other builds: the sample case (880 nodes) in 0.3 s; the generator's large preset (1.08 million
/// nodes, 9.3 million pieces of evidence, seed 1) in 131 s wall from `corridor analyze` start to
/// finish (load 16 s, sampled betweenness and PageRank 78 s, scores 13 s), 1.3 GB peak memory.
AnalysisResult analyze(const Case& c, const AnalyzeParams& p = {}, const ProgressFn& progress = {});

/// The files a case was read from, for the manifest's digests: a folder origin gives its
/// nodes.csv, edges.csv, seeds.csv and relations.csv (those present), a file origin itself; an
/// empty origin nothing.
std::vector<std::filesystem::path> case_input_files(const Case& c);

/// Path, SHA-256 and size of each file. Throws IoError when a file cannot be read.
std::vector<InputDigest> digest_files(const std::vector<std::filesystem::path>& files);

/// Writes the report folder `dir`: report.html, centrality.csv, communities.csv, scores.csv,
/// keyplayers.csv, manifest.json, and corridor's folder marker. Everything is written into a
/// locked temporary folder beside `dir`, which then takes the place of `dir` (io/folder.hpp), so
/// a failure, a kill or a second writer leaves the old report or the complete new one. Refuses
/// (ParamError) to replace a folder corridor did not write as a report, or one holding anything
/// else (the analyst's notes): nothing the user owns is deleted. Throws IoError when the file
/// system refuses. Returns the paths written.
std::vector<std::filesystem::path> write_report(const Case& c, const AnalysisResult& r,
                                                const std::filesystem::path& dir, const ProgressFn& progress = {});

/// Throws ParamError unless write_report() may write `dir` (check_output_folder() for a report:
/// absent, empty, or an earlier report of corridor's holding nothing else). Lets a caller fail
/// before the work rather than after it.
void check_report_folder(const std::filesystem::path& dir);

/// The report's HTML as a string (what report.html holds), for tests and embedding.
std::string report_html(const Case& c, const AnalysisResult& r);

/// True when this build embeds the interactive view (built with CORRIDOR_BUILD_WEB and the npm
/// packages of web/); report.html then shows the explorable network (unless ReportPage::
/// static_drawing is asked for), else the static drawing.
bool report_is_interactive() noexcept;

}  // namespace corridor

// corridor export: the case with an analysis' results on its nodes, in a format networkx, igraph,
// Gephi or Graphviz opens. A thin shell over analyze() and export_case().
#include <fmt/core.h>

#include <cmath>
#include <memory>
#include <string>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "corridor/error.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/io/export.hpp"
#include "corridor/io/formats.hpp"
#include "corridor/report/analyze.hpp"
#include "corridor/report/results.hpp"

namespace corridor::cli {

namespace {

struct ExportCmdOptions {
  std::string input;
  std::string format;
  std::string out;
  std::string seeds;
  bool no_results = false;
  bool include_context = false;
  std::string gexf_version = "1.3";
  std::string json_edges = "both";
  std::string size_by, color_by;
  double resolution = 1.0;
  std::uint64_t seed = 1;
  bool approximate = false;
};

void run_export(const ExportCmdOptions& o, const Globals& g) {
  Format format;
  if (!o.format.empty()) {
    format = parse_export_format(o.format);
  } else if (o.out == "-") {
    throw ParamError("--format is needed when writing to standard output (graphml, gexf, json or dot)");
  } else {
    format = format_of(o.out, true);
    if (format == Format::case_folder || format == Format::snapshot)
      throw ParamError("--out " + o.out + " is not an export file; give --format graphml, gexf, json or dot, or an "
                       "--out ending in .graphml, .gexf, .json or .dot");
  }
  ExportOptions eo;
  eo.include_context = o.include_context;
  eo.size_by = o.size_by;
  eo.color_by = o.color_by;
  if (o.gexf_version == "1.3") eo.gexf_version = GexfVersion::v1_3;
  else if (o.gexf_version == "1.2" || o.gexf_version == "1.2draft") eo.gexf_version = GexfVersion::v1_2;
  else throw ParamError("--gexf-version must be 1.3 or 1.2, got " + o.gexf_version);
  if (o.json_edges == "both") eo.json_edges = NodeLinkEdges::both;
  else if (o.json_edges == "links") eo.json_edges = NodeLinkEdges::links;
  else if (o.json_edges == "edges") eo.json_edges = NodeLinkEdges::edges;
  else throw ParamError("--json-edges must be both, links or edges, got " + o.json_edges);

  const Case c = load_input(o.input);
  if (!o.no_results) {
    AnalyzeParams p;
    if (!o.seeds.empty()) p.seeds = read_seeds(o.seeds, c);
    p.resolution = o.resolution;
    p.seed = o.seed;
    p.approximate = o.approximate;
    // Neither the drawing nor the explanations are exported: keep them small.
    p.max_drawn = 10;
    p.explain_top = 0;
    p.page_leads = 0;
    p.page_shares = 0;
    const AnalysisResult r = analyze(c, p);
    eo.results = result_columns(c, r);
  }
  export_case(c, format, o.out, eo);
  if (!g.quiet && o.out != "-")
    fmt::print(stderr, "corridor: wrote {} ({} nodes, {} pieces of evidence{}); scores are investigative leads, never "
                       "findings\n",
               o.out, c.num_nodes(), c.num_evidence(), eo.results.empty() ? "" : ", with results");
}

}  // namespace

void add_export_command(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ExportCmdOptions>();
  auto* cmd = app.add_subcommand(
      "export",
      "Write the case with an analysis' results on its nodes (score, rank, top_seed, community, degree, betweenness, "
      "pagerank, closeness) as GraphML, GEXF (Gephi: coloured by community, sized by score), node-link JSON or DOT. "
      "Every piece of evidence is one directed edge; attribute `directed` is false for undirected relations.");
  cmd->add_option("CASE", o->input, "case folder, .corridor snapshot or .graphml file")->required();
  cmd->add_option("--out,-o", o->out, "file to write (- for standard output)")->required();
  cmd->add_option("--format,-f", o->format, "graphml, gexf, json or dot (default: from the --out extension)");
  cmd->add_option("--seeds", o->seeds, "seeds file (id[,confidence][,note]); default: the case's seeds.csv if any");
  cmd->add_flag("--no-results", o->no_results, "write the case alone (as convert does)");
  cmd->add_flag("--include-context", o->include_context, "DOT: also draw countries and locations");
  cmd->add_option("--gexf-version", o->gexf_version, "1.3, or 1.2 for networkx 2.x (which reads no GEXF 1.3)")
      ->capture_default_str();
  cmd->add_option("--json-edges", o->json_edges,
                  "key of the edge list: both (networkx 2.x reads links, 3.x edges), links or edges")
      ->capture_default_str();
  cmd->add_option("--size-by", o->size_by, "result that sizes nodes (default: score, else pagerank)");
  cmd->add_option("--color-by", o->color_by, "result that colours nodes, or kind (default: community)");
  cmd->add_option("--resolution", o->resolution, "Leiden modularity resolution >= 0")->capture_default_str();
  cmd->add_option("--seed", o->seed, "random seed of Leiden and sampling")->capture_default_str();
  cmd->add_flag("--approximate", o->approximate, "sampled betweenness even on small graphs");
  cmd->callback([o, &g] { run_export(*o, g); });
}

}  // namespace corridor::cli

// corridor/io/export.hpp: exports that open in networkx, igraph, Gephi and Graphviz without error
// and without losing meaning, with an analysis' results attached to the nodes.
//
// One model for every export: each piece of evidence is one edge from its source to its target
// in a directed multigraph, and the relation's own direction travels as the boolean edge
// attribute `directed` (false for communicated, coordinated, associated and other undirected
// relations). A mixed graph (undirected edges inside a directed one) is what networkx refuses
// ("directed=false edge found in directed graph") and igraph silently turns one-way, so none of
// the formats writes one; a consumer that wants both arcs of an undirected tie adds the reverse
// of every edge whose `directed` is false. DOT is the exception: it is for people, so it draws
// one line per tie (undirected ties without arrowheads) with its evidence count.
//
// What each consumer gets (tests/exchange/check_exports.py loads every export of the sample case
// and of a case with quotes, commas, newlines and non-ASCII labels):
//   - GraphML: networkx read_graphml -> MultiDiGraph; igraph Read_GraphML -> directed graph;
//     Gephi; corridor's own reader restores the case exactly (graph keys corridor.relations and
//     corridor.seeds carry the relation registry and the seeds; result keys are listed in
//     corridor.results and are not read back as case data).
//   - GEXF 1.3 (or 1.2draft for networkx 2.x, which knows no 1.3): networkx read_gexf, Gephi
//     (node colour and size from viz, evidence dates as spells, relation as edge kind). Export only.
//   - node-link JSON: networkx node_link_graph with its defaults in 2.x ("links") and 3.x
//     ("edges"), since both keys are written by default; igraph via Graph.DictList. Export only.
//   - DOT: graphviz (dot -Tsvg) renders it. Export only.
//
//   corridor::ExportOptions o;
//   o.results = corridor::result_columns(c, analysis);   // corridor/report/analyze.hpp
//   corridor::export_case(c, corridor::Format::gexf, "case.gexf", o);
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/io/formats.hpp"
#include "corridor/model/case.hpp"

namespace corridor {

/// GEXF flavour: 1.3 (current, Gephi 0.9.3+, networkx 3.x) or 1.2draft (networkx 2.x reads no
/// newer GEXF).
enum class GexfVersion { v1_3, v1_2 };

/// Which key holds the edges of node-link JSON: networkx 2.x reads "links", networkx 3.6+ reads
/// "edges" by default; `both` writes the edge list under both keys so either reads it unchanged.
enum class NodeLinkEdges { both, links, edges };

/// A column of per-node results attached to an export (score, rank, community, a centrality).
struct NodeColumn {
  std::string name;
  /// Per node (size num_nodes()); NaN = no value (a node outside the analysed graph). Used when
  /// `text` is empty.
  std::vector<double> numbers;
  /// Per node; "" = no value. A text column when non-empty (e.g. the top seed's id).
  std::vector<std::string> text;
  /// The numbers are whole (rank, community): written as integers.
  bool integer = false;
};

/// Options of the exporters. Defaults write the case alone.
struct ExportOptions {
  /// Result columns attached to every node (written after the case's own columns). A result
  /// whose name clashes with a case column is written as "result_<name>".
  std::vector<NodeColumn> results;
  /// Result column that sizes nodes (GEXF viz:size, DOT width); empty = "score" when present,
  /// else "pagerank", else every node the same size.
  std::string size_by;
  /// Result column that colours nodes (GEXF viz:color); empty = "community" when present, else
  /// the node kind. Kind colours: organization red, smuggler orange, facilitator purple, migrant
  /// light grey, person light blue, asset olive, country and location pale.
  std::string color_by;
  GexfVersion gexf_version = GexfVersion::v1_3;
  NodeLinkEdges json_edges = NodeLinkEdges::both;
  /// DOT: also draw country and location nodes and their ties (originates_from, transited).
  bool include_context = false;
};

/// Writes the case as GraphML 1.0 (UTF-8) in a directed graph, one edge per piece of evidence.
/// Keys: graph "corridor.relations" (the relation registry as JSON), "corridor.seeds" (JSON),
/// "corridor.results" (names of the result keys, JSON); node kind, label, role, country, each
/// extra attribute and each result; edge relation, directed (boolean), weight, confidence (only
/// when explicit), grade, time, source_ref and each extra attribute. Values are XML-escaped,
/// control characters (newlines included) as character references, so they survive
/// attribute-value normalisation. O(nodes + evidence). Throws IoError when the stream fails.
void write_graphml(const Case& c, std::ostream& out, const ExportOptions& options = {});

/// Writes GEXF 1.3 (or 1.2draft) for Gephi: node label (the id when empty), attributes kind,
/// role, country, extras and results, viz colour (by community or kind) and size (by score or
/// PageRank, when results are attached); one directed edge per piece of evidence with weight,
/// label and kind (1.3) = the relation, attributes relation, directed, confidence, grade, time,
/// source_ref and extras, and the evidence date as a spell (mode="dynamic", timeformat="date",
/// which networkx also reads). Export only.
void write_gexf(const Case& c, std::ostream& out, const ExportOptions& options = {});

/// Writes Graphviz DOT for people to read: nodes styled by kind (shape and fill), one line per
/// tie (relation and pair; both orders of an undirected relation are one tie) styled by the
/// relation's class, labelled with its evidence count when more than one, without arrowheads
/// for undirected relations; country and location nodes left out unless include_context.
/// Results, when attached, become node attributes and the node size. Export only.
void write_dot(const Case& c, std::ostream& out, const ExportOptions& options = {});

/// Writes node-link JSON as networkx's node_link_data does for a MultiDiGraph:
/// {"directed": true, "multigraph": true, "graph": {"relations": [...], "seeds": [...],
///  "results": [...]}, "nodes": [{"id", "kind", "label", "role", "country", extras...,
///  results...}], "links" and/or "edges": [{"source", "target", "key", "relation", "directed",
///  "weight", "confidence"?, "grade"?, "time"?, "source_ref"?, extras...}]}.
/// "key" numbers parallel evidence of one (source, target) pair from 0; results are numbers
/// (absent when NaN). Invalid UTF-8 in case strings is replaced by U+FFFD. Export only.
void write_node_link_json(const Case& c, std::ostream& out, const ExportOptions& options = {});

/// Writes `c` in an export format (graphml, gexf, dot or json) to a stream. Throws ParamError for
/// a format that is not an export (a case folder, a snapshot), IoError when the stream fails.
void write_export(const Case& c, Format format, std::ostream& out, const ExportOptions& options = {});

/// Writes `c` in `format` to `path` through write_file_atomically, or to standard output when
/// `path` is "-". Throws as write_export, and IoError naming the file when the write fails.
void export_case(const Case& c, Format format, const std::filesystem::path& path, const ExportOptions& options = {});

/// The export format a word names ("graphml", "gexf", "json", "dot"), case-insensitive. Throws
/// ParamError listing the valid words, with the closest one when the word looks like a typo.
Format parse_export_format(std::string_view word);

}  // namespace corridor

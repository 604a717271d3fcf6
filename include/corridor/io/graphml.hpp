// corridor/io/graphml.hpp: GraphML (Gephi, yEd, Cytoscape), GEXF, DOT and node-link JSON.
//
// GraphML export: node id as the GraphML id; node keys kind, label, role, country and the extra
// attributes; one GraphML edge per piece of evidence with keys relation, weight, confidence,
// grade, time, source_ref and the extra attributes. GraphML import reads that back (and plain
// GraphML from other tools: missing kind = person, missing relation = associated), so
// CSV -> snapshot -> GraphML -> snapshot -> CSV loses nothing.
//
//   std::ofstream out("case.graphml"); corridor::write_graphml(c, out);
//   corridor::Case back = corridor::read_graphml("case.graphml");
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

#include "corridor/io/case_io.hpp"
#include "corridor/model/case.hpp"

namespace corridor {

/// Writes the case as GraphML 1.0 (UTF-8). Keys: graph "corridor.relations" (the relation
/// registry as JSON) and "corridor.seeds" (JSON); node kind, label, role, country and each extra
/// attribute; edge relation, weight, confidence (only when explicit), grade, time, source_ref and
/// each extra attribute. Values are XML-escaped, control characters (newlines included) as
/// character references, so they survive attribute-value normalisation. Undirected relations get
/// directed="false" on their edge. O(nodes + evidence). Throws IoError when the stream fails.
void write_graphml(const Case& c, std::ostream& out);

/// Reads a GraphML file (see read_graphml_string); throws IoError when it cannot be read.
Case read_graphml(const std::filesystem::path& file, const ReadOptions& options = {});

/// Reads GraphML from memory; `name` is used in error messages. Keys are matched by attr.name
/// (keys without one, like yEd's graphics keys, are ignored); <key><default> applies; missing kind
/// = person, missing relation = associated; unknown elements are skipped; one <graph> per file,
/// no nested graphs or hyperedges. Limits: nesting depth 64, options.max_record_bytes per value,
/// options.max_columns keys and attributes per element. Throws InputError carrying every problem
/// (up to options.max_problems), each with file and line, e.g.
/// `case.graphml:812: target: edge target "P99" is not a node of the graph`.
Case read_graphml_string(std::string_view xml, const std::string& name = "graphml",
                         const ReadOptions& options = {});

/// Writes GEXF 1.3 for Gephi: node label (the id when empty) and attributes kind, role, country
/// and extras; one edge per piece of evidence with type directed/undirected, weight, label = the
/// relation, and attributes relation, confidence, grade, time, source_ref and extras. Export only.
void write_gexf(const Case& c, std::ostream& out);

/// Writes Graphviz DOT: a digraph with quoted ids, label/kind/role/country and extra attributes
/// on nodes, one edge per piece of evidence (dir=none for undirected relations). Quotes and
/// backslashes are escaped; line breaks become \n. Export only.
void write_dot(const Case& c, std::ostream& out);

/// Writes node-link JSON as networkx's node_link_data does for a MultiDiGraph:
/// {"directed": true, "multigraph": true, "graph": {"relations": [...], "seeds": [...]},
///  "nodes": [{"id", "kind", "label", "role", "country", extras...}],
///  "links": [{"source", "target", "key", "relation", "directed", "weight", "confidence"?,
///             "grade"?, "time"?, "source_ref"?, extras...}]}.
/// "key" numbers parallel evidence of one (source, target) pair from 0. Invalid UTF-8 in case
/// strings is replaced by U+FFFD. Export only.
void write_node_link_json(const Case& c, std::ostream& out);

}  // namespace corridor

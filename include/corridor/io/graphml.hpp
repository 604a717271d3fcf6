// corridor/io/graphml.hpp: reading GraphML (corridor's own exports, Gephi, yEd, Cytoscape,
// networkx, igraph). The writers of every exchange format are in corridor/io/export.hpp.
//
// GraphML import reads corridor's export back exactly (CSV -> GraphML -> CSV is byte-identical)
// and plain GraphML from other tools (missing kind = person, missing relation = associated).
//
//   std::ofstream out("case.graphml"); corridor::write_graphml(c, out);
//   corridor::Case back = corridor::read_graphml("case.graphml");
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>

#include "corridor/io/case_io.hpp"
#include "corridor/io/export.hpp"
#include "corridor/model/case.hpp"

namespace corridor {

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

}  // namespace corridor

// corridor/io/graphml.hpp: reading GraphML (corridor's own exports, Gephi, yEd, Cytoscape,
// networkx, igraph). The writers of every exchange format are in corridor/io/export.hpp.
//
// GraphML import reads corridor's export back exactly (CSV -> GraphML -> CSV is byte-identical)
// and GraphML from other tools with a documented mapping (kind from `kind` or a `type` naming a
// kind; relation from `relation`, or a `type` or `label` naming one); what falls back to a
// default, keys matched loosely and elements skipped are counted in warnings (Case::warnings()).
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

/// Reads GraphML from memory; `name` is used in error messages.
///
/// Keys are matched by attr.name (keys without one, like yEd's graphics keys, are ignored) to the
/// standard columns case- and space-insensitively ("Weight", "Source Ref"), with a warning; two
/// keys for one column are an error. A node's kind is `kind` (any case), else `type` where it
/// names a kind; an edge's relation is `relation`, else `type`, else `label` where it names a
/// relation; `type` and `label` also stay as attributes. Nodes that fall back to `person` and
/// edges that fall back to `associated` are counted in one warning each; every element skipped
/// (a <graph> in an <edge>, an unknown wrapper and the nodes and edges in it, child elements of
/// a value, graph attributes) is counted in a warning. <key><default> applies. One <graph> per
/// file, no graphs nested in nodes, no hyperedges. Under options.strict the warnings are errors.
///
/// Limits: nesting depth 64; options.max_record_bytes per value, counted over the whole value
/// however it is split (child elements, <default>); <default> values copied into elements at
/// most 64 MiB + 4 x the file's size in all; options.max_columns keys and attributes per element.
/// Throws InputError carrying every problem (up to options.max_problems, then the warnings), each
/// with file and line, e.g. `case.graphml:812: target: edge target "P99" is not a node of the graph`.
Case read_graphml_string(std::string_view xml, const std::string& name = "graphml",
                         const ReadOptions& options = {});

}  // namespace corridor

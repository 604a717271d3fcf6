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

void write_graphml(const Case& c, std::ostream& out);
Case read_graphml(const std::filesystem::path& file, const ReadOptions& options = {});
/// From memory; `name` is used in error messages.
Case read_graphml_string(std::string_view xml, const std::string& name = "graphml",
                         const ReadOptions& options = {});

void write_gexf(const Case& c, std::ostream& out);
void write_dot(const Case& c, std::ostream& out);
/// {"directed": ..., "nodes": [{"id":..., "kind":..., ...}], "links": [{"source":..., ...}]}
void write_node_link_json(const Case& c, std::ostream& out);

}  // namespace corridor

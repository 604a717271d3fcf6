// Placeholder until GraphML and the exchange formats land; keeps the io module linkable.
#include "corridor/io/graphml.hpp"

#include "corridor/error.hpp"

namespace corridor {
void write_graphml(const Case&, std::ostream&) { throw Error("GraphML is not implemented yet"); }
Case read_graphml(const std::filesystem::path&, const ReadOptions&) { throw Error("GraphML is not implemented yet"); }
Case read_graphml_string(std::string_view, const std::string&, const ReadOptions&) { throw Error("GraphML is not implemented yet"); }
void write_gexf(const Case&, std::ostream&) { throw Error("GEXF is not implemented yet"); }
void write_dot(const Case&, std::ostream&) { throw Error("DOT is not implemented yet"); }
void write_node_link_json(const Case&, std::ostream&) { throw Error("JSON is not implemented yet"); }
}  // namespace corridor

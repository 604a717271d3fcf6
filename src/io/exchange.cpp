// Export-only exchange formats: GEXF (Gephi), DOT (Graphviz) and node-link JSON (networkx,
// D3). GraphML is the lossless exchange format; these carry the same columns for viewing.
#include <cstdint>
#include <ostream>
#include <unordered_map>

#include "corridor/error.hpp"
#include "corridor/io/graphml.hpp"
#include "io/export_util.hpp"
#include "io/xml.hpp"

namespace corridor {

namespace {

void check_stream(std::ostream& out, const char* format) {
  if (!out) throw IoError(std::string("writing ") + format + " failed (disk full or stream closed)");
}

void attvalue(std::string& out, std::string_view id, std::string_view value) {
  if (value.empty()) return;
  out += "          <attvalue for=\"";
  out += id;
  out += "\" value=\"";
  detail::xml_escape(out, value);
  out += "\"/>\n";
}

void gexf_attribute(std::string& out, std::string_view id, std::string_view title, std::string_view type) {
  out += "      <attribute id=\"";
  out += id;
  out += "\" title=\"";
  detail::xml_escape(out, title);
  out += "\" type=\"";
  out += type;
  out += "\"/>\n";
}

// A DOT double-quoted string: \ and " escaped, line breaks as \n (Graphviz's escString).
void dot_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
      out += "\\n";
    } else {
      out += c;
    }
  }
  out += '"';
}

void dot_attr(std::string& out, bool& first, std::string_view name, std::string_view value, bool skip_empty = true) {
  if (skip_empty && value.empty()) return;
  out += first ? "" : ", ";
  first = false;
  dot_quoted(out, name);
  out += '=';
  dot_quoted(out, value);
}

double json_number(float v) { return *detail::parse_double(detail::float_text(v)); }

}  // namespace

void write_gexf(const Case& c, std::ostream& out) {
  std::string buf;
  auto flush = [&](bool force) {
    if (force || buf.size() > (1 << 16)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  };
  buf +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
      "  <meta>\n    <creator>corridor</creator>\n"
      "    <description>case graph: scores and rankings computed from it are investigative leads, not "
      "findings</description>\n  </meta>\n"
      "  <graph defaultedgetype=\"directed\" mode=\"static\">\n"
      "    <attributes class=\"node\" mode=\"static\">\n";
  gexf_attribute(buf, "n0", "kind", "string");
  gexf_attribute(buf, "n1", "role", "string");
  gexf_attribute(buf, "n2", "country", "string");
  for (std::size_t i = 0; i < c.node_attributes().size(); ++i)
    gexf_attribute(buf, "n" + std::to_string(3 + i), c.node_attributes()[i].name, "string");
  buf += "    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n";
  gexf_attribute(buf, "e0", "relation", "string");
  gexf_attribute(buf, "e1", "confidence", "double");
  gexf_attribute(buf, "e2", "grade", "string");
  gexf_attribute(buf, "e3", "time", "string");
  gexf_attribute(buf, "e4", "source_ref", "string");
  for (std::size_t i = 0; i < c.evidence_attributes().size(); ++i)
    gexf_attribute(buf, "e" + std::to_string(5 + i), c.evidence_attributes()[i].name, "string");
  buf += "    </attributes>\n    <nodes>\n";
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    buf += "      <node id=\"";
    detail::xml_escape(buf, c.node_id(v));
    buf += "\" label=\"";
    detail::xml_escape(buf, c.label(v).empty() ? c.node_id(v) : c.label(v));
    buf += "\">\n        <attvalues>\n";
    attvalue(buf, "n0", to_string(c.kind(v)));
    attvalue(buf, "n1", c.role(v));
    attvalue(buf, "n2", c.country(v));
    for (std::size_t i = 0; i < c.node_attributes().size(); ++i)
      attvalue(buf, "n" + std::to_string(3 + i), c.node_attributes()[i].values[v]);
    buf += "        </attvalues>\n      </node>\n";
    flush(false);
  }
  buf += "    </nodes>\n    <edges>\n";
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    buf += "      <edge id=\"";
    buf += std::to_string(e);
    buf += "\" source=\"";
    detail::xml_escape(buf, c.node_id(c.source(e)));
    buf += "\" target=\"";
    detail::xml_escape(buf, c.node_id(c.target(e)));
    buf += c.directed(e) ? "\" type=\"directed\"" : "\" type=\"undirected\"";
    buf += " weight=\"" + detail::float_text(static_cast<float>(c.weight(e))) + "\" label=\"";
    detail::xml_escape(buf, c.relation_name(e));
    buf += "\">\n        <attvalues>\n";
    attvalue(buf, "e0", c.relation_name(e));
    if (c.has_explicit_confidence(e)) attvalue(buf, "e1", detail::float_text(c.raw_confidence(e)));
    attvalue(buf, "e2", c.grade(e).to_string());
    if (!c.time(e).empty()) attvalue(buf, "e3", c.time(e).to_string());
    attvalue(buf, "e4", c.source_ref(e));
    for (std::size_t i = 0; i < c.evidence_attributes().size(); ++i)
      attvalue(buf, "e" + std::to_string(5 + i), c.evidence_attributes()[i].values[e]);
    buf += "        </attvalues>\n      </edge>\n";
    flush(false);
  }
  buf += "    </edges>\n  </graph>\n</gexf>\n";
  flush(true);
  check_stream(out, "GEXF");
}

void write_dot(const Case& c, std::ostream& out) {
  std::string buf;
  auto flush = [&](bool force) {
    if (force || buf.size() > (1 << 16)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  };
  // A digraph with dir=none on undirected relations: one drawing holds both kinds of tie.
  buf += "// corridor case graph: scores computed from it are investigative leads, not findings\n";
  buf += "digraph corridor {\n";
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    buf += "  ";
    dot_quoted(buf, c.node_id(v));
    buf += " [";
    bool first = true;
    dot_attr(buf, first, "label", c.label(v).empty() ? c.node_id(v) : c.label(v));
    dot_attr(buf, first, "kind", to_string(c.kind(v)));
    dot_attr(buf, first, "role", c.role(v));
    dot_attr(buf, first, "country", c.country(v));
    for (const auto& a : c.node_attributes()) dot_attr(buf, first, a.name, a.values[v]);
    buf += "];\n";
    flush(false);
  }
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    buf += "  ";
    dot_quoted(buf, c.node_id(c.source(e)));
    buf += " -> ";
    dot_quoted(buf, c.node_id(c.target(e)));
    buf += " [";
    bool first = true;
    dot_attr(buf, first, "relation", c.relation_name(e));
    dot_attr(buf, first, "weight", detail::float_text(static_cast<float>(c.weight(e))));
    if (c.has_explicit_confidence(e)) dot_attr(buf, first, "confidence", detail::float_text(c.raw_confidence(e)));
    dot_attr(buf, first, "grade", c.grade(e).to_string());
    if (!c.time(e).empty()) dot_attr(buf, first, "time", c.time(e).to_string());
    dot_attr(buf, first, "source_ref", c.source_ref(e));
    for (const auto& a : c.evidence_attributes()) dot_attr(buf, first, a.name, a.values[e]);
    if (!c.directed(e)) dot_attr(buf, first, "dir", "none");
    buf += "];\n";
    flush(false);
  }
  buf += "}\n";
  flush(true);
  check_stream(out, "DOT");
}

void write_node_link_json(const Case& c, std::ostream& out) {
  using nlohmann::json;
  out << "{\"directed\": true, \"multigraph\": true, \"graph\": ";
  out << detail::dump_json(json{{"relations", detail::relations_json(c.relations())}, {"seeds", detail::seeds_json(c)}});
  out << ",\n\"nodes\": [";
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    json n = {{"id", std::string(c.node_id(v))}, {"kind", std::string(to_string(c.kind(v)))},
              {"label", std::string(c.label(v))}, {"role", std::string(c.role(v))},
              {"country", std::string(c.country(v))}};
    for (const auto& a : c.node_attributes()) n[a.name] = std::string(a.values[v]);
    out << (v ? ",\n" : "\n") << detail::dump_json(n);
  }
  out << "],\n\"links\": [";
  // networkx numbers parallel edges of a pair 0, 1, ... as their "key".
  std::unordered_map<std::uint64_t, std::uint32_t> parallel;
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    const std::uint64_t pair = (static_cast<std::uint64_t>(c.source(e)) << 32) | c.target(e);
    json l = {{"source", std::string(c.node_id(c.source(e)))},
              {"target", std::string(c.node_id(c.target(e)))},
              {"key", parallel[pair]++},
              {"relation", std::string(c.relation_name(e))},
              {"directed", c.directed(e)},
              {"weight", json_number(static_cast<float>(c.weight(e)))}};
    if (c.has_explicit_confidence(e)) l["confidence"] = json_number(c.raw_confidence(e));
    if (!c.grade(e).empty()) l["grade"] = c.grade(e).to_string();
    if (!c.time(e).empty()) l["time"] = c.time(e).to_string();
    if (!c.source_ref(e).empty()) l["source_ref"] = std::string(c.source_ref(e));
    for (const auto& a : c.evidence_attributes())
      l[a.name == "key" || a.name == "directed" ? "attr:" + a.name : a.name] = std::string(a.values[e]);
    out << (e ? ",\n" : "\n") << detail::dump_json(l);
  }
  out << "]}\n";
  check_stream(out, "JSON");
}

}  // namespace corridor

// Export-only exchange formats: GEXF (Gephi), DOT (Graphviz) and node-link JSON (networkx,
// D3). GraphML is the lossless exchange format; these carry the same columns for viewing.
#include <cstdint>
#include <ostream>
#include <unordered_map>

#include "corridor/error.hpp"
#include "corridor/io/file.hpp"
#include "corridor/io/graphml.hpp"
#include "io/export_util.hpp"
#include "io/xml.hpp"

namespace corridor {

namespace {

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

}  // namespace

void write_gexf(const Case& c, std::ostream& out) {
  BlockWriter w(out);
  std::string& buf = w.text();
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
    w.maybe_flush();
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
    w.maybe_flush();
  }
  buf += "    </edges>\n  </graph>\n</gexf>\n";
  w.finish("GEXF");
}

void write_dot(const Case& c, std::ostream& out) {
  BlockWriter w(out);
  std::string& buf = w.text();
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
    w.maybe_flush();
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
    w.maybe_flush();
  }
  buf += "}\n";
  w.finish("DOT");
}

namespace {

// A JSON string literal. Valid UTF-8 passes through; invalid bytes become U+FFFD, as
// nlohmann::json's error_handler_t::replace does, so the output is always valid JSON.
void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20) {
            static const char* hex = "0123456789abcdef";
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    // Length and validity of a UTF-8 sequence (no overlongs, surrogates or > U+10FFFF).
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    bool ok = len > 0 && i + len <= s.size() && c <= 0xF4;
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len == 3) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
    }
    if (ok && len == 4) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  out += '"';
}

void json_member(std::string& out, std::string_view name, std::string_view value) {
  out += ", ";
  json_string(out, name);
  out += ": ";
  json_string(out, value);
}

}  // namespace

void write_node_link_json(const Case& c, std::ostream& out) {
  using nlohmann::json;
  BlockWriter w(out);
  std::string& buf = w.text();
  buf += "{\"directed\": true, \"multigraph\": true, \"graph\": ";
  buf += detail::dump_json(json{{"relations", detail::relations_json(c.relations())}, {"seeds", detail::seeds_json(c)}});
  buf += ",\n\"nodes\": [";
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    buf += v ? ",\n{\"id\": " : "\n{\"id\": ";
    json_string(buf, c.node_id(v));
    json_member(buf, "kind", to_string(c.kind(v)));
    json_member(buf, "label", c.label(v));
    json_member(buf, "role", c.role(v));
    json_member(buf, "country", c.country(v));
    for (const auto& a : c.node_attributes()) json_member(buf, a.name, a.values[v]);
    buf += '}';
    w.maybe_flush();
  }
  buf += "],\n\"links\": [";
  // networkx numbers parallel edges of a pair 0, 1, ... as their "key".
  std::unordered_map<std::uint64_t, std::uint32_t> parallel;
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    const std::uint64_t pair = (static_cast<std::uint64_t>(c.source(e)) << 32) | c.target(e);
    buf += e ? ",\n{\"source\": " : "\n{\"source\": ";
    json_string(buf, c.node_id(c.source(e)));
    buf += ", \"target\": ";
    json_string(buf, c.node_id(c.target(e)));
    buf += ", \"key\": " + std::to_string(parallel[pair]++);
    json_member(buf, "relation", c.relation_name(e));
    buf += c.directed(e) ? ", \"directed\": true" : ", \"directed\": false";
    buf += ", \"weight\": " + detail::float_text(static_cast<float>(c.weight(e)));
    if (c.has_explicit_confidence(e)) buf += ", \"confidence\": " + detail::float_text(c.raw_confidence(e));
    if (!c.grade(e).empty()) json_member(buf, "grade", c.grade(e).to_string());
    if (!c.time(e).empty()) json_member(buf, "time", c.time(e).to_string());
    if (!c.source_ref(e).empty()) json_member(buf, "source_ref", c.source_ref(e));
    for (const auto& a : c.evidence_attributes())
      json_member(buf, a.name == "key" || a.name == "directed" ? "attr:" + a.name : a.name, a.values[e]);
    buf += '}';
    w.maybe_flush();
  }
  buf += "]}\n";
  w.finish("JSON");
}

}  // namespace corridor

// The exchange formats: GraphML (lossless, read back by corridor), GEXF (Gephi), DOT (Graphviz)
// and node-link JSON (networkx, D3), all with optional result columns on the nodes.
//
// Every format but DOT writes one directed edge per piece of evidence and carries the relation's
// direction as the boolean edge attribute `directed` (see corridor/io/export.hpp for why no
// mixed graph is ever written). Column names are planned once (plan_columns) so that every
// format names the same column the same way, and a result or extra attribute never shadows a
// standard column or an attribute a consumer reserves.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <ostream>
#include <unordered_map>
#include <unordered_set>

#include "corridor/error.hpp"
#include "corridor/io/export.hpp"
#include "corridor/io/file.hpp"
#include "corridor/io/graphml.hpp"
#include "io/export_util.hpp"
#include "io/xml.hpp"
#include "src_util.hpp"
#include "suggest.hpp"

namespace corridor {

namespace {

// ---- shared planning ----------------------------------------------------------------------------

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out) ch = detail::fold_ascii(ch);
  return out;
}

// Names the writers use for each column. Standard names are fixed; an extra attribute whose name
// a format reserves is written as "attr:<name>" (GraphML reads it back under its own name); a
// result whose name clashes with a case column becomes "result_<name>".
struct Columns {
  std::vector<std::string> node_extra;    // per c.node_attributes()
  std::vector<std::string> edge_extra;    // per c.evidence_attributes()
  std::vector<std::string> result;        // per options.results
};

Columns plan_columns(const Case& c, const ExportOptions& o) {
  Columns cols;
  std::unordered_set<std::string> taken;
  for (auto s : kNodeColumns) taken.insert(std::string(s));
  for (const auto& a : c.node_attributes()) {
    // " Kind" or "Source Ref" would be read back as the standard column (column_key).
    const bool reserved = taken.count(lower(a.name)) > 0 || taken.count(detail::column_key(a.name)) > 0;
    cols.node_extra.push_back(reserved ? "attr:" + a.name : a.name);
    taken.insert(lower(cols.node_extra.back()));
  }
  for (const auto& a : c.evidence_attributes()) {
    cols.edge_extra.push_back(detail::reserved_edge_name(a.name) ? "attr:" + a.name : a.name);
  }
  for (const auto& r : o.results) {
    if (r.text.empty() ? r.numbers.size() != c.num_nodes() : r.text.size() != c.num_nodes())
      throw ParamError("result column " + detail::quoted(r.name) + " has " +
                       std::to_string(r.text.empty() ? r.numbers.size() : r.text.size()) + " values, the case has " +
                       std::to_string(c.num_nodes()) + " nodes");
    std::string name = r.name;
    while (taken.count(lower(name))) name = "result_" + name;
    taken.insert(lower(name));
    cols.result.push_back(std::move(name));
  }
  return cols;
}

bool has_value(const NodeColumn& r, NodeId v) { return r.text.empty() ? std::isfinite(r.numbers[v]) : !r.text[v].empty(); }

std::string value_text(const NodeColumn& r, NodeId v) {
  if (!r.text.empty()) return r.text[v];
  const double x = r.numbers[v];
  if (r.integer) return std::to_string(static_cast<long long>(std::llround(x)));
  return detail::format_double(x);
}

const NodeColumn* find_result(const ExportOptions& o, std::string_view name) {
  for (const auto& r : o.results)
    if (r.name == name) return &r;
  return nullptr;
}

// ---- colours and sizes --------------------------------------------------------------------------

struct Rgb {
  int r, g, b;
  std::string hex() const {
    static const char* digits = "0123456789abcdef";
    std::string s = "#";
    for (int x : {r, g, b}) {
      s += digits[(x >> 4) & 15];
      s += digits[x & 15];
    }
    return s;
  }
};

Rgb kind_colour(NodeKind k) {
  switch (k) {
    case NodeKind::organization: return {214, 39, 40};
    case NodeKind::smuggler: return {255, 127, 14};
    case NodeKind::facilitator: return {148, 103, 189};
    case NodeKind::migrant: return {210, 210, 210};
    case NodeKind::person: return {174, 199, 232};
    case NodeKind::asset: return {188, 189, 34};
    case NodeKind::country: return {245, 240, 220};
    case NodeKind::location: return {199, 233, 192};
  }
  return {200, 200, 200};
}

// Categorical colours (the report's palette), for communities.
constexpr Rgb kPalette[] = {{31, 119, 180}, {214, 39, 40},  {44, 160, 44},  {255, 127, 14},
                            {148, 103, 189}, {140, 86, 75},  {227, 119, 194}, {23, 190, 207},
                            {188, 189, 34},  {57, 59, 121},  {173, 73, 74},  {99, 121, 57}};

// What colours and sizes the nodes: resolved once from the options and the results.
struct Styling {
  const NodeColumn* colour = nullptr;  // null: by kind
  const NodeColumn* size = nullptr;    // null: uniform
  double size_max = 0.0;
  double colour_min = 0.0, colour_max = 0.0;
  std::unordered_map<std::string, std::size_t> categories;  // text colour column

  Styling(const Case& c, const ExportOptions& o) {
    if (!o.color_by.empty() && o.color_by != "kind") {
      colour = find_result(o, o.color_by);
      if (!colour) throw ParamError("color_by: no result column " + detail::quoted(o.color_by) + available(o));
    } else if (o.color_by.empty()) {
      colour = find_result(o, "community");
    }
    if (!o.size_by.empty()) {
      size = find_result(o, o.size_by);
      if (!size || !size->text.empty())
        throw ParamError("size_by: no numeric result column " + detail::quoted(o.size_by) + available(o));
    } else {
      size = find_result(o, "score");
      if (!size) size = find_result(o, "pagerank");
      if (size && !size->text.empty()) size = nullptr;
    }
    if (size)
      for (double x : size->numbers)
        if (std::isfinite(x)) size_max = std::max(size_max, x);
    if (colour && colour->text.empty() && !colour->integer) {
      bool first = true;
      for (double x : colour->numbers)
        if (std::isfinite(x)) {
          colour_min = first ? x : std::min(colour_min, x);
          colour_max = first ? x : std::max(colour_max, x);
          first = false;
        }
    }
    if (colour && !colour->text.empty())
      for (NodeId v = 0; v < c.num_nodes(); ++v)
        if (!colour->text[v].empty()) categories.emplace(colour->text[v], categories.size());
  }

  static std::string available(const ExportOptions& o) {
    std::string s;
    for (const auto& r : o.results) s += (s.empty() ? "" : ", ") + r.name;
    return s.empty() ? "; no results are attached" : "; available: " + s;
  }

  Rgb rgb(const Case& c, NodeId v) const {
    if (!colour) return kind_colour(c.kind(v));
    if (!has_value(*colour, v)) return {187, 187, 187};
    if (!colour->text.empty()) return kPalette[categories.at(colour->text[v]) % std::size(kPalette)];
    const double x = colour->numbers[v];
    if (colour->integer) {
      const auto k = static_cast<long long>(std::llround(x));
      return kPalette[static_cast<std::size_t>(k < 0 ? -k : k) % std::size(kPalette)];
    }
    // A sequential scale from pale yellow to dark red.
    const double t = colour_max > colour_min ? (x - colour_min) / (colour_max - colour_min) : 1.0;
    auto mix = [t](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * t)); };
    return {mix(255, 165), mix(237, 15), mix(160, 21)};
  }

  /// In [0,1]: the node's share of the largest size value (square root, so areas compare).
  double size_fraction(NodeId v) const {
    if (!size || size_max <= 0 || !std::isfinite(size->numbers[v]) || size->numbers[v] <= 0) return 0.0;
    return std::sqrt(size->numbers[v] / size_max);
  }
};

// ---- GraphML ------------------------------------------------------------------------------------

void graphml_key(std::string& out, std::string_view id, std::string_view domain, std::string_view name,
                 std::string_view type) {
  out += "  <key id=\"";
  out += id;
  out += "\" for=\"";
  out += domain;
  out += "\" attr.name=\"";
  detail::xml_escape(out, name);
  out += "\" attr.type=\"";
  out += type;
  out += "\"/>\n";
}

void graphml_data(std::string& out, std::string_view key, std::string_view value, bool skip_empty = true) {
  if (skip_empty && value.empty()) return;
  out += "      <data key=\"";
  out += key;
  out += "\">";
  detail::xml_escape(out, value);
  out += "</data>\n";
}

const char* graphml_type(const NodeColumn& r) { return !r.text.empty() ? "string" : r.integer ? "long" : "double"; }

nlohmann::json result_names(const Columns& cols) {
  auto arr = nlohmann::json::array();
  for (const auto& n : cols.result) arr.push_back(n);
  return arr;
}

}  // namespace

void write_graphml(const Case& c, std::ostream& os, const ExportOptions& o) {
  const Columns cols = plan_columns(c, o);
  BlockWriter sink(os);
  std::string& buf = sink.text();
  buf +=
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!-- corridor case graph: one directed edge per piece of evidence; an edge whose \"directed\" is false "
      "belongs to an undirected relation. Scores and rankings are investigative leads, never findings. -->\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
      "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  graphml_key(buf, "g0", "graph", "corridor.relations", "string");
  graphml_key(buf, "g1", "graph", "corridor.seeds", "string");
  if (!o.results.empty()) graphml_key(buf, "g2", "graph", "corridor.results", "string");
  // n0..n3: every standard node column but the id, which is the node element's own attribute.
  for (std::size_t i = 1; i < kNodeColumns.size(); ++i)
    graphml_key(buf, "n" + std::to_string(i - 1), "node", kNodeColumns[i], "string");
  for (std::size_t i = 0; i < cols.node_extra.size(); ++i)
    graphml_key(buf, "x" + std::to_string(i), "node", cols.node_extra[i], "string");
  for (std::size_t i = 0; i < cols.result.size(); ++i)
    graphml_key(buf, "r" + std::to_string(i), "node", cols.result[i], graphml_type(o.results[i]));
  graphml_key(buf, "e0", "edge", "relation", "string");
  graphml_key(buf, "e1", "edge", "directed", "boolean");
  graphml_key(buf, "e2", "edge", "weight", "double");
  graphml_key(buf, "e3", "edge", "confidence", "double");
  graphml_key(buf, "e4", "edge", "grade", "string");
  graphml_key(buf, "e5", "edge", "time", "string");
  graphml_key(buf, "e6", "edge", "source_ref", "string");
  for (std::size_t i = 0; i < cols.edge_extra.size(); ++i)
    graphml_key(buf, "y" + std::to_string(i), "edge", cols.edge_extra[i], "string");

  buf += "  <graph id=\"G\" edgedefault=\"directed\">\n";
  graphml_data(buf, "g0", detail::dump_json(detail::relations_json(c.relations())));
  if (!c.seeds().empty()) graphml_data(buf, "g1", detail::dump_json(detail::seeds_json(c)));
  if (!o.results.empty()) graphml_data(buf, "g2", detail::dump_json(result_names(cols)));

  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    buf += "    <node id=\"";
    detail::xml_escape(buf, c.node_id(v));
    buf += "\">\n";
    graphml_data(buf, "n0", to_string(c.kind(v)));
    graphml_data(buf, "n1", c.label(v));
    graphml_data(buf, "n2", c.role(v));
    graphml_data(buf, "n3", c.country(v));
    for (std::size_t i = 0; i < cols.node_extra.size(); ++i)
      graphml_data(buf, "x" + std::to_string(i), c.node_attributes()[i].values[v]);
    for (std::size_t i = 0; i < cols.result.size(); ++i)
      if (has_value(o.results[i], v)) graphml_data(buf, "r" + std::to_string(i), value_text(o.results[i], v));
    buf += "    </node>\n";
    sink.maybe_flush();
  }
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    buf += "    <edge id=\"e";
    buf += std::to_string(e);
    buf += "\" source=\"";
    detail::xml_escape(buf, c.node_id(c.source(e)));
    buf += "\" target=\"";
    detail::xml_escape(buf, c.node_id(c.target(e)));
    buf += "\">\n";
    graphml_data(buf, "e0", c.relation_name(e));
    graphml_data(buf, "e1", c.directed(e) ? "true" : "false");
    graphml_data(buf, "e2", detail::float_text(static_cast<float>(c.weight(e))));
    if (c.has_explicit_confidence(e)) graphml_data(buf, "e3", detail::float_text(c.raw_confidence(e)));
    graphml_data(buf, "e4", c.grade(e).to_string());
    if (!c.time(e).empty()) graphml_data(buf, "e5", c.time(e).to_string());
    graphml_data(buf, "e6", c.source_ref(e));
    for (std::size_t i = 0; i < cols.edge_extra.size(); ++i)
      graphml_data(buf, "y" + std::to_string(i), c.evidence_attributes()[i].values[e]);
    buf += "    </edge>\n";
    sink.maybe_flush();
  }
  buf += "  </graph>\n</graphml>\n";
  sink.finish("GraphML");
}

// ---- GEXF ---------------------------------------------------------------------------------------

namespace {

void gexf_attribute(std::string& out, std::string_view id, std::string_view title, std::string_view type) {
  out += "      <attribute id=\"";
  out += id;
  out += "\" title=\"";
  detail::xml_escape(out, title);
  out += "\" type=\"";
  out += type;
  out += "\"/>\n";
}

void attvalue(std::string& out, std::string_view id, std::string_view value) {
  if (value.empty()) return;
  out += "          <attvalue for=\"";
  out += id;
  out += "\" value=\"";
  detail::xml_escape(out, value);
  out += "\"/>\n";
}

}  // namespace

void write_gexf(const Case& c, std::ostream& os, const ExportOptions& o) {
  const Columns cols = plan_columns(c, o);
  const Styling style(c, o);
  const bool v13 = o.gexf_version == GexfVersion::v1_3;
  const std::string ns = v13 ? "http://gexf.net/1.3" : "http://www.gexf.net/1.2draft";
  bool dated = false;
  for (EvidenceId e = 0; e < c.num_evidence() && !dated; ++e) dated = !c.time(e).empty();

  BlockWriter sink(os);
  std::string& buf = sink.text();
  buf += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"" + ns + "\" xmlns:viz=\"" + ns +
         "/viz\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"" + ns + " " + ns +
         (v13 ? "/gexf.xsd" : "/gexf.xsd") + "\" version=\"" + (v13 ? "1.3" : "1.2") + "\">\n";
  buf +=
      "  <meta>\n    <creator>corridor</creator>\n"
      "    <description>case graph: one directed edge per piece of evidence (attribute directed = false for an "
      "undirected relation); scores and rankings are investigative leads, not findings</description>\n  </meta>\n";
  // Dates make the graph dynamic so that Gephi's timeline can play the evidence; networkx reads
  // timeformat "date" as text (it has no reader for "dateTime"), and Gephi parses a date with or
  // without a time of day.
  buf += dated ? "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n"
               : "  <graph defaultedgetype=\"directed\" mode=\"static\">\n";
  buf += "    <attributes class=\"node\" mode=\"static\">\n";
  gexf_attribute(buf, "kind", "kind", "string");
  gexf_attribute(buf, "role", "role", "string");
  gexf_attribute(buf, "country", "country", "string");
  for (std::size_t i = 0; i < cols.node_extra.size(); ++i) gexf_attribute(buf, "x" + std::to_string(i), cols.node_extra[i], "string");
  for (std::size_t i = 0; i < cols.result.size(); ++i)
    gexf_attribute(buf, "r" + std::to_string(i), cols.result[i],
                   !o.results[i].text.empty() ? "string" : o.results[i].integer ? "long" : "double");
  buf += "    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n";
  gexf_attribute(buf, "relation", "relation", "string");
  gexf_attribute(buf, "directed", "directed", "boolean");
  gexf_attribute(buf, "confidence", "confidence", "double");
  gexf_attribute(buf, "grade", "grade", "string");
  gexf_attribute(buf, "time", "time", "string");
  gexf_attribute(buf, "source_ref", "source_ref", "string");
  for (std::size_t i = 0; i < cols.edge_extra.size(); ++i) gexf_attribute(buf, "y" + std::to_string(i), cols.edge_extra[i], "string");
  buf += "    </attributes>\n    <nodes>\n";
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    buf += "      <node id=\"";
    detail::xml_escape(buf, c.node_id(v));
    buf += "\" label=\"";
    detail::xml_escape(buf, c.label(v).empty() ? c.node_id(v) : c.label(v));
    buf += "\">\n        <attvalues>\n";
    attvalue(buf, "kind", to_string(c.kind(v)));
    attvalue(buf, "role", c.role(v));
    attvalue(buf, "country", c.country(v));
    for (std::size_t i = 0; i < cols.node_extra.size(); ++i)
      attvalue(buf, "x" + std::to_string(i), c.node_attributes()[i].values[v]);
    for (std::size_t i = 0; i < cols.result.size(); ++i)
      if (has_value(o.results[i], v)) attvalue(buf, "r" + std::to_string(i), value_text(o.results[i], v));
    buf += "        </attvalues>\n";
    const Rgb rgb = style.rgb(c, v);
    buf += "        <viz:color r=\"" + std::to_string(rgb.r) + "\" g=\"" + std::to_string(rgb.g) + "\" b=\"" +
           std::to_string(rgb.b) + "\" a=\"1.0\"/>\n";
    buf += "        <viz:size value=\"" + detail::format_double(std::round((4.0 + 36.0 * style.size_fraction(v)) * 100) / 100) +
           "\"/>\n      </node>\n";
    sink.maybe_flush();
  }
  buf += "    </nodes>\n    <edges>\n";
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    buf += "      <edge id=\"e";
    buf += std::to_string(e);
    buf += "\" source=\"";
    detail::xml_escape(buf, c.node_id(c.source(e)));
    buf += "\" target=\"";
    detail::xml_escape(buf, c.node_id(c.target(e)));
    buf += "\" weight=\"" + detail::float_text(static_cast<float>(c.weight(e))) + "\" label=\"";
    detail::xml_escape(buf, c.relation_name(e));
    if (v13) {
      // Gephi 0.9.3+ keeps edges of different kinds between one pair apart.
      buf += "\" kind=\"";
      detail::xml_escape(buf, c.relation_name(e));
    }
    buf += "\">\n        <attvalues>\n";
    attvalue(buf, "relation", c.relation_name(e));
    attvalue(buf, "directed", c.directed(e) ? "true" : "false");
    if (c.has_explicit_confidence(e)) attvalue(buf, "confidence", detail::float_text(c.raw_confidence(e)));
    attvalue(buf, "grade", c.grade(e).to_string());
    const Timestamp t = c.time(e);
    if (!t.empty()) attvalue(buf, "time", t.to_string());
    attvalue(buf, "source_ref", c.source_ref(e));
    for (std::size_t i = 0; i < cols.edge_extra.size(); ++i)
      attvalue(buf, "y" + std::to_string(i), c.evidence_attributes()[i].values[e]);
    buf += "        </attvalues>\n";
    if (!t.empty()) {
      const std::string ts = t.to_string();
      buf += "        <spells>\n          <spell start=\"" + ts + "\" end=\"" + ts + "\"/>\n        </spells>\n";
    }
    buf += "      </edge>\n";
    sink.maybe_flush();
  }
  buf += "    </edges>\n  </graph>\n</gexf>\n";
  sink.finish("GEXF");
}

// ---- DOT ----------------------------------------------------------------------------------------

namespace {

// A DOT double-quoted string: \ and " escaped, line breaks as \n (Graphviz's escString).
void dot_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
      out += "\\n";
    } else {
      out += ch;
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

const char* dot_shape(NodeKind k) {
  switch (k) {
    case NodeKind::organization: return "doubleoctagon";
    case NodeKind::smuggler: return "box";
    case NodeKind::facilitator: return "diamond";
    case NodeKind::migrant: return "ellipse";
    case NodeKind::person: return "ellipse";
    case NodeKind::asset: return "cylinder";
    case NodeKind::country: return "note";
    case NodeKind::location: return "house";
  }
  return "ellipse";
}

struct EdgeStyle {
  const char* style;
  const char* colour;
};

EdgeStyle dot_edge_style(RelationClass cls) {
  switch (cls) {
    case RelationClass::organizational: return {"bold", "#d62728"};
    case RelationClass::logistic: return {"solid", "#1f77b4"};
    case RelationClass::communication: return {"dashed", "#555555"};
    case RelationClass::client: return {"dotted", "#999999"};
    case RelationClass::attribute: return {"dotted", "#bbbbbb"};
    case RelationClass::generic: return {"solid", "#777777"};
  }
  return {"solid", "#777777"};
}

bool is_context(NodeKind k) { return k == NodeKind::country || k == NodeKind::location; }

// One line of the drawing: every piece of evidence of one relation between one pair (both
// orders of an undirected relation count as one pair).
struct Tie {
  NodeId a, b;
  RelationId relation;
  std::size_t evidence = 0;
  double weight = 0.0;
  Timestamp first, last;
};

}  // namespace

void write_dot(const Case& c, std::ostream& os, const ExportOptions& o) {
  const Columns cols = plan_columns(c, o);
  // A drawing for people: colour says the kind (shape says it too) unless asked otherwise.
  ExportOptions styled = o;
  if (styled.color_by.empty()) styled.color_by = "kind";
  const Styling style(c, styled);
  auto shown = [&](NodeId v) { return o.include_context || !is_context(c.kind(v)); };

  std::vector<Tie> ties;
  {
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> by_pair;  // pair -> ties (one per relation)
    for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
      NodeId a = c.source(e), b = c.target(e);
      if (!shown(a) || !shown(b)) continue;
      const bool directed = c.directed(e);
      const NodeId lo = directed ? a : std::min(a, b), hi = directed ? b : std::max(a, b);
      const std::uint64_t key = (static_cast<std::uint64_t>(lo) << 32) | hi;
      auto& list = by_pair[key];
      std::size_t found = ties.size();
      for (std::size_t t : list)
        if (ties[t].relation == c.relation(e)) found = t;
      if (found == ties.size()) {
        ties.push_back(Tie{a, b, c.relation(e), 0, 0.0, Timestamp{}, Timestamp{}});
        list.push_back(found);
      }
      Tie& t = ties[found];
      ++t.evidence;
      t.weight += c.weight(e);
      const Timestamp ts = c.time(e);
      if (!ts.empty()) {
        if (t.first.empty() || ts < t.first) t.first = ts;
        if (t.last.empty() || t.last < ts) t.last = ts;
      }
    }
  }

  BlockWriter sink(os);
  std::string& buf = sink.text();
  buf += "// corridor case graph: scores and rankings computed from it are investigative leads, not findings.\n";
  buf += "// Render with: dot -Tsvg case.dot -o case.svg (the graph asks for the sfdp layout)\n";
  buf += "digraph corridor {\n";
  // A force-directed layout (sfdp) draws a network more readably than dot's layers and stays within
  // seconds on the sample case's 880 nodes with straight lines (curved splines routed around them
  // took over two minutes).
  buf += "  graph [layout=sfdp, overlap=false, splines=line, outputorder=edgesfirst, fontname=\"Helvetica\", "
         "fontsize=11, labelloc=t";
  buf += ",\n         label=";
  std::string legend = style.colour ? "shape: kind; colour: " + styled.color_by : std::string("shape and colour: kind");
  if (style.size) legend += "; size: " + style.size->name;
  legend += "; line: relation (bold red organizational, blue logistic, dashed communication, dotted client); ×N: "
            "pieces of evidence";
  if (!o.include_context) legend += "; countries and locations left out";
  dot_quoted(buf, legend);
  buf += "];\n";
  buf += "  node [fontname=\"Helvetica\", fontsize=10, style=filled, penwidth=0.8];\n";
  buf += "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.6];\n";
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    if (!shown(v)) continue;
    buf += "  ";
    dot_quoted(buf, c.node_id(v));
    buf += " [";
    bool first = true;
    dot_attr(buf, first, "label", c.label(v).empty() ? c.node_id(v) : c.label(v));
    dot_attr(buf, first, "kind", to_string(c.kind(v)));
    dot_attr(buf, first, "shape", dot_shape(c.kind(v)));
    dot_attr(buf, first, "fillcolor", style.rgb(c, v).hex());
    if (c.kind(v) == NodeKind::organization) dot_attr(buf, first, "fontcolor", "white");
    dot_attr(buf, first, "role", c.role(v));
    dot_attr(buf, first, "country", c.country(v));
    for (std::size_t i = 0; i < cols.node_extra.size(); ++i)
      dot_attr(buf, first, cols.node_extra[i], c.node_attributes()[i].values[v]);
    for (std::size_t i = 0; i < cols.result.size(); ++i)
      if (has_value(o.results[i], v)) dot_attr(buf, first, cols.result[i], value_text(o.results[i], v));
    if (style.size) {
      const double f = style.size_fraction(v);
      dot_attr(buf, first, "width", detail::format_double(std::round((0.4 + 1.2 * f) * 100) / 100));
      dot_attr(buf, first, "fontsize", detail::format_double(std::round(9 + 9 * f)));
    }
    buf += "];\n";
    sink.maybe_flush();
  }
  for (const Tie& t : ties) {
    const RelationInfo& rel = c.relations().info(t.relation);
    buf += "  ";
    dot_quoted(buf, c.node_id(t.a));
    buf += " -> ";
    dot_quoted(buf, c.node_id(t.b));
    buf += " [";
    bool first = true;
    dot_attr(buf, first, "relation", rel.name);
    dot_attr(buf, first, "evidence", std::to_string(t.evidence));
    dot_attr(buf, first, "weight_sum", detail::format_double(static_cast<double>(static_cast<float>(t.weight))));
    if (!t.first.empty()) dot_attr(buf, first, "first", t.first.to_string());
    if (!t.last.empty()) dot_attr(buf, first, "last", t.last.to_string());
    const EdgeStyle es = dot_edge_style(rel.cls);
    dot_attr(buf, first, "style", es.style);
    dot_attr(buf, first, "color", es.colour);
    if (t.evidence > 1) {
      dot_attr(buf, first, "label", "×" + std::to_string(t.evidence));
      dot_attr(buf, first, "penwidth",
               detail::format_double(std::round((1.0 + std::log2(static_cast<double>(t.evidence))) * 100) / 100));
    }
    dot_attr(buf, first, "tooltip",
             rel.name + ": " + std::to_string(t.evidence) + (t.evidence == 1 ? " piece" : " pieces") + " of evidence");
    if (!rel.directed) dot_attr(buf, first, "dir", "none");
    buf += "];\n";
    sink.maybe_flush();
  }
  buf += "}\n";
  sink.finish("DOT");
}

// ---- node-link JSON -----------------------------------------------------------------------------

namespace {

// A JSON string literal. Valid UTF-8 passes through; invalid bytes become U+FFFD, as
// nlohmann::json's error_handler_t::replace does, so the output is always valid JSON.
void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const auto ch = static_cast<unsigned char>(s[i]);
    if (ch < 0x80) {
      switch (ch) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (ch < 0x20) {
            static const char* hex = "0123456789abcdef";
            out += "\\u00";
            out += hex[ch >> 4];
            out += hex[ch & 15];
          } else {
            out += static_cast<char>(ch);
          }
      }
      ++i;
      continue;
    }
    // Length and validity of a UTF-8 sequence (no overlongs, surrogates or > U+10FFFF).
    std::size_t len = ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : ch >= 0xC2 ? 2 : 0;
    bool ok = len > 0 && i + len <= s.size() && ch <= 0xF4;
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len == 3) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(ch == 0xE0 && c1 < 0xA0) && !(ch == 0xED && c1 >= 0xA0);
    }
    if (ok && len == 4) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(ch == 0xF0 && c1 < 0x90) && !(ch == 0xF4 && c1 >= 0x90);
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

void write_node_link_json(const Case& c, std::ostream& os, const ExportOptions& o) {
  using nlohmann::json;
  const Columns cols = plan_columns(c, o);
  BlockWriter sink(os);
  std::string& buf = sink.text();
  json graph = {{"relations", detail::relations_json(c.relations())}, {"seeds", detail::seeds_json(c)}};
  if (!o.results.empty()) graph["results"] = result_names(cols);
  buf += "{\"directed\": true, \"multigraph\": true, \"graph\": ";
  buf += detail::dump_json(graph);
  buf += ",\n\"nodes\": [";
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    buf += v ? ",\n{\"id\": " : "\n{\"id\": ";
    json_string(buf, c.node_id(v));
    json_member(buf, "kind", to_string(c.kind(v)));
    json_member(buf, "label", c.label(v));
    json_member(buf, "role", c.role(v));
    json_member(buf, "country", c.country(v));
    for (std::size_t i = 0; i < cols.node_extra.size(); ++i)
      json_member(buf, cols.node_extra[i], c.node_attributes()[i].values[v]);
    for (std::size_t i = 0; i < cols.result.size(); ++i) {
      if (!has_value(o.results[i], v)) continue;
      if (!o.results[i].text.empty()) {
        json_member(buf, cols.result[i], o.results[i].text[v]);
      } else {
        buf += ", ";
        json_string(buf, cols.result[i]);
        buf += ": " + value_text(o.results[i], v);
      }
    }
    buf += '}';
    sink.maybe_flush();
  }
  buf += "]";
  auto edges = [&](std::string_view key) {
    buf += ",\n";
    json_string(buf, key);
    buf += ": [";
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
      for (std::size_t i = 0; i < cols.edge_extra.size(); ++i)
        json_member(buf, cols.edge_extra[i], c.evidence_attributes()[i].values[e]);
      buf += '}';
      sink.maybe_flush();
    }
    buf += "]";
  };
  if (o.json_edges != NodeLinkEdges::edges) edges("links");
  if (o.json_edges != NodeLinkEdges::links) edges("edges");
  buf += "}\n";
  sink.finish("JSON");
}

// ---- dispatch -----------------------------------------------------------------------------------

void write_export(const Case& c, Format format, std::ostream& out, const ExportOptions& o) {
  switch (format) {
    case Format::graphml: write_graphml(c, out, o); return;
    case Format::gexf: write_gexf(c, out, o); return;
    case Format::dot: write_dot(c, out, o); return;
    case Format::json: write_node_link_json(c, out, o); return;
    default: throw ParamError("a case folder or a .corridor snapshot is not an export format; use graphml, gexf, json or dot");
  }
}

void export_case(const Case& c, Format format, const std::filesystem::path& path, const ExportOptions& o) {
  if (path == "-") {
    write_standard_output([&](std::ostream& out) { write_export(c, format, out, o); });
    return;
  }
  write_file_atomically(path, [&](std::ostream& out) { write_export(c, format, out, o); });
}

Format parse_export_format(std::string_view word) {
  static constexpr std::string_view names[] = {"graphml", "gexf", "json", "dot"};
  const std::string w = lower(detail::trim(word));
  if (w == "graphml") return Format::graphml;
  if (w == "gexf") return Format::gexf;
  if (w == "json") return Format::json;
  if (w == "dot" || w == "gv") return Format::dot;
  throw ParamError("unknown export format " + detail::quoted(word) + "; valid formats: graphml, gexf, json, dot" +
                   detail::did_you_mean(w, names));
}

}  // namespace corridor

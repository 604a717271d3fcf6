// GraphML import (the writer is in exchange.cpp).
//
// corridor's export carries what GraphML has no place for in graph keys: the relation registry
// ("corridor.relations", JSON), the seeds ("corridor.seeds", JSON) and the names of result keys
// ("corridor.results", JSON), which are derived from the case and so not read back as case data.
// Empty values are omitted by the writer (the reader's default is empty), and an extra attribute
// whose name the export reserves was written as "attr:<name>", so a round trip through GraphML
// gives an equal Case.
//
// Import accepts GraphML from other tools: keys are matched by attr.name (yEd's graphics keys,
// which have none, are ignored), a missing kind is "person", a missing relation "associated",
// <key><default> applies, unknown elements are skipped. Every problem is an InputError with file
// and line, collected up to ReadOptions::max_problems.
#include "corridor/io/graphml.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <optional>
#include <unordered_map>

#include "corridor/error.hpp"
#include "corridor/io/csv.hpp"
#include "corridor/io/file.hpp"
#include "corridor/model/builder.hpp"
#include "io/export_util.hpp"
#include "io/xml.hpp"
#include "src_util.hpp"

namespace corridor {

namespace {

constexpr std::string_view kRelationsKey = "corridor.relations";
constexpr std::string_view kSeedsKey = "corridor.seeds";
constexpr std::string_view kResultsKey = "corridor.results";
// Names the writer stores as "attr:<name>" when an extra attribute has them (exchange.cpp).
constexpr std::string_view kNodeReserved[] = {"id", "kind", "label", "role", "country"};
constexpr std::string_view kEdgeReserved[] = {"source", "target", "relation", "directed", "weight", "confidence",
                                              "grade", "time", "source_ref", "key", "id", "label"};

// "attr:weight" -> "weight" when the rest is a reserved name; the name itself otherwise.
template <std::size_t N>
std::string unreserve(const std::string& name, const std::string_view (&reserved)[N]) {
  constexpr std::string_view prefix = "attr:";
  if (name.compare(0, prefix.size(), prefix) != 0) return name;
  std::string rest = name.substr(prefix.size());
  std::string low = rest;
  for (char& ch : low)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return std::find(std::begin(reserved), std::end(reserved), low) != std::end(reserved) ? rest : name;
}

}  // namespace

// ---- import -----------------------------------------------------------------------------------

namespace {

enum class Domain { node, edge, graph, all, other };

struct Key {
  std::string name;  // attr.name (or the id when a tool gives none); empty = ignored key
  Domain domain = Domain::all;
  std::optional<std::string> default_value;
  std::size_t line = 0;
  bool used_by_nodes = false, used_by_edges = false;
};

struct Element {
  std::size_t line = 0;
  std::string id, source, target;
  std::vector<std::pair<std::size_t, std::string>> data;  // key index, value
};

class GraphmlReader {
 public:
  GraphmlReader(std::string_view xml, const std::string& name, const ReadOptions& options)
      : xml_(xml), name_(name), options_(options) {}

  Case read();

 private:
  enum class Ctx { graphml, key, key_default, graph, node, edge, data, ignored };

  void problem(std::size_t line, std::string field, std::string message) {
    problems_.push_back({Diagnostic::Severity::error, name_, line, std::move(field), std::move(message)});
    if (problems_.size() >= options_.max_problems) throw InputError(std::move(problems_));
  }
  void parse();
  void start(detail::XmlReader& r, const detail::XmlEvent& ev);
  void end(Ctx ctx);
  Case build();
  // Rewraps a builder's InputError (no file, no line) with where it happened.
  void rewrap(const InputError& e, std::size_t line) {
    for (const auto& d : e.problems()) problem(line, d.field, d.message);
  }
  std::optional<std::size_t> key_named(std::string_view name, Domain d) const;
  const std::string* value(const Element& el, std::size_t key) const;

  std::string_view xml_;
  const std::string& name_;
  const ReadOptions& options_;
  std::vector<Diagnostic> problems_;
  std::vector<Key> keys_;
  std::unordered_map<std::string, std::size_t> key_index_;
  std::vector<Element> nodes_, edges_;
  Element graph_;
  std::vector<Ctx> ctx_;
  Element* current_ = nullptr;  // node, edge or graph receiving <data>
  Domain current_domain_ = Domain::graph;
  std::size_t data_key_ = 0;
  bool data_ok_ = false;
  std::string text_;
  bool graph_seen_ = false;
};

Domain parse_domain(std::string_view s) {
  if (s == "node") return Domain::node;
  if (s == "edge") return Domain::edge;
  if (s == "graph") return Domain::graph;
  if (s == "all") return Domain::all;
  return Domain::other;  // graphml, port, hyperedge, endpoint: nothing corridor stores
}

const char* domain_name(Domain d) {
  switch (d) {
    case Domain::node: return "node";
    case Domain::edge: return "edge";
    case Domain::graph: return "graph";
    case Domain::all: return "all";
    default: return "other";
  }
}

void GraphmlReader::start(detail::XmlReader& r, const detail::XmlEvent& ev) {
  const std::string_view ln = ev.local_name();
  if (ctx_.empty()) {
    if (ln != "graphml")
      r.fail(ev.line, "not a GraphML file: the root element is <" + ev.name + ">, expected <graphml>");
    ctx_.push_back(Ctx::graphml);
    return;
  }
  const Ctx parent = ctx_.back();
  Ctx next = Ctx::ignored;
  switch (parent) {
    case Ctx::graphml:
      if (ln == "key") {
        next = Ctx::key;
        const std::string* id = ev.attribute("id");
        if (!id || id->empty()) {
          problem(ev.line, "key", "<key> has no id attribute");
          break;
        }
        if (keys_.size() >= options_.max_columns)
          r.fail(ev.line, "more than " + std::to_string(options_.max_columns) + " <key> declarations");
        Key k;
        k.line = ev.line;
        const std::string* f = ev.attribute("for");
        k.domain = f ? parse_domain(*f) : Domain::all;
        if (const std::string* an = ev.attribute("attr.name")) k.name = *an;
        else if (!ev.attribute("yfiles.type")) k.name = *id;  // yEd's graphics keys stay unnamed
        if (!key_index_.emplace(*id, keys_.size()).second) {
          problem(ev.line, "key", "key id " + detail::quoted(*id) + " is declared twice");
          break;
        }
        keys_.push_back(std::move(k));
      } else if (ln == "graph") {
        if (graph_seen_) r.fail(ev.line, "more than one <graph> in the file; corridor reads one graph per file");
        graph_seen_ = true;
        next = Ctx::graph;
        graph_.line = ev.line;
      }
      break;
    case Ctx::key:
      if (ln == "default") {
        next = Ctx::key_default;
        text_.clear();
      }
      break;
    case Ctx::graph:
      if (ln == "node" || ln == "edge") {
        Element el;
        el.line = ev.line;
        if (ln == "node") {
          next = Ctx::node;
          const std::string* id = ev.attribute("id");
          if (!id) problem(ev.line, "id", "<node> has no id attribute");
          else el.id = *id;
          nodes_.push_back(std::move(el));
          current_ = &nodes_.back();
          current_domain_ = Domain::node;
        } else {
          next = Ctx::edge;
          const std::string* s = ev.attribute("source");
          const std::string* t = ev.attribute("target");
          if (s) el.source = *s;
          if (t) el.target = *t;
          edges_.push_back(std::move(el));
          current_ = &edges_.back();
          current_domain_ = Domain::edge;
        }
      } else if (ln == "data") {
        current_ = &graph_;
        current_domain_ = Domain::graph;
        next = Ctx::data;
      } else if (ln == "hyperedge") {
        r.fail(ev.line, "<hyperedge> is not supported; write one <edge> per pair of nodes");
      }
      break;
    case Ctx::node:
      if (ln == "data") next = Ctx::data;
      else if (ln == "graph") r.fail(ev.line, "nested graphs (a <graph> inside a <node>) are not supported; flatten the graph");
      break;
    case Ctx::edge:
      if (ln == "data") next = Ctx::data;
      break;
    default:
      break;  // inside <data>, <default> or an ignored element: skip the whole subtree
  }
  if (next == Ctx::data) {
    text_.clear();
    data_ok_ = false;
    const std::string* key = ev.attribute("key");
    if (!key) {
      problem(ev.line, "key", "<data> has no key attribute");
    } else if (auto it = key_index_.find(*key); it == key_index_.end()) {
      problem(ev.line, "key", "<data> uses key " + detail::quoted(*key) + ", which no <key> declares");
    } else {
      Key& k = keys_[it->second];
      if (k.domain != Domain::all && k.domain != current_domain_) {
        problem(ev.line, "key", "key " + detail::quoted(*key) + " is declared for " + domain_name(k.domain) +
                                    " but used in a " + domain_name(current_domain_));
      } else {
        data_key_ = it->second;
        data_ok_ = !k.name.empty();
        if (current_domain_ == Domain::node) k.used_by_nodes = true;
        if (current_domain_ == Domain::edge) k.used_by_edges = true;
      }
    }
  }
  ctx_.push_back(next);
}

void GraphmlReader::end(Ctx ctx) {
  if (ctx == Ctx::key_default) {
    if (!keys_.empty()) keys_.back().default_value = text_;
  } else if (ctx == Ctx::data && data_ok_ && current_) {
    for (auto& [k, v] : current_->data)
      if (k == data_key_) {
        problem(current_->line, keys_[k].name, "the same key appears twice in one element");
        return;
      }
    current_->data.emplace_back(data_key_, text_);
  }
}

void GraphmlReader::parse() {
  detail::XmlLimits limits;
  limits.max_depth = 64;
  limits.max_text = options_.max_record_bytes;
  limits.max_attributes = options_.max_columns;
  detail::XmlReader r(xml_, name_, limits);
  while (true) {
    detail::XmlEvent ev = r.next();
    switch (ev.type) {
      case detail::XmlEvent::Type::done:
        return;
      case detail::XmlEvent::Type::start:
        start(r, ev);
        break;
      case detail::XmlEvent::Type::text:
        if (!ctx_.empty() && (ctx_.back() == Ctx::data || ctx_.back() == Ctx::key_default)) text_ += ev.text;
        break;
      case detail::XmlEvent::Type::end: {
        const Ctx ctx = ctx_.back();
        ctx_.pop_back();
        end(ctx);
        if (ctx == Ctx::data && !ctx_.empty() && ctx_.back() == Ctx::graph) current_ = nullptr;
        if (ctx == Ctx::node || ctx == Ctx::edge) current_ = nullptr;
        break;
      }
    }
  }
}

std::optional<std::size_t> GraphmlReader::key_named(std::string_view name, Domain d) const {
  for (std::size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i].name == name && (keys_[i].domain == d || keys_[i].domain == Domain::all)) return i;
  return std::nullopt;
}

const std::string* GraphmlReader::value(const Element& el, std::size_t key) const {
  for (const auto& [k, v] : el.data)
    if (k == key) return &v;
  return keys_[key].default_value ? &*keys_[key].default_value : nullptr;
}

Case GraphmlReader::build() {
  if (!graph_seen_) throw InputError(name_, 0, "", "the GraphML file has no <graph> element");
  // Which key holds which column. A name used by two keys of one domain is ambiguous.
  enum Role : int { kKind = -1, kLabel = -2, kRole = -3, kCountry = -4, kRelation = -5, kWeight = -6,
                    kConfidence = -7, kGrade = -8, kTime = -9, kSourceRef = -10, kDirected = -11, kIgnore = -100 };
  // Result keys of a corridor export (score, rank, ...) are derived data, not part of the case.
  std::vector<std::string> results;
  if (const auto rk = key_named(kResultsKey, Domain::graph)) {
    if (const std::string* text = value(graph_, *rk)) {
      try {
        for (const auto& n : nlohmann::json::parse(*text)) results.push_back(n.get<std::string>());
      } catch (const std::exception& e) {
        problem(graph_.line, std::string(kResultsKey), std::string("is not a valid list of names: ") + e.what());
      }
    }
  }
  std::vector<int> node_role(keys_.size(), kIgnore), edge_role(keys_.size(), kIgnore);
  std::vector<std::size_t> node_extra, edge_extra;  // key indexes of extra columns, declaration order
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    const Key& k = keys_[i];
    if (k.name.empty()) continue;
    auto clash = [&](Domain d) {
      for (std::size_t j = 0; j < i; ++j)
        if (keys_[j].name == k.name && (keys_[j].domain == d || keys_[j].domain == Domain::all))
          return true;
      return false;
    };
    if (k.domain == Domain::node || (k.domain == Domain::all && (k.used_by_nodes || k.default_value))) {
      if (clash(Domain::node)) {
        problem(k.line, k.name, "two node keys have the attribute name " + detail::quoted(k.name));
      } else if (std::find(results.begin(), results.end(), k.name) != results.end()) {
        node_role[i] = kIgnore;
      } else if (k.name == "kind") node_role[i] = kKind;
      else if (k.name == "label") node_role[i] = kLabel;
      else if (k.name == "role") node_role[i] = kRole;
      else if (k.name == "country") node_role[i] = kCountry;
      else if (k.name == "id")
        problem(k.line, k.name, "a node key named \"id\" clashes with the node id; rename the key");
      else {
        node_role[i] = static_cast<int>(node_extra.size());
        node_extra.push_back(i);
      }
    }
    if (k.domain == Domain::edge || (k.domain == Domain::all && (k.used_by_edges || k.default_value))) {
      if (clash(Domain::edge)) {
        problem(k.line, k.name, "two edge keys have the attribute name " + detail::quoted(k.name));
      } else if (k.name == "relation") edge_role[i] = kRelation;
      else if (k.name == "weight") edge_role[i] = kWeight;
      else if (k.name == "confidence") edge_role[i] = kConfidence;
      else if (k.name == "grade") edge_role[i] = kGrade;
      else if (k.name == "time") edge_role[i] = kTime;
      else if (k.name == "source_ref") edge_role[i] = kSourceRef;
      // The relation's direction, written for consumers; the relation registry decides it here.
      else if (k.name == "directed") edge_role[i] = kDirected;
      else if (k.name == "source" || k.name == "target")
        problem(k.line, k.name, "an edge key named " + detail::quoted(k.name) +
                                    " clashes with the edge's own attribute; rename the key");
      else {
        edge_role[i] = static_cast<int>(edge_extra.size());
        edge_extra.push_back(i);
      }
    }
  }

  // The relation registry and seeds, when the file was written by corridor.
  RelationRegistry registry;
  const auto rel_key = key_named(kRelationsKey, Domain::graph);
  if (const std::string* text = rel_key ? value(graph_, *rel_key) : nullptr) {
    try {
      auto j = nlohmann::json::parse(*text);
      if (!j.is_array()) throw std::runtime_error("expected a JSON array");
      for (const auto& r : j) {
        auto cls = parse_relation_class(r.at("class").get<std::string>());
        if (!cls) throw std::runtime_error("unknown relation class " + r.at("class").get<std::string>());
        std::optional<Volume> volume;  // files written before the volume kind existed: the defaults
        if (r.contains("volume")) {
          volume = parse_volume(r.at("volume").get<std::string>());
          if (!volume) throw std::runtime_error("unknown volume kind " + r.at("volume").get<std::string>());
        }
        registry.define(r.at("name").get<std::string>(), r.at("directed").get<bool>(),
                        r.at("transmission").get<double>(), *cls, volume);
      }
    } catch (const std::exception& e) {
      problem(graph_.line, std::string(kRelationsKey), std::string("is not a valid relation list: ") + e.what());
    }
  }

  CaseBuilder b(registry);
  b.reserve(nodes_.size(), edges_.size());
  for (const Element& el : nodes_) {
    NodeRecord rec;
    rec.id = el.id;
    bool ok = !el.id.empty() || (problem(el.line, "id", "a node id must not be empty"), false);
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      if (node_role[i] >= 0 || node_role[i] == kIgnore) continue;
      const std::string* v = value(el, i);
      if (!v) continue;
      switch (node_role[i]) {
        case kKind:
          if (auto k = parse_node_kind(*v)) rec.kind = *k;
          else {
            problem(el.line, "kind", "unknown kind " + detail::quoted(*v) + " of node " + detail::quoted(el.id) +
                                         "; valid kinds: " + valid_node_kinds());
            ok = false;
          }
          break;
        case kLabel: rec.label = *v; break;
        case kRole: rec.role = *v; break;
        case kCountry: rec.country = *v; break;
        default: break;
      }
    }
    if (!ok) continue;
    try {
      b.add_node(rec);
    } catch (const InputError& e) {
      rewrap(e, el.line);
    }
  }
  // Extra columns in key order: the first node sets every column so that the case's column
  // order is the declaration order, not the order of first use.
  if (b.num_nodes() > 0 && problems_.empty())
    for (std::size_t col = 0; col < node_extra.size(); ++col)
      for (NodeId v = 0; v < b.num_nodes(); ++v) {
        const std::string* val = value(nodes_[v], node_extra[col]);
        if (v == 0 || (val && !val->empty()))
          b.set_node_attribute(v, unreserve(keys_[node_extra[col]].name, kNodeReserved), val ? *val : "");
      }

  std::vector<EvidenceId> evidence_of;  // edge element -> evidence id (when added)
  for (const Element& el : edges_) {
    EvidenceRecord rec;
    rec.source = el.source;
    rec.target = el.target;
    rec.relation = "associated";
    bool ok = true;
    if (!el.source.empty() && !b.find(el.source)) {
      problem(el.line, "source", "edge source " + detail::quoted(el.source) + " is not a node of the graph");
      ok = false;
    }
    if (!el.target.empty() && !b.find(el.target)) {
      problem(el.line, "target", "edge target " + detail::quoted(el.target) + " is not a node of the graph");
      ok = false;
    }
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      if (edge_role[i] >= 0 || edge_role[i] == kIgnore) continue;
      const std::string* v = value(el, i);
      if (!v) continue;
      switch (edge_role[i]) {
        case kRelation:
          rec.relation = std::string(detail::trim(*v));
          if (!b.relations().find(rec.relation)) {
            problem(el.line, "relation", "unknown relation " + detail::quoted(*v) +
                                             "; valid relations: " + b.relations().valid_names());
            ok = false;
          }
          break;
        case kWeight:
          if (auto w = detail::parse_float(*v); w && *w > 0) rec.weight = *w;
          else {
            problem(el.line, "weight", detail::quoted(*v) + " is not a number > 0");
            ok = false;
          }
          break;
        case kConfidence:
          if (detail::trim(*v).empty()) break;
          if (auto c = detail::parse_float(*v); c && *c >= 0 && *c <= 1) rec.confidence = *c;
          else {
            problem(el.line, "confidence", detail::quoted(*v) + " is not a number in [0,1]");
            ok = false;
          }
          break;
        case kGrade: rec.grade = *v; break;
        case kTime: rec.time = *v; break;
        case kSourceRef: rec.source_ref = *v; break;
        default: break;
      }
    }
    if (el.source.empty() || el.target.empty()) {
      problem(el.line, el.source.empty() ? "source" : "target", "<edge> needs non-empty source and target attributes");
      continue;
    }
    if (!ok) continue;
    try {
      evidence_of.push_back(b.add_evidence(rec));
    } catch (const InputError& e) {
      rewrap(e, el.line);
    }
  }
  if (b.num_evidence() > 0 && problems_.empty())
    for (std::size_t col = 0; col < edge_extra.size(); ++col)
      for (std::size_t i = 0; i < edges_.size(); ++i) {
        const std::string* val = value(edges_[i], edge_extra[col]);
        if (i == 0 || (val && !val->empty()))
          b.set_evidence_attribute(evidence_of[i], unreserve(keys_[edge_extra[col]].name, kEdgeReserved),
                                 val ? *val : "");
      }

  const auto seed_key = key_named(kSeedsKey, Domain::graph);
  if (const std::string* text = seed_key ? value(graph_, *seed_key) : nullptr; text && problems_.empty()) {
    try {
      auto j = nlohmann::json::parse(*text);
      if (!j.is_array()) throw std::runtime_error("expected a JSON array");
      for (const auto& s : j)
        b.add_seed(s.at("id").get<std::string>(), s.value("confidence", 1.0), s.value("note", std::string()));
    } catch (const InputError& e) {
      rewrap(e, graph_.line);
    } catch (const std::exception& e) {
      problem(graph_.line, std::string(kSeedsKey), std::string("is not a valid seed list: ") + e.what());
    }
  }
  if (!problems_.empty()) throw InputError(std::move(problems_));
  return std::move(b).freeze();
}

Case GraphmlReader::read() {
  parse();
  Case c = build();
  // The builder checked each node and edge; the model's own list of invariants is the last word
  // on what a reader may hand to the rest of the library.
  c.validate(name_);
  return c;
}

}  // namespace

Case read_graphml_string(std::string_view xml, const std::string& name, const ReadOptions& options) {
  GraphmlReader reader(xml, name, options);
  return reader.read();
}

Case read_graphml(const std::filesystem::path& file, const ReadOptions& options) {
  // read_file refuses devices and cannot hang on a named pipe without a writer.
  const std::string text = read_file(file);
  Case c = read_graphml_string(text, file.string(), options);
  c.set_origin(file.string());
  return c;
}

}  // namespace corridor

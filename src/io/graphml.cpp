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
// which have none, are ignored) to the standard columns by column_key, the kind may come from
// `type` and the relation from `type` or `label`, <key><default> applies. Nothing changes
// meaning without a word: a fallback to "person" or "associated", a key matched loosely and every
// skipped element are warnings (errors under ReadOptions::strict), because a migrant read as a
// person, or a client tie read as an association, changes what a score means. Every problem is an
// InputError with file and line, collected up to ReadOptions::max_problems.
#include "corridor/io/graphml.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <optional>
#include <unordered_map>

#include "corridor/error.hpp"
#include "corridor/io/csv.hpp"
#include "corridor/io/encoding.hpp"
#include "corridor/io/file.hpp"
#include "corridor/model/builder.hpp"
#include "io/export_util.hpp"
#include "io/lookalike.hpp"
#include "io/xml.hpp"
#include "src_util.hpp"
#include "suggest.hpp"

namespace corridor {

namespace {

constexpr std::string_view kRelationsKey = "corridor.relations";
constexpr std::string_view kSeedsKey = "corridor.seeds";
constexpr std::string_view kResultsKey = "corridor.results";
// "attr:weight" -> "weight" when the rest is a name the writer reserves (detail::reserved_node_name,
// reserved_edge_name); the name itself otherwise.
std::string unreserve(const std::string& name, bool (*reserved)(std::string_view)) {
  constexpr std::string_view prefix = "attr:";
  if (name.compare(0, prefix.size(), prefix) != 0) return name;
  std::string rest = name.substr(prefix.size());
  return reserved(rest) ? rest : name;
}

}  // namespace

// ---- import -----------------------------------------------------------------------------------

namespace {

enum class Domain { node, edge, graph, all, other };

struct Key {
  std::string name;  // attr.name (or the id when a tool gives none); empty = ignored key
  std::string column;  // column_key(name): what standard column, if any, the key stands for
  Domain domain = Domain::all;
  std::optional<std::string> default_value;
  std::size_t line = 0;
  bool used_by_nodes = false, used_by_edges = false;
};

// Elements the reader passes over, grouped by what they are and where ("<wrapper> inside
// <graph>"), with the nodes and edges inside them that were therefore not imported.
struct Skipped {
  std::string what;
  std::size_t count = 0, first_line = 0, nodes = 0, edges = 0;
};

struct Element {
  std::size_t line = 0;
  std::string id, source, target;
  std::vector<std::pair<std::size_t, std::string>> data;  // key index, value
};

class GraphmlReader {
 public:
  GraphmlReader(std::string_view xml, const std::string& name, const ReadOptions& options, bool transcoded)
      : xml_(xml), name_(name), options_(options), transcoded_(transcoded) {}

  Case read();

 private:
  enum class Ctx { graphml, key, key_default, graph, node, edge, data, ignored };

  void problem(std::size_t line, std::string field, std::string message) {
    problems_.push_back({Diagnostic::Severity::error, name_, line, std::move(field), std::move(message)});
    if (problems_.size() >= options_.max_problems) throw InputError(std::move(problems_));
  }
  void parse();
  void start(detail::XmlReader& r, const detail::XmlEvent& ev);
  void declare_key(detail::XmlReader& r, const detail::XmlEvent& ev);
  Ctx start_in_graph(detail::XmlReader& r, const detail::XmlEvent& ev, std::string_view ln);
  void note_skipped(const detail::XmlEvent& ev, std::string_view ln, Ctx parent);
  void open_data(const detail::XmlEvent& ev);
  void end(Ctx ctx);
  Case build();
  // Column roles of keys: standard columns are negative, extra columns their index. The standard
  // ones follow kNodeColumns (from "kind") and kEvidenceColumns (from "relation"), in their order.
  enum Role : int { kKind = -1, kLabel = -2, kRole = -3, kCountry = -4, kRelation = -5, kWeight = -6,
                    kConfidence = -7, kGrade = -8, kTime = -9, kSourceRef = -10, kDirected = -11, kIgnore = -100 };
  static_assert(kNodeColumns.size() == 5 && kCountry == kKind - 3, "a role per node column after the id");
  static_assert(kEvidenceColumns.size() == 8 && kSourceRef == kRelation - 5, "a role per evidence column after the ends");
  void assign_roles();
  void check_default_budget();
  RelationRegistry read_registry();
  void add_nodes(CaseBuilder& b);
  void add_edges(CaseBuilder& b);
  std::optional<std::string> foreign_relation(const Element& el, const RelationRegistry& reg,
                                              const std::string*& shown) const;
  // Rewraps a builder's InputError (no file, no line) with where it happened.
  void rewrap(const InputError& e, std::size_t line) {
    for (const auto& d : e.problems()) problem(line, d.field, d.message);
  }
  std::optional<std::size_t> key_named(std::string_view name, Domain d) const;
  // <data> of a key without a name (yEd's graphics), which corridor ignores on purpose.
  bool graphics_data(const detail::XmlEvent& ev) const {
    const std::string* key = ev.attribute("key");
    if (!key) return false;
    auto it = key_index_.find(*key);
    return it != key_index_.end() && keys_[it->second].name.empty();
  }
  const std::string* value(const Element& el, std::size_t key) const;

  std::string_view xml_;
  const std::string& name_;
  const ReadOptions& options_;
  // An id as read: as written, or normalize_id()'s form under ReadOptions::normalize_ids.
  std::string id_form(const std::string& id) const {
    return options_.normalize_ids && detail::has_non_ascii(id) ? normalize_id(id) : id;
  }
  bool transcoded_ = false;
  std::vector<Diagnostic> problems_;
  std::vector<Key> keys_;
  std::unordered_map<std::string, std::size_t> key_index_;
  std::vector<Element> nodes_, edges_;
  std::vector<int> node_role_, edge_role_;
  std::vector<std::size_t> node_extra_, edge_extra_;  // key indexes of extra columns, declaration order
  std::optional<std::size_t> node_type_, edge_type_, edge_label_;  // foreign kind and relation sources
  Element graph_;
  std::vector<Ctx> ctx_;
  Element* current_ = nullptr;  // node, edge or graph receiving <data>
  Domain current_domain_ = Domain::graph;
  std::size_t data_key_ = 0;
  bool data_ok_ = false;
  std::string text_;
  bool graph_seen_ = false;
  std::vector<std::string> names_;  // local names of the open elements, parallel to ctx_
  std::vector<Skipped> skipped_;     // at most kMaxSkippedKinds entries, then "other"
  std::size_t skip_root_ = SIZE_MAX;  // skipped_ entry of the skipped subtree being read
  std::vector<Diagnostic> warnings_;
  void skip(std::string what, std::size_t line);
  void warn(std::size_t line, std::string field, std::string message) {
    warnings_.push_back({Diagnostic::Severity::warning, name_, line, std::move(field), std::move(message)});
  }
  void report_skipped();
};

constexpr std::size_t kMaxSkippedKinds = 16;

void GraphmlReader::skip(std::string what, std::size_t line) {
  auto it = std::find_if(skipped_.begin(), skipped_.end(), [&](const Skipped& s) { return s.what == what; });
  if (it == skipped_.end()) {
    // A hostile file could name a million different elements: past a few kinds, one bucket.
    if (skipped_.size() >= kMaxSkippedKinds) {
      what = "other elements";
      it = std::find_if(skipped_.begin(), skipped_.end(), [&](const Skipped& s) { return s.what == what; });
    }
    if (it == skipped_.end()) {
      skipped_.push_back({std::move(what), 0, line, 0, 0});
      it = skipped_.end() - 1;
    }
  }
  ++it->count;
  skip_root_ = static_cast<std::size_t>(it - skipped_.begin());
}

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

// A <key> declaration (inside <graphml>).
void GraphmlReader::declare_key(detail::XmlReader& r, const detail::XmlEvent& ev) {
  const std::string* id = ev.attribute("id");
  if (!id || id->empty()) {
    problem(ev.line, "key", "<key> has no id attribute");
    return;
  }
  if (keys_.size() >= options_.max_columns)
    r.fail(ev.line, "more than " + std::to_string(options_.max_columns) + " <key> declarations");
  Key k;
  k.line = ev.line;
  const std::string* f = ev.attribute("for");
  k.domain = f ? parse_domain(*f) : Domain::all;
  if (const std::string* an = ev.attribute("attr.name")) k.name = *an;
  else if (!ev.attribute("yfiles.type")) k.name = *id;  // yEd's graphics keys stay unnamed
  k.column = detail::column_key(k.name);
  if (!key_index_.emplace(*id, keys_.size()).second) {
    problem(ev.line, "key", "key id " + detail::quoted(*id) + " is declared twice");
    return;
  }
  keys_.push_back(std::move(k));
}

// An element inside <graph>: a node, an edge, the graph's own data; what the element becomes.
GraphmlReader::Ctx GraphmlReader::start_in_graph(detail::XmlReader& r, const detail::XmlEvent& ev, std::string_view ln) {
  Ctx next = Ctx::ignored;
  if (ln == "node" || ln == "edge") {
    Element el;
    el.line = ev.line;
    if (ln == "node") {
      next = Ctx::node;
      const std::string* id = ev.attribute("id");
      if (!id) problem(ev.line, "id", "<node> has no id attribute");
      else el.id = id_form(*id);
      nodes_.push_back(std::move(el));
      current_ = &nodes_.back();
      current_domain_ = Domain::node;
    } else {
      next = Ctx::edge;
      const std::string* s = ev.attribute("source");
      const std::string* t = ev.attribute("target");
      if (s) el.source = id_form(*s);
      if (t) el.target = id_form(*t);
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
  return next;
}

// An element the reader passes over, counted with what it holds (see Skipped).
void GraphmlReader::note_skipped(const detail::XmlEvent& ev, std::string_view ln, Ctx parent) {
  const std::string where = "<" + std::string(ln) + "> inside <" + names_.back() + ">";
  if (parent == Ctx::ignored) {
    // Inside a skipped subtree: what it held is lost with it (yEd's graphics under a key
    // without a name are not counted: corridor has no use for them by design).
    if (skip_root_ != SIZE_MAX) {
      if (ln == "node") ++skipped_[skip_root_].nodes;
      else if (ln == "edge") ++skipped_[skip_root_].edges;
    }
  } else if (parent == Ctx::data && !data_ok_) {
    skip_root_ = SIZE_MAX;  // the content of a graphics key
  } else if (parent == Ctx::graphml && ln == "data" && graphics_data(ev)) {
    skip_root_ = SIZE_MAX;  // yEd's document-level resources
  } else {
    skip(parent == Ctx::data ? where + " (part of a value, not read)" : where, ev.line);
  }
}

// A <data> element: which key it fills, checked against its declaration.
void GraphmlReader::open_data(const detail::XmlEvent& ev) {
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

void GraphmlReader::start(detail::XmlReader& r, const detail::XmlEvent& ev) {
  const std::string_view ln = ev.local_name();
  if (ctx_.empty()) {
    if (ln != "graphml")
      r.fail(ev.line, "not a GraphML file: the root element is <" + ev.name + ">, expected <graphml>");
    ctx_.push_back(Ctx::graphml);
    names_.emplace_back(ln);
    return;
  }
  const Ctx parent = ctx_.back();
  Ctx next = Ctx::ignored;
  switch (parent) {
    case Ctx::graphml:
      if (ln == "key") {
        next = Ctx::key;
        declare_key(r, ev);
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
      next = start_in_graph(r, ev, ln);
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
  if (next == Ctx::ignored) note_skipped(ev, ln, parent);
  if (next == Ctx::data) open_data(ev);
  ctx_.push_back(next);
  names_.emplace_back(ln);
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
  limits.transcoded = transcoded_;
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
        if (!ctx_.empty() && (ctx_.back() == Ctx::data || ctx_.back() == Ctx::key_default)) {
          // The reader bounds each piece of text; a value split by child elements, comments or
          // CDATA sections comes in several pieces, and the limit is on the whole value.
          if (text_.size() + ev.text.size() > options_.max_record_bytes)
            r.fail(ev.line, std::string(ctx_.back() == Ctx::data ? "a <data>" : "a <default>") +
                                " value longer than " + std::to_string(options_.max_record_bytes) +
                                " bytes (counting every piece of text it is split into)");
          text_ += ev.text;
        }
        break;
      case detail::XmlEvent::Type::end: {
        const Ctx ctx = ctx_.back();
        ctx_.pop_back();
        names_.pop_back();
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

// Which key holds which column, by column_key (so "Weight" is the weight, with a warning). A
// name used by two keys of one domain is ambiguous.
void GraphmlReader::assign_roles() {
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
  // A node key's role by its place in kNodeColumns (the id is the element's own attribute); an
  // edge key's by its place in kEvidenceColumns (the ends are the element's), or the direction flag.
  auto node_standard = [](std::string_view col) -> int {
    for (std::size_t j = 1; j < kNodeColumns.size(); ++j)
      if (kNodeColumns[j] == col) return kKind - static_cast<int>(j - 1);
    return kIgnore;
  };
  auto edge_standard = [](std::string_view col) -> int {
    for (std::size_t j = 2; j < kEvidenceColumns.size(); ++j)
      if (kEvidenceColumns[j] == col) return kRelation - static_cast<int>(j - 2);
    return col == detail::kDirectedField ? kDirected : kIgnore;
  };
  node_role_.assign(keys_.size(), kIgnore);
  edge_role_.assign(keys_.size(), kIgnore);
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    const Key& k = keys_[i];
    if (k.name.empty()) continue;
    const int nrole = node_standard(k.column), erole = edge_standard(k.column);
    auto clash = [&](Domain d, bool by_column) {
      for (std::size_t j = 0; j < i; ++j)
        if ((by_column ? keys_[j].column == k.column : keys_[j].name == k.name) &&
            (keys_[j].domain == d || keys_[j].domain == Domain::all))
          return true;
      return false;
    };
    // A key written "Weight" or " label" stands for the standard column; silently keeping it as
    // an extra attribute would let a CSV round trip turn it into the column anyway.
    auto renamed = [&](const char* domain) {
      warn(k.line, k.name,
           std::string("the ") + domain + " key " + detail::quoted(k.name) + " is read as the standard column " +
               detail::quoted(k.column) + "; name the key " + detail::quoted(k.column) + " to silence this warning");
    };
    if (k.domain == Domain::node || (k.domain == Domain::all && (k.used_by_nodes || k.default_value))) {
      if (clash(Domain::node, nrole != kIgnore || k.column == "id")) {
        problem(k.line, k.name, "two node keys have the attribute name " + detail::quoted(k.column));
      } else if (std::find(results.begin(), results.end(), k.name) != results.end()) {
        node_role_[i] = kIgnore;
      } else if (nrole != kIgnore) {
        node_role_[i] = nrole;
        if (k.name != k.column) renamed("node");
      } else if (k.column == "id") {
        problem(k.line, k.name, "a node key named " + detail::quoted(k.name) + " clashes with the node id; rename the key");
      } else {
        node_role_[i] = static_cast<int>(node_extra_.size());
        node_extra_.push_back(i);
        if (k.column == "type") node_type_ = i;
      }
    }
    if (k.domain == Domain::edge || (k.domain == Domain::all && (k.used_by_edges || k.default_value))) {
      if (clash(Domain::edge, erole != kIgnore || k.column == "source" || k.column == "target")) {
        problem(k.line, k.name, "two edge keys have the attribute name " + detail::quoted(k.column));
      } else if (erole != kIgnore) {
        // "directed" is the relation's direction, written for consumers; the relation registry
        // decides it here.
        edge_role_[i] = erole;
        if (k.name != k.column) renamed("edge");
      } else if (k.column == "source" || k.column == "target") {
        problem(k.line, k.name, "an edge key named " + detail::quoted(k.name) +
                                    " clashes with the edge's own attribute; rename the key");
      } else {
        edge_role_[i] = static_cast<int>(edge_extra_.size());
        edge_extra_.push_back(i);
        if (k.column == "type") edge_type_ = i;
        if (k.column == "label") edge_label_ = i;
      }
    }
  }
}

// A <default> is copied into every element without its own value: bounded in proportion to
// the file, so a short file cannot ask for gigabytes.
void GraphmlReader::check_default_budget() {
  const std::uint64_t budget = (std::uint64_t{64} << 20) + 4 * std::uint64_t{xml_.size()};
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    const Key& k = keys_[i];
    if (!k.default_value || k.default_value->empty()) continue;
    const std::uint64_t uses = (node_role_[i] != kIgnore ? nodes_.size() : 0) + (edge_role_[i] != kIgnore ? edges_.size() : 0);
    total += uses * k.default_value->size();
    if (total > budget)
      throw InputError(name_, k.line, k.name,
                       "the <default> of key " + detail::quoted(k.name) + " (" + std::to_string(k.default_value->size()) +
                           " bytes) would be copied into up to " + std::to_string(uses) +
                           " elements, more than this file's budget of " + std::to_string(budget) +
                           " bytes for default values; write the value on the elements that have it");
  }
}

RelationRegistry GraphmlReader::read_registry() {
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
  return registry;
}

namespace {

std::string lower_trimmed(std::string_view s) {
  std::string out(detail::trim(s));
  for (char& ch : out) ch = detail::fold_ascii(ch);
  return out;
}

// Nodes or edges read with a default kind or relation, for one warning that counts them.
struct Fallbacks {
  std::size_t count = 0, first_line = 0;
  std::vector<std::string> examples;                        // the first few, quoted
  std::vector<std::pair<std::string, std::size_t>> unknown;  // values of `type` that named nothing
  std::size_t other_unknown = 0;

  void add(std::size_t line, std::string example, const std::string* type_value) {
    if (count++ == 0) first_line = line;
    if (examples.size() < 5) examples.push_back(std::move(example));
    if (!type_value || detail::trim(*type_value).empty()) return;
    const std::string v(detail::trim(*type_value).substr(0, 40));
    for (auto& [name, n] : unknown)
      if (name == v) return (void)++n;
    if (unknown.size() < 5) unknown.emplace_back(v, 1);
    else ++other_unknown;
  }
  std::string describe(const char* what) const {
    std::string s;
    for (const auto& e : examples) s += (s.empty() ? "" : ", ") + e;
    if (count > examples.size()) s += " and " + std::to_string(count - examples.size()) + " more";
    if (!unknown.empty()) {
      s += std::string("; ") + what + " values that name none: ";
      for (std::size_t i = 0; i < unknown.size(); ++i)
        s += (i ? ", " : "") + detail::quoted(unknown[i].first) + " x" + std::to_string(unknown[i].second);
      if (other_unknown) s += " and " + std::to_string(other_unknown) + " more";
    }
    return s;
  }
};

}  // namespace

void GraphmlReader::add_nodes(CaseBuilder& b) {
  Fallbacks fell;
  for (const Element& el : nodes_) {
    NodeRecord rec;
    rec.id = el.id;
    bool ok = !el.id.empty() || (problem(el.line, "id", "a node id must not be empty"), false);
    bool has_kind = false;
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      if (node_role_[i] >= 0 || node_role_[i] == kIgnore) continue;
      const std::string* v = value(el, i);
      if (!v) continue;
      switch (node_role_[i]) {
        case kKind:
          has_kind = true;
          if (auto k = parse_node_kind(lower_trimmed(*v))) rec.kind = *k;
          else {
            std::vector<std::string_view> names;
            for (NodeKind kind : kAllNodeKinds) names.push_back(to_string(kind));
            problem(el.line, "kind", "unknown kind " + detail::quoted(*v) + " of node " + detail::quoted(el.id) +
                                         "; valid kinds: " + valid_node_kinds() + detail::did_you_mean(*v, names));
            ok = false;
          }
          break;
        case kLabel: rec.label = *v; break;
        case kRole: rec.role = *v; break;
        case kCountry: rec.country = *v; break;
        default: break;
      }
    }
    const std::string* type = nullptr;
    bool fell_back = false;
    if (!has_kind) {
      // Gephi and others write the kind as `type`: taken where it names a kind.
      type = node_type_ ? value(el, *node_type_) : nullptr;
      if (auto k = type ? parse_node_kind(lower_trimmed(*type)) : std::nullopt) rec.kind = *k;
      else fell_back = true;
    }
    if (!ok) continue;
    if (fell_back) fell.add(el.line, detail::quoted(el.id) + " (line " + std::to_string(el.line) + ")", type);
    try {
      b.add_node(rec);
    } catch (const InputError& e) {
      rewrap(e, el.line);
    }
  }
  // Ids that only look alike (NFD beside NFC, a zero-width space): both places, unless
  // ReadOptions::normalize_ids made them one.
  detail::LookalikeIds lookalikes;
  if (!options_.normalize_ids)
    for (const Element& el : nodes_) lookalikes.add(el.id, el.line);
  if (!lookalikes.empty()) {
    std::unordered_map<std::string_view, std::size_t> line_of;
    for (const Element& el : nodes_) line_of.try_emplace(el.id, el.line);
    lookalikes.report(
        name_,
        [&](const std::string& key) -> std::optional<std::size_t> {
          if (auto it = line_of.find(key); it != line_of.end()) return it->second;
          return std::nullopt;
        },
        [&](std::size_t line, std::string message) { warn(line, "id", std::move(message)); });
  }
  if (fell.count)
    warn(fell.first_line, "kind",
         std::to_string(fell.count) + (fell.count == 1 ? " node has" : " nodes have") +
             " no kind and " + (fell.count == 1 ? "was" : "were") + " read as \"person\": " + fell.describe("type") +
             "; give each node a \"kind\" (or a \"type\" naming one of: " + valid_node_kinds() + ")");
  // Extra columns in key order: the first node sets every column so that the case's column
  // order is the declaration order, not the order of first use.
  if (b.num_nodes() > 0 && problems_.empty())
    for (std::size_t col = 0; col < node_extra_.size(); ++col)
      for (NodeId v = 0; v < b.num_nodes(); ++v) {
        const std::string* val = value(nodes_[v], node_extra_[col]);
        if (v == 0 || (val && !val->empty()))
          b.set_node_attribute(v, unreserve(keys_[node_extra_[col]].name, detail::reserved_node_name), val ? *val : "");
      }
}

// The relation of a foreign edge without a `relation`: its `type`, else its `label`, where that
// names a relation (exactly, else in lower case).
std::optional<std::string> GraphmlReader::foreign_relation(const Element& el, const RelationRegistry& reg,
                                                           const std::string*& shown) const {
  shown = nullptr;
  for (auto key : {edge_type_, edge_label_}) {
    const std::string* v = key ? value(el, *key) : nullptr;
    if (!v || detail::trim(*v).empty()) continue;
    if (!shown) shown = v;
    if (reg.find(*v)) return std::string(detail::trim(*v));
    if (const std::string low = lower_trimmed(*v); reg.find(low)) return low;
  }
  return std::nullopt;
}

void GraphmlReader::add_edges(CaseBuilder& b) {
  Fallbacks fell;
  std::vector<EvidenceId> evidence_of;  // edge element -> evidence id (when added)
  for (const Element& el : edges_) {
    EvidenceRecord rec;
    rec.source = el.source;
    rec.target = el.target;
    rec.relation = "associated";
    bool ok = true, has_relation = false;
    if (!el.source.empty() && !b.find(el.source)) {
      problem(el.line, "source", "edge source " + detail::quoted(el.source) + " is not a node of the graph");
      ok = false;
    }
    if (!el.target.empty() && !b.find(el.target)) {
      problem(el.line, "target", "edge target " + detail::quoted(el.target) + " is not a node of the graph");
      ok = false;
    }
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      if (edge_role_[i] >= 0 || edge_role_[i] == kIgnore) continue;
      const std::string* v = value(el, i);
      if (!v) continue;
      switch (edge_role_[i]) {
        case kRelation:
          has_relation = true;
          rec.relation = std::string(detail::trim(*v));
          if (!b.relations().find(rec.relation)) {
            std::vector<std::string_view> names;
            for (const auto& r : b.relations().all()) names.push_back(r.name);
            problem(el.line, "relation", "unknown relation " + detail::quoted(*v) + "; valid relations: " +
                                             b.relations().valid_names() + detail::did_you_mean(rec.relation, names));
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
    const std::string* shown = nullptr;
    bool fell_back = false;
    if (!has_relation) {
      if (auto r = foreign_relation(el, b.relations(), shown)) rec.relation = std::move(*r);
      else fell_back = true;
    }
    if (el.source.empty() || el.target.empty()) {
      problem(el.line, el.source.empty() ? "source" : "target", "<edge> needs non-empty source and target attributes");
      continue;
    }
    if (!ok) continue;
    if (fell_back) fell.add(el.line, "line " + std::to_string(el.line) + " (" + el.source + " - " + el.target + ")", shown);
    try {
      evidence_of.push_back(b.add_evidence(rec));
    } catch (const InputError& e) {
      rewrap(e, el.line);
    }
  }
  if (fell.count) {
    const auto& assoc = b.relations().info(*b.relations().find("associated"));
    warn(fell.first_line, "relation",
         std::to_string(fell.count) + (fell.count == 1 ? " edge has" : " edges have") + " no relation and " +
             (fell.count == 1 ? "was" : "were") + " read as \"associated\" (transmission " +
             detail::format_double(assoc.transmission) + "): " + fell.describe("type or label") +
             "; give each edge a \"relation\" (or a \"type\" naming one of: " + b.relations().valid_names() + ")");
  }
  if (b.num_evidence() > 0 && problems_.empty())
    for (std::size_t col = 0; col < edge_extra_.size(); ++col)
      for (std::size_t i = 0; i < edges_.size(); ++i) {
        const std::string* val = value(edges_[i], edge_extra_[col]);
        if (i == 0 || (val && !val->empty()))
          b.set_evidence_attribute(evidence_of[i], unreserve(keys_[edge_extra_[col]].name, detail::reserved_edge_name),
                                   val ? *val : "");
      }
}

void GraphmlReader::report_skipped() {
  // Graph-level data other than corridor's own: corridor keeps no graph attributes.
  for (const auto& [k, v] : graph_.data) {
    const std::string& n = keys_[k].name;
    if (n != kRelationsKey && n != kSeedsKey && n != kResultsKey) {
      const auto saved = skip_root_;
      skip("<data> of the graph (graph attribute " + detail::quoted(n.substr(0, 40)) + ")", graph_.line);
      skip_root_ = saved;
    }
  }
  for (const Skipped& s : skipped_) {
    std::string m = "skipped " + std::to_string(s.count) + " " + s.what + " (first at line " + std::to_string(s.first_line) + ")";
    if (s.nodes || s.edges)
      m += ", holding " + std::to_string(s.nodes) + (s.nodes == 1 ? " node" : " nodes") + " and " +
           std::to_string(s.edges) + (s.edges == 1 ? " edge" : " edges") + " that were not imported";
    m += "; corridor reads <node> and <edge> directly inside the one <graph>, and their <data>";
    warn(s.first_line, "", std::move(m));
  }
}

Case GraphmlReader::build() {
  if (!graph_seen_) throw InputError(name_, 0, "", "the GraphML file has no <graph> element");
  assign_roles();
  check_default_budget();
  CaseBuilder b(read_registry());
  b.reserve(nodes_.size(), edges_.size());
  add_nodes(b);
  add_edges(b);
  const auto seed_key = key_named(kSeedsKey, Domain::graph);
  if (const std::string* text = seed_key ? value(graph_, *seed_key) : nullptr; text && problems_.empty()) {
    try {
      auto j = nlohmann::json::parse(*text);
      if (!j.is_array()) throw std::runtime_error("expected a JSON array");
      for (const auto& s : j)
        b.add_seed(id_form(s.at("id").get<std::string>()), s.value("confidence", 1.0), s.value("note", std::string()));
    } catch (const InputError& e) {
      rewrap(e, graph_.line);
    } catch (const std::exception& e) {
      problem(graph_.line, std::string(kSeedsKey), std::string("is not a valid seed list: ") + e.what());
    }
  }
  report_skipped();
  // Warnings ride along after the errors, and with the case when there are none; under
  // ReadOptions::strict they are errors.
  for (Diagnostic& w : warnings_) b.add_warning(std::move(w));
  if (options_.strict) {
    for (Diagnostic w : b.warnings()) {
      w.severity = Diagnostic::Severity::error;
      w.message += " (strict: warnings are errors)";
      problems_.push_back(std::move(w));
    }
  } else if (!problems_.empty()) {
    problems_.insert(problems_.end(), b.warnings().begin(), b.warnings().end());
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

namespace {

// The encoding an XML declaration names, when corridor transcodes it (ISO-8859-1, Windows-1252).
std::optional<Encoding> declared_encoding(std::string_view xml) {
  if (xml.substr(0, 3) == "\xEF\xBB\xBF") xml.remove_prefix(3);
  if (xml.substr(0, 5) != "<?xml") return std::nullopt;
  const std::string_view decl = xml.substr(0, std::min(xml.find("?>"), std::size_t{256}));
  const auto at = decl.find("encoding");
  if (at == std::string_view::npos) return std::nullopt;
  const auto q = decl.find_first_of("\"'", at);
  if (q == std::string_view::npos) return std::nullopt;
  const auto q2 = decl.find(decl[q], q + 1);
  if (q2 == std::string_view::npos) return std::nullopt;
  std::string e(decl.substr(q + 1, q2 - q - 1));
  for (char& ch : e) ch = detail::fold_ascii(ch);
  if (e == "iso-8859-1" || e == "latin1" || e == "latin-1" || e == "iso8859-1") return Encoding::latin1;
  if (e == "windows-1252" || e == "cp1252") return Encoding::cp1252;
  return std::nullopt;
}

}  // namespace

Case read_graphml_string(std::string_view xml, const std::string& name, const ReadOptions& options) {
  // The bytes are UTF-8 unless the user (--encoding) or the XML declaration says ISO-8859-1 or
  // Windows-1252, or a byte-order mark says UTF-16: those are transcoded first. Invalid UTF-8 is
  // an error with line, column and the --encoding hint (decode_text).
  Encoding enc = options.encoding;
  if (enc == Encoding::utf8)
    if (auto declared = declared_encoding(xml)) enc = *declared;
  const bool utf16 = xml.substr(0, 2) == "\xFF\xFE" || xml.substr(0, 2) == "\xFE\xFF";
  if (enc != Encoding::utf8 || utf16) {
    const std::string text = decode_text(std::string(xml), enc, name);
    GraphmlReader reader(text, name, options, true);
    return reader.read();
  }
  if (find_invalid_utf8(xml) != std::string_view::npos) (void)decode_text(std::string(xml), enc, name);  // throws
  GraphmlReader reader(xml, name, options, false);
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

// corridor/model/builder.hpp: collect nodes and evidence, then freeze them into a Case.
//
// The builder is the only mutable stage. Readers (CSV, GraphML), the generator, the Python
// bindings and user code all fill one and call freeze(). It checks each call (unknown node,
// duplicate id, weight <= 0, confidence outside [0,1]) and throws InputError naming the problem;
// readers check first themselves so that they can report file and line.
//
//   corridor::CaseBuilder b;
//   b.add_node({.id = "S1", .kind = corridor::NodeKind::smuggler, .label = "ring leader"});
//   b.add_node({.id = "O1", .kind = corridor::NodeKind::organization});
//   b.add_evidence({.source = "S1", .target = "O1", .relation = "member_of", .grade = "B2"});
//   b.add_seed("O1");
//   corridor::Case c = std::move(b).freeze();
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "corridor/model/case.hpp"

namespace corridor {

/// A node as given by a user: all text, as in nodes.csv.
struct NodeRecord {
  std::string id;
  NodeKind kind = NodeKind::person;
  std::string label;
  std::string role;
  std::string country;
  std::vector<std::pair<std::string, std::string>> attributes;  ///< extra columns
};

/// A piece of evidence as given by a user, as in edges.csv.
struct EvidenceRecord {
  std::string source;
  std::string target;
  std::string relation;
  double weight = 1.0;                ///< > 0 and finite
  std::optional<double> confidence;   ///< in [0,1]; absent = from the grade
  std::string grade;                  ///< Admiralty code such as "B2", or empty
  std::string time;                   ///< ISO 8601, or empty
  std::string source_ref;
  std::vector<std::pair<std::string, std::string>> attributes;  ///< extra columns
};

/// The same evidence with resolved ids and parsed values (the fast path of readers).
struct EvidenceValues {
  double weight = 1.0;
  std::optional<double> confidence;
  Grade grade;
  Timestamp time;
  std::string_view source_ref;
};

namespace detail {
/// Hash for std::string keys that also accepts string_view, so lookups do not allocate.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
}  // namespace detail

class CaseBuilder {
 public:
  explicit CaseBuilder(RelationRegistry relations = {});

  /// The registry new evidence is resolved against; define user relations here before use.
  RelationRegistry& relations() noexcept { return relations_; }
  const RelationRegistry& relations() const noexcept { return relations_; }

  /// Adds a node; throws InputError when the id is empty or already present.
  NodeId add_node(const NodeRecord& node);
  /// Adds a node by its parts (no extra attributes).
  NodeId add_node(std::string_view id, NodeKind kind, std::string_view label = {},
                  std::string_view role = {}, std::string_view country = {});
  /// Sets an extra attribute of a node, adding the column on first use (other nodes get "").
  void set_node_attribute(NodeId v, std::string_view name, std::string_view value);

  std::optional<NodeId> find(std::string_view id) const;
  std::size_t num_nodes() const noexcept { return kinds_.size(); }
  std::size_t num_evidence() const noexcept { return relation_.size(); }

  /// Adds a piece of evidence by node ids and relation name; throws InputError on an unknown
  /// node or relation, a bad weight, confidence, grade or time. Self-loops are kept with a warning.
  EvidenceId add_evidence(const EvidenceRecord& e);
  /// Fast path: resolved ids and parsed values; checks ranges but not the strings.
  EvidenceId add_evidence(NodeId source, NodeId target, RelationId relation, const EvidenceValues& v);
  /// Sets an extra attribute of a piece of evidence, adding the column on first use.
  void set_evidence_attribute(EvidenceId e, std::string_view name, std::string_view value);

  /// Adds a seed by node id; throws InputError on an unknown node or confidence outside (0,1].
  void add_seed(std::string_view id, double confidence = 1.0, std::string_view note = {});
  void add_seed(const Seed& s);

  /// Warnings listed in a case; the rest are counted, and freeze() adds one line summarising
  /// them (2 million self-loops once gave 2 million lines and a 286 MB snapshot).
  static constexpr std::size_t kListedWarnings = 100;
  /// Adds a warning that travels with the case (e.g. from a reader): listed while fewer than
  /// kListedWarnings are, else counted by field for the summary.
  void add_warning(Diagnostic d);
  /// The warnings listed so far; a reader uses it to add file and line to the builder's own
  /// warnings (when warning_count() grew, the new warning is the last one listed, or unlisted).
  std::vector<Diagnostic>& warnings() noexcept { return warnings_; }
  /// Warnings added so far, listed or not.
  std::size_t warning_count() const noexcept { return warnings_.size() + unlisted_; }

  void reserve(std::size_t nodes, std::size_t evidence);

  /// A hint from a reader a few records ahead: brings the slot where node `id` is looked up
  /// into the cache, so add_node() does not wait for it. Changes nothing.
  void prefetch_node_id(std::string_view id) const noexcept;
  /// A hint from a reader a few records ahead: brings the slot where `source_ref` is interned
  /// into the cache, so add_evidence() does not wait for it. Changes nothing.
  void prefetch_source_ref(std::string_view source_ref) const noexcept;

  /// Freezes into an immutable Case (builds the id index and the adjacency indexes). The
  /// builder is left empty.
  Case freeze() &&;

 private:
  // Node columns are written straight into their frozen form (one buffer per column), so a
  // million nodes cost no string objects and freeze() copies nothing.
  StringColumn ids_, labels_, roles_, countries_;
  std::vector<NodeKind> kinds_;
  // id -> node by open addressing over (hash tag, node + 1) pairs, the keys compared in ids_:
  // one flat array instead of a node-based map of a million heap strings. 0 marks a free slot.
  struct IdSlot {
    std::uint32_t tag = 0, node = 0;
  };
  std::vector<IdSlot> id_slots_;
  void grow_id_slots(std::size_t nodes);
  std::vector<std::pair<std::string, std::vector<std::string>>> node_attrs_;
  std::vector<NodeId> source_, target_;
  std::vector<RelationId> relation_;
  std::vector<float> weight_, confidence_;
  std::vector<Grade> grade_;
  std::vector<std::int64_t> time_;
  std::vector<std::uint8_t> date_only_;
  std::vector<std::uint32_t> source_ref_;
  std::vector<std::string> source_refs_;
  // source_ref text -> its index in source_refs_, by open addressing. A slot holds the key's
  // first bytes, so a probe usually touches one cache line (a large case looks up ten million
  // references in a table larger than the cache); longer keys are compared in source_refs_.
  // ref 0 ("") marks a free slot.
  struct alignas(32) RefSlot {
    std::uint32_t tag = 0, ref = 0;
    std::uint8_t size = 0;  // the key's length, 255 for 255 or more
    char head[23] = {};     // the key's first bytes, zero-padded
  };
  std::vector<RefSlot> ref_slots_;
  std::uint32_t intern_source_ref(std::string_view ref, std::uint64_t hash);
  std::vector<std::pair<std::string, std::vector<std::string>>> edge_attrs_;
  RelationRegistry relations_;
  std::vector<Seed> seeds_;
  std::vector<Diagnostic> warnings_;
  std::size_t unlisted_ = 0;
  std::vector<std::pair<std::string, std::size_t>> unlisted_by_field_;  // in order of first appearance
};

}  // namespace corridor

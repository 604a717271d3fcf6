// corridor/model/case.hpp: a frozen case: typed nodes, pieces of evidence, seeds.
//
// A Case is immutable. It is made by CaseBuilder::freeze() (or a reader, which uses a builder) and
// read by everything else. Nodes have dense ids 0..n-1 in input order; so do pieces of evidence.
// Several pieces of evidence between the same pair are kept apart: each is one report with its
// own relation, grade, date and source. Columns are stored apart (struct of arrays) so a case of
// 10 million pieces of evidence fits in about 40 bytes per piece, indexes included.
//
// Both adjacency directions are indexed: out_evidence(v) lists the evidence whose source is v,
// in_evidence(v) the evidence whose target is v, so directed and undirected views are built
// without copying the case (see corridor/graph/view.hpp).
//
//   corridor::Case c = corridor::read_case("examples/data/sample-case");
//   for (corridor::EvidenceId e : c.out_evidence(*c.find("P00172")))
//     std::cout << c.relations().info(c.relation(e)).name << " -> " << c.node_id(c.target(e)) << '\n';
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/model/evidence.hpp"
#include "corridor/model/kinds.hpp"
#include "corridor/model/relations.hpp"
#include "corridor/model/string_column.hpp"

namespace corridor {

using NodeId = std::uint32_t;
using EvidenceId = std::uint32_t;
inline constexpr NodeId kNoNode = static_cast<NodeId>(-1);

/// A seed of propagation: a node known to be tied to an armed group, with how sure that is.
struct Seed {
  NodeId node = kNoNode;
  double confidence = 1.0;  ///< in (0,1]
  std::string note;
  bool operator==(const Seed&) const = default;
};

/// A named extra column (from a CSV's extra header, or a GraphML data key).
struct AttributeColumn {
  std::string name;
  StringColumn values;
  bool operator==(const AttributeColumn&) const = default;
};

class CaseBuilder;

class Case {
 public:
  Case() = default;

  // ---- nodes -------------------------------------------------------------------------------
  std::size_t num_nodes() const noexcept { return kinds_.size(); }
  std::string_view node_id(NodeId v) const { return ids_[v]; }
  NodeKind kind(NodeId v) const { return kinds_[v]; }
  std::string_view label(NodeId v) const { return labels_[v]; }
  std::string_view role(NodeId v) const { return roles_[v]; }
  std::string_view country(NodeId v) const { return countries_[v]; }
  /// O(log n) lookup of a node by its id; nullopt when absent.
  std::optional<NodeId> find(std::string_view id) const;
  /// Like find(), but throws ParamError("no node with id \"X\" in the case").
  NodeId require(std::string_view id) const;
  const std::vector<AttributeColumn>& node_attributes() const noexcept { return node_attrs_; }
  /// Value of a named node attribute, or nullopt when the column does not exist. "kind", "label",
  /// "role", "country" and "id" are recognised as well as extra columns.
  std::optional<std::string_view> node_attribute(NodeId v, std::string_view name) const;

  // ---- evidence ----------------------------------------------------------------------------
  std::size_t num_evidence() const noexcept { return relation_.size(); }
  NodeId source(EvidenceId e) const { return source_[e]; }
  NodeId target(EvidenceId e) const { return target_[e]; }
  RelationId relation(EvidenceId e) const { return relation_[e]; }
  std::string_view relation_name(EvidenceId e) const { return relations_.info(relation_[e]).name; }
  bool directed(EvidenceId e) const { return relations_.info(relation_[e]).directed; }
  /// Evidence weight (> 0): a count or intensity given by the case; default 1. Stored as float.
  double weight(EvidenceId e) const { return weight_[e]; }
  /// True when the case gave an explicit confidence (not derived from the grade).
  bool has_explicit_confidence(EvidenceId e) const { return !std::isnan(confidence_[e]); }
  /// Effective confidence in [0,1]: the explicit one, else the grade's, else 1.
  double confidence(EvidenceId e) const {
    return has_explicit_confidence(e) ? static_cast<double>(confidence_[e]) : grade_confidence(grade_[e]);
  }
  /// The explicit confidence as stored (NaN when absent), for lossless export.
  float raw_confidence(EvidenceId e) const { return confidence_[e]; }
  Grade grade(EvidenceId e) const { return grade_[e]; }
  Timestamp time(EvidenceId e) const { return Timestamp{time_[e], date_only_[e] != 0}; }
  std::string_view source_ref(EvidenceId e) const { return source_refs_[source_ref_[e]]; }
  const std::vector<AttributeColumn>& evidence_attributes() const noexcept { return edge_attrs_; }

  /// Evidence leaving v (v is the source), in input order.
  std::span<const EvidenceId> out_evidence(NodeId v) const {
    return {out_index_.data() + out_offsets_[v], out_index_.data() + out_offsets_[v + 1]};
  }
  /// Evidence arriving at v (v is the target), in input order.
  std::span<const EvidenceId> in_evidence(NodeId v) const {
    return {in_index_.data() + in_offsets_[v], in_index_.data() + in_offsets_[v + 1]};
  }
  /// The other end of evidence e seen from v.
  NodeId other(EvidenceId e, NodeId v) const { return source_[e] == v ? target_[e] : source_[e]; }

  // ---- case-wide ---------------------------------------------------------------------------
  const RelationRegistry& relations() const noexcept { return relations_; }
  const std::vector<Seed>& seeds() const noexcept { return seeds_; }
  /// Warnings found while reading or freezing (self-loops, ...); never errors.
  const std::vector<Diagnostic>& warnings() const noexcept { return warnings_; }
  /// Where the case came from (folder or file), for reports; may be empty.
  const std::string& origin() const noexcept { return origin_; }
  void set_origin(std::string origin) { origin_ = std::move(origin); }

  /// Bytes held by the case's columns and indexes (for the memory benchmark).
  std::size_t memory_bytes() const noexcept;

  /// Equal content: nodes, evidence, attributes, relations, seeds (not origin or warnings).
  bool operator==(const Case& o) const;

 private:
  friend class CaseBuilder;
  friend struct CaseAccess;  // snapshot I/O (src/io)
  void build_indexes();

  // nodes
  StringColumn ids_, labels_, roles_, countries_;
  std::vector<NodeKind> kinds_;
  std::vector<NodeId> id_order_;  // node ids sorted by id string, for find()
  std::vector<AttributeColumn> node_attrs_;
  // evidence
  std::vector<NodeId> source_, target_;
  std::vector<RelationId> relation_;
  std::vector<float> weight_, confidence_;
  std::vector<Grade> grade_;
  std::vector<std::int64_t> time_;
  std::vector<std::uint8_t> date_only_;
  std::vector<std::uint32_t> source_ref_;  // index into source_refs_ (interned; 0 = "")
  StringColumn source_refs_;
  std::vector<AttributeColumn> edge_attrs_;
  // adjacency indexes
  std::vector<std::uint64_t> out_offsets_, in_offsets_;
  std::vector<EvidenceId> out_index_, in_index_;
  // case-wide
  RelationRegistry relations_;
  std::vector<Seed> seeds_;
  std::vector<Diagnostic> warnings_;
  std::string origin_;
};

}  // namespace corridor

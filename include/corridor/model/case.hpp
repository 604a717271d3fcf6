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

#include <array>
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

/// The standard columns of a node and of a piece of evidence, in the order of nodes.csv and
/// edges.csv; any other column is an extra attribute (AttributeColumn). Defined once for the
/// readers, the writers, the builder and the invariants.
inline constexpr std::array<std::string_view, 5> kNodeColumns = {"id", "kind", "label", "role", "country"};
inline constexpr std::array<std::string_view, 8> kEvidenceColumns = {"source", "target", "relation", "weight",
                                                                      "confidence", "grade", "time", "source_ref"};

/// A named extra column (from a CSV's extra header, or a GraphML data key).
struct AttributeColumn {
  std::string name;
  StringColumn values;
  bool operator==(const AttributeColumn&) const = default;
};

class CaseBuilder;

/// The stored columns of a case, exactly as a Case holds them (struct of arrays, one entry per
/// node or per piece of evidence). A reader that restores a case without a builder (the
/// snapshot) fills one and hands it to Case::from_columns(), which checks every invariant first.
struct CaseColumns {
  // nodes
  StringColumn ids, labels, roles, countries;
  std::vector<NodeKind> kinds;
  std::vector<AttributeColumn> node_attrs;
  // evidence
  std::vector<NodeId> source, target;
  std::vector<RelationId> relation;
  std::vector<float> weight;
  std::vector<float> confidence;           ///< NaN: none given, the grade's applies
  std::vector<Grade> grade;
  std::vector<std::int64_t> time;
  std::vector<std::uint8_t> date_only;     ///< 1 when time is a date without a time of day
  std::vector<std::uint32_t> source_ref;   ///< index into source_refs (interned; 0 = "")
  StringColumn source_refs;
  std::vector<AttributeColumn> edge_attrs;
  // case-wide
  RelationRegistry relations;
  std::vector<Seed> seeds;
  std::vector<Diagnostic> warnings;        ///< the first kListedWarnings, then one summary line
  std::uint64_t unlisted_warnings = 0;     ///< warnings counted but not listed (see CaseBuilder)
};

class Case {
 public:
  Case() = default;

  // ---- nodes -------------------------------------------------------------------------------
  std::size_t num_nodes() const noexcept { return cols_.kinds.size(); }
  std::string_view node_id(NodeId v) const { return cols_.ids[v]; }
  NodeKind kind(NodeId v) const { return cols_.kinds[v]; }
  std::string_view label(NodeId v) const { return cols_.labels[v]; }
  std::string_view role(NodeId v) const { return cols_.roles[v]; }
  std::string_view country(NodeId v) const { return cols_.countries[v]; }
  /// O(log n) lookup of a node by its id; nullopt when absent.
  std::optional<NodeId> find(std::string_view id) const;
  /// Like find(), but throws ParamError("no node with id \"X\" in the case").
  NodeId require(std::string_view id) const;
  const std::vector<AttributeColumn>& node_attributes() const noexcept { return cols_.node_attrs; }
  /// Value of a named node attribute, or nullopt when the column does not exist. "kind", "label",
  /// "role", "country" and "id" are recognised as well as extra columns.
  std::optional<std::string_view> node_attribute(NodeId v, std::string_view name) const;

  // ---- evidence ----------------------------------------------------------------------------
  std::size_t num_evidence() const noexcept { return cols_.relation.size(); }
  NodeId source(EvidenceId e) const { return cols_.source[e]; }
  NodeId target(EvidenceId e) const { return cols_.target[e]; }
  RelationId relation(EvidenceId e) const { return cols_.relation[e]; }
  std::string_view relation_name(EvidenceId e) const { return cols_.relations.info(cols_.relation[e]).name; }
  bool directed(EvidenceId e) const { return cols_.relations.info(cols_.relation[e]).directed; }
  /// Evidence weight (> 0): a count or intensity given by the case; default 1. Stored as float.
  double weight(EvidenceId e) const { return cols_.weight[e]; }
  /// True when the case gave an explicit confidence (not derived from the grade).
  bool has_explicit_confidence(EvidenceId e) const { return !std::isnan(cols_.confidence[e]); }
  /// Effective confidence in [0,1]: the explicit one, else the grade's, else 1.
  double confidence(EvidenceId e) const {
    return has_explicit_confidence(e) ? static_cast<double>(cols_.confidence[e]) : grade_confidence(cols_.grade[e]);
  }
  /// The explicit confidence as stored (NaN when absent), for lossless export.
  float raw_confidence(EvidenceId e) const { return cols_.confidence[e]; }
  Grade grade(EvidenceId e) const { return cols_.grade[e]; }
  Timestamp time(EvidenceId e) const { return Timestamp{cols_.time[e], cols_.date_only[e] != 0}; }
  std::string_view source_ref(EvidenceId e) const { return cols_.source_refs[cols_.source_ref[e]]; }
  const std::vector<AttributeColumn>& evidence_attributes() const noexcept { return cols_.edge_attrs; }

  /// Evidence leaving v (v is the source), in input order.
  std::span<const EvidenceId> out_evidence(NodeId v) const {
    return {out_index_.data() + out_offsets_[v], out_index_.data() + out_offsets_[v + 1]};
  }
  /// Evidence arriving at v (v is the target), in input order.
  std::span<const EvidenceId> in_evidence(NodeId v) const {
    return {in_index_.data() + in_offsets_[v], in_index_.data() + in_offsets_[v + 1]};
  }
  /// The other end of evidence e seen from v.
  NodeId other(EvidenceId e, NodeId v) const { return cols_.source[e] == v ? cols_.target[e] : cols_.source[e]; }

  // ---- case-wide ---------------------------------------------------------------------------
  const RelationRegistry& relations() const noexcept { return cols_.relations; }
  const std::vector<Seed>& seeds() const noexcept { return cols_.seeds; }
  /// Warnings found while reading or freezing (self-loops, ...); never errors. At most the
  /// first CaseBuilder::kListedWarnings are listed, then one line summarising the rest.
  const std::vector<Diagnostic>& warnings() const noexcept { return cols_.warnings; }
  /// Warnings counted but not listed (summarised by the last line of warnings()).
  std::uint64_t unlisted_warnings() const noexcept { return cols_.unlisted_warnings; }
  /// How many warnings were found, listed or not (the summary line not counted).
  std::uint64_t warning_count() const noexcept {
    return cols_.warnings.size() - (cols_.unlisted_warnings > 0 ? 1 : 0) + cols_.unlisted_warnings;
  }
  /// Where the case came from (folder or file), for reports; may be empty.
  const std::string& origin() const noexcept { return origin_; }
  void set_origin(std::string origin) { origin_ = std::move(origin); }

  /// Bytes held by the case's columns and indexes (for the memory benchmark).
  std::size_t memory_bytes() const noexcept;

  /// Equal content: nodes, evidence, attributes, relations, seeds (not origin or warnings).
  bool operator==(const Case& o) const;

  // ---- invariants --------------------------------------------------------------------------
  /// The stored columns, read-only (a snapshot writer saves exactly these).
  const CaseColumns& columns() const noexcept { return cols_; }

  /// Builds a case from its columns after checking every invariant of a case (see
  /// invariant_problems()). Throws InputError with one problem per broken invariant (file, line
  /// and field empty; the caller knows where the columns came from). O(n log n + m).
  static Case from_columns(CaseColumns columns);

  /// Every broken invariant of this case, one sentence each ("evidence 7 refers to a node that
  /// does not exist"), at most `max_problems`; empty for a sound case. The invariants are one
  /// list in src/model/case.cpp (columns of equal length, references in range, weights finite
  /// and > 0, confidences in [0,1], grades and kinds valid, attribute names distinct and not
  /// standard, ids non-empty and unique, seeds on existing nodes with confidence in (0,1]);
  /// from_columns() and validate() both run it. O(n + m).
  std::vector<std::string> invariant_problems(std::size_t max_problems = 20) const;

  /// Throws InputError when invariant_problems() finds anything, each problem naming `file`
  /// (e.g. the file the case was read from; may be empty).
  void validate(const std::string& file = {}) const;

 private:
  friend class CaseBuilder;
  /// Moves the columns in and builds the indexes; the caller has checked the invariants.
  static Case assemble(CaseColumns columns);
  void build_indexes();

  CaseColumns cols_;
  std::vector<NodeId> id_order_;  // node ids sorted by id string, for find()
  // adjacency indexes
  std::vector<EvidenceId> out_offsets_, in_offsets_;  // EvidenceIds: fewer than 2^32 pieces
  std::vector<EvidenceId> out_index_, in_index_;
  std::string origin_;
};

}  // namespace corridor

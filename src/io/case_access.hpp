// Private access to a Case's columns for io/ code that must rebuild a case without a builder
// (snapshot load). Not installed; include only from src/io.
#pragma once

#include "corridor/model/case.hpp"

namespace corridor {

struct CaseAccess {
  static StringColumn& ids(Case& c) { return c.ids_; }
  static StringColumn& labels(Case& c) { return c.labels_; }
  static StringColumn& roles(Case& c) { return c.roles_; }
  static StringColumn& countries(Case& c) { return c.countries_; }
  static std::vector<NodeKind>& kinds(Case& c) { return c.kinds_; }
  static std::vector<AttributeColumn>& node_attrs(Case& c) { return c.node_attrs_; }
  static std::vector<NodeId>& source(Case& c) { return c.source_; }
  static std::vector<NodeId>& target(Case& c) { return c.target_; }
  static std::vector<RelationId>& relation(Case& c) { return c.relation_; }
  static std::vector<float>& weight(Case& c) { return c.weight_; }
  static std::vector<float>& confidence(Case& c) { return c.confidence_; }
  static std::vector<Grade>& grade(Case& c) { return c.grade_; }
  static std::vector<std::int64_t>& time(Case& c) { return c.time_; }
  static std::vector<std::uint8_t>& date_only(Case& c) { return c.date_only_; }
  static std::vector<std::uint32_t>& source_ref(Case& c) { return c.source_ref_; }
  static StringColumn& source_refs(Case& c) { return c.source_refs_; }
  static std::vector<AttributeColumn>& edge_attrs(Case& c) { return c.edge_attrs_; }
  static RelationRegistry& relations(Case& c) { return c.relations_; }
  static std::vector<Seed>& seeds(Case& c) { return c.seeds_; }
  static std::vector<Diagnostic>& warnings(Case& c) { return c.warnings_; }
  static const std::vector<NodeId>& id_order(const Case& c) { return c.id_order_; }

  // Read-only views of what the public API does not expose.
  static const StringColumn& ids(const Case& c) { return c.ids_; }
  static const StringColumn& labels(const Case& c) { return c.labels_; }
  static const StringColumn& roles(const Case& c) { return c.roles_; }
  static const StringColumn& countries(const Case& c) { return c.countries_; }
  static const std::vector<NodeKind>& kinds(const Case& c) { return c.kinds_; }
  static const std::vector<NodeId>& source(const Case& c) { return c.source_; }
  static const std::vector<NodeId>& target(const Case& c) { return c.target_; }
  static const std::vector<RelationId>& relation(const Case& c) { return c.relation_; }
  static const std::vector<float>& weight(const Case& c) { return c.weight_; }
  static const std::vector<float>& confidence(const Case& c) { return c.confidence_; }
  static const std::vector<Grade>& grade(const Case& c) { return c.grade_; }
  static const std::vector<std::int64_t>& time(const Case& c) { return c.time_; }
  static const std::vector<std::uint8_t>& date_only(const Case& c) { return c.date_only_; }
  static const std::vector<std::uint32_t>& source_ref(const Case& c) { return c.source_ref_; }
  static const StringColumn& source_refs(const Case& c) { return c.source_refs_; }

  static void build_indexes(Case& c) { c.build_indexes(); }
};

}  // namespace corridor

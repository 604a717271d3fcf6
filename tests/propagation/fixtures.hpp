// Small synthetic cases for the propagation tests (synthetic ids only).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "corridor/model/builder.hpp"

namespace corridor::testing {

/// Uniform integer in [0, n) from a raw mt19937 draw (std:: distributions differ across libraries).
inline std::uint32_t draw(std::mt19937& rng, std::uint32_t n) { return static_cast<std::uint32_t>(rng() % n); }

/// A random case: n nodes of random kinds (countries and migrants included), m pieces of
/// evidence with random relations and grades, seeds on the first `seeds` non-context nodes.
inline Case random_case(std::uint32_t seed, std::uint32_t n, std::uint32_t m, std::uint32_t seeds = 2) {
  std::mt19937 rng(seed);
  CaseBuilder b;
  const NodeKind kinds[] = {NodeKind::smuggler, NodeKind::facilitator, NodeKind::migrant, NodeKind::person,
                            NodeKind::organization, NodeKind::country, NodeKind::asset};
  std::vector<NodeKind> k(n);
  for (std::uint32_t v = 0; v < n; ++v) {
    k[v] = v < seeds ? NodeKind::person : kinds[draw(rng, 7)];
    b.add_node("N" + std::to_string(v), k[v]);
  }
  const char* grades[] = {"A1", "B2", "C3", "D4", "E5", "F6", ""};
  for (std::uint32_t e = 0; e < m; ++e) {
    EvidenceRecord r;
    r.source = "N" + std::to_string(draw(rng, n));
    r.target = "N" + std::to_string(draw(rng, n));
    r.relation = b.relations().info(static_cast<RelationId>(draw(rng, kBuiltinRelationCount))).name;
    r.grade = grades[draw(rng, 7)];
    r.weight = 1.0 + draw(rng, 3);
    b.add_evidence(r);
  }
  for (std::uint32_t s = 0; s < seeds; ++s) b.add_seed("N" + std::to_string(s), s == 0 ? 1.0 : 0.6);
  return std::move(b).freeze();
}

/// The motivating scenario: seed smuggler S moved `migrants` migrants (smuggled + paid, B2) who
/// have no other tie; affiliates A0..A4 are tied to S by organizational relations (B2/C3).
inline Case smuggler_scenario(int migrants = 400) {
  CaseBuilder b;
  b.add_node("S", NodeKind::smuggler);
  for (int i = 0; i < migrants; ++i) {
    const std::string id = "M" + std::to_string(i);
    b.add_node(id, NodeKind::migrant);
    b.add_evidence({.source = "S", .target = id, .relation = "smuggled", .grade = "B2", .time = "2022-05-01"});
    b.add_evidence({.source = id, .target = "S", .relation = "paid", .grade = "B2", .time = "2022-04-20"});
    b.add_evidence({.source = id, .target = "S", .relation = "communicated", .weight = 3, .grade = "B2"});
  }
  const char* rel[] = {"affiliated_with", "coordinated", "financed", "recruited", "member_of"};
  const char* grade[] = {"B2", "C3", "B2", "C3", "C3"};
  for (int i = 0; i < 5; ++i) {
    const std::string id = "A" + std::to_string(i);
    b.add_node(id, NodeKind::person);
    b.add_evidence({.source = id, .target = "S", .relation = rel[i], .grade = grade[i]});
  }
  b.add_seed("S");
  return std::move(b).freeze();
}

}  // namespace corridor::testing

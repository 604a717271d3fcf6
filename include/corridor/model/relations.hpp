// corridor/model/relations.hpp: relation types, their direction and how much suspicion they carry.
//
// A relation is identified by a small integer (RelationId) interned in a RelationRegistry. The
// registry starts with corridor's built-in relations; a case's relations.csv (or code) adds more
// or overrides transmission factors without recompiling.
//
// The transmission factor in [0,1] says how much a tie of this type can carry a potential
// affiliation: organizational ties (affiliated_with, member_of, financed, coordinated, recruited)
// carry most; communication carries some; being smuggled or paying a smuggler carries almost
// nothing; nationality and transit carry nothing.
//
// The volume kind says what a piece of evidence's `weight` counts: observations (calls, trips,
// payments: `count`), a sum of money (`amount`), or nothing that makes the relation surer
// (`ignore`). Volume corroborates a relation with diminishing returns and never lifts a tie above
// its transmission (the rule is in corridor/graph/view.hpp). Built-ins: paid and financed weigh
// amounts, every other relation counts observations.
//
//   corridor::RelationRegistry reg;                       // built-ins
//   reg.define("rented_car_to", /*directed=*/true, 0.3);  // a user relation
//   auto id = reg.find("financed");                       // std::optional<RelationId>
//   double t = reg.info(*id).transmission;                // 0.85
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace corridor {

using RelationId = std::uint16_t;

/// What a relation says about two actors; drives the role-aware propagation rules.
enum class RelationClass : std::uint8_t {
  organizational,  ///< membership, affiliation, financing, recruitment, coordination
  logistic,        ///< documents, housing, transport: working for the same operation
  communication,   ///< calls, messages, meetings
  client,          ///< smuggled, paid: the service relation between migrant and smuggler
  attribute,       ///< nationality, transit, use of an asset: context, not a tie between actors
  generic,         ///< associated, and user relations without a class
};

std::string_view to_string(RelationClass c) noexcept;
std::optional<RelationClass> parse_relation_class(std::string_view name) noexcept;

/// What the `weight` of a piece of evidence of a relation counts (relations.csv column `volume`).
enum class Volume : std::uint8_t {
  count,   ///< number of observations (calls, trips, payments): o = weight
  amount,  ///< a sum of money: o = 1 + log10(max(weight, 1)), so 12,000 counts like ~5 observations
  ignore,  ///< says nothing about how sure the relation is: o = 1
};

std::string_view to_string(Volume v) noexcept;
/// "count", "amount", "ignore" (surrounding spaces ignored); nullopt when unknown.
std::optional<Volume> parse_volume(std::string_view name) noexcept;

/// The built-in relations, with fixed ids in this order.
enum class Relation : RelationId {
  smuggled = 0,        ///< smuggler -> migrant
  paid,                ///< payer -> payee
  communicated,        ///< undirected
  financed,            ///< financer -> financed
  recruited,           ///< recruiter -> recruit
  supplied_documents,  ///< supplier -> receiver
  housed,              ///< host -> guest
  transported,         ///< driver -> passenger
  member_of,           ///< person -> organization
  affiliated_with,     ///< actor -> organization or actor
  originates_from,     ///< person -> country
  transited,           ///< person -> country or location
  uses,                ///< person -> asset
  associated,          ///< generic, undirected
  coordinated,         ///< undirected organizational coordination
};
inline constexpr RelationId kBuiltinRelationCount = 15;

struct RelationInfo {
  std::string name;
  bool directed = true;
  double transmission = 0.25;  ///< in [0,1]
  RelationClass cls = RelationClass::generic;
  bool builtin = false;
  Volume volume = Volume::count;  ///< what an evidence weight of this relation counts
};

/// The interned set of relation types of a case. Cheap to copy (a few dozen entries).
class RelationRegistry {
 public:
  /// Starts with the built-in relations and their documented defaults.
  RelationRegistry();

  /// Adds a relation, or redefines an existing one's direction, transmission, class and volume
  /// kind (an existing relation keeps its volume kind when `volume` is not given; a new one
  /// counts observations). Throws ParamError when the name is empty or not [a-z0-9_], or
  /// transmission is outside [0,1].
  RelationId define(std::string_view name, bool directed, double transmission,
                    RelationClass cls = RelationClass::generic, std::optional<Volume> volume = std::nullopt);

  /// Changes only the transmission factor; throws ParamError on an unknown name or a bad value.
  void set_transmission(std::string_view name, double transmission);

  std::optional<RelationId> find(std::string_view name) const;
  /// Like find(), but throws ParamError listing the valid names.
  RelationId require(std::string_view name) const;

  const RelationInfo& info(RelationId id) const { return relations_.at(id); }
  std::size_t size() const noexcept { return relations_.size(); }
  const std::vector<RelationInfo>& all() const noexcept { return relations_; }

  /// "smuggled, paid, ..." for error messages.
  std::string valid_names() const;

  bool operator==(const RelationRegistry& o) const;

 private:
  std::vector<RelationInfo> relations_;
  std::unordered_map<std::string, RelationId> index_;
};

/// A set of relations as a bit vector over RelationId, for filters. Empty means "all".
class RelationSet {
 public:
  RelationSet() = default;
  static RelationSet parse(std::string_view comma_separated, const RelationRegistry& reg);
  void insert(RelationId r);
  bool contains(RelationId r) const { return all_ || (r < bits_.size() && bits_[r]); }
  bool is_all() const { return all_; }
  static RelationSet none() { RelationSet s; s.all_ = false; return s; }

 private:
  bool all_ = true;
  std::vector<bool> bits_;
};

}  // namespace corridor

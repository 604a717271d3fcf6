// corridor/model/kinds.hpp: the kinds of node a case holds.
//
// Kinds are a closed set, so they are an enum: algorithms and views filter on them in O(1). Only
// actors (people and organizations) take part in path measures and pass on affiliation scores by
// default; countries and locations are context, never evidence.
//
//   auto k = corridor::parse_node_kind("migrant");      // std::optional<NodeKind>
//   bool actor = corridor::is_actor(*k);                  // true
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace corridor {

enum class NodeKind : std::uint8_t {
  smuggler,      ///< organizes or carries out smuggling
  facilitator,   ///< forger, driver, safe-house keeper, money handler: supports smuggling
  migrant,       ///< a smuggled person
  person,        ///< any other individual (role unknown)
  organization,  ///< an armed group, company, network or other collective
  country,       ///< a country of origin or transit: context, never evidence
  location,      ///< a place (city, border crossing, safe house address): context
  asset,         ///< phone number, vehicle, bank account, document
};

inline constexpr std::size_t kNodeKindCount = 8;

inline constexpr std::array<NodeKind, kNodeKindCount> kAllNodeKinds = {
    NodeKind::smuggler, NodeKind::facilitator,  NodeKind::migrant, NodeKind::person,
    NodeKind::organization, NodeKind::country, NodeKind::location, NodeKind::asset};

/// The name used in case files ("smuggler", ...).
std::string_view to_string(NodeKind k) noexcept;

/// Parses a kind name (exact, lower case, surrounding spaces ignored); nullopt when unknown.
std::optional<NodeKind> parse_node_kind(std::string_view name) noexcept;

/// "smuggler, facilitator, ..." for error messages.
std::string valid_node_kinds();

/// People and organizations act; countries, locations and assets do not.
constexpr bool is_actor(NodeKind k) noexcept {
  return k == NodeKind::smuggler || k == NodeKind::facilitator || k == NodeKind::migrant ||
         k == NodeKind::person || k == NodeKind::organization;
}

/// A set of kinds as a bit mask, for filters.
class KindSet {
 public:
  constexpr KindSet() = default;
  constexpr KindSet(std::initializer_list<NodeKind> kinds) {
    for (auto k : kinds) insert(k);
  }
  static constexpr KindSet all() { return KindSet(0xFF); }
  /// Every kind but country and location: the default population of analyses.
  static constexpr KindSet actors_and_assets() {
    return KindSet({NodeKind::smuggler, NodeKind::facilitator, NodeKind::migrant, NodeKind::person,
                    NodeKind::organization, NodeKind::asset});
  }
  constexpr void insert(NodeKind k) { bits_ |= bit(k); }
  constexpr void erase(NodeKind k) { bits_ &= static_cast<std::uint8_t>(~bit(k)); }
  constexpr bool contains(NodeKind k) const { return (bits_ & bit(k)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr std::uint8_t bits() const { return bits_; }
  constexpr bool operator==(const KindSet&) const = default;

 private:
  constexpr explicit KindSet(std::uint8_t b) : bits_(b) {}
  static constexpr std::uint8_t bit(NodeKind k) {
    return static_cast<std::uint8_t>(1u << static_cast<unsigned>(k));
  }
  std::uint8_t bits_ = 0;
};

/// Parses "smuggler,migrant" into a KindSet; throws ParamError naming the bad kind.
KindSet parse_kind_set(std::string_view comma_separated);

}  // namespace corridor

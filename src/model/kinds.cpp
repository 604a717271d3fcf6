#include "corridor/model/kinds.hpp"

#include <string>

#include "corridor/error.hpp"
#include "src_util.hpp"
#include "suggest.hpp"

namespace corridor {

namespace {
constexpr std::string_view kKindNames[kNodeKindCount] = {
    "smuggler", "facilitator", "migrant", "person", "organization", "country", "location", "asset"};
}

std::string_view to_string(NodeKind k) noexcept { return kKindNames[static_cast<unsigned>(k)]; }

std::optional<NodeKind> parse_node_kind(std::string_view name) noexcept {
  name = detail::trim(name);
  for (std::size_t i = 0; i < kNodeKindCount; ++i)
    if (kKindNames[i] == name) return static_cast<NodeKind>(i);
  return std::nullopt;
}

std::string valid_node_kinds() {
  std::string s;
  for (auto n : kKindNames) {
    if (!s.empty()) s += ", ";
    s += n;
  }
  return s;
}

KindSet parse_kind_set(std::string_view text) {
  KindSet set;
  for (auto part : detail::split(text, ',')) {
    part = detail::trim(part);
    if (part.empty()) continue;
    auto k = parse_node_kind(part);
    if (!k) {
      std::vector<std::string_view> names;
      for (NodeKind kind : kAllNodeKinds) names.push_back(to_string(kind));
      throw ParamError("unknown node kind \"" + std::string(part) + "\"; valid kinds: " + valid_node_kinds() +
                       detail::did_you_mean(part, names));
    }
    set.insert(*k);
  }
  if (set.empty()) throw ParamError("the kind list is empty; valid kinds: " + valid_node_kinds());
  return set;
}

}  // namespace corridor

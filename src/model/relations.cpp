#include "corridor/model/relations.hpp"

#include <algorithm>

#include "corridor/error.hpp"
#include "src_util.hpp"
#include "suggest.hpp"

namespace corridor {

namespace {

constexpr std::string_view kClassNames[] = {"organizational", "logistic", "communication",
                                            "client",         "attribute", "generic"};
constexpr std::string_view kVolumeNames[] = {"count", "amount", "ignore"};

// The documented defaults. Organizational ties carry most, client ties almost nothing, and
// nationality/transit nothing: these numbers are policy, so they live in one table. Payments and
// financing are recorded as sums of money, everything else as a number of observations.
struct Builtin {
  std::string_view name;
  bool directed;
  double transmission;
  RelationClass cls;
  Volume volume;
};
constexpr Builtin kBuiltins[kBuiltinRelationCount] = {
    {"smuggled", true, 0.02, RelationClass::client, Volume::count},
    {"paid", true, 0.05, RelationClass::client, Volume::amount},
    {"communicated", false, 0.30, RelationClass::communication, Volume::count},
    {"financed", true, 0.85, RelationClass::organizational, Volume::amount},
    {"recruited", true, 0.70, RelationClass::organizational, Volume::count},
    {"supplied_documents", true, 0.35, RelationClass::logistic, Volume::count},
    {"housed", true, 0.30, RelationClass::logistic, Volume::count},
    {"transported", true, 0.25, RelationClass::logistic, Volume::count},
    {"member_of", true, 0.90, RelationClass::organizational, Volume::count},
    {"affiliated_with", true, 0.90, RelationClass::organizational, Volume::count},
    {"originates_from", true, 0.0, RelationClass::attribute, Volume::count},
    {"transited", true, 0.0, RelationClass::attribute, Volume::count},
    {"uses", true, 0.50, RelationClass::generic, Volume::count},
    {"associated", false, 0.20, RelationClass::generic, Volume::count},
    {"coordinated", false, 0.80, RelationClass::organizational, Volume::count},
};

bool valid_name(std::string_view n) {
  if (n.empty() || n.size() > 64) return false;
  return std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

void check_transmission(std::string_view name, double t) {
  if (!(t >= 0.0 && t <= 1.0))
    throw ParamError("transmission of relation \"" + std::string(name) + "\" must be in [0,1], got " +
                     detail::format_double(t));
}

}  // namespace

std::string_view to_string(RelationClass c) noexcept { return kClassNames[static_cast<unsigned>(c)]; }

std::string_view to_string(Volume v) noexcept { return kVolumeNames[static_cast<unsigned>(v)]; }

std::optional<Volume> parse_volume(std::string_view name) noexcept {
  name = detail::trim(name);
  for (unsigned i = 0; i < std::size(kVolumeNames); ++i)
    if (kVolumeNames[i] == name) return static_cast<Volume>(i);
  return std::nullopt;
}

std::optional<RelationClass> parse_relation_class(std::string_view name) noexcept {
  name = detail::trim(name);
  for (unsigned i = 0; i < std::size(kClassNames); ++i)
    if (kClassNames[i] == name) return static_cast<RelationClass>(i);
  return std::nullopt;
}

RelationRegistry::RelationRegistry() {
  for (const auto& b : kBuiltins) {
    index_.emplace(std::string(b.name), static_cast<RelationId>(relations_.size()));
    relations_.push_back(RelationInfo{std::string(b.name), b.directed, b.transmission, b.cls, true, b.volume});
  }
}

RelationId RelationRegistry::define(std::string_view name, bool directed, double transmission,
                                    RelationClass cls, std::optional<Volume> volume) {
  if (!valid_name(name))
    throw ParamError("relation name " + detail::quoted(name) +
                     " is not valid: use 1 to 64 lower-case letters, digits or '_'");
  check_transmission(name, transmission);
  if (auto it = index_.find(std::string(name)); it != index_.end()) {
    auto& r = relations_[it->second];
    r.directed = directed;
    r.transmission = transmission;
    r.cls = cls;
    if (volume) r.volume = *volume;
    return it->second;
  }
  if (relations_.size() >= 60000) throw ParamError("too many relation types (at most 60000)");
  auto id = static_cast<RelationId>(relations_.size());
  relations_.push_back(RelationInfo{std::string(name), directed, transmission, cls, false, volume.value_or(Volume::count)});
  index_.emplace(std::string(name), id);
  return id;
}

void RelationRegistry::set_transmission(std::string_view name, double transmission) {
  check_transmission(name, transmission);
  relations_[require(name)].transmission = transmission;
}

std::optional<RelationId> RelationRegistry::find(std::string_view name) const {
  auto it = index_.find(std::string(detail::trim(name)));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

RelationId RelationRegistry::require(std::string_view name) const {
  if (auto id = find(name)) return *id;
  std::vector<std::string_view> names;
  for (const auto& r : relations_) names.push_back(r.name);
  throw ParamError("unknown relation " + detail::quoted(name) + "; valid relations: " + valid_names() +
                   detail::did_you_mean(detail::trim(name), names));
}

std::string RelationRegistry::valid_names() const {
  std::string s;
  for (const auto& r : relations_) {
    if (!s.empty()) s += ", ";
    s += r.name;
  }
  return s;
}

bool RelationRegistry::operator==(const RelationRegistry& o) const {
  if (relations_.size() != o.relations_.size()) return false;
  for (std::size_t i = 0; i < relations_.size(); ++i) {
    const auto &a = relations_[i], &b = o.relations_[i];
    if (a.name != b.name || a.directed != b.directed || a.transmission != b.transmission ||
        a.cls != b.cls || a.builtin != b.builtin || a.volume != b.volume)
      return false;
  }
  return true;
}

RelationSet RelationSet::parse(std::string_view text, const RelationRegistry& reg) {
  RelationSet s = none();
  for (auto part : detail::split(text, ',')) {
    part = detail::trim(part);
    if (!part.empty()) s.insert(reg.require(part));
  }
  if (s.bits_.empty()) throw ParamError("the relation list is empty; valid relations: " + reg.valid_names());
  return s;
}

void RelationSet::insert(RelationId r) {
  all_ = false;
  if (bits_.size() <= r) bits_.resize(r + 1u, false);
  bits_[r] = true;
}

}  // namespace corridor

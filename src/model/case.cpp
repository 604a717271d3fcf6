#include "corridor/model/case.hpp"

#include <algorithm>
#include <numeric>

#include "src_util.hpp"

namespace corridor {

StringColumn StringColumn::from_parts(std::vector<char> chars, std::vector<std::uint64_t> offsets) {
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != chars.size() ||
      !std::is_sorted(offsets.begin(), offsets.end()))
    throw InputError("", 0, "", "corrupt string column (offsets do not match the text)");
  StringColumn c;
  c.chars_ = std::move(chars);
  c.offsets_ = std::move(offsets);
  return c;
}

namespace {
// Counting sort of evidence ids by one endpoint: stable, so each list stays in input order.
void index_by(const std::vector<NodeId>& endpoint, std::size_t n, std::vector<std::uint64_t>& offsets,
              std::vector<EvidenceId>& index) {
  offsets.assign(n + 1, 0);
  for (NodeId v : endpoint) ++offsets[v + 1];
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  index.resize(endpoint.size());
  std::vector<std::uint64_t> pos(offsets.begin(), offsets.end() - 1);
  for (std::size_t e = 0; e < endpoint.size(); ++e) index[pos[endpoint[e]]++] = static_cast<EvidenceId>(e);
}
}  // namespace

void Case::build_indexes() {
  const std::size_t n = kinds_.size();
  id_order_.resize(n);
  std::iota(id_order_.begin(), id_order_.end(), NodeId{0});
  std::sort(id_order_.begin(), id_order_.end(), [&](NodeId a, NodeId b) { return ids_[a] < ids_[b]; });
  index_by(source_, n, out_offsets_, out_index_);
  index_by(target_, n, in_offsets_, in_index_);
}

std::optional<NodeId> Case::find(std::string_view id) const {
  auto it = std::lower_bound(id_order_.begin(), id_order_.end(), id,
                             [&](NodeId a, std::string_view key) { return ids_[a] < key; });
  if (it == id_order_.end() || ids_[*it] != id) return std::nullopt;
  return *it;
}

NodeId Case::require(std::string_view id) const {
  if (auto v = find(id)) return *v;
  throw ParamError("no node with id " + detail::quoted(id) + " in the case");
}

std::optional<std::string_view> Case::node_attribute(NodeId v, std::string_view name) const {
  if (name == "id") return node_id(v);
  if (name == "kind") return to_string(kind(v));
  if (name == "label") return label(v);
  if (name == "role") return role(v);
  if (name == "country") return country(v);
  for (const auto& a : node_attrs_)
    if (a.name == name) return a.values[v];
  return std::nullopt;
}

std::size_t Case::memory_bytes() const noexcept {
  auto vec = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  std::size_t b = ids_.bytes() + labels_.bytes() + roles_.bytes() + countries_.bytes() + vec(kinds_) +
                  vec(id_order_) + vec(source_) + vec(target_) + vec(relation_) + vec(weight_) +
                  vec(confidence_) + vec(grade_) + vec(time_) + vec(date_only_) + vec(source_ref_) +
                  source_refs_.bytes() + vec(out_offsets_) + vec(in_offsets_) + vec(out_index_) +
                  vec(in_index_);
  for (const auto& a : node_attrs_) b += a.values.bytes();
  for (const auto& a : edge_attrs_) b += a.values.bytes();
  return b;
}

bool Case::operator==(const Case& o) const {
  if (num_nodes() != o.num_nodes() || num_evidence() != o.num_evidence()) return false;
  if (!(ids_ == o.ids_ && labels_ == o.labels_ && roles_ == o.roles_ && countries_ == o.countries_ &&
        kinds_ == o.kinds_ && node_attrs_ == o.node_attrs_))
    return false;
  if (!(source_ == o.source_ && target_ == o.target_ && relation_ == o.relation_ && weight_ == o.weight_ &&
        grade_ == o.grade_ && time_ == o.time_ && date_only_ == o.date_only_ && edge_attrs_ == o.edge_attrs_))
    return false;
  for (std::size_t e = 0; e < confidence_.size(); ++e) {
    const bool a = std::isnan(confidence_[e]), b = std::isnan(o.confidence_[e]);
    if (a != b || (!a && confidence_[e] != o.confidence_[e])) return false;
  }
  for (std::size_t e = 0; e < source_ref_.size(); ++e)
    if (source_ref(static_cast<EvidenceId>(e)) != o.source_ref(static_cast<EvidenceId>(e))) return false;
  return relations_ == o.relations_ && seeds_ == o.seeds_;
}

}  // namespace corridor

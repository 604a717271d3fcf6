#include "corridor/model/builder.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <numeric>

#include "flat_hash.hpp"
#include "src_util.hpp"

namespace corridor {

namespace {
[[noreturn]] void fail(std::string field, std::string message) {
  throw InputError("", 0, std::move(field), std::move(message));
}

void set_column(std::vector<std::pair<std::string, std::vector<std::string>>>& cols, std::size_t rows,
                std::size_t row, std::string_view name, std::string_view value) {
  auto it = std::find_if(cols.begin(), cols.end(), [&](const auto& c) { return c.first == name; });
  if (it == cols.end()) {
    cols.emplace_back(std::string(name), std::vector<std::string>());
    it = std::prev(cols.end());
  }
  if (it->second.size() < rows) it->second.resize(rows);
  it->second[row] = std::string(value);
}
}  // namespace

CaseBuilder::CaseBuilder(RelationRegistry relations) : relations_(std::move(relations)) {
  source_refs_.emplace_back();  // index 0 is the empty reference
}

void CaseBuilder::reserve(std::size_t nodes, std::size_t evidence) {
  ids_.reserve(nodes, 0);
  labels_.reserve(nodes, 0);
  roles_.reserve(nodes, 0);
  countries_.reserve(nodes, 0);
  kinds_.reserve(nodes);
  grow_id_slots(nodes);
  source_.reserve(evidence);
  target_.reserve(evidence);
  relation_.reserve(evidence);
  weight_.reserve(evidence);
  confidence_.reserve(evidence);
  grade_.reserve(evidence);
  time_.reserve(evidence);
  date_only_.reserve(evidence);
  source_ref_.reserve(evidence);
}

namespace {
std::uint32_t tag_of(std::uint64_t h) noexcept { return static_cast<std::uint32_t>(h >> 32); }
}  // namespace

// Room for `nodes` ids with the table at most half full; re-inserts the ids already there.
void CaseBuilder::grow_id_slots(std::size_t nodes) {
  std::size_t slots = std::max<std::size_t>(16, id_slots_.size());
  while (nodes * 2 > slots) slots *= 2;
  if (slots == id_slots_.size()) return;
  id_slots_.assign(slots, IdSlot{});
  const std::size_t mask = slots - 1;
  for (std::size_t v = 0; v < ids_.size(); ++v) {
    const std::uint64_t h = detail::fast_hash(ids_[v]);
    std::size_t i = h & mask;
    while (id_slots_[i].node != 0) i = (i + 1) & mask;
    id_slots_[i] = {tag_of(h), static_cast<std::uint32_t>(v + 1)};
  }
}

NodeId CaseBuilder::add_node(std::string_view id, NodeKind kind, std::string_view label,
                             std::string_view role, std::string_view country) {
  if (detail::trim(id).empty()) fail("id", "a node id must not be empty");
  if (kinds_.size() >= kNoNode - 1) fail("id", "too many nodes (at most 4294967293)");
  if ((kinds_.size() + 1) * 2 > id_slots_.size()) grow_id_slots(kinds_.size() + 1);
  const std::uint64_t h = detail::fast_hash(id);
  const std::uint32_t tag = tag_of(h);
  const std::size_t mask = id_slots_.size() - 1;
  std::size_t i = h & mask;
  for (; id_slots_[i].node != 0; i = (i + 1) & mask)
    if (id_slots_[i].tag == tag && ids_[id_slots_[i].node - 1] == id) fail("id", "duplicate node id " + detail::quoted(id));
  const auto v = static_cast<NodeId>(kinds_.size());
  id_slots_[i] = {tag, v + 1};
  ids_.push_back(id);
  kinds_.push_back(kind);
  labels_.push_back(label);
  roles_.push_back(role);
  countries_.push_back(country);
  return v;
}

NodeId CaseBuilder::add_node(const NodeRecord& n) {
  NodeId v = add_node(n.id, n.kind, n.label, n.role, n.country);
  for (const auto& [k, val] : n.attributes) set_node_attribute(v, k, val);
  return v;
}

void CaseBuilder::set_node_attribute(NodeId v, std::string_view name, std::string_view value) {
  if (v >= kinds_.size()) fail("id", "no node with index " + std::to_string(v));
  if (std::find(kNodeColumns.begin(), kNodeColumns.end(), name) != kNodeColumns.end())
    fail(std::string(name), "is a standard node column, not an extra attribute");
  set_column(node_attrs_, kinds_.size(), v, name, value);
}

std::optional<NodeId> CaseBuilder::find(std::string_view id) const {
  if (id_slots_.empty()) return std::nullopt;
  const std::uint64_t h = detail::fast_hash(id);
  const std::uint32_t tag = tag_of(h);
  const std::size_t mask = id_slots_.size() - 1;
  for (std::size_t i = h & mask; id_slots_[i].node != 0; i = (i + 1) & mask)
    if (id_slots_[i].tag == tag && ids_[id_slots_[i].node - 1] == id) return id_slots_[i].node - 1;
  return std::nullopt;
}

EvidenceId CaseBuilder::add_evidence(NodeId s, NodeId t, RelationId r, const EvidenceValues& v) {
  if (s >= kinds_.size() || t >= kinds_.size()) fail("source", "evidence refers to a node that does not exist");
  if (r >= relations_.size()) fail("relation", "unknown relation id " + std::to_string(r));
  if (!(std::isfinite(v.weight) && v.weight > 0))
    fail("weight", "must be a finite number > 0, got " + detail::format_double(v.weight));
  if (v.confidence && !(*v.confidence >= 0.0 && *v.confidence <= 1.0))
    fail("confidence", "must be in [0,1], got " + detail::format_double(*v.confidence));
  if (relation_.size() >= 0xFFFFFFF0u) fail("source", "too many pieces of evidence (at most 4294967280)");
  auto e = static_cast<EvidenceId>(relation_.size());
  source_.push_back(s);
  target_.push_back(t);
  relation_.push_back(r);
  weight_.push_back(static_cast<float>(v.weight));
  confidence_.push_back(v.confidence ? static_cast<float>(*v.confidence) : std::nanf(""));
  grade_.push_back(v.grade);
  time_.push_back(v.time.seconds);
  date_only_.push_back(v.time.date_only ? 1 : 0);
  // Interned by a table whose slot holds the reference's first bytes: one probe, usually one
  // cache line (prefetched by readers), for the ten million references of a large case.
  const std::uint32_t ref = v.source_ref.empty() ? 0 : intern_source_ref(v.source_ref, detail::fast_hash(v.source_ref));
  source_ref_.push_back(ref);
  if (s == t)
    add_warning({Diagnostic::Severity::warning, "", 0, "target",
                 "self-loop on " + detail::quoted(ids_[s]) + " (kept as evidence, ignored by graph measures)"});
  return e;
}

EvidenceId CaseBuilder::add_evidence(const EvidenceRecord& rec) {
  auto s = find(rec.source);
  if (!s) fail("source", detail::quoted(rec.source) + " is not a node of the case");
  auto t = find(rec.target);
  if (!t) fail("target", detail::quoted(rec.target) + " is not a node of the case");
  auto r = relations_.find(rec.relation);
  if (!r) fail("relation", "unknown relation " + detail::quoted(rec.relation) + "; valid relations: " + relations_.valid_names());
  EvidenceValues v;
  v.weight = rec.weight;
  v.confidence = rec.confidence;
  if (!detail::trim(rec.grade).empty()) {
    auto g = parse_grade(rec.grade);
    if (!g) fail("grade", detail::quoted(rec.grade) + " is not an Admiralty grade (A-F then 1-6, e.g. B2)");
    v.grade = *g;
  }
  if (!detail::trim(rec.time).empty()) {
    auto t2 = parse_time(rec.time);
    if (!t2) fail("time", detail::quoted(rec.time) + " is not an ISO 8601 date or date-time (e.g. 2021-03-04)");
    v.time = *t2;
  }
  v.source_ref = rec.source_ref;
  EvidenceId e = add_evidence(*s, *t, *r, v);
  for (const auto& [k, val] : rec.attributes) set_evidence_attribute(e, k, val);
  return e;
}

void CaseBuilder::set_evidence_attribute(EvidenceId e, std::string_view name, std::string_view value) {
  if (e >= relation_.size()) fail("source", "no evidence with index " + std::to_string(e));
  if (std::find(kEvidenceColumns.begin(), kEvidenceColumns.end(), name) != kEvidenceColumns.end())
    fail(std::string(name), "is a standard evidence column, not an extra attribute");
  set_column(edge_attrs_, relation_.size(), e, name, value);
}

void CaseBuilder::add_seed(const Seed& s) {
  if (s.node >= kinds_.size()) fail("id", "seed refers to a node that does not exist");
  if (!(s.confidence > 0.0 && s.confidence <= 1.0))
    fail("confidence", "a seed's confidence must be in (0,1], got " + detail::format_double(s.confidence));
  seeds_.push_back(s);
}

void CaseBuilder::add_seed(std::string_view id, double confidence, std::string_view note) {
  auto v = find(id);
  if (!v) fail("id", "seed " + detail::quoted(id) + " is not a node of the case");
  add_seed(Seed{*v, confidence, std::string(note)});
}

void CaseBuilder::add_warning(Diagnostic d) {
  d.severity = Diagnostic::Severity::warning;
  if (warnings_.size() < kListedWarnings) {
    warnings_.push_back(std::move(d));
    return;
  }
  ++unlisted_;
  auto it = std::find_if(unlisted_by_field_.begin(), unlisted_by_field_.end(),
                         [&](const auto& f) { return f.first == d.field; });
  if (it == unlisted_by_field_.end()) unlisted_by_field_.emplace_back(d.field, 1);
  else ++it->second;
}

namespace {
StringColumn to_column(std::vector<std::string>& values) {
  StringColumn c;
  std::size_t bytes = 0;
  for (const auto& v : values) bytes += v.size();
  c.reserve(values.size(), bytes);
  for (const auto& v : values) c.push_back(v);
  std::vector<std::string>().swap(values);
  return c;
}
std::vector<AttributeColumn> to_columns(std::vector<std::pair<std::string, std::vector<std::string>>>& cols,
                                        std::size_t rows) {
  std::vector<AttributeColumn> out;
  for (auto& [name, values] : cols) {
    values.resize(rows);
    out.push_back(AttributeColumn{name, to_column(values)});
  }
  cols.clear();
  return out;
}
}  // namespace

void CaseBuilder::prefetch_node_id(std::string_view id) const noexcept {
  if (!id_slots_.empty()) detail::prefetch(&id_slots_[detail::fast_hash(id) & (id_slots_.size() - 1)]);
}

void CaseBuilder::prefetch_source_ref(std::string_view key) const noexcept {
  if (!ref_slots_.empty()) detail::prefetch(&ref_slots_[detail::fast_hash(key) & (ref_slots_.size() - 1)]);
}

std::uint32_t CaseBuilder::intern_source_ref(std::string_view key, std::uint64_t hash) {
  auto fill = [](RefSlot& slot, std::string_view k, std::uint64_t h, std::uint32_t ref) {
    slot.tag = tag_of(h);
    slot.ref = ref;
    slot.size = static_cast<std::uint8_t>(std::min<std::size_t>(k.size(), 255));
    std::memset(slot.head, 0, sizeof slot.head);
    std::memcpy(slot.head, k.data(), std::min(k.size(), sizeof slot.head));
  };
  // At most half full, so probes stay short; growing re-inserts every reference (log many times).
  if ((source_refs_.size() + 1) * 2 > ref_slots_.size()) {
    std::size_t slots = std::max<std::size_t>(1024, ref_slots_.size());
    while ((source_refs_.size() + 1) * 2 > slots) slots *= 2;
    ref_slots_.assign(slots, RefSlot{});
    const std::size_t mask = slots - 1;
    for (std::uint32_t r = 1; r < source_refs_.size(); ++r) {
      const std::uint64_t h = detail::fast_hash(source_refs_[r]);
      std::size_t i = h & mask;
      while (ref_slots_[i].ref != 0) i = (i + 1) & mask;
      fill(ref_slots_[i], source_refs_[r], h, r);
    }
  }
  const std::size_t mask = ref_slots_.size() - 1;
  const std::uint32_t tag = tag_of(hash);
  const auto size = static_cast<std::uint8_t>(std::min<std::size_t>(key.size(), 255));
  const std::size_t head = std::min(key.size(), sizeof(RefSlot::head));
  std::size_t i = hash & mask;
  for (; ref_slots_[i].ref != 0; i = (i + 1) & mask) {
    const RefSlot& slot = ref_slots_[i];
    if (slot.tag != tag || slot.size != size) continue;
    if (head <= 16 ? !detail::short_equal(slot.head, key.data(), head) : std::memcmp(slot.head, key.data(), head) != 0)
      continue;
    if (key.size() <= sizeof slot.head || source_refs_[slot.ref] == key) return slot.ref;
  }
  if (source_refs_.size() >= std::numeric_limits<std::uint32_t>::max())
    fail("source_ref", "too many distinct source references (at most 4294967295)");
  const auto ref = static_cast<std::uint32_t>(source_refs_.size());
  source_refs_.emplace_back(key);
  fill(ref_slots_[i], key, hash, ref);
  return ref;
}

Case CaseBuilder::freeze() && {
  // The builder checked every call, so the columns are assembled without a second pass.
  CaseColumns c;
  const std::size_t n = kinds_.size();
  std::vector<IdSlot>().swap(id_slots_);  // the frozen case has its own index
  std::vector<RefSlot>().swap(ref_slots_);
  for (StringColumn* col : {&ids_, &labels_, &roles_, &countries_}) col->shrink_to_fit();
  c.ids = std::move(ids_);
  c.labels = std::move(labels_);
  c.roles = std::move(roles_);
  c.countries = std::move(countries_);
  c.kinds = std::move(kinds_);
  c.node_attrs = to_columns(node_attrs_, n);
  c.source = std::move(source_);
  c.target = std::move(target_);
  c.relation = std::move(relation_);
  c.weight = std::move(weight_);
  c.confidence = std::move(confidence_);
  c.grade = std::move(grade_);
  c.time = std::move(time_);
  c.date_only = std::move(date_only_);
  c.source_ref = std::move(source_ref_);
  c.source_refs = to_column(source_refs_);
  c.edge_attrs = to_columns(edge_attrs_, c.relation.size());
  c.relations = std::move(relations_);
  c.seeds = std::move(seeds_);
  c.warnings = std::move(warnings_);
  if (unlisted_ > 0) {
    std::string by_field;
    for (const auto& [field, count] : unlisted_by_field_)
      by_field += (by_field.empty() ? "" : ", ") + std::to_string(count) + " on field " +
                  (field.empty() ? std::string("(none)") : detail::quoted(field));
    c.warnings.push_back({Diagnostic::Severity::warning, "", 0, "",
                          std::to_string(unlisted_) + " more warnings not listed (only the first " +
                              std::to_string(kListedWarnings) + " are): " + by_field});
    c.unlisted_warnings = unlisted_;
  }
  *this = CaseBuilder();
  return Case::assemble(std::move(c));
}

}  // namespace corridor

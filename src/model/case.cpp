#include "corridor/model/case.hpp"

#include <algorithm>
#include <numeric>
#include <span>
#include <string>

#include "model/time_range.hpp"
#include "src_util.hpp"
#include "suggest.hpp"

namespace corridor {

StringColumn StringColumn::from_parts(std::vector<char> chars, std::vector<std::uint64_t> offsets) {
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != chars.size() ||
      !std::is_sorted(offsets.begin(), offsets.end()))
    throw InputError("", 0, "", "corrupt string column (offsets do not match the text)");
  StringColumn c;
  c.chars_ = std::move(chars);
  if (c.chars_.size() <= c.limit_) {
    c.narrow_.assign(offsets.begin(), offsets.end());
  } else {
    c.narrow_.clear();
    c.narrow_.shrink_to_fit();
    c.wide_ = std::move(offsets);
  }
  return c;
}

namespace {
// Counting sort of evidence ids by one endpoint: stable, so each list stays in input order.
// Offsets are EvidenceIds: a case holds fewer than 2^32 pieces of evidence (check_evidence_shape),
// and 4 bytes per node instead of 8 is a tenth of a byte per piece of evidence on typical cases.
void index_by(const std::vector<NodeId>& endpoint, std::size_t n, std::vector<EvidenceId>& offsets,
              std::vector<EvidenceId>& index) {
  offsets.assign(n + 1, 0);
  for (NodeId v : endpoint) ++offsets[v + 1];
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  index.resize(endpoint.size());
  std::vector<EvidenceId> pos(offsets.begin(), offsets.end() - 1);
  for (std::size_t e = 0; e < endpoint.size(); ++e) index[pos[endpoint[e]]++] = static_cast<EvidenceId>(e);
}

// The first eight bytes of an id as a number that orders as the bytes do (big-endian, unsigned,
// zero-padded), so most comparisons of a sort by id are one integer compare: comparing through
// the column (offsets, then the text, then memcmp) made the sort a tenth of a snapshot's load.
std::uint64_t order_prefix(std::string_view id) noexcept {
  std::uint64_t p = 0;
  const std::size_t k = std::min<std::size_t>(id.size(), 8);
  for (std::size_t i = 0; i < k; ++i) p |= static_cast<std::uint64_t>(static_cast<unsigned char>(id[i])) << (56 - 8 * i);
  return p;
}
}  // namespace

void Case::build_indexes() {
  const std::size_t n = cols_.kinds.size();
  {
    // Equal prefixes (ids that share their first eight bytes, or a shorter id and the same id
    // followed by NUL bytes) are decided by the whole ids, so the order is exactly the ids'
    // order. The keys are freed before the adjacency indexes are built, so they add nothing to
    // the peak.
    struct Keyed {
      std::uint64_t prefix;
      NodeId node;
    };
    std::vector<Keyed> keyed(n);
    for (std::size_t v = 0; v < n; ++v) keyed[v] = {order_prefix(cols_.ids[v]), static_cast<NodeId>(v)};
    std::sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
      if (a.prefix != b.prefix) return a.prefix < b.prefix;
      const std::string_view x = cols_.ids[a.node], y = cols_.ids[b.node];
      return x < y || (x == y && a.node < b.node);
    });
    id_order_.resize(n);
    for (std::size_t i = 0; i < n; ++i) id_order_[i] = keyed[i].node;
  }
  index_by(cols_.source, n, out_offsets_, out_index_);
  index_by(cols_.target, n, in_offsets_, in_index_);
}

std::optional<NodeId> Case::find(std::string_view id) const {
  auto it = std::lower_bound(id_order_.begin(), id_order_.end(), id,
                             [&](NodeId a, std::string_view key) { return cols_.ids[a] < key; });
  if (it == id_order_.end() || cols_.ids[*it] != id) return std::nullopt;
  return *it;
}

NodeId Case::require(std::string_view id) const {
  if (auto v = find(id)) return *v;
  // An error path: listing the ids for a did-you-mean ("n41" -> "N41") costs O(n) once.
  std::vector<std::string_view> ids;
  ids.reserve(num_nodes());
  for (NodeId v = 0; v < num_nodes(); ++v) ids.push_back(node_id(v));
  throw ParamError("no node with id " + detail::quoted(id) + " in the case" + detail::id_hint(id, ids));
}

std::optional<std::string_view> Case::node_attribute(NodeId v, std::string_view name) const {
  if (name == "id") return node_id(v);
  if (name == "kind") return to_string(kind(v));
  if (name == "label") return label(v);
  if (name == "role") return role(v);
  if (name == "country") return country(v);
  for (const auto& a : cols_.node_attrs)
    if (a.name == name) return a.values[v];
  return std::nullopt;
}

std::size_t Case::memory_bytes() const noexcept {
  auto vec = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  const CaseColumns& c = cols_;
  std::size_t b = c.ids.bytes() + c.labels.bytes() + c.roles.bytes() + c.countries.bytes() + vec(c.kinds) +
                  vec(id_order_) + vec(c.source) + vec(c.target) + vec(c.relation) + vec(c.weight) +
                  vec(c.confidence) + vec(c.grade) + vec(c.time) + vec(c.date_only) + vec(c.source_ref) +
                  c.source_refs.bytes() + vec(out_offsets_) + vec(in_offsets_) + vec(out_index_) +
                  vec(in_index_);
  for (const auto& a : c.node_attrs) b += a.values.bytes();
  for (const auto& a : c.edge_attrs) b += a.values.bytes();
  return b;
}

bool Case::operator==(const Case& other) const {
  const CaseColumns& a = cols_;
  const CaseColumns& o = other.cols_;
  if (num_nodes() != other.num_nodes() || num_evidence() != other.num_evidence()) return false;
  if (!(a.ids == o.ids && a.labels == o.labels && a.roles == o.roles && a.countries == o.countries &&
        a.kinds == o.kinds && a.node_attrs == o.node_attrs))
    return false;
  if (!(a.source == o.source && a.target == o.target && a.relation == o.relation && a.weight == o.weight &&
        a.grade == o.grade && a.time == o.time && a.date_only == o.date_only && a.edge_attrs == o.edge_attrs))
    return false;
  for (std::size_t e = 0; e < a.confidence.size(); ++e) {
    const bool x = std::isnan(a.confidence[e]), y = std::isnan(o.confidence[e]);
    if (x != y || (!x && a.confidence[e] != o.confidence[e])) return false;
  }
  for (std::size_t e = 0; e < a.source_ref.size(); ++e)
    if (source_ref(static_cast<EvidenceId>(e)) != other.source_ref(static_cast<EvidenceId>(e))) return false;
  return a.relations == o.relations && a.seeds == o.seeds;
}

// ---- invariants ------------------------------------------------------------------------------

namespace {

constexpr std::uint8_t kMaxGradeCode = 36;  // 6 reliabilities x 6 credibilities

// Collects problems up to a cap. A check that finds the shape of the columns broken sets
// `broken`, and the checks after it, which index into the columns, are skipped.
struct Checker {
  const CaseColumns& c;
  const std::vector<NodeId>* id_order;  // null until the indexes are built
  std::size_t max;
  std::vector<std::string> problems;
  bool broken = false;

  bool full() const { return problems.size() >= max; }
  void fail(std::string what) {
    if (!full()) problems.push_back(std::move(what));
  }
  std::size_t n() const { return c.kinds.size(); }
  std::size_t m() const { return c.relation.size(); }
};

void check_node_shape(Checker& k) {
  const std::size_t n = k.n();
  if (k.c.ids.size() != n || k.c.labels.size() != n || k.c.roles.size() != n || k.c.countries.size() != n)
    k.fail("the node columns (id, kind, label, role, country) have different lengths");
  if (n >= kNoNode) k.fail("too many nodes (at most " + std::to_string(kNoNode - 1) + ")");
  for (const auto& a : k.c.node_attrs)
    if (a.values.size() != n)
      k.fail("node attribute " + detail::quoted(a.name) + " has " + std::to_string(a.values.size()) +
             " values for " + std::to_string(n) + " nodes");
}

void check_evidence_shape(Checker& k) {
  const std::size_t m = k.m();
  const CaseColumns& c = k.c;
  if (c.source.size() != m || c.target.size() != m || c.weight.size() != m || c.confidence.size() != m ||
      c.grade.size() != m || c.time.size() != m || c.date_only.size() != m || c.source_ref.size() != m)
    k.fail("the evidence columns have different lengths");
  if (m >= 0xFFFFFFF0u) k.fail("too many pieces of evidence");
  for (const auto& a : c.edge_attrs)
    if (a.values.size() != m)
      k.fail("evidence attribute " + detail::quoted(a.name) + " has " + std::to_string(a.values.size()) +
             " values for " + std::to_string(m) + " pieces of evidence");
}

void check_nodes(Checker& k) {
  for (std::size_t v = 0; v < k.n() && !k.full(); ++v) {
    if (static_cast<std::size_t>(k.c.kinds[v]) >= kNodeKindCount)
      k.fail("node " + std::to_string(v) + " has an unknown kind code");
    const std::string_view id = k.c.ids[v];
    if (detail::trim(id).empty()) k.fail("node " + std::to_string(v) + " has an empty id");
    // The CSV reader trims ids, so a padded id would name another node once written as CSV.
    else if (detail::trim(id).size() != id.size())
      k.fail("node id " + detail::quoted(id) + " begins or ends with a space or tab");
  }
}

void check_attribute_names(Checker& k) {
  auto names = [&](const std::vector<AttributeColumn>& cols, std::span<const std::string_view> standard,
                   const char* what) {
    for (std::size_t i = 0; i < cols.size(); ++i) {
      if (cols[i].name.empty()) k.fail(std::string(what) + " column without a name");
      if (std::find(standard.begin(), standard.end(), cols[i].name) != standard.end())
        k.fail(std::string(what) + " column " + detail::quoted(cols[i].name) + " clashes with a standard column");
      for (std::size_t j = 0; j < i; ++j)
        if (cols[j].name == cols[i].name)
          k.fail(std::string(what) + " column " + detail::quoted(cols[i].name) + " appears twice");
    }
  };
  names(k.c.node_attrs, kNodeColumns, "node attribute");
  names(k.c.edge_attrs, kEvidenceColumns, "evidence attribute");
}

void check_evidence(Checker& k) {
  const CaseColumns& c = k.c;
  const std::size_t n = k.n(), nrel = c.relations.size(), nrefs = c.source_refs.size();
  if (nrel < kBuiltinRelationCount) k.fail("the relation registry lacks the built-in relations");
  if (k.m() > 0 && (nrefs == 0 || !c.source_refs[0].empty()))
    k.fail("the source reference table does not start with the empty reference");
  for (std::size_t e = 0; e < k.m() && !k.full(); ++e) {
    // Named only when something is wrong: a string per piece of evidence was a tenth of a
    // snapshot's load time.
    const auto which = [e] { return "evidence " + std::to_string(e); };
    if (c.source[e] >= n || c.target[e] >= n) k.fail(which() + " refers to a node that does not exist");
    if (c.relation[e] >= nrel) k.fail(which() + " has an unknown relation");
    if (!(std::isfinite(c.weight[e]) && c.weight[e] > 0)) k.fail(which() + " has a weight that is not a finite number > 0");
    const float conf = c.confidence[e];
    if (!std::isnan(conf) && !(conf >= 0.0f && conf <= 1.0f)) k.fail(which() + " has a confidence outside [0,1]");
    if (c.grade[e].code > kMaxGradeCode) k.fail(which() + " has an invalid grade");
    if (c.date_only[e] > 1) k.fail(which() + " has an invalid time flag");
    if (c.source_ref[e] >= nrefs) k.fail(which() + " refers to a source reference that does not exist");
    const std::int64_t t = c.time[e];
    if (t != Timestamp::kNone && (t < detail::kMinTime || t > detail::kMaxTime))
      k.fail(which() + " has a time outside the years 0000 to 9999 (UTC)");
    else if (t != Timestamp::kNone && c.date_only[e] == 1 && (t % 86400) != 0)
      k.fail(which() + " is marked as a date but its time is not midnight");
  }
}

void check_seeds(Checker& k) {
  std::vector<NodeId> nodes;
  for (const Seed& s : k.c.seeds) {
    if (s.node >= k.n()) k.fail("a seed refers to node " + std::to_string(s.node) + " of " + std::to_string(k.n()));
    else nodes.push_back(s.node);
    if (!(s.confidence > 0.0 && s.confidence <= 1.0)) k.fail("a seed's confidence is outside (0,1]");
  }
  // seeds.csv refuses a node given twice; so must every other way into a case.
  std::sort(nodes.begin(), nodes.end());
  for (std::size_t i = 1; i < nodes.size(); ++i)
    if (nodes[i] == nodes[i - 1] && (i == 1 || nodes[i - 2] != nodes[i]))
      k.fail("node " + detail::quoted(k.c.ids[nodes[i]]) + " is a seed twice");
}

// Needs the sorted id order: duplicates are then neighbours.
void check_unique_ids(Checker& k) {
  const auto& order = *k.id_order;
  for (std::size_t i = 1; i < order.size() && !k.full(); ++i)
    if (k.c.ids[order[i - 1]] == k.c.ids[order[i]])
      k.fail("node id " + detail::quoted(k.c.ids[order[i]]) + " appears twice");
}

struct Invariant {
  void (*check)(Checker&);
  bool shape;        // a failure here makes the later checks unsafe to run
  bool needs_index;  // runs once the id order exists
};

// The one list of what every Case satisfies. Case::from_columns (the snapshot reader),
// Case::validate (the GraphML reader, writers) and invariant_problems all run it; add a check
// here and every one of them enforces it.
constexpr Invariant kInvariants[] = {
    {check_node_shape, true, false},   {check_evidence_shape, true, false}, {check_nodes, false, false},
    {check_attribute_names, false, false}, {check_evidence, false, false},  {check_seeds, false, false},
    {check_unique_ids, false, true},
};

void run_invariants(Checker& k, bool indexed_phase) {
  for (const Invariant& inv : kInvariants) {
    if (k.broken || k.full()) return;
    if (inv.needs_index != indexed_phase) continue;
    const std::size_t before = k.problems.size();
    inv.check(k);
    if (inv.shape && k.problems.size() > before) k.broken = true;
  }
}

[[noreturn]] void throw_problems(const std::vector<std::string>& problems, const std::string& file) {
  std::vector<Diagnostic> list;
  for (const auto& p : problems) list.push_back({Diagnostic::Severity::error, file, 0, "", p});
  throw InputError(std::move(list));
}

}  // namespace

Case Case::assemble(CaseColumns columns) {
  Case c;
  c.cols_ = std::move(columns);
  c.build_indexes();
  return c;
}

Case Case::from_columns(CaseColumns columns) {
  Checker k{columns, nullptr, 20, {}};
  run_invariants(k, false);
  if (!k.problems.empty()) throw_problems(k.problems, {});
  Case c = assemble(std::move(columns));
  Checker after{c.cols_, &c.id_order_, 20, {}};
  run_invariants(after, true);
  if (!after.problems.empty()) throw_problems(after.problems, {});
  return c;
}

std::vector<std::string> Case::invariant_problems(std::size_t max_problems) const {
  Checker k{cols_, &id_order_, std::max<std::size_t>(max_problems, 1), {}};
  run_invariants(k, false);
  run_invariants(k, true);
  return std::move(k.problems);
}

void Case::validate(const std::string& file) const {
  const auto problems = invariant_problems();
  if (!problems.empty()) throw_problems(problems, file);
}

}  // namespace corridor

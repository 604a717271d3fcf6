#include "mpi/share.hpp"

#include <algorithm>
#include <span>
#include <cmath>
#include <limits>
#include <system_error>

#include "corridor/error.hpp"
#include "corridor/graph/view.hpp"
#include "corridor/io/csv.hpp"
#include "corridor/io/file.hpp"
#include "corridor/model/builder.hpp"

namespace corridor::mpi {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> lines_of(const Error& e) {
  std::vector<std::string> out;
  if (const auto* in = dynamic_cast<const InputError*>(&e)) {
    for (const Diagnostic& d : in->problems())
      if (d.severity == Diagnostic::Severity::error) out.push_back(d.to_string());
  }
  if (out.empty()) out.push_back(std::string("error: ") + e.what());
  return out;
}

// Where this rank's records of edges.csv lie.
struct Plan {
  bool whole = false;  // edges.csv missing or unreadable: let the reader report it
  EdgeShare share;
};

// The end of the header record and the line after it: scans growing prefixes of the file.
std::pair<std::uint64_t, std::size_t> header_end(const fs::path& file, std::uint64_t size) {
  for (std::uint64_t k = 1 << 16;; k *= 4) {
    const std::uint64_t len = std::min(k, size);
    const std::string head = read_file_range(file, 0, len + (len < size ? 1 : 0));
    const int next = head.size() > len ? static_cast<unsigned char>(head[len]) : -1;
    const CsvPartScan s = scan_csv_part(std::string_view(head).substr(0, len), next);
    if (s.first_boundary[0] != CsvPartScan::kNone) return {s.first_boundary[0], 1 + s.breaks_to_boundary[0]};
    if (len == size) return {size, 1 + s.breaks};
  }
}

}  // namespace

bool read_share(MPI_Comm comm, const fs::path& folder, Case& out) {
  const int p = size_of(comm), me = rank_of(comm);
  const fs::path file = folder / "edges.csv";
  std::vector<std::string> problems;
  Plan plan;
  std::uint64_t size = 0, head = 0, lo = 0, hi = 0;
  std::size_t head_line = 1;
  CsvPartScan scan;
  try {
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
      throw IoError("cannot read case " + folder.string() +
                    ": corridor-mpi reads case folders (nodes.csv, edges.csv); convert other inputs with "
                    "`corridor convert`");
    if (!fs::is_regular_file(file, ec)) {
      plan.whole = true;
    } else {
      size = fs::file_size(file, ec);
      if (ec) throw IoError("cannot read " + file.string() + ": " + ec.message());
      std::tie(head, head_line) = header_end(file, size);
      lo = head + (size - head) * static_cast<std::uint64_t>(me) / static_cast<std::uint64_t>(p);
      hi = head + (size - head) * static_cast<std::uint64_t>(me + 1) / static_cast<std::uint64_t>(p);
      // One byte past the part tells a lone CR from a CRLF.
      const std::string part = read_file_range(file, lo, hi - lo + (hi < size ? 1 : 0));
      const int next = part.size() > hi - lo ? static_cast<unsigned char>(part[hi - lo]) : -1;
      scan = scan_csv_part(std::string_view(part).substr(0, static_cast<std::size_t>(hi - lo)), next);
    }
  } catch (const Error& e) {
    problems = lines_of(e);
  }
  if (!agree(comm, problems)) return false;
  plan.whole = any_all(comm, plan.whole);
  if (!plan.whole) {
    std::vector<CsvPartScan> scans(static_cast<std::size_t>(p));
    MPI_Allgather(&scan, sizeof(CsvPartScan), MPI_BYTE, scans.data(), sizeof(CsvPartScan), MPI_BYTE, comm);
    std::vector<std::uint64_t> offsets(static_cast<std::size_t>(p));
    for (int r = 0; r < p; ++r)
      offsets[static_cast<std::size_t>(r)] = head + (size - head) * static_cast<std::uint64_t>(r) / static_cast<std::uint64_t>(p);
    const auto split = split_csv_parts(offsets, scans, size, head_line);
    const auto i = static_cast<std::size_t>(me);
    plan.share = EdgeShare{head, split[i].begin, i + 1 < split.size() ? split[i + 1].begin : size, split[i].line};
  }
  try {
    ReadOptions o;
    // Every rank reads the whole nodes.csv; without edges.csv it reports the missing file once.
    if (!plan.whole) o.edge_share = plan.share;
    out = read_case(folder, o);
  } catch (const Error& e) {
    problems = lines_of(e);
  }
  return agree(comm, problems);
}

int pair_owner(NodeId a, NodeId b, int ranks) noexcept {
  if (a > b) std::swap(a, b);
  // splitmix64 of the pair: consecutive ids do not all land on one rank.
  std::uint64_t x = (std::uint64_t{a} << 32) | b;
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return static_cast<int>(x % static_cast<std::uint64_t>(ranks));
}

namespace {

// One piece of evidence on the wire: what the strength rules read.
struct Piece {
  NodeId source;
  NodeId target;
  float weight;
  float confidence;  // NaN = none (the grade decides)
  std::int64_t time;
  RelationId relation;
  std::uint8_t grade;
  std::uint8_t date_only;
};

Piece piece_of(const Case& c, EvidenceId e) {
  const Timestamp t = c.time(e);
  return {c.source(e), c.target(e), static_cast<float>(c.weight(e)), c.raw_confidence(e), t.seconds,
          c.relation(e), c.grade(e).code, static_cast<std::uint8_t>(t.date_only ? 1 : 0)};
}

// The case with `like`'s nodes, relations and seeds and the given pieces of evidence, in order.
// A piece's values as the builder takes them (piece_of() in reverse).
EvidenceValues values_of(const Piece& x) {
  EvidenceValues v;
  v.weight = x.weight;
  if (!std::isnan(x.confidence)) v.confidence = x.confidence;
  v.grade = Grade{x.grade};
  v.time = Timestamp{x.time, x.date_only != 0};
  return v;
}

Case case_of(const Case& like, const std::vector<Piece>& pieces) {
  CaseBuilder b(like.relations());
  b.reserve(like.num_nodes(), pieces.size());
  for (NodeId v = 0; v < like.num_nodes(); ++v)
    b.add_node(like.node_id(v), like.kind(v), like.label(v), like.role(v), like.country(v));
  for (const Seed& s : like.seeds()) b.add_seed(s);
  for (const Piece& x : pieces) b.add_evidence(x.source, x.target, x.relation, values_of(x));
  return std::move(b).freeze();
}

}  // namespace

Case by_pair(MPI_Comm comm, const Case& share, Traffic* traffic) {
  const int p = size_of(comm);
  std::vector<std::vector<Piece>> out(static_cast<std::size_t>(p));
  for (EvidenceId e = 0; e < share.num_evidence(); ++e)
    out[static_cast<std::size_t>(pair_owner(share.source(e), share.target(e), p))].push_back(piece_of(share, e));
  const std::vector<Piece> in = route(comm, out, nullptr, traffic);
  out.clear();
  return case_of(share, in);
}

namespace {

// The organizational evidence touching a node marked in `anchor`, from every rank's share, in
// file order (rank order of the shares), as a case of just the nodes involved: the anchors and the
// pieces' ends, in ascending NodeId, so that every order implicit_seeds() follows (neighbours,
// anchors, result) is the same as on the whole case. `global[i]` is the case's node i's NodeId.
struct Around {
  Case c;
  std::vector<NodeId> global;
};

Around organizational_around(MPI_Comm comm, const Case& share, const std::vector<std::uint8_t>& anchor,
                             Traffic* traffic) {
  std::vector<Piece> mine;
  for (EvidenceId e = 0; e < share.num_evidence(); ++e) {
    const NodeId a = share.source(e), b = share.target(e);
    if ((anchor[a] || anchor[b]) && share.relations().info(share.relation(e)).cls == RelationClass::organizational)
      mine.push_back(piece_of(share, e));
  }
  // Every rank sends its pieces to every rank.
  const std::vector<std::vector<Piece>> out(static_cast<std::size_t>(size_of(comm)), mine);
  std::vector<Piece> in = route(comm, out, nullptr, traffic);
  Around r;
  for (NodeId v = 0; v < share.num_nodes(); ++v)
    if (anchor[v]) r.global.push_back(v);
  for (const Piece& x : in) r.global.insert(r.global.end(), {x.source, x.target});
  std::sort(r.global.begin(), r.global.end());
  r.global.erase(std::unique(r.global.begin(), r.global.end()), r.global.end());
  auto local = [&](NodeId v) {
    return static_cast<NodeId>(std::lower_bound(r.global.begin(), r.global.end(), v) - r.global.begin());
  };
  CaseBuilder b(share.relations());
  b.reserve(r.global.size(), in.size());
  for (NodeId v : r.global) b.add_node(share.node_id(v), share.kind(v), share.label(v), share.role(v), share.country(v));
  for (const Piece& x : in) b.add_evidence(local(x.source), local(x.target), x.relation, values_of(x));
  r.c = std::move(b).freeze();
  return r;
}

// implicit_seeds() on an Around case, seeds and cleared persons translated into its nodes and the
// answer back into the whole case's.
std::vector<ImplicitSeed> implicit_on(const Around& a, std::span<const Seed> seeds, std::span<const Seed> cleared,
                                      const PropagationParams& p) {
  auto translate = [&](std::span<const Seed> list) {
    std::vector<Seed> out;
    for (const Seed& s : list) {
      const auto it = std::lower_bound(a.global.begin(), a.global.end(), s.node);
      if (it != a.global.end() && *it == s.node) out.push_back(Seed{static_cast<NodeId>(it - a.global.begin()), s.confidence, {}});
    }
    return out;
  };
  std::vector<ImplicitSeed> found = implicit_seeds(a.c, translate(seeds), translate(cleared), p);
  for (ImplicitSeed& s : found) {
    s.node = a.global[s.node];
    for (NodeId& v : s.via) v = a.global[v];
  }
  return found;
}

}  // namespace

std::vector<ImplicitSeed> implicit_seeds_all(MPI_Comm comm, const Case& share, std::span<const Seed> seeds,
                                             std::span<const Seed> cleared, const PropagationParams& p,
                                             Traffic* traffic) {
  if (p.group_seeds == GroupSeeds::off || p.method == Method::naive) return {};
  std::vector<std::uint8_t> anchor(share.num_nodes(), 0);
  for (const Seed& s : seeds) anchor[s.node] = 1;
  PropagationParams group_only = p;
  group_only.group_seeds = GroupSeeds::group;
  std::vector<ImplicitSeed> groups = implicit_on(organizational_around(comm, share, anchor, traffic), seeds, cleared, group_only);
  if (p.group_seeds == GroupSeeds::group) return groups;
  for (const ImplicitSeed& g : groups) anchor[g.node] = 1;
  return implicit_on(organizational_around(comm, share, anchor, traffic), seeds, cleared, p);
}

Timestamp latest_time_all(MPI_Comm comm, const Case& share) {
  const Timestamp mine = latest_time(share);
  const std::int64_t t = max_all(comm, mine.seconds);
  if (t == Timestamp::kNone) return Timestamp::none();
  // date_only of the latest piece does not change decay (days() uses seconds).
  return Timestamp{t, true};
}

}  // namespace corridor::mpi

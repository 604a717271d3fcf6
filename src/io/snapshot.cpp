// The `.corridor` snapshot: a header that is checked before anything else, then a Boost binary
// archive of the case's columns written and read through bounded helpers.
//
// Why not Boost's own std::vector / std::string serialization: on load it resizes to whatever
// count the archive claims before reading a byte, so a hostile or corrupt count makes it allocate
// (and zero-fill) gigabytes. Here every count is checked against the bytes that remain first, the
// archive's own header is compared byte for byte with the one this build writes before Boost
// parses it (its signature string has the same unchecked resize), and only fixed-size primitives
// and raw blocks reach Boost. After loading, every invariant the rest of the library relies on is
// checked, so a file that passes the checksum but was crafted by hand is still an InputError.
//
// The checksum is SHA-256 (OpenSSL EVP): with SHA-NI it hashes about 1.6 GB/s here, so it costs a
// few percent of a load, and it is a standard digest anyone can recompute with `sha256sum`. It
// detects corruption; it does not authenticate (snapshots are checked, not signed).
#include "corridor/io/snapshot.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <exception>
#include <cstring>
#include <functional>
#include <iterator>
#include <limits>
#include <streambuf>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/serialization/split_member.hpp>
#include <boost/serialization/version.hpp>

#include "corridor/error.hpp"
#include "corridor/io/file.hpp"
#include "io/read_fd.hpp"
#include "io/snapshot_impl.hpp"
#include "src_util.hpp"

namespace corridor::detail {

namespace {

constexpr char kMagic[kSnapshotMagicBytes] = {'C', 'O', 'R', 'R', 'I', 'D', 'O', 'R', '\0'};

// Appends everything written to a std::string (no extra copy as with std::ostringstream).
class StringSink : public std::streambuf {
 public:
  explicit StringSink(std::string& out) : out_(out) {}

 protected:
  int_type overflow(int_type ch) override {
    if (!traits_type::eq_int_type(ch, traits_type::eof())) out_.push_back(traits_type::to_char_type(ch));
    return traits_type::not_eof(ch);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    out_.append(s, static_cast<std::size_t>(n));
    return n;
  }

 private:
  std::string& out_;
};

}  // namespace

// Where the archive's bytes come from, and how many are left: every count in the payload is
// checked against remaining() before anything is allocated for it.
class BoundedSource : public std::streambuf {
 public:
  virtual std::size_t remaining() const = 0;
};

namespace {

// Reads from a block of memory; in_avail() is the exact number of bytes left.
class MemorySource : public BoundedSource {
 public:
  MemorySource(const char* data, std::size_t size) {
    char* p = const_cast<char*>(data);  // the get area is never written through
    setg(p, p, p + size);
  }
  std::size_t remaining() const override { return static_cast<std::size_t>(egptr() - gptr()); }
};

// Reads the payload from a file with read(), hashing it as it arrives: the columns are read
// straight into their vectors (no copy of the whole file in memory beside the case), and the
// bytes are hashed while they are still in the cache. Never mapped (see load_snapshot).
class FileSource : public BoundedSource {
 public:
  FileSource(int fd, std::uint64_t length, std::string file)
      : fd_(fd), left_(length), file_(std::move(file)), buf_(std::size_t{1} << 16) {
    setg(buf_.data(), buf_.data(), buf_.data());
  }
  std::size_t remaining() const override {
    return static_cast<std::size_t>(left_) + static_cast<std::size_t>(egptr() - gptr());
  }
  /// Up to n bytes at the read position, without taking them (what the get area holds).
  std::string_view peek(std::size_t n) const {
    return {gptr(), std::min(n, static_cast<std::size_t>(egptr() - gptr()))};
  }
  /// The file ended before the payload did.
  bool truncated() const noexcept { return truncated_; }
  /// Bytes of the payload read from the file so far.
  std::uint64_t read_so_far(std::uint64_t length) const noexcept { return length - left_; }
  /// Reads (and hashes) what is left of the payload, then returns its digest.
  Sha256::Digest finish() {
    std::vector<char> rest(std::size_t{1} << 20);
    while (left_ > 0 && fill(rest.data(), rest.size()) > 0) {
    }
    return sha_.finish();
  }
  /// Whether the file holds more bytes after the payload.
  bool more_after() {
    char c = 0;
    return detail::read_up_to(fd_, &c, 1, file_) == 1;
  }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    const std::size_t n = fill(buf_.data(), buf_.size());
    setg(buf_.data(), buf_.data(), buf_.data() + n);
    return n == 0 ? traits_type::eof() : traits_type::to_int_type(*gptr());
  }
  std::streamsize xsgetn(char* s, std::streamsize count) override {
    auto want = static_cast<std::size_t>(count);
    std::size_t done = 0;
    while (done < want) {
      if (gptr() < egptr()) {
        const std::size_t take = std::min(want - done, static_cast<std::size_t>(egptr() - gptr()));
        std::memcpy(s + done, gptr(), take);
        gbump(static_cast<int>(take));
        done += take;
      } else if (want - done >= buf_.size()) {
        const std::size_t n = fill(s + done, want - done);  // a column: straight into its vector
        if (n == 0) break;
        done += n;
      } else if (traits_type::eq_int_type(underflow(), traits_type::eof())) {
        break;
      }
    }
    return static_cast<std::streamsize>(done);
  }

 private:
  // Reads up to n bytes of what is left of the payload into p and hashes them; fewer at the end
  // of the file.
  std::size_t fill(char* p, std::size_t n) {
    n = static_cast<std::size_t>(std::min<std::uint64_t>(n, left_));
    std::size_t got = 0;
    while (got < n) {
      const std::size_t piece = std::min<std::size_t>(n - got, std::size_t{4} << 20);
      const std::size_t r = detail::read_up_to(fd_, p + got, piece, file_);
      sha_.update(std::string_view(p + got, r));
      got += r;
      left_ -= r;
      if (r < piece) {
        truncated_ = true;
        break;
      }
    }
    return got;
  }

  int fd_;
  std::uint64_t left_;
  std::string file_;
  std::vector<char> buf_;
  Sha256 sha_;
  bool truncated_ = false;
};

void put_le(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
std::uint64_t get_le(const char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= static_cast<std::uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

// The bytes every archive of this build starts with: the length-prefixed signature. Checked
// before Boost reads them because Boost resizes a string to the stored length unchecked.
const std::string& archive_prefix() {
  static const std::string prefix = [] {
    std::string s;
    {
      StringSink sink(s);
      boost::archive::binary_oarchive ar(sink);
    }
    return s.substr(0, sizeof(std::size_t) + std::strlen(boost::archive::BOOST_ARCHIVE_SIGNATURE()));
  }();
  return prefix;
}

}  // namespace

std::string seal_snapshot(std::string_view payload) {
  std::string out;
  out.reserve(kSnapshotHeaderBytes + payload.size());
  out.append(kMagic, kSnapshotMagicBytes);
  put_le(out, kSnapshotFormatVersion, 4);
  put_le(out, payload.size(), 8);
  auto digest = corridor::sha256(payload);
  out.append(reinterpret_cast<const char*>(digest.data()), digest.size());
  out.append(payload);
  return out;
}

std::string_view snapshot_payload(std::string_view bytes) {
  return bytes.size() < kSnapshotHeaderBytes ? std::string_view() : bytes.substr(kSnapshotHeaderBytes);
}

// ---- the payload ------------------------------------------------------------------------------

// What the archive holds. Version 1: counts, node columns, node attributes, evidence columns,
// source references, evidence attributes, relation registry, seeds, warnings. Version 2 adds each
// relation's volume kind after its built-in flag (version 1 snapshots load with the defaults).
// Version 3 adds the number of warnings counted but not listed after the warnings (0 before).
struct SnapshotModel {
  const Case* save_from = nullptr;
  CaseColumns* load_into = nullptr;
  BoundedSource* source = nullptr;
  const std::string* name = nullptr;

  template <class Ar>
  void save(Ar& ar, unsigned /*version*/) const;
  template <class Ar>
  void load(Ar& ar, unsigned version);
  BOOST_SERIALIZATION_SPLIT_MEMBER()
};

}  // namespace corridor::detail

BOOST_CLASS_VERSION(corridor::detail::SnapshotModel, 3)

namespace corridor::detail {

namespace {

template <class Ar>
struct Writer {
  Ar& ar;
  void u64(std::uint64_t v) { ar << v; }
  void u8(std::uint8_t v) { ar << v; }
  void f64(double v) { ar << v; }
  template <class T>
  void vec(const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    u64(v.size());
    if (!v.empty()) ar.save_binary(v.data(), v.size() * sizeof(T));
  }
  void str(std::string_view s) {
    u64(s.size());
    if (!s.empty()) ar.save_binary(s.data(), s.size());
  }
  void column(const StringColumn& c) {
    vec(c.chars());
    vec(c.offsets());
  }
  void attributes(const std::vector<AttributeColumn>& cols) {
    u64(cols.size());
    for (const auto& a : cols) {
      str(a.name);
      column(a.values);
    }
  }
};

template <class Ar>
struct Reader {
  Ar& ar;
  BoundedSource& source;
  const std::string& name;

  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(name, 0, "", "snapshot is corrupt: " + what + "; re-create it from the case files");
  }
  std::uint64_t u64() {
    std::uint64_t v = 0;
    ar >> v;
    return v;
  }
  std::uint8_t u8() {
    std::uint8_t v = 0;
    ar >> v;
    return v;
  }
  double f64() {
    double v = 0;
    ar >> v;
    return v;
  }
  // A count of items of at least `min_bytes` each, bounded by what remains.
  std::uint64_t count(const char* what, std::size_t min_bytes) {
    std::uint64_t n = u64();
    if (n > source.remaining() / std::max<std::size_t>(min_bytes, 1))
      fail(std::string(what) + " claims " + std::to_string(n) + " entries but only " +
           std::to_string(source.remaining()) + " bytes remain");
    return n;
  }
  template <class T>
  std::vector<T> vec(const char* what) {
    static_assert(std::is_trivially_copyable_v<T>);
    std::uint64_t n = count(what, sizeof(T));
    std::vector<T> v(static_cast<std::size_t>(n));
    if (n > 0) ar.load_binary(v.data(), static_cast<std::size_t>(n) * sizeof(T));
    return v;
  }
  std::string str(const char* what) {
    std::uint64_t n = count(what, 1);
    std::string s(static_cast<std::size_t>(n), '\0');
    if (n > 0) ar.load_binary(s.data(), static_cast<std::size_t>(n));
    return s;
  }
  StringColumn column(const std::string& what, std::size_t expected_size) {
    auto chars = vec<char>(what.c_str());
    auto offsets = vec<std::uint64_t>(what.c_str());
    if (offsets.size() != expected_size + 1)
      fail("column " + what + " has " + std::to_string(offsets.size() ? offsets.size() - 1 : 0) +
           " values, expected " + std::to_string(expected_size));
    try {
      return StringColumn::from_parts(std::move(chars), std::move(offsets));
    } catch (const InputError&) {
      fail("column " + what + " has inconsistent offsets");
    }
  }
  std::vector<AttributeColumn> attributes(const char* what, std::size_t rows) {
    // An attribute column holds at least its name length, two counts and one offset.
    std::uint64_t n = count(what, 32);
    std::vector<AttributeColumn> cols;
    cols.reserve(static_cast<std::size_t>(n));
    for (std::uint64_t i = 0; i < n; ++i) {
      std::string col_name = str(what);
      StringColumn values = column(std::string(what) + " \"" + col_name + "\"", rows);
      cols.push_back(AttributeColumn{std::move(col_name), std::move(values)});
    }
    return cols;
  }
};

}  // namespace

template <class Ar>
void SnapshotModel::save(Ar& ar, unsigned) const {
  const Case& c = *save_from;
  const CaseColumns& col = c.columns();
  Writer<Ar> w{ar};
  w.u64(c.num_nodes());
  w.u64(c.num_evidence());
  w.column(col.ids);
  w.column(col.labels);
  w.column(col.roles);
  w.column(col.countries);
  w.vec(col.kinds);
  w.attributes(c.node_attributes());
  w.vec(col.source);
  w.vec(col.target);
  w.vec(col.relation);
  w.vec(col.weight);
  w.vec(col.confidence);
  w.vec(col.grade);
  w.vec(col.time);
  w.vec(col.date_only);
  w.vec(col.source_ref);
  w.column(col.source_refs);
  w.attributes(c.evidence_attributes());
  const auto& rels = c.relations().all();
  w.u64(rels.size());
  for (const auto& r : rels) {
    w.str(r.name);
    w.u8(r.directed ? 1 : 0);
    w.f64(r.transmission);
    w.u8(static_cast<std::uint8_t>(r.cls));
    w.u8(r.builtin ? 1 : 0);
    w.u8(static_cast<std::uint8_t>(r.volume));
  }
  w.u64(c.seeds().size());
  for (const auto& s : c.seeds()) {
    w.u64(s.node);
    w.f64(s.confidence);
    w.str(s.note);
  }
  w.u64(c.warnings().size());
  for (const auto& d : c.warnings()) {
    w.u8(d.severity == Diagnostic::Severity::warning ? 1 : 0);
    w.str(d.file);
    w.u64(d.line);
    w.str(d.field);
    w.str(d.message);
  }
  w.u64(c.unlisted_warnings());
}

namespace {

// Reads the columns; the invariants of a case are checked by Case::from_columns afterwards.
template <class Ar>
void load_model(Reader<Ar>& r, CaseColumns& c, unsigned version) {
  const std::uint64_t n = r.u64();
  const std::uint64_t m = r.u64();
  // Each node holds at least a kind byte and four 8-byte offsets; each piece of evidence at least
  // 32 bytes of fixed columns. Checked now so a header claiming 10^15 nodes fails before any
  // allocation.
  if (n > r.source.remaining() / 33)
    r.fail("it claims " + std::to_string(n) + " nodes but only " + std::to_string(r.source.remaining()) +
           " bytes remain");
  if (m > r.source.remaining() / 32)
    r.fail("it claims " + std::to_string(m) + " pieces of evidence but only " +
           std::to_string(r.source.remaining()) + " bytes remain");
  if (n >= kNoNode) r.fail("too many nodes");
  if (m >= 0xFFFFFFF0u) r.fail("too many pieces of evidence");
  const auto nn = static_cast<std::size_t>(n), mm = static_cast<std::size_t>(m);

  c.ids = r.column("id", nn);
  c.labels = r.column("label", nn);
  c.roles = r.column("role", nn);
  c.countries = r.column("country", nn);
  c.kinds = r.template vec<NodeKind>("kind");
  c.node_attrs = r.attributes("node attributes", nn);
  c.source = r.template vec<NodeId>("source");
  c.target = r.template vec<NodeId>("target");
  c.relation = r.template vec<RelationId>("relation");
  c.weight = r.template vec<float>("weight");
  c.confidence = r.template vec<float>("confidence");
  c.grade = r.template vec<Grade>("grade");
  c.time = r.template vec<std::int64_t>("time");
  c.date_only = r.template vec<std::uint8_t>("time");
  c.source_ref = r.template vec<std::uint32_t>("source_ref");
  {
    // The interned source references: their count is their own.
    auto chars = r.template vec<char>("source_ref");
    auto offsets = r.template vec<std::uint64_t>("source_ref");
    try {
      c.source_refs = StringColumn::from_parts(std::move(chars), std::move(offsets));
    } catch (const InputError&) {
      r.fail("column source_ref has inconsistent offsets");
    }
  }
  c.edge_attrs = r.attributes("evidence attributes", mm);

  // Relations: built-ins first in their fixed order, then user relations; rebuilt through the
  // registry's own checks.
  const std::uint64_t nrel = r.count("relations", 19);
  if (nrel < kBuiltinRelationCount || nrel > 60000)
    r.fail("the relation registry has " + std::to_string(nrel) + " entries");
  RelationRegistry reg;
  for (std::uint64_t i = 0; i < nrel; ++i) {
    std::string name = r.str("relation name");
    const std::uint8_t directed = r.u8();
    const double transmission = r.f64();
    const std::uint8_t cls = r.u8();
    const std::uint8_t builtin = r.u8();
    const std::uint8_t volume =
        version >= 2 ? r.u8()
                     : static_cast<std::uint8_t>(i < kBuiltinRelationCount ? reg.info(static_cast<RelationId>(i)).volume
                                                                           : Volume::count);
    if (directed > 1 || builtin > 1 || cls > static_cast<std::uint8_t>(RelationClass::generic) ||
        volume > static_cast<std::uint8_t>(Volume::ignore))
      r.fail("relation " + detail::quoted(name) + " has invalid flags");
    const bool is_builtin = i < kBuiltinRelationCount;
    if ((builtin == 1) != is_builtin || (is_builtin && reg.info(static_cast<RelationId>(i)).name != name))
      r.fail("relation " + detail::quoted(name) + " does not match the built-in relations");
    RelationId id = 0;
    try {
      id = reg.define(name, directed == 1, transmission, static_cast<RelationClass>(cls), static_cast<Volume>(volume));
    } catch (const ParamError& e) {
      r.fail(e.what());
    }
    if (id != i) r.fail("relation " + detail::quoted(name) + " appears twice");
  }
  c.relations = std::move(reg);

  const std::uint64_t nseeds = r.count("seeds", 24);
  auto& seeds = c.seeds;
  seeds.reserve(static_cast<std::size_t>(nseeds));
  for (std::uint64_t i = 0; i < nseeds; ++i) {
    Seed s;
    const std::uint64_t node = r.u64();
    s.confidence = r.f64();
    s.note = r.str("seed note");
    // Narrowed only when in range, so a huge value cannot wrap onto a real node; the range
    // itself is a case invariant (Case::from_columns).
    s.node = node < n ? static_cast<NodeId>(node) : kNoNode;
    seeds.push_back(std::move(s));
  }

  const std::uint64_t nwarn = r.count("warnings", 33);
  auto& warnings = c.warnings;
  warnings.reserve(static_cast<std::size_t>(nwarn));
  for (std::uint64_t i = 0; i < nwarn; ++i) {
    Diagnostic d;
    const std::uint8_t sev = r.u8();
    d.file = r.str("warning");
    d.line = static_cast<std::size_t>(r.u64());
    d.field = r.str("warning");
    d.message = r.str("warning");
    if (sev > 1) r.fail("a warning has an invalid severity");
    d.severity = sev == 1 ? Diagnostic::Severity::warning : Diagnostic::Severity::error;
    warnings.push_back(std::move(d));
  }
  // Unlisted warnings are summarised by the last one listed, so a count without it is corrupt.
  c.unlisted_warnings = version >= 3 ? r.u64() : 0;
  if (c.unlisted_warnings > 0 && warnings.empty()) r.fail("it counts unlisted warnings but lists none");
}

}  // namespace

template <class Ar>
void SnapshotModel::load(Ar& ar, unsigned version) {
  Reader<Ar> r{ar, *source, *name};
  if (version < 1 || version > 3)
    r.fail("its data layout version " + std::to_string(version) + " is not supported (this build reads 1 to 3)");
  load_model(r, *load_into, version);
}

}  // namespace corridor::detail

namespace corridor {

std::string snapshot_bytes(const Case& c) {
  // The header is filled in after the payload is known; reserve its bytes up front so the
  // payload is written once, in place.
  std::string out;
  // The payload is the columns without the indexes, so memory_bytes() bounds it: one allocation
  // instead of a doubling series (page faults dominate the cost of writing a snapshot).
  out.reserve(detail::kSnapshotHeaderBytes + c.memory_bytes() + 4096);
  out.resize(detail::kSnapshotHeaderBytes);
  {
    detail::StringSink sink(out);
    boost::archive::binary_oarchive ar(sink);
    const detail::SnapshotModel model{&c, nullptr, nullptr, nullptr};
    ar << model;
  }
  const std::string_view payload = std::string_view(out).substr(detail::kSnapshotHeaderBytes);
  std::string header;
  header.append(detail::kMagic, detail::kSnapshotMagicBytes);
  detail::put_le(header, kSnapshotFormatVersion, 4);
  detail::put_le(header, payload.size(), 8);
  auto digest = sha256(payload);
  header.append(reinterpret_cast<const char*>(digest.data()), digest.size());
  std::copy(header.begin(), header.end(), out.begin());
  return out;
}

namespace {

[[noreturn]] void snapshot_fail(const std::string& name, const std::string& message) {
  throw InputError(name, 0, "", message);
}

// The header's checks, in the order every reader makes them; `size` is the whole file's size and
// `head` its first bytes (the whole header when size allows). Returns the payload length.
std::uint64_t check_header(std::string_view head, std::uint64_t size, const std::string& name) {
  if (head.size() < detail::kSnapshotMagicBytes || std::memcmp(head.data(), detail::kMagic, detail::kSnapshotMagicBytes) != 0)
    snapshot_fail(name, "not a corridor snapshot (the file does not start with \"CORRIDOR\"); load case folders, "
                        ".graphml or .corridor files written by corridor");
  if (head.size() < detail::kSnapshotHeaderBytes)
    snapshot_fail(name, "snapshot is truncated: " + std::to_string(std::min<std::uint64_t>(size, head.size())) +
                            " bytes, shorter than its " + std::to_string(detail::kSnapshotHeaderBytes) +
                            "-byte header; re-create it from the case files");
  const auto version = detail::get_le(head.data() + 9, 4);
  if (version != kSnapshotFormatVersion)
    snapshot_fail(name, "snapshot format version " + std::to_string(version) +
                            " is not supported (this build of corridor reads version " +
                            std::to_string(kSnapshotFormatVersion) + "); re-create the snapshot from the case files");
  const auto length = detail::get_le(head.data() + 13, 8);
  const std::uint64_t payload = size - detail::kSnapshotHeaderBytes;
  if (length != payload) snapshot_fail(name, length > payload ? "snapshot is truncated: its header promises " + std::to_string(length) +
                                                                    " bytes of data but " + std::to_string(payload) +
                                                                    " follow; re-create it from the case files"
                                                              : "snapshot has " + std::to_string(payload - length) +
                                                                    " unexpected bytes after its data; re-create it from the case files");
  return length;
}

[[noreturn]] void checksum_fail(const std::string& name) {
  snapshot_fail(name, "snapshot is corrupted (its SHA-256 checksum does not match its data); re-create it from the case files");
}

[[noreturn]] void prefix_fail(const std::string& name) {
  snapshot_fail(name, "snapshot is corrupt: its archive header is not a Boost binary archive of this platform; re-create "
                      "it from the case files");
}

// Reads the archive from `source` into `columns`; returns the failure, if any, for the caller to
// report once it knows the checksum holds (a checksum that fails says more).
std::exception_ptr parse_payload(detail::BoundedSource& source, CaseColumns& columns, const std::string& name) {
  try {
    boost::archive::binary_iarchive ar(source);
    detail::SnapshotModel model{nullptr, &columns, &source, &name};
    ar >> model;
  } catch (...) {
    return std::current_exception();
  }
  return nullptr;
}

// The parse failure as the error a user reads, then the checks that follow a parse: every byte
// used, every invariant of a case.
Case finish_load(std::exception_ptr failure, std::size_t left, CaseColumns columns, const std::string& name) {
  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const boost::archive::archive_exception& e) {
      snapshot_fail(name, std::string("snapshot is corrupt or was written by an incompatible build (") + e.what() +
                              "); re-create it from the case files");
    } catch (const std::length_error&) {
      snapshot_fail(name, "snapshot is corrupt (a size is out of range); re-create it from the case files");
    } catch (const std::bad_alloc&) {
      snapshot_fail(name, "snapshot is corrupt (a size is out of range); re-create it from the case files");
    }
  }
  if (left != 0)
    snapshot_fail(name, "snapshot is corrupt: " + std::to_string(left) +
                            " bytes are left after its data; re-create it from the case files");
  // A file that passes the checksum but was crafted by hand must still make a sound case.
  try {
    return Case::from_columns(std::move(columns));
  } catch (const InputError& e) {
    std::vector<Diagnostic> problems;
    for (const auto& d : e.problems())
      problems.push_back({Diagnostic::Severity::error, name, 0, "",
                          "snapshot is corrupt: " + d.message + "; re-create it from the case files"});
    throw InputError(std::move(problems));
  }
}

}  // namespace

Case snapshot_from_bytes(std::string_view bytes, const std::string& name) {
  check_header(bytes.substr(0, detail::kSnapshotHeaderBytes), bytes.size(), name);
  const std::string_view payload = bytes.substr(detail::kSnapshotHeaderBytes);
  const auto digest = sha256(payload);
  if (std::memcmp(digest.data(), bytes.data() + 21, digest.size()) != 0) checksum_fail(name);
  const std::string& prefix = detail::archive_prefix();
  if (payload.substr(0, prefix.size()) != prefix) prefix_fail(name);
  CaseColumns columns;
  detail::MemorySource source(payload.data(), payload.size());
  std::exception_ptr failure = parse_payload(source, columns, name);
  return finish_load(failure, source.remaining(), std::move(columns), name);
}

void save_snapshot(const Case& c, const std::filesystem::path& file) {
  c.validate(file.string());  // never write what load_snapshot would refuse
  const std::string bytes = snapshot_bytes(c);
  write_file_atomically(file, [&](std::ostream& out) { out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); });
}

Case load_snapshot(const std::filesystem::path& file) {
  // Read with read(), never mapped: a mapped file that a copy or a sync tool rewrites in place
  // while it loads kills the process with SIGBUS (150 of 1034 runs when measured), whereas bytes
  // read with read() can only be stale or torn, and the length and checksum checks turn that
  // into one clear error. The payload is read straight into the case's columns and hashed as it
  // arrives, so the file is not held in memory beside the case; the checksum is still decided
  // before any other problem of the payload is reported, as when the whole file was read first.
  // Devices and pipes are read whole by read_file(), which refuses the one and never hangs on
  // the other.
  const std::string name = file.string();
  const int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    if (fd >= 0) ::close(fd);
    Case c = snapshot_from_bytes(read_file(file), name);
    c.set_origin(name);
    return c;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  std::string head(detail::kSnapshotHeaderBytes, '\0');
  const std::size_t got = detail::read_up_to(fd, head.data(), head.size(), name);
  head.resize(got);
  const std::uint64_t length = check_header(head, std::max<std::uint64_t>(static_cast<std::uint64_t>(st.st_size), got), name);

  detail::FileSource source(fd, length, name);
  source.sgetc();  // the first block, so the archive's signature can be looked at in place
  const std::string& prefix = detail::archive_prefix();
  const bool prefix_ok = source.peek(prefix.size()) == prefix;
  CaseColumns columns;
  std::exception_ptr failure = prefix_ok ? parse_payload(source, columns, name) : nullptr;
  const std::size_t left = source.remaining();
  const auto digest = source.finish();
  // The file changed since its size was read: shorter or longer than its header says.
  if (source.truncated())
    snapshot_fail(name, "snapshot is truncated: its header promises " + std::to_string(length) + " bytes of data but " +
                            std::to_string(source.read_so_far(length)) + " follow; re-create it from the case files");
  if (source.more_after()) {
    struct stat now {};
    const std::uint64_t size = ::fstat(fd, &now) == 0 ? static_cast<std::uint64_t>(now.st_size) : 0;
    const std::uint64_t extra = size > detail::kSnapshotHeaderBytes + length ? size - detail::kSnapshotHeaderBytes - length : 1;
    snapshot_fail(name, "snapshot has " + std::to_string(extra) + " unexpected bytes after its data; re-create it from the case files");
  }
  if (std::memcmp(digest.data(), head.data() + 21, digest.size()) != 0) checksum_fail(name);
  if (!prefix_ok) prefix_fail(name);
  Case c = finish_load(failure, left, std::move(columns), name);
  c.set_origin(name);
  return c;
}

}  // namespace corridor

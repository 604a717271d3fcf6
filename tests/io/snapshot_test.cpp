// The .corridor snapshot: round trips, and every kind of damage is a clear InputError.
#include <catch2/catch.hpp>

#include <openssl/evp.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

#include "corridor/io/snapshot.hpp"
#include "io/io_fixtures.hpp"
#include "io/snapshot_impl.hpp"

using namespace corridor;

namespace {

// Reads every accessor of every node and piece of evidence: a loaded case must be internally
// consistent, whatever bytes it came from.
void walk(const Case& c) {
  std::size_t sum = 0;
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    REQUIRE(c.find(c.node_id(v)) == v);
    sum += c.label(v).size() + c.role(v).size() + c.country(v).size() + to_string(c.kind(v)).size();
    for (const auto& a : c.node_attributes()) sum += a.values[v].size();
    for (EvidenceId e : c.out_evidence(v)) REQUIRE(c.source(e) == v);
    for (EvidenceId e : c.in_evidence(v)) REQUIRE(c.target(e) == v);
  }
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    REQUIRE(c.source(e) < c.num_nodes());
    REQUIRE(c.target(e) < c.num_nodes());
    REQUIRE(c.weight(e) > 0);
    REQUIRE((c.confidence(e) >= 0 && c.confidence(e) <= 1));
    sum += c.relation_name(e).size() + c.grade(e).to_string().size() + c.source_ref(e).size();
    for (const auto& a : c.evidence_attributes()) sum += a.values[e].size();
  }
  for (const auto& s : c.seeds()) REQUIRE(s.node < c.num_nodes());
  CHECK(sum > 0);
}

std::string sha256(std::string_view data) {
  unsigned char digest[32];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<char*>(digest), len);
}

// Replaces the payload and recomputes length and checksum, as a deliberate forger would.
std::string reseal(std::string_view payload) { return detail::seal_snapshot(payload); }

void put_u64(std::string& s, std::size_t at, std::uint64_t v) { std::memcpy(s.data() + at, &v, 8); }

// Offset in the payload of the (nodes, evidence) counts that open the model.
std::size_t counts_offset(std::string_view payload, std::uint64_t n, std::uint64_t m) {
  char pattern[16];
  std::memcpy(pattern, &n, 8);
  std::memcpy(pattern + 8, &m, 8);
  auto pos = payload.find(std::string_view(pattern, 16));
  REQUIRE(pos != std::string_view::npos);
  REQUIRE(payload.find(std::string_view(pattern, 16), pos + 1) == std::string_view::npos);
  return pos;
}

}  // namespace

TEST_CASE("snapshot round trip keeps everything operator== compares, and the warnings") {
  const Case c = test::rich_case();
  REQUIRE(c.num_evidence() == 41);
  REQUIRE(c.warnings().size() == 1);
  const std::string bytes = snapshot_bytes(c);
  const Case back = snapshot_from_bytes(bytes);
  CHECK(back == c);
  CHECK(back.relations().info(*back.relations().find("communicated")).transmission == 0.4);
  CHECK(back.relations().find("rented_car_to") == c.relations().find("rented_car_to"));
  CHECK(back.relations().info(back.relations().require("met_at")).volume == Volume::ignore);
  REQUIRE(back.seeds().size() == 2);
  CHECK(back.seeds()[0].note == "armed group, \"synthetic\"\nsecond line");
  REQUIRE(back.warnings().size() == 1);
  CHECK(back.warnings()[0].message == c.warnings()[0].message);
  CHECK(back.label(*back.find("P002")) == "first line\nsecond line\r\nthird");
  // The indexes are rebuilt, not stored: adjacency matches the original.
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    auto a = c.out_evidence(v), b2 = back.out_evidence(v);
    CHECK(std::vector<EvidenceId>(a.begin(), a.end()) == std::vector<EvidenceId>(b2.begin(), b2.end()));
    auto x = c.in_evidence(v), y = back.in_evidence(v);
    CHECK(std::vector<EvidenceId>(x.begin(), x.end()) == std::vector<EvidenceId>(y.begin(), y.end()));
  }
  walk(back);
  // Deterministic bytes: the same case gives the same snapshot.
  CHECK(snapshot_bytes(back) == bytes);
}

TEST_CASE("snapshot header layout: magic, version, length, SHA-256 of the payload") {
  const std::string bytes = snapshot_bytes(test::rich_case());
  REQUIRE(bytes.size() > detail::kSnapshotHeaderBytes);
  CHECK(std::memcmp(bytes.data(), "CORRIDOR\0", 9) == 0);
  std::uint32_t version = 0;
  std::memcpy(&version, bytes.data() + 9, 4);
  CHECK(version == kSnapshotFormatVersion);
  std::uint64_t length = 0;
  std::memcpy(&length, bytes.data() + 13, 8);
  CHECK(length == bytes.size() - detail::kSnapshotHeaderBytes);
  CHECK(bytes.substr(21, 32) == sha256(detail::snapshot_payload(bytes)));
  CHECK(reseal(detail::snapshot_payload(bytes)) == bytes);
}

TEST_CASE("empty cases round trip") {
  const Case built = CaseBuilder().freeze();
  CHECK(snapshot_from_bytes(snapshot_bytes(built)) == built);
  const Case defaulted;
  const Case back = snapshot_from_bytes(snapshot_bytes(defaulted));
  CHECK(back == defaulted);
  CHECK(back.num_nodes() == 0);
  CHECK_FALSE(back.find("P001"));
}

TEST_CASE("a truncated snapshot is an InputError at every length") {
  const std::string bytes = snapshot_bytes(test::rich_case());
  for (std::size_t len = 0; len < bytes.size(); ++len) {
    INFO("length " << len << " of " << bytes.size());
    CHECK_THROWS_AS(snapshot_from_bytes(std::string_view(bytes).substr(0, len), "t.corridor"), InputError);
  }
  CHECK_THROWS_WITH(snapshot_from_bytes(std::string_view(bytes).substr(0, bytes.size() - 1), "t.corridor"),
                    Catch::Contains("t.corridor") && Catch::Contains("truncated"));
  CHECK_THROWS_WITH(snapshot_from_bytes(bytes + "x", "t.corridor"), Catch::Contains("unexpected bytes"));
}

TEST_CASE("flipping any single byte of a snapshot is an InputError") {
  CaseBuilder b;
  b.add_node({.id = "P001", .kind = NodeKind::smuggler, .label = "a \"b\", c"});
  b.add_node({.id = "P002", .kind = NodeKind::migrant});
  b.add_evidence({.source = "P001", .target = "P002", .relation = "smuggled", .grade = "B2", .time = "2021-01-02"});
  b.add_seed("P001", 0.5);
  const std::string bytes = snapshot_bytes(std::move(b).freeze());
  std::size_t failures = 0;
  for (std::size_t i = 0; i < bytes.size(); ++i)
    for (unsigned mask : {0x01u, 0x80u, 0xFFu}) {
      std::string damaged = bytes;
      damaged[i] = static_cast<char>(static_cast<unsigned char>(damaged[i]) ^ mask);
      INFO("byte " << i << " xor " << mask);
      CHECK_THROWS_AS(snapshot_from_bytes(damaged), InputError);
      try {
        (void)snapshot_from_bytes(damaged);
      } catch (const InputError&) {
        ++failures;
      }
    }
  CHECK(failures == bytes.size() * 3);
}

TEST_CASE("a forged snapshot with a valid checksum never loads an inconsistent case") {
  // Flip each payload byte and recompute the checksum: the archive must either be rejected by
  // the invariant checks or load a case that is consistent (e.g. a changed letter of a label).
  const Case original = test::rich_case();
  const std::string bytes = snapshot_bytes(original);
  const std::string payload(detail::snapshot_payload(bytes));
  std::size_t rejected = 0, loaded = 0;
  std::vector<std::size_t> identical;
  for (std::size_t i = 0; i < payload.size(); ++i) {
    std::string p = payload;
    p[i] = static_cast<char>(static_cast<unsigned char>(p[i]) ^ 0xFF);
    try {
      Case c = snapshot_from_bytes(reseal(p), "forged.corridor");
      ++loaded;
      walk(c);
      // A flipped byte that loads must show up in the loaded case: in what operator== compares,
      // or in what it deliberately ignores (warnings, the bits of a NaN "no confidence").
      if (snapshot_bytes(c) == bytes) {
        identical.push_back(i);
        continue;
      }
    } catch (const InputError& e) {
      ++rejected;
      REQUIRE(std::string(e.what()).find("forged.corridor") != std::string::npos);
    }
  }
  CHECK(rejected > 0);
  CHECK(loaded > 0);  // label bytes, weights, times... are free data
  CHECK(rejected + loaded == payload.size());
  // Only bytes of Boost's archive preamble that do not change the content (its library version,
  // the class's tracking flag) may load back the very same case.
  CAPTURE(identical);
  CHECK(identical.size() <= 4);
  for (std::size_t i : identical) CHECK(i < 64);
}

TEST_CASE("a snapshot claiming 10^15 nodes fails fast without allocating") {
  const Case c = test::rich_case();
  const std::string bytes = snapshot_bytes(c);
  const std::string payload(detail::snapshot_payload(bytes));
  const std::size_t at = counts_offset(payload, c.num_nodes(), c.num_evidence());
  for (int which = 0; which < 2; ++which) {
    std::string p = payload;
    put_u64(p, at + 8 * which, 1'000'000'000'000'000ull);
    const auto start = std::chrono::steady_clock::now();
    CHECK_THROWS_WITH(snapshot_from_bytes(reseal(p), "huge.corridor"),
                      Catch::Contains("huge.corridor") && Catch::Contains("claims 1000000000000000"));
    // No timing assertion: a failure here would show as an out-of-memory kill, not a slow test.
    (void)start;
  }
  // The id column's own character count right after the counts.
  std::string p = payload;
  put_u64(p, at + 16, 1'000'000'000'000'000ull);
  CHECK_THROWS_WITH(snapshot_from_bytes(reseal(p)), Catch::Contains("id claims 1000000000000000 entries"));
  // Every 8-byte window set to a huge count: still only InputErrors.
  for (std::size_t i = 0; i + 8 <= payload.size(); ++i) {
    std::string q = payload;
    put_u64(q, i, 1'000'000'000'000'000ull);
    INFO("offset " << i);
    try {
      walk(snapshot_from_bytes(reseal(q)));
    } catch (const InputError&) {
    }
  }
}

TEST_CASE("wrong magic, version or checksum get messages that say what to do") {
  const std::string bytes = snapshot_bytes(test::rich_case());
  std::string magic = bytes;
  magic[0] = 'X';
  CHECK_THROWS_WITH(snapshot_from_bytes(magic, "m.corridor"),
                    Catch::StartsWith("m.corridor: ") && Catch::Contains("not a corridor snapshot"));
  CHECK_THROWS_WITH(snapshot_from_bytes("nodes.csv,id,kind\n", "x"), Catch::Contains("not a corridor snapshot"));
  std::string version = bytes;
  version[9] = 2;
  CHECK_THROWS_WITH(snapshot_from_bytes(version, "v.corridor"),
                    Catch::Contains("format version 2 is not supported") && Catch::Contains("reads version 1"));
  std::string sum = bytes;
  sum[30] ^= 0x10;
  CHECK_THROWS_WITH(snapshot_from_bytes(sum), Catch::Contains("checksum"));
  std::string data = bytes;
  data[bytes.size() - 3] ^= 0x10;
  CHECK_THROWS_WITH(snapshot_from_bytes(data), Catch::Contains("checksum"));
}

TEST_CASE("a forged archive header never reaches Boost's unchecked string load") {
  const std::string bytes = snapshot_bytes(test::rich_case());
  std::string p(detail::snapshot_payload(bytes));
  put_u64(p, 0, 1'000'000'000'000'000ull);  // Boost's signature length
  CHECK_THROWS_WITH(snapshot_from_bytes(reseal(p)), Catch::Contains("archive header"));
}

TEST_CASE("forged values are rejected by the invariant checks") {
  // A two-node case whose columns are easy to find in the payload.
  CaseBuilder b;
  b.add_node("SRC1", NodeKind::smuggler);
  b.add_node("DST2", NodeKind::migrant);
  b.add_evidence({.source = "SRC1", .target = "DST2", .relation = "smuggled", .weight = 3.0});
  const Case c = std::move(b).freeze();
  const std::string payload(detail::snapshot_payload(snapshot_bytes(c)));

  auto forge = [&](std::string_view find, std::string_view replace) {
    std::string p = payload;
    auto pos = p.find(find);
    REQUIRE(pos != std::string::npos);
    p.replace(pos, replace.size(), replace);
    return reseal(p);
  };
  // A duplicate id.
  CHECK_THROWS_WITH(snapshot_from_bytes(forge("DST2", "SRC1")), Catch::Contains("appears twice"));
  // A weight of -3 (the float 3.0f with its sign bit set).
  const float w = 3.0f, neg = -3.0f;
  CHECK_THROWS_WITH(snapshot_from_bytes(forge(std::string_view(reinterpret_cast<const char*>(&w), 4),
                                              std::string_view(reinterpret_cast<const char*>(&neg), 4))),
                    Catch::Contains("weight"));
  // A built-in relation renamed.
  CHECK_THROWS_WITH(snapshot_from_bytes(forge("smuggled", "smuggleX")), Catch::Contains("built-in"));
}

TEST_CASE("snapshot files: save atomically, load, and clear errors") {
  namespace fs = std::filesystem;
  const Case c = test::rich_case();
  const fs::path dir = fs::temp_directory_path() / "corridor_snapshot_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path file = dir / "case.corridor";
  save_snapshot(c, file);
  const Case back = load_snapshot(file);
  CHECK(back == c);
  CHECK(back.origin() == file.string());
  // Overwriting replaces the file whole and leaves no temporary behind.
  save_snapshot(CaseBuilder().freeze(), file);
  CHECK(load_snapshot(file).num_nodes() == 0);
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  // A damaged file names itself.
  {
    std::string bytes = snapshot_bytes(c);
    bytes.resize(bytes.size() / 2);
    std::ofstream out(dir / "half.corridor", std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  CHECK_THROWS_WITH(load_snapshot(dir / "half.corridor"),
                    Catch::Contains((dir / "half.corridor").string()) && Catch::Contains("truncated"));
  CHECK_THROWS_AS(load_snapshot(dir / "missing.corridor"), IoError);
  CHECK_THROWS_AS(save_snapshot(c, dir / "no" / "such" / "dir" / "x.corridor"), IoError);
  fs::remove_all(dir);
}

TEST_CASE("a snapshot file read as it streams loads what its bytes load and fails with the same message") {
  // load_snapshot() reads the payload into the columns as it hashes it; snapshot_from_bytes()
  // checks the whole bytes first. Damaged or forged, a file must give the same case or the same
  // message either way. The case has columns larger than the reader's 64 KiB buffer, so columns
  // are read both through the buffer and straight into their vectors.
  namespace fs = std::filesystem;
  CaseBuilder b;
  for (int i = 0; i < 200; ++i) b.add_node("N" + std::to_string(i), i % 2 ? NodeKind::smuggler : NodeKind::migrant);
  for (int e = 0; e < 12000; ++e) {
    EvidenceRecord r;
    r.source = "N" + std::to_string(e % 200);
    r.target = "N" + std::to_string((e * 7 + 3) % 200);
    r.relation = e % 3 ? "communicated" : "smuggled";
    r.weight = 1 + e % 5;
    r.source_ref = "R-" + std::to_string(e % 97);
    b.add_evidence(r);
  }
  b.add_seed("N1");
  const Case c = std::move(b).freeze();
  const std::string bytes = snapshot_bytes(c);
  REQUIRE(bytes.size() > 200000);
  const fs::path dir = fs::temp_directory_path() / ("corridor_snapshot_stream_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path file = dir / "s.corridor";
  auto outcome = [&](auto&& load) -> std::string {
    try {
      const Case got = load();
      return got == c ? "equal" : "different";
    } catch (const InputError& e) {
      return e.what();
    }
  };
  auto same = [&](const std::string& data) {
    {
      std::ofstream out(file, std::ios::binary | std::ios::trunc);
      out.write(data.data(), static_cast<std::streamsize>(data.size()));
    }
    const std::string from_file = outcome([&] { return load_snapshot(file); });
    const std::string from_bytes = outcome([&] { return snapshot_from_bytes(data, file.string()); });
    CHECK(from_file == from_bytes);
    return from_file;
  };
  CHECK(same(bytes) == "equal");
  CHECK_THAT(same(bytes + "xyz"), Catch::Contains("3 unexpected bytes"));
  std::mt19937_64 rng(7);
  const std::string payload(detail::snapshot_payload(bytes));
  for (int k = 0; k < 40; ++k) {
    const std::size_t len = rng() % bytes.size();
    INFO("truncated to " << len);
    CHECK_THAT(same(bytes.substr(0, len)), !Catch::Equals("equal"));
    std::string flipped = bytes;
    const std::size_t at = rng() % bytes.size();
    flipped[at] = static_cast<char>(flipped[at] ^ (1 + rng() % 255));
    INFO("byte " << at << " flipped");
    CHECK_THAT(same(flipped), !Catch::Equals("equal"));
    // A forger who reseals: the parse and the invariants decide, the same way from a file.
    std::string forged = payload;
    const std::size_t p = rng() % forged.size();
    forged[p] = static_cast<char>(forged[p] ^ (1 + rng() % 255));
    INFO("payload byte " << p << " forged");
    same(reseal(forged));
  }
  fs::remove_all(dir);
}

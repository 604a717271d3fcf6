// One set of case invariants, applied by every reader and checked before every writer, so
// corridor never writes a case it would refuse: the reproductions (duplicate seeds, a time
// pushed out of range by its offset, ids padded by spaces, attribute names that clash, a forged
// time near INT64_MIN printed as hour 39).
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "corridor/corridor.hpp"
#include "io/snapshot_impl.hpp"
#include "support/cli.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// The times a case may hold: 0000-01-01T00:00:00Z to 9999-12-31T23:59:59Z, in seconds.
constexpr std::int64_t kMinTime = -62167219200, kMaxTime = 253402300799;

Case two_nodes() {
  CaseBuilder b;
  b.add_node("SRC1", NodeKind::smuggler);
  b.add_node("DST2", NodeKind::migrant);
  b.add_evidence({.source = "SRC1", .target = "DST2", .relation = "smuggled", .weight = 3.0, .time = "2021-03-04"});
  b.add_seed("SRC1");
  return std::move(b).freeze();
}

bool refused(CaseColumns cols, const std::string& what) {
  try {
    (void)Case::from_columns(std::move(cols));
  } catch (const InputError& e) {
    return std::string(e.what()).find(what) != std::string::npos;
  }
  return false;
}

}  // namespace

TEST_CASE("times stay within years 0000-9999 after their offset; no time prints an impossible hour",
          "[safety][invariants]") {
  CHECK_FALSE(parse_time("9999-12-31T23:59-23:59"));
  CHECK_FALSE(parse_time("0000-01-01T00:00+00:01"));
  CHECK_FALSE(parse_time("9999-12-31T23:59:59-00:01"));
  REQUIRE(parse_time("9999-12-31T23:59:59Z"));
  CHECK(parse_time("9999-12-31T23:59:59Z")->seconds == kMaxTime);
  REQUIRE(parse_time("0000-01-01"));
  CHECK(parse_time("0000-01-01")->seconds == kMinTime);
  CHECK(parse_time("9999-12-31T23:59+23:59"));  // east of UTC: earlier, still in range

  // Property: every time in range prints and parses back to itself; any int64 prints an hour,
  // minute and second in range (a time near INT64_MIN printed hour 39).
  std::mt19937_64 rng(18);
  std::uniform_int_distribution<std::int64_t> in(kMinTime, kMaxTime);
  std::uniform_int_distribution<std::int64_t> any(std::numeric_limits<std::int64_t>::min() + 1,
                                                  std::numeric_limits<std::int64_t>::max());
  for (int i = 0; i < 20000; ++i) {
    const Timestamp t{in(rng), false};
    const auto back = parse_time(t.to_string());
    REQUIRE(back);
    REQUIRE(back->seconds == t.seconds);
  }
  for (std::int64_t s : {std::numeric_limits<std::int64_t>::min() + 1, std::numeric_limits<std::int64_t>::min() + 5,
                         std::numeric_limits<std::int64_t>::max(), any(rng), any(rng), any(rng)}) {
    const std::string text = Timestamp{s, false}.to_string();
    INFO(s << " -> " << text);
    const auto t = text.rfind('T');
    REQUIRE(t != std::string::npos);
    CHECK(std::stoi(text.substr(t + 1, 2)) < 24);
    CHECK(std::stoi(text.substr(t + 4, 2)) < 60);
    CHECK(std::stoi(text.substr(t + 7, 2)) < 60);
  }
}

TEST_CASE("the invariants that every reader applies refuse what the CSV reader refuses", "[safety][invariants]") {
  const Case c = two_nodes();
  REQUIRE(c.invariant_problems().empty());
  {  // a node given twice as a seed (GraphML, a snapshot)
    CaseColumns cols = c.columns();
    cols.seeds.push_back(cols.seeds[0]);
    CHECK(refused(cols, "\"SRC1\" is a seed twice"));
  }
  {  // a forged time near INT64_MIN, and one past 9999
    CaseColumns cols = c.columns();
    cols.time[0] = std::numeric_limits<std::int64_t>::min() + 5;
    CHECK(refused(cols, "time outside the years 0000 to 9999"));
    cols.time[0] = kMaxTime + 1;
    CHECK(refused(cols, "time outside the years 0000 to 9999"));
    cols.time[0] = 86400 + 3600;  // a date that is not midnight would print as another time
    cols.date_only[0] = 1;
    CHECK(refused(cols, "marked as a date"));
  }
  {  // attribute names that clash with a standard column or with each other
    const StringColumn two = c.columns().ids;  // any column of one value per node
    CaseColumns cols = c.columns();
    cols.node_attrs.push_back({"label", two});
    CHECK(refused(cols, "\"label\" clashes with a standard column"));
    cols = c.columns();
    cols.node_attrs.push_back({"alias", two});
    cols.node_attrs.push_back({"alias", two});
    CHECK(refused(cols, "\"alias\" appears twice"));
    cols = c.columns();
    cols.node_attrs.push_back({"alias", two});
    CHECK_NOTHROW(Case::from_columns(cols));
  }
}

TEST_CASE("a forged snapshot with a padded id or a clashing attribute is refused", "[safety][invariants]") {
  CaseBuilder b;
  b.add_node("SRC1", NodeKind::smuggler);
  b.add_node("DST2", NodeKind::migrant);
  b.set_node_attribute(0, "noteA", "x");
  b.set_node_attribute(0, "noteB", "y");
  b.add_evidence({.source = "SRC1", .target = "DST2", .relation = "smuggled", .weight = 3.0});
  const Case c = std::move(b).freeze();
  const std::string payload(detail::snapshot_payload(snapshot_bytes(c)));
  auto forge = [&](std::string_view find, std::string_view replace) {
    std::string p = payload;
    const auto pos = p.find(find);
    REQUIRE(pos != std::string::npos);
    p.replace(pos, replace.size(), replace);
    return detail::seal_snapshot(p);
  };
  CHECK_THROWS_WITH(snapshot_from_bytes(forge("DST2", "DST ")), Catch::Contains("begins or ends with a space"));
  CHECK_THROWS_WITH(snapshot_from_bytes(forge("noteB", "noteA")), Catch::Contains("appears twice"));
  CHECK_THROWS_WITH(snapshot_from_bytes(forge("noteB", "label")), Catch::Contains("clashes with a standard column"));
  CHECK(snapshot_from_bytes(forge("noteB", "noteC")).columns().node_attrs[1].name == "noteC");
}

TEST_CASE("no writer writes a case its readers would refuse", "[safety][invariants]") {
  TempDir t("corridor-inv");
  // The builder takes what a caller gives; a writer checks the invariants first.
  CaseBuilder b;
  b.add_node(" A", NodeKind::smuggler);
  b.add_node("B", NodeKind::migrant);
  b.add_evidence({.source = " A", .target = "B", .relation = "smuggled"});
  const Case padded = std::move(b).freeze();
  CaseBuilder b2;
  b2.add_node("A", NodeKind::smuggler);
  b2.add_seed("A");
  b2.add_seed("A", 0.5);
  const Case twice = std::move(b2).freeze();
  for (const Case* c : {&padded, &twice}) {
    for (const char* name : {"case", "case.corridor", "case.graphml"}) {
      INFO(name);
      const fs::path out = t.path / name;
      CHECK_THROWS_AS(save_case(*c, out), InputError);
      CHECK_FALSE(fs::exists(out));
    }
    CHECK_THROWS_AS(write_case(*c, t.path / "direct"), InputError);
    CHECK_THROWS_AS(save_snapshot(*c, t.path / "direct.corridor"), InputError);
    CHECK_FALSE(fs::exists(t.path / "direct"));
    CHECK_FALSE(fs::exists(t.path / "direct.corridor"));
  }
}

TEST_CASE("the command: a time shifted out of range is an error naming file, line and field; convert writes "
          "only what validate accepts",
          "[safety][invariants]") {
  TempDir t("corridor-inv-cli");
  const fs::path dir = t.path / "case";
  fs::create_directories(dir);
  put(dir / "nodes.csv", "id,kind\nA,smuggler\nB,migrant\n");
  put(dir / "edges.csv", "source,target,relation,time\nA,B,smuggled,9999-12-31T23:59-23:59\n");
  Run r = run(t, "validate " + q(dir));
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("edges.csv:2: time"));
  put(dir / "edges.csv", "source,target,relation,time\nA,B,smuggled,9999-12-31T23:59+23:59\n");
  r = run(t, "convert " + q(dir) + " " + q(t.path / "c.corridor"));
  REQUIRE(r.code == 0);
  r = run(t, "convert " + q(t.path / "c.corridor") + " " + q(t.path / "back"));
  REQUIRE(r.code == 0);
  r = run(t, "validate " + q(t.path / "back"));
  CHECK(r.code == 0);
  CHECK_THAT(slurp(t.path / "back" / "edges.csv"), Catch::Contains("9999-12-31T00:00:00Z"));
}

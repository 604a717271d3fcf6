// The case model: kinds, relations, grades, times, builder and frozen case.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "corridor/corridor.hpp"

using namespace corridor;

TEST_CASE("node kinds parse and print") {
  for (auto k : kAllNodeKinds) REQUIRE(parse_node_kind(to_string(k)) == k);
  CHECK_FALSE(parse_node_kind("Smuggler"));
  CHECK(parse_node_kind(" migrant ") == NodeKind::migrant);
  CHECK(is_actor(NodeKind::organization));
  CHECK_FALSE(is_actor(NodeKind::country));
  auto s = parse_kind_set("smuggler, migrant");
  CHECK(s.contains(NodeKind::migrant));
  CHECK_FALSE(s.contains(NodeKind::country));
  CHECK_THROWS_WITH(parse_kind_set("smuggler,pirate"), Catch::Contains("pirate") && Catch::Contains("facilitator"));
}

TEST_CASE("string columns keep 4-byte offsets until the text passes the limit, then 8") {
  const std::vector<std::string> values{"S1", "", "migrant 7", "\xc3\xa9", "", "a longer value here"};
  StringColumn narrow, wide(10);  // wide: switches once the text passes 10 bytes
  for (const auto& v : values) {
    narrow.push_back(v);
    wide.push_back(v);
  }
  CHECK_FALSE(narrow.wide());
  CHECK(wide.wide());
  REQUIRE(narrow.size() == values.size());
  REQUIRE(wide.size() == values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    CHECK(narrow[i] == values[i]);
    CHECK(wide[i] == values[i]);
    CHECK(narrow.offset(i) == wide.offset(i));
  }
  CHECK(narrow.offset(values.size()) == narrow.chars().size());
  CHECK(narrow == wide);  // equal values, whatever the offsets' width
  CHECK(narrow.bytes() < wide.bytes());
  // The 64-bit offsets (a snapshot's form) rebuild the same column, narrow again.
  const StringColumn back = StringColumn::from_parts(narrow.chars(), wide.offsets());
  CHECK_FALSE(back.wide());
  CHECK(back == narrow);
  CHECK(back.offsets() == wide.offsets());
  std::vector<std::uint64_t> bad = wide.offsets();
  bad[2] = bad[3] + 1;  // out of order
  CHECK_THROWS_AS(StringColumn::from_parts(narrow.chars(), bad), InputError);
  StringColumn other = narrow;
  other.push_back("x");
  CHECK_FALSE(other == narrow);
}

TEST_CASE("Admiralty grades map to documented confidences") {
  CHECK(grade_confidence(*parse_grade("A1")) == Approx(1.0));
  CHECK(grade_confidence(*parse_grade("B2")) == Approx(0.64));
  CHECK(grade_confidence(*parse_grade("c3")) == Approx(0.36));
  CHECK(grade_confidence(*parse_grade("F6")) == Approx(0.09));
  CHECK(grade_confidence(Grade::none()) == 1.0);
  CHECK(parse_grade("E5")->to_string() == "E5");
  for (const char* bad : {"", "G1", "A7", "A0", "AB", "B22", "2B"}) CHECK_FALSE(parse_grade(bad));
}

TEST_CASE("ISO 8601 times") {
  auto d = parse_time("2021-03-04");
  REQUIRE(d);
  CHECK(d->date_only);
  CHECK(d->seconds == days_from_civil(2021, 3, 4) * 86400);
  CHECK(d->to_string() == "2021-03-04");
  auto t = parse_time("2021-03-04T10:20:30+02:00");
  REQUIRE(t);
  CHECK(t->to_string() == "2021-03-04T08:20:30Z");
  CHECK(parse_time("1969-12-31T23:59:59Z")->seconds == -1);
  CHECK(parse_time("2020-02-29"));
  CHECK_FALSE(parse_time("2021-02-29"));
  CHECK_FALSE(parse_time("2021-13-01"));
  CHECK_FALSE(parse_time("2021-3-4"));
  CHECK_FALSE(parse_time("2021-03-04T25:00"));
  CHECK_FALSE(parse_time("yesterday"));
}

TEST_CASE("relation registry defaults and user relations") {
  RelationRegistry reg;
  CHECK(reg.size() == kBuiltinRelationCount);
  CHECK(reg.info(reg.require("affiliated_with")).transmission > reg.info(reg.require("communicated")).transmission);
  CHECK(reg.info(reg.require("communicated")).transmission > reg.info(reg.require("smuggled")).transmission);
  CHECK(reg.info(reg.require("originates_from")).transmission == 0.0);
  CHECK_FALSE(reg.info(reg.require("communicated")).directed);
  auto id = reg.define("rented_car_to", true, 0.3);
  CHECK(id == kBuiltinRelationCount);
  CHECK_THROWS_AS(reg.define("Bad Name", true, 0.3), ParamError);
  CHECK_THROWS_WITH(reg.define("x", true, 1.5), Catch::Contains("[0,1]"));
  CHECK_THROWS_WITH(reg.require("kissed"), Catch::Contains("valid relations: smuggled"));
}

TEST_CASE("builder freezes into a case with both adjacency directions") {
  CaseBuilder b;
  b.add_node({.id = "S1", .kind = NodeKind::smuggler, .label = "leader, \"the boss\""});
  b.add_node({.id = "M1", .kind = NodeKind::migrant, .attributes = {{"age_band", "20-29"}}});
  b.add_node({.id = "O1", .kind = NodeKind::organization});
  b.add_evidence({.source = "S1", .target = "M1", .relation = "smuggled", .time = "2020-05-01"});
  b.add_evidence({.source = "S1", .target = "O1", .relation = "member_of", .grade = "B2", .source_ref = "r1"});
  b.add_evidence({.source = "S1", .target = "O1", .relation = "financed", .weight = 3, .confidence = 0.5});
  b.add_seed("O1", 0.9, "known");
  CHECK_THROWS_WITH(b.add_node({.id = "S1"}), Catch::Contains("duplicate node id \"S1\""));
  CHECK_THROWS_WITH(b.add_evidence({.source = "S1", .target = "P99", .relation = "paid"}),
                    Catch::Contains("\"P99\" is not a node"));
  CHECK_THROWS_WITH(b.add_evidence({.source = "S1", .target = "M1", .relation = "paid", .weight = 0}),
                    Catch::Contains("weight"));
  CHECK_THROWS_WITH(b.add_evidence({.source = "S1", .target = "M1", .relation = "paid", .grade = "Z9"}),
                    Catch::Contains("Admiralty"));
  Case c = std::move(b).freeze();
  REQUIRE(c.num_nodes() == 3);
  REQUIRE(c.num_evidence() == 3);
  CHECK(c.find("M1") == 1u);
  CHECK_FALSE(c.find("M2"));
  CHECK(c.label(0) == "leader, \"the boss\"");
  CHECK(c.node_attribute(1, "age_band") == "20-29");
  CHECK(c.node_attribute(0, "age_band") == "");
  CHECK(c.node_attribute(2, "kind") == "organization");
  CHECK(c.out_evidence(0).size() == 3);
  CHECK(c.in_evidence(2).size() == 2);
  CHECK(c.confidence(1) == Approx(0.64));
  CHECK(c.confidence(2) == Approx(0.5));
  CHECK(c.confidence(0) == 1.0);
  CHECK(c.source_ref(1) == "r1");
  CHECK(c.source_ref(0) == "");
  CHECK(c.time(0).to_string() == "2020-05-01");
  CHECK(c.seeds().size() == 1);
  CHECK(c.seeds()[0].node == 2u);
  CHECK(c.memory_bytes() > 0);
}

TEST_CASE("self-loops are kept with a warning") {
  CaseBuilder b;
  b.add_node("A", NodeKind::person);
  b.add_evidence({.source = "A", .target = "A", .relation = "associated"});
  Case c = std::move(b).freeze();
  CHECK(c.num_evidence() == 1);
  REQUIRE(c.warnings().size() == 1);
  CHECK_THAT(c.warnings()[0].message, Catch::Contains("self-loop"));
}

TEST_CASE("source references are interned once each, in order of first use, across table growth") {
  // 5000 distinct references (the builder's table grows several times) cited in a scrambled
  // order, each several times, some by neighbouring rows: every piece keeps its own text and each
  // text is stored once, numbered by first use.
  CaseBuilder b;
  const NodeId s = b.add_node("S1", NodeKind::smuggler);
  const NodeId t = b.add_node("S2", NodeKind::smuggler);
  const RelationId talked = *b.relations().find("communicated");
  std::vector<std::string> cited;
  for (int i = 0; i < 20000; ++i) {
    const int k = (i * 7919) % 5000;  // 7919 is prime: every k comes up 4 times
    cited.push_back(i % 3 == 0 ? "" : "REF-" + std::to_string(k));
    b.add_evidence(s, t, talked, {.source_ref = cited.back()});
    if (i % 10 == 0) {  // the same reference on the next row too
      cited.push_back(cited.back());
      b.add_evidence(s, t, talked, {.source_ref = cited.back()});
    }
  }
  const Case c = std::move(b).freeze();
  REQUIRE(c.num_evidence() == cited.size());
  std::vector<std::string> first_use{""};
  std::set<std::string> seen{""};
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    REQUIRE(c.source_ref(e) == cited[e]);
    if (seen.insert(cited[e]).second) first_use.push_back(cited[e]);
  }
  const auto& refs = c.columns().source_refs;
  REQUIRE(refs.size() == first_use.size());
  for (std::size_t r = 0; r < refs.size(); ++r) CHECK(refs[r] == first_use[r]);
}

TEST_CASE("a case finds every node by id and refuses near misses, whatever the ids share") {
  // The id order is sorted on the first eight bytes first: ids that share them, that are
  // prefixes of each other, that hold bytes above 0x7F or NUL bytes must still be found exactly,
  // and the builder's own id table must tell them apart.
  std::vector<std::string> ids = {"S37911",      "S3791",        "S379110",      "S3791100",   "S37911000",
                                  "S37911001",   "S3791100\x01", std::string("AB\0", 3), "AB",   std::string("AB\0\0", 4),
                                  "Jos\xC3\xA9", "Jose",         "\xC3\xA9t\xC3\xA9", "a-long-id-sharing-its-start-1",
                                  "a-long-id-sharing-its-start-2", "a-long-id-sharing-its-start", "~", "!"};
  for (int i = 0; i < 300; ++i) ids.push_back("N" + std::to_string(i * 7919 % 1000));
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<std::string> shuffled = ids;
  std::reverse(shuffled.begin(), shuffled.end());
  std::rotate(shuffled.begin(), shuffled.begin() + 7, shuffled.end());
  CaseBuilder b;
  for (const auto& id : shuffled) b.add_node(id, NodeKind::person);
  for (std::size_t v = 0; v < shuffled.size(); ++v) REQUIRE(b.find(shuffled[v]) == static_cast<NodeId>(v));
  CHECK_FALSE(b.find("S37912"));
  CHECK_FALSE(b.find(std::string("AB\0\0\0", 5)));
  CHECK_THROWS_WITH(b.add_node("S3791100", NodeKind::person), Catch::Contains("duplicate node id"));
  const Case c = std::move(b).freeze();
  for (std::size_t v = 0; v < shuffled.size(); ++v) CHECK(c.find(shuffled[v]) == static_cast<NodeId>(v));
  for (const auto& miss : {std::string("S37912"), std::string("A"), std::string("AB\0\0\0", 5), std::string("N1000"),
                           std::string("a-long-id-sharing-its-start-3"), std::string("Jos\xC3\xA8")})
    CHECK_FALSE(c.find(miss));
  CHECK(c.invariant_problems().empty());
}

// Case folders: reading, every class of bad input with its exact message, writing, round trips,
// the format dispatch and atomic file writes. All people here are synthetic.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/io/formats.hpp"
#include "corridor/model/builder.hpp"

using namespace corridor;
#include "support/files.hpp"

namespace fs = std::filesystem;
using namespace corridor::test;

namespace {

const std::string kNodes =
    "id,kind,label,role,country,phone\n"
    "S1,smuggler,\"Ring leader, \"\"the boss\"\"\",organizer,Utopia,+00 111\n"
    "S2,facilitator,\"Driver\nsecond line\",driver,,\n"
    "M1,migrant,,,Atlantis,\n"
    "O1,organization,Armed group X,,,\n"
    "C1,country,Atlantis,,,\n";
const std::string kEdges =
    "source,target,relation,weight,confidence,grade,time,source_ref,channel\n"
    "S1,M1,smuggled,1,,B2,2021-03-04,R-1,\n"
    "S1,S2,communicated,3,0.7,,2021-03-05T10:20:00Z,R-2,phone\n"
    "S1,O1,member_of,,,A1,,,\n"
    "M1,C1,originates_from,,,,,,\n";

// A case folder with the given files ("" = file absent).
fs::path make_case(const TempDir& t, const std::string& nodes, const std::string& edges,
                   const std::string& seeds = "", const std::string& relations = "") {
  static int n = 0;
  fs::path dir = t.path / ("case" + std::to_string(n++));
  fs::create_directories(dir);
  if (!nodes.empty()) put(dir / "nodes.csv", nodes);
  if (!edges.empty()) put(dir / "edges.csv", edges);
  if (!seeds.empty()) put(dir / "seeds.csv", seeds);
  if (!relations.empty()) put(dir / "relations.csv", relations);
  return dir;
}

std::vector<std::string> problems(const fs::path& dir, const ReadOptions& o = {}) {
  std::vector<std::string> out;
  for (const auto& d : validate_case(dir, o)) out.push_back(d.to_string());
  return out;
}

// The problems of a case whose nodes.csv is kNodes and whose edges.csv has the standard header
// followed by `rows`.
std::vector<std::string> edge_problems(const TempDir& t, const std::string& rows) {
  return problems(make_case(t, kNodes, "source,target,relation,weight,confidence,grade,time\n" + rows));
}

}  // namespace

TEST_CASE("case_io: reads a case folder with quoted labels, grades, times and extra columns") {
  TempDir t;
  Case c = read_case(make_case(t, kNodes, kEdges, "id,confidence,note\nO1,1,listed\nS1,0.5,\n"));
  REQUIRE(c.num_nodes() == 5);
  REQUIRE(c.num_evidence() == 4);
  NodeId s1 = c.require("S1"), s2 = c.require("S2");
  CHECK(c.kind(s1) == NodeKind::smuggler);
  CHECK(c.label(s1) == "Ring leader, \"the boss\"");
  CHECK(c.label(s2) == "Driver\nsecond line");
  CHECK(c.role(s2) == "driver");
  CHECK(c.country(c.require("M1")) == "Atlantis");
  CHECK(c.node_attribute(s1, "phone") == std::optional<std::string_view>("+00 111"));
  CHECK(c.node_attribute(s2, "phone") == std::optional<std::string_view>(""));
  // evidence 0: grade only -> confidence from the grade (B2 = 0.64)
  CHECK(c.relation_name(0) == "smuggled");
  CHECK(c.grade(0).to_string() == "B2");
  CHECK_FALSE(c.has_explicit_confidence(0));
  CHECK(c.confidence(0) == Approx(0.64));
  CHECK(c.time(0).to_string() == "2021-03-04");
  CHECK(c.source_ref(0) == "R-1");
  // evidence 1: explicit weight and confidence, a date-time, an extra column
  CHECK(c.weight(1) == 3.0);
  CHECK(c.confidence(1) == Approx(0.7));
  CHECK(c.time(1).to_string() == "2021-03-05T10:20:00Z");
  REQUIRE(c.evidence_attributes().size() == 1);
  CHECK(c.evidence_attributes()[0].name == "channel");
  CHECK(c.evidence_attributes()[0].values[1] == "phone");
  CHECK(c.weight(2) == 1.0);  // default
  REQUIRE(c.seeds().size() == 2);
  CHECK(c.seeds()[0] == Seed{c.require("O1"), 1.0, "listed"});
  CHECK(c.seeds()[1] == Seed{s1, 0.5, ""});
  CHECK(c.warnings().empty());
}

TEST_CASE("case_io: columns in any order, header names trimmed and case-insensitive, BOM and CRLF") {
  TempDir t;
  auto dir = make_case(t, "\xEF\xBB\xBF Kind ,Label, ID \r\nmigrant,\"a\r\nb\",M1\r\nsmuggler,,S1\r\n",
                       "Relation,TARGET,source\r\nsmuggled,M1,S1\r\n");
  Case c = read_case(dir);
  REQUIRE(c.num_nodes() == 2);
  CHECK(c.node_id(0) == "M1");
  CHECK(c.label(0) == "a\r\nb");
  CHECK(c.kind(1) == NodeKind::smuggler);
  REQUIRE(c.num_evidence() == 1);
  CHECK(c.source(0) == 1);
  CHECK(c.target(0) == 0);
  CHECK(c.node_attributes().empty());
}

TEST_CASE("case_io: relations.csv adds a relation and overrides a built-in before edges are read") {
  TempDir t;
  auto dir = make_case(t, "id,kind\nS1,smuggler\nA1,asset\nP1,person\n",
                       "source,target,relation\nS1,A1,rented_car_to\nS1,P1,communicated\n", "",
                       "name,directed,transmission,class\nrented_car_to,yes,0.3,logistic\ncommunicated,no,0.4,\n");
  Case c = read_case(dir);
  auto id = c.relations().find("rented_car_to");
  REQUIRE(id);
  CHECK(*id == kBuiltinRelationCount);
  CHECK(c.relations().info(*id).directed);
  CHECK(c.relations().info(*id).transmission == 0.3);
  CHECK(c.relations().info(*id).cls == RelationClass::logistic);
  const auto& comm = c.relations().info(c.relations().require("communicated"));
  CHECK(comm.transmission == 0.4);
  CHECK(comm.cls == RelationClass::communication);  // class column empty: the built-in class stays
  CHECK(comm.volume == Volume::count);
  CHECK(c.relation(0) == *id);
}

TEST_CASE("case_io: relations.csv says what a relation's weight counts (volume), kept on write") {
  TempDir t;
  auto dir = make_case(t, "id,kind\nS1,smuggler\nP1,person\n", "source,target,relation,weight\nS1,P1,wired,12000\n", "",
                       "name,directed,transmission,class,volume\nwired,yes,0.2,client,amount\npaid,yes,0.05,client,\n"
                       "communicated,no,0.3,,ignore\n");
  Case c = read_case(dir);
  CHECK(c.relations().info(c.relations().require("wired")).volume == Volume::amount);
  CHECK(c.relations().info(c.relations().require("paid")).volume == Volume::amount);  // empty: the built-in's kind
  CHECK(c.relations().info(c.relations().require("communicated")).volume == Volume::ignore);
  write_case(c, t.path / "copy");
  CHECK(slurp(t.path / "copy" / "relations.csv") ==
        "name,directed,transmission,class,volume\ncommunicated,false,0.3,communication,ignore\nwired,true,0.2,client,amount\n");
  CHECK(read_case(t.path / "copy") == c);
}

TEST_CASE("case_io: CSV -> Case -> CSV -> Case gives an equal case") {
  TempDir t;
  Case a = read_case(make_case(t, kNodes, kEdges, "id,confidence,note\nO1,0.9,\"listed, twice \"\"maybe\"\"\"\n",
                               "name,directed,transmission\nrented_car_to,true,0.3\n"));
  write_case(a, t.path / "copy");
  CHECK(fs::exists(t.path / "copy" / "seeds.csv"));
  CHECK(fs::exists(t.path / "copy" / "relations.csv"));
  Case b = read_case(t.path / "copy");
  CHECK(a == b);
  // Writing the copy again gives the same bytes.
  write_case(b, t.path / "copy2");
  for (const char* f : {"nodes.csv", "edges.csv", "seeds.csv", "relations.csv"})
    CHECK(slurp(t.path / "copy" / f) == slurp(t.path / "copy2" / f));
  CHECK(slurp(t.path / "copy" / "edges.csv") ==
        "source,target,relation,weight,confidence,grade,time,source_ref,channel\n"
        "S1,M1,smuggled,1,,B2,2021-03-04,R-1,\n"
        "S1,S2,communicated,3,0.7,,2021-03-05T10:20:00Z,R-2,phone\n"
        "S1,O1,member_of,1,,A1,,,\n"
        "M1,C1,originates_from,1,,,,,\n");
}

TEST_CASE("case_io: a built case with awkward text and numbers round-trips through CSV") {
  CaseBuilder b;
  b.relations().define("rented_car_to", true, 0.3, RelationClass::logistic);
  b.add_node({.id = "P1", .kind = NodeKind::person, .label = "quote \" comma , newline \n end",
              .role = " leading space", .country = "", .attributes = {{"note, with comma", "x\r\ny"}}});
  b.add_node({.id = "P2", .kind = NodeKind::asset, .label = "\"\"", .attributes = {}});
  b.add_node({.id = "ÉŁ-3", .kind = NodeKind::location});
  b.add_evidence({.source = "P1", .target = "P2", .relation = "rented_car_to", .weight = 0.1,
                  .confidence = 1.0 / 3.0, .grade = "f6", .time = "2020-02-29T23:59:59+01:00",
                  .source_ref = "doc \"7\", p. 3", .attributes = {{"how", "cash"}}});
  b.add_evidence({.source = "P2", .target = "ÉŁ-3", .relation = "transited", .weight = 1e-7});
  b.add_evidence({.source = "P1", .target = "P1", .relation = "associated", .weight = 123456.789,
                  .confidence = 0.0});
  b.add_seed("P2", 0.25, "a note\nover lines");
  Case a = std::move(b).freeze();
  TempDir t;
  write_case(a, t.path / "c");
  Case back = read_case(t.path / "c");
  CHECK(back == a);
  CHECK(back.label(0) == "quote \" comma , newline \n end");
  CHECK(back.role(0) == " leading space");
  REQUIRE(back.warnings().size() == 1);  // the self-loop, now located
  CHECK(back.warnings()[0].to_string() ==
        "warning: edges.csv:4: target: self-loop on \"P1\" (kept as evidence, ignored by graph measures)");
}

TEST_CASE("case_io: writing without seeds or custom relations removes stale files") {
  TempDir t;
  Case with = read_case(make_case(t, kNodes, kEdges, "id\nO1\n", "name,directed,transmission\nx_rel,true,0.3\n"));
  write_case(with, t.path / "out");
  REQUIRE(fs::exists(t.path / "out" / "seeds.csv"));
  Case plain = read_case(make_case(t, kNodes, kEdges));
  write_case(plain, t.path / "out");
  CHECK_FALSE(fs::exists(t.path / "out" / "seeds.csv"));
  CHECK_FALSE(fs::exists(t.path / "out" / "relations.csv"));
  CHECK(read_case(t.path / "out") == plain);
}

TEST_CASE("case_io: bad files and headers") {
  TempDir t;
  SECTION("empty file") {
    CHECK(problems(make_case(t, "\n\n", kEdges)) ==
          std::vector<std::string>{
              "nodes.csv: the file is empty; its first line must be a header naming the columns, e.g. "
              "id,kind,label,role,country",
              // what follows from it is one line, not one per reference
              "warning: nodes.csv: 8 source and target ids in edges.csv were not checked, since nodes.csv could not "
              "be read (see above)"});
  }
  SECTION("missing file") {
    auto dir = make_case(t, kNodes, "");
    auto p = problems(dir);
    REQUIRE(p.size() == 1);
    CHECK(p[0] == "edges.csv: file not found in " + dir.string() +
                      "; a case folder holds nodes.csv and edges.csv");
    CHECK_THROWS_AS(read_case(dir), InputError);
  }
  SECTION("missing required column") {
    auto p = problems(make_case(t, "id,label\nP1,x\n", "source,target,relation\n"));
    CHECK(p == std::vector<std::string>{"nodes.csv:1: kind: missing required column \"kind\"; the header must "
                                        "name the columns, e.g. id,kind,label,role,country (found: id, label)"});
  }
  SECTION("missing header: the first line is data") {
    auto p = problems(make_case(t, "P1,person\nP2,person\n", "source,target,relation\n"));
    REQUIRE(p.size() == 2);
    CHECK_THAT(p[0], Catch::StartsWith("nodes.csv:1: id: missing required column \"id\""));
    CHECK_THAT(p[1], Catch::StartsWith("nodes.csv:1: kind: missing required column \"kind\""));
    CHECK_THAT(p[1], Catch::EndsWith("(found: P1, person)"));
  }
  SECTION("duplicate and unnamed header columns") {
    auto p = problems(make_case(t, "id,kind,ID,\nP1,person,x,\n", "source,target,relation\n"));
    CHECK(p == std::vector<std::string>{
                   "nodes.csv:1: ID: column appears twice in the header (columns 1 and 3)",
                   "nodes.csv:1: column 4: the header has an empty column name; name every column (or remove "
                   "the trailing comma)"});
  }
  SECTION("nonexistent folder is an IoError") {
    CHECK_THROWS_AS(read_case(t.path / "nope"), IoError);
    CHECK_THROWS_AS(validate_case(t.path / "nope"), IoError);
  }
}

TEST_CASE("case_io: bad nodes") {
  TempDir t;
  const std::string edges = "source,target,relation\n";
  SECTION("duplicate id names the first line") {
    CHECK(problems(make_case(t, "id,kind\nS1,smuggler\nS2,smuggler\nS1,migrant\n", edges)) ==
          std::vector<std::string>{
              "nodes.csv:4: id: duplicate id \"S1\" (first on line 2); node ids must be unique"});
  }
  SECTION("empty id") {
    CHECK(problems(make_case(t, "id,kind\nS1,smuggler\n  ,migrant\n", edges)) ==
          std::vector<std::string>{"nodes.csv:3: id: empty id; every node needs a unique, non-empty id"});
  }
  SECTION("unknown kind lists the valid kinds; line numbers after a multi-line record") {
    CHECK(problems(make_case(t, "id,kind,label\nS1,smuggler,\"a\nb\nc\"\nX1,pirate,\nX2,,\n", edges)) ==
          std::vector<std::string>{"nodes.csv:5: kind: unknown kind \"pirate\"; valid kinds: " + valid_node_kinds(),
                                   "nodes.csv:6: kind: missing kind; valid kinds: " + valid_node_kinds()});
    CHECK_THAT(valid_node_kinds(), Catch::Contains("facilitator"));
  }
  SECTION("kinds are case-insensitive") {
    CHECK(problems(make_case(t, "id,kind\nS1,Smuggler\n", edges)).empty());
  }
  SECTION("wrong number of fields") {
    CHECK(problems(make_case(t, "id,kind,label\nS1,smuggler,Smith, J.\nS2,migrant\n", edges)) ==
          std::vector<std::string>{
              "nodes.csv:2: record has 4 fields but the header has 3; quote fields that contain commas",
              "nodes.csv:3: record has 2 fields but the header has 3; quote fields that contain commas"});
  }
  SECTION("stray quote, text after a closing quote, unterminated quote") {
    auto p = problems(make_case(t, "id,kind,label\nS1,smuggler,the \"boss\"\nS2,migrant,\"a\"b\nS3,person,\"open\n",
                                edges));
    REQUIRE(p.size() == 3);
    CHECK_THAT(p[0], Catch::StartsWith("nodes.csv:2: column 17: stray quote in an unquoted field"));
    CHECK_THAT(p[1], Catch::StartsWith("nodes.csv:3: column 15: text after the closing quote"));
    CHECK_THAT(p[2], Catch::StartsWith("nodes.csv:4: column 11: unterminated quoted field"));
  }
  SECTION("huge line") {
    ReadOptions o;
    o.max_record_bytes = 100;
    auto p = problems(make_case(t, "id,kind,label\nS1,smuggler," + std::string(200, 'x') + "\nS2,migrant,ok\n", edges),
                      o);
    CHECK(p == std::vector<std::string>{"nodes.csv:2: record of 213 bytes is longer than the limit of 100 bytes "
                                        "(is a quote left open, or is this not a CSV file?)"});
  }
  SECTION("too many columns") {
    ReadOptions o;
    o.max_columns = 3;
    auto p = problems(make_case(t, "id,kind,a,b\n", edges), o);
    CHECK(p == std::vector<std::string>{"nodes.csv:1: record has more than 3 fields (the limit)"});
  }
}

TEST_CASE("case_io: bad evidence, one message per problem with file, line and field") {
  TempDir t;
  SECTION("unknown endpoints") {
    CHECK(edge_problems(t, "S1,M1,smuggled,,,,\nS1,P99,paid,,,,\nQ7,S1,paid,,,,\n, S1,paid,,,,\n") ==
          std::vector<std::string>{
              "edges.csv:3: target: \"P99\" is not in nodes.csv", "edges.csv:4: source: \"Q7\" is not in nodes.csv",
              "edges.csv:5: source: empty; every piece of evidence needs a source and a target node id"});
  }
  SECTION("unknown relation lists the valid ones") {
    CHECK(edge_problems(t, "S1,M1,kissed,,,,\n") ==
          std::vector<std::string>{"edges.csv:2: relation: unknown relation \"kissed\"; valid relations: " +
                                   RelationRegistry().valid_names() + " (add new ones in relations.csv)"});
  }
  SECTION("bad numbers, NaN and infinity") {
    CHECK(edge_problems(t, "S1,M1,paid,abc,,,\nS1,M1,paid,nan,,,\nS1,M1,paid,,inf,,\nS1,M1,paid,1e999,,,\n"
                           "S1,M1,paid,2x,,,\n") ==
          std::vector<std::string>{
              "edges.csv:2: weight: \"abc\" is not a number",
              "edges.csv:3: weight: \"nan\" is not a finite number (NaN and infinity are not allowed)",
              "edges.csv:4: confidence: \"inf\" is not a finite number (NaN and infinity are not allowed)",
              "edges.csv:5: weight: \"1e999\" is not a finite number (NaN and infinity are not allowed)",
              "edges.csv:6: weight: \"2x\" is not a number"});
  }
  SECTION("weight <= 0 and confidence outside [0,1]") {
    CHECK(edge_problems(t, "S1,M1,paid,0,,,\nS1,M1,paid,-2.5,,,\nS1,M1,paid,,1.5,,\nS1,M1,paid,,-0.1,,\n"
                           "S1,M1,paid,0.5,1,,\nS1,M1,paid,1e300,,,\n") ==
          std::vector<std::string>{"edges.csv:2: weight: must be > 0, got 0", "edges.csv:3: weight: must be > 0, got -2.5",
                                   "edges.csv:4: confidence: must be in [0,1], got 1.5",
                                   "edges.csv:5: confidence: must be in [0,1], got -0.1",
                                   "edges.csv:7: weight: must be between about 1.4e-45 and 3.4e38 (weights are stored "
                                   "as float), got 1e300"});
  }
  SECTION("bad grades and dates") {
    CHECK(edge_problems(t, "S1,M1,paid,,,G7,\nS1,M1,paid,,,B22,\nS1,M1,paid,,,,2021-02-30\nS1,M1,paid,,,,04/03/2021\n"
                           "S1,M1,paid,,,b2,2021-02-28T10:00\n") ==
          std::vector<std::string>{
              "edges.csv:2: grade: \"G7\" is not an Admiralty grade: a letter A-F (source reliability) then a digit "
              "1-6 (information credibility), e.g. B2",
              "edges.csv:3: grade: \"B22\" is not an Admiralty grade: a letter A-F (source reliability) then a digit "
              "1-6 (information credibility), e.g. B2",
              "edges.csv:4: time: \"2021-02-30\" is not an ISO 8601 date or date-time; use e.g. 2021-03-04 or "
              "2021-03-04T10:20:00Z",
              "edges.csv:5: time: \"04/03/2021\" is not an ISO 8601 date or date-time; use e.g. 2021-03-04 or "
              "2021-03-04T10:20:00Z"});
  }
  SECTION("several problems in one row are all reported") {
    CHECK(edge_problems(t, "S1,P99,kissed,-1,2,Z9,never\n").size() == 6);
  }
  SECTION("wrong number of fields and stray quotes") {
    CHECK(edge_problems(t, "S1,M1\nS1,M1,paid,1,0.5,B2,2021-01-01,extra\nS1,M1,pa\"id,,,,\n") ==
          std::vector<std::string>{
              "edges.csv:2: record has 2 fields but the header has 7; quote fields that contain commas",
              "edges.csv:3: record has 8 fields but the header has 7; quote fields that contain commas",
              "edges.csv:4: column 9: stray quote in an unquoted field; quote the whole field and write each quote "
              "inside as two quotes (\"a \"\"b\"\"\")"});
  }
  SECTION("self-loops are warnings and are kept") {
    auto dir = make_case(t, kNodes, "source,target,relation\nS1,M1,smuggled\nS2,S2,associated\n");
    CHECK(problems(dir) ==
          std::vector<std::string>{
              "warning: edges.csv:3: target: self-loop on \"S2\" (kept as evidence, ignored by graph measures)"});
    Case c = read_case(dir);
    CHECK(c.num_evidence() == 2);
    REQUIRE(c.warnings().size() == 1);
    CHECK(c.warnings()[0].line == 3);
  }
}

TEST_CASE("case_io: no row is dropped silently: every bad row has an error, every good row is evidence") {
  TempDir t;
  std::string rows;
  std::vector<std::size_t> bad_lines;
  for (int i = 0; i < 40; ++i) {
    const std::size_t line = static_cast<std::size_t>(i) + 2;
    if (i % 7 == 3) {
      rows += "S1,M1,paid,-1,,,\n";
      bad_lines.push_back(line);
    } else if (i % 11 == 5) {
      rows += "S1,NOPE,paid,,,,\n";
      bad_lines.push_back(line);
    } else {
      rows += "S1,M1,paid,,,,\n";
    }
  }
  auto dir = make_case(t, kNodes, "source,target,relation,weight,confidence,grade,time\n" + rows);
  auto diags = validate_case(dir);
  std::vector<std::size_t> lines;
  for (const auto& d : diags) lines.push_back(d.line);
  CHECK(lines == bad_lines);
  // The same rows without the bad ones give one piece of evidence per row.
  std::string good;
  for (int i = 0; i < 40; ++i)
    if (!(i % 7 == 3 || i % 11 == 5)) good += "S1,M1,paid,,,,\n";
  Case c = read_case(make_case(t, kNodes, "source,target,relation,weight,confidence,grade,time\n" + good));
  CHECK(c.num_evidence() + bad_lines.size() == 40);
}

TEST_CASE("case_io: problems of every kind stay in line order across many rows and the cap cuts at the same row") {
  // Malformed CSV and wrong field counts are met while rows are read ahead in batches; bad values
  // and unknown ids while the rows are built. The list must come out in line order all the same.
  TempDir t;
  std::string rows;
  std::vector<std::size_t> bad_lines;
  for (int i = 0; i < 70; ++i) {
    const std::size_t line = static_cast<std::size_t>(i) + 2;
    if (i % 9 == 2) rows += "S1,M\"1,paid,,,,\n";           // stray quote
    else if (i % 13 == 4) rows += "S1,M1\n";                // too few fields
    else if (i % 5 == 1) rows += "S1,M1,paid,0,,,\n";       // weight 0
    else if (i % 17 == 6) rows += "S1,NOPE" + std::to_string(i) + ",paid,,,,\n";  // unknown id
    else {
      rows += "S1,M1,paid,,,,\n";
      continue;
    }
    bad_lines.push_back(line);
  }
  const std::string header = "source,target,relation,weight,confidence,grade,time\n";
  auto diags = validate_case(make_case(t, kNodes, header + rows));
  std::vector<std::size_t> lines;
  for (const auto& d : diags) {
    CHECK(d.severity == Diagnostic::Severity::error);
    lines.push_back(d.line);
  }
  CHECK(lines == bad_lines);
  ReadOptions o;
  o.max_problems = 7;
  auto capped = validate_case(make_case(t, kNodes, header + rows), o);
  REQUIRE(capped.size() == 8);
  for (std::size_t i = 0; i < 7; ++i) CHECK(capped[i].line == bad_lines[i]);
  CHECK(capped[7].message == "stopped after 7 problems (ReadOptions::max_problems); fix these and run again");
}

TEST_CASE("case_io: source references are interned exactly including long ones that share their first bytes") {
  TempDir t;
  // Short references, long ones that differ only after their 23rd byte, and ones repeated far
  // apart: each piece of evidence keeps its own text, and equal texts are stored once.
  std::vector<std::string> refs;
  std::string rows;
  for (int i = 0; i < 300; ++i) {
    std::string r;
    if (i % 4 == 0) r = "R-" + std::to_string(i % 7);
    else if (i % 4 == 1) r = "a-long-source-reference-" + std::to_string(i % 5);  // 25 bytes, same first 24
    else if (i % 4 == 2) r = "DOC-2023-" + std::to_string(100000 + i % 37);
    refs.push_back(r);
    rows += "S1,M1,paid,,,,," + r + "\n";
  }
  Case c = read_case(make_case(t, kNodes, "source,target,relation,weight,confidence,grade,time,source_ref\n" + rows));
  REQUIRE(c.num_evidence() == refs.size());
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) CHECK(c.source_ref(e) == refs[e]);
  std::vector<std::string> distinct = refs;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  // The empty reference is entry 0 of the table and is among the distinct texts here.
  CHECK(c.columns().source_refs.size() == distinct.size());
}

TEST_CASE("case_io: a large edges.csv read in blocks gives the same case and the same problems") {
  // A plain edges.csv (no quotes) is read in blocks of 8x the record limit that end at a line end;
  // a limit of 64 bytes makes blocks of 512 bytes, so 600 rows span dozens of blocks, with CRLF
  // and LF line ends, blank lines, and two-byte characters that the block reads cut.
  TempDir t;
  const std::string nodes = "id,kind\nS1,smuggler\nJos\xC3\xA9,migrant\nM1,migrant\n";
  std::string rows;
  std::vector<std::size_t> bad_lines;
  std::vector<std::string> refs;
  std::size_t line = 2;
  for (int i = 0; i < 600; ++i, ++line) {
    const std::string end = i % 3 == 0 ? "\r\n" : "\n";
    if (i % 41 == 7) {
      rows += "S1,NOPE,paid,,R" + std::to_string(i) + end;
      bad_lines.push_back(line);
    } else if (i % 53 == 11) {
      rows += "S1,M1,paid" + end;  // too few fields
      bad_lines.push_back(line);
    } else if (i % 29 == 5) {
      rows += end;  // a blank line: no record
    } else {
      const std::string ref = i % 2 ? "DOC-\xC3\xA9t\xC3\xA9-" + std::to_string(i % 13) : "R-" + std::to_string(i);
      rows += std::string(i % 4 == 1 ? "Jos\xC3\xA9" : "S1") + ",M1,paid,2," + ref + end;
      refs.push_back(ref);
    }
  }
  const std::string header = "source,target,relation,weight,source_ref\n";
  ReadOptions blocks;
  blocks.max_record_bytes = 64;
  auto dir = make_case(t, nodes, header + rows);
  const auto whole = validate_case(dir);
  const auto split = validate_case(dir, blocks);
  std::vector<std::size_t> lines;
  for (const auto& d : split) lines.push_back(d.line);
  CHECK(lines == bad_lines);
  REQUIRE(whole.size() == split.size());
  for (std::size_t i = 0; i < whole.size(); ++i) CHECK(whole[i].to_string() == split[i].to_string());

  // Without the bad rows: the same evidence, in order, every value kept.
  std::string good;
  for (std::size_t i = 0, r = 0; i < 600; ++i) {
    if (i % 41 == 7 || i % 53 == 11 || i % 29 == 5) continue;
    good += std::string(i % 4 == 1 ? "Jos\xC3\xA9" : "S1") + ",M1,paid,2," + refs[r++] + (i % 3 == 0 ? "\r\n" : "\n");
  }
  auto clean = make_case(t, nodes, header + good);
  Case a = read_case(clean), b = read_case(clean, blocks);
  CHECK(a == b);
  REQUIRE(b.num_evidence() == refs.size());
  for (EvidenceId e = 0; e < b.num_evidence(); ++e) {
    CHECK(b.source_ref(e) == refs[e]);
    CHECK(b.weight(e) == 2.0);
  }
  // Blank lines before the header that fill whole blocks: the header is still found, and the
  // lines are still counted.
  const std::string blanks(3000, '\n');
  auto late = make_case(t, nodes, blanks + header + "S1,NOPE,paid,,R\n");
  const auto l = validate_case(late, blocks);
  REQUIRE(l.size() == 1);
  CHECK(l[0].to_string() == validate_case(late)[0].to_string());
  CHECK(l[0].line == 3002);
  // A quote anywhere makes the file be read whole: the same problems as ever.
  auto quoted = make_case(t, nodes, header + good + "S1,M1,paid,\"x\",R\n");
  const auto q = validate_case(quoted, blocks);
  REQUIRE(q.size() == 1);
  CHECK(q[0].to_string() == "edges.csv:" + std::to_string(refs.size() + 2) + ": weight: \"x\" is not a number");
}

TEST_CASE("case_io: the problem list stops at max_problems and says so") {
  TempDir t;
  std::string rows;
  for (int i = 0; i < 10; ++i) rows += "S1,M1,paid,0,,,\n";
  ReadOptions o;
  o.max_problems = 3;
  auto p = problems(make_case(t, kNodes, "source,target,relation,weight,confidence,grade,time\n" + rows), o);
  REQUIRE(p.size() == 4);
  CHECK(p[2] == "edges.csv:4: weight: must be > 0, got 0");
  CHECK(p[3] == "stopped after 3 problems (ReadOptions::max_problems); fix these and run again");
  try {
    read_case(make_case(t, kNodes, "source,target,relation,weight,confidence,grade,time\n" + rows), o);
    FAIL("no throw");
  } catch (const InputError& e) {
    CHECK(e.problems().size() == 4);
    CHECK_THAT(e.what(), Catch::StartsWith("edges.csv:2: weight: must be > 0, got 0 (and 3 more problems)"));
  }
}

TEST_CASE("case_io: bad seeds and relations") {
  TempDir t;
  SECTION("seeds") {
    auto p = problems(make_case(t, kNodes, kEdges, "id,confidence,note\nO1,1,\nP99,1,\nS1,0,\nS2,abc,\nO1,0.5,\n"));
    CHECK(p == std::vector<std::string>{"seeds.csv:3: id: \"P99\" is not in nodes.csv",
                                        "seeds.csv:4: confidence: a seed's confidence must be in (0,1], got 0",
                                        "seeds.csv:5: confidence: \"abc\" is not a number",
                                        "seeds.csv:6: id: duplicate seed \"O1\" (first on line 2)"});
    ReadOptions no_seeds;
    no_seeds.read_seeds = false;
    CHECK(read_case(make_case(t, kNodes, kEdges, "id\nP99\n"), no_seeds).seeds().empty());
  }
  SECTION("relations") {
    auto p = problems(make_case(t, kNodes, kEdges, "",
                                "name,directed,transmission,class\nok_rel,true,0.5,\nbad_t,true,1.5,\n"
                                "bad_d,maybe,0.5,\nbad_c,true,0.5,sideways\nBad Name,true,0.5,\nok_rel,false,0.1,\n"));
    REQUIRE(p.size() == 5);
    CHECK(p[0] == "relations.csv:3: transmission: must be in [0,1], got 1.5");
    CHECK(p[1] == "relations.csv:4: directed: \"maybe\" is not a truth value; use true/false, yes/no or 1/0");
    CHECK(p[2] ==
          "relations.csv:5: class: unknown relation class \"sideways\"; valid classes: organizational, logistic, "
          "communication, client, attribute, generic");
    CHECK_THAT(p[3], Catch::StartsWith("relations.csv:6: name: relation name \"bad name\" is not valid"));
    CHECK(p[4] == "relations.csv:7: name: relation \"ok_rel\" is defined twice (first on line 2)");
    auto v = problems(make_case(t, kNodes, kEdges, "", "name,directed,transmission,volume\nwired,true,0.5,dollars\n"));
    CHECK(v == std::vector<std::string>{
                   "relations.csv:2: volume: unknown volume kind \"dollars\"; valid kinds: count (weight = number of "
                   "calls, trips, payments), amount (weight = a sum of money), ignore (weight does not make the "
                   "relation surer)"});
  }
}

TEST_CASE("case_io: read_seeds against a case") {
  TempDir t;
  Case c = read_case(make_case(t, kNodes, kEdges));
  put(t.path / "my_seeds.csv", "id,note\nO1,from the report\n");
  auto seeds = read_seeds(t.path / "my_seeds.csv", c);
  REQUIRE(seeds.size() == 1);
  CHECK(seeds[0] == Seed{c.require("O1"), 1.0, "from the report"});
  put(t.path / "bad_seeds.csv", "id\nX1\n");
  try {
    read_seeds(t.path / "bad_seeds.csv", c);
    FAIL("no throw");
  } catch (const InputError& e) {
    CHECK(e.problems()[0].to_string() == "bad_seeds.csv:2: id: \"X1\" is not in the case");
  }
}

TEST_CASE("formats: format_of, load_case and save_case dispatch") {
  TempDir t;
  CHECK(format_of(t.path, false) == Format::case_folder);
  CHECK(format_of(t.path / "new_folder", true) == Format::case_folder);
  CHECK(format_of("x.corridor", false) == Format::snapshot);
  CHECK(format_of("x.GraphML", false) == Format::graphml);
  CHECK(format_of("x.gexf", true) == Format::gexf);
  CHECK(format_of("x.dot", true) == Format::dot);
  CHECK(format_of("x.json", true) == Format::json);
  CHECK_THROWS_AS(format_of("x.json", false), ParamError);
  CHECK_THROWS_WITH(format_of("x.xlsx", true), Catch::Contains(".corridor") && Catch::Contains(".graphml") &&
                                                   Catch::Contains(".gexf") && Catch::Contains("folder"));
  CHECK_THROWS_WITH(load_case(t.path / "missing.corridor"), Catch::Contains("no such file"));
  CHECK_THROWS_AS(load_case(t.path / "missing"), IoError);
  auto dir = make_case(t, kNodes, kEdges);
  Case c = load_case(dir);
  CHECK(c.origin() == dir.string());
  save_case(c, t.path / "saved");
  CHECK(load_case(t.path / "saved") == c);
}


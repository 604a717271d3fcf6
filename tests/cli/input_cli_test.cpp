// The input options of every command (--encoding, --delimiter, --strict) and the hints the
// command gives for mistyped input, run as a user runs them.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "support/cli.hpp"

namespace fs = std::filesystem;
using namespace corridor::test;

namespace {

const std::string kSample = std::string(CORRIDOR_SOURCE_DIR) + "/examples/data/sample-case";

fs::path cp1252_case(const TempDir& t) {
  const fs::path dir = t.path / "cp1252";
  fs::create_directories(dir);
  put(dir / "nodes.csv", "id,kind,label\nS1,smuggler,Jos\xE9 Mu\xF1oz\nM1,migrant,\n");
  put(dir / "edges.csv", "source,target,relation\nS1,M1,smuggled\n");
  return dir;
}

}  // namespace

TEST_CASE("cli: a cp1252 case is refused with the hint, read with --encoding cp1252, and exports valid UTF-8") {
  TempDir t;
  const fs::path dir = cp1252_case(t);
  auto r = run(t, "validate '" + dir.string() + "'");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("corridor: nodes.csv:2: column 16: byte 0xE9 is not valid UTF-8") &&
                        Catch::Contains("--encoding cp1252"));
  r = run(t, "validate '" + dir.string() + "' --encoding cp1252");
  CHECK(r.code == 0);
  const fs::path out = t.path / "out.graphml";
  r = run(t, "convert --encoding cp1252 '" + dir.string() + "' '" + out.string() + "'");
  REQUIRE(r.code == 0);
  CHECK(slurp(out).find("Jos\xC3\xA9 Mu\xC3\xB1oz") != std::string::npos);
  if (std::system("command -v xmllint > /dev/null 2>&1") == 0) {
    const int status = std::system(("xmllint --noout '" + out.string() + "'").c_str());
    CHECK(status == 0);
  }
  r = run(t, "validate '" + dir.string() + "' --encoding ebcdic");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown encoding \"ebcdic\"; valid encodings: utf-8, cp1252"));
}

TEST_CASE("cli: --delimiter and --strict apply to every command that reads a case") {
  TempDir t;
  const fs::path dir = t.path / "semi";
  fs::create_directories(dir);
  put(dir / "nodes.csv", "id;kind\nS1;smuggler\nM1;migrant\n");
  put(dir / "edges.csv", "source;target;relation\nS1;M1;smuggled\nS1;S1;associated\n");
  auto r = run(t, "info '" + dir.string() + "'");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("read it with --delimiter ';'"));
  r = run(t, "info '" + dir.string() + "' --delimiter ';'");
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("nodes: 2"));
  r = run(t, "--delimiter ';' validate '" + dir.string() + "' --strict");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("self-loop") && Catch::Contains("(strict: warnings are errors)"));
  r = run(t, "validate '" + dir.string() + "' --delimiter ab");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("--delimiter must be one character"));
}

TEST_CASE("cli: did-you-mean for ids, relations, kinds and decimal commas in options") {
  TempDir t;
  auto r = run(t, "paths '" + kSample + "' --from O-1 --to s00035");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("no node with id \"s00035\" in the case; did you mean \"S00035\"?"));
  r = run(t, "centrality '" + kSample + "' --relations financd");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown relation \"financd\"") && Catch::Contains("did you mean \"financed\"?"));
  r = run(t, "centrality '" + kSample + "' --kinds smugler");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("did you mean \"smuggler\"?"));
  r = run(t, "propagate '" + kSample + "' --restart 0,5");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("did you mean 0.5? (the decimal separator is a dot)"));
}

TEST_CASE("cli: a missing nodes.csv is one error and one line for what follows from it") {
  TempDir t;
  const fs::path dir = t.path / "no-nodes";
  fs::create_directories(dir);
  std::string edges = "source,target,relation\n";
  for (int i = 0; i < 100; ++i) edges += "S" + std::to_string(i) + ",M" + std::to_string(i) + ",smuggled\n";
  put(dir / "edges.csv", edges);
  put(dir / "seeds.csv", "id\nS1\nS2\n");
  auto r = run(t, "validate '" + dir.string() + "'");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("nodes.csv") &&
                        Catch::Contains("200 source and target ids in edges.csv and 2 seed ids in seeds.csv were not "
                                        "checked, since nodes.csv could not be read"));
  CHECK_THAT(r.err, !Catch::Contains("not in nodes.csv"));
}

TEST_CASE("cli: a Gephi-style GraphML keeps the migrant safeguard, and what fell back is a warning --strict refuses") {
  TempDir t;
  const fs::path gephi = t.path / "gephi.graphml";
  put(gephi,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
      "  <key id=\"t\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
      "  <key id=\"et\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
      "  <key id=\"w\" for=\"edge\" attr.name=\"Weight\" attr.type=\"double\"/>\n"
      "  <graph edgedefault=\"directed\">\n"
      "    <node id=\"s\"><data key=\"t\">smuggler</data></node>\n"
      "    <node id=\"m\"><data key=\"t\">migrant</data></node>\n"
      "    <node id=\"x\"/>\n"
      "    <edge source=\"s\" target=\"m\"><data key=\"et\">smuggled</data><data key=\"w\">3</data></edge>\n"
      "    <edge source=\"s\" target=\"x\"><data key=\"et\">knows</data></edge>\n"
      "  </graph>\n"
      "</graphml>\n");
  auto r = run(t, "validate '" + gephi.string() + "'");
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("3 nodes, 2 pieces of evidence, 0 seeds, 3 warnings"));
  CHECK_THAT(r.err, Catch::Contains("gephi.graphml:9: kind: 1 node has no kind and was read as \"person\": \"x\" (line 9)"));
  CHECK_THAT(r.err, Catch::Contains("gephi.graphml:11: relation: 1 edge has no relation and was read as \"associated\" "
                                    "(transmission 0.2): line 11 (s - x); type or label values that name none: "
                                    "\"knows\" x1"));
  CHECK_THAT(r.err, Catch::Contains("gephi.graphml:5: Weight: the edge key \"Weight\" is read as the standard column "
                                    "\"weight\""));
  // The migrant stays a migrant and the client tie stays "smuggled" through a CSV round trip.
  const fs::path out = t.path / "case";
  r = run(t, "convert '" + gephi.string() + "' '" + out.string() + "'");
  REQUIRE(r.code == 0);
  // convert says what the reader mapped, since the new file holds it as the standard column.
  CHECK_THAT(r.err, Catch::Contains("gephi.graphml:5: Weight: the edge key \"Weight\" is read as the standard "
                                    "column \"weight\""));
  CHECK_THAT(slurp(out / "nodes.csv"), Catch::Contains("m,migrant"));
  CHECK_THAT(slurp(out / "edges.csv"), Catch::Contains("s,m,smuggled,3"));
  r = run(t, "validate --strict '" + gephi.string() + "'");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("1 node has no kind") && Catch::Contains("(strict: warnings are errors)") &&
                        Catch::Contains("is not valid: 3 errors, 0 warnings"));
}

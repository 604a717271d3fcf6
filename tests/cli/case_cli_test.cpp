// `corridor validate | info | convert` run as a user runs them: exit codes and messages.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/cli.hpp"

namespace fs = std::filesystem;
using namespace corridor::test;

namespace {

fs::path good_case(const TempDir& t) {
  fs::path dir = t.path / "good";
  fs::create_directories(dir);
  put(dir / "nodes.csv",
      "id,kind,label\nS1,smuggler,\"Leader, \"\"big\"\"\"\nS2,facilitator,\"two\nlines\"\nM1,migrant,\n"
      "M2,migrant,\nO1,organization,Group X\nC1,country,Atlantis\nL1,location,\n");
  put(dir / "edges.csv",
      "source,target,relation,grade,time\nS1,M1,smuggled,B2,2021-03-04\nS1,M2,smuggled,,2021-05-01\n"
      "S1,S2,communicated,A1,\nS2,O1,member_of,F6,2020-12-31T23:00:00Z\nM1,C1,originates_from,,\nS2,S2,associated,,\n");
  put(dir / "seeds.csv", "id\nO1\n");
  return dir;
}

}  // namespace

TEST_CASE("cli: validate a good case prints an OK summary and exits 0") {
  TempDir t;
  auto r = run(t, "validate '" + good_case(t).string() + "'");
  CHECK(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("OK: ") && Catch::Contains("7 nodes, 6 pieces of evidence, 1 seed, 1 warning"));
  CHECK_THAT(r.err, Catch::Contains("corridor: warning: edges.csv:7: target: self-loop on \"S2\""));
}

TEST_CASE("cli: validate a bad case lists every problem with file:line and exits 2") {
  TempDir t;
  fs::path dir = t.path / "bad";
  fs::create_directories(dir);
  put(dir / "nodes.csv", "id,kind\nS1,smuggler\nS1,migrant\nX1,pirate\n");
  put(dir / "edges.csv", "source,target,relation,weight\nS1,P99,paid,1\nS1,X1,paid,-3\nS1,X1,paid,1\"\n");
  auto r = run(t, "validate '" + dir.string() + "'");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("corridor: nodes.csv:3: id: duplicate id \"S1\" (first on line 2)"));
  CHECK_THAT(r.err, Catch::Contains("corridor: nodes.csv:4: kind: unknown kind \"pirate\"; valid kinds: smuggler"));
  CHECK_THAT(r.err, Catch::Contains("corridor: edges.csv:2: target: \"P99\" is not in nodes.csv\n"));
  CHECK_THAT(r.err, Catch::Contains("corridor: edges.csv:3: weight: must be > 0, got -3\n"));
  CHECK_THAT(r.err, Catch::Contains("corridor: edges.csv:4: column 13: stray quote"));
  CHECK_THAT(r.err, Catch::Contains("is not valid: 5 errors, 0 warnings"));
  CHECK(r.out.empty());
  // info and convert on the same case fail the same way (exit 2, file:line on stderr).
  auto info = run(t, "info '" + dir.string() + "'");
  CHECK(info.code == 2);
  CHECK_THAT(info.err, Catch::Contains("corridor: nodes.csv:3: id: duplicate id"));
}

TEST_CASE("cli: validate and info on a missing path exit 2 with one line") {
  TempDir t;
  auto r = run(t, "validate '" + (t.path / "nope").string() + "'");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("corridor: error: cannot read") && Catch::Contains("no such file"));
  CHECK(run(t, "info '" + (t.path / "nope").string() + "'").code == 2);
}

TEST_CASE("cli: info counts kinds, relations, components, grades, dates, seeds and warnings") {
  TempDir t;
  auto r = run(t, "info '" + good_case(t).string() + "'");
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains(
                        "nodes: 7 (smuggler 1, facilitator 1, migrant 2, organization 1, country 1, location 1)\n"));
  CHECK_THAT(r.out, Catch::Contains(
                        "evidence: 6 (smuggled 2, communicated 1, member_of 1, originates_from 1, associated 1)\n"));
  // {S1,S2,M1,M2,O1,C1} and the lone location L1
  CHECK_THAT(r.out, Catch::Contains("components: 2 (largest 6 nodes; direction ignored, all nodes)\n"));
  CHECK_THAT(r.out, Catch::Contains("grades: A 1, B 1, C 0, D 0, E 0, F 1, none 3\n"));
  CHECK_THAT(r.out, Catch::Contains("dated: 3 of 6 (2020-12-31T23:00:00Z to 2021-05-01)\n"));
  CHECK_THAT(r.out, Catch::Contains("seeds: 1\n"));
  CHECK_THAT(r.out, Catch::Contains("warnings: 1\n"));
}

TEST_CASE("cli: convert writes a case folder that reads back the same") {
  TempDir t;
  auto src = good_case(t);
  auto r = run(t, "convert '" + src.string() + "' '" + (t.path / "copy").string() + "'");
  REQUIRE(r.code == 0);
  CHECK(slurp(t.path / "copy" / "nodes.csv") == slurp(src / "nodes.csv"));
  CHECK(slurp(t.path / "copy" / "seeds.csv") == "id,confidence\nO1,1\n");
  auto again = run(t, "convert '" + (t.path / "copy").string() + "' '" + (t.path / "copy2").string() + "'");
  REQUIRE(again.code == 0);
  for (const char* f : {"nodes.csv", "edges.csv", "seeds.csv"})
    CHECK(slurp(t.path / "copy" / f) == slurp(t.path / "copy2" / f));
  auto bad = run(t, "convert '" + src.string() + "' '" + (t.path / "x.xlsx").string() + "'");
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("unknown format") && Catch::Contains(".graphml"));
}

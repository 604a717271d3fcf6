// `corridor centrality | brokers | keyplayers` run as a user runs them, on a small synthetic case.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli.hpp"

namespace fs = std::filesystem;
using namespace corridor::test;

namespace {

// Splits a CSV line without quoted fields.
std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out(1);
  for (char c : line) {
    if (c == ',') out.emplace_back();
    else out.back() += c;
  }
  return out;
}

// Actors form a tree (the view leaves the country and the location out):
//
//   M1   M2          F1
//     \  |          /
//       S1 ------ S2
//                   \
//                    O1
fs::path tree_case(const TempDir& t) {
  fs::path dir = t.path / "tree";
  fs::create_directories(dir);
  put(dir / "nodes.csv",
      "id,kind,label,country\nS1,smuggler,,X\nS2,smuggler,,Y\nF1,facilitator,\"driver, night\",X\nM1,migrant,,Y\n"
      "M2,migrant,,Y\nO1,organization,,\nC1,country,Atlantis,\nL1,location,,\n");
  put(dir / "edges.csv",
      "source,target,relation\nS1,M1,smuggled\nS1,M2,smuggled\nS1,S2,communicated\nS2,F1,communicated\n"
      "S2,O1,member_of\nM1,C1,originates_from\nF1,L1,transited\n");
  return dir;
}

}  // namespace

TEST_CASE("cli: centrality writes one column per measure and empty cells outside the view") {
  TempDir t;
  const fs::path out = t.path / "scores.csv";
  auto r = run(t, "centrality '" + tree_case(t).string() +
                      "' --measures degree,betweenness,closeness,pagerank,katz,kcore --out '" + out.string() + "'");
  REQUIRE(r.code == 0);
  auto l = lines(slurp(out));
  REQUIRE(l.size() == 9);
  CHECK(l[0] == "id,kind,label,degree,betweenness,closeness,pagerank,katz,kcore");
  // networkx on the 6-actor tree: betweenness 7/10, closeness 5/7, PageRank 27/94, Katz 0.457496.
  auto s1 = fields(l[1]);
  REQUIRE(s1.size() == 9);
  CHECK(s1[0] == "S1");
  CHECK(s1[1] == "smuggler");
  CHECK(s1[3] == "3");
  CHECK(std::stod(s1[4]) == Approx(0.7).margin(1e-12));
  CHECK(std::stod(s1[5]) == Approx(5.0 / 7).margin(1e-12));
  CHECK(std::stod(s1[6]) == Approx(27.0 / 94).margin(1e-9));
  CHECK(std::stod(s1[7]) == Approx(0.4574957110).margin(1e-8));
  CHECK(s1[8] == "1");
  CHECK_THAT(l[3], Catch::StartsWith("F1,facilitator,\"driver, night\",1,0,0.4545454545"));
  CHECK(l[7] == "C1,country,Atlantis,,,,,,");
  CHECK(l[8] == "L1,location,,,,,,,");
}

TEST_CASE("cli: centrality options and errors") {
  TempDir t;
  const auto dir = tree_case(t).string();
  auto ctx = run(t, "centrality '" + dir + "' --measures degree --include-context");
  REQUIRE(ctx.code == 0);
  CHECK_THAT(ctx.out, Catch::Contains("C1,country,Atlantis,1\n") && Catch::Contains("M1,migrant,,2\n"));
  auto bad = run(t, "centrality '" + dir + "' --measures degree,influence");
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("\"influence\"") && Catch::Contains("valid measures: degree"));
  auto alpha = run(t, "centrality '" + dir + "' --measures katz --katz-alpha 0.9");
  CHECK(alpha.code == 2);
  CHECK_THAT(alpha.err, Catch::Contains("1/lambda_max"));
}

TEST_CASE("cli: brokers by country") {
  TempDir t;
  const auto dir = tree_case(t).string();
  auto r = run(t, "brokers '" + dir + "' --by country");
  REQUIRE(r.code == 0);
  auto l = lines(r.out);
  REQUIRE(l.size() == 9);
  CHECK(l[0] == "id,kind,label,group,constraint,effective_size,coordinator,itinerant,gatekeeper,representative,liaison");
  // S1 (X) sits between three Y contacts that are not tied: 3 open paths, each counted both ways.
  CHECK(l[1] == "S1,smuggler,,X,0.3333333333333333,3,0,6,0,0,0");
  // S2 (Y) links S1 (X) and F1 (X); O1 has no country and is not counted.
  CHECK(l[2] == "S2,smuggler,,Y,0.3333333333333333,3,0,2,0,0,0");
  CHECK(l[6] == "O1,organization,,,1,1,0,0,0,0,0");
  CHECK(l[7] == "C1,country,Atlantis,,,,,,,,");
  auto bad = run(t, "brokers '" + dir + "' --by nationality");
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("\"nationality\"") && Catch::Contains("available: kind, role, country"));
}

TEST_CASE("cli: keyplayers lists the set, then the other articulation points") {
  TempDir t;
  const auto dir = tree_case(t).string();
  auto r = run(t, "keyplayers '" + dir + "' --k 1");
  REQUIRE(r.code == 0);
  // Removing S1 or S2 leaves fragmentation 1 - 3*2/(6*5) = 0.8; the tie goes to the lower id.
  CHECK(r.out == "rank,id,kind,label,marginal,articulation_point\n1,S1,smuggler,,0.8,true\n,S2,smuggler,,,true\n");
  auto pos = run(t, "keyplayers '" + dir + "' --k 1 --mode pos --distance 2");
  REQUIRE(pos.code == 0);
  CHECK_THAT(pos.out, Catch::Contains("\n1,S1,smuggler,,1,true\n"));  // S1 reaches all 5 others in 2 steps
  auto bad = run(t, "keyplayers '" + dir + "' --k 7");
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("[0, 6]"));
  CHECK(run(t, "keyplayers '" + dir + "' --mode both").code == 2);
}

TEST_CASE("cli: centrality takes every option of the spec, and -o") {
  TempDir t;
  const auto dir = tree_case(t).string();
  // raw pair counts with end points (networkx 2.8.8 gives the same 12): S1 lies inside the paths
  // of 7 pairs (M1-M2 and M1 or M2 to S2, F1, O1) and at the end of 5
  auto raw = run(t, "centrality '" + dir + "' --measures betweenness --no-normalized --endpoints -o '" +
                        (t.path / "b.csv").string() + "'");
  REQUIRE(raw.code == 0);
  const auto l = lines(slurp(t.path / "b.csv"));
  REQUIRE(l.size() == 9);
  CHECK(l[0] == "id,kind,label,betweenness");
  CHECK(fields(l[1])[3] == "12");
  // personalization: the walk restarts at O1 only; networkx 2.8.8's pagerank(G, personalization=
  // {"O1": 1}) on the same tree gives S2 0.350798425, O1 0.249392887, M1 0.054330517
  auto pers = run(t, "centrality '" + dir + "' --measures pagerank --personalization O1=1");
  REQUIRE(pers.code == 0);
  std::map<std::string, double> pr;
  for (const auto& line : lines(pers.out)) {
    const auto f = fields(line);
    if (f.size() == 4 && f[0] != "id" && !f[3].empty()) pr[f[0]] = std::stod(f[3]);
  }
  CHECK(pr["S2"] == Approx(0.350798425).epsilon(1e-7));
  CHECK(pr["O1"] == Approx(0.249392887).epsilon(1e-7));
  CHECK(pr["M1"] == Approx(0.054330517).epsilon(1e-7));
  auto bad = run(t, "centrality '" + dir + "' --measures pagerank --personalization O1");
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("--personalization \"O1\": expected name=number"));
  auto outside = run(t, "centrality '" + dir + "' --measures pagerank --personalization C1=1");
  CHECK(outside.code == 2);
  CHECK_THAT(outside.err, Catch::Contains("\"C1\" is not in the view"));
  CHECK(run(t, "centrality '" + dir + "' --path-weights length").code == 2);
  CHECK(run(t, "centrality '" + dir + "' --degree-mode sideways").code == 2);
}

TEST_CASE("cli: ids a spreadsheet would run as formulas are neutralised in tables") {
  TempDir t;
  fs::path dir = t.path / "formula";
  fs::create_directories(dir);
  put(dir / "nodes.csv", "id,kind,label\n\"=HYPERLINK(\"\"x\"\")\",smuggler,@SUM(A1)\n-7,smuggler,-2+3\n");
  put(dir / "edges.csv", "source,target,relation\n\"=HYPERLINK(\"\"x\"\")\",-7,communicated\n");
  auto r = run(t, "centrality '" + dir.string() + "' --measures degree");
  REQUIRE(r.code == 0);
  CHECK(r.out == "id,kind,label,degree\n\"'=HYPERLINK(\"\"x\"\")\",smuggler,'@SUM(A1),1\n-7,smuggler,'-2+3,1\n");
}

TEST_CASE("cli: centrality --edges writes each tie with its betweenness and bridge flag") {
  TempDir t;
  auto r = run(t, "centrality '" + tree_case(t).string() + "' --edges --no-normalized");
  REQUIRE(r.code == 0);
  // a tree: every tie is a bridge, and a tie carries the pairs it separates (|side| x |other side|)
  CHECK(r.out ==
        "source,target,betweenness,bridge\n"
        "S1,S2,9,true\nS1,M1,5,true\nS1,M2,5,true\nS2,F1,5,true\nS2,O1,5,true\n");
}

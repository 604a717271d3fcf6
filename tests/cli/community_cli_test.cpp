// `corridor communities` run as a user runs it, on a small case of two rings written here.
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

// Two rings of synthetic people (a smuggler pair, a facilitator, two migrants each) tied by one
// payment; every migrant originates from the same country C1, and two transited L1.
//
//   ring A: S1-S2, S1-F1, S2-F1, S1>M1, S1>M2, F1>M1, M1-M2     ring B: the same on S3,S4,F2,M3,M4
//   bridge: S2 paid S3
fs::path two_rings(const TempDir& t) {
  fs::path dir = t.path / "rings";
  fs::create_directories(dir);
  put(dir / "nodes.csv",
      "id,kind,label,role\nS1,smuggler,A one,organiser\nS2,smuggler,A two,driver\nF1,facilitator,A safe house,host\n"
      "M1,migrant,,\nM2,migrant,,\nS3,smuggler,B one,organiser\nS4,smuggler,B two,driver\n"
      "F2,facilitator,\"B forger, docs\",forger\nM3,migrant,,\nM4,migrant,,\nC1,country,Atlantis,\nL1,location,Port,\n");
  std::string edges = "source,target,relation,grade\n";
  for (auto [s1, s2, f, m1, m2] : {std::array<const char*, 5>{"S1", "S2", "F1", "M1", "M2"},
                                   std::array<const char*, 5>{"S3", "S4", "F2", "M3", "M4"}}) {
    edges += std::string(s1) + "," + s2 + ",communicated,B2\n";
    edges += std::string(s1) + "," + f + ",coordinated,B2\n";
    edges += std::string(s2) + "," + f + ",communicated,C3\n";
    edges += std::string(s1) + "," + m1 + ",smuggled,A1\n";
    edges += std::string(s1) + "," + m2 + ",smuggled,A1\n";
    edges += std::string(f) + "," + m1 + ",housed,B2\n";
    edges += std::string(m1) + "," + m2 + ",communicated,\n";
  }
  edges += "S2,S3,paid,C3\n";
  for (const char* m : {"M1", "M2", "M3", "M4"}) edges += std::string(m) + ",C1,originates_from,\n";
  edges += "M1,L1,transited,\nM3,L1,transited,\n";
  put(dir / "edges.csv", edges);
  return dir;
}

// id -> the row's cells, from the command's CSV (no quoted newlines in this case).
std::map<std::string, std::vector<std::string>> parse(const std::string& csv, std::vector<std::string>& header) {
  std::map<std::string, std::vector<std::string>> rows;
  std::istringstream in(csv);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (char ch : line) {
      if (ch == '"') quoted = !quoted;
      else if (ch == ',' && !quoted) { cells.push_back(cell); cell.clear(); }
      else cell += ch;
    }
    cells.push_back(cell);
    if (first) { header = cells; first = false; continue; }
    rows[cells[0]] = cells;
  }
  return rows;
}

}  // namespace

TEST_CASE("cli: communities finds the two rings among actors and leaves context out") {
  TempDir t;
  const fs::path dir = two_rings(t);
  for (const char* method : {"leiden", "louvain", "labelprop"}) {
    INFO(method);
    const fs::path out = t.path / (std::string(method) + ".csv");
    auto r = run(t, "communities '" + dir.string() + "' --method " + method + " --seed 3 --out '" + out.string() + "'");
    REQUIRE(r.code == 0);
    std::vector<std::string> header;
    auto rows = parse(slurp(out), header);
    REQUIRE(header.size() >= 5);
    CHECK(header[0] == "id");
    CHECK(header[3] == "community");
    CHECK(header[4] == "level_0");
    REQUIRE(rows.size() == 12);
    CHECK(rows["F2"][2] == "B forger, docs");
    CHECK(rows["F2"][1] == "facilitator");
    // Countries and locations get empty cells in every column after the label.
    for (const char* ctx : {"C1", "L1"}) {
      REQUIRE(rows[ctx].size() == header.size());
      for (std::size_t i = 3; i < header.size(); ++i) CHECK(rows[ctx][i].empty());
    }
    const std::string a = rows["S1"][3], b = rows["S3"][3];
    CHECK_FALSE(a.empty());
    CHECK(a != b);
    for (const char* v : {"S2", "F1", "M1", "M2"}) CHECK(rows[v][3] == a);
    for (const char* v : {"S4", "F2", "M3", "M4"}) CHECK(rows[v][3] == b);
    // With --out the summary goes to standard output.
    CHECK_THAT(r.out, Catch::Contains("2 communities among 10 nodes") && Catch::Contains("largest 5 nodes"));
  }
}

TEST_CASE("cli: communities writes CSV to stdout and the summary to stderr; exact modularity") {
  TempDir t;
  auto r = run(t, "communities '" + two_rings(t).string() + "'");
  REQUIRE(r.code == 0);
  CHECK(r.out.rfind("id,kind,label,community,level_0", 0) == 0);
  // Each ring: 7 edges inside, degree sum 15, of 15 edges: 2 (7/15 - (15/30)^2) = 0.433333.
  CHECK_THAT(r.err, Catch::Contains("leiden: 2 communities") && Catch::Contains("modularity 0.433333"));
  auto quiet = run(t, "--quiet communities '" + two_rings(t).string() + "'");
  CHECK(quiet.code == 0);
  CHECK(quiet.err.empty());
}

TEST_CASE("cli: communities with context kept and chosen relations") {
  TempDir t;
  // With countries kept and nationality counted, the shared country ties the migrants together.
  auto r = run(t, "communities '" + two_rings(t).string() +
                      "' --include-context --relations originates_from,smuggled,communicated,coordinated,housed,paid");
  REQUIRE(r.code == 0);
  std::vector<std::string> header;
  auto rows = parse(r.out, header);
  CHECK_FALSE(rows["C1"][3].empty());
  CHECK(rows["L1"][3] != "");  // kept (isolated without transited): its own community
  CHECK_THAT(r.err, Catch::Contains("among 12 nodes"));
}

TEST_CASE("cli: communities rejects bad options with exit code 2") {
  TempDir t;
  const std::string dir = two_rings(t).string();
  CHECK(run(t, "communities '" + dir + "' --method kmeans").code == 2);
  auto r = run(t, "communities '" + dir + "' --resolution -1");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("--resolution must be >= 0"));
  CHECK(run(t, "communities '" + dir + "' --relations married").code == 2);
  CHECK(run(t, "communities '" + (t.path / "missing").string() + "'").code == 2);
}

TEST_CASE("cli: communities takes -o, the CPM objective and the Leiden passes") {
  TempDir t;
  const std::string dir = two_rings(t).string();
  const fs::path out = t.path / "c.csv";
  auto r = run(t, "communities '" + dir + "' --objective cpm --resolution 0.05 --iterations -1 -o '" + out.string() + "'");
  REQUIRE(r.code == 0);
  CHECK(slurp(out).rfind("id,kind,label,community,level_0", 0) == 0);
  CHECK_THAT(r.out, Catch::Contains("leiden: ") && Catch::Contains(", cpm "));
  auto bad = run(t, "communities '" + dir + "' --method louvain --objective cpm");
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("leiden method only"));
  auto lp = run(t, "communities '" + dir + "' --method labelprop --resolution 2");
  CHECK(lp.code == 2);
  CHECK_THAT(lp.err, Catch::Contains("labelprop has no resolution"));
}

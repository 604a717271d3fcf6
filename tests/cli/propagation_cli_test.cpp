// `corridor propagate | explain | evaluate` run as a user runs them, on a small synthetic case
// written by the test.
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

// Splits a CSV line without quoted commas (the test's ids and paths hold none).
std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : line) {
    if (ch == ',') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  out.push_back(cur);
  return out;
}

//  S1 (seed smuggler) --smuggled--> M1, M2 (migrants)
//  S1 --affiliated_with B2--> O-1 <--member_of C3-- P2 --communicated B2-- P3
//  P2 --originates_from--> SY (country) <--originates_from-- M3
//  X (isolated person)
fs::path write_case(const TempDir& t) {
  const fs::path dir = t.path / "case";
  fs::create_directories(dir);
  put(dir / "nodes.csv",
      "id,kind,label\n"
      "S1,smuggler,ring leader\n"
      "M1,migrant,\n"
      "M2,migrant,\n"
      "O-1,organization,armed group\n"
      "P2,person,\n"
      "P3,person,\n"
      "SY,country,\n"
      "M3,migrant,\n"
      "X,person,\n");
  put(dir / "edges.csv",
      "source,target,relation,grade,time,source_ref\n"
      "S1,M1,smuggled,B2,2022-01-02,R1\n"
      "S1,M2,smuggled,B2,2022-01-03,R2\n"
      "S1,O-1,affiliated_with,B2,2021-05-06,R3\n"
      "P2,O-1,member_of,C3,2021-07-08,R4\n"
      "P2,P3,communicated,B2,2022-02-02,R5\n"
      "P2,SY,originates_from,A1,,R6\n"
      "M3,SY,originates_from,A1,,R7\n");
  put(dir / "seeds.csv", "id,confidence,note\nS1,1,known\n");
  put(t.path / "truth.csv", "id\nS1\nP2\nP3\n");
  return dir;
}

}  // namespace

TEST_CASE("corridor propagate writes one row per node, best first, with paths") {
  TempDir t;
  const fs::path dir = write_case(t);
  const fs::path out = t.path / "scores.csv";
  const Run r = run(t, "propagate '" + dir.string() + "' --out '" + out.string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto rows = lines(slurp(out));
  REQUIRE(rows.size() == 10);
  CHECK(rows[0] == "id,kind,label,score,rank,top_seed,path");
  std::map<std::string, std::vector<std::string>> by_id;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    auto f = fields(rows[i]);
    REQUIRE(f.size() == 7);
    by_id[f[0]] = f;
  }
  REQUIRE(by_id.size() == 9);  // every node, exactly once
  CHECK(fields(rows[1])[0] == "S1");
  CHECK(by_id["S1"][4] == "1");
  CHECK(by_id["S1"][6] == "S1");
  // O-1, the seed's organization, is an implicit seed: paths through it start there.
  CHECK(by_id["O-1"][5] == "O-1");
  CHECK(by_id["O-1"][6] == "O-1");
  CHECK(by_id["P3"][6] == "O-1 -[member_of C3]-> P2 -[communicated B2]-> P3");
  CHECK(by_id["M1"][6] == "S1 -[smuggled B2]-> M1");
  // Nationality is not evidence: the country and the migrant tied only through it score 0.
  for (const char* id : {"SY", "M3", "X"}) {
    INFO(id);
    CHECK(std::stod(by_id[id][3]) == 0.0);
    CHECK(by_id[id][4].empty());
    CHECK(by_id[id][5].empty());
    CHECK(by_id[id][6].empty());
  }
  CHECK(std::stod(by_id["P3"][3]) > std::stod(by_id["M1"][3]));
  CHECK(by_id["S1"][1] == "smuggler");
  CHECK(by_id["S1"][2] == "ring leader");
}

TEST_CASE("corridor propagate: methods, seeds file, countries-pass warning, errors") {
  TempDir t;
  const fs::path dir = write_case(t);
  put(t.path / "other-seeds.csv", "id,confidence\nP3,0.8\n");
  Run r = run(t, "propagate '" + dir.string() + "' --seeds '" + (t.path / "other-seeds.csv").string() +
                     "' --method spread --transmission communicated=0.5 --half-life 365 --as-of 2023-01-01");
  INFO(r.err);
  REQUIRE(r.code == 0);
  auto rows = lines(r.out);
  REQUIRE(rows.size() == 10);
  CHECK(fields(rows[1])[0] == "P3");
  r = run(t, "propagate '" + dir.string() + "' --countries-pass --transmission originates_from=0.5");
  REQUIRE(r.code == 0);
  CHECK(r.err.find("warning: countries pass") != std::string::npos);
  r = run(t, "propagate '" + dir.string() + "' --method naive");
  REQUIRE(r.code == 0);
  for (const auto& row : lines(r.out))
    if (row.rfind("M3,", 0) == 0) CHECK(std::stod(fields(row)[3]) > 0.0);  // the baseline falls for nationality
  r = run(t, "propagate '" + dir.string() + "' --method magic");
  CHECK(r.code == 2);
  CHECK(r.err.find("valid methods") != std::string::npos);
  r = run(t, "propagate '" + dir.string() + "' --transmission kissed=0.3");
  CHECK(r.code == 2);
  CHECK(r.err.find("kissed") != std::string::npos);
  r = run(t, "propagate '" + dir.string() + "' --restart 1.5");
  CHECK(r.code == 2);
  CHECK(r.err.find("(0,1)") != std::string::npos);
}

TEST_CASE("corridor propagate and explain: seeds by id, cleared persons by file or id, both at once refused") {
  TempDir t;
  const fs::path dir = write_case(t);
  Run r = run(t, "propagate '" + dir.string() + "' --seed-ids S1 --cleared-ids P2 -o '" + (t.path / "s.csv").string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.err.find("1 cleared") != std::string::npos);
  std::map<std::string, std::vector<std::string>> by_id;
  for (const auto& row : lines(slurp(t.path / "s.csv"))) by_id[fields(row)[0]] = fields(row);
  CHECK(std::stod(by_id["P2"][3]) == 0.0);  // cleared: scores 0
  CHECK(std::stod(by_id["P3"][3]) == 0.0);  // reached only through P2
  put(t.path / "cleared.csv", "id,confidence,note\nP2,0.5,vetted\n");
  r = run(t, "explain '" + dir.string() + "' --id O-1 --cleared '" + (t.path / "cleared.csv").string() + "'");
  REQUIRE(r.code == 0);
  CHECK(r.out.find("cleared persons lowered it:") != std::string::npos);
  CHECK(r.out.find("P2") != std::string::npos);
  put(t.path / "both.csv", "id\nS1\n");
  r = run(t, "propagate '" + dir.string() + "' --cleared '" + (t.path / "both.csv").string() + "'");
  CHECK(r.code == 2);
  CHECK(r.err.find("\"S1\" is both a seed (seeds.csv line 2) and a cleared person (both.csv line 2)") != std::string::npos);
  r = run(t, "propagate '" + dir.string() + "' --seed-ids NOBODY");
  CHECK(r.code == 2);
  CHECK(r.err.find("NOBODY") != std::string::npos);
}

TEST_CASE("the seeds and cleared files are read with the case's read options") {
  // A case written by a spreadsheet in a European locale: every file ';'-separated, and the
  // seeds and cleared files given apart read the same way as the case itself.
  TempDir t;
  const fs::path dir = t.path / "semi";
  fs::create_directories(dir);
  put(dir / "nodes.csv", "id;kind;label\nS1;smuggler;\nP2;person;\nP3;person;\nO-1;organization;\n");
  put(dir / "edges.csv",
      "source;target;relation;grade\nS1;O-1;member_of;B2\nS1;P2;communicated;B2\nP2;P3;communicated;B2\n");
  put(dir / "cleared.csv", "id;confidence;note\nP2;1;vetted\n");
  put(t.path / "seeds.csv", "id;confidence;note\nS1;0.9;known\n");
  const std::string out = (t.path / "s.csv").string();
  Run r = run(t, "propagate '" + dir.string() + "' --delimiter ';' --seeds '" + (t.path / "seeds.csv").string() +
                     "' -o '" + out + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  std::map<std::string, std::vector<std::string>> by_id;
  for (const auto& row : lines(slurp(out))) by_id[fields(row)[0]] = fields(row);
  CHECK(std::stod(by_id["S1"][3]) > 0.0);
  CHECK(std::stod(by_id["P2"][3]) == 0.0);  // the case's cleared.csv, read with ';'
  CHECK(std::stod(by_id["P3"][3]) == 0.0);  // reached only through P2
  // Without the option the same files are refused, naming the delimiter.
  r = run(t, "propagate '" + dir.string() + "' --seeds '" + (t.path / "seeds.csv").string() + "'");
  CHECK(r.code == 2);
}

TEST_CASE("corridor explain prints paths with their evidence and the seed shares") {
  TempDir t;
  const fs::path dir = write_case(t);
  const Run r = run(t, "explain '" + dir.string() + "' --id P3 --k 3");
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("1. ") != std::string::npos);
  CHECK(r.out.find("O-1 -[member_of C3]-> P2 -[communicated B2]-> P3") != std::string::npos);
  CHECK(r.out.find("source_ref R4") != std::string::npos);
  CHECK(r.out.find("date 2021-07-08") != std::string::npos);
  // Without implicit seeds the one seed holds the whole score and the path starts there.
  const Run given = run(t, "explain '" + dir.string() + "' --id P3 --k 3 --group-seeds off");
  REQUIRE(given.code == 0);
  CHECK(given.out.find("S1 -[affiliated_with B2]-> O-1 -[member_of C3]-> P2 -[communicated B2]-> P3") != std::string::npos);
  CHECK(given.out.find(" 100.0%") != std::string::npos);  // the one seed makes the whole score
  CHECK(given.out.find("of the seeds' part") != std::string::npos);  // how much the listed paths cover
  CHECK(run(t, "explain '" + dir.string() + "' --id P3 --group-seeds sometimes").code == 2);
  const Run none = run(t, "explain '" + dir.string() + "' --id M3");
  REQUIRE(none.code == 0);
  CHECK(none.out.find("no evidence path") != std::string::npos);
  const Run bad = run(t, "explain '" + dir.string() + "' --id NOBODY");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("NOBODY") != std::string::npos);
}

TEST_CASE("corridor evaluate prints corridor and the naive baseline side by side") {
  TempDir t;
  const fs::path dir = write_case(t);
  const Run r = run(t, "evaluate '" + dir.string() + "' --truth '" + (t.path / "truth.csv").string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto rows = lines(r.out);
  REQUIRE(rows.size() == 6);
  CHECK(rows[0].find("corridor ppr") != std::string::npos);
  CHECK(rows[0].find("naive") != std::string::npos);
  CHECK(rows[1].rfind("average precision", 0) == 0);
  CHECK(rows[5].find("hidden affiliates 2") != std::string::npos);
  CHECK(rows[5].find("review budget 4") != std::string::npos);
  const Run missing = run(t, "evaluate '" + dir.string() + "'");
  CHECK(missing.code == 2);
}

// `corridor analyze | paths | ego` run as a user runs them: the sample case with no argument, a
// generated case, pseudonyms, a failing run, paths and ego networks.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli.hpp"
#include "support/report.hpp"

namespace fs = std::filesystem;
using namespace corridor::test;

namespace {

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out(1);
  for (char ch : line) {
    if (ch == ',') out.emplace_back();
    else out.back() += ch;
  }
  return out;
}

std::string sha256sum(const TempDir& t, const fs::path& file) {
  const fs::path out = t.path / "sha.txt";
  REQUIRE(std::system(("sha256sum '" + file.string() + "' >'" + out.string() + "'").c_str()) == 0);
  return slurp(out).substr(0, 64);
}

}  // namespace

TEST_CASE("corridor analyze with no argument reports on the bundled sample case") {
  TempDir t;
  const Run r = run(t, "analyze --out '" + (t.path / "rep").string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  for (const auto& f : kReportFiles) CHECK(fs::is_regular_file(t.path / "rep" / f));
  CHECK(r.out == (t.path / "rep" / "report.html").string() + "\n");
  // one log format, no progress bar in a pipe
  for (const auto& line : lines(r.err)) {
    INFO(line);
    CHECK(line.rfind("corridor: [", 0) == 0);
    CHECK(line.find('\r') == std::string::npos);
  }
  CHECK(r.err.find("sample case") != std::string::npos);
  const auto m = nlohmann::json::parse(slurp(t.path / "rep" / "manifest.json"));
  CHECK(m["counts"]["seeds"] == 6);
  const fs::path nodes = fs::path(CORRIDOR_SOURCE_DIR) / "examples" / "data" / "sample-case" / "nodes.csv";
  bool found = false;
  for (const auto& in : m["inputs"])
    if (fs::path(in["path"].get<std::string>()).filename() == "nodes.csv") {
      found = true;
      CHECK(in["sha256"] == sha256sum(t, nodes));
    }
  CHECK(found);
  // --quiet silences stderr entirely
  const Run q = run(t, "analyze --quiet --out '" + (t.path / "rep").string() + "'");
  CHECK(q.code == 0);
  CHECK(q.err.empty());
}

TEST_CASE("corridor analyze on a generated case, with --seeds and --approximate") {
  TempDir t;
  REQUIRE(run(t, "generate --preset tiny --seed 5 --out '" + (t.path / "case").string() + "'").code == 0);
  const Run r = run(t, "analyze '" + (t.path / "case").string() + "' --seeds '" + (t.path / "case" / "truth.csv").string() +
                           "' --approximate -q --out '" + (t.path / "rep").string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  for (const auto& f : kReportFiles) CHECK(fs::is_regular_file(t.path / "rep" / f));
  const auto m = nlohmann::json::parse(slurp(t.path / "rep" / "manifest.json"));
  std::map<std::string, std::string> digest;
  for (const auto& in : m["inputs"]) digest[fs::path(in["path"].get<std::string>()).filename().string()] = in["sha256"];
  CHECK(digest["nodes.csv"] == sha256sum(t, t.path / "case" / "nodes.csv"));
  CHECK(digest["truth.csv"] == sha256sum(t, t.path / "case" / "truth.csv"));
  CHECK(m["parameters"]["betweenness"].get<std::string>().rfind("sampled", 0) == 0);
  CHECK(m["command"].get<std::string>().find("--approximate") != std::string::npos);
  // the truth file's ids are the seeds
  CHECK(m["counts"]["seeds"] == lines(slurp(t.path / "case" / "truth.csv")).size() - 1);
  // scores.csv: header + one row per node, ranks 1.. in order where reached
  const auto rows = lines(slurp(t.path / "rep" / "scores.csv"));
  CHECK(rows.size() == m["counts"]["nodes"].get<std::size_t>() + 1);
  CHECK(rows[1].find(",1,") != std::string::npos);
}

TEST_CASE("corridor analyze --pseudonymize leaves no original id in any output") {
  TempDir t;
  REQUIRE(run(t, "generate --preset tiny --seed 6 --out '" + (t.path / "case").string() + "'").code == 0);
  const std::string key = "not-a-real-secret-42";
  const Run r = run(t, "analyze '" + (t.path / "case").string() + "' --pseudonymize " + key + " -q --out '" +
                           (t.path / "rep").string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  std::vector<std::string> ids;
  for (std::size_t i = 1; const auto& line : lines(slurp(t.path / "case" / "nodes.csv")))
    if (i++ > 1) ids.push_back(fields(line)[0]);
  REQUIRE(ids.size() > 50);
  for (const auto& f : kReportFiles) {
    const std::string text = slurp(t.path / "rep" / f);
    const auto toks = tokens(text);
    for (const auto& id : ids) {
      INFO(f << " holds " << id);
      CHECK(toks.count(id) == 0);
    }
    CHECK(text.find(key) == std::string::npos);
  }
  // stable: a second run gives the same pseudonyms
  REQUIRE(run(t, "analyze '" + (t.path / "case").string() + "' --pseudonymize " + key + " -q --out '" +
                     (t.path / "rep2").string() + "'").code == 0);
  CHECK(slurp(t.path / "rep" / "communities.csv") == slurp(t.path / "rep2" / "communities.csv"));
  // a short key is refused
  CHECK(run(t, "analyze '" + (t.path / "case").string() + "' --pseudonymize abc -q --out '" +
                   (t.path / "rep3").string() + "'").code == 2);
}

TEST_CASE("corridor analyze --page-nodes bounds the view; --static writes a page without script") {
  TempDir t;
  REQUIRE(run(t, "generate --preset tiny --seed 5 --out '" + (t.path / "case").string() + "'").code == 0);
  const Run r = run(t, "analyze '" + (t.path / "case").string() + "' --page-nodes 100 -q --out '" +
                           (t.path / "rep").string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto m = nlohmann::json::parse(slurp(t.path / "rep" / "manifest.json"));
  CHECK(m["parameters"]["page_nodes"] == 100);
  CHECK(m["counts"]["view_nodes"].get<std::size_t>() <= 100);
  const Run s = run(t, "analyze '" + (t.path / "case").string() + "' --static -q --out '" + (t.path / "rep").string() + "'");
  REQUIRE(s.code == 0);
  const std::string html = slurp(t.path / "rep" / "report.html");
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<svg id=\"network\"") != std::string::npos);
  CHECK(nlohmann::json::parse(slurp(t.path / "rep" / "manifest.json"))["interactive"] == false);
  // a bound outside its range is a usage error
  const Run bad = run(t, "analyze '" + (t.path / "case").string() + "' --page-nodes 5 -q --out '" +
                             (t.path / "rep2").string() + "'");
  CHECK(bad.code == 2);
  CHECK(bad.err.find("page_nodes must be in [100, 500000]") != std::string::npos);
}

TEST_CASE("a failing corridor analyze leaves no partial report") {
  TempDir t;
  put(t.path / "file.txt", "not a folder\n");
  const Run r = run(t, "analyze -q --out '" + (t.path / "file.txt" / "rep").string() + "'");
  CHECK(r.code == 2);
  CHECK(r.err.find("corridor: error:") == 0);
  const Run bad = run(t, "analyze '" + (t.path / "missing").string() + "' -q --out '" + (t.path / "rep").string() + "'");
  CHECK(bad.code == 2);
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(t.path)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"file.txt", "stderr.txt", "stdout.txt"});
}

namespace {

//   S1 -member_of(B2)- O1 -financed(A1)- F1 -communicated(C3)- P1
//   S1 -communicated(B2)- P1 ; S1 -smuggled- M1 -originates_from- C1 ; M2 -originates_from- C1
void write_hand_case(const fs::path& dir) {
  fs::create_directories(dir);
  put(dir / "nodes.csv",
      "id,kind,label\nS1,smuggler,boss\nO1,organization,group\nF1,facilitator,\nP1,person,\nM1,migrant,\n"
      "M2,migrant,\nC1,country,\n");
  put(dir / "edges.csv",
      "source,target,relation,grade,time,source_ref\n"
      "S1,O1,member_of,B2,2021-01-02,R1\nO1,F1,financed,A1,2021-02-03,R2\nF1,P1,communicated,C3,,R3\n"
      "S1,P1,communicated,B2,2022-05-06,R4\nS1,M1,smuggled,B1,,R5\nM1,C1,originates_from,,,\n"
      "M2,C1,originates_from,,,\n");
  put(dir / "seeds.csv", "id\nO1\nM2\n");
}

}  // namespace

TEST_CASE("corridor paths lists the paths that contribute most, with their evidence") {
  TempDir t;
  write_hand_case(t.path / "case");
  const Run r = run(t, "paths '" + (t.path / "case").string() + "' --from O1 --to P1 --k 3");
  INFO(r.err);
  REQUIRE(r.code == 0);
  // O1-S1-P1 and O1-F1-P1 are the only simple paths
  std::vector<double> strengths;
  std::vector<std::string> detail;
  for (const auto& line : lines(r.out)) {
    if (line.size() > 3 && std::isdigit(static_cast<unsigned char>(line[0])) && line[1] == '.')
      strengths.push_back(std::stod(line.substr(3)));
    if (line.rfind("     ", 0) == 0) detail.push_back(line);
  }
  REQUIRE(strengths.size() == 2);
  CHECK(strengths[0] >= strengths[1]);
  CHECK(detail.size() == 4);  // two ties per path
  CHECK(r.out.find("source_ref R1") != std::string::npos);
  CHECK(r.out.find("date 2021-01-02") != std::string::npos);
  CHECK(r.out.find("grade B2") != std::string::npos);
  for (const auto& line : detail) CHECK(line.find(", tie ") != std::string::npos);
  CHECK(r.out.find("walks started at O1 with weight 1") != std::string::npos);
  // no path through a country
  const Run none = run(t, "paths '" + (t.path / "case").string() + "' --from M1 --to M2");
  CHECK(none.code == 0);
  CHECK(none.out.find("no evidence path") != std::string::npos);
  CHECK(run(t, "paths '" + (t.path / "case").string() + "' --from O1 --to NOPE").code == 2);
  CHECK(run(t, "paths '" + (t.path / "case").string() + "' --from O1 --to P1 --k 0").code == 2);
}

TEST_CASE("corridor ego writes the ego network as a case folder") {
  TempDir t;
  write_hand_case(t.path / "case");
  const Run r = run(t, "ego '" + (t.path / "case").string() + "' --id S1 --hops 1 --out '" + (t.path / "ego").string() + "'");
  INFO(r.err);
  REQUIRE(r.code == 0);
  std::set<std::string> ids;
  for (std::size_t i = 1; const auto& line : lines(slurp(t.path / "ego" / "nodes.csv")))
    if (i++ > 1) ids.insert(fields(line)[0]);
  CHECK(ids == std::set<std::string>{"S1", "O1", "P1", "M1"});
  // evidence among them only: member_of, communicated S1-P1, smuggled
  CHECK(lines(slurp(t.path / "ego" / "edges.csv")).size() == 1 + 3);
  // the seed O1 is inside, M2 is not
  const auto seeds = lines(slurp(t.path / "ego" / "seeds.csv"));
  REQUIRE(seeds.size() == 2);
  CHECK(fields(seeds[1])[0] == "O1");
  // the result is a valid case for every other command
  CHECK(run(t, "validate '" + (t.path / "ego").string() + "'").code == 0);
  CHECK(run(t, "ego '" + (t.path / "case").string() + "' --id S1 --hops -1 --out '" + (t.path / "x").string() + "'").code == 2);
}

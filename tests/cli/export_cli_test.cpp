// `corridor export` and `corridor analyze --export` run as a user runs them.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "support/cli.hpp"

namespace fs = std::filesystem;
using namespace corridor::test;

namespace {

const std::string kSample = std::string(CORRIDOR_SOURCE_DIR) + "/examples/data/sample-case";

std::size_t count(const std::string& s, std::string_view what) {
  std::size_t n = 0;
  for (auto pos = s.find(what); pos != std::string::npos; pos = s.find(what, pos + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("cli: export attaches score, rank, top seed, community and centralities to the nodes") {
  TempDir t;
  const fs::path out = t.path / "case.json";
  auto r = run(t, "export '" + kSample + "' --out '" + out.string() + "'");
  REQUIRE(r.code == 0);
  CHECK_THAT(r.err, Catch::Contains("with results") && Catch::Contains("leads, never findings"));
  const auto j = nlohmann::json::parse(slurp(out));
  CHECK(j["graph"]["results"] == nlohmann::json({"score", "rank", "top_seed", "community", "degree", "betweenness",
                                                 "pagerank", "closeness"}));
  // The armed group is a seed: its top seed is itself; a country is outside the actor graph.
  bool seed_found = false, country_found = false;
  for (const auto& n : j["nodes"]) {
    if (n["id"] == "O-1") {
      seed_found = true;
      CHECK(n["top_seed"] == "O-1");
      CHECK(n["score"].get<double>() > 0);
      CHECK(n["community"].is_number_integer());
    }
    if (n["kind"] == "country" && !country_found) {
      country_found = true;
      CHECK(n["score"] == 0);  // nationality is not evidence: a country never holds a score
      CHECK_FALSE(n.contains("rank"));
      CHECK_FALSE(n.contains("pagerank"));
      CHECK_FALSE(n.contains("community"));
    }
  }
  CHECK(seed_found);
  CHECK(country_found);
}

TEST_CASE("cli: export formats follow --format or the extension; --no-results writes the case alone") {
  TempDir t;
  auto r = run(t, "-q export '" + kSample + "' --format gexf --gexf-version 1.2 --out -");
  REQUIRE(r.code == 0);
  CHECK_THAT(r.out, Catch::Contains("xmlns=\"http://www.gexf.net/1.2draft\""));
  CHECK(count(r.out, "<node ") == 880);
  r = run(t, "-q export '" + kSample + "' --out '" + (t.path / "plain.graphml").string() + "' --no-results");
  REQUIRE(r.code == 0);
  CHECK(slurp(t.path / "plain.graphml").find("corridor.results") == std::string::npos);
  r = run(t, "-q export '" + kSample + "' --out '" + (t.path / "c.dot").string() + "'");
  REQUIRE(r.code == 0);
  const std::string dot = slurp(t.path / "c.dot");
  CHECK(dot.find("\"kind\"=\"country\"") == std::string::npos);  // context off by default
  CHECK(count(dot, " -> ") < 7411);                               // one line per tie, not per piece of evidence
  r = run(t, "-q export '" + kSample + "' --out '" + (t.path / "ctx.dot").string() + "' --include-context");
  REQUIRE(r.code == 0);
  CHECK(slurp(t.path / "ctx.dot").find("\"kind\"=\"country\"") != std::string::npos);
}

TEST_CASE("cli: export refuses what it cannot write, with exit code 2") {
  TempDir t;
  auto r = run(t, "export '" + kSample + "' --out -");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("--format is needed when writing to standard output"));
  r = run(t, "export '" + kSample + "' --out x.gexf --format gephi");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown export format \"gephi\"; valid formats: graphml, gexf, json, dot"));
  r = run(t, "export '" + kSample + "' --out '" + (t.path / "x.gexf").string() + "' --color-by colour");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("no result column \"colour\"; available: score, rank"));
  CHECK_FALSE(fs::exists(t.path / "x.gexf"));
  r = run(t, "export '" + kSample + "' --out '" + (t.path / "case.corridor").string() + "'");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("is not an export file"));
}

TEST_CASE("cli: analyze --export puts the graph with its results into the report folder") {
  TempDir t;
  const fs::path dir = t.path / "report";
  auto r = run(t, "-q analyze '" + kSample + "' --out '" + dir.string() + "' --export gexf,graphml");
  REQUIRE(r.code == 0);
  CHECK(fs::exists(dir / "graph.gexf"));
  CHECK(fs::exists(dir / "graph.graphml"));
  CHECK(slurp(dir / "graph.gexf").find("title=\"score\"") != std::string::npos);
  const auto manifest = nlohmann::json::parse(slurp(dir / "manifest.json"));
  std::size_t listed = 0;
  for (const auto& o : manifest["outputs"]) listed += o["file"] == "graph.gexf" || o["file"] == "graph.graphml";
  CHECK(listed == 2);
  // Pseudonymised reports never carry the graph with its names.
  r = run(t, "analyze '" + kSample + "' --out '" + (t.path / "p").string() + "' --export gexf --pseudonymize secret-key-1");
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Contains("cannot be combined with --pseudonymize"));
  CHECK_FALSE(fs::exists(t.path / "p"));
}

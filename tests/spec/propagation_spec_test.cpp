// The propagation spec: options in words become parameters, seeds and cleared persons once, for
// every front end; each rule (where seeds come from, the case's cleared.csv, a seed that is also
// cleared) checked with the file and line it must name.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/model/builder.hpp"
#include "corridor/spec/propagation.hpp"
#include "support/files.hpp"

using namespace corridor;
using corridor::test::put;
using corridor::test::TempDir;

namespace {

// S (seed in seeds.csv) -recruited- A -communicated- B -communicated- C, and a country.
std::filesystem::path write_case(const TempDir& t, bool with_cleared) {
  const auto dir = t.path / "case";
  std::filesystem::create_directories(dir);
  put(dir / "nodes.csv", "id,kind\nS,smuggler\nA,person\nB,person\nC,person\nSY,country\n");
  put(dir / "edges.csv",
      "source,target,relation,grade\nS,A,recruited,B2\nA,B,communicated,B2\nB,C,communicated,B2\nC,SY,originates_from,\n");
  put(dir / "seeds.csv", "id,confidence,note\n\nS,0.9,known\n");
  if (with_cleared) put(dir / "cleared.csv", "id,confidence,note\nB,0.5,vetted\n");
  return dir;
}

}  // namespace

TEST_CASE("propagation spec: parameters in words") {
  TempDir t;
  const Case c = read_case(write_case(t, false));
  const PropagationParams p = propagation_params(
      c, {.method = "ppr-degree", .restart = 0.3, .client_factor = 0.02, .transmission = {"communicated=0.25"},
          .half_life_days = 365, .as_of = "2022-01-01", .group_seeds = "implicit"});
  CHECK(p.method == Method::ppr_degree);
  CHECK(p.restart == 0.3);
  CHECK(p.client_factor == 0.02);
  CHECK(p.group_seeds == GroupSeeds::implicit);
  CHECK(p.strength.half_life_days == 365);
  CHECK(p.strength.as_of == *parse_time("2022-01-01"));
  REQUIRE(p.strength.transmission_overrides.size() == 1);
  CHECK(p.strength.transmission_overrides[0] == std::pair<std::string, double>{"communicated", 0.25});
  CHECK_THROWS_WITH(propagation_params(c, {.method = "magic"}), Catch::Contains("ppr"));
  CHECK_THROWS_WITH(propagation_params(c, {.restart = 1.0}), Catch::Contains("(0,1)"));
  CHECK_THROWS_WITH(propagation_params(c, {.client_factor = -0.1}), Catch::Contains("[0,1]"));
  CHECK_THROWS_WITH(propagation_params(c, {.transmission = {"kissed=0.3"}}), Catch::Contains("kissed"));
  CHECK_THROWS_WITH(propagation_params(c, {.transmission = {"communicated=2"}}), Catch::Contains("[0,1]"));
  CHECK_THROWS_WITH(propagation_params(c, {.half_life_days = -1}), Catch::Contains(">= 0"));
  CHECK_THROWS_WITH(propagation_params(c, {.as_of = "yesterday"}), Catch::Contains("ISO 8601"));
  CHECK_THROWS_WITH(propagation_params(c, {.group_seeds = "all"}), Catch::Contains("off"));
}

TEST_CASE("propagation spec: seeds from the case, a file, ids, or both") {
  TempDir t;
  const auto dir = write_case(t, false);
  const Case c = read_case(dir);
  PropagationRequest q = resolve_propagation(c, {});
  REQUIRE(q.seeds.size() == 1);
  CHECK(q.seeds[0].node == c.require("S"));
  CHECK(q.seeds[0].confidence == 0.9);
  CHECK(q.cleared.empty());
  put(t.path / "mine.csv", "id,confidence\nA,0.5\n");
  q = resolve_propagation(c, {.seeds_file = (t.path / "mine.csv").string(), .seed_ids = {"B, C"}});
  REQUIRE(q.seeds.size() == 3);
  CHECK(q.seeds[0].node == c.require("A"));
  CHECK(q.seeds[0].confidence == 0.5);
  CHECK(q.seeds[1].node == c.require("B"));
  CHECK(q.seeds[2].node == c.require("C"));
  CHECK(q.seeds[2].confidence == 1.0);
  CHECK_THROWS_WITH(resolve_propagation(c, {.seed_ids = {"A,NOBODY"}}), Catch::Contains("\"NOBODY\" is not a node"));
  CHECK_THROWS_WITH(resolve_propagation(c, {.seeds_file = (t.path / "mine.csv").string(), .seed_ids = {"A"}}),
                    Catch::Contains("given twice as a seed (mine.csv line 2, the seed ids)"));
  CHECK_THROWS_WITH(resolve_propagation(c, {.seed_ids = {" , "}}), Catch::Contains("no seed given"));
  CHECK(split_ids(" A, ,B,") == std::vector<std::string>{"A", "B"});
  // A case without seeds says how to give some.
  CaseBuilder b;
  b.add_node("X", NodeKind::person);
  CHECK_THROWS_WITH(resolve_propagation(std::move(b).freeze(), {}), Catch::Contains("by ids"));
}

TEST_CASE("propagation spec: cleared persons from the case's cleared.csv, a file or ids") {
  TempDir t;
  const Case c = read_case(write_case(t, true));
  PropagationRequest q = resolve_propagation(c, {});
  REQUIRE(q.cleared.size() == 1);
  CHECK(q.cleared[0].node == c.require("B"));
  CHECK(q.cleared[0].confidence == 0.5);
  CHECK(q.cleared_from == "cleared.csv");
  CHECK(resolve_propagation(c, {.case_cleared = false}).cleared.empty());
  // Given ones replace the case's list.
  q = resolve_propagation(c, {.cleared_ids = {"C"}});
  REQUIRE(q.cleared.size() == 1);
  CHECK(q.cleared[0].node == c.require("C"));
  CHECK(q.cleared[0].confidence == 1.0);
  put(t.path / "bad.csv", "id,confidence\nA,0\n");
  CHECK_THROWS_WITH(resolve_propagation(c, {.cleared_file = (t.path / "bad.csv").string()}),
                    Catch::Contains("bad.csv:2: confidence: a cleared person's confidence must be in (0,1]"));
}

TEST_CASE("propagation spec: a seed that is also cleared is refused, naming both files and lines") {
  TempDir t;
  const auto dir = write_case(t, false);
  put(dir / "cleared.csv", "id\nA\nS\n");
  const Case c = read_case(dir);
  CHECK_THROWS_WITH(resolve_propagation(c, {}),
                    "\"S\" is both a seed (seeds.csv line 3) and a cleared person (cleared.csv line 3); remove it "
                    "from one list");
  CHECK_THROWS_WITH(resolve_propagation(c, {.seed_ids = {"A"}, .cleared_file = (dir / "cleared.csv").string()}),
                    Catch::Contains("(the seed ids) and a cleared person (cleared.csv line 2)"));
  CHECK_THROWS_AS(resolve_propagation(c, {.seed_ids = {"C"}, .cleared_ids = {"C"}}), ParamError);
  // The countries note comes with the request, not with the naive baseline (which always passes).
  CHECK(resolve_propagation(c, {.countries_pass = true, .case_cleared = false}).notes.size() == 1);
  CHECK(resolve_propagation(c, {.method = "naive", .countries_pass = true, .case_cleared = false}).notes.empty());
}

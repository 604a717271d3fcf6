// The ego network of a node as a case of its own. All people here are synthetic.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "corridor/error.hpp"
#include "corridor/model/builder.hpp"
#include "corridor/model/ego.hpp"

using namespace corridor;

namespace {

//   C1(country) - M1 -smuggled- S1 -member_of- O1 -financed- F1 -communicated- P1
//                   \            |
//                    C1 - M2     A1(asset, uses)
// M2 also originates_from C1; seeds O1, P1.
Case hand_case() {
  CaseBuilder b;
  b.add_node("S1", NodeKind::smuggler, "boss");
  b.add_node("O1", NodeKind::organization, "group");
  b.add_node("F1", NodeKind::facilitator);
  b.add_node("P1", NodeKind::person);
  b.add_node("M1", NodeKind::migrant, "", "", "C1");
  b.add_node("M2", NodeKind::migrant, "", "", "C1");
  b.add_node("C1", NodeKind::country);
  b.add_node("A1", NodeKind::asset);
  b.add_evidence({.source = "S1", .target = "O1", .relation = "member_of", .grade = "B2", .time = "2021-01-02",
                  .source_ref = "R1"});
  b.add_evidence({.source = "O1", .target = "F1", .relation = "financed", .grade = "A1", .source_ref = "R2"});
  b.add_evidence({.source = "F1", .target = "P1", .relation = "communicated", .grade = "C3"});
  b.add_evidence({.source = "S1", .target = "M1", .relation = "smuggled", .grade = "B1"});
  b.add_evidence({.source = "M1", .target = "C1", .relation = "originates_from"});
  b.add_evidence({.source = "M2", .target = "C1", .relation = "originates_from"});
  b.add_evidence({.source = "S1", .target = "A1", .relation = "uses"});
  b.add_seed("O1");
  b.add_seed("P1", 0.8);
  return std::move(b).freeze();
}

std::set<std::string> ids(const Case& c) {
  std::set<std::string> out;
  for (NodeId v = 0; v < c.num_nodes(); ++v) out.insert(std::string(c.node_id(v)));
  return out;
}

}  // namespace

TEST_CASE("ego network by hand: countries join but are not walked through") {
  const Case c = hand_case();
  CHECK(ids(ego_case(c, c.require("S1"), {.hops = 0})) == std::set<std::string>{"S1"});
  const Case e1 = ego_case(c, c.require("S1"), {.hops = 1});
  CHECK(ids(e1) == std::set<std::string>{"S1", "O1", "M1", "A1"});
  CHECK(e1.num_evidence() == 3);
  REQUIRE(e1.seeds().size() == 1);
  CHECK(e1.node_id(e1.seeds()[0].node) == "O1");
  // two hops reach C1 through M1, but not M2 behind the country
  const Case e2 = ego_case(c, c.require("S1"), {.hops = 2});
  CHECK(ids(e2) == std::set<std::string>{"S1", "O1", "M1", "A1", "F1", "C1"});
  CHECK(e2.num_evidence() == 5);
  // evidence keeps its grade, date and source
  const EvidenceId first = e2.out_evidence(e2.require("S1"))[0];
  CHECK(e2.relation_name(first) == "member_of");
  CHECK(e2.grade(first).to_string() == "B2");
  CHECK(e2.time(first).to_string() == "2021-01-02");
  CHECK(e2.source_ref(first) == "R1");
  // a country at the centre is walked from (the analyst asked for it)
  CHECK(ids(ego_case(c, c.require("C1"), {.hops = 1})) == std::set<std::string>{"C1", "M1", "M2"});
  // the ego case is a sound case of its own
  CHECK(e2.invariant_problems().empty());
  CHECK(Case::from_columns(e2.columns()) == e2);
  CHECK_THROWS_AS(ego_case(c, 0, {.hops = -1}), ParamError);
  CHECK_THROWS_AS(ego_case(c, 99), ParamError);
}

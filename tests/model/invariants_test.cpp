// The invariants of a case, checked by the model itself: Case::from_columns (what the snapshot
// reader uses), Case::validate and Case::invariant_problems. All people here are synthetic.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "corridor/model/builder.hpp"
#include "corridor/model/case.hpp"

using namespace corridor;

namespace {

//   S1 --member_of--> O1
//   S1 --smuggled---> M1 (B2, 2021-03-04, R-1)
Case sample() {
  CaseBuilder b;
  b.add_node({.id = "S1", .kind = NodeKind::smuggler, .label = "ring leader", .attributes = {{"phone", "x"}}});
  b.add_node({.id = "O1", .kind = NodeKind::organization});
  b.add_node({.id = "M1", .kind = NodeKind::migrant});
  b.add_evidence({.source = "S1", .target = "O1", .relation = "member_of", .confidence = 0.5});
  b.add_evidence({.source = "S1", .target = "M1", .relation = "smuggled", .grade = "B2", .time = "2021-03-04",
                  .source_ref = "R-1", .attributes = {{"channel", "phone"}}});
  b.add_seed("O1", 0.9, "listed");
  return std::move(b).freeze();
}

// The problems from_columns finds after `edit` breaks a copy of the sample's columns.
template <class Edit>
std::vector<std::string> problems_after(Edit&& edit) {
  CaseColumns cols = sample().columns();
  edit(cols);
  try {
    (void)Case::from_columns(std::move(cols));
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.problems()) out.push_back(d.message);
    return out;
  }
  return {};
}

StringColumn column(std::initializer_list<const char*> values) {
  StringColumn c;
  for (const char* v : values) c.push_back(v);
  return c;
}

}  // namespace

TEST_CASE("invariants: a sound case passes, and its columns rebuild an equal case") {
  const Case c = sample();
  CHECK(c.invariant_problems().empty());
  CHECK_NOTHROW(c.validate("sample"));
  const Case back = Case::from_columns(c.columns());
  CHECK(back == c);
  CHECK(back.find("M1") == c.find("M1"));
  REQUIRE(back.out_evidence(*back.find("S1")).size() == 2);
  CHECK(Case::from_columns(CaseColumns{}).num_nodes() == 0);
  CHECK(Case().invariant_problems().empty());
}

TEST_CASE("invariants: each broken invariant is named") {
  using V = std::vector<std::string>;
  CHECK(problems_after([](CaseColumns& c) { c.target[1] = 7; }) == V{"evidence 1 refers to a node that does not exist"});
  CHECK(problems_after([](CaseColumns& c) { c.relation[0] = 999; }) == V{"evidence 0 has an unknown relation"});
  CHECK(problems_after([](CaseColumns& c) { c.weight[1] = -1; }) ==
        V{"evidence 1 has a weight that is not a finite number > 0"});
  CHECK(problems_after([](CaseColumns& c) { c.weight[0] = std::nanf(""); }) ==
        V{"evidence 0 has a weight that is not a finite number > 0"});
  CHECK(problems_after([](CaseColumns& c) { c.confidence[0] = 1.5f; }) == V{"evidence 0 has a confidence outside [0,1]"});
  CHECK(problems_after([](CaseColumns& c) { c.grade[1].code = 37; }) == V{"evidence 1 has an invalid grade"});
  CHECK(problems_after([](CaseColumns& c) { c.date_only[1] = 2; }) == V{"evidence 1 has an invalid time flag"});
  CHECK(problems_after([](CaseColumns& c) { c.source_ref[0] = 9; }) ==
        V{"evidence 0 refers to a source reference that does not exist"});
  CHECK(problems_after([](CaseColumns& c) { c.kinds[2] = static_cast<NodeKind>(200); }) ==
        V{"node 2 has an unknown kind code"});
  CHECK(problems_after([](CaseColumns& c) { c.ids = column({"S1", " ", "M1"}); }) == V{"node 1 has an empty id"});
  CHECK(problems_after([](CaseColumns& c) { c.ids = column({"S1", "M1", "M1"}); }) == V{"node id \"M1\" appears twice"});
  CHECK(problems_after([](CaseColumns& c) { c.seeds[0].node = 3; }) == V{"a seed refers to node 3 of 3"});
  CHECK(problems_after([](CaseColumns& c) { c.seeds[0].confidence = 0; }) == V{"a seed's confidence is outside (0,1]"});
  CHECK(problems_after([](CaseColumns& c) { c.node_attrs[0].name = "label"; }) ==
        V{"node attribute column \"label\" clashes with a standard column"});
  CHECK(problems_after([](CaseColumns& c) { c.edge_attrs.push_back(c.edge_attrs[0]); }) ==
        V{"evidence attribute column \"channel\" appears twice"});
  CHECK(problems_after([](CaseColumns& c) { c.source_refs = column({"R-1"}); }) ==
        V{"the source reference table does not start with the empty reference",
          "evidence 1 refers to a source reference that does not exist"});
}

TEST_CASE("invariants: columns of the wrong length stop the checks before they index out of range") {
  using V = std::vector<std::string>;
  CHECK(problems_after([](CaseColumns& c) { c.source.pop_back(); }) == V{"the evidence columns have different lengths"});
  CHECK(problems_after([](CaseColumns& c) { c.labels = column({"a"}); }) ==
        V{"the node columns (id, kind, label, role, country) have different lengths"});
  CHECK(problems_after([](CaseColumns& c) { c.node_attrs[0].values = column({"x"}); }) ==
        V{"node attribute \"phone\" has 1 values for 3 nodes"});
  CHECK(problems_after([](CaseColumns& c) { c.edge_attrs[0].values = column({}); }) ==
        V{"evidence attribute \"channel\" has 0 values for 2 pieces of evidence"});
}

TEST_CASE("invariants: every problem is reported, up to the cap") {
  CaseColumns cols = sample().columns();
  for (auto& w : cols.weight) w = 0;
  for (auto& t : cols.target) t = 99;
  std::vector<Diagnostic> problems;
  try {
    (void)Case::from_columns(std::move(cols));
  } catch (const InputError& e) {
    problems = e.problems();
  }
  REQUIRE(problems.size() == 4);  // two per piece of evidence
  CHECK(problems[0].message == "evidence 0 refers to a node that does not exist");
  CHECK(problems[3].message == "evidence 1 has a weight that is not a finite number > 0");
  CHECK(problems[0].file.empty());
  CHECK(sample().invariant_problems(1).empty());
}

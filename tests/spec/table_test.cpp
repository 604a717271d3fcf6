// Result tables: one schema type, one CSV writer, spreadsheet formulas neutralised.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/io/csv.hpp"
#include "corridor/model/builder.hpp"
#include "corridor/spec/table.hpp"
#include "support/files.hpp"

using namespace corridor;
using namespace corridor::test;

TEST_CASE("table: typed cells are written once, the same way") {
  Table t;
  t.add_text("id", std::vector<std::string>{"A", "B, the second", ""});
  t.add_integer("community", {3, kNoInteger, -1});
  t.add_real("score", {0.1, std::nan(""), -2.5e-7});
  t.add_boolean("key_player", {1, 0, kNoBoolean});
  CHECK(t.num_rows() == 3);
  CHECK(t.header() == std::vector<std::string>{"id", "community", "score", "key_player"});
  CHECK(to_csv(t) ==
        "id,community,score,key_player\n"
        "A,3,0.1,true\n"
        "\"B, the second\",,,false\n"
        ",-1,-2.5e-07,\n");
  CHECK(t.column("score").cell(0) == "0.1");
  CHECK(t.column("score").empty_at(1));
  CHECK_THROWS_WITH(t.column("pagerank"), Catch::Contains("no column \"pagerank\"") && Catch::Contains("id, community"));
  CHECK_THROWS_AS(t.add_real("short", {1.0}), InternalError);      // wrong length
  CHECK_THROWS_AS(t.add_real("score", {1, 2, 3}), InternalError);  // name taken
}

TEST_CASE("table: numbers read back exactly") {
  std::vector<double> values = {0.1, 1.0 / 3.0, 6.02214076e23, 2.2250738585072014e-308, -0.0, 123456789.125};
  Table t;
  t.add_real("x", values);
  const auto rows = parse_csv(to_csv(t));
  REQUIRE(rows.size() == values.size() + 1);
  for (std::size_t i = 0; i < values.size(); ++i) CHECK(std::stod(rows[i + 1][0]) == values[i]);
}

TEST_CASE("table: text that a spreadsheet would run is neutralised, numbers are not") {
  // OWASP CSV injection: cells starting with = + - @ tab or CR.
  CHECK(neutralize_formula("=HYPERLINK(\"http://x\",\"y\")") == "'=HYPERLINK(\"http://x\",\"y\")");
  CHECK(neutralize_formula("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0");
  CHECK(neutralize_formula("-2+3") == "'-2+3");
  CHECK(neutralize_formula("@SUM(A1:A9)") == "'@SUM(A1:A9)");
  CHECK(neutralize_formula("\tx") == "'\tx");
  CHECK(neutralize_formula("\rx") == "'\rx");
  CHECK(neutralize_formula("-inf") == "'-inf");
  CHECK(neutralize_formula("-") == "'-");
  // plain numbers and ordinary text stay as they are
  for (const char* same : {"-3", "+4.5", "-1e-5", "-.5", "P00172", "a=b", "", " =1"}) CHECK(neutralize_formula(same) == same);

  Table t;
  t.add_text("id", std::vector<std::string>{"=1+1", "-7", "@x, y"});
  t.add_real("score", {-0.5, -7, 1});
  CHECK(to_csv(t) ==
        "id,score\n"
        "'=1+1,-0.5\n"
        "-7,-7\n"
        "\"'@x, y\",1\n");
}

TEST_CASE("table: node tables name nodes by id or through a namer, and spread view values") {
  CaseBuilder b;
  b.add_node("S1", NodeKind::smuggler, "boss");
  b.add_node("C1", NodeKind::country);
  b.add_node("M1", NodeKind::migrant);
  b.add_evidence({.source = "S1", .target = "M1", .relation = "smuggled"});
  b.add_evidence({.source = "M1", .target = "C1", .relation = "originates_from"});
  const Case c = std::move(b).freeze();
  const View view = make_view(c);  // the country is left out
  REQUIRE(view.graph.num_vertices() == 2);
  Table t = node_table(c);
  t.add_real("x", per_node(view, std::vector<double>{0.25, 0.75}));
  t.add_integer("g", per_node(view, std::vector<std::int64_t>{4, 5}));
  CHECK(to_csv(t) == "id,kind,label,x,g\nS1,smuggler,boss,0.25,4\nC1,country,,,\nM1,migrant,,0.75,5\n");

  const NodeNamer names{[](NodeId v) { return "N" + std::to_string(v); }, [](NodeId) { return std::string("hidden"); }};
  const std::vector<NodeId> some = {2, 0};
  CHECK(to_csv(node_table(c, some, names)) == "id,kind,label\nN2,migrant,hidden\nN0,smuggler,hidden\n");
}

TEST_CASE("table: written to a file atomically") {
  TempDir d;
  Table t;
  t.add_text("id", std::vector<std::string>{"a"});
  write_csv(t, d.path / "t.csv");
  CHECK(slurp(d.path / "t.csv") == "id\na\n");
  CHECK_THROWS_AS(write_csv(t, d.path / "missing" / "t.csv"), IoError);
}

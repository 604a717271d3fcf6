// The frozen CSR graph and views of a case.
#include <catch2/catch.hpp>

#include "corridor/corridor.hpp"

using namespace corridor;

TEST_CASE("undirected graph merges parallel edges and drops self-loops") {
  //  0 - 1 = 2   (1-2 given twice), 3 isolated, 2-2 self-loop dropped
  std::vector<Graph::Edge> edges{{0, 1}, {1, 2, 2.0}, {2, 1, 0.5}, {2, 2}};
  auto g = Graph::from_edges(4, edges, Direction::undirected);
  CHECK(g.num_vertices() == 4);
  CHECK(g.num_edges() == 2);
  CHECK(g.out_degree(1) == 2);
  CHECK(g.out_degree(3) == 0);
  CHECK(g.weighted());
  auto a = g.find_arc(1, 2);
  REQUIRE(a >= 0);
  CHECK(g.arc_weights()[static_cast<std::size_t>(a)] == Approx(2.5));
  CHECK(g.total_arc_weight() == Approx(2 * 3.5));
  CHECK_THROWS_AS(Graph::from_edges(2, std::vector<Graph::Edge>{{0, 5}}, Direction::undirected), ParamError);
  CHECK_THROWS_AS(Graph::from_edges(2, std::vector<Graph::Edge>{{0, 1, -1}}, Direction::undirected), ParamError);
}

TEST_CASE("directed graph keeps a transposed CSR") {
  std::vector<Graph::Edge> edges{{0, 1}, {0, 2}, {2, 1}};
  auto g = Graph::from_edges(3, edges, Direction::directed);
  CHECK(g.num_edges() == 3);
  CHECK(g.in_degree(1) == 2);
  CHECK(g.out_degree(1) == 0);
  auto in1 = g.in_neighbors(1);
  CHECK(std::vector<vertex_t>(in1.begin(), in1.end()) == std::vector<vertex_t>{0, 2});
  auto u = g.to_undirected();
  CHECK(u.num_edges() == 3);
  CHECK(u.out_degree(1) == 2);
}

TEST_CASE("a view leaves countries out and weighs evidence") {
  CaseBuilder b;
  b.add_node("S", NodeKind::smuggler);
  b.add_node("M", NodeKind::migrant);
  b.add_node("O", NodeKind::organization);
  b.add_node("SY", NodeKind::country);
  b.add_evidence({.source = "S", .target = "M", .relation = "smuggled"});
  b.add_evidence({.source = "M", .target = "SY", .relation = "originates_from"});
  b.add_evidence({.source = "S", .target = "O", .relation = "member_of", .confidence = 0.5});
  b.add_evidence({.source = "S", .target = "O", .relation = "member_of", .confidence = 0.5});
  Case c = std::move(b).freeze();

  auto v = make_view(c);
  CHECK(v.graph.num_vertices() == 3);
  CHECK(v.vertex_of[3] == kNoVertex);
  CHECK(v.graph.num_edges() == 2);
  CHECK_FALSE(v.graph.weighted());

  auto s = make_view(c, {.weighting = Weighting::strength});
  auto arc = s.graph.find_arc(v.vertex_of[0], v.vertex_of[2]);
  CHECK(s.graph.arc_weights()[static_cast<std::size_t>(arc)] == Approx(1.0));  // 0.5 + 0.5

  // Two member_of reports of confidence 0.5: one relation, corroborated (see the evidence rule).
  auto t = make_view(c, {.weighting = Weighting::transmission});
  arc = t.graph.find_arc(t.vertex_of[0], t.vertex_of[2]);
  CHECK(t.graph.arc_weights()[static_cast<std::size_t>(arc)] == Approx(0.9 * (0.5 + 0.25 * volume_gain(2.0))));

  auto all = make_view(c, {.kinds = KindSet::all(), .direction = Direction::directed});
  CHECK(all.graph.num_vertices() == 4);
  CHECK(all.graph.num_edges() == 3);
  CHECK(all.graph.has_edge(1, 3));
  CHECK_FALSE(all.graph.has_edge(3, 1));

  auto rel = make_view(c, {.relations = RelationSet::parse("member_of", c.relations())});
  CHECK(rel.graph.num_edges() == 1);
}

TEST_CASE("decay halves strength every half-life") {
  auto asof = *parse_time("2021-01-11");
  CHECK(decay_factor(*parse_time("2021-01-01"), asof, 10) == Approx(0.5));
  CHECK(decay_factor(*parse_time("2021-01-11"), asof, 10) == Approx(1.0));
  CHECK(decay_factor(Timestamp::none(), asof, 10) == 1.0);
  CHECK(decay_factor(*parse_time("2020-01-01"), asof, 0) == 1.0);
}

// Measures and community methods by name: each decision of the spec, checked against published
// values (tests/data/graphs, /work/shared/REFERENCE.md) on public research networks.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "corridor/centrality/brokerage.hpp"
#include "corridor/centrality/spectral.hpp"
#include "corridor/community/quality.hpp"
#include "corridor/error.hpp"
#include "corridor/model/builder.hpp"
#include "corridor/spec/centrality.hpp"
#include "corridor/spec/community.hpp"

using namespace corridor;

namespace {

// A reference graph as a case: node "vK" for vertex K (person), one "associated" (undirected)
// piece of evidence per edge, the file's weight as the evidence weight.
Case case_of(const std::string& file) {
  std::ifstream in(std::string(CORRIDOR_TEST_DATA) + "/graphs/" + file);
  REQUIRE(in);
  std::vector<std::tuple<int, int, double>> edges;
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#' || line.rfind("name ", 0) == 0) continue;
    std::istringstream ss(line);
    int u = 0, v = 0;
    double w = 1;
    if (!(ss >> u >> v)) continue;
    ss >> w;
    edges.emplace_back(u, v, w);
    n = std::max({n, u + 1, v + 1});
  }
  CaseBuilder b;
  for (int v = 0; v < n; ++v) b.add_node("v" + std::to_string(v), NodeKind::person);
  for (auto [u, v, w] : edges)
    b.add_evidence({.source = "v" + std::to_string(u), .target = "v" + std::to_string(v), .relation = "associated",
                    .weight = w});
  return std::move(b).freeze();
}

double score(const Case& c, const View& view, const ScoreResult& r, int vertex) {
  return r.scores[view.vertex_of[*c.find("v" + std::to_string(vertex))]];
}

}  // namespace

TEST_CASE("spec: measures by name") {
  CHECK(parse_measures(" pagerank, degree,pagerank ") == std::vector<Measure>{Measure::pagerank, Measure::degree});
  for (std::size_t i = 0; i < kMeasureCount; ++i)
    CHECK(parse_measure(to_string(static_cast<Measure>(i))) == static_cast<Measure>(i));
  CHECK_THROWS_WITH(parse_measures("degree,closenes"),
                    Catch::Contains("unknown measure \"closenes\"") && Catch::Contains("betweenness_approx"));
  CHECK_THROWS_WITH(parse_measures(" , "), Catch::Contains("at least one measure"));
  CHECK(default_measures().size() == 7);
  CHECK(parse_path_weights("distance") == PathWeights::distance);
  CHECK_THROWS_AS(parse_path_weights("length"), ParamError);
  CHECK(parse_degree_mode("in") == DegreeMode::in);
  CHECK(parse_key_player_mode("pos") == KeyPlayerMode::positive);
  CHECK(parse_community_method("labelprop") == CommunityMethod::labelprop);
  CHECK_THROWS_WITH(parse_community_method("infomap"), Catch::Contains("leiden, louvain or labelprop"));
}

TEST_CASE("spec: karate club centrality matches networkx's published values") {
  const Case c = case_of("karate.txt");
  const View view = make_view(c);
  const CentralityResult r = compute_centrality(c, view, {});
  REQUIRE(r.measures.size() == 7);
  CHECK(score(c, view, r.scores(Measure::betweenness), 0) == Approx(0.437635).margin(1e-6));
  CHECK(score(c, view, r.scores(Measure::betweenness), 33) == Approx(0.304075).margin(1e-6));
  CHECK(score(c, view, r.scores(Measure::closeness), 0) == Approx(0.568966).margin(1e-6));
  CHECK(score(c, view, r.scores(Measure::eigenvector), 33) == Approx(0.373363).margin(1e-6));
  CHECK(score(c, view, r.scores(Measure::pagerank), 33) == Approx(0.100919).margin(1e-6));
  CHECK(score(c, view, r.scores(Measure::pagerank), 0) == Approx(0.096997).margin(1e-6));
  CHECK(score(c, view, r.scores(Measure::degree), 33) == 17);
  // lambda_max 6.7257 < 9: networkx's alpha 0.1 is kept, and nothing is said about it
  CHECK(r.katz_alpha == 0.1);
  CHECK(r.notes.empty());
  CHECK_THROWS_WITH(r.scores(Measure::kcore), Catch::Contains("kcore was not computed"));

  const Table t = centrality_table(c, view, r);
  CHECK(t.header() == std::vector<std::string>{"id", "kind", "label", "degree", "betweenness", "closeness", "harmonic",
                                               "eigenvector", "pagerank", "katz"});
  CHECK(t.num_rows() == 34);
  CHECK(t.column("pagerank").real[33] == score(c, view, r.scores(Measure::pagerank), 33));
}

TEST_CASE("spec: Katz alpha is lowered inside 1/lambda_max once, with a note (Les Miserables)") {
  const Case c = case_of("lesmis.txt");
  const View view = make_view(c);  // unit weights: lambda_max 12.0058
  const CentralityResult r = compute_centrality(c, view, {.measures = {Measure::katz}});
  CHECK(r.katz_alpha == Approx(0.9 / 12.0058).epsilon(1e-5));
  REQUIRE(r.notes.size() == 1);
  CHECK_THAT(r.notes[0], Catch::Contains("Katz alpha lowered from 0.1 to 0.074964"));
  // the same alpha given explicitly gives the same scores
  const CentralityResult same = compute_centrality(c, view, {.measures = {Measure::katz}, .katz_alpha = r.katz_alpha});
  CHECK(same.scores(Measure::katz).scores == r.scores(Measure::katz).scores);
  CHECK(same.notes.empty());
  // an alpha above the bound is refused with the bound in the message
  CHECK_THROWS_WITH(compute_centrality(c, view, {.measures = {Measure::katz}, .katz_alpha = 0.1}),
                    Catch::Contains("0.0832"));
  CHECK_THROWS_AS(compute_centrality(c, view, {.measures = {Measure::katz}, .katz_alpha = -1}), ParamError);
}

TEST_CASE("spec: path weights follow the view, or are named") {
  // a square with one long side: A-B 1, B-C 1, C-D 1, D-A weight 4
  CaseBuilder b;
  for (const char* id : {"A", "B", "C", "D"}) b.add_node(id, NodeKind::person);
  b.add_evidence({.source = "A", .target = "B", .relation = "associated"});
  b.add_evidence({.source = "B", .target = "C", .relation = "associated"});
  b.add_evidence({.source = "C", .target = "D", .relation = "associated"});
  b.add_evidence({.source = "D", .target = "A", .relation = "associated", .weight = 4});
  const Case c = std::move(b).freeze();
  const View weighted = make_view(c, resolve_view(c, {.weighted = true}));
  const CentralitySpec between{.measures = {Measure::betweenness}, .normalized = false};
  auto b_of = [&](const View& v, const CentralitySpec& s, const char* id) {
    return compute_centrality(c, v, s).scores(Measure::betweenness).scores[v.vertex_of[*c.find(id)]];
  };
  // hops: a 4-cycle, every vertex lies on half of one shortest path
  CHECK(b_of(make_view(c), between, "B") == 0.5);
  // strength: D-A has length 1/4, so A-D-C (1.25) beats A-B-C (2): D carries A-C, A carries B-D
  CHECK(b_of(weighted, between, "D") == 1.0);
  CHECK(b_of(weighted, between, "B") == 0.0);
  // distance: D-A has length 4, so B carries A-C and C carries B-D... and A-D goes round
  CentralitySpec as_distance = between;
  as_distance.path_weights = PathWeights::distance;
  CHECK(b_of(weighted, as_distance, "B") == 2.0);  // A-C and A-D both pass B
  CHECK(b_of(weighted, as_distance, "D") == 0.0);
}

TEST_CASE("spec: personalization by id, and ids outside the view are refused") {
  const Case c = case_of("karate.txt");
  const View view = make_view(c);
  const CentralityResult r =
      compute_centrality(c, view, {.measures = {Measure::pagerank}, .personalization = {{"v0", 1.0}}});
  const auto& s = r.scores(Measure::pagerank).scores;
  double sum = 0;
  for (double x : s) sum += x;
  CHECK(sum == Approx(1.0));
  CHECK(score(c, view, r.scores(Measure::pagerank), 0) > 0.15);  // the walk restarts at v0
  CHECK_THROWS_WITH(compute_centrality(c, view, {.measures = {Measure::pagerank}, .personalization = {{"nobody", 1}}}),
                    Catch::Contains("nobody"));
  CHECK_THROWS_AS(compute_centrality(c, view, {.measures = {Measure::pagerank}, .personalization = {{"v1", -1}}}),
                  ParamError);
}

TEST_CASE("spec: communities by name on the karate club, and their table") {
  const Case c = case_of("karate.txt");
  const View view = make_view(c, community_view(c, {}));
  for (auto method : {CommunityMethod::leiden, CommunityMethod::louvain, CommunityMethod::labelprop}) {
    const CommunityResult r = find_communities(view.graph, {.method = method, .seed = 3});
    CHECK(r.membership.size() == 34);
    // the result's quality is the modularity of its partition; none beats the optimum 0.419790
    CHECK(r.quality == Approx(modularity(view.graph, r.membership)).margin(1e-12));
    CHECK(r.quality <= 0.419790 + 1e-6);
    INFO(to_string(method));
    // Leiden finds a near-optimal split; Louvain at least beats CNM's greedy 0.380671
    if (method == CommunityMethod::leiden) CHECK(r.quality > 0.41);
    if (method == CommunityMethod::louvain) CHECK(r.quality > 0.380671);
  }
  const CommunityResult cpm = find_communities(view.graph, {.objective = Objective::cpm, .resolution = 0.05});
  CHECK(cpm.quality == Approx(cpm_quality(view.graph, cpm.membership, 0.05)).margin(1e-12));
  CHECK_THROWS_WITH(find_communities(view.graph, {.method = CommunityMethod::louvain, .objective = Objective::cpm}),
                    Catch::Contains("leiden method only"));
  CHECK_THROWS_WITH(find_communities(view.graph, {.method = CommunityMethod::labelprop, .resolution = 0.5}),
                    Catch::Contains("labelprop has no resolution"));

  const CommunityResult r = find_communities(view.graph, {});
  const Table t = communities_table(c, view, r);
  REQUIRE(t.header().size() == 4 + r.levels.size());
  CHECK(t.header()[3] == "community");
  CHECK(t.header()[4] == "level_0");
  CHECK(communities_table(c, view, r, {}, false).num_columns() == 4);
}

TEST_CASE("spec: the community view leaves out nationality and transit unless relations are named") {
  CaseBuilder b;
  b.add_node("S1", NodeKind::smuggler);
  b.add_node("S2", NodeKind::smuggler);
  b.add_node("L1", NodeKind::person);
  b.add_evidence({.source = "S1", .target = "S2", .relation = "communicated"});
  b.add_evidence({.source = "S1", .target = "L1", .relation = "transited"});
  const Case c = std::move(b).freeze();
  CHECK(make_view(c, community_view(c, {})).graph.num_arcs() == 2);  // one undirected edge
  CHECK(make_view(c, community_view(c, {.relations = "transited,communicated"})).graph.num_arcs() == 4);
}

TEST_CASE("spec: key players and brokerage tables") {
  // a path S1 - S2 - S3 - S4 with groups by country
  CaseBuilder b;
  b.add_node("S1", NodeKind::smuggler, "", "", "AA");
  b.add_node("S2", NodeKind::smuggler, "", "", "AA");
  b.add_node("S3", NodeKind::smuggler, "", "", "BB");
  b.add_node("S4", NodeKind::smuggler, "", "", "");
  b.add_node("C1", NodeKind::country);
  b.add_evidence({.source = "S1", .target = "S2", .relation = "communicated"});
  b.add_evidence({.source = "S2", .target = "S3", .relation = "communicated"});
  b.add_evidence({.source = "S3", .target = "S4", .relation = "communicated"});
  const Case c = std::move(b).freeze();
  const View view = make_view(c);
  const KeyPlayers kp = find_key_players(view, {.k = 1});
  REQUIRE(kp.players.size() == 1);
  CHECK(kp.articulation_points == std::vector<NodeId>{1, 2});
  const Table t = keyplayers_table(c, kp.players, kp.result.marginal, kp.articulation_points);
  CHECK(t.header() == std::vector<std::string>{"rank", "id", "kind", "label", "marginal", "articulation_point"});
  REQUIRE(t.num_rows() == 2);
  CHECK(t.column("rank").integer[0] == 1);
  CHECK(t.column("rank").empty_at(1));
  CHECK(t.column("articulation_point").boolean == std::vector<std::uint8_t>{1, 1});
  CHECK_THROWS_WITH(find_key_players(view, {.k = 5}), Catch::Contains("[0, 4]"));

  const auto groups = groups_by_attribute(c, view, "country");
  CHECK(groups == std::vector<std::int64_t>{0, 0, 1, -1});
  CHECK_THROWS_WITH(groups_by_attribute(c, view, "phone"), Catch::Contains("no node attribute \"phone\""));
  const BrokerageResult br = brokerage(view.graph, groups, {});
  const Table bt = brokerage_table(c, view, "country", br);
  CHECK(bt.header().size() == 6 + kBrokerageRoleCount);
  CHECK(bt.column("group").cell(2) == "BB");
  CHECK(bt.column("constraint").empty_at(4));  // the country is outside the view
  // S2 (AA) sits between S1 (AA) and S3 (BB): a representative/gatekeeper path both ways
  const auto s2 = [&](BrokerageRole role) { return bt.column(to_string(role)).integer[1]; };
  CHECK(s2(BrokerageRole::representative) + s2(BrokerageRole::gatekeeper) == 2);
}

TEST_CASE("spec: a measure at its iteration cap returns its last iterate and says so") {
  const Case c = case_of("karate.txt");
  const View view = make_view(c);
  const CentralityResult r = compute_centrality(c, view, {.measures = {Measure::eigenvector, Measure::pagerank},
                                                          .max_iterations = 3});
  CHECK_FALSE(r.scores(Measure::eigenvector).converged);
  CHECK_FALSE(r.scores(Measure::pagerank).converged);
  REQUIRE(r.notes.size() == 2);
  CHECK_THAT(r.notes[0], Catch::Contains("eigenvector stopped at its cap of 3 iterations") &&
                             Catch::Contains("raise --max-iterations"));
  CHECK_THAT(r.notes[1], Catch::Contains("pagerank stopped at its cap of 3 iterations"));
  CHECK(compute_centrality(c, view, {.measures = {Measure::eigenvector}}).notes.empty());
}

TEST_CASE("spec: the edge table has every tie once, its betweenness and whether it is a bridge") {
  const Case c = case_of("karate.txt");
  const View view = make_view(c);
  const EdgeScores scores = compute_edge_betweenness(view, {});
  const Table t = edge_table(c, view, scores);
  CHECK(t.header() == std::vector<std::string>{"source", "target", "betweenness", "bridge"});
  REQUIRE(t.num_rows() == 78);
  // member 11 knows only 0: the one bridge of the club
  std::vector<std::string> bridges;
  for (std::size_t i = 0; i < t.num_rows(); ++i)
    if (t.column("bridge").boolean[i]) bridges.push_back(t.column("source").cell(i) + "-" + t.column("target").cell(i));
  CHECK(bridges == std::vector<std::string>{"v0-v11"});
  // networkx 2.8.8 edge_betweenness_centrality(karate)[(0, 31)] = 0.1272599949070537
  bool found = false;
  for (std::size_t i = 0; i < t.num_rows(); ++i)
    if (t.column("source").cell(i) == "v0" && t.column("target").cell(i) == "v31") {
      CHECK(t.column("betweenness").real[i] == Approx(0.1272599949070537).epsilon(1e-12));
      found = true;
    }
  CHECK(found);
  CHECK_THROWS_AS(compute_edge_betweenness(view, {.endpoints = true}), ParamError);
}

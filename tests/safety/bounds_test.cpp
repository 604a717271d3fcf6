// Every stage of analyze near-linear or bounded with a stated budget: a hub of 200,000 ties
// goes through the whole pipeline, a dense graph under the vertex limit is sampled rather than
// run for hours, and `paths --k` / `ego --hops` refuse what they cannot bound. No timing
// assertion: a missing bound shows as a test timeout, not as a slow pass.
#include <catch2/catch.hpp>

#include <numeric>
#include <string>

#include "corridor/corridor.hpp"
#include "support/cli.hpp"

using namespace corridor;
using namespace corridor::test;

namespace {

// One smuggler H with `d` migrants (smuggled), a ring of 10 smugglers (communicated, two
// member_of the organization O), H communicating with each ring member, and `closed` migrants
// also smuggled by ring member R0 (so H's neighbourhood holds `closed` + 10 ties among itself).
Case hub_case(std::uint32_t d, std::uint32_t closed) {
  CaseBuilder b;
  b.add_node("O", NodeKind::organization);
  b.add_node("H", NodeKind::smuggler);
  for (int i = 0; i < 10; ++i) b.add_node("R" + std::to_string(i), NodeKind::smuggler);
  for (std::uint32_t i = 0; i < d; ++i) b.add_node("M" + std::to_string(i), NodeKind::migrant);
  const auto rel = [&](const char* name) { return *b.relations().find(name); };
  const NodeId H = 1;
  for (NodeId i = 0; i < 10; ++i) {
    b.add_evidence(2 + i, 2 + (i + 1) % 10, rel("communicated"), {});
    b.add_evidence(H, 2 + i, rel("communicated"), {});
    if (i < 2) b.add_evidence(2 + i, 0, rel("member_of"), {});
  }
  for (NodeId i = 0; i < d; ++i) b.add_evidence(H, 12 + i, rel("smuggled"), {});
  for (NodeId i = 0; i < closed; ++i) b.add_evidence(2, 12 + i, rel("smuggled"), {});
  b.add_seed({0, 1.0, {}});
  return std::move(b).freeze();
}

}  // namespace

TEST_CASE("analyze goes through a hub of 200,000 ties; its brokerage counts every open pair") {
  constexpr std::uint32_t d = 200000, closed = 50;
  const Case c = hub_case(d, closed);
  AnalyzeParams p;
  p.epsilon = 0.2;  // sampled betweenness with few paths: the test is about every other stage
  p.explain_top = 50;
  const AnalysisResult r = analyze(c, p);
  const NodeId H = *c.find("H");
  // H's neighbours: d migrants and 10 ring members; ties among them: the 10-ring and R0's
  // `closed` migrants. Every ordered pair of distinct neighbours not tied is one open two-path.
  const std::uint64_t deg = d + 10, ties_among = 10 + closed;
  const auto& roles = r.roles[H];
  CHECK(std::accumulate(roles.begin(), roles.end(), std::uint64_t{0}) == deg * (deg - 1) - 2 * ties_among);
  CHECK(r.effective_size[H] == Approx(static_cast<double>(deg) - 2.0 * ties_among / deg));
  CHECK(r.betweenness_method.rfind("sampled", 0) == 0);
  CHECK_FALSE(r.closeness_computed);
  CHECK(r.exact_left_out.find("more than 50000 vertices") != std::string::npos);
  CHECK(r.has_scores);
}

TEST_CASE("a graph under the vertex limit but over the work budget is sampled, and the report says why") {
  const Case c = hub_case(300, 20);
  AnalyzeParams p;
  p.exact_work = 1000;  // n (n + arcs) is about 2e5 here
  const AnalysisResult r = analyze(c, p);
  CHECK(r.betweenness_method.rfind("sampled", 0) == 0);
  CHECK_FALSE(r.closeness_computed);
  CHECK(r.exact_left_out.find("above the budget") != std::string::npos);
  CHECK(report_html(c, r).find("above the budget") != std::string::npos);
  // within the budget: exact, and asking for sampling keeps closeness
  p.exact_work = 1e7;
  const AnalysisResult e = analyze(c, p);
  CHECK(e.betweenness_method.rfind("exact", 0) == 0);
  CHECK(e.closeness_computed);
  CHECK(e.exact_left_out.empty());
  p.approximate = true;
  const AnalysisResult a = analyze(c, p);
  CHECK(a.betweenness_method.rfind("sampled", 0) == 0);
  CHECK(a.closeness_computed);
  p.exact_work = -1;
  CHECK_THROWS_AS(analyze(c, p), ParamError);
}

TEST_CASE("the number of evidence paths and the ego radius are bounded with clear errors") {
  const Case c = hub_case(50, 5);
  const NodeId O = *c.find("O"), M = *c.find("M3");
  CHECK(evidence_paths(c, O, M, {.k = kMaxPaths}).size() >= 2);
  CHECK_THROWS_WITH(evidence_paths(c, O, M, {.k = kMaxPaths + 1}), Catch::Contains("[1, 1000]"));
  CHECK_THROWS_WITH(evidence_paths(c, O, M, {.k = 0}), Catch::Contains("[1, 1000]"));
  const ExplainIndex index = build_explain_index(c, c.seeds());
  CHECK_THROWS_AS(strongest_paths(index, M, {.k = 100000}), ParamError);
  CHECK(ego_case(c, O, {.hops = kMaxEgoHops}).num_nodes() == c.num_nodes());
  CHECK_THROWS_WITH(ego_case(c, O, {.hops = kMaxEgoHops + 1}), Catch::Contains("[0, 100]"));
  CHECK_THROWS_AS(ego_case(c, O, {.hops = -1}), ParamError);

  // the command refuses before loading the case (the case path need not even exist)
  TempDir t;
  for (const std::string args : {"paths nowhere --from A --to B --k 100000", "paths nowhere --from A --to B --k 0",
                                 "ego nowhere --id A --hops 101 --out x", "ego nowhere --id A --hops -3 --out x",
                                 "explain nowhere --id A --k 1001"}) {
    INFO(args);
    const Run r = run(t, args);
    CHECK(r.code == 2);
    CHECK(r.err.find("nowhere") == std::string::npos);
    CHECK((r.err.find("[1, 1000]") != std::string::npos || r.err.find("[0, 100]") != std::string::npos));
  }
}

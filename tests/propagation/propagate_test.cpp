// Affiliation propagation: role-aware strengths, the linear systems behind each method, and the
// product's promises (clients and countries do not inherit suspicion).
#include <catch2/catch.hpp>

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <map>

#include "corridor/propagation/propagate.hpp"
#include "propagation/fixtures.hpp"

#if defined(CORRIDOR_HAVE_OPENMP) || defined(_OPENMP)
#include <omp.h>
#define PROPAGATION_TEST_OPENMP 1
#endif

using namespace corridor;
using corridor::testing::random_case;
using corridor::testing::smuggler_scenario;

namespace {

Eigen::MatrixXd dense_weights(const Graph& g) {
  Eigen::MatrixXd w = Eigen::MatrixXd::Zero(g.num_vertices(), g.num_vertices());
  for (vertex_t u = 0; u < g.num_vertices(); ++u) {
    auto nb = g.out_neighbors(u);
    auto ws = g.out_weights(u);
    for (std::size_t i = 0; i < nb.size(); ++i) w(u, nb[i]) = ws[i];
  }
  return w;
}

// Scores by a dense solve of the system each method documents, from the seed vector used
// (implicit seeds included).
std::vector<double> dense_reference(const Case& c, const PropagationParams& p, const std::vector<double>& seed_weight) {
  const Graph g = propagation_graph(c, p);
  const Eigen::Index n = g.num_vertices();
  const Eigen::MatrixXd w = dense_weights(g);
  Eigen::VectorXd y = Eigen::VectorXd::Zero(n);
  for (Eigen::Index v = 0; v < n; ++v) y(v) = seed_weight[static_cast<std::size_t>(v)];
  y /= y.sum();
  const double r = p.restart;
  Eigen::VectorXd x;
  Eigen::VectorXd s = w.rowwise().sum();
  if (p.method == Method::spread) {
    Eigen::VectorXd dm(n);
    for (Eigen::Index v = 0; v < n; ++v) dm(v) = 1.0 / std::sqrt(std::max(s(v), 1.0));
    const Eigen::MatrixXd sm = dm.asDiagonal() * w * dm.asDiagonal();
    x = r * (Eigen::MatrixXd::Identity(n, n) - (1 - r) * sm).partialPivLu().solve(y);
  } else {
    Eigen::VectorXd norm(n);
    for (Eigen::Index v = 0; v < n; ++v)
      norm(v) = p.method == Method::naive ? (s(v) > 0 ? s(v) : 1.0) : std::max(s(v), 1.0);
    const Eigen::MatrixXd pt = w * norm.cwiseInverse().asDiagonal();
    x = r * (Eigen::MatrixXd::Identity(n, n) - (1 - r) * pt).partialPivLu().solve(y);
    if (p.method == Method::naive) x /= x.sum();
    if (p.method == Method::ppr_degree) {
      for (Eigen::Index v = 0; v < n; ++v) {
        double org = 0.0;
        auto nb = g.out_neighbors(static_cast<vertex_t>(v));
        for (std::size_t i = 0; i < nb.size(); ++i)
          if (!is_client_tie(c, g.out_tags(static_cast<vertex_t>(v))[i])) org += g.out_weights(static_cast<vertex_t>(v))[i];
        x(v) /= std::max(org, 1.0);
      }
    }
  }
  return {x.data(), x.data() + n};
}

double score_of(const Case& c, const PropagationResult& r, const char* id) { return r.scores[c.require(id)]; }

}  // namespace

TEST_CASE("the motivating scenario: a seed smuggler's 400 clients stay far below its affiliates") {
  // S (seed) --smuggled/paid/calls--> M0..M399 (no other tie)
  // S --affiliated_with/coordinated/financed/recruited/member_of (B2, C3)-- A0..A4
  const Case c = smuggler_scenario(400);
  for (Method m : {Method::ppr, Method::spread, Method::ppr_degree}) {
    INFO("method " << to_string(m));
    const PropagationResult r = propagate(c, c.seeds(), {.method = m});
    REQUIRE(r.converged);
    double lowest_affiliate = 1.0, highest_migrant = 0.0;
    for (int i = 0; i < 5; ++i) lowest_affiliate = std::min(lowest_affiliate, score_of(c, r, ("A" + std::to_string(i)).c_str()));
    for (int i = 0; i < 400; ++i) highest_migrant = std::max(highest_migrant, score_of(c, r, ("M" + std::to_string(i)).c_str()));
    CHECK(lowest_affiliate > 0.0);
    CHECK(highest_migrant > 0.0);  // reached, but weakly
    CHECK(highest_migrant < 0.05 * lowest_affiliate);
    // rank: S, then the five affiliates, then migrants
    CHECK(c.node_id(r.order[0]) == "S");
    for (int i = 1; i <= 5; ++i) CHECK(c.node_id(r.order[static_cast<std::size_t>(i)])[0] == 'A');
  }
  // The naive baseline cannot tell them apart: a migrant and an affiliate are both one tie away.
  const PropagationResult naive = propagate(c, c.seeds(), {.method = Method::naive});
  CHECK(score_of(c, naive, "M0") == Approx(score_of(c, naive, "A0")));
}

TEST_CASE("a migrant ranks high through organizational ties of their own") {
  // S (seed) --smuggled-- M0, M1 ; M1 --member_of B2-- O (org) --affiliated_with B2-- S
  CaseBuilder b;
  b.add_node("S", NodeKind::smuggler);
  b.add_node("O", NodeKind::organization);
  b.add_node("M0", NodeKind::migrant);
  b.add_node("M1", NodeKind::migrant);
  b.add_evidence({.source = "S", .target = "M0", .relation = "smuggled", .grade = "A1"});
  b.add_evidence({.source = "S", .target = "M1", .relation = "smuggled", .grade = "A1"});
  b.add_evidence({.source = "M1", .target = "S", .relation = "member_of", .grade = "B2"});
  b.add_evidence({.source = "S", .target = "O", .relation = "affiliated_with", .grade = "B2"});
  b.add_seed("S");
  const Case c = std::move(b).freeze();
  const PropagationResult r = propagate(c, c.seeds());
  CHECK(score_of(c, r, "M1") > 20 * score_of(c, r, "M0"));
  CHECK(is_client_tie(c, 0));
  CHECK_FALSE(is_client_tie(c, 2));  // member_of is organizational, even for a migrant
}

TEST_CASE("tie strength: the view's evidence rule, client cap per pair and per node") {
  CaseBuilder b;
  b.add_node("A", NodeKind::person);
  b.add_node("B", NodeKind::person);
  b.add_node("S", NodeKind::smuggler);
  b.add_node("M", NodeKind::migrant);
  // A-B: financed B2 (0.85 x 0.64) and communicated x2 C3 (0.3 x 0.36, corroborated by volume)
  b.add_evidence({.source = "A", .target = "B", .relation = "financed", .grade = "B2"});
  b.add_evidence({.source = "B", .target = "A", .relation = "communicated", .weight = 2, .grade = "C3"});
  // S-M: forty calls and a payment, all A1: one client tie, capped
  b.add_evidence({.source = "S", .target = "M", .relation = "communicated", .weight = 40, .grade = "A1"});
  b.add_evidence({.source = "M", .target = "S", .relation = "paid", .grade = "A1"});
  b.add_seed("A");
  const Case c = std::move(b).freeze();
  const Graph g = propagation_graph(c);
  const double p1 = 0.85 * 0.64, p2 = 0.3 * (0.36 + 0.64 * 0.36 * volume_gain(2.0));
  const double expected = 1 - (1 - p1) * (1 - p2);
  REQUIRE(g.find_arc(0, 1) >= 0);
  CHECK(g.arc_weights()[static_cast<std::size_t>(g.find_arc(0, 1))] == Approx(expected).epsilon(1e-12));
  CHECK(g.arc_tags()[static_cast<std::size_t>(g.find_arc(0, 1))] == 0);  // the financing is the strongest
  CHECK(g.arc_weights()[static_cast<std::size_t>(g.find_arc(2, 3))] == Approx(0.01));
  const Graph g2 = propagation_graph(c, {.client_factor = 0.2});
  CHECK(g2.arc_weights()[static_cast<std::size_t>(g2.find_arc(2, 3))] == Approx(0.2));
  // Overrides apply to non-client evidence.
  const Graph g3 = propagation_graph(c, {.strength = {.transmission_overrides = {{"communicated", 0.0}}}});
  CHECK(g3.arc_weights()[static_cast<std::size_t>(g3.find_arc(0, 1))] == Approx(p1));
}

TEST_CASE("a smuggler's clients together weigh as one client tie and do not dilute its other ties") {
  //  M0..M3 --smuggled A1-- S --recruited B2-- R
  CaseBuilder b;
  b.add_node("S", NodeKind::smuggler);
  b.add_node("R", NodeKind::person);
  for (int i = 0; i < 4; ++i) {
    b.add_node("M" + std::to_string(i), NodeKind::migrant);
    b.add_evidence({.source = "S", .target = "M" + std::to_string(i), .relation = "smuggled", .grade = "A1"});
  }
  b.add_evidence({.source = "S", .target = "R", .relation = "recruited", .grade = "B2"});
  b.add_seed("S");
  const Case c = std::move(b).freeze();
  const Graph g = propagation_graph(c);
  for (int i = 0; i < 4; ++i) {
    const auto arc = g.find_arc(0, c.require("M" + std::to_string(i)));
    REQUIRE(arc >= 0);
    CHECK(g.arc_weights()[static_cast<std::size_t>(arc)] == Approx(0.01 / 4));  // the cap shared by four
  }
  CHECK(g.out_strength(0) == Approx(0.7 * 0.64 + 0.01));
  // Without the budget the four ties would weigh 0.04 together; with it, a fifth client changes
  // R's score by the budget's share only.
  const PropagationResult r = propagate(c, c.seeds());
  CHECK(r.scores[c.require("M0")] < 0.01 * r.scores[c.require("R")]);
}

TEST_CASE("older evidence counts less under a half-life") {
  CaseBuilder b;
  b.add_node("A", NodeKind::person);
  b.add_node("B", NodeKind::person);
  b.add_node("C", NodeKind::person);
  b.add_evidence({.source = "A", .target = "B", .relation = "recruited", .grade = "B2", .time = "2020-01-01"});
  b.add_evidence({.source = "A", .target = "C", .relation = "recruited", .grade = "B2", .time = "2021-01-01"});
  b.add_seed("A");
  const Case c = std::move(b).freeze();
  const PropagationResult flat = propagate(c, c.seeds());
  CHECK(score_of(c, flat, "B") == Approx(score_of(c, flat, "C")));
  PropagationParams p;
  p.strength.half_life_days = 366;  // 2020 is a leap year: B's evidence is one half-life older
  const PropagationResult decayed = propagate(c, c.seeds(), p);
  CHECK(score_of(c, decayed, "B") == Approx(0.5 * score_of(c, decayed, "C")).epsilon(1e-9));
  p.strength.as_of = *parse_time("2022-01-01");
  const Graph g = propagation_graph(c, p);
  CHECK(g.arc_weights()[static_cast<std::size_t>(g.find_arc(0, 2))] == Approx(0.7 * 0.64 * std::exp2(-365.0 / 366)));
}

TEST_CASE("country and location nodes pass nothing on") {
  //  A (seed) --originates_from-- SY (country) --originates_from-- B
  //  A --transited-- L (location) --transited-- D
  CaseBuilder b;
  b.add_node("A", NodeKind::person);
  b.add_node("SY", NodeKind::country);
  b.add_node("B", NodeKind::person);
  b.add_node("L", NodeKind::location);
  b.add_node("D", NodeKind::person);
  b.add_evidence({.source = "A", .target = "SY", .relation = "originates_from", .grade = "A1"});
  b.add_evidence({.source = "B", .target = "SY", .relation = "originates_from", .grade = "A1"});
  b.add_evidence({.source = "A", .target = "L", .relation = "associated", .grade = "A1"});
  b.add_evidence({.source = "D", .target = "L", .relation = "associated", .grade = "A1"});
  b.add_seed("A");
  const Case c = std::move(b).freeze();
  for (Method m : {Method::ppr, Method::spread, Method::ppr_degree}) {
    const PropagationResult r = propagate(c, c.seeds(), {.method = m});
    CHECK(score_of(c, r, "B") == 0.0);
    CHECK(score_of(c, r, "D") == 0.0);
    CHECK(score_of(c, r, "SY") == 0.0);
    CHECK(score_of(c, r, "L") == 0.0);
    CHECK(score_of(c, r, "A") > 0.0);
    CHECK(r.top_seed[c.require("B")] == kNoNode);
  }
  // The explicit opt-out lets them relay (at their ties' transmission).
  PropagationParams open;
  open.countries_pass = true;
  open.strength.transmission_overrides = {{"originates_from", 0.5}};
  const PropagationResult r = propagate(c, c.seeds(), open);
  CHECK(score_of(c, r, "B") > 0.0);
  CHECK(score_of(c, r, "D") > 0.0);
  // The naive baseline always lets nationality through.
  const PropagationResult naive = propagate(c, c.seeds(), {.method = Method::naive});
  CHECK(score_of(c, naive, "B") > 0.0);
}

TEST_CASE("scores match a dense solve of each method's linear system") {
  for (std::uint32_t seed = 1; seed <= 12; ++seed) {
    const Case c = random_case(seed, 8 + seed * 3, 20 + seed * 9, 1 + seed % 3);
    for (Method m : {Method::ppr, Method::spread, Method::ppr_degree, Method::naive}) {
      INFO("case " << seed << ", method " << to_string(m));
      // The solver against the dense system for the given seeds (implicit seeds off: they only
      // change the seed vector, tested on their own below).
      const PropagationParams p{.method = m, .restart = 0.2, .group_seeds = GroupSeeds::off, .tolerance = 1e-14};
      const PropagationResult r = propagate(c, c.seeds(), p);
      REQUIRE(r.converged);
      const std::vector<double> ref = dense_reference(c, p, r.seed_weight);
      REQUIRE(r.scores.size() == ref.size());
      for (std::size_t v = 0; v < ref.size(); ++v) CHECK(r.scores[v] == Approx(ref[v]).margin(1e-8));
    }
  }
}

TEST_CASE("the organization the seeds are tied to is an implicit seed") {
  //  S1, S2 (seeds) --member_of B2--> G (organization) <--affiliated_with C3-- T (traveller)
  //  S1 --communicated B2-- P1, P2, P3 (call contacts); S1 --communicated B2-- F (organization)
  CaseBuilder b;
  for (const char* id : {"S1", "S2", "T", "P1", "P2", "P3"}) b.add_node(id, NodeKind::person);
  b.add_node("G", NodeKind::organization);
  b.add_node("F", NodeKind::organization);
  b.add_evidence({.source = "S1", .target = "G", .relation = "member_of", .grade = "B2"});
  b.add_evidence({.source = "S2", .target = "G", .relation = "member_of", .grade = "B2"});
  b.add_evidence({.source = "T", .target = "G", .relation = "affiliated_with", .grade = "C3"});
  b.add_evidence({.source = "S1", .target = "F", .relation = "communicated", .grade = "B2"});  // not organizational
  for (const char* p : {"P1", "P2", "P3"}) b.add_evidence({.source = "S1", .target = p, .relation = "communicated", .grade = "B2"});
  b.add_seed("S1");
  b.add_seed("S2", 0.5);
  const Case c = std::move(b).freeze();
  const double g_weight = 1 - (1 - 0.576) * (1 - 0.5 * 0.576);  // member_of B2 = 0.9 x 0.64
  {
    const PropagationResult r = propagate(c, c.seeds(), {.group_seeds = GroupSeeds::group});
    REQUIRE(r.implicit_seeds.size() == 1);
    const ImplicitSeed& g = r.implicit_seeds[0];
    CHECK(g.node == c.require("G"));
    CHECK(g.kind == ImplicitSeed::Kind::group);
    CHECK(g.weight == Approx(g_weight));
    CHECK(g.via == std::vector<NodeId>{c.require("S1"), c.require("S2")});
    CHECK(r.seed_weight[c.require("G")] == Approx(g.weight));
    CHECK(r.top_seed[c.require("G")] == c.require("G"));
    // The traveller tied to the group outranks the seed's call contacts.
    for (const char* p : {"P1", "P2", "P3"}) CHECK(score_of(c, r, "T") > score_of(c, r, p));
    const PropagationResult off = propagate(c, c.seeds(), {.group_seeds = GroupSeeds::off});
    CHECK(off.implicit_seeds.empty());
    CHECK(score_of(c, off, "T") < score_of(c, r, "T"));
  }
  // The default adds the traveller's direct tie to the group: weight g x 0.9 x 0.36, and its
  // evidence path still starts at the group.
  const PropagationResult r = propagate(c, c.seeds());
  REQUIRE(r.implicit_seeds.size() == 2);  // by NodeId: T before G
  const ImplicitSeed& t = r.implicit_seeds[0];
  CHECK(t.node == c.require("T"));
  CHECK(t.kind == ImplicitSeed::Kind::organizational_tie);
  CHECK(t.weight == Approx(g_weight * 0.9 * 0.36));
  CHECK(t.via == std::vector<NodeId>{c.require("G")});
  CHECK(r.top_seed[c.require("T")] == c.require("G"));
  for (const char* p : {"P1", "P2", "P3"}) CHECK(score_of(c, r, "T") > 2 * score_of(c, r, p));
  // Never for the baseline.
  CHECK(propagate(c, c.seeds(), {.method = Method::naive}).implicit_seeds.empty());
}

TEST_CASE("a direct organizational tie counts the same in a small and a large group") {
  // Seed S --member_of A1--> G; X --member_of C3--> G; n other members --member_of B2--> G;
  // C --communicated B2 x 40 calls-- S. X's prior does not depend on n, and X outranks C.
  for (int n : {3, 300}) {
    CaseBuilder b;
    b.add_node("S", NodeKind::smuggler);
    b.add_node("X", NodeKind::person);
    b.add_node("C", NodeKind::smuggler);
    b.add_node("G", NodeKind::organization);
    b.add_evidence({.source = "S", .target = "G", .relation = "member_of", .grade = "A1"});
    b.add_evidence({.source = "X", .target = "G", .relation = "member_of", .grade = "C3"});
    b.add_evidence({.source = "C", .target = "S", .relation = "communicated", .weight = 40, .grade = "B2"});
    for (int i = 0; i < n; ++i) {
      const std::string id = "M" + std::to_string(i);
      b.add_node(id, NodeKind::person);
      b.add_evidence({.source = id, .target = "G", .relation = "member_of", .grade = "B2"});
    }
    b.add_seed("S");
    const Case c = std::move(b).freeze();
    const PropagationResult r = propagate(c, c.seeds());
    INFO("members " << n);
    CHECK(r.seed_weight[c.require("G")] == Approx(0.9));
    CHECK(r.seed_weight[c.require("X")] == Approx(0.9 * 0.9 * 0.36));
    CHECK(score_of(c, r, "X") > score_of(c, r, "C"));
  }
}

TEST_CASE("scores are linear in the seed vector") {
  // With seed vectors a and b (confidence sums |a|, |b|): |a+b| s(a+b) = |a| s(a) + |b| s(b).
  for (std::uint32_t seed = 20; seed < 26; ++seed) {
    const Case c = random_case(seed, 40, 120, 4);
    const std::vector<Seed> a{c.seeds()[0], c.seeds()[1]}, bs{c.seeds()[2], c.seeds()[3]};
    for (Method m : {Method::ppr, Method::spread, Method::ppr_degree}) {
      // Implicit seeds are a noisy-OR of the seeds' ties, not linear in them: off here.
      const PropagationParams p{.method = m, .group_seeds = GroupSeeds::off, .tolerance = 1e-14};
      const auto ra = propagate(c, a, p), rb = propagate(c, bs, p), rab = propagate(c, c.seeds(), p);
      double wa = 0, wb = 0;
      for (const auto& s : a) wa += s.confidence;
      for (const auto& s : bs) wb += s.confidence;
      for (std::size_t v = 0; v < c.num_nodes(); ++v)
        CHECK((wa + wb) * rab.scores[v] == Approx(wa * ra.scores[v] + wb * rb.scores[v]).margin(1e-10));
    }
  }
}

TEST_CASE("ranks and top seeds") {
  const Case c = random_case(3, 60, 200, 3);
  const PropagationResult r = propagate(c, c.seeds());
  REQUIRE(r.order.size() == c.num_nodes());
  for (std::size_t i = 1; i < r.order.size(); ++i) {
    const double a = r.scores[r.order[i - 1]], b = r.scores[r.order[i]];
    CHECK((a > b || (a == b && r.order[i - 1] < r.order[i])));
  }
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    if (r.scores[v] > 0) {
      REQUIRE(r.top_seed[v] != kNoNode);
      CHECK(r.seed_weight[r.top_seed[v]] > 0);
    }
  }
  for (const Seed& s : c.seeds()) CHECK(r.top_seed[s.node] == s.node);
  for (std::size_t i = 0; i < r.order.size(); ++i) CHECK(r.position[r.order[i]] == i + 1);
  double sum = 0;
  for (double s : r.scores) sum += s;
  CHECK(sum <= 1.0 + 1e-12);
}

TEST_CASE("bad parameters and seeds are rejected with the valid range") {
  const Case c = smuggler_scenario(3);
  CHECK_THROWS_WITH(propagate(c, {}), Catch::Contains("at least one seed"));
  CHECK_THROWS_WITH(propagate(c, c.seeds(), {.restart = 1.0}), Catch::Contains("(0,1)"));
  CHECK_THROWS_WITH(propagate(c, c.seeds(), {.client_factor = -0.1}), Catch::Contains("[0,1]"));
  CHECK_THROWS_AS(propagate(c, c.seeds(), {.max_iterations = 0}), ParamError);
  CHECK_THROWS_AS(propagate(c, c.seeds(), {.tolerance = 0.0}), ParamError);
  CHECK_THROWS_WITH(propagate(c, c.seeds(), {.strength = {.transmission_overrides = {{"kissed", 0.5}}}}),
                    Catch::Contains("kissed"));
  const std::vector<Seed> bad{{.node = 9999}};
  CHECK_THROWS_AS(propagate(c, bad), ParamError);
  const std::vector<Seed> weak{{.node = 0, .confidence = 0.0}};
  CHECK_THROWS_WITH(propagate(c, weak), Catch::Contains("(0,1]"));
  CHECK(parse_method("ppr-degree") == Method::ppr_degree);
  CHECK_THROWS_WITH(parse_method("magic"), Catch::Contains("spread"));
  for (Method m : {Method::ppr, Method::spread, Method::ppr_degree, Method::naive}) CHECK(parse_method(to_string(m)) == m);
}

TEST_CASE("a capped iteration reports it") {
  const Case c = random_case(5, 50, 200, 2);
  const PropagationResult r = propagate(c, c.seeds(), {.tolerance = 1e-15, .max_iterations = 2});
  CHECK_FALSE(r.converged);
  CHECK(r.iterations == 2);
  CHECK(r.residual > 0);
}

TEST_CASE("single node, no ties") {
  CaseBuilder b;
  b.add_node("A", NodeKind::person);
  b.add_seed("A");
  const Case c = std::move(b).freeze();
  for (Method m : {Method::ppr, Method::spread, Method::ppr_degree, Method::naive}) {
    const PropagationResult r = propagate(c, c.seeds(), {.method = m});
    REQUIRE(r.scores.size() == 1);
    CHECK(r.scores[0] > 0);
  }
}

#ifdef PROPAGATION_TEST_OPENMP
TEST_CASE("same scores on 1 and 2 threads") {
  const Case c = random_case(77, 4200, 20000, 5);  // three blocks of the parallel kernel
  const int before = omp_get_max_threads();
  for (Method m : {Method::ppr, Method::spread, Method::ppr_degree, Method::naive}) {
    omp_set_num_threads(1);
    const PropagationResult one = propagate(c, c.seeds(), {.method = m, .tolerance = 1e-9});
    omp_set_num_threads(2);
    const PropagationResult two = propagate(c, c.seeds(), {.method = m, .tolerance = 1e-9});
    CHECK(one.scores == two.scores);
    CHECK(one.order == two.order);
    CHECK(one.iterations == two.iterations);
  }
  omp_set_num_threads(before);
}
#endif

TEST_CASE("each method's explanation sentence says what its score adds up") {
  PropagationParams p;
  p.restart = 0.3;
  std::map<Method, std::string> text;
  for (Method m : {Method::ppr, Method::ppr_degree, Method::spread, Method::naive}) {
    p.method = m;
    text[m] = score_meaning(p);
    INFO(to_string(m));
    CHECK_THAT(text[m], Catch::Contains("losing 30%"));
  }
  CHECK_THAT(text[Method::ppr_degree], Catch::Contains("its own strength outside client ties"));
  CHECK_THAT(text[Method::spread], Catch::Contains("square roots"));
  CHECK_THAT(text[Method::naive], Catch::Contains("unit weights"));
  CHECK(text.size() == 4);
  CHECK(text[Method::ppr] != text[Method::ppr_degree]);
  CHECK(text[Method::ppr_degree].rfind(text[Method::ppr], 0) == 0);  // the same walk, then the divisor
}

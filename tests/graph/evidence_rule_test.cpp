// The evidence rule of graph/view.hpp: how a pair's evidence becomes a transmission tie. Worked
// values from the README, the rule's bounds, and its properties on random evidence (more evidence
// never lowers a tie; calls never make a contact as strong as a membership of the same grade).
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "corridor/graph/view.hpp"
#include "corridor/model/builder.hpp"

using namespace corridor;

namespace {

const RelationRegistry kRegistry;

RelationId rel(const char* name) { return kRegistry.require(name); }

double strength(const std::vector<TiePiece>& pieces, const RelationRegistry& reg = kRegistry) {
  return tie_strength(pieces, reg).strength;
}

// One pair's tie through make_view, from edges.csv-like records between A and B.
double view_tie(const std::vector<EvidenceRecord>& records) {
  CaseBuilder b;
  b.add_node("A", NodeKind::person);
  b.add_node("B", NodeKind::person);
  for (const auto& r : records) b.add_evidence(r);
  const Case c = std::move(b).freeze();
  const View v = make_view(c, {.weighting = Weighting::transmission});
  const auto arc = v.graph.find_arc(0, 1);
  return arc < 0 ? 0.0 : v.graph.arc_weights()[static_cast<std::size_t>(arc)];
}

}  // namespace

TEST_CASE("volume gain and observations: the documented values") {
  CHECK(volume_gain(1.0) == 0.0);
  CHECK(volume_gain(0.5) == 0.0);
  CHECK(volume_gain(2.0) == Approx(0.4094).epsilon(1e-3));
  CHECK(volume_gain(46.0) == Approx(0.7929).epsilon(1e-3));
  CHECK(volume_gain(337.0) == Approx(0.8533).epsilon(1e-3));
  CHECK(volume_gain(1e300) < 1.0);
  CHECK(observations(46, Volume::count) == 46);
  CHECK(observations(12000, Volume::amount) == Approx(1 + std::log10(12000.0)));  // ~5.08 observations
  CHECK(observations(0.5, Volume::amount) == 1.0);
  CHECK(observations(300, Volume::ignore) == 1.0);
  CHECK(kRegistry.info(rel("paid")).volume == Volume::amount);
  CHECK(kRegistry.info(rel("financed")).volume == Volume::amount);
  CHECK(kRegistry.info(rel("communicated")).volume == Volume::count);
}

TEST_CASE("the README's worked example: 2 calls, 46 calls, one B2 member_of") {
  // B2 = 0.8 x 0.8 = 0.64
  CHECK(view_tie({{.source = "A", .target = "B", .relation = "communicated", .weight = 2, .grade = "B2"}}) ==
        Approx(0.2203).epsilon(1e-3));
  CHECK(view_tie({{.source = "A", .target = "B", .relation = "communicated", .weight = 46, .grade = "B2"}}) ==
        Approx(0.2468).epsilon(1e-3));
  CHECK(view_tie({{.source = "A", .target = "B", .relation = "member_of", .grade = "B2"}}) == Approx(0.576));
  // 46 calls as one piece of weight 46 or as 46 pieces of weight 1: the same tie.
  std::vector<EvidenceRecord> calls(46, {.source = "A", .target = "B", .relation = "communicated", .grade = "B2"});
  CHECK(view_tie(calls) == Approx(0.2468).epsilon(1e-3));
  // Exact formula: C = c + (1 - c) c g(O)
  const double c = 0.64, g = 1 - 1 / (1 + std::log(46.0));
  CHECK(view_tie(calls) == Approx(0.3 * (c + (1 - c) * c * g)).epsilon(1e-12));
}

TEST_CASE("ten weak reports do not make a certainty") {
  RelationRegistry reg;
  const RelationId r = reg.define("seen_with", false, 1.0);
  std::vector<TiePiece> ten(10, {r, 0.3, 1.0});
  CHECK(strength(ten, reg) == Approx(0.4464).epsilon(1e-3));  // not 1 - 0.7^10 = 0.97
  // Weaker pieces corroborate weakly: nine 0.1 reports add less than nine 0.3 reports.
  std::vector<TiePiece> mixed(1, {r, 0.3, 1.0});
  mixed.insert(mixed.end(), 9, {r, 0.1, 1.0});
  CHECK(strength(mixed, reg) < strength(ten, reg));
  CHECK(strength(mixed, reg) > 0.3);
}

TEST_CASE("distinct relations of a pair combine by noisy-OR, each bounded by its transmission") {
  const double financed = 0.85 * 0.64;
  const double calls = 0.3 * (0.36 + 0.64 * 0.36 * volume_gain(2.0));
  const double expected = 1 - (1 - financed) * (1 - calls);
  CHECK(view_tie({{.source = "A", .target = "B", .relation = "financed", .grade = "B2"},
                  {.source = "B", .target = "A", .relation = "communicated", .weight = 2, .grade = "C3"}}) ==
        Approx(expected).epsilon(1e-12));
  // financed is an amount: 12,000 counts like about five payments, not twelve thousand.
  const double amount = view_tie({{.source = "A", .target = "B", .relation = "financed", .weight = 12000, .grade = "B2"}});
  const double o = 1 + std::log10(12000.0);
  CHECK(amount == Approx(0.85 * (0.64 + 0.36 * 0.64 * volume_gain(o))).epsilon(1e-6));  // float weights
  CHECK(amount < 0.85);
  // The strongest piece is the one with the largest transmission x confidence, in any order.
  const std::vector<TiePiece> pieces{{rel("communicated"), 1.0, 40}, {rel("financed"), 0.64, 1}, {rel("associated"), 1.0, 1}};
  CHECK(tie_strength(pieces, kRegistry).strongest == 1);
  const std::vector<TiePiece> reversed(pieces.rbegin(), pieces.rend());
  CHECK(tie_strength(reversed, kRegistry).strongest == 1);
  CHECK(tie_strength(reversed, kRegistry).strength == Approx(tie_strength(pieces, kRegistry).strength).epsilon(1e-15));
  CHECK(tie_strength({}, kRegistry).strength == 0.0);
}

TEST_CASE("property: more evidence never lowers a tie, and a tie never exceeds its relations' transmissions") {
  std::mt19937 rng(12);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const RelationId relations[] = {rel("communicated"), rel("financed"), rel("member_of"), rel("associated"),
                                  rel("paid"), rel("smuggled")};
  for (int trial = 0; trial < 3000; ++trial) {
    std::vector<TiePiece> pieces;
    const int k = 1 + static_cast<int>(rng() % 8);
    for (int i = 0; i < k; ++i) {
      // a few relations only, so relations repeat; confidences include 0 and 1
      const double c = trial % 7 == 0 ? 1.0 : unit(rng);
      pieces.push_back({relations[rng() % (trial % 3 == 0 ? 2 : 6)], c, 1.0 + std::floor(unit(rng) * unit(rng) * 400)});
    }
    const double before = strength(pieces);
    double bound = 1.0;
    for (const TiePiece& p : pieces) bound *= 1.0 - kRegistry.info(p.relation).transmission;
    CHECK(before <= 1.0 - bound + 1e-12);
    // one more piece
    std::vector<TiePiece> more = pieces;
    more.push_back({relations[rng() % 6], unit(rng), 1.0 + std::floor(unit(rng) * 50)});
    CHECK(strength(more) >= before - 1e-12);
    // a stronger or more voluminous piece
    std::vector<TiePiece> surer = pieces;
    TiePiece& p = surer[rng() % surer.size()];
    if (trial % 2) p.confidence = std::min(1.0, p.confidence + unit(rng) * (1 - p.confidence));
    else p.observations *= 1.0 + 10 * unit(rng);
    CHECK(strength(surer) >= before - 1e-12);
  }
}

TEST_CASE("property: no volume of calls reaches an organizational tie of the same grade") {
  const char* grades[] = {"A1", "A2", "B1", "B2", "B3", "C2", "C3", "C4", "D3", "D4", "E5", "F6"};
  for (const char* grade : grades) {
    const double c = grade_confidence(*parse_grade(grade));
    double weakest_org = 1.0;
    for (const char* org : {"member_of", "affiliated_with", "financed", "recruited", "coordinated"})
      weakest_org = std::min(weakest_org, strength({{rel(org), c, 1.0}}));
    for (double calls : {1.0, 2.0, 46.0, 337.0, 1e4, 1e7}) {
      INFO("grade " << grade << ", " << calls << " calls");
      const double tie = strength({{rel("communicated"), c, calls}});
      CHECK(tie < weakest_org);
      CHECK(tie <= 0.3 * c * (2 - c) + 1e-12);  // at most one more independent report of grade c
    }
  }
}

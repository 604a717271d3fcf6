// The transmission view built in two stages from parts of a case (each pair's evidence in one
// part, as corridor-mpi splits it) equals make_view on the whole case.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "corridor/graph/view.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/model/builder.hpp"

using namespace corridor;

namespace {

// The case with every node and the evidence whose pair hashes to `part` of `parts`.
Case part_of(const Case& c, int part, int parts) {
  CaseBuilder b(c.relations());
  for (NodeId v = 0; v < c.num_nodes(); ++v) b.add_node(c.node_id(v), c.kind(v), c.label(v), c.role(v), c.country(v));
  for (EvidenceId e = 0; e < c.num_evidence(); ++e) {
    const std::uint64_t lo = std::min(c.source(e), c.target(e)), hi = std::max(c.source(e), c.target(e));
    if (static_cast<int>(((lo * 2654435761u) ^ hi) % static_cast<std::uint64_t>(parts)) != part) continue;
    EvidenceValues v;
    v.weight = c.weight(e);
    if (c.has_explicit_confidence(e)) v.confidence = c.confidence(e);
    v.grade = c.grade(e);
    v.time = c.time(e);
    b.add_evidence(c.source(e), c.target(e), c.relation(e), v);
  }
  return std::move(b).freeze();
}

}  // namespace

TEST_CASE("the transmission view of a case split by pairs equals make_view's") {
  const Case c = read_case(std::string(CORRIDOR_SOURCE_DIR) + "/examples/data/sample-case");
  for (Direction d : {Direction::undirected, Direction::directed}) {
    ViewParams p;
    p.weighting = Weighting::transmission;
    p.client_cap = 0.01;
    p.direction = d;
    p.vertices = ViewParams::Vertices::all;
    p.strength.half_life_days = 400;
    p.strength.as_of = latest_time(c);  // the whole case's, as corridor-mpi passes it
    const Graph whole = make_view(c, p).graph;
    for (int parts : {1, 2, 3, 5}) {
      INFO(parts << " parts, " << (d == Direction::directed ? "directed" : "undirected"));
      // As corridor-mpi: each part's client totals, summed (its all-reduce), then each part's edges.
      std::vector<PairTies> ties;
      const vertex_t n = static_cast<vertex_t>(c.num_nodes());
      std::vector<double> total(n, 0.0);
      for (int k = 0; k < parts; ++k) {
        ties.push_back(transmission_ties(part_of(c, k, parts), p));
        const std::vector<double> mine = client_totals(ties.back().ties, n);
        for (vertex_t x = 0; x < n; ++x) total[x] += mine[x];
      }
      std::vector<Graph::Edge> edges;
      for (const PairTies& pt : ties)
        for (const Graph::Edge& e : transmission_edges(pt.ties, total, 0.01)) edges.push_back(e);
      const Graph joined = Graph::from_edges(n, edges, d, Merge::max);
      REQUIRE(joined.num_arcs() == whole.num_arcs());
      CHECK(std::vector<vertex_t>(joined.out_targets().begin(), joined.out_targets().end()) ==
            std::vector<vertex_t>(whole.out_targets().begin(), whole.out_targets().end()));
      for (std::size_t a = 0; a < whole.num_arcs(); ++a) CHECK(joined.arc_weights()[a] == Approx(whole.arc_weights()[a]).epsilon(1e-12));
    }
  }
  // The budget binds somewhere in the sample case (a smuggler with many clients).
  ViewParams p;
  p.weighting = Weighting::transmission;
  p.client_cap = 0.01;
  const PairTies pt = transmission_ties(c, p);
  const std::vector<double> total = client_totals(pt.ties, static_cast<vertex_t>(pt.view.node_of.size()));
  CHECK(*std::max_element(total.begin(), total.end()) > 0.05);
}

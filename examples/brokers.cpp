// Who holds a case's network together? Prints the top brokers by betweenness, the key players
// whose removal fragments the network most, and the cut vertices. Scores are leads for an
// analyst to check against the evidence, never findings.
//
//   example_brokers examples/data/sample-case
#include <algorithm>
#include <iostream>
#include <numeric>
#include <vector>

#include <corridor/centrality/betweenness.hpp>
#include <corridor/centrality/keyplayers.hpp>
#include <corridor/corridor.hpp>
#include <corridor/io/formats.hpp>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " CASE\n";
    return 2;
  }
  try {
    const corridor::Case c = corridor::load_case(argv[1]);
    // Actors and assets, unit weights: countries and locations are context, not ties.
    const corridor::View view = corridor::make_view(c);
    const auto& g = view.graph;
    auto name = [&](corridor::vertex_t x) { return std::string(c.node_id(view.node_of[x])); };

    const corridor::ScoreResult bc = corridor::betweenness(g);
    std::vector<corridor::vertex_t> order(g.num_vertices());
    std::iota(order.begin(), order.end(), 0);
    const std::size_t top = std::min<std::size_t>(5, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(),
                      [&](auto a, auto b) { return bc.scores[a] > bc.scores[b] || (bc.scores[a] == bc.scores[b] && a < b); });
    std::cout << "top brokers (betweenness) of " << g.num_vertices() << " nodes:\n";
    for (std::size_t i = 0; i < top; ++i)
      std::cout << "  " << name(order[i]) << "  " << bc.scores[order[i]] << '\n';

    const auto kp = corridor::key_players(g, {.k = std::min<std::size_t>(3, g.num_vertices())});
    std::cout << "key players (KPP-Neg), fragmentation after removal " << kp.score << ":\n";
    for (std::size_t i = 0; i < kp.players.size(); ++i)
      std::cout << "  " << name(kp.players[i]) << "  +" << kp.marginal[i] << '\n';

    const auto cuts = corridor::articulation_points(g);
    std::cout << cuts.size() << " cut vertices";
    for (std::size_t i = 0; i < std::min<std::size_t>(5, cuts.size()); ++i) std::cout << (i ? ", " : ": ") << name(cuts[i]);
    std::cout << '\n';
    return bc.scores.size() == g.num_vertices() ? 0 : 1;
  } catch (const corridor::Error& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
}

// Boost.Graph's own algorithms on a corridor view, with no copy of the graph: the actors nearest
// the case's first seed by tie strength (Boost's Dijkstra, a strong tie being a short one), the
// chain of ties to the nearest of them, and the cut vertices (Boost's articulation_points).
// Closeness to a seed is a lead for an analyst, never a finding.
//
//   example_boost_graph examples/data/sample-case
#include <algorithm>
#include <iostream>
#include <limits>
#include <numeric>
#include <vector>

#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/transform_value_property_map.hpp>

#include <corridor/corridor.hpp>
#include <corridor/graph/boost_graph.hpp>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " CASE\n";
    return 2;
  }
  try {
    const corridor::Case c = corridor::load_case(argv[1]);
    if (c.seeds().empty()) {
      std::cerr << "the case has no seeds.csv\n";
      return 2;
    }
    const corridor::View view = corridor::make_view(c, {.weighting = corridor::Weighting::strength});
    const corridor::Graph& g = view.graph;  // a Boost.Graph graph as it is
    const corridor::vertex_t seed = view.vertex_of[c.seeds().front().node];
    if (seed == corridor::kNoVertex) {
      std::cerr << "the first seed is not an actor of the view\n";
      return 2;
    }
    auto name = [&](corridor::vertex_t x) { return std::string(c.node_id(view.node_of[x])); };

    // Length of a tie = 1 / strength, read through the Graph's edge_weight map.
    auto length = boost::make_transform_value_property_map([](double s) { return 1.0 / s; },
                                                           get(boost::edge_weight, g));
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> dist(g.num_vertices());
    std::vector<corridor::vertex_t> pred(g.num_vertices());
    boost::dijkstra_shortest_paths(
        g, seed, boost::weight_map(length).distance_map(dist.data()).predecessor_map(pred.data()).distance_inf(inf));

    std::vector<corridor::vertex_t> order;
    for (corridor::vertex_t x = 0; x < g.num_vertices(); ++x)
      if (x != seed && dist[x] < inf) order.push_back(x);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return dist[a] < dist[b] || (dist[a] == dist[b] && a < b); });
    order.resize(std::min<std::size_t>(order.size(), 5));
    std::cout << "nearest to seed " << name(seed) << " (sum of 1/strength along the chain):\n";
    for (auto x : order) std::cout << "  " << name(x) << "  " << dist[x] << '\n';
    if (!order.empty()) {
      std::cout << "chain to " << name(order.front()) << ":";
      std::vector<corridor::vertex_t> chain;
      for (auto x = order.front(); x != seed; x = pred[x]) chain.push_back(x);
      chain.push_back(seed);
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) std::cout << ' ' << name(*it);
      std::cout << '\n';
    }

    std::vector<corridor::vertex_t> cuts;
    boost::articulation_points(corridor::bgl::undirected(g), std::back_inserter(cuts));
    std::cout << cuts.size() << " actors hold parts of the network together (cut vertices)\n";
    return 0;
  } catch (const corridor::Error& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 2;
  }
}

// Connected components against a breadth-first search, on 1 and 2 threads.
#include <catch2/catch.hpp>

#include <random>

#include "corridor/graph/components.hpp"

#ifdef _OPENMP
#include <omp.h>
#endif

using namespace corridor;

namespace {

// Reference: BFS over arcs both ways, components numbered by their smallest vertex.
std::vector<vertex_t> bfs_components(const Graph& g) {
  std::vector<vertex_t> comp(g.num_vertices(), kNoVertex), queue;
  vertex_t next = 0;
  for (vertex_t s = 0; s < g.num_vertices(); ++s) {
    if (comp[s] != kNoVertex) continue;
    comp[s] = next;
    queue.assign(1, s);
    for (std::size_t h = 0; h < queue.size(); ++h) {
      const vertex_t u = queue[h];
      for (auto nb : {g.out_neighbors(u), g.in_neighbors(u)})
        for (vertex_t v : nb)
          if (comp[v] == kNoVertex) comp[v] = next, queue.push_back(v);
    }
    ++next;
  }
  return comp;
}

Graph random_graph(std::mt19937_64& rng, vertex_t n, std::size_t m, Direction dir) {
  std::uniform_int_distribution<vertex_t> node(0, n - 1);
  std::vector<Graph::Edge> edges;
  for (std::size_t i = 0; i < m; ++i) edges.push_back({node(rng), node(rng)});
  return Graph::from_edges(n, edges, dir);
}

void check(const Graph& g) {
  const auto ref = bfs_components(g);
  for (int threads : {1, 2}) {
#ifdef _OPENMP
    omp_set_num_threads(threads);
#endif
    auto cc = connected_components(g);
    REQUIRE(cc.membership == ref);
    const std::size_t count = ref.empty() ? 0 : *std::max_element(ref.begin(), ref.end()) + 1;
    CHECK(cc.count == count);
    std::vector<std::size_t> sizes(count, 0);
    for (vertex_t c : ref) ++sizes[c];
    CHECK(cc.sizes == sizes);
    CHECK(cc.largest_size == (sizes.empty() ? 0 : *std::max_element(sizes.begin(), sizes.end())));
  }
}

}  // namespace

TEST_CASE("components match breadth-first search on small random graphs") {
  //  0 - 1   2 -> 3 <- 4   5
  check(Graph::from_edges(6, std::vector<Graph::Edge>{{0, 1}, {2, 3}, {4, 3}}, Direction::directed));
  check(Graph{});
  check(Graph::from_edges(3, std::vector<Graph::Edge>{}, Direction::undirected));
  std::mt19937_64 rng(12);
  for (int trial = 0; trial < 200; ++trial) {
    const auto n = static_cast<vertex_t>(1 + trial % 40);
    INFO("trial " << trial);
    check(random_graph(rng, n, static_cast<std::size_t>(n * (trial % 5) / 4), trial % 2 ? Direction::directed : Direction::undirected));
  }
}

TEST_CASE("components on graphs large enough for every parallel pass") {
  std::mt19937_64 rng(5);
  // Sparse (many components around a giant one) and below the giant threshold (no giant).
  for (Direction dir : {Direction::undirected, Direction::directed}) {
    check(random_graph(rng, 100000, 70000, dir));
    check(random_graph(rng, 100000, 30000, dir));
  }
}

// Graphs for the community tests: the reference graphs of tests/data/graphs, seeded random
// graphs and planted partitions (stochastic block models). The generator here is a plain
// splitmix64 so these tests do not depend on the library's own generator.
#pragma once

#include "support/graphs.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "corridor/graph/graph.hpp"

namespace community_test {

struct SplitMix {
  std::uint64_t state;
  explicit SplitMix(std::uint64_t seed) : state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(uniform() * n); }
};

/// Reads tests/data/graphs/<name>; weights ignored unless `weighted`.
inline corridor::Graph read_graph(const std::string& name, bool weighted = false) {
  return corridor::test::read_test_graph(name, weighted).graph;
}

/// G(n, p) with weights uniform in [0.5, 2) when weighted.
inline corridor::Graph random_graph(std::uint32_t n, double p, std::uint64_t seed, bool weighted = true) {
  SplitMix rng(seed);
  std::vector<corridor::Graph::Edge> edges;
  for (std::uint32_t u = 0; u < n; ++u)
    for (std::uint32_t v = u + 1; v < n; ++v)
      if (rng.uniform() < p) edges.push_back({u, v, weighted ? 0.5 + 1.5 * rng.uniform() : 1.0});
  return corridor::Graph::from_edges(n, edges, corridor::Direction::undirected);
}

/// A planted partition: `blocks` groups of `block_size` vertices (vertex v in group v / size);
/// each vertex draws about k_in partners inside its group and k_out outside, weights in
/// [1, 2) inside and [0.5, 1) outside when weighted. Sparse: O(n (k_in + k_out)).
struct Planted {
  corridor::Graph graph;
  std::vector<std::int64_t> truth;
};
inline Planted planted_partition(std::uint32_t blocks, std::uint32_t block_size, double k_in, double k_out,
                                 std::uint64_t seed, bool weighted = true) {
  SplitMix rng(seed);
  const std::uint32_t n = blocks * block_size;
  Planted out;
  out.truth.resize(n);
  std::vector<corridor::Graph::Edge> edges;
  for (std::uint32_t v = 0; v < n; ++v) {
    out.truth[v] = v / block_size;
    const std::uint32_t base = v / block_size * block_size;
    // Half the expected degree is drawn by each end.
    const auto in_count = static_cast<std::uint32_t>(k_in / 2 + rng.uniform());
    const auto out_count = static_cast<std::uint32_t>(k_out / 2 + rng.uniform());
    for (std::uint32_t i = 0; i < in_count; ++i) {
      const std::uint32_t u = base + rng.below(block_size);
      if (u != v) edges.push_back({v, u, weighted ? 1.0 + rng.uniform() : 1.0});
    }
    for (std::uint32_t i = 0; i < out_count; ++i) {
      const std::uint32_t u = rng.below(n);
      if (u / block_size != v / block_size) edges.push_back({v, u, weighted ? 0.5 + 0.5 * rng.uniform() : 1.0});
    }
  }
  out.graph = corridor::Graph::from_edges(n, edges, corridor::Direction::undirected);
  return out;
}

}  // namespace community_test

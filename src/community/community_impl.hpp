// Internals shared by the community methods: a seeded generator with a fixed algorithm (so a
// seed means the same partition on every platform and standard library), the weighted CSR of one
// aggregation level (which, unlike corridor::Graph, keeps self-loop weight), and renumbering.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "corridor/graph/graph.hpp"

namespace corridor::detail {

/// xoshiro256** seeded through splitmix64 (Blackman & Vigna). std::uniform_int_distribution is
/// not specified bit for bit, so the bounded draws are done here.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& s : s_) {
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      s = z ^ (z >> 31);
    }
  }
  std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// Uniform in [0, n), n >= 1 (rejection of the top partial range, then modulo).
  std::uint64_t below(std::uint64_t n) noexcept {
    const std::uint64_t threshold = (0 - n) % n;
    while (true) {
      const std::uint64_t x = next();
      if (x >= threshold) return x % n;
    }
  }
  /// Uniform in [0, 1).
  double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  template <class T>
  void shuffle(std::vector<T>& v) noexcept {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

/// An undirected weighted graph of one aggregation level: CSR without self-loops in the arcs,
/// and per node the self-loop weight (the weight inside the node, counted from both ends as
/// A_vv in modularity), the strength (arcs + self) and the number of original vertices.
struct LevelGraph {
  std::uint32_t n = 0;
  std::vector<std::uint64_t> offsets{0};
  std::vector<std::uint32_t> targets;
  std::vector<double> weights;
  std::vector<double> self;
  std::vector<double> strength;
  std::vector<double> size;
  double total = 0.0;  ///< sum of strengths = 2m

  std::uint64_t begin(std::uint32_t v) const { return offsets[v]; }
  std::uint64_t end(std::uint32_t v) const { return offsets[v + 1]; }
};

/// The level-0 graph of g: a directed g is made undirected (weights summed); weighted = false
/// gives every edge weight 1.
LevelGraph level_graph(const Graph& g, bool weighted);

/// Collapses each group of `group` (values 0..k-1) into one node.
LevelGraph aggregate(const LevelGraph& g, std::span<const std::uint32_t> group, std::uint32_t k);

/// Renumbers values in [0, bound) to 0..k-1 in order of first occurrence; returns k.
std::uint32_t renumber_dense(std::vector<std::uint32_t>& values, std::uint32_t bound);

/// Modularity of a dense partition (values 0..k-1) of a level graph; NaN when total == 0.
double level_modularity(const LevelGraph& g, std::span<const std::uint32_t> group, std::uint32_t k,
                        double resolution);
/// CPM quality of a dense partition of a level graph (sizes from g.size).
double level_cpm(const LevelGraph& g, std::span<const std::uint32_t> group, std::uint32_t k,
                 double resolution);

std::vector<std::int64_t> to_int64(std::span<const std::uint32_t> v);

}  // namespace corridor::detail

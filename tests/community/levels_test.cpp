// The pieces under Louvain and Leiden: aggregation of a level against a brute-force sum of arc
// weights per pair of groups, on one thread and two, and the block schedule of the parallel
// sweeps (block sizes depend on the level alone).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <utility>
#include <vector>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "community/blocks.hpp"
#include "community/community_impl.hpp"
#include "community/test_graphs.hpp"

using namespace corridor;

namespace {

struct Brute {
  std::map<std::pair<std::uint32_t, std::uint32_t>, double> arcs;  // (group, other group) -> weight
  std::vector<double> self, strength, size;
};

// Every arc of the level, one at a time: between groups it adds to the pair's arc, inside a
// group to the group's self-loop weight (each edge from both ends, as the level counts it).
Brute brute_force(const detail::LevelGraph& g, const std::vector<std::uint32_t>& group, std::uint32_t k) {
  Brute b;
  b.self.assign(k, 0.0);
  b.strength.assign(k, 0.0);
  b.size.assign(k, 0.0);
  for (std::uint32_t v = 0; v < g.n; ++v) {
    const std::uint32_t c = group[v];
    b.self[c] += g.self[v];
    b.strength[c] += g.strength[v];
    b.size[c] += g.size[v];
    for (auto a = g.begin(v); a < g.end(v); ++a) {
      const std::uint32_t d = group[g.targets[a]];
      if (d == c)
        b.self[c] += g.weights[a];
      else
        b.arcs[{c, d}] += g.weights[a];
    }
  }
  return b;
}

void check_against(const detail::LevelGraph& out, const Brute& b, std::uint32_t k) {
  REQUIRE(out.n == k);
  REQUIRE(out.offsets.size() == k);
  REQUIRE(out.ends.size() == k);
  // The rows tile the front of the arrays: no gap, no overlap, in whatever order runs landed.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> rows;
  for (std::uint32_t c = 0; c < k; ++c) rows.emplace_back(out.begin(c), out.end(c));
  std::sort(rows.begin(), rows.end());
  std::uint64_t next = 0;
  for (const auto& [first, last] : rows) {
    CHECK(first == next);
    CHECK(first <= last);
    next = last;
  }
  CHECK(next == out.arcs);
  CHECK(out.arcs <= out.targets.size());
  CHECK(out.targets.size() == out.weights.size());
  std::set<std::pair<std::uint32_t, std::uint32_t>> seen;  // parallel arcs are merged: each pair once
  std::size_t arcs = 0;
  for (std::uint32_t c = 0; c < k; ++c) {
    CHECK(out.self[c] == Approx(b.self[c]).epsilon(1e-12));
    CHECK(out.strength[c] == Approx(b.strength[c]).epsilon(1e-12));
    CHECK(out.size[c] == b.size[c]);
    for (auto a = out.begin(c); a < out.end(c); ++a) {
      const std::uint32_t d = out.targets[a];
      CHECK(d != c);  // no self-loop among the arcs
      seen.insert({c, d});
      const auto it = b.arcs.find({c, d});
      REQUIRE(it != b.arcs.end());
      CHECK(out.weights[a] == Approx(it->second).epsilon(1e-12));
      ++arcs;
    }
  }
  CHECK(arcs == b.arcs.size());
  CHECK(seen.size() == arcs);
}

std::vector<std::uint32_t> random_groups(std::uint32_t n, std::uint32_t k, std::uint64_t seed) {
  community_test::SplitMix rng(seed);
  std::vector<std::uint32_t> group(n);
  for (std::uint32_t v = 0; v < n; ++v) group[v] = static_cast<std::uint32_t>(v < k ? v : rng.below(k));
  return group;
}

}  // namespace

TEST_CASE("aggregation sums arc weights per pair of groups, as brute force does, on 1 and 2 threads") {
  // 3,000 nodes, ~45,000 edges: enough work for several runs of groups, so both threads gather.
  const Graph g = community_test::random_graph(3000, 0.01, 17);
  const detail::LevelGraph base = detail::level_graph(g, true);
  const std::uint32_t k = 300;
  const auto group = random_groups(base.n, k, 5);
  const Brute expected = brute_force(base, group, k);
#ifdef _OPENMP
  omp_set_num_threads(1);
#endif
  const detail::LevelGraph one = detail::aggregate(base, group, k);
  check_against(one, expected, k);
  CHECK(one.total == base.total);
  // A second level: its nodes carry self-loop weight and size > 1.
  const std::uint32_t k2 = 20;
  const auto group2 = random_groups(k, k2, 6);
  const Brute expected2 = brute_force(one, group2, k2);
  const detail::LevelGraph two = detail::aggregate(one, group2, k2);
  check_against(two, expected2, k2);
#ifdef _OPENMP
  omp_set_num_threads(2);
#endif
  const detail::LevelGraph one_2t = detail::aggregate(base, group, k);
  const detail::LevelGraph two_2t = detail::aggregate(one_2t, group2, k2);
  check_against(one_2t, expected, k);
  check_against(two_2t, expected2, k2);
  // The same rows, arc for arc and weight for weight (two threads may lay the runs out in
  // another order in memory).
  for (const auto* pair : {&one, &two}) {
    const detail::LevelGraph& a = *pair;
    const detail::LevelGraph& b = pair == &one ? one_2t : two_2t;
    REQUIRE(a.n == b.n);
    CHECK(a.arcs == b.arcs);
    for (std::uint32_t c = 0; c < a.n; ++c) {
      REQUIRE(a.end(c) - a.begin(c) == b.end(c) - b.begin(c));
      for (std::uint64_t i = 0; i < a.end(c) - a.begin(c); ++i) {
        CHECK(a.targets[a.begin(c) + i] == b.targets[b.begin(c) + i]);
        CHECK(a.weights[a.begin(c) + i] == b.weights[b.begin(c) + i]);
      }
    }
    CHECK(a.self == b.self);
    CHECK(a.strength == b.strength);
  }
}

TEST_CASE("block schedules: small levels get smaller blocks in parallel sweeps, by size alone") {
  for (std::uint32_t n : {1u, 100u, 1000u, 1100u, 6000u, 20000u, 65535u, 65536u, 1000000u}) {
    INFO("n " << n);
    detail::Rng rng(3);
    const auto par = detail::block_schedule(n, rng, Schedule::parallel, 32);
    const auto seq = detail::block_schedule(n, rng, Schedule::sequential, 32);
    const auto plain = detail::block_schedule(n, rng, Schedule::parallel);
    CHECK(seq.size == detail::kOrderBlock);
    CHECK(seq.batch == 1);
    CHECK(plain.size == detail::kOrderBlock);  // label propagation's default: blocks of 512
    CHECK(par.size >= 32);
    CHECK(par.size <= detail::kOrderBlock);
    CHECK((par.size & (par.size - 1)) == 0);
    CHECK(par.blocks == (n + par.size - 1) / par.size);
    CHECK(par.hi(par.blocks - 1) == n);
    for (std::uint32_t b = 0; b < par.blocks; ++b) CHECK(par.block_of(par.lo(b)) == b);
    // Smaller blocks only where they let blocks run side by side; large levels keep 512.
    if (par.size < detail::kOrderBlock) CHECK(par.batch >= 2);
    if (n >= 65536) CHECK(par.size == detail::kOrderBlock);
    // The order of blocks is a permutation, and rank is its inverse.
    std::vector<char> seen(par.blocks, 0);
    for (std::uint32_t i = 0; i < par.blocks; ++i) {
      seen[par.block_order[i]] = 1;
      CHECK(par.rank[par.block_order[i]] == i);
    }
    CHECK(std::count(seen.begin(), seen.end(), char{1}) == static_cast<std::ptrdiff_t>(par.blocks));
  }
  // A level of 6,000 nodes (like the 1M-node DC-SBM graph's third): 188 blocks of 32, batches of 11.
  detail::Rng rng(1);
  const auto s = detail::block_schedule(6000, rng, Schedule::parallel, 32);
  CHECK(s.size == 32);
  CHECK(s.blocks == 188);
  CHECK(s.batch == 11);
}

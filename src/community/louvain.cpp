// Louvain (Blondel, Guillaume, Lambiotte & Lefebvre 2008, "Fast unfolding of communities in
// large networks", J. Stat. Mech. P10008), weighted, with resolution.
#include "corridor/community/louvain.hpp"

#include <cmath>
#include <numeric>
#include <string>

#include "community/blocks.hpp"
#include "community/community_impl.hpp"
#include "community/moving.hpp"
#include "corridor/error.hpp"

namespace corridor {

CommunityResult louvain(const Graph& g, const LouvainParams& p) {
  if (!std::isfinite(p.resolution) || p.resolution < 0)
    throw ParamError("louvain: resolution must be finite and >= 0, got " + std::to_string(p.resolution));
  if (!std::isfinite(p.min_gain) || p.min_gain < 0)
    throw ParamError("louvain: min_gain must be finite and >= 0, got " + std::to_string(p.min_gain));
  const detail::LevelGraph base = detail::level_graph(g, p.weighted);
  const std::uint32_t n = base.n;
  detail::Rng rng(p.seed);
  CommunityResult result;
  std::vector<std::uint32_t> node_of(n);
  for (std::uint32_t v = 0; v < n; ++v) node_of[v] = v;
  // Aggregated levels alternate between two graphs and share one scratch, so a level reuses the
  // memory of the level before last instead of mapping fresh buffers.
  detail::LevelGraph buffers[2];
  int next_buffer = 0;
  detail::AggregateScratch scratch;
  const detail::LevelGraph* cur = &base;
  detail::MoveState s;
  std::uint64_t level_number = 0;
  while (cur->n > 0 && cur->total > 0) {
    const double gamma = p.resolution / cur->total;
    std::vector<std::uint32_t> comm(cur->n);
    for (std::uint32_t v = 0; v < cur->n; ++v) comm[v] = v;
    s.init(*cur, cur->strength, gamma, std::move(comm), detail::block_seed(p.seed, level_number++, 0x10u), p.schedule);
    // A gain d moves modularity by 2d / 2m: stop when a round gains less than min_gain.
    const double total = cur->total;
    const std::size_t level_moves = s.local_moving(
        rng, [&](std::size_t, double gained) { return 2.0 * gained / total < p.min_gain; });
    if (level_moves == 0) break;
    comm = std::move(s.comm);
    const std::uint32_t k = detail::renumber_dense(comm, 2 * cur->n);
    if (k == cur->n) break;
    detail::LevelGraph& next = buffers[next_buffer];
    next_buffer ^= 1;
    detail::aggregate(*cur, comm, k, next, scratch);
    cur = &next;
    for (auto& x : node_of) x = comm[x];
    result.levels.push_back(detail::to_int64(node_of));
    ++result.iterations;
  }
  if (result.levels.empty()) result.levels.push_back(detail::to_int64(node_of));
  // node_of values are the last level's dense numbers; renumber by smallest vertex.
  std::uint32_t k = detail::renumber_dense(node_of, n);
  for (auto& level : result.levels) {
    std::vector<std::uint32_t> l(level.begin(), level.end());
    detail::renumber_dense(l, n);
    level = detail::to_int64(l);
  }
  result.membership = detail::to_int64(node_of);
  result.count = k;
  // Each node of the last level is one community of the result, and aggregation keeps every
  // weight (inside a community as self-loop weight): the result's modularity is that of the
  // last level's singletons, a few thousand nodes rather than every arc of the input.
  std::vector<std::uint32_t> singletons(cur->n);
  std::iota(singletons.begin(), singletons.end(), 0u);
  result.quality = detail::level_modularity(*cur, singletons, cur->n, p.resolution);
  return result;
}

}  // namespace corridor

// Leiden (Traag, Waltman & van Eck 2019, "From Louvain to Leiden: guaranteeing well-connected
// communities", Sci. Rep. 9:5233), following the paper's pseudo-code: fast local moving with a
// queue, refinement by randomised merges of singletons inside each community, aggregation of the
// refined partition with the unrefined one as the next level's start.
#include "corridor/community/leiden.hpp"

#include <bit>
#include <cmath>
#include <span>
#include <string>

#include <atomic>

#include "community/blocks.hpp"
#include "community/community_impl.hpp"
#include "community/moving.hpp"
#include "corridor/error.hpp"

namespace corridor {

namespace {

using detail::LevelGraph;
using detail::MoveState;
using detail::Rng;

// Fast local moving is MoveState::local_moving: every node once, then only the neighbours of
// nodes that moved. A node may make one plateau move (to a community tied with its own) per
// phase.
struct Scratch {
  std::vector<std::uint32_t> ref, rcount, start, members, fill;
  std::vector<double> rtotal, ctotal, ext, rext;
  struct alignas(64) Thread {  // own cache lines: its lists grow with every candidate
    std::vector<double> weight_to, chance;
    std::vector<std::uint32_t> touched, candidates;
  };
  std::vector<Thread> threads;
  detail::AggregateScratch aggregate;
};

// Refinement, community by community (they are independent, so they run in parallel, each
// with its own seeded generator): starting from singletons, each node still alone and well
// connected to its community may join a well-connected subcommunity of the same community,
// chosen at random with probability ~ exp(gain / theta) among gains >= 0 (staying alone has
// gain 0). Nodes are visited in a seeded random order. The refined groups (dense) are left in
// w.ref, their number in k.
// Everything per node (its weight to its own community included) is computed inside its
// community's task: the community's arcs are read once from memory and a second time from the
// cache, and no pass over the whole level runs on one core.
void refine(const LevelGraph& g, const std::vector<double>& a, double gamma, const std::vector<std::uint32_t>& comm,
            std::uint32_t communities, double theta, std::uint64_t seed, std::uint32_t& k, Scratch& w) {
  const std::uint32_t n = g.n;
  auto& ref = w.ref;
  auto& rtotal = w.rtotal;
  auto& ctotal = w.ctotal;
  auto& ext = w.ext;
  auto& rcount = w.rcount;
  auto& rext = w.rext;
  ref.resize(n);
  rtotal.resize(n);
  ext.resize(n);
  rcount.resize(n);
  rext.resize(n);
  // Members of each community (a counting sort, in node order; each task shuffles its own).
  auto& start = w.start;
  auto& members = w.members;
  start.assign(static_cast<std::size_t>(communities) + 1, 0);
  ctotal.assign(communities, 0.0);
  for (std::uint32_t v = 0; v < n; ++v) {
    ++start[comm[v] + 1];
    ctotal[comm[v]] += a[v];
  }
  for (std::uint32_t c = 0; c < communities; ++c) start[c + 1] += start[c];
  members.resize(n);
  w.fill.assign(start.begin(), start.end() - 1);
  for (std::uint32_t v = 0; v < n; ++v) members[w.fill[comm[v]]++] = v;
  w.threads.resize(static_cast<std::size_t>(detail::max_threads()));
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(dynamic, 16) if (n > 4096)
#endif
  for (std::int64_t ci = 0; ci < static_cast<std::int64_t>(communities); ++ci) {
    const auto c = static_cast<std::uint32_t>(ci);
    // Every member starts alone; rext[r]: weight from subcommunity r to the rest of c.
    for (std::uint32_t i = start[c]; i < start[c + 1]; ++i) {
      const std::uint32_t v = members[i];
      ref[v] = v;
      rtotal[v] = a[v];
      rcount[v] = 1;
      double x = 0.0;
      for (auto e = g.begin(v); e < g.end(v); ++e) {
        // The weight or +0.0 by a mask (adding +0.0 leaves x as it is): a test here is a jump,
        // taken or not about one arc in four without a pattern.
        const std::uint64_t inside = -static_cast<std::uint64_t>(comm[g.targets[e]] == c);
        x += std::bit_cast<double>(std::bit_cast<std::uint64_t>(g.weights[e]) & inside);
      }
      ext[v] = x;
      rext[v] = x;
    }
    if (start[c + 1] - start[c] < 2) continue;
    Scratch::Thread& t = w.threads[static_cast<std::size_t>(detail::thread_index())];
    // One slot past the level's nodes collects the arcs that leave c (never a candidate), so
    // the loop over a node's arcs has no branch on where they go; see MoveState::best_move for
    // the list of touched groups grown without a branch.
    const std::uint32_t outside = n;
    if (t.weight_to.size() < std::size_t{n} + 1) t.weight_to.assign(std::size_t{n} + 1, 0.0);  // zero between uses
    double* const weight_to = t.weight_to.data();
    Rng crng(detail::block_seed(seed, c, 0x7e));
    for (std::uint32_t j = start[c + 1] - start[c]; j > 1; --j)
      std::swap(members[start[c] + j - 1], members[start[c] + static_cast<std::uint32_t>(crng.below(j))]);
    for (std::uint32_t i = start[c]; i < start[c + 1]; ++i) {
      const std::uint32_t v = members[i];
      // Members come shuffled: ask for the arcs of the one two places ahead.
      if (i + 2 < start[c + 1]) g.prefetch_arcs(members[i + 2]);
      if (rcount[ref[v]] != 1) continue;  // only nodes still alone move
      const double av = a[v];
      if (ext[v] < gamma * av * (ctotal[c] - av)) continue;  // v not well connected to c
      const auto first = g.begin(v), last = g.end(v);
      if (t.touched.size() < last - first) t.touched.resize(last - first);
      std::uint32_t* const touched_at = t.touched.data();
      std::size_t touched_count = 0;
      for (auto e = first; e < last; ++e) {
        const std::uint32_t u = g.targets[e];
        const std::uint32_t r = comm[u] == c ? ref[u] : outside;
        const double x = weight_to[r];
        touched_at[touched_count] = r;
        touched_count += x == 0.0;
        weight_to[r] = x + g.weights[e];
      }
      const std::span<const std::uint32_t> touched(touched_at, touched_count);
      t.candidates.clear();
      t.chance.clear();
      double best_gain = 0.0;
      for (std::uint32_t r : touched) {
        if (r == ref[v] || r == outside) continue;
        if (rext[r] < gamma * rtotal[r] * (ctotal[c] - rtotal[r])) continue;  // r not well connected
        const double gain = weight_to[r] - gamma * av * rtotal[r];
        if (gain < 0.0) continue;
        t.candidates.push_back(r);
        t.chance.push_back(gain);
        if (gain > best_gain) best_gain = gain;
      }
      if (!t.candidates.empty()) {
        // Staying alone is a candidate of gain 0. Weights relative to the best gain cannot overflow.
        // A weight below e^-50 (1e-22) of the best one's cannot change their sum (at least 1),
        // so its exponential is not computed: with theta = 0.01 in edge-weight units, that is
        // most candidates but the best.
        // The best candidates' weight is exp(0) = 1 exactly, and staying's is computed once:
        // the same numbers as calling exp for each, without the calls.
        const double stay_chance = std::exp((0.0 - best_gain) / theta);
        double sum = stay_chance;
        for (double& x : t.chance) {
          const double z = (x - best_gain) / theta;
          x = z < -50.0 ? 0.0 : z == 0.0 ? 1.0 : std::exp(z);
          sum += x;
        }
        double pick = crng.uniform() * sum - stay_chance;
        std::uint32_t chosen = ref[v];
        if (pick >= 0.0) {
          chosen = t.candidates.back();
          for (std::size_t j = 0; j < t.candidates.size(); ++j) {
            pick -= t.chance[j];
            if (pick < 0.0) {
              chosen = t.candidates[j];
              break;
            }
          }
        }
        if (chosen != ref[v]) {
          const std::uint32_t alone = ref[v];
          rtotal[alone] = 0.0;
          rcount[alone] = 0;
          ref[v] = chosen;
          rtotal[chosen] += av;
          ++rcount[chosen];
          rext[chosen] += ext[v] - 2.0 * weight_to[chosen];
        }
      }
      for (std::uint32_t r : touched) weight_to[r] = 0.0;
    }
  }
  k = detail::renumber_dense(ref, n);
}

void validate(const LeidenParams& p) {
  if (!std::isfinite(p.resolution) || p.resolution < 0)
    throw ParamError("leiden: resolution must be finite and >= 0, got " + std::to_string(p.resolution));
  if (!std::isfinite(p.randomness) || p.randomness <= 0)
    throw ParamError("leiden: randomness must be finite and > 0 (igraph's default is 0.01), got " +
                     std::to_string(p.randomness));
  if (p.iterations == 0 || p.iterations < -1)
    throw ParamError("leiden: iterations must be >= 1, or -1 to run until stable, got " +
                     std::to_string(p.iterations));
}

}  // namespace

CommunityResult leiden(const Graph& g, const LeidenParams& p) {
  validate(p);
  const LevelGraph base = detail::level_graph(g, p.weighted);
  const std::uint32_t n = base.n;
  const bool cpm = p.objective == Objective::cpm;
  Rng rng(p.seed);

  std::vector<std::uint32_t> membership(n);
  for (std::uint32_t v = 0; v < n; ++v) membership[v] = v;
  std::vector<std::vector<std::int64_t>> levels;
  CommunityResult result;
  const int max_passes = p.iterations < 0 ? 1000 : p.iterations;
  MoveState s;
  Scratch w;
  LevelGraph buffers[2];  // aggregated levels alternate between these, reusing their memory
  // The last level of the last pass and its partition: the result's quality is computed there
  // (a few thousand nodes) rather than over every arc of the input; aggregation keeps every
  // weight, inside a group as self-loop weight, so it is the same quality.
  const LevelGraph* last_level = &base;
  std::vector<std::uint32_t> last_comm;
  std::uint32_t last_count = 0;
  for (int pass = 0; pass < max_passes; ++pass) {
    levels.clear();
    std::vector<std::uint32_t> node_of(n);  // original vertex -> node of the current level
    for (std::uint32_t v = 0; v < n; ++v) node_of[v] = v;
    const LevelGraph* cur = &base;
    int next_buffer = 0;
    std::vector<std::uint32_t> comm = membership;
    for (std::uint64_t level = 0;; ++level) {
      const std::vector<double>& a = cpm ? cur->size : cur->strength;
      const double gamma = cpm ? p.resolution : (cur->total > 0 ? p.resolution / cur->total : 0.0);
      const std::uint64_t level_seed = detail::block_seed(p.seed, static_cast<std::uint64_t>(pass), level);
      s.init(*cur, a, gamma, std::move(comm), level_seed, p.schedule);
      s.local_moving(rng, [](std::size_t, double) { return false; });
      comm = std::move(s.comm);
      const std::uint32_t communities = detail::renumber_dense(comm, 2 * cur->n);
      std::uint32_t k = 0;
      refine(*cur, a, gamma, comm, communities, p.randomness, level_seed ^ 0x5bd1e995u, k, w);
      const std::vector<std::uint32_t>& ref = w.ref;
      if (k == cur->n) {  // refinement left every node alone: nothing to aggregate
        last_count = communities;
        break;
      }
      // The next level starts from the unrefined partition (all of a refined group share it).
      std::vector<std::uint32_t> next_comm(k);
      for (std::uint32_t v = 0; v < cur->n; ++v) next_comm[ref[v]] = comm[v];
      detail::renumber_dense(next_comm, cur->n);
      LevelGraph& next = buffers[next_buffer];
      next_buffer ^= 1;
      detail::aggregate(*cur, ref, k, next, w.aggregate);
      cur = &next;
      comm = std::move(next_comm);
      {
        const auto nn = static_cast<std::int64_t>(n);
        std::uint32_t* const at = node_of.data();
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(static) if (nn > 65536)
#endif
        for (std::int64_t i = 0; i < nn; ++i) at[i] = ref[at[i]];
      }
      // Only the last pass's levels are returned: with a fixed number of passes, the others are
      // not built (a renumbering of every vertex per level, on one core).
      if (p.iterations < 0 || pass + 1 == max_passes) {
        std::vector<std::uint32_t> groups(node_of);
        detail::renumber_dense(groups, k);
        levels.push_back(detail::to_int64(groups));
      }
    }
    std::vector<std::uint32_t> next_membership(n);
    for (std::uint32_t v = 0; v < n; ++v) next_membership[v] = comm[node_of[v]];
    last_level = cur;
    last_comm = std::move(comm);
    detail::renumber_dense(next_membership, n);
    result.iterations = pass + 1;
    const bool stable = next_membership == membership;
    membership = std::move(next_membership);
    if (p.iterations < 0 && stable) break;
  }
  std::uint32_t k = 0;
  {
    std::vector<std::uint32_t> copy = membership;
    k = detail::renumber_dense(copy, n);
  }
  result.count = k;
  result.membership = detail::to_int64(membership);
  if (levels.empty() || levels.back() != result.membership) levels.push_back(result.membership);
  result.levels = std::move(levels);
  result.quality = cpm ? detail::level_cpm(*last_level, last_comm, last_count, p.resolution)
                       : detail::level_modularity(*last_level, last_comm, last_count, p.resolution);
  return result;
}

}  // namespace corridor

// Leiden (Traag, Waltman & van Eck 2019, "From Louvain to Leiden: guaranteeing well-connected
// communities", Sci. Rep. 9:5233), following the paper's pseudo-code: fast local moving with a
// queue, refinement by randomised merges of singletons inside each community, aggregation of the
// refined partition with the unrefined one as the next level's start.
#include "corridor/community/leiden.hpp"

#include <cmath>
#include <string>

#include "community/community_impl.hpp"
#include "community/moving.hpp"
#include "corridor/error.hpp"

namespace corridor {

namespace {

using detail::LevelGraph;
using detail::MoveState;
using detail::Rng;

// Visits every node once in random order, then only the neighbours of nodes that moved (those
// whose best community may have changed): far fewer evaluations than Louvain's full sweeps.
// A node may make one plateau move (to a community tied with its own) per phase.
struct Scratch {
  std::vector<char> queued, plateau_moved;
  std::vector<std::uint32_t> ref, rcount, touched, candidates;
  std::vector<double> rtotal, ctotal, ext, rext, weight_to, chance;
  detail::AggregateScratch aggregate;
};

void fast_local_move(MoveState& s, Rng& rng, Scratch& w) {
  const LevelGraph& g = *s.g;
  const std::uint32_t n = g.n;
  if (n == 0) return;
  std::vector<std::uint32_t> queue = detail::random_order(n, rng);
  auto& queued = w.queued;
  auto& plateau_moved = w.plateau_moved;
  queued.assign(n, 1);
  plateau_moved.assign(n, 0);
  std::size_t head = 0, size = n;
  while (size > 0) {
    const std::uint32_t v = queue[head];
    head = head + 1 == n ? 0 : head + 1;
    --size;
    queued[v] = 0;
    const auto m = s.best_move(v, plateau_moved[v] ? nullptr : &rng);
    if (m.to == s.comm[v]) continue;
    if (m.gain <= m.stay_gain) plateau_moved[v] = 1;
    s.move(v, m.to);
    for (auto e = g.begin(v); e < g.end(v); ++e) {
      const std::uint32_t u = g.targets[e];
      if (!queued[u] && s.comm[u] != m.to) {
        queued[u] = 1;
        std::size_t tail = head + size;
        if (tail >= n) tail -= n;
        queue[tail] = u;
        ++size;
      }
    }
  }
}

// Refinement: starting from singletons, each node still alone and well connected to its
// community may join a well-connected subcommunity of the same community, chosen at random with
// probability ~ exp(gain / theta) among gains >= 0 (staying alone has gain 0). Returns the
// refined groups (dense) and their number.
// The result is left in w.ref.
void refine(const LevelGraph& g, const std::vector<double>& a, double gamma,
            const std::vector<std::uint32_t>& comm, double theta, Rng& rng, std::uint32_t& k,
            Scratch& w) {
  const std::uint32_t n = g.n;
  auto& ref = w.ref;
  auto& rtotal = w.rtotal;
  auto& ctotal = w.ctotal;
  auto& ext = w.ext;
  auto& rcount = w.rcount;
  ref.resize(n);
  rtotal.assign(a.begin(), a.end());
  ctotal.assign(n, 0.0);
  ext.resize(n);
  rcount.assign(n, 1);
  for (std::uint32_t v = 0; v < n; ++v) {
    ref[v] = v;
    ctotal[comm[v]] += a[v];
    double w = 0.0;
    for (auto e = g.begin(v); e < g.end(v); ++e)
      if (comm[g.targets[e]] == comm[v]) w += g.weights[e];
    ext[v] = w;
  }
  // rext[r]: weight from subcommunity r to the rest of its community.
  auto& rext = w.rext;
  rext.assign(ext.begin(), ext.end());
  const std::vector<std::uint32_t> order = detail::random_order(n, rng);
  auto& weight_to = w.weight_to;
  auto& chance = w.chance;
  auto& touched = w.touched;
  auto& candidates = w.candidates;
  weight_to.assign(n, 0.0);
  for (std::uint32_t v : order) {
    if (rcount[ref[v]] != 1) continue;  // only nodes still alone move
    const std::uint32_t c = comm[v];
    const double av = a[v];
    if (ext[v] < gamma * av * (ctotal[c] - av)) continue;  // v not well connected to c
    for (auto e = g.begin(v); e < g.end(v); ++e) {
      const std::uint32_t u = g.targets[e];
      if (comm[u] != c) continue;
      const std::uint32_t r = ref[u];
      if (weight_to[r] == 0.0) touched.push_back(r);
      weight_to[r] += g.weights[e];
    }
    candidates.clear();
    chance.clear();
    double best_gain = 0.0;
    for (std::uint32_t r : touched) {
      if (r == ref[v]) continue;
      if (rext[r] < gamma * rtotal[r] * (ctotal[c] - rtotal[r])) continue;  // r not well connected
      const double gain = weight_to[r] - gamma * av * rtotal[r];
      if (gain < 0.0) continue;
      candidates.push_back(r);
      chance.push_back(gain);
      if (gain > best_gain) best_gain = gain;
    }
    if (!candidates.empty()) {
      // Staying alone is a candidate of gain 0. Weights relative to the best gain cannot overflow.
      double sum = std::exp((0.0 - best_gain) / theta);
      for (double& x : chance) {
        x = std::exp((x - best_gain) / theta);
        sum += x;
      }
      double pick = rng.uniform() * sum - std::exp((0.0 - best_gain) / theta);
      std::uint32_t chosen = ref[v];
      if (pick >= 0.0) {
        chosen = candidates.back();
        for (std::size_t i = 0; i < candidates.size(); ++i) {
          pick -= chance[i];
          if (pick < 0.0) {
            chosen = candidates[i];
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
    touched.clear();
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
  for (int pass = 0; pass < max_passes; ++pass) {
    levels.clear();
    std::vector<std::uint32_t> node_of(n);  // original vertex -> node of the current level
    for (std::uint32_t v = 0; v < n; ++v) node_of[v] = v;
    const LevelGraph* cur = &base;
    int next_buffer = 0;
    std::vector<std::uint32_t> comm = membership;
    while (true) {
      const std::vector<double>& a = cpm ? cur->size : cur->strength;
      const double gamma = cpm ? p.resolution : (cur->total > 0 ? p.resolution / cur->total : 0.0);
      s.init(*cur, a, gamma, std::move(comm));
      fast_local_move(s, rng, w);
      comm = std::move(s.comm);
      std::uint32_t k = 0;
      refine(*cur, a, gamma, comm, p.randomness, rng, k, w);
      const std::vector<std::uint32_t>& ref = w.ref;
      if (k == cur->n) break;  // refinement left every node alone: nothing to aggregate
      // The next level starts from the unrefined partition (all of a refined group share it).
      std::vector<std::uint32_t> next_comm(k);
      for (std::uint32_t v = 0; v < cur->n; ++v) next_comm[ref[v]] = comm[v];
      detail::renumber_dense(next_comm, cur->n);
      LevelGraph& next = buffers[next_buffer];
      next_buffer ^= 1;
      detail::aggregate(*cur, ref, k, next, w.aggregate);
      cur = &next;
      comm = std::move(next_comm);
      for (auto& x : node_of) x = ref[x];
      std::vector<std::uint32_t> level(node_of);
      detail::renumber_dense(level, k);
      levels.push_back(detail::to_int64(level));
    }
    std::vector<std::uint32_t> next_membership(n);
    for (std::uint32_t v = 0; v < n; ++v) next_membership[v] = comm[node_of[v]];
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
  result.quality = cpm ? detail::level_cpm(base, membership, k, p.resolution)
                       : detail::level_modularity(base, membership, k, p.resolution);
  return result;
}

}  // namespace corridor

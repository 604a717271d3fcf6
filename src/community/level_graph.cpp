#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>

#include "community/community_impl.hpp"

#ifdef CORRIDOR_HAVE_OPENMP
#include <omp.h>
#endif

namespace corridor::detail {

namespace {

int max_threads_here() {
#ifdef CORRIDOR_HAVE_OPENMP
  return omp_get_max_threads();
#else
  return 1;
#endif
}

int thread_here() {
#ifdef CORRIDOR_HAVE_OPENMP
  return omp_get_thread_num();
#else
  return 0;
#endif
}

}  // namespace

LevelGraph level_graph(const Graph& g, bool weighted) {
  LevelGraph out;
  const Graph* src = &g;
  if (g.directed()) {
    out.own_graph = g.to_undirected(Merge::sum);
    src = &out.own_graph;
  }
  out.n = src->num_vertices();
  out.offsets = src->out_offsets();
  out.ends = out.offsets.subspan(1);
  out.targets = src->out_targets();
  out.arcs = out.targets.size();
  if (weighted || !src->weighted()) {
    out.weights = src->arc_weights();
  } else {
    out.own_weights.assign(out.targets.size(), 1.0);
    out.weights = out.own_weights;
  }
  out.self.assign(out.n, 0.0);
  out.size.assign(out.n, 1.0);
  out.strength.assign(out.n, 0.0);
  const std::int64_t n = out.n;
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(static, 4096) if (n > 4096)
#endif
  for (std::int64_t i = 0; i < n; ++i) {
    const auto v = static_cast<std::uint32_t>(i);
    double s = 0.0;
    for (auto a = out.begin(v); a < out.end(v); ++a) s += out.weights[a];
    out.strength[v] = s;
  }
  for (double s : out.strength) out.total += s;  // in vertex order, as before
  return out;
}

void aggregate(const LevelGraph& g, std::span<const std::uint32_t> group, std::uint32_t k, LevelGraph& out,
               AggregateScratch& scratch) {
  // Members of each group, by counting sort, so each new node's arcs are gathered in one go.
  auto& start = scratch.start;
  auto& members = scratch.members;
  // Beside each group's member count, its work (members and their arcs), summed in node order
  // while the offsets are read in sequence, for cutting runs below.
  start.assign(k + 1, 0);
  auto& group_work = scratch.work;
  group_work.assign(k, 0);
  for (std::uint32_t v = 0; v < g.n; ++v) {
    ++start[group[v] + 1];
    group_work[group[v]] += 1 + (g.end(v) - g.begin(v));
  }
  for (std::uint32_t c = 0; c < k; ++c) start[c + 1] += start[c];
  members.resize(g.n);
  scratch.fill.assign(start.begin(), start.end() - 1);
  for (std::uint32_t v = 0; v < g.n; ++v) members[scratch.fill[group[v]]++] = v;
  out.n = k;
  out.own_graph = Graph();
  out.own_offsets.resize(k);  // both written whole by the runs below
  out.own_ends.resize(k);
  out.self.assign(k, 0.0);
  out.strength.assign(k, 0.0);
  out.size.assign(k, 0.0);
  out.total = g.total;
  // Groups are cut into runs of about equal work (their members and arcs), so the few large
  // groups of an upper level are shared among threads too. A thread gathers a run's arcs in its
  // own buffer (a group's arcs in the order its members' arcs come, parallel arcs summed in that
  // order), then claims room for them at the end of what is written so far and copies them
  // there. Where runs are cut changes no group's arcs: the same graph for any thread count
  // (with two threads, runs may lie in memory in another order; rows are read by begin/end).
  auto& run_start = scratch.run_start;
  auto& run_bound = scratch.run_bound;  // the arcs of each run's members: room enough for its arcs
  run_start.clear();
  run_bound.clear();
  {
    const std::uint64_t work = static_cast<std::uint64_t>(g.n) + g.arcs;
    const std::uint64_t per_run = std::max<std::uint64_t>(work / 64, 16384);
    std::uint64_t acc = 0;
    for (std::uint32_t c = 0; c < k; ++c) {
      if (acc == 0) {
        run_start.push_back(c);
        run_bound.push_back(0);
      }
      acc += group_work[c];
      run_bound.back() += group_work[c] - (start[c + 1] - start[c]);  // the group's members' arcs
      if (acc >= per_run) acc = 0;
    }
    run_start.push_back(k);
  }
  const auto runs = static_cast<std::uint32_t>(run_start.size() - 1);
  // Room for the arcs: at most this level's. Only what the runs write is ever mapped, at the
  // front, where the next levels and the next pass write again; an eighth more is reserved (an
  // address range, not memory), because the next pass's level here often holds a few more.
  if (out.own_targets.capacity() < g.arcs) {  // the old contents are not needed: not copied over
    out.own_targets = {};
    out.own_weights = {};
    out.own_targets.reserve(g.arcs + g.arcs / 8);
    out.own_weights.reserve(g.arcs + g.arcs / 8);
  }
  out.own_targets.resize(g.arcs);
  out.own_weights.resize(g.arcs);
  std::atomic<std::uint64_t> written{0};
  // Per thread: the weight from the current group to each group (zero between groups) beside the
  // last group that touched it (one scattered read per arc), and the list of touched groups. The list grows without a
  // branch (a group's arcs reach the other groups in no order the branch predictor could learn).
  const auto threads = static_cast<std::size_t>(max_threads_here());
  scratch.threads.resize(threads);
  constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  const std::uint32_t* const targets = g.targets.data();
  const double* const weights = g.weights.data();
  const std::uint32_t* const grp = group.data();
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel if (runs > 1)
#endif
  {
    const auto t = static_cast<std::size_t>(thread_here());
    auto& acc = scratch.threads[t].acc;
    auto& list = scratch.threads[t].list;
    auto& run_targets = scratch.threads[t].targets;
    auto& run_weights = scratch.threads[t].weights;
    acc.assign(k, AggregateScratch::Sum{0.0, kNone});
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
    for (std::int64_t ri = 0; ri < static_cast<std::int64_t>(runs); ++ri) {
      const auto r = static_cast<std::uint32_t>(ri);
      if (run_targets.size() < run_bound[r]) {
        run_targets.resize(run_bound[r]);
        run_weights.resize(run_bound[r]);
      }
      std::uint32_t* const tg = run_targets.data();
      double* const wt = run_weights.data();
      std::uint64_t at = 0;
      const std::uint32_t run_end = start[run_start[r + 1]];
      for (std::uint32_t c = run_start[r]; c < run_start[r + 1]; ++c) {
        out.own_offsets[c] = at;
        double self = 0.0, strength = 0.0, size = 0.0;
        std::size_t count = 0;
        for (std::uint32_t i = start[c]; i < start[c + 1]; ++i) {
          const std::uint32_t v = members[i];
          // A group's members are scattered over the level: ask for the arcs of the member two
          // places ahead (in this group or the next of the run) while this one's are summed.
          if (i + 2 < run_end) g.prefetch_arcs(members[i + 2]);
          self += g.self[v];
          strength += g.strength[v];
          size += g.size[v];
          const std::uint64_t lo = g.begin(v), hi = g.end(v);
          if (list.size() < count + (hi - lo)) list.resize(2 * (count + (hi - lo)));
          std::uint32_t* const touched = list.data();
          AggregateScratch::Sum* const sums = acc.data();
          for (std::uint64_t a = lo; a < hi; ++a) {
            const std::uint32_t d = grp[targets[a]];
            touched[count] = d;
            count += sums[d].group != c;
            sums[d].group = c;
            sums[d].weight += weights[a];
          }
        }
        // Arcs inside the group become its self-loop weight; the others its arcs, in the order
        // their groups were first reached.
        for (std::size_t j = 0; j < count; ++j) {
          const std::uint32_t d = list[j];
          if (d == c) {
            self += acc[d].weight;
          } else {
            tg[at] = d;
            wt[at] = acc[d].weight;
            ++at;
          }
          acc[d].weight = 0.0;
        }
        out.self[c] = self;
        out.strength[c] = strength;
        out.size[c] = size;
        out.own_ends[c] = at;
      }
      const std::uint64_t base = written.fetch_add(at, std::memory_order_relaxed);
      std::copy(tg, tg + at, out.own_targets.data() + base);
      std::copy(wt, wt + at, out.own_weights.data() + base);
      for (std::uint32_t c = run_start[r]; c < run_start[r + 1]; ++c) {
        out.own_offsets[c] += base;
        out.own_ends[c] += base;
      }
    }
  }
  out.arcs = written.load(std::memory_order_relaxed);  // every run's arcs, claimed above
  out.offsets = out.own_offsets;
  out.ends = out.own_ends;
  out.targets = out.own_targets;
  out.weights = out.own_weights;
}

std::uint32_t renumber_dense(std::vector<std::uint32_t>& values, std::uint32_t bound) {
  constexpr std::uint32_t kUnset = std::numeric_limits<std::uint32_t>::max();
  std::vector<std::uint32_t> map(bound, kUnset);
  std::uint32_t k = 0;
  for (auto& x : values) {
    if (map[x] == kUnset) map[x] = k++;
    x = map[x];
  }
  return k;
}

namespace {

// Per group: weight inside (each edge from both ends, plus self-loop weight) and the group's
// total of `a` (strength or size), summed per fixed run of vertices and the runs added in
// order, so the quality is the same number for any thread count.
void inside_and_totals(const LevelGraph& g, std::span<const std::uint32_t> group, std::uint32_t k,
                       const std::vector<double>& a, std::vector<double>& inside, std::vector<double>& tot) {
  inside.assign(k, 0.0);
  tot.assign(k, 0.0);
  constexpr std::uint32_t kRun = 65536;
  const std::uint32_t runs = (g.n + kRun - 1) / kRun;
  if (runs <= 1) {
    for (std::uint32_t v = 0; v < g.n; ++v) {
      const std::uint32_t c = group[v];
      tot[c] += a[v];
      double in = g.self[v];
      for (auto e = g.begin(v); e < g.end(v); ++e)
        if (group[g.targets[e]] == c) in += g.weights[e];
      inside[c] += in;
    }
    return;
  }
  // Each vertex's own inside weight in parallel; the sums per group in vertex order.
  std::vector<double> in_v(g.n);
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(static, 4096)
#endif
  for (std::int64_t i = 0; i < static_cast<std::int64_t>(g.n); ++i) {
    const auto v = static_cast<std::uint32_t>(i);
    const std::uint32_t c = group[v];
    double in = g.self[v];
    for (auto e = g.begin(v); e < g.end(v); ++e)
      if (group[g.targets[e]] == c) in += g.weights[e];
    in_v[v] = in;
  }
  for (std::uint32_t v = 0; v < g.n; ++v) {
    tot[group[v]] += a[v];
    inside[group[v]] += in_v[v];
  }
}

}  // namespace

double level_modularity(const LevelGraph& g, std::span<const std::uint32_t> group, std::uint32_t k,
                        double resolution) {
  if (!(g.total > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  std::vector<double> inside, tot;
  inside_and_totals(g, group, k, g.strength, inside, tot);
  double q = 0.0;
  for (std::uint32_t c = 0; c < k; ++c) {
    const double f = tot[c] / g.total;
    q += inside[c] / g.total - resolution * f * f;
  }
  return q;
}

double level_cpm(const LevelGraph& g, std::span<const std::uint32_t> group, std::uint32_t k,
                 double resolution) {
  std::vector<double> inside, size;
  inside_and_totals(g, group, k, g.size, inside, size);
  double h = 0.0;
  // inside counts each edge from both ends.
  for (std::uint32_t c = 0; c < k; ++c) h += inside[c] / 2.0 - resolution * size[c] * (size[c] - 1.0) / 2.0;
  return h;
}

std::vector<std::int64_t> to_int64(std::span<const std::uint32_t> v) {
  return std::vector<std::int64_t>(v.begin(), v.end());
}

}  // namespace corridor::detail

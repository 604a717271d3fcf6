// Brandes betweenness (vertices and edges), exact and sampled.
//
// The forward search records the shortest-path DAG as it goes (SsspWork in paths_impl.hpp), so
// the backward pass walks only DAG arcs: for BFS it pulls, delta[v] = sigma[v] * sum over
// successors x of (1 + delta[x]) / sigma[x], reading each vertex's successors as one contiguous
// segment; for Dijkstra it pushes along predecessor lists. Neither rescans the whole adjacency.
#include "corridor/centrality/betweenness.hpp"

#include <cmath>
#include <string>

#include "centrality/paths_impl.hpp"
#include "corridor/error.hpp"

namespace corridor {

namespace {

using detail::fixed_t;
using detail::PathCsr;
using detail::SsspWork;

// Adds one source's dependencies to `acc` (n entries for vertices, m for arcs); `w` must hold a
// complete recorded search from `s`.
template <bool Edges>
void accumulate(const PathCsr& c, SsspWork& w, vertex_t s, bool endpoints, double* acc) {
  const vertex_t* order = w.order.data();
  const std::size_t size = w.order_size;
  if (c.len == nullptr) {
    // pull along the recorded DAG arcs: delta[v] = sigma[v] * sum over successors x of coef[x],
    // coef[x] = (1 + delta[x]) / sigma[x] (kept in w.delta)
    const std::uint64_t* seg = w.seg.data();
    double* coef = w.delta.data();
    const double* sigma = w.sigma.data();
    const std::size_t last = Edges ? 0 : 1;  // vertex scores never need the source itself
    for (std::size_t i = size; i-- > last;) {
      const vertex_t v = order[i];
      const double sv = sigma[v];
      double sum = 0.0;
      for (auto j = seg[i], e = seg[i + 1]; j < e; ++j) {
        if constexpr (Edges) {
          const auto a = w.dag_a[j];
          const double cx = coef[c.adj[a]];
          sum += cx;
          acc[a] += sv * cx;
        } else {
          sum += coef[w.dag_v[j]];
        }
      }
      const double delta = sv * sum;
      coef[v] = (1.0 + delta) / sv;
      if constexpr (!Edges) acc[v] += endpoints ? delta + 1.0 : delta;
    }
  } else {
    // push along the recorded predecessor lists
    double* delta = w.delta.data();
    const double* sigma = w.sigma.data();
    for (std::size_t i = size; i-- > 0;) {
      const vertex_t x = order[i];
      const double dx = delta[x];
      if (!Edges && i > 0) acc[x] += endpoints ? dx + 1.0 : dx;
      const double cx = (1.0 + dx) / sigma[x];
      for (auto e = w.pred_head[x]; e != SsspWork::kNil; e = w.pred_next[e]) {
        const vertex_t v = w.pred_from[e];
        const double part = sigma[v] * cx;
        delta[v] += part;
        if constexpr (Edges) acc[w.pred_arc[e]] += part;
      }
    }
  }
  if constexpr (!Edges) {
    if (endpoints) acc[s] += static_cast<double>(size - 1);
  }
}

// Sum over all sources of the dependencies, with bits independent of the thread count: sources
// are cut into a fixed number of chunks, each chunk summed in order in doubles, and the chunk
// sums added as fixed-point integers (exact, so in any order).
template <bool Edges>
std::vector<double> brandes(const Graph& g, const PathCsr& c, bool endpoints) {
  const vertex_t n = g.num_vertices();
  const std::size_t len = Edges ? g.num_arcs() : n;
  std::vector<double> out(len, 0.0);
  if (n == 0) return out;
  const std::size_t chunks = detail::source_chunks(n);
  const detail::FixedSum fx(detail::pair_count_log2(n));
  std::vector<std::vector<fixed_t>> totals(static_cast<std::size_t>(detail::max_threads()));
  const bool weighted = c.len != nullptr;

#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel
#endif
  {
    const auto record = Edges ? detail::Record::arcs : detail::Record::vertices;
    SsspWork w(n, g.num_arcs(), weighted, record);
    std::vector<double> acc(len, 0.0);
    auto& total = totals[static_cast<std::size_t>(detail::thread_id())];
    total.assign(len, 0);
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
    for (std::int64_t k = 0; k < static_cast<std::int64_t>(chunks); ++k) {
      const auto s0 = static_cast<vertex_t>(static_cast<std::uint64_t>(k) * n / chunks);
      const auto s1 = static_cast<vertex_t>(static_cast<std::uint64_t>(k + 1) * n / chunks);
      for (vertex_t s = s0; s < s1; ++s) {
        w.run(c, s, record);
        accumulate<Edges>(c, w, s, endpoints, acc.data());
        w.reset();
      }
      for (std::size_t i = 0; i < len; ++i) {
        if (acc[i] != 0.0) {
          total[i] += fx.to_fixed(acc[i]);
          acc[i] = 0.0;
        }
      }
    }
  }
  for (std::size_t i = 0; i < len; ++i) {
    fixed_t sum = 0;
    for (const auto& t : totals)
      if (!t.empty()) sum += t[i];
    out[i] = fx.to_double(sum);
  }
  return out;
}

// networkx's _rescale for vertex scores.
double vertex_scale(vertex_t n, bool directed, bool normalized, bool endpoints) {
  const double nn = n;
  if (normalized) {
    if (endpoints) return n < 2 ? 1.0 : 1.0 / (nn * (nn - 1.0));
    return n <= 2 ? 1.0 : 1.0 / ((nn - 1.0) * (nn - 2.0));
  }
  return directed ? 1.0 : 0.5;
}

void check_unit_interval(double x, const char* name) {
  if (!(x > 0.0 && x < 1.0))
    throw ParamError(std::string("approximate betweenness: ") + name + " must be in (0, 1), got " +
                     std::to_string(x));
}

// splitmix64: seeds and draws for the sampler (portable, so a seed means the same everywhere).
struct SplitMix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t below(std::uint64_t bound) {  // Lemire's multiply-shift; bias < bound / 2^64
    __extension__ typedef unsigned __int128 u128;
    return static_cast<std::uint64_t>((static_cast<u128>(next()) * bound) >> 64);
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

// An upper bound on the number of vertices on any shortest path (Riondato-Kornaropoulos's VD).
// Balanced bidirectional breadth-first search between s and t, as KADABRA samples shortest
// paths (Borassi & Natale 2019, "KADABRA is an ADaptive Algorithm for Betweenness via Random
// Approximation", ACM JEA 24): the ball around s (along out-arcs) and the ball around t (along
// in-arcs) grow one level at a time, always the one whose next level scans fewer arcs, until a
// new level touches the other ball. Then every shortest s-t path crosses that new level exactly
// once, at a vertex w the other ball holds on its own last level, and sigma_st = sum over those
// w of sigma_s(w) sigma_t(w). A uniform shortest path is drawn by picking w with probability
// sigma_s(w) sigma_t(w) / sigma_st, then walking to s through predecessors chosen in proportion
// to sigma_s and to t through successors chosen in proportion to sigma_t. On small-world graphs
// the two balls touch after a few levels, so a sample costs a tiny fraction of a full search.
struct BiBfs {
  std::vector<std::int32_t> level[2];  // hops from s (side 0) and to t (side 1); -1: not reached
  std::vector<double> count[2];        // shortest paths from s / to t
  std::vector<vertex_t> seen[2];       // reached vertices in order; the last level is [begin, end)
  std::vector<vertex_t> contact;

  explicit BiBfs(vertex_t n) {
    for (int k = 0; k < 2; ++k) {
      level[k].assign(n, -1);
      count[k].assign(n, 0.0);
      seen[k].reserve(1024);
    }
  }

  void reset() {
    for (int k = 0; k < 2; ++k) {
      for (vertex_t v : seen[k]) level[k][v] = -1, count[k][v] = 0.0;
      seen[k].clear();
    }
    contact.clear();
  }

  // Picks one neighbour y of x on `side` (one level nearer that side's root) in proportion to
  // count[side][y]; `arcs` lead from x towards that root.
  template <class Rng>
  vertex_t step(const PathCsr& arcs, int side, vertex_t x, Rng& rng) const {
    const double pick = rng.unit() * count[side][x];
    double acc = 0.0;
    vertex_t chosen = kNoVertex;
    for (auto a = arcs.off[x], e = arcs.off[x + 1]; a < e; ++a) {
      const vertex_t y = arcs.adj[a];
      if (level[side][y] != level[side][x] - 1) continue;
      chosen = y;
      acc += count[side][y];
      if (acc > pick) break;
    }
    return chosen;
  }

  /// Draws a uniform shortest s-t path (fwd: out-arcs, bwd: in-arcs; the same for undirected
  /// graphs) and adds 1 to cnt of each of its interior vertices. Does nothing when t is not
  /// reachable from s.
  template <class Rng>
  void sample(const PathCsr& fwd, const PathCsr& bwd, vertex_t s, vertex_t t, Rng& rng, std::vector<std::uint64_t>& cnt) {
    const PathCsr* arcs[2] = {&fwd, &bwd};
    const vertex_t root[2] = {s, t};
    std::size_t begin[2] = {0, 0};
    double cost[2];
    for (int k = 0; k < 2; ++k) {
      level[k][root[k]] = 0;
      count[k][root[k]] = 1.0;
      seen[k].push_back(root[k]);
      cost[k] = static_cast<double>(arcs[k]->off[root[k] + 1] - arcs[k]->off[root[k]]);
    }
    int side = 0;
    while (true) {
      if (begin[0] == seen[0].size() || begin[1] == seen[1].size()) return;  // a ball stopped growing
      side = cost[0] <= cost[1] ? 0 : 1;
      const PathCsr& c = *arcs[side];
      auto& lv = level[side];
      auto& ct = count[side];
      auto& list = seen[side];
      const std::size_t first = begin[side], last = list.size();
      for (std::size_t i = first; i < last; ++i) {
        const vertex_t u = list[i];
        const std::int32_t next = lv[u] + 1;
        const double cu = ct[u];
        for (auto a = c.off[u], e = c.off[u + 1]; a < e; ++a) {
          const vertex_t x = c.adj[a];
          if (lv[x] < 0) {
            lv[x] = next;
            ct[x] = cu;
            list.push_back(x);
          } else if (lv[x] == next) {
            ct[x] += cu;
          }
        }
      }
      begin[side] = last;
      double next_cost = 0.0;
      for (std::size_t i = last; i < list.size(); ++i) {
        const vertex_t x = list[i];
        if (level[1 - side][x] >= 0) contact.push_back(x);
        next_cost += static_cast<double>(c.off[x + 1] - c.off[x]);
      }
      if (!contact.empty()) break;
      cost[side] = next_cost;
    }
    // The touching vertex, in proportion to the shortest paths through it.
    double total = 0.0;
    for (vertex_t w : contact) total += count[0][w] * count[1][w];
    const double pick = rng.unit() * total;
    double acc = 0.0;
    vertex_t w = contact.back();
    for (vertex_t x : contact) {
      acc += count[0][x] * count[1][x];
      if (acc > pick) {
        w = x;
        break;
      }
    }
    // To s along in-arcs (predecessors counted from s), to t along out-arcs.
    for (int k = 0; k < 2; ++k) {
      vertex_t x = w;
      while (x != root[k]) {
        if (x != root[1 - k] && (k == 0 || x != w)) ++cnt[x];
        const vertex_t y = step(*arcs[1 - k], k, x, rng);
        if (y == kNoVertex) break;  // cannot happen: x was reached from the root
        x = y;
      }
    }
  }
};

std::uint64_t vertex_diameter_bound(const Graph& g, const PathCsr& out) {
  const vertex_t n = g.num_vertices();
  std::vector<std::int32_t> comp(n, -1);
  std::vector<vertex_t> queue;
  queue.reserve(n);
  std::uint64_t best = 1;
  double min_len = detail::kInf;
  if (out.len)
    for (std::uint64_t a = 0; a < g.num_arcs(); ++a) min_len = std::min(min_len, out.len[a]);
  SsspWork w(n, g.num_arcs(), out.len != nullptr, detail::Record::none);
  std::int32_t id = 0;
  for (vertex_t r = 0; r < n; ++r, ++id) {
    if (comp[r] >= 0) continue;
    // the weakly connected component of r
    queue.clear();
    queue.push_back(r);
    comp[r] = id;
    for (std::size_t h = 0; h < queue.size(); ++h) {
      const vertex_t v = queue[h];
      for (auto x : g.out_neighbors(v))
        if (comp[x] < 0) comp[x] = id, queue.push_back(x);
      for (auto x : g.in_neighbors(v))
        if (comp[x] < 0) comp[x] = id, queue.push_back(x);
    }
    std::uint64_t bound = queue.size();
    if (!g.directed() && queue.size() > 2) {
      // any shortest path a..b is no longer than d(a, r) + d(r, b) <= the two largest radii
      w.run(out, r, detail::Record::none);
      double d1 = 0, d2 = 0;
      for (std::size_t i = 0; i < w.order_size; ++i) {
        const vertex_t v = w.order[i];
        const double d = out.len ? w.dist[v] : w.hops[v];
        if (d > d1) d2 = d1, d1 = d;
        else if (d > d2) d2 = d;
      }
      w.reset();
      const double hops = out.len ? std::floor((d1 + d2) / min_len * (1.0 + 1e-9)) : d1 + d2;
      bound = std::min<std::uint64_t>(bound, static_cast<std::uint64_t>(hops) + 1);
    }
    best = std::max(best, bound);
  }
  return best;
}

}  // namespace

ScoreResult betweenness(const Graph& g, const BetweennessParams& p) {
  const auto c = detail::make_path_csr(g, p.weights, false);
  ScoreResult r;
  r.scores = brandes<false>(g, c, p.endpoints);
  const double scale = vertex_scale(g.num_vertices(), g.directed(), p.normalized, p.endpoints);
  for (double& x : r.scores) x *= scale;
  return r;
}

EdgeScores edge_betweenness(const Graph& g, const BetweennessParams& p) {
  if (p.endpoints)
    throw ParamError("edge betweenness: endpoints applies to vertex betweenness only; set it to false");
  const auto c = detail::make_path_csr(g, p.weights, false);
  const auto arc = brandes<true>(g, c, false);
  const vertex_t n = g.num_vertices();
  const double nn = n;
  double scale = 1.0;
  if (p.normalized) scale = n <= 1 ? 1.0 : 1.0 / (nn * (nn - 1.0));
  else if (!g.directed()) scale = 0.5;
  EdgeScores out;
  const auto off = g.out_offsets();
  const auto tgt = g.out_targets();
  for (vertex_t u = 0; u < n; ++u) {
    for (auto a = off[u]; a < off[u + 1]; ++a) {
      const vertex_t v = tgt[a];
      if (!g.directed() && v < u) continue;
      double s = arc[a];
      if (!g.directed()) s += arc[static_cast<std::size_t>(g.find_arc(v, u))];
      out.u.push_back(u);
      out.v.push_back(v);
      out.scores.push_back(s * scale);
    }
  }
  return out;
}

ScoreResult approximate_betweenness(const Graph& g, const ApproxBetweennessParams& p) {
  check_unit_interval(p.epsilon, "epsilon");
  check_unit_interval(p.delta, "delta");
  const vertex_t n = g.num_vertices();
  ScoreResult res;
  res.scores.assign(n, 0.0);
  if (n < 3) return res;
  const auto out = detail::make_path_csr(g, p.weights, false);
  // unweighted walks back along in-arcs by level; weighted ones along recorded predecessors
  const auto in = g.directed() && !out.len ? detail::make_path_csr(g, PathWeights::ignore, true) : PathCsr{};
  const PathCsr& back = g.directed() ? in : out;
  const std::uint64_t vd = vertex_diameter_bound(g, out);
  if (vd < 3) return res;  // no shortest path has an interior vertex
  const double r_real = 0.5 / (p.epsilon * p.epsilon) *
                        (std::floor(std::log2(static_cast<double>(vd - 2))) + 1.0 + std::log(1.0 / p.delta));
  const auto samples = static_cast<std::uint64_t>(std::ceil(r_real));
  constexpr std::uint64_t kChunks = 64;  // fixed: the draws do not depend on the thread count
  std::vector<std::vector<std::uint64_t>> counts(static_cast<std::size_t>(detail::max_threads()));
  const bool weighted = out.len != nullptr;

#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel
#endif
  {
    // Unweighted: balanced bidirectional BFS per sample (BiBfs). Weighted: Dijkstra from s until
    // t is settled, recording predecessor lists to walk back on.
    const auto record = weighted ? detail::Record::vertices : detail::Record::none;
    SsspWork w(weighted ? n : 0, weighted ? g.num_arcs() : 0, weighted, record);
    BiBfs bi(weighted ? 0 : n);
    auto& cnt = counts[static_cast<std::size_t>(detail::thread_id())];
    cnt.assign(n, 0);
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
    for (std::int64_t k = 0; k < static_cast<std::int64_t>(kChunks); ++k) {
      SplitMix seeder{p.seed ^ (0xD1B54A32D192ED03ull * static_cast<std::uint64_t>(k + 1))};
      SplitMix rng{seeder.next()};
      const std::uint64_t i0 = samples * static_cast<std::uint64_t>(k) / kChunks;
      const std::uint64_t i1 = samples * static_cast<std::uint64_t>(k + 1) / kChunks;
      for (std::uint64_t i = i0; i < i1; ++i) {
        const auto s = static_cast<vertex_t>(rng.below(n));
        auto t = static_cast<vertex_t>(rng.below(n - 1));
        if (t >= s) ++t;
        if (!weighted) {
          bi.sample(out, back, s, t, rng, cnt);
          bi.reset();
          continue;
        }
        w.run(out, s, record, t);
        if (w.settled(t)) {
          // walk back from t, choosing each predecessor with probability sigma[pred] / sigma[x]
          vertex_t x = t;
          while (true) {
            const double pick = rng.unit() * w.sigma[x];
            double acc = 0.0;
            vertex_t chosen = kNoVertex;
            if (weighted) {
              for (auto e = w.pred_head[x]; e != SsspWork::kNil; e = w.pred_next[e]) {
                chosen = w.pred_from[e];
                acc += w.sigma[chosen];
                if (acc > pick) break;
              }
            } else {
              for (auto a = back.off[x], e = back.off[x + 1]; a < e; ++a) {
                const vertex_t y = back.adj[a];
                if (w.hops[y] != w.hops[x] - 1) continue;
                chosen = y;
                acc += w.sigma[y];
                if (acc > pick) break;
              }
            }
            // (cannot happen: t was reached, so it has a predecessor; never throw in a parallel region)
            if (chosen == kNoVertex || chosen == s) break;
            ++cnt[chosen];
            x = chosen;
          }
        }
        w.reset();
      }
    }
  }
  const double nn = n;
  double scale = 1.0 / static_cast<double>(samples);
  if (p.normalized) scale *= nn / (nn - 2.0);
  else scale *= g.directed() ? nn * (nn - 1.0) : nn * (nn - 1.0) / 2.0;
  for (vertex_t v = 0; v < n; ++v) {
    std::uint64_t sum = 0;
    for (const auto& c : counts)
      if (!c.empty()) sum += c[v];
    res.scores[v] = static_cast<double>(sum) * scale;
  }
  res.iterations = static_cast<int>(std::min<std::uint64_t>(samples, 2147483647));
  return res;
}

}  // namespace corridor

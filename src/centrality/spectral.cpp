#include "corridor/centrality/spectral.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <utility>

#ifdef __linux__
#include <sys/mman.h>
#endif

#include <fmt/core.h>

#include "corridor/error.hpp"

#ifdef CORRIDOR_HAVE_OPENMP
#include <omp.h>
#endif

namespace corridor {

namespace {

// Reductions are summed per fixed chunk of vertices and the chunk sums added in order, so the
// floating-point result does not depend on how many threads ran (OpenMP's reduction clause
// would combine per-thread partials in an unspecified order).
constexpr vertex_t kChunk = 2048;

vertex_t num_chunks(vertex_t n) { return (n + kChunk - 1) / kChunk; }

double ordered_sum(const std::vector<double>& partial) {
  double s = 0;
  for (double x : partial) s += x;
  return s;
}

// The sum of per_chunk(lo, hi) over the chunks of [0, n), each chunk's part written to part (one
// slot per chunk) in parallel and the parts added in chunk order.
template <class PerChunk>
double chunked_sum(vertex_t n, std::vector<double>& part, PerChunk per_chunk) {
  const vertex_t chunks = num_chunks(n);
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(static) if (chunks > 1)
#endif
  for (std::int64_t c = 0; c < static_cast<std::int64_t>(chunks); ++c) {
    const vertex_t lo = static_cast<vertex_t>(c) * kChunk, hi = std::min<vertex_t>(n, lo + kChunk);
    part[c] = per_chunk(lo, hi);
  }
  return ordered_sum(part);
}

void check_common(double tolerance, int max_iterations) {
  if (!(tolerance > 0) || !std::isfinite(tolerance))
    throw ParamError(fmt::format("tolerance must be a finite number > 0 (got {})", tolerance));
  if (max_iterations < 1) throw ParamError(fmt::format("max_iterations must be >= 1 (got {})", max_iterations));
}

// Sum of term(a) over the arcs [a, end) of one row, in four independent partial sums: one
// running sum would make every addition wait for the previous one (about four cycles each),
// which, not memory, limited these kernels. The order of the additions is fixed by the row, so
// the result does not depend on the thread count.
template <class Term>
inline double row_sum(std::uint64_t a, const std::uint64_t end, Term term) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (; a + 4 <= end; a += 4) {
    s0 += term(a);
    s1 += term(a + 1);
    s2 += term(a + 2);
    s3 += term(a + 3);
  }
  for (; a < end; ++a) s0 += term(a);
  return (s0 + s1) + (s2 + s3);
}

// x_new = sum over in-arcs u->v of y[u] (* w), the pull step shared by the three kernels.
template <bool Weighted>
inline double pull(const std::uint64_t* off, const vertex_t* src, const double* w, const double* y, vertex_t v) {
  if constexpr (Weighted) return row_sum(off[v], off[v + 1], [&](std::uint64_t a) { return y[src[a]] * w[a]; });
  else return row_sum(off[v], off[v + 1], [&](std::uint64_t a) { return y[src[a]]; });
}

const double* in_weight_array(const Graph& g) {
  if (g.num_arcs() == 0) return nullptr;
  return g.directed() ? g.in_weights(0).data() : g.arc_weights().data();
}

// How PageRank's step reads the transition weights w(u,v) / out-strength(u):
//  - unit: unweighted, y = x / out-degree gathered (4 bytes per arc: the source);
//  - exact: the graph's double weights times y = x / out-strength (12 bytes per arc);
//  - compact: the quotient precomputed per arc in single precision, x gathered directly
//    (8 bytes per arc), when the accuracy asked for leaves room for its rounding (see
//    compact_fits_budget);
//  - tiled: the same quotients laid out by tiles, on graphs of kTiledMinVertices and more (see
//    TiledWeights and tiles_pay).
enum class Transition { unit, exact, compact, tiled };

// A float transition weight is off by at most 2^-24 of itself, which moves PageRank's fixed
// point by at most d/(1-d) * 2^-24 in L1 (the perturbation d dP x has L1 norm <= d 2^-24 and
// (I - dP)^-1 has L1 norm 1/(1-d)); the far tiles' gathers of x in single precision (see
// TiledWeights) perturb d P x by as much again. Stopping at an L1 change below n*tolerance
// already accepts an error up to n*tolerance/(1-d) (the change shrinks by d per step). Single
// precision is used only when its error bound is 16 times smaller than that, i.e.
// n*tolerance >= 32 d 2^-24 (1.6e-6 at d = 0.85: the default tolerance from about 16,000
// vertices on, never for the strict L1 < 1e-10 runs that are compared with PRPACK).
bool compact_fits_budget(vertex_t n, double damping, double tolerance) {
  return static_cast<double>(n) * tolerance >= 32.0 * damping * 0x1.0p-24;
}

// An array the kernel fills itself (no zeroing pass), on 2 MiB pages where Linux grants them:
// the gathers x[src[a]] / y[src[a]] land anywhere in an n-long vector, and with 4 KiB pages most
// of them also missed the TLB (8 MB = 2048 pages for 1M vertices). The advice is only a hint;
// nothing depends on it being followed.
template <class T>
class KernelArray {
 public:
  KernelArray() = default;
  explicit KernelArray(std::size_t n) {
    constexpr std::size_t kHuge = std::size_t{2} << 20;
    const std::size_t bytes = std::max<std::size_t>(1, n * sizeof(T));
    if (bytes >= kHuge) {
      const std::size_t rounded = (bytes + kHuge - 1) / kHuge * kHuge;
      data_ = static_cast<T*>(std::aligned_alloc(kHuge, rounded));
#if defined(__linux__) && defined(MADV_HUGEPAGE)
      if (data_) (void)madvise(data_, rounded, MADV_HUGEPAGE);
#endif
    } else {
      data_ = static_cast<T*>(std::malloc(bytes));
    }
    if (!data_) throw std::bad_alloc();
  }
  KernelArray(KernelArray&& o) noexcept : data_(std::exchange(o.data_, nullptr)) {}
  KernelArray& operator=(KernelArray&& o) noexcept {
    std::swap(data_, o.data_);
    return *this;
  }
  ~KernelArray() { std::free(data_); }
  T* data() noexcept { return data_; }
  const T* data() const noexcept { return data_; }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  void swap(KernelArray& o) noexcept { std::swap(data_, o.data_); }

 private:
  T* data_ = nullptr;
};

// The compact kernel's transition weights laid out for the cache. The vertices are cut into
// segments of S = 2^shift consecutive numbers (whole chunks) and the in-arcs into tiles, one per
// (target segment j, source segment i), each arc its target's and its source's 16-bit offsets in
// their segments and its weight, in row order within a tile. The diagonal tile (j, j) holds the
// "near" arcs, read row by row (near_end); the others are "far". A step handles one target
// segment at a time: its rows gather from x's segment j only, each far tile from segment i of a
// single-precision copy of x only, adding into the segment's own sums. These segments (256 KiB
// of x, 128 KiB of its copy, 256 KiB of sums at most) stay in the core's cache, where a gather
// from anywhere in x (8 MB for 1M vertices) missed it; an arc costs 6 bytes near and 8 far,
// against 8 in plain compact rows. On the 1M-vertex DC-SBM graph in locality order (11.0M of
// 20M arcs near), a step took 33 ms against 63 ms for plain rows (one thread, corridor-bench in
// one run; benchmarks/RESULTS.md has the harness's figures; the far gathers in double
// precision: 39 ms). The set-up costs about four steps more than the plain rows' did. Each
// segment is summed by one thread, rows then tiles in a fixed order: the same bits on any thread
// count.
struct TiledWeights {
  unsigned shift = 0;
  vertex_t segments = 0;
  std::vector<std::uint64_t> near_end;  // n: where row v's near arcs end (they start where the
                                        // previous row's end, or at the segment's diagonal tile)
  std::vector<std::uint64_t> tile_off;  // segments^2 + 1: tile (j, i) at j * segments + i
  KernelArray<std::uint16_t> target, source;  // offsets in the target's and the source's segment
  KernelArray<float> p;
  KernelArray<float> x, xn;  // x in single precision, for the far tiles' gathers (half the lines)
};

// Segments of 2^15 vertices: a segment of x, of its copy and of the sums (256 + 128 + 256 KiB)
// fit a 1 MiB level-2 cache (the smaller of the two hosts measured) with room for the streamed
// arcs. Blocks of 2^16 were slower on the 1M-vertex graph (33.0 against 30.6 ms a step, one
// process, one thread).
constexpr unsigned kTileShift = 15;
// Tiles only from 2^19 vertices on (x of 4 MiB and more, beyond any core's level-2 cache, and
// at least 16 segments for two threads to share evenly). Below, x stays in the cache anyway and
// the tiles cost more than they save: on the 200k-vertex DC-SBM graph, 7.9 against 4.2 ms a
// step, with three times the set-up. Decided from n alone: the same sums on any thread count.
constexpr vertex_t kTiledMinVertices = vertex_t{1} << 19;

// Whether the tiles pay on g: from kTiledMinVertices on, and while the tile index (segments^2
// entries, each visited once a step) stays within one entry per 8 arcs. A sparse graph of a
// billion vertices would need 931M entries (7.4 GB) for 30,518 segments; it keeps the plain rows.
bool tiles_pay(const Graph& g) {
  const std::uint64_t segs = (static_cast<std::uint64_t>(g.num_vertices()) + (1u << kTileShift) - 1) >> kTileShift;
  return g.num_vertices() >= kTiledMinVertices && segs * segs <= g.num_arcs() / 8;
}

// p(u -> v) = w(u, v) / out-strength(u), as the plain compact rows held it, laid out by tiles.
// Counted, then placed by prefix sums, without a branch on near or far (half the arcs each way
// on the graphs measured: a coin toss for the branch predictor). Each segment writes only its
// own rows and tiles.
TiledWeights tile_weights(const Graph& g, const double* w, const double* inv_out) {
  TiledWeights t;
  const vertex_t n = g.num_vertices();
  const std::uint64_t* off = g.in_offsets().data();
  const vertex_t* src = g.in_sources().data();
  t.shift = kTileShift;
  const unsigned shift = t.shift;
  const vertex_t S = vertex_t{1} << shift, segs = (n + S - 1) / S;
  t.segments = segs;
  t.near_end.assign(n, 0);
  t.tile_off.assign(static_cast<std::size_t>(segs) * segs + 1, 0);
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(static) if (segs > 1)
#endif
  for (std::int64_t j = 0; j < static_cast<std::int64_t>(segs); ++j) {
    const vertex_t lo = static_cast<vertex_t>(j) << shift, hi = std::min<vertex_t>(n, lo + S);
    std::uint64_t* tiles = t.tile_off.data() + static_cast<std::size_t>(j) * segs + 1;
    for (std::uint64_t a = off[lo]; a < off[hi]; ++a) ++tiles[src[a] >> shift];
  }
  for (std::size_t k = 0; k + 1 < t.tile_off.size(); ++k) t.tile_off[k + 1] += t.tile_off[k];
  const std::uint64_t m = t.tile_off.back();
  t.target = KernelArray<std::uint16_t>(m);
  t.source = KernelArray<std::uint16_t>(m);
  t.p = KernelArray<float>(m);
  t.x = KernelArray<float>(n);
  t.xn = KernelArray<float>(n);
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(static) if (segs > 1)
#endif
  for (std::int64_t j = 0; j < static_cast<std::int64_t>(segs); ++j) {
    const vertex_t lo = static_cast<vertex_t>(j) << shift, hi = std::min<vertex_t>(n, lo + S);
    std::vector<std::uint64_t> cursor(t.tile_off.begin() + static_cast<std::ptrdiff_t>(j) * segs,
                                      t.tile_off.begin() + static_cast<std::ptrdiff_t>(j + 1) * segs);
    for (vertex_t v = lo; v < hi; ++v) {
      for (std::uint64_t a = off[v]; a < off[v + 1]; ++a) {
        const vertex_t u = src[a], i = u >> shift;
        const std::uint64_t k = cursor[i]++;
        t.target[k] = static_cast<std::uint16_t>(v - lo);
        t.source[k] = static_cast<std::uint16_t>(u - (i << shift));
        t.p[k] = static_cast<float>(w[a] * inv_out[u]);
      }
      t.near_end[v] = cursor[j];
    }
  }
  return t;
}

struct PageRankState {
  KernelArray<double> x, xn, y, yn, inv_out;
  KernelArray<float> p;  // compact transition weights, one per in-arc
  TiledWeights tiled;    // the same laid out by tiles
  std::vector<double> err_part, dangling_part, sum_part;
  std::vector<char> has_dangling;  // per chunk: does it hold a vertex without out-arcs?
};

// Sum of the out-arc weights of v, in row_sum's order.
inline double out_strength_of(const std::uint64_t* out_off, const double* out_w, vertex_t v) {
  return row_sum(out_off[v], out_off[v + 1], [&](std::uint64_t a) { return out_w[a]; });
}

// x / sum(x) as a vector. Rounding drifts the total by ~1e-16 per iteration (~1e-8 with compact
// weights); renormalise as networkx does. The sum runs in chunk order, so every thread count
// gives the same scores.
inline std::vector<double> renormalised(const KernelArray<double>& x, vertex_t n, std::vector<double>& sum_part) {
  const double total = chunked_sum(n, sum_part, [&](vertex_t lo, vertex_t hi) {
    double t = 0;
    for (vertex_t v = lo; v < hi; ++v) t += x[v];
    return t;
  });
  std::vector<double> scores(x.data(), x.data() + n);
  if (total > 0)
    for (double& v : scores) v /= total;
  return scores;
}

template <Transition T>
ScoreResult pagerank_kernel(const Graph& g, const PageRankParams& p, const std::vector<double>& pers) {
  const vertex_t n = g.num_vertices();
  const vertex_t chunks = num_chunks(n);
  const std::uint64_t* off = g.in_offsets().data();
  const vertex_t* src = g.in_sources().data();
  const double* w = T == Transition::unit ? nullptr : in_weight_array(g);
  const double d = p.damping;
  const bool uniform = pers.empty();
  const double inv_n = 1.0 / n;
  constexpr bool gather_y = T == Transition::unit || T == Transition::exact;

  PageRankState s;
  // Filled below, chunk by chunk (x, y, inv_out) or by the first iteration (xn, yn).
  s.x = KernelArray<double>(n);
  s.xn = KernelArray<double>(n);
  if (gather_y) {
    s.y = KernelArray<double>(n);
    s.yn = KernelArray<double>(n);
  }
  s.inv_out = KernelArray<double>(n);
  const std::uint64_t* out_off = g.out_offsets().data();
  const double* out_w = g.num_arcs() ? g.arc_weights().data() : nullptr;
  s.err_part.assign(chunks, 0.0);
  s.dangling_part.assign(chunks, 0.0);
  s.has_dangling.assign(chunks, 0);
  s.sum_part.assign(chunks, 0.0);

  // 1/out-strength per vertex, 0 for dangling vertices (they contribute by teleport instead).
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(static) if (chunks > 1)
#endif
  for (std::int64_t c = 0; c < static_cast<std::int64_t>(chunks); ++c) {
    const vertex_t lo = static_cast<vertex_t>(c) * kChunk, hi = std::min<vertex_t>(n, lo + kChunk);
    double dang = 0;
    for (vertex_t v = lo; v < hi; ++v) {
      const double out = T != Transition::unit ? out_strength_of(out_off, out_w, v)
                                               : static_cast<double>(out_off[v + 1] - out_off[v]);
      s.x[v] = inv_n;
      s.inv_out[v] = out > 0 ? 1.0 / out : 0.0;
      if (gather_y) s.y[v] = s.x[v] * s.inv_out[v];
      if (out <= 0) {
        dang += s.x[v];
        s.has_dangling[c] = 1;
      }
    }
    s.dangling_part[c] = dang;
  }
  if constexpr (T == Transition::compact) {
    s.p = KernelArray<float>(g.num_arcs());
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(static) if (chunks > 1)
#endif
    for (std::int64_t c = 0; c < static_cast<std::int64_t>(chunks); ++c) {
      const vertex_t lo = static_cast<vertex_t>(c) * kChunk, hi = std::min<vertex_t>(n, lo + kChunk);
      for (std::uint64_t a = off[lo]; a < off[hi]; ++a) s.p[a] = static_cast<float>(w[a] * s.inv_out[src[a]]);
    }
  }
  if constexpr (T == Transition::tiled) {
    s.tiled = tile_weights(g, w, s.inv_out.data());
    std::fill(s.tiled.x.data(), s.tiled.x.data() + n, static_cast<float>(inv_n));
  }
  double dangling = ordered_sum(s.dangling_part);

  ScoreResult r;
  r.converged = false;
  const double threshold = static_cast<double>(n) * p.tolerance;
  for (int it = 1; it <= p.max_iterations; ++it) {
    // Teleport and dangling mass both follow the personalization vector.
    const double base = (1.0 - d) + d * dangling;
    const double base_uniform = base * inv_n;
    const double* x = s.x.data();
    double* xn = s.xn.data();
    const double* y = s.y.data();
    double* yn = s.yn.data();
    const double* inv_out = s.inv_out.data();
    const double* pv = uniform ? nullptr : pers.data();
    // x_new over chunk c's vertices, from in[v] (the sum over v's in-arcs) given by `in_of`.
    const float* xf = T == Transition::tiled ? s.tiled.x.data() : nullptr;
    float* xfn = T == Transition::tiled ? s.tiled.xn.data() : nullptr;
    const float* pw = s.p.data();  // null unless compact
    auto finish_chunk = [&](vertex_t c, auto&& in_of) {
      const vertex_t lo = c * kChunk, hi = std::min<vertex_t>(n, lo + kChunk);
      double err = 0, dang = 0;
      // Without y to write, inv_out only marks the dangling vertices: chunks without one (nearly
      // all) skip reading it.
      const bool find_dangling = gather_y || s.has_dangling[c];
      for (vertex_t v = lo; v < hi; ++v) {
        const double t = uniform ? base_uniform : base * pv[v];
        const double val = d * in_of(v) + t;
        err += std::abs(val - x[v]);
        xn[v] = val;
        if constexpr (T == Transition::tiled) xfn[v] = static_cast<float>(val);
        if (find_dangling) {
          const double io = inv_out[v];
          if (gather_y) yn[v] = val * io;
          if (io == 0.0) dang += val;
        }
      }
      s.err_part[c] = err;
      s.dangling_part[c] = dang;
    };
    if constexpr (T == Transition::tiled) {
      const TiledWeights& tw = s.tiled;
      const unsigned shift = tw.shift;
      const vertex_t segs = tw.segments;
      const std::uint64_t* near_end = tw.near_end.data();
      const std::uint16_t* tgt = tw.target.data();
      const std::uint16_t* sl = tw.source.data();
      const float* tp = tw.p.data();
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(static) if (segs > 1)
#endif
      for (std::int64_t j = 0; j < static_cast<std::int64_t>(segs); ++j) {
        const vertex_t lo = static_cast<vertex_t>(j) << shift, hi = std::min<vertex_t>(n, lo + (vertex_t{1} << shift));
        // The segment's sums go to xn first (its rows, then its tiles), then become x_new.
        const double* xj = x + lo;
        double* sum = xn + lo;
        const std::uint64_t* tiles = tw.tile_off.data() + static_cast<std::size_t>(j) * segs;
        std::uint64_t start = tiles[j];
        for (vertex_t v = lo; v < hi; ++v) {
          sum[v - lo] = row_sum(start, near_end[v], [&](std::uint64_t a) { return xj[sl[a]] * static_cast<double>(tp[a]); });
          start = near_end[v];
        }
        for (vertex_t i = 0; i < segs; ++i) {
          if (i == static_cast<vertex_t>(j)) continue;  // the rows above
          const float* xi = xf + (static_cast<std::size_t>(i) << shift);
          for (std::uint64_t k = tiles[i]; k < tiles[i + 1]; ++k) sum[tgt[k]] += static_cast<double>(xi[sl[k]]) * static_cast<double>(tp[k]);
        }
        for (vertex_t c = lo / kChunk; c < (hi + kChunk - 1) / kChunk; ++c) finish_chunk(c, [&](vertex_t v) { return xn[v]; });
      }
    } else {
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(static) if (chunks > 1)
#endif
      for (std::int64_t c = 0; c < static_cast<std::int64_t>(chunks); ++c)
        finish_chunk(static_cast<vertex_t>(c), [&](vertex_t v) {
          if constexpr (T == Transition::compact)
            return row_sum(off[v], off[v + 1], [&](std::uint64_t a) { return x[src[a]] * static_cast<double>(pw[a]); });
          else
            return pull<T == Transition::exact>(off, src, w, y, v);
        });
    }
    s.x.swap(s.xn);
    if constexpr (T == Transition::tiled) s.tiled.x.swap(s.tiled.xn);
    if (gather_y) s.y.swap(s.yn);
    dangling = ordered_sum(s.dangling_part);
    r.residual = ordered_sum(s.err_part);
    r.iterations = it;
    if (r.residual < threshold) {
      r.converged = true;
      break;
    }
  }
  r.scores = renormalised(s.x, n, s.sum_part);
  return r;
}

// One step of x_new[v] = shift * x[v] + scale * sum_{u->v} x[u] w(u,v) + add, with per-chunk
// partial sums of x_new^2 and |x_new - x| collected for the caller.
template <bool Weighted>
void linear_step(const Graph& g, const std::vector<double>& x, std::vector<double>& xn, double shift, double scale,
                 double add, std::vector<double>& sq_part, std::vector<double>& err_part) {
  const vertex_t n = g.num_vertices();
  const vertex_t chunks = num_chunks(n);
  const std::uint64_t* off = g.in_offsets().data();
  const vertex_t* src = g.in_sources().data();
  const double* w = in_weight_array(g);
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(static) if (chunks > 1)
#endif
  for (std::int64_t c = 0; c < static_cast<std::int64_t>(chunks); ++c) {
    const vertex_t lo = static_cast<vertex_t>(c) * kChunk, hi = std::min<vertex_t>(n, lo + kChunk);
    double sq = 0, err = 0;
    for (vertex_t v = lo; v < hi; ++v) {
      const double val = shift * x[v] + scale * pull<Weighted>(off, src, w, x.data(), v) + add;
      xn[v] = val;
      sq += val * val;
      err += std::abs(val - x[v]);
    }
    sq_part[c] = sq;
    err_part[c] = err;
  }
}

void step(const Graph& g, bool weighted, const std::vector<double>& x, std::vector<double>& xn, double shift,
          double scale, double add, std::vector<double>& sq_part, std::vector<double>& err_part) {
  if (weighted && g.weighted()) linear_step<true>(g, x, xn, shift, scale, add, sq_part, err_part);
  else linear_step<false>(g, x, xn, shift, scale, add, sq_part, err_part);
}

// Scales xn by f and returns the L1 distance to x (ordered chunk sums).
double scale_and_diff(std::vector<double>& xn, const std::vector<double>& x, double f, std::vector<double>& part) {
  return chunked_sum(static_cast<vertex_t>(x.size()), part, [&](vertex_t lo, vertex_t hi) {
    double err = 0;
    for (vertex_t v = lo; v < hi; ++v) {
      xn[v] *= f;
      err += std::abs(xn[v] - x[v]);
    }
    return err;
  });
}

}  // namespace

ScoreResult pagerank(const Graph& g, const PageRankParams& p) {
  if (!(p.damping >= 0 && p.damping < 1))
    throw ParamError(fmt::format("PageRank damping must be in [0, 1) (got {})", p.damping));
  check_common(p.tolerance, p.max_iterations);
  const vertex_t n = g.num_vertices();
  std::vector<double> pers;
  if (!p.personalization.empty()) {
    if (p.personalization.size() != n)
      throw ParamError(fmt::format("PageRank personalization must have one value per vertex ({} values, got {})", n,
                                   p.personalization.size()));
    double total = 0;
    for (std::size_t i = 0; i < p.personalization.size(); ++i) {
      const double v = p.personalization[i];
      if (!(v >= 0) || !std::isfinite(v))
        throw ParamError(fmt::format("PageRank personalization values must be finite and >= 0 (vertex {} has {})", i, v));
      total += v;
    }
    if (!(total > 0)) throw ParamError("PageRank personalization must not be all zero");
    pers.resize(n);
    for (vertex_t v = 0; v < n; ++v) pers[v] = p.personalization[v] / total;
  }
  if (n == 0) return {};
  if (!(p.weighted && g.weighted())) return pagerank_kernel<Transition::unit>(g, p, pers);
  if (compact_fits_budget(n, p.damping, p.tolerance))
    return tiles_pay(g) ? pagerank_kernel<Transition::tiled>(g, p, pers) : pagerank_kernel<Transition::compact>(g, p, pers);
  return pagerank_kernel<Transition::exact>(g, p, pers);
}

ScoreResult eigenvector(const Graph& g, const EigenvectorParams& p) {
  check_common(p.tolerance, p.max_iterations);
  const vertex_t n = g.num_vertices();
  if (n == 0) return {};
  const vertex_t chunks = num_chunks(n);
  std::vector<double> x(n, 1.0 / n), xn(n), sq(chunks), err(chunks);
  const double threshold = static_cast<double>(n) * p.tolerance;
  ScoreResult r;
  for (int it = 1; it <= p.max_iterations; ++it) {
    step(g, p.weighted, x, xn, 1.0, 1.0, 0.0, sq, err);
    double norm = std::sqrt(ordered_sum(sq));
    if (norm == 0) norm = 1;
    r.residual = scale_and_diff(xn, x, 1.0 / norm, err);
    x.swap(xn);
    r.iterations = it;
    if (r.residual < threshold) break;
  }
  // At the cap the last iterate is returned (L2-normalised like a converged one) with
  // converged = false: the one failure contract of the iterative methods (see result.hpp).
  r.converged = r.residual < threshold;
  r.scores = std::move(x);
  return r;
}

ScoreResult katz(const Graph& g, const KatzParams& p) {
  check_common(p.tolerance, p.max_iterations);
  if (!(p.beta > 0) || !std::isfinite(p.beta))
    throw ParamError(fmt::format("Katz beta must be a finite number > 0 (got {})", p.beta));
  if (!(p.alpha >= 0) || !std::isfinite(p.alpha))
    throw ParamError(fmt::format("Katz alpha must be >= 0 and below 1/lambda_max (got {})", p.alpha));
  const vertex_t n = g.num_vertices();
  if (n == 0) return {};
  const double lambda = spectral_radius(g, p.weighted);
  if (lambda > 0 && p.alpha * lambda >= 1.0 * (1 - 1e-12))
    throw ParamError(fmt::format(
        "Katz alpha must be in [0, 1/lambda_max) = [0, {:.6g}) for this graph (lambda_max = {:.6g}, the spectral "
        "radius of its {}adjacency matrix); got alpha = {}",
        1.0 / lambda, lambda, p.weighted && g.weighted() ? "weighted " : "", p.alpha));
  const vertex_t chunks = num_chunks(n);
  std::vector<double> x(n, 0.0), xn(n), sq(chunks), err(chunks);
  const double threshold = static_cast<double>(n) * p.tolerance;
  ScoreResult r;
  double sumsq = 0;  // of the latest iterate, for the final normalisation
  for (int it = 1; it <= p.max_iterations; ++it) {
    step(g, p.weighted, x, xn, 0.0, p.alpha, p.beta, sq, err);
    r.residual = ordered_sum(err);
    sumsq = ordered_sum(sq);
    x.swap(xn);
    r.iterations = it;
    if (r.residual < threshold) break;
  }
  // At the cap the last iterate is returned (normalised like a converged one) with
  // converged = false: the one failure contract of the iterative methods (see result.hpp).
  r.converged = r.residual < threshold;
  if (p.normalized && sumsq > 0) {
    const double f = 1.0 / std::sqrt(sumsq);
    for (double& v : x) v *= f;
  }
  r.scores = std::move(x);
  return r;
}

double spectral_radius(const Graph& g, bool weighted) {
  const vertex_t n = g.num_vertices();
  if (n == 0 || g.num_arcs() == 0) return 0.0;
  const bool use_w = weighted && g.weighted();
  if (n <= 400) {
    Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n);
    for (vertex_t u = 0; u < n; ++u) {
      auto nb = g.out_neighbors(u);
      auto ws = g.out_weights(u);
      for (std::size_t i = 0; i < nb.size(); ++i) a(u, nb[i]) = use_w ? ws[i] : 1.0;
    }
    if (!g.directed()) {
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(a, Eigen::EigenvaluesOnly);
      return es.eigenvalues().cwiseAbs().maxCoeff();
    }
    Eigen::EigenSolver<Eigen::MatrixXd> es(a, false);
    return es.eigenvalues().cwiseAbs().maxCoeff();
  }
  // Power iteration on B = A + I: B is non-negative with a positive diagonal, so x stays
  // positive and the Collatz-Wielandt ratio max_i (Bx)_i / x_i bounds rho(B) from above.
  const vertex_t chunks = num_chunks(n);
  std::vector<double> x(n, 1.0), xn(n), sq(chunks), err(chunks);
  double upper = 0, lower = 0;
  for (int it = 0; it < 3000; ++it) {
    step(g, use_w, x, xn, 1.0, 1.0, 0.0, sq, err);
    double xmax = 0;
    for (double v : x) xmax = std::max(xmax, v);
    double ratio_max = 0, dot = 0, xx = 0, sx = 0, sxn = 0;
    for (vertex_t v = 0; v < n; ++v) {
      // Entries that faded below 1e-150 of the largest (weak components) carry no information.
      if (x[v] > 1e-150 * xmax) ratio_max = std::max(ratio_max, xn[v] / x[v]);
      dot += x[v] * xn[v];
      xx += x[v] * x[v];
      sx += x[v];
      sxn += xn[v];
    }
    upper = ratio_max;
    lower = g.directed() ? sxn / sx : dot / xx;
    lower = std::min(lower, upper);
    double xnmax = 0;
    for (double v : xn) xnmax = std::max(xnmax, v);
    for (double& v : xn) v /= xnmax;
    x.swap(xn);
    if (upper - lower <= 1e-10 * upper) break;
  }
  return std::max(0.0, 0.5 * (upper + lower) - 1.0);
}

}  // namespace corridor

#include "corridor/propagation/propagate.hpp"

#include <Eigen/IterativeLinearSolvers>
#include <Eigen/SparseCore>

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <numeric>

#include "propagation/operator_impl.hpp"
#include "propagation/paths_impl.hpp"
#include "src_util.hpp"

namespace corridor {

namespace {

constexpr std::string_view kMethodNames[] = {"ppr", "spread", "ppr_degree", "naive"};

void validate(const PropagationParams& p) {
  if (!(p.restart > 0.0 && p.restart < 1.0))
    throw ParamError("restart must be in (0,1), got " + detail::format_double(p.restart));
  if (!(p.client_factor >= 0.0 && p.client_factor <= 1.0))
    throw ParamError("client factor must be in [0,1], got " + detail::format_double(p.client_factor));
  if (!(p.tolerance > 0.0 && p.tolerance < 1.0))
    throw ParamError("tolerance must be in (0,1), got " + detail::format_double(p.tolerance));
  if (p.max_iterations < 1)
    throw ParamError("max_iterations must be >= 1, got " + std::to_string(p.max_iterations));
  if (!(p.strength.half_life_days >= 0.0) || !std::isfinite(p.strength.half_life_days))
    throw ParamError("half-life must be a finite number of days >= 0 (0 = no decay)");
}

// Blocks of fixed size make the residual's summation order independent of the thread count.
constexpr std::size_t kBlock = 2048;

// One Jacobi pass: x = y + b o (W scaled) in place, next_scaled = a o x, the L1 change per block
// in partial. The pass is bound by the reads per vertex as much as by the arcs (case graphs have
// two or three ties per node), so it reads only what carries information: y through the sorted
// list of its non-zero entries `support` (seeds are few; y[v] + sum = sum when y[v] = 0), and b
// not at all when it is 1 everywhere (UnitB: the forward walks of ppr, ppr_degree and naive
// without cleared persons; 1 * sum = sum). Same values to the bit as reading both.
template <bool UnitB>
void jacobi_pass(const Graph& g, const double* y, std::span<const vertex_t> support, const double* a,
                 const double* b, double* x, const double* scaled, double* next_scaled, double* partial) {
  const std::size_t n = g.num_vertices();
  const std::uint64_t* offsets = g.out_offsets().data();
  const vertex_t* targets = g.out_targets().data();
  const double* weights = g.arc_weights().data();
  const std::int64_t nb = static_cast<std::int64_t>((n + kBlock - 1) / kBlock);
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(static) if (nb > 1)
#endif
  for (std::int64_t blk = 0; blk < nb; ++blk) {
    const std::size_t lo = static_cast<std::size_t>(blk) * kBlock, hi = std::min(n, lo + kBlock);
    const vertex_t* next = std::lower_bound(support.data(), support.data() + support.size(), static_cast<vertex_t>(lo));
    const vertex_t* const end = support.data() + support.size();
    double change = 0.0;
    for (std::size_t v = lo; v < hi; ++v) {
      double sum = 0.0;
      for (std::uint64_t k = offsets[v]; k < offsets[v + 1]; ++k) sum += weights[k] * scaled[targets[k]];
      double nv = UnitB ? sum : b[v] * sum;
      if (next != end && *next == v) {
        nv = y[v] + nv;
        ++next;
      }
      change += std::abs(nv - x[v]);
      x[v] = nv;
      next_scaled[v] = a[v] * nv;
    }
    partial[static_cast<std::size_t>(blk)] = change;
  }
}

// The walk sums from y, x = y + b o (W (a o x)) with (a, b) = (left, right), by Jacobi iteration
// from x = y on every thread (the transposed solves into one vertex are gauss_seidel_from's).
// Residual = L1 change; stop below tolerance * |y|_1.
detail::SolveOutput jacobi(const detail::PropagationOperator& op, std::span<const double> y) {
  const std::span<const double> a = op.left, b = op.right;
  const Graph& g = op.graph();
  const std::size_t n = g.num_vertices();
  detail::SolveOutput out;
  // scaled = a o x, kept beside x: each pass gathers it and writes the next one as it goes, so
  // an iteration is one pass over the vertices and one barrier. Other blocks read only scaled,
  // so x is updated in place.
  std::vector<double> x(y.begin(), y.end()), scaled(n), next_scaled(n);
  double ynorm = 0.0;
  for (double v : y) ynorm += std::abs(v);
  if (ynorm == 0.0) {
    out.x = std::move(x);
    return out;
  }
  for (std::size_t u = 0; u < n; ++u) scaled[u] = a[u] * x[u];
  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<double> partial(blocks);
  const bool unit_b = std::all_of(b.begin(), b.end(), [](double v) { return v == 1.0; });
  std::vector<vertex_t> support;
  for (std::size_t v = 0; v < n; ++v)
    if (y[v] != 0.0) support.push_back(static_cast<vertex_t>(v));
  out.converged = false;
  for (int it = 1; it <= op.params.max_iterations; ++it) {
    if (unit_b)
      jacobi_pass<true>(g, y.data(), support, a.data(), b.data(), x.data(), scaled.data(), next_scaled.data(),
                        partial.data());
    else
      jacobi_pass<false>(g, y.data(), support, a.data(), b.data(), x.data(), scaled.data(), next_scaled.data(),
                         partial.data());
    scaled.swap(next_scaled);
    double residual = 0.0;
    for (double c : partial) residual += c;
    out.iterations = it;
    out.residual = residual;
    if (residual < op.params.tolerance * ynorm) {
      out.converged = true;
      break;
    }
  }
  out.x = std::move(x);
  return out;
}

// The same fixed point from a single source e_s, by Gauss-Seidel sweeps on one thread: the
// vertices in number order, each new value used at once by the vertices after it. The iteration
// matrix is non-negative with spectral radius below 1, so the sweeps converge at least as fast
// as Jacobi passes (Stein-Rosenberg); on case graphs they take about half as many, and the
// explanation tests check the result against a dense solve. One thread and a fixed order: the
// same bits on any thread count. Used for the explanations' many single-source solves
// (walk_sums_many runs one per thread), where a pass shared by two threads would gain nothing.
detail::SolveOutput gauss_seidel_from(const detail::PropagationOperator& op, NodeId s, std::span<const double> a,
                                      std::span<const double> b) {
  const Graph& g = op.graph();
  const std::size_t n = g.num_vertices();
  const std::uint64_t* offsets = g.out_offsets().data();
  const vertex_t* targets = g.out_targets().data();
  const double* weights = g.arc_weights().data();
  detail::SolveOutput out;
  std::vector<double> x(n, 0.0), scaled(n, 0.0);
  x[s] = 1.0;
  scaled[s] = a[s];
  out.converged = false;
  for (int it = 1; it <= op.params.max_iterations; ++it) {
    double change = 0.0;
    for (std::size_t v = 0; v < n; ++v) {
      double sum = 0.0;
      for (std::uint64_t k = offsets[v]; k < offsets[v + 1]; ++k) sum += weights[k] * scaled[targets[k]];
      double nv = b[v] * sum;
      if (v == s) nv += 1.0;
      change += std::abs(nv - x[v]);
      x[v] = nv;
      scaled[v] = a[v] * nv;
    }
    out.iterations = it;
    out.residual = change;
    if (change < op.params.tolerance) {  // |e_s|_1 = 1
      out.converged = true;
      break;
    }
  }
  out.x = std::move(x);
  return out;
}

// (I - M) f = y with M[u][w] = left[u] w_uw right[w] symmetric (spread), by conjugate gradient.
detail::SolveOutput spread_solve(const detail::PropagationOperator& op, std::span<const double> y) {
  const Graph& g = op.graph();
  const auto n = static_cast<Eigen::Index>(g.num_vertices());
  using Matrix = Eigen::SparseMatrix<double, Eigen::RowMajor, std::int64_t>;
  Matrix m(n, n);
  {
    std::vector<std::int64_t> nnz(static_cast<std::size_t>(n));
    for (Eigen::Index v = 0; v < n; ++v) nnz[static_cast<std::size_t>(v)] = static_cast<std::int64_t>(g.out_degree(static_cast<vertex_t>(v))) + 1;
    m.reserve(nnz);
    for (Eigen::Index v = 0; v < n; ++v) {
      const auto u = static_cast<vertex_t>(v);
      auto nb = g.out_neighbors(u);
      auto w = g.out_weights(u);
      bool diag = false;
      for (std::size_t i = 0; i < nb.size(); ++i) {
        if (!diag && nb[i] > u) {
          m.insertBackUncompressed(v, v) = 1.0;
          diag = true;
        }
        m.insertBackUncompressed(v, nb[i]) = -op.step(u, nb[i], w[i]);
      }
      if (!diag) m.insertBackUncompressed(v, v) = 1.0;
    }
    m.makeCompressed();
  }
  Eigen::ConjugateGradient<Matrix, Eigen::Lower | Eigen::Upper> cg;
  cg.setTolerance(op.params.tolerance);
  cg.setMaxIterations(op.params.max_iterations);
  cg.compute(m);
  Eigen::Map<const Eigen::VectorXd> b(y.data(), n);
  Eigen::VectorXd f = cg.solveWithGuess(b, b);
  detail::SolveOutput out;
  out.x.assign(f.data(), f.data() + n);
  out.iterations = static_cast<int>(cg.iterations());
  out.residual = cg.error();
  out.converged = cg.info() == Eigen::Success;
  return out;
}

}  // namespace

std::string_view to_string(Method m) noexcept { return kMethodNames[static_cast<unsigned>(m)]; }

std::string score_meaning(const PropagationParams& p) {
  const std::string loss = fmt::format("{:g}%", 100.0 * p.restart);
  const std::string walk = "the walks from the seeds to it (each seed weighs its confidence / their sum), each step losing " +
                           loss;
  switch (p.method) {
    case Method::ppr: return walk + " and divided by the strength of the node it leaves (at least 1)";
    case Method::ppr_degree:
      return walk + " and divided by the strength of the node it leaves (at least 1); the sum is then divided by its own "
                    "strength outside client ties (at least 1), so it says how much of its own evidence leads to the "
                    "seeds, not how much evidence it has";
    case Method::spread:
      return walk + " and divided by the square roots of the strengths of the two nodes it joins (at least 1 each)";
    case Method::naive:
      return "the walks of textbook personalized PageRank from the seeds over every node and relation with unit "
             "weights, each step losing " + loss + ", normalised to sum 1 (the baseline: relation, grade and volume "
             "ignored, countries included)";
  }
  return walk;
}

Method parse_method(std::string_view name) {
  std::string s(detail::trim(name));
  std::replace(s.begin(), s.end(), '-', '_');
  for (unsigned i = 0; i < std::size(kMethodNames); ++i)
    if (kMethodNames[i] == s) return static_cast<Method>(i);
  throw ParamError("unknown propagation method " + detail::quoted(name) +
                   "; valid methods: ppr, spread, ppr_degree, naive");
}

ViewParams propagation_view(const PropagationParams& p) {
  ViewParams v;
  if (p.method == Method::naive) {
    v.kinds = KindSet::all();
    v.weighting = Weighting::unit;
    return v;
  }
  // Country and location nodes stay vertices (vertex = NodeId) but their evidence is left out,
  // unless countries_pass. The evidence rule and the client cap are the view's.
  v.kinds = p.countries_pass ? KindSet::all() : KindSet::actors_and_assets();
  v.vertices = ViewParams::Vertices::all;
  v.weighting = Weighting::transmission;
  v.strength = p.strength;
  v.client_cap = p.client_factor;
  return v;
}

Graph propagation_graph(const Case& c, const PropagationParams& p) {
  validate(p);
  return make_view(c, propagation_view(p)).graph;
}

namespace detail {

std::vector<double> seed_vector(const Case& c, std::span<const Seed> seeds) {
  if (seeds.empty())
    throw ParamError("propagation needs at least one seed: give a seeds file (id,confidence) or add seeds.csv to the case");
  std::vector<double> y(c.num_nodes(), 0.0);
  for (const Seed& s : seeds) {
    if (s.node >= c.num_nodes())
      throw ParamError("seed node " + std::to_string(s.node) + " is not in the case (" +
                       std::to_string(c.num_nodes()) + " nodes)");
    if (!(s.confidence > 0.0 && s.confidence <= 1.0))
      throw ParamError("seed " + detail::quoted(c.node_id(s.node)) + ": confidence must be in (0,1], got " +
                       detail::format_double(s.confidence));
    y[s.node] += s.confidence;
  }
  return y;
}

PropagationOperator PropagationOperator::without(std::span<const NodeId> absorbing) const {
  PropagationOperator op = *this;
  for (NodeId v : absorbing) op.left[v] = op.right[v] = 0.0;
  op.arc_step.clear();  // its steps into and out of `absorbing` are no longer this walk's
  return op;
}

bool built_from(const PropagationOperator& op, const Case& c, const PropagationParams& p) {
  // The address alone could name another case that now sits where a destroyed one was; its
  // counts must match too. Params compare whole (a field added later takes part by itself).
  return op.source == &c && op.source_nodes == c.num_nodes() && op.source_evidence == c.num_evidence() &&
         op.params == p;
}

PropagationOperator build_operator(const Case& c, const PropagationParams& p) {
  validate(p);
  PropagationOperator op;
  op.source = &c;
  op.source_nodes = c.num_nodes();
  op.source_evidence = c.num_evidence();
  op.params = p;
  op.tie_graph = std::make_shared<const Graph>(propagation_graph(c, p));
  const Graph& g = op.graph();
  const vertex_t n = g.num_vertices();
  const double d = 1.0 - p.restart;
  op.left.assign(n, 0.0);
  op.right.assign(n, 1.0);
  op.out.assign(n, p.restart);
  for (vertex_t v = 0; v < n; ++v) {
    const double s = g.out_strength(v);
    switch (p.method) {
      case Method::ppr:
      case Method::ppr_degree: op.left[v] = d / std::max(s, 1.0); break;
      case Method::naive: op.left[v] = d / (s > 0 ? s : 1.0); break;
      case Method::spread: {
        const double dn = 1.0 / std::sqrt(std::max(s, 1.0));
        op.left[v] = d * dn;
        op.right[v] = dn;
        break;
      }
    }
  }
  if (p.method == Method::ppr_degree) {
    for (vertex_t v = 0; v < n; ++v) {
      double org = 0.0;
      auto w = g.out_weights(v);
      auto tags = g.out_tags(v);
      for (std::size_t i = 0; i < w.size(); ++i)
        if (!is_client_tie(c, tags[i])) org += w[i];
      op.out[v] /= std::max(org, 1.0);
    }
  }
  return op;
}

SolveOutput walk_sums(const PropagationOperator& op, std::span<const double> y) {
  if (op.params.method == Method::spread) return spread_solve(op, y);
  return jacobi(op, y);
}

SolveOutput walk_sums_to(const PropagationOperator& op, NodeId v) {
  if (op.params.method != Method::spread) return gauss_seidel_from(op, v, op.right, op.left);
  std::vector<double> e(op.graph().num_vertices(), 0.0);
  e[v] = 1.0;
  return spread_solve(op, e);  // G is symmetric: its column v is its row v
}

SolveOutput walk_sums_from(const PropagationOperator& op, NodeId s) {
  if (op.params.method != Method::spread) return gauss_seidel_from(op, s, op.left, op.right);
  return walk_sums_to(op, s);
}

std::vector<SolveOutput> walk_sums_many(const PropagationOperator& op, std::span<const NodeId> sources, bool to) {
  // One solve per thread at a time, each a sequence of sweeps on one thread (walk_sums_to,
  // walk_sums_from): no barrier per iteration, and a result that does not depend on the thread
  // count. Several columns per pass over the ties were tried: the vectors then leave the cache
  // and the gathers cost more than the pass they save.
  std::vector<SolveOutput> out(sources.size());
  const auto m = static_cast<std::int64_t>(sources.size());
  std::exception_ptr failed;
  auto solve = [&](std::int64_t i) {
    try {
      const NodeId s = sources[static_cast<std::size_t>(i)];
      if (to) {
        out[static_cast<std::size_t>(i)] = walk_sums_to(op, s);
      } else {
        out[static_cast<std::size_t>(i)] = walk_sums_from(op, s);
      }
    } catch (...) {
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp critical(corridor_walk_sums_many)
#endif
      if (!failed) failed = std::current_exception();
    }
  };
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(dynamic, 1) if (m > 1)
#endif
  for (std::int64_t i = 0; i < m; ++i) solve(i);
  if (failed) std::rethrow_exception(failed);
  return out;
}

}  // namespace detail

PropagationResult propagate(const Case& c, std::span<const Seed> seeds, const PropagationParams& p,
                            std::span<const Seed> cleared) {
  validate(p);
  PropagationResult r;
  r.params = p;
  r.seed_weight = detail::seed_vector(c, seeds);
  const bool signed_walk = !cleared.empty() && p.method != Method::naive;
  r.cleared_weight.assign(c.num_nodes(), 0.0);
  std::vector<NodeId> absorbing;
  for (const Seed& s : cleared) {
    if (s.node >= c.num_nodes())
      throw ParamError("cleared node " + std::to_string(s.node) + " is not in the case (" +
                       std::to_string(c.num_nodes()) + " nodes)");
    if (!(s.confidence > 0.0 && s.confidence <= 1.0))
      throw ParamError("cleared person " + detail::quoted(c.node_id(s.node)) + ": confidence must be in (0,1], got " +
                       detail::format_double(s.confidence));
    if (r.seed_weight[s.node] > 0)
      throw ParamError(detail::quoted(c.node_id(s.node)) + " is both a seed and a cleared person; remove it from one list");
    if (r.cleared_weight[s.node] == 0.0) absorbing.push_back(s.node);
    r.cleared_weight[s.node] = std::min(1.0, r.cleared_weight[s.node] + s.confidence);
  }
  r.implicit_seeds = implicit_seeds(c, seeds, cleared, p);
  for (const ImplicitSeed& s : r.implicit_seeds) r.seed_weight[s.node] += s.weight;
  const auto walk = std::make_shared<const detail::PropagationOperator>(detail::build_operator(c, p));
  const detail::PropagationOperator& op = *walk;
  const detail::PropagationOperator positive = signed_walk ? op.without(absorbing) : op;  // shares the graph
  r.walk = walk;
  r.ties = op.graph().num_edges();
  const double total = std::accumulate(r.seed_weight.begin(), r.seed_weight.end(), 0.0);
  std::vector<double> y(r.seed_weight);
  for (double& v : y) v /= total;
  detail::SolveOutput s = detail::walk_sums(positive, y);
  r.iterations = s.iterations;
  r.residual = s.residual;
  r.converged = s.converged;
  r.suspicion.resize(c.num_nodes());
  for (std::size_t v = 0; v < s.x.size(); ++v) r.suspicion[v] = std::max(0.0, op.out[v] * s.x[v]);
  if (p.method == Method::naive) {
    // Textbook PageRank sends dangling mass back to the seeds; that only rescales the solution.
    double sum = 0.0;
    for (double v : r.suspicion) sum += v;
    if (sum > 0)
      for (double& v : r.suspicion) v /= sum;
  }
  r.scores = r.suspicion;
  if (signed_walk) {
    std::vector<double> q(r.cleared_weight);
    for (double& v : q) v /= total;
    const detail::SolveOutput neg = detail::walk_sums(op, q);
    r.iterations = std::max(r.iterations, neg.iterations);
    r.residual = std::max(r.residual, neg.residual);
    r.converged = r.converged && neg.converged;
    r.clearance.resize(c.num_nodes());
    for (std::size_t v = 0; v < neg.x.size(); ++v) {
      r.clearance[v] = std::max(0.0, op.out[v] * neg.x[v]);
      r.scores[v] = std::max(0.0, r.suspicion[v] - r.clearance[v]);
    }
    for (NodeId v : absorbing) r.scores[v] = r.suspicion[v] = 0.0;
  }
  r.order.resize(c.num_nodes());
  std::iota(r.order.begin(), r.order.end(), NodeId{0});
  std::sort(r.order.begin(), r.order.end(), [&](NodeId a, NodeId b) {
    return r.scores[a] != r.scores[b] ? r.scores[a] > r.scores[b] : a < b;
  });
  r.position.resize(c.num_nodes());
  for (std::size_t i = 0; i < r.order.size(); ++i) r.position[r.order[i]] = static_cast<std::uint32_t>(i + 1);
  // Top seeds are the given seeds and the group: a person made a seed by a direct organizational
  // tie is there because of that tie, so its top seed is where the tie leads, not itself.
  std::vector<double> roots(y);
  for (const ImplicitSeed& s : r.implicit_seeds)
    if (s.kind == ImplicitSeed::Kind::organizational_tie) roots[s.node] = 0.0;
  const detail::SeedTree tree = detail::seed_tree(positive, roots);
  r.top_seed = tree.root;
  for (NodeId v = 0; v < c.num_nodes(); ++v) {
    if (roots[v] > 0) r.top_seed[v] = v;
    if (r.scores[v] <= 0) r.top_seed[v] = kNoNode;
  }
  return r;
}

}  // namespace corridor

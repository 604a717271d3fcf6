#include "corridor/propagation/propagate.hpp"

#include <Eigen/IterativeLinearSolvers>
#include <Eigen/SparseCore>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "propagation/operator_impl.hpp"
#include "propagation/paths_impl.hpp"
#include "src_util.hpp"

#ifdef CORRIDOR_HAVE_OPENMP
#include <omp.h>
#endif

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

// x = y + (1 - restart) * W N^-1 x   (forward, gather of x/norm), or
// z = y + (1 - restart) * N^-1 W z   (transposed, gathered sum divided by norm).
// Jacobi iteration from x = y; residual = L1 change, stop below tolerance * |y|_1.
detail::SolveOutput jacobi(const detail::PropagationOperator& op, std::span<const double> y,
                           bool transposed) {
  const Graph& g = op.graph;
  const std::size_t n = g.num_vertices();
  const double d = 1.0 - op.restart;
  detail::SolveOutput out;
  std::vector<double> x(y.begin(), y.end()), next(n), scaled(n);
  double ynorm = 0.0;
  for (double v : y) ynorm += std::abs(v);
  if (ynorm == 0.0) {
    out.x = std::move(x);
    return out;
  }
  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  std::vector<double> partial(blocks);
  const auto offsets = g.out_offsets();
  const auto targets = g.out_targets();
  const auto weights = g.arc_weights();
  out.converged = false;
  for (int it = 1; it <= op.max_iterations; ++it) {
    const std::int64_t nb = static_cast<std::int64_t>(blocks);
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(static) if (nb > 1)
#endif
    for (std::int64_t b = 0; b < nb; ++b) {
      const std::size_t lo = static_cast<std::size_t>(b) * kBlock, hi = std::min(n, lo + kBlock);
      if (transposed) {
        for (std::size_t u = lo; u < hi; ++u) scaled[u] = x[u];
      } else {
        for (std::size_t u = lo; u < hi; ++u) scaled[u] = x[u] / op.norm[u];
      }
    }
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(static) if (nb > 1)
#endif
    for (std::int64_t b = 0; b < nb; ++b) {
      const std::size_t lo = static_cast<std::size_t>(b) * kBlock, hi = std::min(n, lo + kBlock);
      double change = 0.0;
      for (std::size_t v = lo; v < hi; ++v) {
        double sum = 0.0;
        for (std::uint64_t a = offsets[v]; a < offsets[v + 1]; ++a) sum += weights[a] * scaled[targets[a]];
        if (transposed) sum /= op.norm[v];
        const double nv = y[v] + d * sum;
        change += std::abs(nv - x[v]);
        next[v] = nv;
      }
      partial[static_cast<std::size_t>(b)] = change;
    }
    double residual = 0.0;
    for (double c : partial) residual += c;
    x.swap(next);
    out.iterations = it;
    out.residual = residual;
    if (residual < op.tolerance * ynorm) {
      out.converged = true;
      break;
    }
  }
  out.x = std::move(x);
  return out;
}

// (I - alpha S) f = y with S = D^-1/2 W D^-1/2 (op.norm holds D^-1/2), by conjugate gradient.
detail::SolveOutput spread_solve(const detail::PropagationOperator& op, std::span<const double> y) {
  const Graph& g = op.graph;
  const auto n = static_cast<Eigen::Index>(g.num_vertices());
  const double alpha = 1.0 - op.restart;
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
        m.insertBackUncompressed(v, nb[i]) = -alpha * op.norm[u] * w[i] * op.norm[nb[i]];
      }
      if (!diag) m.insertBackUncompressed(v, v) = 1.0;
    }
    m.makeCompressed();
  }
  Eigen::ConjugateGradient<Matrix, Eigen::Lower | Eigen::Upper> cg;
  cg.setTolerance(op.tolerance);
  cg.setMaxIterations(op.max_iterations);
  cg.compute(m);
  Eigen::Map<const Eigen::VectorXd> b(y.data(), n);
  Eigen::VectorXd f = cg.solveWithGuess(b, b);
  detail::SolveOutput out;
  out.x.assign(f.data(), f.data() + n);
  for (double& v : out.x) v = std::max(v, 0.0);  // CG iterates may dip a hair below the (>= 0) solution
  out.iterations = static_cast<int>(cg.iterations());
  out.residual = cg.error();
  out.converged = cg.info() == Eigen::Success;
  return out;
}

}  // namespace

std::string_view to_string(Method m) noexcept { return kMethodNames[static_cast<unsigned>(m)]; }

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

PropagationOperator build_operator(const Case& c, const PropagationParams& p) {
  PropagationOperator op;
  op.method = p.method;
  op.restart = p.restart;
  op.tolerance = p.tolerance;
  op.max_iterations = p.max_iterations;
  op.graph = propagation_graph(c, p);
  const Graph& g = op.graph;
  const vertex_t n = g.num_vertices();
  op.norm.assign(n, 1.0);
  for (vertex_t v = 0; v < n; ++v) {
    const double s = g.out_strength(v);
    switch (p.method) {
      case Method::ppr:
      case Method::ppr_degree: op.norm[v] = std::max(s, 1.0); break;
      case Method::naive: op.norm[v] = s > 0 ? s : 1.0; break;
      case Method::spread: op.norm[v] = 1.0 / std::sqrt(std::max(s, 1.0)); break;
    }
  }
  if (p.method == Method::ppr_degree) {
    op.post.assign(n, 1.0);
    for (vertex_t v = 0; v < n; ++v) {
      double org = 0.0;
      auto nb = g.out_neighbors(v);
      auto w = g.out_weights(v);
      auto tags = g.out_tags(v);
      for (std::size_t i = 0; i < nb.size(); ++i)
        if (!is_client_tie(c, tags[i])) org += w[i];
      op.post[v] = 1.0 / std::max(org, 1.0);
    }
  }
  return op;
}

SolveOutput apply_forward(const PropagationOperator& op, std::span<const double> y) {
  SolveOutput out = op.method == Method::spread ? spread_solve(op, y) : jacobi(op, y, false);
  for (std::size_t v = 0; v < out.x.size(); ++v) {
    out.x[v] *= op.restart;
    if (!op.post.empty()) out.x[v] *= op.post[v];
  }
  return out;
}

SolveOutput apply_row(const PropagationOperator& op, NodeId v) {
  std::vector<double> e(op.graph.num_vertices(), 0.0);
  e[v] = 1.0;
  SolveOutput out = op.method == Method::spread ? spread_solve(op, e) : jacobi(op, e, true);
  const double scale = op.restart * (op.post.empty() ? 1.0 : op.post[v]);
  for (double& z : out.x) z *= scale;
  return out;
}

}  // namespace detail

PropagationResult propagate(const Case& c, std::span<const Seed> seeds, const PropagationParams& p) {
  validate(p);
  PropagationResult r;
  r.params = p;
  r.seed_weight = detail::full_seed_vector(c, seeds, p, &r.implicit_seeds);
  const detail::PropagationOperator op = detail::build_operator(c, p);
  r.ties = op.graph.num_edges();
  const double total = std::accumulate(r.seed_weight.begin(), r.seed_weight.end(), 0.0);
  std::vector<double> y(r.seed_weight);
  for (double& v : y) v /= total;
  detail::SolveOutput s = detail::apply_forward(op, y);
  if (p.method == Method::naive) {
    // Textbook PageRank sends dangling mass back to the seeds; that only rescales the solution.
    double sum = 0.0;
    for (double v : s.x) sum += v;
    if (sum > 0)
      for (double& v : s.x) v /= sum;
  }
  r.scores = std::move(s.x);
  r.iterations = s.iterations;
  r.residual = s.residual;
  r.converged = s.converged;
  r.rank.resize(c.num_nodes());
  std::iota(r.rank.begin(), r.rank.end(), NodeId{0});
  std::sort(r.rank.begin(), r.rank.end(), [&](NodeId a, NodeId b) {
    return r.scores[a] != r.scores[b] ? r.scores[a] > r.scores[b] : a < b;
  });
  // Evidence paths start at the given seeds and the group: a person seeded by a direct tie is
  // explained by that tie, so the tree does not end at them.
  std::vector<double> roots = detail::seed_vector(c, seeds);
  for (const ImplicitSeed& s : r.implicit_seeds)
    if (s.kind == ImplicitSeed::Kind::group) roots[s.node] += s.weight;
  const detail::SeedTree tree = detail::seed_tree(op.graph, roots);
  r.top_seed = tree.root;
  return r;
}

}  // namespace corridor

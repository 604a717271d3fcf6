#include "mpi/kernels.hpp"

#include <cmath>
#include <string>

#include "corridor/error.hpp"

namespace corridor::mpi {

ScoreResult pagerank(const DistributedGraph& g, const PageRankParams& p, KernelTraffic* traffic) {
  // The library checks the scalar parameters (an empty graph returns at once after the checks).
  {
    PageRankParams scalars = p;
    scalars.personalization.clear();
    (void)corridor::pagerank(Graph{}, scalars);
  }
  ScoreResult r;
  const vertex_t n = g.num_vertices();
  if (n == 0) return r;
  // Teleport by the personalization (this rank's slice, normalised over the whole graph).
  std::vector<double> pers;
  if (!p.personalization.empty()) {
    if (p.personalization.size() != n)
      throw ParamError("PageRank personalization must have one value per vertex (" + std::to_string(n) + " values, got " +
                       std::to_string(p.personalization.size()) + ")");
    double total = 0;
    for (double v : p.personalization) total += v;
    if (!(total > 0)) throw ParamError("PageRank personalization must not be all zero");
    pers.assign(p.personalization.begin() + g.first(), p.personalization.begin() + g.first() + g.local());
    for (double& v : pers) v /= total;
  }
  const MPI_Comm comm = g.comm();
  const vertex_t local = g.local();
  const auto& off = g.offsets();
  const auto& tgt = g.targets();
  const auto& wts = g.weights();
  const bool weighted = p.weighted && g.weighted();
  const double d = p.damping, inv_n = 1.0 / n;

  std::vector<double> x(local, inv_n), y(local), inv_out(local), acc(local + g.ghosts());
  double dangling = 0;
  for (vertex_t u = 0; u < local; ++u) {
    double out = 0;
    if (weighted)
      for (auto a = off[u]; a < off[u + 1]; ++a) out += wts[a];
    else
      out = static_cast<double>(off[u + 1] - off[u]);
    inv_out[u] = out > 0 ? 1.0 / out : 0.0;
    y[u] = x[u] * inv_out[u];
    if (out <= 0) dangling += x[u];
  }
  dangling = sum_all(comm, dangling);

  r.converged = false;
  const double threshold = static_cast<double>(n) * p.tolerance;
  for (int it = 1; it <= p.max_iterations; ++it) {
    // x' = d * (sum over in-arcs of y) + teleport, the in-arc sums pushed along out-arcs.
    std::fill(acc.begin(), acc.end(), 0.0);
    for (vertex_t u = 0; u < local; ++u) {
      const double yu = y[u];
      if (yu == 0.0) continue;
      if (weighted)
        for (auto a = off[u]; a < off[u + 1]; ++a) acc[tgt[a]] += wts[a] * yu;
      else
        for (auto a = off[u]; a < off[u + 1]; ++a) acc[tgt[a]] += yu;
    }
    g.push(acc, traffic ? &traffic->iterations : nullptr);
    const double base = (1.0 - d) + d * dangling, t = base * inv_n;
    double sums[2] = {0.0, 0.0};  // L1 change, dangling mass
    for (vertex_t v = 0; v < local; ++v) {
      const double val = d * acc[v] + (pers.empty() ? t : base * pers[v]);
      sums[0] += std::abs(val - x[v]);
      x[v] = val;
      y[v] = val * inv_out[v];
      if (inv_out[v] == 0.0) sums[1] += val;
    }
    MPI_Allreduce(MPI_IN_PLACE, sums, 2, MPI_DOUBLE, MPI_SUM, comm);
    if (traffic) traffic->iterations.bytes += 2 * sizeof(double) * (size_of(comm) > 1 ? 1 : 0);
    dangling = sums[1];
    r.residual = sums[0];
    r.iterations = it;
    if (traffic) traffic->count = it;
    if (r.residual < threshold) {
      r.converged = true;
      break;
    }
  }
  double total = 0;
  for (double v : x) total += v;
  total = sum_all(comm, total);
  if (total > 0)
    for (double& v : x) v /= total;
  r.scores = std::move(x);
  return r;
}

ScoreResult walk_sums(const DistributedGraph& g, const std::vector<double>& y, const std::vector<double>& step,
                      const std::vector<double>& receive, double tolerance, int max_iterations,
                      KernelTraffic* traffic) {
  const MPI_Comm comm = g.comm();
  const vertex_t local = g.local();
  if (y.size() != local || step.size() != local || (!receive.empty() && receive.size() != local))
    throw InternalError("walk_sums: y, step and receive must hold one value per local vertex");
  const auto& off = g.offsets();
  const auto& tgt = g.targets();
  const auto& wts = g.weights();
  ScoreResult r;
  double ynorm = 0.0;
  for (double v : y) ynorm += std::abs(v);
  ynorm = sum_all(comm, ynorm);
  std::vector<double> x(y), acc(local + g.ghosts());
  if (ynorm == 0.0) {
    r.scores = std::move(x);
    return r;
  }
  r.converged = false;
  for (int it = 1; it <= max_iterations; ++it) {
    // The library gathers over in-arcs; on a symmetric graph pushing along out-arcs is the same sum.
    std::fill(acc.begin(), acc.end(), 0.0);
    for (vertex_t u = 0; u < local; ++u) {
      const double su = step[u] * x[u];
      if (su == 0.0) continue;
      for (auto a = off[u]; a < off[u + 1]; ++a) acc[tgt[a]] += wts[a] * su;
    }
    g.push(acc, traffic ? &traffic->iterations : nullptr);
    double change = 0.0;
    for (vertex_t v = 0; v < local; ++v) {
      const double nv = y[v] + (receive.empty() ? acc[v] : receive[v] * acc[v]);
      change += std::abs(nv - x[v]);
      x[v] = nv;
    }
    change = sum_all(comm, change);
    if (traffic) {
      traffic->iterations.bytes += sizeof(double) * (size_of(comm) > 1 ? 1 : 0);
      traffic->count = it;
    }
    r.residual = change;
    r.iterations = it;
    if (change < tolerance * ynorm) {
      r.converged = true;
      break;
    }
  }
  r.scores = std::move(x);
  return r;
}

}  // namespace corridor::mpi

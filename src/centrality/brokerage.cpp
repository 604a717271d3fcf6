#include "corridor/centrality/brokerage.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/core.h>

#include "corridor/error.hpp"

namespace corridor {

std::string_view to_string(BrokerageRole r) noexcept {
  switch (r) {
    case BrokerageRole::coordinator: return "coordinator";
    case BrokerageRole::itinerant: return "itinerant";
    case BrokerageRole::gatekeeper: return "gatekeeper";
    case BrokerageRole::representative: return "representative";
    case BrokerageRole::liaison: return "liaison";
  }
  return "?";
}

namespace {

// Neighbours in either direction with mutual weights a(u,v) + a(v,u), sorted by neighbour.
struct Mutual {
  std::vector<std::uint64_t> off;
  std::vector<vertex_t> nb;
  std::vector<double> w;
  std::vector<double> sum, max;
};

Mutual mutual_neighbourhoods(const Graph& g, bool weighted) {
  const vertex_t n = g.num_vertices();
  Mutual m;
  m.off.assign(static_cast<std::size_t>(n) + 1, 0);
  m.nb.reserve(g.directed() ? 2 * g.num_arcs() : g.num_arcs());
  m.w.reserve(m.nb.capacity());
  m.sum.assign(n, 0.0);
  m.max.assign(n, 0.0);
  for (vertex_t v = 0; v < n; ++v) {
    auto on = g.out_neighbors(v), in = g.in_neighbors(v);
    auto ow = g.out_weights(v), iw = g.in_weights(v);
    std::size_t i = 0, j = 0;
    while (i < on.size() || j < in.size()) {
      vertex_t x;
      double w = 0;
      if (j == in.size() || (i < on.size() && on[i] < in[j])) {
        x = on[i];
        w = weighted ? ow[i] : 1.0;
        ++i;
      } else if (i == on.size() || in[j] < on[i]) {
        x = in[j];
        w = weighted ? iw[j] : 1.0;
        ++j;
      } else {
        x = on[i];
        w = (weighted ? ow[i] : 1.0) + (weighted ? iw[j] : 1.0);
        ++i, ++j;
      }
      m.nb.push_back(x);
      m.w.push_back(w);
      m.sum[v] += w;
      m.max[v] = std::max(m.max[v], w);
    }
    m.off[v + 1] = m.nb.size();
  }
  return m;
}

int role_of(std::int64_t gu, std::int64_t gv, std::int64_t gw) {
  if (gu == gv && gv == gw) return static_cast<int>(BrokerageRole::coordinator);
  if (gu == gw) return static_cast<int>(BrokerageRole::itinerant);
  if (gv == gw) return static_cast<int>(BrokerageRole::gatekeeper);
  if (gu == gv) return static_cast<int>(BrokerageRole::representative);
  return static_cast<int>(BrokerageRole::liaison);
}

}  // namespace

BrokerageResult brokerage(const Graph& g, std::span<const std::int64_t> group, const BrokerageParams& p) {
  const vertex_t n = g.num_vertices();
  if (!group.empty() && group.size() != n)
    throw ParamError(fmt::format("brokerage needs one group label per vertex ({} labels, got {}); pass an empty "
                                 "list to skip the roles",
                                 n, group.size()));
  for (std::size_t i = 0; i < group.size(); ++i)
    if (group[i] < -1)
      throw ParamError(fmt::format("group labels must be >= 0, or -1 for unknown (vertex {} has {})", i, group[i]));

  const Mutual m = mutual_neighbourhoods(g, p.weighted);
  BrokerageResult r;
  r.constraint.assign(n, std::numeric_limits<double>::quiet_NaN());
  r.effective_size.assign(n, std::numeric_limits<double>::quiet_NaN());

#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel
#endif
  {
    // Position of a vertex in the current ego's neighbour list, -1 elsewhere.
    std::vector<std::int64_t> pos(n, -1);
    std::vector<double> pv, indirect;
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp for schedule(dynamic, 64)
#endif
    for (std::int64_t vi = 0; vi < static_cast<std::int64_t>(n); ++vi) {
      const auto v = static_cast<vertex_t>(vi);
      const std::uint64_t b = m.off[v], e = m.off[v + 1];
      const std::size_t d = e - b;
      if (d == 0) continue;
      pv.resize(d);
      indirect.assign(d, 0.0);
      for (std::size_t k = 0; k < d; ++k) {
        pos[m.nb[b + k]] = static_cast<std::int64_t>(k);
        pv[k] = m.w[b + k] / m.sum[v];
      }
      double effective = 0;
      for (std::size_t k = 0; k < d; ++k) {
        const vertex_t q = m.nb[b + k];
        double redundancy = 0;
        for (std::uint64_t a = m.off[q]; a < m.off[q + 1]; ++a) {
          const std::int64_t j = pos[m.nb[a]];
          if (j < 0) continue;
          indirect[static_cast<std::size_t>(j)] += pv[k] * m.w[a] / m.sum[q];
          redundancy += pv[static_cast<std::size_t>(j)] * m.w[a] / m.max[q];
        }
        effective += 1.0 - redundancy;
      }
      double c = 0;
      for (std::size_t k = 0; k < d; ++k) c += (pv[k] + indirect[k]) * (pv[k] + indirect[k]);
      r.constraint[v] = c;
      r.effective_size[v] = effective;
      for (std::size_t k = 0; k < d; ++k) pos[m.nb[b + k]] = -1;
    }
  }

  if (group.empty()) return r;
  r.roles.assign(n, {});
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(dynamic, 64)
#endif
  for (std::int64_t vi = 0; vi < static_cast<std::int64_t>(n); ++vi) {
    const auto v = static_cast<vertex_t>(vi);
    const std::int64_t gv = group[v];
    if (gv < 0) continue;
    auto out_v = g.out_neighbors(v);
    auto& counts = r.roles[v];
    for (vertex_t u : g.in_neighbors(v)) {
      const std::int64_t gu = group[u];
      if (gu < 0) continue;
      // Walk out(v) and out(u) together: w in out(v) \ out(u), w != u, is an open two-path.
      auto out_u = g.out_neighbors(u);
      std::size_t j = 0;
      for (vertex_t w : out_v) {
        while (j < out_u.size() && out_u[j] < w) ++j;
        if (w == u || (j < out_u.size() && out_u[j] == w)) continue;
        const std::int64_t gw = group[w];
        if (gw < 0) continue;
        ++counts[static_cast<std::size_t>(role_of(gu, gv, gw))];
      }
    }
  }
  return r;
}

}  // namespace corridor

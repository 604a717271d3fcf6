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

void check_groups(vertex_t n, std::span<const std::int64_t> group) {
  if (!group.empty() && group.size() != n)
    throw ParamError(fmt::format("brokerage needs one group label per vertex ({} labels, got {}); pass an empty "
                                 "list to skip the roles",
                                 n, group.size()));
  for (std::size_t i = 0; i < group.size(); ++i)
    if (group[i] < -1)
      throw ParamError(fmt::format("group labels must be >= 0, or -1 for unknown (vertex {} has {})", i, group[i]));
}

// Burt's constraint and effective size of every ego, from its mutual neighbourhood.
void burt_measures(const Mutual& m, vertex_t n, BrokerageResult& r) {
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
        const std::uint64_t qb = m.off[q], qe = m.off[q + 1];
        double redundancy = 0;
        // The common neighbours of v and q, in ascending order either way (so the sums are the
        // same to the bit): scan the shorter list against the other. Scanning N(q) for every
        // neighbour q cost sum_q deg(q)^2, quadratic in a hub's degree (a smuggler with 10^6
        // clients never finished); this costs sum over ties of min(deg) times a log.
        auto add = [&](std::uint64_t a, std::size_t j) {
          indirect[j] += pv[k] * m.w[a] / m.sum[q];
          redundancy += pv[j] * m.w[a] / m.max[q];
        };
        if (qe - qb <= 4 * d) {
          for (std::uint64_t a = qb; a < qe; ++a) {
            const std::int64_t j = pos[m.nb[a]];
            if (j >= 0) add(a, static_cast<std::size_t>(j));
          }
        } else {
          auto from = m.nb.begin() + static_cast<std::ptrdiff_t>(qb);
          const auto end = m.nb.begin() + static_cast<std::ptrdiff_t>(qe);
          for (std::size_t j = 0; j < d && from != end; ++j) {
            from = std::lower_bound(from, end, m.nb[b + j]);
            if (from != end && *from == m.nb[b + j]) add(static_cast<std::uint64_t>(from - m.nb.begin()), j);
          }
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
}

// Gould and Fernandez's role counts of every broker, by the groups of its two-path ends.
void gould_fernandez_roles(const Graph& g, std::span<const std::int64_t> group, BrokerageResult& r) {
  const vertex_t n = g.num_vertices();
  r.roles.assign(n, {});
  // For a broker v: every in-neighbour u paired with every out-neighbour w is counted from a
  // histogram of the groups of out(v), then the pairs that are not open two-paths (w = u, or
  // w in out(u)) are taken back out. Enumerating the pairs cost in(v) out(v), 10^12 for a hub
  // with 10^6 ties; this costs O(out(v) log out(v)) plus, per u, the smaller of out(u) and
  // out(v) log out(u).
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel
#endif
  {
    std::vector<char> in_out_v(n, 0);
    std::vector<std::int64_t> groups;
    std::vector<std::pair<std::int64_t, std::uint64_t>> hist;
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp for schedule(dynamic, 64)
#endif
    for (std::int64_t vi = 0; vi < static_cast<std::int64_t>(n); ++vi) {
      const auto v = static_cast<vertex_t>(vi);
      const std::int64_t gv = group[v];
      if (gv < 0) continue;
      auto out_v = g.out_neighbors(v);
      groups.clear();
      for (vertex_t w : out_v) {
        in_out_v[w] = 1;
        if (group[w] >= 0) groups.push_back(group[w]);
      }
      std::sort(groups.begin(), groups.end());
      hist.clear();
      for (std::int64_t x : groups) {
        if (hist.empty() || hist.back().first != x) hist.emplace_back(x, 0);
        ++hist.back().second;
      }
      const auto count_of = [&](std::int64_t x) -> std::uint64_t {
        auto it = std::lower_bound(hist.begin(), hist.end(), std::make_pair(x, std::uint64_t{0}));
        return it != hist.end() && it->first == x ? it->second : 0;
      };
      const std::uint64_t total = groups.size(), same_as_v = count_of(gv);
      auto& counts = r.roles[v];
      auto take_back = [&](std::int64_t gu, vertex_t w) {
        if (group[w] >= 0) --counts[static_cast<std::size_t>(role_of(gu, gv, group[w]))];
      };
      for (vertex_t u : g.in_neighbors(v)) {
        const std::int64_t gu = group[u];
        if (gu < 0) continue;
        if (gu == gv) {
          counts[static_cast<std::size_t>(BrokerageRole::coordinator)] += same_as_v;
          counts[static_cast<std::size_t>(BrokerageRole::representative)] += total - same_as_v;
        } else {
          const std::uint64_t same_as_u = count_of(gu);
          counts[static_cast<std::size_t>(BrokerageRole::itinerant)] += same_as_u;
          counts[static_cast<std::size_t>(BrokerageRole::gatekeeper)] += same_as_v;
          counts[static_cast<std::size_t>(BrokerageRole::liaison)] += total - same_as_u - same_as_v;
        }
        if (in_out_v[u]) take_back(gu, u);  // u -> v -> u is no two-path
        auto out_u = g.out_neighbors(u);    // u -> v -> w with u -> w is closed
        if (out_u.size() <= 4 * out_v.size()) {
          for (vertex_t w : out_u)
            if (in_out_v[w]) take_back(gu, w);
        } else {
          auto from = out_u.begin();
          for (vertex_t w : out_v) {
            from = std::lower_bound(from, out_u.end(), w);
            if (from == out_u.end()) break;
            if (*from == w) take_back(gu, w);
          }
        }
      }
      for (vertex_t w : out_v) in_out_v[w] = 0;
    }
  }
}

}  // namespace

BrokerageResult brokerage(const Graph& g, std::span<const std::int64_t> group, const BrokerageParams& p) {
  const vertex_t n = g.num_vertices();
  check_groups(n, group);
  BrokerageResult r;
  burt_measures(mutual_neighbourhoods(g, p.weighted), n, r);
  if (!group.empty()) gould_fernandez_roles(g, group, r);
  return r;
}

}  // namespace corridor

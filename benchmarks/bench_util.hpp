// benchmarks/bench_util.hpp: timers, peak memory and small helpers shared by the benchmark programs.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "corridor/graph/graph.hpp"

namespace corridor::bench {

inline double now_s() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

/// Peak resident set size of this process so far, in MiB (Linux reports ru_maxrss in KiB).
inline double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

/// CPU seconds this process (all its threads) has spent in the kernel so far: page faults, mostly.
inline double system_cpu_s() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_stime.tv_sec) + 1e-6 * static_cast<double>(u.ru_stime.tv_usec);
}

/// Newman modularity with resolution gamma of a partition of an undirected weighted graph:
/// Q = 1/(2m) sum_ij (A_ij - gamma k_i k_j / (2m)) [c_i = c_j]. Written out here so every
/// library's partition is scored by the same formula (igraph_modularity agrees).
template <class Label>
double modularity_of(const Graph& g, std::span<const Label> membership, double gamma = 1.0) {
  const double two_m = g.total_arc_weight();
  if (two_m <= 0) return 0.0;
  std::unordered_map<std::uint64_t, std::size_t> index;
  std::vector<double> internal, total;
  auto slot = [&](std::uint64_t c) {
    auto [it, fresh] = index.try_emplace(c, internal.size());
    if (fresh) {
      internal.push_back(0);
      total.push_back(0);
    }
    return it->second;
  };
  for (vertex_t u = 0; u < g.num_vertices(); ++u) {
    const std::size_t cu = slot(static_cast<std::uint64_t>(membership[u]));
    auto nb = g.out_neighbors(u);
    auto w = g.out_weights(u);
    double k = 0;
    for (std::size_t i = 0; i < nb.size(); ++i) {
      k += w[i];
      if (membership[nb[i]] == membership[u]) internal[cu] += w[i];
    }
    total[cu] += k;
  }
  double q = 0;
  for (std::size_t c = 0; c < internal.size(); ++c)
    q += internal[c] / two_m - gamma * (total[c] / two_m) * (total[c] / two_m);
  return q;
}

}  // namespace corridor::bench

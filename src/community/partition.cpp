#include "corridor/community/partition.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "corridor/error.hpp"

namespace corridor {

Partition normalize_membership(std::span<const std::int64_t> labels) {
  Partition p;
  const std::size_t n = labels.size();
  p.membership.resize(n);
  bool dense = true;
  for (auto x : labels)
    if (x < 0 || static_cast<std::uint64_t>(x) >= n) { dense = false; break; }
  if (dense) {
    std::vector<std::int64_t> map(n, -1);
    std::int64_t k = 0;
    for (std::size_t v = 0; v < n; ++v) {
      auto& m = map[static_cast<std::size_t>(labels[v])];
      if (m < 0) m = k++;
      p.membership[v] = m;
    }
    p.count = static_cast<std::size_t>(k);
    return p;
  }
  // Sparse labels: sort vertices by label (stable, so the first of a run is its first vertex),
  // then rank the runs by that first vertex.
  std::vector<std::size_t> order(n);
  for (std::size_t v = 0; v < n; ++v) order[v] = v;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return labels[x] < labels[y]; });
  std::vector<std::pair<std::size_t, std::size_t>> runs;  // (first vertex, start in order)
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && labels[order[j]] == labels[order[i]]) ++j;
    runs.push_back({order[i], i});
    i = j;
  }
  std::sort(runs.begin(), runs.end());
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const std::size_t s = runs[r].second;
    for (std::size_t i = s; i < n && labels[order[i]] == labels[order[s]]; ++i)
      p.membership[order[i]] = static_cast<std::int64_t>(r);
  }
  p.count = runs.size();
  return p;
}

std::vector<std::size_t> community_sizes(std::span<const std::int64_t> membership) {
  std::vector<std::size_t> sizes;
  for (auto c : membership) {
    if (c < 0) throw ParamError("community_sizes: community numbers must be >= 0, got " + std::to_string(c));
    if (static_cast<std::size_t>(c) >= sizes.size()) sizes.resize(static_cast<std::size_t>(c) + 1, 0);
    ++sizes[static_cast<std::size_t>(c)];
  }
  return sizes;
}

}  // namespace corridor

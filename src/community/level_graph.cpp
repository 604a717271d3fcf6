#include <cmath>
#include <limits>

#include "community/community_impl.hpp"

namespace corridor::detail {

LevelGraph level_graph(const Graph& g, bool weighted) {
  LevelGraph out;
  const Graph* src = &g;
  if (g.directed()) {
    out.own_graph = g.to_undirected(Merge::sum);
    src = &out.own_graph;
  }
  out.n = src->num_vertices();
  out.offsets = src->out_offsets();
  out.targets = src->out_targets();
  if (weighted || !src->weighted()) {
    out.weights = src->arc_weights();
  } else {
    out.own_weights.assign(out.targets.size(), 1.0);
    out.weights = out.own_weights;
  }
  out.self.assign(out.n, 0.0);
  out.size.assign(out.n, 1.0);
  out.strength.assign(out.n, 0.0);
  for (std::uint32_t v = 0; v < out.n; ++v) {
    double s = 0.0;
    for (auto a = out.begin(v); a < out.end(v); ++a) s += out.weights[a];
    out.strength[v] = s;
    out.total += s;
  }
  return out;
}

void aggregate(const LevelGraph& g, std::span<const std::uint32_t> group, std::uint32_t k, LevelGraph& out,
               AggregateScratch& scratch) {
  // Members of each group, by counting sort, so each new node's arcs are gathered in one go.
  auto& start = scratch.start;
  auto& members = scratch.members;
  start.assign(k + 1, 0);
  for (std::uint32_t v = 0; v < g.n; ++v) ++start[group[v] + 1];
  for (std::uint32_t c = 0; c < k; ++c) start[c + 1] += start[c];
  members.resize(g.n);
  scratch.fill.assign(start.begin(), start.end() - 1);
  for (std::uint32_t v = 0; v < g.n; ++v) members[scratch.fill[group[v]]++] = v;
  out.n = k;
  out.own_graph = Graph();
  out.own_offsets.assign(k + 1, 0);
  out.own_targets.clear();
  out.own_weights.clear();
  out.self.assign(k, 0.0);
  out.strength.assign(k, 0.0);
  out.size.assign(k, 0.0);
  out.total = g.total;
  // Aggregation rarely shrinks the arcs of the first level much: reserve the bound.
  out.own_targets.reserve(g.targets.size());
  out.own_weights.reserve(g.targets.size());
  constexpr std::uint64_t kUnset = std::numeric_limits<std::uint64_t>::max();
  auto& pos = scratch.pos;
  pos.assign(k, kUnset);
  for (std::uint32_t c = 0; c < k; ++c) {
    const std::uint64_t first = out.own_targets.size();
    double self = 0.0, strength = 0.0, size = 0.0;
    for (std::uint32_t i = start[c]; i < start[c + 1]; ++i) {
      const std::uint32_t v = members[i];
      self += g.self[v];
      strength += g.strength[v];
      size += g.size[v];
      for (auto a = g.begin(v); a < g.end(v); ++a) {
        const std::uint32_t d = group[g.targets[a]];
        if (d == c) {
          self += g.weights[a];
        } else if (pos[d] == kUnset || pos[d] < first) {
          pos[d] = out.own_targets.size();
          out.own_targets.push_back(d);
          out.own_weights.push_back(g.weights[a]);
        } else {
          out.own_weights[pos[d]] += g.weights[a];
        }
      }
    }
    out.self[c] = self;
    out.strength[c] = strength;
    out.size[c] = size;
    out.own_offsets[c + 1] = out.own_targets.size();
  }
  out.offsets = out.own_offsets;
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

double level_modularity(const LevelGraph& g, std::span<const std::uint32_t> group, std::uint32_t k,
                        double resolution) {
  if (!(g.total > 0.0)) return std::numeric_limits<double>::quiet_NaN();
  std::vector<double> inside(k, 0.0), tot(k, 0.0);
  for (std::uint32_t v = 0; v < g.n; ++v) {
    const std::uint32_t c = group[v];
    tot[c] += g.strength[v];
    double in = g.self[v];
    for (auto a = g.begin(v); a < g.end(v); ++a)
      if (group[g.targets[a]] == c) in += g.weights[a];
    inside[c] += in;
  }
  double q = 0.0;
  for (std::uint32_t c = 0; c < k; ++c) {
    const double f = tot[c] / g.total;
    q += inside[c] / g.total - resolution * f * f;
  }
  return q;
}

double level_cpm(const LevelGraph& g, std::span<const std::uint32_t> group, std::uint32_t k,
                 double resolution) {
  std::vector<double> inside(k, 0.0), size(k, 0.0);
  for (std::uint32_t v = 0; v < g.n; ++v) {
    const std::uint32_t c = group[v];
    size[c] += g.size[v];
    double in = g.self[v];
    for (auto a = g.begin(v); a < g.end(v); ++a)
      if (group[g.targets[a]] == c) in += g.weights[a];
    inside[c] += in;
  }
  double h = 0.0;
  // inside counts each edge from both ends.
  for (std::uint32_t c = 0; c < k; ++c) h += inside[c] / 2.0 - resolution * size[c] * (size[c] - 1.0) / 2.0;
  return h;
}

std::vector<std::int64_t> to_int64(std::span<const std::uint32_t> v) {
  return std::vector<std::int64_t>(v.begin(), v.end());
}

}  // namespace corridor::detail

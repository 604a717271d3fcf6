// Label propagation (Raghavan, Albert & Kumara 2007, "Near linear time algorithm to detect
// community structures in large-scale networks", Phys. Rev. E 76:036106), asynchronous updates
// in a fresh random order each sweep; semi-supervised variant with clamped labels.
#include "corridor/community/label_propagation.hpp"

#include <algorithm>
#include <limits>
#include <string>

#include "community/community_impl.hpp"
#include "corridor/error.hpp"

namespace corridor {

namespace {

constexpr std::uint32_t kUnlabelled = std::numeric_limits<std::uint32_t>::max();

}  // namespace

CommunityResult label_propagation(const Graph& g, const LabelPropagationParams& p) {
  if (p.max_iterations < 1)
    throw ParamError("label_propagation: max_iterations must be >= 1, got " + std::to_string(p.max_iterations));
  const std::uint32_t n = g.num_vertices();
  const bool semi = !p.fixed_labels.empty();
  if (semi && p.fixed_labels.size() != n)
    throw ParamError("label_propagation: fixed_labels has " + std::to_string(p.fixed_labels.size()) +
                     " entries but the graph has " + std::to_string(n) + " vertices (give one per vertex, -1 = free)");
  std::vector<std::int64_t> fixed_values;  // dense label -> fixed label value
  if (semi) {
    for (auto x : p.fixed_labels) {
      if (x < -1) throw ParamError("label_propagation: fixed labels must be >= 0, or -1 for a free vertex; got " + std::to_string(x));
      if (x >= 0) fixed_values.push_back(x);
    }
    std::sort(fixed_values.begin(), fixed_values.end());
    fixed_values.erase(std::unique(fixed_values.begin(), fixed_values.end()), fixed_values.end());
  }
  const detail::LevelGraph lg = detail::level_graph(g, p.weighted);
  detail::Rng rng(p.seed);

  std::vector<std::uint32_t> label(n);
  std::vector<std::uint32_t> free_nodes;
  free_nodes.reserve(n);
  for (std::uint32_t v = 0; v < n; ++v) {
    if (semi && p.fixed_labels[v] >= 0) {
      label[v] = static_cast<std::uint32_t>(
          std::lower_bound(fixed_values.begin(), fixed_values.end(), p.fixed_labels[v]) - fixed_values.begin());
    } else {
      label[v] = semi ? kUnlabelled : v;
      free_nodes.push_back(v);
    }
  }
  const std::uint32_t label_bound = semi ? static_cast<std::uint32_t>(fixed_values.size()) : n;
  std::vector<double> weight_to(label_bound, 0.0);
  std::vector<std::uint32_t> touched, ties;
  CommunityResult result;
  result.converged = false;
  for (int sweep = 0; sweep < p.max_iterations; ++sweep) {
    // A fresh random order each sweep, block-wise (cache friendly, see random_order).
    if (semi) {
      rng.shuffle(free_nodes);
    } else {
      free_nodes = detail::random_order(n, rng);
    }
    std::size_t changes = 0;
    for (std::uint32_t v : free_nodes) {
      double best = 0.0;
      for (auto e = lg.begin(v); e < lg.end(v); ++e) {
        const std::uint32_t l = label[lg.targets[e]];
        if (l == kUnlabelled) continue;
        if (weight_to[l] == 0.0) touched.push_back(l);
        weight_to[l] += lg.weights[e];
        if (weight_to[l] > best) best = weight_to[l];
      }
      if (touched.empty()) continue;
      // Sums of the same weights in another order may differ in the last bits: a tie is a tie.
      const double floor = best * (1.0 - 1e-12);
      const std::uint32_t own = label[v];
      if (own == kUnlabelled || weight_to[own] < floor) {
        ties.clear();
        for (std::uint32_t l : touched)
          if (weight_to[l] >= floor) ties.push_back(l);
        label[v] = ties.size() == 1 ? ties[0] : ties[rng.below(ties.size())];
        ++changes;
      }
      for (std::uint32_t l : touched) weight_to[l] = 0.0;
      touched.clear();
    }
    result.iterations = sweep + 1;
    if (changes == 0) {
      result.converged = true;
      break;
    }
  }

  std::vector<std::int64_t> membership(n);
  if (!semi) {
    const std::uint32_t k = detail::renumber_dense(label, n);
    membership = detail::to_int64(label);
    result.count = k;
  } else {
    // Nodes no fixed label reached: one new label per connected group of them.
    std::int64_t next = fixed_values.empty() ? 0 : fixed_values.back() + 1;
    std::vector<std::int64_t> extra(n, -1);
    std::vector<std::uint32_t> stack;
    for (std::uint32_t s = 0; s < n; ++s) {
      if (label[s] != kUnlabelled || extra[s] >= 0) continue;
      extra[s] = next;
      stack.push_back(s);
      while (!stack.empty()) {
        const std::uint32_t v = stack.back();
        stack.pop_back();
        for (auto e = lg.begin(v); e < lg.end(v); ++e) {
          const std::uint32_t u = lg.targets[e];
          if (label[u] == kUnlabelled && extra[u] < 0) {
            extra[u] = next;
            stack.push_back(u);
          }
        }
      }
      ++next;
    }
    std::vector<char> used(label_bound, 0);
    std::size_t count = static_cast<std::size_t>(next - (fixed_values.empty() ? 0 : fixed_values.back() + 1));
    for (std::uint32_t v = 0; v < n; ++v) {
      if (label[v] == kUnlabelled) {
        membership[v] = extra[v];
      } else {
        membership[v] = fixed_values[label[v]];
        if (!used[label[v]]) {
          used[label[v]] = 1;
          ++count;
        }
      }
    }
    result.count = count;
  }
  result.membership = membership;
  result.levels.push_back(membership);
  Partition dense = normalize_membership(membership);
  std::vector<std::uint32_t> groups(dense.membership.begin(), dense.membership.end());
  result.quality = detail::level_modularity(lg, groups, static_cast<std::uint32_t>(dense.count), 1.0);
  return result;
}

}  // namespace corridor

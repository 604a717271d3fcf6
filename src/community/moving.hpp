// The node-moving step shared by Louvain and Leiden: the state of a partition of a level graph
// (community totals, counts, the free community numbers) and the best move of one node.
//
// Both objectives have the same gain form. Moving node v, taken out of its community, into
// community C changes the quality by (a multiple of)
//   gain(C) = w(v, C) - gamma' * a_v * A_C,
// with a_v = strength and gamma' = gamma / 2m for modularity, a_v = vertex count and
// gamma' = gamma for CPM, and A_C the sum of a over C without v. An empty community has gain 0.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "community/community_impl.hpp"

namespace corridor::detail {

struct MoveState {
  // w(v, C) (scratch, zero outside a call) beside A_C: both are read for each neighbouring
  // community, so one cache line serves both.
  struct Slot {
    double weight_to = 0.0;
    double total = 0.0;
  };
  const LevelGraph* g = nullptr;
  const std::vector<double>* a = nullptr;  // node weights of the penalty term
  double gamma = 0.0;                      // gamma' above
  std::vector<std::uint32_t> comm;         // community of each node, < n
  std::vector<Slot> slot;
  std::vector<std::uint32_t> count;        // nodes in C
  std::vector<std::uint32_t> empty;        // free community numbers (a stack)
  std::vector<std::uint32_t> touched;      // scratch: communities with weight_to set
  std::vector<std::uint32_t> ties;         // scratch: communities tied with staying

  /// Takes ownership of an initial partition (values < n). Reuses its buffers across levels.
  void init(const LevelGraph& graph, const std::vector<double>& node_weight, double gamma_prime,
            std::vector<std::uint32_t> initial) {
    g = &graph;
    a = &node_weight;
    gamma = gamma_prime;
    comm = std::move(initial);
    const std::uint32_t n = graph.n;
    slot.assign(n, Slot{});
    count.assign(n, 0);
    touched.clear();
    for (std::uint32_t v = 0; v < n; ++v) {
      slot[comm[v]].total += node_weight[v];
      ++count[comm[v]];
    }
    empty.clear();
    for (std::uint32_t c = n; c-- > 0;)
      if (count[c] == 0) empty.push_back(c);
  }

  struct Move {
    std::uint32_t to;
    double gain;       // gain of `to`
    double stay_gain;  // gain of staying
  };

  /// Finds the best community for v: staying unless another is strictly better by more than a
  /// rounding margin, so floating-point noise cannot make nodes cycle. When `rng` is given and
  /// other communities tie with staying, picks uniformly among staying and them: a plateau move
  /// that lets the search leave a local optimum (callers allow it once per node per phase, so
  /// phases still end). Does not move v.
  Move best_move(std::uint32_t v, Rng* rng = nullptr) {
    const std::uint32_t old = comm[v];
    const double av = (*a)[v];
    const auto last = g->end(v);
    const std::uint32_t* targets = g->targets.data();
    const double* weights = g->weights.data();
    for (auto e = g->begin(v); e < last; ++e) {
#if defined(__GNUC__)
      // The neighbours' community numbers are scattered: ask for them a few arcs ahead.
      if (e + 8 < last) __builtin_prefetch(&comm[targets[e + 8]]);
#endif
      const std::uint32_t c = comm[targets[e]];
      Slot& s = slot[c];
      if (s.weight_to == 0.0) touched.push_back(c);
      s.weight_to += weights[e];
    }
    const double stay = slot[old].weight_to - gamma * av * (slot[old].total - av);
    const double margin = 1e-12 * (g->strength[v] + gamma * av * av + 1e-300);
    Move best{old, stay, stay};
    for (std::uint32_t c : touched) {
      if (c == old) continue;
      const double gain = slot[c].weight_to - gamma * av * slot[c].total;
      if (gain > best.gain + margin || (best.to != old && gain > best.gain)) best = {c, gain, stay};
    }
    if (best.to == old && rng != nullptr) {
      ties.clear();
      for (std::uint32_t c : touched)
        if (c != old && std::abs(slot[c].weight_to - gamma * av * slot[c].total - stay) <= margin)
          ties.push_back(c);
      if (!ties.empty()) {
        const auto pick = rng->below(ties.size() + 1);
        if (pick < ties.size()) best = {ties[pick], stay, stay};
      }
    }
    // Alone in a new community: gain 0 (only when v is not alone already).
    if (best.gain < -margin && count[old] > 1 && !empty.empty()) best = {empty.back(), 0.0, stay};
    for (std::uint32_t c : touched) slot[c].weight_to = 0.0;
    touched.clear();
    return best;
  }

  void move(std::uint32_t v, std::uint32_t to) {
    const std::uint32_t old = comm[v];
    if (to == old) return;
    const double av = (*a)[v];
    if (count[to] == 0) {
      // `to` is the top of the free stack (best_move only proposes that one).
      empty.pop_back();
    }
    slot[old].total -= av;
    --count[old];
    if (count[old] == 0) {
      slot[old].total = 0.0;  // no rounding residue in an empty community
      empty.push_back(old);
    }
    slot[to].total += av;
    ++count[to];
    comm[v] = to;
  }
};

}  // namespace corridor::detail

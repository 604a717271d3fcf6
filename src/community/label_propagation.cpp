// Label propagation (Raghavan, Albert & Kumara 2007, "Near linear time algorithm to detect
// community structures in large-scale networks", Phys. Rev. E 76:036106), asynchronous updates
// in a fresh random order each sweep; semi-supervised variant with clamped labels.
#include "corridor/community/label_propagation.hpp"

#include <algorithm>
#include <atomic>
#include <limits>
#include <string>

#include "community/blocks.hpp"
#include "community/community_impl.hpp"
#include "corridor/error.hpp"

namespace corridor {

namespace {

constexpr std::uint32_t kUnlabelled = std::numeric_limits<std::uint32_t>::max();

// The labels a run starts from. Labels are dense, below `bound`: without fixed labels each node
// is its own; with them, the fixed values in increasing order, and free nodes start unlabelled.
struct StartLabels {
  std::vector<std::uint32_t> label;
  std::vector<char> free_node;
  std::vector<std::int64_t> fixed_values;  // dense label -> fixed label value
  std::uint32_t bound = 0;
  bool semi = false;
};

StartLabels start_labels(std::uint32_t n, const LabelPropagationParams& p) {
  StartLabels s;
  s.semi = !p.fixed_labels.empty();
  if (s.semi && p.fixed_labels.size() != n)
    throw ParamError("label_propagation: fixed_labels has " + std::to_string(p.fixed_labels.size()) +
                     " entries but the graph has " + std::to_string(n) + " vertices (give one per vertex, -1 = free)");
  if (s.semi) {
    for (auto x : p.fixed_labels) {
      if (x < -1) throw ParamError("label_propagation: fixed labels must be >= 0, or -1 for a free vertex; got " + std::to_string(x));
      if (x >= 0) s.fixed_values.push_back(x);
    }
    std::sort(s.fixed_values.begin(), s.fixed_values.end());
    s.fixed_values.erase(std::unique(s.fixed_values.begin(), s.fixed_values.end()), s.fixed_values.end());
  }
  s.label.resize(n);
  s.free_node.assign(n, 1);
  for (std::uint32_t v = 0; v < n; ++v) {
    if (s.semi && p.fixed_labels[v] >= 0) {
      s.label[v] = static_cast<std::uint32_t>(
          std::lower_bound(s.fixed_values.begin(), s.fixed_values.end(), p.fixed_labels[v]) - s.fixed_values.begin());
      s.free_node[v] = 0;
    } else {
      s.label[v] = s.semi ? kUnlabelled : v;
    }
  }
  s.bound = s.semi ? static_cast<std::uint32_t>(s.fixed_values.size()) : n;
  return s;
}

// The membership of each node from the final labels: dense labels renumbered by first
// appearance; with fixed labels, their values, and one new label per connected group of nodes no
// fixed label reached. Sets result.count.
std::vector<std::int64_t> final_membership(const detail::LevelGraph& lg, const StartLabels& s,
                                           std::vector<std::uint32_t>& label, CommunityResult& result) {
  const auto n = static_cast<std::uint32_t>(label.size());
  if (!s.semi) {
    result.count = detail::renumber_dense(label, n);
    return detail::to_int64(label);
  }
  std::vector<std::int64_t> membership(n);
  const std::int64_t first_new = s.fixed_values.empty() ? 0 : s.fixed_values.back() + 1;
  std::int64_t next = first_new;
  std::vector<std::int64_t> extra(n, -1);
  std::vector<std::uint32_t> stack;
  for (std::uint32_t start = 0; start < n; ++start) {
    if (label[start] != kUnlabelled || extra[start] >= 0) continue;
    extra[start] = next;
    stack.push_back(start);
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
  std::vector<char> used(s.bound, 0);
  auto count = static_cast<std::size_t>(next - first_new);
  for (std::uint32_t v = 0; v < n; ++v) {
    if (label[v] == kUnlabelled) {
      membership[v] = extra[v];
    } else {
      membership[v] = s.fixed_values[label[v]];
      if (!used[label[v]]) {
        used[label[v]] = 1;
        ++count;
      }
    }
  }
  result.count = count;
  return membership;
}

}  // namespace

CommunityResult label_propagation(const Graph& g, const LabelPropagationParams& p) {
  if (p.max_iterations < 1)
    throw ParamError("label_propagation: max_iterations must be >= 1, got " + std::to_string(p.max_iterations));
  const std::uint32_t n = g.num_vertices();
  StartLabels start = start_labels(n, p);
  const detail::LevelGraph lg = detail::level_graph(g, p.weighted);
  detail::Rng rng(p.seed);

  std::vector<std::uint32_t>& label = start.label;
  const std::vector<char>& free_node = start.free_node;
  const std::uint32_t label_bound = start.bound;
  // Per thread: tie strength to each label (zero between nodes), and lists; each thread's in its
  // own cache lines, since the lists' ends move with every node.
  struct alignas(64) Scratch {
    std::vector<double> weight_to;
    std::vector<std::uint32_t> touched, ties, nodes;
  };
  std::vector<Scratch> scratch(static_cast<std::size_t>(detail::max_threads()));
  // Per block of a batch: its nodes' labels while it runs (its own decisions at once, the other
  // blocks' at the batch start) and its number of changes.
  const detail::BlockSchedule first = detail::block_schedule(n, rng, p.schedule);
  std::vector<std::vector<std::uint32_t>> local(first.batch);
  std::vector<std::size_t> slot_changes(first.batch, 0);
  // Nodes to visit this round: all free nodes first, then only those a neighbour's new label may
  // have changed (the others still carry a most frequent label of their neighbourhood).
  std::vector<char> in_round(free_node), next_round(n, 0);
  const std::uint32_t* targets = lg.targets.data();
  const double* weights = lg.weights.data();
  CommunityResult result;
  result.converged = false;
  for (int sweep = 0; sweep < p.max_iterations; ++sweep) {
    // A fresh random order each sweep (blocks and nodes inside them).
    const detail::BlockSchedule sched = sweep == 0 ? first : detail::block_schedule(n, rng, p.schedule);
    std::size_t changes = 0;
    detail::sweep_blocks(
        sched,
        [&](std::uint32_t slot, std::uint32_t b) {
          const std::uint32_t lo = sched.lo(b), size = sched.hi(b) - lo;
          auto& mine = local[slot];
          mine.clear();
          slot_changes[slot] = 0;
          // A block with nothing to visit this round is skipped whole (its generator is its own).
          if (std::find(in_round.begin() + lo, in_round.begin() + lo + size, char{1}) == in_round.begin() + lo + size)
            return;
          Scratch& sc = scratch[static_cast<std::size_t>(detail::thread_index())];
          if (sc.weight_to.size() != label_bound) sc.weight_to.assign(label_bound, 0.0);
          detail::Rng brng(detail::block_seed(p.seed, static_cast<std::uint64_t>(sweep), b));
          detail::block_nodes(sched, b, brng, sc.nodes);
          mine.assign(label.begin() + lo, label.begin() + lo + size);
          std::size_t changed = 0;
          for (std::uint32_t v : sc.nodes) {
            if (!in_round[v]) continue;
            in_round[v] = 0;
            double best = 0.0;
            for (auto e = lg.begin(v); e < lg.end(v); ++e) {
              const std::uint32_t u = targets[e];
              const std::uint32_t l = u - lo < size ? mine[u - lo] : label[u];
              if (l == kUnlabelled) continue;
              if (sc.weight_to[l] == 0.0) sc.touched.push_back(l);
              sc.weight_to[l] += weights[e];
              if (sc.weight_to[l] > best) best = sc.weight_to[l];
            }
            if (sc.touched.empty()) continue;
            // Sums of the same weights in another order may differ in the last bits: a tie is a tie.
            const double floor = best * (1.0 - 1e-12);
            const std::uint32_t own = mine[v - lo];
            if (own == kUnlabelled || sc.weight_to[own] < floor) {
              sc.ties.clear();
              for (std::uint32_t l : sc.touched)
                if (sc.weight_to[l] >= floor) sc.ties.push_back(l);
              mine[v - lo] = sc.ties.size() == 1 ? sc.ties[0] : sc.ties[brng.below(sc.ties.size())];
              ++changed;
              const std::uint32_t later = detail::next_batch_rank(sched, sched.rank[b]);
              for (auto e = lg.begin(v); e < lg.end(v); ++e) {
                const std::uint32_t u = targets[e];
                // Fixed, or still to come in this round (in this block or a later batch). The
                // block test comes first: a flag of a block running beside this one is not read
                // while its thread clears it.
                if (!free_node[u] || ((u - lo < size || detail::in_later_batch(sched, later, u)) && in_round[u]))
                  continue;
                std::atomic_ref<char>(next_round[u]).store(1, std::memory_order_relaxed);
              }
            }
            for (std::uint32_t l : sc.touched) sc.weight_to[l] = 0.0;
            sc.touched.clear();
          }
          slot_changes[slot] = changed;
        },
        [&](std::uint32_t slot, std::uint32_t b) {
          std::copy(local[slot].begin(), local[slot].end(), label.begin() + sched.lo(b));
          changes += slot_changes[slot];
        });
    result.iterations = sweep + 1;
    std::size_t queued = 0;
    for (std::uint32_t v = 0; v < n; ++v) {
      in_round[v] = next_round[v];
      queued += next_round[v] != 0;
      next_round[v] = 0;
    }
    if (changes == 0 || queued == 0) {
      result.converged = true;
      break;
    }
  }

  std::vector<std::int64_t> membership = final_membership(lg, start, label, result);
  result.membership = membership;
  result.levels.push_back(membership);
  Partition dense = normalize_membership(membership);
  std::vector<std::uint32_t> groups(dense.membership.begin(), dense.membership.end());
  result.quality = detail::level_modularity(lg, groups, static_cast<std::uint32_t>(dense.count), 1.0);
  return result;
}

}  // namespace corridor

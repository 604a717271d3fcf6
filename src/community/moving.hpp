// The node-moving step shared by Louvain and Leiden: the state of a partition of a level graph
// (community totals and counts) and the best move of one node, run block-parallel (see
// blocks.hpp) and deterministic for any thread count.
//
// Both objectives have the same gain form. Moving node v, taken out of its community, into
// community C changes the quality by (a multiple of)
//   gain(C) = w(v, C) - gamma' * a_v * A_C,
// with a_v = strength and gamma' = gamma / 2m for modularity, a_v = vertex count and
// gamma' = gamma for CPM, and A_C the sum of a over C without v. An empty community has gain 0.
//
// Community numbers are < 2n: the initial partition uses numbers < n, and node v may always
// leave to start a community of its own numbered n + v (when that one is empty), so blocks
// running side by side never compete for a free number.
#pragma once

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "community/blocks.hpp"
#include "community/community_impl.hpp"

namespace corridor::detail {

/// Local moving sweeps small levels in blocks down to this many nodes (see block_schedule()).
/// Upper levels are few nodes with many arcs each (a level of 6,000 nodes of the 1M-node DC-SBM
/// graph carries 5.5M arcs): in blocks of 512 they would be swept on one core.
inline constexpr std::uint32_t kMinMoveBlock = 32;

struct MoveState {
  const LevelGraph* g = nullptr;
  const std::vector<double>* a = nullptr;  // node weights of the penalty term
  double gamma = 0.0;                      // gamma' above
  std::uint64_t seed = 0;                  // of the blocks' generators (with the sweep number)
  Schedule schedule = Schedule::parallel;
  std::vector<std::uint32_t> comm;         // community of each node, < 2n
  // A_C and the number of nodes in C at the start of the current batch, apart: A_C is read for
  // every neighbouring community (8 bytes each, scattered), the count only for the communities a
  // node leaves or might start.
  std::vector<double> total;
  std::vector<std::int32_t> count;
  std::vector<char> plateau_moved;         // one plateau move per node per phase
  std::vector<char> in_round, next_round;  // local_moving(): nodes to visit now and next

  // What one block changes, kept apart until its batch commits.
  struct Delta {
    std::uint32_t c;
    std::int32_t count;
    double total;
  };
  // Slots and scratches are written by different threads side by side (a move appends to a
  // slot's lists and adds to its gain): each in its own cache lines.
  struct alignas(64) Slot {
    std::vector<std::uint32_t> comm;  // the block's nodes' communities as it runs
    std::vector<Delta> deltas;
    std::vector<std::uint32_t> moved;  // nodes that moved, in the order they did
    double gained = 0.0;
  };
  std::vector<Slot> slots;

  // Per thread and community: w(v, C) (zero outside a call), the only array read for every
  // arc; apart from it the running block's own changes to A_C and the count, and a bitmap of
  // the communities it changed, so that the total of a neighbouring community costs one look
  // at a bit (in the cache: 2n bits) unless the block changed it. On the first level (2n
  // communities) these arrays are the scattered reads that local moving waits for.
  struct alignas(64) Scratch {
    std::vector<double> weight_to, dtotal;
    std::vector<std::int32_t> dcount;
    std::vector<std::uint64_t> marked;
    std::vector<std::uint32_t> touched, dtouched, ties, nodes;
    bool is_marked(std::uint32_t c) const { return (marked[c >> 6] >> (c & 63)) & 1u; }
  };
  std::vector<Scratch> scratch;

  /// Takes ownership of an initial partition (values < n). Reuses its buffers across levels.
  void init(const LevelGraph& graph, const std::vector<double>& node_weight, double gamma_prime,
            std::vector<std::uint32_t> initial, std::uint64_t seed_, Schedule schedule_) {
    g = &graph;
    a = &node_weight;
    gamma = gamma_prime;
    seed = seed_;
    schedule = schedule_;
    comm = std::move(initial);
    const std::uint32_t n = graph.n;
    total.assign(2 * static_cast<std::size_t>(n), 0.0);
    count.assign(2 * static_cast<std::size_t>(n), 0);
    for (std::uint32_t v = 0; v < n; ++v) {
      total[comm[v]] += node_weight[v];
      ++count[comm[v]];
    }
    plateau_moved.assign(n, 0);
    scratch.resize(static_cast<std::size_t>(max_threads()));
  }

  struct Move {
    std::uint32_t to;
    double gain;       // gain of `to`
    double stay_gain;  // gain of staying
  };

  /// The nodes of block b as one step of a sweep sees them: its own nodes' current communities
  /// in `own` (numbers lo..lo+own.size()), the others' from the batch start.
  struct View {
    std::uint32_t lo;
    const std::vector<std::uint32_t>& own;
    const std::vector<std::uint32_t>& shared;
    std::uint32_t operator[](std::uint32_t u) const { return u - lo < own.size() ? own[u - lo] : shared[u]; }
  };

  double tot(const Scratch& sc, std::uint32_t c) const {
    return sc.is_marked(c) ? total[c] + sc.dtotal[c] : total[c];
  }
  std::int32_t cnt(const Scratch& sc, std::uint32_t c) const { return count[c] + sc.dcount[c]; }

  /// Finds the best community for v: staying unless another is strictly better by more than a
  /// rounding margin, so floating-point noise cannot make nodes cycle. When `rng` is given and
  /// other communities tie with staying, picks uniformly among staying and them: a plateau move
  /// that lets the search leave a local optimum (allowed once per node per phase, so phases
  /// still end). Does not move v.
  Move best_move(Scratch& sc, const View& cv, std::uint32_t v, Rng* rng) {
    const std::uint32_t old = cv[v];
    const double av = (*a)[v];
    const auto first = g->begin(v), last = g->end(v);
    const std::uint32_t* targets = g->targets.data();
    const double* weights = g->weights.data();
    // The first touch of a community is a coin toss for the branch predictor (on the dense upper
    // levels, a node's hundreds of arcs reach as many communities in no order): every community
    // is written to the list, and the list grows only on a first touch, without a branch.
    if (sc.touched.size() < last - first) sc.touched.resize(last - first);
    std::uint32_t* const touched_at = sc.touched.data();
    std::size_t touched_count = 0;
    double* const cells = sc.weight_to.data();
    const std::uint32_t* const own = cv.own.data();
    const std::uint32_t* const shared = cv.shared.data();
    const std::uint32_t lo = cv.lo;
    const std::size_t own_size = cv.own.size();
    for (auto e = first; e < last; ++e) {
#if defined(__GNUC__)
      // The neighbours' community numbers are scattered: ask for them a few arcs ahead.
      if (e + 8 < last) __builtin_prefetch(&shared[targets[e + 8]]);
#endif
      const std::uint32_t u = targets[e];
      const bool mine = u - lo < own_size;
      const std::uint32_t from_own = own[mine ? u - lo : 0];
      const std::uint32_t c = mine ? from_own : shared[u];
      const double x = cells[c];
      touched_at[touched_count] = c;
      touched_count += x == 0.0;
      cells[c] = x + weights[e];
    }
    const std::span<const std::uint32_t> touched(touched_at, touched_count);
    const double stay = cells[old] - gamma * av * (tot(sc, old) - av);
    const double margin = 1e-12 * (g->strength[v] + gamma * av * av + 1e-300);
    Move best{old, stay, stay};
    // Communities tied with staying are collected in the same loop (used only if v stays), and
    // the cells are cleared for the next call as they are read.
    sc.ties.clear();
    for (std::uint32_t c : touched) {
      const double weight = cells[c];
      cells[c] = 0.0;
      if (c == old) continue;
      const double gain = weight - gamma * av * tot(sc, c);
      if (gain > best.gain + margin || (best.to != old && gain > best.gain)) best = {c, gain, stay};
      if (rng != nullptr && std::abs(gain - stay) <= margin) sc.ties.push_back(c);
    }
    if (best.to == old && rng != nullptr && !sc.ties.empty()) {
      const auto pick = rng->below(sc.ties.size() + 1);
      if (pick < sc.ties.size()) best = {sc.ties[pick], stay, stay};
    }
    // Alone in a community of its own: gain 0 (only when v is not alone already).
    const std::uint32_t alone = g->n + v;
    if (best.gain < -margin && cnt(sc, old) > 1 && cnt(sc, alone) == 0) best = {alone, 0.0, stay};
    return best;
  }

  /// Moves v (of the running block) to `to`, in the block's own view.
  void move(Scratch& sc, std::vector<std::uint32_t>& own, std::uint32_t lo, std::uint32_t v, std::uint32_t to) {
    const std::uint32_t old = own[v - lo];
    if (to == old) return;
    const double av = (*a)[v];
    for (std::uint32_t c : {old, to})
      if (!sc.is_marked(c)) sc.marked[c >> 6] |= std::uint64_t{1} << (c & 63), sc.dtouched.push_back(c);
    sc.dtotal[old] -= av;
    --sc.dcount[old];
    if (cnt(sc, old) == 0) sc.dtotal[old] = -total[old];  // no rounding residue in an empty community
    sc.dtotal[to] += av;
    ++sc.dcount[to];
    own[v - lo] = to;
  }

  Scratch& thread_scratch() {
    Scratch& sc = scratch[static_cast<std::size_t>(thread_index())];
    // Sized for the largest level seen (levels only shrink); zero between calls, so reused as is.
    const std::size_t bound = 2 * static_cast<std::size_t>(g->n);
    if (sc.weight_to.size() < bound) {
      sc.weight_to.assign(bound, 0.0);
      sc.dtotal.assign(bound, 0.0);
      sc.dcount.assign(bound, 0);
      sc.marked.assign(bound / 64 + 1, 0);
    }
    return sc;
  }

  /// One sweep over the nodes for which `wanted(v)` holds (all nodes when it always does), in
  /// block order `sched`; `after_move(v, to, view)` runs for each move inside the block.
  /// Returns the number of moves and adds the gains to `gained`.
  /// `active`, when given, marks the nodes `wanted` can accept: blocks without one are skipped
  /// whole (their generators are their own, so skipping changes no other block's draws).
  template <class Wanted, class AfterMove>
  std::size_t sweep(const BlockSchedule& sched, std::uint64_t sweep_number, bool plateau, Wanted&& wanted,
                    AfterMove&& after_move, double& gained, const std::vector<char>* active = nullptr) {
    if (slots.size() < sched.batch) slots.resize(sched.batch);
    std::size_t moves = 0;
    sweep_blocks(
        sched,
        [&](std::uint32_t slot_index, std::uint32_t b) {
          Slot& slot = slots[slot_index];
          const std::uint32_t lo = sched.lo(b), hi = sched.hi(b);
          slot.moved.clear();
          slot.deltas.clear();
          slot.gained = 0.0;
          slot.comm.clear();
          if (active && std::find(active->begin() + lo, active->begin() + hi, char{1}) == active->begin() + hi) return;
          Scratch& sc = thread_scratch();
          Rng rng(block_seed(seed, sweep_number, b));
          block_nodes(sched, b, rng, sc.nodes);
          slot.comm.assign(comm.begin() + lo, comm.begin() + hi);
          const View cv{lo, slot.comm, comm};
          const std::uint32_t* const order = sc.nodes.data();
          const std::size_t in_block = sc.nodes.size();
          for (std::size_t i = 0; i < in_block; ++i) {
            const std::uint32_t v = order[i];
            // The block's nodes come in random order: ask for the arcs of the one two places
            // ahead (if it is to be visited).
            if (i + 2 < in_block && (active == nullptr || (*active)[order[i + 2]]))
              g->prefetch_arcs(order[i + 2], true);
            if (!wanted(v)) continue;
            const Move m = best_move(sc, cv, v, plateau && !plateau_moved[v] ? &rng : nullptr);
            if (m.to == cv[v]) continue;
            if (m.gain <= m.stay_gain) plateau_moved[v] = 1;
            slot.gained += m.gain - m.stay_gain;
            move(sc, slot.comm, lo, v, m.to);
            slot.moved.push_back(v);
            after_move(v, m.to, cv);
          }
          for (std::uint32_t c : sc.dtouched) {
            slot.deltas.push_back({c, sc.dcount[c], sc.dtotal[c]});
            sc.dtotal[c] = 0.0;
            sc.dcount[c] = 0;
            sc.marked[c >> 6] = 0;  // clears the bits of other communities of the block too: done with them all
          }
          sc.dtouched.clear();
        },
        [&](std::uint32_t slot_index, std::uint32_t b) {
          Slot& slot = slots[slot_index];
          for (const Delta& d : slot.deltas) {
            count[d.c] += d.count;
            total[d.c] = count[d.c] == 0 ? 0.0 : total[d.c] + d.total;
          }
          std::copy(slot.comm.begin(), slot.comm.end(), comm.begin() + sched.lo(b));  // empty when skipped
          moves += slot.moved.size();
          gained += slot.gained;
        });
    return moves;
  }

  /// Local moving until nothing is left to do: a first sweep over every node, then rounds over
  /// only the nodes whose neighbourhood changed (a neighbour moved to another community than
  /// theirs; nodes still waiting in the round, in the mover's block or in a later batch, are not
  /// queued twice, as the sequential queue of Leiden's fast local moving would not). Ends when no node is
  /// queued, or when stop(moves, gained) says so after a round. A fresh seeded block order each
  /// round. Returns the number of moves.
  template <class Stop>
  std::size_t local_moving(Rng& rng, Stop&& stop) {
    const std::uint32_t n = g->n;
    if (n == 0) return 0;
    in_round.assign(n, 1);
    next_round.assign(n, 0);
    const std::uint32_t* targets = g->targets.data();
    std::size_t total_moves = 0;
    for (std::uint64_t round = 0;; ++round) {
      const BlockSchedule sched = block_schedule(n, rng, schedule, kMinMoveBlock);
      double gained = 0.0;
      const std::size_t moves = sweep(
          sched, round, true,
          [&](std::uint32_t v) {
            if (!in_round[v]) return false;
            in_round[v] = 0;  // visited: a later move of a neighbour may queue it again
            return true;
          },
          [&](std::uint32_t v, std::uint32_t to, const View& cv) {
            const std::uint32_t later = next_batch_rank(sched, sched.rank[sched.block_of(cv.lo)]);
            for (auto e = g->begin(v); e < g->end(v); ++e) {
              const std::uint32_t u = targets[e];
              if (cv[u] == to) continue;
              // Still to come in this round (in this block, or in a later batch, whose flags
              // nobody touches meanwhile): it will see the move then.
              // The block test first: a neighbour in an earlier batch needs no look at its flag
              // (a miss on the first level), and one in a block running beside this one is not
              // read while its thread clears it.
              if ((u - cv.lo < cv.own.size() || in_later_batch(sched, later, u)) && in_round[u]) continue;
              // Read before writing: the flag's line is shared by both cores, and most flags of a
              // busy round are set already.
              std::atomic_ref<char> flag(next_round[u]);
              if (!flag.load(std::memory_order_relaxed)) flag.store(1, std::memory_order_relaxed);
            }
          },
          gained, &in_round);
      total_moves += moves;
      std::size_t queued = 0;
      for (std::uint32_t v = 0; v < n; ++v) {
        in_round[v] = next_round[v];
        queued += next_round[v] != 0;
        next_round[v] = 0;
      }
      if (queued == 0 || stop(moves, gained)) break;
    }
    return total_moves;
  }
};

}  // namespace corridor::detail

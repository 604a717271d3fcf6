// Deterministic parallel sweeps over the nodes of a level graph, shared by label propagation,
// Louvain and Leiden.
//
// Node-moving methods are sequential by nature: each node decides from the state its
// predecessors left. Here a sweep visits the nodes block by block (a block is up to kOrderBlock
// consecutive node numbers, visited in a seeded random order; the blocks themselves come in a
// seeded random order), and runs the blocks of one batch side by side. Inside its block a node
// sees every earlier decision of the block at once, exactly as in a sequential sweep; from the
// other blocks of its batch it sees the state at the start of the batch; decisions of earlier
// batches are all visible. A block's work depends only on that state and on its own seeded
// generator, and batches are committed in block order, so the result is the same for any number
// of threads (one thread runs the very same schedule). With one block per batch this is the
// sequential method. On a graph renumbered for locality a block holds whole groups of tied
// nodes, so most decisions see fresh state.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

#include "community/community_impl.hpp"
#include "corridor/community/partition.hpp"
#include "random.hpp"

#ifdef CORRIDOR_HAVE_OPENMP
#include <omp.h>
#endif

namespace corridor::detail {

/// Blocks of consecutive node numbers and their visiting order for one sweep.
struct BlockSchedule {
  std::uint32_t n = 0;
  std::uint32_t size = kOrderBlock;        // nodes per block (the last one may hold fewer), a power of 2
  std::uint32_t shift = std::countr_zero(kOrderBlock);  // log2(size): block_of() runs for every arc a move queues
  std::uint32_t blocks = 0;
  std::uint32_t batch = 1;                // blocks run side by side
  std::vector<std::uint32_t> block_order;  // seeded random order of the blocks
  std::vector<std::uint32_t> rank;         // position of each block in block_order

  std::uint32_t lo(std::uint32_t b) const { return b << shift; }
  std::uint32_t hi(std::uint32_t b) const { return std::min(n, (b + 1) << shift); }
  std::uint32_t block_of(std::uint32_t u) const { return u >> shift; }
};

/// Batches hold up to 32 blocks, and at least 16 batches make a sweep, so on small levels most
/// decisions still see fresh state; graphs of one block are swept sequentially.
inline constexpr std::uint32_t kMaxBatchBlocks = 32;
inline constexpr std::uint32_t kMinBatchesPerSweep = 16;
/// Blocks a parallel sweep would like to have (8 per batch): enough for the cores to share.
inline constexpr std::uint32_t kWantedBlocks = 8 * kMinBatchesPerSweep;

/// The schedule of one sweep over n nodes. Blocks hold kOrderBlock nodes; with min_block <
/// kOrderBlock, a parallel sweep over too few blocks to share among cores (the small, dense upper
/// levels of Louvain and Leiden, where a few thousand nodes carry millions of arcs) halves them,
/// down to min_block nodes, until it has kWantedBlocks. The size depends on n only, never on the
/// thread count; a sequential sweep, or one that would still run one block at a time, keeps
/// kOrderBlock.
inline BlockSchedule block_schedule(std::uint32_t n, Rng& rng, Schedule schedule,
                                    std::uint32_t min_block = kOrderBlock) {
  BlockSchedule s;
  s.n = n;
  auto count = [n](std::uint32_t size) { return (n + size - 1) / size; };
  auto batch = [](std::uint32_t blocks) {
    return std::clamp<std::uint32_t>(blocks / kMinBatchesPerSweep, 1, kMaxBatchBlocks);
  };
  if (schedule == Schedule::parallel) {
    while (s.size > min_block && count(s.size) < kWantedBlocks) s.size /= 2;
    if (batch(count(s.size)) == 1) s.size = kOrderBlock;
  }
  s.shift = static_cast<std::uint32_t>(std::countr_zero(s.size));
  s.blocks = count(s.size);
  s.batch = schedule == Schedule::sequential ? 1 : batch(s.blocks);
  s.block_order.resize(s.blocks);
  for (std::uint32_t b = 0; b < s.blocks; ++b) s.block_order[b] = b;
  rng.shuffle(s.block_order);
  s.rank.resize(s.blocks);
  for (std::uint32_t i = 0; i < s.blocks; ++i) s.rank[s.block_order[i]] = i;
  return s;
}

/// The first rank of the batch after the one of the block at `position`: pass it to
/// in_later_batch, once per block rather than a division per arc.
inline std::uint32_t next_batch_rank(const BlockSchedule& s, std::uint32_t position) {
  return (position / s.batch + 1) * s.batch;
}

/// True when node u is in a block that runs in a later batch than the block whose
/// next_batch_rank is `later` (its state cannot change before that block runs).
inline bool in_later_batch(const BlockSchedule& s, std::uint32_t later, std::uint32_t u) {
  return s.rank[s.block_of(u)] >= later;
}

/// A seed for block b's generator in a given sweep: a different stream per (seed, sweep, block).
inline std::uint64_t block_seed(std::uint64_t seed, std::uint64_t sweep, std::uint32_t block) {
  std::uint64_t x = seed ^ (0x9E3779B97F4A7C15ull * (sweep + 1));
  std::uint64_t a = splitmix64(x);
  x = a ^ (0xD1B54A32D192ED03ull * (static_cast<std::uint64_t>(block) + 1));
  return splitmix64(x);
}

/// The nodes of block b in a random order drawn from rng.
inline void block_nodes(const BlockSchedule& s, std::uint32_t b, Rng& rng, std::vector<std::uint32_t>& out) {
  out.clear();
  for (std::uint32_t v = s.lo(b); v < s.hi(b); ++v) out.push_back(v);
  for (std::size_t j = out.size(); j > 1; --j) std::swap(out[j - 1], out[rng.below(j)]);
}

inline int thread_index() {
#ifdef CORRIDOR_HAVE_OPENMP
  return omp_get_thread_num();
#else
  return 0;
#endif
}

inline int max_threads() {
#ifdef CORRIDOR_HAVE_OPENMP
  return omp_get_max_threads();
#else
  return 1;
#endif
}

/// One sweep: for each batch, visit(slot, block) for its blocks in parallel (slot = position in
/// the batch, < s.batch, for per-block output buffers), then commit(slot, block) for each of them
/// in block-order, one after the other. visit must only read shared state and write its slot's
/// buffers; commit applies a slot's buffers to the shared state.
template <class Visit, class Commit>
void sweep_blocks(const BlockSchedule& s, Visit&& visit, Commit&& commit) {
  const std::uint32_t blocks = s.blocks;
  if (blocks == 0) return;
  const std::uint32_t batch = s.batch;
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel if (batch > 1)
#endif
  {
    for (std::uint32_t first = 0; first < blocks; first += batch) {
      const std::uint32_t last = std::min(blocks, first + batch);
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
      for (std::int64_t i = first; i < static_cast<std::int64_t>(last); ++i)
        visit(static_cast<std::uint32_t>(i) - first, s.block_order[static_cast<std::size_t>(i)]);
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp single
#endif
      for (std::uint32_t i = first; i < last; ++i) commit(i - first, s.block_order[i]);
    }
  }
}

}  // namespace corridor::detail

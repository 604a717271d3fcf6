#include "corridor/graph/order.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "corridor/error.hpp"

namespace corridor {

namespace {

// Vertices are visited in blocks of this many consecutive numbers: inside a block one after
// the other (each sees the groups its block-mates just chose), the blocks side by side reading
// the previous round's groups outside their block. A fixed block size (not one per thread)
// keeps the result independent of the thread count.
constexpr vertex_t kBlock = 4096;

std::vector<vertex_t> degree_order(const Graph& g) {
  std::vector<vertex_t> order(g.num_vertices());
  std::iota(order.begin(), order.end(), vertex_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](vertex_t a, vertex_t b) { return g.out_degree(a) + g.in_degree(a) > g.out_degree(b) + g.in_degree(b); });
  return order;
}

// Groups by label propagation (see vertex_order); returns each vertex's group (a vertex number).
std::vector<vertex_t> locality_groups(const Graph& g, int rounds) {
  const vertex_t n = g.num_vertices();
  std::vector<vertex_t> prev(n), cur(n);
  std::iota(cur.begin(), cur.end(), vertex_t{0});
  const std::uint64_t* off = g.out_offsets().data();
  const vertex_t* tgt = g.out_targets().data();
  const double* w = g.arc_weights().data();
  const bool directed = g.directed();
  const vertex_t blocks = (n + kBlock - 1) / kBlock;
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel if (blocks > 1)
#endif
  {
    std::vector<double> score(n, 0.0);  // per thread: tie strength to each group, zero between vertices
    std::vector<vertex_t> touched;
    for (int round = 0; round < rounds; ++round) {
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp single
#endif
      prev = cur;
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp for schedule(dynamic, 4)
#endif
      for (std::int64_t b = 0; b < static_cast<std::int64_t>(blocks); ++b) {
        const vertex_t lo = static_cast<vertex_t>(b) * kBlock, hi = std::min<vertex_t>(n, lo + kBlock);
        for (vertex_t v = lo; v < hi; ++v) {
          auto tally = [&](vertex_t u, double x) {
            const vertex_t l = (u >= lo && u < hi) ? cur[u] : prev[u];
            if (score[l] == 0.0) touched.push_back(l);
            score[l] += x;
          };
          for (std::uint64_t a = off[v]; a < off[v + 1]; ++a) tally(tgt[a], w[a]);
          if (directed) {
            auto in = g.in_neighbors(v);
            auto iw = g.in_weights(v);
            for (std::size_t i = 0; i < in.size(); ++i) tally(in[i], iw[i]);
          }
          if (touched.empty()) continue;
          vertex_t best = cur[v];
          double top = -1.0;
          for (vertex_t l : touched) {
            if (score[l] > top || (score[l] == top && l < best)) top = score[l], best = l;
            score[l] = 0.0;
          }
          touched.clear();
          cur[v] = best;
        }
      }
    }
  }
  return cur;
}

}  // namespace

std::vector<vertex_t> vertex_order(const Graph& g, const VertexOrderParams& p) {
  if (p.rounds < 1) throw ParamError("vertex_order: rounds must be >= 1, got " + std::to_string(p.rounds));
  const vertex_t n = g.num_vertices();
  switch (p.order) {
    case VertexOrder::input: {
      std::vector<vertex_t> order(n);
      std::iota(order.begin(), order.end(), vertex_t{0});
      return order;
    }
    case VertexOrder::degree: return degree_order(g);
    case VertexOrder::locality: break;
  }
  const std::vector<vertex_t> group = locality_groups(g, p.rounds);
  // Inside a group, vertices by decreasing row length (ties by number). A kernel's loop over a
  // row then ends after the same count for long runs of rows, which the branch predictor learns:
  // on 1M vertices / 20M arcs in number order nearly every row end was a mispredicted branch,
  // which cost more time than reading the row. Two stable counting sorts: by decreasing row
  // length, then by group.
  const std::uint64_t* row = g.in_offsets().data();  // pull kernels read in-rows (= out-rows if undirected)
  const auto length = [&](vertex_t v) { return row[v + 1] - row[v]; };
  std::uint64_t longest = 0;
  for (vertex_t v = 0; v < n; ++v) longest = std::max(longest, length(v));
  std::vector<vertex_t> by_length(n);
  {
    std::vector<vertex_t> start(static_cast<std::size_t>(longest) + 2, 0);
    for (vertex_t v = 0; v < n; ++v) ++start[longest - length(v) + 1];
    std::partial_sum(start.begin(), start.end(), start.begin());
    for (vertex_t v = 0; v < n; ++v) by_length[start[longest - length(v)]++] = v;
  }
  std::vector<vertex_t> start(static_cast<std::size_t>(n) + 1, 0);
  for (vertex_t v = 0; v < n; ++v) ++start[group[v] + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<vertex_t> order(n);
  for (vertex_t v : by_length) order[start[group[v]]++] = v;
  return order;
}

void renumber(View& view, std::span<const vertex_t> order) {
  view.graph = view.graph.renumbered(order);  // checks that order is a permutation
  std::vector<NodeId> node_of(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) node_of[i] = view.node_of[order[i]];
  view.node_of = std::move(node_of);
  for (std::size_t i = 0; i < view.node_of.size(); ++i) view.vertex_of[view.node_of[i]] = static_cast<vertex_t>(i);
}

}  // namespace corridor

// corridor/graph/order.hpp: vertex orders that make graph kernels cache friendly.
//
// Kernels such as PageRank, propagation, label propagation and Leiden spend most of their time
// reading a value per neighbour. When neighbours have nearby numbers those reads hit the cache;
// when numbers are scattered (as they are in most real data: ids follow file order, not
// structure) nearly every read misses. Renumbering the graph once so that densely tied vertices
// sit together, running the kernels on the renumbered graph and mapping the answers back is
// often worth several times the cost of the renumbering. The answers are the same up to
// rounding (sums over neighbours run in another order) and, for seeded randomised methods,
// up to the seed's draw (the visiting order changes).
//
//   auto order = corridor::vertex_order(g, {.order = corridor::VertexOrder::locality});
//   corridor::Graph h = g.renumbered(order);                // vertex order[i] of g is i of h
//   auto pr = corridor::pagerank(h, {});
//   std::vector<double> scores = corridor::in_input_order(pr.scores, order);   // back to g's numbers
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/graph/graph.hpp"
#include "corridor/graph/view.hpp"

namespace corridor {

enum class VertexOrder {
  input,     ///< 0, 1, ..., n-1: the graph's own numbering
  degree,    ///< decreasing degree, ties by number: the hubs' values share cache lines
  locality,  ///< groups of densely tied vertices together (a few rounds of label propagation)
};

/// Parameters of vertex_order().
struct VertexOrderParams {
  VertexOrder order = VertexOrder::locality;
  /// Rounds of label propagation for VertexOrder::locality (>= 1): more rounds merge small
  /// groups into larger ones; 3 already gives most of the gain on community-structured graphs.
  int rounds = 3;
};

/// A permutation of the vertices: order[i] is the vertex placed at position i.
/// locality: every vertex starts in its own group, then each round visits the vertices in
/// number order (in fixed blocks, sequentially inside a block, the blocks in parallel reading
/// the previous round's groups outside their block) and moves each into the group it is tied
/// to most strongly (arc weights summed; ties to the smaller group number); finally vertices are
/// listed group by group (groups by number; inside a group by decreasing in-degree, i.e. row
/// length of the pull kernels, ties by number, so that runs of equal-length rows let a kernel's
/// row loop end predictably). Deterministic for any thread count. Time O(rounds * (n + m) +
/// max degree), memory O(n) per thread.
/// Throws ParamError when rounds < 1.
std::vector<vertex_t> vertex_order(const Graph& g, const VertexOrderParams& p = {});

/// Renumbers a view's graph by `order` (vertex order[i] becomes i) and keeps node_of and
/// vertex_of in step, so every caller that maps results through node_of is unaffected.
/// Throws ParamError when order is not a permutation of the view's vertices.
void renumber(View& view, std::span<const vertex_t> order);

/// values[i] belongs to vertex order[i]; returns the values by the original numbering
/// (out[order[i]] = values[i]). Throws ParamError when the sizes differ.
template <class T>
std::vector<T> in_input_order(std::span<const T> values, std::span<const vertex_t> order) {
  if (values.size() != order.size())
    throw ParamError("in_input_order: " + std::to_string(values.size()) + " values for an order of " +
                     std::to_string(order.size()) + " vertices");
  std::vector<T> out(values.size());
  for (std::size_t i = 0; i < order.size(); ++i) out[order[i]] = values[i];
  return out;
}

/// Same for a vector.
template <class T>
std::vector<T> in_input_order(const std::vector<T>& values, std::span<const vertex_t> order) {
  return in_input_order(std::span<const T>(values), order);
}

}  // namespace corridor

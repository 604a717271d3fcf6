// corridor/graph/components.hpp: connected components, in parallel.
//
// Which actors can reach one another at all, whatever the direction of the ties: the first
// question about a network, and the unit other measures are read within (a broker between two
// components does not exist). Components are numbered by their smallest vertex, so the answer
// is one fixed partition whatever the thread count.
//
//   auto cc = corridor::connected_components(g);
//   std::cout << cc.count << " components, the largest has " << cc.largest_size << " vertices\n";
//   if (cc.membership[u] == cc.membership[v]) ...;   // u and v are linked by some path
#pragma once

#include <cstddef>
#include <vector>

#include "corridor/graph/graph.hpp"

namespace corridor {

/// Connected components (weakly connected for a directed graph: arcs are followed both ways).
struct ComponentsResult {
  std::vector<vertex_t> membership;   ///< component of each vertex: 0..count-1, by smallest vertex
  std::size_t count = 0;              ///< number of components (isolated vertices count)
  std::vector<std::size_t> sizes;     ///< vertices per component
  std::size_t largest_size = 0;       ///< size of the largest component (0 for an empty graph)
};

/// Connected components by Afforest (Sutton, Ben-Nun & Barak 2018, "Optimizing parallel graph
/// connectivity computation via subgraph sampling", IPDPS): concurrent union-find that links each
/// vertex to its first two neighbours, finds the component most vertices already belong to (from
/// a fixed sample), and links the remaining arcs only of vertices outside it, so a giant
/// component costs little more than one pass over the vertices. Links always hang the larger
/// root under the smaller, so each root is its component's smallest vertex and the numbering
/// does not depend on the order links happened in: the result is the same on any thread count.
/// Time O(n + m) expected, memory O(n). Parallel with OpenMP.
ComponentsResult connected_components(const Graph& g);

}  // namespace corridor

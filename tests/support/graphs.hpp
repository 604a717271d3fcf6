// Test support: the reference graphs under tests/data/graphs (karate, Florentine families, Les
// Misérables): "u v [w]" edge lines, '#' comments and optional "name ID NAME" lines.
#pragma once

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "corridor/graph/graph.hpp"

namespace corridor::test {

struct TestGraph {
  Graph graph;
  std::vector<std::string> names;  ///< from "name ID NAME" lines; empty when the file has none
};

/// Reads tests/data/graphs/<file>; the weight column is used only when `weighted`.
inline TestGraph read_test_graph(const std::string& file, bool weighted = false,
                                 Direction direction = Direction::undirected) {
  std::ifstream in(std::string(CORRIDOR_TEST_DATA) + "/graphs/" + file);
  if (!in) throw std::runtime_error("cannot open test graph " + file);
  TestGraph t;
  std::vector<Graph::Edge> edges;
  vertex_t n = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ss(line);
    if (line.rfind("name ", 0) == 0) {
      std::string tag, name;
      std::size_t id = 0;
      ss >> tag >> id >> name;
      if (t.names.size() <= id) t.names.resize(id + 1);
      t.names[id] = name;
      continue;
    }
    Graph::Edge e;
    if (!(ss >> e.u >> e.v)) continue;
    double w = 1.0;
    if (weighted && (ss >> w)) e.w = w;
    edges.push_back(e);
    n = std::max({n, e.u + 1, e.v + 1});
  }
  n = std::max<vertex_t>(n, static_cast<vertex_t>(t.names.size()));  // a named vertex exists
  t.graph = Graph::from_edges(n, edges, direction);
  return t;
}

}  // namespace corridor::test

// benchmarks/edge_list.hpp: a fast reader of plain edge lists for the benchmark programs.
//
// A line is `u v [w]` with 0-based integer ids separated by blanks or commas; blank lines and
// lines starting with '#' or '%' are skipped. The whole file is read in one go and parsed without
// locale or stream machinery, so load time measures the library (graph construction), not iostreams.
//
//   auto el = corridor::bench::read_edge_list("g.txt");
//   auto g = corridor::Graph::from_edges(el.num_vertices, el.edges, corridor::Direction::undirected);
#pragma once

#include <charconv>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "corridor/graph/graph.hpp"

namespace corridor::bench {

struct EdgeList {
  vertex_t num_vertices = 0;
  std::vector<Graph::Edge> edges;
  bool has_weights = false;  ///< true when any line carries a third column
  std::size_t bytes = 0;     ///< size of the file
};

inline std::string read_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error("cannot open " + path);
  std::string data;
  std::fseek(f, 0, SEEK_END);
  long size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  if (size > 0) {
    data.resize(static_cast<std::size_t>(size));
    if (std::fread(data.data(), 1, data.size(), f) != data.size()) {
      std::fclose(f);
      throw std::runtime_error("cannot read " + path);
    }
  }
  std::fclose(f);
  return data;
}

/// Parses `u v [w]` lines; `weighted` = false ignores a third column (every weight 1).
inline EdgeList parse_edge_list(const std::string& data, bool weighted, const std::string& name = "edges") {
  EdgeList out;
  out.bytes = data.size();
  out.edges.reserve(data.size() / 12);
  const char* p = data.data();
  const char* end = p + data.size();
  std::size_t line = 0;
  std::uint64_t max_id = 0;
  bool any = false;
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == ',' || c == '\r'; };
  auto fail = [&](const char* what) {
    throw std::runtime_error(name + ":" + std::to_string(line) + ": " + what);
  };
  while (p < end) {
    ++line;
    while (p < end && blank(*p)) ++p;
    if (p == end) break;
    if (*p == '\n') { ++p; continue; }
    if (*p == '#' || *p == '%') {
      while (p < end && *p != '\n') ++p;
      continue;
    }
    std::uint64_t ids[2];
    for (int k = 0; k < 2; ++k) {
      while (p < end && blank(*p)) ++p;
      if (p == end || *p < '0' || *p > '9') fail("expected a non-negative integer id");
      std::uint64_t x = 0;
      while (p < end && *p >= '0' && *p <= '9') x = x * 10 + static_cast<std::uint64_t>(*p++ - '0');
      if (x >= kNoVertex) fail("id too large");
      ids[k] = x;
    }
    double w = 1.0;
    while (p < end && blank(*p)) ++p;
    if (p < end && *p != '\n') {
      auto [q, ec] = std::from_chars(p, end, w);
      if (ec != std::errc()) fail("bad weight");
      p = q;
      out.has_weights = true;
      if (!weighted) w = 1.0;
      while (p < end && blank(*p)) ++p;
      if (p < end && *p != '\n') fail("more than three columns");
    }
    if (p < end) ++p;  // the newline
    max_id = std::max(max_id, std::max(ids[0], ids[1]));
    any = true;
    out.edges.push_back({static_cast<vertex_t>(ids[0]), static_cast<vertex_t>(ids[1]), w, 0});
  }
  out.num_vertices = any ? static_cast<vertex_t>(max_id + 1) : 0;
  return out;
}

inline EdgeList read_edge_list(const std::string& path, bool weighted) {
  return parse_edge_list(read_file(path), weighted, path);
}

}  // namespace corridor::bench

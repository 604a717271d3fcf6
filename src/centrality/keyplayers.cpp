// Articulation points, bridges and Borgatti's key player sets.
//
// One iterative lowpoint DFS (Hopcroft-Tarjan) serves all three. For KPP-Neg it also records,
// for every vertex v, how its component would split if v were removed: each DFS child c with
// low[c] >= disc[v] becomes its own piece of size[c], and the rest of the component stays
// together. That scores every candidate of a greedy step in one O(n + m) pass.
#include "corridor/centrality/keyplayers.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

#include "corridor/error.hpp"

namespace corridor {

namespace {

std::uint64_t pairs(std::uint64_t s) { return s * (s - (s > 0 ? 1 : 0)); }

struct Lowpoint {
  std::vector<vertex_t> disc, low, size;   // disc == kNoVertex: removed or not visited
  std::vector<vertex_t> root;              // root of v's DFS tree
  std::vector<std::uint64_t> split_pairs;  // sum of pairs() over the pieces removing v leaves
  std::vector<std::uint8_t> cut;           // articulation point
  std::vector<std::pair<vertex_t, vertex_t>> bridge_list;
  std::uint64_t total_pairs = 0;           // sum of pairs() over components
};

// The DFS's working arrays, kept between the searches of one key-player run: KPP-Neg runs one
// search per greedy step and per swap, and allocating (and faulting in) eleven arrays of n for
// each was a tenth of a search on a million vertices.
struct LowpointScratch {
  std::vector<vertex_t> sep_size, children, parent, stack;
  std::vector<std::uint64_t> next;
};

// Lowpoint DFS over the undirected graph g without the vertices where removed[v] != 0, into L.
void lowpoint(const Graph& g, const std::vector<std::uint8_t>& removed, bool want_bridges, Lowpoint& L,
              LowpointScratch& scratch) {
  const vertex_t n = g.num_vertices();
  L.disc.assign(n, kNoVertex);
  L.low.assign(n, 0);
  L.size.assign(n, 1);
  L.root.assign(n, kNoVertex);
  L.split_pairs.assign(n, 0);
  L.cut.assign(n, 0);
  L.bridge_list.clear();
  L.total_pairs = 0;
  auto& sep_size = scratch.sep_size;
  auto& children = scratch.children;
  auto& parent = scratch.parent;
  auto& next = scratch.next;
  auto& stack = scratch.stack;
  sep_size.assign(n, 0);
  children.assign(n, 0);
  parent.assign(n, kNoVertex);
  next.assign(n, 0);
  stack.clear();
  const auto off = g.out_offsets();
  const auto adj = g.out_targets();
  vertex_t time = 0;
  for (vertex_t r = 0; r < n; ++r) {
    if (removed[r] || L.disc[r] != kNoVertex) continue;
    L.disc[r] = L.low[r] = time++;
    L.root[r] = r;
    next[r] = off[r];
    stack.push_back(r);
    while (!stack.empty()) {
      const vertex_t v = stack.back();
      if (next[v] < off[v + 1]) {
        const vertex_t x = adj[next[v]++];
        if (removed[x]) continue;
        if (L.disc[x] == kNoVertex) {
          parent[x] = v;
          L.root[x] = r;
          L.disc[x] = L.low[x] = time++;
          next[x] = off[x];
          stack.push_back(x);
        } else if (x != parent[v]) {
          L.low[v] = std::min(L.low[v], L.disc[x]);
        }
        continue;
      }
      stack.pop_back();
      const vertex_t p = parent[v];
      if (p == kNoVertex) continue;
      L.low[p] = std::min(L.low[p], L.low[v]);
      L.size[p] += L.size[v];
      ++children[p];
      if (L.low[v] >= L.disc[p]) {
        sep_size[p] += L.size[v];
        L.split_pairs[p] += pairs(L.size[v]);
        if (p != r) L.cut[p] = 1;
      }
      if (want_bridges && L.low[v] > L.disc[p]) L.bridge_list.emplace_back(std::min(p, v), std::max(p, v));
    }
    if (children[r] >= 2) L.cut[r] = 1;
    L.total_pairs += pairs(L.size[r]);
  }
  for (vertex_t v = 0; v < n; ++v) {
    if (L.disc[v] == kNoVertex) continue;
    const std::uint64_t comp = L.size[L.root[v]];
    L.split_pairs[v] += pairs(comp - 1 - sep_size[v]);
  }
}

Lowpoint lowpoint(const Graph& g, const std::vector<std::uint8_t>& removed, bool want_bridges) {
  Lowpoint L;
  LowpointScratch scratch;
  lowpoint(g, removed, want_bridges, L, scratch);
  return L;
}

const Graph& undirected_of(const Graph& g, Graph& storage) {
  if (!g.directed()) return g;
  storage = g.to_undirected();
  return storage;
}

// Sum of pairs() over the components of g without `removed`, if v were removed as well.
std::uint64_t pairs_without(const Lowpoint& L, vertex_t v) {
  const std::uint64_t comp = L.size[L.root[v]];
  return L.total_pairs - pairs(comp) + L.split_pairs[v];
}

double fragmentation(std::uint64_t connected_pairs, vertex_t n) {
  if (n < 2) return 1.0;
  const double nn = n;
  return 1.0 - static_cast<double>(connected_pairs) / (nn * (nn - 1.0));
}

// Best vertex to remove next, from the search L over the graph without `removed` (fewest
// connected pairs left; lowest id on ties).
std::pair<vertex_t, std::uint64_t> best_removal(const Lowpoint& L, const std::vector<std::uint8_t>& removed) {
  vertex_t best = kNoVertex;
  std::uint64_t best_pairs = 0;
  for (vertex_t v = 0; v < removed.size(); ++v) {
    if (removed[v]) continue;
    const std::uint64_t left = pairs_without(L, v);
    if (best == kNoVertex || left < best_pairs) best = v, best_pairs = left;
  }
  return {best, best_pairs};
}

// Each search below is O(n + m), and on a large case they are most of the run's time: the
// search over the whole graph serves the first greedy step and the empty set's score, and the
// swaps leave `current` equal to the connected pairs without all k players, the last prefix's
// score. The other prefixes need a search each.
KeyPlayerResult kpp_negative(const Graph& g, std::size_t k) {
  const vertex_t n = g.num_vertices();
  std::vector<std::uint8_t> removed(n, 0);
  KeyPlayerResult res;
  Lowpoint L;
  LowpointScratch scratch;
  lowpoint(g, removed, false, L, scratch);
  const std::uint64_t all_pairs = L.total_pairs;
  std::uint64_t current = all_pairs;
  for (std::size_t i = 0; i < k; ++i) {
    if (i > 0) lowpoint(g, removed, false, L, scratch);
    const auto [v, left] = best_removal(L, removed);
    removed[v] = 1;
    res.players.push_back(v);
    current = left;
  }
  for (int pass = 0; pass < 100 && k > 0 && k < n; ++pass) {
    bool improved = false;
    for (std::size_t i = 0; i < k; ++i) {
      removed[res.players[i]] = 0;
      lowpoint(g, removed, false, L, scratch);
      const auto [v, left] = best_removal(L, removed);
      if (left < current) {
        res.players[i] = v;
        current = left;
        improved = true;
      }
      removed[res.players[i]] = 1;
    }
    if (!improved) break;
  }
  std::fill(removed.begin(), removed.end(), 0);
  double prev = fragmentation(all_pairs, n);
  for (std::size_t i = 0; i < res.players.size(); ++i) {
    removed[res.players[i]] = 1;
    std::uint64_t left = current;
    if (i + 1 < res.players.size()) {
      lowpoint(g, removed, false, L, scratch);
      left = L.total_pairs;
    }
    const double f = fragmentation(left, n);
    res.marginal.push_back(f - prev);
    prev = f;
  }
  res.score = prev;
  return res;
}

// Breadth-first ball of radius d around the vertices of `from`, marking `mark` with `stamp`.
struct Balls {
  const Graph& g;
  int d;
  std::vector<std::uint32_t> seen;
  std::vector<int> depth;
  std::vector<vertex_t> queue;
  std::uint32_t stamp = 0;
  Balls(const Graph& graph, int radius) : g(graph), d(radius), seen(graph.num_vertices(), 0), depth(graph.num_vertices(), 0) {}

  // Vertices within d of c (c included); `queue` holds them afterwards.
  void ball(vertex_t c) {
    ++stamp;
    queue.clear();
    queue.push_back(c);
    seen[c] = stamp;
    depth[c] = 0;
    for (std::size_t h = 0; h < queue.size(); ++h) {
      const vertex_t v = queue[h];
      if (depth[v] == d) continue;
      for (vertex_t x : g.out_neighbors(v)) {
        if (seen[x] == stamp) continue;
        seen[x] = stamp;
        depth[x] = depth[v] + 1;
        queue.push_back(x);
      }
    }
  }
};

// Players and everything within d of them.
std::vector<std::uint8_t> coverage(Balls& b, const std::vector<vertex_t>& players, std::size_t skip) {
  std::vector<std::uint8_t> cov(b.g.num_vertices(), 0);
  for (std::size_t i = 0; i < players.size(); ++i) {
    if (i == skip) continue;
    b.ball(players[i]);
    for (vertex_t v : b.queue) cov[v] = 1;
  }
  return cov;
}

// Best vertex to add to a set with coverage `cov` (most newly covered; lowest id on ties).
std::pair<vertex_t, std::size_t> best_addition(Balls& b, const std::vector<std::uint8_t>& cov,
                                               const std::vector<std::uint8_t>& is_player) {
  vertex_t best = kNoVertex;
  std::size_t best_gain = 0;
  for (vertex_t c = 0; c < b.g.num_vertices(); ++c) {
    if (is_player[c]) continue;
    b.ball(c);
    std::size_t gain = 0;
    for (vertex_t v : b.queue) gain += cov[v] ? 0 : 1;
    if (best == kNoVertex || gain > best_gain) best = c, best_gain = gain;
  }
  return {best, best_gain};
}

KeyPlayerResult kpp_positive(const Graph& g, std::size_t k, int d) {
  const vertex_t n = g.num_vertices();
  Balls b(g, d);
  KeyPlayerResult res;
  std::vector<std::uint8_t> is_player(n, 0), cov(n, 0);
  std::size_t covered = 0;
  for (std::size_t i = 0; i < k; ++i) {
    const auto [c, gain] = best_addition(b, cov, is_player);
    is_player[c] = 1;
    res.players.push_back(c);
    b.ball(c);
    for (vertex_t v : b.queue) cov[v] = 1;
    covered += gain;
  }
  for (int pass = 0; pass < 100 && k > 0 && k < n; ++pass) {
    bool improved = false;
    for (std::size_t i = 0; i < k; ++i) {
      is_player[res.players[i]] = 0;
      const auto rest = coverage(b, res.players, i);
      std::size_t base = 0;
      for (auto x : rest) base += x;
      const auto [c, gain] = best_addition(b, rest, is_player);
      if (base + gain > covered) {
        res.players[i] = c;
        covered = base + gain;
        improved = true;
      }
      is_player[res.players[i]] = 1;
    }
    if (!improved) break;
  }
  // prefix scores: share of the non-players within d of a player
  std::fill(cov.begin(), cov.end(), 0);
  std::size_t count = 0;
  double prev = 0.0;
  for (std::size_t i = 0; i < res.players.size(); ++i) {
    b.ball(res.players[i]);
    for (vertex_t v : b.queue) count += cov[v] ? 0 : 1, cov[v] = 1;
    const std::size_t others = n - (i + 1);
    const double s = others == 0 ? 0.0 : static_cast<double>(count - (i + 1)) / static_cast<double>(others);
    res.marginal.push_back(s - prev);
    prev = s;
  }
  res.score = prev;
  return res;
}

}  // namespace

std::vector<vertex_t> articulation_points(const Graph& graph) {
  Graph storage;
  const Graph& g = undirected_of(graph, storage);
  const Lowpoint L = lowpoint(g, std::vector<std::uint8_t>(g.num_vertices(), 0), false);
  std::vector<vertex_t> out;
  for (vertex_t v = 0; v < g.num_vertices(); ++v)
    if (L.cut[v]) out.push_back(v);
  return out;
}

std::vector<std::pair<vertex_t, vertex_t>> bridges(const Graph& graph) {
  Graph storage;
  const Graph& g = undirected_of(graph, storage);
  Lowpoint L = lowpoint(g, std::vector<std::uint8_t>(g.num_vertices(), 0), true);
  std::sort(L.bridge_list.begin(), L.bridge_list.end());
  return std::move(L.bridge_list);
}

KeyPlayerResult key_players(const Graph& graph, const KeyPlayerParams& p) {
  const vertex_t n = graph.num_vertices();
  if (p.k > n)
    throw ParamError("key players: k must be in [0, " + std::to_string(n) + "] (the number of vertices), got " +
                     std::to_string(p.k));
  if (p.mode == KeyPlayerMode::positive && p.max_distance < 1)
    throw ParamError("key players: max_distance must be >= 1, got " + std::to_string(p.max_distance));
  Graph storage;
  const Graph& g = undirected_of(graph, storage);
  return p.mode == KeyPlayerMode::negative ? kpp_negative(g, p.k) : kpp_positive(g, p.k, p.max_distance);
}

}  // namespace corridor

#include "corridor/propagation/explain.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <queue>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "propagation/operator_impl.hpp"
#include "propagation/paths_impl.hpp"
#include "src_util.hpp"

namespace corridor {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double seed_cost(double confidence) { return -std::log(std::min(confidence, 1.0)); }

struct HeapEntry {
  double key;
  NodeId v;
  bool operator>(const HeapEntry& o) const { return key != o.key ? key > o.key : v > o.v; }
};
using MinHeap = std::priority_queue<HeapEntry, std::vector<HeapEntry>, std::greater<>>;

std::uint64_t edge_key(NodeId a, NodeId b) {
  if (a > b) std::swap(a, b);
  return (static_cast<std::uint64_t>(a) << 32) | b;
}

// A path while searching: vertices from the explained node to a seed, and its length.
struct Candidate {
  double cost;
  std::vector<NodeId> nodes;
  bool operator<(const Candidate& o) const { return cost != o.cost ? cost < o.cost : nodes < o.nodes; }
};

// A* from `start` to the first seed, avoiding blocked vertices and ties; h = index.dist is exact
// in the full graph, hence admissible and consistent in any subgraph. Returns start..seed and
// the length (arc lengths + the seed's own -log confidence), or an empty path.
std::pair<std::vector<NodeId>, double> spur_search(const ExplainIndex& idx, NodeId start,
                                                   const std::unordered_set<NodeId>& blocked_nodes,
                                                   const std::unordered_set<std::uint64_t>& blocked_ties,
                                                   std::size_t max_expansions, double bound) {
  const Graph& g = idx.graph;
  struct State {
    double g;
    NodeId parent;
    bool closed;
  };
  std::unordered_map<NodeId, State> state;
  MinHeap heap;
  if (!std::isfinite(idx.dist[start]) || idx.dist[start] > bound) return {};
  state[start] = {0.0, kNoNode, false};
  heap.push({idx.dist[start], start});
  std::size_t expansions = 0;
  while (!heap.empty()) {
    const HeapEntry top = heap.top();
    heap.pop();
    State& su = state[top.v];
    if (su.closed) continue;
    su.closed = true;
    const NodeId u = top.v;
    if (idx.seed_weight[u] > 0) {
      std::vector<NodeId> path;
      for (NodeId x = u; x != kNoNode; x = state[x].parent) path.push_back(x);
      std::reverse(path.begin(), path.end());
      return {std::move(path), su.g + seed_cost(idx.seed_weight[u])};
    }
    if (++expansions > max_expansions) return {};
    const double gu = su.g;
    auto nb = g.out_neighbors(u);
    auto w = g.out_weights(u);
    for (std::size_t i = 0; i < nb.size(); ++i) {
      const NodeId x = nb[i];
      if (!std::isfinite(idx.dist[x]) || blocked_nodes.count(x) || blocked_ties.count(edge_key(u, x))) continue;
      const double gx = gu + detail::arc_cost(w[i]);
      if (gx + idx.dist[x] > bound) continue;  // could not beat the paths already in hand
      auto it = state.find(x);
      if (it != state.end() && (it->second.closed || it->second.g <= gx)) continue;
      state[x] = {gx, u, false};
      heap.push({gx + idx.dist[x], x});
    }
  }
  return {};
}

EvidencePath make_path(const ExplainIndex& idx, const std::vector<NodeId>& to_seed) {
  EvidencePath p;
  p.nodes.assign(to_seed.rbegin(), to_seed.rend());
  p.strength = idx.seed_weight[p.nodes.front()] > 0 ? std::min(idx.seed_weight[p.nodes.front()], 1.0) : 0.0;
  for (std::size_t i = 0; i + 1 < p.nodes.size(); ++i) {
    const std::int64_t a = idx.graph.find_arc(p.nodes[i], p.nodes[i + 1]);
    CORRIDOR_ASSERT(a >= 0);
    const double w = idx.graph.arc_weights()[static_cast<std::size_t>(a)];
    p.evidence.push_back(idx.graph.arc_tags()[static_cast<std::size_t>(a)]);
    p.tie_strength.push_back(w);
    p.strength *= w;
  }
  return p;
}

double path_cost(const ExplainIndex& idx, const std::vector<NodeId>& to_seed) {
  double c = seed_cost(idx.seed_weight[to_seed.back()]);
  for (std::size_t i = 0; i + 1 < to_seed.size(); ++i) {
    const std::int64_t a = idx.graph.find_arc(to_seed[i], to_seed[i + 1]);
    c += detail::arc_cost(idx.graph.arc_weights()[static_cast<std::size_t>(a)]);
  }
  return c;
}

}  // namespace

namespace detail {

SeedTree seed_tree(const Graph& g, std::span<const double> seed_weight) {
  const vertex_t n = g.num_vertices();
  SeedTree t;
  t.dist.assign(n, kInf);
  t.parent.assign(n, kNoNode);
  t.root.assign(n, kNoNode);
  MinHeap heap;
  for (vertex_t v = 0; v < n; ++v)
    if (seed_weight[v] > 0) {
      t.dist[v] = seed_cost(seed_weight[v]);
      t.root[v] = v;
      heap.push({t.dist[v], v});
    }
  while (!heap.empty()) {
    const HeapEntry top = heap.top();
    heap.pop();
    if (top.key > t.dist[top.v]) continue;
    const NodeId u = top.v;
    auto nb = g.out_neighbors(u);
    auto w = g.out_weights(u);
    for (std::size_t i = 0; i < nb.size(); ++i) {
      const NodeId x = nb[i];
      if (seed_weight[x] > 0) continue;  // seeds are terminals: each path ends at its first seed
      const double d = top.key + arc_cost(w[i]);
      if (d < t.dist[x]) {  // strict: the heap order (length, id) alone decides ties
        t.dist[x] = d;
        t.parent[x] = u;
        t.root[x] = t.root[u];
        heap.push({d, x});
      }
    }
  }
  return t;
}

}  // namespace detail

ExplainIndex build_explain_index(const Case& c, std::span<const Seed> seeds, const PropagationParams& p) {
  ExplainIndex idx;
  // Paths start at the given seeds and the group (see propagate()); the direct organizational
  // ties that seed a person are the first hop of their paths.
  idx.seed_weight = detail::seed_vector(c, seeds);
  for (const ImplicitSeed& s : implicit_seeds(c, seeds, {}, p))
    if (s.kind == ImplicitSeed::Kind::group) idx.seed_weight[s.node] += s.weight;
  idx.graph = propagation_graph(c, p);
  detail::SeedTree t = detail::seed_tree(idx.graph, idx.seed_weight);
  idx.dist = std::move(t.dist);
  idx.parent = std::move(t.parent);
  idx.root = std::move(t.root);
  return idx;
}

void check_path_count(int k) {
  if (k < 1 || k > kMaxPaths)
    throw ParamError("the number of paths k must be in [1, " + std::to_string(kMaxPaths) + "], got " +
                     std::to_string(k) + "; an analyst reads a handful, and each one costs spur searches");
}

std::vector<EvidencePath> strongest_paths(const ExplainIndex& idx, NodeId v, const PathParams& p) {
  check_path_count(p.k);
  if (p.max_expansions < 1) throw ParamError("max_expansions must be >= 1");
  if (!(p.min_relative_strength >= 0.0 && p.min_relative_strength < 1.0))
    throw ParamError("min_relative_strength must be in [0,1), got " + detail::format_double(p.min_relative_strength));
  if (v >= idx.dist.size())
    throw ParamError("node " + std::to_string(v) + " is not in the case (" + std::to_string(idx.dist.size()) + " nodes)");
  std::vector<EvidencePath> out;
  if (!std::isfinite(idx.dist[v])) return out;
  // Yen (1971): A holds accepted paths (node -> seed), B the candidates by length.
  std::vector<Candidate> accepted;
  {
    Candidate first{idx.dist[v], {}};
    for (NodeId x = v; x != kNoNode; x = idx.parent[x]) first.nodes.push_back(x);
    accepted.push_back(std::move(first));
  }
  std::set<Candidate> candidates;
  std::set<std::vector<NodeId>> seen{accepted.front().nodes};
  const double best_cost = accepted.front().cost;
  const double weakest = p.min_relative_strength > 0 ? -std::log(p.min_relative_strength) : kInf;
  while (static_cast<int>(accepted.size()) < p.k) {
    const std::vector<NodeId>& prev = accepted.back().nodes;
    for (std::size_t i = 0; i + 1 < prev.size(); ++i) {
      const NodeId spur = prev[i];
      std::unordered_set<std::uint64_t> blocked_ties;
      for (const Candidate& a : accepted)
        if (a.nodes.size() > i + 1 && std::equal(prev.begin(), prev.begin() + static_cast<std::ptrdiff_t>(i) + 1, a.nodes.begin()))
          blocked_ties.insert(edge_key(a.nodes[i], a.nodes[i + 1]));
      std::unordered_set<NodeId> blocked_nodes(prev.begin(), prev.begin() + static_cast<std::ptrdiff_t>(i));
      // Bound: no weaker than min_relative_strength of the strongest path, and no weaker than the
      // candidates that already fill the remaining slots.
      double bound = best_cost + weakest;
      const std::size_t missing = static_cast<std::size_t>(p.k) - accepted.size();
      if (candidates.size() >= missing) bound = std::min(bound, std::next(candidates.begin(), static_cast<std::ptrdiff_t>(missing) - 1)->cost);
      double root_cost = 0.0;
      for (std::size_t j = 0; j < i; ++j)
        root_cost += detail::arc_cost(idx.graph.arc_weights()[static_cast<std::size_t>(idx.graph.find_arc(prev[j], prev[j + 1]))]);
      auto [spur_path, spur_len] =
          spur_search(idx, spur, blocked_nodes, blocked_ties, p.max_expansions, bound - root_cost + 1e-12);
      if (spur_path.empty()) continue;
      std::vector<NodeId> full(prev.begin(), prev.begin() + static_cast<std::ptrdiff_t>(i));
      full.insert(full.end(), spur_path.begin(), spur_path.end());
      if (!seen.insert(full).second) continue;
      candidates.insert({path_cost(idx, full), std::move(full)});
      (void)spur_len;
    }
    if (candidates.empty()) break;
    accepted.push_back(*candidates.begin());
    candidates.erase(candidates.begin());
  }
  out.reserve(accepted.size());
  for (const Candidate& a : accepted) out.push_back(make_path(idx, a.nodes));
  return out;
}

std::string path_text(const Case& c, const EvidencePath& path) {
  std::string s;
  for (std::size_t i = 0; i < path.nodes.size(); ++i) {
    if (i > 0) {
      const EvidenceId e = path.evidence[i - 1];
      s += " -[";
      s += c.relation_name(e);
      const std::string grade = c.grade(e).to_string();
      if (!grade.empty()) {
        s += ' ';
        s += grade;
      }
      s += "]-> ";
    }
    s += c.node_id(path.nodes[i]);
  }
  return s;
}

std::vector<SeedShare> seed_shares(const Case& c, std::span<const Seed> seeds, NodeId v,
                                   const PropagationParams& p) {
  const std::vector<double> y = detail::full_seed_vector(c, seeds, p);
  if (v >= c.num_nodes())
    throw ParamError("node " + std::to_string(v) + " is not in the case (" + std::to_string(c.num_nodes()) + " nodes)");
  const detail::PropagationOperator op = detail::build_operator(c, p);
  const detail::SolveOutput row = detail::apply_row(op, v);
  double total_conf = 0.0;
  for (double w : y) total_conf += w;
  std::vector<SeedShare> shares;
  double sum = 0.0;
  for (NodeId s = 0; s < c.num_nodes(); ++s) {
    if (!(y[s] > 0)) continue;
    const double contribution = row.x[s] * y[s] / total_conf;
    shares.push_back({s, contribution, 0.0});
    sum += contribution;
  }
  for (SeedShare& s : shares) s.fraction = sum > 0 ? s.contribution / sum : 0.0;
  std::stable_sort(shares.begin(), shares.end(),
                   [](const SeedShare& a, const SeedShare& b) { return a.contribution > b.contribution; });
  return shares;
}

std::string path_evidence_lines(const Case& c, const EvidencePath& path, std::string_view indent) {
  std::string text;
  for (std::size_t j = 0; j < path.evidence.size(); ++j) {
    const EvidenceId e = path.evidence[j];
    const std::string grade = c.grade(e).to_string(), date = c.time(e).to_string();
    text += fmt::format("{}{} - {}: {} {} -> {}, grade {}, date {}, source_ref {}, tie strength {:.4g}\n", indent,
                        c.node_id(path.nodes[j]), c.node_id(path.nodes[j + 1]), c.relation_name(e),
                        c.node_id(c.source(e)), c.node_id(c.target(e)), grade.empty() ? "-" : grade,
                        date.empty() ? "-" : date, c.source_ref(e).empty() ? "-" : c.source_ref(e),
                        path.tie_strength[j]);
  }
  return text;
}

}  // namespace corridor

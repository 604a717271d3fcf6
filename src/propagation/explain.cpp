#include "corridor/propagation/explain.hpp"

#include <fmt/core.h>

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
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
constexpr NodeId kSink = kNoNode - 1;  // the virtual end of every spur search, behind the seeds
// Cases up to this many nodes get all their walk sums by one dense solve at indexing.
constexpr std::size_t kDenseWalkSums = 1000;

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

double seed_cost(const ExplainIndex& idx, NodeId s) {
  const double y = idx.seed_weight[s] / idx.total;
  return y > 0 ? -std::log(y) : kInf;
}

// The walk's step from u to w (0 when they are not tied or one is cut out).
double step_between(const detail::PropagationOperator& op, NodeId u, NodeId w) {
  const std::int64_t a = op.graph().find_arc(u, w);
  if (a < 0) return 0.0;
  return op.step(u, w, op.graph().arc_weights()[static_cast<std::size_t>(a)]);
}

// A path while searching: vertices from the explained node back to a seed, and its length.
struct Candidate {
  double cost;
  std::vector<NodeId> nodes;
  bool operator<(const Candidate& o) const { return cost != o.cost ? cost < o.cost : nodes < o.nodes; }
};

// A* from `start` back to any seed (a seed is passed through, and also leads to the sink at
// -log y_s), avoiding blocked vertices and ties. Searching backwards, the tie x -> u costs the
// walk's step u -> x; h = idx.dist (exact in the full graph, so admissible and consistent in any
// subgraph). Returns start..seed and its length, or an empty path.
std::pair<std::vector<NodeId>, double> spur_search(const ExplainIndex& idx, NodeId start,
                                                   const std::unordered_set<NodeId>& blocked_nodes,
                                                   const std::unordered_set<std::uint64_t>& blocked_ties,
                                                   std::size_t max_expansions, double bound) {
  const detail::PropagationOperator& op = *idx.walk;
  const Graph& g = op.graph();
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
  double sink_g = kInf;
  NodeId sink_parent = kNoNode;
  std::size_t expansions = 0;
  while (!heap.empty()) {
    const HeapEntry top = heap.top();
    heap.pop();
    if (top.v == kSink) {
      if (top.key != sink_g) continue;
      std::vector<NodeId> path;
      for (NodeId x = sink_parent; x != kNoNode; x = state[x].parent) path.push_back(x);
      std::reverse(path.begin(), path.end());
      return {std::move(path), sink_g};
    }
    State& su = state[top.v];
    if (su.closed) continue;
    su.closed = true;
    const NodeId u = top.v;
    const double gu = su.g;
    if (idx.seed_weight[u] > 0) {
      const double total = gu + seed_cost(idx, u);
      if (total < sink_g && total <= bound) {
        sink_g = total;
        sink_parent = u;
        heap.push({total, kSink});
      }
    }
    if (++expansions > max_expansions) return {};
    auto nb = g.out_neighbors(u);
    auto w = g.out_weights(u);
    for (std::size_t i = 0; i < nb.size(); ++i) {
      const NodeId x = nb[i];
      if (!std::isfinite(idx.dist[x]) || blocked_nodes.count(x) || blocked_ties.count(edge_key(u, x))) continue;
      const double gx = gu + detail::step_cost(op.step(x, u, w[i]));  // the walk steps x -> u
      if (!std::isfinite(gx) || gx + idx.dist[x] > bound) continue;
      auto it = state.find(x);
      if (it != state.end() && (it->second.closed || it->second.g <= gx)) continue;
      state[x] = {gx, u, false};
      heap.push({gx + idx.dist[x], x});
    }
  }
  return {};
}

double path_cost(const ExplainIndex& idx, const std::vector<NodeId>& to_seed) {
  double c = seed_cost(idx, to_seed.back());
  for (std::size_t i = 0; i + 1 < to_seed.size(); ++i)
    c += detail::step_cost(step_between(*idx.walk, to_seed[i + 1], to_seed[i]));
  return c;
}

// Yen (1971): up to k simple paths from v back to the seeds, shortest first by -log of the walk
// weight (seed weight x steps), as node lists from v to the seed.
std::vector<std::vector<NodeId>> yen(const ExplainIndex& idx, NodeId v, int k, const PathParams& p) {
  std::vector<std::vector<NodeId>> out;
  if (!std::isfinite(idx.dist[v])) return out;
  std::vector<Candidate> accepted;
  {
    // The strongest one is the seed tree's own path.
    Candidate first{idx.dist[v], {}};
    for (NodeId x = v; x != kNoNode; x = idx.parent[x]) first.nodes.push_back(x);
    accepted.push_back(std::move(first));
  }
  std::set<Candidate> candidates;
  std::set<std::vector<NodeId>> seen{accepted.front().nodes};
  const double best_cost = accepted.front().cost;
  const double weakest = p.min_relative_strength > 0 ? -std::log(p.min_relative_strength) : kInf;
  while (static_cast<int>(accepted.size()) < k) {
    const std::vector<NodeId> prev = accepted.back().nodes;
    for (std::size_t i = 0; i + 1 < prev.size() || (i < prev.size() && idx.seed_weight[prev[i]] > 0); ++i) {
      const NodeId spur = prev[i];
      std::unordered_set<std::uint64_t> blocked_ties;
      bool root_ends_here = false;  // an accepted path with this root ends at the spur (a seed)
      for (const Candidate& a : accepted)
        if (a.nodes.size() > i && std::equal(prev.begin(), prev.begin() + static_cast<std::ptrdiff_t>(i) + 1, a.nodes.begin())) {
          if (a.nodes.size() > i + 1) blocked_ties.insert(edge_key(a.nodes[i], a.nodes[i + 1]));
          else root_ends_here = true;
        }
      std::unordered_set<NodeId> blocked_nodes(prev.begin(), prev.begin() + static_cast<std::ptrdiff_t>(i));
      double bound = best_cost + weakest;
      const std::size_t missing = static_cast<std::size_t>(k) - accepted.size();
      if (candidates.size() >= missing)
        bound = std::min(bound, std::next(candidates.begin(), static_cast<std::ptrdiff_t>(missing) - 1)->cost);
      double root_cost = 0.0;
      for (std::size_t j = 0; j < i; ++j) root_cost += detail::step_cost(step_between(*idx.walk, prev[j + 1], prev[j]));
      // A seed spur whose own ending is taken must go on through it: search from its neighbours.
      std::vector<NodeId> full;
      if (root_ends_here) {
        if (idx.seed_weight[spur] <= 0) continue;
        // Block the spur's own ending by searching beyond it: every neighbour as a start.
        std::unordered_set<NodeId> blocked_more = blocked_nodes;
        blocked_more.insert(spur);
        double best = kInf;
        std::vector<NodeId> best_path;
        const Graph& g = idx.walk->graph();
        auto nb = g.out_neighbors(spur);
        auto w = g.out_weights(spur);
        for (std::size_t j = 0; j < nb.size(); ++j) {
          if (blocked_nodes.count(nb[j]) || blocked_ties.count(edge_key(spur, nb[j]))) continue;
          const double first = detail::step_cost(idx.walk->step(nb[j], spur, w[j]));
          if (!std::isfinite(first)) continue;
          auto [rest, len] = spur_search(idx, nb[j], blocked_more, {}, p.max_expansions,
                                         std::min(bound, best) - root_cost - first + 1e-12);
          if (!rest.empty() && root_cost + first + len < best) {
            best = root_cost + first + len;
            best_path = std::move(rest);
          }
        }
        if (best_path.empty()) continue;
        full.assign(prev.begin(), prev.begin() + static_cast<std::ptrdiff_t>(i) + 1);
        full.insert(full.end(), best_path.begin(), best_path.end());
      } else {
        auto [spur_path, spur_len] =
            spur_search(idx, spur, blocked_nodes, blocked_ties, p.max_expansions, bound - root_cost + 1e-12);
        if (spur_path.empty()) continue;
        full.assign(prev.begin(), prev.begin() + static_cast<std::ptrdiff_t>(i));
        full.insert(full.end(), spur_path.begin(), spur_path.end());
      }
      if (!seen.insert(full).second) continue;
      candidates.insert({path_cost(idx, full), std::move(full)});
    }
    if (candidates.empty()) break;
    accepted.push_back(*candidates.begin());
    candidates.erase(candidates.begin());
  }
  for (Candidate& a : accepted) out.push_back(std::move(a.nodes));
  return out;
}

// ---- closed-walk sums ------------------------------------------------------------------------

// What one push reads and writes of a vertex, side by side: the pushes touch the neighbours of
// the vertex pushed in no useful order, so one cache line per neighbour instead of one per array.
struct PushVertex {
  static constexpr std::uint32_t kAbsent = std::numeric_limits<std::uint32_t>::max();
  double residual = 0.0;
  double mu = kInf;               // the walk's symmetriser right / left (+inf where left = 0)
  std::uint32_t pos = kAbsent;    // place in PushScratch::heap
  bool seen = false;              // in PushScratch::touched
  bool blocked = false;           // a vertex the closed walks avoid
};

// Scratch space for the pushes of one explanation, reused across closed-walk sums.
//
// The vertices with a residual are a binary max-heap on (priority, id), each held once at a known
// position, so a vertex whose residual grows moves up in place. (A plain priority queue took a
// new entry per residual added and skipped the stale ones when popping: four times as many pops,
// from a heap ten times as large as the vertices in it.) Pops come in exactly the order of that
// queue: the largest (priority, id) among the vertices with a residual.
struct PushScratch {
  std::vector<PushVertex> at;
  std::vector<NodeId> touched;  // every vertex given a residual, once
  const std::vector<double>& step;  // the operator's arc_step
  std::vector<std::pair<double, NodeId>> heap;

  explicit PushScratch(const detail::PropagationOperator& op) : at(op.graph().num_vertices()), step(op.arc_step) {
    if (step.size() != op.graph().num_arcs()) throw Error("explanations: the walk's steps per arc are missing");
    for (std::size_t u = 0; u < at.size(); ++u) at[u].mu = op.left[u] > 0 ? op.right[u] / op.left[u] : kInf;
  }
  void touch(NodeId v) {
    if (!at[v].seen) {
      at[v].seen = true;
      touched.push_back(v);
    }
  }
  // The steps out of u, one per out_neighbors(u).
  std::span<const double> steps(const Graph& g, vertex_t u) const {
    const auto w = g.out_weights(u);
    return {step.data() + (w.data() - g.arc_weights().data()), w.size()};
  }

  // Puts v in the heap with `key`, or gives it `key`, never below its current one (residuals only
  // grow between pops).
  void raise(NodeId v, double key) {
    std::size_t i = at[v].pos;
    if (i == PushVertex::kAbsent) {
      i = heap.size();
      heap.emplace_back(key, v);
    } else {
      heap[i].first = key;
    }
    const std::pair<double, NodeId> e = heap[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!(heap[parent] < e)) break;
      place(i, heap[parent]);
      i = parent;
    }
    place(i, e);
  }
  void pop() {
    at[heap.front().second].pos = PushVertex::kAbsent;
    const std::pair<double, NodeId> last = heap.back();
    heap.pop_back();
    if (heap.empty()) return;
    // Hole at the root: move the larger child up until `last` fits.
    std::size_t i = 0;
    const std::size_t n = heap.size();
    for (;;) {
      std::size_t c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && heap[c] < heap[c + 1]) ++c;
      if (!(last < heap[c])) break;
      place(i, heap[c]);
      i = c;
    }
    place(i, last);
  }
  void clear_heap() {
    for (const auto& e : heap) at[e.second].pos = PushVertex::kAbsent;
    heap.clear();
  }

 private:
  void place(std::size_t i, const std::pair<double, NodeId>& e) {
    heap[i] = e;
    at[e.second].pos = static_cast<std::uint32_t>(i);
  }
};

struct ClosedWalks {
  double value = 1.0;  // the closed walks at x found (a lower bound of the true sum)
  double error = 0.0;  // bound on (true - value) / true
};

// G_D(x, x): the walks from x back to x that never enter a blocked vertex (nor a cut-out one),
// by forward push from x (Andersen, Chung & Lang 2006) in order of the largest residual. The
// neglected walks are sum_u r_u G_D(u, x). For ppr, ppr_degree and naive (every step row sums to
// at most 1 - restart) G_D(u, x) <= G_D(x, x), so the relative error is at most R / (1 - R), R
// the residual left; and by the walk's symmetry (mu_u = right_u / left_u makes mu_u step(u -> w)
// symmetric) G_D(u, x) = G_D(x, u) mu_x / mu_u, which bounds it by mu_x max_u(r_u / mu_u) /
// restart. For spread (symmetric, spectral radius <= 1 - restart) by |r|_2 / restart.
// G_D(x, x) exactly when the vertices x can reach inside D are few: a dense LU solve of
// (I - P_D) z = e_x on them. Returns false (and nothing) when there are more than `limit`.
bool closed_walks_exact(const detail::PropagationOperator& op, NodeId x, std::size_t limit, PushScratch& s,
                        double& value) {
  const Graph& g = op.graph();
  std::vector<NodeId> part{x};
  s.touch(x);
  for (std::size_t i = 0; i < part.size(); ++i) {
    const NodeId u = part[i];
    auto nb = g.out_neighbors(u);
    auto w = g.out_weights(u);
    for (std::size_t j = 0; j < nb.size(); ++j) {
      const NodeId t = nb[j];
      if (s.at[t].blocked || s.at[t].seen || !(op.step(u, t, w[j]) > 0)) continue;
      if (part.size() >= limit) return false;
      s.touch(t);
      part.push_back(t);
    }
  }
  const auto k = static_cast<Eigen::Index>(part.size());
  std::unordered_map<NodeId, Eigen::Index> at;
  for (Eigen::Index i = 0; i < k; ++i) at[part[static_cast<std::size_t>(i)]] = i;
  Eigen::MatrixXd a = Eigen::MatrixXd::Identity(k, k);
  for (Eigen::Index i = 0; i < k; ++i) {
    const NodeId u = part[static_cast<std::size_t>(i)];
    auto nb = g.out_neighbors(u);
    auto w = g.out_weights(u);
    for (std::size_t j = 0; j < nb.size(); ++j) {
      const auto it = at.find(nb[j]);
      if (it != at.end()) a(i, it->second) -= op.step(u, nb[j], w[j]);
    }
  }
  const Eigen::VectorXd z = a.partialPivLu().solve(Eigen::VectorXd::Unit(k, 0));
  value = z(0);
  return true;
}

ClosedWalks closed_walks(const detail::PropagationOperator& op, NodeId x, std::span<const NodeId> blocked,
                         double tolerance, std::size_t max_pushes, std::size_t exact_limit, PushScratch& s) {
  const Graph& g = op.graph();
  {
    for (NodeId b : blocked) s.at[b].blocked = true;
    double value = 0.0;
    const bool exact = closed_walks_exact(op, x, exact_limit, s, value);
    for (NodeId t : s.touched) s.at[t].seen = false;
    s.touched.clear();
    for (NodeId b : blocked) s.at[b].blocked = false;
    if (exact) return {value, 0.0};
  }
  const bool symmetric = op.params.method == Method::spread;
  auto priority = [&](const PushVertex& t) { return symmetric ? t.residual : t.residual / t.mu; };
  for (NodeId b : blocked) s.at[b].blocked = true;
  s.at[x].residual = 1.0;
  s.touch(x);
  s.raise(x, priority(s.at[x]));
  double total = 1.0, squares = 1.0;
  ClosedWalks out{0.0, 0.0};
  std::size_t pushes = 0;
  const double mu_x = s.at[x].mu;
  auto error = [&](double top) {
    if (out.value <= 0) return kInf;
    if (symmetric) return std::sqrt(std::max(squares, 0.0)) / op.params.restart / out.value;
    double e = total < 1 ? total / (1 - total) : kInf;
    return std::min(e, mu_x * top / op.params.restart / out.value);
  };
  while (!s.heap.empty()) {
    const auto [prio, u] = s.heap.front();
    if (out.value > 0 && error(prio) <= tolerance) {
      // The running sums drift by round-off (and the square root magnifies it): recount them
      // from the residuals before trusting the bound.
      total = squares = 0.0;
      for (NodeId t : s.touched) {
        total += s.at[t].residual;
        squares += s.at[t].residual * s.at[t].residual;
      }
      if (error(prio) <= tolerance) break;
    }
    if (pushes >= max_pushes) break;
    s.pop();
    ++pushes;
    const double r = s.at[u].residual;
    s.at[u].residual = 0.0;
    total -= r;
    squares -= r * r;
    if (u == x) out.value += r;
    auto nb = g.out_neighbors(u);
    auto step = s.steps(g, u);
    for (std::size_t i = 0; i < nb.size(); ++i) {
      const NodeId t = nb[i];
      PushVertex& vt = s.at[t];
      if (vt.blocked) continue;
      const double add = r * step[i];
      if (!(add > 0)) continue;
      const double before = vt.residual;
      s.touch(t);
      vt.residual = before + add;
      total += add;
      squares += (before + add) * (before + add) - before * before;
      s.raise(t, priority(vt));
    }
  }
  const bool left = !s.heap.empty();
  const double top = left ? s.heap.front().first : 0.0;
  s.clear_heap();
  total = squares = 0.0;
  for (NodeId t : s.touched) {
    total += s.at[t].residual;
    squares += s.at[t].residual * s.at[t].residual;
  }
  out.error = left && total > 0 ? error(top) : 0.0;
  for (NodeId t : s.touched) {
    s.at[t].residual = 0.0;
    s.at[t].seen = false;
  }
  s.touched.clear();
  for (NodeId b : blocked) s.at[b].blocked = false;
  return out;
}

// Closed-walk sums by (vertex, vertices before it on the path), memoised across the paths of one
// explanation and across the explanations of many leads (one calculator per thread): paths from
// the same seed share their first factors. A sum depends on its key and the truncation alone, so
// the memo never changes a result.
class ContributionCalculator {
 public:
  ContributionCalculator(const ExplainIndex& idx, const PathParams& p)
      : idx_(idx), p_(p), scratch_(*idx.walk) {}

  // Takes the truncation of p; the memo is kept while it stays the same.
  void use(const PathParams& p) {
    if (p.tolerance != p_.tolerance || p.max_pushes != p_.max_pushes || p.exact_below != p_.exact_below) memo_.clear();
    p_ = p;
  }

  // Fills path.step, contribution, error; nodes in walk order (seed first).
  void fill(const Case* c, EvidencePath& path, NodeId v) {
    (void)c;
    const auto& nodes = path.nodes;
    const detail::PropagationOperator& op = *idx_.walk;
    double value = idx_.seed_weight[nodes.front()] / idx_.total * op.out[v] * naive_scale(v);
    double keep = 1.0;  // prod (1 - error_i)
    std::vector<NodeId> before;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      if (idx_.green && p_.exact_below > 0) {
        // Small case: the walk sums of the whole case are at hand, and the closed walks at x
        // avoiding A are the Schur complement G_xx - G_xA G_AA^-1 G_Ax (Jacobi's identity).
        value *= schur(nodes[i], before);
        before.push_back(nodes[i]);
        if (i + 1 < nodes.size()) value *= path.step[i];
        continue;
      }
      std::vector<NodeId> key = before;
      std::sort(key.begin(), key.end());
      key.push_back(nodes[i]);
      auto it = memo_.find(key);
      if (it == memo_.end())
        it = memo_.emplace(key, closed_walks(op, nodes[i], before, p_.tolerance, p_.max_pushes, p_.exact_below,
                                             scratch_)).first;
      value *= it->second.value;
      keep *= 1.0 - std::min(it->second.error, 1.0);
      before.push_back(nodes[i]);
      if (i + 1 < nodes.size()) value *= path.step[i];
    }
    path.contribution = value;
    path.error = keep > 0 ? 1.0 / keep - 1.0 : kInf;
  }

  double schur(NodeId x, const std::vector<NodeId>& a) const {
    const std::vector<double>& g = *idx_.green;
    const std::size_t n = idx_.dist.size();
    const double gxx = g[static_cast<std::size_t>(x) * n + x];
    if (a.empty()) return gxx;
    const auto k = static_cast<Eigen::Index>(a.size());
    Eigen::MatrixXd gaa(k, k);
    Eigen::VectorXd gax(k), gxa(k);
    for (Eigen::Index i = 0; i < k; ++i) {
      const auto ai = static_cast<std::size_t>(a[static_cast<std::size_t>(i)]);
      for (Eigen::Index j = 0; j < k; ++j) gaa(i, j) = g[ai * n + a[static_cast<std::size_t>(j)]];
      gax(i) = g[ai * n + x];
      gxa(i) = g[static_cast<std::size_t>(x) * n + ai];
    }
    return gxx - gxa.dot(gaa.partialPivLu().solve(gax));
  }

  double naive_scale(NodeId v) {
    (void)v;
    return scale_;
  }
  void set_scale(double s) { scale_ = s; }

 private:
  const ExplainIndex& idx_;
  PathParams p_;
  PushScratch scratch_;
  std::map<std::vector<NodeId>, ClosedWalks> memo_;
  double scale_ = 1.0;
};

// The path with its ties, in walk order; empty nodes when a tie is missing or cut out.
EvidencePath make_path(const ExplainIndex& idx, std::vector<NodeId> walk_order) {
  EvidencePath p;
  const detail::PropagationOperator& op = *idx.walk;
  const Graph& g = op.graph();
  for (std::size_t i = 0; i + 1 < walk_order.size(); ++i) {
    const std::int64_t a = g.find_arc(walk_order[i], walk_order[i + 1]);
    if (a < 0) return {};
    const auto k = static_cast<std::size_t>(a);
    const double step = op.step(walk_order[i], walk_order[i + 1], g.arc_weights()[k]);
    if (!(step > 0)) return {};
    p.evidence.push_back(g.arc_tags()[k]);
    p.tie_strength.push_back(g.arc_weights()[k]);
    p.step.push_back(step);
  }
  p.nodes = std::move(walk_order);
  if (!p.nodes.empty())
    for (const ImplicitSeed& s : idx.implicit_seeds)
      if (s.node == p.nodes.front() && s.kind == ImplicitSeed::Kind::organizational_tie) p.seed_via = s.via;
  return p;
}

void check_params(const ExplainIndex& idx, NodeId v, const PathParams& p) {
  check_path_count(p.k);
  if (p.candidates != 0 && p.candidates < p.k)
    throw ParamError("candidates must be 0 (automatic) or >= k, got " + std::to_string(p.candidates));
  if (!(p.tolerance > 0.0 && p.tolerance <= 0.1))
    throw ParamError("the truncation tolerance must be in (0, 0.1], got " + detail::format_double(p.tolerance));
  if (p.max_pushes < 1) throw ParamError("max_pushes must be >= 1");
  if (p.exact_below > 2000) throw ParamError("exact_below must be at most 2000 (a dense solve of that size)");
  if (p.max_expansions < 1) throw ParamError("max_expansions must be >= 1");
  if (!(p.min_relative_strength >= 0.0 && p.min_relative_strength < 1.0))
    throw ParamError("min_relative_strength must be in [0,1), got " + detail::format_double(p.min_relative_strength));
  if (v >= idx.dist.size())
    throw ParamError("node " + std::to_string(v) + " is not in the case (" + std::to_string(idx.dist.size()) + " nodes)");
}

// For Method::naive the scores are normalised to sum 1 after the walk: one constant for every
// node, found once (at indexing) from a seed with a non-zero score.
double output_scale(const ExplainIndex& idx) { return idx.output_scale; }

double find_output_scale(const ExplainIndex& idx) {
  if (idx.params.method != Method::naive) return 1.0;
  for (NodeId v = 0; v < idx.suspicion.size(); ++v)
    if (idx.seed_weight[v] > 0 && idx.suspicion[v] > 0) {
      const detail::SolveOutput z = detail::walk_sums_to(*idx.walk, v);
      double raw = 0.0;
      for (NodeId s = 0; s < z.x.size(); ++s) raw += idx.seed_weight[s] / idx.total * z.x[s];
      raw *= idx.walk->out[v];
      return raw > 0 ? idx.suspicion[v] / raw : 1.0;
    }
  return 1.0;
}

std::vector<EvidencePath> best_paths(const ExplainIndex& idx, NodeId v, const PathParams& p,
                                     ContributionCalculator& calc) {
  std::vector<EvidencePath> out;
  if (!std::isfinite(idx.dist[v]) || !(idx.suspicion[v] > 0)) return out;
  const int want = p.candidates > 0 ? p.candidates : std::max(3 * p.k, p.k + 8);
  std::vector<std::vector<NodeId>> walks = yen(idx, v, want, p);
  // Direct ties to seeds are always candidates.
  const Graph& g = idx.walk->graph();
  for (NodeId s : g.out_neighbors(v))
    if (idx.seed_weight[s] > 0 && step_between(*idx.walk, s, v) > 0) walks.push_back({v, s});
  std::set<std::vector<NodeId>> seen;
  for (auto& to_seed : walks) {
    if (!seen.insert(to_seed).second) continue;
    EvidencePath path = make_path(idx, std::vector<NodeId>(to_seed.rbegin(), to_seed.rend()));
    if (path.nodes.empty()) continue;
    calc.fill(nullptr, path, v);
    path.share = path.contribution / idx.suspicion[v];
    out.push_back(std::move(path));
  }
  auto by_contribution = [](const EvidencePath& a, const EvidencePath& b) {
    if (a.contribution != b.contribution) return a.contribution > b.contribution;
    return a.nodes.size() != b.nodes.size() ? a.nodes.size() < b.nodes.size() : a.nodes < b.nodes;
  };
  std::sort(out.begin(), out.end(), by_contribution);
  const auto direct = std::find_if(out.begin(), out.end(), [](const EvidencePath& e) { return e.nodes.size() == 2; });
  if (out.size() > static_cast<std::size_t>(p.k)) {
    // The direct tie takes the last place, never the first: with k = 1 the one path shown is the
    // one that contributes most (a seed's own weight, or a chain through the group).
    if (p.k >= 2 && direct != out.end() && direct - out.begin() >= p.k) std::iter_swap(out.begin() + (p.k - 1), direct);
    out.resize(static_cast<std::size_t>(p.k));
    std::sort(out.begin(), out.end(), by_contribution);
  }
  return out;
}

}  // namespace

namespace detail {

SeedTree seed_tree(const PropagationOperator& op, std::span<const double> y) {
  const Graph& g = op.graph();
  const vertex_t n = g.num_vertices();
  SeedTree t;
  t.dist.assign(n, kInf);
  t.parent.assign(n, kNoNode);
  t.root.assign(n, kNoNode);
  MinHeap heap;
  for (vertex_t v = 0; v < n; ++v)
    if (y[v] > 0) {
      t.dist[v] = -std::log(y[v]);
      t.root[v] = v;
      heap.push({t.dist[v], v});
    }
  const std::uint64_t* const offsets = g.out_offsets().data();
  while (!heap.empty()) {
    const HeapEntry top = heap.top();
    heap.pop();
#if defined(__GNUC__)
    // The search settles vertices in order of length, all over the case: each pop waits for its
    // row and its neighbours' lengths. Ask for the next entry's length and row start while this
    // one is relaxed (the entry may be stale or be overtaken; then the hint is wasted, nothing else).
    if (!heap.empty()) {
      __builtin_prefetch(t.dist.data() + heap.top().v);
      __builtin_prefetch(offsets + heap.top().v);
    }
#endif
    if (top.key > t.dist[top.v]) continue;
    const NodeId u = top.v;
    auto nb = g.out_neighbors(u);
    auto w = g.out_weights(u);
    for (std::size_t i = 0; i < nb.size(); ++i) {
      const NodeId x = nb[i];
      // A step costs more than 0, so a vertex already this close (settled, mostly) cannot
      // improve: skip the logarithm. The same comparisons come out as computing it would.
      if (t.dist[x] <= top.key) continue;
      const double d = top.key + step_cost(op.step(u, x, w[i]));
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

const Graph& ExplainIndex::graph() const { return walk->graph(); }

ExplainIndex build_explain_index(const Case& c, const PropagationResult& r) {
  ExplainIndex idx;
  idx.params = r.params;
  idx.seed_weight = r.seed_weight;
  idx.cleared_weight = r.cleared_weight.empty() ? std::vector<double>(c.num_nodes(), 0.0) : r.cleared_weight;
  idx.implicit_seeds = r.implicit_seeds;
  idx.total = 0.0;
  for (double w : idx.seed_weight) idx.total += w;
  if (!(idx.total > 0)) throw ParamError("the propagation result has no seed");
  idx.scores = r.scores;
  idx.suspicion = r.suspicion.empty() ? r.scores : r.suspicion;
  idx.clearance = r.clearance;
  // The result's own walk when it has one for this case and params (a copy that shares its tie
  // graph: the index adds its steps per arc), else the same walk built again.
  auto plain = r.walk && detail::built_from(*r.walk, c, r.params)
                   ? std::make_shared<detail::PropagationOperator>(*r.walk)
                   : std::make_shared<detail::PropagationOperator>(detail::build_operator(c, r.params));
  std::vector<NodeId> absorbing;
  if (!r.clearance.empty())
    for (NodeId v = 0; v < c.num_nodes(); ++v)
      if (idx.cleared_weight[v] > 0) absorbing.push_back(v);
  auto walk = absorbing.empty() ? plain : std::make_shared<detail::PropagationOperator>(plain->without(absorbing));
  {
    // The pushes' steps, once per index rather than once per explanation or thread.
    const Graph& g = walk->graph();
    walk->arc_step.resize(g.num_arcs());
    double* out = walk->arc_step.data();
    for (vertex_t u = 0; u < g.num_vertices(); ++u) {
      auto nb = g.out_neighbors(u);
      auto w = g.out_weights(u);
      for (std::size_t i = 0; i < nb.size(); ++i) *out++ = walk->step(u, nb[i], w[i]);
    }
  }
  idx.walk = walk;
  idx.plain = plain;
  std::vector<double> y(idx.seed_weight);
  for (double& v : y) v /= idx.total;
  detail::SeedTree t = detail::seed_tree(*idx.walk, y);
  idx.dist = std::move(t.dist);
  idx.parent = std::move(t.parent);
  idx.root = std::move(t.root);
  idx.output_scale = find_output_scale(idx);
  if (c.num_nodes() <= kDenseWalkSums) {
    // Small case: every walk sum at once, so path contributions are exact (a dense solve).
    const auto n = static_cast<Eigen::Index>(c.num_nodes());
    const Graph& g = idx.walk->graph();
    Eigen::MatrixXd a = Eigen::MatrixXd::Identity(n, n);
    const double* step = idx.walk->arc_step.data();  // filled above, in this CSR order
    for (vertex_t u = 0; u < g.num_vertices(); ++u)
      for (NodeId t : g.out_neighbors(u)) a(u, t) -= *step++;
    const Eigen::MatrixXd inv = a.partialPivLu().inverse();
    auto green = std::make_shared<std::vector<double>>(static_cast<std::size_t>(n * n));
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < n; ++j) (*green)[static_cast<std::size_t>(i * n + j)] = inv(i, j);
    idx.green = std::move(green);
  }
  return idx;
}

PathParams bulk_path_params(int k) {
  return {.k = k, .candidates = 2 * std::max(k, 1), .tolerance = 1e-3, .max_pushes = 2000};
}

void check_path_count(int k) {
  if (k < 1 || k > kMaxPaths)
    throw ParamError("the number of paths k must be in [1, " + std::to_string(kMaxPaths) + "], got " +
                     std::to_string(k) + "; an analyst reads a handful, and each one costs spur searches");
}

ExplainIndex build_explain_index(const Case& c, std::span<const Seed> seeds, const PropagationParams& p,
                                 std::span<const Seed> cleared) {
  return build_explain_index(c, propagate(c, seeds, p, cleared));
}

std::vector<EvidencePath> strongest_paths(const ExplainIndex& idx, NodeId v, const PathParams& p) {
  check_params(idx, v, p);
  ContributionCalculator calc(idx, p);
  calc.set_scale(output_scale(idx));
  return best_paths(idx, v, p, calc);
}

std::vector<std::vector<EvidencePath>> strongest_paths(const ExplainIndex& idx, std::span<const NodeId> nodes,
                                                       std::span<const PathParams> params) {
  if (params.size() != 1 && params.size() != nodes.size())
    throw ParamError("strongest_paths: give one PathParams for all nodes or one per node (" +
                     std::to_string(nodes.size()) + " nodes, " + std::to_string(params.size()) + " params)");
  const auto params_of = [&](std::size_t i) -> const PathParams& { return params[params.size() == 1 ? 0 : i]; };
  for (std::size_t i = 0; i < nodes.size(); ++i) check_params(idx, nodes[i], params_of(i));
  std::vector<std::vector<EvidencePath>> out(nodes.size());
  if (nodes.empty()) return out;
  const double scale = output_scale(idx);
  const auto m = static_cast<std::int64_t>(nodes.size());
  std::exception_ptr failed;
  // One result slot per lead and a per-thread memo of values that depend on their key alone:
  // the same output on any thread count. Leads differ a lot in cost, hence dynamic scheduling.
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel if (m > 1)
#endif
  {
    try {
      ContributionCalculator calc(idx, params_of(0));
      calc.set_scale(scale);
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp for schedule(dynamic, 1)
#endif
      for (std::int64_t i = 0; i < m; ++i) {
        const PathParams& p = params_of(static_cast<std::size_t>(i));
        calc.use(p);
        out[static_cast<std::size_t>(i)] = best_paths(idx, nodes[static_cast<std::size_t>(i)], p, calc);
      }
    } catch (...) {
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp critical(corridor_strongest_paths)
#endif
      if (!failed) failed = std::current_exception();
    }
  }
  if (failed) std::rethrow_exception(failed);
  return out;
}

EvidencePath path_contribution(const ExplainIndex& idx, std::span<const NodeId> nodes, const PathParams& p) {
  if (nodes.empty()) throw ParamError("a path needs at least one node");
  for (NodeId x : nodes)
    if (x >= idx.dist.size()) throw ParamError("node " + std::to_string(x) + " is not in the case");
  EvidencePath path = make_path(idx, std::vector<NodeId>(nodes.begin(), nodes.end()));
  std::vector<NodeId> sorted(nodes.begin(), nodes.end());
  std::sort(sorted.begin(), sorted.end());
  if (path.nodes.empty() || idx.seed_weight[nodes.front()] <= 0 ||
      std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    EvidencePath none;
    none.nodes.assign(nodes.begin(), nodes.end());
    return none;
  }
  ContributionCalculator calc(idx, p);
  calc.set_scale(output_scale(idx));
  calc.fill(nullptr, path, nodes.back());
  path.share = idx.suspicion[nodes.back()] > 0 ? path.contribution / idx.suspicion[nodes.back()] : 0.0;
  return path;
}

namespace {

bool is_implicit(const ExplainIndex& idx, NodeId s) {
  return std::any_of(idx.implicit_seeds.begin(), idx.implicit_seeds.end(),
                     [&](const ImplicitSeed& i) { return i.node == s; });
}

// Fractions of the seeds' part; seeds by contribution, then cleared persons, most lowering first.
void finish_shares(std::vector<SeedShare>& shares, double suspicion) {
  for (SeedShare& s : shares) s.fraction = suspicion > 0 ? s.contribution / suspicion : 0.0;
  std::stable_sort(shares.begin(), shares.end(), [](const SeedShare& a, const SeedShare& b) {
    if (a.cleared != b.cleared) return !a.cleared;
    return a.cleared ? a.contribution < b.contribution : a.contribution > b.contribution;
  });
}

// v's shares from the transposed solves into v: z_walk on the suspicion side, z_plain (only
// with cleared persons) on the clearance side.
std::vector<SeedShare> shares_from(const ExplainIndex& idx, NodeId v, double scale, const detail::SolveOutput& z_walk,
                                   const detail::SolveOutput* z_plain) {
  std::vector<SeedShare> shares;
  for (NodeId s = 0; s < z_walk.x.size(); ++s) {
    if (!(idx.seed_weight[s] > 0)) continue;
    SeedShare share;
    share.seed = s;
    share.contribution = idx.walk->out[v] * scale * idx.seed_weight[s] / idx.total * z_walk.x[s];
    share.implicit = is_implicit(idx, s);
    shares.push_back(share);
  }
  if (z_plain)
    for (NodeId s = 0; s < z_plain->x.size(); ++s) {
      if (!(idx.cleared_weight[s] > 0)) continue;
      SeedShare share;
      share.seed = s;
      share.cleared = true;
      share.contribution = -idx.plain->out[v] * idx.cleared_weight[s] / idx.total * z_plain->x[s];
      shares.push_back(share);
    }
  finish_shares(shares, idx.suspicion[v]);
  return shares;
}

std::vector<SeedShare> shares_of(const ExplainIndex& idx, NodeId v, double scale, int& iterations, bool& converged) {
  const detail::SolveOutput z = detail::walk_sums_to(*idx.walk, v);
  iterations = z.iterations;
  converged = z.converged;
  if (idx.clearance.empty()) return shares_from(idx, v, scale, z, nullptr);
  const detail::SolveOutput zp = detail::walk_sums_to(*idx.plain, v);
  iterations = std::max(iterations, zp.iterations);
  converged = converged && zp.converged;
  return shares_from(idx, v, scale, z, &zp);
}

}  // namespace

std::vector<SeedShare> seed_shares(const ExplainIndex& idx, NodeId v) {
  if (v >= idx.dist.size())
    throw ParamError("node " + std::to_string(v) + " is not in the case (" + std::to_string(idx.dist.size()) + " nodes)");
  int iterations = 0;
  bool converged = true;
  return shares_of(idx, v, output_scale(idx), iterations, converged);
}

std::vector<std::vector<SeedShare>> seed_shares(const ExplainIndex& idx, std::span<const NodeId> nodes) {
  const std::size_t n = idx.dist.size();
  for (NodeId v : nodes)
    if (v >= n) throw ParamError("node " + std::to_string(v) + " is not in the case (" + std::to_string(n) + " nodes)");
  std::vector<NodeId> seeds, cleared;
  for (NodeId s = 0; s < n; ++s) {
    if (idx.seed_weight[s] > 0) seeds.push_back(s);
    if (!idx.clearance.empty() && idx.cleared_weight[s] > 0) cleared.push_back(s);
  }
  const double scale = output_scale(idx);
  std::vector<std::vector<SeedShare>> out(nodes.size());
  if (nodes.size() <= seeds.size() + cleared.size()) {
    // One transposed solve per node (two with cleared persons), several per pass over the ties.
    // Batches of eight bound the memory to a few vectors of n.
    for (std::size_t lo = 0; lo < nodes.size(); lo += 8) {
      const auto batch = nodes.subspan(lo, std::min<std::size_t>(8, nodes.size() - lo));
      const auto z = detail::walk_sums_many(*idx.walk, batch, true);
      std::vector<detail::SolveOutput> zp;
      if (!idx.clearance.empty()) zp = detail::walk_sums_many(*idx.plain, batch, true);
      for (std::size_t i = 0; i < batch.size(); ++i)
        out[lo + i] = shares_from(idx, batch[i], scale, z[i], zp.empty() ? nullptr : &zp[i]);
    }
    return out;
  }
  // By linearity: one walk from each seed (and cleared person) gives its part of every score.
  auto from_each = [&](const std::vector<NodeId>& sources, const detail::PropagationOperator& op, bool negative) {
    for (std::size_t lo = 0; lo < sources.size(); lo += 8) {
      const auto batch = std::span<const NodeId>(sources).subspan(lo, std::min<std::size_t>(8, sources.size() - lo));
      const auto x = detail::walk_sums_many(op, batch, false);
      for (std::size_t k = 0; k < batch.size(); ++k) {
      const NodeId s = batch[k];
      const double weight = (negative ? -idx.cleared_weight[s] : idx.seed_weight[s] * scale) / idx.total;
      for (std::size_t i = 0; i < nodes.size(); ++i) {
        SeedShare share;
        share.seed = s;
        share.cleared = negative;
        share.implicit = !negative && is_implicit(idx, s);
        share.contribution = op.out[nodes[i]] * weight * x[k].x[nodes[i]];
        out[i].push_back(share);
      }
      }
    }
  };
  from_each(seeds, *idx.walk, false);
  if (!cleared.empty()) from_each(cleared, *idx.plain, true);
  for (std::size_t i = 0; i < nodes.size(); ++i) finish_shares(out[i], idx.suspicion[nodes[i]]);
  return out;
}

Explanation explain(const ExplainIndex& idx, NodeId v, const PathParams& p) {
  check_params(idx, v, p);
  Explanation e;
  e.node = v;
  e.score = idx.scores[v];
  e.suspicion = idx.suspicion[v];
  e.clearance = idx.clearance.empty() ? 0.0 : idx.clearance[v];
  const double scale = output_scale(idx);
  e.shares = shares_of(idx, v, scale, e.iterations, e.converged);
  ContributionCalculator calc(idx, p);
  calc.set_scale(scale);
  e.paths = best_paths(idx, v, p, calc);
  double covered = 0.0;
  for (const EvidencePath& path : e.paths) {
    covered += path.contribution;
    e.truncation = std::max(e.truncation, path.error);
  }
  e.covered = e.suspicion > 0 ? std::min(1.0, covered / e.suspicion) : 0.0;
  return e;
}

std::string path_text(const Case& c, const EvidencePath& path) {
  return path_text(c, path, [&](NodeId v) { return std::string(c.node_id(v)); });
}

std::string path_text(const Case& c, const EvidencePath& path, const std::function<std::string(NodeId)>& name) {
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
    s += name(path.nodes[i]);
    if (i == 0 && !path.seed_via.empty()) {
      s += " (seed by its tie to";
      for (std::size_t k = 0; k < path.seed_via.size(); ++k) {
        s += k ? ", " : " ";
        s += name(path.seed_via[k]);
      }
      s += ')';
    }
  }
  return s;
}

std::string path_evidence_lines(const Case& c, const EvidencePath& path, std::string_view indent) {
  std::string text;
  for (std::size_t j = 0; j < path.evidence.size(); ++j) {
    const EvidenceId e = path.evidence[j];
    const std::string grade = c.grade(e).to_string(), date = c.time(e).to_string();
    text += fmt::format("{}{} - {}: {} {} -> {}, grade {}, date {}, source_ref {}, tie {:.4g}, step {:.4g}\n", indent,
                        c.node_id(path.nodes[j]), c.node_id(path.nodes[j + 1]), c.relation_name(e),
                        c.node_id(c.source(e)), c.node_id(c.target(e)), grade.empty() ? "-" : grade,
                        date.empty() ? "-" : date, c.source_ref(e).empty() ? "-" : c.source_ref(e),
                        path.tie_strength[j], j < path.step.size() ? path.step[j] : 0.0);
  }
  return text;
}

}  // namespace corridor

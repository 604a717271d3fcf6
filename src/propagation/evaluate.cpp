#include "corridor/propagation/evaluate.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "src_util.hpp"

namespace corridor {

RankingQuality evaluate_ranking(const Case& c, std::span<const double> scores, std::span<const Seed> seeds,
                                std::span<const NodeId> truth, const EvaluationParams& p) {
  const std::size_t n = c.num_nodes();
  if (!(p.budget_factor > 0.0) || !std::isfinite(p.budget_factor))
    throw ParamError("the review budget factor must be > 0, got " + detail::format_double(p.budget_factor));
  if (scores.size() != n)
    throw ParamError("expected one score per node (" + std::to_string(n) + "), got " + std::to_string(scores.size()));
  std::vector<std::uint8_t> is_seed(n, 0), is_true(n, 0);
  for (const Seed& s : seeds) {
    if (s.node >= n) throw ParamError("seed node " + std::to_string(s.node) + " is not in the case");
    is_seed[s.node] = 1;
  }
  for (NodeId v : truth) {
    if (v >= n) throw ParamError("truth node " + std::to_string(v) + " is not in the case");
    is_true[v] = 1;
  }
  RankingQuality q;
  for (std::size_t v = 0; v < n; ++v) q.hidden += is_true[v] && !is_seed[v];
  if (q.hidden == 0) throw ParamError("the truth holds no affiliate besides the seeds: nothing to evaluate");
  q.budget = static_cast<std::size_t>(std::ceil(p.budget_factor * static_cast<double>(q.hidden)));

  std::vector<NodeId> ranked;
  for (NodeId v = 0; v < n; ++v)
    if (!is_seed[v] && scores[v] > 0) ranked.push_back(v);
  std::sort(ranked.begin(), ranked.end(),
            [&](NodeId a, NodeId b) { return scores[a] != scores[b] ? scores[a] > scores[b] : a < b; });
  std::size_t hits = 0;
  double precision_sum = 0.0;
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const NodeId v = ranked[i];
    if (is_true[v]) {
      ++hits;
      precision_sum += static_cast<double>(hits) / static_cast<double>(i + 1);
    }
    if (i < q.budget) {
      ++q.reviewed;
      if (is_true[v]) ++q.hits_in_budget;
      const NodeKind k = c.kind(v);
      if (k == NodeKind::country || k == NodeKind::location) ++q.countries_in_budget;
      if (k == NodeKind::migrant && !is_true[v]) ++q.innocent_migrants_in_budget;
    }
  }
  q.average_precision = precision_sum / static_cast<double>(q.hidden);
  q.recall_at_budget = static_cast<double>(q.hits_in_budget) / static_cast<double>(q.hidden);
  return q;
}

MethodComparison compare_with_naive(const Case& c, std::span<const Seed> seeds, std::span<const NodeId> truth,
                                    const PropagationParams& p, const EvaluationParams& e) {
  MethodComparison m;
  m.method = p.method;
  const PropagationResult r = propagate(c, seeds, p);
  m.quality = evaluate_ranking(c, r.scores, seeds, truth, e);
  PropagationParams naive = p;
  naive.method = Method::naive;
  const PropagationResult b = propagate(c, seeds, naive);
  m.naive = evaluate_ranking(c, b.scores, seeds, truth, e);
  return m;
}

}  // namespace corridor

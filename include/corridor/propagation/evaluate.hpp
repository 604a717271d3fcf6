// corridor/propagation/evaluate.hpp: how good a ranking is, against planted ground truth.
//
// On a case with known affiliates (the generator's, or a closed investigation), the seeds are a
// few of them and the rest are hidden. A ranking is good when the hidden affiliates come first
// and nobody innocent is pulled into the review list:
//  - average precision over the ranking of non-seed nodes (a hidden affiliate with score 0 is
//    never retrieved and adds nothing);
//  - the review budget: the investigators' attention, twice the number of hidden affiliates by
//    default; the review list is the first `budget` non-seed nodes with a positive score;
//  - recall within the budget, and how many country/location nodes and innocent migrants (kind
//    migrant, not in the truth) sit in the review list. The product's promise is none of either.
//
//   auto cmp = corridor::compare_with_naive(c, c.seeds(), truth);
//   std::cout << cmp.method.average_precision << " vs naive " << cmp.naive.average_precision << '\n';
#pragma once

#include <cstddef>
#include <span>

#include "corridor/propagation/propagate.hpp"

namespace corridor {

struct EvaluationParams {
  /// Review budget = ceil(budget_factor x hidden affiliates); > 0.
  double budget_factor = 2.0;
};

struct RankingQuality {
  double average_precision = 0.0;          ///< in [0,1]
  double recall_at_budget = 0.0;           ///< hidden affiliates in the review list / hidden
  std::size_t hidden = 0;                  ///< truth minus seeds
  std::size_t budget = 0;                  ///< size of the review budget
  std::size_t reviewed = 0;                ///< nodes in the review list (<= budget)
  std::size_t hits_in_budget = 0;          ///< hidden affiliates in the review list
  std::size_t countries_in_budget = 0;     ///< country and location nodes in the review list
  std::size_t innocent_migrants_in_budget = 0;  ///< migrants not in the truth, in the review list
};

/// Scores one ranking (one score per case node; higher is more suspect; ties by NodeId).
/// `truth` lists the affiliated nodes, seeds may be included (they are taken out). Throws
/// ParamError when scores has the wrong size, a node is out of range, the truth holds no hidden
/// affiliate, or budget_factor <= 0. O(n log n).
RankingQuality evaluate_ranking(const Case& c, std::span<const double> scores, std::span<const Seed> seeds,
                                std::span<const NodeId> truth, const EvaluationParams& p = {});

/// A method and the naive baseline (untyped, unweighted personalized PageRank over everything,
/// same seeds and restart) on the same case and truth.
struct MethodComparison {
  Method method = Method::ppr;
  RankingQuality quality;  ///< of p.method
  RankingQuality naive;    ///< of Method::naive
};

/// Runs propagate() with p and with Method::naive and evaluates both. Throws as propagate() and
/// evaluate_ranking() do.
MethodComparison compare_with_naive(const Case& c, std::span<const Seed> seeds, std::span<const NodeId> truth,
                                    const PropagationParams& p = {}, const EvaluationParams& e = {});

}  // namespace corridor

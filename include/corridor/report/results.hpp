// corridor/report/results.hpp: an analysis' per-node results as columns for the exports, so the
// results travel with the graph (Gephi, networkx, igraph open the case coloured and sized by them).
//
// The values are the ones analyze() computed and the report's CSV files hold (scores.csv,
// communities.csv, centrality.csv): one decision, every front end.
//
//   corridor::AnalysisResult r = corridor::analyze(c);
//   corridor::ExportOptions o{.results = corridor::result_columns(c, r)};
//   corridor::export_case(c, corridor::Format::gexf, "case.gexf", o);
#pragma once

#include <vector>

#include "corridor/io/export.hpp"
#include "corridor/model/case.hpp"
#include "corridor/report/analyze.hpp"

namespace corridor {

/// The result columns of an analysis, per NodeId, in this order:
///   - score (affiliation score in [0,1]), rank (1 = strongest lead; reached nodes only) and
///     top_seed (id of the seed that contributes most), when the analysis had seeds;
///   - community (Leiden, from 0), degree, betweenness, pagerank and closeness (when computed).
/// Nodes outside the actor graph (countries, locations) have no value (NaN, or "" for top_seed).
/// Ids are the case's ids: pseudonymised analyses are not exported (see analyze --export).
std::vector<NodeColumn> result_columns(const Case& c, const AnalysisResult& r);

}  // namespace corridor

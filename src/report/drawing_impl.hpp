// Private to the report module: the overview drawing and the interactive view's node set.
#pragma once

#include <vector>

#include "corridor/graph/view.hpp"
#include "corridor/report/analyze.hpp"

namespace corridor::detail {

/// The overview drawing (at most p.max_drawn nodes: actors alone, the rest in groups, laid out by
/// Fruchterman-Reingold) and the page's nodes and ties (at most p.page_nodes). `view` is the
/// actor graph of the analysis; `weight` per case node what the size shows (score or PageRank);
/// `strength` the propagation graph over all case nodes (vertex = NodeId), whose weights are the
/// tie strengths. Reads r's communities, seeds, key players, scores and lead_paths.
Drawing make_drawing(const Case& c, const View& view, const AnalysisResult& r, const std::vector<double>& weight,
                     const Graph& strength, const AnalyzeParams& p);

}  // namespace corridor::detail

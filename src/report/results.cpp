#include "corridor/report/results.hpp"

#include <cmath>
#include <limits>

#include "corridor/error.hpp"

namespace corridor {

std::vector<NodeColumn> result_columns(const Case& c, const AnalysisResult& r) {
  const std::size_t n = c.num_nodes();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<NodeColumn> cols;
  auto numeric = [&](const char* name, const std::vector<double>& values, bool integer = false) {
    if (values.size() != n) return;
    cols.push_back(NodeColumn{name, values, {}, integer});
  };
  if (r.has_scores && r.scores.scores.size() == n) {
    numeric("score", r.scores.scores);
    // The rank of reached nodes, as scores.csv gives it.
    std::vector<double> rank(n, nan);
    for (NodeId v = 0; v < n && v < r.scores.position.size(); ++v)
      if (r.scores.scores[v] > 0) rank[v] = static_cast<double>(r.scores.position[v]);
    numeric("rank", rank, true);
    NodeColumn top{"top_seed", {}, std::vector<std::string>(n), false};
    bool any = false;
    for (NodeId v = 0; v < n && v < r.scores.top_seed.size(); ++v)
      if (r.scores.top_seed[v] != kNoNode) {
        top.text[v] = std::string(c.node_id(r.scores.top_seed[v]));
        any = true;
      }
    // A text column with no value at all would read as a numeric one; leave it out.
    if (any) cols.push_back(std::move(top));
  }
  if (r.community.size() == n) {
    std::vector<double> community(n, nan);
    for (NodeId v = 0; v < n; ++v)
      if (r.community[v] >= 0) community[v] = static_cast<double>(r.community[v]);
    numeric("community", community, true);
  }
  numeric("degree", r.degree);
  numeric("betweenness", r.betweenness);
  numeric("pagerank", r.pagerank);
  if (r.closeness_computed) numeric("closeness", r.closeness);
  return cols;
}

}  // namespace corridor

#include "corridor/community/quality.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "community/community_impl.hpp"
#include "corridor/community/partition.hpp"
#include "corridor/error.hpp"

namespace corridor {

namespace {

std::vector<std::uint32_t> checked_groups(const Graph& g, std::span<const std::int64_t> membership,
                                          double resolution, const char* what, std::uint32_t& k) {
  if (membership.size() != g.num_vertices())
    throw ParamError(std::string(what) + ": membership has " + std::to_string(membership.size()) +
                     " entries but the graph has " + std::to_string(g.num_vertices()) + " vertices");
  if (!std::isfinite(resolution) || resolution < 0)
    throw ParamError(std::string(what) + ": resolution must be finite and >= 0");
  for (auto x : membership)
    if (x < 0) throw ParamError(std::string(what) + ": community numbers must be >= 0");
  Partition p = normalize_membership(membership);
  k = static_cast<std::uint32_t>(p.count);
  return std::vector<std::uint32_t>(p.membership.begin(), p.membership.end());
}

// Sorted (a, b) label pairs give the contingency table as runs; row and column sums from the
// sorted single columns.
struct Table {
  std::vector<double> cells, rows, cols;
};

std::vector<double> run_lengths(std::vector<std::int64_t> v) {
  std::sort(v.begin(), v.end());
  std::vector<double> out;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t j = i;
    while (j < v.size() && v[j] == v[i]) ++j;
    out.push_back(static_cast<double>(j - i));
    i = j;
  }
  return out;
}

Table contingency(std::span<const std::int64_t> a, std::span<const std::int64_t> b, const char* what) {
  if (a.size() != b.size())
    throw ParamError(std::string(what) + ": the two labelings have different sizes (" +
                     std::to_string(a.size()) + " and " + std::to_string(b.size()) + ")");
  Table t;
  std::vector<std::pair<std::int64_t, std::int64_t>> pairs(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) pairs[i] = {a[i], b[i]};
  std::sort(pairs.begin(), pairs.end());
  for (std::size_t i = 0; i < pairs.size();) {
    std::size_t j = i;
    while (j < pairs.size() && pairs[j] == pairs[i]) ++j;
    t.cells.push_back(static_cast<double>(j - i));
    i = j;
  }
  t.rows = run_lengths(std::vector<std::int64_t>(a.begin(), a.end()));
  t.cols = run_lengths(std::vector<std::int64_t>(b.begin(), b.end()));
  return t;
}

double entropy(const std::vector<double>& counts, double n) {
  double h = 0.0;
  for (double c : counts) h -= c / n * std::log(c / n);
  return h;
}

}  // namespace

double modularity(const Graph& g, std::span<const std::int64_t> membership, double resolution) {
  std::uint32_t k = 0;
  auto groups = checked_groups(g, membership, resolution, "modularity", k);
  return detail::level_modularity(detail::level_graph(g, true), groups, k, resolution);
}

double cpm_quality(const Graph& g, std::span<const std::int64_t> membership, double resolution) {
  std::uint32_t k = 0;
  auto groups = checked_groups(g, membership, resolution, "cpm_quality", k);
  return detail::level_cpm(detail::level_graph(g, true), groups, k, resolution);
}

double nmi(std::span<const std::int64_t> a, std::span<const std::int64_t> b) {
  Table t = contingency(a, b, "nmi");
  if (a.empty()) return 1.0;
  const double n = static_cast<double>(a.size());
  const double ha = entropy(t.rows, n), hb = entropy(t.cols, n);
  if (t.rows.size() == 1 && t.cols.size() == 1) return 1.0;
  if (ha == 0.0 || hb == 0.0) return 0.0;
  // I(a;b) = H(a) + H(b) - H(a,b): the joint entropy comes from the cells.
  const double mi = ha + hb - entropy(t.cells, n);
  return std::clamp(mi / ((ha + hb) / 2.0), 0.0, 1.0);
}

double adjusted_rand_index(std::span<const std::int64_t> a, std::span<const std::int64_t> b) {
  Table t = contingency(a, b, "adjusted_rand_index");
  auto pairs = [](double x) { return x * (x - 1.0) / 2.0; };
  double index = 0.0, sa = 0.0, sb = 0.0;
  for (double c : t.cells) index += pairs(c);
  for (double c : t.rows) sa += pairs(c);
  for (double c : t.cols) sb += pairs(c);
  const double total = pairs(static_cast<double>(a.size()));
  if (total == 0.0) return 1.0;
  const double expected = sa * sb / total;
  const double max_index = (sa + sb) / 2.0;
  if (max_index == expected) return 1.0;
  return (index - expected) / (max_index - expected);
}

}  // namespace corridor

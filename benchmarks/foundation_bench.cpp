// corridor-bench-foundation: ingest, freeze, snapshots and memory of a generated case, and the
// time of affiliation propagation against PageRank on the same case.
//
//   corridor-bench-foundation --preset medium --seed 1 --work /tmp/f   # ingest and snapshots
//   corridor-bench-foundation --propagate CASE_DIR                     # propagation timing
//
// Prints `scope,metric,value,unit` lines (scope = preset or case folder name):
//   csv_bytes, csv_ingest_s, csv_ingest_mb_per_s, csv_ingest_edges_per_s (read_case: parse +
//   validate + freeze), freeze_s (CaseBuilder::freeze alone, from a builder filled by the fast
//   path), view_s (case -> CSR graph), snapshot_save_s, snapshot_load_s, snapshot_load_speedup
//   (csv_ingest_s / snapshot_load_s), case_bytes_per_evidence (Case::memory_bytes() /
//   num_evidence()), graph_bytes_per_edge, peak_rss_mb.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#ifdef CORRIDOR_HAVE_OPENMP
#include <omp.h>
#endif

#include "bench_util.hpp"
#include "corridor/graph/view.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/io/snapshot.hpp"
#include "corridor/model/builder.hpp"

#include "corridor/centrality/spectral.hpp"
#include "corridor/generate/generate.hpp"
#include "corridor/propagation/explain.hpp"
#include "corridor/propagation/propagate.hpp"

namespace fs = std::filesystem;
using corridor::bench::now_s;

namespace {

std::string scope;

void metric(const char* name, double value, const char* unit = "") {
  std::printf("%s,%s,%.6g,%s\n", scope.c_str(), name, value, unit);
  std::fflush(stdout);
}

std::uintmax_t folder_bytes(const fs::path& folder) {
  std::uintmax_t total = 0;
  for (const auto& e : fs::directory_iterator(folder))
    if (e.is_regular_file() && e.path().extension() == ".csv") total += e.file_size();
  return total;
}

/// Refills a builder from a case through the fast path, so freeze() can be timed alone.
double time_freeze(const corridor::Case& c) {
  corridor::CaseBuilder b(c.relations());
  b.reserve(c.num_nodes(), c.num_evidence());
  for (corridor::NodeId v = 0; v < c.num_nodes(); ++v)
    b.add_node(c.node_id(v), c.kind(v), c.label(v), c.role(v), c.country(v));
  for (corridor::EvidenceId e = 0; e < c.num_evidence(); ++e) {
    corridor::EvidenceValues values;
    values.weight = c.weight(e);
    if (c.has_explicit_confidence(e)) values.confidence = c.raw_confidence(e);
    values.grade = c.grade(e);
    values.time = c.time(e);
    values.source_ref = c.source_ref(e);
    b.add_evidence(c.source(e), c.target(e), c.relation(e), values);
  }
  const double t0 = now_s();
  corridor::Case frozen = std::move(b).freeze();
  const double t = now_s() - t0;
  if (frozen.num_evidence() != c.num_evidence()) throw std::runtime_error("freeze lost evidence");
  return t;
}

int foundation(const std::string& preset, std::uint64_t seed, const fs::path& work) {
  scope = preset;
  fs::create_directories(work);
  const fs::path folder = work / "case";
  if (!fs::exists(folder / "edges.csv")) {
    double t0 = now_s();
    corridor::GenerateParams gp;
    gp.preset = preset;
    gp.seed = seed;
    corridor::GeneratedCase g = corridor::generate_case(gp);
    metric("generate_s", now_s() - t0, "s");
    t0 = now_s();
    corridor::write_generated_case(g, folder);
    metric("write_csv_s", now_s() - t0, "s");
  }
  const double bytes = static_cast<double>(folder_bytes(folder));
  metric("csv_bytes", bytes, "B");
  double t0 = now_s();
  corridor::Case c = corridor::read_case(folder);
  const double ingest = now_s() - t0;
  metric("nodes", static_cast<double>(c.num_nodes()));
  metric("evidence", static_cast<double>(c.num_evidence()));
  metric("csv_ingest_s", ingest, "s");
  metric("csv_ingest_mb_per_s", bytes / 1e6 / ingest, "MB/s");
  metric("csv_ingest_edges_per_s", static_cast<double>(c.num_evidence()) / ingest, "edges/s");
  metric("freeze_s", time_freeze(c), "s");
  t0 = now_s();
  corridor::ViewParams vp;
  vp.weighting = corridor::Weighting::strength;
  corridor::View view = corridor::make_view(c, vp);
  metric("view_s", now_s() - t0, "s");
  metric("graph_bytes_per_edge",
         static_cast<double>(view.graph.memory_bytes()) / std::max<double>(1, view.graph.num_edges()), "B");
  const fs::path snap = work / "case.corridor";
  t0 = now_s();
  corridor::save_snapshot(c, snap);
  metric("snapshot_save_s", now_s() - t0, "s");
  metric("snapshot_bytes", static_cast<double>(fs::file_size(snap)), "B");
  t0 = now_s();
  corridor::Case back = corridor::load_snapshot(snap);
  const double load = now_s() - t0;
  metric("snapshot_load_s", load, "s");
  metric("snapshot_load_speedup", ingest / load, "x");
  if (back.num_evidence() != c.num_evidence()) throw std::runtime_error("snapshot lost evidence");
  metric("case_bytes_per_evidence",
         static_cast<double>(c.memory_bytes()) / std::max<double>(1, c.num_evidence()), "B");
  metric("peak_rss_mb", corridor::bench::peak_rss_mb(), "MiB");
  return 0;
}

int propagation(const fs::path& folder) {
  scope = folder.filename().string();
  corridor::Case c = corridor::read_case(folder);
  std::vector<corridor::Seed> seeds(c.seeds().begin(), c.seeds().end());
  if (seeds.empty()) throw std::runtime_error(folder.string() + " has no seeds.csv");
  metric("seeds", static_cast<double>(seeds.size()));
  corridor::PropagationParams pp;
  double t0 = now_s();
  corridor::Graph pg = corridor::propagation_graph(c, pp);
  const double graph_s = now_s() - t0;
  metric("propagation_graph_s", graph_s, "s");
  t0 = now_s();
  corridor::PropagationResult r = corridor::propagate(c, seeds, pp);
  const double prop_s = now_s() - t0;
  metric("propagate_s", prop_s, "s");
  metric("propagate_iterations", r.iterations);
  // The walk's CSR (offsets 8(n+1), targets 4 and weights 8 bytes per arc), read once per
  // iteration: report.py sets the time per iteration against reading it at the STREAM bandwidth.
  metric("walk_vertices", static_cast<double>(pg.num_vertices()));
  metric("walk_arcs", static_cast<double>(pg.num_arcs()));
  metric("walk_csr_bytes", 8.0 * static_cast<double>(pg.num_vertices() + 1) + 12.0 * static_cast<double>(pg.num_arcs()), "B");
  // The same propagation capped at one iteration costs everything else (the walk's graph, the
  // implicit seeds, the seed tree, the ranking) plus one iteration, so (full - capped) /
  // (iterations - 1) is one iteration of the walk alone and capped minus that the set-up.
  if (r.iterations > 1) {
    corridor::PropagationParams capped = pp;
    capped.max_iterations = 1;
    t0 = now_s();
    (void)corridor::propagate(c, seeds, capped);
    const double capped_s = now_s() - t0;
    const double iteration = std::max(0.0, prop_s - capped_s) / (r.iterations - 1);
    metric("walk_iteration_s", iteration, "s");
    metric("walk_setup_s", std::max(0.0, capped_s - iteration), "s");
  }
  // PageRank personalised on the same seeds, on the same case seen as a strength-weighted graph.
  t0 = now_s();
  corridor::ViewParams vp;
  vp.kinds = corridor::KindSet::all();
  vp.weighting = corridor::Weighting::strength;
  corridor::View view = corridor::make_view(c, vp);
  const double view_s = now_s() - t0;
  corridor::PageRankParams pr;
  pr.damping = 1.0 - pp.restart;
  pr.personalization.assign(view.graph.num_vertices(), 0.0);
  for (const auto& s : seeds)
    if (view.vertex_of[s.node] != corridor::kNoVertex) pr.personalization[view.vertex_of[s.node]] += s.confidence;
  t0 = now_s();
  corridor::ScoreResult ps = corridor::pagerank(view.graph, pr);
  const double pr_s = now_s() - t0;
  metric("view_s", view_s, "s");
  metric("pagerank_s", pr_s, "s");
  metric("pagerank_iterations", ps.iterations);
  metric("propagate_over_pagerank", prop_s / (view_s + pr_s), "x");
  // The top 1000 leads explained as a scores table and a report explain them: the many-leads call
  // with the bulk parameters (3 paths each, coarser truncation); then one lead as `corridor
  // explain` does it (default parameters: exact to 1e-6).
  t0 = now_s();
  corridor::ExplainIndex index = corridor::build_explain_index(c, r);
  const std::vector<corridor::NodeId> top(r.order.begin(),
                                          r.order.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(1000, r.order.size())));
  std::size_t paths = 0;
  const corridor::PathParams bulk = corridor::bulk_path_params(3);
  for (const auto& p : corridor::strongest_paths(index, top, std::span<const corridor::PathParams>(&bulk, 1)))
    paths += p.size();
  metric("explain_top1000_s", now_s() - t0, "s");
  metric("explain_paths", static_cast<double>(paths));
  t0 = now_s();
  const corridor::Explanation one = corridor::explain(index, r.order[std::min<std::size_t>(10, r.order.size() - 1)]);
  metric("explain_one_exact_s", now_s() - t0, "s");
  metric("explain_one_exact_paths", static_cast<double>(one.paths.size()));
  metric("peak_rss_mb", corridor::bench::peak_rss_mb(), "MiB");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string preset = "medium", work = "foundation-work", prop;
  std::uint64_t seed = 1;
  int threads = 1;  // propagation and PageRank compared on one thread
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--preset")) preset = argv[i + 1];
    else if (!std::strcmp(argv[i], "--seed")) seed = std::stoull(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--work")) work = argv[i + 1];
    else if (!std::strcmp(argv[i], "--propagate")) prop = argv[i + 1];
    else if (!std::strcmp(argv[i], "--threads")) threads = std::stoi(argv[i + 1]);
    else {
      std::cerr << "usage: corridor-bench-foundation [--preset NAME --seed N --work DIR] | --propagate CASE_DIR [--threads N]\n";
      return 2;
    }
  }
#ifdef CORRIDOR_HAVE_OPENMP
  omp_set_num_threads(threads);
#endif
  try {
    return prop.empty() ? foundation(preset, seed, work) : propagation(prop);
  } catch (const std::exception& e) {
    std::cerr << "corridor-bench-foundation: " << e.what() << "\n";
    return 1;
  }
}

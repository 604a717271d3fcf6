// corridor-micro: Google Benchmark micro-benchmarks of the kernels everything else is made of.
//
//   corridor-micro --benchmark_filter=PageRank --benchmark_repetitions=3
//
// Graphs are seeded random graphs built in memory (no files), so every run measures the same
// work: CSR scan (the memory-bound floor), one PageRank pull iteration written out plainly and
// one library PageRank iteration, BFS, Leiden on a small planted-partition graph, and ingest
// per MB (the edge-list parser and read_case on a generated case).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>
#include <vector>

#ifdef CORRIDOR_HAVE_OPENMP
#include <omp.h>
#endif

#include "edge_list.hpp"
#include "corridor/centrality/spectral.hpp"
#include "corridor/community/leiden.hpp"
#include "corridor/graph/graph.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/generate/generate.hpp"

namespace {

using corridor::Graph;
using corridor::vertex_t;

/// G(n, m) with weights in [0.5, 1.5), or a planted partition when block > 0 (mixing 0.2).
Graph random_graph(vertex_t n, std::size_t m, vertex_t block = 0, std::uint64_t seed = 1) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<vertex_t> any(0, n - 1);
  std::uniform_real_distribution<double> weight(0.5, 1.5), coin(0, 1);
  std::vector<Graph::Edge> edges;
  edges.reserve(m);
  while (edges.size() < m) {
    vertex_t u = any(rng), v = any(rng);
    if (block > 0 && coin(rng) > 0.2) v = u / block * block + any(rng) % block;
    if (u != v && v < n) edges.push_back({u, v, weight(rng), 0});
  }
  return Graph::from_edges(n, edges, corridor::Direction::undirected);
}

const Graph& big_graph() {
  static const Graph g = random_graph(1 << 20, 8u << 20);
  return g;
}

void BM_CsrScan(benchmark::State& state) {
  const Graph& g = big_graph();
  auto targets = g.out_targets();
  auto weights = g.arc_weights();
  for (auto _ : state) {
    std::uint64_t s = 0;
    double w = 0;
    for (std::size_t i = 0; i < targets.size(); ++i) s += targets[i], w += weights[i];
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(w);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(targets.size() * 12));
}
BENCHMARK(BM_CsrScan)->Unit(benchmark::kMillisecond);

/// One pull iteration x'[v] = (1-d)/n + d sum_{u->v} x[u] w_uv / s_u, serial, written plainly: the
/// floor the library's kernel is compared with.
void BM_PageRankIteration(benchmark::State& state) {
  const Graph& g = big_graph();
  const vertex_t n = g.num_vertices();
  std::vector<double> x(n, 1.0 / n), y(n), inv(n);
  for (vertex_t v = 0; v < n; ++v) inv[v] = g.out_strength(v) > 0 ? 1.0 / g.out_strength(v) : 0.0;
  std::vector<double> contrib(n);
  auto off = g.in_offsets();
  auto src = g.in_sources();
  auto w = g.arc_weights();
  for (auto _ : state) {
    for (vertex_t u = 0; u < n; ++u) contrib[u] = x[u] * inv[u];
    for (vertex_t v = 0; v < n; ++v) {
      double s = 0;
      for (std::uint64_t i = off[v]; i < off[v + 1]; ++i) s += contrib[src[i]] * w[i];
      y[v] = 0.15 / n + 0.85 * s;
    }
    x.swap(y);
    benchmark::DoNotOptimize(x.data());
  }
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(8 * (n + 1) + 12 * g.num_arcs()));
}
BENCHMARK(BM_PageRankIteration)->Unit(benchmark::kMillisecond);

/// The library's PageRank capped at one iteration (setup included), on 1 and 2 threads.
void BM_PageRankLibraryOneIteration(benchmark::State& state) {
#ifdef CORRIDOR_HAVE_OPENMP
  omp_set_num_threads(static_cast<int>(state.range(0)));
#endif
  const Graph& g = big_graph();
  corridor::PageRankParams p;
  p.max_iterations = 1;
  for (auto _ : state) benchmark::DoNotOptimize(corridor::pagerank(g, p).scores.data());
  state.SetBytesProcessed(state.iterations() *
                          static_cast<std::int64_t>(8 * (g.num_vertices() + 1) + 12 * g.num_arcs()));
#ifdef CORRIDOR_HAVE_OPENMP
  omp_set_num_threads(1);
#endif
}
BENCHMARK(BM_PageRankLibraryOneIteration)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

void BM_BFS(benchmark::State& state) {
  const Graph& g = big_graph();
  const vertex_t n = g.num_vertices();
  std::vector<std::uint32_t> dist(n);
  std::vector<vertex_t> queue(n);
  for (auto _ : state) {
    std::fill(dist.begin(), dist.end(), UINT32_MAX);
    std::size_t head = 0, tail = 0;
    queue[tail++] = 0;
    dist[0] = 0;
    while (head < tail) {
      vertex_t u = queue[head++];
      for (vertex_t v : g.out_neighbors(u))
        if (dist[v] == UINT32_MAX) dist[v] = dist[u] + 1, queue[tail++] = v;
    }
    benchmark::DoNotOptimize(tail);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(g.num_arcs()));
}
BENCHMARK(BM_BFS)->Unit(benchmark::kMillisecond);

/// Whole Leiden (one iteration) on a 20k-node planted-partition graph: the library exposes no
/// single local-move pass, and one iteration is mostly that pass.
void BM_LeidenSmall(benchmark::State& state) {
  static const Graph g = random_graph(20000, 200000, 100, 7);
  corridor::LeidenParams p;
  p.iterations = 1;
  for (auto _ : state) benchmark::DoNotOptimize(corridor::leiden(g, p).count);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(g.num_edges()));
}
BENCHMARK(BM_LeidenSmall)->Unit(benchmark::kMillisecond);

/// The benchmarks' own edge-list parser, per MB.
void BM_EdgeListParse(benchmark::State& state) {
  std::mt19937_64 rng(3);
  std::string text;
  for (int i = 0; i < 500000; ++i)
    text += std::to_string(rng() % 100000) + ' ' + std::to_string(rng() % 100000) + " 0.75\n";
  for (auto _ : state)
    benchmark::DoNotOptimize(corridor::bench::parse_edge_list(text, true).edges.data());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_EdgeListParse)->Unit(benchmark::kMillisecond);

/// read_case (parse, validate, freeze) of the generator's small preset, per MB of CSV.
void BM_ReadCase(benchmark::State& state) {
  namespace fs = std::filesystem;
  static const fs::path folder = [] {
    fs::path f = fs::temp_directory_path() / "corridor-micro-case";
    corridor::GenerateParams gp;
    gp.preset = "small";
    corridor::write_generated_case(corridor::generate_case(gp), f);
    return f;
  }();
  std::int64_t bytes = 0;
  for (const auto& e : fs::directory_iterator(folder))
    if (e.path().extension() == ".csv") bytes += static_cast<std::int64_t>(e.file_size());
  for (auto _ : state) benchmark::DoNotOptimize(corridor::read_case(folder).num_evidence());
  state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_ReadCase)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

// corridor-bench: runs one corridor algorithm on a plain edge list and prints one CSV line per
// repeat, so anyone can compare corridor with their own tools on their own graphs:
//
//   corridor-bench --edges g.txt --weighted --algorithm pagerank --threads 2 --repeat 3
//   library,algorithm,graph,threads,load_s,compute_s,peak_rss_mb,quality
//   corridor,pagerank,g,2,0.412,0.108,95.1,31
//
// load_s covers reading the file and building the CSR; compute_s the algorithm alone. quality is
// the modularity (resolution 1) for partitions, the iteration count for PageRank, the number of
// components for components, empty otherwise. --out writes the answer (one value per vertex,
// one per line) so the harness can compare answers across libraries. A line starting with '#'
// on stderr describes the graph (vertices, arcs, CSR bytes) for the memory-bandwidth bound;
// for PageRank another gives the time of one iteration without the solver's set-up.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#ifdef CORRIDOR_HAVE_OPENMP
#include <omp.h>
#endif

#include "bench_util.hpp"
#include "edge_list.hpp"
#include "corridor/graph/graph.hpp"
#include "corridor/graph/order.hpp"
#include "corridor/graph/components.hpp"

#include "corridor/centrality/spectral.hpp"
#include "corridor/centrality/betweenness.hpp"
#include "corridor/centrality/closeness.hpp"
#include "corridor/community/leiden.hpp"
#include "corridor/community/louvain.hpp"
#include "corridor/community/label_propagation.hpp"

namespace {

using namespace corridor;
using corridor::bench::now_s;

struct Options {
  std::string edges, algorithm, graph_name, seeds_file, out_file, order = "input", schedule = "parallel";
  bool weighted = false, directed = false;
  int threads = 1, repeat = 1;
  double damping = 0.85, tolerance = 1e-10, resolution = 1.0;
  double epsilon = 0.02, delta = 0.1;
  int iterations = 2;
  std::uint64_t seed = 1;
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "corridor-bench: " << problem << "\n"
            << "usage: corridor-bench --edges FILE [--weighted] [--directed]\n"
               "         --algorithm pagerank|pagerank-l1|ppr|betweenness|betweenness-approx|closeness|leiden|louvain|labelprop|components\n"
               "         [--threads N] [--repeat R] [--seeds FILE] [--graph NAME] [--out FILE]\n"
               "         [--damping D] [--tolerance T] [--resolution G] [--iterations I] [--seed S]\n"
               "         [--epsilon E] [--delta D] [--order input|degree|locality] [--schedule parallel|sequential]\n"
               "FILE holds `u v [w]` lines with 0-based integer ids; --seeds holds one vertex id a line.\n";
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(a + " needs a value");
      return argv[++i];
    };
    try {
      if (a == "--edges") o.edges = value();
      else if (a == "--algorithm") o.algorithm = value();
      else if (a == "--graph") o.graph_name = value();
      else if (a == "--seeds") o.seeds_file = value();
      else if (a == "--out") o.out_file = value();
      else if (a == "--order") o.order = value();
      else if (a == "--schedule") o.schedule = value();
      else if (a == "--weighted") o.weighted = true;
      else if (a == "--directed") o.directed = true;
      else if (a == "--threads") o.threads = std::stoi(value());
      else if (a == "--repeat") o.repeat = std::stoi(value());
      else if (a == "--damping") o.damping = std::stod(value());
      else if (a == "--tolerance") o.tolerance = std::stod(value());
      else if (a == "--resolution") o.resolution = std::stod(value());
      else if (a == "--iterations") o.iterations = std::stoi(value());
      else if (a == "--seed") o.seed = std::stoull(value());
      else if (a == "--epsilon") o.epsilon = std::stod(value());
      else if (a == "--delta") o.delta = std::stod(value());
      else if (a == "--help" || a == "-h") usage("help");
      else usage("unknown option " + a);
    } catch (const std::invalid_argument&) {
      usage("bad value for " + a);
    }
  }
  if (o.edges.empty()) usage("--edges is required");
  if (o.algorithm.empty()) usage("--algorithm is required");
  if (o.threads < 1 || o.repeat < 1) usage("--threads and --repeat must be >= 1");
  if (o.order != "input" && o.order != "degree" && o.order != "locality") usage("--order must be input, degree or locality");
  if (o.schedule != "parallel" && o.schedule != "sequential") usage("--schedule must be parallel or sequential");
  if (o.graph_name.empty()) {
    auto slash = o.edges.find_last_of('/');
    o.graph_name = o.edges.substr(slash == std::string::npos ? 0 : slash + 1);
    auto dot = o.graph_name.find('.');
    if (dot != std::string::npos) o.graph_name.resize(dot);
  }
  return o;
}

std::vector<vertex_t> read_seeds(const std::string& file, vertex_t n) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot open seeds file " + file);
  std::vector<vertex_t> seeds;
  std::uint64_t x;
  while (in >> x) {
    if (x >= n) throw std::runtime_error("seed " + std::to_string(x) + " is not a vertex of the graph");
    seeds.push_back(static_cast<vertex_t>(x));
    in.ignore(1 << 20, '\n');
  }
  if (seeds.empty()) throw std::runtime_error("no seeds in " + file);
  return seeds;
}

/// The answer of one run, kept for --out.
struct Answer {
  std::vector<double> scores;
  std::vector<std::uint64_t> labels;
  std::string quality;
  int iterations = 0;  ///< of an iterative solver, else 0
  /// Community methods: the resolution their partition is scored at, after the clock stops (as
  /// the igraph peer scores its partition outside its timing); NaN for the others.
  double score_at = std::numeric_limits<double>::quiet_NaN();
};

bool is_pagerank(const std::string& a) { return a == "pagerank" || a == "pagerank-l1" || a == "ppr"; }

// The floor under a PageRank iteration on this machine: one pass over the in-rows reading what
// the bound counts (offsets, sources, weights) and nothing else, no gather, four running sums as
// in the kernel, the rows split over the threads as the kernel splits them. Best of five passes.
// The bound divides the same bytes by the STREAM triad's bandwidth; this says how much of that a
// pass over rows can actually reach here.
double csr_read_s(const Graph& g) {
  const std::uint64_t* off = g.in_offsets().data();
  const vertex_t* src = g.in_sources().data();
  const double* w = g.weighted() && g.num_arcs() ? (g.directed() ? g.in_weights(0).data() : g.arc_weights().data()) : nullptr;
  const auto n = static_cast<std::int64_t>(g.num_vertices());
  double best = 1e30, keep = 0;
  for (int pass = 0; pass < 5; ++pass) {
    const double t0 = now_s();
    double total = 0;
#ifdef CORRIDOR_HAVE_OPENMP
#pragma omp parallel for schedule(static) reduction(+ : total)
#endif
    for (std::int64_t v = 0; v < n; ++v) {
      double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      std::uint64_t a = off[v];
      const std::uint64_t end = off[v + 1];
      for (; a + 4 <= end; a += 4) {
        s0 += static_cast<double>(src[a]) * (w ? w[a] : 1.0);
        s1 += static_cast<double>(src[a + 1]) * (w ? w[a + 1] : 1.0);
        s2 += static_cast<double>(src[a + 2]) * (w ? w[a + 2] : 1.0);
        s3 += static_cast<double>(src[a + 3]) * (w ? w[a + 3] : 1.0);
      }
      for (; a < end; ++a) s0 += static_cast<double>(src[a]) * (w ? w[a] : 1.0);
      total += (s0 + s1) + (s2 + s3);
    }
    best = std::min(best, now_s() - t0);
    keep += total;
  }
  if (keep == -1.0) std::fprintf(stderr, "#\n");  // keeps the passes observable
  return best;
}

PageRankParams pagerank_params(const Options& o, const Graph& g, const std::vector<vertex_t>& seeds) {
  PageRankParams p;
  p.damping = o.damping;
  // pagerank-l1: stop at an L1 change below `tolerance` itself (as PRPACK in igraph), not
  // below n * tolerance (networkx's rule, corridor's default).
  p.tolerance = o.algorithm == "pagerank-l1" ? o.tolerance / std::max<double>(1, g.num_vertices()) : o.tolerance;
  p.weighted = o.weighted;
  if (o.algorithm == "ppr") {
    if (seeds.empty()) throw std::runtime_error("ppr needs --seeds FILE");
    p.personalization.assign(g.num_vertices(), 0.0);
    for (vertex_t s : seeds) p.personalization[s] += 1.0 / static_cast<double>(seeds.size());
  }
  return p;
}

template <class V>
std::vector<std::uint64_t> to_labels(const V& membership) {
  return std::vector<std::uint64_t>(membership.begin(), membership.end());
}

std::string modularity_text(const Graph& g, const std::vector<std::uint64_t>& labels, double gamma) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f",
                corridor::bench::modularity_of<std::uint64_t>(g, labels, gamma));
  return buf;
}

Answer run(const Options& o, const Graph& g, const std::vector<vertex_t>& seeds) {
  const std::string& a = o.algorithm;
  if (a == "components") {
    ComponentsResult cc = connected_components(g);
    return {{}, to_labels(cc.membership), std::to_string(cc.count)};
  }
  if (is_pagerank(a)) {
    ScoreResult r = pagerank(g, pagerank_params(o, g, seeds));
    return {std::move(r.scores), {}, std::to_string(r.iterations), r.iterations};
  }
  if (a == "betweenness") {
    BetweennessParams p;
    p.normalized = true;
    p.weights = o.weighted ? PathWeights::distance : PathWeights::ignore;
    ScoreResult r = betweenness(g, p);
    return {std::move(r.scores), {}, ""};
  }
  if (a == "betweenness-approx") {
    ApproxBetweennessParams p;
    p.epsilon = o.epsilon;
    p.delta = o.delta;
    p.seed = o.seed;
    p.weights = o.weighted ? PathWeights::distance : PathWeights::ignore;
    ScoreResult r = approximate_betweenness(g, p);
    return {std::move(r.scores), {}, ""};
  }
  if (a == "closeness") {
    ClosenessParams p;
    p.weights = o.weighted ? PathWeights::distance : PathWeights::ignore;
    ScoreResult r = closeness(g, p);
    return {std::move(r.scores), {}, ""};
  }
  if (a == "leiden") {
    LeidenParams p;
    p.objective = Objective::modularity;
    p.resolution = o.resolution;
    p.randomness = 0.01;
    p.iterations = o.iterations;
    p.seed = o.seed;
    p.weighted = o.weighted;
    p.schedule = o.schedule == "sequential" ? Schedule::sequential : Schedule::parallel;
    auto r = leiden(g, p);
    return {{}, to_labels(r.membership), "", 0, o.resolution};
  }
  if (a == "louvain") {
    LouvainParams p;
    p.resolution = o.resolution;
    p.seed = o.seed;
    p.weighted = o.weighted;
    p.schedule = o.schedule == "sequential" ? Schedule::sequential : Schedule::parallel;
    auto r = louvain(g, p);
    return {{}, to_labels(r.membership), "", 0, o.resolution};
  }
  if (a == "labelprop") {
    LabelPropagationParams p;
    p.seed = o.seed;
    p.weighted = o.weighted;
    p.schedule = o.schedule == "sequential" ? Schedule::sequential : Schedule::parallel;
    auto r = label_propagation(g, p);
    return {{}, to_labels(r.membership), "", 0, 1.0};
  }
  throw std::runtime_error("algorithm \"" + a + "\" is unknown or not built into this corridor");
}

void write_answer(const std::string& file, const Answer& ans) {
  std::FILE* f = std::fopen(file.c_str(), "w");
  if (!f) throw std::runtime_error("cannot write " + file);
  for (double x : ans.scores) std::fprintf(f, "%.17g\n", x);
  for (auto x : ans.labels) std::fprintf(f, "%llu\n", static_cast<unsigned long long>(x));
  std::fclose(f);
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
#ifdef CORRIDOR_HAVE_OPENMP
  omp_set_num_threads(o.threads);
#endif
  try {
    for (int rep = 0; rep < o.repeat; ++rep) {
      double t0 = now_s();
      auto el = corridor::bench::read_edge_list(o.edges, o.weighted);
      Graph g = Graph::from_edges(el.num_vertices, el.edges,
                                  o.directed ? Direction::directed : Direction::undirected, Merge::sum);
      el.edges.clear();
      el.edges.shrink_to_fit();
      std::vector<vertex_t> seeds;
      if (!o.seeds_file.empty()) seeds = read_seeds(o.seeds_file, g.num_vertices());
      // --order renumbers the graph once, as a view would (part of load); answers are mapped back.
      std::vector<vertex_t> order;
      double order_s = 0;
      if (o.order != "input") {
        const double t2 = now_s();
        order = vertex_order(g, {.order = o.order == "degree" ? VertexOrder::degree : VertexOrder::locality});
        g = g.renumbered(order);
        std::vector<vertex_t> rank(order.size());
        for (vertex_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
        for (auto& s : seeds) s = rank[s];
        order_s = now_s() - t2;
      }
      double load = now_s() - t0;
      if (rep == 0) {
        const std::uint64_t arcs = g.num_arcs();
        const std::uint64_t csr = 8 * (static_cast<std::uint64_t>(g.num_vertices()) + 1) + 4 * arcs +
                                  (g.weighted() ? 8 * arcs : 0);
        std::fprintf(stderr, "# graph=%s vertices=%u arcs=%llu weighted=%d csr_bytes=%llu\n",
                     o.graph_name.c_str(), g.num_vertices(), static_cast<unsigned long long>(arcs),
                     g.weighted() ? 1 : 0, static_cast<unsigned long long>(csr));
        if (!order.empty()) std::fprintf(stderr, "# graph=%s order=%s order_s=%.4f\n", o.graph_name.c_str(), o.order.c_str(), order_s);
      }
      const double sys1 = corridor::bench::system_cpu_s();
      double t1 = now_s();
      Answer ans = run(o, g, seeds);
      double compute = now_s() - t1;
      const double compute_sys = corridor::bench::system_cpu_s() - sys1;
      if (!std::isnan(ans.score_at)) ans.quality = modularity_text(g, ans.labels, ans.score_at);
      if (!order.empty()) {
        if (!ans.scores.empty()) ans.scores = in_input_order(ans.scores, order);
        if (!ans.labels.empty()) ans.labels = in_input_order(ans.labels, order);
      }
      std::printf("corridor,%s,%s,%d,%.4f,%.4f,%.1f,%s\n", o.algorithm.c_str(), o.graph_name.c_str(),
                  o.threads, load, compute, corridor::bench::peak_rss_mb(), ans.quality.c_str());
      std::fflush(stdout);
      // compute / iterations would charge the solver's one-off set-up (out-strengths, vectors,
      // single-precision weights) to every iteration. The same solve capped at one iteration
      // costs set-up + 1 iteration, so (full - capped) / (iterations - 1) is the time of one
      // iteration alone, and capped minus that the set-up. The timed solve above was the first on
      // its arrays' memory: on a virtual machine that hands freed memory back to its host, those
      // first touches can cost the kernel more than the arithmetic (its kernel CPU time is printed).
      // So the capped solve and a second full one run after it, on memory touched before, and
      // the split into set-up and iterations comes from these two.
      if (is_pagerank(o.algorithm) && ans.iterations > 1) {
        PageRankParams p = pagerank_params(o, g, seeds);
        const int full_iterations = p.max_iterations;
        const auto timed = [&](int max_iterations, double& sys) {
          p.max_iterations = max_iterations;
          const double s0 = corridor::bench::system_cpu_s();
          const double t = now_s();
          (void)pagerank(g, p);
          const double elapsed = now_s() - t;
          sys = corridor::bench::system_cpu_s() - s0;
          return elapsed;
        };
        double capped_sys = 0, warm_sys = 0;
        const double capped = timed(1, capped_sys);
        const double warm = timed(full_iterations, warm_sys);
        // The times as measured; report.py splits the best of each into set-up and iterations.
        std::fprintf(stderr,
                     "# graph=%s algorithm=%s threads=%d first_s=%.6f first_sys_s=%.6f capped_s=%.6f "
                     "capped_sys_s=%.6f warm_s=%.6f warm_sys_s=%.6f\n",
                     o.graph_name.c_str(), o.algorithm.c_str(), o.threads, compute, compute_sys, capped, capped_sys,
                     warm, warm_sys);
        std::fprintf(stderr, "# graph=%s algorithm=%s threads=%d csr_read_s=%.6f\n", o.graph_name.c_str(),
                     o.algorithm.c_str(), o.threads, csr_read_s(g));
      }
      if (rep == 0 && !o.out_file.empty()) write_answer(o.out_file, ans);
    }
  } catch (const std::exception& e) {
    std::cerr << "corridor-bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

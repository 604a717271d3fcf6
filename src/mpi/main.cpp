// corridor-mpi: corridor past one machine, with Parallel BGL over MPI.
//
//   mpirun -n N corridor-mpi components CASE [view options] --out FILE
//   mpirun -n N corridor-mpi pagerank   CASE [view options] --out FILE
//   mpirun -n N corridor-mpi propagate  CASE [propagation options] --out FILE
//
// Every rank reads its share of the case (nodes whole, a record-aligned byte range of
// edges.csv), the evidence of each pair of nodes gathers on one rank where the library builds
// the pair's tie by its own rules (make_view), the ties spread over the ranks as a Parallel BGL
// distributed graph, and the algorithm runs there. Rank 0 writes the same file as the
// single-machine command (`corridor centrality --measures pagerank`; for components, one
// component number per node, components numbered in the order of their first node; for
// propagate, the columns of `corridor propagate`, with its implicit seeds and cleared persons,
// top_seed and path left empty). Options are translated into parameters by the library's specs,
// as the command's are. Errors: every rank's
// problems are printed once by rank 0 and every rank exits with code 2.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <mpi.h>

#include <cstdio>
#include <exception>
#include <memory>
#include <new>
#include <numeric>
#include <string>
#include <vector>

#include "cli/common.hpp"
#include "corridor/corridor.hpp"
#include "corridor/spec/centrality.hpp"
#include "corridor/spec/table.hpp"
#include "propagation/operator_impl.hpp"
#include "mpi/dgraph.hpp"
#include "mpi/exchange.hpp"
#include "mpi/kernels.hpp"
#include "mpi/share.hpp"

namespace corridor::mpi {

namespace {

struct Options {
  bool quiet = false;
  std::string stats;  // file for the benchmark harness (key,value lines)
  std::string input;
  std::string out;
  cli::ViewOptions view;
  bool pbgl_components = false;  // components: Parallel BGL's algorithm instead of label propagation
  // pagerank: the options of `corridor centrality` that reach PageRank
  double damping = CentralitySpec{}.damping;
  std::vector<std::string> personalization;  // id=weight
  int max_iterations = CentralitySpec{}.max_iterations;

  // propagate: the options of `corridor propagate`, as the library's one PropagationSpec
  cli::PropagationOptions propagation;

  CentralitySpec centrality() const {
    CentralitySpec s;
    s.measures = {Measure::pagerank};
    s.damping = damping;
    for (const auto& item : personalization) s.personalization.push_back(cli::parse_assignment("--personalization", item));
    s.max_iterations = max_iterations;
    return s;
  }
};

double peak_rss_mb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// Timings and volumes of one run, for stderr and --stats. Times are the slowest rank's.
class Report {
 public:
  explicit Report(MPI_Comm comm) : comm_(comm), start_(MPI_Wtime()), last_(start_) {}
  void phase(const std::string& name) {
    double t = MPI_Wtime() - last_;
    MPI_Allreduce(MPI_IN_PLACE, &t, 1, MPI_DOUBLE, MPI_MAX, comm_);
    items_.emplace_back(name + "_s", fmt::format("{:.3f}", t));
    last_ = MPI_Wtime();
  }
  void add(const std::string& key, const std::string& value) { items_.emplace_back(key, value); }
  template <class T>
  void add_number(const std::string& key, T value) {
    items_.emplace_back(key, fmt::format("{}", value));
  }
  // Traffic summed over ranks, and the largest rank's.
  void traffic(const std::string& key, const Traffic& t, int divide_by = 1) {
    const std::uint64_t total = sum_all(comm_, t.bytes);
    std::uint64_t most = t.bytes;
    MPI_Allreduce(MPI_IN_PLACE, &most, 1, MPI_UINT64_T, MPI_MAX, comm_);
    const double k = divide_by > 0 ? divide_by : 1;
    items_.emplace_back(key + "_bytes", fmt::format("{:.0f}", static_cast<double>(total) / k));
    items_.emplace_back(key + "_bytes_max_rank", fmt::format("{:.0f}", static_cast<double>(most) / k));
  }
  // Prints on rank 0 (unless quiet) and writes --stats.
  void finish(const Options& o) {
    double total = MPI_Wtime() - start_;
    MPI_Allreduce(MPI_IN_PLACE, &total, 1, MPI_DOUBLE, MPI_MAX, comm_);
    items_.emplace_back("total_s", fmt::format("{:.3f}", total));
    const std::vector<double> rss = gather(comm_, std::vector<double>{peak_rss_mb()});
    if (rank_of(comm_) != 0) return;
    std::string per_rank;
    double most = 0;
    for (double m : rss) {
      per_rank += (per_rank.empty() ? "" : " ") + fmt::format("{:.0f}", m);
      most = std::max(most, m);
    }
    items_.emplace_back("peak_rss_mb_max_rank", fmt::format("{:.0f}", most));
    items_.emplace_back("peak_rss_mb_per_rank", per_rank);
    if (!o.quiet) {
      std::string line;
      for (const auto& [k, v] : items_) line += (line.empty() ? "" : ", ") + k + " " + v;
      std::fprintf(stderr, "corridor-mpi: %s\n", line.c_str());
    }
    if (!o.stats.empty()) {
      std::string text = "key,value\n";
      for (const auto& [k, v] : items_) text += cli::csv_line({k, v});
      cli::write_output(o.stats, text);
    }
  }

 private:
  MPI_Comm comm_;
  double start_, last_;
  std::vector<std::pair<std::string, std::string>> items_;
};

// Runs f on every rank; a corridor error becomes one line for agree().
template <class F>
bool local_step(MPI_Comm comm, F&& f) {
  std::vector<std::string> problems;
  try {
    f();
  } catch (const Error& e) {
    problems.push_back(std::string("error: ") + e.what());
  }
  return agree(comm, problems);
}

// Rank 0 writes the table (the library's CSV writer); every rank learns whether it worked.
bool write_table(MPI_Comm comm, const Options& o, const Table& table) {
  return local_step(comm, [&] {
    if (rank_of(comm) == 0) cli::write_table(o.out, table);
  });
}

// The case read, the pairs gathered and the view built by the library on every rank; the view's
// ties spread over the ranks. Returns nullptr (problems printed) when the input is bad.
struct Prepared {
  Case mine;    // this rank's pairs (nodes, relations and seeds whole)
  View view;    // the view of `mine`: the same vertices on every rank, this rank's ties
  std::unique_ptr<DistributedGraph> graph;
  Traffic setup;
};

std::unique_ptr<Prepared> prepare(MPI_Comm comm, const Options& o, Report& report, bool undirected) {
  auto p = std::make_unique<Prepared>();
  Case share;
  if (!read_share(comm, o.input, share)) return nullptr;
  report.phase("read");
  ViewParams vp;
  if (!local_step(comm, [&] { vp = o.view.resolve(share); })) return nullptr;
  if (undirected) vp.direction = Direction::undirected;
  // The reference date of decay is the whole case's latest evidence, not the share's.
  if (vp.strength.as_of.empty()) vp.strength.as_of = latest_time_all(comm, share);
  report.add_number("evidence", sum_all(comm, static_cast<std::uint64_t>(share.num_evidence())));
  // One rank already holds every pair.
  if (size_of(comm) == 1) p->mine = std::move(share);
  else p->mine = by_pair(comm, share, &p->setup);
  share = Case{};
  if (!local_step(comm, [&] { p->view = make_view(p->mine, vp); })) return nullptr;
  report.phase("pairs");
  p->graph = std::make_unique<DistributedGraph>(comm, p->view.graph, &p->setup);
  report.add_number("vertices", p->graph->num_vertices());
  report.add_number("arcs", p->graph->arcs());
  report.add_number("ghosts", sum_all(comm, p->graph->ghosts()));
  report.phase("distribute");
  report.traffic("setup", p->setup);
  return p;
}

int run_components(MPI_Comm comm, const Options& o) {
  Report report(comm);
  report.add("command", "components");
  report.add_number("ranks", size_of(comm));
  auto p = prepare(comm, o, report, /*undirected=*/true);
  if (!p) return 2;
  int rounds = 0;
  const std::vector<std::uint64_t> roots =
      gather(comm, o.pbgl_components ? p->graph->component_roots_pbgl() : p->graph->component_roots(&rounds));
  report.phase("compute");
  if (!o.pbgl_components) report.add_number("iterations", rounds);
  Table table;
  if (rank_of(comm) == 0) {
    // Components numbered in the order of their first vertex (as a depth-first search from
    // vertex 0 upwards numbers them, e.g. Boost's connected_components).
    const vertex_t n = p->graph->num_vertices();
    std::vector<std::int64_t> label(n, -1), comp(n);
    std::int64_t next = 0;
    for (vertex_t v = 0; v < n; ++v) {
      auto& l = label[roots[v]];
      if (l < 0) l = next++;
      comp[v] = l;
    }
    report.add_number("components", next);
    table = node_table(p->mine);
    table.add_integer("component", per_node(p->view, comp));
  }
  if (!write_table(comm, o, table)) return 2;
  report.phase("write");
  report.finish(o);
  return 0;
}

int run_pagerank(MPI_Comm comm, const Options& o) {
  Report report(comm);
  report.add("command", "pagerank");
  report.add_number("ranks", size_of(comm));
  auto p = prepare(comm, o, report, /*undirected=*/false);
  if (!p) return 2;
  KernelTraffic traffic;
  ScoreResult r;
  // The spec's PageRank parameters on this view: the same translation as `corridor centrality`.
  if (!local_step(comm, [&] {
        const PageRankParams params = pagerank_params(p->mine, p->view, o.centrality());
        r = pagerank(*p->graph, params, &traffic);
      }))
    return 2;
  report.phase("compute");
  report.add_number("iterations", r.iterations);
  report.traffic("per_iteration", traffic.iterations, traffic.count);
  CentralityResult result;
  result.measures.push_back({Measure::pagerank, ScoreResult{}});
  ScoreResult& all = result.measures.back().result;
  all.scores = gather(comm, r.scores);
  all.iterations = r.iterations;
  all.residual = r.residual;
  all.converged = r.converged;
  Table table;
  if (rank_of(comm) == 0) {
    if (!r.converged && !o.quiet)
      std::fprintf(stderr, "corridor-mpi: warning: PageRank stopped after %d iterations (L1 change %.3g)\n",
                   r.iterations, r.residual);
    table = centrality_table(p->mine, p->view, result);  // the table of `corridor centrality`
  }
  if (!write_table(comm, o, table)) return 2;
  report.phase("write");
  report.finish(o);
  return 0;
}

// Options, seeds and cleared persons by the library's one spec, on the share (which knows its
// folder, so the case's seeds.csv and cleared.csv are found as the command finds them). False
// (problems printed) when the request is bad.
bool resolve_request(MPI_Comm comm, const Options& o, const Case& share, PropagationRequest& q,
                     std::vector<double>& seed_weight) {
  if (!local_step(comm, [&] {
        q = resolve_propagation(share, o.propagation.spec);
        if (q.params.method == Method::spread)
          throw ParamError("--method spread (a conjugate-gradient solve) is not distributed; use ppr, ppr_degree or "
                           "naive here, or `corridor propagate` on one machine");
        // The library's checks of the scalar parameters (overrides were checked on the case).
        PropagationParams scalars = q.params;
        scalars.strength.transmission_overrides.clear();
        (void)propagation_graph(Case{}, scalars);
        seed_weight = detail::seed_vector(share, q.seeds);
      }))
    return false;
  if (rank_of(comm) == 0)
    for (const std::string& n : q.notes) std::fprintf(stderr, "corridor-mpi: warning: %s\n", n.c_str());
  return true;
}

// The tie graph of propagation_graph(), built from this rank's pairs. Every node is a vertex
// (vertex = NodeId). A node's client budget and (ppr_degree) organizational strength need all
// its ties, which several ranks hold: their sums cross the ranks before the final weights.
struct PropagationTies {
  View view;
  std::vector<double> organizational;  // per vertex, ppr_degree only
};

PropagationTies propagation_ties(MPI_Comm comm, const Case& mine, const PropagationParams& p) {
  const ViewParams vp = propagation_view(p);
  PropagationTies out;
  if (vp.weighting != Weighting::transmission) {
    out.view = make_view(mine, vp);
    return out;
  }
  PairTies pt = transmission_ties(mine, vp);
  out.view = std::move(pt.view);
  const auto n = static_cast<vertex_t>(out.view.node_of.size());
  std::vector<double> total;
  if (vp.client_cap) {
    // A node's client ties may sit on several ranks: its budget needs their sum.
    total = client_totals(pt.ties, n);
    MPI_Allreduce(MPI_IN_PLACE, total.data(), static_cast<int>(n), MPI_DOUBLE, MPI_SUM, comm);
  }
  const std::vector<Graph::Edge> edges = transmission_edges(pt.ties, total, vp.client_cap);
  if (p.method == Method::ppr_degree) {
    out.organizational.assign(n, 0.0);
    for (const Graph::Edge& e : edges)
      if (!is_client_tie(mine, e.tag)) {
        out.organizational[e.u] += e.w;
        out.organizational[e.v] += e.w;
      }
    MPI_Allreduce(MPI_IN_PLACE, out.organizational.data(), static_cast<int>(n), MPI_DOUBLE, MPI_SUM, comm);
  }
  out.view.graph = Graph::from_edges(n, edges, vp.direction, Merge::max);
  return out;
}

// The walk of corridor::propagate on this rank's vertices: a step from u carries
// (1 - restart) / divisor(u) per unit of tie weight, divisor = max(s_u, 1) (naive: s_u, 1 when
// 0), s_u the sum of u's ties. Cleared persons (signed walk, as corridor::propagate): suspicion
// walks from the seeds through everyone but the cleared, who absorb it; clearance walks from the
// cleared through everyone; score = max(0, suspicion - clearance), 0 at a cleared person. The
// naive baseline ignores them. Throws as walk_sums does.
ScoreResult signed_walk_scores(MPI_Comm comm, const DistributedGraph& graph, const PropagationRequest& q,
                               const std::vector<double>& seed_weight, const std::vector<double>& organizational,
                               KernelTraffic& traffic) {
  const PropagationParams& p = q.params;
  const vertex_t first = graph.first(), local = graph.local();
  const auto& off = graph.offsets();
  const auto& wts = graph.weights();
  const double total_seed = std::accumulate(seed_weight.begin(), seed_weight.end(), 0.0);
  const bool signed_walk = !q.cleared.empty() && p.method != Method::naive;
  std::vector<double> y(local), step(local), receive, cleared_y;
  if (signed_walk) receive.assign(local, 1.0), cleared_y.assign(local, 0.0);
  for (vertex_t u = 0; u < local; ++u) {
    double s = 0.0;
    for (auto a = off[u]; a < off[u + 1]; ++a) s += wts[a];
    const double divisor = p.method == Method::naive ? (s > 0 ? s : 1.0) : std::max(s, 1.0);
    step[u] = (1.0 - p.restart) / divisor;
    y[u] = seed_weight[first + u] / total_seed;
  }
  std::vector<double> cleared_step;
  if (signed_walk) {
    cleared_step = step;
    for (const Seed& c : q.cleared)
      if (c.node >= first && c.node < first + local) {
        // Each cleared person once (the spec refuses one given twice), its confidence its weight.
        cleared_y[c.node - first] = c.confidence / total_seed;
        step[c.node - first] = receive[c.node - first] = 0.0;
      }
  }
  KernelTraffic clearance_traffic;
  ScoreResult r = walk_sums(graph, y, step, receive, p.tolerance, p.max_iterations, &traffic);
  ScoreResult neg;
  if (signed_walk) neg = walk_sums(graph, cleared_y, cleared_step, {}, p.tolerance, p.max_iterations, &clearance_traffic);
  // What the walk leaves at a vertex: restart (ppr_degree: over the vertex's organizational strength).
  auto leaves = [&](vertex_t u, double x) {
    double v = x * p.restart;
    if (p.method == Method::ppr_degree) v /= std::max(organizational[first + u], 1.0);
    return std::max(0.0, v);
  };
  for (vertex_t u = 0; u < local; ++u) {
    r.scores[u] = leaves(u, r.scores[u]);
    if (signed_walk) r.scores[u] = std::max(0.0, r.scores[u] - leaves(u, neg.scores[u]));
  }
  if (signed_walk) {
    for (const Seed& c : q.cleared)
      if (c.node >= first && c.node < first + local) r.scores[c.node - first] = 0.0;
    r.iterations = std::max(r.iterations, neg.iterations);
    r.residual = std::max(r.residual, neg.residual);
    r.converged = r.converged && neg.converged;
  }
  if (p.method == Method::naive) {
    // Textbook PageRank sends dangling mass back to the seeds; that only rescales the solution.
    const double sum = sum_all(comm, std::accumulate(r.scores.begin(), r.scores.end(), 0.0));
    if (sum > 0)
      for (double& v : r.scores) v /= sum;
  }
  traffic.iterations.bytes += clearance_traffic.iterations.bytes;
  traffic.count += clearance_traffic.count;
  return r;
}

// `corridor propagate`'s table from every node's score: best first, ties by NodeId, as
// PropagationResult::order; rank empty where nothing reaches.
Table propagation_table(const Case& mine, const std::vector<double>& scores) {
  std::vector<NodeId> order(mine.num_nodes());
  std::iota(order.begin(), order.end(), NodeId{0});
  std::sort(order.begin(), order.end(),
            [&](NodeId a, NodeId b) { return scores[a] != scores[b] ? scores[a] > scores[b] : a < b; });
  std::vector<double> score(order.size());
  std::vector<std::int64_t> position(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    score[i] = scores[order[i]];
    position[i] = score[i] > 0 ? static_cast<std::int64_t>(i + 1) : kNoInteger;
  }
  Table table = node_table(mine, order);
  table.add_real(std::string(column::score), std::move(score));
  table.add_integer(std::string(column::rank), std::move(position));
  // The explanation columns need the strongest paths over the whole tie graph (a multi-source
  // Dijkstra, then Yen's paths per lead), which corridor-mpi does not distribute: the columns
  // are there, empty, so that tools reading `corridor propagate`'s file read this one.
  table.add_text(std::string(column::top_seed), std::vector<std::string>(order.size()));
  table.add_text(std::string(column::path), std::vector<std::string>(order.size()));
  return table;
}

// Affiliation propagation: the library's tie graph (the evidence rule per pair on the pair's
// owner, the per-node client budget over sums from every rank), the walk distributed.
int run_propagate(MPI_Comm comm, const Options& o) {
  Report report(comm);
  report.add("command", "propagate");
  report.add_number("ranks", size_of(comm));
  Case share;
  if (!read_share(comm, o.input, share)) return 2;
  report.phase("read");
  PropagationRequest q;
  std::vector<double> seed_weight;
  if (!resolve_request(comm, o, share, q, seed_weight)) return 2;
  PropagationParams& p = q.params;
  // The reference date of decay is the whole case's latest evidence, not the share's.
  if (p.strength.as_of.empty()) p.strength.as_of = latest_time_all(comm, share);
  report.add_number("evidence", sum_all(comm, static_cast<std::uint64_t>(share.num_evidence())));
  Traffic setup;
  // Implicit seeds by the library's own implicit_seeds(), which reads only the organizational
  // evidence of the seeds and of their group: every rank gathers those few pieces (first around
  // the seeds, to find the group; then around the seeds and the group) and calls it on them. The
  // input is checked by now, so nothing here throws but for memory (which aborts every rank).
  const std::vector<ImplicitSeed> implicit = implicit_seeds_all(comm, share, q.seeds, q.cleared, p, &setup);
  for (const ImplicitSeed& s : implicit) seed_weight[s.node] += s.weight;
  report.add_number("implicit_seeds", implicit.size());
  Case mine = size_of(comm) == 1 ? std::move(share) : by_pair(comm, share, &setup);
  share = Case{};
  PropagationTies ties;
  if (!local_step(comm, [&] { ties = propagation_ties(comm, mine, p); })) return 2;
  report.phase("pairs");  // the evidence gathered by pair and the ties built, as in the other commands
  DistributedGraph graph(comm, ties.view.graph, &setup);
  ties.view.graph = Graph{};
  report.add_number("vertices", graph.num_vertices());
  report.add_number("arcs", graph.arcs());
  report.add_number("ghosts", sum_all(comm, graph.ghosts()));
  report.phase("distribute");
  report.traffic("setup", setup);
  KernelTraffic traffic;
  ScoreResult r;
  if (!local_step(comm, [&] { r = signed_walk_scores(comm, graph, q, seed_weight, ties.organizational, traffic); }))
    return 2;
  report.phase("compute");
  report.add_number("iterations", r.iterations);
  report.add_number("cleared", q.cleared.size());
  report.traffic("per_iteration", traffic.iterations, traffic.count);
  const std::vector<double> scores = gather(comm, r.scores);
  Table table;
  if (rank_of(comm) == 0) {
    if (!r.converged && !o.quiet)
      std::fprintf(stderr, "corridor-mpi: warning: %s stopped after %d iterations (residual %.3g); scores are approximate\n",
                   std::string(to_string(p.method)).c_str(), r.iterations, r.residual);
    table = propagation_table(mine, scores);
  }
  if (!write_table(comm, o, table)) return 2;
  report.phase("write");
  report.finish(o);
  return 0;
}

}  // namespace

}  // namespace corridor::mpi

int main(int argc, char** argv) {
  using namespace corridor::mpi;
  MPI_Init(&argc, &argv);
  const MPI_Comm comm = MPI_COMM_WORLD;
  const bool root = rank_of(comm) == 0;
  int code = 0;
  try {
    CLI::App app{"corridor-mpi: corridor's analyses of one case on several machines (Parallel BGL over MPI).\n"
                 "Run as `mpirun -n N corridor-mpi COMMAND CASE ...`; rank 0 writes the output.\n"
                 "Scores and rankings are investigative leads, never findings."};
    app.set_version_flag("--version", std::string(corridor::version()));
    app.require_subcommand(1);
    Options o;
    app.add_flag("--quiet,-q", o.quiet, "no progress or statistics lines on stderr");
    app.add_option("--stats", o.stats, "write timings, memory per rank and bytes sent (key,value CSV) to this file");
    std::string command;
    auto add_common = [&](CLI::App* cmd, bool with_directed) {
      cmd->add_option("CASE", o.input, "case folder (nodes.csv, edges.csv)")->required();
      corridor::cli::add_out_option(cmd, o.out);
      o.view.add_to(cmd, with_directed);
    };
    auto* components = app.add_subcommand(
        "components", "connected components of the view (direction ignored); CSV id,kind,label,component");
    add_common(components, false);
    components->add_flag("--pbgl", o.pbgl_components,
                         "use Parallel BGL's connected_components (same answer; for comparison, much slower here)");
    components->callback([&] { command = "components"; });
    auto* pagerank = app.add_subcommand(
        "pagerank", "PageRank of the view, as `corridor centrality --measures pagerank`; CSV id,kind,label,pagerank");
    add_common(pagerank, true);
    pagerank->add_option("--damping", o.damping, "probability of following a tie, in [0,1)")->capture_default_str();
    pagerank->add_option("--personalization", o.personalization,
                         "teleport weight of a node, id=weight (repeatable; default uniform)");
    pagerank->add_option("--max-iterations", o.max_iterations, "iteration cap, >= 1")->capture_default_str();
    pagerank->callback([&] { command = "pagerank"; });
    auto* propagate = app.add_subcommand(
        "propagate",
        "affiliation propagation from the seeds, as `corridor propagate` (same options, implicit group seeds and "
        "cleared persons included; --method spread is not distributed); CSV id,kind,label,score,rank,top_seed,path, "
        "best first, with top_seed and path left empty (explanations are not distributed: run `corridor explain` "
        "or `corridor propagate` on one machine for them)");
    propagate->add_option("CASE", o.input, "case folder (nodes.csv, edges.csv, seeds.csv, cleared.csv if any)")->required();
    corridor::cli::add_out_option(propagate, o.out);
    o.propagation.add_to(propagate);  // the options of `corridor propagate`, the same spec
    propagate->callback([&] { command = "propagate"; });
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      // Every rank parsed the same arguments; rank 0 alone prints.
      int rc = 0;
      if (root) rc = app.exit(e);
      else rc = e.get_exit_code();
      MPI_Finalize();
      return rc == 0 ? 0 : 2;
    }
    if (command == "components") code = run_components(comm, o);
    else if (command == "pagerank") code = run_pagerank(comm, o);
    else if (command == "propagate") code = run_propagate(comm, o);
  } catch (const std::bad_alloc&) {
    // Other ranks may be inside a collective: only an abort ends them.
    std::fprintf(stderr, "corridor-mpi: error: out of memory on rank %d\n", rank_of(comm));
    MPI_Abort(comm, 2);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "corridor-mpi: error on rank %d: %s\n", rank_of(comm), e.what());
    MPI_Abort(comm, 2);
  }
  MPI_Finalize();
  return code;
}

// Python entry points of the centrality module. Arguments become the library's CentralitySpec
// (corridor/spec/centrality.hpp) with the same names and defaults as the C++ fields; results are
// numpy arrays aligned with case.ids (NaN for nodes the view leaves out). Heavy calls release the
// GIL.
#include <map>
#include <optional>
#include <string>

#include "bindings.hpp"
#include "corridor/spec/centrality.hpp"

namespace corridor::py {

namespace {

using pyb::arg;

/// The keyword arguments of centrality() that are not view keywords.
struct CentralityArgs {
  std::optional<std::vector<std::string>> measures;
  std::optional<std::string> path_weights;
  std::string degree_mode = "all";
  bool normalized = true;
  bool endpoints = false;
  bool wf_improved = true;
  double damping = CentralitySpec{}.damping;
  std::optional<std::map<std::string, double>> personalization;
  std::optional<double> katz_alpha;
  double katz_beta = CentralitySpec{}.katz_beta;
  bool katz_normalized = true;
  int max_iterations = CentralitySpec{}.max_iterations;
  double epsilon = CentralitySpec{}.approx_epsilon;
  double delta = CentralitySpec{}.approx_delta;
  std::uint64_t seed = CentralitySpec{}.seed;

  CentralitySpec spec() const {
    CentralitySpec s;
    if (measures) {
      s.measures.clear();
      for (const auto& name : *measures) s.measures.push_back(parse_measure(name));
    }
    if (path_weights) s.path_weights = parse_path_weights(*path_weights);
    s.degree_mode = parse_degree_mode(degree_mode);
    s.normalized = normalized;
    s.endpoints = endpoints;
    s.wf_improved = wf_improved;
    s.damping = damping;
    if (personalization)
      for (const auto& [id, w] : *personalization) s.personalization.emplace_back(id, w);
    s.katz_alpha = katz_alpha;
    s.katz_beta = katz_beta;
    s.katz_normalized = katz_normalized;
    s.max_iterations = max_iterations;
    s.approx_epsilon = epsilon;
    s.approx_delta = delta;
    s.seed = seed;
    return s;
  }
};

// Runs a spec on a view and returns name -> array, warning about the spec's notes.
pyb::dict run_spec(const Case& c, const ViewArgs& va, const CentralitySpec& spec) {
  View view;
  CentralityResult r;
  {
    pyb::gil_scoped_release release;
    view = va.make(c);
    r = compute_centrality(c, view, spec);
  }
  warn_notes(r.notes);
  pyb::dict out;
  for (const auto& m : r.measures) out[pyb::str(std::string(to_string(m.measure)))] = to_case_array(c, view, m.result.scores);
  return out;
}

pyb::array_t<double> run_one(const Case& c, const ViewArgs& va, CentralitySpec spec, Measure m) {
  spec.measures = {m};
  return run_spec(c, va, spec)[pyb::str(std::string(to_string(m)))].cast<pyb::array_t<double>>();
}

constexpr const char* kCentralityDoc =
    "Several centrality measures at once, with networkx-default semantics: dict name -> array aligned with "
    "case.ids (NaN where the view leaves a node out). Exactly what `corridor centrality` computes.\n"
    "measures: degree, betweenness, closeness, harmonic, eigenvector, pagerank, katz, kcore, betweenness_approx "
    "(default: all but the last two).\n"
    "path_weights: 'hops', 'strength' (length 1/weight) or 'distance' (the weight is the length); default "
    "strength when weighted=True, else hops. degree_mode: 'all', 'in', 'out'. normalized, endpoints: "
    "betweenness. wf_improved: closeness. damping, personalization ({id: weight}): pagerank. katz_alpha "
    "(default 0.1, lowered to 0.9/lambda_max with a warning when too large), katz_beta, katz_normalized: katz. "
    "max_iterations: eigenvector, pagerank, katz. epsilon, delta, seed: betweenness_approx.";

// The measures the centrality table holds, one by one or all at once (the spec decides).
void bind_measures(pyb::module_& m) {
  m.def("centrality",
        [](const Case& c, std::optional<std::vector<std::string>> measures, std::optional<std::string> path_weights,
           std::string degree_mode, bool normalized, bool endpoints, bool wf_improved, double damping,
           std::optional<std::map<std::string, double>> personalization, std::optional<double> katz_alpha,
           double katz_beta, bool katz_normalized, int max_iterations, double epsilon, double delta,
           std::uint64_t seed, std::optional<std::vector<std::string>> kinds,
           std::optional<std::vector<std::string>> relations, std::string time_from, std::string time_to,
           bool weighted, bool directed, bool include_context) {
          const CentralityArgs a{measures, path_weights, degree_mode, normalized,      endpoints, wf_improved,
                                 damping,  personalization, katz_alpha, katz_beta, katz_normalized,
                                 max_iterations, epsilon, delta, seed};
          const ViewArgs va{kinds, relations, time_from, time_to, weighted, directed, include_context};
          return run_spec(c, va, a.spec());
        },
        arg("case"), arg("measures") = pyb::none(), arg("path_weights") = pyb::none(), arg("degree_mode") = "all",
        arg("normalized") = true, arg("endpoints") = false, arg("wf_improved") = true,
        arg("damping") = CentralitySpec{}.damping, arg("personalization") = pyb::none(), arg("katz_alpha") = pyb::none(),
        arg("katz_beta") = CentralitySpec{}.katz_beta, arg("katz_normalized") = true,
        arg("max_iterations") = CentralitySpec{}.max_iterations, arg("epsilon") = CentralitySpec{}.approx_epsilon,
        arg("delta") = CentralitySpec{}.approx_delta, arg("seed") = CentralitySpec{}.seed, CORRIDOR_VIEW_ARGS,
        (std::string(kCentralityDoc) + kViewDoc).c_str());

  m.def("degree",
        [](const Case& c, const std::string& mode, std::optional<std::vector<std::string>> kinds,
           std::optional<std::vector<std::string>> relations, std::string time_from, std::string time_to,
           bool weighted, bool directed, bool include_context) {
          CentralitySpec s;
          s.degree_mode = parse_degree_mode(mode);
          return run_one(c, {kinds, relations, time_from, time_to, weighted, directed, include_context}, s,
                         Measure::degree);
        },
        arg("case"), arg("mode") = "all", CORRIDOR_VIEW_ARGS,
        (std::string("Degree: neighbour count (with weighted=True, strength); mode all, in or out.") + kViewDoc).c_str());

  m.def("betweenness",
        [](const Case& c, bool normalized, bool endpoints, std::optional<std::string> path_weights,
           std::optional<std::vector<std::string>> kinds, std::optional<std::vector<std::string>> relations,
           std::string time_from, std::string time_to, bool weighted, bool directed, bool include_context) {
          CentralitySpec s;
          s.normalized = normalized;
          s.endpoints = endpoints;
          if (path_weights) s.path_weights = parse_path_weights(*path_weights);
          return run_one(c, {kinds, relations, time_from, time_to, weighted, directed, include_context}, s,
                         Measure::betweenness);
        },
        arg("case"), arg("normalized") = true, arg("endpoints") = false, arg("path_weights") = pyb::none(),
        CORRIDOR_VIEW_ARGS,
        (std::string("Exact betweenness (Brandes), as networkx's betweenness_centrality; path_weights as in "
                     "centrality().") + kViewDoc).c_str());

  m.def("pagerank",
        [](const Case& c, double damping, double tolerance, int max_iterations,
           std::optional<std::map<std::string, double>> personalization, std::optional<std::vector<std::string>> kinds,
           std::optional<std::vector<std::string>> relations, std::string time_from, std::string time_to,
           bool weighted, bool directed, bool include_context) {
          const ViewArgs va{kinds, relations, time_from, time_to, weighted, directed, include_context};
          CentralitySpec s;
          if (personalization)
            for (const auto& [id, w] : *personalization) s.personalization.emplace_back(id, w);
          View view;
          ScoreResult r;
          {
            pyb::gil_scoped_release release;
            view = va.make(c);
            r = pagerank(view.graph, {.damping = damping, .tolerance = tolerance, .max_iterations = max_iterations,
                                      .personalization = pagerank_personalization(c, view, s)});
          }
          if (!r.converged)
            warn_notes({"PageRank stopped after " + std::to_string(r.iterations) + " iterations; raise max_iterations"});
          return to_case_array(c, view, r.scores);
        },
        arg("case"), arg("damping") = PageRankParams{}.damping, arg("tolerance") = PageRankParams{}.tolerance,
        arg("max_iterations") = PageRankParams{}.max_iterations, arg("personalization") = pyb::none(),
        CORRIDOR_VIEW_ARGS,
        (std::string("PageRank (networkx pagerank semantics; sums to 1 over the view); personalization "
                     "{id: weight} restarts the walk at those nodes.") + kViewDoc).c_str());

  m.def("edge_betweenness",
        [](const Case& c, bool normalized, std::optional<std::string> path_weights,
           std::optional<std::vector<std::string>> kinds, std::optional<std::vector<std::string>> relations,
           std::string time_from, std::string time_to, bool weighted, bool directed, bool include_context) {
          const ViewArgs va{kinds, relations, time_from, time_to, weighted, directed, include_context};
          CentralitySpec s;
          s.normalized = normalized;
          if (path_weights) s.path_weights = parse_path_weights(*path_weights);
          Table t;
          {
            pyb::gil_scoped_release release;
            const View view = va.make(c);
            t = edge_table(c, view, compute_edge_betweenness(view, s));
          }
          return table_columns(t);
        },
        arg("case"), arg("normalized") = true, arg("path_weights") = pyb::none(), CORRIDOR_VIEW_ARGS,
        (std::string("Edge betweenness (Brandes 2008) as networkx's edge_betweenness_centrality, as "
                     "`corridor centrality --edges`: dict of columns source, target (ids; an undirected tie once), "
                     "betweenness and bridge (True when losing the tie disconnects the view).") + kViewDoc).c_str());

}

// Who holds the network together: key players, cut vertices, bridges.
void bind_structure(pyb::module_& m) {
  m.def("key_players",
        [](const Case& c, std::size_t k, const std::string& mode, int max_distance,
           std::optional<std::vector<std::string>> kinds, std::optional<std::vector<std::string>> relations,
           std::string time_from, std::string time_to, bool weighted, bool directed, bool include_context) {
          const ViewArgs va{kinds, relations, time_from, time_to, weighted, directed, include_context};
          const KeyPlayerParams p{.k = k, .mode = parse_key_player_mode(mode), .max_distance = max_distance};
          KeyPlayers kp;
          {
            pyb::gil_scoped_release release;
            kp = find_key_players(va.make(c), p);
          }
          pyb::dict d;
          d["players"] = ids_of(c, kp.players);
          d["score"] = kp.result.score;
          d["marginal"] = kp.result.marginal;
          d["articulation_points"] = ids_of(c, kp.articulation_points);
          return d;
        },
        arg("case"), arg("k") = KeyPlayerParams{}.k, arg("mode") = "neg",
        arg("max_distance") = KeyPlayerParams{}.max_distance, CORRIDOR_VIEW_ARGS,
        (std::string("Borgatti's key players: mode 'neg' (whose removal most fragments the network) or 'pos' (who "
                     "reach most others within max_distance). Returns {'players': ids, 'score': ..., 'marginal': "
                     "[...], 'articulation_points': ids}, as `corridor keyplayers`.") + kViewDoc).c_str());

  m.def("articulation_points",
        [](const Case& c, std::optional<std::vector<std::string>> kinds, std::optional<std::vector<std::string>> relations,
           std::string time_from, std::string time_to, bool weighted, bool directed, bool include_context) {
          const View view = ViewArgs{kinds, relations, time_from, time_to, weighted, directed, include_context}.make(c);
          std::vector<std::string> ids;
          for (auto x : articulation_points(view.graph)) ids.emplace_back(c.node_id(view.node_of[x]));
          return ids;
        },
        arg("case"), CORRIDOR_VIEW_ARGS,
        (std::string("Ids of the nodes whose removal disconnects the view (countries and locations left out by "
                     "default).") + kViewDoc).c_str());

  m.def("bridges",
        [](const Case& c, std::optional<std::vector<std::string>> kinds, std::optional<std::vector<std::string>> relations,
           std::string time_from, std::string time_to, bool weighted, bool directed, bool include_context) {
          const View view = ViewArgs{kinds, relations, time_from, time_to, weighted, directed, include_context}.make(c);
          std::vector<std::pair<std::string, std::string>> out;
          for (auto [u, v] : bridges(view.graph))
            out.emplace_back(std::string(c.node_id(view.node_of[u])), std::string(c.node_id(view.node_of[v])));
          return out;
        },
        arg("case"), CORRIDOR_VIEW_ARGS,
        (std::string("Ties whose loss disconnects the view, as (id, id) pairs.") + kViewDoc).c_str());

}

// Who stands between groups: Burt's and Gould-Fernandez's measures.
void bind_brokerage(pyb::module_& m) {
  m.def("brokerage",
        [](const Case& c, const std::string& by, std::optional<std::vector<std::string>> kinds,
           std::optional<std::vector<std::string>> relations, std::string time_from, std::string time_to,
           bool weighted, bool directed, bool include_context) {
          const ViewArgs va{kinds, relations, time_from, time_to, weighted, directed, include_context};
          View view;
          BrokerageResult b;
          {
            pyb::gil_scoped_release release;
            view = va.make(c);
            b = brokerage(view.graph, groups_by_attribute(c, view, by), {.weighted = weighted});
          }
          pyb::dict d;
          d["constraint"] = to_case_array(c, view, b.constraint);
          d["effective_size"] = to_case_array(c, view, b.effective_size);
          for (std::size_t role = 0; role < kBrokerageRoleCount; ++role) {
            std::vector<double> counts(view.node_of.size());
            for (vertex_t x = 0; x < view.node_of.size(); ++x) counts[x] = static_cast<double>(b.roles[x][role]);
            d[pyb::str(std::string(to_string(static_cast<BrokerageRole>(role))))] = to_case_array(c, view, counts);
          }
          return d;
        },
        arg("case"), arg("by") = "country", CORRIDOR_VIEW_ARGS,
        (std::string("Burt's constraint and effective size, and Gould-Fernandez brokerage role counts with groups "
                     "by a node attribute (kind, role, country or an extra column), as `corridor brokers`. Returns "
                     "a dict of arrays aligned with case.ids.") + kViewDoc).c_str());
}

}  // namespace

void bind_centrality(pyb::module_& m) {
  bind_measures(m);
  bind_structure(m);
  bind_brokerage(m);
}

}  // namespace corridor::py

// Python entry points of the algorithms. Each takes a Case plus the view keywords (kinds,
// relations, time_from, time_to, weighted, directed, include_context) and the algorithm's own
// parameters with the same names and defaults as the C++ params structs. Results are numpy
// arrays aligned with case.ids (NaN or -1 for nodes the view leaves out). Heavy calls release
// the GIL.
#include <fmt/core.h>

#include <optional>
#include <string>

#include "bindings.hpp"
#include "corridor/centrality/betweenness.hpp"
#include "corridor/centrality/brokerage.hpp"
#include "corridor/centrality/closeness.hpp"
#include "corridor/centrality/degree.hpp"
#include "corridor/centrality/kcore.hpp"
#include "corridor/centrality/keyplayers.hpp"
#include "corridor/centrality/spectral.hpp"
#include "corridor/community/label_propagation.hpp"
#include "corridor/community/leiden.hpp"
#include "corridor/community/louvain.hpp"
#include "corridor/community/quality.hpp"
#include "corridor/generate/generate.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/propagation/evaluate.hpp"
#include "corridor/propagation/explain.hpp"
#include "corridor/propagation/propagate.hpp"
#include "corridor/spec/propagation.hpp"

namespace corridor::py {

namespace {

using pyb::arg;

std::string join(const std::optional<std::vector<std::string>>& items) {
  std::string s;
  if (!items) return s;
  for (const auto& i : *items) s += (s.empty() ? "" : ",") + i;
  return s;
}

struct ViewArgs {
  std::optional<std::vector<std::string>> kinds, relations;
  std::string time_from, time_to;
  bool weighted = false, directed = false, include_context = false;
  View make(const Case& c, bool actor_relations_only = false) const {
    ViewParams p = resolve_view(c, ViewSpec{join(kinds), join(relations), time_from, time_to, weighted, directed,
                                            include_context});
    if (actor_relations_only && !relations) p.relations = actor_relations(c.relations());
    return make_view(c, p);
  }
};

#define CORRIDOR_VIEW_ARGS                                                                     \
  arg("kinds") = pyb::none(), arg("relations") = pyb::none(), arg("time_from") = "",           \
  arg("time_to") = "", arg("weighted") = false, arg("directed") = false,                       \
  arg("include_context") = false

constexpr const char* kViewDoc =
    "\n\nView keywords: kinds (list of node kinds; default all but country and location), relations "
    "(list; default all), time_from / time_to (ISO 8601 dates), weighted (weight x confidence), "
    "directed (follow relation direction), include_context (keep countries and locations).\n"
    "Returns a numpy array aligned with case.ids (NaN for nodes the view leaves out).";

PathWeights path_weights(bool weighted) { return weighted ? PathWeights::strength : PathWeights::ignore; }

// Python's keyword arguments as the library's one propagation spec (spec/propagation.hpp), so
// seeds, cleared persons and every parameter mean what they mean in the command.
PropagationSpec propagation_spec(const std::string& method, double restart, double client_factor, bool countries_pass,
                                 double half_life_days, const std::string& as_of,
                                 const std::map<std::string, double>& transmission, const std::string& group_seeds) {
  PropagationSpec s;
  s.method = method;
  s.restart = restart;
  s.client_factor = client_factor;
  s.countries_pass = countries_pass;
  s.half_life_days = half_life_days;
  s.as_of = as_of;
  s.group_seeds = group_seeds;
  for (const auto& [name, x] : transmission) s.transmission.push_back(name + "=" + fmt::format("{:.17g}", x));
  return s;
}

// seeds / cleared: a list of ids, or a file path (str) with columns id, confidence, note.
void set_list(const pyb::object& value, std::string& file, std::vector<std::string>& ids) {
  if (value.is_none()) return;
  if (pyb::isinstance<pyb::str>(value)) file = value.cast<std::string>();
  else ids = value.cast<std::vector<std::string>>();
}

#define CORRIDOR_PROPAGATION_ARGS                                                                 \
  arg("method") = "ppr", arg("restart") = PropagationParams{}.restart,                           \
  arg("client_factor") = PropagationParams{}.client_factor, arg("countries_pass") = false,       \
  arg("half_life_days") = 0.0, arg("as_of") = "", arg("transmission") = std::map<std::string, double>{}, \
  arg("group_seeds") = "implicit", arg("tolerance") = PropagationParams{}.tolerance,                  \
  arg("max_iterations") = PropagationParams{}.max_iterations

/// The result of propagate() as Python sees it: arrays over case nodes, plus explain().
struct PyPropagation {
  const Case* c;
  pyb::object case_ref;  // keeps the Case alive
  std::vector<Seed> seeds, cleared;
  PropagationParams params;
  PropagationResult result;
  std::shared_ptr<ExplainIndex> index;

  const ExplainIndex& explain_index() {
    if (!index) index = std::make_shared<ExplainIndex>(build_explain_index(*c, result));
    return *index;
  }
};

}  // namespace

void bind_algorithms(pyb::module_& m) {
  // ---- centrality ----------------------------------------------------------------------------
  m.def("degree", [](const Case& c, const std::string& mode, std::optional<std::vector<std::string>> kinds,
                     std::optional<std::vector<std::string>> relations, std::string time_from, std::string time_to,
                     bool weighted, bool directed, bool include_context) {
    ViewArgs va{kinds, relations, time_from, time_to, weighted, directed, include_context};
    if (mode != "in" && mode != "out" && mode != "all") throw ParamError("mode must be all, in or out");
    View view;
    ScoreResult s;
    {
      pyb::gil_scoped_release r;
      view = va.make(c);
      DegreeParams p;
      p.mode = mode == "in" ? DegreeMode::in : mode == "out" ? DegreeMode::out : DegreeMode::all;
      p.weighted = weighted;
      s = degree_centrality(view.graph, p);
    }
    return to_case_array(c, view, s.scores);
  }, arg("case"), arg("mode") = "all", CORRIDOR_VIEW_ARGS,
     (std::string("Degree: neighbour count (with weighted=True, strength); mode all, in or out.") + kViewDoc).c_str());

  m.def("centrality", [](const Case& c, std::vector<std::string> measures, double katz_alpha, double damping,
                         std::optional<std::vector<std::string>> kinds, std::optional<std::vector<std::string>> relations,
                         std::string time_from, std::string time_to, bool weighted, bool directed, bool include_context) {
    ViewArgs va{kinds, relations, time_from, time_to, weighted, directed, include_context};
    std::map<std::string, std::vector<double>> raw;
    View view;
    {
      pyb::gil_scoped_release r;
      view = va.make(c);
      const Graph& g = view.graph;
      for (const auto& name : measures) {
        if (name == "degree") raw[name] = degree_centrality(g, {.weighted = weighted}).scores;
        else if (name == "betweenness") raw[name] = betweenness(g, {.weights = path_weights(weighted)}).scores;
        else if (name == "betweenness_approx") raw[name] = approximate_betweenness(g, {.weights = path_weights(weighted)}).scores;
        else if (name == "closeness") raw[name] = closeness(g, {.weights = path_weights(weighted)}).scores;
        else if (name == "harmonic") raw[name] = harmonic(g, {.weights = path_weights(weighted)}).scores;
        else if (name == "eigenvector") raw[name] = eigenvector(g, {.weighted = weighted}).scores;
        else if (name == "pagerank") raw[name] = pagerank(g, {.damping = damping, .weighted = weighted}).scores;
        else if (name == "katz") raw[name] = katz(g, {.alpha = katz_alpha, .weighted = weighted}).scores;
        else if (name == "kcore") raw[name] = core_numbers(g).scores;
        else
          throw ParamError("unknown measure \"" + name + "\"; valid measures: degree, betweenness, betweenness_approx, "
                           "closeness, harmonic, eigenvector, pagerank, katz, kcore");
      }
    }
    pyb::dict out;
    for (const auto& name : measures) out[pyb::str(name)] = to_case_array(c, view, raw[name]);
    return out;
  }, arg("case"), arg("measures") = std::vector<std::string>{"degree", "betweenness", "pagerank"},
     arg("katz_alpha") = KatzParams{}.alpha, arg("damping") = PageRankParams{}.damping, CORRIDOR_VIEW_ARGS,
     (std::string("Several centrality measures at once, with networkx-default semantics: dict name -> array.\n"
                  "measures: degree, betweenness, betweenness_approx, closeness, harmonic, eigenvector, pagerank, "
                  "katz, kcore. With weighted=True path measures use distance = 1/strength.") + kViewDoc).c_str());

  m.def("pagerank", [](const Case& c, double damping, double tolerance, int max_iterations,
                       std::optional<std::vector<std::string>> kinds, std::optional<std::vector<std::string>> relations,
                       std::string time_from, std::string time_to, bool weighted, bool directed, bool include_context) {
    ViewArgs va{kinds, relations, time_from, time_to, weighted, directed, include_context};
    View view;
    ScoreResult s;
    {
      pyb::gil_scoped_release r;
      view = va.make(c);
      s = pagerank(view.graph, {.damping = damping, .tolerance = tolerance, .max_iterations = max_iterations, .weighted = weighted});
    }
    return to_case_array(c, view, s.scores);
  }, arg("case"), arg("damping") = PageRankParams{}.damping, arg("tolerance") = PageRankParams{}.tolerance,
     arg("max_iterations") = PageRankParams{}.max_iterations, CORRIDOR_VIEW_ARGS,
     (std::string("PageRank (networkx pagerank semantics; sums to 1 over the view).") + kViewDoc).c_str());

  m.def("betweenness", [](const Case& c, bool normalized, std::optional<std::vector<std::string>> kinds,
                          std::optional<std::vector<std::string>> relations, std::string time_from, std::string time_to,
                          bool weighted, bool directed, bool include_context) {
    ViewArgs va{kinds, relations, time_from, time_to, weighted, directed, include_context};
    View view;
    ScoreResult s;
    {
      pyb::gil_scoped_release r;
      view = va.make(c);
      s = betweenness(view.graph, {.normalized = normalized, .weights = path_weights(weighted)});
    }
    return to_case_array(c, view, s.scores);
  }, arg("case"), arg("normalized") = true, CORRIDOR_VIEW_ARGS,
     (std::string("Exact betweenness (Brandes), normalised as networkx.") + kViewDoc).c_str());

  m.def("key_players", [](const Case& c, std::size_t k, const std::string& mode, int max_distance,
                          std::optional<std::vector<std::string>> kinds, std::optional<std::vector<std::string>> relations,
                          std::string time_from, std::string time_to, bool weighted, bool directed, bool include_context) {
    ViewArgs va{kinds, relations, time_from, time_to, weighted, directed, include_context};
    if (mode != "neg" && mode != "pos") throw ParamError("mode must be neg or pos");
    View view;
    KeyPlayerResult r;
    {
      pyb::gil_scoped_release rel;
      view = va.make(c);
      r = key_players(view.graph, {.k = k, .mode = mode == "neg" ? KeyPlayerMode::negative : KeyPlayerMode::positive,
                                   .max_distance = max_distance});
    }
    std::vector<std::string> ids;
    for (auto x : r.players) ids.emplace_back(c.node_id(view.node_of[x]));
    pyb::dict d;
    d["players"] = ids;
    d["score"] = r.score;
    d["marginal"] = r.marginal;
    return d;
  }, arg("case"), arg("k") = KeyPlayerParams{}.k, arg("mode") = "neg", arg("max_distance") = KeyPlayerParams{}.max_distance,
     CORRIDOR_VIEW_ARGS,
     "Borgatti's key players: mode 'neg' (whose removal most fragments the network) or 'pos' (who reach most "
     "others within max_distance). Returns {'players': ids, 'score': ..., 'marginal': [...]}.");

  m.def("articulation_points", [](const Case& c) {
    View view = make_view(c);
    std::vector<std::string> ids;
    for (auto x : articulation_points(view.graph)) ids.emplace_back(c.node_id(view.node_of[x]));
    return ids;
  }, arg("case"), "Ids of the actors whose removal disconnects the network (countries and locations left out).");

  m.def("brokerage", [](const Case& c, const std::string& by, std::optional<std::vector<std::string>> kinds,
                        std::optional<std::vector<std::string>> relations, std::string time_from, std::string time_to,
                        bool weighted, bool directed, bool include_context) {
    ViewArgs va{kinds, relations, time_from, time_to, weighted, directed, include_context};
    View view = va.make(c);
    std::map<std::string, std::int64_t> codes;
    std::vector<std::int64_t> group(view.node_of.size(), -1);
    for (vertex_t x = 0; x < view.node_of.size(); ++x) {
      auto value = c.node_attribute(view.node_of[x], by);
      if (!value) throw ParamError("no node attribute \"" + by + "\" in the case");
      if (value->empty()) continue;
      group[x] = codes.try_emplace(std::string(*value), static_cast<std::int64_t>(codes.size())).first->second;
    }
    BrokerageResult b;
    {
      pyb::gil_scoped_release r;
      b = brokerage(view.graph, group, {.weighted = weighted});
    }
    pyb::dict d;
    d["constraint"] = to_case_array(c, view, b.constraint);
    d["effective_size"] = to_case_array(c, view, b.effective_size);
    static constexpr const char* kRoles[] = {"coordinator", "itinerant", "gatekeeper", "representative", "liaison"};
    for (std::size_t role = 0; role < kBrokerageRoleCount; ++role) {
      std::vector<double> counts(view.node_of.size());
      for (vertex_t x = 0; x < view.node_of.size(); ++x) counts[x] = static_cast<double>(b.roles[x][role]);
      d[kRoles[role]] = to_case_array(c, view, counts);
    }
    return d;
  }, arg("case"), arg("by") = "country", CORRIDOR_VIEW_ARGS,
     "Burt's constraint and effective size, and Gould-Fernandez brokerage role counts by a node attribute "
     "(kind, role, country or an extra column). Returns a dict of arrays aligned with case.ids.");

  // ---- communities ---------------------------------------------------------------------------
  m.def("communities", [](const Case& c, const std::string& method, double resolution, std::uint64_t seed,
                          std::optional<std::vector<std::string>> kinds, std::optional<std::vector<std::string>> relations,
                          std::string time_from, std::string time_to, bool weighted, bool directed, bool include_context) {
    ViewArgs va{kinds, relations, time_from, time_to, weighted, directed, include_context};
    View view;
    CommunityResult r;
    {
      pyb::gil_scoped_release rel;
      view = va.make(c, /*actor_relations_only=*/true);
      if (method == "leiden") r = leiden(view.graph, {.resolution = resolution, .seed = seed});
      else if (method == "louvain") r = louvain(view.graph, {.resolution = resolution, .seed = seed});
      else if (method == "labelprop") r = label_propagation(view.graph, {.seed = seed});
      else throw ParamError("method must be leiden, louvain or labelprop, got \"" + method + "\"");
    }
    return to_case_labels(c, view, r.membership);
  }, arg("case"), arg("method") = "leiden", arg("resolution") = 1.0, arg("seed") = 1, CORRIDOR_VIEW_ARGS,
     "Communities among actors (countries, locations, originates_from and transited left out by default). "
     "Returns an int64 array aligned with case.ids: the community of each node, -1 where left out. "
     "Same seed, same partition.");

  m.def("modularity", [](const Case& c, pyb::array_t<std::int64_t> labels, double resolution, bool weighted) {
    ViewParams p;
    p.relations = actor_relations(c.relations());
    p.weighting = weighted ? Weighting::strength : Weighting::unit;
    View view = make_view(c, p);
    auto a = labels.unchecked<1>();
    if (static_cast<std::size_t>(a.shape(0)) != c.num_nodes()) throw ParamError("labels must have one entry per case node");
    std::vector<std::int64_t> membership(view.node_of.size());
    for (vertex_t x = 0; x < view.node_of.size(); ++x) membership[x] = a(view.node_of[x]);
    return modularity(view.graph, membership, resolution);
  }, arg("case"), arg("labels"), arg("resolution") = 1.0, arg("weighted") = false,
     "Newman-Girvan modularity of a labelling (as returned by communities) over the actor view.");

  m.def("nmi", [](std::vector<std::int64_t> a, std::vector<std::int64_t> b) { return nmi(a, b); },
        "Normalized mutual information between two labellings.");
  m.def("adjusted_rand_index", [](std::vector<std::int64_t> a, std::vector<std::int64_t> b) {
    return adjusted_rand_index(a, b);
  }, "Adjusted Rand index between two labellings.");

  // ---- propagation ---------------------------------------------------------------------------
  pyb::class_<PyPropagation, std::shared_ptr<PyPropagation>>(m, "Propagation",
      "Potential-affiliation scores: investigative leads, never findings.")
      .def_property_readonly("scores", [](const PyPropagation& p) {
        return pyb::array_t<double>(static_cast<pyb::ssize_t>(p.result.scores.size()), p.result.scores.data());
      }, "score per node, aligned with case.ids")
      .def_property_readonly("order", [](const PyPropagation& p) {
        std::vector<std::string> out;
        out.reserve(p.result.order.size());
        for (NodeId v : p.result.order) out.emplace_back(p.c->node_id(v));
        return out;
      }, "every node id, best first (ties by input order)")
      .def_property_readonly("position", [](const PyPropagation& p) {
        std::vector<std::int64_t> pos(p.result.position.begin(), p.result.position.end());
        return pyb::array_t<std::int64_t>(static_cast<pyb::ssize_t>(pos.size()), pos.data());
      }, "per node, its place in order (1 = best), aligned with case.ids")
      .def_property_readonly("suspicion", [](const PyPropagation& p) {
        return pyb::array_t<double>(static_cast<pyb::ssize_t>(p.result.suspicion.size()), p.result.suspicion.data());
      }, "the seeds' part of each score, aligned with case.ids")
      .def_property_readonly("clearance", [](const PyPropagation& p) {
        std::vector<double> c = p.result.clearance;
        c.resize(p.result.scores.size(), 0.0);
        return pyb::array_t<double>(static_cast<pyb::ssize_t>(c.size()), c.data());
      }, "the cleared persons' part (subtracted), aligned with case.ids; zeros without cleared persons")
      .def_property_readonly("top_seed", [](const PyPropagation& p) {
        std::vector<std::string> out;
        for (NodeId s : p.result.top_seed) out.emplace_back(s == kNoNode ? "" : std::string(p.c->node_id(s)));
        return out;
      }, "per node, the seed that contributes most ('' where nothing reaches)")
      .def_property_readonly("iterations", [](const PyPropagation& p) { return p.result.iterations; })
      .def_property_readonly("converged", [](const PyPropagation& p) { return p.result.converged; })
      .def("explain", [](PyPropagation& p, const std::string& id, int k) {
        const NodeId v = p.c->require(id);
        Explanation e;
        {
          pyb::gil_scoped_release r;
          e = explain(p.explain_index(), v, {.k = k});
        }
        pyb::list path_list;
        for (const auto& path : e.paths) {
          pyb::dict d;
          std::vector<std::string> nodes;
          for (NodeId x : path.nodes) nodes.emplace_back(p.c->node_id(x));
          d["nodes"] = nodes;
          d["contribution"] = path.contribution;
          d["share"] = path.share;
          d["ties"] = path.tie_strength;
          d["steps"] = path.step;
          d["text"] = path_text(*p.c, path);
          path_list.append(d);
        }
        pyb::dict seed_dict, cleared_dict;
        for (const auto& s : e.shares)
          (s.cleared ? cleared_dict : seed_dict)[pyb::str(std::string(p.c->node_id(s.seed)))] = s.fraction;
        pyb::dict out;
        out["id"] = id;
        out["score"] = e.score;
        out["suspicion"] = e.suspicion;
        out["clearance"] = e.clearance;
        out["paths"] = path_list;
        out["covered"] = e.covered;
        out["truncation"] = e.truncation;
        out["seed_shares"] = seed_dict;
        out["cleared_shares"] = cleared_dict;
        return out;
      }, arg("id"), arg("k") = 5,
         "Why a node scores what it does: each seed's share (fractions of the seeds' part, summing to 1), each "
         "cleared person's (negative), and the k evidence paths that contribute most (contribution: the walks that "
         "reduce to the path once their loops are erased; share: its part of the seeds' part; covered: the listed "
         "paths' part).");

  m.def("propagate", [](pyb::object case_obj, pyb::object seeds, pyb::object cleared, const std::string& method,
                        double restart, double client_factor, bool countries_pass, double half_life_days,
                        const std::string& as_of, std::map<std::string, double> transmission,
                        const std::string& group_seeds, double tolerance, int max_iterations) {
    auto out = std::make_shared<PyPropagation>();
    out->case_ref = case_obj;
    out->c = &case_obj.cast<const Case&>();
    PropagationSpec spec = propagation_spec(method, restart, client_factor, countries_pass, half_life_days, as_of,
                                            transmission, group_seeds);
    set_list(seeds, spec.seeds_file, spec.seed_ids);
    set_list(cleared, spec.cleared_file, spec.cleared_ids);
    PropagationRequest q = resolve_propagation(*out->c, spec);
    for (const std::string& n : q.notes) PyErr_WarnEx(PyExc_UserWarning, n.c_str(), 1);
    q.params.tolerance = tolerance;
    q.params.max_iterations = max_iterations;
    out->seeds = q.seeds;
    out->cleared = q.cleared;
    out->params = q.params;
    pyb::gil_scoped_release r;
    out->result = propagate(*out->c, out->seeds, out->params, out->cleared);
    return out;
  }, arg("case"), arg("seeds") = pyb::none(), arg("cleared") = pyb::none(), CORRIDOR_PROPAGATION_ARGS,
     "Potential-affiliation scores from seeds (a list of ids, or a seeds file path; default: the case's "
     "seeds.csv). cleared: persons checked and cleared (a list of ids or a file path; default: the case's "
     "cleared.csv if any): they score 0, pass no suspicion on and lower their neighbours. Methods: ppr (default), "
     "spread, ppr_degree, naive. Country and location nodes never pass a score on unless countries_pass=True; "
     "client ties (smuggled, paid) pass on only client_factor. transmission overrides relation factors, e.g. "
     "{'communicated': 0.2}. group_seeds: implicit (default: the seeds' organization and people directly tied to it "
     "or to a seed by organizational evidence count as seeds), group, off. Returns a Propagation with .scores, "
     ".suspicion, .clearance, .order, .position, "
     ".top_seed and .explain(id).");

  m.def("evaluate", [](const Case& c, std::vector<std::string> truth, pyb::object seeds, const std::string& method) {
    std::vector<NodeId> t;
    for (const auto& id : truth) t.push_back(c.require(id));
    PropagationSpec spec;
    spec.method = method;
    spec.case_cleared = false;  // the comparison with the baseline ranks from the seeds alone
    set_list(seeds, spec.seeds_file, spec.seed_ids);
    const PropagationRequest q = resolve_propagation(c, spec);
    const std::vector<Seed>& s = q.seeds;
    const PropagationParams& p = q.params;
    MethodComparison m2;
    {
      pyb::gil_scoped_release r;
      m2 = compare_with_naive(c, s, t, p);
    }
    auto row = [](const RankingQuality& q) {
      pyb::dict d;
      d["average_precision"] = q.average_precision;
      d["recall_at_budget"] = q.recall_at_budget;
      d["hidden"] = q.hidden;
      d["budget"] = q.budget;
      d["countries_in_budget"] = q.countries_in_budget;
      d["innocent_migrants_in_budget"] = q.innocent_migrants_in_budget;
      return d;
    };
    pyb::dict d;
    d["method"] = row(m2.quality);
    d["naive"] = row(m2.naive);
    return d;
  }, arg("case"), arg("truth"), arg("seeds") = pyb::none(), arg("method") = "ppr",
     "Average precision and review-budget figures of a method and of the naive baseline against ground truth.");

  // ---- synthetic cases -----------------------------------------------------------------------
  m.def("generate", [](const std::string& preset, std::uint64_t seed, bool varied) {
    GenerateParams p;
    p.preset = preset;
    p.seed = seed;
    p.varied = varied;
    GeneratedCase g;
    {
      pyb::gil_scoped_release r;
      g = generate_case(p);
    }
    std::vector<std::string> truth;
    for (NodeId v : g.affiliated) truth.emplace_back(g.c.node_id(v));
    return pyb::make_tuple(std::move(g.c), truth);
  }, arg("preset") = "small", arg("seed") = 1, arg("varied") = false,
     "A synthetic case with ground truth: returns (case, affiliated_ids). Presets: tiny, small, medium, large; "
     "varied=True draws the case's structure from the seed (see corridor generate --varied).");
}

}  // namespace corridor::py

// Python entry points of propagation, its evaluation, and synthetic cases. Arguments have the
// same names and defaults as the C++ params structs; results are numpy arrays aligned with
// case.ids. Heavy calls release the GIL. (Centrality: centrality.cpp; communities: community.cpp.)
#include <map>
#include <optional>
#include <string>

#include "bindings.hpp"
#include "corridor/generate/generate.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/propagation/evaluate.hpp"
#include "corridor/propagation/explain.hpp"
#include "corridor/propagation/propagate.hpp"

namespace corridor::py {

namespace {

using pyb::arg;

std::vector<Seed> seeds_from(const Case& c, const std::optional<std::vector<std::string>>& ids) {
  if (!ids) return c.seeds();
  std::vector<Seed> seeds;
  for (const auto& id : *ids) seeds.push_back(Seed{c.require(id), 1.0, ""});
  return seeds;
}

PropagationParams propagation_params(const std::string& method, double restart, double client_factor,
                                     bool countries_pass, double half_life_days, const std::string& as_of,
                                     const std::map<std::string, double>& transmission, double tolerance,
                                     int max_iterations, const std::string& group_seeds = "implicit") {
  PropagationParams p;
  p.group_seeds = parse_group_seeds(group_seeds);
  p.method = parse_method(method);
  p.restart = restart;
  p.client_factor = client_factor;
  p.countries_pass = countries_pass;
  p.strength.half_life_days = half_life_days;
  if (!as_of.empty()) {
    auto t = parse_time(as_of);
    if (!t) throw ParamError("as_of \"" + as_of + "\" is not an ISO 8601 date");
    p.strength.as_of = *t;
  }
  for (const auto& [name, x] : transmission) p.strength.transmission_overrides.emplace_back(name, x);
  p.tolerance = tolerance;
  p.max_iterations = max_iterations;
  return p;
}

#define CORRIDOR_PROPAGATION_ARGS                                                                 \
  arg("method") = "ppr", arg("restart") = PropagationParams{}.restart,                           \
  arg("client_factor") = PropagationParams{}.client_factor, arg("countries_pass") = false,       \
  arg("half_life_days") = 0.0, arg("as_of") = "", arg("transmission") = std::map<std::string, double>{}, \
  arg("tolerance") = PropagationParams{}.tolerance, arg("max_iterations") = PropagationParams{}.max_iterations

/// The result of propagate() as Python sees it: arrays over case nodes, plus explain().
struct PyPropagation {
  const Case* c;
  pyb::object case_ref;  // keeps the Case alive
  std::vector<Seed> seeds;
  PropagationParams params;
  PropagationResult result;
  std::shared_ptr<ExplainIndex> index;

  const ExplainIndex& explain_index() {
    if (!index) index = std::make_shared<ExplainIndex>(build_explain_index(*c, seeds, params));
    return *index;
  }
};

}  // namespace

void bind_algorithms(pyb::module_& m) {
  // ---- propagation ---------------------------------------------------------------------------
  pyb::class_<PyPropagation, std::shared_ptr<PyPropagation>>(m, "Propagation",
      "Potential-affiliation scores: investigative leads, never findings.")
      .def_property_readonly("scores", [](const PyPropagation& p) {
        return pyb::array_t<double>(static_cast<pyb::ssize_t>(p.result.scores.size()), p.result.scores.data());
      }, "score per node, aligned with case.ids")
      .def_property_readonly("rank", [](const PyPropagation& p) {
        std::vector<std::int64_t> rank(p.result.scores.size(), 0);
        for (std::size_t i = 0; i < p.result.rank.size(); ++i) rank[p.result.rank[i]] = static_cast<std::int64_t>(i + 1);
        return pyb::array_t<std::int64_t>(static_cast<pyb::ssize_t>(rank.size()), rank.data());
      }, "1-based rank per node, aligned with case.ids")
      .def_property_readonly("top_seed", [](const PyPropagation& p) {
        std::vector<std::string> out;
        for (NodeId s : p.result.top_seed) out.emplace_back(s == kNoNode ? "" : std::string(p.c->node_id(s)));
        return out;
      }, "per node, the seed that contributes most ('' where nothing reaches)")
      .def_property_readonly("iterations", [](const PyPropagation& p) { return p.result.iterations; })
      .def_property_readonly("converged", [](const PyPropagation& p) { return p.result.converged; })
      .def("explain", [](PyPropagation& p, const std::string& id, int k) {
        const NodeId v = p.c->require(id);
        std::vector<EvidencePath> paths;
        std::vector<SeedShare> shares;
        {
          pyb::gil_scoped_release r;
          paths = strongest_paths(p.explain_index(), v, {.k = k});
          shares = seed_shares(*p.c, p.seeds, v, p.params);
        }
        pyb::list path_list;
        for (const auto& path : paths) {
          pyb::dict d;
          std::vector<std::string> nodes;
          for (NodeId x : path.nodes) nodes.emplace_back(p.c->node_id(x));
          d["nodes"] = nodes;
          d["strength"] = path.strength;
          d["text"] = path_text(*p.c, path);
          path_list.append(d);
        }
        pyb::dict share_dict;
        for (const auto& s : shares) share_dict[pyb::str(std::string(p.c->node_id(s.seed)))] = s.fraction;
        pyb::dict out;
        out["id"] = id;
        out["score"] = p.result.scores[v];
        out["paths"] = path_list;
        out["seed_shares"] = share_dict;
        return out;
      }, arg("id"), arg("k") = 5,
         "Why a node scores what it does: the k strongest evidence paths from seeds and each seed's share.");

  m.def("propagate", [](pyb::object case_obj, std::optional<std::vector<std::string>> seeds, const std::string& method,
                        double restart, double client_factor, bool countries_pass, double half_life_days,
                        const std::string& as_of, std::map<std::string, double> transmission, double tolerance,
                        int max_iterations, const std::string& group_seeds) {
    auto out = std::make_shared<PyPropagation>();
    out->case_ref = case_obj;
    out->c = &case_obj.cast<const Case&>();
    out->seeds = seeds_from(*out->c, seeds);
    out->params = propagation_params(method, restart, client_factor, countries_pass, half_life_days, as_of, transmission,
                                     tolerance, max_iterations, group_seeds);
    pyb::gil_scoped_release r;
    out->result = propagate(*out->c, out->seeds, out->params);
    return out;
  }, arg("case"), arg("seeds") = pyb::none(), CORRIDOR_PROPAGATION_ARGS, arg("group_seeds") = "implicit",
     "Potential-affiliation scores from seeds (ids; default: the case's seeds.csv). Methods: ppr (default), "
     "spread, ppr_degree, naive. Country and location nodes never pass a score on unless countries_pass=True; "
     "client ties (smuggled, paid) pass on only client_factor. transmission overrides relation factors, e.g. "
     "{'communicated': 0.2}. group_seeds: implicit (default: the seeds' organization and people directly tied to it "
     "or to a seed by organizational evidence count as seeds), group, off. Returns a Propagation with .scores, "
     ".rank, .top_seed and .explain(id).");

  m.def("evaluate", [](const Case& c, pyb::object truth, std::optional<std::vector<std::string>> seeds,
                       double budget_factor, const std::string& method, double restart, double client_factor,
                       bool countries_pass, double half_life_days, const std::string& as_of,
                       std::map<std::string, double> transmission, double tolerance, int max_iterations) {
    // The truth as `corridor evaluate --truth FILE` reads it (an id column), or as ids.
    std::vector<NodeId> t;
    if (pyb::isinstance<pyb::str>(truth) || pyb::hasattr(truth, "__fspath__")) {
      const std::string path = pyb::str(pyb::module_::import("os").attr("fspath")(truth));
      for (const Seed& s : read_seeds(path, c)) t.push_back(s.node);
    } else {
      for (const auto& id : truth.cast<std::vector<std::string>>()) t.push_back(c.require(id));
    }
    const auto s = seeds_from(c, seeds);
    const PropagationParams p = propagation_params(method, restart, client_factor, countries_pass, half_life_days,
                                                   as_of, transmission, tolerance, max_iterations);
    MethodComparison m2;
    {
      pyb::gil_scoped_release r;
      m2 = compare_with_naive(c, s, t, p, {.budget_factor = budget_factor});
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
  }, arg("case"), arg("truth"), arg("seeds") = pyb::none(), arg("budget_factor") = EvaluationParams{}.budget_factor,
     CORRIDOR_PROPAGATION_ARGS,
     "Average precision and review-budget figures of a method and of the naive baseline against ground truth, as "
     "`corridor evaluate`. truth: a file with an id column (as generate's truth.csv) or a list of ids; the "
     "propagation keywords are propagate()'s.");

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

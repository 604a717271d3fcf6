// Python entry points of propagation, its evaluation, and synthetic cases. Arguments have the
// same names and defaults as the C++ params structs; results are numpy arrays aligned with
// case.ids. Heavy calls release the GIL. (Centrality: centrality.cpp; communities: community.cpp.)
#include <fmt/core.h>

#include <map>
#include <optional>
#include <string>

#include "bindings.hpp"
#include "corridor/generate/generate.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/propagation/evaluate.hpp"
#include "corridor/propagation/explain.hpp"
#include "corridor/propagation/propagate.hpp"
#include "corridor/spec/propagation.hpp"

namespace corridor::py {

namespace {

using pyb::arg;

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
  arg("method") = PropagationSpec{}.method, arg("restart") = PropagationParams{}.restart,                           \
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

namespace {

// Propagation.explain(id, k): the explanation as dicts and lists.
pyb::dict explain_node(PyPropagation& p, const std::string& id, int k) {
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
    std::vector<std::string> via;
    for (NodeId x : path.seed_via) via.emplace_back(p.c->node_id(x));
    d["seed_via"] = via;
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
}

std::shared_ptr<PyPropagation> py_propagate(pyb::object case_obj, pyb::object seeds, pyb::object cleared,
                                            const std::string& method, double restart, double client_factor,
                                            bool countries_pass, double half_life_days, const std::string& as_of,
                                            std::map<std::string, double> transmission, const std::string& group_seeds,
                                            double tolerance, int max_iterations) {
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
}

// The truth as `corridor evaluate --truth FILE` reads it (an id column), or as ids.
std::vector<NodeId> truth_nodes(const Case& c, const pyb::object& truth) {
  std::vector<NodeId> t;
  if (pyb::isinstance<pyb::str>(truth) || pyb::hasattr(truth, "__fspath__")) {
    const std::string path = pyb::str(pyb::module_::import("os").attr("fspath")(truth));
    for (const Seed& s : read_seeds(path, c)) t.push_back(s.node);
  } else {
    for (const auto& id : truth.cast<std::vector<std::string>>()) t.push_back(c.require(id));
  }
  return t;
}

pyb::dict quality_dict(const RankingQuality& q) {
  pyb::dict d;
  d["average_precision"] = q.average_precision;
  d["recall_at_budget"] = q.recall_at_budget;
  d["hidden"] = q.hidden;
  d["budget"] = q.budget;
  d["countries_in_budget"] = q.countries_in_budget;
  d["innocent_migrants_in_budget"] = q.innocent_migrants_in_budget;
  return d;
}

pyb::dict py_evaluate(const Case& c, pyb::object truth, pyb::object seeds, double budget_factor,
                      const std::string& method, double restart, double client_factor, bool countries_pass,
                      double half_life_days, const std::string& as_of, std::map<std::string, double> transmission,
                      const std::string& group_seeds, double tolerance, int max_iterations) {
  const std::vector<NodeId> t = truth_nodes(c, truth);
  PropagationSpec spec = propagation_spec(method, restart, client_factor, countries_pass, half_life_days, as_of,
                                          transmission, group_seeds);
  spec.case_cleared = false;  // the comparison with the baseline ranks from the seeds alone
  set_list(seeds, spec.seeds_file, spec.seed_ids);
  PropagationRequest q = resolve_propagation(c, spec);
  q.params.tolerance = tolerance;
  q.params.max_iterations = max_iterations;
  MethodComparison m2;
  {
    pyb::gil_scoped_release r;
    m2 = compare_with_naive(c, q.seeds, t, q.params, {.budget_factor = budget_factor});
  }
  pyb::dict d;
  d["method"] = quality_dict(m2.quality);
  d["naive"] = quality_dict(m2.naive);
  return d;
}

void bind_propagation_result(pyb::module_& m) {
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
      .def_property_readonly("implicit_seeds", [](const PyPropagation& p) {
        pyb::list out;
        for (const ImplicitSeed& s : p.result.implicit_seeds) {
          pyb::dict d;
          d["id"] = std::string(p.c->node_id(s.node));
          d["kind"] = s.kind == ImplicitSeed::Kind::group ? "group" : "organizational_tie";
          d["weight"] = s.weight;
          std::vector<std::string> via;
          for (NodeId x : s.via) via.emplace_back(p.c->node_id(x));
          d["via"] = via;
          out.append(d);
        }
        return out;
      }, "the seeds added by group_seeds: dicts with id, kind (group or organizational_tie), weight and via (the "
         "seeds or groups behind it)")
      .def_property_readonly("iterations", [](const PyPropagation& p) { return p.result.iterations; })
      .def_property_readonly("converged", [](const PyPropagation& p) { return p.result.converged; })
      .def("explain", &explain_node, arg("id"), arg("k") = 5,
         "Why a node scores what it does: each seed's share (fractions of the seeds' part, summing to 1), each "
         "cleared person's (negative), and the k evidence paths that contribute most (contribution: the walks that "
         "reduce to the path once their loops are erased; share: its part of the seeds' part; covered: the listed "
         "paths' part).");
}

}  // namespace

void bind_algorithms(pyb::module_& m) {
  // ---- propagation ---------------------------------------------------------------------------
  bind_propagation_result(m);

  m.def("propagate", &py_propagate, arg("case"), arg("seeds") = pyb::none(), arg("cleared") = pyb::none(), CORRIDOR_PROPAGATION_ARGS,
     "Potential-affiliation scores from seeds (a list of ids, or a seeds file path; default: the case's "
     "seeds.csv). cleared: persons checked and cleared (a list of ids or a file path; default: the case's "
     "cleared.csv if any): they score 0, pass no suspicion on and lower their neighbours. Methods: ppr_degree "
     "(default), ppr, spread, naive. Country and location nodes never pass a score on unless countries_pass=True; "
     "client ties (smuggled, paid) pass on only client_factor. transmission overrides relation factors, e.g. "
     "{'communicated': 0.2}. group_seeds: implicit (default: the seeds' organization and people directly tied to it "
     "or to a seed by organizational evidence count as seeds), group, off. Returns a Propagation with .scores, "
     ".suspicion, .clearance, .order, .position, "
     ".top_seed and .explain(id).");

  m.def("evaluate", &py_evaluate, arg("case"), arg("truth"), arg("seeds") = pyb::none(), arg("budget_factor") = EvaluationParams{}.budget_factor,
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

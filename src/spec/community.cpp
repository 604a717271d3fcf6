#include "corridor/spec/community.hpp"

#include "corridor/community/label_propagation.hpp"
#include "corridor/community/louvain.hpp"
#include "corridor/error.hpp"
#include "src_util.hpp"

namespace corridor {

std::string_view to_string(CommunityMethod m) noexcept {
  switch (m) {
    case CommunityMethod::leiden: return "leiden";
    case CommunityMethod::louvain: return "louvain";
    case CommunityMethod::labelprop: return "labelprop";
  }
  return "leiden";
}

CommunityMethod parse_community_method(std::string_view name) {
  if (name == "leiden") return CommunityMethod::leiden;
  if (name == "louvain") return CommunityMethod::louvain;
  if (name == "labelprop") return CommunityMethod::labelprop;
  throw ParamError("community method must be leiden, louvain or labelprop, got " + detail::quoted(name));
}

Objective parse_objective(std::string_view name) {
  if (name == "modularity") return Objective::modularity;
  if (name == "cpm") return Objective::cpm;
  throw ParamError("objective must be modularity or cpm (Constant Potts Model), got " + detail::quoted(name));
}

std::string_view to_string(Objective o) noexcept { return o == Objective::cpm ? "cpm" : "modularity"; }

CommunityResult find_communities(const Graph& g, const CommunitySpec& s) {
  if (s.objective == Objective::cpm && s.method != CommunityMethod::leiden)
    throw ParamError("the cpm objective is available with the leiden method only (got " +
                     std::string(to_string(s.method)) + ")");
  switch (s.method) {
    case CommunityMethod::leiden:
      return leiden(g, {.objective = s.objective, .resolution = s.resolution, .randomness = s.randomness,
                        .iterations = s.iterations, .seed = s.seed});
    case CommunityMethod::louvain: return louvain(g, {.resolution = s.resolution, .seed = s.seed});
    case CommunityMethod::labelprop: {
      if (s.resolution != 1.0)
        throw ParamError("labelprop has no resolution (it optimises no objective); leave the resolution at 1 or "
                         "use leiden or louvain");
      LabelPropagationParams lp;
      lp.seed = s.seed;
      lp.max_iterations = s.max_iterations;
      return label_propagation(g, lp);
    }
  }
  throw InternalError("internal error: unknown community method");
}

ViewParams community_view(const Case& c, const ViewSpec& spec) {
  ViewParams p = resolve_view(c, spec);
  if (detail::trim(spec.relations).empty()) p.relations = actor_relations(c.relations());
  return p;
}

Table communities_table(const Case& c, const View& view, const CommunityResult& r, const NodeNamer& names,
                        bool with_levels) {
  Table t = node_table(c, names);
  t.add_integer(std::string(column::community), per_node(view, r.membership));
  if (with_levels)
    for (std::size_t i = 0; i < r.levels.size(); ++i) t.add_integer("level_" + std::to_string(i), per_node(view, r.levels[i]));
  return t;
}

}  // namespace corridor

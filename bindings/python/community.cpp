// Python entry points of the community module. Arguments become the library's CommunitySpec
// (corridor/spec/community.hpp) with the C++ names and defaults; the view is the library's
// community view (actors, no nationality or transit ties unless relations are named), as for
// `corridor communities`.
#include <optional>
#include <string>

#include "bindings.hpp"
#include "corridor/community/quality.hpp"
#include "corridor/spec/community.hpp"

namespace corridor::py {

namespace {

using pyb::arg;

View community_graph(const Case& c, const ViewArgs& va) { return make_view(c, community_view(c, va.spec())); }

// A labelling aligned with case.ids -> membership over the view's vertices.
std::vector<std::int64_t> membership_of(const Case& c, const View& view, const pyb::array_t<std::int64_t>& labels) {
  auto a = labels.unchecked<1>();
  if (static_cast<std::size_t>(a.shape(0)) != c.num_nodes())
    throw ParamError("labels must have one entry per case node (" + std::to_string(c.num_nodes()) + "), got " +
                     std::to_string(a.shape(0)));
  std::vector<std::int64_t> membership(view.node_of.size());
  for (vertex_t x = 0; x < view.node_of.size(); ++x) membership[x] = a(view.node_of[x]);
  return membership;
}

}  // namespace

void bind_community(pyb::module_& m) {
  m.def("communities",
        [](const Case& c, const std::string& method, double resolution, std::uint64_t seed, const std::string& objective,
           double randomness, int iterations, int max_iterations, bool levels,
           std::optional<std::vector<std::string>> kinds, std::optional<std::vector<std::string>> relations,
           std::string time_from, std::string time_to, bool weighted, bool directed, bool include_context) -> pyb::object {
          const ViewArgs va{kinds, relations, time_from, time_to, weighted, directed, include_context};
          const CommunitySpec spec{.method = parse_community_method(method),
                                   .objective = parse_objective(objective),
                                   .resolution = resolution,
                                   .seed = seed,
                                   .randomness = randomness,
                                   .iterations = iterations,
                                   .max_iterations = max_iterations};
          View view;
          CommunityResult r;
          {
            pyb::gil_scoped_release release;
            view = community_graph(c, va);
            r = find_communities(view.graph, spec);
          }
          if (!levels) return to_case_labels(c, view, r.membership);
          pyb::dict d;
          d["membership"] = to_case_labels(c, view, r.membership);
          pyb::list level_list;
          for (const auto& level : r.levels) level_list.append(to_case_labels(c, view, level));
          d["levels"] = level_list;
          d["count"] = r.count;
          d["quality"] = r.quality;
          d["converged"] = r.converged;
          return d;
        },
        arg("case"), arg("method") = "leiden", arg("resolution") = CommunitySpec{}.resolution,
        arg("seed") = CommunitySpec{}.seed, arg("objective") = "modularity",
        arg("randomness") = CommunitySpec{}.randomness, arg("iterations") = CommunitySpec{}.iterations,
        arg("max_iterations") = CommunitySpec{}.max_iterations, arg("levels") = false, CORRIDOR_VIEW_ARGS,
        (std::string("Communities among actors, as `corridor communities`: method 'leiden' (objective "
                     "'modularity' or 'cpm'), 'louvain' or 'labelprop'; same seed, same partition. Countries, "
                     "locations, originates_from and transited are left out unless named. Returns an int64 array "
                     "aligned with case.ids (-1 where left out); with levels=True a dict with membership, levels "
                     "(the hierarchy, finest first, as arrays), count, quality and converged.") + kViewDoc).c_str());

  m.def("modularity",
        [](const Case& c, pyb::array_t<std::int64_t> labels, double resolution,
           std::optional<std::vector<std::string>> kinds, std::optional<std::vector<std::string>> relations,
           std::string time_from, std::string time_to, bool weighted, bool directed, bool include_context) {
          const View view = community_graph(c, {kinds, relations, time_from, time_to, weighted, directed, include_context});
          return modularity(view.graph, membership_of(c, view, labels), resolution);
        },
        arg("case"), arg("labels"), arg("resolution") = 1.0, CORRIDOR_VIEW_ARGS,
        (std::string("Newman-Girvan modularity of a labelling (as returned by communities) over the community "
                     "view.") + kViewDoc).c_str());

  m.def("cpm_quality",
        [](const Case& c, pyb::array_t<std::int64_t> labels, double resolution,
           std::optional<std::vector<std::string>> kinds, std::optional<std::vector<std::string>> relations,
           std::string time_from, std::string time_to, bool weighted, bool directed, bool include_context) {
          const View view = community_graph(c, {kinds, relations, time_from, time_to, weighted, directed, include_context});
          return cpm_quality(view.graph, membership_of(c, view, labels), resolution);
        },
        arg("case"), arg("labels"), arg("resolution"), CORRIDOR_VIEW_ARGS,
        (std::string("Constant Potts Model quality of a labelling over the community view.") + kViewDoc).c_str());

  m.def("nmi", [](std::vector<std::int64_t> a, std::vector<std::int64_t> b) { return nmi(a, b); },
        "Normalized mutual information between two labellings.");
  m.def("adjusted_rand_index",
        [](std::vector<std::int64_t> a, std::vector<std::int64_t> b) { return adjusted_rand_index(a, b); },
        "Adjusted Rand index between two labellings.");
}

}  // namespace corridor::py

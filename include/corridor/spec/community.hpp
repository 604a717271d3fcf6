// corridor/spec/community.hpp: community methods by name, their parameters, and their table.
//
// The command (`corridor communities`), the report and Python come here to find communities, so
// the choices are made once: which methods exist and their names; that communities are found
// among actors over every relation but originates_from and transited unless relations are named
// (a shared nationality or route is not a ring); that the CPM objective exists for Leiden only.
//
//   corridor::CommunitySpec spec{.method = corridor::parse_community_method("louvain"), .seed = 7};
//   corridor::View view = corridor::make_view(c, corridor::community_view(c, {}));
//   corridor::CommunityResult r = corridor::find_communities(view.graph, spec);
//   corridor::write_csv(corridor::communities_table(c, view, r), std::cout);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "corridor/community/leiden.hpp"
#include "corridor/community/partition.hpp"
#include "corridor/graph/view.hpp"
#include "corridor/model/case.hpp"
#include "corridor/spec/table.hpp"

namespace corridor {

/// The community detection methods, by the names the command and Python use.
enum class CommunityMethod {
  leiden,     ///< Leiden (Traag, Waltman, van Eck 2019): communities are connected
  louvain,    ///< Louvain (Blondel et al. 2008)
  labelprop,  ///< label propagation (Raghavan, Albert, Kumara 2007)
};

/// "leiden", "louvain", "labelprop".
std::string_view to_string(CommunityMethod m) noexcept;
/// A method by name; throws ParamError listing the valid names.
CommunityMethod parse_community_method(std::string_view name);
/// "modularity" or "cpm"; throws ParamError.
Objective parse_objective(std::string_view name);
std::string_view to_string(Objective o) noexcept;

/// Everything a community request may set; each default is what the command does unless told.
struct CommunitySpec {
  CommunityMethod method = CommunityMethod::leiden;
  /// Leiden only: modularity (default) or the Constant Potts Model (resolution is then a density
  /// threshold, e.g. 0.05). Other methods throw ParamError for cpm.
  Objective objective = Objective::modularity;
  /// gamma >= 0 (Leiden, Louvain); 1 is classic modularity, larger finds smaller groups. Label
  /// propagation has no resolution and throws ParamError for any other value than 1.
  double resolution = 1.0;
  std::uint64_t seed = 1;    ///< same seed, same communities
  double randomness = 0.01;  ///< Leiden's theta > 0
  int iterations = 2;        ///< Leiden's passes (>= 1, or -1 until stable)
  int max_iterations = 100;  ///< label propagation's sweeps, >= 1
};

/// Runs the method of the spec on a graph. The result's quality is modularity at the spec's
/// resolution (CPM quality for Leiden with Objective::cpm). Throws ParamError for a parameter
/// out of range or one the method does not take.
CommunityResult find_communities(const Graph& g, const CommunitySpec& spec = {});

/// The view communities are found on: `spec` resolved against the case, with every relation but
/// the context ones (actor_relations) when spec.relations is empty. Throws ParamError as
/// resolve_view does.
ViewParams community_view(const Case& c, const ViewSpec& spec);

/// The communities table: id, kind, label, community, then level_0, level_1, ... (the hierarchy,
/// finest first, when `with_levels`); one row per case node, empty cells for nodes the view
/// leaves out.
Table communities_table(const Case& c, const View& view, const CommunityResult& r, const NodeNamer& names = {},
                        bool with_levels = true);

}  // namespace corridor

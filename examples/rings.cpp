// Finds the rings of a case with Leiden and prints each ring's members by kind and role.
//
//   example_rings examples/data/sample-case
//
// Countries and locations, and the nationality / route relations, are left out: a shared
// nationality is not a ring. A ring found here is a lead for an analyst to check, not a finding.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <map>
#include <string>
#include <vector>

#include <corridor/community/leiden.hpp>
#include <corridor/community/partition.hpp>
#include <corridor/corridor.hpp>
#include <corridor/io/formats.hpp>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s CASE\n", argv[0]);
    return 2;
  }
  try {
    const corridor::Case c = corridor::load_case(argv[1]);
    corridor::ViewParams vp{.weighting = corridor::Weighting::strength};
    vp.relations = corridor::RelationSet::none();
    for (corridor::RelationId r = 0; r < c.relations().size(); ++r)
      if (c.relations().info(r).name != "originates_from" && c.relations().info(r).name != "transited")
        vp.relations.insert(r);
    const corridor::View view = corridor::make_view(c, vp);
    const auto result = corridor::leiden(view.graph, {.iterations = -1, .seed = 1});

    std::vector<std::vector<corridor::vertex_t>> rings(result.count);
    for (corridor::vertex_t x = 0; x < view.graph.num_vertices(); ++x)
      rings[static_cast<std::size_t>(result.membership[x])].push_back(x);
    std::stable_sort(rings.begin(), rings.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });

    std::printf("%zu rings among %u actors (modularity %.3f); leads to check, not findings\n", result.count,
                view.graph.num_vertices(), result.quality);
    std::size_t shown = 0;
    for (const auto& ring : rings) {
      if (ring.size() < 2) break;  // isolated actors are not rings
      std::printf("ring %zu: %zu members\n", ++shown, ring.size());
      // kind -> role -> member ids
      std::map<std::string, std::map<std::string, std::vector<std::string>>> by_kind;
      for (corridor::vertex_t x : ring) {
        const corridor::NodeId v = view.node_of[x];
        const std::string role = c.role(v).empty() ? "(no role)" : std::string(c.role(v));
        by_kind[std::string(corridor::to_string(c.kind(v)))][role].push_back(std::string(c.node_id(v)));
      }
      for (const auto& [kind, roles] : by_kind) {
        for (const auto& [role, ids] : roles) {
          std::printf("  %-12s %-18s", kind.c_str(), role.c_str());
          for (std::size_t i = 0; i < ids.size() && i < 12; ++i) std::printf(" %s", ids[i].c_str());
          if (ids.size() > 12) std::printf(" ... (%zu more)", ids.size() - 12);
          std::printf("\n");
        }
      }
    }
    if (shown == 0) std::printf("no ring of two or more actors\n");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "example_rings: %s\n", e.what());
    return 2;
  }
}

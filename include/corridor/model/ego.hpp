// corridor/model/ego.hpp: the ego network of a node, as a case of its own.
//
// What is around a name: every node within a few ties of it and the evidence among them, as a
// new Case that every reader, writer and command handles like any other (`corridor ego` writes
// it as a case folder).
//
//   corridor::Case c = corridor::read_case("examples/data/sample-case");
//   corridor::Case ego = corridor::ego_case(c, c.require("S00035"), {.hops = 2});
//   corridor::write_case(ego, "/tmp/ego-S00035");
#pragma once

#include "corridor/model/case.hpp"

namespace corridor {

/// Largest ego_case() radius: in a connected smuggling case a few hops reach most people, so a
/// larger radius is a typing error or a whole-case copy (which `convert` does).
inline constexpr int kMaxEgoHops = 100;

/// Parameters of ego_case().
struct EgoParams {
  int hops = 2;  ///< radius in ties, in [0, kMaxEgoHops] (0 = the node alone)
};

/// Throws ParamError unless hops is in [0, kMaxEgoHops] (front ends check before loading a case).
void check_ego_hops(int hops);

/// The ego network of `center` as a new case: every node within `hops` ties of the center
/// (evidence of any relation, followed in both directions), and every piece of evidence among
/// them, with its grade, date, source_ref and extra columns; relations and node attributes are
/// kept, and so are the seeds that fall inside. Country and location nodes are included when
/// they are tied to a node inside but are never walked through: a shared nationality or route
/// does not bring in everyone else of that country. Node and evidence order follows the input
/// case. O(nodes + evidence of the case). Throws ParamError for hops outside [0, kMaxEgoHops] or
/// an id out of range.
Case ego_case(const Case& c, NodeId center, const EgoParams& p = {});

}  // namespace corridor

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

/// Parameters of ego_case().
struct EgoParams {
  int hops = 2;  ///< radius in ties, >= 0 (0 = the node alone)
};

/// The ego network of `center` as a new case: every node within `hops` ties of the center
/// (evidence of any relation, followed in both directions), and every piece of evidence among
/// them, with its grade, date, source_ref and extra columns; relations and node attributes are
/// kept, and so are the seeds that fall inside. Country and location nodes are included when
/// they are tied to a node inside but are never walked through: a shared nationality or route
/// does not bring in everyone else of that country. Node and evidence order follows the input
/// case. O(size of the ball + its evidence). Throws ParamError for hops < 0 or an id out of range.
Case ego_case(const Case& c, NodeId center, const EgoParams& p = {});

}  // namespace corridor

// corridor/corridor.hpp: the whole public API of corridor in one include.
//
// corridor turns case data on human-smuggling networks into a typed graph and answers three
// questions: who are the brokers (centrality), which groups exist (communities), and, from actors
// known to be tied to an armed group, who else deserves a closer look (affiliation propagation).
// Scores are investigative leads, never findings.
//
//   #include <corridor/corridor.hpp>
//   corridor::Case c = corridor::read_case("examples/data/sample-case");
//   std::cout << "corridor " << corridor::version() << ": " << c.num_nodes() << " nodes\n";
#pragma once

#include <string_view>

#include "corridor/error.hpp"
#include "corridor/version.hpp"
#include "corridor/model/kinds.hpp"
#include "corridor/model/relations.hpp"
#include "corridor/model/evidence.hpp"
#include "corridor/model/string_column.hpp"
#include "corridor/model/case.hpp"
#include "corridor/model/builder.hpp"
#include "corridor/model/ego.hpp"
#include "corridor/graph/graph.hpp"
#include "corridor/graph/view.hpp"
#include "corridor/graph/order.hpp"
#include "corridor/graph/components.hpp"
// io
#include "corridor/io/file.hpp"
#include "corridor/io/csv.hpp"
#include "corridor/io/case_io.hpp"
#include "corridor/io/folder.hpp"
#include "corridor/io/formats.hpp"
#include "corridor/io/snapshot.hpp"
#include "corridor/io/export.hpp"
#include "corridor/io/graphml.hpp"
// centrality
#include "corridor/centrality/result.hpp"
#include "corridor/centrality/degree.hpp"
#include "corridor/centrality/betweenness.hpp"
#include "corridor/centrality/closeness.hpp"
#include "corridor/centrality/kcore.hpp"
#include "corridor/centrality/keyplayers.hpp"
#include "corridor/centrality/spectral.hpp"
#include "corridor/centrality/brokerage.hpp"
// community
#include "corridor/community/partition.hpp"
#include "corridor/community/quality.hpp"
#include "corridor/community/leiden.hpp"
#include "corridor/community/louvain.hpp"
#include "corridor/community/label_propagation.hpp"
// propagation
#include "corridor/propagation/propagate.hpp"
#include "corridor/propagation/explain.hpp"
#include "corridor/propagation/evaluate.hpp"
// generate
#include "corridor/generate/generate.hpp"
// spec: measures and methods by name, result tables
#include "corridor/spec/table.hpp"
#include "corridor/spec/centrality.hpp"
#include "corridor/spec/community.hpp"
// report
#include "corridor/report/pseudonym.hpp"
#include "corridor/report/lead.hpp"
#include "corridor/report/analyze.hpp"
#include "corridor/report/results.hpp"

namespace corridor {

/// The library's version, "MAJOR.MINOR.PATCH".
constexpr std::string_view version() noexcept { return CORRIDOR_VERSION_STRING; }

}  // namespace corridor

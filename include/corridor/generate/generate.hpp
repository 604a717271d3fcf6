// corridor/generate/generate.hpp: synthetic smuggling cases with a planted ground truth.
//
// The generator makes cases that look like the data corridor is built for, with no real person in
// them: smuggling rings (organizers, transporters, forgers, safe-house keepers, drivers,
// financiers, recruiters), migrants from origin countries moved by the rings (smuggled, paid,
// phone contacts with their smuggler, transit countries) with hand-offs between rings, business
// contacts between rings, relatives and other bystanders, front companies, and one armed group
// (organization O-1) tied to the core of ONE ring (ring 0) and to a few outside contacts. Weak
// rumours (grades E5/D4) tie random innocents, migrants among them, to the group or its
// affiliates. Every piece of evidence carries an Admiralty grade, an ISO date (2019-2023) and a
// source_ref. The ground truth lists the group's true affiliates, so propagation methods can be
// scored (average precision, recall within a review budget).
//
// What is affiliated (GeneratedCase::affiliated):
//  - ring 0's core: members with organizational ties (member_of, affiliated_with, financed,
//    coordinated, recruited; grades mostly A-C) to O-1;
//  - outside contacts: persons and ring-less facilitators with organizational ties to O-1;
//  - hidden affiliates: persons and facilitators tied to other affiliates only by organizational
//    or communication ties (recruited, financed, repeated calls), some only by medium grades
//    (C3, C4, D3), some only through another hidden affiliate.
// The organization O-1 itself is not an affiliate: it is the group. It is always the first seed
// (confidence 1), followed by `affiliated_seeds` affiliates (ring-0 core members, led by movers
// and organizers with hundreds of clients, and one outside contact). Hidden affiliates =
// affiliated minus seeds. Ring 0's other members, its hundreds of clients, relatives and rumour
// targets are innocent: they are the trap a naive propagation falls into.
//
// Sizes (nodes / pieces of evidence for seed 1; other seeds within about 10%):
//   tiny     about 100 / 700          unit tests
//   small    about 900 / 7,500        the shipped sample case (examples/data/sample-case)
//   medium   about 220,000 / 1.9M     benchmarks
//   large    about 1,080,000 / 9.3M   benchmarks
//
// The output depends only on the params: the generator uses its own xoshiro256** generator and
// its own integer and real draws (no std:: distributions), so every platform gives the same case.
//
//   corridor::GeneratedCase g = corridor::generate_case({.preset = "small", .seed = 7});
//   std::cout << g.c.num_nodes() << " nodes, " << g.affiliated.size() << " affiliated\n";
//   corridor::write_generated_case(g, "/tmp/case7");   // nodes.csv, edges.csv, seeds.csv, truth.csv
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "corridor/model/case.hpp"

namespace corridor {

/// What to generate. Overrides left empty take the preset's value.
struct GenerateParams {
  std::string preset = "small";  ///< tiny | small | medium | large (sizes above)
  std::uint64_t seed = 1;        ///< any value; same params -> same case
  /// Number of smuggling rings, >= 2 (ring 0 is the affiliated one). Preset: 3, 8, 1700, 8500.
  std::optional<int> rings;
  /// Number of migrants, >= 0 (ring 0 moves min(this, 400) of them, tiny 20). Preset: 45, 650,
  /// 170000, 850000.
  std::optional<int> migrants;
  /// Number of weak rumours (E5/D4 associated/communicated ties to O-1 or an affiliate), >= 0;
  /// about one in five is about a true affiliate, the rest are false. Preset: 5, 20, 150, 400.
  std::optional<int> rumours;
  /// Affiliates given as seeds besides O-1, in [1, affiliated - 1]. Default 5 (varied: drawn
  /// from 1 to 8).
  std::optional<int> affiliated_seeds;
  /// Draw the structure of the case from the seed, so methods are tested on more than one shape
  /// (false: the classic shape above, which the shipped sample case and the unit tests pin).
  /// Per seed: the organization O-1 is present but not a seed (60%), absent from the data (25%:
  /// the affiliates' organizational ties then go to the leading affiliate) or a seed (15%);
  /// volumes on the evidence (80%: calls as counts 1-300, skewed low; paid and financed as
  /// amounts 200-20,000); hand-offs between rings 10-50% of migrants; 0-3 extra busy business
  /// calls per pair of partner rings; 0-12 innocent smugglers of other rings who phone a seed
  /// often; 0-4 affiliated travellers (migrants with a direct C3 affiliated_with tie to the
  /// group); rumours graded D4-F6 (70%) or E5/D4; 1 to 8 known seeds, individuals only, drawn
  /// from ring 0's core and the outside contacts. Sizes stay the preset's.
  bool varied = false;
};

/// A generated case and its ground truth.
struct GeneratedCase {
  Case c;                          ///< the case; c.seeds() = O-1 (classic) then the affiliated seeds
  std::vector<NodeId> affiliated;  ///< every true affiliate of O-1 (seeds included, O-1 not), ascending
  std::string preset;              ///< the preset used
  std::uint64_t seed = 0;          ///< the seed used
};

/// Generates a case. Throws ParamError on an unknown preset (naming the valid ones) or an
/// override out of range. Time and memory O(nodes + evidence): the large preset takes about 11 s
/// of CPU and 0.6 GB at peak (measured on the development machine).
GeneratedCase generate_case(const GenerateParams& p = {});

/// The preset names, smallest first: {"tiny", "small", "medium", "large"}.
std::vector<std::string> generator_presets();

/// Writes the case folder (the files of write_case) plus truth.csv (one column `id`, the
/// affiliated ids), as a whole and only over a folder corridor wrote (see write_case). Throws
/// ParamError or IoError.
void write_generated_case(const GeneratedCase& g, const std::filesystem::path& folder);

}  // namespace corridor

// corridor/spec/propagation.hpp: a propagation request in words, turned into library calls once.
//
// `corridor propagate`, `explain`, `paths`, `analyze`, corridor-mpi and Python all take the same
// options (method, restart, transmission overrides, half-life and its reference date, client
// factor, seeds by file or by ids, cleared persons by file or by ids). This is where they become
// PropagationParams, a seed list and a cleared list, so each rule is decided here and nowhere else:
//  - seeds: a seeds file and/or a list of ids (confidence 1); neither = the case's seeds.csv;
//  - cleared persons: a cleared file and/or a list of ids; neither = the case folder's
//    cleared.csv when there is one (a case remembers its folder), else none;
//  - an id that is both a seed and cleared is an error naming both places (file and line, or
//    "the seed ids" / "the cleared ids"): being cleared and being a seed contradict each other,
//    and silently picking one would decide for the analyst;
//  - --countries-pass comes with a note: nationality and transit are not evidence.
// Errors are ParamError (bad values, unknown ids or relations) and InputError / IoError from the
// files, each naming the option, file, line and field to fix.
//
//   corridor::PropagationSpec spec{.method = "spread", .seed_ids = {"S00035"}, .cleared_ids = {"M00012"}};
//   corridor::PropagationRequest q = corridor::resolve_propagation(c, spec);
//   corridor::PropagationResult r = corridor::propagate(c, q.seeds, q.params, q.cleared);
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "corridor/io/case_io.hpp"
#include "corridor/model/case.hpp"
#include "corridor/propagation/propagate.hpp"

namespace corridor {

/// Everything a propagation request may set, as the front ends receive it. Each default is what
/// the command does unless told.
struct PropagationSpec {
  /// ppr_degree (PropagationParams' default), ppr, spread or naive ('-' for '_' accepted)
  std::string method = std::string(to_string(PropagationParams{}.method));
  double restart = PropagationParams{}.restart;              ///< in (0,1)
  double client_factor = PropagationParams{}.client_factor;  ///< in [0,1]
  bool countries_pass = false;  ///< countries and locations pass scores on (not recommended)
  /// Transmission overrides "relation=x", x in [0,1]; the relation must be known to the case.
  std::vector<std::string> transmission;
  double half_life_days = 0.0;  ///< 0 = no decay; else > 0
  std::string as_of;            ///< ISO 8601 date of the decay; empty = the latest evidence date
  /// "implicit" (default), "group" or "off": the group the seeds are tied to, and direct
  /// organizational ties, as seeds of their own (see GroupSeeds).
  std::string group_seeds = "implicit";
  std::string seeds_file;             ///< id[,confidence][,note]
  std::vector<std::string> seed_ids;  ///< ids, confidence 1; an item may hold a comma list "A,B"
  std::string cleared_file;           ///< id[,confidence][,note]
  std::vector<std::string> cleared_ids;  ///< ids, confidence 1; comma lists as for seed_ids
  /// Read CASE/cleared.csv when neither cleared_file nor cleared_ids is given.
  bool case_cleared = true;
  /// How the seeds and cleared files are read: give the case's own read options, so an
  /// encoding, a delimiter or id normalisation that the case needed applies to them too.
  ReadOptions read;
};

/// A resolved request: what propagate() takes, and what the front end should tell the user.
struct PropagationRequest {
  PropagationParams params;
  std::vector<Seed> seeds;
  std::vector<Seed> cleared;
  /// Where the seeds and cleared persons came from ("seeds.csv", "the seed ids", ...), for
  /// messages and reports.
  std::string seeds_from, cleared_from;
  /// Warnings for the user (e.g. countries passing scores on); the command prints them.
  std::vector<std::string> notes;
};

/// The parameters alone (no seeds): method, restart, client factor, overrides, decay. Throws
/// ParamError naming the option and the valid values.
PropagationParams propagation_params(const Case& c, const PropagationSpec& spec);

/// Parameters, seeds and cleared persons. Throws ParamError when there is no seed at all (saying
/// how to give some), an id is not in the case, or an id is both a seed and cleared (naming both
/// files and lines); InputError / IoError from the files.
PropagationRequest resolve_propagation(const Case& c, const PropagationSpec& spec);

/// Splits "A, B,C" into ids (trimmed, empty items dropped).
std::vector<std::string> split_ids(std::string_view list);

}  // namespace corridor

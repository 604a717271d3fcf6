// corridor-mpi: each rank's share of a case (private to src/mpi).
//
// read_share(): every rank reads nodes.csv, relations.csv and seeds.csv whole and the records of
// edges.csv that start in its byte range, aligned to record boundaries (scan_csv_part on each
// rank, one exchange of the scans, split_csv_parts); the library's reader parses the share and
// reports errors with the file's own line numbers.
//
// by_pair(): moves every piece of evidence to the rank that owns its pair of nodes, so that the
// library's rules for a pair (make_view's merge of a pair's evidence, propagation's combination
// and client cap) see all of a pair's evidence at once and are applied by the library itself.
//
// implicit_seeds_all(): the implicit seeds from the few pieces they depend on, on every rank.
#pragma once

#include <mpi.h>

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "corridor/io/case_io.hpp"
#include "corridor/model/case.hpp"
#include "corridor/propagation/propagate.hpp"
#include "mpi/exchange.hpp"

namespace corridor::mpi {

/// Reads this rank's share of the case folder. Collective. Returns false (on every rank, the
/// problems printed by rank 0) when any rank could not read its share.
bool read_share(MPI_Comm comm, const std::filesystem::path& folder, Case& out);

/// The rank that owns the unordered pair {a, b} (a hash, so pairs spread evenly).
int pair_owner(NodeId a, NodeId b, int ranks) noexcept;

/// The case with the same nodes, relations and seeds and the evidence of the pairs this rank
/// owns, gathered from every rank's share (kept in rank order, then share order). Carries what
/// the strength rules read (nodes' ids, kinds, roles, countries and labels; each piece's
/// relation, weight, confidence, grade and time), not source references or extra columns.
/// Collective.
Case by_pair(MPI_Comm comm, const Case& share, Traffic* traffic = nullptr);

/// The library's implicit seeds of `seeds` (implicit_seeds(), the same answer as on the whole
/// case): what they depend on, the organizational evidence touching the seeds and then the seeds
/// and their group, is gathered from every rank's share onto every rank (a few pieces per seed and
/// group member), as a case of just the nodes involved, and implicit_seeds() runs on that.
/// p.strength.as_of must be set (the whole case's latest date). Collective.
std::vector<ImplicitSeed> implicit_seeds_all(MPI_Comm comm, const Case& share, std::span<const Seed> seeds,
                                             std::span<const Seed> cleared, const PropagationParams& p,
                                             Traffic* traffic = nullptr);

/// The latest evidence date of the whole case (none when nothing is dated). Collective.
Timestamp latest_time_all(MPI_Comm comm, const Case& share);

}  // namespace corridor::mpi

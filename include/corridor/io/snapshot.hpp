// corridor/io/snapshot.hpp: the binary `.corridor` snapshot of a frozen case.
//
// A snapshot is a fast local cache of a case (about 4 times faster to load than its CSV on
// the benchmark presets, 3.8x to 5.1x across runs, see benchmarks/RESULTS.md; the checksum over
// every byte is about a third of the load), not an exchange format: exchange cases as CSV or
// GraphML. Layout: magic "CORRIDOR", format version, payload length, payload checksum, then the
// Boost.Serialization binary archive of the case's columns. Magic, version, length and checksum
// are verified before the archive is touched, and every count is bounded by the bytes that
// remain, so a truncated, corrupted or hostile file is a clear InputError, never undefined
// behaviour. Snapshots are checked, not signed.
//
//   corridor::save_snapshot(c, "case.corridor");
//   corridor::Case back = corridor::load_snapshot("case.corridor");
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "corridor/model/case.hpp"

namespace corridor {

/// Version of the snapshot layout written by this build; other versions are refused on load.
inline constexpr std::uint32_t kSnapshotFormatVersion = 1;

/// Saves through write_file_atomically (a temporary file and a rename), so an existing file is
/// never left half-written. The header is 53 bytes: "CORRIDOR\0", the format version (u32 LE),
/// the payload length (u64 LE) and the payload's SHA-256; the payload is a Boost binary archive
/// (not portable across platforms or Boost versions: a local cache). Throws IoError.
void save_snapshot(const Case& c, const std::filesystem::path& file);

/// Loads a snapshot and rebuilds the indexes; origin() is the file. Throws IoError when the
/// file cannot be read and InputError naming the file when it is not a snapshot, has another
/// format version, is truncated, fails its checksum, or holds data that breaks an invariant of
/// Case (ids unique and non-empty, node ids in range, kinds, relations, grades, weights,
/// confidences, seeds and string columns valid). The file is read into memory, never mapped,
/// so a file rewritten while it loads is a clear error (torn data fails the checksum), never a
/// crash. O(bytes + n log n).
Case load_snapshot(const std::filesystem::path& file);

/// The snapshot as bytes (the file's content). Deterministic: equal cases give equal bytes.
std::string snapshot_bytes(const Case& c);

/// Loads from bytes with every check of load_snapshot; `name` is used in error messages.
Case snapshot_from_bytes(std::string_view bytes, const std::string& name = "snapshot");

}  // namespace corridor

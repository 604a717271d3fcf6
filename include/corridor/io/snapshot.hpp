// corridor/io/snapshot.hpp: the binary `.corridor` snapshot of a frozen case.
//
// A snapshot is a fast local cache of a case (10x faster to load than CSV), not an exchange
// format: exchange cases as CSV or GraphML. Layout: magic "CORRIDOR", format version, payload
// length, payload checksum, then the Boost.Serialization binary archive of the case's columns.
// Magic, version, length and checksum are verified before the archive is touched, and every
// count is bounded by the bytes that remain, so a truncated, corrupted or hostile file is a
// clear InputError, never undefined behaviour. Snapshots are checked, not signed.
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

inline constexpr std::uint32_t kSnapshotFormatVersion = 1;

void save_snapshot(const Case& c, const std::filesystem::path& file);
Case load_snapshot(const std::filesystem::path& file);

/// The same from and to memory (fuzzing, tests); `name` is used in error messages.
std::string snapshot_bytes(const Case& c);
Case snapshot_from_bytes(std::string_view bytes, const std::string& name = "snapshot");

}  // namespace corridor

// Private helpers of the snapshot format, shared with its tests (not installed).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace corridor::detail {

/// Header: magic "CORRIDOR\0" (9 bytes), format version (u32 little-endian), payload length (u64
/// little-endian), SHA-256 of the payload (32 bytes).
inline constexpr std::size_t kSnapshotMagicBytes = 9;
inline constexpr std::size_t kSnapshotHeaderBytes = 9 + 4 + 8 + 32;

/// Wraps a payload (a Boost binary archive) in a header with the current format version.
std::string seal_snapshot(std::string_view payload);

/// The payload part of snapshot bytes (no checks beyond the header's size).
std::string_view snapshot_payload(std::string_view bytes);

}  // namespace corridor::detail

// The range of times a case may hold (private to the model): what a time can be written as
// (years 0000 to 9999, UTC), so every time a case holds reads back. parse_time() refuses times
// its offset moves outside (9999-12-31T23:59-23:59 is in year 10000 in UTC) and the case
// invariants refuse them in forged snapshots.
#pragma once

#include <cstdint>

namespace corridor::detail {

inline constexpr std::int64_t kMinTime = -62167219200;   // 0000-01-01T00:00:00Z
inline constexpr std::int64_t kMaxTime = 253402300799;   // 9999-12-31T23:59:59Z

}  // namespace corridor::detail

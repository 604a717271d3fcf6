// corridor/model/evidence.hpp: grading evidence (Admiralty code) and dating it.
//
// Intelligence analysts grade a report with the Admiralty (NATO) system: the source's reliability
// A (completely reliable) to E (unreliable), F (cannot be judged), and the information's
// credibility 1 (confirmed) to 5 (improbable), 6 (cannot be judged). corridor maps a grade to a
// confidence in [0,1] as reliability x credibility with the factors below, so "B2" (usually
// reliable, probably true) = 0.8 x 0.8 = 0.64. "Cannot be judged" (F, 6) counts as weak (0.3), not
// as neutral: unjudged evidence must not outrank graded evidence.
//
//   reliability  A 1.0  B 0.8  C 0.6  D 0.4  E 0.2  F 0.3
//   credibility  1 1.0  2 0.8  3 0.6  4 0.4  5 0.2  6 0.3
//
//   auto g = corridor::parse_grade("B2");       // std::optional<Grade>
//   double c = corridor::grade_confidence(*g);   // 0.64
//   auto t = corridor::parse_time("2021-03-04"); // std::optional<Timestamp>
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace corridor {

/// An Admiralty grade packed in one byte: reliability 'A'..'F' and credibility 1..6; 0 = none.
struct Grade {
  std::uint8_t code = 0;  ///< 0 = no grade; else (reliability index)*6 + (credibility-1) + 1

  static constexpr Grade none() { return {}; }
  static Grade make(char reliability, int credibility);  ///< 'A'..'F', 1..6; throws ParamError
  bool empty() const { return code == 0; }
  char reliability() const;  ///< 'A'..'F'; '\0' when empty
  int credibility() const;   ///< 1..6; 0 when empty
  std::string to_string() const;  ///< "B2"; "" when empty
  bool operator==(const Grade&) const = default;
};

/// Parses "B2" (case-insensitive, spaces ignored); nullopt when malformed or empty.
std::optional<Grade> parse_grade(std::string_view text) noexcept;

/// reliability factor x credibility factor (see the table above); 1.0 for an empty grade.
double grade_confidence(Grade g) noexcept;

/// A point in time: seconds since 1970-01-01T00:00:00Z, plus whether it was given as a date only
/// (so it prints back the way it came). Missing time is Timestamp::none().
struct Timestamp {
  static constexpr std::int64_t kNone = std::numeric_limits<std::int64_t>::min();
  std::int64_t seconds = kNone;
  bool date_only = true;

  static constexpr Timestamp none() { return {}; }
  bool empty() const { return seconds == kNone; }
  /// "2021-03-04" for a date, "2021-03-04T10:20:30Z" for a date-time (always UTC).
  std::string to_string() const;
  /// Days since the epoch (floor), for decay computations.
  double days() const { return static_cast<double>(seconds) / 86400.0; }
  bool operator==(const Timestamp&) const = default;
  auto operator<=>(const Timestamp& o) const { return seconds <=> o.seconds; }
};

/// Parses ISO 8601: YYYY-MM-DD, or YYYY-MM-DDThh:mm[:ss[.fff]][Z|+hh:mm|-hh:mm] (a space may
/// replace the T; no zone means UTC). Checks month lengths and leap years; nullopt when invalid.
std::optional<Timestamp> parse_time(std::string_view text) noexcept;

/// Days from civil date (Howard Hinnant's algorithm), exposed for tests and the generator.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept;

}  // namespace corridor

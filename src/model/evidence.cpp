#include "corridor/model/evidence.hpp"

#include <cctype>
#include <cstdio>

#include "corridor/error.hpp"
#include "model/time_range.hpp"

namespace corridor {

namespace {
constexpr double kReliability[6] = {1.0, 0.8, 0.6, 0.4, 0.2, 0.3};  // A..F
constexpr double kCredibility[6] = {1.0, 0.8, 0.6, 0.4, 0.2, 0.3};  // 1..6
}  // namespace

Grade Grade::make(char reliability, int credibility) {
  char r = static_cast<char>(std::toupper(static_cast<unsigned char>(reliability)));
  if (r < 'A' || r > 'F' || credibility < 1 || credibility > 6)
    throw ParamError("an Admiralty grade is a letter A-F and a digit 1-6, such as B2");
  return Grade{static_cast<std::uint8_t>((r - 'A') * 6 + (credibility - 1) + 1)};
}

char Grade::reliability() const { return empty() ? '\0' : static_cast<char>('A' + (code - 1) / 6); }
int Grade::credibility() const { return empty() ? 0 : (code - 1) % 6 + 1; }

std::string Grade::to_string() const {
  if (empty()) return {};
  return std::string{reliability(), static_cast<char>('0' + credibility())};
}

std::optional<Grade> parse_grade(std::string_view text) noexcept {
  char letters[2];
  int n = 0;
  for (char c : text) {
    if (c == ' ' || c == '\t') continue;
    if (n == 2) return std::nullopt;
    letters[n++] = c;
  }
  if (n != 2) return std::nullopt;
  char r = static_cast<char>(std::toupper(static_cast<unsigned char>(letters[0])));
  if (r < 'A' || r > 'F' || letters[1] < '1' || letters[1] > '6') return std::nullopt;
  return Grade{static_cast<std::uint8_t>((r - 'A') * 6 + (letters[1] - '1') + 1)};
}

double grade_confidence(Grade g) noexcept {
  if (g.empty()) return 1.0;
  return kReliability[(g.code - 1) / 6] * kCredibility[(g.code - 1) % 6];
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

namespace {

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

namespace {
std::optional<Timestamp> parse_time_unchecked(std::string_view s) noexcept;
}

std::optional<Timestamp> parse_time(std::string_view s) noexcept {
  auto t = parse_time_unchecked(s);
  if (t && (t->seconds < detail::kMinTime || t->seconds > detail::kMaxTime)) return std::nullopt;
  return t;
}

namespace {
std::optional<Timestamp> parse_time_unchecked(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  int y, mo, d;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d))
    return std::nullopt;
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1] + (mo == 2 && leap(y))) return std::nullopt;
  std::int64_t secs = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400;
  if (s.size() == 10) return Timestamp{secs, true};
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  int hh, mm, ss = 0;
  std::size_t p = 11;
  if (!digits(s, p, 2, hh) || p + 2 >= s.size() || s[p + 2] != ':' || !digits(s, p + 3, 2, mm))
    return std::nullopt;
  p += 5;
  if (p < s.size() && s[p] == ':') {
    if (!digits(s, p + 1, 2, ss)) return std::nullopt;
    p += 3;
    if (p < s.size() && (s[p] == '.' || s[p] == ',')) {  // fractional seconds: accepted, dropped
      ++p;
      std::size_t start = p;
      while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
      if (p == start) return std::nullopt;
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  secs += hh * 3600 + mm * 60 + std::min(ss, 59);
  if (p == s.size()) return Timestamp{secs, false};
  if ((s[p] == 'Z' || s[p] == 'z') && p + 1 == s.size()) return Timestamp{secs, false};
  if (s[p] == '+' || s[p] == '-') {
    int oh, om = 0;
    if (!digits(s, p + 1, 2, oh)) return std::nullopt;
    std::size_t q = p + 3;
    if (q < s.size() && s[q] == ':') ++q;
    if (q < s.size()) {
      if (!digits(s, q, 2, om)) return std::nullopt;
      q += 2;
    }
    if (q != s.size() || oh > 23 || om > 59) return std::nullopt;
    const int sign = s[p] == '+' ? 1 : -1;
    secs -= sign * (oh * 3600 + om * 60);
    return Timestamp{secs, false};
  }
  return std::nullopt;
}
}  // namespace

std::string Timestamp::to_string() const {
  if (empty()) return {};
  // Floor division that cannot overflow (negating a time near INT64_MIN printed hour 39).
  std::int64_t days = seconds / 86400;
  if (seconds % 86400 < 0) --days;
  std::int64_t rem = seconds - days * 86400;
  std::int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[48];
  if (date_only && rem == 0) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(y), m, d,
                  static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60));
  }
  return buf;
}

}  // namespace corridor

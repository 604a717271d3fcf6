// Did-you-mean for error messages: the candidate closest to a mistyped word (not installed).
//
// "financd" -> "financed", "n41" -> "N41", "Sourse" -> "source". Distances are optimal string
// alignment (Levenshtein plus adjacent transpositions) on ASCII-case-folded bytes, so a wrong
// case costs nothing and one typo costs 1. A suggestion is made only when it is clearly the
// intended word: within max(1, length / 4) edits (2 for words of 8 bytes or more), and unique
// at that distance.
#pragma once

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::detail {

inline char fold_ascii(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

/// Optimal-string-alignment distance between a and b (ASCII case folded), or cap + 1 when it
/// exceeds cap. O(|a| |b|) time, O(|b|) memory; returns early when the lengths alone exceed cap.
inline std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t cap) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > cap) return cap + 1;
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const bool same = fold_ascii(a[i - 1]) == fold_ascii(b[j - 1]);
      std::size_t d = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && fold_ascii(a[i - 1]) == fold_ascii(b[j - 2]) && fold_ascii(a[i - 2]) == fold_ascii(b[j - 1]))
        d = std::min(d, prev2[j - 2] + 1);
      cur[j] = d;
      row_min = std::min(row_min, d);
    }
    if (row_min > cap) return cap + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m] > cap ? cap + 1 : prev[m];
}

/// Edits tolerated for a word of this length before a suggestion becomes a guess.
inline std::size_t typo_budget(std::size_t length) noexcept { return length >= 8 ? 2 : std::max<std::size_t>(1, length / 4); }

/// The candidate closest to `word`, when it is within the typo budget and no other candidate is
/// as close; nullopt otherwise (or when `word` itself is a candidate). `candidates` is any range
/// of things convertible to std::string_view. O(candidates x |word|^2) at worst, but the length
/// filter skips most candidates at once.
template <class Range>
std::optional<std::string> closest(std::string_view word, const Range& candidates) {
  if (word.empty()) return std::nullopt;
  const std::size_t budget = typo_budget(word.size());
  std::size_t best = budget + 1;
  std::optional<std::string> found;
  bool tie = false;
  for (const auto& cand : candidates) {
    const std::string_view c(cand);
    if (c == word) return std::nullopt;
    const std::size_t d = edit_distance(word, c, std::min(best, budget));
    if (d < best) {
      best = d;
      found = std::string(c);
      tie = false;
    } else if (d == best && d <= budget && found && *found != c) {
      tie = true;
    }
  }
  if (!found || tie || best > budget) return std::nullopt;
  return found;
}

/// "; did you mean \"financed\"?" or "" (for appending to a message).
template <class Range>
std::string did_you_mean(std::string_view word, const Range& candidates) {
  auto c = closest(word, candidates);
  return c ? "; did you mean \"" + *c + "\"?" : std::string();
}

/// Did-you-mean for an id that is not among `ids` (a sized range of string_view-convertibles in a
/// fixed order): an id equal but for case ("n41" -> "N41"), else the closest id by edit distance
/// when there are at most `search_limit` ids (an error path should not scan millions).
template <class Range>
std::string id_hint(std::string_view id, const Range& ids, std::size_t search_limit = 100000) {
  auto folded_equal = [&](std::string_view c) {
    if (c.size() != id.size()) return false;
    for (std::size_t i = 0; i < c.size(); ++i)
      if (fold_ascii(c[i]) != fold_ascii(id[i])) return false;
    return true;
  };
  for (const auto& cand : ids)
    if (folded_equal(std::string_view(cand))) return "; did you mean \"" + std::string(std::string_view(cand)) + "\"?";
  if (std::size(ids) > search_limit) return {};
  return did_you_mean(id, ids);
}

}  // namespace corridor::detail

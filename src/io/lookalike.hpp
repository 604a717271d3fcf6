// Node ids that look the same as another but are different bytes (NFD beside NFC, a zero-width
// space, a no-break space): collected by the readers while they read nodes, then reported with
// both places. Only ids with a non-ASCII byte can differ that way, so a case of ASCII ids stores
// nothing and pays one scan of each id.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "corridor/io/encoding.hpp"
#include "src_util.hpp"

namespace corridor::detail {

inline bool has_non_ascii(std::string_view s) noexcept {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

/// What the UTF-8 sequence at s[i] (of length n) is to normalize_id(): 0 an ordinary character,
/// 1 invisible (U+200B..U+200D, U+2060, U+FEFF: removed), 2 an odd space (U+00A0, U+1680,
/// U+2000..U+200A, U+202F, U+205F, U+3000: a plain space).
inline int odd_character(std::string_view s, std::size_t i, std::size_t n) noexcept {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (n == 2) return b(0) == 0xC2 && b(1) == 0xA0 ? 2 : 0;  // U+00A0
  if (n != 3) return 0;
  if (b(0) == 0xE2 && b(1) == 0x80) {
    if (b(2) >= 0x8B && b(2) <= 0x8D) return 1;  // U+200B..U+200D
    if (b(2) <= 0x8A || b(2) == 0xAF) return 2;  // U+2000..U+200A, U+202F
    return 0;
  }
  if (b(0) == 0xE2 && b(1) == 0x81) return b(2) == 0xA0 ? 1 : b(2) == 0x9F ? 2 : 0;  // U+2060, U+205F
  if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return 1;                        // U+FEFF
  if (b(0) == 0xE1 && b(1) == 0x9A && b(2) == 0x80) return 2;                        // U+1680
  if (b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 2;                        // U+3000
  return 0;
}

/// The id with its invisible characters and odd spaces written as <U+XXXX>, so a message shows
/// what the eye cannot, then quoted().
inline std::string visible_id(std::string_view id) {
  std::string out;
  for (std::size_t i = 0; i < id.size();) {
    std::size_t n = utf8_sequence_length(id, i);
    if (n == 0) n = 1;
    if (odd_character(id, i, n) != 0) {
      std::uint32_t cp = static_cast<unsigned char>(id[i]) & (n == 2 ? 0x1Fu : 0x0Fu);
      for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(id[i + k]) & 0x3Fu);
      char buf[16];
      std::snprintf(buf, sizeof buf, "<U+%04X>", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(id.substr(i, n));
    }
    i += n;
  }
  return detail::quoted(out);
}

/// What makes `id` differ from its normal form, for a message.
inline std::string lookalike_reason(std::string_view id) {
  for (std::size_t i = 0; i < id.size();) {
    std::size_t n = utf8_sequence_length(id, i);
    if (n == 0) n = 1;
    if (odd_character(id, i, n) == 1) return "an invisible character";
    if (odd_character(id, i, n) == 2) return "an unusual space";
    i += n;
  }
  return "Unicode normalisation (one is decomposed, NFD; the other composed, NFC)";
}

/// The hint for an evidence end or seed id that is not a node id but looks like one.
inline std::string lookalike_hint(std::string_view id, const std::string& node_id) {
  return "; it looks the same as the node " + visible_id(node_id) + " but differs by " +
         lookalike_reason(normalize_id(id) == id ? node_id : id) +
         ": correct it, or pass --normalize-ids to read every id in NFC without invisible characters";
}

class LookalikeIds {
 public:
  /// Notes a node id read at `line` (in file order).
  void add(std::string_view id, std::size_t line) {
    if (has_non_ascii(id)) unusual_.push_back({std::string(id), line});
  }

  bool empty() const noexcept { return unusual_.empty(); }

  /// Calls warn(line, message) once per id that looks the same as another; `line_of(id)` gives
  /// the line of a node with exactly that id, if any.
  void report(const std::string& file, const std::function<std::optional<std::size_t>(const std::string&)>& line_of,
              const std::function<void(std::size_t, std::string)>& warn) const {
    std::unordered_map<std::string, const Entry*> first;  // normal form -> first id that is not in it
    for (const Entry& e : unusual_) {
      const std::string key = normalize_id(e.id);
      if (key == e.id) continue;
      std::string other;
      std::size_t other_line = 0;
      if (auto l = line_of(key)) {
        other = key;
        other_line = *l;
      } else if (auto [it, inserted] = first.try_emplace(key, &e); !inserted) {
        other = it->second->id;
        other_line = it->second->line;
      } else {
        continue;
      }
      const bool later = other_line < e.line;
      const std::string& at_id = later ? e.id : other;
      const std::string& seen_id = later ? other : e.id;
      warn(later ? e.line : other_line,
           visible_id(at_id) + " looks the same as " + visible_id(seen_id) + " (" + file + ":" +
               std::to_string(later ? other_line : e.line) + ") but differs by " +
               lookalike_reason(key == seen_id ? at_id : seen_id) +
               "; they are two different nodes. Correct one of them, or pass --normalize-ids to read every id "
               "in NFC without invisible characters (both become " + detail::quoted(key) + ")");
    }
  }

 private:
  struct Entry {
    std::string id;
    std::size_t line;
  };
  std::vector<Entry> unusual_;
};

}  // namespace corridor::detail

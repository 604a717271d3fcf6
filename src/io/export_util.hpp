// Helpers shared by the exchange-format writers and readers (private to src/io).
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "corridor/model/case.hpp"
#include "src_util.hpp"

namespace corridor::detail {

/// The standard column a GraphML key or attribute name stands for: ASCII lower case, surrounding
/// blanks trimmed, inner runs of blanks or '-' as one '_' ("Source Ref" -> "source_ref",
/// " Weight" -> "weight"). The writer escapes extra attributes whose key this is a reserved name,
/// and the GraphML reader matches keys by it, so the two agree on what a name means.
inline std::string column_key(std::string_view name) {
  name = trim(name);
  std::string out;
  out.reserve(name.size());
  bool gap = false;
  for (char ch : name) {
    if (ch == ' ' || ch == '\t' || ch == '-') {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += '_';
    gap = false;
    out += ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch;
  }
  return out;
}

/// The fields the exchange formats give an edge besides the standard columns (kEvidenceColumns in
/// corridor/model/case.hpp, the one list of those): "directed" is the direction flag; "key"
/// numbers parallel edges in node-link JSON; "id" and "label" are set from the edge element by
/// networkx and igraph.
inline constexpr std::string_view kDirectedField = "directed";
inline constexpr std::array<std::string_view, 4> kEdgeFormatFields = {kDirectedField, "key", "id", "label"};

/// Whether an extra attribute called `name` would read back as a field of its own (a standard
/// column, or an edge field above), compared by column_key. The writers store such an attribute as
/// "attr:<name>", and the GraphML reader strips the prefix again.
inline bool reserved_node_name(std::string_view name) {
  const std::string col = column_key(name);
  return std::find(kNodeColumns.begin(), kNodeColumns.end(), col) != kNodeColumns.end();
}
inline bool reserved_edge_name(std::string_view name) {
  const std::string col = column_key(name);
  return std::find(kEvidenceColumns.begin(), kEvidenceColumns.end(), col) != kEvidenceColumns.end() ||
         std::find(kEdgeFormatFields.begin(), kEdgeFormatFields.end(), col) != kEdgeFormatFields.end();
}

/// Shortest text that reads back (as a float) to the same float: "0.7", not "0.699999988".
inline std::string float_text(float v) {
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, p);
}

/// Parses a whole string as a finite float. Parsing straight to float (not via double) makes
/// float_text -> float_text_parse exact.
inline std::optional<float> parse_float(std::string_view s) noexcept {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  float v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

/// The relation registry as JSON: [{"name", "directed", "transmission", "class", "builtin"}].
inline nlohmann::json relations_json(const RelationRegistry& reg) {
  auto arr = nlohmann::json::array();
  for (const auto& r : reg.all())
    arr.push_back({{"name", r.name},
                   {"directed", r.directed},
                   {"transmission", r.transmission},
                   {"class", std::string(to_string(r.cls))},
                   {"volume", std::string(to_string(r.volume))},
                   {"builtin", r.builtin}});
  return arr;
}

/// Seeds as JSON: [{"id", "confidence", "note"}].
inline nlohmann::json seeds_json(const Case& c) {
  auto arr = nlohmann::json::array();
  for (const auto& s : c.seeds())
    arr.push_back({{"id", std::string(c.node_id(s.node))}, {"confidence", s.confidence}, {"note", s.note}});
  return arr;
}

/// JSON text that never throws on invalid UTF-8 in case strings (bad bytes become U+FFFD).
inline std::string dump_json(const nlohmann::json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace corridor::detail

// Private helpers of the report module: names (plain or pseudonymized), escaping, CSV fields.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "corridor/model/case.hpp"
#include "corridor/propagation/explain.hpp"
#include "corridor/report/analyze.hpp"
#include "corridor/report/pseudonym.hpp"

namespace corridor::detail {

/// Every identifying string an output shows goes through a Namer, so pseudonymization cannot be
/// forgotten in one place and not another: ids, labels, places, roles (free text) and file
/// paths. With a key, labels become the id's pseudonym, roles and paths pseudonyms of their own
/// domain; without one, names are shown as they are (paths made valid UTF-8).
class Namer {
 public:
  /// With a key: computes every node's pseudonym once (O(n) HMACs) and throws ParamError when
  /// two different ids, country codes or roles share a pseudonym (a merge of two people in a
  /// shared report must fail loudly, never happen silently).
  Namer(const Case& c, std::string key);
  bool pseudonymized() const noexcept { return !key_.empty(); }
  std::string id(NodeId v) const;
  std::string label(NodeId v) const { return key_.empty() ? std::string(c_.label(v)) : id(v); }
  /// A country code or place id as found in an attribute: the pseudonym of the node with that id
  /// (kind country when there is none), so a code reads the same as its node everywhere.
  std::string place(std::string_view code) const;
  /// A free-text role: R- and its pseudonym (the same role reads the same everywhere).
  std::string role(std::string_view text) const;
  /// A file path or case origin as a report shows it: valid UTF-8 without a key; with one, F- and
  /// the pseudonym of the folder, keeping a standard case file name (nodes.csv, ...) or a short
  /// extension, so the manifest still says which digest is which file.
  std::string file(std::string_view path) const;
  /// "A -[relation grade]-> B -[...]-> C", ids through this namer.
  std::string path(const EvidencePath& p) const;

 private:
  const Case& c_;
  std::string key_;
  std::string node_names_;  // n pseudonyms of kNameSize characters, back to back
};

/// report_html() with the names of the caller (write_report() computes them once).
std::string report_html(const Case& c, const AnalysisResult& r, const Namer& names);

inline std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

inline std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + '"';
}

inline void csv_row(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += csv_field(fields[i]);
  }
  out += '\n';
}

}  // namespace corridor::detail

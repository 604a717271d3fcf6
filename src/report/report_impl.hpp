// Private helpers of the report module: names (plain or pseudonymized), escaping, CSV fields.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "corridor/model/case.hpp"
#include "corridor/propagation/explain.hpp"
#include "corridor/report/pseudonym.hpp"

namespace corridor::detail {

/// Every id and label an output shows goes through a Namer, so pseudonymization cannot be
/// forgotten in one place and not another.
class Namer {
 public:
  Namer(const Case& c, std::string key) : c_(c), key_(std::move(key)) {}
  bool pseudonymized() const { return !key_.empty(); }
  std::string id(NodeId v) const {
    return key_.empty() ? std::string(c_.node_id(v)) : pseudonym(key_, c_.node_id(v), c_.kind(v));
  }
  std::string label(NodeId v) const { return key_.empty() ? std::string(c_.label(v)) : id(v); }
  /// A country code or place id as found in an attribute: the pseudonym of the node with that id
  /// (kind country when there is none), so a code reads the same as its node everywhere.
  std::string place(std::string_view code) const {
    if (key_.empty() || code.empty()) return std::string(code);
    const auto v = c_.find(code);
    return pseudonym(key_, code, v ? c_.kind(*v) : NodeKind::country);
  }
  /// "A -[relation grade]-> B -[...]-> C", ids through this namer.
  std::string path(const EvidencePath& p) const {
    std::string out;
    for (std::size_t i = 0; i < p.nodes.size(); ++i) {
      if (i > 0) {
        const EvidenceId e = p.evidence[i - 1];
        const std::string grade = c_.grade(e).to_string();
        out += " -[";
        out += c_.relation_name(e);
        if (!grade.empty()) out += " " + grade;
        out += "]-> ";
      }
      out += id(p.nodes[i]);
    }
    return out;
  }

 private:
  const Case& c_;
  std::string key_;
};

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

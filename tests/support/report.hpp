// Test support for report outputs: the files `corridor analyze` writes, and the tokens of a
// text (to check that no original id leaks into pseudonymized outputs).
#pragma once

#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace corridor::test {

inline const std::vector<std::string> kReportFiles = {"report.html", "centrality.csv", "communities.csv",
                                                      "scores.csv",  "keyplayers.csv", "manifest.json"};

/// Tokens of [A-Za-z0-9_-]: an id leaks when it appears as a whole token.
inline std::set<std::string> tokens(const std::string& text) {
  std::set<std::string> out;
  std::string cur;
  for (char ch : text) {
    if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-') {
      cur += ch;
    } else if (!cur.empty()) {
      out.insert(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.insert(cur);
  return out;
}

}  // namespace corridor::test

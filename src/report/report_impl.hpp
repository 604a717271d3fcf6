// Private helpers of the report module: names (plain or pseudonymized), escaping, CSV fields,
// and the pieces report.html is assembled from (report_html.cpp, report_tables.cpp,
// report_svg.cpp, report_data.cpp, and the generated web bundle).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "corridor/model/case.hpp"
#include "corridor/propagation/explain.hpp"
#include "corridor/report/analyze.hpp"
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
  /// A source reference (a document or intercept number): kept as is, or keyed like an id, since
  /// a reference can name a person or an operation.
  std::string source_ref(std::string_view ref) const {
    if (key_.empty() || ref.empty()) return std::string(ref);
    return "R-" + hmac_sha256_hex(key_, ref).substr(0, 10);
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

/// Length of the bidirectional control character (U+061C, U+200E/F, U+202A-E, U+2066-9) that
/// starts s, else 0. Such a character in an id or label could reorder the text around it on
/// screen ("right-to-left override"), so the page shows it as a visible code instead.
inline std::size_t bidi_control_at(std::string_view s) {
  if (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xD8 && static_cast<unsigned char>(s[1]) == 0x9C) return 2;
  if (s.size() < 3 || static_cast<unsigned char>(s[0]) != 0xE2) return 0;
  const auto b1 = static_cast<unsigned char>(s[1]), b2 = static_cast<unsigned char>(s[2]);
  if (b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE))) return 3;
  if (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return 3;
  return 0;
}

/// "[U+202E]" for a bidirectional control (or any 2- or 3-byte UTF-8 character) of length n at
/// the start of s.
inline std::string bidi_code(std::string_view s, std::size_t n) {
  const unsigned cp = n == 2 ? ((static_cast<unsigned char>(s[0]) & 0x1Fu) << 6) | (static_cast<unsigned char>(s[1]) & 0x3Fu)
                             : ((static_cast<unsigned char>(s[0]) & 0x0Fu) << 12) |
                                   ((static_cast<unsigned char>(s[1]) & 0x3Fu) << 6) |
                                   (static_cast<unsigned char>(s[2]) & 0x3Fu);
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "[U+";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 15u];
  return out + "]";
}

/// Text for HTML: markup characters as entities, bidirectional controls as visible codes.
inline std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    if (const std::size_t n = bidi_control_at(s.substr(i))) {
      out += bidi_code(s.substr(i), n);
      i += n - 1;
      continue;
    }
    if (s.substr(i, 3) == "\xE2\x80\xA8" || s.substr(i, 3) == "\xE2\x80\xA9") {  // line, paragraph separator
      out += s[i + 2] == '\xA8' ? "&#x2028;" : "&#x2029;";
      i += 2;
      continue;
    }
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

// ---- pieces of report.html -----------------------------------------------------------------------

/// The community colours the drawing and the tables share: the communities with most nodes in
/// the drawing get the palette, the rest grey.
class Colours {
 public:
  explicit Colours(const Drawing& d);
  /// "#1f77b4", or the grey of the other communities.
  std::string of(std::int64_t community) const;
  /// Palette index of a community, -1 for grey.
  int index(std::int64_t community) const;
  const std::vector<std::int64_t>& coloured() const { return coloured_; }
  static const std::vector<std::string>& palette();

 private:
  std::vector<std::pair<std::int64_t, int>> index_;  // sorted by community
  std::vector<std::int64_t> coloured_;
};

/// The page's stylesheet (the same for the interactive and the static page).
std::string_view page_css();
/// The static SVG drawing of the overview with its legend (the page without a web bundle).
void append_svg_drawing(std::string& h, const Case& c, const AnalysisResult& r, const Namer& names,
                        const Colours& colours);
/// The tables: counts, leads, key players, brokers, communities, parameters. `page_index` maps a
/// case node to its index in the view's data (rows of nodes in the view carry it), or is empty.
void append_tables(std::string& h, const Case& c, const AnalysisResult& r, const Namer& names, const Colours& colours,
                   const std::vector<std::uint32_t>& page_index);
/// The view's data as JSON, safe inside <script type="application/json">: <, >, & and U+2028/9
/// are escaped, so no string of the case can close the element or start markup.
std::string page_data_json(const Case& c, const AnalysisResult& r, const Namer& names, const Colours& colours);
/// A string as a JSON string literal with the escapes above (invalid UTF-8 becomes U+FFFD).
void append_json_string(std::string& out, std::string_view s);
/// The bundled page code (cytoscape.js and web/src), empty when built without it; and the
/// licence notices of the bundled packages.
std::string_view web_bundle() noexcept;
std::string_view web_licences() noexcept;

/// "1,234" style counts and short numbers for tables.
std::string short_num(double v);
std::string plural_kind(NodeKind k, std::size_t n);

}  // namespace corridor::detail

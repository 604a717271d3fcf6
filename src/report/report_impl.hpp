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
#include "corridor/spec/table.hpp"

namespace corridor::detail {

/// Every identifying string an output shows goes through a Namer, so pseudonymization cannot be
/// forgotten in one place and not another: ids, labels, places, roles (free text), source
/// references and file paths. With a key, labels become the id's pseudonym, roles, references
/// and paths pseudonyms of their own domain; without one, names are shown as they are (paths
/// made valid UTF-8).
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
  /// A free-text role: Role- and its pseudonym (the same role reads the same everywhere).
  std::string role(std::string_view text) const;
  /// A source reference (a document or intercept number): kept as is, or R- and its pseudonym,
  /// since a reference can name a person or an operation.
  std::string source_ref(std::string_view ref) const;
  /// A file path or case origin as a report shows it: valid UTF-8 without a key; with one, F- and
  /// the pseudonym of the folder, keeping a standard case file name (nodes.csv, ...) or a short
  /// extension, so the manifest still says which digest is which file.
  std::string file(std::string_view path) const;
  /// This namer for the library's tables (it must outlive them being built).
  NodeNamer node_namer() const {
    return {[this](NodeId v) { return id(v); }, [this](NodeId v) { return label(v); }};
  }
  /// "A -[relation grade]-> B -[...]-> C", ids through this namer.
  std::string path(const EvidencePath& p) const;

 private:
  const Case& c_;
  std::string key_;
  std::string node_names_;  // n pseudonyms of equal length, back to back
};

/// report_html() with the names of the caller (write_report() computes them once).
std::string report_html(const Case& c, const AnalysisResult& r, const Namer& names);

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

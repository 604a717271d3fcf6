// report.html: one self-contained page that opens offline from disk. The head carries a
// Content-Security-Policy that allows no request at all and only this page's own script and
// stylesheet (by their SHA-256), so even a string of the case that slipped into markup could not
// run or fetch anything. The body: the caveat, the explorable network view (when the library was
// built with its web bundle; the static SVG drawing otherwise), the tables, and the licence
// notices of the bundled packages. The view's data travels as JSON in a non-executed script
// element; the page's script reads it and sets every text with textContent.
#include <fmt/core.h>

#include <algorithm>
#include <map>

#include "corridor/report/analyze.hpp"
#include "corridor/report/pseudonym.hpp"
#include "corridor/version.hpp"
#include "report/report_impl.hpp"

namespace corridor {

namespace detail {

namespace {

// Tableau 10 and two more: distinguishable, and readable on white.
const std::vector<std::string> kPalette = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
                                           "#e377c2", "#17becf", "#bcbd22", "#393b79", "#ad494a", "#637939"};
constexpr const char* kGrey = "#9a9a9a";

constexpr std::string_view kCss = R"css(
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:0;color:#222;line-height:1.4}
header,main{max-width:1500px;margin:0 auto;padding:4px 16px}
h1{margin:.2em 0}h2{border-bottom:2px solid #ddd;padding-bottom:2px;margin:1em 0 .4em;font-size:1.25em}
summary h2{display:inline-block;border:none;margin:.6em 0 .2em}summary{cursor:pointer}
.caveat{background:#fff4ce;border-left:5px solid #e0a800;padding:6px 12px;margin:6px 0}
table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0}
table.narrow{width:auto;min-width:380px}
th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.n{text-align:right;font-variant-numeric:tabular-nums}
tbody tr:nth-child(even){background:#fafafa}
th.sortable{cursor:pointer;user-select:none}th.sortable::after{content:" \2195";color:#aaa}
th.asc::after{content:" \25B2";color:#333}th.desc::after{content:" \25BC";color:#333}
tr[data-node]{cursor:pointer}tr[data-node]:hover{background:#eef4ff}
.table-filter{font-size:13px;margin:4px 0;padding:2px 6px;width:260px}
svg#network{width:100%;height:auto;border:1px solid #ddd;background:#fff}
.lbl{font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px;fill:#111}
.legend span{display:inline-block;margin-right:14px;font-size:13px}
.path{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;overflow-wrap:anywhere}
.iso{unicode-bidi:isolate}
#toolbar{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;font-size:13px;padding:4px 0}
#toolbar fieldset{border:1px solid #ddd;padding:2px 6px;margin:0}#toolbar legend{font-size:11px;color:#666}
#toolbar label{margin-right:6px;white-space:nowrap}#toolbar select{max-width:220px}
#search-results{font-size:12px}#search-results button{margin:0 4px 0 0}
#workspace{display:flex;height:68vh;min-height:420px;border:1px solid #ccc}
#view{flex:1 1 auto;position:relative;min-width:0;background:#fff}
#panel{flex:0 0 380px;overflow:auto;border-left:1px solid #ccc;padding:6px 10px;font-size:13px;background:#fbfbfb}
#panel h3{margin:.3em 0;font-size:15px;overflow-wrap:anywhere}#panel h4{margin:.8em 0 .2em;font-size:13px}
#panel dl{display:grid;grid-template-columns:auto 1fr;gap:1px 10px;margin:4px 0}#panel dt{color:#666}
#panel dd{margin:0;overflow-wrap:anywhere}#panel ol{padding-left:20px;margin:4px 0}
#panel .tie{margin:2px 0 2px 10px;color:#444}#panel .ev{margin-left:22px;font-size:12px;color:#333}
#panel button{margin:2px 4px 2px 0}.flag{display:inline-block;padding:0 5px;border-radius:3px;font-size:11px;margin-right:4px;background:#eee}
.flag.seed{background:#ffd8d8}.flag.cleared{background:#d8f5d8}.flag.lead{background:#fff0c0}
#timeline{position:relative;height:84px;border:1px solid #ccc;border-top:none;background:#fff}
#timeline canvas{position:absolute;inset:0;width:100%;height:100%;cursor:crosshair;touch-action:none}
#status{font-size:12px;color:#444;margin:4px 0}
.note{font-size:12px;color:#555}
.__________cytoscape_container{position:relative}
)css";

}  // namespace

// ---- colours ------------------------------------------------------------------------------------

Colours::Colours(const Drawing& d) {
  // the communities with most nodes in the drawing get the palette (on a large case the largest
  // communities need not be the ones drawn), the rest grey
  std::map<std::int64_t, std::size_t> drawn;
  for (const DrawNode& n : d.nodes) ++drawn[n.community];
  std::vector<std::pair<std::int64_t, std::size_t>> by_count(drawn.begin(), drawn.end());
  std::stable_sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (std::size_t i = 0; i < by_count.size() && i < kPalette.size(); ++i) {
    index_.emplace_back(by_count[i].first, static_cast<int>(i));
    coloured_.push_back(by_count[i].first);
  }
  std::sort(index_.begin(), index_.end());
}

int Colours::index(std::int64_t community) const {
  const auto it = std::lower_bound(index_.begin(), index_.end(), std::make_pair(community, -1));
  return it != index_.end() && it->first == community ? it->second : -1;
}

std::string Colours::of(std::int64_t community) const {
  const int i = index(community);
  return i < 0 ? std::string(kGrey) : kPalette[static_cast<std::size_t>(i)];
}

const std::vector<std::string>& Colours::palette() { return kPalette; }

std::string_view page_css() { return kCss; }

std::string short_num(double v) { return std::isfinite(v) ? fmt::format("{:.4g}", v) : std::string("–"); }

std::string plural_kind(NodeKind k, std::size_t n) {
  const std::string name(to_string(k));
  if (n == 1) return name;
  return k == NodeKind::country ? std::string("countries") : name + "s";
}

namespace {

// 'sha256-<base64>' of a script or stylesheet, for the Content-Security-Policy.
std::string csp_hash(std::string_view text) {
  const std::string hex = sha256_hex(text);
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  static constexpr char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
    std::uint32_t v = 0;
    for (std::size_t j = 0; j < 3; ++j) v = (v << 8) | (j < n ? static_cast<unsigned char>(bytes[i + j]) : 0u);
    for (std::size_t j = 0; j < 4; ++j) out += j <= n ? kB64[(v >> (18 - 6 * j)) & 63u] : '=';
  }
  return "'sha256-" + out + "'";
}

std::string css_with_palette() {
  std::string css(kCss);
  for (std::size_t i = 0; i < kPalette.size(); ++i) css += fmt::format(".sw.c{}{{color:{}}}", i, kPalette[i]);
  return css + ".sw.c-1{color:" + kGrey + "}\n";
}

void append_head(std::string& h, const std::string& css, std::string_view script) {
  h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // No request of any kind (default-src 'none'); only this page's script and stylesheet run.
  h += fmt::format("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src {}; "
                   "style-src {}; img-src data: blob:; base-uri 'none'; form-action 'none'\">\n",
                   script.empty() ? std::string("'none'") : csp_hash(script), csp_hash(css));
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += "<meta name=\"referrer\" content=\"no-referrer\">\n";
  // The id is the one cytoscape.js looks for before it injects its own one-rule stylesheet, which
  // the policy above would refuse; the rule itself is in page_css().
  h += "<title>corridor report</title>\n<style id=\"__________cytoscape_stylesheet\">" + css +
       "</style>\n</head>\n<body>\n";
}

void append_header(std::string& h, const AnalysisResult& r, const Namer& names) {
  h += "<header>\n<h1>corridor report</h1>\n";
  h += fmt::format("<p>Case <code class=\"iso\">{}</code>, analysed {} with corridor {}{}.</p>\n",
                   html_escape(names.file(r.origin)), r.date,
                   CORRIDOR_VERSION_STRING, names.pseudonymized() ? "; ids and labels are keyed pseudonyms" : "");
  h += "<p class=\"caveat\"><strong>Scores are investigative leads, not findings.</strong> A high score, a central "
       "position or a place in a community says where to look next, never that a person did anything: every lead "
       "must be checked against the evidence behind it (click a node, or see the paths below). "
       "<strong>Most people in a smuggling case are smuggled persons</strong> (migrants): they are the people the "
       "crime is committed against, and being moved by or paying a smuggler is not evidence of affiliation.</p>\n"
       "</header>\n";
}

void append_view(std::string& h, const Case& c, const AnalysisResult& r) {
  const Drawing& d = r.drawing;
  h += "<section id=\"explore\" aria-label=\"network view\">\n<h2 id=\"network\">The network</h2>\n";
  h += fmt::format(
      "<p class=\"note\">{} of {} nodes are in this view. At first it shows the people who matter individually "
      "(seeds, key players, top leads) and groups of the others by community and kind (dashed, size by members); "
      "double-click a group, or use a node's panel, to expand. Colour: community; shape: kind; size: {}; tie width: "
      "tie strength (relation, grading, volume). Click a node for its score, rank and evidence paths. Countries and "
      "places are hidden unless asked for: nationality is not evidence.</p>\n",
      d.page.size(), c.num_nodes(), r.has_scores ? "affiliation score" : "PageRank");
  h += "<div id=\"toolbar\"></div>\n<div id=\"workspace\"><div id=\"view\"></div>"
       "<aside id=\"panel\" aria-live=\"polite\"><p class=\"note\">Click a node to see why it is here.</p></aside>"
       "</div>\n<div id=\"timeline\" title=\"evidence dates: drag to keep only the ties with evidence in a period; "
       "click to clear\"></div>\n<p id=\"status\"></p>\n"
       "<noscript><p>The network view needs JavaScript; the tables below read without it.</p></noscript>\n"
       "</section>\n";
}

}  // namespace

}  // namespace detail

bool report_is_interactive() noexcept { return !detail::web_bundle().empty(); }

std::string report_html(const Case& c, const AnalysisResult& r) {
  return detail::report_html(c, r, detail::Namer(c, r.params.pseudonym_key));
}

std::string detail::report_html(const Case& c, const AnalysisResult& r, const Namer& names) {
  using namespace detail;
  const Colours colours(r.drawing);
  const std::string_view bundle = r.params.page == ReportPage::interactive ? web_bundle() : std::string_view();
  const std::string css = css_with_palette();
  std::string h;
  h.reserve(1 << 20);
  append_head(h, css, bundle);
  append_header(h, r, names);
  h += "<main>\n";
  std::vector<std::uint32_t> page_index;
  if (!bundle.empty()) {
    page_index.assign(c.num_nodes(), static_cast<std::uint32_t>(-1));
    for (std::size_t i = 0; i < r.drawing.page.size(); ++i)
      page_index[r.drawing.page[i].node] = static_cast<std::uint32_t>(i);
    append_view(h, c, r);
  } else {
    append_svg_drawing(h, c, r, names, colours);
    if (r.params.page == ReportPage::interactive)
      h += "<p class=\"note\">This copy of corridor was built without its interactive view (web/node_modules was "
           "missing at build time); the drawing above is static.</p>\n";
  }
  append_tables(h, c, r, names, colours, page_index);
  const std::string_view licences = web_licences();
  if (!bundle.empty() && !licences.empty()) {
    h += "<details id=\"licences-section\"><summary>Third-party software in this page and its licences</summary>"
         "<pre class=\"note\">" + html_escape(licences) + "</pre></details>\n";
  }
  h += "</main>\n";
  if (!bundle.empty()) {
    h += "<script type=\"application/json\" id=\"corridor-data\">";
    h += page_data_json(c, r, names, colours);
    h += "</script>\n<script>";
    h += bundle;
    h += "</script>\n";
  }
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace corridor

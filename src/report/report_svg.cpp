// The static SVG drawing of the overview: what report.html shows when the library was built
// without its web bundle (and a readable picture in any case). Polygons by kind, colour by
// community, groups dashed; labels that would overlap a placed label are left to the tooltip.
#include <fmt/core.h>

#include <algorithm>
#include <cmath>

#include "report/report_impl.hpp"

namespace corridor::detail {

namespace {

// A regular polygon (or circle) of radius rad at (x, y) for a kind; groups are dashed.
std::string shape(NodeKind k, double x, double y, double rad, const std::string& fill, bool group) {
  const std::string style = fmt::format(R"( fill="{}" fill-opacity="{}" stroke="#222" stroke-width="{}"{})", fill,
                                        group ? 0.55 : 0.9, group ? 1.2 : 0.8, group ? R"( stroke-dasharray="3 2")" : "");
  int sides = 0;
  double turn = 0;
  const double pi = std::acos(-1.0);
  switch (k) {
    case NodeKind::migrant: return fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}"{}/>)", x, y, rad, style);
    case NodeKind::smuggler: sides = 4, turn = pi / 4; break;
    case NodeKind::facilitator: sides = 4; break;
    case NodeKind::organization: sides = 3, turn = -pi / 2; break;
    case NodeKind::person: sides = 6; break;
    case NodeKind::asset: sides = 5, turn = -pi / 2; break;
    default: sides = 8; break;
  }
  std::string points;
  for (int i = 0; i < sides; ++i) {
    const double a = turn + 2 * pi * i / sides;
    points += fmt::format("{}{:.1f},{:.1f}", i ? " " : "", x + rad * std::cos(a), y + rad * std::sin(a));
  }
  return fmt::format(R"(<polygon points="{}"{}/>)", points, style);
}

// Radius of a drawn node in the 1000 x 720 drawing: individuals by weight, groups by members.
struct Radius {
  double wmax = 0, mmax = 1, group_scale = 0;
  explicit Radius(const Drawing& d) {
    std::size_t group_count = 0;
    for (const DrawNode& n : d.nodes) {
      if (n.node != kNoNode) wmax = std::max(wmax, n.weight);
      else mmax = std::max(mmax, static_cast<double>(n.members)), ++group_count;
    }
    // groups: area grows with members, the largest at radius 6 + min(24, 2.2 sqrt(largest))
    group_scale = std::min({24.0, 2.2 * std::sqrt(mmax),
                            180.0 / std::sqrt(static_cast<double>(std::max<std::size_t>(1, group_count)))});
  }
  double operator()(const DrawNode& n) const {
    if (n.node == kNoNode) return 6.0 + group_scale * std::sqrt(static_cast<double>(n.members) / mmax);
    return 5.0 + (wmax > 0 ? 11.0 * std::sqrt(std::max(0.0, n.weight) / wmax) : 0.0);
  }
};

constexpr double W = 1000, H = 720, M = 40;
double px(const DrawNode& n) { return M + n.x * (W - 2 * M); }
double py(const DrawNode& n) { return M + n.y * (H - 2 * M); }

std::string node_text(const DrawNode& n, const Namer& names) {
  if (n.node != kNoNode) {
    const std::string label = names.label(n.node);
    return label.empty() ? names.id(n.node) : label;
  }
  std::string t = n.mixed ? fmt::format("{} actors (mostly {})", n.members, plural_kind(n.kind, 2))
                          : fmt::format("{} {}", n.members, plural_kind(n.kind, n.members));
  if (!n.country.empty()) t += " from " + names.place(n.country);
  return t + fmt::format(" in community {}", n.community);
}

// Labels in order of size; one that would overlap a placed label is left to the node's tooltip,
// so the drawing stays readable where it is dense.
void append_labels(std::string& h, const Drawing& d, const Namer& names, const Radius& radius) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < d.nodes.size(); ++i)
    if (d.nodes[i].labelled) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return radius(d.nodes[a]) > radius(d.nodes[b]); });
  struct Box {
    double x0, y0, x1, y1;
  };
  std::vector<Box> placed;
  for (std::size_t i : order) {
    const DrawNode& n = d.nodes[i];
    const std::string text = node_text(n, names);
    // labels right of the node, or left of it near the right edge
    const double width = 6.3 * static_cast<double>(text.size());
    const bool left = px(n) + radius(n) + 2 + width > W - 4;
    const double x0 = left ? px(n) - radius(n) - 2 - width : px(n) + radius(n) + 2;
    const Box b{x0, py(n) - 7, x0 + width, py(n) + 6};
    bool clash = false;
    for (const Box& o : placed) clash = clash || (b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1);
    if (clash) continue;
    placed.push_back(b);
    h += fmt::format("<text class=\"lbl\" x=\"{:.1f}\" y=\"{:.1f}\"{}>{}</text>\n", left ? b.x1 : b.x0, py(n) + 4,
                     left ? " text-anchor=\"end\"" : "", html_escape(text));
  }
}

}  // namespace

void append_svg_drawing(std::string& h, const Case& c, const AnalysisResult& r, const Namer& names,
                        const Colours& colours) {
  (void)c;
  const Drawing& d = r.drawing;
  const Radius radius(d);
  h += "<h2 id=\"drawing\">The network</h2>\n";
  h += fmt::format(
      "<p>{} drawn nodes stand for {} actors and assets: people who matter individually (seeds, key players, top "
      "leads, then by {}) are drawn alone; the others are grouped by community and kind, migrants also by origin "
      "country, or by community alone when a large case needs it (dashed outlines, size by number of members). Colour: community; shape: kind; size: {}. Countries, "
      "locations, nationality and transit ties are not drawn.{}</p>\n",
      d.nodes.size(), d.nodes_shown, r.has_scores ? "score" : "PageRank",
      r.has_scores ? "affiliation score" : "PageRank",
      d.nodes_left_out ? fmt::format(" {} actors of further small groups are left out of the drawing (they are in the "
                                     "CSV files).",
                                     d.nodes_left_out)
                       : std::string());
  h += fmt::format("<svg id=\"network\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" "
                   "aria-label=\"network drawing\">\n<g class=\"ties\" stroke=\"#777\" stroke-opacity=\"0.35\">\n",
                   W, H);
  for (const DrawEdge& e : d.edges) {
    const DrawNode &a = d.nodes[e.a], &b = d.nodes[e.b];
    h += fmt::format(R"(<line class="tie" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke-width="{:.2f}"/>)",
                     px(a), py(a), px(b), py(b), 0.6 + 0.7 * std::log1p(static_cast<double>(e.ties)));
    h += '\n';
  }
  h += "</g>\n<g class=\"nodes\">\n";
  for (const DrawNode& n : d.nodes) {
    const bool group = n.node == kNoNode;
    h += fmt::format("<g class=\"node\" data-kind=\"{}\" data-members=\"{}\" data-community=\"{}\"><title>{}</title>",
                     to_string(n.kind), n.members, n.community,
                     html_escape(node_text(n, names) + (group ? std::string() : " (" + std::string(to_string(n.kind)) + ")")));
    h += shape(n.kind, px(n), py(n), radius(n), colours.of(n.community), group);
    h += "</g>\n";
  }
  h += "</g>\n<g class=\"labels\">\n";
  append_labels(h, d, names, radius);
  h += "</g>\n</svg>\n<p class=\"legend\">";
  for (NodeKind k : {NodeKind::smuggler, NodeKind::facilitator, NodeKind::organization, NodeKind::person,
                     NodeKind::migrant, NodeKind::asset})
    h += fmt::format("<span><svg width=\"16\" height=\"16\" viewBox=\"0 0 16 16\">{}</svg> {}</span>",
                     shape(k, 8, 8, 6, "#bbb", false), to_string(k));
  h += "<br>";
  for (std::int64_t k : colours.coloured())
    h += fmt::format("<span><svg width=\"12\" height=\"12\"><rect width=\"12\" height=\"12\" fill=\"{}\"/></svg> "
                     "community {}</span>",
                     colours.of(k), k);
  if (colours.coloured().size() < r.community_count) h += "<span>other communities: grey</span>";
  h += "</p>\n";
}

}  // namespace corridor::detail
